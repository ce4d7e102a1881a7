//! Opening a letter's document with the system's opener (`xdg-open`, or
//! `open` on macOS), started on its own and not waited for: the interface
//! goes on while the document opens in its program.

use std::io::ErrorKind;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::model::Document;

/// The program that opens a path or URL in the program the system chose.
pub const OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

/// What a document points to: a URL, or a file (relative paths are in the
/// data file's folder, `~/` in the home folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A URL (`https:`, `mailto:`, `file:`...), handed over as it is.
    Url(String),
    /// A file.
    Path(PathBuf),
}

impl Target {
    /// Where `target` points, a relative path read in `base`.
    pub fn of(target: &str, base: &Path) -> Target {
        if is_url(target) {
            return Target::Url(target.to_owned());
        }
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let path = match (target.strip_prefix("~/"), home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => base.join(target),
        };
        Target::Path(path)
    }
}

/// Whether `text` starts with a URL scheme (`https:`, `mailto:`): letters,
/// digits, `+`, `-` or `.` after a first letter, then `:` (two letters at
/// least, so that `C:` stays a path).
fn is_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    scheme.len() >= 2
        && !rest.is_empty()
        && !rest.starts_with(char::is_whitespace)
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Opens `document` (a relative path read in `base`) with `opener`, and
/// says how it went, for the status line.
pub fn open(document: &Document, base: &Path, opener: &str) -> String {
    let target = Target::of(&document.target, base);
    let argument = match &target {
        Target::Url(url) => url.clone().into(),
        Target::Path(path) if !path.exists() => {
            return format!("{}: {} does not exist", document.label, path.display());
        }
        Target::Path(path) => path.clone().into_os_string(),
    };
    let started = Command::new(opener)
        .arg(&argument)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // A group of its own: Ctrl-C in docket's terminal is not for it.
        .process_group(0)
        .spawn();
    match started {
        Ok(mut child) => {
            // Reaped when it ends, so that it never lingers as a zombie.
            let _ = std::thread::Builder::new()
                .name("docket-opener".into())
                .spawn(move || child.wait());
            format!("opening {} with {opener}", document.label)
        }
        Err(err) if err.kind() == ErrorKind::NotFound => format!(
            "no {opener} to open {} with (install xdg-utils); it is at {}",
            document.label,
            argument.display()
        ),
        Err(err) => format!("could not run {opener} for {}: {err}", document.label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        let base = Path::new("/data");
        assert_eq!(
            Target::of("https://example.org/a?b=c", base),
            Target::Url("https://example.org/a?b=c".to_owned())
        );
        assert_eq!(
            Target::of("mailto:clerk@example.org", base),
            Target::Url("mailto:clerk@example.org".to_owned())
        );
        assert_eq!(
            Target::of("letters/a.pdf", base),
            Target::Path(PathBuf::from("/data/letters/a.pdf"))
        );
        assert_eq!(
            Target::of("/abs/a.pdf", base),
            Target::Path(PathBuf::from("/abs/a.pdf"))
        );
        assert_eq!(
            Target::of("C:notes.txt", base),
            Target::Path(PathBuf::from("/data/C:notes.txt"))
        );
        assert!(!is_url("note: see file"));
    }

    #[test]
    fn a_missing_file_or_opener_is_said_plainly() {
        let document = Document {
            label: "Letter".to_owned(),
            target: "no-such-file.pdf".to_owned(),
        };
        let dir = std::env::temp_dir();
        let said = open(&document, &dir, OPENER);
        assert!(said.contains("does not exist"), "{said}");
        let url = Document {
            label: "Web".to_owned(),
            target: "https://example.org".to_owned(),
        };
        let said = open(&url, &dir, "docket-no-such-opener");
        assert!(
            said.starts_with("no docket-no-such-opener to open Web"),
            "{said}"
        );
    }
}
