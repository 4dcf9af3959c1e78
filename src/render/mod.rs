//! Output of `chronicler tag`: what was found in each document, as JSON
//! lines, CSV or TimeML.

pub mod csv;
pub mod jsonl;

use crate::{Document, Mention};
use std::io;

/// A document and the mentions found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub document: Document,
    pub mentions: Vec<Mention>,
}

/// The output formats of `chronicler tag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per document: `id`, `dct`, `mentions`.
    Jsonl,
    /// One row per mention, with a header row (RFC 4180, UTF-8).
    Csv,
    /// One TimeML document; see [`crate::timeml::to_timeml`].
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
    crate::timeml::write_timeml(w, &d.id, &d.text, d.dct.as_ref(), &doc.mentions)
}
