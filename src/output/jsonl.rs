//! One JSON object per line per document: `{"id", "dct", "mentions"}`.

use super::tagged::Tagged;
use crate::article::document::Dct;
use crate::engine::timex::Mention;
use serde::Serialize;
use std::io;

/// The JSON record for one document.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub id: &'a str,
    pub dct: Option<&'a Dct>,
    pub mentions: &'a [Mention],
}

impl<'a> From<&'a Tagged> for Record<'a> {
    fn from(t: &'a Tagged) -> Record<'a> {
        Record {
            id: &t.document.id,
            dct: t.document.dct.as_ref(),
            mentions: &t.mentions,
        }
    }
}

/// Writes one line for `doc`.
pub fn write_one<W: io::Write>(w: &mut W, doc: &Tagged) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &Record::from(doc))?;
    w.write_all(b"\n")
}

/// Writes one line per document.
pub fn write<W: io::Write>(w: &mut W, docs: &[Tagged]) -> io::Result<()> {
    docs.iter().try_for_each(|d| write_one(w, d))
}
