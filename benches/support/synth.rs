//! Realistic synthetic dockets for the generator (`examples/gen.rs`), the
//! benchmarks and the writer's tests: deterministic for a seed.
//!
//! A letter is about 1.8 KB of pretty RON: two demands, a summary of about
//! 200 characters, 1.5 replies on average, some extensions and closings, and
//! dates spread over years.

#![allow(dead_code)]

use docket::model::{City, Closing, Date, Docket, Extension, Letter, Reply, ReplyKind, add_days};
use std::sync::Arc;

/// A small, fast, deterministic random number generator (`SplitMix64`).
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const CITIES: [(&str, &str); 40] = [
    ("Albuquerque", "NM"),
    ("Baltimore", "MD"),
    ("San Bernardino", "CA"),
    ("Stockton", "CA"),
    ("Chicago", "IL"),
    ("New Orleans", "LA"),
    ("Philadelphia", "PA"),
    ("Denver", "CO"),
    ("Seattle", "WA"),
    ("Portland", "OR"),
    ("Milwaukee", "WI"),
    ("Memphis", "TN"),
    ("Detroit", "MI"),
    ("Cleveland", "OH"),
    ("Houston", "TX"),
    ("San Antonio", "TX"),
    ("Phoenix", "AZ"),
    ("Tucson", "AZ"),
    ("Las Vegas", "NV"),
    ("Sacramento", "CA"),
    ("Oakland", "CA"),
    ("Fresno", "CA"),
    ("Boston", "MA"),
    ("Providence", "RI"),
    ("Newark", "NJ"),
    ("Buffalo", "NY"),
    ("Pittsburgh", "PA"),
    ("Atlanta", "GA"),
    ("Miami", "FL"),
    ("Tampa", "FL"),
    ("Nashville", "TN"),
    ("Louisville", "KY"),
    ("Indianapolis", "IN"),
    ("Kansas City", "MO"),
    ("St. Louis", "MO"),
    ("Minneapolis", "MN"),
    ("Omaha", "NE"),
    ("Salt Lake City", "UT"),
    ("Boise", "ID"),
    ("Anchorage", "AK"),
];

const SENDERS: [&str; 6] = [
    "U.S. Department of Justice",
    "Office of Justice Programs",
    "U.S. Department of Homeland Security",
    "Bureau of Justice Assistance",
    "Office of the Attorney General",
    "Federal Emergency Management Agency",
];

const RECIPIENTS: [&str; 4] = [
    "Police Department",
    "Office of the Mayor",
    "City Attorney's Office",
    "Sheriff's Office",
];

const PROGRAMS: [&str; 5] = [
    "Public Safety Partnership",
    "Edward Byrne Memorial Justice Assistance Grant",
    "Community Oriented Policing Services",
    "State Criminal Alien Assistance Program",
    "Project Safe Neighborhoods",
];

const TOPICS: [&str; 8] = [
    "proof of cooperation with federal immigration authorities",
    "access to jails for federal immigration agents",
    "notice before releasing inmates wanted on immigration violations",
    "certification of compliance with 8 U.S.C. 1373",
    "records of grant spending for the last fiscal year",
    "a plan to reduce violent crime in the city's hot spots",
    "data sharing on gang and drug trafficking cases",
    "answers to the inspector general's audit findings",
];

const DEMANDS: [&str; 6] = [
    "Give federal immigration authorities access to jails and to the people held there.",
    "Notify federal agents at least 48 hours before releasing inmates wanted on immigration violations.",
    "Certify in writing that no city policy limits communication with federal immigration officers.",
    "Send the records of every grant expense since the start of the last fiscal year.",
    "Name an officer to answer the department's questions within ten business days.",
    "Describe the steps taken since the last review to meet the program's conditions.",
];

const SUMMARY_OPENINGS: [&str; 4] = [
    "The department says the city will not be eligible for the program unless it shows by the deadline that it complies.",
    "The letter follows a review of the city's policies on detainers and releases, and of the conditions of its grants.",
    "Money already awarded may be withheld or taken back if the city does not answer every question by the due date.",
    "The department asks the city to prove that its officers share information with federal agents when asked to.",
];

const SUMMARY_CLOSINGS: [&str; 4] = [
    "Local officials say they were surprised by the demand and are studying it with the county.",
    "The police chief says the trust of immigrant communities, built over years, is at stake.",
    "The city council has asked its lawyers for a written opinion before any answer is sent.",
    "Advocates have promised to challenge any change in the city's policies in federal court.",
];

const REPLY_PARTS: [&str; 6] = [
    "The city answers that its jails already share release dates with federal agents on request, and it names a person to answer any further questions",
    "The police department asks for more time to gather the county jail's records, and it names a person to answer any further questions",
    "The mayor's office disputes the department's reading of the law and the grant's terms, and it names a person to answer any further questions",
    "Counsel for the city refuses to certify compliance and reserves all rights in court, and it names a person to answer any further questions",
    "The city acknowledges receipt and says a full answer will follow, and it names a person to answer any further questions",
    "The sheriff confirms the new notification procedure is in force since last month, and it names a person to answer any further questions",
];

const KINDS: [ReplyKind; 6] = ReplyKind::ALL;

/// A docket of `letters` letters spread over `cities` cities, the same for the same seed.
pub fn docket(letters: usize, cities: usize, seed: u64) -> Docket {
    let mut rng = Rng::new(seed);
    let mut docket = Docket::new();
    docket.cities = (0..cities.max(1)).map(|i| city(i, &mut rng)).collect();
    let start: Date = "2012-01-02".parse().expect("a date");
    let mut ids = std::collections::HashSet::new();
    for i in 0..letters {
        let c = &docket.cities[rng.below(docket.cities.len() as u64) as usize];
        // Spread over about fifteen years, in rough order of index.
        let day = (i as u64 * 5_400 / letters.max(1) as u64) as i64 + rng.below(30) as i64;
        let sent = add_days(start, day).expect("a date in range");
        let mut id = format!("{}-{sent}", c.id);
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{}-{sent}-{n}", c.id);
            n += 1;
        }
        let letter = letter(id, c, sent, &mut rng);
        docket.letters.push(Arc::new(letter));
    }
    docket.normalize();
    docket
}

fn city(i: usize, rng: &mut Rng) -> City {
    let (name, state) = CITIES[i % CITIES.len()];
    let round = i / CITIES.len();
    let name = if round == 0 {
        name.to_owned()
    } else {
        format!("{name} {}", round + 1)
    };
    let id: String = name
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' => Some(c),
            ' ' | '-' => Some('-'),
            _ => None,
        })
        .collect();
    let notes = if rng.chance(60) {
        format!("Expressed interest in the {}.", rng.pick(&PROGRAMS))
    } else {
        String::new()
    };
    City {
        id,
        name,
        state: state.to_owned(),
        notes,
        log: Vec::new(),
    }
}

fn letter(id: String, city: &City, sent: Date, rng: &mut Rng) -> Letter {
    let due = rng.chance(92).then(|| days(sent, 10 + rng.below(50)));
    let program = rng.chance(80).then(|| rng.pick(&PROGRAMS).to_string());
    let subject = match &program {
        Some(p) => format!("{p}: {}", rng.pick(&TOPICS)),
        None => format!("Conditions of federal funds: {}", rng.pick(&TOPICS)),
    };
    let first = rng.below(DEMANDS.len() as u64) as usize;
    let demands = vec![
        DEMANDS[first].to_owned(),
        DEMANDS[(first + 1 + rng.below(4) as usize) % DEMANDS.len()].to_owned(),
    ];
    let summary = format!(
        "{} {}",
        rng.pick(&SUMMARY_OPENINGS),
        rng.pick(&SUMMARY_CLOSINGS)
    );
    let source = rng.chance(80).then(|| {
        format!(
            "Associated Press, \"{} gets a letter from {}\", {}, {sent}",
            city.name,
            rng.pick(&SENDERS),
            city.state
        )
    });
    let replies = replies(city, sent, rng);
    let extensions = extensions(sent, due, rng);
    let closings = (rng.chance(30).then(|| Closing {
        id: "c1".to_owned(),
        on: days(sent, 30 + rng.below(400)),
        outcome: "The department found the answer sufficient and closed the review.".to_owned(),
        reopened_on: None,
    }))
    .into_iter()
    .collect();
    Letter {
        id,
        from: rng.pick(&SENDERS).to_string(),
        to: format!("{} {}", city.name, rng.pick(&RECIPIENTS)),
        subject,
        program,
        due,
        demands,
        summary,
        source,
        tags: tags(rng),
        replies,
        extensions,
        closings,
        ..Letter::new(city.id.clone(), sent)
    }
}

fn replies(city: &City, sent: Date, rng: &mut Rng) -> Vec<Reply> {
    // 0, 1, 2 or 3 replies: 1.5 on average.
    let count = match rng.below(100) {
        0..15 => 0,
        15..50 => 1,
        50..85 => 2,
        _ => 3,
    };
    let mut replies: Vec<Reply> = (0..count)
        .map(|_| Reply {
            id: String::new(),
            on: days(sent, 1 + rng.below(60)),
            from: format!("{} {}", city.name, rng.pick(&RECIPIENTS)),
            kind: *rng.pick(&KINDS),
            summary: format!("{}.", rng.pick(&REPLY_PARTS)),
            source: None,
        })
        .collect();
    replies.sort_by_key(|r| r.on);
    for (n, reply) in replies.iter_mut().enumerate() {
        reply.id = format!("r{}", n + 1);
    }
    replies
}

fn extensions(sent: Date, due: Option<Date>, rng: &mut Rng) -> Vec<Extension> {
    let Some(due) = due else {
        return Vec::new();
    };
    let count = match rng.below(100) {
        0..75 => 0,
        75..95 => 1,
        _ => 2,
    };
    let mut granted_on = days(sent, 5);
    let mut new_due = due;
    (1..=count)
        .map(|n| {
            granted_on = days(granted_on, 1 + rng.below(10));
            new_due = days(new_due, 7 + rng.below(21));
            Extension {
                id: format!("x{n}"),
                granted_on,
                new_due,
                note: "Granted as asked, to gather the county jail's records.".to_owned(),
            }
        })
        .collect()
}

fn tags(rng: &mut Rng) -> Vec<String> {
    const TAGS: [&str; 5] = ["immigration", "grants", "audit", "policing", "sanctuary"];
    let count = 1 + rng.below(2) as usize;
    let first = rng.below(TAGS.len() as u64) as usize;
    (0..count)
        .map(|i| TAGS[(first + i) % TAGS.len()].to_owned())
        .collect()
}

fn days(date: Date, n: u64) -> Date {
    add_days(date, n as i64).expect("a date in range")
}

/// The letters as taskwarrior tasks (its JSON import format): one pending
/// task per letter, with its subject, city as project, date sent, effective
/// due date (as of the last letter), tags, and each reply as an annotation.
pub fn taskwarrior_tasks(docket: &Docket) -> Vec<serde_json::Value> {
    let stamp = |date: Date| date.format("%Y%m%dT120000Z").to_string();
    let as_of = docket.letters.iter().map(|l| l.sent).max();
    let mut rng = Rng::new(0x7a5c);
    (docket.letters.iter())
        .map(|letter| {
            let uuid = format!(
                "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                rng.next() as u32,
                rng.next() as u16,
                rng.next() & 0xfff,
                rng.next() & 0xfff,
                rng.next() & 0xffff_ffff_ffff
            );
            let annotations: Vec<serde_json::Value> = (letter.replies.iter())
                .map(|r| serde_json::json!({"entry": stamp(r.on), "description": r.summary}))
                .collect();
            let mut task = serde_json::json!({
                "uuid": uuid,
                "description": format!("{}: {}", letter.city, letter.subject),
                "status": "pending",
                "entry": stamp(letter.sent),
                "project": letter.city.replace('-', "_"),
                "tags": letter.tags,
                "annotations": annotations,
            });
            if let Some(due) = as_of.and_then(|as_of| letter.effective_due(as_of)) {
                task["due"] = stamp(due).into();
            }
            task
        })
        .collect()
}

/// The tasks of [`taskwarrior_tasks`] as taskwarrior 2.6 stores them after a
/// `task import`: its `pending.data`, one line a task, attributes in name
/// order, dates as epoch seconds, each tag also as `tags_<tag>:"x"`.
/// Written directly, because taskwarrior 2.6's import checks each task
/// against every one before it (most of an hour for 100,000 tasks).
pub fn taskwarrior_pending_data(tasks: &[serde_json::Value]) -> String {
    use std::collections::BTreeMap;
    let epoch = |stamp: &serde_json::Value| {
        let stamp = stamp.as_str().expect("a date stamp");
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
            .expect("a stamp as taskwarrior_tasks writes it")
            .and_utc()
            .timestamp()
    };
    // As taskwarrior writes a string: JSON-escaped, brackets as entities.
    let encode = |text: &str| {
        let json = serde_json::to_string(text).expect("a string");
        json[1..json.len() - 1]
            .replace('[', "&open;")
            .replace(']', "&close;")
    };
    let mut out = String::new();
    for task in tasks {
        let mut fields: BTreeMap<String, String> = BTreeMap::new();
        for name in ["description", "project", "status", "uuid"] {
            let value = task[name].as_str().expect("a string field");
            fields.insert(name.to_owned(), encode(value));
        }
        for name in ["entry", "due"] {
            if let Some(stamp) = task.get(name) {
                fields.insert(name.to_owned(), epoch(stamp).to_string());
            }
        }
        fields.insert("modified".to_owned(), epoch(&task["entry"]).to_string());
        let tags: Vec<&str> = (task["tags"].as_array().into_iter().flatten())
            .filter_map(|t| t.as_str())
            .collect();
        if !tags.is_empty() {
            fields.insert("tags".to_owned(), encode(&tags.join(",")));
            for tag in tags {
                fields.insert(format!("tags_{tag}"), "x".to_owned());
            }
        }
        for note in task["annotations"].as_array().into_iter().flatten() {
            // Two notes of the same second: the later one a second on.
            let mut at = epoch(&note["entry"]);
            while fields.contains_key(&format!("annotation_{at}")) {
                at += 1;
            }
            let text = note["description"].as_str().expect("a note");
            fields.insert(format!("annotation_{at}"), encode(text));
        }
        let line: Vec<String> = (fields.iter())
            .map(|(name, value)| format!("{name}:\"{value}\""))
            .collect();
        out.push('[');
        out.push_str(&line.join(" "));
        out.push_str("]\n");
    }
    out
}
