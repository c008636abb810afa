//! `present.html` in headless Chromium, driven over the DevTools protocol: it loads from disk
//! with no console error and no request but the file itself, the keys a clicker sends move the
//! slides, the presenter view shows the notes, the next slide and a clock and moves with the
//! audience window, each slide has a name and its words, and it looks like the PDF.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Stdio};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use super::*;

const DIGITS: [&str; 10] = [
    "Digit0", "Digit1", "Digit2", "Digit3", "Digit4", "Digit5", "Digit6", "Digit7", "Digit8",
    "Digit9",
];

/// Headless Chromium and one DevTools connection to it (flat sessions).
struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// Events received while waiting for answers, oldest first.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let chromium = ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .find(|c| Command::new(c).arg("--version").output().is_ok())
            .expect("the present.html test needs Chromium: run ./test.sh, which installs it");
        let mut child = Command::new(chromium)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-popup-blocking",
                "--window-size=1920,1080",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let address = loop {
            let line = lines
                .next()
                .expect("Chromium printed its DevTools address")
                .unwrap();
            if let Some(at) = line.find("ws://") {
                break line[at..].trim().to_string();
            }
        };
        // Keep reading Chromium's log, so that it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let (socket, _) = tungstenite::connect(address.as_str()).unwrap();
        Browser {
            child,
            socket,
            next_id: 1,
            events: Vec::new(),
            _profile: profile,
        }
    }

    /// Sends a command (to a page's session, or the browser) and waits for its answer.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .unwrap();
        loop {
            let text = match self.socket.read().unwrap() {
                Message::Text(t) => t.to_string(),
                _ => continue,
            };
            let value: Value = serde_json::from_str(&text).unwrap();
            if value["id"] == json!(id) {
                assert!(value.get("error").is_none(), "{method}: {}", value["error"]);
                return value["result"].clone();
            }
            self.answer_paused_request(&value);
            self.events.push(value);
        }
    }

    /// Lets a request paused by the Fetch domain go on (after it has been recorded).
    fn answer_paused_request(&mut self, event: &Value) {
        if event["method"] == "Fetch.requestPaused" {
            let id = event["params"]["requestId"].clone();
            let session = event["sessionId"].as_str().map(str::to_string);
            let message = json!({
                "id": 0,
                "method": "Fetch.continueRequest",
                "params": { "requestId": id },
                "sessionId": session,
            });
            self.socket
                .send(Message::text(message.to_string()))
                .unwrap();
        }
    }

    /// Opens `url` in a new page and returns its session, with requests, console and errors
    /// watched from before the first byte.
    fn open(&mut self, url: &str) -> String {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let session = self.attach(target["targetId"].as_str().unwrap());
        self.call(Some(&session), "Page.navigate", json!({ "url": url }));
        self.wait_until(&session, "document.readyState === 'complete'");
        session
    }

    fn attach(&mut self, target: &str) -> String {
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        for (method, params) in [
            (
                "Fetch.enable",
                json!({ "patterns": [{ "urlPattern": "*" }] }),
            ),
            ("Runtime.enable", json!({})),
            ("Page.enable", json!({})),
            (
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": false }),
            ),
        ] {
            self.call(Some(&session), method, params);
        }
        session
    }

    fn eval(&mut self, session: &str, expression: &str) -> Value {
        let result = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    fn wait_until(&mut self, session: &str, condition: &str) {
        for _ in 0..100 {
            if self.eval(session, condition) == json!(true) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("timed out waiting for `{condition}`");
    }

    /// Presses a key as a keyboard or a presentation clicker sends it.
    fn press(&mut self, session: &str, key: &str) {
        let (code, key_code, text) = match key {
            "ArrowRight" => ("ArrowRight", 39, ""),
            "ArrowLeft" => ("ArrowLeft", 37, ""),
            "PageDown" => ("PageDown", 34, ""),
            "PageUp" => ("PageUp", 33, ""),
            "Home" => ("Home", 36, ""),
            "End" => ("End", 35, ""),
            "Enter" => ("Enter", 13, "\r"),
            " " => ("Space", 32, " "),
            "b" => ("KeyB", 66, "b"),
            "p" => ("KeyP", 80, "p"),
            digit => {
                let d = digit
                    .parse::<u8>()
                    .unwrap_or_else(|_| panic!("no key {digit}"));
                (DIGITS[usize::from(d)], 48 + i64::from(d), digit)
            }
        };
        for kind in ["keyDown", "keyUp"] {
            let mut params = json!({ "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code });
            if kind == "keyDown" && !text.is_empty() {
                params["text"] = json!(text);
            }
            self.call(Some(session), "Input.dispatchKeyEvent", params);
        }
    }

    fn current_slide(&mut self, session: &str) -> u64 {
        self.eval(
            session,
            "Array.from(document.querySelectorAll('#stage .slide')).findIndex(s => !s.hidden) + 1",
        )
        .as_u64()
        .unwrap()
    }
}

/// Below this mean difference (of 255) a screenshot shows the same slide as the PDF page:
/// measured here, a slide and its page differ by about 2 (the same vector drawing), slide 1
/// and slide 5 by about 177.
const SAME_SLIDE: f64 = 10.0;

#[test]
fn present_html_runs_offline_in_a_browser_with_a_presenter_view() {
    let dir = event_dir(DEMO);
    assert_ok(&build_event(dir.path(), &["--audience", "parents"]));
    let (kit, entries, manifest) = open_kit(&zips_in(&dir.path().join("out"))[0]);
    let html = dir.path().join("present.html");
    std::fs::write(&html, &entries[&format!("{kit}/present.html")]).unwrap();
    let url = format!("file://{}", html.display());
    let planned = manifest["slides"].as_array().unwrap();
    let last = planned.len() as u64;

    let mut browser = Browser::launch();
    let audience = browser.open(&url);
    assert_eq!(browser.current_slide(&audience), 1, "it opens on slide 1");
    for (key, expected) in [
        ("ArrowRight", 2),
        (" ", 3),
        ("PageDown", 4),
        ("ArrowLeft", 3),
        ("PageUp", 2),
        ("End", last),
        ("Home", 1),
    ] {
        browser.press(&audience, key);
        assert_eq!(browser.current_slide(&audience), expected, "after {key:?}");
    }
    browser.press(&audience, "7");
    browser.press(&audience, "Enter");
    assert_eq!(browser.current_slide(&audience), 7, "7 Enter");
    let address = browser.eval(&audience, "location.href");
    assert!(address.as_str().unwrap().ends_with("#7"), "{address}");
    browser.press(&audience, "b");
    assert_eq!(
        browser.eval(
            &audience,
            "getComputedStyle(document.getElementById('blank')).display !== 'none'"
        ),
        json!(true),
        "B blanks the screen"
    );
    browser.press(&audience, "b");

    // Each slide has an accessible name, and every word pdftotext finds on its PDF page is in
    // its words.
    let deck = &entries[&format!("{kit}/slides.pdf")];
    let slides = browser.eval(
        &audience,
        "Array.from(document.querySelectorAll('#stage .slide')).map(s => [s.getAttribute('aria-label'), s.querySelector('.words').textContent])",
    );
    let slides = slides.as_array().unwrap();
    assert_eq!(slides.len() as u64, last);
    for (i, slide) in slides.iter().enumerate() {
        let (name, words) = (
            slide[0].as_str().unwrap(),
            squeeze(slide[1].as_str().unwrap()),
        );
        assert!(
            name.contains(planned[i]["title"].as_str().unwrap()),
            "slide {}: {name}",
            i + 1
        );
        let page = (i + 1).to_string();
        let text = poppler(
            "pdftotext",
            deck,
            &["-f", &page, "-l", &page, "-enc", "UTF-8"],
        );
        let missing: Vec<&str> = text
            .split_whitespace()
            // List markers are drawn, not words of the slide.
            .filter(|w| !is_list_marker(w))
            .filter(|w| !words.contains(&page_word(w)))
            .collect();
        assert!(
            missing.is_empty(),
            "slide {}: words not in the page: {missing:?}",
            i + 1
        );
    }

    // The audience view looks like the PDF, slide by slide; slide 1 does not look like slide 5.
    let shot = |browser: &mut Browser, session: &str| {
        let png = browser.call(
            Some(session),
            "Page.captureScreenshot",
            json!({ "format": "png" }),
        );
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(png["data"].as_str().unwrap())
            .unwrap()
    };
    browser.press(&audience, "Home");
    let first = grey_thumbnail(&image::load_from_memory(&shot(&mut browser, &audience)).unwrap());
    let pdf_first = grey_thumbnail(&page_picture(deck, 1, 40, false));
    let pdf_fifth = grey_thumbnail(&page_picture(deck, 5, 40, false));
    let same = thumbnail_difference(&first, &pdf_first);
    assert!(
        same < SAME_SLIDE,
        "slide 1 differs from the PDF by {same:.1}"
    );
    let other = thumbnail_difference(&first, &pdf_fifth);
    eprintln!("present.html slide 1 against the PDF: {same:.1}; against slide 5: {other:.1}");
    assert!(
        other > SAME_SLIDE,
        "slide 1 is as close to slide 5 ({other:.1})"
    );
    // And a statistic slide, with its chart.
    let statistic = planned
        .iter()
        .find(|s| s["kind"] == "statistic")
        .map_or(2, |s| s["number"].as_u64().unwrap() as usize);
    for digit in statistic.to_string().chars() {
        browser.press(&audience, &digit.to_string());
    }
    browser.press(&audience, "Enter");
    assert_eq!(browser.current_slide(&audience), statistic as u64);
    let shown = grey_thumbnail(&image::load_from_memory(&shot(&mut browser, &audience)).unwrap());
    let d = thumbnail_difference(
        &shown,
        &grey_thumbnail(&page_picture(deck, statistic, 40, false)),
    );
    assert!(
        d < SAME_SLIDE,
        "slide {statistic} differs from the PDF by {d:.1}"
    );
    browser.press(&audience, "Home");

    // The presenter view: P opens it; it shows the notes, the next slide and a clock; either
    // window moves the other.
    browser.press(&audience, "p");
    let mut presenter = None;
    for _ in 0..100 {
        let targets = browser.call(None, "Target.getTargets", json!({}));
        presenter = targets["targetInfos"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["url"].as_str().is_some_and(|u| u.contains("?presenter")))
            .map(|t| t["targetId"].as_str().unwrap().to_string());
        if presenter.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let presenter = browser.attach(&presenter.expect("P opened the presenter window"));
    browser.wait_until(&presenter, "document.readyState === 'complete'");
    browser.wait_until(
        &presenter,
        "document.getElementById('notes').textContent.length > 0",
    );
    let notes = browser.eval(&presenter, "document.getElementById('notes').textContent");
    assert_eq!(
        fold(notes.as_str().unwrap()),
        fold(planned[0]["notes"].as_str().unwrap())
    );
    assert_eq!(
        browser.eval(&presenter, "document.querySelector('#next svg') !== null"),
        json!(true)
    );
    // The clock: where we are in the plan, and the time since the start.
    let clock = browser.eval(&presenter, "document.getElementById('clock').textContent");
    let clock = fold(clock.as_str().unwrap());
    let plan_line = format!(
        "Slide 1 / {last} · {} min",
        planned[0]["minutes"].as_u64().unwrap()
    );
    assert!(
        clock.contains(&plan_line) && clock.contains("Planned 0:00"),
        "{clock}"
    );
    // B in the presenter window blanks the audience's screen.
    browser.press(&presenter, "b");
    browser.wait_until(
        &audience,
        "!document.getElementById('blank').classList.contains('hidden')",
    );
    browser.press(&presenter, "b");
    browser.wait_until(
        &audience,
        "document.getElementById('blank').classList.contains('hidden')",
    );
    browser.press(&presenter, "ArrowRight");
    browser.wait_until(
        &audience,
        "Array.from(document.querySelectorAll('#stage .slide')).findIndex(s => !s.hidden) === 1",
    );
    browser.press(&audience, "ArrowRight");
    browser.wait_until(
        &presenter,
        "Array.from(document.querySelectorAll('#stage .slide')).findIndex(s => !s.hidden) === 2",
    );
    let notes = browser.eval(&presenter, "document.getElementById('notes').textContent");
    assert_eq!(
        fold(notes.as_str().unwrap()),
        fold(planned[2]["notes"].as_str().unwrap())
    );
    // Having left slide 1, the session's clock runs in the presenter view.
    browser.wait_until(
        &presenter,
        "document.getElementById('elapsed').textContent.startsWith('Elapsed')",
    );

    // No console error, no uncaught exception, and no request but the file itself.
    let requests: BTreeSet<String> = browser
        .events
        .iter()
        .filter(|e| e["method"] == "Fetch.requestPaused")
        .map(|e| {
            e["params"]["request"]["url"]
                .as_str()
                .unwrap()
                .split('#')
                .next()
                .unwrap()
                .split('?')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(requests, BTreeSet::from([url.clone()]), "requests");
    let errors: Vec<&Value> = browser
        .events
        .iter()
        .filter(|e| {
            e["method"] == "Runtime.exceptionThrown"
                || e["method"] == "Runtime.consoleAPICalled" && e["params"]["type"] == "error"
        })
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

#[test]
fn a_french_kits_page_speaks_french() {
    let event = DEMO
        .replace("languages = [\"en\"]", "languages = [\"fr\"]")
        .replace("region = \"US\"", "region = \"CA\"");
    let dir = event_dir(&event);
    assert_ok(&build_event(dir.path(), &["--audience", "teens"]));
    let (kit, entries, _) = open_kit(&zips_in(&dir.path().join("out"))[0]);
    let html = dir.path().join("present.html");
    std::fs::write(&html, &entries[&format!("{kit}/present.html")]).unwrap();
    let url = format!("file://{}", html.display());
    let mut browser = Browser::launch();
    let page = browser.open(&url);
    assert_eq!(
        browser.eval(&page, "document.documentElement.lang"),
        json!("fr")
    );
    browser.press(&page, "ArrowRight");
    assert_eq!(browser.current_slide(&page), 2);
    let status = browser.eval(&page, "document.getElementById('status').textContent");
    assert!(
        status.as_str().unwrap().starts_with("Diapositive 2 sur "),
        "{status}"
    );
    // The help, the presenter view's headings and every phrase the script writes are French.
    let fixed = browser.eval(
        &page,
        "document.getElementById('help').textContent + ' ' + document.getElementById('presenter').textContent",
    );
    let fixed = fixed.as_str().unwrap();
    for english in [
        "Keys",
        "Close",
        "Open the presenter view",
        "Now",
        "Next",
        "blanked",
    ] {
        assert!(!fixed.contains(english), "`{english}` in: {fixed}");
    }
    assert!(
        fixed.contains("Touches") && fixed.contains("Fermer"),
        "{fixed}"
    );
    let words = browser.eval(
        &page,
        "JSON.stringify(JSON.parse(document.getElementById('plan').textContent).words)",
    );
    let words = words.as_str().unwrap();
    assert!(
        words.contains("Écoulé") && !words.contains("Elapsed"),
        "{words}"
    );
}
