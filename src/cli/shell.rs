//! Fitting the shell: completion scripts (`docket completions SHELL`), the
//! man page (`docket man`), and the ids the completions offer (`docket ids`,
//! hidden: the scripts call it).

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Error, print_out};
use crate::store;

/// The shells `docket completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// The ids `docket ids` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IdKind {
    Letters,
    Cities,
    Matters,
}

/// `docket completions SHELL`: clap's script for the commands and options,
/// then (bash and fish) the letter, city and matter ids of the data file.
pub fn completions(shell: CompletionShell) {
    let mut script = Vec::new();
    let generator = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    clap_complete::generate(generator, &mut Cli::command(), "docket", &mut script);
    let mut text = String::from_utf8_lossy(&script).into_owned();
    text.push_str(match shell {
        CompletionShell::Bash => BASH_IDS,
        CompletionShell::Fish => FISH_IDS,
        CompletionShell::Zsh => "",
    });
    print_out(&text);
}

/// `docket man`: the man page, in roff.
pub fn man() -> Result<(), Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|err| Error::data(format!("could not write the man page: {err}")))?;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(&page).and_then(|()| out.flush());
    Ok(())
}

/// `docket ids KIND`: one id a line, for completions. A data file that is
/// missing or does not load lists nothing (a completion says no errors).
pub fn ids(path: &Path, kind: IdKind) {
    let Ok(Some(docket)) = store::load(path) else {
        return;
    };
    let mut ids: Vec<&str> = match kind {
        IdKind::Letters => docket.letters.iter().map(|l| l.id.as_str()).collect(),
        IdKind::Cities => docket.cities.iter().map(|c| c.id.as_str()).collect(),
        IdKind::Matters => (docket.letters.iter())
            .filter_map(|l| l.matter.as_deref())
            .collect(),
    };
    ids.sort_unstable();
    ids.dedup();
    let mut text = ids.join("\n");
    text.push('\n');
    print_out(&text);
}

/// Bash: the ids a word takes where the command line calls for one, else
/// clap's completion. `--file` given on the line is the file read.
const BASH_IDS: &str = r#"
# Letter, city and matter ids from the data file (`docket ids`).
_docket_ids() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local words=() file=() kind="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --file) file=(--file "${COMP_WORDS[i+1]}"); ((i++)) ;;
            --file=*) file=(--file "${COMP_WORDS[i]#--file=}") ;;
            --as-of | --by) ((i++)) ;;
            -*) ;;
            *) words+=("${COMP_WORDS[i]}") ;;
        esac
    done
    case "$prev" in
        --city) kind=cities ;;
        --matter) kind=matters ;;
        -*) ;;
        *)
            case "${#words[@]} ${words[*]}" in
                "1 show" | "1 close" | "1 reopen" | "1 log") kind=letters ;;
                "1 matter") kind=matters ;;
                "2 add reply" | "2 add extension" | "2 edit letter" | "2 edit reply" | \
                    "2 edit extension" | "2 rm letter" | "2 rm reply" | "2 rm extension") kind=letters ;;
                "2 edit city" | "2 rm city") kind=cities ;;
            esac
            ;;
    esac
    if [[ -n "$kind" && "$cur" != -* ]]; then
        COMPREPLY=($(compgen -W "$(docket "${file[@]}" ids "$kind" 2>/dev/null)" -- "$cur"))
        return 0
    fi
    _docket "$@"
}
complete -F _docket_ids -o nosort -o bashdefault -o default docket
"#;

/// Fish: the ids after the commands and options that take them.
const FISH_IDS: &str = r"
# Letter, city and matter ids from the data file (`docket ids`).
complete -c docket -n '__fish_seen_subcommand_from show close reopen log reply extension letter' -f -a '(docket ids letters 2>/dev/null)'
complete -c docket -n '__fish_seen_subcommand_from matter' -f -a '(docket ids matters 2>/dev/null)'
complete -c docket -l city -x -a '(docket ids cities 2>/dev/null)'
complete -c docket -l matter -x -a '(docket ids matters 2>/dev/null)'
";
