//! `docket export`: the docket as ICS, CSV, Markdown or JSON, on standard
//! output or written atomically to a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Error, load_or_init};
use crate::export::{csv, ics, json, markdown};
use crate::model::Date;
use crate::store;

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// iCalendar: an all-day event for each pending deadline, with a reminder three days before
    Ics,
    /// One row per letter with its status as of the date
    Csv,
    /// A chronology per city, as of the date
    #[value(alias = "markdown")]
    Md,
    /// The whole docket, lossless (what `import --format json` reads)
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum)]
    format: Format,
    /// Write to this file (atomically: all or nothing) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The export's text as of a date.
pub fn render(docket: &crate::model::Docket, format: Format, as_of: Date) -> String {
    match format {
        Format::Ics => ics::to_ics(docket, as_of),
        Format::Csv => csv::to_csv(docket, as_of),
        Format::Md => markdown::to_markdown(docket, as_of),
        Format::Json => json::to_json(docket),
    }
}

pub fn run(path: &Path, as_of: Date, args: &ExportArgs) -> Result<(), Error> {
    let docket = load_or_init(path)?;
    let text = render(&docket, args.format, as_of);
    match args.output.as_deref() {
        None => write_stdout(&text),
        Some(output) if output == Path::new("-") => write_stdout(&text),
        Some(output) => {
            if same_file(output, path) {
                return Err(Error::usage(format!(
                    "{} is the data file; export to another file",
                    output.display()
                )));
            }
            // No backup: an export is derived and can always be written again.
            store::write_atomically(output, text.as_bytes(), false)?;
            Ok(())
        }
    }
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

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
