//! A roster of schools (`--roster schools.csv`, issue #17): rows build exactly what event files
//! build, a bad row is told at its row and column before anything is written, and shards of
//! a roster together build the whole roster.

use super::*;

/// Six schools: two regions, one in English and Spanish, as event files and as roster rows.
const SCHOOLS: [[&str; 6]; 6] = [
    // organization, date, venue, region, languages, contact phone
    [
        "Lincoln High",
        "2026-12-03",
        "Main gym",
        "US",
        "en es",
        "555-0101",
    ],
    ["Oak Middle; East", "2026-12-04", "", "US", "en", "555-0102"],
    [
        "École Riverside",
        "2026-12-05",
        "Library",
        "CA",
        "en",
        "555-0103",
    ],
    [
        "Maple \"North\" School",
        "2026-12-06",
        "Hall B",
        "CA",
        "en",
        "",
    ],
    ["Cedar Academy", "2026-12-07", "", "US", "en", "555-0105"],
    [
        "Pine #6 School",
        "2026-12-08",
        "Room 6",
        "CA",
        "en",
        "555-0106",
    ],
];

fn event_file(school: &[&str; 6]) -> String {
    let [organization, date, venue, region, languages, phone] = school;
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let languages: Vec<String> = languages.split_whitespace().map(quoted).collect();
    let mut text = format!(
        "organization = {}\ndate = {date}\nregion = {}\nlanguages = [{}]\naudiences = [\"teens\"]\n",
        quoted(organization),
        quoted(region),
        languages.join(", ")
    );
    if !venue.is_empty() {
        text.push_str(&format!("venue = {}\n", quoted(venue)));
    }
    if !phone.is_empty() {
        text.push_str(&format!(
            "[[contacts]]\nname = \"School counselor\"\nphone = {}\n",
            quoted(phone)
        ));
    }
    text
}

/// The roster of `SCHOOLS` with `;` between fields and a byte-order mark, as a European
/// spreadsheet saves it; `date_of_row` may replace one row's date.
fn roster(date_of_row: Option<(usize, &str)>) -> String {
    let mut text = "\u{feff}organization;date;venue;region;languages;audiences;contact-1-name;contact-1-phone\n".to_string();
    for (i, [organization, date, venue, region, languages, phone]) in SCHOOLS.iter().enumerate() {
        let date = match date_of_row {
            Some((row, bad)) if row == i + 2 => bad,
            _ => date,
        };
        let cell = |s: &str| {
            if s.contains([';', '"']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let contact = if phone.is_empty() {
            ""
        } else {
            "School counselor"
        };
        text.push_str(&format!(
            "{};{date};{};{region};{languages};teens;{contact};{phone}\n",
            cell(organization),
            cell(venue)
        ));
    }
    text
}

/// Runs `args` in `dir`, which must fail and write no zip into `out`; returns what it said.
fn fails_writing_nothing(args: &[&str], dir: &Path, out: &str) -> String {
    let output = workshop(args, dir);
    assert!(!output.status.success(), "{args:?} fails");
    assert!(
        zips_in(&dir.join(out)).is_empty(),
        "{args:?} writes nothing"
    );
    stderr(&output)
}

/// Every zip of a folder with its sha256.
fn digests(dir: &Path) -> BTreeMap<String, String> {
    zips_in(dir)
        .iter()
        .map(|zip| {
            let digest: String = Sha256::digest(std::fs::read(zip).unwrap())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (
                zip.file_name().unwrap().to_string_lossy().into_owned(),
                digest,
            )
        })
        .collect()
}

#[test]
fn a_roster_builds_what_its_event_files_build_and_shards_add_up_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events");
    std::fs::create_dir(&events).unwrap();
    for (i, school) in SCHOOLS.iter().enumerate() {
        std::fs::write(events.join(format!("{i}.toml")), event_file(school)).unwrap();
    }
    std::fs::write(dir.path().join("schools.csv"), roster(None)).unwrap();
    assert_ok(&workshop(
        &[
            "build",
            "--quiet",
            "--event",
            "events",
            "--out",
            "from-files",
        ],
        dir.path(),
    ));
    assert_ok(&workshop(
        &[
            "build",
            "--quiet",
            "--roster",
            "schools.csv",
            "--out",
            "from-roster",
        ],
        dir.path(),
    ));
    let from_files = digests(&dir.path().join("from-files"));
    assert_eq!(from_files.len(), 7, "six schools, one in two languages");
    assert_eq!(
        digests(&dir.path().join("from-roster")),
        from_files,
        "the same zips, byte for byte"
    );

    // Three shards in three folders are the unsharded build.
    let mut sharded = BTreeMap::new();
    for i in 1..=3 {
        let out = format!("shard-{i}");
        let shard = format!("{i}/3");
        assert_ok(&workshop(
            &[
                "build",
                "--quiet",
                "--roster",
                "schools.csv",
                "--shard",
                &shard,
                "--out",
                &out,
            ],
            dir.path(),
        ));
        let part = digests(&dir.path().join(&out));
        assert!(!part.is_empty(), "shard {shard} builds its rows");
        for (name, digest) in part {
            assert!(
                sharded.insert(name, digest).is_none(),
                "a zip in two shards"
            );
        }
    }
    assert_eq!(sharded, from_files);

    // A Kubernetes Indexed Job's pod takes its shard from JOB_COMPLETION_INDEX (0-based).
    let output = Command::new(BIN)
        .args([
            "build",
            "--quiet",
            "--roster",
            "schools.csv",
            "--shards",
            "3",
        ])
        .args(["--shard-from-env", "--out", "from-env"])
        .env("JOB_COMPLETION_INDEX", "1")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_ok(&output);
    assert_eq!(
        digests(&dir.path().join("from-env")),
        digests(&dir.path().join("shard-2"))
    );

    // Each run writes its summary; the shards' summaries merge into the unsharded one.
    let read = |path: &str| std::fs::read_to_string(dir.path().join(path)).unwrap();
    assert_ok(&workshop(
        &[
            "summary", "shard-1", "shard-2", "shard-3", "--out", "merged",
        ],
        dir.path(),
    ));
    assert_eq!(
        read("merged/summary.json"),
        read("from-roster/summary.json")
    );
    assert_eq!(read("merged/summary.md"), read("from-roster/summary.md"));
    let summary: serde_json::Value =
        serde_json::from_str(&read("from-roster/summary.json")).unwrap();
    let events = summary["events"].as_array().unwrap();
    assert_eq!(events.len(), 6);
    let lincoln = events
        .iter()
        .find(|e| e["organization"] == "Lincoln High")
        .unwrap();
    assert_eq!(
        lincoln["source"], "schools.csv:2",
        "the row as a spreadsheet numbers it"
    );
    let kits = lincoln["kits"].as_array().unwrap();
    assert_eq!(kits.len(), 2, "English and Spanish");
    for kit in kits {
        let zip = dir
            .path()
            .join("from-roster")
            .join(format!("{}.zip", kit["name"].as_str().unwrap()));
        assert_eq!(
            kit["bytes"].as_u64().unwrap(),
            std::fs::metadata(&zip).unwrap().len()
        );
        assert_eq!(kit["files"].as_u64().unwrap() as usize, unzip(&zip).len());
        let (name, entries, manifest) = open_kit(&zip);
        let pages: u64 = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["pages"].as_u64())
            .sum();
        assert_eq!(
            kit["pages"].as_u64().unwrap(),
            pages,
            "{name}: {} entries",
            entries.len()
        );
    }
    // Merging a shard twice is refused.
    let output = workshop(
        &["summary", "shard-1", "shard-1", "--out", "twice"],
        dir.path(),
    );
    assert!(!output.status.success() && stderr(&output).contains("in two of the summaries"));
}

#[test]
fn a_bad_row_is_told_at_its_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    // Row 4 as a spreadsheet numbers it (the header is row 1): the third school.
    std::fs::write(
        dir.path().join("schools.csv"),
        roster(Some((4, "2026-02-30"))),
    )
    .unwrap();
    for shard in [None, Some("1/3"), Some("3/3")] {
        let mut args = vec!["build", "--roster", "schools.csv", "--out", "out"];
        args.extend(shard.iter().flat_map(|s| ["--shard", s]));
        let message = fails_writing_nothing(&args, dir.path(), "out");
        assert!(
            message.contains("schools.csv:4")
                && message.contains("column date")
                && message.contains("calendar date"),
            "{shard:?}: {message}"
        );
    }
    // An unknown column is told with the nearest known one.
    let text = roster(None).replace("venue", "venu");
    std::fs::write(dir.path().join("schools.csv"), text).unwrap();
    let message = stderr(&workshop(&["check", "--roster", "schools.csv"], dir.path()));
    assert!(
        message.contains("schools.csv:1")
            && message.contains("`venu`")
            && message.contains("`venue`"),
        "{message}"
    );
}

#[test]
fn init_writes_a_sample_roster_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&workshop(&["init", "--roster"], dir.path()));
    let output = workshop(&["check", "--roster", "schools.csv"], dir.path());
    assert_ok(&output);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        stdout.contains("checked 8 kit(s)"),
        "two schools, one in two languages: {stdout}"
    );
}

/// Settings every school of a district shares: staff kits with the district's accent,
/// reporting steps (written over several lines), safety office and sheriff.
const SHARED: &str = r##"audiences = ["staff"]

[branding]
accent = "#7A1F3D"

[staff]
reporting-steps = [
  "Tell the principal the same day",
  "Call the district safety office",
]

[[contacts]]
name = "District Safety Office"
phone = "555-0100"

[law-enforcement]
name = "County Sheriff"
phone = "555-0199"
"##;

/// The event file a row of the shared roster stands for: the shared settings with the row's
/// keys, its contact after the district's, its police in place of the sheriff.
fn merged_event(organization: &str, date: &str, counselor: bool, police: Option<&str>) -> String {
    let mut text = format!("organization = \"{organization}\"\ndate = {date}\n{SHARED}");
    if counselor {
        text.push_str("\n[[contacts]]\nname = \"Counselor Ana\"\nphone = \"555-0111\"\n");
    }
    if let Some(police) = police {
        text = text.replace("name = \"County Sheriff\"", &format!("name = \"{police}\""));
    }
    text
}

#[test]
fn shared_settings_beside_a_roster_are_every_rows_and_a_row_overrides_them() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("district.toml", SHARED);
    write(
        "schools.csv",
        "organization,date,contact-1-name,contact-1-phone,law-enforcement-name\n\
         Alpha Middle,2026-12-10,Counselor Ana,555-0111,\n\
         Beta High,2026-12-11,,,Beta City Police\n",
    );
    write(
        "alpha.toml",
        &merged_event("Alpha Middle", "2026-12-10", true, None),
    );
    write(
        "beta.toml",
        &merged_event("Beta High", "2026-12-11", false, Some("Beta City Police")),
    );
    let args = [
        "build",
        "--roster",
        "schools.csv",
        "--event",
        "district.toml",
        "--out",
        "roster",
    ];
    assert_ok(&workshop(&args, dir.path()));
    let files = [
        "build",
        "--event",
        "alpha.toml",
        "--event",
        "beta.toml",
        "--out",
        "files",
    ];
    assert_ok(&workshop(&files, dir.path()));
    let (from_roster, from_files) = (
        digests(&dir.path().join("roster")),
        digests(&dir.path().join("files")),
    );
    assert_eq!(from_roster.len(), 2, "two staff kits: {from_roster:?}");
    assert_eq!(from_roster, from_files, "the same zips, byte for byte");

    // A mistake in the shared file is told at its own line, with the row it was checked with,
    // and nothing is written.
    write("district.toml", &SHARED.replace("accent =", "accnt ="));
    let args = [
        "build",
        "--roster",
        "schools.csv",
        "--event",
        "district.toml",
        "--out",
        "bad",
    ];
    let message = fails_writing_nothing(&args, dir.path(), "bad");
    assert!(
        message.contains("district.toml:4")
            && message.contains("`accnt`")
            && message.contains("`accent`")
            && message.contains("schools.csv:2"),
        "{message}"
    );
}
