//! Letters built one field at a time, for tests: [`letter`] starts from an
//! id, a city and the date it was sent, with every other field empty, and
//! each setter fills one in.
//!
//! ```ignore
//! let letter = letter("baltimore-2017-08-03", "baltimore", "2017-08-03")
//!     .subject("Public Safety Partnership")
//!     .due("2017-08-18")
//!     .reply("2017-08-20", ReplyKind::Complies)
//!     .build();
//! ```
//!
//! Dates are given as `YYYY-MM-DD` text or as [`Date`]s, and optional
//! fields as a value or as an `Option`.

use docket::model::{Closing, Date, Extension, Letter, Reply, ReplyKind};

/// The date `YYYY-MM-DD`; panics, naming the text, on anything else.
#[track_caller]
pub fn date(text: &str) -> Date {
    text.parse()
        .unwrap_or_else(|e| panic!("bad test date {text:?}: {e}"))
}

/// A date: `YYYY-MM-DD` text (see [`date`]) or a [`Date`].
pub trait IntoDate {
    fn into_date(self) -> Date;
}

impl IntoDate for Date {
    fn into_date(self) -> Date {
        self
    }
}

impl IntoDate for &str {
    #[track_caller]
    fn into_date(self) -> Date {
        date(self)
    }
}

/// A value for an optional field: the value itself, or an `Option` of it.
pub trait Maybe<T> {
    fn maybe(self) -> Option<T>;
}

impl<D: IntoDate> Maybe<Date> for D {
    #[track_caller]
    fn maybe(self) -> Option<Date> {
        Some(self.into_date())
    }
}

impl Maybe<Date> for Option<Date> {
    fn maybe(self) -> Option<Date> {
        self
    }
}

impl Maybe<String> for &str {
    fn maybe(self) -> Option<String> {
        Some(self.to_owned())
    }
}

impl Maybe<String> for String {
    fn maybe(self) -> Option<String> {
        Some(self)
    }
}

impl Maybe<String> for Option<String> {
    fn maybe(self) -> Option<String> {
        self
    }
}

/// A letter with id `id` to `city`, sent on `sent`, and nothing else:
/// empty sender, addressee, subject and summary, no program, deadline,
/// source, demands, tags, replies, extensions or closing.
#[track_caller]
pub fn letter(
    id: impl Into<String>,
    city: impl Into<String>,
    sent: impl IntoDate,
) -> LetterBuilder {
    LetterBuilder(Letter {
        id: id.into(),
        ..Letter::new(city, sent.into_date())
    })
}

/// A letter being built: see [`letter`]. Each setter sets one field (or,
/// for replies and extensions, adds to it); [`LetterBuilder::build`] gives
/// the letter.
#[must_use]
pub struct LetterBuilder(Letter);

impl LetterBuilder {
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.0.id = id.into();
        self
    }

    pub fn city(mut self, city: impl Into<String>) -> Self {
        self.0.city = city.into();
        self
    }

    pub fn from(mut self, from: impl Into<String>) -> Self {
        self.0.from = from.into();
        self
    }

    pub fn to(mut self, to: impl Into<String>) -> Self {
        self.0.to = to.into();
        self
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.0.subject = subject.into();
        self
    }

    pub fn program(mut self, program: impl Maybe<String>) -> Self {
        self.0.program = program.maybe();
        self
    }

    #[track_caller]
    pub fn sent(mut self, sent: impl IntoDate) -> Self {
        self.0.sent = sent.into_date();
        self
    }

    #[track_caller]
    pub fn due(mut self, due: impl Maybe<Date>) -> Self {
        self.0.due = due.maybe();
        self
    }

    pub fn demands<S: Into<String>>(mut self, demands: impl IntoIterator<Item = S>) -> Self {
        self.0.demands = demands.into_iter().map(Into::into).collect();
        self
    }

    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.0.summary = summary.into();
        self
    }

    pub fn source(mut self, source: impl Maybe<String>) -> Self {
        self.0.source = source.maybe();
        self
    }

    pub fn tags<S: Into<String>>(mut self, tags: impl IntoIterator<Item = S>) -> Self {
        self.0.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// Adds a reply of `kind` received on `on`, from "City Solicitor", with
    /// no summary.
    #[track_caller]
    pub fn reply(mut self, on: impl IntoDate, kind: ReplyKind) -> Self {
        self.0.replies.push(Reply {
            id: String::new(),
            on: on.into_date(),
            from: "City Solicitor".to_owned(),
            kind,
            summary: String::new(),
            source: None,
        });
        self
    }

    /// Adds these replies.
    pub fn replies(mut self, replies: impl IntoIterator<Item = Reply>) -> Self {
        self.0.replies.extend(replies);
        self
    }

    /// Adds an extension granted on `granted_on` to `new_due`, with no note.
    #[track_caller]
    pub fn extension(mut self, granted_on: impl IntoDate, new_due: impl IntoDate) -> Self {
        self.0.extensions.push(Extension {
            id: String::new(),
            granted_on: granted_on.into_date(),
            new_due: new_due.into_date(),
            note: String::new(),
        });
        self
    }

    /// Adds these extensions.
    pub fn extensions(mut self, extensions: impl IntoIterator<Item = Extension>) -> Self {
        self.0.extensions.extend(extensions);
        self
    }

    /// Closes it on `on`, "withdrawn".
    #[track_caller]
    pub fn closed(mut self, on: impl IntoDate) -> Self {
        self.0.closings.push(Closing {
            id: String::new(),
            on: on.into_date(),
            outcome: "withdrawn".to_owned(),
            reopened_on: None,
        });
        self
    }

    /// Reopens its last closing on `on`.
    #[track_caller]
    pub fn reopened(mut self, on: impl IntoDate) -> Self {
        let last = self.0.closings.last_mut().expect("closed first");
        last.reopened_on = Some(on.into_date());
        self
    }

    /// Sets its closing, or leaves it open.
    pub fn closing(mut self, closing: impl Into<Option<Closing>>) -> Self {
        self.0.closings = closing.into().into_iter().collect();
        self
    }

    /// Sets its closings.
    pub fn closings(mut self, closings: impl IntoIterator<Item = Closing>) -> Self {
        self.0.closings = closings.into_iter().collect();
        self
    }

    /// Sets the ids of its deleted entries.
    pub fn retired_ids<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.0.retired_ids = ids.into_iter().map(Into::into).collect();
        self
    }

    /// The letter, its replies, extensions and closings without an id
    /// given one in date order, as a docket gives them.
    pub fn build(mut self) -> Letter {
        self.0.assign_entry_ids();
        self.0
    }
}
