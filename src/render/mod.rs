//! Output of `chronicler tag` (what was found in each document, as JSON
//! lines, CSV or TimeML) and of `chronicler build` ([`timeline`]).

pub mod csv;
pub mod html;
pub mod jsonl;
pub mod timeline;

use crate::error::Error;
use crate::{Document, Mention};
use std::fs;
use std::io::{self, Write};
use std::path::Path;

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
    let name = path.file_name().ok_or_else(|| {
        Error::Usage(format!(
            "expected a file name to write to, found {}",
            path.display()
        ))
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    for attempt in 0u32..1000 {
        let tmp = dir.join(format!(
            ".{}.{}.{attempt}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        let mut file = match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(path, e)),
        };
        let written = file
            .write_all(bytes)
            .and_then(|()| file.sync_all())
            .and_then(|()| fs::rename(&tmp, path));
        return written.map_err(|e| {
            let _ = fs::remove_file(&tmp);
            Error::io(path, e)
        });
    }
    Err(Error::Usage(format!(
        "expected to create a temporary file in {}, found every name taken",
        dir.display()
    )))
}
