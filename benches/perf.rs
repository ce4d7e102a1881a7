//! docket's benchmarks at 1,000, 10,000 and 100,000 letters (`cargo bench`).
//!
//! Load and save go through the real file functions (read, parse, check;
//! serialize, write, fsync, rename, folder sync); `serde_json`'s load and save
//! of the same records are the in-run reference. The interface's benchmarks
//! time one keystroke's update and one full-screen render into a 200x60
//! `TestBackend`. `cargo bench -- load` runs only the benchmarks named so.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark tool stops loudly where it breaks"
)]

#[path = "support/synth.rs"]
mod synth;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use divan::{Bencher, black_box};
use docket::import;
use docket::model::{Date, Docket, Stamp};
use docket::store::{self, Store};
use docket::tui::action::Action;
use docket::tui::app::App;
use docket::tui::theme::Theme;
use docket::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The sizes every benchmark runs at.
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// The generator's seed: every run benchmarks the same records.
const SEED: u64 = 7;

fn main() {
    divan::main();
}

/// Cities for `letters` letters: about 50 letters a city, at least 20.
fn cities_for(letters: usize) -> usize {
    (letters / 50).clamp(20, 2_000)
}

/// The as-of date the views are computed at: the day after the last letter.
fn as_of() -> Date {
    "2026-11-29".parse().expect("a date")
}

/// One size's records, generated once per run and shared.
struct Data {
    docket: Arc<Docket>,
    ron_file: PathBuf,
    json_file: PathBuf,
}

fn data(letters: usize) -> Arc<Data> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<Data>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().expect("lock");
    Arc::clone(cache.entry(letters).or_insert_with(|| {
        let docket = synth::docket(letters, cities_for(letters), SEED);
        let dir = bench_dir().join(letters.to_string());
        std::fs::create_dir_all(&dir).expect("the benchmark folder");
        let ron_file = dir.join("docket.ron");
        std::fs::write(&ron_file, store::to_ron(&docket)).expect("write RON");
        let json_file = dir.join("docket.json");
        std::fs::write(&json_file, serde_json::to_vec(&docket).expect("JSON")).expect("write");
        Arc::new(Data {
            docket: Arc::new(docket),
            ron_file,
            json_file,
        })
    }))
}

/// On the same disk as the project (not a tmpfs), so that fsync costs what it costs.
fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("docket-bench")
}

/// Reading the data file: read, parse (docket's own reader), check the records.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load(bencher: Bencher, letters: usize) {
    let data = data(letters);
    bencher.bench(|| store::load(&data.ron_file).expect("loads").expect("exists"));
}

/// What an import's log entries say.
fn stamp() -> Stamp {
    let at = as_of().and_hms_opt(9, 14, 0).expect("a time");
    Stamp::new(at, "jdoe").saying("imported from letters.csv")
}

/// Importing the letters as CSV rows (`export --format csv` of them) into
/// an empty docket, in memory: parse every row, check each record as `docket
/// add` does (creating the cities), sort once. To compare with `load`.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn import_csv(bencher: Bencher, letters: usize) {
    let data = data(letters);
    let text = docket::export::csv::to_csv(&data.docket, as_of());
    let empty = Docket::new();
    bencher.bench(|| {
        let imported =
            import::import_csv(&empty, black_box(&text), false, &stamp()).expect("imports");
        assert_eq!(imported.docket.letters.len(), letters);
        imported
    });
}

/// Importing the whole docket from its JSON in memory: parse, check every
/// record with its replies, extensions and closing, sort once.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn import_json(bencher: Bencher, letters: usize) {
    let data = data(letters);
    let text = std::fs::read_to_string(&data.json_file).expect("read");
    let empty = Docket::new();
    bencher.bench(|| {
        let imported =
            import::import_json(&empty, black_box(&text), false, &stamp()).expect("imports");
        assert_eq!(imported.docket.letters.len(), letters);
        imported
    });
}

/// The parse alone, on text already in memory: docket's own reader.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse_only(bencher: Bencher, letters: usize) {
    let data = data(letters);
    let text = std::fs::read_to_string(&data.ron_file).expect("read");
    bencher.bench(|| store::parse(black_box(&text)).expect("parses"));
}

/// The ron crate's parser alone on the same text: the reference the reader
/// is held to, and the fallback for what it does not take.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse_ron(bencher: Bencher, letters: usize) {
    let data = data(letters);
    let text = std::fs::read_to_string(&data.ron_file).expect("read");
    bencher.bench(|| store::parse_with_ron(black_box(&text)).expect("parses"));
}

/// The reference: the same records read and parsed by `serde_json`.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn json_load(bencher: Bencher, letters: usize) {
    let data = data(letters);
    bencher.bench(|| {
        let bytes = std::fs::read(&data.json_file).expect("read");
        serde_json::from_slice::<Docket>(&bytes).expect("parses")
    });
}

/// Saving through the store: checks, conflict check, RON, temporary file,
/// fsync, backup link, rename, folder sync.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn save(bencher: Bencher, letters: usize) {
    let data = data(letters);
    let dir = bench_dir().join(format!("save-{letters}"));
    std::fs::create_dir_all(&dir).expect("a folder");
    let path = dir.join("docket.ron");
    let _ = std::fs::remove_file(&path);
    let (mut store, _) = Store::open(&path).expect("opens");
    bencher.bench_local(|| store.save(&data.docket).expect("saves"));
}

/// The RON text alone, in memory.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn to_ron(bencher: Bencher, letters: usize) {
    let data = data(letters);
    bencher.bench(|| store::to_ron(&data.docket));
}

/// The reference: `serde_json`'s text of the same records, written the same
/// atomic, fsynced way.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn json_save(bencher: Bencher, letters: usize) {
    let data = data(letters);
    let dir = bench_dir().join(format!("json-save-{letters}"));
    std::fs::create_dir_all(&dir).expect("a folder");
    let path = dir.join("docket.json");
    bencher.bench(|| {
        let bytes = serde_json::to_vec_pretty(&*data.docket).expect("JSON");
        store::write_atomically(&path, &bytes, true).expect("writes");
    });
}

/// Every letter's status as of a date.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn statuses(bencher: Bencher, letters: usize) {
    let data = data(letters);
    bencher.bench(|| {
        data.docket
            .letters
            .iter()
            .map(|l| l.status(black_box(as_of())))
            .filter(|s| s.is_pending())
            .count()
    });
}

/// The docket with every letter's due date given by a rule (15 business
/// days after it was sent) over an office calendar with two days off of its
/// own a year, the dates worked out.
fn with_rules(letters: usize) -> Docket {
    use docket::model::{DueFrom, DueRule, DueUnit, Holiday};
    let mut docket = Docket::clone(&data(letters).docket);
    docket.settings.calendar.extra = (2010..=2030)
        .flat_map(|year| {
            [(3, 17, "Office day"), (9, 2, "Court closed")].map(|(month, day, name)| Holiday {
                on: Date::from_ymd_opt(year, month, day).expect("a date"),
                name: name.to_owned(),
            })
        })
        .collect();
    for letter in &mut docket.letters {
        Arc::make_mut(letter).due_rule = Some(DueRule {
            count: 15,
            unit: DueUnit::BusinessDays,
            from: DueFrom::Sent,
        });
    }
    docket.derive_due_dates();
    docket
}

/// Every letter's status as of a date when rules over an office calendar
/// give the due dates (see `with_rules`): to compare with `statuses`.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn statuses_with_rules(bencher: Bencher, letters: usize) {
    let docket = with_rules(letters);
    bencher.bench(|| {
        (docket.letters.iter())
            .map(|l| l.status_with(black_box(as_of()), &docket.settings))
            .filter(|s| s.is_pending())
            .count()
    });
}

/// Working out every rule's due date again through the office calendar, as
/// loading the file or a change of the calendar does.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn rules_derived(bencher: Bencher, letters: usize) {
    let mut docket = with_rules(letters);
    bencher.bench_local(|| {
        for letter in &mut docket.letters {
            Arc::make_mut(letter).due = None;
        }
        docket.derive_due_dates()
    });
}

fn app(letters: usize) -> App {
    let docket = Docket::clone(&data(letters).docket);
    App::new(docket, as_of(), as_of(), Theme::COLOR)
}

/// One key typed into the filter (alternately a letter and a backspace,
/// so the filter stays "c" or "ci").
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn filter_keystroke(bencher: Bencher, letters: usize) {
    let mut app = app(letters);
    app.update(Action::StartFilter);
    app.update(Action::FilterChar('c'));
    bencher.bench_local(|| {
        let action = if app.filter().len() > 1 {
            Action::FilterBackspace
        } else {
            Action::FilterChar('i')
        };
        app.update(action);
    });
}

/// One day later, with the filter empty: each step a date not seen before
/// (the worst case: stepping back to a date seen recently is a cache hit).
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn as_of_step(bencher: Bencher, letters: usize) {
    let mut app = app(letters);
    bencher.bench_local(|| app.update(Action::ShiftAsOf(1)));
}

/// The first filter keystroke typed at once, which waits for every
/// letter's text to be lower-cased (later keystrokes reuse it).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn filter_first_keystroke_at_once(bencher: Bencher, letters: usize) {
    bencher
        .with_inputs(|| {
            let mut app = app(letters);
            app.update(Action::StartFilter);
            app
        })
        .bench_local_refs(|app| app.update(Action::FilterChar('q')));
}

/// The first filter keystroke, typed once the text lower-cased in the
/// background since the first frame is ready (half a second later at
/// 100,000 letters).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn filter_first_keystroke(bencher: Bencher, letters: usize) {
    bencher
        .with_inputs(|| {
            let mut app = app(letters);
            app.prepare_search();
            std::thread::sleep(std::time::Duration::from_micros(letters as u64 * 5));
            app.update(Action::StartFilter);
            app
        })
        .bench_local_refs(|app| app.update(Action::FilterChar('q')));
}

/// Moving the selection down the cities (and back up at the end).
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn move_keystroke(bencher: Bencher, letters: usize) {
    let mut app = app(letters);
    bencher.bench_local(|| {
        let before = app.selected_city_index();
        app.update(Action::Down);
        if app.selected_city_index() == before {
            app.update(Action::First);
        }
    });
}

/// Toggling the city sort between urgency and name.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn sort_keystroke(bencher: Bencher, letters: usize) {
    let mut app = app(letters);
    bencher.bench_local(|| app.update(Action::CycleSort));
}

/// A change made in the interface: a reply recorded (the form opened with
/// its defaults, then submitted), up to the view recomputed; the save it
/// asks for runs in the background and is not timed here.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn edit_keystroke(bencher: Bencher, letters: usize) {
    let mut app = app(letters);
    app.update(Action::NextPane);
    bencher.bench_local(|| {
        app.update(Action::Reply);
        app.update(Action::FormSubmit);
        assert!(app.take_effect().is_some(), "a change to save");
    });
}

/// Opening the interface on a loaded docket: every view's facts, the
/// statuses as of the date, and the first view.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn open_view(bencher: Bencher, letters: usize) {
    let data = data(letters);
    bencher
        .with_inputs(|| Docket::clone(&data.docket))
        .bench_local_values(|docket| App::new(docket, as_of(), as_of(), Theme::COLOR));
}

/// One full-screen frame into a 200x60 test terminal.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn render(bencher: Bencher, letters: usize) {
    let app = app(letters);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a terminal");
    bencher.bench_local(|| {
        terminal.draw(|frame| ui::draw(frame, &app)).expect("draws");
    });
}

/// A change made while a save still holds a snapshot of the docket: the
/// docket's list of letters is copied (pointers), not the letters.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn edit_during_save(bencher: Bencher, letters: usize) {
    let mut app = app(letters);
    app.update(Action::NextPane);
    bencher.bench_local(|| {
        // Held as a save holds it; let go after the timing.
        let snapshot = app.docket_snapshot();
        app.update(Action::Reply);
        app.update(Action::FormSubmit);
        assert!(app.take_effect().is_some(), "a change to save");
        snapshot
    });
}

/// Two versions of a docket edited apart from it, each with 1% of its
/// letters changed (ours sets owners, theirs records replies), each read
/// from its own text as the merge driver reads three files: no letter is
/// shared between them, so every unchanged letter is compared in full.
fn merge_inputs(letters: usize) -> [Docket; 3] {
    let data = data(letters);
    let mut rng = synth::Rng::new(SEED + 1);
    let (mut ours, mut theirs) = (Docket::clone(&data.docket), Docket::clone(&data.docket));
    for _ in 0..letters / 100 {
        let at = rng.below(letters as u64) as usize;
        ours.letter_mut(at).owner = Some("jdoe".to_owned());
        let at = rng.below(letters as u64) as usize;
        let letter = theirs.letter_mut(at);
        let reply = docket::model::Reply {
            id: letter.next_entry_id('r'),
            on: letter.sent,
            from: "City Solicitor".to_owned(),
            kind: docket::model::ReplyKind::Acknowledges,
            summary: "Received; an answer will follow".to_owned(),
            source: None,
        };
        letter.replies.push(reply);
    }
    [&data.docket, &ours, &theirs]
        .map(|docket| store::parse(&store::to_ron(docket)).expect("parses"))
}

/// The three-way merge of two versions that each changed 1% of the letters
/// (see `merge_inputs`), in memory. To compare with `load` (target: within
/// twice one load).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn merge(bencher: Bencher, letters: usize) {
    let [base, ours, theirs] = merge_inputs(letters);
    bencher.bench(|| {
        let merged = docket::merge::merge(&base, &ours, &theirs);
        assert!(merged.is_clean());
        merged
    });
}

/// The docket with every four letters in one matter (as letters sent to
/// four cities at once are).
fn with_matters(letters: usize) -> Docket {
    let mut docket = Docket::clone(&data(letters).docket);
    for (at, letter) in docket.letters.iter_mut().enumerate() {
        Arc::make_mut(letter).matter = Some(format!("matter-{}", at / 4));
    }
    docket
}

/// Every event of the docket, built and sorted: what the chronology view
/// and command compute once per docket change.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn chronology_build(bencher: Bencher, letters: usize) {
    let docket = data(letters).docket.clone();
    bencher.bench_local(|| black_box(docket::story::Chronology::new(&docket)));
}

/// `C` once the events, built in the background since the first frame,
/// are ready: up to the first frame of the chronology drawn (200x60).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn chronology_first_frame(bencher: Bencher, letters: usize) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a terminal");
    bencher
        .with_inputs(|| {
            let mut app = app(letters);
            app.prepare_chronology();
            std::thread::sleep(std::time::Duration::from_micros(letters as u64 * 3));
            app
        })
        .bench_local_refs(|app| {
            app.update(Action::ShowChronology);
            terminal.draw(|frame| ui::draw(frame, app)).expect("draws");
        });
}

/// `C` typed at once, the events built then.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn chronology_first_frame_at_once(bencher: Bencher, letters: usize) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a terminal");
    bencher
        .with_inputs(|| app(letters))
        .bench_local_refs(|app| {
            app.update(Action::ShowChronology);
            terminal.draw(|frame| ui::draw(frame, app)).expect("draws");
        });
}

/// One day later in the chronology view, up to the frame drawn.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn chronology_as_of_step(bencher: Bencher, letters: usize) {
    let mut app = app(letters);
    app.update(Action::ShowChronology);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a terminal");
    bencher.bench_local(|| {
        app.update(Action::ShiftAsOf(1));
        terminal.draw(|frame| ui::draw(frame, &app)).expect("draws");
    });
}

/// `m` on the selected letter, up to the first frame of its matter's grid
/// drawn (the matter's letters found among all).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn matter_first_frame(bencher: Bencher, letters: usize) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a terminal");
    bencher
        .with_inputs(|| App::new(with_matters(letters), as_of(), as_of(), Theme::COLOR))
        .bench_local_refs(|app| {
            app.update(Action::ShowMatter);
            terminal.draw(|frame| ui::draw(frame, app)).expect("draws");
        });
}

/// Every matter of the docket grouped, and one matter's grid rows as of
/// the date: what `docket matter` and `docket matter ID` compute.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn matter_grid(bencher: Bencher, letters: usize) {
    let docket = with_matters(letters);
    bencher.bench_local(|| {
        let matters = docket::story::matters(&docket);
        let letters = docket::story::matter_letters(&docket, "matter-7");
        let rows: Vec<_> = (letters.iter())
            .map(|&at| docket::story::matter_row(&docket, &docket.letters[at], as_of()))
            .collect();
        black_box((matters.len(), rows.len()))
    });
}
