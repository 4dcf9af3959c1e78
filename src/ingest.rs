//! Reading articles into [`Document`]s.
//!
//! An input path is one of:
//!
//! * a file: `.tml` is TimeML, `.jsonl` is JSON lines, anything else is plain text;
//! * a directory, walked recursively in sorted order for `.txt`, `.md`,
//!   `.tml` and `.jsonl` files (hidden entries are skipped);
//! * `-`, JSON lines on standard input.
//!
//! Plain text is taken whole (a leading byte-order mark aside); when its first
//! non-empty line reads `Date: 2016-07-15` that is the document's DCT, and the
//! line stays in the text. TimeML gives the plain text of `<TEXT>` and the
//! DCT of `<DCT>`. A JSON line is `{"id": …, "text": …, "dct": …}` with `dct`
//! optional.
//!
//! [`load_path`] is strict: the first bad document is the error.
//! [`load_path_lenient`] returns one result per document, so a bad one is
//! reported without sinking the others. [`for_each_item`] reads with
//! [`ReadOptions`] (`--lossy`) and hands over notes as well.
//!
//! A file that is empty (or only white space) is [`Error::Empty`]; one that
//! holds a NUL byte is [`Error::Binary`]; both are skipped like any other bad
//! document. A symbolic link found in a folder whose target cannot be read
//! is reported, not passed over.

use crate::error::{self, Error};
use crate::timeml;
use crate::{Dct, DctSource, Document};
use std::io::{self, BufRead, BufReader};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// The argument that means standard input.
pub const STDIN: &str = "-";

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `.txt`, `.md`, or any other file named explicitly.
    Text,
    /// `.tml`.
    TimeMl,
    /// `.jsonl`.
    Jsonl,
}

impl InputKind {
    /// The kind of a file found while walking a directory, or `None` to skip it.
    pub fn of(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" => Some(InputKind::Text),
            "tml" => Some(InputKind::TimeMl),
            "jsonl" => Some(InputKind::Jsonl),
            _ => None,
        }
    }

    /// The kind of a file named explicitly: unknown extensions are plain text.
    pub fn of_named(path: &Path) -> InputKind {
        InputKind::of(path).unwrap_or(InputKind::Text)
    }
}

/// How documents are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 with U+FFFD, with an [`Item::Note`] saying so,
    /// instead of skipping the document.
    pub lossy: bool,
}

/// One thing that reading produced, in input order.
#[derive(Debug)]
pub enum Item {
    /// A document read.
    Document(Document),
    /// A document (or file) that could not be read, in its place.
    Skipped(Error),
    /// A note on the document that comes next, which is used all the same
    /// (e.g. [`Error::Replaced`]).
    Note(Error),
}

/// Reads every document under `path`, failing on the first bad one.
pub fn load_path(path: &Path) -> Result<Vec<Document>, Error> {
    let mut docs = Vec::new();
    let mut failure = None;
    for_each_document(path, |item| match item {
        Ok(doc) => {
            docs.push(doc);
            ControlFlow::Continue(())
        }
        Err(e) => {
            failure = Some(e);
            ControlFlow::Break(())
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(docs),
    }
}

/// Reads every document under `path`, one result per document in input order.
///
/// A problem with `path` itself (it does not exist) is a single `Err`.
pub fn load_path_lenient(path: &Path) -> Vec<Result<Document, Error>> {
    let mut out = Vec::new();
    for_each_document(path, |item| {
        out.push(item);
        ControlFlow::Continue(())
    });
    out
}

/// Calls `f` with each document (or the error that stands in its place)
/// under `path`, in input order, until `f` breaks.
pub fn for_each_document(
    path: &Path,
    mut f: impl FnMut(Result<Document, Error>) -> ControlFlow<()>,
) {
    for_each_item(path, ReadOptions::default(), |item| match item {
        Item::Document(d) => f(Ok(d)),
        Item::Skipped(e) => f(Err(e)),
        Item::Note(_) => ControlFlow::Continue(()),
    });
}

/// Calls `f` with each [`Item`] under `path`, read as `opts` say, in input
/// order, until `f` breaks.
pub fn for_each_item(path: &Path, opts: ReadOptions, mut f: impl FnMut(Item) -> ControlFlow<()>) {
    if path.as_os_str() == STDIN {
        let stdin = std::io::stdin();
        let _ = read_jsonl_items(stdin.lock(), Path::new("<stdin>"), None, opts, &mut f);
        return;
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let _ = f(Item::Skipped(Error::io(path, e)));
            return;
        }
    };
    if !meta.is_dir() {
        let id = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let _ = read_file(path, id, InputKind::of_named(path), opts, &mut f);
        return;
    }
    for entry in walk(path, |p| InputKind::of(p).is_some()) {
        let flow = match entry {
            Err(e) => f(Item::Skipped(e)),
            Ok(file) => {
                let id = relative_id(path, &file);
                let kind = InputKind::of_named(&file);
                read_file(&file, id, kind, opts, &mut f)
            }
        };
        if flow.is_break() {
            return;
        }
    }
}

/// Reads one file of `kind`, handing its documents to `f`.
fn read_file(
    path: &Path,
    id: String,
    kind: InputKind,
    opts: ReadOptions,
    f: &mut impl FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let one = |f: &mut dyn FnMut(Item) -> ControlFlow<()>,
               read: Result<(Document, Option<Error>), Error>| match read {
        Ok((doc, note)) => {
            if let Some(note) = note {
                f(Item::Note(note))?;
            }
            f(Item::Document(doc))
        }
        Err(e) => f(Item::Skipped(e)),
    };
    match kind {
        InputKind::Jsonl => match std::fs::File::open(path) {
            Ok(file) => read_jsonl_items(BufReader::new(file), path, Some(path), opts, f),
            Err(e) => f(Item::Skipped(Error::io(path, e))),
        },
        InputKind::Text => one(f, read_text_file_with(path, id, opts)),
        InputKind::TimeMl => one(f, read_timeml_file_with(path, id, opts)),
    }
}

/// The bytes of the text file `path`, decoded as `opts` say: an error when
/// it is empty, binary (holds a NUL byte) or, without `lossy`, not UTF-8;
/// with `lossy`, a note when bad bytes were replaced.
pub fn read_text_bytes(path: &Path, opts: ReadOptions) -> Result<(String, Option<Error>), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    if let Some(byte_offset) = error::first_nul(&bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            byte_offset,
        });
    }
    error::decode(path, bytes, opts.lossy)
}

/// Reads a plain-text file as one document with the given `id`.
pub fn read_text_file(path: &Path, id: String) -> Result<Document, Error> {
    read_text_file_with(path, id, ReadOptions::default()).map(|(d, _)| d)
}

/// Reads a plain-text file as one document, with the note `opts.lossy` may add.
pub fn read_text_file_with(
    path: &Path,
    id: String,
    opts: ReadOptions,
) -> Result<(Document, Option<Error>), Error> {
    let (text, note) = read_text_bytes(path, opts)?;
    Ok((text_document(id, Some(path.to_path_buf()), text)?, note))
}

/// Makes a plain-text document, taking the DCT from a leading `Date:` line.
pub fn text_document(id: String, path: Option<PathBuf>, text: String) -> Result<Document, Error> {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let dct = date_line(&text).map_err(|(line, message)| {
        let name = path
            .as_ref()
            .map_or_else(|| id.clone(), |p| p.display().to_string());
        Error::BadDct {
            origin: format!("{name}: line {line}"),
            message,
        }
    })?;
    Ok(Document {
        id,
        path,
        text,
        dct,
    })
}

/// The DCT from a first non-empty line `Date: …`; `Err((line, message))`
/// when that line's date cannot be read.
fn date_line(text: &str) -> Result<Option<Dct>, (usize, String)> {
    let Some((index, line)) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else {
        return Ok(None);
    };
    let line = line.trim();
    let Some(head) = line.get(..5) else {
        return Ok(None);
    };
    if !head.eq_ignore_ascii_case("date:") {
        return Ok(None);
    }
    let value = line[5..].trim();
    Dct::parse(value, DctSource::Document)
        .map(Some)
        .map_err(|m| {
            // Keep what Dct::parse knows of a day that does not exist.
            let detail = m.find(" (no such day").map_or("", |i| &m[i..]);
            (
                index + 1,
                format!("expected a date like 2016-07-15 after \"Date:\", found {value:?}{detail}"),
            )
        })
}

/// Reads a TimeML file as one document: the plain text of `<TEXT>` and the `<DCT>`.
pub fn read_timeml_file(path: &Path, id: String) -> Result<Document, Error> {
    read_timeml_file_with(path, id, ReadOptions::default()).map(|(d, _)| d)
}

/// Reads a TimeML file as one document, with the note `opts.lossy` may add.
pub fn read_timeml_file_with(
    path: &Path,
    id: String,
    opts: ReadOptions,
) -> Result<(Document, Option<Error>), Error> {
    let (xml, note) = read_text_bytes(path, opts)?;
    let doc = timeml::parse(&xml, path)?;
    let document = Document {
        id,
        path: Some(path.to_path_buf()),
        text: doc.text,
        dct: doc.dct,
    };
    Ok((document, note))
}

/// Reads JSON lines from `reader`, handing each document or error to `f`.
///
/// `origin` names the input in errors (`<stdin>` or the file); `doc_path`
/// is what the documents record as their path. Blank lines are skipped. A
/// line that is not UTF-8 is reported with its byte offset in the whole input.
pub fn read_jsonl<R: BufRead>(
    reader: R,
    origin: &Path,
    doc_path: Option<&Path>,
    f: &mut impl FnMut(Result<Document, Error>) -> ControlFlow<()>,
) -> ControlFlow<()> {
    read_jsonl_items(
        reader,
        origin,
        doc_path,
        ReadOptions::default(),
        &mut |item| match item {
            Item::Document(d) => f(Ok(d)),
            Item::Skipped(e) => f(Err(e)),
            Item::Note(_) => ControlFlow::Continue(()),
        },
    )
}

/// [`read_jsonl`] with [`ReadOptions`]. A line holding a NUL byte makes the
/// whole input binary: it is reported once and the rest is not read. An
/// input with no record at all is [`Error::Empty`].
pub fn read_jsonl_items<R: BufRead>(
    mut reader: R,
    origin: &Path,
    doc_path: Option<&Path>,
    opts: ReadOptions,
    f: &mut impl FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let source_name = origin.display().to_string();
    let mut buf = Vec::new();
    let mut offset = 0usize;
    let mut line_no = 0usize;
    let mut records = 0usize;
    loop {
        buf.clear();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(0) if records == 0 => {
                return f(Item::Skipped(Error::Empty {
                    path: origin.to_path_buf(),
                }));
            }
            Ok(0) => return ControlFlow::Continue(()),
            Ok(n) => n,
            Err(e) => return f(Item::Skipped(Error::io(origin, e))),
        };
        line_no += 1;
        let start = offset;
        offset += n;
        let mut bytes: &[u8] = &buf;
        if line_no == 1 {
            bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        }
        let skipped = n - bytes.len();
        if let Some(at) = error::first_nul(bytes) {
            return f(Item::Skipped(Error::Binary {
                path: origin.to_path_buf(),
                byte_offset: start + skipped + at,
            }));
        }
        let decoded;
        let line = match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) if opts.lossy => {
                let count;
                (decoded, count) = error::replace_invalid(bytes);
                f(Item::Note(Error::Replaced {
                    path: origin.to_path_buf(),
                    first_offset: start + skipped + e.valid_up_to(),
                    count,
                }))?;
                &decoded
            }
            Err(e) => {
                records += 1;
                let err = Error::NotUtf8 {
                    path: origin.to_path_buf(),
                    byte_offset: start + skipped + e.valid_up_to(),
                };
                f(Item::Skipped(err))?;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        records += 1;
        f(
            match jsonl_document(line, &source_name, line_no, doc_path) {
                Ok(d) => Item::Document(d),
                Err(e) => Item::Skipped(e),
            },
        )?;
    }
}

/// Parses one JSON line `{"id": …, "text": …, "dct": …}` into a document.
pub fn jsonl_document(
    line: &str,
    source_name: &str,
    line_no: usize,
    path: Option<&Path>,
) -> Result<Document, Error> {
    let err = |message: String| Error::Jsonl {
        source_name: source_name.to_string(),
        line: line_no,
        message,
    };
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        err(format!(
            "expected a JSON object like {{\"id\": …, \"text\": …}}, found malformed JSON ({e})"
        ))
    })?;
    let serde_json::Value::Object(map) = value else {
        return Err(err(format!(
            "expected a JSON object like {{\"id\": …, \"text\": …}}, found {}",
            json_kind(&value)
        )));
    };
    let string_field = |key: &str| -> Result<Option<String>, Error> {
        match map.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(err(format!(
                "expected \"{key}\" to be a string, found {}",
                json_kind(other)
            ))),
        }
    };
    let id = string_field("id")?
        .ok_or_else(|| err("expected an \"id\" field, found none".to_string()))?;
    let text = string_field("text")?
        .ok_or_else(|| err("expected a \"text\" field, found none".to_string()))?;
    let dct = match string_field("dct")? {
        None => None,
        Some(s) => Some(Dct::parse(&s, DctSource::Document).map_err(|_| {
            err(format!(
                "expected \"dct\" to be a date like 2016-07-15, found {s:?}"
            ))
        })?),
    };
    Ok(Document {
        id,
        path: path.map(Path::to_path_buf),
        text,
        dct,
    })
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The files under `dir` for which `keep` holds, depth first, each directory's
/// entries in byte order of their names. Hidden entries (a leading `.`) are
/// skipped, and symbolic links to directories are not followed. An
/// unreadable directory is an `Err` in its place.
pub fn walk(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<Result<PathBuf, Error>> {
    let mut out = Vec::new();
    walk_into(dir, &keep, &mut out);
    out
}

fn walk_into(dir: &Path, keep: &impl Fn(&Path) -> bool, out: &mut Vec<Result<PathBuf, Error>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(v) => v,
        Err(e) => {
            out.push(Err(Error::io(dir, e)));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            walk_into(&path, keep, out);
        } else if file_type.is_file() && keep(&path) {
            out.push(Ok(path));
        } else if file_type.is_symlink() && keep(&path) {
            // A link to a file is read; a broken or looping one is reported.
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => out.push(Ok(path)),
                Ok(_) => {}
                Err(e) => {
                    let why = io::Error::new(
                        e.kind(),
                        format!("expected a symbolic link to a readable file, found {e}"),
                    );
                    out.push(Err(Error::io(&path, why)));
                }
            }
        }
    }
}

/// `file` relative to `root`, with `/` between components.
pub fn relative_id(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::fs;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn date_line_sets_dct_and_keeps_text() {
        let text = "\n  Date: 2016-07-15\nThe attack happened on Friday.\n";
        let doc = text_document("a.txt".into(), None, text.into()).unwrap();
        assert_eq!(doc.text, text);
        let dct = doc.dct.unwrap();
        assert_eq!(dct.date, ymd(2016, 7, 15));
        assert_eq!(dct.source, DctSource::Document);
    }

    #[test]
    fn no_date_line() {
        let doc = text_document("a".into(), None, "Headline\nDate: 2016-07-15\n".into()).unwrap();
        assert!(doc.dct.is_none());
        let doc = text_document("a".into(), None, "".into()).unwrap();
        assert!(doc.dct.is_none());
        let doc = text_document("a".into(), None, "Dätum".into()).unwrap();
        assert!(doc.dct.is_none());
    }

    #[test]
    fn bad_date_line_is_an_error() {
        let err = text_document(
            "a.txt".into(),
            Some("d/a.txt".into()),
            "\nDate: soon\n".into(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "d/a.txt: line 2: expected a date like 2016-07-15 after \"Date:\", found \"soon\""
        );
    }

    #[test]
    fn bom_is_dropped() {
        let doc = text_document("a".into(), None, "\u{feff}Date: 2016-07-15\nx".into()).unwrap();
        assert_eq!(doc.text, "Date: 2016-07-15\nx");
        assert!(doc.dct.is_some());
    }

    #[test]
    fn jsonl_records() {
        let doc = jsonl_document(
            r#"{"id":"a","dct":"2016-07-15","text":"hi"}"#,
            "f.jsonl",
            1,
            None,
        )
        .unwrap();
        assert_eq!(doc.id, "a");
        assert_eq!(doc.text, "hi");
        assert_eq!(doc.dct.unwrap().date, ymd(2016, 7, 15));
        let doc =
            jsonl_document(r#"{"id":"b","dct":null,"text":"hi"}"#, "f.jsonl", 1, None).unwrap();
        assert!(doc.dct.is_none());
    }

    #[test]
    fn jsonl_errors_name_line_and_expectation() {
        let e = |l: &str| {
            jsonl_document(l, "f.jsonl", 7, None)
                .unwrap_err()
                .to_string()
        };
        assert!(
            e("{oops").starts_with("f.jsonl: line 7: expected a JSON object"),
            "{}",
            e("{oops")
        );
        assert!(e("{oops").contains("found malformed JSON"));
        assert_eq!(
            e("[1]"),
            "f.jsonl: line 7: expected a JSON object like {\"id\": …, \"text\": …}, found an array"
        );
        assert_eq!(
            e(r#"{"text":"x"}"#),
            "f.jsonl: line 7: expected an \"id\" field, found none"
        );
        assert_eq!(
            e(r#"{"id":"a"}"#),
            "f.jsonl: line 7: expected a \"text\" field, found none"
        );
        assert_eq!(
            e(r#"{"id":3,"text":"x"}"#),
            "f.jsonl: line 7: expected \"id\" to be a string, found a number"
        );
        assert_eq!(
            e(r#"{"id":"a","text":"x","dct":"July"}"#),
            "f.jsonl: line 7: expected \"dct\" to be a date like 2016-07-15, found \"July\""
        );
    }

    #[test]
    fn jsonl_reader_keeps_going_and_counts_bytes() {
        let input: &[u8] = b"{\"id\":\"a\",\"text\":\"x\"}\n\n{bad\n{\"id\":\"c\",\"text\":\"\xff\"}\n{\"id\":\"d\",\"text\":\"y\"}";
        let mut got = Vec::new();
        let _ = read_jsonl(input, Path::new("<stdin>"), None, &mut |r| {
            got.push(r.map(|d| d.id).map_err(|e| e.to_string()));
            ControlFlow::Continue(())
        });
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].as_deref(), Ok("a"));
        assert!(
            got[1]
                .as_ref()
                .unwrap_err()
                .starts_with("<stdin>: line 3: expected a JSON object")
        );
        assert_eq!(
            got[2].as_ref().unwrap_err(),
            "<stdin>: not valid UTF-8 at byte 46; expected UTF-8 text (--lossy replaces bad bytes)"
        );
        assert_eq!(got[3].as_deref(), Ok("d"));
    }

    #[test]
    fn directory_walk_is_sorted_recursive_and_lenient() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/c")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        fs::write(root.join("z.txt"), "Date: 2016-07-15\nz").unwrap();
        fs::write(root.join("a.md"), "a").unwrap();
        fs::write(root.join("ignored.csv"), "x").unwrap();
        fs::write(root.join(".hidden/h.txt"), "h").unwrap();
        fs::write(root.join("b/c/bad.txt"), b"ok\xc3(").unwrap();
        fs::write(
            root.join("b/d.tml"),
            "<TimeML><TEXT>d &amp; e</TEXT></TimeML>",
        )
        .unwrap();
        fs::write(
            root.join("b/e.jsonl"),
            "{\"id\":\"j1\",\"text\":\"x\"}\n{\"id\":\"j2\",\"text\":\"y\"}\n",
        )
        .unwrap();

        let items = load_path_lenient(root);
        let ids: Vec<String> = items
            .iter()
            .map(|r| match r {
                Ok(d) => d.id.clone(),
                Err(e) => format!("ERR {e}"),
            })
            .collect();
        let bad = root.join("b/c/bad.txt");
        assert_eq!(
            ids,
            vec![
                "a.md".to_string(),
                format!(
                    "ERR {}: not valid UTF-8 at byte 2; expected UTF-8 text (--lossy replaces bad bytes)",
                    bad.display()
                ),
                "b/d.tml".to_string(),
                "j1".to_string(),
                "j2".to_string(),
                "z.txt".to_string(),
            ]
        );
        let tml = items[2].as_ref().unwrap();
        assert_eq!(tml.text, "d & e");

        // Strict mode stops at the bad file.
        let err = load_path(root).unwrap_err();
        assert!(matches!(err, Error::NotUtf8 { byte_offset: 2, .. }));
        fs::remove_file(&bad).unwrap();
        let docs = load_path(root).unwrap();
        assert_eq!(docs.len(), 5);
        assert_eq!(docs[4].dct.as_ref().unwrap().date, ymd(2016, 7, 15));
    }

    #[test]
    fn single_file_id_is_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("story");
        fs::write(&p, "text").unwrap();
        let docs = load_path(&p).unwrap();
        assert_eq!(docs[0].id, "story");
        assert_eq!(docs[0].path.as_deref(), Some(p.as_path()));
    }

    #[test]
    fn missing_path_is_an_io_error_naming_it() {
        let err = load_path(Path::new("/no/such/place.txt"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("/no/such/place.txt: "), "{err}");
    }
}
