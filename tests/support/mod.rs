//! What the test files share. Each test crate declares `mod support;` and
//! uses the parts it needs:
//!
//! - [`cli`]: the real binary run on a data file, and what it said;
//! - [`hand_edit`]: a docket file as a person editing it by hand might
//!   leave it (whitespace, comments, fields reordered or left out, escapes);
//! - [`files`]: data files in temp folders (the sample, the story), golden
//!   files, what a folder holds, named pipes and devices, locks;
//! - [`letters`]: letters built one field at a time, and dates from text;
//! - [`pty`]: the interface in a real pseudo-terminal, read through a small
//!   screen model;
//! - [`strategies`]: arbitrary dockets for property tests;
//! - [`tmpfs`]: a small file system of a test's own, to fill up or make
//!   read-only;
//! - [`users`]: files with another owner, group and mode, and the binary
//!   run as another user;
//! - [`skip`]: what a test does when this machine cannot run it: it skips
//!   with a note, but fails under CI.

// Each test crate uses only part of it.
#![allow(dead_code)]

pub mod cli;
pub mod files;
pub mod hand_edit;
pub mod letters;
pub mod pty;
pub mod skip;
pub mod strategies;
pub mod tmpfs;
pub mod users;
