//! Output of `chronicler tag` (what was found in each document, as JSON
//! lines, CSV or TimeML) and of `chronicler build` ([`timeline`]).

pub mod csv;
pub mod html;
pub mod jsonl;
pub mod timeline;

use crate::error::Error;
use crate::{Document, Mention};
use std::io::{self, Write};
use std::path::Path;

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`, so readers never see a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = crate::stream::AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.commit()
}
