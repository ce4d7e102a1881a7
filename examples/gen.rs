//! Writes a valid docket file of realistic synthetic letters, for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen -- --letters 10000 --cities 200 --out /tmp/docket.ron \
//!     [--seed 7] [--tasks /tmp/tasks.json] [--taskdata /tmp/taskdata]
//! ```
//!
//! The same arguments always give the same file, byte for byte. `--tasks`
//! also writes the same letters as taskwarrior tasks, for `task import`
//! (`benches/compare.sh`): one pending task per letter, with its subject,
//! city as project, date sent, effective due date, tags, and each reply as
//! an annotation. `--taskdata` writes the same tasks straight into a
//! taskwarrior 2.6 data folder, as `task import` would leave it (importing
//! 100,000 tasks takes taskwarrior most of an hour).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark tool stops loudly where it breaks"
)]

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: gen --letters N --cities C --out FILE [--seed S] [--tasks FILE] [--taskdata DIR]";

struct Args {
    letters: usize,
    cities: usize,
    out: PathBuf,
    seed: u64,
    tasks: Option<PathBuf>,
    taskdata: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let (mut letters, mut cities, mut out, mut seed) = (None, None, None, 1);
    let (mut tasks, mut taskdata) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value; {USAGE}"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: {value:?} is not a number"))
        };
        match flag.as_str() {
            "--letters" => letters = Some(number()? as usize),
            "--cities" => cities = Some(number()? as usize),
            "--seed" => seed = number()?,
            "--out" => out = Some(PathBuf::from(&value)),
            "--tasks" => tasks = Some(PathBuf::from(&value)),
            "--taskdata" => taskdata = Some(PathBuf::from(&value)),
            _ => return Err(format!("unknown option {flag}; {USAGE}")),
        }
    }
    match (letters, cities, out) {
        (Some(letters), Some(cities), Some(out)) if cities > 0 => Ok(Args {
            letters,
            cities,
            out,
            seed,
            tasks,
            taskdata,
        }),
        _ => Err(USAGE.to_owned()),
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen: {message}");
            return ExitCode::from(2);
        }
    };
    let docket = synth::docket(args.letters, args.cities, args.seed);
    let text = docket::store::to_ron(&docket);
    if let Err(err) = docket::store::write_atomically(&args.out, text.as_bytes(), false) {
        eprintln!("gen: {err}");
        return ExitCode::from(1);
    }
    let tasks = synth::taskwarrior_tasks(&docket);
    if let Some(path) = &args.tasks {
        let json = serde_json::to_vec(&tasks).expect("tasks serialize");
        if let Err(err) = std::fs::write(path, json) {
            eprintln!("gen: {}: {err}", path.display());
            return ExitCode::from(1);
        }
    }
    if let Some(dir) = &args.taskdata
        && let Err(err) = write_taskdata(dir, &synth::taskwarrior_pending_data(&tasks))
    {
        eprintln!("gen: {}: {err}", dir.display());
        return ExitCode::from(1);
    }
    eprintln!(
        "gen: {} letters, {} cities, {} bytes ({} per letter) in {}",
        docket.letters.len(),
        docket.cities.len(),
        text.len(),
        text.len() / docket.letters.len().max(1),
        args.out.display()
    );
    ExitCode::SUCCESS
}

/// A taskwarrior data folder holding `pending`, its other files empty.
fn write_taskdata(dir: &std::path::Path, pending: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for name in ["completed.data", "undo.data", "backlog.data"] {
        std::fs::write(dir.join(name), "")?;
    }
    std::fs::write(dir.join("pending.data"), pending)
}
