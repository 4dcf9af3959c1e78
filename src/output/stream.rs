//! Streaming `tag`: documents in, one output record per document out, in
//! input order, in bounded memory, on all cores.
//!
//! A reader thread reads documents (JSON lines from standard input or a
//! file, or the files of a folder) into batches of at most
//! [`StreamOptions::batch_docs`] documents or [`StreamOptions::batch_bytes`]
//! bytes of text and hands them over a channel that holds at most one
//! waiting batch. The calling thread tags each batch in parallel on a rayon
//! pool of [`StreamOptions::threads`] threads, rendering every document to
//! its own buffer, then writes the buffers in input order. So at most three
//! batches are alive at once (being read, waiting, being tagged), whatever
//! the size of the input, and reading overlaps tagging.
//!
//! A plain-text file too large to read whole ([`Input::Large`]) travels in
//! a batch of its own and is tagged a window at a time on the calling
//! thread (see [`crate::output::window`]), its record written as it goes.
//!
//! This is the map-step contract for cluster use (Spark `RDD.pipe`, Hadoop
//! Streaming): each input line yields exactly one output line, in the same
//! order, and no state is carried from one document to the next.

use crate::article::document::Dct;
use crate::article::document::Document;
use crate::article::ingest::LargeText;
use crate::engine::narrative::Reference;
use crate::engine::tag::Grammar;
use crate::error::Error;
use crate::output::format::{StreamFormat, csv_io, csv_writer};
use crate::output::tagged::Tagged;
use crate::output::window;
use crate::output::{csv, jsonl};
use crate::progress::Progress;
use rayon::prelude::*;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::mpsc;

/// How [`tag_stream`] runs.
#[derive(Debug, Clone)]
pub struct StreamOptions {
    /// Tagging threads; 0 means one per core.
    pub threads: usize,
    /// Most documents in one batch.
    pub batch_docs: usize,
    /// Most bytes of text in one batch (a batch holds at least one document).
    pub batch_bytes: usize,
    /// The creation date for documents that carry none.
    pub dct: Option<Dct>,
    pub format: StreamFormat,
    /// Bytes scanned per window in an [`Input::Large`] document.
    pub window_range: usize,
    /// Write a bad JSON line's error record in its place in the output
    /// ([`jsonl::write_error`]), so every input line gives one output line.
    pub error_records: bool,
    /// What year-less expressions count from (`--reference`).
    pub reference: Reference,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            threads: 0,
            batch_docs: 512,
            batch_bytes: 4 << 20,
            dct: None,
            format: StreamFormat::Jsonl,
            window_range: crate::output::window::Windows::default().range,
            error_records: false,
            reference: Reference::default(),
        }
    }
}

/// What a stream did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents tagged and written.
    pub documents: u64,
    /// Bytes of their text.
    pub bytes: u64,
    /// Errors handed to the error handler.
    pub errors: u64,
}

/// A function that reads documents and hands each (or the error standing in
/// its place) to its argument, in input order, until that breaks; e.g.
/// `move |f| ingest::for_each_document(&path, f)`.
pub type Source =
    Box<dyn FnOnce(&mut dyn FnMut(Result<Document, Error>) -> ControlFlow<()>) + Send>;

/// One input of [`tag_stream_inputs`].
#[derive(Debug)]
pub enum Input {
    /// A document read (or the error that stands in its place).
    Document(Result<Document, Error>),
    /// A plain-text file to be tagged a window at a time.
    Large(LargeText),
}

/// A [`Source`] that may also yield [`Input::Large`] files; e.g.
/// `move |f| ingest::for_each_input(&path, opts, above, …)`.
pub type InputSource = Box<dyn FnOnce(&mut dyn FnMut(Input) -> ControlFlow<()>) + Send>;

/// Tags every document `source` yields and writes the records to `out` in
/// input order. Errors from the source are passed, in order, to `on_error`:
/// returning `Err` stops the stream with that error (`--strict`), `Ok`
/// goes on. `progress` counts documents as they are written.
pub fn tag_stream(
    source: Source,
    opts: &StreamOptions,
    grammar: &Grammar,
    out: &mut dyn Write,
    progress: &Progress,
    on_error: &mut dyn FnMut(Error) -> Result<(), Error>,
) -> Result<Summary, Error> {
    let inputs: InputSource = Box::new(move |f| source(&mut |item| f(Input::Document(item))));
    tag_stream_inputs(inputs, opts, grammar, out, progress, on_error)
}

/// [`tag_stream`] over a source that may also yield large files, each
/// tagged in bounded memory (see [`crate::output::window`]) in its place in the
/// output. A large file that fails before any of its record is written
/// (a bad `Date:` line) goes to `on_error` like any other; one that fails
/// after (it changed or became unreadable while being read) stops the stream.
pub fn tag_stream_inputs(
    source: InputSource,
    opts: &StreamOptions,
    grammar: &Grammar,
    out: &mut dyn Write,
    progress: &Progress,
    on_error: &mut dyn FnMut(Error) -> Result<(), Error>,
) -> Result<Summary, Error> {
    // One tagging thread is the calling thread: no pool to start or hand over to.
    let pool = match opts.threads {
        1 => None,
        n => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| {
                    Error::Usage(format!("expected to start tagging threads, found {e}"))
                })?,
        ),
    };
    let batch_docs = opts.batch_docs.max(1);
    let batch_bytes = opts.batch_bytes.max(1);

    // One batch waits in the channel while the next is read and the previous is tagged.
    let (tx, rx) = mpsc::sync_channel::<Vec<Input>>(1);
    // Detached: when the stream stops early the reader may be blocked on
    // standard input; it ends at its next send, or with the process.
    let reader = std::thread::Builder::new()
        .name("chronicler-reader".into())
        .spawn(move || {
            let mut batch = Vec::with_capacity(batch_docs);
            let mut bytes = 0usize;
            let mut gone = false;
            // Hands the batch over and starts the next; false once the
            // stream has stopped taking them.
            let send = |batch: &mut Vec<Input>, bytes: &mut usize| {
                *bytes = 0;
                let full = std::mem::replace(batch, Vec::with_capacity(batch_docs));
                tx.send(full).is_ok()
            };
            let mut push = |item: Input| {
                let large = matches!(item, Input::Large(_));
                // a large file travels alone, after the batch before it
                if large && !batch.is_empty() && !send(&mut batch, &mut bytes) {
                    gone = true;
                    return ControlFlow::Break(());
                }
                if let Input::Document(Ok(d)) = &item {
                    bytes += d.text.len();
                }
                batch.push(item);
                let full = large || batch.len() >= batch_docs || bytes >= batch_bytes;
                if full && !send(&mut batch, &mut bytes) {
                    gone = true;
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            };
            source(&mut push);
            if !gone && !batch.is_empty() {
                let _ = tx.send(batch);
            }
        })
        .map_err(|e| Error::Usage(format!("expected to start the reader thread, found {e}")))?;

    let mut summary = Summary::default();
    let stdout_name = Path::new("<output>");
    if opts.format == StreamFormat::Csv {
        let mut w = csv_writer(&mut *out);
        w.write_record(csv::HEADER)
            .and_then(|()| w.flush().map_err(Into::into))
            .map_err(|e| Error::io(stdout_name, csv_io(e)))?;
    }
    for batch in rx {
        if let [Input::Large(large)] = batch.as_slice() {
            let text_opts = window::TextOptions {
                range: opts.window_range,
                lossy: large.lossy,
                dct: opts.dct.as_ref(),
                format: opts.format,
                reference: opts.reference,
            };
            match window::tag_large(large, text_opts, grammar, out, progress) {
                Ok(done) => {
                    summary.documents += 1;
                    summary.bytes += done.bytes;
                }
                Err(e) if !e.wrote => {
                    summary.errors += 1;
                    on_error(e.error)?;
                }
                Err(e) => return Err(e.error),
            }
            continue;
        }
        let render = |item| match item {
            Input::Document(d) => Some(d.map(|d| render_one(d, opts, grammar))),
            Input::Large(_) => None,
        };
        let mut emit = |item: Result<(Vec<u8>, usize), Error>| match item {
            Ok((bytes, text_len)) => {
                out.write_all(&bytes)
                    .map_err(|e| Error::io(stdout_name, e))?;
                summary.documents += 1;
                summary.bytes += text_len as u64;
                progress.add(1, text_len as u64);
                Ok(())
            }
            Err(e) => {
                summary.errors += 1;
                if opts.error_records {
                    jsonl::write_error(out, &e, false).map_err(|e| Error::io(stdout_name, e))?;
                }
                on_error(e)
            }
        };
        match &pool {
            Some(pool) => {
                let rendered: Vec<_> =
                    pool.install(|| batch.into_par_iter().filter_map(render).collect());
                rendered.into_iter().try_for_each(&mut emit)?;
            }
            // one thread: each record is written as soon as it is made
            None => batch
                .into_iter()
                .filter_map(render)
                .try_for_each(&mut emit)?,
        }
    }
    out.flush().map_err(|e| Error::io(stdout_name, e))?;
    // The channel closed, so the reader has finished.
    let _ = reader.join();
    Ok(summary)
}

/// Tags one document and renders its record; also returns its text length.
fn render_one(mut document: Document, opts: &StreamOptions, grammar: &Grammar) -> (Vec<u8>, usize) {
    if document.dct.is_none() {
        document.dct.clone_from(&opts.dct);
    }
    let mentions = crate::engine::annotate_with(
        &document.text,
        document.dct.as_ref(),
        grammar,
        opts.reference,
    );
    let len = document.text.len();
    let tagged = Tagged { document, mentions };
    let mut buf = Vec::with_capacity(256 + tagged.mentions.len() * 256);
    // Writing to a Vec cannot fail.
    let _ = match opts.format {
        StreamFormat::Jsonl => jsonl::write_one(&mut buf, &tagged),
        StreamFormat::Csv => {
            let mut w = csv_writer(&mut buf);
            tagged
                .mentions
                .iter()
                .try_for_each(|m| w.write_record(csv::row(&tagged.document.id, m)))
                .and_then(|()| w.flush().map_err(Into::into))
                .map_err(csv_io)
        }
    };
    (buf, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(n: usize) -> Vec<Document> {
        (0..n)
            .map(|i| Document {
                id: format!("d{i}"),
                id_number: false,
                path: None,
                text: format!("Item {i}: it happened on July {}, 2016.", i % 28 + 1),
                dct: None,
                page: None,
            })
            .collect()
    }

    fn run(n: usize, threads: usize, batch_docs: usize, format: StreamFormat) -> (String, Summary) {
        let items = docs(n);
        let source: Source = Box::new(move |f| {
            for d in items {
                if f(Ok(d)).is_break() {
                    return;
                }
            }
        });
        let opts = StreamOptions {
            threads,
            batch_docs,
            format,
            ..StreamOptions::default()
        };
        let mut out = Vec::new();
        let progress = Progress::new();
        let summary = tag_stream(
            source,
            &opts,
            Grammar::embedded(),
            &mut out,
            &progress,
            &mut |e| Err(e),
        )
        .unwrap();
        assert_eq!(progress.documents(), summary.documents);
        (String::from_utf8(out).unwrap(), summary)
    }

    fn whole(n: usize, format: crate::output::format::Format) -> String {
        let tagged: Vec<Tagged> = docs(n)
            .into_iter()
            .map(|document| Tagged {
                mentions: crate::engine::annotate(&document.text, None, Grammar::embedded()),
                document,
            })
            .collect();
        let mut buf = Vec::new();
        crate::output::format::write(&mut buf, format, &tagged).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn batches_keep_input_order_and_match_the_whole_run() {
        let expected = whole(50, crate::output::Format::Jsonl);
        for (threads, batch) in [(1, 1), (1, 7), (4, 3), (4, 512)] {
            let (got, summary) = run(50, threads, batch, StreamFormat::Jsonl);
            assert_eq!(got, expected, "threads {threads}, batch {batch}");
            assert_eq!(summary.documents, 50);
        }
    }

    #[test]
    fn csv_stream_matches_the_whole_run() {
        let (got, _) = run(20, 2, 3, StreamFormat::Csv);
        assert_eq!(got, whole(20, crate::output::Format::Csv));
    }

    #[test]
    fn an_error_handler_can_stop_the_stream() {
        let source: Source = Box::new(|f| {
            for i in 0..10 {
                let item = if i == 3 {
                    Err(Error::Usage("bad".into()))
                } else {
                    Ok(docs(1).remove(0))
                };
                if f(item).is_break() {
                    return;
                }
            }
        });
        let opts = StreamOptions {
            batch_docs: 2,
            ..StreamOptions::default()
        };
        let mut seen = 0;
        let r = tag_stream(
            source,
            &opts,
            Grammar::embedded(),
            &mut Vec::new(),
            &Progress::new(),
            &mut |e| {
                seen += 1;
                Err(e)
            },
        );
        assert!(matches!(r, Err(Error::Usage(_))));
        assert_eq!(seen, 1);
    }
}
