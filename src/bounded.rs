//! Reads that never take more than the limit they state, whatever the path is: a regular
//! file, a FIFO, a device such as `/dev/zero` (whose size reads as 0), or standard input.
//! The size a file reports is only a hint; the read itself stops one byte past the limit.

use std::io::{self, Read};
use std::path::Path;

/// Why a bounded read gave no bytes.
#[derive(Debug, thiserror::Error)]
pub enum BoundedReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The input holds more than `limit` bytes (`size` is what it reported or what was
    /// read before stopping, at least `limit + 1`).
    #[error("{size} bytes or more, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
}

/// Reads at most `limit` bytes from `reader`; more is [`BoundedReadError::TooLarge`].
pub fn read_at_most(reader: impl Read, limit: u64) -> Result<Vec<u8>, BoundedReadError> {
    read_with_hint(reader, limit, 0)
}

/// Reads the file at `path`, refusing one over `limit` bytes by its size before reading
/// and, whatever its size says, stopping one byte past the limit.
pub fn read_path_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, BoundedReadError> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err(BoundedReadError::TooLarge { size, limit });
    }
    read_with_hint(file, limit, size)
}

fn read_with_hint(reader: impl Read, limit: u64, hint: u64) -> Result<Vec<u8>, BoundedReadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(hint.min(limit)).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(BoundedReadError::TooLarge { size: read, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_one_byte_past_the_limit_of_an_endless_reader() {
        let endless = io::repeat(b'y');
        match read_at_most(endless, 1000) {
            Err(BoundedReadError::TooLarge { size, limit }) => {
                assert_eq!((size, limit), (1001, 1000));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            read_at_most(&b"abc"[..], 3).ok().as_deref(),
            Some(&b"abc"[..])
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_that_reports_no_size_is_still_bounded() {
        let p = Path::new("/dev/zero");
        if p.exists() {
            assert!(matches!(
                read_path_at_most(p, 4096),
                Err(BoundedReadError::TooLarge { size: 4097, .. })
            ));
        }
    }
}
