//! `docket digest`: the Markdown digest of one day.

use std::path::Path;

use super::{CliError, load_or_init, parse_date_arg};
use crate::export::digest::to_digest;
use crate::model::Date;

#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// The day to digest: YYYY-MM-DD, today, -1d... [default: the as-of date]
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    date: Option<Date>,
}

pub fn run(path: &Path, as_of: Date, args: &DigestArgs) -> Result<(), CliError> {
    let docket = load_or_init(path)?;
    print!("{}", to_digest(&docket, args.date.unwrap_or(as_of)));
    Ok(())
}
