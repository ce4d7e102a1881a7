//! Editing in the real binary, in a real pseudo-terminal: forms, saves, undo,
//! a second docket on the same file, a validation error. Each step waits for
//! what the screen says (the status line after a save), never for a time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::path::Path;
use std::sync::Arc;

use docket::model::{Docket, Reply, ReplyKind};
use serde_json::Value;
use support::cli::docket;
use support::files::sample_file;
use support::letters::{date, letter};
use support::pty::Tui;
use support::pty::keys::{CTRL_J, CTRL_U, ENTER, ESC, RIGHT, TAB};

const AS_OF: &str = "2017-08-10";

/// The file as `docket::store::parse` reads it.
fn parse_file(path: &Path) -> Docket {
    let text = std::fs::read_to_string(path).unwrap();
    docket::store::parse(&text)
        .unwrap_or_else(|err| panic!("{} does not parse: {err:?}\n{text}", path.display()))
}

/// `docket --file FILE list --json --as-of AS_OF`, parsed.
fn list_json(file: &Path, as_of: &str) -> Vec<Value> {
    let out = docket(file, &["list", "--json", "--as-of", as_of]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "docket list failed: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    match serde_json::from_slice(&out.stdout).unwrap() {
        Value::Array(items) => items,
        other => panic!("not a JSON array: {other}"),
    }
}

/// The item of `list --json` with this id.
fn item<'a>(items: &'a [Value], id: &str) -> &'a Value {
    items
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {items:#?}"))
}

/// docket started on `file`, its first screen drawn.
fn start(file: &Path) -> Tui {
    let mut tui = Tui::start(file, AS_OF, &[]);
    tui.wait_for_screen("the sample's four cities", |text| {
        ["Albuquerque", "Baltimore", "San Bernardino", "Stockton"]
            .iter()
            .all(|city| text.contains(city))
            && text.contains("as of 2017-08-10 (Thu)")
    });
    tui
}

#[test]
fn reply_add_extend_undo_then_the_file_holds_exactly_those_records() {
    let (_dir, file) = sample_file();
    let mut tui = start(&file);

    // Baltimore, second by urgency (ties go by name), and its one letter.
    tui.press("j");
    tui.wait_for("Letter baltimore-2017-08-03");

    // r: a reply dated the day before, From as prefilled (the addressee),
    // Kind two steps on (Right, then Space).
    tui.press("r");
    tui.wait_for_screen("the reply form, prefilled", |text| {
        text.contains("Reply to baltimore-2017-08-03")
            && text.contains("= 2017-08-10 (Thu)")
            && text.contains("From        Baltimore Police Department")
            && text.contains("< acknowledges >")
    });
    tui.press(CTRL_U);
    tui.press("2017-08-09");
    tui.press(TAB);
    tui.press(TAB);
    tui.press(RIGHT);
    tui.press(" ");
    tui.press(TAB);
    tui.press("Disputes the conditions");
    tui.wait_for_screen("the reply form, filled in", |text| {
        text.contains("= 2017-08-09 (Wed)")
            && text.contains("< disputes >")
            && text.contains("Disputes the conditions")
    });
    tui.press(ENTER);
    tui.wait_for_status("added reply from Baltimore on 2017-08-09 · saved");
    tui.assert_hides("Reply to");

    // a in the Letters pane: a new letter to Baltimore, the city offered
    // first; Sent as a relative date, two demands.
    tui.press(TAB);
    tui.press("a");
    tui.wait_for_screen("the new letter form", |text| {
        text.contains("New letter") && text.contains("< baltimore >")
    });
    tui.press(TAB);
    tui.press(CTRL_U);
    tui.press("-2d");
    // Received left empty; Due a date; Counts from left on sent.
    tui.press(TAB);
    tui.press(TAB);
    tui.press("2017-08-31");
    tui.press(TAB);
    tui.press(TAB);
    tui.press("U.S. Department of Justice");
    tui.press(TAB);
    tui.press("Baltimore Police Commissioner");
    tui.press(TAB);
    tui.press("Second notice");
    tui.press(TAB);
    tui.press("Public Safety Partnership");
    tui.press(TAB);
    tui.press("Show proof of compliance.");
    tui.press(CTRL_J);
    tui.press("Name a liaison officer.");
    tui.press(TAB);
    tui.press("Asks again.");
    tui.press(TAB);
    tui.press("Test source");
    tui.wait_for_screen("the new letter form, filled in", |text| {
        text.contains("= 2017-08-08 (Tue)")
            && text.contains("= 2017-08-31 (Thu)")
            && text.contains("Show proof of compliance.")
            && text.contains("Name a liaison officer.")
            && text.contains("Test source")
    });
    tui.press(ENTER);
    tui.wait_for_status("added letter baltimore-2017-08-08 · saved");

    // x on the letter replied to: the last of Baltimore's letters now that
    // it is answered and the new one is open.
    tui.press("G");
    tui.press("x");
    tui.wait_for("Extend baltimore-2017-08-03");
    tui.press(TAB);
    tui.press("2017-08-25");
    tui.press(TAB);
    tui.press("Granted on request");
    tui.press(ENTER);
    tui.wait_for_status("recorded extension of baltimore-2017-08-03 to 2017-08-25 · saved");
    tui.wait_for("2017-08-25 (Fri) (extended)");

    // u: the extension goes, the reply and the letter stay.
    tui.press("u");
    tui.wait_for_status("undo: removed extension of baltimore-2017-08-03 to 2017-08-25 · saved");
    tui.wait_for_screen("the deadline back to 2017-08-18", |text| {
        !text.contains("(extended)") && text.contains("Due      2017-08-18 (Fri)")
    });

    tui.press("q");
    assert_eq!(tui.wait_exit(), 0, "the screen:\n{}", tui.screen().text());

    // The file: the sample, plus the reply and the letter, nothing else.
    let mut expected = docket::store::parse(docket::store::SAMPLE).unwrap();
    let replied = expected
        .letters
        .iter_mut()
        .find(|l| l.id == "baltimore-2017-08-03")
        .map(Arc::make_mut)
        .unwrap();
    let id = replied.next_entry_id('r');
    replied.replies.push(Reply {
        id,
        on: date("2017-08-09"),
        from: "Baltimore Police Department".to_owned(),
        kind: ReplyKind::Disputes,
        summary: "Disputes the conditions".to_owned(),
        source: None,
    });
    expected.letters.push(Arc::new(
        letter("baltimore-2017-08-08", "baltimore", "2017-08-08")
            .from("U.S. Department of Justice")
            .to("Baltimore Police Commissioner")
            .subject("Second notice")
            .program("Public Safety Partnership")
            .due("2017-08-31")
            .demands(["Show proof of compliance.", "Name a liaison officer."])
            .summary("Asks again.")
            .source("Test source")
            .build(),
    ));
    expected.letters.sort_by(|a, b| a.id.cmp(&b.id));
    // Each change is logged on its letter; the undone extension's entry went with it.
    let mut saved = parse_file(&file);
    let mut logged = Vec::new();
    for letter in &mut saved.letters {
        let letter = Arc::make_mut(letter);
        for entry in std::mem::take(&mut letter.log) {
            logged.push((letter.id.clone(), entry.what));
        }
    }
    let row = |id: &str, what: &str| (id.to_owned(), what.to_owned());
    assert_eq!(
        logged,
        [
            row("baltimore-2017-08-03", "reply r1 added (disputes)"),
            row("baltimore-2017-08-08", "added"),
        ]
    );
    assert_eq!(saved, expected);

    // The previous version, kept as .bak, is the one with the extension.
    let backup = docket::store::backup_path(&file);
    assert!(backup.exists(), "no {}", backup.display());
    let previous = parse_file(&backup);
    let extended = previous
        .letter("baltimore-2017-08-03")
        .expect("the .bak holds the letter");
    assert_eq!(extended.extensions.len(), 1, "{extended:#?}");
    assert_eq!(extended.extensions[0].new_due, date("2017-08-25"));
    assert_eq!(extended.extensions[0].note, "Granted on request");

    // And as `docket list --json` sees it, after every deadline.
    let items = list_json(&file, "2017-08-30");
    let mut ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "albuquerque-2017-08-03",
            "baltimore-2017-08-03",
            "baltimore-2017-08-08",
            "san-bernardino-2017-08-03",
            "stockton-2017-08-03",
        ]
    );
    let old = item(&items, "baltimore-2017-08-03");
    assert_eq!(old["status"], "answered", "{old:#}");
    assert_eq!(old["due"], "2017-08-18", "the extension is undone: {old:#}");
    let new = item(&items, "baltimore-2017-08-08");
    assert_eq!(new["city"], "baltimore", "{new:#}");
    assert_eq!(new["subject"], "Second notice", "{new:#}");
    assert_eq!(new["sent"], "2017-08-08", "{new:#}");
    assert_eq!(new["due"], "2017-08-31", "{new:#}");
    assert_eq!(new["days_left"], 1, "{new:#}");
    for id in [
        "albuquerque-2017-08-03",
        "san-bernardino-2017-08-03",
        "stockton-2017-08-03",
    ] {
        let other = item(&items, id);
        assert_eq!(other["status"], "overdue", "{other:#}");
        assert_eq!(other["due"], "2017-08-18", "{other:#}");
    }
}

#[test]
fn an_extension_that_does_not_move_the_deadline_is_refused_in_the_form() {
    let (_dir, file) = sample_file();
    // The smallest usual terminal: the form and its error still fit.
    let mut tui = Tui::start_sized(&file, AS_OF, &[], (80, 24));
    tui.wait_for("Albuquerque");

    tui.press("x");
    tui.wait_for("Extend albuquerque-2017-08-03");
    tui.press(TAB);
    tui.press("2017-08-18");
    tui.press(ENTER);
    tui.wait_for_screen("the error next to New due", |text| {
        text.contains("! the deadline as of 2017-08-10 is already") && text.contains("2017-08-18;")
    });
    tui.assert_shows("Extend albuquerque-2017-08-03");
    tui.assert_hides("saved");

    // Esc with a date typed asks before throwing it away.
    tui.press(ESC);
    tui.wait_for("Throw away what you typed? (y/n)");
    tui.press("y");
    tui.wait_for_screen("the form to close", |text| {
        !text.contains("Extend albuquerque") && text.contains("cancelled: nothing changed")
    });

    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        docket::store::SAMPLE
    );
    assert!(!docket::store::backup_path(&file).exists());
}

/// The replies of Baltimore's letter in the file: (id, kind).
fn baltimore_replies(file: &Path) -> Vec<(String, ReplyKind)> {
    let docket = parse_file(file);
    let letter = docket.letter("baltimore-2017-08-03").unwrap();
    (letter.replies.iter())
        .map(|r| (r.id.clone(), r.kind))
        .collect()
}

#[test]
fn a_reply_is_recorded_edited_deleted_and_brought_back_and_the_file_follows() {
    let (_dir, file) = sample_file();
    let mut tui = start(&file);
    tui.press("j");
    tui.wait_for("Letter baltimore-2017-08-03");

    // r, Enter: an acknowledgement dated the as-of date.
    tui.press("r");
    tui.wait_for("Reply to baltimore-2017-08-03");
    tui.press(ENTER);
    tui.wait_for_status("added reply from Baltimore on 2017-08-10 · saved");
    assert_eq!(
        baltimore_replies(&file),
        [("r1".to_owned(), ReplyKind::Acknowledges)]
    );

    // In the letter pane, e on the reply: its form, filled in; acknowledges
    // -> complies.
    tui.press(TAB);
    tui.press(TAB);
    tui.wait_for("> r1  2017-08-10 (Thu)");
    tui.press("e");
    tui.wait_for_screen("the reply's form, filled in", |text| {
        text.contains("Edit reply r1 of baltimore-2017-08-03") && text.contains("< acknowledges >")
    });
    tui.press(TAB);
    tui.press(TAB);
    tui.press(RIGHT);
    tui.wait_for("< complies >");
    tui.press(ENTER);
    tui.wait_for_status("edited reply r1 of baltimore-2017-08-03 · saved");
    assert_eq!(
        baltimore_replies(&file),
        [("r1".to_owned(), ReplyKind::Complies)]
    );

    // d asks, y deletes.
    tui.press("d");
    tui.wait_for("Delete reply r1 of baltimore-2017-08-03?");
    tui.press("y");
    tui.wait_for_status("deleted reply r1 of baltimore-2017-08-03 · saved");
    assert_eq!(baltimore_replies(&file), []);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("retired_ids: [\n                \"r1\","),
        "{text}"
    );

    // u: the reply is back as it was.
    tui.press("u");
    tui.wait_for_status("undo: restored reply r1 of baltimore-2017-08-03 · saved");
    assert_eq!(
        baltimore_replies(&file),
        [("r1".to_owned(), ReplyKind::Complies)]
    );

    tui.press("q");
    assert_eq!(tui.wait_exit(), 0, "the screen:\n{}", tui.screen().text());
}
