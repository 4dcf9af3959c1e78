//! TimeML in and out.
//!
//! Reading ([`parse`], [`read_file`]) turns a `.tml` file into the plain text
//! inside `<TEXT>` (inner tags removed, entities decoded, line ends
//! normalised as XML requires) plus the gold `TIMEX3`s inside it, with char
//! offsets into that plain text, and the document creation time from `<DCT>`.
//!
//! Writing ([`crate::output::timeml`]) does the reverse for a text and
//! the mentions the tagger found in it.

use crate::article::document::Dct;
use crate::article::document::DctSource;
use crate::error::{self, Error};
use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A `TIMEX3` annotated inside `<TEXT>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldTimex {
    /// The `tid` attribute, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tid: Option<String>,
    /// Char offset into the plain text, inclusive.
    pub start: usize,
    /// Char offset into the plain text, exclusive.
    pub end: usize,
    /// The plain text of the span (`text[start..end]` in chars).
    pub text: String,
    /// The `type` attribute as written (`DATE`, `TIME`, `DURATION`, `SET`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The `value` attribute as written; `None` when the annotator gave
    /// none (WikiWars has such TIMEX3s): scored as a value that cannot match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The `mod` attribute, when present.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

/// A TimeML document read back as plain text plus annotations.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeMlDocument {
    /// The text of `<DOCID>`, when present.
    pub docid: Option<String>,
    /// The plain text of `<TEXT>`.
    pub text: String,
    /// From the `value` of the `TIMEX3` inside `<DCT>`; source [`DctSource::Document`].
    pub dct: Option<Dct>,
    /// The non-empty `TIMEX3`s inside `<TEXT>` (not the DCT), in document order of their start.
    pub timexes: Vec<GoldTimex>,
}

/// Reads and parses the TimeML file at `path`.
pub fn read_file(path: &Path) -> Result<TimeMlDocument, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let xml = error::utf8(path, bytes)?;
    parse(&xml, path)
}

/// A `TIMEX3` whose end tag has not been seen yet.
struct OpenTimex {
    start: usize,
    start_byte: usize,
    tid: Option<String>,
    kind: String,
    value: Option<String>,
    modifier: Option<String>,
}

/// Parses TimeML `xml`; `path` is only used to name the file in errors.
pub fn parse(xml: &str, path: &Path) -> Result<TimeMlDocument, Error> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;

    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut chars = 0usize;
    let mut seen_text = false;
    let mut docid: Option<String> = None;
    let mut dct: Option<Dct> = None;
    let mut open: Vec<OpenTimex> = Vec::new();
    let mut timexes: Vec<GoldTimex> = Vec::new();

    loop {
        let at = to_usize(reader.buffer_position());
        let event = reader.read_event().map_err(|e| {
            let pos = to_usize(reader.error_position());
            Error::timeml(
                path,
                xml,
                pos,
                format!("expected well-formed XML, found {e}"),
            )
        })?;
        let in_text = stack.iter().any(|n| n == "TEXT");
        let in_dct = stack.iter().any(|n| n == "DCT");
        let in_docid = stack.last().is_some_and(|n| n == "DOCID");
        // Text that belongs to the plain text or the DOCID, decoded.
        let mut content: Option<String> = None;
        match event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "TEXT" {
                    if seen_text {
                        return Err(Error::timeml(
                            path,
                            xml,
                            at,
                            "expected one <TEXT> element, found a second",
                        ));
                    }
                    if in_text {
                        return Err(Error::timeml(
                            path,
                            xml,
                            at,
                            "expected </TEXT>, found <TEXT>",
                        ));
                    }
                    seen_text = true;
                }
                if name == "TIMEX3" {
                    if in_text {
                        let attrs = attributes(&e, path, xml, at)?;
                        let (kind, value, modifier, tid) = timex_attributes(&attrs, path, xml, at)?;
                        open.push(OpenTimex {
                            start: chars,
                            start_byte: text.len(),
                            tid,
                            kind,
                            value,
                            modifier,
                        });
                    } else if in_dct && dct.is_none() {
                        dct = Some(dct_from(&e, path, xml, at)?);
                    }
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                // An empty TIMEX3 in TEXT spans no text (a non-consuming
                // anchor), so it is not a mention; one in DCT still gives the date.
                if e.name().as_ref() == "TIMEX3" && in_dct && !in_text && dct.is_none() {
                    dct = Some(dct_from(&e, path, xml, at)?);
                }
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                // quick-xml has already checked that `name` closes the innermost element.
                stack.pop();
                if name == "TIMEX3" && in_text {
                    let Some(o) = open.pop() else {
                        return Err(Error::timeml(
                            path,
                            xml,
                            at,
                            "expected a <TIMEX3> before this end tag, found none",
                        ));
                    };
                    timexes.push(GoldTimex {
                        tid: o.tid,
                        start: o.start,
                        end: chars,
                        text: text[o.start_byte..].to_string(),
                        kind: o.kind,
                        value: o.value,
                        modifier: o.modifier,
                    });
                }
            }
            Event::Text(t) => content = Some(t.xml10_content().into_owned()),
            Event::CData(c) => content = Some(c.xml10_content().into_owned()),
            Event::GeneralRef(r) => content = Some(entity(&r, path, xml, at)?.to_string()),
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
        if let Some(s) = content {
            if in_text {
                chars += s.chars().count();
                text.push_str(&s);
            } else if in_docid {
                docid.get_or_insert_with(String::new).push_str(&s);
            }
        }
    }

    if let Some(name) = stack.last() {
        return Err(Error::timeml(
            path,
            xml,
            xml.len(),
            format!("expected </{name}>, found end of file"),
        ));
    }
    if !seen_text {
        return Err(Error::timeml(
            path,
            xml,
            xml.len(),
            "expected a <TEXT> element, found none",
        ));
    }
    // Nested TIMEX3s close inner-first; report them in order of where they start.
    timexes.sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
    Ok(TimeMlDocument {
        docid: docid.map(|d| d.trim().to_string()),
        text,
        dct,
        timexes,
    })
}

fn to_usize(pos: u64) -> usize {
    usize::try_from(pos).unwrap_or(usize::MAX)
}

/// The decoded attributes of a start tag, by name.
fn attributes(
    e: &BytesStart<'_>,
    path: &Path,
    xml: &str,
    at: usize,
) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| {
            Error::timeml(
                path,
                xml,
                at,
                format!("expected well-formed attributes, found {err}"),
            )
        })?;
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| {
                Error::timeml(
                    path,
                    xml,
                    at,
                    format!("expected a well-formed attribute value, found {err}"),
                )
            })?;
        out.insert(attr.key.as_ref().to_string(), value.into_owned());
    }
    Ok(out)
}

type TimexAttrs = (String, Option<String>, Option<String>, Option<String>);

fn timex_attributes(
    attrs: &BTreeMap<String, String>,
    path: &Path,
    xml: &str,
    at: usize,
) -> Result<TimexAttrs, Error> {
    let required = |key: &str| {
        attrs.get(key).cloned().ok_or_else(|| {
            Error::timeml(
                path,
                xml,
                at,
                format!("expected a {key} attribute on <TIMEX3>, found none"),
            )
        })
    };
    let kind = required("type")?;
    Ok((
        kind,
        attrs.get("value").cloned(),
        attrs.get("mod").cloned(),
        attrs.get("tid").cloned(),
    ))
}

fn dct_from(e: &BytesStart<'_>, path: &Path, xml: &str, at: usize) -> Result<Dct, Error> {
    let attrs = attributes(e, path, xml, at)?;
    let Some(value) = attrs.get("value") else {
        return Err(Error::timeml(
            path,
            xml,
            at,
            "expected a value attribute on the <DCT> TIMEX3, found none",
        ));
    };
    Dct::parse(value, DctSource::Document)
        .map_err(|msg| Error::timeml(path, xml, at, format!("bad DCT value: {msg}")))
}

/// Resolves `&name;` or `&#N;`.
fn entity(r: &BytesRef<'_>, path: &Path, xml: &str, at: usize) -> Result<String, Error> {
    let bad = || {
        Error::timeml(
            path,
            xml,
            at,
            format!(
                "expected a predefined entity (&amp; &lt; &gt; &quot; &apos;) or a character reference, found &{};",
                &**r
            ),
        )
    };
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c.to_string()),
            _ => Err(bad()),
        };
    }
    resolve_predefined_entity(r)
        .map(str::to_string)
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn p(xml: &str) -> Result<TimeMlDocument, Error> {
        parse(xml, Path::new("t.tml"))
    }

    const SAMPLE: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TITLE>Not <TIMEX3 tid="t9" type="DATE" value="XXXX">text</TIMEX3></TITLE>
<TEXT>
Prices &amp; wages <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t1" type="DURATION" value="P1W">last week</TIMEX3>, caf&#233; owners <SIGNAL sid="s1">said</SIGNAL> <TIMEX3 tid="t2" type="DATE" value="1998-01-08" mod="APPROX">on <TIMEX3 tid="t3" type="DATE" value="1998-01">Thursday</TIMEX3></TIMEX3>.<TIMEX3 tid="t4" type="DATE" value="PRESENT_REF"/>
</TEXT>
</TimeML>
"#;

    #[test]
    fn reads_text_dct_and_gold() {
        let d = p(SAMPLE).unwrap();
        assert_eq!(d.docid.as_deref(), Some("X1"));
        assert_eq!(
            d.text,
            "\nPrices & wages rose last week, café owners said on Thursday.\n"
        );
        assert_eq!(
            d.dct.as_ref().unwrap().date,
            NaiveDate::from_ymd_opt(1998, 1, 8).unwrap()
        );
        assert_eq!(d.dct.as_ref().unwrap().source, DctSource::Document);
        let spans: Vec<(&str, &str, usize, usize)> = d
            .timexes
            .iter()
            .map(|t| {
                (
                    t.text.as_str(),
                    t.value.as_deref().unwrap_or(""),
                    t.start,
                    t.end,
                )
            })
            .collect();
        assert_eq!(
            spans,
            vec![
                ("last week", "P1W", 21, 30),
                ("on Thursday", "1998-01-08", 49, 60),
                ("Thursday", "1998-01", 52, 60)
            ]
        );
        assert_eq!(d.timexes[1].modifier.as_deref(), Some("APPROX"));
        assert_eq!(d.timexes[0].kind, "DURATION");
        for t in &d.timexes {
            let s: String = d.text.chars().skip(t.start).take(t.end - t.start).collect();
            assert_eq!(s, t.text);
        }
    }

    #[test]
    fn normalises_crlf() {
        let d = p("<TimeML><TEXT>a\r\nb</TEXT></TimeML>").unwrap();
        assert_eq!(d.text, "a\nb");
        assert!(d.dct.is_none());
    }

    #[test]
    fn mismatched_tag_names_line_and_offset() {
        let xml = "<TimeML>\n<TEXT>a <EVENT>b</TIMEX3></TEXT></TimeML>";
        let err = p(xml).unwrap_err().to_string();
        assert!(err.starts_with("t.tml: line 2, column "), "{err}");
        assert!(err.contains("expected well-formed XML, found"), "{err}");
    }

    #[test]
    fn unclosed_element_at_eof() {
        let err = p("<TimeML><TEXT>abc").unwrap_err().to_string();
        assert_eq!(
            err,
            "t.tml: line 1, column 18 (byte 17): expected </TEXT>, found end of file"
        );
    }

    #[test]
    fn missing_text() {
        let err = p("<TimeML><DOCID>a</DOCID></TimeML>")
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("expected a <TEXT> element, found none"),
            "{err}"
        );
    }

    #[test]
    fn unknown_entity() {
        let err = p("<TimeML><TEXT>a &nbsp; b</TEXT></TimeML>")
            .unwrap_err()
            .to_string();
        assert!(err.contains("found &nbsp;"), "{err}");
    }

    #[test]
    fn timex_without_value_is_read_with_none() {
        let d = p("<TimeML><TEXT>a <TIMEX3 type=\"DATE\">x</TIMEX3></TEXT></TimeML>").unwrap();
        assert_eq!(d.timexes.len(), 1);
        assert_eq!(d.timexes[0].value, None);
        assert_eq!(d.timexes[0].text, "x");
    }

    #[test]
    fn timex_needs_type() {
        let err = p("<TimeML><TEXT><TIMEX3 value=\"2016\">x</TIMEX3></TEXT></TimeML>")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("expected a type attribute on <TIMEX3>"),
            "{err}"
        );
    }

    #[test]
    fn bad_dct_value() {
        let err = p("<TimeML><DCT><TIMEX3 type=\"DATE\" value=\"soon\">x</TIMEX3></DCT><TEXT></TEXT></TimeML>")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("bad DCT value: expected a date like 2016-07-15"),
            "{err}"
        );
    }
}
