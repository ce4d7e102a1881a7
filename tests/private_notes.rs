//! Privileged notes never leave: a unique marker in every letter's private
//! notes, then every command and every format run on the story at several
//! dates, and not one output (stdout or stderr) holds the marker unless
//! `--include-private` asked for it.
//!
//! The commands come from `docket --help` and the export formats from
//! `docket export --help`: a command or format added later fails this test
//! until [`RUNS`] or [`FORMATS`] says how to run it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;

use support::cli::{docket, ok, stdout};
use support::files::story_file;

/// The marker: in no output unless asked for.
const MARKER: &str = "PRIVILEGED-7f3a9c";

/// The story's letters.
const LETTERS: [&str; 5] = [
    "albuquerque-2017-08-03",
    "albuquerque-2017-08-21",
    "baltimore-2017-08-03",
    "san-bernardino-2017-08-03",
    "stockton-2017-08-03",
];

/// How to run each command: its name and the argument lists to run it
/// with. `{L}` is a letter's id, `{F}` a file in the test's folder (an
/// export written there is read back), `{J}` a JSON export of the docket,
/// `{C}` a CSV export of it, `{R}` a copy of the data file (for the merge
/// driver, which writes into it).
const RUNS: &[(&str, &[&[&str]])] = &[
    (
        "list",
        &[
            &["list"],
            &["list", "--json"],
            &["list", "--status", "answered"],
        ],
    ),
    (
        "due",
        &[&["due"], &["due", "--json"], &["due", "--within", "90"]],
    ),
    ("show", &[&["show", "{L}"], &["show", "{L}", "--json"]]),
    (
        "digest",
        &[&["digest"], &["digest", "--date", "2017-08-18"]],
    ),
    // Every format: see FORMATS.
    ("export", &[]),
    (
        "import",
        &[
            &[
                "import",
                "--format",
                "json",
                "--dry-run",
                "--skip-existing",
                "{J}",
            ],
            &[
                "import",
                "--format",
                "csv",
                "--dry-run",
                "--skip-existing",
                "{C}",
            ],
            &["import", "--format", "json", "{J}"],
        ],
    ),
    (
        "add",
        &[
            &[
                "add",
                "reply",
                "{L}",
                "--on",
                "2017-08-30",
                "--from",
                "City",
                "--kind",
                "other",
            ],
            &[
                "add",
                "letter",
                "--city",
                "baltimore",
                "--sent",
                "2017-08-30",
                "--from",
                "A",
                "--to",
                "B",
                "--subject",
                "C",
                "--private-notes",
                MARKER,
            ],
        ],
    ),
    (
        "edit",
        &[
            &["edit", "letter", "{L}", "--summary", "edited"],
            &["edit", "letter", "{L}", "--private-notes", MARKER],
            &["edit", "letter", "{L}", "--document", "Letter=letter.pdf"],
        ],
    ),
    ("close", &[&["close", "{L}", "--on", "2017-08-31"]]),
    ("reopen", &[&["reopen", "{L}", "--on", "2017-09-01"]]),
    ("rm", &[&["rm", "letter", "{L}"]]),
    (
        "matter",
        &[
            &["matter"],
            &["matter", "psp-2017-08-03"],
            &["matter", "psp-2017-08-03", "--json"],
        ],
    ),
    (
        "chronology",
        &[
            &["chronology"],
            &["chronology", "--format", "md"],
            &["chronology", "--format", "csv"],
            &["chronology", "--format", "json"],
        ],
    ),
    ("log", &[&["log"], &["log", "{L}"]]),
    (
        "holidays",
        &[
            &["holidays"],
            &["holidays", "--json"],
            &["holidays", "add", "2017-08-14", "Office closed"],
        ],
    ),
    (
        "settings",
        &[
            &["settings"],
            &["settings", "--json"],
            &["settings", "set", "due_soon_days", "5"],
        ],
    ),
    ("merge", &[&["merge", "{R}", "{R}", "{R}"]]),
    ("git", &[&["git", "setup"]]),
    ("sync", &[&["sync"]]),
    ("conflicts", &[&["conflicts"]]),
    ("resolve", &[&["resolve", "{L}", "summary", "--ours"]]),
    (
        "completions",
        &[
            &["completions", "bash"],
            &["completions", "zsh"],
            &["completions", "fish"],
        ],
    ),
    ("man", &[&["man"]]),
    ("check", &[&["check"]]),
    ("path", &[&["path"]]),
    ("init", &[&["init"], &["init", "--empty"]]),
    ("help", &[&["help"], &["--help"]]),
];

/// How to run each export format: the arguments after `export --format F`.
const FORMATS: &[(&str, &[&[&str]])] = &[
    ("ics", &[&[], &["-o", "{F}"]]),
    ("csv", &[&[], &["-o", "{F}"]]),
    ("md", &[&[], &["-o", "{F}"]]),
    ("json", &[&[], &["-o", "{F}"]]),
    (
        "svg",
        &[
            &[],
            &["-o", "{F}"],
            &["--from", "2017-08-01", "--to", "2017-09-30"],
        ],
    ),
];

/// The dates every run is made as of: before, on and after the deadline.
const DATES: [&str; 3] = ["2017-08-10", "2017-08-18", "2017-08-25"];

/// The story with the marker in every letter's private notes.
fn marked() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, file) = story_file();
    for letter in LETTERS {
        let notes = format!("{MARKER} on {letter}\nsecond line {MARKER}");
        ok(&docket(
            &file,
            &["edit", "letter", letter, "--private-notes", &notes],
        ));
    }
    (dir, file)
}

/// The names listed under `heading` in a help text: the first word of each
/// line after it, up to the next blank line (a line indented further goes
/// on with the one before).
fn listed_under(help: &str, heading: &str) -> Vec<String> {
    (help.lines())
        .skip_while(|line| !line.starts_with(heading))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.strip_prefix("  ").filter(|l| !l.starts_with(' ')))
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

/// The values `export --format` takes, from its help: the `- name:`
/// lines under `Possible values:`.
fn export_formats(file: &Path) -> Vec<String> {
    let help = stdout(&docket(file, &["export", "--help"]));
    let start = help
        .find("Possible values:")
        .expect("export lists its formats");
    (help[start..].lines().skip(1))
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.trim().strip_prefix("- "))
        .filter_map(|line| line.split(':').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_and_format_is_in_the_table() {
    let (_dir, file) = story_file();
    let help = stdout(&docket(&file, &["--help"]));
    for command in listed_under(&help, "Commands:") {
        assert!(
            RUNS.iter().any(|(name, _)| *name == command),
            "`docket {command}` is not in RUNS: add how to run it, so its output is checked \
             for private notes"
        );
    }
    for format in export_formats(&file) {
        assert!(
            FORMATS.iter().any(|(name, _)| *name == format),
            "`docket export --format {format}` is not in FORMATS: add it"
        );
    }
}

/// Every run of [`RUNS`] and [`FORMATS`], its placeholders filled in.
fn every_run(dir: &Path, file: &Path) -> Vec<Vec<String>> {
    let json = dir.join("export.json");
    let csv = dir.join("export.csv");
    ok(&docket(
        file,
        &["export", "--format", "json", "-o", json.to_str().unwrap()],
    ));
    ok(&docket(
        file,
        &["export", "--format", "csv", "-o", csv.to_str().unwrap()],
    ));
    let ron = dir.join("copy-for-merge.ron");
    std::fs::copy(file, &ron).unwrap();
    let out = dir.join("out");
    let placed = |arg: &str| match arg {
        "{L}" => LETTERS[2].to_owned(),
        "{F}" => out.display().to_string(),
        "{J}" => json.display().to_string(),
        "{C}" => csv.display().to_string(),
        "{R}" => ron.display().to_string(),
        other => other.to_owned(),
    };
    let mut runs: Vec<Vec<String>> = (RUNS.iter())
        .flat_map(|(_, runs)| runs.iter())
        .map(|args| args.iter().map(|a| placed(a)).collect())
        .collect();
    for (format, extras) in FORMATS {
        for extra in *extras {
            let mut args = vec![
                "export".to_owned(),
                "--format".to_owned(),
                (*format).to_owned(),
            ];
            args.extend(extra.iter().map(|a| placed(a)));
            runs.push(args);
        }
    }
    runs
}

#[test]
fn no_output_of_any_command_holds_a_private_note() {
    let (dir, file) = marked();
    let out = dir.path().join("out");
    let mut checked = 0;
    for as_of in DATES {
        for args in every_run(dir.path(), &file) {
            // Each run on a fresh copy, so that removals and imports do
            // not change what the next run sees.
            let copy = dir.path().join("copy.ron");
            std::fs::copy(&file, &copy).unwrap();
            let _ = std::fs::remove_file(&out);
            let mut with_date: Vec<&str> = args.iter().map(String::as_str).collect();
            with_date.extend(["--as-of", as_of]);
            let output = docket(&copy, &with_date);
            let written = std::fs::read_to_string(&out).unwrap_or_default();
            for (what, text) in [
                (
                    "stdout",
                    String::from_utf8_lossy(&output.stdout).into_owned(),
                ),
                (
                    "stderr",
                    String::from_utf8_lossy(&output.stderr).into_owned(),
                ),
                ("the file written", written),
            ] {
                assert!(
                    !text.contains(MARKER),
                    "docket {with_date:?}: {what} holds a private note:\n{text}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 3 * 30, "only {checked} runs checked");
}

#[test]
fn include_private_shows_them_where_asked() {
    let (dir, file) = marked();
    let as_of = ["--as-of", "2017-08-18"];
    let shown = |args: &[&str]| {
        let args: Vec<&str> = args.iter().chain(&as_of).copied().collect();
        ok(&docket(&file, &args))
    };
    let letter = LETTERS[2];
    assert!(shown(&["show", letter, "--include-private"]).contains(MARKER));
    assert!(shown(&["show", letter, "--json", "--include-private"]).contains(MARKER));
    assert!(shown(&["list", "--include-private"]).contains(MARKER));
    assert!(shown(&["list", "--json", "--include-private"]).contains(MARKER));
    let json = shown(&["export", "--format", "json", "--include-private"]);
    assert!(json.contains(MARKER));
    assert!(json.contains(r#""private_notes": "included""#), "{json}");
    let public = shown(&["export", "--format", "json"]);
    assert!(public.contains(r#""private_notes": "omitted""#), "{public}");
    // The other formats refuse to carry them at all.
    for format in ["ics", "csv", "md"] {
        let out = docket(&file, &["export", "--format", format, "--include-private"]);
        assert!(!out.status.success(), "{format}");
        assert!(!stdout(&out).contains(MARKER));
    }
    // A re-import of the export with the notes is lossless.
    let export = dir.path().join("with-notes.json");
    std::fs::write(&export, &json).unwrap();
    let fresh = dir.path().join("fresh.ron");
    ok(&docket(&fresh, &["init", "--empty"]));
    ok(&docket(
        &fresh,
        &["import", "--format", "json", export.to_str().unwrap()],
    ));
    let again = ok(&docket(
        &fresh,
        &["export", "--format", "json", "--include-private"],
    ));
    // The same but for the import's own entries in the records' logs.
    let without_imports = |text: &str| {
        let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
        for kind in ["cities", "letters"] {
            for record in value[kind].as_array_mut().unwrap() {
                let record = record.as_object_mut().unwrap();
                if let Some(log) = record.get_mut("log").and_then(|l| l.as_array_mut()) {
                    log.retain(|e| !e["what"].as_str().unwrap().starts_with("imported from"));
                    if log.is_empty() {
                        record.remove("log");
                    }
                }
            }
        }
        value
    };
    assert_eq!(without_imports(&again), without_imports(&json));
    // The export without them says so when imported.
    let public_file = dir.path().join("public.json");
    std::fs::write(&public_file, &public).unwrap();
    let other = dir.path().join("other.ron");
    ok(&docket(&other, &["init", "--empty"]));
    let out = docket(
        &other,
        &["import", "--format", "json", public_file.to_str().unwrap()],
    );
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("left the letters' private notes out"),
        "{said}"
    );
}
