//! WARC files in (`.warc`, `.warc.gz`): each HTML page in a `response`
//! record is an article.
//!
//! Crates: `warc` reads the records one at a time (bodies are read only for
//! the records used, up to [`MAX_RECORD_BYTES`]); `libflate` reads the
//! concatenated gzip members of a `.warc.gz` and gzip-encoded HTTP bodies;
//! `httparse` reads the HTTP head of a response. The page itself goes
//! through [`crate::article::html`].
//!
//! `WARC-Target-URI` is the article's URL (and its id); `WARC-Date` is when
//! the page was fetched: kept as [`PageMeta::crawled`], an upper bound for
//! the article date, which `build` uses only when nothing else dates the
//! article, and then as inferred.
//!
//! Records that are not HTML pages (requests, metadata, images, redirects)
//! are counted as ignored, by kind. A record that cannot be read is an
//! error naming the file, the record's number and its byte offset in the
//! uncompressed WARC data; reading stops there, since what follows cannot
//! be found.

use crate::article::document::Document;
use crate::article::html::{self, PageMeta};
use crate::error::Error;
use crate::summary::Ignored;
use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use warc::{RecordType, WarcHeader, WarcReader};

/// What reading a WARC file gives, record by record.
#[derive(Debug)]
pub enum Item {
    /// An HTML page, as an article.
    Document(Document),
    /// A record that is not an HTML page, with its kind.
    Ignored { path: PathBuf, what: Ignored },
    /// A record that cannot be read.
    Skipped(Error),
    /// A note on the page that comes next (bad UTF-8 replaced).
    Note(Error),
}

/// How records are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 in a page with U+FFFD, with a note.
    pub lossy: bool,
}

/// The largest record read.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;

/// A buffered reader that counts the bytes consumed from it, in a counter
/// that can be read while the reader is borrowed.
struct Counting<R> {
    inner: R,
    pos: Rc<Cell<u64>>,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos.set(self.pos.get() + n as u64);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos.set(self.pos.get() + amt as u64);
        self.inner.consume(amt);
    }
}

/// True for a `.warc` or `.warc.gz` file name.
pub fn is_warc(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Reads the WARC file `path` (whose id is `id`), handing each HTML page as
/// a document to `f`, each record that is not an HTML page as
/// [`Item::Ignored`], and each record that cannot be read as
/// [`Item::Skipped`].
pub fn read_file(
    path: &Path,
    id: &str,
    opts: ReadOptions,
    f: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => return f(Item::Skipped(Error::io(path, e))),
    };
    let gz = path.to_string_lossy().to_ascii_lowercase().ends_with(".gz");
    if gz {
        match libflate::gzip::MultiDecoder::new(BufReader::new(file)) {
            Ok(d) => read_records(BufReader::new(d), path, id, opts, f),
            Err(e) => f(Item::Skipped(Error::Warc {
                path: path.to_path_buf(),
                record: 1,
                byte_offset: 0,
                message: format!("expected gzip data (.warc.gz), found something else ({e})"),
            })),
        }
    } else {
        read_records(BufReader::new(file), path, id, opts, f)
    }
}

/// Reads the records of WARC data `r` (from the file `path`).
pub fn read_records<R: BufRead>(
    r: R,
    path: &Path,
    id: &str,
    opts: ReadOptions,
    f: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let consumed = Rc::new(Cell::new(0u64));
    let mut reader = WarcReader::new(Counting {
        inner: r,
        pos: Rc::clone(&consumed),
    });
    let mut stream = reader.stream_records();
    let mut record = 0usize;
    let mut start = 0u64;
    let mut pages = 0usize;
    loop {
        record += 1;
        let err = |byte_offset: u64, message: String| Error::Warc {
            path: path.to_path_buf(),
            record,
            byte_offset,
            message,
        };
        let rec = match stream.next_item() {
            None => break,
            Some(Err(e)) => {
                // The stream cannot go on after an error. A record whose
                // body was shorter than its Content-Length put `start` past
                // what was read: the error is where reading stopped.
                return f(Item::Skipped(err(
                    start.min(consumed.get()),
                    format!("expected a WARC record, found {}", warc_error(&e)),
                )));
            }
            Some(Ok(rec)) => rec,
        };
        let length = rec.content_length();
        let kind = rec.warc_type().clone();
        let crawled = rec.date().to_rfc3339();
        // The header has just been read: the next record starts after this
        // one's body and the CRLF CRLF that closes it.
        let this_start = start;
        start = consumed.get() + length + 4;
        let ignored = |what: String| Item::Ignored {
            path: path.to_path_buf(),
            what: Ignored::WarcRecord(what),
        };
        if length > MAX_RECORD_BYTES {
            // Passed over unread: a huge request, image or video is only counted.
            if kind != RecordType::Response {
                f(ignored(kind.to_string()))?;
            } else {
                f(Item::Skipped(err(
                    this_start,
                    format!(
                        "expected a record of at most {MAX_RECORD_BYTES} bytes, found {length}"
                    ),
                )))?;
            }
            continue;
        }
        // Headers are read from the raw bytes: the crate's `header()`
        // panics on a value that is not UTF-8 (found by fuzzing).
        let (head, block) = match rec.into_buffered() {
            Ok(b) => b.into_raw_parts(),
            Err(e) => {
                return f(Item::Skipped(err(
                    this_start,
                    format!("expected {length} bytes of record body, found an error ({e})"),
                )));
            }
        };
        let text_of = |h: WarcHeader| {
            head.headers
                .get(&h)
                .map(|v| String::from_utf8_lossy(v).trim().to_string())
        };
        let target = text_of(WarcHeader::TargetURI);
        let block_type = text_of(WarcHeader::ContentType)
            .map(|c| c.to_ascii_lowercase())
            .unwrap_or_default();
        if kind != RecordType::Response || !block_type.contains("application/http") {
            let what = match kind {
                RecordType::Response => format!("response of {block_type}"),
                other => other.to_string(),
            };
            f(ignored(what))?;
            continue;
        }
        let item = match page_of(&block, opts) {
            Ok(None) => Item::Ignored {
                path: path.to_path_buf(),
                what: Ignored::WarcRecord(content_type_of(&block)),
            },
            Ok(Some((html, note))) => {
                if let Some(note) = note {
                    f(Item::Note(err(this_start, note)))?;
                }
                pages += 1;
                let doc_id = target
                    .clone()
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| format!("{id}#{record}"));
                match html::read(&html, target.as_deref()) {
                    Ok(page) => {
                        let mut meta = page.meta;
                        meta.crawled = Some(crawled);
                        if let Some(t) = target.filter(|t| !t.is_empty()) {
                            meta.url.get_or_insert(t);
                        }
                        Item::Document(document(doc_id, path, page.text, meta))
                    }
                    Err((at, message)) => Item::Skipped(err(
                        this_start,
                        match at {
                            Some(b) => format!("{doc_id}: byte {b} of the page: {message}"),
                            None => format!("{doc_id}: {message}"),
                        },
                    )),
                }
            }
            Err(message) => Item::Skipped(err(this_start, message)),
        };
        f(item)?;
    }
    if record == 1 && pages == 0 {
        return f(Item::Skipped(Error::Empty {
            path: path.to_path_buf(),
        }));
    }
    ControlFlow::Continue(())
}

/// A page read from a record, as a document dated by its own metadata.
fn document(id: String, path: &Path, text: String, meta: PageMeta) -> Document {
    Document {
        id,
        id_number: false,
        path: Some(path.to_path_buf()),
        text,
        dct: meta.dct(),
        page: Some(Box::new(meta)),
    }
}

/// The HTML of an HTTP response block, decoded (chunked transfer, gzip or
/// deflate content); `None` when the response is not a successful HTML
/// page. With a note when bad UTF-8 was replaced (`lossy`).
fn page_of(block: &[u8], opts: ReadOptions) -> Result<Option<(String, Option<String>)>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let head = match resp.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err("expected a complete HTTP response head, found it cut short".into());
        }
        Err(e) => return Err(format!("expected an HTTP response head, found {e}")),
    };
    let status = resp.code.unwrap_or(0);
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type").unwrap_or_default();
    if !(200..300).contains(&status)
        || !(content_type.starts_with("text/html") || content_type.starts_with("application/xhtml"))
    {
        return Ok(None);
    }
    let mut body = block[head..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)?;
    }
    match header("content-encoding").as_deref() {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => {
            let mut out = Vec::new();
            libflate::gzip::Decoder::new(&body[..])
                .and_then(|mut d| d.read_to_end(&mut out))
                .map_err(|e| format!("expected a gzip-encoded page, found {e}"))?;
            body = out;
        }
        Some("deflate") => {
            let mut out = Vec::new();
            libflate::zlib::Decoder::new(&body[..])
                .and_then(|mut d| d.read_to_end(&mut out))
                .map_err(|e| format!("expected a deflate-encoded page, found {e}"))?;
            body = out;
        }
        Some(other) => {
            return Err(format!(
                "expected a page encoded as gzip, deflate or not at all, found Content-Encoding {other}"
            ));
        }
    }
    if crate::error::first_nul(&body).is_some() {
        return Err("expected an HTML page, found binary data (a NUL byte)".into());
    }
    match String::from_utf8(body) {
        Ok(s) => Ok(Some((s, None))),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if !opts.lossy {
                return Err(format!(
                    "not valid UTF-8 at byte {at} of the page; expected UTF-8 text (--lossy replaces bad bytes)"
                ));
            }
            let (text, count) = crate::error::replace_invalid(&e.into_bytes());
            Ok(Some((
                text,
                Some(format!(
                    "not valid UTF-8 at byte {at} of the page; replaced {count} invalid sequence(s) with U+FFFD (--lossy)"
                )),
            )))
        }
    }
}

/// The content type named in the HTTP head of `block`, for the summary.
fn content_type_of(block: &[u8]) -> String {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    if resp.parse(block).is_err() {
        return "response".into();
    }
    let code = resp.code.unwrap_or(0);
    if !(200..300).contains(&code) {
        return format!("HTTP status {code}");
    }
    resp.headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| {
            String::from_utf8_lossy(h.value)
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "no content type".into())
}

/// The body of a chunked transfer.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let (used, size) = match httparse::parse_chunk_size(data) {
            Ok(httparse::Status::Complete(x)) => x,
            _ => return Err("expected a chunk size in a chunked HTTP body, found none".into()),
        };
        data = &data[used..];
        if size == 0 {
            return Ok(out);
        }
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        if size > data.len() {
            return Err(format!(
                "expected a chunk of {size} bytes in a chunked HTTP body, found {}",
                data.len()
            ));
        }
        out.extend_from_slice(&data[..size]);
        data = data[size..].strip_prefix(b"\r\n").unwrap_or(&data[size..]);
    }
}

fn warc_error(e: &warc::Error) -> String {
    match e {
        warc::Error::UnexpectedEOB => "the data cut short".into(),
        warc::Error::ParseHeaders(_) => "headers that do not parse".into(),
        other => other.to_string(),
    }
}
