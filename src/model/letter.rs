//! A letter and what it says as of a date: the deadline in force, the
//! first answer, the countdown. Its replies, extensions and closings are in
//! [`super::entry`].

use serde::{Deserialize, Serialize};

use super::{Closing, Date, Document, DueRule, Extension, Holidays, LogEntry, Reply};

/// A letter sent to a city, with the deadline it set and what came back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "LetterFile")]
pub struct Letter {
    /// A stable id such as `baltimore-2017-08-03`: unique, never reused.
    pub id: String,
    /// The id of the city the letter concerns.
    pub city: String,
    /// Who sent it.
    pub from: String,
    /// Who it was addressed to.
    pub to: String,
    /// What it is about.
    pub subject: String,
    /// The program it concerns, if any.
    #[serde(default)]
    pub program: Option<String>,
    /// The date it was sent.
    pub sent: Date,
    /// The date the addressee received it, on or after `sent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Date>,
    /// The deadline it set, before any extension.
    #[serde(default)]
    pub due: Option<Date>,
    /// The rule the due date is computed by, if it has one: then `due` is
    /// derived from it through the docket's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_rule: Option<DueRule>,
    /// Who handles it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The id of the matter grouping letters sent together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<String>,
    /// What the letter demands, one item each.
    #[serde(default)]
    pub demands: Vec<String>,
    /// A summary of the letter.
    #[serde(default)]
    pub summary: String,
    /// A URL or citation for the letter.
    #[serde(default)]
    pub source: Option<String>,
    /// Free-form tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Privileged notes: never in an export unless asked for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub private_notes: String,
    /// Documents: the letter itself, replies, attachments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Replies received, in any order (views sort them by date).
    #[serde(default)]
    pub replies: Vec<Reply>,
    /// Deadline extensions granted.
    #[serde(default)]
    pub extensions: Vec<Extension>,
    /// Each closing of the matter, with its reopening if there was one.
    #[serde(default)]
    pub closings: Vec<Closing>,
    /// Who changed what and when, oldest first; only ever appended to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<LogEntry>,
    /// Ids of deleted replies, extensions and closings, never given again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired_ids: Vec<String>,
}

/// A letter as the file holds it, version 1's `closed` included.
#[derive(Deserialize)]
#[serde(rename = "Letter", deny_unknown_fields)]
struct LetterFile {
    /// A stable id such as `baltimore-2017-08-03`: unique, never reused.
    id: String,
    /// The id of the city the letter concerns.
    city: String,
    /// Who sent it.
    from: String,
    /// Who it was addressed to.
    to: String,
    /// What it is about.
    subject: String,
    /// The program it concerns, if any.
    #[serde(default)]
    program: Option<String>,
    /// The date it was sent.
    sent: Date,
    /// The date the addressee received it, on or after `sent`.
    #[serde(default)]
    received: Option<Date>,
    /// The deadline it set, before any extension.
    #[serde(default)]
    due: Option<Date>,
    /// The rule the due date is computed by, if it has one: then `due` is
    /// derived from it through the docket's calendar.
    #[serde(default)]
    due_rule: Option<DueRule>,
    /// Who handles it.
    #[serde(default)]
    owner: Option<String>,
    /// The id of the matter grouping letters sent together.
    #[serde(default)]
    matter: Option<String>,
    /// What the letter demands, one item each.
    #[serde(default)]
    demands: Vec<String>,
    /// A summary of the letter.
    #[serde(default)]
    summary: String,
    /// A URL or citation for the letter.
    #[serde(default)]
    source: Option<String>,
    /// Free-form tags.
    #[serde(default)]
    tags: Vec<String>,
    /// Privileged notes: never in an export unless asked for.
    #[serde(default)]
    private_notes: String,
    /// Documents: the letter itself, replies, attachments.
    #[serde(default)]
    documents: Vec<Document>,
    /// Replies received, in any order (views sort them by date).
    #[serde(default)]
    replies: Vec<Reply>,
    /// Deadline extensions granted.
    #[serde(default)]
    extensions: Vec<Extension>,
    /// Each closing of the matter, with its reopening if there was one.
    #[serde(default)]
    closings: Vec<Closing>,
    /// Who changed what and when, oldest first; only ever appended to.
    #[serde(default)]
    log: Vec<LogEntry>,
    /// Version 1's single closing, read into `closings`.
    #[serde(default)]
    closed: Option<Closing>,
    /// Ids of deleted replies, extensions and closings, never given again.
    #[serde(default)]
    retired_ids: Vec<String>,
}

impl From<LetterFile> for Letter {
    fn from(file: LetterFile) -> Self {
        let mut closings = file.closings;
        closings.extend(file.closed);
        Letter {
            id: file.id,
            city: file.city,
            from: file.from,
            to: file.to,
            subject: file.subject,
            program: file.program,
            sent: file.sent,
            received: file.received,
            due: file.due,
            due_rule: file.due_rule,
            owner: file.owner,
            matter: file.matter,
            demands: file.demands,
            summary: file.summary,
            source: file.source,
            tags: file.tags,
            private_notes: file.private_notes,
            documents: file.documents,
            log: file.log,
            replies: file.replies,
            extensions: file.extensions,
            retired_ids: file.retired_ids,
            closings,
        }
    }
}

impl Letter {
    /// A letter to `city` sent on `sent`, with every other field empty (and
    /// no id yet: adding it to a docket gives it one).
    pub fn new(city: impl Into<String>, sent: Date) -> Self {
        Letter {
            id: String::new(),
            city: city.into(),
            from: String::new(),
            to: String::new(),
            subject: String::new(),
            program: None,
            sent,
            received: None,
            due: None,
            due_rule: None,
            owner: None,
            matter: None,
            demands: Vec::new(),
            summary: String::new(),
            source: None,
            tags: Vec::new(),
            private_notes: String::new(),
            documents: Vec::new(),
            log: Vec::new(),
            replies: Vec::new(),
            extensions: Vec::new(),
            closings: Vec::new(),
            retired_ids: Vec::new(),
        }
    }

    /// Whether the letter exists yet as of `as_of`.
    pub fn is_sent(&self, as_of: Date) -> bool {
        self.sent <= as_of
    }

    /// The replies received on or before `as_of`, in date order.
    pub fn replies_as_of(&self, as_of: Date) -> Vec<&Reply> {
        let mut replies: Vec<&Reply> = self.replies.iter().filter(|r| r.on <= as_of).collect();
        replies.sort_by_key(|r| r.on);
        replies
    }

    /// The extensions granted on or before `as_of`, in the order granted.
    pub fn extensions_as_of(&self, as_of: Date) -> Vec<&Extension> {
        let mut extensions: Vec<&Extension> = self
            .extensions
            .iter()
            .filter(|e| e.granted_on <= as_of)
            .collect();
        extensions.sort_by_key(|e| e.granted_on);
        extensions
    }

    /// The deadline in force as of `as_of`: the new due date of the latest
    /// extension granted on or before it, else the original due date.
    pub fn effective_due(&self, as_of: Date) -> Option<Date> {
        effective_due_of(self.due, &self.extensions, as_of, |e| {
            (e.granted_on, e.new_due)
        })
    }

    /// The first reply on or before `as_of` that answers the letter.
    pub fn first_answer(&self, as_of: Date) -> Option<&Reply> {
        self.earliest_answer().filter(|r| r.on <= as_of)
    }

    /// The earliest reply that answers the letter, whenever it came: the
    /// first answer as of its date and of every date after.
    pub fn earliest_answer(&self) -> Option<&Reply> {
        (self.replies.iter())
            .filter(|r| r.kind.answers())
            .min_by_key(|r| r.on)
    }

    /// The closing in force as of `as_of`: made on or before it and not
    /// reopened by then (the latest, should two overlap).
    pub fn closed_as_of(&self, as_of: Date) -> Option<&Closing> {
        (self.closings.iter())
            .filter(|c| c.in_force(as_of))
            .max_by_key(|c| c.on)
    }

    /// The closing in force whatever the date: the latest not reopened.
    pub fn open_closing(&self) -> Option<&Closing> {
        (self.closings.iter())
            .filter(|c| c.reopened_on.is_none())
            .max_by_key(|c| c.on)
    }

    /// The ids of the replies, extensions and closings made on or before
    /// `as_of`, in the order the letter pane shows them: replies by date,
    /// then extensions, then closings.
    pub fn thread_as_of(&self, as_of: Date) -> Vec<&str> {
        let replies = self.replies_as_of(as_of).into_iter().map(|r| r.id.as_str());
        let extensions = (self.extensions_as_of(as_of).into_iter()).map(|e| e.id.as_str());
        let closings = (self.closings_by_date().into_iter())
            .filter(|c| c.on <= as_of)
            .map(|c| c.id.as_str());
        replies.chain(extensions).chain(closings).collect()
    }

    /// The closings, by date.
    pub fn closings_by_date(&self) -> Vec<&Closing> {
        let mut closings: Vec<&Closing> = self.closings.iter().collect();
        closings.sort_by_key(|c| c.on);
        closings
    }

    /// Calendar days from `as_of` to the effective due date; negative when overdue.
    pub fn days_left(&self, as_of: Date) -> Option<i64> {
        self.effective_due(as_of)
            .map(|due| (due - as_of).num_days())
    }

    /// Business days left to the effective due date on the calendar of
    /// `holidays`: the business days `d` with `as_of < d <= due`, or, when
    /// overdue, minus those with `due < d <= as_of`.
    pub fn business_days_left(&self, as_of: Date, holidays: &Holidays) -> Option<i64> {
        (self.effective_due(as_of)).map(|due| holidays.business_days_left(as_of, due))
    }

    /// Whether `needle` (already folded by [`super::text::fold`]) occurs in
    /// any of the letter's [`texts`](Letter::texts), folded.
    pub fn mentions(&self, needle: &str) -> bool {
        self.texts().any(|text| contains_folded(text, needle))
    }

    /// Every text of the letter the filter searches: subject, parties, id,
    /// summary, program, source, demands, tags, each reply's sender, summary
    /// and source, each extension's note and each closing's outcome.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [&self.subject, &self.from, &self.to, &self.summary, &self.id]
            .into_iter()
            .chain(self.program.as_ref())
            .chain(self.source.as_ref())
            .chain(self.demands.iter())
            .chain(self.tags.iter())
            .chain(self.replies.iter().flat_map(|r| [&r.from, &r.summary]))
            .chain(self.replies.iter().filter_map(|r| r.source.as_ref()))
            .chain(self.extensions.iter().map(|e| &e.note))
            .chain(self.closings.iter().map(|c| &c.outcome))
            .map(String::as_str)
    }
}

/// The deadline in force as of `as_of`: the new due date of the latest
/// extension granted on or before it (of two granted the same day, the one
/// listed later), else `due`. `dates` reads an extension's
/// `(granted_on, new_due)`, as dates or as day numbers.
pub fn effective_due_of<E, D: Ord + Copy>(
    due: Option<D>,
    extensions: &[E],
    as_of: D,
    dates: impl Fn(&E) -> (D, D),
) -> Option<D> {
    (extensions.iter())
        .filter(|e| dates(e).0 <= as_of)
        // max_by_key keeps the last of equals: the later entry wins a tie.
        .max_by_key(|e| dates(e).0)
        .map(|e| dates(e).1)
        .or(due)
}

/// Whether `needle` (already folded by [`super::text::fold`]) occurs in
/// `haystack` folded.
pub(crate) fn contains_folded(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || if haystack.is_ascii() && needle.is_ascii() {
            haystack
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        } else {
            super::text::fold(haystack).contains(needle)
        }
}
