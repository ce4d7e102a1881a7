//! `docket digest`: the Markdown digest of one day.

use std::path::Path;

use super::{Error, load_or_sample, resolve};
use crate::export::digest::to_digest;
use crate::model::{Date, DateSpec};

#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// The day to digest: YYYY-MM-DD, today, -1d... [default: the as-of date]
    #[arg(long, value_name = "DATE")]
    date: Option<DateSpec>,
}

pub fn run(path: &Path, as_of: Date, today: Date, args: &DigestArgs) -> Result<(), Error> {
    let date = args.date.map_or(Ok(as_of), |d| resolve(d, today))?;
    let docket = load_or_sample(path)?;
    print!("{}", crate::text_safety::visible(&to_digest(&docket, date)));
    Ok(())
}
