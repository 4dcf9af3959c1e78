//! The formats of `chronicler tag` and the dispatch that writes them.

use super::tagged::Tagged;
use super::{csv, jsonl};
use std::io::{self, Write};

/// The output formats of `chronicler tag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per document: `id`, `dct`, `mentions`.
    Jsonl,
    /// One row per mention, with a header row (RFC 4180, UTF-8).
    Csv,
    /// One TimeML document; see [`crate::output::timeml::to_timeml`].
    TimeMl,
}

/// Writes `docs` to `w` as `format`. TimeML holds one document, so for
/// [`Format::TimeMl`] the documents are written one after the other; write
/// each to its own file instead when there are several.
pub fn write<W: io::Write>(w: &mut W, format: Format, docs: &[Tagged]) -> io::Result<()> {
    match format {
        Format::Jsonl => jsonl::write(w, docs),
        Format::Csv => csv::write(w, docs),
        Format::TimeMl => docs.iter().try_for_each(|d| write_timeml(w, d)),
    }
}

/// Writes one tagged document as TimeML, its id as the DOCID.
pub fn write_timeml<W: io::Write>(w: &mut W, doc: &Tagged) -> io::Result<()> {
    let d = &doc.document;
    super::timeml::write_timeml(w, &d.id, &d.text, d.dct.as_ref(), &doc.mentions)
}

/// The formats that can be written one document at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFormat {
    /// One JSON object per document (see [`crate::output::jsonl`]).
    Jsonl,
    /// A header row, then one row per mention (see [`crate::output::csv`]).
    Csv,
}

pub fn csv_writer<W: Write>(w: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .has_headers(false)
        .from_writer(w)
}

pub fn csv_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}
