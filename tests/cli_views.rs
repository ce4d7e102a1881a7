//! `docket due`, `docket show` and `docket digest`: the real binary on the
//! sample and on the story fixture (the sample with replies, an extension, a
//! closing and a follow-up letter).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use serde_json::Value;
use support::cli::{docket, fails, ok};
use support::files::{assert_golden, sample_file, story_file};

fn json(out: &std::process::Output) -> Value {
    serde_json::from_str(&ok(out)).expect("valid JSON")
}

fn ids(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect()
}

// ---------------------------------------------------------------------------
// due
// ---------------------------------------------------------------------------

#[test]
fn due_looks_as_far_ahead_as_the_largest_reminder_by_default() {
    let (_dir, file) = sample_file();
    // The default reminders are [3]: three days ahead.
    let out = docket(&file, &["due", "--as-of", "2017-08-14"]);
    assert_eq!(
        ok(&out),
        "nothing is overdue or due within 3 days as of 2017-08-14\n"
    );
    let items = json(&docket(&file, &["due", "--json", "--as-of", "2017-08-15"]));
    assert_eq!(items.as_array().unwrap().len(), 4);
    // Reminders 10 and 2 days before: ten days ahead.
    ok(&docket(&file, &["settings", "set", "reminders", "2,10"]));
    let items = json(&docket(&file, &["due", "--json", "--as-of", "2017-08-08"]));
    assert_eq!(items.as_array().unwrap().len(), 4);
    let out = docket(&file, &["due", "--as-of", "2017-08-07"]);
    assert_eq!(
        ok(&out),
        "nothing is overdue or due within 10 days as of 2017-08-07\n"
    );
    let items = json(&docket(
        &file,
        &["due", "--json", "--as-of", "2017-08-10", "--within", "8"],
    ));
    assert_eq!(items.as_array().unwrap().len(), 4);
    let first = &items[0];
    assert_eq!(first["id"], "albuquerque-2017-08-03");
    assert_eq!(first["city_name"], "Albuquerque");
    assert_eq!(first["due"], "2017-08-18");
    assert_eq!(first["days_left"], 8);
    assert_eq!(first["business_days_left"], 6);
    assert_eq!(first["status"], "open");
}

#[test]
fn due_lists_overdue_first_then_by_days_left_and_leaves_out_answered_and_closed() {
    let (_dir, file) = story_file();
    let items = json(&docket(
        &file,
        &["due", "--json", "--as-of", "2017-08-21", "--within", "7"],
    ));
    assert_eq!(
        ids(&items),
        [
            "albuquerque-2017-08-03", // 3 days overdue
            "stockton-2017-08-03",    // extended to 2017-08-25: 4 days left
            "albuquerque-2017-08-21", // the follow-up: 7 days left
        ]
    );
    let days: Vec<i64> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["days_left"].as_i64().unwrap())
        .collect();
    assert_eq!(days, [-3, 4, 7]);
    assert_eq!(items[0]["status"], "overdue");

    let items = json(&docket(
        &file,
        &["due", "--json", "--as-of", "2017-08-21", "--within", "0"],
    ));
    assert_eq!(
        ids(&items),
        ["albuquerque-2017-08-03"],
        "overdue always shows"
    );
}

#[test]
fn due_prints_an_aligned_table() {
    let (_dir, file) = story_file();
    let text = ok(&docket(
        &file,
        &["due", "--as-of", "2017-08-21", "--within", "7"],
    ));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("ID "), "{text}");
    assert!(
        lines[1]
            .starts_with("albuquerque-2017-08-03  Albuquerque  overdue  2017-08-18  -3    -1   "),
        "{text}"
    );
    assert!(
        lines[2].starts_with("stockton-2017-08-03     Stockton     open     2017-08-25  4     4"),
        "{text}"
    );
}

#[test]
fn due_rejects_a_bad_window_or_date_as_usage() {
    let (_dir, file) = sample_file();
    let before = std::fs::read(&file).unwrap();
    for args in [
        &["due", "--within", "-1"][..],
        &["due", "--within", "soon"],
        &["due", "--as-of", "2017-13-01"],
    ] {
        fails(&docket(&file, args), 2);
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

// ---------------------------------------------------------------------------
// show
// ---------------------------------------------------------------------------

#[test]
fn show_json_gives_the_thread_as_of_the_date() {
    let (_dir, file) = story_file();
    let show = |as_of: &str| {
        json(&docket(
            &file,
            &["show", "baltimore-2017-08-03", "--json", "--as-of", as_of],
        ))
    };
    let early = show("2017-08-15");
    assert_eq!(early["status"], "due-soon");
    let replies = early["replies"].as_array().unwrap();
    assert_eq!(replies.len(), 1, "the reply of 2017-08-18 is not there yet");
    assert_eq!(replies[0]["kind"], "acknowledges");
    assert_eq!(replies[0]["answers"], false);

    let late = show("2017-08-21");
    assert_eq!(late["status"], "answered");
    let replies = late["replies"].as_array().unwrap();
    assert_eq!(replies.len(), 2);
    assert_eq!(replies[1]["on"], "2017-08-18");
    assert_eq!(replies[1]["kind"], "disputes");
    assert_eq!(replies[1]["answers"], true);
    for field in [
        "id",
        "city",
        "city_name",
        "state",
        "from",
        "to",
        "subject",
        "program",
        "sent",
        "due",
        "original_due",
        "days_left",
        "business_days_left",
        "status",
        "demands",
        "summary",
        "source",
        "tags",
        "replies",
        "extensions",
        "closed",
    ] {
        assert!(late.get(field).is_some(), "{field} missing: {late}");
    }
    assert_eq!(late["state"], "MD");
    assert_eq!(late["demands"].as_array().unwrap().len(), 2);
}

#[test]
fn show_json_applies_extensions_and_closings_only_from_their_date() {
    let (_dir, file) = story_file();
    let show =
        |id: &str, as_of: &str| json(&docket(&file, &["show", id, "--json", "--as-of", as_of]));
    let before = show("stockton-2017-08-03", "2017-08-17");
    assert_eq!(before["due"], "2017-08-18");
    assert_eq!(before["extensions"], Value::Array(vec![]));
    let after = show("stockton-2017-08-03", "2017-08-18");
    assert_eq!(after["due"], "2017-08-25");
    assert_eq!(after["original_due"], "2017-08-18");
    assert_eq!(after["extensions"][0]["new_due"], "2017-08-25");
    assert_eq!(after["days_left"], 7);

    assert_eq!(
        show("san-bernardino-2017-08-03", "2017-08-17")["closed"],
        Value::Null
    );
    assert!(
        show("stockton-2017-08-03", "2017-08-21")["city_notes"]
            .as_str()
            .unwrap()
            .starts_with("Expressed interest in the Justice Department's")
    );
    let closed = show("san-bernardino-2017-08-03", "2017-08-18");
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["closed"]["on"], "2017-08-18");
}

#[test]
fn show_prints_the_letter_in_full() {
    let (_dir, file) = story_file();
    let text = ok(&docket(
        &file,
        &["show", "stockton-2017-08-03", "--as-of", "2017-08-21"],
    ));
    for expected in [
        "Letter   stockton-2017-08-03\n",
        "City     Stockton, CA\n",
        "Due      2017-08-25 (Fri), extended from 2017-08-18 (Fri)\n",
        "Status   open, due 2017-08-25 (Fri), 4 days left (4 business days)\n",
        "\nDemands\n  - Give federal immigration authorities access to jails.\n",
        "\nReplies\n  r1  2017-08-14 (Mon)  Stockton Police Department  asks-extension\n    Asks for one more week",
        "\nExtensions\n  x1  2017-08-18 (Fri)  new due 2017-08-25 (Fri)\n    One week, as asked.\n",
        "\nClosed\n  (none)\n",
        "\nCity notes\n  Expressed interest in the Justice Department's Public Safety Partnership",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

#[test]
fn show_refuses_an_unknown_letter_or_one_not_sent_yet() {
    let (_dir, file) = story_file();
    let before = std::fs::read(&file).unwrap();
    let err = fails(&docket(&file, &["show", "gotham-2017-08-03"]), 1);
    assert!(
        err.contains("no letter with id \"gotham-2017-08-03\""),
        "{err}"
    );
    let err = fails(
        &docket(
            &file,
            &["show", "albuquerque-2017-08-21", "--as-of", "2017-08-20"],
        ),
        1,
    );
    assert!(err.contains("after the as-of date 2017-08-20"), "{err}");
    fails(&docket(&file, &["show"]), 2);
    fails(
        &docket(
            &file,
            &["show", "baltimore-2017-08-03", "--as-of", "someday"],
        ),
        2,
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

// ---------------------------------------------------------------------------
// digest
// ---------------------------------------------------------------------------

#[test]
fn digest_of_the_deadline_day() {
    let (_dir, file) = story_file();
    let text = ok(&docket(&file, &["digest", "--date", "2017-08-18"]));
    assert_golden("digest-2017-08-18.md", &text);
}

#[test]
fn digest_defaults_to_the_as_of_date() {
    let (_dir, file) = story_file();
    let text = ok(&docket(&file, &["digest", "--as-of", "2017-08-21"]));
    assert_golden("digest-2017-08-21.md", &text);
    let explicit = ok(&docket(
        &file,
        &["digest", "--date", "2017-08-21", "--as-of", "2017-08-01"],
    ));
    assert_eq!(explicit, text, "--date wins over --as-of");
}

#[test]
fn digest_says_so_when_a_section_is_empty() {
    let (_dir, file) = sample_file();
    let text = ok(&docket(&file, &["digest", "--date", "2017-08-03"]));
    assert!(
        text.starts_with("# Digest for Thursday 2017-08-03\n"),
        "{text}"
    );
    assert_eq!(
        text.matches("\n- **").count(),
        4,
        "four letters sent:\n{text}"
    );
    for none in [
        "No replies were received.",
        "No extensions were granted.",
        "Nothing was closed.",
        "Nothing is due today.",
        "Nothing is overdue.",
        "Nothing falls due in the next seven days.",
    ] {
        assert!(text.contains(&format!("\n\n{none}\n")), "{none}:\n{text}");
    }
}

#[test]
fn digest_rejects_a_bad_date_as_usage() {
    let (_dir, file) = sample_file();
    let err = fails(&docket(&file, &["digest", "--date", "2017-02-30"]), 2);
    assert!(err.contains("\"2017-02-30\" is not a date"), "{err}");
}
