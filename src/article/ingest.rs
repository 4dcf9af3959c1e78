//! Reading articles into [`Document`]s.
//!
//! An input path is one of:
//!
//! * a file: `.tml` is TimeML, `.jsonl` is JSON lines, `.html`/`.htm` a web
//!   page, `.warc`/`.warc.gz` web archive records, anything else is plain
//!   text unless it begins as TimeML does (TempEval-3's `.TE3input` files);
//! * a directory, walked recursively in sorted order for `.txt`, `.md`,
//!   `.tml`, `.jsonl`, `.html`, `.htm`, `.warc` and `.warc.gz` files, and
//!   files of any other name that begin as TimeML (hidden entries are
//!   skipped; every other file is reported as [`Item::Ignored`], so a run
//!   can say what it did not read);
//! * `-`, JSON lines on standard input.
//!
//! Plain text is one document (a leading byte-order mark aside); when its first
//! non-empty line reads `Date: 2016-07-15` that is the document's DCT, and the
//! line stays in the text. TimeML gives the plain text of `<TEXT>` and the
//! DCT of `<DCT>`. A JSON line is `{"id": …, "text": …, "dct": …}` with `dct`
//! optional, or `{"id": …, "html": …, "url": …}` for a web page. A web page
//! gives its article text and its own metadata ([`crate::article::html`]),
//! whose publication date is the DCT unless the line has a `dct`; a WARC
//! file gives one document per HTML page ([`crate::article::warc`]).
//!
//! A plain-text file too large to hold can be checked ([`check_text_file`])
//! and handed over unread ([`for_each_input`]) to be tagged a window at a
//! time (`crate::output::window`).
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

use crate::article::document::Dct;
use crate::article::document::DctSource;
use crate::article::document::Document;
use crate::article::html;
use crate::article::timeml;
use crate::article::warc;
use crate::error::{self, Error, LineError};
use crate::summary::Ignored;
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
    /// `.html`, `.htm`: a web page.
    Html,
    /// `.warc`, `.warc.gz`: web archive records.
    Warc,
}

impl InputKind {
    /// The kind of a file found while walking a directory, or `None` to skip it.
    pub fn of(path: &Path) -> Option<InputKind> {
        if warc::is_warc(path) {
            return Some(InputKind::Warc);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" => Some(InputKind::Text),
            "tml" => Some(InputKind::TimeMl),
            "jsonl" => Some(InputKind::Jsonl),
            "html" | "htm" => Some(InputKind::Html),
            _ => None,
        }
    }

    /// Why a file found in a folder is not read: its extension.
    pub fn ignored(path: &Path) -> Ignored {
        Ignored::Extension(
            path.extension()
                .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
                .unwrap_or_default(),
        )
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

/// Files and folders a run writes, which its reading passes over: a run
/// never reads its own output, nor an earlier run's output in the same
/// place (`tag DIR -o DIR/tags.jsonl`, `tag DIR > DIR/out.jsonl`, TimeML
/// written to a folder inside the input). Compared as files (device and
/// inode on Unix), so another spelling of the path or a link is caught.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exclude {
    ids: Vec<FileId>,
}

/// What makes two paths the same file or folder.
#[cfg(unix)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId(u64, u64);
#[cfg(not(unix))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileId(PathBuf);

impl FileId {
    /// The identity of what `path` names (links followed), if it exists.
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path)
                .ok()
                .map(|m| FileId(m.dev(), m.ino()))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(FileId)
        }
    }

    /// The identity of an open file (standard output sent to a file).
    pub fn of_file(file: &std::fs::File) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            file.metadata().ok().map(|m| FileId(m.dev(), m.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = file;
            None
        }
    }
}

impl Exclude {
    /// Passes over `path` (a file or a whole folder) when it exists.
    pub fn add(&mut self, path: &Path) {
        if let Some(id) = FileId::of(path) {
            self.add_id(id);
        }
    }

    pub fn add_id(&mut self, id: FileId) {
        if !self.ids.contains(&id) {
            self.ids.push(id);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// True when `path` is one of the excluded files or folders.
    pub fn contains(&self, path: &Path) -> bool {
        !self.ids.is_empty() && FileId::of(path).is_some_and(|id| self.ids.contains(&id))
    }
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
    /// Something an input folder or file holds that is not read as an
    /// article: a file of another kind, a WARC record that is not a page.
    Ignored { path: PathBuf, what: Ignored },
}

/// One thing that [`for_each_input`] produced, in input order.
#[derive(Debug)]
pub enum Input {
    Item(Item),
    /// A plain-text file too large to be read whole: it was checked (not
    /// empty, not binary, UTF-8 unless `lossy`; a [`Item::Note`] came first
    /// when it needs repair) and is to be tagged a window at a time
    /// (see [`crate::output::window`]).
    Large(LargeText),
}

/// A plain-text file to be read a window at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LargeText {
    pub path: PathBuf,
    pub id: String,
    /// Its size when it was checked.
    pub bytes: u64,
    pub lossy: bool,
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
        Item::Note(_) | Item::Ignored { .. } => ControlFlow::Continue(()),
    });
}

/// Calls `f` with each [`Item`] under `path`, read as `opts` say, in input
/// order, until `f` breaks.
pub fn for_each_item(path: &Path, opts: ReadOptions, mut f: impl FnMut(Item) -> ControlFlow<()>) {
    for_each_input(path, opts, u64::MAX, |input| match input {
        Input::Item(item) => f(item),
        // Only files above u64::MAX bytes would be handed over whole.
        Input::Large(_) => ControlFlow::Continue(()),
    });
}

/// [`for_each_item`], except that a plain-text file of more than
/// `large_above` bytes is not read into a [`Document`] but checked and
/// handed over as an [`Input::Large`], to be tagged in bounded memory.
pub fn for_each_input(
    path: &Path,
    opts: ReadOptions,
    large_above: u64,
    f: impl FnMut(Input) -> ControlFlow<()>,
) {
    for_each_input_except(path, opts, large_above, &Exclude::default(), f);
}

/// [`for_each_item`], passing over the files and folders of `exclude`.
pub fn for_each_item_except(
    path: &Path,
    opts: ReadOptions,
    exclude: &Exclude,
    mut f: impl FnMut(Item) -> ControlFlow<()>,
) {
    for_each_input_except(path, opts, u64::MAX, exclude, |input| match input {
        Input::Item(item) => f(item),
        Input::Large(_) => ControlFlow::Continue(()),
    });
}

/// [`for_each_input`], passing over the files and folders of `exclude`
/// inside a folder it reads.
pub fn for_each_input_except(
    path: &Path,
    opts: ReadOptions,
    large_above: u64,
    exclude: &Exclude,
    mut f: impl FnMut(Input) -> ControlFlow<()>,
) {
    let f = &mut f;
    if path.as_os_str() == STDIN {
        let stdin = std::io::stdin();
        let _ = read_jsonl_stream(stdin.lock(), Path::new("<stdin>"), opts, &mut |item| {
            f(Input::Item(item))
        });
        return;
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let _ = f(Input::Item(Item::Skipped(Error::io(path, e))));
            return;
        }
    };
    if !meta.is_dir() {
        let id = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let _ = read_file(path, id, InputKind::of_named(path), opts, large_above, f);
        return;
    }
    let mut ignored = Vec::new();
    let entries = walk_noting(
        path,
        |p| InputKind::of(p).is_some() || timeml::sniff_file(p),
        exclude,
        &mut ignored,
    );
    for file in ignored {
        let what = InputKind::ignored(&file);
        if f(Input::Item(Item::Ignored { path: file, what })).is_break() {
            return;
        }
    }
    for entry in entries {
        let flow = match entry {
            Err(e) => f(Input::Item(Item::Skipped(e))),
            Ok(file) => {
                let id = relative_id(path, &file);
                let kind = InputKind::of_named(&file);
                read_file(&file, id, kind, opts, large_above, f)
            }
        };
        if flow.is_break() {
            return;
        }
    }
}

/// Reads one file of `kind`, handing its documents to `f`; a text file of
/// more than `large_above` bytes is checked and handed over unread.
fn read_file(
    path: &Path,
    id: String,
    kind: InputKind,
    opts: ReadOptions,
    large_above: u64,
    sink: &mut impl FnMut(Input) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut f = |item| sink(Input::Item(item));
    let one = |f: &mut dyn FnMut(Item) -> ControlFlow<()>,
               read: Result<(Document, Vec<Error>), Error>| match read {
        Ok((doc, notes)) => {
            for note in notes {
                f(Item::Note(note))?;
            }
            f(Item::Document(doc))
        }
        Err(e) => f(Item::Skipped(e)),
    };
    match kind {
        InputKind::Jsonl => match std::fs::File::open(path) {
            Ok(file) => read_jsonl_items(BufReader::new(file), path, Some(path), opts, &mut f),
            Err(e) => f(Item::Skipped(Error::io(path, e))),
        },
        InputKind::Text => match std::fs::metadata(path) {
            Ok(m) if m.is_file() && m.len() > large_above => match check_text_file(path, opts) {
                Ok(note) => {
                    if let Some(note) = note {
                        f(Item::Note(note))?;
                    }
                    let bytes = m.len();
                    let lossy = opts.lossy;
                    let path = path.to_path_buf();
                    sink(Input::Large(LargeText {
                        path,
                        id,
                        bytes,
                        lossy,
                    }))
                }
                Err(e) => f(Item::Skipped(e)),
            },
            _ => one(&mut f, read_text_or_timeml(path, id, opts)),
        },
        InputKind::TimeMl => one(&mut f, read_timeml_notes(path, id, opts)),
        InputKind::Html => one(
            &mut f,
            read_html_file_with(path, id, opts).map(|(d, n)| (d, n.into_iter().collect())),
        ),
        InputKind::Warc => {
            let how = warc::ReadOptions { lossy: opts.lossy };
            warc::read_file(path, &id, how, &mut |item| {
                f(match item {
                    warc::Item::Document(d) => Item::Document(d),
                    warc::Item::Ignored { path, what } => Item::Ignored { path, what },
                    warc::Item::Skipped(e) => Item::Skipped(e),
                    warc::Item::Note(e) => Item::Note(e),
                })
            })
        }
    }
}

/// Reads a web page (`.html`, `.htm`) as one document: its article text
/// and its metadata, dated by the page's own publication date.
pub fn read_html_file_with(
    path: &Path,
    id: String,
    opts: ReadOptions,
) -> Result<(Document, Option<Error>), Error> {
    let (html, note) = read_text_bytes(path, opts)?;
    let page = html::read(&html, None).map_err(|(byte_offset, message)| Error::Html {
        path: path.to_path_buf(),
        byte_offset,
        message,
    })?;
    let doc = Document {
        id,
        id_number: false,
        path: Some(path.to_path_buf()),
        text: page.text,
        dct: page.meta.dct(),
        page: Some(Box::new(page.meta)),
    };
    Ok((doc, note))
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

/// The size of the blocks a large text file is read in.
pub const BLOCK: usize = 64 * 1024;

/// Decodes a text file handed over a block at a time exactly as
/// [`read_text_bytes`] and [`text_document`] decode it whole: a leading
/// byte-order mark dropped, a NUL byte an [`Error::Binary`], invalid UTF-8
/// an [`Error::NotUtf8`] or, when `lossy`, one U+FFFD per bad sequence (a
/// character split between two blocks is put together first). Error offsets
/// count the bytes of the file.
#[derive(Debug)]
pub struct TextDecoder {
    path: PathBuf,
    lossy: bool,
    /// Bytes fed so far.
    fed: usize,
    /// The end of the last block when it may be the start of a character
    /// (or the first bytes, until there are three to compare with a BOM).
    carry: Vec<u8>,
    bom_done: bool,
    replaced: usize,
    first_bad: Option<usize>,
    text: bool,
}

impl TextDecoder {
    /// A decoder for the file `path` (the name errors give).
    pub fn new(path: &Path, lossy: bool) -> TextDecoder {
        TextDecoder {
            path: path.to_path_buf(),
            lossy,
            fed: 0,
            carry: Vec::new(),
            bom_done: false,
            replaced: 0,
            first_bad: None,
            text: false,
        }
    }

    /// Decodes the next block of the file, appending its text to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut String) -> Result<(), Error> {
        if let Some(at) = error::first_nul(bytes) {
            return Err(Error::Binary {
                path: self.path.clone(),
                byte_offset: self.fed + at,
            });
        }
        let start = self.fed - self.carry.len();
        self.fed += bytes.len();
        let joined;
        let data: &[u8] = if self.carry.is_empty() {
            bytes
        } else {
            let mut carry = std::mem::take(&mut self.carry);
            carry.extend_from_slice(bytes);
            joined = carry;
            &joined
        };
        if !self.bom_done && data.len() < 3 {
            self.carry = data.to_vec();
            return Ok(());
        }
        self.decode(data, start, false, out)
    }

    /// Decodes what is left at the end of the file.
    pub fn finish(&mut self, out: &mut String) -> Result<(), Error> {
        let data = std::mem::take(&mut self.carry);
        self.decode(&data, self.fed - data.len(), true, out)
    }

    /// True once a byte other than ASCII white space has come (after a BOM).
    pub fn seen_text(&self) -> bool {
        self.text
    }

    /// How many invalid sequences were replaced, and where the first was.
    pub fn replaced(&self) -> (usize, Option<usize>) {
        (self.replaced, self.first_bad)
    }

    fn decode(
        &mut self,
        mut data: &[u8],
        mut at: usize,
        last: bool,
        out: &mut String,
    ) -> Result<(), Error> {
        if !self.bom_done {
            self.bom_done = true;
            if let Some(rest) = data.strip_prefix(b"\xef\xbb\xbf") {
                data = rest;
                at += 3;
            }
        }
        if !self.text && !data.iter().all(u8::is_ascii_whitespace) {
            self.text = true;
        }
        loop {
            let e = match std::str::from_utf8(data) {
                Ok(s) => {
                    out.push_str(s);
                    return Ok(());
                }
                Err(e) => e,
            };
            let valid = e.valid_up_to();
            if let Ok(s) = std::str::from_utf8(&data[..valid]) {
                out.push_str(s);
            }
            let bad = match e.error_len() {
                Some(n) => n,
                // a character the next block may complete
                None if !last => {
                    self.carry = data[valid..].to_vec();
                    return Ok(());
                }
                None => data.len() - valid,
            };
            let offset = at + valid;
            if !self.lossy {
                return Err(Error::NotUtf8 {
                    path: self.path.clone(),
                    byte_offset: offset,
                });
            }
            self.first_bad.get_or_insert(offset);
            self.replaced += 1;
            out.push(char::REPLACEMENT_CHARACTER);
            data = &data[valid + bad..];
            at = offset + bad;
        }
    }
}

/// Reads into `buf` until it is full or the input ends; the bytes read.
pub fn read_block(r: &mut impl io::Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Checks the text file `path` a block at a time, with the answer
/// [`read_text_bytes`] would give but without holding it: the error that
/// stands in its place (empty, binary, not UTF-8), or the note `--lossy`
/// adds when bad bytes are to be replaced.
pub fn check_text_file(path: &Path, opts: ReadOptions) -> Result<Option<Error>, Error> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // Count bad sequences rather than stop at the first: a NUL byte further
    // on makes the file binary, which comes first.
    let mut decoder = TextDecoder::new(path, true);
    let mut block = vec![0; BLOCK];
    let mut scratch = String::with_capacity(BLOCK + 8);
    loop {
        let n = read_block(&mut file, &mut block).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        scratch.clear();
        decoder.feed(&block[..n], &mut scratch)?;
    }
    decoder.finish(&mut scratch)?;
    if !decoder.seen_text() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    match decoder.replaced() {
        (_, None) => Ok(None),
        (count, Some(first_offset)) if opts.lossy => Ok(Some(Error::Replaced {
            path: path.to_path_buf(),
            first_offset,
            count,
        })),
        (_, Some(byte_offset)) => Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            byte_offset,
        }),
    }
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

/// Reads a file named as plain text: TimeML when it begins as TimeML does
/// ([`timeml::looks_like_timeml`]), else plain text; with its notes.
fn read_text_or_timeml(
    path: &Path,
    id: String,
    opts: ReadOptions,
) -> Result<(Document, Vec<Error>), Error> {
    let (text, note) = read_text_bytes(path, opts)?;
    let mut notes: Vec<Error> = note.into_iter().collect();
    if timeml::looks_like_timeml(&text) {
        let (doc, more) = timeml_document(path, id, &text)?;
        notes.extend(more);
        return Ok((doc, notes));
    }
    Ok((text_document(id, Some(path.to_path_buf()), text)?, notes))
}

/// Makes a plain-text document, taking the DCT from a leading `Date:` line.
pub fn text_document(id: String, path: Option<PathBuf>, text: String) -> Result<Document, Error> {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let dct = date_line(&text).map_err(|e| bad_date_line(&id, path.as_deref(), e))?;
    Ok(Document {
        id,
        id_number: false,
        path,
        text,
        dct,
        page: None,
    })
}

/// The DCT from a first non-empty line `Date: …`; `Err((line, message))`
/// when that line's date cannot be read.
fn date_line(text: &str) -> Result<Option<Dct>, (usize, String)> {
    let Some((index, line)) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else {
        return Ok(None);
    };
    date_of_line(index, line)
}

/// The DCT that the first non-empty line, line `index` (from 0), gives.
fn date_of_line(index: usize, line: &str) -> Result<Option<Dct>, (usize, String)> {
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
            // Keep what Dct::parse knows of a day that does not exist or
            // a year outside the accepted range.
            let detail = crate::article::document::refusal_detail(&m);
            (
                index + 1,
                format!("expected a date like 2016-07-15 after \"Date:\", found {value:?}{detail}"),
            )
        })
}

/// The longest first line a [`DateLine`] holds: a `Date:` line this long
/// cannot hold a date, and is reported with its first this many bytes.
const DATE_LINE_CAP: usize = 64 * 1024;

/// Finds the DCT of a leading `Date:` line in text handed over a piece at a
/// time, with the same answer as [`text_document`] over the whole text
/// (except that a `Date:` line longer than 64 KiB, which never holds a date,
/// is quoted in the error only in part). It holds only the first
/// non-empty line, and only while that line starts `Date:`.
#[derive(Debug, Default)]
pub struct DateLine {
    /// Lines before the current one.
    index: usize,
    /// The current line, its leading white space dropped.
    pending: String,
    decided: Option<Result<Option<Dct>, (usize, String)>>,
}

impl DateLine {
    pub fn new() -> DateLine {
        DateLine::default()
    }

    /// Reads the next piece of text (after a leading byte-order mark).
    pub fn feed(&mut self, text: &str) {
        if self.decided.is_some() {
            return;
        }
        for piece in text.split_inclusive('\n') {
            let (mut content, ends) = match piece.strip_suffix('\n') {
                Some(c) => (c, true),
                None => (piece, false),
            };
            if self.pending.is_empty() {
                content = content.trim_start();
            }
            let room = DATE_LINE_CAP.saturating_sub(self.pending.len());
            let cut = floor_char_boundary(content, room);
            self.pending.push_str(&content[..cut]);
            let head = self.pending.as_bytes().get(..5);
            if ends && self.pending.trim().is_empty() {
                self.index += 1;
                self.pending.clear();
            } else if ends || cut < content.len() {
                self.decided = Some(date_of_line(self.index, &self.pending));
            } else if head.is_some_and(|h| !h.eq_ignore_ascii_case(b"date:")) {
                // the line cannot be a `Date:` line, however it goes on
                self.decided = Some(Ok(None));
            }
            if self.decided.is_some() {
                self.pending = String::new();
                return;
            }
        }
    }

    /// True while everything read so far is white space.
    pub fn all_blank(&self) -> bool {
        self.decided.is_none() && self.pending.is_empty()
    }

    /// The answer, once the text read so far gives it.
    pub fn decided(&self) -> Option<&Result<Option<Dct>, (usize, String)>> {
        self.decided.as_ref()
    }

    /// The answer: the one already given, or the one at the end of the text.
    pub fn finish(&mut self) -> Result<Option<Dct>, (usize, String)> {
        let answer = match &self.decided {
            Some(d) => d.clone(),
            None if self.pending.trim().is_empty() => Ok(None),
            None => date_of_line(self.index, &self.pending),
        };
        self.pending = String::new();
        self.decided = Some(answer.clone());
        answer
    }
}

/// The largest char boundary of `s` at or below `i`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The error a `Date:` line that cannot be read makes for document `id`.
pub fn bad_date_line(id: &str, path: Option<&Path>, (line, message): (usize, String)) -> Error {
    let name = path.map_or_else(|| id.to_string(), |p| p.display().to_string());
    Error::BadDct {
        origin: format!("{name}: line {line}"),
        message,
    }
}

/// Reads a TimeML file as one document: the plain text of `<TEXT>` and the `<DCT>`.
pub fn read_timeml_file(path: &Path, id: String) -> Result<Document, Error> {
    read_timeml_file_with(path, id, ReadOptions::default()).map(|(d, _)| d)
}

/// Reads a TimeML file as one document, with the first note reading it
/// gave (`opts.lossy` replacing bad bytes, a malformed article date).
pub fn read_timeml_file_with(
    path: &Path,
    id: String,
    opts: ReadOptions,
) -> Result<(Document, Option<Error>), Error> {
    read_timeml_notes(path, id, opts).map(|(d, notes)| (d, notes.into_iter().next()))
}

/// Reads a TimeML file as one document, with every note reading it gave.
fn read_timeml_notes(
    path: &Path,
    id: String,
    opts: ReadOptions,
) -> Result<(Document, Vec<Error>), Error> {
    let (xml, note) = read_text_bytes(path, opts)?;
    let (document, more) = timeml_document(path, id, &xml)?;
    Ok((document, note.into_iter().chain(more).collect()))
}

/// The document of TimeML `xml` read from `path`, and a note when its
/// article date was malformed (repaired or ignored, never the reason the
/// document is lost).
pub fn timeml_document(
    path: &Path,
    id: String,
    xml: &str,
) -> Result<(Document, Option<Error>), Error> {
    let doc = timeml::parse(xml, path)?;
    let note = doc.dct_note.map(|message| Error::DctNote {
        path: path.to_path_buf(),
        message,
    });
    let document = Document {
        id,
        id_number: false,
        path: Some(path.to_path_buf()),
        text: doc.text,
        dct: doc.dct,
        page: None,
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
            Item::Note(_) | Item::Ignored { .. } => ControlFlow::Continue(()),
        },
    )
}

/// [`read_jsonl`] with [`ReadOptions`]. A line holding a NUL byte makes a
/// file binary: it is reported once and the rest is not read. An input with
/// no record at all is [`Error::Empty`].
pub fn read_jsonl_items<R: BufRead>(
    reader: R,
    origin: &Path,
    doc_path: Option<&Path>,
    opts: ReadOptions,
    f: &mut impl FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    read_jsonl_lines(reader, origin, doc_path, opts, false, f)
}

/// Reads JSON lines from a stream (standard input in a pipe): every line is
/// its own record or error (a NUL byte spoils its line, not the stream), and
/// an empty stream is no error (an empty partition of a cluster job).
pub fn read_jsonl_stream<R: BufRead>(
    reader: R,
    origin: &Path,
    opts: ReadOptions,
    f: &mut impl FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    read_jsonl_lines(reader, origin, None, opts, true, f)
}

fn read_jsonl_lines<R: BufRead>(
    mut reader: R,
    origin: &Path,
    doc_path: Option<&Path>,
    opts: ReadOptions,
    stream: bool,
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
            Ok(0) if records == 0 && !stream => {
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
        let bad_line = |kind, message: String| Error::Jsonl {
            source_name: source_name.clone(),
            line: line_no,
            offset: start,
            id: recover_id(bytes),
            kind,
            message,
        };
        if let Some(at) = error::first_nul(bytes) {
            if !stream {
                return f(Item::Skipped(Error::Binary {
                    path: origin.to_path_buf(),
                    byte_offset: start + skipped + at,
                }));
            }
            records += 1;
            let message = format!(
                "expected text, found a NUL byte at byte {} of the line",
                skipped + at
            );
            f(Item::Skipped(bad_line(LineError::NulByte, message)))?;
            continue;
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
                let message = format!(
                    "not valid UTF-8 at byte {} of the line; expected UTF-8 text (--lossy replaces bad bytes)",
                    skipped + e.valid_up_to()
                );
                f(Item::Skipped(bad_line(LineError::NotUtf8, message)))?;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        records += 1;
        let at = LineAt {
            source_name: &source_name,
            line: line_no,
            offset: start,
        };
        f(match jsonl_document_at(line, at, doc_path) {
            Ok(d) => Item::Document(d),
            Err(e) => Item::Skipped(e),
        })?;
    }
}

/// The `id` of a JSON line that could not be read as a record, read
/// leniently from its start (`{"id": "a-17", …` or `{"id": 17, …`) and
/// given back as JSON (`"a-17"`, `17`), so that an error can still say
/// which document it was.
fn recover_id(bytes: &[u8]) -> Option<String> {
    let s = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let rest = s.split_once("\"id\"")?.1.trim_start().strip_prefix(':')?;
    let rest = rest.trim_start();
    if rest.starts_with('"') {
        // the shortest prefix that is a JSON string
        let mut escaped = false;
        for (i, c) in rest.char_indices().skip(1) {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    let text: String = serde_json::from_str(&rest[..=i]).ok()?;
                    return serde_json::to_string(&text).ok();
                }
                _ => escaped = false,
            }
        }
        return None;
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(rest.len());
    if rest[end..].starts_with(['.', 'e', 'E']) {
        return None;
    }
    let n: serde_json::Number = serde_json::from_str(&rest[..end]).ok()?;
    (n.is_i64() || n.is_u64()).then(|| n.to_string())
}

/// Where a JSON line is: for errors.
#[derive(Debug, Clone, Copy)]
pub struct LineAt<'a> {
    /// The file name, or `<stdin>`.
    pub source_name: &'a str,
    /// 1-based line number.
    pub line: usize,
    /// Byte offset of the line in the input.
    pub offset: usize,
}

/// Parses one JSON line `{"id": …, "text": …, "dct": …}` into a document.
pub fn jsonl_document(
    line: &str,
    source_name: &str,
    line_no: usize,
    path: Option<&Path>,
) -> Result<Document, Error> {
    let at = LineAt {
        source_name,
        line: line_no,
        offset: 0,
    };
    jsonl_document_at(line, at, path)
}

/// [`jsonl_document`] for a line at a known place in its input. The `id`
/// may be a string or an integer; an integer is written back as one.
pub fn jsonl_document_at(
    line: &str,
    at: LineAt<'_>,
    path: Option<&Path>,
) -> Result<Document, Error> {
    let err = |kind: LineError, message: String, id: &Option<String>| Error::Jsonl {
        source_name: at.source_name.to_string(),
        line: at.line,
        offset: at.offset,
        id: id.clone().or_else(|| recover_id(line.as_bytes())),
        kind,
        message,
    };
    let line = line.trim_end_matches(['\n', '\r']);
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        err(
            LineError::MalformedJson,
            format!(
                "expected a JSON object like {{\"id\": …, \"text\": …}}, found malformed JSON ({e})"
            ),
            &None,
        )
    })?;
    let serde_json::Value::Object(mut map) = value else {
        return Err(err(
            LineError::NotAnObject,
            format!(
                "expected a JSON object like {{\"id\": …, \"text\": …}}, found {}",
                json_kind(&value)
            ),
            &None,
        ));
    };
    let (id, id_number) = match map.remove("id") {
        None | Some(serde_json::Value::Null) => {
            return Err(err(
                LineError::MissingField,
                "expected an \"id\" field, found none".to_string(),
                &None,
            ));
        }
        Some(serde_json::Value::String(s)) => (s, false),
        Some(serde_json::Value::Number(n)) if n.is_i64() || n.is_u64() => (n.to_string(), true),
        Some(other) => {
            return Err(err(
                LineError::WrongType,
                format!(
                    "expected \"id\" to be a string or an integer, found {}",
                    json_kind(&other)
                ),
                &None,
            ));
        }
    };
    // the id as JSON, for errors from here on
    let id_read = Some(match id_number {
        true => id.clone(),
        false => serde_json::Value::String(id.clone()).to_string(),
    });
    // taken out of the map, not copied: the text can be megabytes
    let mut string_field = |key: &str| -> Result<Option<String>, Error> {
        match map.remove(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(err(
                LineError::WrongType,
                format!(
                    "expected \"{key}\" to be a string, found {}",
                    json_kind(&other)
                ),
                &id_read,
            )),
        }
    };
    let (text, page) = match (string_field("text")?, string_field("html")?) {
        (Some(text), None) => (text, None),
        (None, Some(html)) => {
            let url = string_field("url")?;
            let page = html::read(&html, url.as_deref()).map_err(|(at, message)| {
                let message = match at {
                    Some(b) => format!("\"html\": byte {b}: {message}"),
                    None => format!("\"html\": {message}"),
                };
                err(LineError::BadHtml, message, &id_read)
            })?;
            let mut meta = page.meta;
            if let Some(u) = url {
                meta.url.get_or_insert(u);
            }
            (page.text, Some(Box::new(meta)))
        }
        (Some(_), Some(_)) => {
            return Err(err(
                LineError::WrongType,
                "expected either a \"text\" or an \"html\" field, found both".to_string(),
                &id_read,
            ));
        }
        (None, None) => {
            return Err(err(
                LineError::MissingField,
                "expected a \"text\" field (or \"html\" for a web page), found none".to_string(),
                &id_read,
            ));
        }
    };
    let dct = match string_field("dct")? {
        None => None,
        Some(s) => Some(Dct::parse(&s, DctSource::Document).map_err(|m| {
            err(
                LineError::BadDct,
                format!(
                    "expected \"dct\" to be a date like 2016-07-15, found {s:?}{}",
                    crate::article::document::refusal_detail(&m)
                ),
                &id_read,
            )
        })?),
    };
    let dct = dct.or_else(|| page.as_ref().and_then(|p| p.dct()));
    Ok(Document {
        id,
        id_number,
        path: path.map(Path::to_path_buf),
        text,
        dct,
        page,
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
    walk_except(dir, keep, &Exclude::default())
}

/// [`walk`], passing over the files and folders of `exclude`.
pub fn walk_except(
    dir: &Path,
    keep: impl Fn(&Path) -> bool,
    exclude: &Exclude,
) -> Vec<Result<PathBuf, Error>> {
    walk_noting(dir, keep, exclude, &mut Vec::new())
}

/// [`walk_except`], adding to `passed` the files (not hidden, not links,
/// not excluded) for which `keep` does not hold.
pub fn walk_noting(
    dir: &Path,
    keep: impl Fn(&Path) -> bool,
    exclude: &Exclude,
    passed: &mut Vec<PathBuf>,
) -> Vec<Result<PathBuf, Error>> {
    let mut out = Vec::new();
    walk_into(dir, &keep, exclude, &mut out, passed);
    out
}

fn walk_into(
    dir: &Path,
    keep: &impl Fn(&Path) -> bool,
    exclude: &Exclude,
    out: &mut Vec<Result<PathBuf, Error>>,
    passed: &mut Vec<PathBuf>,
) {
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
        if (file_type.is_dir() || keep(&path)) && exclude.contains(&path) {
            continue;
        }
        if file_type.is_dir() {
            walk_into(&path, keep, exclude, out, passed);
        } else if file_type.is_file() && keep(&path) {
            out.push(Ok(path));
        } else if file_type.is_file() {
            passed.push(path);
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
            "f.jsonl: line 7: expected a JSON object like {\"id\": …, \"text\": …}, found an array (byte 0)"
        );
        assert_eq!(
            e(r#"{"text":"x"}"#),
            "f.jsonl: line 7: expected an \"id\" field, found none (byte 0)"
        );
        assert_eq!(
            e(r#"{"id":"a"}"#),
            "f.jsonl: line 7: expected a \"text\" field (or \"html\" for a web page), found none (id \"a\", byte 0)"
        );
        assert_eq!(
            e(r#"{"id":3.5,"text":"x"}"#),
            "f.jsonl: line 7: expected \"id\" to be a string or an integer, found a number (byte 0)"
        );
        assert_eq!(
            e(r#"{"id":"a","text":"x","dct":"July"}"#),
            "f.jsonl: line 7: expected \"dct\" to be a date like 2016-07-15, found \"July\" (id \"a\", byte 0)"
        );
        // an integer id is read, and its digits kept
        let d = jsonl_document(r#"{"id":900489,"text":"x"}"#, "f.jsonl", 7, None).unwrap();
        assert_eq!((d.id.as_str(), d.id_number), ("900489", true));
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
            "<stdin>: line 4: not valid UTF-8 at byte 18 of the line; expected UTF-8 text (--lossy replaces bad bytes) (id \"c\", byte 28)"
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
