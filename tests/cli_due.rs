//! Deadlines as offices compute them, through the real binary: due rules
//! (`--due +11bd`), receipt dates, roll-forward, the office calendar
//! (`holidays`), the settings, and `check`'s warnings.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;

use serde_json::Value;
use support::cli::{docket, fails, ok, stderr};
use support::files::{sample_file, write};

/// `add letter` to Baltimore sent on `sent`, with `extra` options; its id.
fn add_letter(file: &Path, sent: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "add",
        "letter",
        "--city",
        "baltimore",
        "--sent",
        sent,
        "--from",
        "DOJ",
        "--to",
        "Mayor",
        "--subject",
        "Records",
    ];
    args.extend_from_slice(extra);
    ok(&docket(file, &args)).trim().to_owned()
}

fn show(file: &Path, id: &str, as_of: &str) -> Value {
    serde_json::from_str(&ok(&docket(
        file,
        &["show", id, "--json", "--as-of", as_of],
    )))
    .unwrap()
}

#[test]
fn a_rule_in_business_days_gives_the_sample_deadline() {
    let (_dir, file) = sample_file();
    let id = add_letter(
        &file,
        "2017-08-03",
        &["--due", "+11bd", "--id", "rule-11bd"],
    );
    assert_eq!(id, "rule-11bd");
    let letter = show(&file, &id, "2017-08-10");
    assert_eq!(letter["due"], "2017-08-18");
    assert_eq!(letter["business_days_left"], 6);
    assert_eq!(
        letter["due_rule"],
        serde_json::json!({"count": 11, "unit": "business-days", "from": "sent"})
    );
    let text = ok(&docket(&file, &["show", &id, "--as-of", "2017-08-10"]));
    assert!(
        text.contains("2017-08-18 (Fri): 11 business days after sent 2017-08-03"),
        "{text}"
    );
    // Moving the sent date moves the deadline.
    ok(&docket(
        &file,
        &["edit", "letter", &id, "--sent", "2017-08-04"],
    ));
    assert_eq!(show(&file, &id, "2017-08-10")["due"], "2017-08-21");
}

#[test]
fn a_rule_landing_on_christmas_rolls_forward_unless_told_not_to() {
    let (_dir, file) = sample_file();
    let id = add_letter(&file, "2026-12-10", &["--due", "+15d"]);
    let letter = show(&file, &id, "2026-12-11");
    assert_eq!(letter["due"], "2026-12-28");
    let notes = letter["due_notes"].as_array().unwrap();
    assert_eq!(
        notes[0],
        "due Fri 2026-12-25 -> rolls to Mon 2026-12-28, past Christmas Day"
    );
    let text = ok(&docket(&file, &["show", &id, "--as-of", "2026-12-11"]));
    assert!(
        text.contains("2026-12-28 (Mon): 15 days after sent 2026-12-10"),
        "{text}"
    );
    assert!(
        text.contains("due Fri 2026-12-25 -> rolls to Mon 2026-12-28"),
        "{text}"
    );

    // Turning roll-forward off moves the derived date back, and a new letter
    // gets the date as counted.
    assert_eq!(
        ok(&docket(&file, &["settings", "set", "roll_forward", "off"])),
        "roll_forward = off\n"
    );
    assert_eq!(show(&file, &id, "2026-12-11")["due"], "2026-12-25");
    let other = add_letter(&file, "2026-12-10", &["--due", "+15d"]);
    assert_eq!(show(&file, &other, "2026-12-11")["due"], "2026-12-25");
    // The deadline on a holiday is now said, by show and by check.
    let text = ok(&docket(&file, &["show", &other, "--as-of", "2026-12-11"]));
    assert!(
        text.contains("Friday 2026-12-25 is Christmas Day: offices are closed"),
        "{text}"
    );
    let out = docket(&file, &["check"]);
    ok(&out);
    assert!(
        stderr(&out).contains(&format!(
            "letter {other}: Friday 2026-12-25 is Christmas Day: offices are closed"
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_warns_of_absolute_deadlines_and_extensions_on_days_off() {
    let (_dir, file) = sample_file();
    let id = add_letter(&file, "2026-12-01", &["--due", "2026-12-25"]);
    ok(&docket(
        &file,
        &[
            "add",
            "extension",
            &id,
            "--granted-on",
            "2026-12-20",
            "--due",
            "2027-01-02",
        ],
    ));
    let out = docket(&file, &["check"]);
    let said = stderr(&out);
    ok(&out);
    assert!(
        said.contains("Friday 2026-12-25 is Christmas Day"),
        "{said}"
    );
    assert!(
        said.contains("Saturday 2027-01-02 is a weekend day"),
        "{said}"
    );
    // The sample's deadlines are all business days.
    let (_dir, sample) = sample_file();
    let out = docket(&sample, &["check"]);
    ok(&out);
    assert_eq!(stderr(&out), "");
}

#[test]
fn check_names_twenty_deadlines_on_days_off_and_counts_the_rest() {
    let (_dir, file) = sample_file();
    // 23 letters, each due on a Saturday of 2027.
    for week in 0..23 {
        let due =
            chrono::NaiveDate::from_ymd_opt(2027, 1, 2).unwrap() + chrono::Days::new(7 * week);
        add_letter(&file, "2026-12-01", &["--due", &due.to_string()]);
    }
    let out = docket(&file, &["check"]);
    let said = stderr(&out);
    ok(&out);
    let named = said
        .lines()
        .filter(|l| l.contains(": Saturday 2027-"))
        .count();
    assert_eq!(named, 20, "{said}");
    assert!(
        said.ends_with("warning: and 3 more deadlines on a weekend or a holiday\n"),
        "{said}"
    );
}

#[test]
fn a_rule_counted_from_receipt() {
    let (_dir, file) = sample_file();
    let refused = fails(
        &docket(
            &file,
            &[
                "add",
                "letter",
                "--city",
                "baltimore",
                "--sent",
                "2017-08-03",
                "--from",
                "DOJ",
                "--to",
                "Mayor",
                "--subject",
                "Records",
                "--due",
                "+10bd",
                "--from-received",
            ],
        ),
        1,
    );
    assert!(refused.contains("--received"), "{refused}");
    let id = add_letter(
        &file,
        "2017-08-03",
        &[
            "--due",
            "+10bd",
            "--from-received",
            "--received",
            "2017-08-07",
        ],
    );
    let letter = show(&file, &id, "2017-08-10");
    assert_eq!(letter["received"], "2017-08-07");
    assert_eq!(letter["due"], "2017-08-21");
    assert_eq!(letter["due_rule"]["from"], "received");
    ok(&docket(
        &file,
        &["edit", "letter", &id, "--received", "2017-08-08"],
    ));
    assert_eq!(show(&file, &id, "2017-08-10")["due"], "2017-08-22");
    // Received before sent is refused.
    let err = fails(
        &docket(&file, &["edit", "letter", &id, "--received", "2017-08-01"]),
        1,
    );
    assert!(err.contains("--received"), "{err}");
    assert!(err.contains("before it was sent"), "{err}");
    // An absolute date replaces the rule.
    ok(&docket(
        &file,
        &["edit", "letter", &id, "--due", "2017-09-01"],
    ));
    let letter = show(&file, &id, "2017-08-10");
    assert_eq!(letter["due"], "2017-09-01");
    assert_eq!(letter["due_rule"], Value::Null);
}

#[test]
fn a_holiday_added_moves_a_business_day_countdown_by_one() {
    let (_dir, file) = sample_file();
    let letter = |file: &Path| show(file, "baltimore-2017-08-03", "2017-08-10");
    assert_eq!(letter(&file)["business_days_left"], 6);
    assert_eq!(
        ok(&docket(
            &file,
            &["holidays", "add", "2017-08-14", "Office closure"]
        )),
        "2017-08-14 Office closure\n"
    );
    assert_eq!(letter(&file)["business_days_left"], 5);
    assert_eq!(letter(&file)["days_left"], 8);
    let listed = ok(&docket(&file, &["holidays", "--year", "2017"]));
    assert!(
        listed.contains("2017-08-14  Mon  Office closure"),
        "{listed}"
    );
    assert!(listed.contains("2017-09-04  Mon  Labor Day"), "{listed}");
    // Removing it puts the day back; removing a federal one marks it worked.
    ok(&docket(&file, &["holidays", "rm", "2017-08-14"]));
    assert_eq!(letter(&file)["business_days_left"], 6);
    ok(&docket(&file, &["holidays", "rm", "2017-09-04"]));
    let json: Value = serde_json::from_str(&ok(&docket(
        &file,
        &["holidays", "--year", "2017", "--json"],
    )))
    .unwrap();
    let labor = (json.as_array().unwrap().iter())
        .find(|d| d["on"] == "2017-09-04")
        .unwrap();
    assert_eq!(labor["source"], "removed");
    assert_eq!(labor["off"], false);
    let err = fails(&docket(&file, &["holidays", "rm", "2017-08-15"]), 1);
    assert!(err.contains("not a day off"), "{err}");
    let err = fails(
        &docket(&file, &["holidays", "add", "2017-12-25", "Again"]),
        1,
    );
    assert!(err.contains("already a day off (Christmas Day)"), "{err}");
}

#[test]
fn holidays_import_reads_all_day_and_yearly_events() {
    let (_dir, file) = sample_file();
    let ics = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/maryland.ics");
    let said = ok(&docket(
        &file,
        &[
            "holidays",
            "import",
            ics.to_str().unwrap(),
            "--through",
            "2028",
            "--as-of",
            "2026-01-01",
        ],
    ));
    // 2 one-off days, Lincoln's Birthday and the August closure 2026-2028,
    // the court day twice (COUNT=2).
    assert_eq!(said, "10 days off added, 0 already days off\n");
    let days = |year: &str| -> Vec<(String, String)> {
        let json: Value =
            serde_json::from_str(&ok(&docket(&file, &["holidays", "--year", year, "--json"])))
                .unwrap();
        (json.as_array().unwrap().iter())
            .filter(|d| d["source"] == "office")
            .map(|d| {
                (
                    d["on"].as_str().unwrap().to_owned(),
                    d["name"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let pairs = |rows: &[(&str, &str)]| -> Vec<(String, String)> {
        rows.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(
        days("2026"),
        pairs(&[
            ("2026-02-12", "Lincoln's Birthday"),
            ("2026-03-16", "Court day off"),
            ("2026-03-25", "Maryland Day"),
            ("2026-08-31", "Office closure, end of summer"),
            ("2026-11-27", "American Indian Heritage Day"),
        ])
    );
    assert_eq!(
        days("2027"),
        pairs(&[
            ("2027-02-12", "Lincoln's Birthday"),
            ("2027-03-15", "Court day off"),
            ("2027-08-30", "Office closure, end of summer"),
        ])
    );
    assert_eq!(days("2029"), pairs(&[]));
    // Imported again, nothing is added twice.
    let again = ok(&docket(
        &file,
        &[
            "holidays",
            "import",
            ics.to_str().unwrap(),
            "--through",
            "2028",
        ],
    ));
    assert_eq!(again, "0 days off added, 10 already days off\n");
}

#[test]
fn an_ics_file_docket_cannot_read_is_refused_whole() {
    let (dir, file) = sample_file();
    let before = std::fs::read(&file).unwrap();
    let cases = [
        ("timed.ics", "DTSTART:20260325T090000Z", "has a time of day"),
        (
            "monthly.ics",
            "DTSTART;VALUE=DATE:20260325\nRRULE:FREQ=MONTHLY",
            "only FREQ=YEARLY",
        ),
        (
            "byday.ics",
            "DTSTART;VALUE=DATE:20260325\nRRULE:FREQ=YEARLY;BYDAY=MO",
            "BYDAY=MO",
        ),
    ];
    for (name, event, message) in cases {
        let text = format!(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nSUMMARY:Fine\n\
             END:VEVENT\nBEGIN:VEVENT\n{event}\nSUMMARY:Bad\nEND:VEVENT\nEND:VCALENDAR\n"
        );
        let ics = write(&dir, name, &text);
        let err = fails(
            &docket(&file, &["holidays", "import", ics.to_str().unwrap()]),
            1,
        );
        assert!(err.contains(message), "{name}: {err}");
        assert!(err.contains("nothing was imported"), "{name}: {err}");
        assert!(err.contains("line "), "{name}: {err}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{name}");
    }
}

#[test]
fn settings_print_and_change_one_at_a_time() {
    let (_dir, file) = sample_file();
    let text = ok(&docket(&file, &["settings"]));
    assert!(text.contains("due_soon_days    3"), "{text}");
    assert!(text.contains("reminders        3"), "{text}");
    assert!(text.contains("roll_forward     on"), "{text}");
    assert!(text.contains("calendar         us-federal"), "{text}");
    ok(&docket(&file, &["settings", "set", "reminders", "7,3"]));
    ok(&docket(&file, &["settings", "set", "due_soon_days", "5"]));
    ok(&docket(&file, &["settings", "set", "calendar", "none"]));
    let json: Value = serde_json::from_str(&ok(&docket(&file, &["settings", "--json"]))).unwrap();
    assert_eq!(json["reminders"], serde_json::json!([3, 7]));
    assert_eq!(json["due_soon_days"], 5);
    // Due soon follows the setting: 5 days ahead of 2017-08-18.
    let letter = show(&file, "baltimore-2017-08-03", "2017-08-13");
    assert_eq!(letter["status"], "due-soon");
    // Labor Day counts as a business day without the federal calendar.
    let text = ok(&docket(&file, &["holidays", "--year", "2017"]));
    assert!(!text.contains("Labor Day"), "{text}");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("due_soon_days: 5"), "{saved}");
    for (key, value, message) in [
        ("due_soon_days", "-1", "0 to 366"),
        ("due_soon_days", "soon", "a number of days"),
        ("reminders", "3,x", "days before a deadline"),
        ("roll_forward", "maybe", "on or off"),
        ("calendar", "maryland", "us-federal or none"),
        ("colour", "red", "no setting"),
    ] {
        let out = docket(&file, &["settings", "set", key, value]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{key} {value}");
        assert!(err.contains(message), "{key} {value}: {err}");
    }
}

#[test]
fn received_and_rules_go_out_in_exports_and_come_back_from_csv() {
    let (dir, file) = sample_file();
    let id = add_letter(
        &file,
        "2017-08-03",
        &[
            "--due",
            "+10bd",
            "--from-received",
            "--received",
            "2017-08-07",
        ],
    );
    let csv = ok(&docket(
        &file,
        &["export", "--format", "csv", "--as-of", "2017-08-10"],
    ));
    let row = csv.lines().find(|l| l.starts_with(&id)).unwrap();
    assert!(
        row.contains(",2017-08-03,2017-08-07,2017-08-21,+10bd from received,"),
        "{row}"
    );
    let md = ok(&docket(
        &file,
        &["export", "--format", "markdown", "--as-of", "2017-08-10"],
    ));
    assert!(md.contains("- Received: 2017-08-07 (Mon)"), "{md}");
    assert!(
        md.contains("- Due rule: 10 business days after received 2017-08-07"),
        "{md}"
    );
    // Read back into an empty docket, the rule gives the same date.
    let input = write(&dir, "letters.csv", &csv);
    let other = dir.path().join("other.ron");
    ok(&docket(&other, &["init", "--empty"]));
    ok(&support::cli::import(&other, "csv", &input, &[]));
    let letter = show(&other, &id, "2017-08-10");
    assert_eq!(letter["received"], "2017-08-07");
    assert_eq!(letter["due"], "2017-08-21");
    assert_eq!(letter["due_rule"]["unit"], "business-days");
}
