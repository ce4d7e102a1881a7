//! The layering of `src/`, as ARCHITECTURE.md draws it, checked on the
//! source text: each layer names only the layers below it, the terminal
//! crates stay in the interface, and only the entry point reads the clock.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

use std::path::{Path, PathBuf};

/// Each layer (a folder or a file under `src/`) and the top-level modules
/// of the crate it may name with `crate::`.
const LAYERS: &[(&str, &[&str])] = &[
    ("model/", &["model"]),
    ("background.rs", &[]),
    ("index/", &["index", "model", "background"]),
    ("story/", &["story", "model"]),
    ("store/", &["store", "model"]),
    ("csv_layout.rs", &[]),
    ("text_safety.rs", &[]),
    (
        "export/",
        &[
            "export",
            "model",
            "index",
            "story",
            "csv_layout",
            "text_safety",
        ],
    ),
    ("import/", &["import", "model", "csv_layout"]),
    ("merge/", &["merge", "model"]),
    ("clock.rs", &["model"]),
    ("error.rs", &["store"]),
    (
        "tui/",
        &[
            "tui",
            "model",
            "index",
            "story",
            "store",
            "clock",
            "error",
            "export",
            "merge",
            "background",
        ],
    ),
];

/// Text that reads the wall clock: only `main.rs` may hold it.
const CLOCK_READS: &[&str] = &["Local::now", "chrono::Local", "SystemTime::now", "Utc::now"];

/// The terminal crates: only the interface may use them.
const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm", "tui_input"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its path relative to `src/`.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(src()).unwrap();
            let relative = relative.to_string_lossy().replace('\\', "/");
            files.push((relative, std::fs::read_to_string(&path).unwrap()));
        }
    }
    files
}

/// The code of a file without its comments (doc comments name other
/// layers freely).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file names with `crate::`, and `{a, b}` groups
/// such as `crate::{model, store}`.
fn named_modules(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(group.split(',').map(|n| module_of(n.trim())));
        } else {
            names.push(module_of(rest));
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// Whether code names the `ui` module (`ui::`, not `tui::`).
fn names_ui(code: &str) -> bool {
    code.match_indices("ui::").any(|(at, _)| {
        let before = code[..at].chars().next_back();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn module_of(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let mut wrong = Vec::new();
    for (file, text) in sources(&src()) {
        let Some((layer, allowed)) = LAYERS.iter().find(|(l, _)| file.starts_with(l)) else {
            continue;
        };
        let code = code(&text);
        for module in named_modules(&code) {
            if !allowed.contains(&module.as_str()) {
                wrong.push(format!("src/{file} ({layer}) names crate::{module}"));
            }
        }
        // A layer in a folder reaches out only through `crate::`.
        if layer.ends_with('/') && file.matches('/').count() == 1 && code.contains("super::super") {
            wrong.push(format!(
                "src/{file} reaches above its layer with super::super"
            ));
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn only_the_entry_point_reads_the_clock() {
    let readers: Vec<String> = sources(&src())
        .into_iter()
        .filter(|(file, text)| {
            file != "main.rs" && CLOCK_READS.iter().any(|read| code(text).contains(read))
        })
        .map(|(file, _)| format!("src/{file}"))
        .collect();
    assert!(readers.is_empty(), "these read the clock: {readers:?}");
}

#[test]
fn only_the_interface_uses_the_terminal() {
    let users: Vec<String> = sources(&src())
        .into_iter()
        .filter(|(file, text)| {
            !file.starts_with("tui/")
                && TERMINAL_CRATES
                    .iter()
                    .any(|c| code(text).contains(&format!("{c}::")))
        })
        .map(|(file, _)| format!("src/{file}"))
        .collect();
    assert!(users.is_empty(), "terminal crates outside tui/: {users:?}");
}

#[test]
fn the_interfaces_state_never_reaches_into_its_drawing() {
    let reaching: Vec<String> = sources(&src())
        .into_iter()
        .filter(|(file, text)| file.starts_with("tui/app/") && names_ui(&code(text)))
        .map(|(file, _)| format!("src/{file}"))
        .collect();
    assert!(
        reaching.is_empty(),
        "state importing from tui/ui: {reaching:?}"
    );
}

#[test]
fn the_checks_see_a_forbidden_name() {
    let code =
        code("use crate::{model, cli::Error};\n// crate::tui in a comment\nx(crate::store::load)");
    assert_eq!(named_modules(&code), ["model", "cli", "store"]);
    assert!(names_ui("use super::super::ui::plural;"));
    assert!(!names_ui("use crate::tui::form::Form;"));
}
