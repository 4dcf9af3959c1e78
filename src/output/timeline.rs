//! Output of `chronicler build`: the merged timeline in five files.
//!
//! * `timeline.csv` — one row per happening (RFC 4180, CRLF, UTF-8, header).
//!   `start`/`end` are the interval, start inclusive and end exclusive, in
//!   the article's local time. Per-citation columns hold one entry per
//!   citation, in the same order, separated by ` | `.
//! * `timeline.json` — the same with nested citations ([`Timeline`] as JSON).
//! * `timelinejs.json` — TimelineJS's JSON (`events` with `start_date`,
//!   `end_date`, `text`, `group`, `display_date`, `unique_id`).
//! * `timelinejs.csv` — the TimelineJS spreadsheet template's columns.
//! * `vis-timeline.json` — `{"groups": […], "items": […]}` for vis-timeline
//!   (`new vis.Timeline(el, data.items, data.groups)`).
//!
//! Granularity is honoured. TimelineJS dates carry only the fields the value
//! knows: a month is `{year, month}`, a year `{year}`, a day
//! `{year, month, day}`; hours and minutes only for clock times. Weeks,
//! seasons, quarters, halves, decades get an `end_date` (inclusive, as
//! TimelineJS shows it: the last day or month of the stretch). vis-timeline
//! items are `range` items spanning their whole interval (`end` exclusive, as
//! vis draws it), so "September 2015" covers the month rather than sitting on
//! its 1st; dates on midnight boundaries are written as `YYYY-MM-DD`.
//! Undated rows (`--include-undated`) have no place on a visual timeline and
//! appear only in `timeline.csv` and `timeline.json`.
//!
//! Everything is deterministic: rows are sorted, no time stamps are written.

use super::atomic::write_atomically;
use super::escape::escape_html;
use crate::engine::timex::Granularity;
use crate::error::Error;
use crate::story::timeline::{Row, Timeline};
use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Timelike};
use serde_json::{Map, Value, json};
use std::io;
use std::path::Path;

/// The files written, in order.
pub const FILES: [&str; 5] = [
    "timeline.csv",
    "timeline.json",
    "timelinejs.json",
    "timelinejs.csv",
    "vis-timeline.json",
];

/// Writes every file into `dir` (created if missing), each atomically.
pub fn write_dir(dir: &Path, t: &Timeline) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for name in FILES {
        let path = dir.join(name);
        let bytes = render(name, t).map_err(|e| Error::io(&path, e))?;
        write_atomically(&path, &bytes)?;
    }
    Ok(())
}

/// The bytes of one of [`FILES`].
pub fn render(name: &str, t: &Timeline) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match name {
        "timeline.csv" => write_csv(&mut buf, t)?,
        "timeline.json" => json_to(&mut buf, t)?,
        "timelinejs.json" => json_to(&mut buf, &timelinejs(t))?,
        "timelinejs.csv" => write_timelinejs_csv(&mut buf, t)?,
        "vis-timeline.json" => json_to(&mut buf, &vis(t))?,
        other => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("expected one of {FILES:?}, found {other:?}"),
            ));
        }
    }
    Ok(buf)
}

fn json_to<T: serde::Serialize>(buf: &mut Vec<u8>, v: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *buf, v).map_err(io::Error::other)?;
    buf.push(b'\n');
    Ok(())
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Header of `timeline.csv`.
pub const CSV_HEADER: [&str; 18] = [
    "id",
    "date",
    "mod",
    "start",
    "end",
    "granularity",
    "display_date",
    "headline",
    "sources",
    "documents",
    "dct",
    "dct_basis",
    "confidence",
    "citation_documents",
    "expressions",
    "expression_offsets",
    "sentence_offsets",
    "sentences",
];

/// Writes `timeline.csv`.
pub fn write_csv<W: io::Write>(w: W, t: &Timeline) -> io::Result<()> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    out.write_record(CSV_HEADER).map_err(csv_error)?;
    for r in &t.events {
        let join = |f: &dyn Fn(&crate::story::timeline::Citation) -> String| {
            r.citations.iter().map(f).collect::<Vec<_>>().join(" | ")
        };
        let record = [
            r.id.clone(),
            r.date.clone(),
            r.modifier.clone().unwrap_or_default(),
            r.start.clone().unwrap_or_default(),
            r.end.clone().unwrap_or_default(),
            r.granularity.as_str().to_string(),
            r.display_date.clone(),
            r.headline.clone(),
            r.sources.to_string(),
            r.documents.join("; "),
            r.dct.as_str().to_string(),
            r.dct_basis.join("; "),
            format!("{:.2}", r.confidence),
            join(&|c| c.document.clone()),
            join(&|c| c.expression.text.clone()),
            join(&|c| format!("{}-{}", c.expression.start, c.expression.end)),
            join(&|c| format!("{}-{}", c.sentence.start, c.sentence.end)),
            join(&|c| {
                c.sentence
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        ];
        out.write_record(record).map_err(csv_error)?;
    }
    out.flush()
}

/// Date parts at the row's granularity, for TimelineJS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    time: Option<(u32, u32)>,
}

fn parse_stamp(s: &Option<String>) -> Option<NaiveDateTime> {
    s.as_deref()
        .and_then(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok())
}

/// Start and (inclusive) end parts of a row, or `None` when undated.
fn parts(r: &Row) -> Option<(Parts, Option<Parts>)> {
    let start = parse_stamp(&r.start)?;
    let end = parse_stamp(&r.end)?;
    let last = end - Duration::seconds(1);
    let at = |t: NaiveDateTime, month: bool, day: bool, time: bool| Parts {
        year: t.year(),
        month: month.then_some(t.month()),
        day: day.then_some(t.day()),
        time: time.then_some((t.hour(), t.minute())),
    };
    // The nominal day of a day-level value (a night may run past midnight).
    let nominal = r.sort_key.0;
    Some(match r.granularity {
        Granularity::Second | Granularity::Minute | Granularity::Hour => {
            (at(start, true, true, true), None)
        }
        Granularity::Day | Granularity::PartOfDay => (at(nominal, true, true, false), None),
        Granularity::Week => (
            at(start, true, true, false),
            Some(at(last, true, true, false)),
        ),
        // "early October": part of the month, a range of days
        Granularity::Month
            if start.day() != 1 || end.day() != 1 || last.month() != start.month() =>
        {
            (
                at(start, true, true, false),
                Some(at(last, true, true, false)),
            )
        }
        Granularity::Month => (at(start, true, false, false), None),
        Granularity::Season | Granularity::Quarter | Granularity::Half => (
            at(start, true, false, false),
            Some(at(last, true, false, false)),
        ),
        // "mid-2014": part of the year, a range of months (not 1 January)
        Granularity::Year
            if start.month() != 1 || last.year() != start.year() || last.month() != 12 =>
        {
            (
                at(start, true, false, false),
                Some(at(last, true, false, false)),
            )
        }
        Granularity::Year => (at(start, false, false, false), None),
        Granularity::Decade | Granularity::Century => (
            at(start, false, false, false),
            Some(at(last, false, false, false)),
        ),
        Granularity::None => return None,
    })
}

fn parts_json(p: &Parts) -> Value {
    let mut m = Map::new();
    m.insert("year".into(), json!(p.year));
    if let Some(x) = p.month {
        m.insert("month".into(), json!(x));
    }
    if let Some(x) = p.day {
        m.insert("day".into(), json!(x));
    }
    if let Some((h, mi)) = p.time {
        m.insert("hour".into(), json!(h));
        m.insert("minute".into(), json!(mi));
    }
    Value::Object(m)
}

/// The citations of a row as HTML, for TimelineJS's text and vis's tooltip.
fn citations_html(r: &Row) -> String {
    let mut s = format!(
        "<p>{} source{}; article dates {}; confidence {:.2}.</p><ul>",
        r.sources,
        if r.sources == 1 { "" } else { "s" },
        r.dct.as_str(),
        r.confidence
    );
    for c in &r.citations {
        s.push_str(&format!(
            "<li><b>{}</b>: “{}” <i>(“{}”, characters {}–{})</i></li>",
            escape_html(&c.document),
            escape_html(
                &c.sentence
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            escape_html(&c.expression.text),
            c.expression.start,
            c.expression.end
        ));
    }
    s.push_str("</ul>");
    for b in &r.dct_basis {
        s.push_str(&format!(
            "<p>Article date inferred — {}</p>",
            escape_html(b)
        ));
    }
    s
}

fn group_of(r: &Row) -> &'static str {
    if r.granularity >= Granularity::Day {
        "events"
    } else {
        "background"
    }
}

/// TimelineJS's JSON.
pub fn timelinejs(t: &Timeline) -> Value {
    let events: Vec<Value> = t
        .events
        .iter()
        .filter_map(|r| {
            let (start, end) = parts(r)?;
            let mut m = Map::new();
            m.insert("start_date".into(), parts_json(&start));
            if let Some(e) = end {
                m.insert("end_date".into(), parts_json(&e));
            }
            m.insert(
                "text".into(),
                json!({"headline": escape_html(&r.headline), "text": citations_html(r)}),
            );
            m.insert("group".into(), json!(group_of(r)));
            m.insert("display_date".into(), json!(r.display_date));
            m.insert("unique_id".into(), json!(r.id));
            Some(Value::Object(m))
        })
        .collect();
    json!({ "events": events })
}

/// The TimelineJS spreadsheet template's columns.
pub const TIMELINEJS_HEADER: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// Writes `timelinejs.csv`.
pub fn write_timelinejs_csv<W: io::Write>(w: W, t: &Timeline) -> io::Result<()> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    out.write_record(TIMELINEJS_HEADER).map_err(csv_error)?;
    let opt = |x: Option<u32>| x.map(|v| v.to_string()).unwrap_or_default();
    let time = |x: Option<(u32, u32)>| x.map(|(h, m)| format!("{h:02}:{m:02}")).unwrap_or_default();
    for r in &t.events {
        let Some((s, e)) = parts(r) else { continue };
        let record = [
            s.year.to_string(),
            opt(s.month),
            opt(s.day),
            time(s.time),
            e.map(|e| e.year.to_string()).unwrap_or_default(),
            opt(e.and_then(|e| e.month)),
            opt(e.and_then(|e| e.day)),
            time(e.and_then(|e| e.time)),
            r.display_date.clone(),
            r.headline.clone(),
            citations_html(r),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            group_of(r).to_string(),
            String::new(),
        ];
        out.write_record(record).map_err(csv_error)?;
    }
    out.flush()
}

fn vis_stamp(t: NaiveDateTime) -> String {
    if t.time() == NaiveTime::MIN {
        t.format("%Y-%m-%d").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

/// vis-timeline's groups and items.
pub fn vis(t: &Timeline) -> Value {
    let items: Vec<Value> = t
        .events
        .iter()
        .filter_map(|r| {
            let start = parse_stamp(&r.start)?;
            let end = parse_stamp(&r.end)?;
            Some(json!({
                "id": r.id,
                "content": escape_html(&r.headline),
                "start": vis_stamp(start),
                "end": vis_stamp(end),
                "type": "range",
                "title": format!("{} — {}", escape_html(&r.display_date), citations_html(r)),
                "group": group_of(r),
            }))
        })
        .collect();
    json!({
        "groups": [
            {"id": "events", "content": "Events (a day or finer)"},
            {"id": "background", "content": "Background (weeks, months, years)"},
        ],
        "items": items,
    })
}
