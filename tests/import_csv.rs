//! `docket import --format csv`: what CSV carries survives the round trip
//! with `export`, cities are created, and every bad row is named by its row
//! and column with nothing written.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;
use std::sync::Arc;

use docket::model::{Docket, Letter};
use support::cli::{docket, empty_file, import, import_refused, ok, stderr};
use support::files::{STORY, load, sample_file, story_file, write};
use support::letters::letter;
use tempfile::TempDir;

/// The story plus a letter with every optional field empty and awkward text.
fn story_with_a_sparse_letter() -> Docket {
    let mut docket = docket::store::parse(STORY).unwrap();
    docket.letters.push(Arc::new(
        letter("stockton-2017-09-01", "stockton", "2017-09-01")
            .from("Clerk, \"City\" of Stockton")
            .to("U.S. Department of Justice")
            .subject("Records; with \"quotes\", commas\nand a second line")
            .summary("Line one,\nline two; ünïcödé 東京")
            .tags(["records"])
            .build(),
    ));
    docket.letters.sort_by(|a, b| a.id.cmp(&b.id));
    docket
}

#[test]
fn csv_export_import_keeps_every_field_csv_carries() {
    let dir = TempDir::new().unwrap();
    let original = story_with_a_sparse_letter();
    let source = write(&dir, "source.ron", &docket::store::to_ron(&original));
    let csv = ok(&docket(
        &source,
        &["export", "--format", "csv", "--as-of", "2017-08-21"],
    ));
    let csv_file = write(&dir, "letters.csv", &csv);
    let target = empty_file(&dir);
    let out = import(&target, "csv", &csv_file, &[]);
    ok(&out);
    // Replies and extensions are not in CSV: said once per letter that had some.
    let notes = stderr(&out);
    assert_eq!(notes.lines().count(), 2, "{notes}");
    for row in [4, 6] {
        let note =
            format!("letters.csv:{row}: the exported letter had replies or extensions (2 in all)");
        assert!(notes.contains(&note), "{notes}");
    }

    let imported = load(&target);
    assert_eq!(imported.letters.len(), original.letters.len());
    for (got, want) in imported.letters.iter().zip(&original.letters) {
        let mut want = Letter::clone(want);
        want.replies.clear();
        want.extensions.clear();
        let mut got = Letter::clone(got);
        let logged: Vec<String> = got.log.drain(..).map(|e| e.what).collect();
        assert_eq!(logged, ["imported from letters.csv"], "{}", got.id);
        assert_eq!(got, want);
    }
    for (got, want) in imported.cities.iter().zip(&original.cities) {
        assert_eq!(
            (&got.id, &got.name, &got.state),
            (&want.id, &want.name, &want.state)
        );
    }
    // The same letters export to the same CSV (but for the thread's counts).
    let again = ok(&docket(
        &target,
        &["export", "--format", "csv", "--as-of", "2017-08-21"],
    ));
    let carried = |text: &str| -> Vec<Vec<String>> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        let at = |name: &str| header.iter().position(|h| h == name).unwrap();
        // The letter's own fields; the rest is computed or counts the thread.
        let own = [
            "id",
            "city",
            "city_name",
            "state",
            "from",
            "to",
            "subject",
            "program",
            "sent",
            "received",
            "due",
            "due_rule",
            "demands",
            "summary",
            "source",
            "tags",
            "closed_on",
            "outcome",
            "matter",
        ]
        .map(at);
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                own.iter().map(|&i| r[i].to_owned()).collect()
            })
            .collect()
    };
    assert_eq!(carried(&again), carried(&csv));
}

// ---------------------------------------------------------------------------
// CSV written by hand
// ---------------------------------------------------------------------------

const HEADER: &str = "id,city,city_name,state,from,to,subject,sent,due,demands";

#[test]
fn csv_creates_missing_cities_and_gives_letters_without_an_id_one() {
    let (dir, file) = sample_file();
    let csv = write(
        &dir,
        "new.csv",
        &format!(
            "{HEADER}\n\
             ,gotham,Gotham City,NJ,DOJ,Gotham PD,Proof of cooperation,2017-09-01,2017-09-15,Access to jails | Notice of releases\n\
             gotham-second,gotham,,,DOJ,Gotham PD,Second letter,2017-09-02,,\n\
             ,baltimore,,,DOJ,Baltimore PD,Another letter,2017-09-01,,\n"
        ),
    );
    let text = ok(&import(&file, "csv", &csv, &[]));
    assert_eq!(
        text.lines().take(4).collect::<Vec<_>>(),
        [
            "added city gotham",
            "added letter gotham-2017-09-01",
            "added letter gotham-second",
            "added letter baltimore-2017-09-01"
        ]
    );
    let docket = load(&file);
    let gotham = docket.city("gotham").unwrap();
    assert_eq!(
        (gotham.name.as_str(), gotham.state.as_str()),
        ("Gotham City", "NJ")
    );
    let letter = docket.letter("gotham-2017-09-01").unwrap();
    assert_eq!(letter.demands, ["Access to jails", "Notice of releases"]);
    assert_eq!(letter.due, Some("2017-09-15".parse().unwrap()));
    assert_eq!(docket.letter("gotham-second").unwrap().due, None);
    assert_eq!(docket.letters.len(), 7);
}

#[test]
fn a_bad_csv_row_is_named_by_row_and_column_and_nothing_is_written() {
    let good = "a-1,baltimore,,,DOJ,Baltimore PD,Subject,2017-09-01,,";
    // (row 3 as written, the column the error names, words in the message)
    let table = [
        (
            "b-1,baltimore,,,DOJ,Baltimore PD,S,2017-02-30,,",
            "sent",
            "\"2017-02-30\" is not a date",
        ),
        (
            "b-1,baltimore,,,DOJ,Baltimore PD,S,,,",
            "sent",
            "a date is required",
        ),
        (
            "b-1,baltimore,,,DOJ,Baltimore PD,S,2017-09-01,2017/09/30,",
            "due",
            "is not a date",
        ),
        (
            "b-1,baltimore,,,DOJ,Baltimore PD,S,2017-09-01,2017-08-01,",
            "due",
            "before it was sent",
        ),
        (
            "b-1,,,,DOJ,Baltimore PD,S,2017-09-01,,",
            "city",
            "needs a city",
        ),
        (
            "b-1,gotham,,,DOJ,Gotham PD,S,2017-09-01,,",
            "city_name",
            "no city \"gotham\"",
        ),
        (
            "b-1,Gotham City,Gotham,NJ,DOJ,Gotham PD,S,2017-09-01,,",
            "city",
            "lower-case",
        ),
        (
            "b-1,baltimore,,,,Baltimore PD,S,2017-09-01,,",
            "from",
            "from is required",
        ),
        (
            "b-1,baltimore,,,DOJ,Baltimore PD,,2017-09-01,,",
            "subject",
            "subject is required",
        ),
        (
            "a-1,baltimore,,,DOJ,Baltimore PD,S,2017-09-01,,",
            "id",
            "also on row 2",
        ),
    ];
    for (row, column, words) in table {
        let (dir, file) = story_file();
        let csv = write(&dir, "bad.csv", &format!("{HEADER}\n{good}\n{row}\n"));
        let err = import_refused(&file, "csv", &csv, &[]);
        assert_eq!(err.lines().count(), 1, "{row}: {err}");
        let place = format!("docket: {}:3:{column}: ", csv.display());
        assert!(
            err.starts_with(&place),
            "{row}: expected {place}..., got {err}"
        );
        assert!(err.contains(words), "{row}: {err}");
        assert!(err.trim_end().ends_with("nothing was imported"), "{err}");
        assert!(
            !dir.path().join("docket.ron.bak").exists(),
            "no save, so no backup"
        );
    }
}

#[test]
fn csv_closing_before_sending_and_outcome_without_date_are_refused() {
    let (dir, file) = story_file();
    let csv = write(
        &dir,
        "closing.csv",
        "id,city,from,to,subject,sent,closed_on,outcome\n\
         c-1,baltimore,DOJ,PD,S,2017-09-01,2017-08-01,Done\n\
         c-2,baltimore,DOJ,PD,S,2017-09-01,,Done\n",
    );
    let err = import_refused(&file, "csv", &csv, &[]);
    let name = csv.display();
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            format!(
                "docket: {name}:2:closed_on: was closed on 2017-08-01, before it was sent on 2017-09-01"
            ),
            format!("docket: {name}:3:outcome: an outcome needs a closed_on date"),
            format!("docket: {name}: 2 problems; nothing was imported"),
        ]
    );
}

#[test]
fn a_bad_csv_header_or_field_count_is_refused() {
    let (dir, file) = story_file();
    let name = |p: &Path| p.display().to_string();
    let unknown = write(&dir, "unknown.csv", "id,city,colour,from,to,subject,sent\n");
    let err = import_refused(&file, "csv", &unknown, &[]);
    assert!(
        err.starts_with(&format!(
            "docket: {}:1: unknown column \"colour\"",
            name(&unknown)
        )),
        "{err}"
    );

    let missing = write(&dir, "missing.csv", "id,city,from,to,subject\n");
    let err = import_refused(&file, "csv", &missing, &[]);
    assert!(
        err.starts_with(&format!(
            "docket: {}:1:sent: the header has no such column",
            name(&missing)
        )),
        "{err}"
    );

    let ragged = write(
        &dir,
        "ragged.csv",
        "id,city,from,to,subject,sent\nx,baltimore,DOJ,PD,S\n",
    );
    let err = import_refused(&file, "csv", &ragged, &[]);
    assert!(
        err.starts_with(&format!(
            "docket: {}:2: the row has 5 fields but the header has 6",
            name(&ragged)
        )),
        "{err}"
    );
}

#[test]
fn csv_rows_with_existing_ids_are_refused_too() {
    let (dir, file) = story_file();
    let csv = write(
        &dir,
        "again.csv",
        &ok(&docket(&file, &["export", "--format", "csv"])),
    );
    let err = import_refused(&file, "csv", &csv, &[]);
    assert!(err.contains("5 records are already in"), "{err}");
    let out = import(&file, "csv", &csv, &["--skip-existing"]);
    let before = std::fs::read(&file).unwrap();
    assert!(ok(&out).contains("0 letters and 0 cities imported"));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "nothing to add, nothing written"
    );
}

#[test]
fn a_retired_id_is_never_reused() {
    let (dir, file) = story_file();
    let mut with_retired = load(&file);
    with_retired
        .retired_ids
        .push("gotham-2017-08-03".to_owned());
    std::fs::write(&file, docket::store::to_ron(&with_retired)).unwrap();
    let csv = write(
        &dir,
        "gotham.csv",
        "id,city,city_name,from,to,subject,sent\ngotham-2017-08-03,gotham,Gotham,DOJ,PD,S,2017-08-03\n",
    );
    let err = import_refused(&file, "csv", &csv, &[]);
    assert!(err.contains("letter gotham-2017-08-03"), "{err}");
    let text = ok(&import(&file, "csv", &csv, &["--skip-existing"]));
    assert!(
        text.contains("belonged to a deleted letter and is never reused"),
        "{text}"
    );
}

#[test]
fn every_bad_row_is_reported_up_to_a_limit() {
    let (dir, file) = story_file();
    let rows: String = (0..25).fold(String::new(), |mut rows, i| {
        let day = i + 31;
        rows += &format!("bad-{i},baltimore,,,DOJ,PD,S,2017-09-{day:02},,\n");
        rows
    });
    let csv = write(&dir, "many.csv", &format!("{HEADER}\n{rows}"));
    let err = import_refused(&file, "csv", &csv, &[]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 21, "{err}");
    assert!(
        lines[0].starts_with(&format!("docket: {}:2:sent: ", csv.display())),
        "{err}"
    );
    assert_eq!(
        lines[20],
        format!(
            "docket: {}: 25 problems (5 not listed); nothing was imported",
            csv.display()
        )
    );
}
