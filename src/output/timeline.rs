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

use super::atomic::AtomicFile;
use super::credit::{Sources, credit, day, outlets};
use super::escape::{escape_html, safe_url, spreadsheet_text};
use crate::engine::timex::Granularity;
use crate::error::Error;
use crate::story::check::Report;
use crate::story::timeline::{DctStatus, Row, Timeline};
pub use crate::story::timeline::{EachRow, RowSink, own_rows};
use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Timelike};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::io;
use std::path::Path;

/// The most the timeline files of a build may hold, as a multiple of the
/// text read (plus a fixed 64 KiB). A row costs about 2 KB across the five
/// files and a quoted sentence is cut to the stretch around its expression
/// when the sentence names many times (see
/// [`crate::story::events::CROWDED`]), so one sentence of thousands of
/// dated clauses cannot make gigabytes (it made 830 MB from 92 KB). News
/// makes 3 to 7 times its size; the densest input, a bare list of years
/// (a row for every six bytes), about 310 times.
pub const MAX_OUTPUT_RATIO: usize = 400;

/// The files written, in order.
pub const FILES: [&str; 6] = [
    "timeline.csv",
    "timeline.json",
    "timelinejs.json",
    "timelinejs.csv",
    "vis-timeline.json",
    "timeline.xlsx",
];

/// Writes every file into `dir` (created if missing), each atomically.
/// `report` (what `check` found) fills the conflicts and assumptions sheets
/// of `timeline.xlsx`.
pub fn write_dir(dir: &Path, t: &Timeline, report: Option<&Report>) -> Result<(), Error> {
    write_dir_rows(dir, t, &own_rows(t), report)
}

/// [`write_dir`] of the timeline `t` whose rows are `rows` (its own
/// `events` are not read).
pub fn write_dir_rows(
    dir: &Path,
    t: &Timeline,
    rows: EachRow,
    report: Option<&Report>,
) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for name in FILES {
        let path = dir.join(name);
        // Written straight into the temporary file: a file of a big
        // timeline is never held whole in memory besides its rows.
        let mut file = AtomicFile::create(&path)?;
        match name {
            // the workbook is zipped straight into the file
            "timeline.xlsx" => super::xlsx::write_rows(&mut file, t, rows, report),
            _ => render_rows_to(&mut file, name, t, rows, report),
        }
        .map_err(|e| Error::io(&path, e))?;
        file.commit()?;
    }
    Ok(())
}

/// The bytes of one of [`FILES`].
pub fn render(name: &str, t: &Timeline, report: Option<&Report>) -> io::Result<Vec<u8>> {
    render_rows(name, t, &own_rows(t), report)
}

/// [`render`] of the timeline `t` whose rows are `rows`.
pub fn render_rows(
    name: &str,
    t: &Timeline,
    rows: EachRow,
    report: Option<&Report>,
) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    render_rows_to(&mut buf, name, t, rows, report)?;
    Ok(buf)
}

/// Writes one of [`FILES`] to `w`: each row's part of a JSON file is made
/// as it is written, not the whole document first.
pub fn render_to<W: io::Write>(
    w: &mut W,
    name: &str,
    t: &Timeline,
    report: Option<&Report>,
) -> io::Result<()> {
    render_rows_to(w, name, t, &own_rows(t), report)
}

/// [`render_to`] of the timeline `t` whose rows are `rows`.
pub fn render_rows_to<W: io::Write>(
    w: &mut W,
    name: &str,
    t: &Timeline,
    rows: EachRow,
    report: Option<&Report>,
) -> io::Result<()> {
    match name {
        "timeline.csv" => write_csv_rows(&mut *w, t, rows),
        "timeline.json" => json_to(w, &with_safe_links(t, rows)),
        "timeline.xlsx" => w.write_all(&super::xlsx::workbook_rows(t, rows, report)?),
        "timelinejs.json" => {
            let index = Sources::new(t);
            json_to(
                w,
                &Lazy(&[(
                    "events",
                    Items::Rows(rows, &|r: &Row| timelinejs_event(&index, r)),
                )]),
            )
        }
        "timelinejs.csv" => write_timelinejs_csv_rows(&mut *w, t, rows),
        "vis-timeline.json" => {
            let index = Sources::new(t);
            json_to(
                w,
                &Lazy(&[
                    ("groups", Items::Value(vis_groups())),
                    ("items", Items::Rows(rows, &|r: &Row| vis_item(&index, r))),
                ]),
            )
        }
        other => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("expected one of {FILES:?}, found {other:?}"),
        )),
    }
}

/// A JSON object whose fields are written in the order given (the order
/// [`Value`]'s map gives them: by name) and whose lists of rows are made
/// one row at a time as they are written.
struct Lazy<'a>(&'a [(&'a str, Items<'a>)]);

enum Items<'a> {
    Value(Value),
    Rows(EachRow<'a>, &'a dyn Fn(&Row) -> Option<Value>),
    /// The rows themselves.
    Whole(EachRow<'a>),
}

impl serde::Serialize for Lazy<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl serde::Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self {
            Items::Value(v) => v.serialize(s),
            Items::Rows(rows, each) => {
                let mut seq = s.serialize_seq(None)?;
                let mut failed = None;
                let read = rows(&mut |r| {
                    if let Some(v) = each(r)
                        && let Err(e) = seq.serialize_element(&v)
                    {
                        failed = Some(e);
                        return Err(io::Error::other("row not written"));
                    }
                    Ok(())
                });
                if let Some(e) = failed {
                    return Err(e);
                }
                read.map_err(serde::ser::Error::custom)?;
                seq.end()
            }
            Items::Whole(rows) => {
                let mut seq = s.serialize_seq(None)?;
                let mut failed = None;
                let read = rows(&mut |r| {
                    if let Err(e) = seq.serialize_element(r) {
                        failed = Some(e);
                        return Err(io::Error::other("row not written"));
                    }
                    Ok(())
                });
                if let Some(e) = failed {
                    return Err(e);
                }
                read.map_err(serde::ser::Error::custom)?;
                seq.end()
            }
        }
    }
}

/// `timeline.json` as the timeline serialises, with each article's `url`
/// kept only when it is an `http:`/`https:` link.
fn with_safe_links<'a>(t: &'a Timeline, rows: EachRow<'a>) -> SafeLinks<'a> {
    let documents: Vec<_> = t
        .documents
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.url = d.url.as_deref().and_then(safe_url);
            d
        })
        .collect();
    SafeLinks {
        intervals: t.intervals,
        documents,
        events: Items::Whole(rows),
    }
}

/// [`Timeline`]'s JSON, field for field.
#[derive(serde::Serialize)]
struct SafeLinks<'a> {
    intervals: &'a str,
    documents: Vec<crate::story::timeline::DocumentInfo>,
    events: Items<'a>,
}

fn json_to<W: io::Write, T: serde::Serialize>(w: &mut W, v: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, v).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Header of `timeline.csv`.
pub const CSV_HEADER: [&str; 26] = [
    "id",
    "date",
    "mod",
    "start",
    "end",
    "granularity",
    "display_date",
    "headline",
    "credit",
    "outlets",
    "sources",
    "documents",
    "urls",
    "dct",
    "dct_status",
    "dct_basis",
    "confidence",
    "citation_documents",
    "citation_outlets",
    "citation_titles",
    "citation_urls",
    "citation_published",
    "expressions",
    "expression_offsets",
    "sentence_offsets",
    "sentences",
];

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A CSV writer whose every cell goes through [`spreadsheet_text`].
struct SafeCsv<W: io::Write>(csv::Writer<W>);

impl<W: io::Write> SafeCsv<W> {
    fn new(w: W) -> Self {
        SafeCsv(
            csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(w),
        )
    }

    fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> io::Result<()> {
        self.0
            .write_record(
                cells
                    .iter()
                    .map(|c| spreadsheet_text(c.as_ref()).into_owned()),
            )
            .map_err(csv_error)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Writes `timeline.csv`.
pub fn write_csv<W: io::Write>(w: W, t: &Timeline) -> io::Result<()> {
    write_csv_rows(w, t, &own_rows(t))
}

/// [`write_csv`] of the timeline `t` whose rows are `rows`.
pub fn write_csv_rows<W: io::Write>(w: W, t: &Timeline, rows: EachRow) -> io::Result<()> {
    let mut out = SafeCsv::new(w);
    out.row(&CSV_HEADER)?;
    let index = Sources::new(t);
    rows(&mut |r| {
        let join = |f: &dyn Fn(&crate::story::timeline::Citation) -> String| {
            r.citations.iter().map(f).collect::<Vec<_>>().join(" | ")
        };
        let sources = index.of_row(r);
        let urls: Vec<&str> = sources.iter().filter_map(|s| s.url.as_deref()).collect();
        let dates: BTreeSet<String> = sources
            .iter()
            .filter_map(|s| s.published.map(|d| d.format("%Y-%m-%d").to_string()))
            .collect();
        let cite = |c: &crate::story::timeline::Citation| index.of(&c.document);
        let record = [
            r.id.clone(),
            r.date.clone(),
            r.modifier.clone().unwrap_or_default(),
            r.start.clone().unwrap_or_default(),
            r.end.clone().unwrap_or_default(),
            r.granularity.as_str().to_string(),
            r.display_date.clone(),
            r.headline.clone(),
            credit(&sources),
            outlets(&sources).join("; "),
            r.sources.to_string(),
            r.documents.join("; "),
            urls.join("; "),
            dates.into_iter().collect::<Vec<_>>().join("; "),
            r.dct.as_str().to_string(),
            r.dct_basis.join("; "),
            format!("{:.2}", r.confidence),
            join(&|c| c.document.clone()),
            join(&|c| cite(c).outlet),
            join(&|c| cite(c).title.unwrap_or_default().to_string()),
            join(&|c| cite(c).url.unwrap_or_default()),
            join(&|c| c.dct.as_deref().unwrap_or_default().to_string()),
            join(&|c| c.expression.words().to_string()),
            join(&|c| format!("{}-{}", c.expression.start, c.expression.end)),
            join(&|c| format!("{}-{}", c.sentence.start, c.sentence.end)),
            join(&|c| squash(&c.sentence.text)),
        ];
        out.row(&record)
    })?;
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
    let last = end.checked_sub_signed(Duration::seconds(1))?;
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

/// How many articles a slide lists by name before "and N more".
pub const LISTED_ARTICLES: usize = 10;

/// A row's sources for a public page (TimelineJS's slide text, vis-timeline's
/// tooltip): the credit line, then each article with its link, outlet and
/// date. No file offsets or scores: those are in `timeline.json` and
/// `timeline.csv`. When the date rests on an article date inferred from the
/// text, the slide says so.
pub fn public_sources_html(index: &Sources, r: &Row) -> String {
    let sources = index.of_row(r);
    let mut s = format!(
        "<p class=\"credit\">{}</p><ul class=\"sources\">",
        escape_html(&credit(&sources))
    );
    for src in sources.iter().take(LISTED_ARTICLES) {
        let name = match src.title {
            Some(title) => escape_html(title),
            None => escape_html(&src.outlet),
        };
        s.push_str("<li>");
        match &src.url {
            Some(u) => s.push_str(&format!(
                "<a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{name}</a>",
                escape_html(u)
            )),
            None => s.push_str(&name),
        }
        let mut about = Vec::new();
        if src.title.is_some() && src.outlet_known {
            about.push(escape_html(&src.outlet));
        }
        if let Some(d) = src.published {
            about.push(escape_html(&day(d)));
        }
        if !about.is_empty() {
            s.push_str(&format!(" — {}", about.join(", ")));
        }
        s.push_str("</li>");
    }
    if sources.len() > LISTED_ARTICLES {
        s.push_str(&format!(
            "<li>and {} more articles</li>",
            sources.len() - LISTED_ARTICLES
        ));
    }
    s.push_str("</ul>");
    if matches!(r.dct, DctStatus::Inferred | DctStatus::PartlyInferred) {
        s.push_str("<p class=\"note\"><i>Date approximate: it rests on an article date inferred from the article&#39;s text.</i></p>");
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
    let index = Sources::new(t);
    let events: Vec<Value> = t
        .events
        .iter()
        .filter_map(|r| timelinejs_event(&index, r))
        .collect();
    json!({ "events": events })
}

/// One row's event in TimelineJS's JSON (none for a row it cannot place).
fn timelinejs_event(index: &Sources, r: &Row) -> Option<Value> {
    let (start, end) = parts(r)?;
    let mut m = Map::new();
    m.insert("start_date".into(), parts_json(&start));
    if let Some(e) = end {
        m.insert("end_date".into(), parts_json(&e));
    }
    m.insert(
        "text".into(),
        json!({"headline": escape_html(&r.headline), "text": public_sources_html(index, r)}),
    );
    m.insert("group".into(), json!(group_of(r)));
    m.insert("display_date".into(), json!(r.display_date));
    m.insert("unique_id".into(), json!(r.id));
    Some(Value::Object(m))
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
    write_timelinejs_csv_rows(w, t, &own_rows(t))
}

/// [`write_timelinejs_csv`] of the timeline `t` whose rows are `rows`.
pub fn write_timelinejs_csv_rows<W: io::Write>(
    w: W,
    t: &Timeline,
    rows: EachRow,
) -> io::Result<()> {
    let index = Sources::new(t);
    let mut out = SafeCsv::new(w);
    out.row(&TIMELINEJS_HEADER)?;
    let opt = |x: Option<u32>| x.map(|v| v.to_string()).unwrap_or_default();
    let time = |x: Option<(u32, u32)>| x.map(|(h, m)| format!("{h:02}:{m:02}")).unwrap_or_default();
    rows(&mut |r| {
        let Some((s, e)) = parts(r) else {
            return Ok(());
        };
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
            escape_html(&r.headline),
            public_sources_html(&index, r),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            group_of(r).to_string(),
            String::new(),
        ];
        out.row(&record)
    })?;
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
    let index = Sources::new(t);
    let items: Vec<Value> = t
        .events
        .iter()
        .filter_map(|r| vis_item(&index, r))
        .collect();
    json!({
        "groups": vis_groups(),
        "items": items,
    })
}

/// vis-timeline's groups.
fn vis_groups() -> Value {
    json!([
        {"id": "events", "content": "Events (a day or finer)"},
        {"id": "background", "content": "Background (weeks, months, years)"},
    ])
}

/// One row's item in vis-timeline's JSON (none for a row without an interval).
fn vis_item(index: &Sources, r: &Row) -> Option<Value> {
    let start = parse_stamp(&r.start)?;
    let end = parse_stamp(&r.end)?;
    let sources = index.of_row(r);
    let links: Vec<Value> = sources
        .iter()
        .map(|s| {
            // Text a template shows is escaped as `content` and `title` are;
            // the link is a link (http or https only, see `Sources`).
            let mut m = Map::new();
            m.insert("outlet".into(), json!(escape_html(&s.outlet)));
            if let Some(x) = s.title {
                m.insert("title".into(), json!(escape_html(x)));
            }
            if let Some(x) = &s.url {
                m.insert("url".into(), json!(x));
            }
            if let Some(x) = s.published {
                m.insert("published".into(), json!(x.format("%Y-%m-%d").to_string()));
            }
            Value::Object(m)
        })
        .collect();
    Some(json!({
        "id": r.id,
        "content": escape_html(&r.headline),
        "start": vis_stamp(start),
        "end": vis_stamp(end),
        "type": "range",
        "title": format!(
            "<b>{}</b><br>{}<br>{}",
            escape_html(&r.display_date),
            escape_html(&r.headline),
            escape_html(&credit(&sources))
        ),
        "credit": escape_html(&credit(&sources)),
        "sources": links,
        "group": group_of(r),
    }))
}
