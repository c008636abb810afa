//! What each slide says, as editable text: the same words the deck template prints, from the
//! same plan, grouped into the shapes of a PowerPoint slide.

use super::typography::{quoted, spaced_colons, typographic, typographic_paras};
use crate::plan::{BarView, EventView, FactView, Kit, Labels, ResourceView, SlideView, label};
use crate::render::environment::short_url;

/// A paragraph of a text shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub text: String,
    pub bold: bool,
    /// Points; `None` takes the placeholder's size.
    pub size: Option<u32>,
    pub kind: ParaKind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParaKind {
    Plain,
    Bullet,
    Numbered,
}

impl Para {
    /// A slide title: bold, at the title placeholder's size.
    pub fn title(text: &str) -> Self {
        Para::bold(text)
    }
    /// A small line (source, footer) at `size` points.
    pub fn plain_sized(text: &str, size: u32) -> Self {
        Para::plain(text).sized(size)
    }
    fn plain(text: impl Into<String>) -> Self {
        Para {
            text: text.into(),
            bold: false,
            size: None,
            kind: ParaKind::Plain,
        }
    }
    fn bold(text: impl Into<String>) -> Self {
        Para {
            bold: true,
            ..Para::plain(text)
        }
    }
    fn sized(mut self, size: u32) -> Self {
        self.size = Some(size);
        self
    }
    fn with(mut self, kind: ParaKind) -> Self {
        self.kind = kind;
        self
    }
}

/// The text of one slide: its title, its body (one or two columns) and its source line.
#[derive(Debug, Clone, Default)]
pub struct SlideText {
    /// Whether the slide uses the title layout (title and subtitle).
    pub opening: bool,
    pub title: String,
    pub body: Vec<Para>,
    /// The second column of a two-column slide.
    pub right: Vec<Para>,
    pub source: Option<String>,
    /// Whether the slide is one of the deck's full-bleed colour slides (white on navy).
    pub dark: bool,
    /// A statistic's bars, drawn as shapes beside the figure, and the chart's alternative text.
    pub chart: Vec<BarView>,
    pub chart_alt: Option<String>,
    /// The slide's icon, by name.
    pub icon: Option<String>,
    /// Whether the icon sits small beside the title (charts, channels and contacts, as in the
    /// deck) rather than large left of the body.
    pub icon_beside_title: bool,
    /// Whether the body starts at the top (lists of contacts, lines and sources).
    pub top: bool,
    /// The footer every slide but the title slide has: the organization and the slide number.
    pub footer: Option<(String, usize)>,
}

/// A fact as a slide shows it: its short wording, after its region label.
fn short(f: &FactView) -> String {
    match &f.region_label {
        Some(region) => format!("{region}: {}", f.short),
        None => f.short.clone(),
    }
}

/// A fact's citation as the slide's source line names it.
fn cite(f: &FactView) -> String {
    match &f.region_label {
        Some(region) => format!("{region}, {}", f.cite),
        None => f.cite.clone(),
    }
}

/// "Source: a" or "Sources: a; b", as the deck's footnote.
fn source_line(labels: &Labels, cites: Vec<String>) -> Option<String> {
    match cites.len() {
        0 => None,
        1 => Some(format!("{}: {}", label(labels, "source"), cites[0])),
        _ => Some(format!(
            "{}: {}",
            label(labels, "sources"),
            cites.join("; ")
        )),
    }
}

/// How a channel is reached: scope, call, text and address, joined as the slide shows them.
fn reach(labels: &Labels, r: &ResourceView) -> String {
    let mut parts = Vec::new();
    parts.extend(r.scope.clone());
    parts.extend(
        r.phone
            .as_ref()
            .map(|p| format!("{} {p}", label(labels, "call"))),
    );
    parts.extend(
        r.sms
            .as_ref()
            .map(|s| format!("{} {s}", label(labels, "text"))),
    );
    parts.extend(r.url.clone());
    parts.join(" · ")
}

fn presenter_line(event: &EventView, separator: &str) -> Option<String> {
    let p = event.presenter.as_ref()?;
    let mut line = p.name.to_string();
    if let Some(role) = &p.role {
        line.push_str(&format!(", {role}"));
    }
    for extra in [&p.email, &p.phone].into_iter().flatten() {
        line.push_str(&format!("{separator}{extra}"));
    }
    Some(line)
}

/// The text of `slide` of `kit`.
pub fn slide_text(kit: &Kit, event: &EventView, slide: &SlideView) -> SlideText {
    let labels = &kit.labels;
    let mut text = SlideText {
        title: slide.title.clone(),
        ..SlideText::default()
    };
    let facts_source = |facts: &[FactView]| source_line(labels, facts.iter().map(cite).collect());
    match slide.kind.as_str() {
        "title" => opening_text(kit, event, &mut text),
        "callout" | "section" => text.body.extend(slide.text.iter().map(Para::plain)),
        "bullets" | "steps" | "reporting-steps" => {
            let (items, kind) = if slide.kind == "bullets" {
                (&slide.points, ParaKind::Bullet)
            } else {
                (&slide.steps, ParaKind::Numbered)
            };
            text.body
                .extend(items.iter().map(|p| Para::plain(p).with(kind)));
            text.body
                .extend(slide.facts.iter().map(|f| Para::plain(short(f)).sized(28)));
            text.source = facts_source(&slide.facts);
        }
        "statistic" | "quote" => {
            if let Some(f) = &slide.fact {
                fact_text(kit, slide, f, &mut text);
                text.source = facts_source(std::slice::from_ref(f));
            }
        }
        "two-column" => {
            let column = |heading: &Option<String>, items: &[String]| -> Vec<Para> {
                heading
                    .iter()
                    .map(Para::bold)
                    .chain(items.iter().map(|p| Para::plain(p).with(ParaKind::Bullet)))
                    .collect()
            };
            text.body = column(&slide.left_heading, &slide.left);
            text.right = column(&slide.right_heading, &slide.right);
        }
        "resources" | "contacts" => channels_text(labels, slide, &mut text),
        "help" | "questions" => help_text(kit, event, slide, &mut text),
        "sources" => sources_text(labels, slide, &mut text),
        _ => text.body.extend(
            slide
                .points
                .iter()
                .map(|p| Para::plain(p).with(ParaKind::Bullet)),
        ),
    }
    // Titles and the project's own words are prose; names, numbers and addresses of channels,
    // contacts and sources are printed as written.
    text.title = typographic(&text.title);
    match slide.kind.as_str() {
        "title" => typographic_paras(&mut text.body[..1]),
        "resources" | "contacts" | "help" | "questions" | "sources" => {}
        _ => {
            typographic_paras(&mut text.body);
            typographic_paras(&mut text.right);
        }
    }
    if kit.language.as_str() == "fr" {
        text.title = spaced_colons(&text.title);
        for p in text.body.iter_mut().chain(text.right.iter_mut()) {
            p.text = spaced_colons(&p.text);
        }
        text.source = text.source.as_deref().map(spaced_colons);
    }
    text.icon = slide.icon.clone();
    text.icon_beside_title =
        !text.chart.is_empty() || matches!(slide.kind.as_str(), "resources" | "contacts");
    text.footer = (slide.kind != "title").then(|| (event.organization.clone(), slide.number));
    text.top = matches!(
        slide.kind.as_str(),
        "help" | "questions" | "sources" | "contacts" | "resources"
    );
    text.dark = slide.key
        || matches!(
            slide.kind.as_str(),
            "title" | "section" | "help" | "questions"
        );
    text
}

/// The title slide: the deck's title, its subtitle, who, when, where and the presenter.
fn opening_text(kit: &Kit, event: &EventView, text: &mut SlideText) {
    text.opening = true;
    text.title = kit.deck.title.clone();
    text.body.push(Para::plain(&kit.deck.subtitle));
    text.body.push(Para::bold(&event.organization).sized(20));
    let mut when = event.date_long.clone();
    if let Some(venue) = &event.venue {
        when.push_str(&format!(" · {venue}"));
    }
    text.body.push(Para::plain(when).sized(20));
    if let Some(p) = &event.presenter {
        let role = p
            .role
            .as_ref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default();
        text.body
            .push(Para::plain(format!("{}{role}", p.name)).sized(20));
    }
}

/// A statistic (its figure, what it counts, the slide's line) or a quotation and its speaker.
fn fact_text(kit: &Kit, slide: &SlideView, f: &FactView, text: &mut SlideText) {
    if slide.kind == "statistic" {
        text.body
            .extend(f.figure.iter().map(|fig| Para::bold(fig).sized(96)));
        text.body.push(Para::plain(short(f)));
        text.body
            .extend(slide.text.iter().map(|t| Para::plain(t).sized(28)));
        text.chart = f.series.clone();
        text.chart_alt = f.chart_alt.clone();
    } else {
        text.body.push(Para::plain(quoted(kit, &f.claim)).sized(36));
        let mut by = f.attribution.clone().unwrap_or_else(|| f.cite.clone());
        if let Some(region) = &f.region_label {
            by = format!("{region}, {by}");
        }
        text.body.push(Para::plain(format!("— {by}")).sized(20));
    }
}

/// Channels (name, how to reach them, their sources) or local contacts (name, role, reach).
fn channels_text(labels: &Labels, slide: &SlideView, text: &mut SlideText) {
    for r in &slide.resources {
        text.body.push(Para::bold(&r.name));
        text.body.push(Para::plain(reach(labels, r)).sized(24));
    }
    text.source = source_line(
        labels,
        slide
            .resources
            .iter()
            .map(|r| format!("{}: {}", r.name, r.cite))
            .collect(),
    );
    for c in &slide.contacts {
        let mut name = c.name.to_string();
        if let Some(role) = &c.role {
            name.push_str(&format!(", {role}"));
        }
        text.body.push(Para::bold(name));
        let reach: Vec<String> = [&c.phone, &c.email, &c.location]
            .into_iter()
            .flatten()
            .map(ToString::to_string)
            .collect();
        text.body.push(Para::plain(reach.join(" · ")).sized(24));
    }
}

/// The Sources slide: its lead line and one entry per source, with the address people type.
fn sources_text(labels: &Labels, slide: &SlideView, text: &mut SlideText) {
    text.body
        .push(Para::plain(label(labels, "sources-lead")).sized(16));
    for s in &slide.sources {
        let date = if s.date == "undated" {
            label(labels, "undated")
        } else {
            s.date.clone()
        };
        let mut entry = format!("{}. {}. {date}.", s.publisher, s.title);
        if !s.url.is_empty() {
            entry.push_str(&format!(" {}", short_url(&s.url)));
        }
        text.body.push(Para::plain(entry).sized(14));
    }
}

/// The closing slide: its line, the local contacts (with the person the school designates, for
/// staff) beside the region's lines (with the state's report line, for staff), the presenter.
fn help_text(kit: &Kit, event: &EventView, slide: &SlideView, text: &mut SlideText) {
    let labels = &kit.labels;
    let staff = kit.audience.as_str() == "staff";
    text.body
        .extend(slide.text.iter().map(|t| Para::plain(t).sized(24)));
    if slide.kind == "help" {
        text.body
            .push(Para::bold(label(labels, "local-contacts")).sized(22));
        if let Some(d) = event.designated_reporter.as_ref().filter(|_| staff) {
            let mut reach = vec![label(labels, "designated-reporter")];
            reach.extend(d.role.as_ref().map(ToString::to_string));
            text.body
                .push(Para::plain(format!("{} · {}", d.name, reach.join(" · "))).sized(20));
        }
        for c in &slide.contacts {
            let reach: Vec<String> = [&c.role, &c.phone, &c.email]
                .into_iter()
                .flatten()
                .map(ToString::to_string)
                .collect();
            text.body
                .push(Para::plain(format!("{} · {}", c.name, reach.join(" · "))).sized(20));
        }
        text.right
            .push(Para::bold(label(labels, "help-lines")).sized(22));
        if let Some(line) = event.report_line.as_ref().filter(|_| staff) {
            text.right.push(
                Para::plain(format!(
                    "{} · {} · {} {}",
                    line.name,
                    label(labels, "report-line"),
                    label(labels, "call"),
                    line.phone
                ))
                .sized(20),
            );
        }
        for r in &slide.resources {
            text.right
                .push(Para::plain(format!("{} · {}", r.name, reach(labels, r))).sized(20));
        }
    }
    text.source = presenter_line(event, " · ");
}

/// The speaker notes: the slide's minutes and running clock first, then its notes, one
/// paragraph per paragraph.
pub fn notes_paragraphs(slide: &SlideView) -> Vec<String> {
    let mut paragraphs = vec![format!(
        "{} min · {} – {}",
        slide.minutes, slide.starts, slide.ends
    )];
    paragraphs.extend(
        slide
            .notes
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty()),
    );
    paragraphs
}
