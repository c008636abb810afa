//! The fact base itself: facts, channels and their sources, loaded and checked, with lookups
//! that refuse what may not be printed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::counts::check_counts;
use super::wording::{SeriesPoint, check_headline, check_series};
use crate::error::Error;
use crate::load::event::{Audience, Region};
use crate::load::toml_file::TomlFile;

/// Where a fact or resource was published.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub date: String,
    /// The page read was a copy, cache or reprint of the publisher's own page on another host:
    /// the source is shown by its publisher and title only, never by the copy's address.
    #[serde(default)]
    pub mirror: bool,
}

impl Source {
    /// The first four-digit year in the source's date, if any.
    pub fn year(&self) -> Option<&str> {
        let bytes = self.date.as_bytes();
        (0..bytes.len().saturating_sub(3))
            .find(|&i| bytes[i..i + 4].iter().all(u8::is_ascii_digit))
            .map(|i| &self.date[i..i + 4])
    }

    /// The short citation used in slide footnotes: publisher and year. A date that is not a
    /// plain date (`form valid to 2027-10-31`, `undated`) is printed as the source gives it,
    /// so that no year is implied that the source does not state.
    pub fn short(&self) -> String {
        let plain = self.date.len() >= 4
            && self.date.chars().all(|c| c.is_ascii_digit() || c == '-')
            && self.date[..4].chars().all(|c| c.is_ascii_digit());
        match self.year() {
            Some(year) if plain => format!("{}, {year}", self.publisher),
            _ => format!("{}, {}", self.publisher, self.date),
        }
    }
}

/// A statistic, quotation or piece of guidance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub claim: String,
    pub figure: Option<String>,
    pub kind: Option<String>,
    pub attribution: Option<String>,
    pub region: Option<String>,
    pub audiences: Vec<String>,
    pub source: Source,
    /// The year after which the figure counts as old (flagged by the content check to come).
    #[allow(dead_code)]
    pub stale_after: Option<i32>,
    pub verified: bool,
    /// The slide wording: at most 14 words, no number its claim does not state.
    pub headline: Option<String>,
    /// Values the claim states at several times, drawn as a bar chart.
    pub series: Option<Vec<SeriesPoint>>,
    /// What a statistic counts (one of [`COUNTS`](super::counts::COUNTS)): sextortion,
    /// financial sextortion, online enticement or all online exploitation.
    pub counts: Option<String>,
}

/// What a reporting channel is for; `crisis` holds the crisis and support lines (988, Childline,
/// Kids Help Phone, Kids Helpline, the NSPCC Helpline for adults).
pub const RESOURCE_ROLES: &[&str] = &["report", "takedown", "crisis"];

/// A reporting channel or helpline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    /// What the channel is for: `report`, `takedown` or `crisis`.
    pub role: String,
    /// Whether the channel may stand on the wallet card's front.
    #[serde(default)]
    pub card: bool,
    pub region: String,
    pub name: String,
    pub what: String,
    pub phone: Option<String>,
    pub sms: Option<String>,
    pub url: Option<String>,
    /// Whom or what the service is for, in the fact base's words, printed with the service
    /// wherever it appears (StopNCII: images taken at 18 or older).
    pub scope: Option<String>,
    /// The service's own Spanish-language option, in its words (988: press 2, text AYUDA),
    /// printed in Spanish kits in that language's wording.
    pub spanish: Option<String>,
    pub audiences: Vec<String>,
    pub source: Source,
    pub verified: bool,
}

impl Resource {
    /// Whether the resource belongs in a kit for `region` (its own region, or `ALL`).
    pub fn serves(&self, region: Region) -> bool {
        self.region == "ALL" || self.region == region.as_str()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBase {
    resource: Vec<Resource>,
    fact: Vec<Fact>,
}

/// The loaded fact base, by id.
#[derive(Debug, Clone)]
pub struct FactBase {
    pub facts: BTreeMap<String, Fact>,
    pub resources: BTreeMap<String, Resource>,
    /// Resources in file order, which is the order they are printed in.
    pub resource_order: Vec<String>,
}

/// Why a fact or resource cannot be printed in a kit.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Unknown { nearest: Option<String> },
    Unverified,
    WrongAudience { audiences: Vec<String> },
}

impl Refusal {
    /// Words for the refusal, for an error message about `id` in a kit for `audience`.
    pub fn into_error(self, error: Error, id: &str, audience: Audience) -> Error {
        match self {
            Refusal::Unknown { nearest } => {
                let error = error.with_note(format!("`{id}` is not an id in content/facts.toml"));
                match nearest {
                    Some(near) => error.with_hint(format!("did you mean `{near}`?")),
                    None => error,
                }
            }
            Refusal::Unverified => error
                .with_note(format!(
                    "`{id}` is marked `verified = false` in content/facts.toml"
                ))
                .with_hint("unverified entries are never printed; use a verified fact instead"),
            Refusal::WrongAudience { audiences } => error.with_note(format!(
                "`{id}` is for {} only, not for {}",
                if audiences.is_empty() {
                    "no audience".to_string()
                } else {
                    audiences.join(", ")
                },
                audience
            )),
        }
    }
}

impl FactBase {
    /// Parses and checks the fact base file.
    pub fn parse(file: &TomlFile) -> Result<Self, Error> {
        let raw: RawBase = file.parse()?;
        let mut facts = BTreeMap::new();
        let mut resources = BTreeMap::new();
        let mut resource_order = Vec::new();
        let problem = |id: &str, message: String| {
            let offset = file.text.find(&format!("id = \"{id}\"")).unwrap_or(0);
            file.error_at(offset..offset, message)
        };
        for resource in raw.resource {
            if resource.region != "ALL" && Region::parse(&resource.region).is_err() {
                return Err(problem(
                    &resource.id,
                    format!(
                        "resource `{}` has an unknown region `{}`",
                        resource.id, resource.region
                    ),
                ));
            }
            check_audiences(&resource.audiences).map_err(|m| problem(&resource.id, m))?;
            if !RESOURCE_ROLES.contains(&resource.role.as_str()) {
                return Err(problem(
                    &resource.id,
                    format!(
                        "resource `{}` has an unknown role `{}`; the roles are {}",
                        resource.id,
                        resource.role,
                        crate::error::list_names(RESOURCE_ROLES.iter().copied())
                    ),
                ));
            }
            resource_order.push(resource.id.clone());
            if resources
                .insert(resource.id.clone(), resource.clone())
                .is_some()
            {
                return Err(problem(
                    &resource.id,
                    format!("resource id `{}` is used twice", resource.id),
                ));
            }
        }
        for fact in raw.fact {
            if let Some(region) = &fact.region
                && Region::parse(region).is_err()
            {
                return Err(problem(
                    &fact.id,
                    format!("fact `{}` has an unknown region `{region}`", fact.id),
                ));
            }
            check_audiences(&fact.audiences).map_err(|m| problem(&fact.id, m))?;
            check_counts(&fact).map_err(|m| {
                problem(&fact.id, m).with_hint(
                    "say what the figure counts, so that no slide shows another count as sextortion",
                )
            })?;
            check_short_forms(&fact).map_err(|m| {
                problem(&fact.id, format!("fact `{}`: {m}", fact.id))
                    .with_hint("a headline or series may drop detail, never add it: keep every number as the claim writes it")
            })?;
            if facts.insert(fact.id.clone(), fact.clone()).is_some()
                || resources.contains_key(&fact.id)
            {
                return Err(problem(&fact.id, format!("id `{}` is used twice", fact.id)));
            }
        }
        Ok(FactBase {
            facts,
            resources,
            resource_order,
        })
    }

    /// The fact `id` if it may be printed for `audience`.
    pub fn fact(&self, id: &str, audience: Audience) -> Result<&Fact, Refusal> {
        let fact = self.facts.get(id).ok_or_else(|| Refusal::Unknown {
            nearest: crate::error::nearest(id, self.facts.keys().map(String::as_str))
                .map(str::to_string),
        })?;
        check_printable(fact.verified, &fact.audiences, audience)?;
        Ok(fact)
    }

    /// The resource `id` if it may be printed for `audience`.
    pub fn resource(&self, id: &str, audience: Audience) -> Result<&Resource, Refusal> {
        let resource = self.resources.get(id).ok_or_else(|| Refusal::Unknown {
            nearest: crate::error::nearest(id, self.resources.keys().map(String::as_str))
                .map(str::to_string),
        })?;
        check_printable(resource.verified, &resource.audiences, audience)?;
        Ok(resource)
    }

    /// The verified resources for `audience` in `region` (and `ALL`), in file order.
    pub fn resources_for(&self, audience: Audience, region: Region) -> Vec<&Resource> {
        self.resource_order
            .iter()
            .filter_map(|id| self.resource(id, audience).ok())
            .filter(|r| r.serves(region))
            .collect()
    }

    /// The most important channels for a wallet card: for each role (report, takedown,
    /// crisis) the first `card` channel of the region itself, else one for every region; a
    /// role the region lacks is left out rather than filled with another region's channel.
    pub fn key_resources(&self, audience: Audience, region: Region) -> Vec<&Resource> {
        let eligible: Vec<&Resource> = self
            .resources_for(audience, region)
            .into_iter()
            .filter(|r| r.card)
            .collect();
        RESOURCE_ROLES
            .iter()
            .filter_map(|role| {
                let of_role = || eligible.iter().filter(|r| r.role == *role);
                of_role()
                    .find(|r| r.region != "ALL")
                    .or_else(|| of_role().next())
                    .copied()
            })
            .collect()
    }
}

fn check_printable(
    verified: bool,
    audiences: &[String],
    audience: Audience,
) -> Result<(), Refusal> {
    if !verified {
        return Err(Refusal::Unverified);
    }
    if !audiences.iter().any(|a| a == audience.as_str()) {
        return Err(Refusal::WrongAudience {
            audiences: audiences.to_vec(),
        });
    }
    Ok(())
}

fn check_audiences(audiences: &[String]) -> Result<(), String> {
    for audience in audiences {
        if let Err(crate::load::event::UnknownName { valid, .. }) = Audience::parse(audience) {
            return Err(format!("unknown audience `{audience}`; {valid}"));
        }
    }
    Ok(())
}

/// A fact's headline and series state only what its claim states; a quotation is never
/// shortened, so it has no headline.
fn check_short_forms(fact: &Fact) -> Result<(), String> {
    if let Some(headline) = &fact.headline {
        if fact.kind.as_deref() == Some("quote") {
            return Err("a quotation has no headline: quotes are never shortened".to_string());
        }
        check_headline(headline, &fact.claim)?;
    }
    if let Some(series) = &fact.series {
        let labels: Vec<&str> = series.iter().map(|p| p.label.as_str()).collect();
        let values: Vec<&str> = series.iter().map(|p| p.value.as_str()).collect();
        check_series(&labels, &values, &fact.claim)?;
    }
    Ok(())
}
