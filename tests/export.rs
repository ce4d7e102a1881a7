//! `docket export`: golden files for Markdown, CSV and ICS on the story
//! fixture, the ICS rules of RFC 5545, writing with `-o`, and the ICS file
//! imported by a real calendar program (calcurse).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use docket::model::{City, Docket};
use support::cli::{docket, fails, ok};
use support::files::{STORY, assert_golden, data_file, names_in, sample_file, story_file};
use support::letters::letter;
use support::skip::skip_or_fail;

#[test]
fn markdown_chronology_golden() {
    let (_dir, file) = story_file();
    let text = ok(&docket(
        &file,
        &["export", "--format", "md", "--as-of", "2017-08-21"],
    ));
    assert_golden("export-2017-08-21.md", &text);
}

#[test]
fn csv_golden() {
    let (_dir, file) = story_file();
    let text = ok(&docket(
        &file,
        &["export", "--format", "csv", "--as-of", "2017-08-18"],
    ));
    assert_golden("export-2017-08-18.csv", &text);
}

#[test]
fn ics_golden() {
    let (_dir, file) = story_file();
    let text = ok(&docket(
        &file,
        &["export", "--format", "ics", "--as-of", "2017-08-18"],
    ));
    assert_golden("export-2017-08-18.ics", &text);
}

#[test]
fn a_deadline_on_the_calendars_last_day_is_an_event_of_that_day() {
    let (_dir, file) = sample_file();
    let id = "baltimore-2017-08-03";
    ok(&docket(
        &file,
        &[
            "add",
            "extension",
            id,
            "--granted-on",
            "2017-08-10",
            "--due",
            "9999-12-31",
        ],
    ));
    let text = ok(&docket(
        &file,
        &["export", "--format", "ics", "--as-of", "2017-08-10"],
    ));
    let lines = unfolded(&text);
    let start = (lines.iter())
        .position(|l| l == "DTSTART;VALUE=DATE:99991231")
        .expect("the event starts on 9999-12-31");
    let event: Vec<&String> = lines[start..]
        .iter()
        .take_while(|l| *l != "END:VEVENT")
        .collect();
    assert!(
        event.iter().all(|l| !l.starts_with("DTEND")),
        "no end past the calendar: {event:?}"
    );
}

/// The content lines of an ICS text, unfolded.
fn unfolded(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn ics_follows_rfc_5545_framing() {
    let (_dir, file) = story_file();
    let ics = ok(&docket(
        &file,
        &["export", "--format", "ics", "--as-of", "2017-08-21"],
    ));
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"),
        "{ics}"
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "no bare LF");
    assert!(!ics.replace("\r\n", "").contains('\r'), "no bare CR");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let lines = unfolded(&ics);
    let field =
        |name: &str| -> Vec<&str> { lines.iter().filter_map(|l| l.strip_prefix(name)).collect() };
    // Every letter with a deadline: overdue, just sent, answered, closed,
    // extended; the answered and the closed one cancelled, not dropped.
    assert_eq!(
        field("UID:"),
        [
            "albuquerque-2017-08-03@docket",
            "albuquerque-2017-08-21@docket",
            "baltimore-2017-08-03@docket",
            "san-bernardino-2017-08-03@docket",
            "stockton-2017-08-03@docket"
        ]
    );
    assert_eq!(
        field("STATUS:"),
        [
            "CONFIRMED",
            "CONFIRMED",
            "CANCELLED",
            "CANCELLED",
            "CONFIRMED"
        ]
    );
    assert_eq!(
        field("DTSTART;VALUE=DATE:"),
        ["20170818", "20170828", "20170818", "20170818", "20170825"]
    );
    assert_eq!(
        field("DTEND;VALUE=DATE:"),
        ["20170819", "20170829", "20170819", "20170819", "20170826"]
    );
    assert_eq!(
        field("DTSTAMP:"),
        [
            "20170803T000000Z",
            "20170821T000000Z",
            "20170818T000000Z",
            "20170818T000000Z",
            "20170818T000000Z"
        ]
    );
    // Replies, extensions and closings each raise it.
    assert_eq!(field("SEQUENCE:"), ["0", "0", "2", "1", "2"]);
    // Reminders only for the deadlines still pending.
    assert_eq!(field("TRIGGER:"), ["-P3D"; 3]);
    assert_eq!(
        field("SUMMARY:")[1],
        "Reply due: Albuquerque — Follow-up: proof of cooperation not received"
    );
}

#[test]
fn ics_is_the_same_on_every_run() {
    let (_dir, file) = story_file();
    let args = ["export", "--format", "ics", "--as-of", "2017-08-21"];
    assert_eq!(ok(&docket(&file, &args)), ok(&docket(&file, &args)));
}

#[test]
fn json_export_is_the_whole_docket_whatever_the_date() {
    let (_dir, file) = story_file();
    let early = ok(&docket(
        &file,
        &["export", "--format", "json", "--as-of", "2017-08-01"],
    ));
    let late = ok(&docket(
        &file,
        &["export", "--format", "json", "--as-of", "2017-09-01"],
    ));
    assert_eq!(early, late);
    // The story has no private notes: nothing is lost by leaving them out.
    assert!(early.contains(r#""private_notes": "omitted""#));
    let parsed = docket::import::json::parse(&early).unwrap();
    let on_disk = docket::store::parse(STORY).unwrap();
    assert_eq!(parsed, on_disk);
}

#[test]
fn output_file_gets_exactly_what_stdout_would() {
    let (dir, file) = story_file();
    let out_path = dir.path().join("deadlines.ics");
    std::fs::write(&out_path, "an older export").unwrap();
    let args = ["export", "--format", "ics", "--as-of", "2017-08-18"];
    let printed = ok(&docket(&file, &args));
    let out = docket(
        &file,
        &[&args[..], &["-o", out_path.to_str().unwrap()]].concat(),
    );
    assert_eq!(ok(&out), "", "nothing on stdout");
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), printed);
    // Only the data file, its lock and the export: no temporary file left behind.
    assert_eq!(names_in(dir.path()), ["deadlines.ics", "docket.ron"]);
}

#[test]
fn output_that_cannot_be_written_fails_cleanly() {
    let (dir, file) = sample_file();
    let missing = dir.path().join("no-such-folder").join("out.csv");
    let err = fails(
        &docket(
            &file,
            &["export", "--format", "csv", "-o", missing.to_str().unwrap()],
        ),
        1,
    );
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(!missing.exists());

    let before = std::fs::read(&file).unwrap();
    let err = fails(
        &docket(
            &file,
            &["export", "--format", "json", "-o", file.to_str().unwrap()],
        ),
        2,
    );
    assert!(err.contains("is the data file"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn export_rejects_an_unknown_format_or_a_bad_date() {
    let (_dir, file) = sample_file();
    fails(&docket(&file, &["export", "--format", "xlsx"]), 2);
    fails(&docket(&file, &["export"]), 2);
    fails(
        &docket(
            &file,
            &["export", "--format", "ics", "--as-of", "2017-02-29"],
        ),
        2,
    );
}

// ---------------------------------------------------------------------------
// A real calendar program reads the ICS file
// ---------------------------------------------------------------------------

/// calcurse; `None` where it is missing and the test skips (under CI it
/// fails instead: .ci/run installs calcurse).
#[track_caller]
fn calcurse() -> Option<&'static str> {
    let found = Command::new("calcurse").arg("--version").output().is_ok();
    if found {
        return Some("calcurse");
    }
    skip_or_fail(
        "calcurse is not installed (apt-get install calcurse), so the ICS file \
         cannot be checked by a calendar program",
    );
    None
}

/// Imports `ics` into a fresh calcurse data folder; returns the folder.
fn calcurse_import(program: &str, ics: &str, tmp: &Path) -> std::path::PathBuf {
    let data = tmp.join("calcurse");
    std::fs::create_dir_all(&data).unwrap();
    let file = tmp.join("deadlines.ics");
    std::fs::write(&file, ics).unwrap();
    let out = Command::new(program)
        .arg("-D")
        .arg(&data)
        .arg("-i")
        .arg(&file)
        .env("HOME", tmp)
        .env("TMPDIR", tmp)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.contains(" 0 skipped"),
        "calcurse refused some of the file:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    data
}

/// `(title, note file)` of each event calcurse has on `day` (YYYY-MM-DD).
fn calcurse_events(program: &str, data: &Path, day: &str) -> Vec<(String, String)> {
    let out = Command::new(program)
        .arg("-D")
        .arg(data)
        .args(["--input-datefmt", "4", "-Q", "--from", day, "--days", "1"])
        .args(["--filter-type", "cal", "--format-event", "%m\t%n\n"])
        .env("HOME", data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(title, note)| (title.to_owned(), note.to_owned()))
        .collect()
}

#[test]
fn calcurse_imports_the_four_sample_deadlines_on_2017_08_18() {
    let Some(program) = calcurse() else { return };
    let (dir, file) = sample_file();
    let ics = ok(&docket(
        &file,
        &["export", "--format", "ics", "--as-of", "2017-08-10"],
    ));
    let data = calcurse_import(program, &ics, dir.path());
    let mut titles: Vec<String> = calcurse_events(program, &data, "2017-08-18")
        .into_iter()
        .map(|(title, _)| title)
        .collect();
    titles.sort();
    let subject =
        "Public Safety Partnership: proof of cooperation with federal immigration authorities";
    let expected: Vec<String> = ["Albuquerque", "Baltimore", "San Bernardino", "Stockton"]
        .iter()
        .map(|city| format!("Reply due: {city} — {subject}"))
        .collect();
    assert_eq!(titles, expected);
    for day in ["2017-08-17", "2017-08-19"] {
        assert!(
            calcurse_events(program, &data, day).is_empty(),
            "{day}: all-day events last one day"
        );
    }
}

/// A docket whose one letter has a subject full of what ICS must escape.
fn awkward_docket(subject: &str) -> Docket {
    let mut docket = Docket::new();
    docket.cities.push(City {
        id: "zurich".to_owned(),
        name: "Zürich".to_owned(),
        state: "ZH".to_owned(),
        notes: String::new(),
        log: Vec::new(),
    });
    docket.letters.push(Arc::new(
        letter("zurich-2017-08-03", "zurich", "2017-08-03")
            .from("Bureau; of \"Letters\", Inc.")
            .to("Stadtpolizei Zürich")
            .subject(subject)
            .due("2017-08-18")
            .demands(["Answer, please; soon."])
            .build(),
    ));
    docket
}

#[test]
fn calcurse_keeps_a_subject_full_of_escapes_and_non_ascii() {
    let Some(program) = calcurse() else { return };
    let subject = "Commas, semicolons; back\\slashes \\n \\, and\nnew lines: Zürich «ñ» 東京 😀 — \
                   façade, naïve; coöperate\\ ÆØÅ æøå 日本語テキスト, over the fold";
    let (dir, file) = data_file(&docket::store::to_ron(&awkward_docket(subject)));
    let ics = ok(&docket(
        &file,
        &["export", "--format", "ics", "--as-of", "2017-08-10"],
    ));
    assert!(
        ics.split("\r\n").any(|l| l.starts_with(' ')),
        "the summary is folded"
    );
    let data = calcurse_import(program, &ics, dir.path());
    let events = calcurse_events(program, &data, "2017-08-18");
    assert_eq!(events.len(), 1, "{events:?}");
    let (title, note) = &events[0];
    // A title is one line: the line break becomes a space.
    assert_eq!(
        *title,
        format!("Reply due: Zürich — {}", subject.replace('\n', " "))
    );
    // The notes keep the subject exactly, line break and all.
    let notes = std::fs::read_to_string(data.join("notes").join(note)).unwrap();
    assert!(notes.contains(&format!("Subject: {subject}\n")), "{notes}");
    assert!(
        notes.contains("From: Bureau; of \"Letters\", Inc.\n"),
        "{notes}"
    );
    assert!(notes.contains("- Answer, please; soon."), "{notes}");
}

#[test]
fn digest_describes_two_extensions_granted_the_same_day_from_the_right_date() {
    let mut docket = docket::store::sample();
    let extended = letter("baltimore-2026-12-01", "baltimore", "2026-12-01")
        .from("DOJ")
        .to("BPD")
        .subject("Notice")
        .due("2026-12-10")
        .extension("2026-12-05", "2026-12-20")
        .extension("2026-12-05", "2026-12-31")
        .build();
    docket.letters.push(Arc::new(extended));
    let digest = docket::export::digest::to_digest(&docket, support::letters::date("2026-12-05"));
    let extended: Vec<&str> = digest
        .lines()
        .filter(|l| l.contains("deadline extended"))
        .collect();
    assert_eq!(extended.len(), 2, "{digest}");
    assert!(
        extended[0].contains("from 2026-12-10 (Thu) to 2026-12-20 (Sun)"),
        "{digest}"
    );
    assert!(
        extended[1].contains("from 2026-12-20 (Sun) to 2026-12-31 (Thu)"),
        "{digest}"
    );
}
