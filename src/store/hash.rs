//! What the store saw on disk: a file's size, time and content hash.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::time::SystemTime;

/// What the data file looked like when docket last read or wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of a file read as `bytes`, its time taken before
    /// the read.
    pub fn read(modified: Option<SystemTime>, bytes: &[u8]) -> Self {
        let hash = ContentHash::of(bytes);
        Fingerprint {
            len: hash.len,
            modified,
            hash: hash.finish(),
        }
    }

    /// The fingerprint of the file at `path`, just written through `hash`.
    pub fn hashed(path: &Path, hash: &ContentHash) -> Self {
        Fingerprint {
            len: hash.len,
            modified: fs::metadata(path).and_then(|m| m.modified()).ok(),
            hash: hash.finish(),
        }
    }
}

/// A fast 64-bit content hash, eight bytes a step, fed in pieces of any
/// size: it only confirms, within this process, that a file whose size or
/// time changed holds other bytes.
#[derive(Debug, Default)]
pub(super) struct ContentHash {
    state: u64,
    len: u64,
    /// Bytes fed since the last whole word.
    tail: [u8; 8],
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl ContentHash {
    /// The hash of `bytes` fed at once.
    pub fn of(bytes: &[u8]) -> Self {
        let mut hash = ContentHash::default();
        hash.update(bytes);
        hash
    }

    /// Feeds the next bytes.
    pub fn update(&mut self, mut bytes: &[u8]) {
        let pending = (self.len % 8) as usize;
        self.len += bytes.len() as u64;
        if pending > 0 {
            let take = (8 - pending).min(bytes.len());
            self.tail[pending..pending + take].copy_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if pending + take < 8 {
                return;
            }
            self.word(self.tail);
        }
        let (words, rest) = bytes.as_chunks::<8>();
        for word in words {
            self.word(*word);
        }
        self.tail[..rest.len()].copy_from_slice(rest);
    }

    fn word(&mut self, word: [u8; 8]) {
        self.state = (self.state ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(29);
    }

    /// The hash of every byte fed.
    pub fn finish(&self) -> u64 {
        let mut tail = [0u8; 8];
        let pending = (self.len % 8) as usize;
        tail[..pending].copy_from_slice(&self.tail[..pending]);
        let h = (self.state ^ u64::from_le_bytes(tail) ^ self.len).wrapping_mul(K);
        h ^ (h >> 32)
    }
}

/// A writer that hashes what goes through it.
pub(super) struct Hashing<'a> {
    pub out: &'a mut dyn Write,
    pub hash: &'a mut ContentHash,
}

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(bytes: &[u8]) -> u64 {
        ContentHash::of(bytes).finish()
    }

    #[test]
    fn the_hash_is_the_same_whatever_the_pieces() {
        let bytes: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8).collect();
        let whole = hash(&bytes);
        for piece in 1..20 {
            let mut pieces = ContentHash::default();
            for chunk in bytes.chunks(piece) {
                pieces.update(chunk);
            }
            assert_eq!(pieces.finish(), whole, "pieces of {piece}");
        }
        let mut split = ContentHash::default();
        split.update(&bytes[..3]);
        split.update(&[]);
        split.update(&bytes[3..]);
        assert_eq!(split.finish(), whole);
    }

    #[test]
    fn the_hash_tells_apart_lengths_and_bytes() {
        assert_ne!(hash(b""), hash(b"\0"));
        assert_ne!(hash(b"abc"), hash(b"abc\0"));
        assert_ne!(hash(b"abcdefgh"), hash(b"abcdefgi"));
    }
}
