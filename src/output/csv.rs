//! One CSV row per mention, RFC 4180 (CRLF line ends, quoting as needed),
//! UTF-8, with a header row; a cell that a spreadsheet would run as a formula
//! starts with an apostrophe (OWASP's CSV-injection guidance).

use super::tagged::Tagged;
use crate::engine::timex::Mention;
use std::io;

/// The header row.
pub const HEADER: [&str; 12] = [
    "doc_id",
    "start",
    "end",
    "text",
    "type",
    "value",
    "mod",
    "granularity",
    "interval_start",
    "interval_end",
    "rule",
    "assumptions",
];

const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// The row for `m` in document `doc_id`. Cells a spreadsheet would run as a
/// formula are neutralised ([`super::escape::spreadsheet_text`]).
pub fn row(doc_id: &str, m: &Mention) -> [String; 12] {
    let mut cells = raw_row(doc_id, m);
    for c in &mut cells {
        if super::escape::is_formula_like(c) {
            c.insert(0, '\'');
        }
    }
    cells
}

fn raw_row(doc_id: &str, m: &Mention) -> [String; 12] {
    let t = &m.timex;
    let (istart, iend) = match &t.interval {
        Some(i) => (
            i.start.format(STAMP).to_string(),
            i.end.format(STAMP).to_string(),
        ),
        None => (String::new(), String::new()),
    };
    [
        doc_id.to_string(),
        m.start.to_string(),
        m.end.to_string(),
        m.text.clone(),
        t.kind.as_str().to_string(),
        t.value.clone(),
        t.modifier
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        t.granularity.as_str().to_string(),
        istart,
        iend,
        m.rule.clone(),
        m.assumptions.join("; "),
    ]
}

/// Writes the header, then a row per mention of every document.
pub fn write<W: io::Write>(w: &mut W, docs: &[Tagged]) -> io::Result<()> {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(w);
    out.write_record(HEADER).map_err(io_error)?;
    for d in docs {
        for m in &d.mentions {
            out.write_record(row(&d.document.id, m)).map_err(io_error)?;
        }
    }
    out.flush()
}

/// Keeps the underlying I/O error (a closed pipe must stay recognisable).
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::document::Document;
    use crate::engine::timex::Granularity;
    use crate::engine::timex::Interval;
    use crate::engine::timex::Timex;
    use crate::engine::timex::TimexMod;
    use crate::engine::timex::TimexType;
    use chrono::NaiveDate;

    #[test]
    fn rows_are_quoted_and_complete() {
        let day = NaiveDate::from_ymd_opt(2016, 7, 15).unwrap();
        let m = Mention {
            start: 3,
            end: 9,
            byte_start: 3,
            byte_end: 9,
            text: "a, \"b\"\nc".into(),
            timex: Timex {
                kind: TimexType::Date,
                value: "2016-07-15".into(),
                modifier: Some(TimexMod::Approx),
                quant: None,
                freq: None,
                interval: Some(Interval {
                    start: day.and_hms_opt(0, 0, 0).unwrap(),
                    end: day.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap(),
                }),
                granularity: Granularity::Day,
                zone: None,
            },
            parse: "date".into(),
            rule: "absolute".into(),
            assumptions: vec!["year from DCT".into(), "past".into()],
            role: None,
        };
        let doc = Tagged {
            document: Document {
                id: "d1".into(),
                id_number: false,
                path: None,
                text: String::new(),
                dct: None,
                page: None,
            },
            mentions: vec![m],
        };
        let mut buf = Vec::new();
        write(&mut buf, &[doc]).unwrap();
        let out = String::from_utf8(buf).unwrap();
        assert_eq!(
            out,
            "doc_id,start,end,text,type,value,mod,granularity,interval_start,interval_end,rule,assumptions\r\n\
             d1,3,9,\"a, \"\"b\"\"\nc\",DATE,2016-07-15,APPROX,day,2016-07-15T00:00:00,2016-07-16T00:00:00,absolute,year from DCT; past\r\n"
        );
    }
}
