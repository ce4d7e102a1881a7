//! git, run as a program (never linked), and `docket git setup`: the
//! merge driver registered for the data file.

use std::ffi::OsStr;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clap::Subcommand;

use super::Error;
use crate::text_safety::say;

/// What `docket git` does.
#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// Register docket as git's merge driver for the data file (.gitattributes and the repository's config)
    Setup,
}

/// Runs a `docket git` command.
pub fn run(path: &Path, command: &GitCommand) -> Result<(), Error> {
    match command {
        GitCommand::Setup => setup(path),
    }
}

/// git, run in the data file's folder.
pub struct Git {
    dir: PathBuf,
}

impl Git {
    /// git for the work tree holding the data file; an error when git is
    /// missing or the file is not in a work tree.
    pub fn for_file(path: &Path) -> Result<Git, Error> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        };
        let git = Git { dir };
        let inside = git.output(["rev-parse", "--is-inside-work-tree"])?;
        if !inside.status.success() || String::from_utf8_lossy(&inside.stdout).trim() != "true" {
            return Err(Error::data(format!(
                "{} is not in a git work tree (git init, or git clone, first)",
                path.display()
            )));
        }
        Ok(git)
    }

    /// The folder git runs in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// git's output, whatever its exit status; an error only when git
    /// cannot be run.
    pub fn output<I, S>(&self, args: I) -> Result<Output, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("GIT_TERMINAL_PROMPT", "0")
            .output()
            .map_err(|err| match err.kind() {
                ErrorKind::NotFound => Error::data(
                    "git is not installed (or not on the PATH): this command runs git; \
                     install it (such as `apt-get install git`)",
                ),
                _ => Error::data(format!("git could not be run: {err}")),
            })
    }

    /// git's standard output, trimmed; an error naming the command and
    /// what git said when it fails.
    pub fn ok<I, S>(&self, args: I) -> Result<String, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<S> = args.into_iter().collect();
        let output = self.output(&args)?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned());
        }
        let shown: Vec<String> = (args.iter())
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect();
        Err(Error::data(format!(
            "git {} failed: {}",
            shown.join(" "),
            said(&output)
        )))
    }

    /// Whether git succeeds.
    pub fn succeeds<I, S>(&self, args: I) -> Result<bool, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Ok(self.output(args)?.status.success())
    }

    /// A config value of the repository, if set.
    pub fn config(&self, key: &str) -> Result<Option<String>, Error> {
        let output = self.output(["config", "--local", "--get", key])?;
        Ok(output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned()))
    }
}

/// What git said on stderr (else stdout), on one line.
pub fn said(output: &Output) -> String {
    let text = if output.stderr.iter().all(u8::is_ascii_whitespace) {
        &output.stdout
    } else {
        &output.stderr
    };
    let text = String::from_utf8_lossy(text);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(" / ")
}

/// The name git's config gives the driver.
const DRIVER_NAME: &str = "docket: merge by record and field";

/// The `.gitattributes` line for the data file.
pub fn attribute_line(file_name: &str) -> String {
    if file_name.contains(|c: char| c.is_whitespace() || c == '"' || c == '\\') {
        let quoted = file_name.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{quoted}\" merge=docket")
    } else {
        format!("{file_name} merge=docket")
    }
}

/// The shell command git runs as the driver: this executable, quoted.
fn driver_command() -> Result<String, Error> {
    let exe = std::env::current_exe()
        .map_err(|err| Error::data(format!("cannot find docket's own executable: {err}")))?;
    let exe = exe.to_string_lossy().replace('\'', r"'\''");
    Ok(format!("'{exe}' merge %O %A %B %P"))
}

/// The backup and lock docket keeps beside the data file are this
/// machine's: listed in the repository's `info/exclude` (never committed,
/// never shown as untracked).
fn exclude_own_files(git: &Git, name: &str) -> Result<(), Error> {
    let exclude = git
        .dir()
        .join(git.ok(["rev-parse", "--git-path", "info/exclude"])?);
    let prefix = git.ok(["rev-parse", "--show-prefix"])?;
    let existing = std::fs::read_to_string(&exclude).unwrap_or_default();
    let missing: Vec<String> = ["bak", "lock"]
        .iter()
        .map(|ext| format!("/{prefix}{name}.{ext}"))
        .filter(|line| !existing.lines().any(|l| l.trim() == line))
        .collect();
    if missing.is_empty() {
        say(&format!(
            "{}: already excludes the backup and lock",
            exclude.display()
        ));
        return Ok(());
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    if let Some(dir) = exclude.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|err| Error::data(format!("{}: cannot make it: {err}", dir.display())))?;
    }
    std::fs::write(&exclude, text)
        .map_err(|err| Error::data(format!("{}: cannot write it: {err}", exclude.display())))?;
    say(&format!(
        "{}: added {}",
        exclude.display(),
        missing.join(", ")
    ));
    Ok(())
}

/// `docket git setup`: the attribute beside the data file, the backup and
/// lock excluded, the driver in the repository's config; each said, each
/// left alone when already so.
fn setup(path: &Path) -> Result<(), Error> {
    let git = Git::for_file(path)?;
    let name = (path.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::usage(format!("{} names no file", path.display())))?;
    let attributes = git.dir().join(".gitattributes");
    let line = attribute_line(&name);
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(err) if err.kind() == ErrorKind::NotFound => String::new(),
        Err(err) => {
            return Err(Error::data(format!(
                "{}: cannot read it: {err}",
                attributes.display()
            )));
        }
    };
    if existing.lines().any(|l| l.trim() == line) {
        say(&format!("{}: already has `{line}`", attributes.display()));
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&line);
        text.push('\n');
        std::fs::write(&attributes, text).map_err(|err| {
            Error::data(format!("{}: cannot write it: {err}", attributes.display()))
        })?;
        say(&format!("{}: added `{line}`", attributes.display()));
    }
    exclude_own_files(&git, &name)?;
    let driver = driver_command()?;
    for (key, value) in [
        ("merge.docket.name", DRIVER_NAME),
        ("merge.docket.driver", driver.as_str()),
    ] {
        if git.config(key)?.as_deref() == Some(value) {
            say(&format!("git config {key}: already `{value}`"));
        } else {
            git.ok(["config", "--local", key, value])?;
            say(&format!("git config {key}: set to `{value}`"));
        }
    }
    Ok(())
}
