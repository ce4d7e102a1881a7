//! A letter's documents and private notes in the interface: shown in the
//! letter pane, edited in the letter form, and `o` opening a document with
//! the system's opener (a fake `xdg-open` on the `PATH` records what it was
//! asked to open), with a plain message when there is nothing to open, the
//! file is missing or no opener is installed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use docket::model::{Docket, Document};
use docket::tui::action::Action;
use docket::tui::app::{App, Effect, Pane};
use docket::tui::form::FormKind;
use docket::tui::keymap::{Mode, action_for};
use docket::tui::theme::Theme;
use docket::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::files::data_file;
use support::letters::date;
use support::pty::{TIMEOUT, Tui, keys};

const BALTIMORE: &str = "baltimore-2017-08-03";

fn document(label: &str, target: &str) -> Document {
    Document {
        label: label.to_owned(),
        target: target.to_owned(),
    }
}

/// The sample, Baltimore's letter with these documents and private notes.
fn sample_with(documents: Vec<Document>, notes: &str) -> Docket {
    let mut docket = docket::store::sample();
    let at = docket
        .letters
        .iter()
        .position(|l| l.id == BALTIMORE)
        .unwrap();
    let letter = Arc::make_mut(&mut docket.letters[at]);
    letter.documents = documents;
    notes.clone_into(&mut letter.private_notes);
    docket
}

/// An interface on `docket` as of 2017-08-10, Baltimore's letter selected.
fn app_at_baltimore(docket: Docket) -> App {
    let mut app = App::new(docket, date("2017-08-10"), date("2026-12-02"), Theme::COLOR);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Letters);
    assert_eq!(app.selected_letter().unwrap().id, BALTIMORE);
    app
}

fn press(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = action_for(app.mode(), key) {
        app.update(action);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        if c == '\n' {
            app.update(Action::FormNewline);
        } else {
            press(app, KeyCode::Char(c));
        }
    }
}

/// Moves the open form's focus to the field `key`.
fn focus(app: &mut App, key: &str) {
    let at = (app.form().unwrap().fields.iter())
        .position(|f| f.key == key)
        .unwrap();
    while app.form().unwrap().focus != at {
        app.update(Action::FormNext);
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn the_letter_pane_lists_documents_and_marks_private_notes() {
    let docket = sample_with(
        vec![
            document("Letter (PDF)", "letters/baltimore.pdf"),
            document("AP story", "https://apnews.com/psp"),
        ],
        "Counsel: do not cite the mayor's call.",
    );
    let mut app = app_at_baltimore(docket);
    app.update(Action::NextPane);
    insta::assert_snapshot!("letter_pane_documents_private", screen(&app, 120, 40));
    let text = screen(&app, 120, 40);
    assert!(text.contains("[private: in no export]"));
    assert!(text.contains("- AP story: https://apnews.com/psp"));
}

#[test]
fn o_opens_the_only_document() {
    let only = document("Letter", "letters/baltimore.pdf");
    let mut app = app_at_baltimore(sample_with(vec![only.clone()], ""));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.take_effect(), Some(Effect::Open(only)));
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn o_asks_which_of_several_and_esc_leaves_it() {
    let docs = vec![document("Letter", "a.pdf"), document("Reply", "b.pdf")];
    let mut app = app_at_baltimore(sample_with(docs.clone(), ""));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(
        app.form().unwrap().kind,
        FormKind::OpenDocument(BALTIMORE.to_owned())
    );
    assert_eq!(app.take_effect(), None, "nothing opened before choosing");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
    assert_eq!(app.take_effect(), Some(Effect::Open(docs[1].clone())));
    // Esc closes the chooser without a question, opening nothing.
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.take_effect(), None);
}

#[test]
fn o_without_documents_says_so() {
    let mut app = app_at_baltimore(docket::store::sample());
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.take_effect(), None);
    let said = app.message().unwrap();
    assert!(said.contains("has no documents"), "{said}");
}

#[test]
fn the_letter_form_adds_and_removes_documents_and_edits_private_notes() {
    let mut app = app_at_baltimore(sample_with(vec![document("Old", "old.pdf")], ""));
    app.update(Action::Edit);
    focus(&mut app, "documents");
    press(&mut app, KeyCode::End);
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Letter | letters/b.pdf\nhttps://apnews.com/psp");
    focus(&mut app, "private_notes");
    type_text(&mut app, "Privileged: the call\nsecond line");
    app.update(Action::FormSubmit);
    assert!(
        app.form().is_none(),
        "saved: {:?}",
        app.form().map(|f| &f.fields)
    );
    let letter = app.docket().letter(BALTIMORE).unwrap();
    assert_eq!(
        letter.documents,
        [
            document("Letter", "letters/b.pdf"),
            document("https://apnews.com/psp", "https://apnews.com/psp"),
        ]
    );
    assert_eq!(letter.private_notes, "Privileged: the call\nsecond line");
    // A document without a label is refused on its field.
    app.update(Action::Edit);
    focus(&mut app, "documents");
    type_text(&mut app, "\n | x.pdf");
    app.update(Action::FormSubmit);
    let form = app.form().expect("still editing");
    let field = form.fields.iter().find(|f| f.key == "documents").unwrap();
    assert!(
        field.error.as_deref().unwrap_or("").contains("label"),
        "{field:?}"
    );
}

/// A folder holding a fake `xdg-open` (and `sh`, for the pty's shell) that
/// writes what it is asked to open into `opened` in the same folder.
fn fake_opener(dir: &Path) -> std::path::PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            dir.join("opened").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.join("sh")).unwrap();
    bin
}

/// Waits for the fake opener to have written `opened`; its lines.
fn opened(dir: &Path) -> Vec<String> {
    let file = dir.join("opened");
    let deadline = Instant::now() + TIMEOUT;
    while !file.exists() {
        assert!(Instant::now() < deadline, "the opener never ran");
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = std::fs::read_to_string(&file).unwrap();
    text.lines().map(str::to_owned).collect()
}

/// The interface on `docket`, in a real terminal with `path` as its
/// `PATH`, Baltimore's letter selected.
fn tui_at_baltimore(docket: &Docket, path: &Path) -> (tempfile::TempDir, Tui) {
    let (dir, file) = data_file(&docket::store::to_ron(docket));
    let path = path.display().to_string();
    let mut tui = Tui::start(&file, "2017-08-10", &[("PATH", &path)]);
    tui.wait_for("Baltimore");
    tui.press("j");
    tui.press(keys::ENTER);
    tui.wait_for("Letter baltimore-2017-08-03");
    (dir, tui)
}

#[test]
fn o_opens_a_document_with_the_system_s_opener_in_a_real_terminal() {
    let tools = tempfile::TempDir::new().unwrap();
    let bin = fake_opener(tools.path());
    let docket = sample_with(vec![document("Letter", "letters/b.pdf")], "");
    let (dir, mut tui) = tui_at_baltimore(&docket, &bin);
    // A relative path is in the data file's folder: missing first...
    tui.press("o");
    tui.wait_for_status("does not exist");
    assert!(!tools.path().join("opened").exists());
    // ...then there.
    std::fs::create_dir_all(dir.path().join("letters")).unwrap();
    std::fs::write(dir.path().join("letters/b.pdf"), "%PDF").unwrap();
    tui.press("o");
    tui.wait_for_status("opening Letter with xdg-open");
    let expected = dir.path().join("letters/b.pdf");
    assert_eq!(opened(tools.path()), [expected.display().to_string()]);
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn with_no_opener_installed_o_says_so() {
    let tools = tempfile::TempDir::new().unwrap();
    let bin = tools.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.join("sh")).unwrap();
    let docket = sample_with(vec![document("AP", "https://apnews.com/psp")], "");
    let (_dir, mut tui) = tui_at_baltimore(&docket, &bin);
    tui.press("o");
    tui.wait_for_status("no xdg-open to open AP");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
}
