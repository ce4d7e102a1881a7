//! Tests that need what this machine may not offer (mounting a tmpfs needs
//! root; `mkfifo` and `calcurse` are programs that may be missing) skip
//! themselves where it is missing, with a note on stderr, so that
//! `cargo test` passes on any machine. Under CI they must not pass by
//! skipping: there the test fails instead, saying what was missing.

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
