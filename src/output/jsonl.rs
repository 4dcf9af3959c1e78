//! One JSON object per line per document: `{"id", "dct", "mentions"}`.

use super::tagged::Tagged;
use crate::article::document::Dct;
use crate::engine::timex::Mention;
use crate::error::{Error, LineError};
use serde::Serialize;
use std::io;

/// A document id as it came: a string, or the digits of a number.
#[derive(Debug, Clone, Copy)]
pub struct Id<'a> {
    pub text: &'a str,
    pub number: bool,
}

impl Serialize for Id<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.number {
            if let Ok(n) = self.text.parse::<i64>() {
                return s.serialize_i64(n);
            }
            if let Ok(n) = self.text.parse::<u64>() {
                return s.serialize_u64(n);
            }
        }
        s.serialize_str(self.text)
    }
}

/// The JSON record for one document.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub id: Id<'a>,
    pub dct: Option<&'a Dct>,
    pub mentions: &'a [Mention],
}

impl<'a> From<&'a Tagged> for Record<'a> {
    fn from(t: &'a Tagged) -> Record<'a> {
        Record {
            id: Id {
                text: &t.document.id,
                number: t.document.id_number,
            },
            dct: t.document.dct.as_ref(),
            mentions: &t.mentions,
        }
    }
}

/// Writes one line for `doc`: the bytes `serde_json` writes for its
/// [`Record`], with the mentions (most of a line) written field by field,
/// their keys as they are and only their strings escaped (a tenth of `tag`'s
/// time went to serde's generic path for them).
pub fn write_one<W: io::Write>(w: &mut W, doc: &Tagged) -> io::Result<()> {
    let r = Record::from(doc);
    w.write_all(b"{\"id\":")?;
    serde_json::to_writer(&mut *w, &r.id)?;
    w.write_all(b",\"dct\":")?;
    serde_json::to_writer(&mut *w, &r.dct)?;
    w.write_all(b",\"mentions\":[")?;
    for (k, m) in r.mentions.iter().enumerate() {
        if k > 0 {
            w.write_all(b",")?;
        }
        write_mention(w, m)?;
    }
    w.write_all(b"]}\n")
}

/// One mention as `serde_json` writes its `Serialize` (fields in order, the
/// TIMEX3's flattened in, empty options and lists left out).
fn write_mention<W: io::Write>(w: &mut W, m: &Mention) -> io::Result<()> {
    let int = |w: &mut W, key: &[u8], n: usize| {
        w.write_all(key)?;
        w.write_all(itoa::Buffer::new().format(n).as_bytes())
    };
    int(w, b"{\"start\":", m.start)?;
    int(w, b",\"end\":", m.end)?;
    int(w, b",\"byte_start\":", m.byte_start)?;
    int(w, b",\"byte_end\":", m.byte_end)?;
    let t = &m.timex;
    field(w, b",\"text\":", &m.text)?;
    field(w, b",\"type\":", &t.kind)?;
    field(w, b",\"value\":", &t.value)?;
    if let Some(x) = &t.modifier {
        field(w, b",\"mod\":", x)?;
    }
    if let Some(x) = &t.quant {
        field(w, b",\"quant\":", x)?;
    }
    if let Some(x) = &t.freq {
        field(w, b",\"freq\":", x)?;
    }
    if let Some(x) = &t.interval {
        field(w, b",\"interval\":", x)?;
    }
    field(w, b",\"granularity\":", &t.granularity)?;
    if let Some(x) = &t.zone {
        field(w, b",\"zone\":", x)?;
    }
    field(w, b",\"parse\":", &m.parse)?;
    field(w, b",\"rule\":", &m.rule)?;
    if !m.assumptions.is_empty() {
        field(w, b",\"assumptions\":", &m.assumptions)?;
    }
    if let Some(x) = &m.role {
        field(w, b",\"role\":", x)?;
    }
    w.write_all(b"}")
}

/// `key` (with its comma and colon), then `v` as JSON.
fn field<W: io::Write, T: Serialize + ?Sized>(w: &mut W, key: &[u8], v: &T) -> io::Result<()> {
    w.write_all(key)?;
    serde_json::to_writer(&mut *w, v).map_err(io::Error::from)
}

/// Writes one line per document.
pub fn write<W: io::Write>(w: &mut W, docs: &[Tagged]) -> io::Result<()> {
    docs.iter().try_for_each(|d| write_one(w, d))
}

/// The error record that stands in a bad line's place in a stream: the id
/// (as given, when it could be read), and where and what went wrong.
#[derive(Debug, Serialize)]
pub struct ErrorRecord<'a> {
    /// As given: a string, a number, or null when it could not be read.
    pub id: Option<serde_json::Value>,
    pub error: LineErrorRecord<'a>,
}

/// The `error` of an [`ErrorRecord`].
#[derive(Debug, Serialize)]
pub struct LineErrorRecord<'a> {
    /// Byte offset of the line's first byte in the stream read.
    pub offset: usize,
    /// 1-based line number in that stream.
    pub line: usize,
    pub kind: LineError,
    /// What is wrong ("expected …, found …").
    pub reason: &'a str,
    /// Under `--strict`: the run stopped here and wrote no document record.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fatal: bool,
}

/// The error record of `e`, when it is a bad line of JSON lines input.
pub fn error_record(e: &Error, fatal: bool) -> Option<ErrorRecord<'_>> {
    let Error::Jsonl {
        line,
        offset,
        id,
        kind,
        message,
        ..
    } = e
    else {
        return None;
    };
    Some(ErrorRecord {
        id: id
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok()),
        error: LineErrorRecord {
            offset: *offset,
            line: *line,
            kind: *kind,
            reason: message,
            fatal,
        },
    })
}

/// Writes the error record of `e` as one line; false when `e` is not a bad line.
pub fn write_error<W: io::Write + ?Sized>(w: &mut W, e: &Error, fatal: bool) -> io::Result<bool> {
    let Some(record) = error_record(e, fatal) else {
        return Ok(false);
    };
    serde_json::to_writer(&mut *w, &record)?;
    w.write_all(b"\n")?;
    Ok(true)
}
