//! Days off from an iCalendar file, as state governments and courts publish
//! them: all-day events, once or yearly (`RRULE:FREQ=YEARLY` with `BYMONTH`
//! and `BYMONTHDAY`, or `BYMONTH` and `BYDAY` such as `3MO` or `-1MO`).
//! Anything else is refused with its line, so nothing is half-read.

use chrono::{Datelike, Weekday};

use crate::model::{Date, Holiday, calendar};

/// What is wrong with the file, at its (1-based, unfolded) line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsError {
    /// The line where the property or event at fault starts.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for IcsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The days off the file's all-day events give through the end of year
/// `through` (yearly ones from their first date), in date order.
pub fn holidays_from_ics(text: &str, through: i32) -> Result<Vec<Holiday>, IcsError> {
    let mut days = Vec::new();
    let mut event: Option<Event> = None;
    for (line, content) in &unfolded(text) {
        let line = *line;
        let fail = |message: String| IcsError { line, message };
        let (name, params, value) = split_property(content)
            .ok_or_else(|| fail(format!("{content:?} is not an iCalendar property")))?;
        match (name.as_str(), value.trim()) {
            ("BEGIN", v) if v.eq_ignore_ascii_case("VEVENT") => {
                event = Some(Event {
                    line,
                    ..Event::default()
                });
            }
            ("END", v) if v.eq_ignore_ascii_case("VEVENT") => {
                let done = event
                    .take()
                    .ok_or_else(|| fail("END:VEVENT without BEGIN".into()))?;
                days.extend(done.days(through)?);
            }
            _ => {
                if let Some(event) = &mut event {
                    event.read(&name, params, value).map_err(fail)?;
                }
            }
        }
    }
    if let Some(open) = event {
        return Err(IcsError {
            line: open.line,
            message: "an event without END:VEVENT".into(),
        });
    }
    days.sort_by(|a: &Holiday, b| (a.on, &a.name).cmp(&(b.on, &b.name)));
    days.dedup_by(|a, b| a.on == b.on);
    Ok(days)
}

/// The lines of the file with continuation lines joined, each with the
/// number of its first line; blank lines left out.
fn unfolded(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (at, raw) in text.lines().enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some((_, last))) => last.push_str(rest),
            _ if raw.trim().is_empty() => {}
            _ => lines.push((at + 1, raw.to_owned())),
        }
    }
    lines
}

/// `NAME;PARAM=X:value` as the upper-case name, the parameters and the value.
fn split_property(line: &str) -> Option<(String, &str, &str)> {
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(at, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        (c == ':' && !quoted).then_some(at)
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let (name, params) = head.split_once(';').unwrap_or((head, ""));
    if name.is_empty() {
        return None;
    }
    Some((name.trim().to_ascii_uppercase(), params, value))
}

#[derive(Debug, Default)]
struct Event {
    line: usize,
    start: Option<Date>,
    end: Option<Date>,
    summary: Option<String>,
    rule: Option<(Yearly, Limit)>,
    except: Vec<Date>,
}

/// Where a yearly rule stops: after `COUNT` days, or on `UNTIL`.
#[derive(Debug, Clone, Copy, Default)]
struct Limit {
    count: Option<usize>,
    until: Option<Date>,
}

/// A yearly rule: a fixed day of a month, or the nth weekday of a month.
#[derive(Debug, Clone, Copy)]
enum Yearly {
    /// `BYMONTH` and `BYMONTHDAY`, or neither (the start's month and day).
    OnDay { month: u32, day: u32 },
    /// `BYMONTH` and `BYDAY=3MO` (or `-1MO`, the last).
    Nth { month: u32, weekday: Weekday, n: i8 },
}

impl Event {
    fn read(&mut self, name: &str, params: &str, value: &str) -> Result<(), String> {
        match name {
            "DTSTART" => self.start = Some(all_day(params, value, "DTSTART")?),
            "DTEND" => self.end = Some(all_day(params, value, "DTEND")?),
            "SUMMARY" => self.summary = Some(unescape(value)),
            "RRULE" => self.rule = Some(parse_rule(value)?),
            "EXDATE" => {
                for part in value.split(',') {
                    self.except.push(all_day(params, part, "EXDATE")?);
                }
            }
            "DURATION" if !value.eq_ignore_ascii_case("P1D") => {
                return Err(format!(
                    "DURATION:{value}: only one-day events (P1D) are read"
                ));
            }
            "RDATE" => return Err("RDATE is not read: list each day as an event of its own".into()),
            _ => {}
        }
        Ok(())
    }

    /// The days the event is off, through the end of year `through`.
    fn days(self, through: i32) -> Result<Vec<Holiday>, IcsError> {
        let fail = |message: String| IcsError {
            line: self.line,
            message,
        };
        let start = self
            .start
            .ok_or_else(|| fail("an event without DTSTART".into()))?;
        let name = (self.summary.clone())
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| fail(format!("the event on {start} has no SUMMARY to name it")))?;
        let span = self.end.map_or(1, |end| (end - start).num_days());
        if span < 1 {
            return Err(fail(format!("the event on {start} ends before it starts")));
        }
        let dates: Vec<Date> = match self.rule {
            None => (0..span)
                .filter_map(|n| calendar::add_days(start, n))
                .collect(),
            Some(_) if span > 1 => {
                return Err(fail(format!(
                    "the yearly event on {start} lasts {span} days: only one-day yearly events are read"
                )));
            }
            Some((rule, limit)) => (start.year()..=through)
                .filter_map(|year| rule.on(year, start))
                .filter(|d| *d >= start)
                .take_while(|d| limit.until.is_none_or(|until| *d <= until))
                .take(limit.count.unwrap_or(usize::MAX))
                .collect(),
        };
        Ok(dates
            .into_iter()
            .filter(|d| !self.except.contains(d) && calendar::in_range(*d))
            .map(|on| Holiday {
                on,
                name: name.clone(),
            })
            .collect())
    }
}

impl Yearly {
    /// The day the rule gives in `year`.
    fn on(self, year: i32, start: Date) -> Option<Date> {
        match self {
            Yearly::OnDay { month: 0, day: 0 } => {
                Date::from_ymd_opt(year, start.month(), start.day())
            }
            Yearly::OnDay { month, day } => Date::from_ymd_opt(year, month, day),
            Yearly::Nth { month, weekday, n } if n > 0 => {
                Date::from_weekday_of_month_opt(year, month, weekday, n.unsigned_abs())
            }
            Yearly::Nth { month, weekday, n } => {
                let next = if month == 12 {
                    Date::from_ymd_opt(year + 1, 1, 1)
                } else {
                    Date::from_ymd_opt(year, month + 1, 1)
                }?;
                let last = next.pred_opt()?;
                let back = (7 + last.weekday().num_days_from_monday()
                    - weekday.num_days_from_monday())
                    % 7;
                let weeks = u64::from(n.unsigned_abs() - 1) * 7;
                let day = last.checked_sub_days(chrono::Days::new(u64::from(back) + weeks))?;
                (day.month() == month).then_some(day)
            }
        }
    }
}

/// An all-day date: `VALUE=DATE` and `YYYYMMDD`.
fn all_day(params: &str, value: &str, name: &str) -> Result<Date, String> {
    let value = value.trim();
    if value.contains('T')
        || (!params.is_empty() && !params.to_ascii_uppercase().contains("VALUE=DATE"))
    {
        return Err(format!(
            "{name}:{value} has a time of day: only all-day events (VALUE=DATE) are read"
        ));
    }
    let date = Date::parse_from_str(value, "%Y%m%d")
        .map_err(|_| format!("{name}:{value} is not a date such as 20260325"))?;
    calendar::check_range(date)
}

/// `FREQ=YEARLY;BYMONTH=1;BYDAY=3MO` and the like.
fn parse_rule(value: &str) -> Result<(Yearly, Limit), String> {
    let (mut yearly, mut month, mut day, mut by_day) = (false, 0_u32, 0_u32, None);
    let mut limit = Limit::default();
    for part in value.split(';') {
        let (key, val) = part.split_once('=').unwrap_or((part, ""));
        let number = || {
            val.parse::<u32>()
                .map_err(|_| format!("RRULE {key}={val} is not read"))
        };
        match key.to_ascii_uppercase().as_str() {
            "FREQ" if val.eq_ignore_ascii_case("YEARLY") => yearly = true,
            "FREQ" => return Err(format!("RRULE:{value}: only FREQ=YEARLY is read")),
            "BYMONTH" => month = number()?,
            "BYMONTHDAY" => day = number()?,
            "BYDAY" => by_day = Some(parse_by_day(val)?),
            "INTERVAL" if val == "1" => {}
            "COUNT" => limit.count = Some(number()? as usize),
            "UNTIL" => {
                let date = val.get(..8).unwrap_or(val);
                limit.until = Some(
                    Date::parse_from_str(date, "%Y%m%d")
                        .map_err(|_| format!("RRULE UNTIL={val} is not a date"))?,
                );
            }
            "WKST" => {}
            _ => {
                return Err(format!(
                    "RRULE:{value}: {part} is not read (yearly rules with BYMONTH and \
                     BYMONTHDAY or BYDAY such as 3MO are)"
                ));
            }
        }
    }
    if !yearly {
        return Err(format!("RRULE:{value}: only FREQ=YEARLY is read"));
    }
    let rule = match (month, day, by_day) {
        (0, 0, None) => Yearly::OnDay { month: 0, day: 0 },
        (1..=12, 1..=31, None) => Yearly::OnDay { month, day },
        (1..=12, 0, Some((weekday, n))) => Yearly::Nth { month, weekday, n },
        _ => {
            return Err(format!(
                "RRULE:{value}: a yearly rule needs BYMONTH with BYMONTHDAY, or BYMONTH with \
                 BYDAY such as 3MO"
            ));
        }
    };
    Ok((rule, limit))
}

/// `3MO`, `-1MO`, `+2TH`.
fn parse_by_day(value: &str) -> Result<(Weekday, i8), String> {
    let bad = || format!("BYDAY={value}: one weekday with its place, such as 3MO or -1MO, is read");
    let split = value.len().checked_sub(2).ok_or_else(bad)?;
    let (n, day) = value.split_at(split);
    let weekday = match day.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return Err(bad()),
    };
    let n: i8 = n.trim_start_matches('+').parse().map_err(|_| bad())?;
    if n == 0 || n.abs() > 5 {
        return Err(bad());
    }
    Ok((weekday, n))
}

/// A TEXT value with its escapes (`\,` `\;` `\n` `\\`) read.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push(' '),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out.trim().to_owned()
}
