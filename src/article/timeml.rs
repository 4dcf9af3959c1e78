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
    /// When that value was malformed: how it was repaired, or why it was
    /// ignored (then `dct` is `None`). The document is used either way.
    pub dct_note: Option<String>,
    /// The non-empty `TIMEX3`s inside `<TEXT>` (not the DCT), in document order of their start.
    pub timexes: Vec<GoldTimex>,
}

/// True when `text` is TimeML whatever its file is called (TempEval-3's
/// inputs end in `.TE3input`): after a byte-order mark, white space, an XML
/// declaration, comments or a DOCTYPE, its first element is `<TimeML`.
pub fn looks_like_timeml(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        let skip = if rest.starts_with("<?") {
            rest.find("?>").map(|i| i + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if rest.starts_with("<!") {
            rest.find('>').map(|i| i + 1)
        } else {
            return rest.starts_with("<TimeML")
                && rest[7..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        };
        match skip {
            Some(n) => rest = &rest[n..],
            None => return false,
        }
    }
}

/// True when the file at `path` begins as TimeML does
/// ([`looks_like_timeml`] on its first 4 KiB); false when it cannot be read.
pub fn sniff_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    // a cut in the middle of a character at the end does not matter
    let valid = match std::str::from_utf8(&head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    looks_like_timeml(valid)
}

/// Reads and parses the TimeML file at `path`.
pub fn read_file(path: &Path) -> Result<TimeMlDocument, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let xml = error::utf8(path, bytes)?;
    parse(&xml, path)
}

/// The deepest `TIMEX3` nesting read. TimeML corpora nest two deep at most
/// ("on <TIMEX3>Thursday</TIMEX3>" inside a longer one); each nested one
/// copies the text it spans, so unbounded nesting would make output and
/// work grow with the square of the input.
pub const MAX_TIMEX_NESTING: usize = 8;

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
    let mut dct_note: Option<String> = None;
    let mut dct_seen = false;
    let mut open: Vec<OpenTimex> = Vec::new();
    let mut timexes: Vec<GoldTimex> = Vec::new();
    // How many TEXT and DCT elements are open.
    let (mut open_text, mut open_dct) = (0usize, 0usize);

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
        // Counted as elements open and close, not looked up in the stack
        // at every event (quadratic in deeply nested tags).
        crate::progress::work::add(1);
        let in_text = open_text > 0;
        let in_dct = open_dct > 0;
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
                    if in_text && open.len() >= MAX_TIMEX_NESTING {
                        return Err(Error::timeml(
                            path,
                            xml,
                            at,
                            format!(
                                "expected <TIMEX3> nested at most {MAX_TIMEX_NESTING} deep, found a deeper one"
                            ),
                        ));
                    }
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
                    } else if in_dct && !dct_seen {
                        dct_seen = true;
                        (dct, dct_note) = dct_from(&e, path, xml, at)?;
                    }
                }
                open_text += usize::from(name == "TEXT");
                open_dct += usize::from(name == "DCT");
                stack.push(name);
            }
            Event::Empty(e) => {
                // An empty TIMEX3 in TEXT spans no text (a non-consuming
                // anchor), so it is not a mention; one in DCT still gives the date.
                if e.name().as_ref() == "TIMEX3" && in_dct && !in_text && !dct_seen {
                    dct_seen = true;
                    (dct, dct_note) = dct_from(&e, path, xml, at)?;
                }
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                // quick-xml has already checked that `name` closes the innermost element.
                stack.pop();
                open_text -= usize::from(name == "TEXT");
                open_dct -= usize::from(name == "DCT");
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
        dct_note,
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

/// The creation time of the `<DCT>` TIMEX3 `e`, and a note when its value
/// was malformed: repaired when it can be read one way only ("13-03-2009"),
/// otherwise ignored ("03-02-2009"), so that it never costs the document.
type DctRead = (Option<Dct>, Option<String>);

fn dct_from(e: &BytesStart<'_>, path: &Path, xml: &str, at: usize) -> Result<DctRead, Error> {
    let attrs = attributes(e, path, xml, at)?;
    let (line, column, _) = error::line_column(xml, at);
    let Some(value) = attrs.get("value") else {
        let note = format!(
            "line {line}, column {column}: the <DCT> TIMEX3 has no value attribute; article date ignored"
        );
        return Ok((None, Some(note)));
    };
    Ok(match Dct::parse(value, DctSource::Document) {
        Ok(d) => (Some(d), None),
        Err(_) => match crate::article::document::repair_dct(value, DctSource::Document) {
            Ok((d, how)) => (
                Some(d),
                Some(format!(
                    "line {line}, column {column}: article date {value:?} {how}"
                )),
            ),
            Err(why) => (
                None,
                Some(format!(
                    "line {line}, column {column}: article date ignored: {why}"
                )),
            ),
        },
    })
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
    fn timeml_is_recognised_by_its_content() {
        for (text, want) in [
            ("<?xml version=\"1.0\" ?>\n<TimeML xmlns:xsi=\"x\">", true),
            ("\u{feff}<TimeML>", true),
            ("<!-- made by hand -->\n<!DOCTYPE TimeML>\n<TimeML>", true),
            ("  <TimeML\n>", true),
            ("<TimeMLx>", false),
            ("<html><TimeML>", false),
            ("Date: 2016-07-15\n<TimeML>", false),
            ("<?xml never closed", false),
            ("", false),
        ] {
            assert_eq!(looks_like_timeml(text), want, "{text:?}");
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
    fn a_malformed_dct_is_repaired_or_ignored_never_an_error() {
        let dct = |v: &str| {
            let xml = format!(
                "<TimeML><DCT><TIMEX3 type=\"DATE\" value=\"{v}\">x</TIMEX3></DCT><TEXT>a</TEXT></TimeML>"
            );
            let d = p(&xml).unwrap();
            (d.dct.map(|d| d.date.to_string()), d.dct_note)
        };
        for (value, date, note) in [
            ("2009-02-03", Some("2009-02-03"), None),
            (
                "13-03-2009",
                Some("2009-03-13"),
                Some("the only date it can be"),
            ),
            (
                "03-13-2009",
                Some("2009-03-13"),
                Some("the only date it can be"),
            ),
            (
                "03/02/2009",
                None,
                Some("could be 2009-02-03 or 2009-03-02"),
            ),
            ("03-03-2009", Some("2009-03-03"), Some("the only date")),
            (
                "2009-02-03 10.30",
                Some("2009-02-03"),
                Some("what follows the date ignored"),
            ),
            (
                "soon",
                None,
                Some("expected a date like 2016-07-15, found \"soon\""),
            ),
            ("2009-02-30", None, Some("expected a date")),
        ] {
            let (got, got_note) = dct(value);
            assert_eq!(got.as_deref(), date, "{value}");
            match (note, got_note) {
                (None, None) => {}
                (Some(want), Some(n)) => {
                    assert!(n.contains(want), "{value}: {n}");
                    assert!(n.starts_with("line 1, column 14: "), "{value}: {n}");
                }
                (want, n) => panic!("{value}: expected note {want:?}, found {n:?}"),
            }
        }
    }
}
