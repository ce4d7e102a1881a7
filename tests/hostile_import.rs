//! Issue 12, points 9 to 11: imported records are checked like a form, dates
//! stay within 0001-01-01..9999-12-31 wherever they enter, and importing is
//! linear in the number of rows.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;

use docket::model::Date;
use docket::tui::form::Form;
use support::cli::{docket, empty_file, fails, import, import_refused, ok};
use support::files::{data_file, load, sample_file, write};
use tempfile::TempDir;
use tui_input::Input;

/// A JSON docket holding `cities` and `letters` (JSON arrays' contents).
fn json(cities: &str, letters: &str) -> String {
    format!("{{\"version\": 1, \"cities\": [{cities}], \"letters\": [{letters}]}}")
}

/// A JSON city.
const CITY: &str = r#"{"id": "reno", "name": "Reno", "state": "NV"}"#;

/// A JSON letter to Reno with `field` set to `value` (a JSON value).
fn letter_with(field: &str, value: &str) -> String {
    let mut fields = vec![
        ("id", r#""reno-2017-08-03""#.to_owned()),
        ("city", r#""reno""#.to_owned()),
        ("from", r#""U.S. Department of Justice""#.to_owned()),
        ("to", r#""Reno Police Department""#.to_owned()),
        ("subject", r#""Public Safety Partnership""#.to_owned()),
        ("sent", r#""2017-08-03""#.to_owned()),
        ("due", r#""2017-08-18""#.to_owned()),
    ];
    match fields.iter_mut().find(|(name, _)| *name == field) {
        Some((_, old)) => value.clone_into(old),
        None => fields.push((field_name(field), value.to_owned())),
    }
    let body: Vec<String> = fields
        .iter()
        .map(|(name, value)| format!("\"{name}\": {value}"))
        .collect();
    format!("{{{}}}", body.join(", "))
}

fn field_name(field: &str) -> &'static str {
    match field {
        "replies" => "replies",
        "extensions" => "extensions",
        "closed" => "closed",
        other => panic!("no such field {other}"),
    }
}

/// Imports `text` as JSON into the sample, which must refuse it and stay as
/// it was; returns the message.
fn json_refused(text: &str) -> String {
    let (dir, file) = sample_file();
    let input = write(&dir, "in.json", text);
    import_refused(&file, "json", &input, &[])
}

/// Imports `text` as CSV into the sample, which must refuse it and stay as it
/// was; returns the message.
fn csv_refused(text: &str) -> String {
    let (dir, file) = sample_file();
    let input = write(&dir, "in.csv", text);
    import_refused(&file, "csv", &input, &[])
}

/// What `docket add ARGS` on the sample says when it refuses.
fn cli_refusal(args: &[&str]) -> String {
    let (_dir, file) = sample_file();
    let err = fails(&docket(&file, args), 1);
    assert_eq!(
        load(&file),
        docket::store::parse(docket::store::SAMPLE).unwrap()
    );
    err
}

/// The part of the CLI's refusal after `--option: `, before `; nothing...`.
fn reason(cli: &str) -> &str {
    let start = cli.find(": ").map_or(0, |at| at + 2);
    let rest = &cli[start..];
    let start = rest.find(": ").map_or(0, |at| at + 2);
    let rest = &rest[start..];
    rest.split("; nothing").next().unwrap_or(rest)
}

// ---------------------------------------------------------------------------
// 9. Every import is checked like a form
// ---------------------------------------------------------------------------

#[test]
fn a_json_city_id_that_is_not_a_slug_is_refused_at_its_path() {
    let city = r#"{"id": "../../Etc Passwd\nX", "name": "X", "state": ""}"#;
    let err = json_refused(&json(city, ""));
    assert!(err.contains("in.json:$.cities[0].id: "), "{err}");
    let cli = cli_refusal(&["add", "city", "--id", "../../Etc Passwd\nX", "--name", "X"]);
    assert!(err.contains(reason(&cli)), "{err}\nvs the CLI: {cli}");
    assert!(err.contains("nothing was imported"), "{err}");
}

#[test]
fn empty_json_fields_are_refused_as_the_command_line_refuses_them() {
    let reply = |from: &str| {
        format!(r#"[{{"on": "2017-08-10", "from": "{from}", "kind": "Disputes", "summary": ""}}]"#)
    };
    let table: [(String, String, &str, Vec<&str>); 5] = [
        (
            r#"{"id": "reno", "name": " ", "state": "NV"}"#.to_owned(),
            String::new(),
            "$.cities[0].name",
            vec!["add", "city", "--id", "reno", "--name", " "],
        ),
        (
            CITY.to_owned(),
            letter_with("from", r#""""#),
            "$.letters[0].from",
            vec![
                "add",
                "letter",
                "--city",
                "baltimore",
                "--sent",
                "2017-08-03",
                "--from",
                "",
                "--to",
                "T",
                "--subject",
                "S",
            ],
        ),
        (
            CITY.to_owned(),
            letter_with("to", r#""  ""#),
            "$.letters[0].to",
            vec![
                "add",
                "letter",
                "--city",
                "baltimore",
                "--sent",
                "2017-08-03",
                "--from",
                "F",
                "--to",
                "  ",
                "--subject",
                "S",
            ],
        ),
        (
            CITY.to_owned(),
            letter_with("subject", r#""""#),
            "$.letters[0].subject",
            vec![
                "add",
                "letter",
                "--city",
                "baltimore",
                "--sent",
                "2017-08-03",
                "--from",
                "F",
                "--to",
                "T",
                "--subject",
                "",
            ],
        ),
        (
            CITY.to_owned(),
            letter_with("replies", &reply("")),
            "$.letters[0].replies[0].from",
            vec![
                "add",
                "reply",
                "baltimore-2017-08-03",
                "--on",
                "2017-08-10",
                "--from",
                "",
                "--kind",
                "disputes",
            ],
        ),
    ];
    for (cities, letters, path, cli_args) in table {
        let err = json_refused(&json(&cities, &letters));
        assert!(err.contains(&format!("in.json:{path}: ")), "{path}: {err}");
        let cli = cli_refusal(&cli_args);
        assert!(err.contains(reason(&cli)), "{err}\nvs the CLI: {cli}");
    }
}

#[test]
fn a_json_import_lists_every_bad_record_and_writes_nothing() {
    let cities = [
        r#"{"id": "Bad Id", "name": "X", "state": ""}"#,
        r#"{"id": "good", "name": "Good", "state": "NV"}"#,
        r#"{"id": "nameless", "name": "", "state": ""}"#,
    ]
    .join(", ");
    let letters = [
        letter_with("from", r#""""#),
        letter_with("id", r#""reno-2""#).replace("\"reno\"", "\"good\""),
        letter_with("id", r#""reno-3""#).replace(
            r#""subject": "Public Safety Partnership""#,
            r#""subject": """#,
        ),
    ]
    .join(", ");
    let (dir, file) = sample_file();
    let input = write(&dir, "in.json", &json(&cities, &letters));
    let err = import_refused(&file, "json", &input, &[]);
    for place in [
        "in.json:$.cities[0].id: ",
        "in.json:$.cities[2].name: ",
        "in.json:$.letters[0].",
        "in.json:$.letters[2].subject: ",
    ] {
        assert!(err.contains(place), "{place}: {err}");
    }
    assert!(err.contains("problems; nothing was imported"), "{err}");
}

#[test]
fn a_csv_city_is_checked_by_the_same_rule() {
    let err = csv_refused(
        "id,city,city_name,state,from,to,subject,sent\n\
         ,../etc,Etc,NV,F,T,S,2017-08-03\n",
    );
    let cli = cli_refusal(&["add", "city", "--id", "../etc", "--name", "Etc"]);
    assert!(err.contains("in.csv:2:city: "), "{err}");
    assert!(err.contains(reason(&cli)), "{err}\nvs the CLI: {cli}");
}

#[test]
fn a_good_json_import_still_goes_through() {
    let (dir, file) = sample_file();
    let reply = r#"[{"on": "2017-08-10", "from": "Reno PD", "kind": "Disputes", "summary": ""}]"#;
    let input = write(&dir, "in.json", &json(CITY, &letter_with("replies", reply)));
    let text = ok(&import(&file, "json", &input, &[]));
    assert!(text.contains("added letter reno-2017-08-03\n"), "{text}");
    let docket = load(&file);
    assert_eq!(docket.letter("reno-2017-08-03").unwrap().replies.len(), 1);
}

// ---------------------------------------------------------------------------
// 10. Dates stay within 0001-01-01..9999-12-31
// ---------------------------------------------------------------------------

const OUT_OF_RANGE: &str = "outside 0001-01-01..9999-12-31";

#[test]
fn json_dates_outside_the_range_are_refused_at_their_path() {
    let reply = r#"[{"on": "+12345-01-01", "from": "Reno PD", "kind": "Disputes", "summary": ""}]"#;
    let extension = r#"[{"granted_on": "2017-08-10", "new_due": "+10000-01-01", "note": ""}]"#;
    let closed = r#"{"on": "+10000-01-01", "outcome": ""}"#;
    let table = [
        (letter_with("sent", r#""-0001-12-31""#), "$.letters[0].sent"),
        (letter_with("sent", r#""0000-06-01""#), "$.letters[0].sent"),
        (letter_with("due", r#""+262142-12-31""#), "$.letters[0].due"),
        (letter_with("replies", reply), "$.letters[0].replies[0].on"),
        (
            letter_with("extensions", extension),
            "$.letters[0].extensions[0].new_due",
        ),
        (letter_with("closed", closed), "$.letters[0].closed.on"),
    ];
    for (letter, path) in table {
        let err = json_refused(&json(CITY, &letter));
        assert!(err.contains(&format!("in.json:{path}: ")), "{path}: {err}");
        assert!(err.contains(OUT_OF_RANGE), "{path}: {err}");
    }
}

#[test]
fn csv_dates_outside_the_range_are_refused_at_their_row_and_column() {
    let err = csv_refused(
        "id,city,from,to,subject,sent,due\n\
         ,baltimore,F,T,S,0000-12-31,\n",
    );
    assert!(err.contains("in.csv:2:sent: "), "{err}");
    assert!(err.contains(OUT_OF_RANGE), "{err}");
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).collect()
}

#[test]
fn command_line_dates_outside_the_range_are_refused() {
    let letter = |sent: &str, due: &str| {
        vec![
            "add".to_owned(),
            "letter".to_owned(),
            "--city".to_owned(),
            "baltimore".to_owned(),
            "--sent".to_owned(),
            sent.to_owned(),
            "--due".to_owned(),
            due.to_owned(),
            "--from".to_owned(),
            "F".to_owned(),
            "--to".to_owned(),
            "T".to_owned(),
            "--subject".to_owned(),
            "S".to_owned(),
        ]
    };
    for args in [
        letter("0000-01-01", "0000-02-01"),
        letter("2017-08-03", "+3000000d"),
        strings(&[
            "add",
            "extension",
            "baltimore-2017-08-03",
            "--granted-on",
            "2017-08-10",
            "--due",
            "+3000000d",
        ]),
        strings(&[
            "add",
            "reply",
            "baltimore-2017-08-03",
            "--on",
            "+3000000d",
            "--from",
            "F",
            "--kind",
            "disputes",
        ]),
        strings(&["--as-of", "0000-01-01", "due"]),
    ] {
        let (_dir, file) = sample_file();
        let before = std::fs::read(&file).unwrap();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = docket(&file, &args);
        assert!(!out.status.success(), "{args:?} was accepted");
        let err = support::cli::stderr(&out);
        assert!(err.contains(OUT_OF_RANGE), "{args:?}: {err}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{args:?}");
    }
    // The last day of the range is fine.
    let (_dir, file) = sample_file();
    ok(&docket(
        &file,
        &letter("9999-12-30", "9999-12-31")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    ));
}

#[test]
fn a_data_file_holding_such_a_date_is_refused_on_load_with_its_place() {
    let sample = docket::store::SAMPLE;
    for (from, to) in [
        ("due: Some(\"2017-08-18\")", "due: Some(\"+10000-01-01\")"),
        ("sent: \"2017-08-03\"", "sent: \"0000-08-03\""),
    ] {
        assert!(sample.contains(from), "{from}");
        let text = sample.replacen(from, to, 1);
        let (_dir, file) = data_file(&text);
        let err = fails(&docket(&file, &["check"]), 1);
        let prefix = format!("docket: {}:", file.display());
        assert!(err.starts_with(&prefix), "{err}");
        let place: Vec<&str> = err[prefix.len()..].splitn(3, ':').collect();
        assert!(
            place[0].parse::<usize>().is_ok() && place[1].parse::<usize>().is_ok(),
            "path:line:column: {err}"
        );
        assert!(err.contains(OUT_OF_RANGE), "{err}");
    }
}

/// The letter form with `field` typed as `text`.
fn letter_form(field: &str, text: &str) -> Result<docket::model::Change, (&'static str, String)> {
    let sample = docket::store::parse(docket::store::SAMPLE).unwrap();
    let anchor: Date = "9999-12-20".parse().unwrap();
    let mut form = Form::add_letter(&sample, Some("baltimore"), anchor);
    for (key, value) in [("from", "F"), ("to", "T"), ("subject", "S"), (field, text)] {
        let at = form.fields.iter().position(|f| f.key == key).unwrap();
        form.fields[at].input = Input::new(value.to_owned());
    }
    form.change(&sample, anchor)
}

#[test]
fn forms_refuse_dates_outside_the_range() {
    // A Due field's `+2w` counts from the letter sent on 9999-12-20.
    for (field, text) in [("sent", "0000-12-31"), ("due", "+2w"), ("due", "+30d")] {
        let (key, message) = letter_form(field, text).expect_err(text);
        assert_eq!(key, field, "{text}");
        assert!(message.contains(OUT_OF_RANGE), "{text}: {message}");
    }
    // Months are no due rule: said so.
    let (key, message) = letter_form("due", "+1m").expect_err("+1m");
    assert_eq!(key, "due");
    assert!(message.contains("+11bd"), "{message}");
    letter_form("due", "+1w").expect("9999-12-27 is in range");
}

#[test]
fn the_model_refuses_such_dates_for_every_entry() {
    let mut docket = docket::store::parse(docket::store::SAMPLE).unwrap();
    let mut letter = docket.letter("baltimore-2017-08-03").unwrap().clone();
    letter.due = Some(Date::from_ymd_opt(10_000, 1, 1).unwrap());
    let invalid = docket
        .apply(docket::model::Change::EditLetter(letter))
        .unwrap_err();
    assert_eq!(invalid.field, "due");
    assert!(invalid.message.contains(OUT_OF_RANGE), "{invalid:?}");
}

// ---------------------------------------------------------------------------
// 11. Import is linear
// ---------------------------------------------------------------------------

/// CSV text of `rows` letters to 20 cities, each row creating or reusing its
/// city, with ids given on every other row (the others get `<city>-<sent>`).
fn csv_rows(rows: usize) -> String {
    let mut text = String::from("id,city,city_name,state,from,to,subject,sent,due\n");
    let start: Date = "2001-01-01".parse().unwrap();
    for row in 0..rows {
        let city = format!("city-{}", row % 20);
        let sent = start + chrono::Days::new((row / 40) as u64);
        let id = if row % 2 == 0 {
            format!("letter-{row:07}")
        } else {
            String::new()
        };
        text.push_str(&format!(
            "{id},{city},City {},ST,From,To,Subject {row},{sent},\n",
            row % 20
        ));
    }
    text
}

#[test]
fn csv_rows_import_into_a_file_and_load_back() {
    let dir = TempDir::new().unwrap();
    let file = empty_file(&dir);
    let input = write(&dir, "rows.csv", &csv_rows(500));
    ok(&import(&file, "csv", &input, &[]));
    let docket = load(Path::new(&file));
    assert_eq!(docket.letters.len(), 500);
    assert_eq!(docket.cities.len(), 20);
    assert!(docket.letters.is_sorted_by(|a, b| a.id < b.id));
}

/// A letter to `city` sent on `sent` that `docket add` accepts.
fn addable(id: &str, city: &str, sent: &str) -> docket::model::Letter {
    support::letters::letter(id, city, sent)
        .from("F")
        .to("T")
        .subject("S")
        .due("2017-09-01")
        .build()
}

#[test]
fn a_batch_checks_and_applies_changes_as_apply_does() {
    use docket::model::{Batch, Change, City, Closing, ReplyKind};
    let city = |id: &str, name: &str| City {
        id: id.into(),
        name: name.into(),
        state: "NV".into(),
        notes: String::new(),
        log: Vec::new(),
    };
    let reply = support::letters::letter("x", "reno", "2017-08-03")
        .reply("2017-08-10", ReplyKind::Disputes)
        .build()
        .replies
        .remove(0);
    let changes = vec![
        Change::AddCity(city("reno", "Reno")),
        Change::AddCity(city("reno", "Reno again")),
        Change::AddCity(city("Bad Id", "X")),
        Change::AddLetter(addable("", "reno", "2017-08-03")),
        Change::AddLetter(addable("", "reno", "2017-08-03")),
        Change::AddLetter(addable("reno-2017-08-03", "reno", "2017-08-04")),
        Change::AddLetter(addable("a-1", "gotham", "2017-08-03")),
        Change::AddLetter(addable("a-2", "baltimore", "0000-08-03")),
        Change::AddReply("reno-2017-08-03".into(), reply.clone()),
        Change::AddReply("nope".into(), reply),
        Change::Close(
            "reno-2017-08-03-2".into(),
            Closing {
                id: String::new(),
                reopened_on: None,
                on: "2017-08-20".parse().unwrap(),
                outcome: String::new(),
            },
        ),
        Change::RemoveLetter("baltimore-2017-08-03".into()),
        Change::AddLetter(addable("baltimore-2017-08-03", "baltimore", "2017-08-03")),
        Change::RemoveCity {
            id: "reno".into(),
            with_letters: false,
        },
        Change::EditCity(city("stockton", "Stockton, CA")),
        Change::RemoveCity {
            id: "reno".into(),
            with_letters: true,
        },
        Change::AddCity(city("reno", "Reno")),
        Change::AddLetter(addable("", "reno", "2017-08-03")),
        Change::RemoveCity {
            id: "albuquerque".into(),
            with_letters: true,
        },
    ];
    let mut one_by_one = docket::store::sample();
    let mut batch = Batch::new(docket::store::sample());
    for change in changes {
        let expected = one_by_one.apply(change.clone());
        let got = batch.apply(change.clone());
        match (&expected, &got) {
            (Ok(expected), Ok(got)) => {
                assert_eq!(
                    (&got.description, &got.id),
                    (&expected.description, &expected.id),
                    "{change:?}"
                );
                assert_eq!(got.undo.len(), expected.undo.len(), "{change:?}");
            }
            _ => assert_eq!(got, expected, "{change:?}"),
        }
    }
    assert_eq!(batch.finish(), one_by_one);
}
