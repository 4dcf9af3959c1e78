//! The library's one error type.
//!
//! Every message names where the problem is (a file, a line, a byte offset)
//! and reads "expected X, found Y", so that a person can go and fix the input.

use std::io;
use std::path::{Path, PathBuf};

/// Everything that can go wrong while reading, evaluating or writing documents.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing `path` failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The bytes of `path` are not UTF-8; `byte_offset` is the first bad byte.
    #[error("{}: not valid UTF-8 at byte {byte_offset}; expected UTF-8 text", path.display())]
    NotUtf8 { path: PathBuf, byte_offset: usize },

    /// A TimeML file is not well-formed XML or lacks what TimeML needs.
    #[error("{}: line {line}, byte {byte_offset}: {message}", path.display())]
    TimeMl {
        path: PathBuf,
        /// 1-based line of `byte_offset`.
        line: usize,
        /// 0-based byte offset into the file.
        byte_offset: usize,
        /// "expected …, found …".
        message: String,
    },

    /// A line of JSON lines input is not a document record.
    #[error("{source_name}: line {line}: {message}")]
    Jsonl {
        /// The file name, or `<stdin>`.
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// "expected …, found …".
        message: String,
    },

    /// A document creation time that `Dct::parse` rejects.
    #[error("{origin}: {message}")]
    BadDct {
        /// Where the string came from: `--dct`, or `file: line N`.
        origin: String,
        /// "expected …, found …".
        message: String,
    },

    /// A manifest (CSV of `file,published,…`) row or header that cannot be used.
    #[error("{}: line {line}: {message}", path.display())]
    Manifest {
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// "expected …, found …".
        message: String,
    },

    /// A `--grammar` directory that could not be loaded.
    #[error("{}: {message}", path.display())]
    Grammar { path: PathBuf, message: String },

    /// A request the caller made that cannot be carried out as asked.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A TimeML error at `byte_offset` of `xml` (the whole file), with the line computed.
    pub fn timeml(path: &Path, xml: &str, byte_offset: usize, message: impl Into<String>) -> Error {
        let byte_offset = byte_offset.min(xml.len());
        let line = 1 + memchr::memchr_iter(b'\n', &xml.as_bytes()[..byte_offset]).count();
        Error::TimeMl {
            path: path.to_path_buf(),
            line,
            byte_offset,
            message: message.into(),
        }
    }

    /// True when this is a write to a closed pipe (e.g. `chronicler tag … | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Checks that `bytes` (the contents of `path`) are UTF-8, naming the first bad byte if not.
pub fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        byte_offset: e.utf8_error().valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_utf8_names_path_and_offset() {
        let err = utf8(Path::new("a/b.txt"), b"abc\xffdef".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a/b.txt: not valid UTF-8 at byte 3; expected UTF-8 text"
        );
    }

    #[test]
    fn timeml_error_counts_lines() {
        let xml = "<a>\n<b>\n</a>";
        let err = Error::timeml(Path::new("x.tml"), xml, 8, "expected </b>, found </a>");
        assert_eq!(
            err.to_string(),
            "x.tml: line 3, byte 8: expected </b>, found </a>"
        );
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let e = Error::io("<stdout>", io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(e.is_broken_pipe());
        assert!(!Error::Usage("x".into()).is_broken_pipe());
    }
}
