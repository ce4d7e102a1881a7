//! A docket file as a person editing it by hand might leave it: the same
//! records with other whitespace and comments between the tokens, fields
//! in another order or left out, struct names dropped, trailing commas
//! dropped, strings escaped otherwise or raw, numbers with leading zeros,
//! and `Some(..)` left out under `#![enable(implicit_some)]`.
//!
//! The text is read into a tree of tokens (the layout docket writes, or
//! any RON of the same shapes), then written back with random choices.

/// A small, fast, deterministic random number generator (`SplitMix64`).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True once in `n`.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// A RON value of the shapes a docket file holds.
#[derive(Debug, Clone)]
pub enum Node {
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Struct(Option<String>, Vec<(String, Node)>),
    List(Vec<Node>),
    Some(Box<Node>),
    /// A string (as written, quoted), an identifier or a number.
    Atom(String),
}

/// Reads RON text of the shapes a docket file holds into a tree.
pub fn tree(text: &str) -> Node {
    let tokens = tokens(text);
    let mut at = 0;
    let node = value(&tokens, &mut at);
    assert_eq!(at, tokens.len(), "the text is one value");
    node
}

fn tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '"' => {
                let mut end = start + 1;
                let mut escaped = false;
                for (i, c) in chars.by_ref() {
                    end = i + c.len_utf8();
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => break,
                        _ => escaped = false,
                    }
                }
                tokens.push(text[start..end].to_owned());
            }
            '(' | ')' | '[' | ']' | ',' | ':' => tokens.push(c.to_string()),
            _ => {
                let mut end = start + c.len_utf8();
                while let Some(&(i, c)) = chars.peek() {
                    if !(c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '.')) {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                tokens.push(text[start..end].to_owned());
            }
        }
    }
    tokens
}

fn value(tokens: &[String], at: &mut usize) -> Node {
    let token = tokens[*at].as_str();
    *at += 1;
    let opens = tokens.get(*at).is_some_and(|t| t == "(");
    match token {
        "(" => fields(None, tokens, at),
        "[" => {
            let mut items = Vec::new();
            while tokens[*at] != "]" {
                items.push(value(tokens, at));
                if tokens[*at] == "," {
                    *at += 1;
                }
            }
            *at += 1;
            Node::List(items)
        }
        "Some" if opens => {
            *at += 1;
            let inner = value(tokens, at);
            if tokens[*at] == "," {
                *at += 1;
            }
            assert_eq!(tokens[*at], ")");
            *at += 1;
            Node::Some(Box::new(inner))
        }
        name if opens => {
            *at += 1;
            fields(Some(name.to_owned()), tokens, at)
        }
        atom => Node::Atom(atom.to_owned()),
    }
}

fn fields(name: Option<String>, tokens: &[String], at: &mut usize) -> Node {
    let mut fields = Vec::new();
    while tokens[*at] != ")" {
        let field = tokens[*at].clone();
        assert_eq!(tokens[*at + 1], ":");
        *at += 2;
        fields.push((field, value(tokens, at)));
        if tokens[*at] == "," {
            *at += 1;
        }
    }
    *at += 1;
    Node::Struct(name, fields)
}

/// What may come between two tokens.
const SEPARATORS: &[&str] = &[
    "",
    " ",
    "\n",
    "\t",
    "\r\n",
    "\n        ",
    "\x0b\x0c",
    "\u{85}",
    "\u{200e}\u{200f}",
    "\u{2028}\u{2029}",
    "// a note ( ] \" */ é\n",
    "/* a /* nested */ note */",
    "/**/",
    "/*/ */",
    "/*\n  Letter(\n*/",
];

/// How the edited file is written: which liberties it takes.
pub struct Edit {
    pub rng: Rng,
    /// Under `#![enable(implicit_some)]`, with some `Some(..)` left out.
    pub implicit_some: bool,
    /// One field in `drop_one_in` left out (0: none).
    pub drop_one_in: u64,
}

impl Edit {
    /// The whole file, `tree` written with random liberties.
    pub fn file(&mut self, tree: &Node) -> String {
        let mut out = String::new();
        self.gap(&mut out);
        if self.implicit_some {
            out.push_str(if self.rng.one_in(2) {
                "#![enable(implicit_some)]"
            } else {
                "# ! [ enable ( implicit_some , ) ]\n"
            });
            self.gap(&mut out);
        }
        self.node(&mut out, tree);
        self.gap(&mut out);
        out
    }

    fn gap(&mut self, out: &mut String) {
        if !self.rng.one_in(3) {
            let separator: &&str = self.rng.pick(SEPARATORS);
            out.push_str(separator);
        }
    }

    fn token(&mut self, out: &mut String, token: &str) {
        self.gap(out);
        out.push_str(token);
    }

    fn node(&mut self, out: &mut String, node: &Node) {
        match node {
            Node::Struct(name, fields) => self.fields(out, name.as_deref(), fields),
            Node::List(items) => {
                self.token(out, "[");
                for (i, item) in items.iter().enumerate() {
                    self.node(out, item);
                    if i + 1 < items.len() || self.rng.one_in(2) {
                        self.token(out, ",");
                    }
                }
                self.token(out, "]");
            }
            Node::Some(inner) if self.implicit_some && self.rng.one_in(2) => {
                self.node(out, inner);
            }
            Node::Some(inner) => {
                self.token(out, "Some");
                self.token(out, "(");
                self.node(out, inner);
                if self.rng.one_in(4) {
                    self.token(out, ",");
                }
                self.token(out, ")");
            }
            Node::Atom(atom) => {
                self.gap(out);
                self.atom(out, atom);
            }
        }
    }

    fn fields(&mut self, out: &mut String, name: Option<&str>, fields: &[(String, Node)]) {
        if let Some(name) = name.filter(|_| !self.rng.one_in(3)) {
            self.token(out, name);
        }
        self.token(out, "(");
        let mut order: Vec<&(String, Node)> = fields
            .iter()
            .filter(|_| self.drop_one_in == 0 || !self.rng.one_in(self.drop_one_in))
            .collect();
        if self.rng.one_in(2) {
            for i in (1..order.len()).rev() {
                order.swap(i, (self.rng.next() % (i as u64 + 1)) as usize);
            }
        }
        for (i, (field, value)) in order.iter().enumerate() {
            self.token(out, field);
            self.token(out, ":");
            self.node(out, value);
            if i + 1 < order.len() || self.rng.one_in(2) {
                self.token(out, ",");
            }
        }
        self.token(out, ")");
    }

    fn atom(&mut self, out: &mut String, atom: &str) {
        if atom.starts_with('"') {
            let text: String = ron::from_str(atom).expect("a string the writer wrote");
            self.string(out, &text);
        } else if atom.bytes().all(|b| b.is_ascii_digit()) && self.rng.one_in(4) {
            out.push_str("00");
            out.push_str(atom);
        } else {
            out.push_str(atom);
        }
    }

    /// `text` as a string literal: raw, or quoted with each character as
    /// it is or escaped one of the ways RON allows, lines continued.
    fn string(&mut self, out: &mut String, text: &str) {
        if self.rng.one_in(3) {
            let mut hashes = String::new();
            while text.contains(&format!("\"{hashes}")) {
                hashes.push('#');
            }
            out.push_str(&format!("r{hashes}\"{text}\"{hashes}"));
            return;
        }
        out.push('"');
        for c in text.chars() {
            match self.rng.next() % 8 {
                0 => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
                1 if c.is_ascii() => out.push_str(&format!("\\x{:02X}", u32::from(c))),
                2 => out.extend(c.escape_debug()),
                3 if !c.is_whitespace() => {
                    out.push_str("\\\n \t ");
                    out.extend(c.escape_debug());
                }
                _ if matches!(c, '"' | '\\') => out.extend(c.escape_default()),
                _ => out.push(c),
            }
        }
        out.push('"');
    }
}
