//! Writing export files: refuse to replace an existing file unless asked, write to a
//! temporary file in the same directory, then move it into place, so a failed export
//! never leaves a half-written file or destroys the one that was there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why an export could not be written. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path} already exists; it was left as it was")]
    Exists { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("nothing to draw in {path}: the article has no dated events")]
    EmptyTimeline { path: PathBuf },
    #[error("cannot make the image {path}: {message}")]
    Image { path: PathBuf, message: String },
}

impl ExportError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Exists { path }
            | Self::Write { path, .. }
            | Self::EmptyTimeline { path }
            | Self::Image { path, .. } => path,
        }
    }
}

/// [`ExportError::Exists`] when `path` exists (as anything, even a broken link) and
/// `overwrite` is false. A directory is never replaced.
pub fn refuse_existing(path: &Path, overwrite: bool) -> Result<(), ExportError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(ExportError::Write {
            path: path.to_owned(),
            source: io::Error::new(io::ErrorKind::IsADirectory, "it is a directory"),
        }),
        Ok(_) if !overwrite => Err(ExportError::Exists {
            path: path.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory is written,
/// fsync'ed, then moved into place. Without `overwrite` an existing `path` is refused, also
/// when it appears while writing (the move is then a hard link, which never replaces).
/// On failure the temporary file is removed and `path` is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), ExportError> {
    refuse_existing(path, overwrite)?;
    crate::store::write_atomic(path, bytes, overwrite).map_err(|source| {
        if source.kind() == io::ErrorKind::AlreadyExists {
            ExportError::Exists {
                path: path.to_owned(),
            }
        } else {
            ExportError::Write {
                path: path.to_owned(),
                source,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn writes_refuses_and_overwrites() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("out.csv");
        write_atomic(&p, b"one", false).unwrap_or_else(|e| panic!("{e}"));
        let err = write_atomic(&p, b"two", false).err();
        assert!(
            matches!(err, Some(ExportError::Exists { .. })),
            "second write without overwrite: {err:?}"
        );
        assert_eq!(fs::read(&p).ok().as_deref(), Some(&b"one"[..]));
        write_atomic(&p, b"three", true).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read(&p).ok().as_deref(), Some(&b"three"[..]));
        assert_eq!(names(dir.path()), ["out.csv"], "no temporary file is left");
    }

    #[test]
    fn failures_name_the_path_and_leave_nothing() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (path, overwrite) in [
            (dir.path().join("missing/out.svg"), false),
            (dir.path().to_owned(), true),
        ] {
            let err = write_atomic(&path, b"x", overwrite)
                .err()
                .unwrap_or_else(|| panic!("{} should fail", path.display()));
            assert_eq!(err.path(), path, "{err}");
            assert!(err.to_string().contains(&*path.to_string_lossy()), "{err}");
        }
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }
}
