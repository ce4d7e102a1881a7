//! Tests that need what this machine may not offer (mounting a tmpfs needs
//! root; `mkfifo` and `calcurse` are programs that may be missing) skip
//! themselves where it is missing, with a note on stderr, so that
//! `cargo test` passes on any machine. Under CI they must not pass by
//! skipping: there the test fails instead, saying what was missing.
//!
//! [`skip_or_fail`] skips where a test found out by trying; [`can`] skips
//! on a condition checked first, such as [`has_tool`] or
//! [`super::users::is_root`].

/// Whether this is a CI run: `CI` is set to anything but an empty value,
/// `0` or `false` (in any case).
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|value| {
        let value = value.to_string_lossy();
        let value = value.trim();
        !(value.is_empty() || value == "0" || value.eq_ignore_ascii_case("false"))
    })
}

/// Skips the test that calls this because this machine cannot run it,
/// saying `why` on stderr; the test then returns without checking
/// anything. Under CI (see [`in_ci`]) this panics instead, naming `why`.
#[track_caller]
pub fn skip_or_fail(why: &str) {
    assert!(
        !in_ci(),
        "{why}, and CI={}: this test cannot run here, and under CI it \
         fails rather than pass by skipping",
        std::env::var_os("CI").unwrap_or_default().display()
    );
    eprintln!("note: skipped, {why} (under CI this test fails instead)");
}

/// Whether this machine offers what the test that calls this needs:
/// `here` says whether it does, `what` names it. Where it does not, skips
/// the test (see [`skip_or_fail`]): says so and returns `false`, or panics
/// under CI.
///
/// ```ignore
/// if !can("root", is_root()) {
///     return;
/// }
/// ```
#[track_caller]
pub fn can(what: &str, here: bool) -> bool {
    if !here {
        skip_or_fail(&format!("this test needs {what}"));
    }
    here
}

/// Whether the program `tool` is on the `PATH` (as `command -v` finds it).
pub fn has_tool(tool: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", r#"command -v "$0" >/dev/null"#, tool])
        .status()
        .is_ok_and(|s| s.success())
}
