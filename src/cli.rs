//! The command line: clap types live here only and are resolved once into [`Command`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::bench::BenchOptions;
use crate::compile::worker::Limits;
use crate::error::Error;
use crate::load::event::{Audience, EventSource};
use crate::load::roster::{self, Shard};
use crate::pipeline::{BuildOptions, PreviewOptions};

/// Builds ready-to-present sextortion-prevention workshop kits from one event file.
///
/// Each kit is a zip for one audience (parents, teens or school staff) and language: a 16:9 slide
/// deck with presenter notes, a start-here guide, wallet cards, a resource sheet and handouts,
/// filled with the event's own details and the region's helplines, every fact with its source.
#[derive(Parser, Debug)]
#[command(name = "workshop", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: CliCommand,
}

#[derive(Subcommand, Debug)]
enum CliCommand {
    /// Build the kits: one zip per audience and language in the output folder.
    ///
    /// Without --event, builds the embedded demo event (examples/demo.toml).
    Build {
        #[command(flatten)]
        input: InputArgs,
        /// Folder the zips are written to (created if missing).
        #[arg(long, value_name = "DIR", default_value = "dist")]
        out: PathBuf,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Also write the generated Typst sources, with their themes, pictures and fonts, into
        /// DIR (one folder per kit), for editing Typst directly or compiling with Typst itself.
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
        /// Leave the editable PowerPoint deck (slides.pptx) out of the kits.
        #[arg(long)]
        no_pptx: bool,
    },
    /// Check the event file, content and templates, and compile everything in memory;
    /// writes no files.
    Check {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Write PNG pictures of one audience's slides, to check a change quickly.
    Preview {
        /// The event file; default: the embedded demo event.
        #[arg(long, value_name = "FILE")]
        event: Option<PathBuf>,
        /// Whose deck: parents, teens or staff.
        #[arg(long, value_name = "NAME")]
        audience: String,
        /// Only this slide (1 is the title slide); default: every slide.
        #[arg(long, value_name = "N")]
        slide: Option<usize>,
        /// The kit's language; default: the event's first language.
        #[arg(long = "lang", value_name = "CODE")]
        language: Option<String>,
        /// Use templates and content from DIR where it has them (as for `build`).
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Folder the pictures are written to (created if missing).
        #[arg(long, value_name = "DIR", default_value = "preview")]
        out: PathBuf,
    },
    /// Measure where a build's time goes: each stage, the whole build, and (with
    /// --standalone-python) a standalone Typst compiling the same documents one by one.
    Bench {
        /// The event file; default: the embedded demo event.
        #[arg(long, value_name = "FILE")]
        event: Option<PathBuf>,
        /// How many times to measure (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// A Python that has the `typst` package, for the standalone comparison.
        #[arg(long, value_name = "PYTHON")]
        standalone_python: Option<PathBuf>,
        /// Also build a roster of this many schools (the demo event under new names) and
        /// compare its time per kit with a roster of one.
        #[arg(long, value_name = "ROWS")]
        batch: Option<usize>,
    },
    /// Merge the run summaries (summary.json) of several output folders, such as a roster's
    /// shards, into one summary.json and summary.md.
    Summary {
        /// The output folders of the runs.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Where the merged summary is written.
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
    /// List the audiences, documents, regions and languages available.
    List,
    /// Write a commented event file to start from.
    Init {
        /// Where to write it (refuses to overwrite an existing file); default event.toml, or
        /// schools.csv with --roster.
        path: Option<PathBuf>,
        /// Write a sample roster of schools (CSV) instead of an event file.
        #[arg(long)]
        roster: bool,
    },
}

#[derive(Args, Debug)]
struct InputArgs {
    /// The event file (TOML; see `workshop init` and README.md); repeat it, or give a folder of
    /// event files, to build many events in one run. With --roster, the one file of settings
    /// every row shares.
    #[arg(long = "event", value_name = "FILE")]
    events: Vec<PathBuf>,
    /// A roster of schools: a CSV file (comma or semicolon, as spreadsheets save it) with one
    /// event a row, its header the event file's keys (see README.md). With one --event beside
    /// it, that file's settings (logo, accent, reporting steps, contacts) are every row's, each
    /// row overriding the keys it sets; it may leave out organization and date.
    #[arg(long, value_name = "FILE")]
    roster: Option<PathBuf>,
    /// With --roster: build only shard I of N (1-based): data rows r with (r - 1) mod N = I - 1,
    /// so N machines together build the whole roster. Every row is still checked.
    #[arg(
        long,
        value_name = "I/N",
        requires = "roster",
        conflicts_with = "shard_from_env"
    )]
    shard: Option<String>,
    /// With --roster and --shards N: take this machine's shard from JOB_COMPLETION_INDEX (0-based,
    /// as a Kubernetes Indexed Job sets it): index k builds shard k + 1 of N.
    #[arg(long, requires = "shards")]
    shard_from_env: bool,
    /// The number of shards for --shard-from-env.
    #[arg(long, value_name = "N", requires = "roster")]
    shards: Option<usize>,
    /// Build only this audience (repeatable): parents, teens or staff.
    #[arg(long = "audience", value_name = "NAME")]
    audiences: Vec<String>,
    /// Build only this language's kits (repeatable), replacing the event's `languages`: en, es,
    /// fr. The school's posters and letters are still made in every language of the event.
    #[arg(long = "lang", value_name = "CODE")]
    languages: Vec<String>,
    /// With --templates: stop compiling a document from a custom template after SECONDS.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
    /// With --templates: the memory a document from a custom template may use, e.g. 4GiB, 512MiB.
    #[arg(long, value_name = "SIZE", default_value = "4GiB")]
    memory_limit: String,
    /// Use templates and content from DIR where it has a file of the same relative path
    /// (decks/slides.typ.j2, content/teens.toml, ...); embedded files fill the rest.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

/// A resolved command.
#[derive(Debug)]
pub enum Command {
    Build(BuildOptions),
    Bench(BenchOptions),
    Preview(PreviewOptions),
    List,
    Init { path: PathBuf, roster: bool },
    Summary { dirs: Vec<PathBuf>, out: PathBuf },
}

/// Parses the command line (exits with clap's message on malformed arguments).
pub fn parse() -> Result<Command, Error> {
    resolve(Cli::parse())
}

fn resolve(cli: Cli) -> Result<Command, Error> {
    Ok(match cli.command {
        CliCommand::Build {
            input,
            out,
            quiet,
            sources,
            no_pptx,
        } => Command::Build(BuildOptions {
            sources,
            skip_outputs: if no_pptx { vec!["pptx"] } else { Vec::new() },
            ..options(input, Some(out), quiet)?
        }),
        CliCommand::Check { input } => Command::Build(options(input, None, true)?),
        CliCommand::Preview {
            event,
            audience,
            slide,
            language,
            templates,
            out,
        } => Command::Preview(PreviewOptions {
            language,
            event: event.map_or(EventSource::Embedded, EventSource::File),
            audience: parse_audience(&audience)?,
            slide,
            templates,
            out,
        }),
        CliCommand::Bench {
            event,
            runs,
            standalone_python,
            batch,
        } => Command::Bench(BenchOptions {
            event: event.map_or(EventSource::Embedded, EventSource::File),
            runs,
            standalone_python,
            batch,
        }),
        CliCommand::List => Command::List,
        CliCommand::Summary { dirs, out } => Command::Summary { dirs, out },
        CliCommand::Init { path, roster } => Command::Init {
            path: path.unwrap_or_else(|| {
                PathBuf::from(if roster { "schools.csv" } else { "event.toml" })
            }),
            roster,
        },
    })
}

fn options(input: InputArgs, out: Option<PathBuf>, quiet: bool) -> Result<BuildOptions, Error> {
    let audiences = if input.audiences.is_empty() {
        None
    } else {
        let mut list = Vec::new();
        for name in &input.audiences {
            let audience = parse_audience(name)?;
            if !list.contains(&audience) {
                list.push(audience);
            }
        }
        Some(list)
    };
    let memory_bytes = parse_size(&input.memory_limit).ok_or_else(|| {
        Error::usage(format!(
            "`--memory-limit {}` is not a size",
            input.memory_limit
        ))
        .with_hint("write a size such as 4GiB or 512MiB")
    })?;
    if input.timeout == 0 {
        return Err(Error::usage("`--timeout` must be at least 1 second"));
    }
    Ok(BuildOptions {
        sources: None,
        limits: Limits {
            timeout: std::time::Duration::from_secs(input.timeout),
            memory_bytes,
        },
        events: match &input.roster {
            Some(roster) => {
                let shard = match (&input.shard, input.shard_from_env) {
                    (Some(text), _) => Some(Shard::parse(text)?),
                    (None, true) => Some(Shard::from_env(input.shards.unwrap_or(1))?),
                    (None, false) => None,
                };
                let shared = match input.events.as_slice() {
                    [] => None,
                    [file] if !file.is_dir() => Some(roster::Shared::read(file)?),
                    _ => {
                        return Err(Error::usage(
                            "with --roster, give at most one --event: a file of the settings every row shares",
                        ));
                    }
                };
                roster::read(roster, shard, shared)?
                    .into_iter()
                    .map(|row| EventSource::Row(Box::new(row)))
                    .collect()
            }
            None => input.events.into_iter().map(EventSource::File).collect(),
        },
        audiences,
        languages: (!input.languages.is_empty()).then_some(input.languages),
        templates: input.templates,
        out,
        quiet,
        skip_outputs: Vec::new(),
    })
}

/// A size such as `4GiB`, `512MiB`, `2G` or `1500M` in bytes (at least 64 MiB).
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "g" | "gb" | "gib" => 1 << 30,
        "m" | "mb" | "mib" | "" => 1 << 20,
        _ => return None,
    };
    number
        .checked_mul(factor)
        .filter(|bytes| *bytes >= 64 << 20)
}

/// An audience named on the command line.
fn parse_audience(name: &str) -> Result<Audience, Error> {
    Audience::parse(name).map_err(|crate::load::event::UnknownName { valid, hint }| {
        let error = Error::usage(format!("unknown audience `{name}` in --audience; {valid}"));
        match hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_in_binary_units() {
        assert_eq!(parse_size("4GiB"), Some(4 << 30));
        assert_eq!(parse_size("512MiB"), Some(512 << 20));
        assert_eq!(parse_size("1500"), Some(1500 << 20));
        assert_eq!(parse_size("1k"), None);
        assert_eq!(parse_size("10M"), None, "too small to run Typst");
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn check_writes_nothing_and_audiences_resolve() {
        let cli = Cli::try_parse_from([
            "workshop",
            "check",
            "--audience",
            "teens",
            "--audience",
            "staff",
        ])
        .unwrap();
        let Command::Build(options) = resolve(cli).unwrap() else {
            panic!("check is a build without output")
        };
        assert!(options.out.is_none());
        assert_eq!(
            options.audiences,
            Some(vec![Audience::Teens, Audience::Staff])
        );
        let cli = Cli::try_parse_from(["workshop", "build", "--audience", "kids"]).unwrap();
        assert!(
            resolve(cli)
                .unwrap_err()
                .to_string()
                .contains("unknown audience `kids`")
        );
    }
}
