//! docket's own reader for its RON files: the ron crate's grammar for the
//! types of a docket, without serde's machinery, and the letters of a big
//! file on several threads.
//!
//! It reads what docket writes and what a person editing the file by hand
//! makes of it: any whitespace and comments between tokens, fields in any
//! order, optional fields left out, struct names left out, raw strings and
//! every escape, trailing commas or none, `#![enable(implicit_some)]` and
//! `Some(..)` left out under it. It gives exactly the docket the ron crate
//! would give, or `None`: wherever the ron crate would refuse the text, and
//! wherever this reader is not sure to read it the same (an integer written
//! in hex, an escaped byte of a longer character, an unknown extension).
//! The caller then parses with the ron crate, which reads what it can and
//! places its error exactly. `tests/reader.rs` holds it to the ron crate.

mod cursor;
mod parallel;
mod records;
mod settings;
mod strings;

use std::sync::atomic::{AtomicUsize, Ordering};

use self::cursor::{Cursor, Seen};
use crate::model::Docket;

/// How many bytes of letters the read under way has taken, for a progress bar.
static PARSED: AtomicUsize = AtomicUsize::new(0);

/// How many bytes of letters the read under way (or the last one) has
/// taken: a progress figure, shared by the whole process.
pub(super) fn parsed_bytes() -> usize {
    PARSED.load(Ordering::Relaxed)
}

/// The docket in `text` (before [`Docket::migrated`], its version not
/// checked), exactly as the ron crate reads it; `None` where the ron crate
/// must read it instead.
pub(super) fn read(text: &str) -> Option<Docket> {
    PARSED.store(0, Ordering::Relaxed);
    let mut c = Cursor::new(text);
    c.ws()?;
    attributes(&mut c)?;
    let docket = docket(&mut c)?;
    c.ws()?;
    (c.at == text.len()).then_some(docket)
}

/// The attributes that open a file, `#![enable(...)]`: the extensions that
/// change how it reads. Only `implicit_some` and `explicit_struct_names`
/// are read here.
fn attributes(c: &mut Cursor<'_>) -> Option<()> {
    while c.eat(b'#') {
        c.ws()?;
        c.expect(b'!')?;
        c.ws()?;
        c.expect(b'[')?;
        c.ws()?;
        if c.ident()? != "enable" {
            return None;
        }
        c.ws()?;
        c.expect(b'(')?;
        c.ws()?;
        loop {
            match c.ident()? {
                "implicit_some" => c.implicit_some = true,
                "explicit_struct_names" => c.explicit_names = true,
                _ => return None,
            }
            let comma = c.comma()?;
            let another = match c.peek() {
                Some(0x80..) => return None,
                Some(b) => b.is_ascii_alphanumeric() || b == b'_',
                None => false,
            };
            if !comma && another {
                return None;
            }
            if !comma || !another {
                break;
            }
        }
        c.ws()?;
        c.expect(b')')?;
        c.ws()?;
        c.expect(b']')?;
        c.ws()?;
    }
    Some(())
}

fn docket(c: &mut Cursor<'_>) -> Option<Docket> {
    let mut fields = c.open("Docket")?;
    let mut seen = Seen::default();
    let mut docket = Docket::new();
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "version" => (seen.first(0)?, docket.version = c.u32()?),
            "cities" => (seen.first(1)?, docket.cities = c.list(records::city)?),
            "letters" => (seen.first(2)?, docket.letters = parallel::letters(c)?),
            "retired_ids" => (seen.first(3)?, docket.retired_ids = c.list(Cursor::string)?),
            "settings" => (seen.first(4)?, docket.settings = settings::settings(c)?),
            "conflicts" => (
                seen.first(5)?,
                docket.conflicts = c.list(settings::conflict)?,
            ),
            _ => return None,
        };
    }
    seen.all(1).then_some(docket)
}
