use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use docket::cli::Cli;
use docket::clock::Clock;
use docket::text_safety::warn;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            err.exit()
        }
        Err(err) => {
            warn(&one_line(&err.to_string()));
            return ExitCode::from(2);
        }
    };
    // The one place docket reads the clock.
    let clock = Clock::new(|| chrono::Local::now().naive_local());
    match docket::cli::run(cli, clock) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            warn(&err.to_string());
            err.exit_code()
        }
    }
}

/// clap's usage errors span several lines; scripts want one.
fn one_line(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && !l.starts_with("Usage:")
                && !l.starts_with("For more")
                && !l.starts_with("tip:")
        })
        .collect();
    let text = lines.join(" ");
    let text = text.strip_prefix("error: ").unwrap_or(&text).to_owned();
    format!("{text} (see docket --help)")
}
