//! `docket export`: the docket as ICS, CSV, Markdown, JSON or SVG, on standard
//! output or written atomically to a file.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::{Error, load_outgoing, resolve};
use crate::export::{Outgoing, csv, ics, json, markdown, svg};
use crate::model::{Date, DateSpec};
use crate::store;
use crate::text_safety::visible_owned;

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// iCalendar: an all-day event per deadline, cancelled once answered or closed, with the reminders the settings ask for
    Ics,
    /// One row per letter with its status as of the date
    Csv,
    /// A chronology per city, as of the date
    #[value(alias = "markdown")]
    Md,
    /// The whole docket (what `import --format json` reads); lossless with --include-private
    Json,
    /// The countdown timeline as a standalone SVG picture, to publish (--matter, --from, --to narrow it)
    Svg,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum)]
    format: Format,
    /// Write to this file (atomically: all or nothing) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// JSON only: keep the letters' private notes (left out otherwise, and the JSON says so)
    #[arg(long)]
    include_private: bool,
    /// SVG only: just the letters of this matter
    #[arg(long, value_name = "ID")]
    matter: Option<String>,
    /// SVG only: start the timeline on this date
    #[arg(long, value_name = "DATE")]
    from: Option<DateSpec>,
    /// SVG only: end the timeline on this date
    #[arg(long, value_name = "DATE")]
    to: Option<DateSpec>,
}

/// The export's text as of a date (`svg` narrowed by `options`).
pub fn render(docket: &Outgoing, format: Format, as_of: Date, options: &svg::Options) -> String {
    match format {
        Format::Ics => ics::to_ics(docket, as_of),
        Format::Csv => csv::to_csv(docket, as_of),
        // Markdown is read by people, on a terminal too.
        Format::Md => visible_owned(markdown::to_markdown(docket, as_of)),
        Format::Json => json::to_json(docket),
        Format::Svg => svg::to_svg(docket, as_of, options),
    }
}

pub fn run(path: &Path, as_of: Date, today: Date, args: &ExportArgs) -> Result<(), Error> {
    let options = svg_options(args, today)?;
    if args.include_private && args.format != Format::Json {
        return Err(Error::usage(
            "--include-private: only the JSON export can carry private notes; \
             the other formats never do",
        ));
    }
    let docket = load_outgoing(path, args.include_private)?;
    if let Some(matter) = &options.matter
        && !docket
            .letters
            .iter()
            .any(|l| l.matter.as_ref() == Some(matter))
    {
        return Err(Error::data(format!(
            "{}: no letter belongs to matter {matter:?}",
            path.display()
        )));
    }
    let text = render(&docket, args.format, as_of, &options);
    match args.output.as_deref() {
        None => write_stdout(&text),
        Some(output) if output == Path::new("-") => write_stdout(&text),
        Some(output) => {
            not_docket_s_own(output, path)?;
            write_file(output, &text)
        }
    }
}

/// What `--matter`, `--from` and `--to` ask of the SVG, checked: they
/// narrow only the SVG, and `--from` is not after `--to`.
fn svg_options(args: &ExportArgs, today: Date) -> Result<svg::Options, Error> {
    let narrowed = args.matter.is_some() || args.from.is_some() || args.to.is_some();
    if narrowed && args.format != Format::Svg {
        return Err(Error::usage(
            "--matter, --from and --to narrow the SVG timeline only (--format svg)",
        ));
    }
    let from = args.from.map(|d| resolve(d, today)).transpose()?;
    let to = args.to.map(|d| resolve(d, today)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(Error::usage(format!(
            "--from {from} is after --to {to}; nothing would show"
        )));
    }
    Ok(svg::Options {
        matter: args.matter.clone(),
        from,
        to,
    })
}

fn write_stdout(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`docket export ... | head`) is the reader's choice.
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::data(format!(
            "could not write to standard output: {err}"
        ))),
        _ => Ok(()),
    }
}

/// Refuses an output that is the data file, its backup or its lock file.
fn not_docket_s_own(output: &Path, data: &Path) -> Result<(), Error> {
    let Some(data) = canonical(data) else {
        return Ok(());
    };
    let Some(output) = canonical(output).map(|out| (out, output)) else {
        return Ok(());
    };
    let own = [
        (data.clone(), "the data file"),
        (store::backup_path(&data), "the data file's backup"),
        (store::lock_path(&data), "the data file's lock file"),
    ];
    match own.iter().find(|(path, _)| *path == output.0) {
        Some((_, what)) => Err(Error::usage(format!(
            "{} is {what}; export to another file",
            output.1.display()
        ))),
        None => Ok(()),
    }
}

/// The path with every symlink resolved, for a file that exists, or that
/// of its folder joined with its name, for one that does not.
fn canonical(path: &Path) -> Option<PathBuf> {
    path.canonicalize().ok().or_else(|| {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        Some(dir.canonicalize().ok()?.join(path.file_name()?))
    })
}

/// Writes the export to `output`: a regular file (or a new one) is replaced
/// atomically; a named pipe or a character device (`/dev/stdout`,
/// `/dev/null`, a shell's `>(...)`) is written into, never replaced; a
/// folder, block device or socket is refused.
fn write_file(output: &Path, text: &str) -> Result<(), Error> {
    let refuse = |what: &str| {
        Err(Error::usage(format!(
            "{} is {what}; docket exports to regular files, named pipes and terminals or \
             devices like /dev/null",
            output.display()
        )))
    };
    match fs::metadata(output) {
        Ok(meta) if meta.is_file() => {
            // Through a symlink, the file it points to is replaced, not the link.
            let target = output.canonicalize().unwrap_or_else(|_| output.to_owned());
            // No backup: an export is derived and can always be written again.
            store::write_atomically(&target, text.as_bytes(), false)?;
            Ok(())
        }
        Ok(meta) if meta.file_type().is_fifo() || meta.file_type().is_char_device() => {
            write_in_place(output, text)
        }
        Ok(meta) if meta.is_dir() => refuse("a folder"),
        Ok(meta) if meta.file_type().is_block_device() => refuse("a block device (a disk)"),
        Ok(_) => refuse("a socket"),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            if fs::symlink_metadata(output).is_ok() {
                return refuse("a symlink to a file that does not exist");
            }
            store::write_atomically(output, text.as_bytes(), false)?;
            Ok(())
        }
        Err(err) => Err(Error::data(format!(
            "{}: could not look at the file: {err}",
            output.display()
        ))),
    }
}

/// Writes into a named pipe or a character device as it is: opened for
/// writing, never created or truncated, and only if it is still one once
/// open.
fn write_in_place(output: &Path, text: &str) -> Result<(), Error> {
    let failed = |err: io::Error| {
        Error::data(format!(
            "{}: could not write the export: {err}",
            output.display()
        ))
    };
    let mut file = fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(output)
        .map_err(failed)?;
    let kind = file.metadata().map_err(failed)?.file_type();
    if !kind.is_fifo() && !kind.is_char_device() {
        return Err(Error::data(format!(
            "{}: was replaced while docket opened it; nothing was written",
            output.display()
        )));
    }
    match file.write_all(text.as_bytes()).and_then(|()| file.flush()) {
        // A reader that closed its end of the pipe chose to stop reading.
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(failed(err)),
        _ => Ok(()),
    }
}
