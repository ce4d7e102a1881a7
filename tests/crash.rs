//! Kill -9 during saves (issue 6, item 1): the data file is always either
//! the version before a change or the version after it, never anything in
//! between.
//!
//! A multi-megabyte docket (1,500 letters with long summaries) is changed
//! over and over by the real binary (`docket add reply`, a debug build, as
//! CI runs it), and each run is killed with SIGKILL at a random moment
//! within the measured duration of one run: half of the moments anywhere in
//! the run, half in its save (from the moment its temporary file appears to
//! the measured end of a run). After every kill:
//!
//! - the data file loads, and the docket it holds equals the docket before
//!   the change or the docket after it (computed here with the library);
//! - the `.bak` is one of the versions that loaded before;
//! - the lock the dead process held is free (and the next run is not
//!   refused: a run that ends by itself must succeed);
//! - at most two stray temporary files exist (the new version's, and the
//!   staged backup's); the next run's `Store::open` removes the first.
//!
//! Two workers run at once, each on its own file, to use both cores. Set
//! `DOCKET_KILLS` for more kills and `DOCKET_KILL_SEED` to repeat a run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::fs::{self, File};
use std::io::{ErrorKind, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use chrono::Days;
use docket::model::{Change, City, Date, Docket, Reply, ReplyKind};
use docket::store;
use support::files::temp_files;
use support::letters::letter;
use tempfile::TempDir;

/// Kills in the default run, across all workers.
const KILLS: usize = 300;
const WORKERS: usize = 2;
const LETTERS: usize = 1500;
/// A kill may leave the new version's temporary file and the staged backup.
const MAX_STRAY_TEMPS: usize = 2;

/// A small random number generator (splitmix64): no dependency, and a seed
/// that repeats a run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A duration in `[from, to)`.
    fn between(&mut self, from: Duration, to: Duration) -> Duration {
        from + (to.saturating_sub(from)).mul_f64(self.unit())
    }
}

fn seed() -> u64 {
    std::env::var("DOCKET_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
}

fn kills_wanted() -> usize {
    std::env::var("DOCKET_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(KILLS)
}

/// 1,500 letters to 50 cities, each with a summary of 700 bytes: a file of
/// over 2 MB.
fn big_docket() -> Docket {
    let words = [
        "the",
        "department",
        "asked",
        "city",
        "council",
        "for",
        "proof",
        "of",
        "compliance",
        "with",
        "federal",
        "immigration",
        "detainers",
        "before",
        "deadline",
        "police",
        "chief",
        "replied",
        "that",
        "records",
        "would",
        "follow",
        "under",
        "state",
        "law",
        "grant",
    ];
    let mut docket = Docket::new();
    for c in 0..50 {
        docket.cities.push(City {
            id: format!("city-{c:02}"),
            name: format!("Città {c} d'Alene"),
            state: "NM".to_owned(),
            notes: format!("Notes on city {c}: ") + &"met with the mayor's office. ".repeat(8),
            log: Vec::new(),
        });
    }
    let base: Date = "2017-08-03".parse().unwrap();
    let mut word = 0usize;
    for i in 0..LETTERS {
        let city = format!("city-{:02}", i % 50);
        let sent = base + Days::new(i as u64 / 50);
        let mut summary = format!("Letter {i}: ");
        while summary.len() < 700 {
            summary.push_str(words[word % words.len()]);
            summary.push(if word % 17 == 16 { '.' } else { ' ' });
            word = word * 7 + 3;
            word %= 1_000_003;
        }
        docket.letters.push(Arc::new(
            letter(format!("{city}-{sent}"), city, sent)
                .from("U.S. Department of Justice")
                .to("Police Department")
                .subject(format!("Public Safety Partnership, letter {i}"))
                .program("Public Safety Partnership")
                .due(sent + Days::new(15))
                .demands([
                    "Give federal immigration authorities access to jails.",
                    "Notify federal agents before releasing inmates.",
                ])
                .summary(summary)
                .source(format!("https://example.org/letters/{i}"))
                .tags(["immigration".to_owned(), format!("batch-{}", i % 7)])
                .build(),
        ));
    }
    docket.cities.sort_by(|a, b| a.id.cmp(&b.id));
    docket.letters.sort_by(|a, b| a.id.cmp(&b.id));
    assert!(docket.problems().is_empty(), "{:?}", docket.problems());
    docket
}

/// The `n`th change of a run: a reply to one of the letters.
fn nth_change(docket: &Docket, n: usize) -> (Vec<String>, Change) {
    let letter = &docket.letters[(n * 7919) % docket.letters.len()];
    let reply = Reply {
        id: String::new(),
        source: None,
        on: letter.sent + Days::new(1 + (n % 20) as u64),
        from: format!("Chief of police, reply {n}"),
        kind: [
            ReplyKind::Acknowledges,
            ReplyKind::Disputes,
            ReplyKind::Complies,
        ][n % 3],
        summary: format!("Reply number {n}: the city will answer in full by the deadline."),
    };
    let args = vec![
        "add".to_owned(),
        "reply".to_owned(),
        letter.id.clone(),
        "--on".to_owned(),
        reply.on.to_string(),
        "--from".to_owned(),
        reply.from.clone(),
        "--kind".to_owned(),
        ["acknowledges", "disputes", "complies"][n % 3].to_owned(),
        "--summary".to_owned(),
        reply.summary.clone(),
    ];
    (args, Change::AddReply(letter.id.clone(), reply))
}

/// Where a kill landed.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// The file held the old version and no temporary file was left: the
    /// process died while loading, changing or serializing.
    before: usize,
    /// The file held the old version and a temporary file was left: the
    /// process died while writing or syncing the new version.
    mid_save: usize,
    /// The file held the new version: the process died after the rename.
    after: usize,
    /// The process had finished before the kill (not counted as a kill).
    finished: usize,
    /// Runs not meant to be killed (timing them, and the last one).
    unkilled: usize,
}

impl Tally {
    fn kills(&self) -> usize {
        self.before + self.mid_save + self.after
    }

    fn add(&mut self, other: Tally) {
        self.before += other.before;
        self.mid_save += other.mid_save;
        self.after += other.after;
        self.finished += other.finished;
        self.unkilled += other.unkilled;
    }
}

fn has_new_version_temp(names: &[String]) -> bool {
    names
        .iter()
        .any(|n| n.starts_with(".docket.ron.") && n.ends_with(".tmp"))
}

/// One worker: its own copy of the big file, its own runs and kills.
struct Worker {
    dir: TempDir,
    path: PathBuf,
    /// The docket on disk now, and its bytes.
    docket: Docket,
    bytes: Vec<u8>,
    /// The versions that were on disk before (newest last), each of which
    /// loaded: what the `.bak` may hold.
    earlier: Vec<Vec<u8>>,
    rng: Rng,
    n: usize,
    id: usize,
}

/// When to kill a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kill {
    /// Let it finish.
    Never,
    /// This long after it started.
    After(Duration),
    /// This long after its save began (its temporary file appeared, or the
    /// data file changed).
    IntoSave(Duration),
}

/// What one run did.
enum Ended {
    /// It ended by itself after `took`; its save began at `save_began`.
    Finished {
        took: Duration,
        save_began: Option<Duration>,
    },
    Killed,
}

impl Worker {
    fn new(id: usize, docket: &Docket, text: &str, seed: u64) -> Worker {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("docket.ron");
        fs::write(&path, text).unwrap();
        Worker {
            dir,
            path,
            docket: docket.clone(),
            bytes: text.as_bytes().to_vec(),
            earlier: Vec::new(),
            rng: Rng(seed ^ (id as u64).wrapping_mul(0xA24B_AED4_963E_E407)),
            n: id * 1_000_000,
            id,
        }
    }

    fn docket_command(&self, args: &[String]) -> Command {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut command = support::cli::command(&self.path, &args);
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        command
    }

    /// Whether a save has begun: its temporary file is there, or (for a
    /// save that writes in place) the data file is no longer the old one.
    fn save_is_under_way(&self) -> bool {
        has_new_version_temp(&temp_files(self.dir.path()))
            || fs::metadata(&self.path).map_or(true, |m| m.len() != self.bytes.len() as u64)
    }

    /// Runs the next change, killed as `plan` says unless it has finished
    /// by then, then checks the files and records where the kill landed.
    fn step(&mut self, plan: Kill, tally: &mut Tally) -> Ended {
        self.n += 1;
        let (args, change) = nth_change(&self.docket, self.n);
        let mut expected = self.docket.clone();
        expected.apply(change).expect("the change is valid");

        let started = Instant::now();
        let mut child = self.docket_command(&args).spawn().unwrap();
        // Poll, so that a run that ends first is timed (to a millisecond),
        // and see when its save begins.
        let mut save_began = None;
        let mut kill_at = match plan {
            Kill::After(delay) => Some(started + delay),
            Kill::Never | Kill::IntoSave(_) => None,
        };
        let (status, took) = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break (Some(status), started.elapsed());
            }
            if save_began.is_none() && !matches!(plan, Kill::After(_)) && self.save_is_under_way() {
                let now = Instant::now();
                save_began = Some(now - started);
                if let Kill::IntoSave(delay) = plan {
                    kill_at = Some(now + delay);
                }
            }
            if kill_at.is_some_and(|at| Instant::now() >= at) {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                break (None, started.elapsed());
            }
            thread::sleep(Duration::from_micros(200));
        };
        if let Some(status) = status {
            let mut stderr = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr)
                .unwrap();
            assert!(
                status.success(),
                "worker {}: run {} failed after a kill (a stale lock?): {status}: {stderr}",
                self.id,
                self.n
            );
        }

        // Look before anything else touches the folder.
        let stray = temp_files(self.dir.path());
        let bytes = fs::read(&self.path).unwrap();
        let changed = bytes != self.bytes;
        if changed {
            match store::load(&self.path) {
                Ok(Some(loaded)) => {
                    // The binary logs the change with the wall clock's time:
                    // the rest must be exactly the change.
                    assert!(
                        without_logs(&loaded) == without_logs(&expected),
                        "worker {}: after run {} the file loads but holds neither the version \
                         before nor the one after the change",
                        self.id,
                        self.n
                    );
                    expected = loaded;
                }
                other => panic!(
                    "worker {}: after run {} the file does not load: {other:?}",
                    self.id, self.n
                ),
            }
            let old = std::mem::replace(&mut self.bytes, bytes);
            self.earlier.push(old);
            if self.earlier.len() > 3 {
                self.earlier.remove(0);
            }
            self.docket = expected;
        }
        match (&status, changed) {
            (Some(_), true) if plan != Kill::Never => tally.finished += 1,
            (Some(_), true) => tally.unkilled += 1,
            (Some(_), false) => panic!(
                "worker {}: run {} succeeded but the file is unchanged",
                self.id, self.n
            ),
            (None, true) => tally.after += 1,
            (None, false) if has_new_version_temp(&stray) => tally.mid_save += 1,
            (None, false) => tally.before += 1,
        }

        // The backup is a version that loaded: the one before this change,
        // or (if the kill came between the backup and the rename) the
        // current one.
        let backup = store::backup_path(&self.path);
        if let Ok(backup) = fs::read(&backup) {
            assert!(
                backup == self.bytes || self.earlier.contains(&backup),
                "worker {}: after run {} the .bak is not a version that loaded",
                self.id,
                self.n
            );
        }

        assert!(
            stray.len() <= MAX_STRAY_TEMPS,
            "worker {}: after run {}, stray temporary files pile up: {stray:?}",
            self.id,
            self.n
        );

        // The dead process's lock died with it. (The next run proves it
        // too: a run that ends by itself must succeed.)
        match File::open(store::lock_path(&self.path)) {
            Ok(lock) => lock.try_lock().unwrap_or_else(|err| {
                panic!(
                    "worker {}: after run {} the lock is still held: {err}",
                    self.id, self.n
                )
            }),
            Err(err) if err.kind() == ErrorKind::NotFound => {}
            Err(err) => panic!("opening the lock file: {err}"),
        }

        match status {
            Some(_) => Ended::Finished { took, save_began },
            None => Ended::Killed,
        }
    }
}

/// The recent runs that ended by themselves: how long they took, and when
/// their saves began.
#[derive(Default)]
struct Timing {
    runs: Vec<(Duration, Duration)>,
}

impl Timing {
    fn record(&mut self, ended: &Ended) {
        if let Ended::Finished { took, save_began } = ended {
            // A save too quick to be seen began at the end, near enough.
            self.runs.push((*took, save_began.unwrap_or(*took)));
            if self.runs.len() > 5 {
                self.runs.remove(0);
            }
        }
    }

    /// How long a quick run takes, and when its save begins: the lower
    /// quartile of the recent runs (kill moments past a run's end are
    /// wasted: the run has finished).
    fn estimate(&self) -> (Duration, Duration) {
        let quick = |mut values: Vec<Duration>| {
            values.sort();
            values[values.len() / 4]
        };
        (
            quick(self.runs.iter().map(|r| r.0).collect()),
            quick(self.runs.iter().map(|r| r.1).collect()),
        )
    }
}

#[test]
fn kill_9_at_random_moments_leaves_the_old_or_the_new_version() {
    let started = Instant::now();
    let seed = seed();
    let wanted = kills_wanted();
    println!("kill test: seed {seed} (DOCKET_KILL_SEED repeats it), {wanted} kills");
    let docket = big_docket();
    let text = store::to_ron(&docket);
    assert!(text.len() > 2_000_000, "only {} bytes", text.len());
    println!(
        "kill test: a {:.1} MB file, {} letters",
        text.len() as f64 / 1e6,
        docket.letters.len()
    );

    let failed = AtomicBool::new(false);
    let per_worker = wanted.div_ceil(WORKERS);
    let tallies: Vec<Tally> = thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS)
            .map(|id| {
                let (docket, text, failed) = (&docket, &text, &failed);
                scope.spawn(move || {
                    let mut worker = Worker::new(id, docket, text, seed);
                    let mut tally = Tally::default();
                    // Measure a run and when its save begins (three runs,
                    // both workers busy), and again every few kills to
                    // follow the machine's load. (Only runs started to end
                    // by themselves are timed: those that end before a kill
                    // are the quick ones.)
                    let mut timing = Timing::default();
                    for _ in 0..3 {
                        timing.record(&worker.step(Kill::Never, &mut tally));
                    }
                    while tally.kills() < per_worker && !failed.load(Ordering::Relaxed) {
                        if worker.n.is_multiple_of(20) {
                            timing.record(&worker.step(Kill::Never, &mut tally));
                        }
                        // Half the kills anywhere in a run, half in its
                        // save (from the moment it is seen to begin to the
                        // measured end of a run).
                        let (run, save) = timing.estimate();
                        let plan = if worker.rng.unit() < 0.5 {
                            Kill::After(worker.rng.between(Duration::ZERO, run))
                        } else {
                            let saving = run.saturating_sub(save);
                            Kill::IntoSave(worker.rng.between(Duration::ZERO, saving))
                        };
                        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            worker.step(plan, &mut tally)
                        }));
                        if let Err(panic) = result {
                            failed.store(true, Ordering::Relaxed);
                            std::panic::resume_unwind(panic);
                        }
                    }
                    let (run, save) = timing.estimate();
                    // A last run, not killed: it succeeds and removes the
                    // stale temporary files. (A staged backup may be left:
                    // see the ignored test below.)
                    worker.step(Kill::Never, &mut tally);
                    let stray = temp_files(worker.dir.path());
                    assert!(
                        !has_new_version_temp(&stray),
                        "left after a clean run: {stray:?}"
                    );
                    let backup = store::load(&store::backup_path(&worker.path))
                        .expect("the .bak loads")
                        .expect("there is a .bak");
                    assert_eq!(
                        store::to_ron(&backup).as_bytes(),
                        worker.earlier.last().unwrap().as_slice()
                    );
                    println!(
                        "kill test: worker {id}: a run takes {run:.0?}, its save begins at {save:.0?}; {} kills: {} before the \
                         save, {} mid-save, {} after the rename; {} runs finished first; {} runs not killed",
                        tally.kills(),
                        tally.before,
                        tally.mid_save,
                        tally.after,
                        tally.finished,
                        tally.unkilled
                    );
                    tally
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
            })
            .collect()
    });
    let mut total = Tally::default();
    for tally in tallies {
        total.add(tally);
    }
    println!(
        "kill test: {} kills survived in {:.0?}: {} before the save, {} mid-save, {} after the \
         rename; {} runs finished before their kill, {} were not killed",
        total.kills(),
        started.elapsed(),
        total.before,
        total.mid_save,
        total.after,
        total.finished,
        total.unkilled
    );
    assert!(total.kills() >= wanted);
    assert!(
        total.mid_save > 0,
        "no kill landed during a save: the test does not test the save"
    );
}

/// A kill between the backup step and the rename leaves `docket.ron.bak` a
/// hard link to `docket.ron` (the backup is a hard link to the version being
/// replaced). The next save stages the backup as `docket.ron.bak.tmp`, a
/// third link to the same file, and renames it over `docket.ron.bak`: a
/// rename between two links to one file does nothing, so the staged link
/// stays behind (until the save after). The kill test above meets this
/// state by chance now and then.
#[test]
fn a_save_after_a_kill_between_backup_and_rename_leaves_no_temporary_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("docket.ron");
    fs::write(&path, docket::store::SAMPLE).unwrap();
    // What such a kill leaves.
    fs::hard_link(&path, store::backup_path(&path)).unwrap();

    let out = support::cli::docket(&path, &support::cli::REPLY);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        fs::read_to_string(store::backup_path(&path)).unwrap(),
        docket::store::SAMPLE
    );
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

/// The docket with every letter's and city's log emptied.
fn without_logs(docket: &Docket) -> Docket {
    let mut docket = docket.clone();
    for city in &mut docket.cities {
        city.log.clear();
    }
    for letter in &mut docket.letters {
        Arc::make_mut(letter).log.clear();
    }
    docket
}
