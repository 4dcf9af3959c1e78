//! One huge plain-text document, tagged a window at a time in bounded
//! memory, with the same output as tagging it whole.
//!
//! The text is read in blocks of [`ingest::BLOCK`] bytes and decoded as
//! [`ingest::read_text_bytes`] decodes a whole file ([`TextDecoder`]). The
//! DCT comes from a leading `Date:` line as [`ingest::text_document`] finds
//! it ([`DateLine`]). Then the text is scanned range by range with
//! [`tag::scan_range`]: each range of `range` bytes is scanned in a window
//! that holds [`tag::CONTEXT`] bytes of the document before and after it,
//! which is what the grammar and the resolver's tense reader look at, and
//! its candidates are resolved by one [`DocumentResolver`], whose memory of
//! the narrative carries over from window to window. Each window's
//! mentions are written out before the next is read.
//!
//! Memory: about `range` + 2 × [`tag::CONTEXT`] bytes of text, and the
//! mentions of one range. The grammar may look across a run of white space
//! of any length ("May 5," then 100,000 spaces, then "2016"), so a window
//! edge never falls inside a run of white space longer than 4 KiB: the
//! window grows to take the whole run and [`tag::CONTEXT`] bytes beyond it.
//! Only a text with such runs the size of the document needs that much.

use crate::article::document::Dct;
use crate::article::ingest::{self, DateLine, LargeText, TextDecoder};
use crate::engine::narrative::Reference;
use crate::engine::resolve::DocumentResolver;
use crate::engine::tag::Grammar;
use crate::engine::tag::{self, CONTEXT};
use crate::engine::timex::Mention;
use crate::error::Error;
use crate::output::format::{self, StreamFormat};
use crate::progress::Progress;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The environment variable that sets [`Windows::from_env`]: documents of
/// more than N bytes are tagged in ranges of N bytes. For tests, so small
/// files take the windowed path.
pub const ENV: &str = "CHRONICLER_WINDOW_BYTES";

/// A run of white space at least this long never straddles a window edge.
const LONG_RUN: usize = 4096;

/// When a document is tagged a window at a time, and in ranges of what size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Windows {
    /// Plain-text files of more than this many bytes are tagged in windows;
    /// smaller ones are read whole (and tagged in parallel with others).
    pub above: u64,
    /// Bytes scanned per window (besides the context either side).
    pub range: usize,
}

impl Default for Windows {
    fn default() -> Self {
        Windows {
            above: 32 << 20,
            range: 1 << 20,
        }
    }
}

impl Windows {
    /// The defaults, or N for both when [`ENV`] is set to a number N ≥ 1.
    pub fn from_env() -> Windows {
        match std::env::var(ENV)
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
        {
            Some(n) if n > 0 => Windows {
                above: n as u64,
                range: n,
            },
            _ => Windows::default(),
        }
    }
}

/// How [`tag_text`] reads and writes one document.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions<'a> {
    /// Bytes scanned per window.
    pub range: usize,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// The DCT when the text has no `Date:` line.
    pub dct: Option<&'a Dct>,
    pub format: StreamFormat,
    /// What year-less expressions count from (`--reference`).
    pub reference: Reference,
}

/// What [`tag_text`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct TextSummary {
    /// Bytes of text (as decoded, without a byte-order mark).
    pub bytes: u64,
    pub mentions: u64,
    pub dct: Option<Dct>,
}

/// Why [`tag_text`] stopped, and whether part of the record was written
/// by then (it was not when the document is empty, binary from its first
/// block, or has a bad `Date:` line; use [`ingest::check_text_file`] first
/// to learn of the others before writing anything).
#[derive(Debug)]
pub struct TextError {
    pub error: Error,
    pub wrote: bool,
}

/// Tags the file `large` (checked by [`ingest::for_each_input`]) as `opts`
/// say (its own `lossy` aside), writing its record to `out`.
pub fn tag_large(
    large: &LargeText,
    opts: TextOptions,
    g: &Grammar,
    out: &mut dyn Write,
    progress: &Progress,
) -> Result<TextSummary, TextError> {
    let file = std::fs::File::open(&large.path).map_err(|e| TextError {
        error: Error::io(&large.path, e),
        wrote: false,
    })?;
    let opts = TextOptions {
        lossy: large.lossy,
        ..opts
    };
    tag_text(file, &large.id, Some(&large.path), &opts, g, out, progress)
}

/// Tags one plain-text document read from `reader` a window at a time and
/// writes its record to `out`, byte for byte what tagging the whole text
/// and rendering it gives: for JSON lines the line `{"id", "dct",
/// "mentions"}`, for CSV its rows (the header is the caller's). `path`
/// names the document in errors (else `id` does). `progress` counts the
/// text's bytes as they are done, and the document at the end.
pub fn tag_text(
    reader: impl Read,
    id: &str,
    path: Option<&Path>,
    opts: &TextOptions,
    g: &Grammar,
    out: &mut dyn Write,
    progress: &Progress,
) -> Result<TextSummary, TextError> {
    let name = path.map_or_else(|| PathBuf::from(id), Path::to_path_buf);
    let before = |error| TextError {
        error,
        wrote: false,
    };
    let mut text = Text {
        reader,
        decoder: TextDecoder::new(&name, opts.lossy),
        block: vec![0; ingest::BLOCK],
        eof: false,
        buf: String::new(),
        base: 0,
        date: DateLine::new(),
        name: name.clone(),
    };
    while text.date.decided().is_none() && text.more().map_err(before)? {}
    let dct = match text.date.finish() {
        Ok(found) => found.or_else(|| opts.dct.cloned()),
        Err(e) => return Err(before(ingest::bad_date_line(id, path, e))),
    };
    if text.eof && !text.decoder.seen_text() {
        return Err(before(Error::Empty { path: name }));
    }

    let mut sink = Sink::new(out, opts.format);
    let output = |e: io::Error| TextError {
        error: Error::io("<output>", e),
        wrote: true,
    };
    let after = |error| TextError { error, wrote: true };
    sink.start(id, dct.as_ref()).map_err(output)?;
    let mut resolver = DocumentResolver::new(dct.as_ref(), g).with_reference(opts.reference);
    let mut mentions = Vec::new();
    let mut count = 0u64;
    let range = opts.range.max(1);
    let mut pos = 0usize;
    loop {
        let want = pos.saturating_add(range);
        text.fill_to(want.saturating_add(CONTEXT)).map_err(after)?;
        text.take_whole_space_run().map_err(after)?;
        let base = text.base;
        let stop = text.buf.ceil_char_boundary(want.min(text.end()) - base);
        let (candidates, next) = tag::scan_range(&text.buf, pos - base, stop, g);
        resolver.resolve_window(&text.buf, base, &candidates, &mut mentions);
        sink.mentions(id, &mentions).map_err(output)?;
        count += mentions.len() as u64;
        mentions.clear();
        resolver.count_to(&text.buf, base, base + next);
        progress.add(0, (base + next - pos) as u64);
        pos = base + next;
        if text.eof && pos >= text.end() {
            break;
        }
        text.drop_before(pos);
    }
    sink.finish().map_err(output)?;
    progress.add(1, 0);
    Ok(TextSummary {
        bytes: pos as u64,
        mentions: count,
        dct,
    })
}

/// The document being read: `buf` holds its text from byte `base` on.
struct Text<R> {
    reader: R,
    decoder: TextDecoder,
    block: Vec<u8>,
    eof: bool,
    buf: String,
    base: usize,
    date: DateLine,
    name: PathBuf,
}

impl<R: Read> Text<R> {
    /// The byte after the last one read.
    fn end(&self) -> usize {
        self.base + self.buf.len()
    }

    /// Reads and decodes one more block; false at the end of the text.
    fn more(&mut self) -> Result<bool, Error> {
        if self.eof {
            return Ok(false);
        }
        let n = ingest::read_block(&mut self.reader, &mut self.block)
            .map_err(|e| Error::io(&self.name, e))?;
        let old = self.buf.len();
        if n == 0 {
            self.eof = true;
            self.decoder.finish(&mut self.buf)?;
        } else {
            self.decoder.feed(&self.block[..n], &mut self.buf)?;
        }
        self.date.feed(&self.buf[old..]);
        Ok(true)
    }

    /// Reads until the text reaches byte `end` or ends.
    fn fill_to(&mut self, end: usize) -> Result<(), Error> {
        while self.end() < end && self.more()? {}
        Ok(())
    }

    /// When the text read so far ends in a long run of white space, reads
    /// to its end and [`CONTEXT`] bytes beyond (and again if those end in one).
    fn take_whole_space_run(&mut self) -> Result<(), Error> {
        loop {
            let run_start = self.buf.trim_end().len();
            if self.eof || self.buf.len() - run_start < LONG_RUN {
                return Ok(());
            }
            let mut checked = run_start;
            while self.buf[checked..].trim_start().is_empty() {
                checked = self.buf.len();
                if !self.more()? {
                    break;
                }
            }
            let rest = &self.buf[run_start..];
            let after_run = run_start + (rest.len() - rest.trim_start().len());
            self.fill_to(self.base + after_run + CONTEXT)?;
        }
    }

    /// Drops the text that no range from byte `pos` on looks at: all but
    /// [`CONTEXT`] bytes before `pos`, and a long run of white space there
    /// with [`CONTEXT`] bytes before it.
    fn drop_before(&mut self, pos: usize) {
        let buf = &self.buf;
        let mut keep = buf.floor_char_boundary((pos - self.base).saturating_sub(CONTEXT));
        while keep > 0 {
            let run_start = buf[..keep].trim_end().len();
            let rest = &buf[keep..];
            let run_end = keep + (rest.len() - rest.trim_start().len());
            if run_end - run_start < LONG_RUN {
                break;
            }
            keep = buf.floor_char_boundary(run_start.saturating_sub(CONTEXT));
        }
        if keep > 0 {
            self.buf.drain(..keep);
            self.base += keep;
        }
    }
}

/// Where the record goes, a piece at a time.
enum Sink<'a> {
    /// The JSON line, and whether a mention has been written.
    Jsonl(&'a mut dyn Write, bool),
    Csv(Box<::csv::Writer<&'a mut dyn Write>>),
}

impl<'a> Sink<'a> {
    fn new(out: &'a mut dyn Write, format: StreamFormat) -> Sink<'a> {
        match format {
            StreamFormat::Jsonl => Sink::Jsonl(out, false),
            StreamFormat::Csv => Sink::Csv(Box::new(format::csv_writer(out))),
        }
    }

    /// What comes before the mentions: what serde_json writes for
    /// [`crate::output::jsonl::Record`] up to its `mentions` array.
    fn start(&mut self, id: &str, dct: Option<&Dct>) -> io::Result<()> {
        let Sink::Jsonl(w, _) = self else {
            return Ok(());
        };
        w.write_all(b"{\"id\":")?;
        serde_json::to_writer(&mut **w, id)?;
        w.write_all(b",\"dct\":")?;
        serde_json::to_writer(&mut **w, &dct)?;
        w.write_all(b",\"mentions\":[")
    }

    fn mentions(&mut self, id: &str, mentions: &[Mention]) -> io::Result<()> {
        match self {
            Sink::Jsonl(w, any) => {
                for m in mentions {
                    if *any {
                        w.write_all(b",")?;
                    }
                    *any = true;
                    serde_json::to_writer(&mut **w, m)?;
                }
                Ok(())
            }
            Sink::Csv(w) => {
                for m in mentions {
                    w.write_record(crate::output::csv::row(id, m))
                        .map_err(format::csv_io)?;
                }
                Ok(())
            }
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Jsonl(w, _) => w.write_all(b"]}\n"),
            Sink::Csv(mut w) => w.flush(),
        }
    }
}
