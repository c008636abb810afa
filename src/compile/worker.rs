//! Compiling documents from custom templates in a separate process with time and memory limits.
//!
//! Typst has no time or memory limit and cannot be cancelled, and a few inputs still overflow the
//! stack. A presenter's own template (`--templates DIR`) may do any of that, so such documents
//! are compiled by the same binary re-executed as a worker (`workshop __compile-worker`), which
//! the parent stops after the time limit and which the kernel stops at the memory limit. The
//! parent turns any way the worker ends into an error naming the template. Requests and answers
//! travel over the worker's stdin and stdout in a small length-prefixed binary framing.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::output::Picture;
use super::single::{Compiled, compile_one};
use crate::error::Error;
use crate::load::clock::BuildTime;
use crate::render::document::Document;

/// The hidden subcommand that turns the binary into a worker.
pub const WORKER_COMMAND: &str = "__compile-worker";

/// How long and how much memory a document from a custom template may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub memory_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(60),
            memory_bytes: 4 << 30,
        }
    }
}

/// Compiles `document` in a worker process within `limits`; a document that places slides
/// brings its kit's `deck`, which the worker lays out first.
pub fn compile_in_worker(
    document: &Document,
    kit_name: &str,
    time: BuildTime,
    limits: Limits,
    deck: Option<&Document>,
) -> Result<Compiled, Error> {
    let mut child = spawn(limits)?;
    let mut request = Vec::new();
    encode_request(&mut request, document, kit_name, time, deck);
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&request);
    });
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut answer = Vec::new();
        let _ = stdout.read_to_end(&mut answer);
        answer
    });
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });

    let status = wait_within(&mut child, document, limits)?;
    let _ = writer.join();
    let answer = reader.join().unwrap_or_default();
    let stderr_text = stderr_reader.join().unwrap_or_default();
    if !status.success() {
        return Err(crashed(document, limits, &stderr_text));
    }
    decode_answer(&answer).unwrap_or_else(|| Err(stopped(document, "its answer could not be read")))
}

/// Starts this binary as a worker, its memory capped, with piped stdin, stdout and stderr.
fn spawn(limits: Limits) -> Result<Child, Error> {
    let exe = std::env::current_exe().map_err(|e| {
        Error::usage(format!(
            "cannot find the workshop program to start a worker: {e}"
        ))
    })?;
    let mut command = Command::new(exe);
    command
        .arg(WORKER_COMMAND)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit_memory(&mut command, limits.memory_bytes);
    command
        .spawn()
        .map_err(|e| Error::usage(format!("cannot start a worker process: {e}")))
}

/// Waits for the worker to end, stopping it at the time limit.
fn wait_within(
    child: &mut Child,
    document: &Document,
    limits: Limits,
) -> Result<ExitStatus, Error> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if started.elapsed() >= limits.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(stopped(
                    document,
                    &format!(
                        "it ran longer than the time limit of {} s",
                        limits.timeout.as_secs()
                    ),
                )
                .with_hint("look for a loop or recursion in the template, or raise --timeout"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                return Err(Error::usage(format!(
                    "cannot wait for a worker process: {e}"
                )));
            }
        }
    }
}

/// The error for a worker that crashed or hit the memory limit, with what it said as it ended
/// when that names the cause.
fn crashed(document: &Document, limits: Limits, stderr_text: &str) -> Error {
    let gib = limits.memory_bytes as f64 / f64::from(1u32 << 30);
    let detail = stderr_text
        .lines()
        .find(|l| {
            [
                "memory allocation",
                "stack overflow",
                "panicked",
                "out of memory",
            ]
            .iter()
            .any(|k| l.contains(k))
        })
        .unwrap_or("")
        .trim()
        .to_string();
    let mut error = stopped(
        document,
        &format!("it crashed or ran out of memory (the limit is {gib:.1} GiB)"),
    )
    .with_hint(
        "look for deep recursion or very large ranges in the template, or raise --memory-limit",
    );
    if !detail.is_empty() {
        error = error.with_note(detail);
    }
    error
}

fn stopped(document: &Document, why: &str) -> Error {
    let custom = document.custom_files();
    let name = if custom.is_empty() {
        document.template.clone()
    } else {
        custom.join(", ")
    };
    Error::at(
        name,
        None,
        format!(
            "compiling `{}` from this template was stopped: {why}",
            document.path
        ),
    )
}

/// Caps the worker's address space, so that a template that asks for gigabytes fails there
/// instead of exhausting the machine.
#[cfg(unix)]
fn limit_memory(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: `setrlimit` is async-signal-safe and touches only the child being started.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_command: &mut Command, _bytes: u64) {}

/// Runs as a worker: reads one request from stdin, compiles it, writes the answer to stdout.
pub fn serve() -> std::process::ExitCode {
    let mut request = Vec::new();
    if std::io::stdin().read_to_end(&mut request).is_err() {
        return std::process::ExitCode::FAILURE;
    }
    let Some(Request {
        document,
        kit_name,
        time,
        deck,
    }) = decode_request(&request)
    else {
        eprintln!("the worker could not read its request");
        return std::process::ExitCode::FAILURE;
    };
    let result = compile_one(&document, &kit_name, time, deck.as_ref());
    let mut answer = Vec::new();
    encode_answer(&mut answer, &result);
    if std::io::stdout().write_all(&answer).is_err() {
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

// The framing: unsigned integers as 8 little-endian bytes, byte strings as a length and bytes.

fn put_u64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u64(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u64(&mut self) -> Option<u64> {
        let (head, rest) = self.0.split_at_checked(8)?;
        self.0 = rest;
        Some(u64::from_le_bytes(head.try_into().ok()?))
    }

    fn bytes(&mut self) -> Option<Vec<u8>> {
        let len = usize::try_from(self.u64()?).ok()?;
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(head.to_vec())
    }

    fn string(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?).ok()
    }

    fn list(&mut self) -> Option<Vec<Vec<u8>>> {
        (0..self.u64()?).map(|_| self.bytes()).collect()
    }
}

/// What a worker is asked to compile.
struct Request {
    document: Document,
    kit_name: String,
    time: BuildTime,
    deck: Option<Document>,
}

fn encode_request(
    out: &mut Vec<u8>,
    document: &Document,
    kit_name: &str,
    time: BuildTime,
    deck: Option<&Document>,
) {
    encode_document(out, document);
    put_bytes(out, kit_name.as_bytes());
    put_u64(out, time.unix_seconds as u64);
    put_u64(out, u64::from(deck.is_some()));
    if let Some(deck) = deck {
        encode_document(out, deck);
    }
}

fn encode_document(out: &mut Vec<u8>, document: &Document) {
    put_u64(out, document.kit as u64);
    for text in [
        &document.path,
        &document.template,
        &document.theme,
        &document.source,
    ] {
        put_bytes(out, text.as_bytes());
    }
    put_u64(out, document.files.len() as u64);
    for (path, bytes) in &document.files {
        put_bytes(out, path.as_bytes());
        put_bytes(out, bytes);
    }
    put_u64(out, *document.pages.start() as u64);
    put_u64(out, *document.pages.end() as u64);
    put_u64(out, document.pages_describe.len() as u64);
    for text in &document.pages_describe {
        put_bytes(out, text.as_bytes());
    }
    put_u64(out, document.made_from.len() as u64);
    for text in &document.made_from {
        put_bytes(out, text.as_bytes());
    }
    put_u64(out, u64::from(document.places_slides));
    put_u64(out, document.min_text_pt.to_bits());
}

fn decode_request(bytes: &[u8]) -> Option<Request> {
    let mut r = Reader(bytes);
    let document = decode_document(&mut r)?;
    let kit_name = r.string()?;
    let time = BuildTime {
        unix_seconds: r.u64()? as i64,
    };
    let deck = match r.u64()? {
        0 => None,
        _ => Some(decode_document(&mut r)?),
    };
    Some(Request {
        document,
        kit_name,
        time,
        deck,
    })
}

fn decode_document(r: &mut Reader<'_>) -> Option<Document> {
    let kit = usize::try_from(r.u64()?).ok()?;
    let (path, template, theme, source) = (r.string()?, r.string()?, r.string()?, r.string()?);
    let files = (0..r.u64()?)
        .map(|_| Some((r.string()?, r.bytes()?)))
        .collect::<Option<_>>()?;
    let pages = usize::try_from(r.u64()?).ok()?..=usize::try_from(r.u64()?).ok()?;
    let pages_describe = (0..r.u64()?).map(|_| r.string()).collect::<Option<_>>()?;
    let made_from = (0..r.u64()?).map(|_| r.string()).collect::<Option<_>>()?;
    let places_slides = r.u64()? != 0;
    let min_text_pt = f64::from_bits(r.u64()?);
    Some(Document {
        kit,
        path,
        template,
        theme,
        source,
        files,
        pages,
        pages_describe,
        made_from,
        places_slides,
        min_text_pt,
    })
}

fn encode_answer(out: &mut Vec<u8>, result: &Result<Compiled, Error>) {
    match result {
        Ok(compiled) => {
            put_u64(out, 0);
            put_bytes(out, &compiled.pdf);
            put_u64(out, compiled.pages as u64);
            put_u64(out, compiled.previews.len() as u64);
            for item in &compiled.previews {
                put_bytes(out, item);
            }
            put_u64(out, compiled.halves.len() as u64);
            for half in &compiled.halves {
                put_u64(out, u64::from(half.width));
                put_u64(out, u64::from(half.height));
                put_bytes(out, &half.rgb);
            }
            put_u64(out, compiled.svgs.len() as u64);
            for item in &compiled.svgs {
                put_bytes(out, item.as_bytes());
            }
        }
        Err(error) => {
            put_u64(out, 1);
            put_bytes(out, error.to_string().as_bytes());
        }
    }
}

fn decode_answer(bytes: &[u8]) -> Option<Result<Compiled, Error>> {
    let mut r = Reader(bytes);
    match r.u64()? {
        0 => Some(Ok(Compiled {
            pdf: r.bytes()?,
            pages: usize::try_from(r.u64()?).ok()?,
            previews: r.list()?,
            halves: (0..r.u64()?)
                .map(|_| {
                    let width = u32::try_from(r.u64()?).ok()?;
                    let height = u32::try_from(r.u64()?).ok()?;
                    let rgb = r.bytes()?;
                    (rgb.len() == width as usize * height as usize * 3).then_some(Picture {
                        width,
                        height,
                        rgb,
                    })
                })
                .collect::<Option<_>>()?,
            svgs: r
                .list()?
                .into_iter()
                .map(String::from_utf8)
                .collect::<Result<_, _>>()
                .ok()?,
        })),
        // The worker's error is already worded and located; carry it over as it is.
        _ => Some(Err(Error::usage(r.string()?))),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn requests_and_answers_survive_the_framing() {
        let document = Document {
            kit: 2,
            path: "slides.pdf".into(),
            template: "custom/decks/slides.typ.j2".into(),
            theme: "embedded:decks/theme.typ".into(),
            source: "= Hello".into(),
            files: BTreeMap::from([("/theme.typ".to_string(), b"#let x = 1".to_vec())]),
            pages: 3..=4,
            pages_describe: vec!["slide 1".into()],
            made_from: vec!["custom/decks/slides.typ.j2".into()],
            places_slides: true,
            min_text_pt: 14.0,
        };
        let mut bytes = Vec::new();
        let deck = Document {
            path: "slides.pdf".into(),
            places_slides: false,
            ..document.clone()
        };
        let time = BuildTime { unix_seconds: 42 };
        encode_request(&mut bytes, &document, "kit", time, Some(&deck));
        let Request {
            document: back,
            kit_name: kit,
            time,
            deck: back_deck,
        } = decode_request(&bytes).unwrap();
        assert!(back.places_slides && back_deck.is_some_and(|d| !d.places_slides));
        assert_eq!(
            (back.kit, back.path.as_str(), back.source.as_str()),
            (2, "slides.pdf", "= Hello")
        );
        assert_eq!(
            (back.pages, back.files, back.min_text_pt),
            (3..=4, document.files, 14.0)
        );
        assert!(kit == "kit" && time.unix_seconds == 42);
        assert!(
            decode_request(&bytes[..bytes.len() - 1]).is_none(),
            "a cut request is refused"
        );

        let compiled = Compiled {
            pdf: vec![1, 2],
            pages: 3,
            previews: vec![vec![4]],
            halves: vec![Picture {
                width: 1,
                height: 1,
                rgb: vec![1, 2, 3],
            }],
            svgs: vec!["<svg/>".to_string()],
        };
        let mut bytes = Vec::new();
        encode_answer(&mut bytes, &Ok(compiled));
        let back = decode_answer(&bytes).unwrap().unwrap();
        assert_eq!(back.halves[0].rgb, [1, 2, 3]);
        assert_eq!(
            (back.pdf, back.pages, back.previews, back.svgs),
            (vec![1, 2], 3, vec![vec![4]], vec!["<svg/>".to_string()])
        );
        let mut bytes = Vec::new();
        encode_answer(&mut bytes, &Err(Error::usage("no")));
        assert_eq!(
            decode_answer(&bytes).unwrap().unwrap_err().to_string(),
            "no"
        );
    }
}
