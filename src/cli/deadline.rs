//! The deadline options of `add letter` and `edit letter`: `--due` as a
//! date or a rule counted from the letter, `--from-received`, `--received`.

use clap::Args;

use super::{Error, resolve};
use crate::model::{Date, DateSpec, DueFrom, DueInput, Letter};

#[derive(Debug, Args)]
pub struct DeadlineArgs {
    /// The due date: YYYY-MM-DD, or a rule counted from the letter: +15d, +2w (14 days), +11bd (business days)
    #[arg(long, value_name = "DATE|RULE")]
    due: Option<DueInput>,
    /// Count the due rule from the date received instead of the date sent
    #[arg(long)]
    from_received: bool,
    /// The date the addressee received the letter (on or after the date sent)
    #[arg(long, value_name = "DATE")]
    received: Option<DateSpec>,
}

impl DeadlineArgs {
    /// Sets the letter's received date, due date and rule as asked, dates
    /// counted from `today`; a rule's date is worked out when the change is
    /// applied, through the docket's calendar.
    pub fn apply_to(self, letter: &mut Letter, today: Date) -> Result<(), Error> {
        if let Some(received) = self.received {
            letter.received = Some(resolve(received, today)?);
        }
        let from = if self.from_received {
            DueFrom::Received
        } else {
            DueFrom::Sent
        };
        match self.due {
            Some(DueInput::On(date)) => {
                if self.from_received {
                    return Err(Error::usage(
                        "--from-received counts a due rule from receipt: give --due +10bd or the \
                         like, not a date",
                    ));
                }
                letter.due = Some(resolve(date, today)?);
                letter.due_rule = None;
            }
            Some(input) => letter.due_rule = input.rule(from),
            None if self.from_received => match &mut letter.due_rule {
                Some(rule) => rule.from = DueFrom::Received,
                None => {
                    return Err(Error::usage(
                        "--from-received counts a due rule from receipt: give --due +10bd or the \
                         like",
                    ));
                }
            },
            None => {}
        }
        Ok(())
    }
}
