//! Fitting the shell: completion scripts run by a real bash, which offers
//! the data file's ids; the zsh and fish scripts; the man page.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;
use std::process::Command;

use support::cli::{docket, ok};
use support::files::sample_file;

/// What bash completes for `words` (the last one being typed), with the
/// script `docket completions bash` printed loaded and docket on the PATH:
/// bash calls the function with the command, the word and the one before.
fn bash_completes(script: &Path, words: &[&str]) -> Vec<String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_docket")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let quoted: Vec<String> = (words.iter())
        .map(|w| format!("'{}'", w.replace('\'', r"'\''")))
        .collect();
    let run = format!(
        "source '{}' && COMP_WORDS=({}) && COMP_CWORD={} && COMP_LINE=\"${{COMP_WORDS[*]}}\" \
         && COMP_POINT=${{#COMP_LINE}} \
         && _docket_ids docket \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\" && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1
    );
    let out = Command::new("bash")
        .args(["--norc", "-c", &run])
        .env("PATH", path)
        .env_remove("DOCKET_FILE")
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (String::from_utf8(out.stdout).unwrap().lines())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_commands_options_and_the_files_ids() {
    let (dir, file) = sample_file();
    let script = dir.path().join("docket.bash");
    std::fs::write(&script, ok(&docket(&file, &["completions", "bash"]))).unwrap();
    let file = file.to_str().unwrap();

    let letters = bash_completes(&script, &["docket", "--file", file, "show", "bal"]);
    assert_eq!(letters, ["baltimore-2017-08-03"]);
    let all = bash_completes(&script, &["docket", "--file", file, "add", "reply", ""]);
    assert_eq!(all.len(), 4, "{all:?}");
    let cities = bash_completes(&script, &["docket", "--file", file, "list", "--city", "s"]);
    assert_eq!(cities, ["san-bernardino", "stockton"]);
    let matters = bash_completes(&script, &["docket", "--file", file, "matter", ""]);
    assert_eq!(matters, ["psp-2017-08-03"]);
    // Elsewhere, clap's completion: commands and options.
    let commands = bash_completes(&script, &["docket", "chro"]);
    assert_eq!(commands, ["chronology"]);
    let options = bash_completes(&script, &["docket", "--file", file, "list", "--st"]);
    assert_eq!(options, ["--status"]);
    // A file that does not load offers no ids, and no error.
    let none = bash_completes(&script, &["docket", "--file", "/nonexistent", "show", ""]);
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn zsh_and_fish_scripts_name_docket_and_its_commands() {
    let (_dir, file) = sample_file();
    let zsh = ok(&docket(&file, &["completions", "zsh"]));
    assert!(zsh.starts_with("#compdef docket"), "{zsh}");
    let fish = ok(&docket(&file, &["completions", "fish"]));
    assert!(fish.contains("complete -c docket"), "{fish}");
    assert!(fish.contains("(docket ids letters 2>/dev/null)"), "{fish}");
    for script in [&zsh, &fish] {
        for command in ["chronology", "holidays", "matter", "sync"] {
            assert!(script.contains(command), "{command}");
        }
        assert!(!script.contains("'ids'"), "the hidden command stays hidden");
    }
}

#[test]
fn the_man_page_lists_every_command() {
    let (_dir, file) = sample_file();
    let page = ok(&docket(&file, &["man"]));
    assert!(
        page.starts_with(".ie") || page.contains(".TH docket"),
        "{page}"
    );
    let help = ok(&docket(&file, &["--help"]));
    let commands: Vec<&str> = (help.lines())
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.strip_prefix("  ").filter(|l| !l.starts_with(' ')))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() > 20, "{commands:?}");
    for command in commands {
        assert!(
            page.contains(&format!("docket\\-{command}")) || page.contains(command),
            "{command} is not in the man page"
        );
    }
}
