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
    #[error("{}: not valid UTF-8 at byte {byte_offset}; expected UTF-8 text (--lossy replaces bad bytes)", path.display())]
    NotUtf8 { path: PathBuf, byte_offset: usize },

    /// With `--lossy`: `path` was read with its invalid UTF-8 replaced (a
    /// note, not a failure: the document is used).
    #[error("{}: not valid UTF-8 at byte {first_offset}; replaced {count} invalid sequence(s) with U+FFFD (--lossy)", path.display())]
    Replaced {
        path: PathBuf,
        /// 0-based byte offset of the first bad byte.
        first_offset: usize,
        /// How many invalid sequences became U+FFFD.
        count: usize,
    },

    /// A TimeML document's article date was malformed and was repaired or
    /// ignored (a note, not a failure: the document is used).
    #[error("{}: {message}", path.display())]
    DctNote { path: PathBuf, message: String },

    /// `path` holds a NUL byte, so it is taken for a binary file and skipped.
    #[error("{}: binary file (NUL byte at byte {byte_offset}); expected text", path.display())]
    Binary { path: PathBuf, byte_offset: usize },

    /// `path` is empty or holds only white space.
    #[error("{}: empty file; expected some text", path.display())]
    Empty { path: PathBuf },

    /// A TimeML file is not well-formed XML or lacks what TimeML needs.
    #[error("{}: line {line}, column {column} (byte {byte_offset}): {message}", path.display())]
    TimeMl {
        path: PathBuf,
        /// 1-based line of `byte_offset`.
        line: usize,
        /// 1-based column of `byte_offset` in its line, counted in characters.
        column: usize,
        /// 0-based byte offset into the file.
        byte_offset: usize,
        /// "expected …, found …".
        message: String,
    },

    /// A line of JSON lines input is not a document record.
    #[error("{source_name}: line {line}: {message}{}", at_in_stream(*offset, id.as_deref()))]
    Jsonl {
        /// The file name, or `<stdin>`.
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// Byte offset of the line's first byte in the input read.
        offset: usize,
        /// The line's `id` as JSON (`"a-17"` or `17`), when one could be read.
        id: Option<String>,
        /// What is wrong, for error records.
        kind: LineError,
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

    /// A web page that cannot be read as an article: refused before parsing
    /// (too large, nested too deep) or with no article text in it.
    #[error("{}: {}{message}", path.display(), byte_offset.map(|b| format!("byte {b}: ")).unwrap_or_default())]
    Html {
        path: PathBuf,
        /// 0-based byte offset of the problem, when it has one.
        byte_offset: Option<usize>,
        /// "expected …, found …".
        message: String,
    },

    /// A record of a WARC file that cannot be read.
    #[error("{}: record {record} (byte {byte_offset}): {message}", path.display())]
    Warc {
        path: PathBuf,
        /// 1-based number of the record in the file.
        record: usize,
        /// Offset of the record's start in the (uncompressed) WARC data.
        byte_offset: u64,
        /// "expected …, found …".
        message: String,
    },

    /// A run that found no article to read: nothing is written.
    #[error("expected at least one readable article, found none ({summary}); nothing written")]
    NoArticles {
        /// What was read, skipped and ignored (see [`crate::summary::Summary`]).
        summary: String,
        /// Each file skipped and why ("a.txt: binary file (NUL byte at byte
        /// 3); expected text"), said before the error.
        problems: Vec<String>,
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

    /// A TimeML error at `byte_offset` of `xml` (the whole file), with the
    /// line and column computed.
    pub fn timeml(path: &Path, xml: &str, byte_offset: usize, message: impl Into<String>) -> Error {
        let (line, column, byte_offset) = line_column(xml, byte_offset);
        Error::TimeMl {
            path: path.to_path_buf(),
            line,
            column,
            byte_offset,
            message: message.into(),
        }
    }

    /// A short name for the kind of problem, to group skipped inputs in a
    /// run's summary ("not UTF-8", "binary", …).
    pub fn reason(&self) -> &'static str {
        match self {
            Error::Io { source, .. } => match source.kind() {
                io::ErrorKind::PermissionDenied => "unreadable (permission denied)",
                io::ErrorKind::NotFound => "missing or broken link",
                _ => "unreadable",
            },
            Error::NotUtf8 { .. } => "not UTF-8",
            Error::Replaced { .. } => "invalid UTF-8 replaced",
            Error::DctNote { .. } => "article date repaired or ignored",
            Error::Binary { .. } => "binary",
            Error::Empty { .. } => "empty",
            Error::TimeMl { .. } => "bad TimeML",
            Error::Jsonl {
                kind: LineError::NotUtf8,
                ..
            } => "not UTF-8",
            Error::Jsonl {
                kind: LineError::NulByte,
                ..
            } => "binary",
            Error::Jsonl { .. } => "bad JSON line",
            Error::BadDct { .. } => "bad date",
            Error::Manifest { .. } => "bad manifest row",
            Error::Grammar { .. } => "bad grammar",
            Error::Html { .. } => "unreadable web page",
            Error::Warc { .. } => "bad WARC record",
            Error::NoArticles { .. } => "no article",
            Error::Usage(_) => "usage",
        }
    }

    /// True when this is a write to a closed pipe (e.g. `chronicler tag … | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// What is wrong with one line of JSON lines input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineError {
    /// Not JSON at all.
    MalformedJson,
    /// JSON, but not an object.
    NotAnObject,
    /// No `id` or no `text`.
    MissingField,
    /// A field of the wrong type.
    WrongType,
    /// A `dct` that is not a date.
    BadDct,
    /// An `html` field that is not a readable web page.
    BadHtml,
    /// Not UTF-8.
    NotUtf8,
    /// A NUL byte.
    NulByte,
}

/// ` (id "a-17", byte 1204)`: where in a stream a bad line was, for people
/// (`id` is the id as JSON).
fn at_in_stream(offset: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!(" (id {id}, byte {offset})"),
        None => format!(" (byte {offset})"),
    }
}

/// The 1-based line and column (in characters) of `byte_offset` in `text`,
/// and the offset itself moved back to a character boundary.
pub fn line_column(text: &str, byte_offset: usize) -> (usize, usize, usize) {
    let mut byte_offset = byte_offset.min(text.len());
    while !text.is_char_boundary(byte_offset) {
        byte_offset -= 1;
    }
    let before = &text.as_bytes()[..byte_offset];
    let line = 1 + memchr::memchr_iter(b'\n', before).count();
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column = 1 + text[line_start..byte_offset].chars().count();
    (line, column, byte_offset)
}

/// Checks that `bytes` (the contents of `path`) are UTF-8, naming the first bad byte if not.
pub fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        byte_offset: e.utf8_error().valid_up_to(),
    })
}

/// Decodes `bytes` (the contents of `path`) as UTF-8. With `lossy`, each
/// invalid sequence becomes U+FFFD and the [`Error::Replaced`] note says
/// where the first one was and how many there were; without, invalid UTF-8
/// is [`Error::NotUtf8`]. Linear in the length of `bytes`.
pub fn decode(path: &Path, bytes: Vec<u8>, lossy: bool) -> Result<(String, Option<Error>), Error> {
    let bad = match String::from_utf8(bytes) {
        Ok(s) => return Ok((s, None)),
        Err(e) => e,
    };
    let first_offset = bad.utf8_error().valid_up_to();
    if !lossy {
        return Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            byte_offset: first_offset,
        });
    }
    let (text, count) = replace_invalid(&bad.into_bytes());
    let note = Error::Replaced {
        path: path.to_path_buf(),
        first_offset,
        count,
    };
    Ok((text, Some(note)))
}

/// `bytes` with each invalid UTF-8 sequence replaced by U+FFFD (as
/// [`String::from_utf8_lossy`] does), and how many were replaced.
pub fn replace_invalid(bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len());
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            count += 1;
        }
    }
    (text, count)
}

/// The offset of the first NUL byte in `bytes`: text files have none, so a
/// file with one is taken for binary.
pub fn first_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_utf8_names_path_and_offset() {
        let err = utf8(Path::new("a/b.txt"), b"abc\xffdef".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a/b.txt: not valid UTF-8 at byte 3; expected UTF-8 text (--lossy replaces bad bytes)"
        );
    }

    #[test]
    fn lossy_decode_replaces_and_counts() {
        let p = Path::new("a.txt");
        let (text, note) = decode(p, b"ok\xff\xfe x \xc3(".to_vec(), true).unwrap();
        assert_eq!(text, "ok\u{fffd}\u{fffd} x \u{fffd}(");
        assert_eq!(
            note.unwrap().to_string(),
            "a.txt: not valid UTF-8 at byte 2; replaced 3 invalid sequence(s) with U+FFFD (--lossy)"
        );
        let (text, note) = decode(p, b"fine".to_vec(), true).unwrap();
        assert_eq!((text.as_str(), note.is_none()), ("fine", true));
        assert!(matches!(
            decode(p, b"ok\xff".to_vec(), false),
            Err(Error::NotUtf8 { byte_offset: 2, .. })
        ));
    }

    #[test]
    fn timeml_error_counts_lines() {
        let xml = "<a>\n<b>\n</a>";
        let err = Error::timeml(Path::new("x.tml"), xml, 8, "expected </b>, found </a>");
        assert_eq!(
            err.to_string(),
            "x.tml: line 3, column 1 (byte 8): expected </b>, found </a>"
        );
        let xml = "<a>\n  é<b";
        let err = Error::timeml(Path::new("x.tml"), xml, 9, "expected >");
        assert_eq!(
            err.to_string(),
            "x.tml: line 2, column 5 (byte 9): expected >"
        );
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let e = Error::io("<stdout>", io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(e.is_broken_pipe());
        assert!(!Error::Usage("x".into()).is_broken_pipe());
    }
}
