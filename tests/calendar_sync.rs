//! Calendars stay in sync with the ICS export: an export, then a reply
//! recorded, then a second export, both read by Python's `icalendar` (and
//! the second imported by calcurse): the answered letter keeps its `UID`,
//! now `STATUS:CANCELLED` with a higher `SEQUENCE`; the reminders follow the
//! docket's `reminders` setting.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use support::cli::{docket, ok};
use support::files::{data_file, sample_file};
use support::skip::skip_or_fail;

/// Reads an ICS file with `icalendar` and prints, for each event, its UID,
/// STATUS, SEQUENCE and its alarms' triggers in days.
const READ: &str = r"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = {}
for event in cal.walk('VEVENT'):
    alarms = [int(a.get('TRIGGER').dt.days) for a in event.walk('VALARM')]
    out[str(event.get('UID'))] = {
        'status': str(event.get('STATUS')),
        'sequence': int(event.get('SEQUENCE')),
        'start': event.get('DTSTART').dt.isoformat(),
        'alarms': alarms,
    }
print(json.dumps(out))
";

/// One event as `icalendar` read it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
struct Event {
    status: String,
    sequence: u32,
    start: String,
    alarms: Vec<i64>,
}

/// The events of an ICS text, by UID, as Python's `icalendar` reads them;
/// `None` where `icalendar` is missing (the test skips; under CI it fails:
/// .ci/run installs it).
fn read_with_icalendar(ics: &str, dir: &Path, name: &str) -> Option<BTreeMap<String, Event>> {
    let has = Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !has {
        skip_or_fail(
            "Python's icalendar is not installed (python3 -m pip install icalendar), so the \
             ICS file cannot be checked by it",
        );
        return None;
    }
    let file = dir.join(name);
    std::fs::write(&file, ics).unwrap();
    let out = Command::new("python3")
        .args(["-c", READ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "icalendar refused {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn export(file: &Path, as_of: &str) -> String {
    ok(&docket(
        file,
        &["export", "--format", "ics", "--as-of", as_of],
    ))
}

#[test]
fn an_answered_letter_keeps_its_uid_cancelled_with_a_higher_sequence() {
    let (dir, file) = sample_file();
    let first = export(&file, "2017-08-10");
    ok(&docket(
        &file,
        &[
            "add",
            "reply",
            "baltimore-2017-08-03",
            "--on",
            "2017-08-15",
            "--from",
            "BPD",
            "--kind",
            "complies",
        ],
    ));
    let second = export(&file, "2017-08-16");
    let Some(before) = read_with_icalendar(&first, dir.path(), "first.ics") else {
        return;
    };
    let after = read_with_icalendar(&second, dir.path(), "second.ics").unwrap();
    let uids: Vec<&String> = before.keys().collect();
    assert_eq!(uids, after.keys().collect::<Vec<_>>(), "the same events");
    assert_eq!(uids.len(), 4);
    let id = "baltimore-2017-08-03@docket";
    assert_eq!(before[id].status, "CONFIRMED");
    assert_eq!(after[id].status, "CANCELLED");
    assert!(after[id].sequence > before[id].sequence, "{after:?}");
    assert_eq!(after[id].start, "2017-08-18");
    assert!(
        after[id].alarms.is_empty(),
        "a cancelled deadline reminds no one"
    );
    // The letters not answered are as they were.
    for (uid, event) in &before {
        if uid != id {
            assert_eq!(after[uid], *event, "{uid}");
            assert_eq!(event.alarms, [-3], "the default reminder, 3 days before");
        }
    }
    // A calendar program takes the second file whole, cancelled event and all.
    if let Some(program) = calcurse() {
        let out = Command::new(program)
            .arg("-D")
            .arg(dir.path().join("calcurse"))
            .arg("-i")
            .arg(dir.path().join("second.ics"))
            .env("HOME", dir.path())
            .env("TMPDIR", dir.path())
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && report.contains(" 0 skipped"),
            "calcurse refused some of the file:\n{report}"
        );
    }
}

#[test]
fn the_same_docket_gives_the_same_calendar_and_each_change_raises_the_sequence() {
    let (_dir, file) = sample_file();
    let id = "stockton-2017-08-03";
    let sequence = |ics: &str| -> u32 {
        let ics = ics.replace("\r\n ", "");
        let event = &ics[ics.find(&format!("UID:{id}@docket")).unwrap()..];
        let line = event.lines().find(|l| l.starts_with("SEQUENCE:")).unwrap();
        line["SEQUENCE:".len()..].trim().parse().unwrap()
    };
    let as_of = "2017-09-30";
    let mut last = sequence(&export(&file, as_of));
    assert_eq!(export(&file, as_of), export(&file, as_of));
    let changes: [&[&str]; 4] = [
        &[
            "add",
            "extension",
            id,
            "--granted-on",
            "2017-08-17",
            "--due",
            "2017-09-01",
        ],
        &[
            "add",
            "reply",
            id,
            "--on",
            "2017-08-30",
            "--from",
            "SPD",
            "--kind",
            "refuses",
        ],
        &["close", id, "--on", "2017-09-05", "--outcome", "refused"],
        &["reopen", id, "--on", "2017-09-10"],
    ];
    for change in changes {
        ok(&docket(&file, change));
        let next = sequence(&export(&file, as_of));
        assert!(next > last, "{change:?}: {next} after {last}");
        last = next;
    }
}

#[test]
fn reminders_follow_the_docket_s_setting() {
    let mut docket = docket::store::sample();
    docket.settings.reminders = vec![7, 1];
    let (dir, file) = data_file(&docket::store::to_ron(&docket));
    let ics = export(&file, "2017-08-10");
    let Some(events) = read_with_icalendar(&ics, dir.path(), "reminders.ics") else {
        return;
    };
    assert_eq!(events.len(), 4);
    for event in events.values() {
        assert_eq!(event.alarms, [-7, -1]);
    }
}

/// calcurse, or `None` where it is missing (under CI the test fails).
fn calcurse() -> Option<&'static str> {
    if Command::new("calcurse").arg("--version").output().is_ok() {
        return Some("calcurse");
    }
    skip_or_fail("calcurse is not installed (apt-get install calcurse)");
    None
}
