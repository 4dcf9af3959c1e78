//! TimeML out: a document's text with inline `TIMEX3` tags, readable back
//! by [`crate::article::timeml::parse`].

use crate::article::document::Dct;
use crate::engine::timex::Mention;
use quick_xml::escape::escape;
use std::fmt::Write as _;
use std::io;

/// Writes `text` and its `mentions` as a TimeML document.
///
/// Mentions are sorted by position; one that crosses the boundary of an
/// earlier one (overlaps without nesting) cannot be expressed in XML and is
/// left out, as is one whose offsets do not fit the text. Carriage returns
/// are written as `&#13;` so that reading the file back gives the same text.
pub fn to_timeml(docid: &str, text: &str, dct: Option<&Dct>, mentions: &[Mention]) -> String {
    let mut out = String::with_capacity(text.len() * 2 + 256);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML>\n");
    let _ = writeln!(out, "<DOCID>{}</DOCID>", escape_text(docid));
    if let Some(dct) = dct {
        let (kind, value) = match dct.time {
            Some(t) => (
                "TIME",
                format!("{}T{}", dct.date.format("%Y-%m-%d"), t.format("%H:%M:%S")),
            ),
            None => ("DATE", dct.date.format("%Y-%m-%d").to_string()),
        };
        let _ = writeln!(
            out,
            "<DCT><TIMEX3 tid=\"t0\" type=\"{kind}\" value=\"{value}\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">{value}</TIMEX3></DCT>"
        );
    }
    out.push_str("<TEXT>");

    // Byte offset of every char boundary, so char offsets can slice the text.
    let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    let nchars = bounds.len() - 1;

    let mut order: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.start < m.end && m.end <= nchars)
        .collect();
    order.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));

    let mut pos = 0usize; // chars written so far
    let mut open: Vec<usize> = Vec::new(); // end offsets of open TIMEX3s
    let mut tid = 0usize;
    for m in order {
        // Close whatever ends before this mention starts.
        while let Some(&end) = open.last()
            && end <= m.start
        {
            out.push_str(&escape_text(&text[bounds[pos]..bounds[end]]));
            pos = end;
            out.push_str("</TIMEX3>");
            open.pop();
        }
        if open.last().is_some_and(|&end| m.end > end) {
            continue; // crosses an open tag
        }
        out.push_str(&escape_text(&text[bounds[pos]..bounds[m.start]]));
        pos = m.start;
        tid += 1;
        let t = &m.timex;
        let _ = write!(
            out,
            "<TIMEX3 tid=\"t{tid}\" type=\"{}\" value=\"{}\"",
            t.kind.as_str(),
            escape(t.value.as_str())
        );
        if let Some(md) = t.modifier {
            let _ = write!(out, " mod=\"{}\"", md.as_str());
        }
        if let Some(q) = &t.quant {
            let _ = write!(out, " quant=\"{}\"", escape(q.as_str()));
        }
        if let Some(f) = &t.freq {
            let _ = write!(out, " freq=\"{}\"", escape(f.as_str()));
        }
        out.push('>');
        open.push(m.end);
    }
    while let Some(end) = open.pop() {
        out.push_str(&escape_text(&text[bounds[pos]..bounds[end]]));
        pos = end;
        out.push_str("</TIMEX3>");
    }
    out.push_str(&escape_text(&text[bounds[pos]..]));
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}

/// [`to_timeml`] written to `w`.
pub fn write_timeml<W: io::Write>(
    w: &mut W,
    docid: &str,
    text: &str,
    dct: Option<&Dct>,
    mentions: &[Mention],
) -> io::Result<()> {
    w.write_all(to_timeml(docid, text, dct, mentions).as_bytes())
}

/// Escapes text content; `\r` becomes a character reference so it survives
/// XML line-end normalisation, as do other control characters.
fn escape_text(s: &str) -> String {
    let escaped = escape(s);
    if !escaped.contains(|c: char| c.is_control() && c != '\n' && c != '\t') {
        return escaped.into_owned();
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            let _ = write!(out, "&#{};", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::document::DctSource;
    use crate::article::timeml::parse;
    use crate::engine::timex::Granularity;
    use crate::engine::timex::Timex;
    use crate::engine::timex::TimexMod;
    use crate::engine::timex::TimexType;
    use chrono::NaiveDate;
    use std::path::Path;

    fn p(xml: &str) -> Result<crate::article::timeml::TimeMlDocument, crate::error::Error> {
        parse(xml, Path::new("t.tml"))
    }

    fn mention(text: &str, start: usize, end: usize, kind: TimexType, value: &str) -> Mention {
        let span: String = text.chars().skip(start).take(end - start).collect();
        let byte_start = text
            .char_indices()
            .nth(start)
            .map_or(text.len(), |(i, _)| i);
        Mention {
            start,
            end,
            byte_start,
            byte_end: byte_start + span.len(),
            text: span,
            timex: Timex {
                kind,
                value: value.to_string(),
                modifier: None,
                quant: None,
                freq: None,
                interval: None,
                granularity: Granularity::Day,
                zone: None,
            },
            parse: String::new(),
            rule: String::new(),
            assumptions: Vec::new(),
            role: None,
        }
    }

    #[test]
    fn round_trip() {
        let text = "Le café <ouvert> & fermé\r\nle 15 juillet 2016, \"hier\" et demain.";
        let mut a = mention(text, 26, 44, TimexType::Date, "2016-07-15");
        a.timex.modifier = Some(TimexMod::Approx);
        let b = mention(text, 46, 52, TimexType::Date, "2016-07-14");
        let inner = mention(text, 32, 39, TimexType::Date, "XXXX-07");
        let crossing = mention(text, 40, 50, TimexType::Date, "bad");
        let dct = Dct::on(
            NaiveDate::from_ymd_opt(2016, 7, 16).unwrap(),
            DctSource::Cli,
        );
        let xml = to_timeml(
            "doc<1>",
            text,
            Some(&dct),
            &[b.clone(), a.clone(), inner.clone(), crossing],
        );
        let back = p(&xml).unwrap();
        assert_eq!(back.text, text);
        assert_eq!(back.docid.as_deref(), Some("doc<1>"));
        assert_eq!(back.dct.unwrap().date, dct.date);
        let got: Vec<(usize, usize, &str, &str, Option<&str>)> = back
            .timexes
            .iter()
            .map(|t| {
                (
                    t.start,
                    t.end,
                    t.text.as_str(),
                    t.value.as_deref().unwrap_or(""),
                    t.modifier.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (26, 44, a.text.as_str(), "2016-07-15", Some("APPROX")),
                (32, 39, inner.text.as_str(), "XXXX-07", None),
                (46, 52, b.text.as_str(), "2016-07-14", None),
            ]
        );
    }

    #[test]
    fn writes_without_dct() {
        let xml = to_timeml("d", "nothing here", None, &[]);
        assert!(!xml.contains("<DCT>"));
        let back = p(&xml).unwrap();
        assert_eq!(back.text, "nothing here");
        assert!(back.timexes.is_empty());
    }
}
