//! The real binary run on a data file, with nothing from the environment,
//! and checks of what it printed and how it exited.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

/// The sample's letter to Baltimore.
pub const LETTER: &str = "baltimore-2017-08-03";

/// `add reply` to Baltimore's letter, dated 2017-08-09: a change to save.
pub const REPLY: [&str; 11] = [
    "add",
    "reply",
    LETTER,
    "--on",
    "2017-08-09",
    "--from",
    "Baltimore Police Department",
    "--kind",
    "disputes",
    "--summary",
    "Disputes the conditions",
];

/// Runs `docket --file FILE ARGS...` with no docket variables from outside.
pub fn docket(file: &Path, args: &[&str]) -> Output {
    command(file, args)
        .output()
        .expect("the docket binary runs")
}

/// The command [`docket`] runs, for tests that need more control: stdin
/// is null, and `DOCKET_AS_OF` and `DOCKET_FILE` are unset.
pub fn command(file: &Path, args: &[&str]) -> Command {
    command_under(&[], file, args)
}

/// The command [`command`] runs, started through `wrapper`: a program and
/// its arguments, which runs the command that follows them (`setpriv ...
/// --`, `sh -c 'umask 077 && exec "$@"' sh`). So `WRAPPER... docket --file
/// FILE ARGS...`, with stdin null and `DOCKET_AS_OF` and `DOCKET_FILE`
/// unset for the wrapper and so for docket. With no wrapper, [`command`].
pub fn command_under(wrapper: &[&str], file: &Path, args: &[&str]) -> Command {
    let docket = env!("CARGO_BIN_EXE_docket");
    let mut command = match wrapper.split_first() {
        Some((program, wrapper_args)) => {
            let mut command = Command::new(program);
            command.args(wrapper_args).arg(docket);
            command
        }
        None => Command::new(docket),
    };
    command
        .arg("--file")
        .arg(file)
        .args(args)
        .env_remove("DOCKET_AS_OF")
        .env_remove("DOCKET_FILE")
        .env_remove("DOCKET_USER")
        .stdin(Stdio::null());
    command
}

/// What it printed on stdout, which must be UTF-8.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// What it printed on stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts success and returns stdout.
pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", stderr(out));
    stdout(out)
}

/// Asserts a failure with this exit code and a one-line message; returns it.
pub fn fails(out: &Output, code: i32) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("docket: "), "{err}");
    err
}

/// Asserts what [`fails`] does, and that the message names `path`;
/// returns it.
pub fn fails_naming(out: &Output, code: i32, path: &Path) -> String {
    let err = fails(out, code);
    assert!(
        err.contains(&path.display().to_string()),
        "names {}: {err}",
        path.display()
    );
    err
}

/// An empty data file in `dir`, made by `docket init --empty`.
pub fn empty_file(dir: &TempDir) -> std::path::PathBuf {
    let file = dir.path().join("empty.ron");
    ok(&docket(&file, &["init", "--empty"]));
    file
}

/// Runs `docket --file FILE import --format FORMAT EXTRA... INPUT`.
pub fn import(file: &Path, format: &str, input: &Path, extra: &[&str]) -> Output {
    let args = [
        &["import", "--format", format][..],
        extra,
        &[input.to_str().unwrap()],
    ]
    .concat();
    docket(file, &args)
}

/// Runs an import that must be refused: exit status 1, and the data file and
/// its backup byte-identical to what they were before. Returns stderr.
pub fn import_refused(file: &Path, format: &str, input: &Path, extra: &[&str]) -> String {
    let backup = docket::store::backup_path(file);
    let before = (std::fs::read(file).ok(), std::fs::read(&backup).ok());
    let out = import(file, format, input, extra);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let after = (std::fs::read(file).ok(), std::fs::read(&backup).ok());
    assert!(
        before == after,
        "a refused import changed {}",
        file.display()
    );
    stderr(&out)
}
