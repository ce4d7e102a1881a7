//! `docket matter`, `docket chronology` and `add letter` to several
//! cities, run as the real binary on the story fixture; golden output
//! through insta.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use support::cli::{docket, ok, stderr};
use support::files::{load, sample_file, story_file};

fn run(args: &[&str]) -> String {
    let (_dir, file) = story_file();
    ok(&docket(&file, args))
}

#[test]
fn matter_lists_matters_with_counts_by_status() {
    insta::assert_snapshot!("matter_list", run(&["--as-of", "2017-08-25", "matter"]));
    insta::assert_snapshot!(
        "matter_list_json",
        run(&["--as-of", "2017-08-25", "matter", "--json"])
    );
}

#[test]
fn matter_grid_as_of_three_dates() {
    for as_of in ["2017-08-10", "2017-08-18", "2017-09-01"] {
        insta::assert_snapshot!(
            format!("matter_grid_{as_of}"),
            run(&["--as-of", as_of, "matter", "psp-2017-08-03"])
        );
    }
    insta::assert_snapshot!(
        "matter_grid_json_2017-08-18",
        run(&[
            "--as-of",
            "2017-08-18",
            "matter",
            "psp-2017-08-03",
            "--json"
        ])
    );
}

#[test]
fn an_unknown_matter_is_an_error() {
    let (_dir, file) = story_file();
    let out = docket(&file, &["matter", "nope"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no matter \"nope\""),
        "{}",
        stderr(&out)
    );
    let out = docket(&file, &["chronology", "--matter", "nope"]);
    assert!(
        stderr(&out).contains("no matter \"nope\""),
        "{}",
        stderr(&out)
    );
    let out = docket(&file, &["chronology", "--city", "nowhere"]);
    assert!(
        stderr(&out).contains("no city with id \"nowhere\""),
        "{}",
        stderr(&out)
    );
    let out = docket(
        &file,
        &["chronology", "--from", "2017-09-01", "--to", "2017-08-01"],
    );
    assert!(stderr(&out).contains("is after --to"), "{}", stderr(&out));
}

#[test]
fn chronology_in_every_format() {
    let as_of = ["--as-of", "2017-08-21", "chronology"];
    let with = |more: &[&str]| run(&[as_of.as_slice(), more].concat());
    insta::assert_snapshot!("chronology_text", with(&[]));
    insta::assert_snapshot!("chronology_md", with(&["--format", "md"]));
    insta::assert_snapshot!("chronology_csv", with(&["--format", "csv"]));
    insta::assert_snapshot!("chronology_json", with(&["--format", "json"]));
}

#[test]
fn chronology_narrowed_by_matter_city_and_dates() {
    let md = run(&[
        "--as-of",
        "2017-09-01",
        "chronology",
        "--matter",
        "psp-2017-08-03",
        "--from",
        "2017-08-14",
        "--to",
        "2017-08-18",
        "--format",
        "md",
    ]);
    insta::assert_snapshot!("chronology_md_narrowed", md);
    assert!(
        !md.contains("2017-08-21"),
        "the follow-up is in no matter: {md}"
    );
    let text = run(&["--as-of", "2017-09-01", "chronology", "--city", "stockton"]);
    assert!(
        text.lines().skip(1).all(|l| l.contains("Stockton")),
        "{text}"
    );
}

#[test]
fn the_deadline_day_tells_what_became_of_each_letter() {
    let csv = run(&[
        "--as-of",
        "2017-08-18",
        "chronology",
        "--from",
        "2017-08-18",
        "--to",
        "2017-08-18",
        "--format",
        "csv",
    ]);
    let deadlines: Vec<&str> = csv.lines().filter(|l| l.contains(",deadline,")).collect();
    assert_eq!(deadlines.len(), 4, "{csv}");
    for (city, state) in [
        ("albuquerque", "waiting"),
        ("baltimore", "answered"),
        ("san-bernardino", "closed"),
        ("stockton", "extended"),
    ] {
        let line = deadlines
            .iter()
            .find(|l| l.contains(&format!(",{city},")))
            .unwrap();
        assert!(line.contains(&format!(",deadline,{state},")), "{line}");
    }
    let digest = run(&["digest", "--date", "2017-08-18"]);
    assert!(
        digest.contains(
            "4 letters were due today: 1 answered, 1 extended, 1 closed, 1 not answered."
        ),
        "{digest}"
    );
}

#[test]
fn csv_cells_that_would_be_formulas_are_quoted() {
    let (_dir, file) = sample_file();
    let added = docket(
        &file,
        &[
            "add",
            "reply",
            "baltimore-2017-08-03",
            "--on",
            "2017-08-10",
            "--from",
            "=HYPERLINK(\"http://evil\")",
            "--kind",
            "disputes",
            "--summary",
            "+1 hostile",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let csv = ok(&docket(
        &file,
        &["--as-of", "2017-08-10", "chronology", "--format", "csv"],
    ));
    let line = csv.lines().find(|l| l.contains(",reply,")).unwrap();
    assert!(line.contains(",\"'=HYPERLINK"), "{line}");
    assert!(
        !line.contains(",=HYPERLINK") && !line.contains(",\"=HYPERLINK"),
        "{line}"
    );
}

#[test]
fn add_letter_to_several_cities_is_one_matter() {
    let (_dir, file) = sample_file();
    let add = |extra: &[&str]| {
        let base = [
            "add",
            "letter",
            "--sent",
            "2017-09-01",
            "--due",
            "2017-09-15",
            "--from",
            "DOJ",
            "--to",
            "Police Department",
            "--subject",
            "Sanctuary jurisdictions: grant conditions",
        ];
        docket(&file, &[base.as_slice(), extra].concat())
    };
    let out = add(&["--city", "baltimore", "--city", "stockton"]);
    assert_eq!(
        ok(&out),
        "baltimore-2017-09-01\nstockton-2017-09-01\nmatter sanctuary-jurisdictions-grant-conditions-2017-09-01\n"
    );
    let docket_now = load(&file);
    let matter = |id: &str| docket_now.letter(id).unwrap().matter.clone();
    assert_eq!(
        matter("baltimore-2017-09-01"),
        matter("stockton-2017-09-01")
    );

    // The same subject and date again: a matter of its own.
    let out = add(&["--city", "albuquerque", "--city", "san-bernardino"]);
    assert!(
        ok(&out).ends_with("matter sanctuary-jurisdictions-grant-conditions-2017-09-01-2\n"),
        "{}",
        stdout_of(&out)
    );
    // --matter joins one.
    let out = add(&["--city", "albuquerque", "--matter", "psp-2017-08-03"]);
    assert_eq!(ok(&out), "albuquerque-2017-09-01-2\n");
    assert_eq!(
        load(&file)
            .letter("albuquerque-2017-09-01-2")
            .unwrap()
            .matter
            .as_deref(),
        Some("psp-2017-08-03")
    );

    let before = std::fs::read(&file).unwrap();
    for (extra, error) in [
        (
            &["--city", "baltimore", "--city", "baltimore"][..],
            "--city: city \"baltimore\" is given twice",
        ),
        (
            &["--city", "baltimore", "--city", "nowhere"][..],
            "--city: no city with id \"nowhere\"",
        ),
        (
            &["--city", "baltimore", "--matter", "Not A Slug"][..],
            "--matter: a matter id must be",
        ),
        (
            &["--city", "baltimore", "--city", "stockton", "--id", "x"][..],
            "--id names one letter",
        ),
    ] {
        let out = add(extra);
        assert!(!out.status.success(), "{extra:?}");
        assert!(stderr(&out).contains(error), "{extra:?}: {}", stderr(&out));
    }
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "a refused change writes nothing"
    );
}

#[test]
fn edit_letter_moves_a_letter_into_or_out_of_a_matter() {
    let (_dir, file) = sample_file();
    let letter = "baltimore-2017-08-03";
    ok(&docket(
        &file,
        &["edit", "letter", letter, "--matter", "baltimore-alone"],
    ));
    assert_eq!(
        load(&file).letter(letter).unwrap().matter.as_deref(),
        Some("baltimore-alone")
    );
    ok(&docket(&file, &["edit", "letter", letter, "--matter", ""]));
    assert_eq!(load(&file).letter(letter).unwrap().matter, None);
    let out = docket(&file, &["edit", "letter", letter, "--matter", "Bad Id"]);
    assert!(
        stderr(&out).contains("--matter: a matter id must be"),
        "{}",
        stderr(&out)
    );
    let list = ok(&docket(&file, &["--as-of", "2017-08-10", "matter"]));
    assert!(list.contains("psp-2017-08-03  3"), "{list}");
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
