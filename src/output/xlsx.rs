//! `timeline.xlsx`: the timeline as a workbook a newsroom opens without
//! editing, written with `rust_xlsxwriter`.
//!
//! One sheet per table, each with a bold, frozen header row and a filter:
//! * **Timeline** — one row per happening: its interval as typed date cells
//!   shown at the happening's precision (a year as `2011`, a month as
//!   `September 2015`, a day as `14 July 2016`, a time with hours and
//!   minutes), the TIMEX3 value, headline, credit line, outlets, a link to
//!   the first cited article, article dates, whether they were given or
//!   inferred, and the marks of `check`;
//! * **Citations** — one row per citation: outlet, title, link, publication
//!   date, article, line, the words, their offsets and the sentence;
//! * **Articles** — what the build knew of each article;
//! * **Conflicts** and **Assumptions** — what `check` found, with the rows
//!   each concerns and, for each finding, how often its kind was right when
//!   audited (filled when the build ran `check`: `build --check` or
//!   `--html`; otherwise a row says it was not checked);
//! * **Notes** — `check`'s lower-confidence notes, with the same columns as
//!   Conflicts: kinds more often wrong than right on real news, places to
//!   look that are not findings (last, so the other sheets keep their
//!   places).
//!
//! Every text cell is a string cell (never a formula); text that a
//! spreadsheet would take for a formula if retyped carries Excel's "quote
//! prefix" ([`super::escape::is_formula_like`]). Links are only
//! `http:`/`https:` URLs. Dates outside Excel's calendar (before 1900 or
//! after 9999) are written as ISO text. The file is deterministic: its
//! creation date is fixed, so the same timeline gives the same bytes.

use super::credit::{Sources, credit, outlets};
use super::escape::is_formula_like;
use super::marks::{RowMarks, finding_rows, note_rows, row_marks};
use crate::engine::timex::Granularity;
use crate::story::check::{Finding, Report};
use crate::story::timeline::Timeline;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, RowNum, Url, Workbook, Worksheet, XlsxError,
};
use std::io;

/// Excel's limit of characters in a cell.
const MAX_CELL: usize = 32_767;
/// Excel's limit of hyperlinks in a worksheet; later links are written as text.
const MAX_LINKS: usize = 65_530;
/// Excel's limit of characters in a link.
const MAX_URL: usize = 2_079;

/// A timeline of more articles than this gets a workbook whose cells hold
/// their own text ([`Strings::Inline`]). Excel opens either kind; the usual
/// one keeps each distinct text once in a shared table, which stays in
/// memory until the file is written and grows with an archive (150 of
/// `merge`'s 263 MB at 100× timeline17-dev, 90,900 articles).
pub const INLINE_STRINGS_ARTICLES: usize = 20_000;

/// How the workbook's cells keep their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strings {
    /// Once each, in a table the cells point into (smaller files).
    Shared,
    /// In each cell, rows written to a temporary file as they come
    /// (rust_xlsxwriter's constant-memory worksheets): memory stays flat.
    Inline,
}

impl Strings {
    /// What a workbook of `t` uses: inline past [`INLINE_STRINGS_ARTICLES`].
    pub fn for_timeline(t: &Timeline) -> Strings {
        match t.documents.len() > INLINE_STRINGS_ARTICLES {
            true => Strings::Inline,
            false => Strings::Shared,
        }
    }
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("timeline.xlsx: {e}"))
}

/// The workbook's bytes.
pub fn workbook(t: &Timeline, report: Option<&Report>) -> io::Result<Vec<u8>> {
    workbook_rows(t, &crate::story::timeline::own_rows(t), report)
}

/// Writes the workbook of the timeline `t` whose rows are `rows` to `w`
/// as it is made (no copy of the whole file in memory).
pub fn write_rows<W: io::Write + Send>(
    w: W,
    t: &Timeline,
    rows: crate::story::timeline::EachRow,
    report: Option<&Report>,
) -> io::Result<()> {
    build(t, rows, report, Strings::for_timeline(t))
        .and_then(|mut wb| wb.save_to_writer(w))
        .map_err(xlsx_error)
}

/// [`workbook`] of the timeline `t` whose rows are `rows`.
pub fn workbook_rows(
    t: &Timeline,
    rows: crate::story::timeline::EachRow,
    report: Option<&Report>,
) -> io::Result<Vec<u8>> {
    build(t, rows, report, Strings::for_timeline(t))
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(xlsx_error)
}

/// [`workbook`] with its text kept as `strings` says, whatever the size of
/// the timeline.
pub fn workbook_with(
    t: &Timeline,
    report: Option<&Report>,
    strings: Strings,
) -> io::Result<Vec<u8>> {
    build(t, &crate::story::timeline::own_rows(t), report, strings)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(xlsx_error)
}

struct Formats {
    header: Format,
    text: Format,
    quoted: Format,
    number: Format,
    score: Format,
    link: Format,
}

/// A sheet being filled, row by row.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: RowNum,
    col: ColNum,
    links: usize,
    widest: ColNum,
}

impl<'a> Sheet<'a> {
    fn new(
        wb: &'a mut Workbook,
        f: &'a Formats,
        name: &str,
        header: &[(&str, f64)],
        strings: Strings,
    ) -> Result<Sheet<'a>, XlsxError> {
        // Rows go to a temporary file as they are written (only the shared
        // strings stay in memory): a workbook of a big archive no longer
        // holds every cell (240 of merge's 620 MB at 10× timeline17-dev).
        // The one difference from the default mode: rows carry no optional
        // `spans` hint.
        let ws = match strings {
            Strings::Shared => wb.add_worksheet_with_low_memory()?,
            Strings::Inline => wb.add_worksheet_with_constant_memory()?,
        };
        ws.set_name(name)?;
        for (k, (title, width)) in header.iter().enumerate() {
            let k = k as ColNum;
            ws.write_string_with_format(0, k, *title, &f.header)?;
            ws.set_column_width(k, *width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(Sheet {
            ws,
            f,
            row: 0,
            col: 0,
            links: 0,
            widest: header.len().saturating_sub(1) as ColNum,
        })
    }

    fn next_row(&mut self) {
        self.row += 1;
        self.col = 0;
    }

    fn text(&mut self, s: &str) -> Result<(), XlsxError> {
        let s = if s.encode_utf16().count() > MAX_CELL {
            let mut units = 0;
            let cut: String = s
                .chars()
                .take_while(|c| {
                    units += c.len_utf16();
                    units < MAX_CELL
                })
                .collect();
            format!("{cut}…")
        } else {
            s.to_string()
        };
        if !s.is_empty() {
            let format = if is_formula_like(&s) {
                &self.f.quoted
            } else {
                &self.f.text
            };
            self.ws
                .write_string_with_format(self.row, self.col, s, format)?;
        }
        self.col += 1;
        Ok(())
    }

    fn number(&mut self, x: f64, score: bool) -> Result<(), XlsxError> {
        let format = if score { &self.f.score } else { &self.f.number };
        self.ws
            .write_number_with_format(self.row, self.col, x, format)?;
        self.col += 1;
        Ok(())
    }

    /// A typed date cell shown at `granularity`, or ISO text outside Excel's calendar.
    fn date(
        &mut self,
        at: Option<NaiveDateTime>,
        granularity: Granularity,
    ) -> Result<(), XlsxError> {
        let Some(at) = at else {
            self.col += 1;
            return Ok(());
        };
        let excel = (1900..=9999)
            .contains(&at.year())
            .then(|| {
                ExcelDateTime::from_ymd(at.year() as u16, at.month() as u8, at.day() as u8)
                    .and_then(|d| d.and_hms(at.hour() as u16, at.minute() as u8, at.second()))
                    .ok()
            })
            .flatten();
        match excel {
            Some(d) => {
                let format = Format::new().set_num_format(num_format(granularity));
                self.ws
                    .write_datetime_with_format(self.row, self.col, d, &format)?;
                self.col += 1;
                Ok(())
            }
            None => self.text(&at.format("%Y-%m-%dT%H:%M:%S").to_string()),
        }
    }

    /// A hyperlink (a safe URL) shown as `label`, or `label` as text.
    fn link(&mut self, url: Option<&str>, label: &str) -> Result<(), XlsxError> {
        match url {
            Some(u) if self.links < MAX_LINKS && u.len() <= MAX_URL => {
                self.links += 1;
                let label = if label.is_empty() { u } else { label };
                let link = Url::new(u).set_text(label);
                self.ws
                    .write_url_with_format(self.row, self.col, link, &self.f.link)?;
                self.col += 1;
                Ok(())
            }
            Some(u) => self.text(u),
            None => self.text(label),
        }
    }

    fn finish(self) -> Result<(), XlsxError> {
        self.ws.autofilter(0, 0, self.row.max(1), self.widest)?;
        Ok(())
    }
}

/// An Excel number format that shows a date at the precision it is known.
fn num_format(g: Granularity) -> &'static str {
    match g {
        Granularity::Second => "d mmmm yyyy hh:mm:ss",
        Granularity::Minute | Granularity::Hour => "d mmmm yyyy hh:mm",
        Granularity::Month | Granularity::Season | Granularity::Quarter | Granularity::Half => {
            "mmmm yyyy"
        }
        Granularity::Year | Granularity::Decade | Granularity::Century => "yyyy",
        _ => "d mmmm yyyy",
    }
}

fn stamp(s: &Option<String>) -> Option<NaiveDateTime> {
    s.as_deref()
        .and_then(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok())
}

fn day(d: Option<NaiveDate>) -> Option<NaiveDateTime> {
    d.map(|d| d.and_time(chrono::NaiveTime::MIN))
}

/// Says so in a findings sheet when the build was not checked.
fn not_checked(s: &mut Sheet, report: Option<&Report>) -> Result<(), XlsxError> {
    if report.is_none() {
        s.next_row();
        s.text("")?;
        s.text("not checked")?;
        s.text(NOT_CHECKED)?;
    }
    Ok(())
}

/// The note in the findings sheets of an unchecked build.
pub const NOT_CHECKED: &str = "This build was not checked: run `chronicler build --check` (or --html) to list what check finds here.";

fn build(
    t: &Timeline,
    rows: crate::story::timeline::EachRow,
    report: Option<&Report>,
    strings: Strings,
) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    // A fixed creation date: the same timeline gives the same bytes.
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("Timeline")
            .set_creation_datetime(&epoch),
    );
    let f = Formats {
        header: Format::new().set_bold().set_background_color("#E8ECF4"),
        text: Format::new(),
        quoted: Format::new().set_quote_prefix(),
        number: Format::new().set_num_format("0"),
        score: Format::new().set_num_format("0.00"),
        link: Format::new()
            .set_font_color("#0B4FB3")
            .set_underline(rust_xlsxwriter::FormatUnderline::Single),
    };
    let index = Sources::new(t);
    let marks: Vec<RowMarks> = match report {
        Some(r) => row_marks(t, r),
        None => Vec::new(),
    };
    let none = RowMarks::default();
    // An error of the workbook, kept while the rows are read.
    let mut failed: Option<XlsxError> = None;
    let stop = |e: XlsxError, failed: &mut Option<XlsxError>| {
        *failed = Some(e);
        io::Error::other("timeline.xlsx: row not written")
    };
    let numbers = |set: &std::collections::BTreeSet<usize>| {
        set.iter()
            .map(|k| (k + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };

    // Timeline.
    let mut s = Sheet::new(
        &mut wb,
        &f,
        "Timeline",
        &[
            ("id", 7.0),
            ("start", 18.0),
            ("end (exclusive)", 18.0),
            ("value", 16.0),
            ("display date", 24.0),
            ("granularity", 11.0),
            ("headline", 70.0),
            ("credit", 36.0),
            ("outlets", 30.0),
            ("sources", 8.0),
            ("link", 30.0),
            ("article dates", 14.0),
            ("article dates were", 14.0),
            ("how inferred", 30.0),
            ("confidence", 10.0),
            ("conflicts", 10.0),
            ("assumptions", 12.0),
        ],
        strings,
    )?;
    let mut k = 0;
    let read = rows(&mut |r| {
        let m = marks.get(k).unwrap_or(&none);
        k += 1;
        let mut row = || -> Result<(), XlsxError> {
            s.next_row();
            let sources = index.of_row(r);
            let first_link = sources.iter().find(|x| x.url.is_some());
            let dates: std::collections::BTreeSet<String> = sources
                .iter()
                .filter_map(|x| x.published.map(|d| d.format("%Y-%m-%d").to_string()))
                .collect();
            s.text(&r.id)?;
            s.date(stamp(&r.start), r.granularity)?;
            s.date(stamp(&r.end), r.granularity)?;
            s.text(&r.date)?;
            s.text(&r.display_date)?;
            s.text(r.granularity.as_str())?;
            s.text(&r.headline)?;
            s.text(&credit(&sources))?;
            s.text(&outlets(&sources).join("; "))?;
            s.number(r.sources as f64, false)?;
            match first_link {
                Some(x) => s.link(x.url.as_deref(), x.title.unwrap_or(&x.outlet))?,
                None => s.text("")?,
            }
            s.text(&dates.into_iter().collect::<Vec<_>>().join("; "))?;
            s.text(r.dct.as_str())?;
            s.text(&r.dct_basis.join("; "))?;
            s.number(r.confidence, true)?;
            s.text(&numbers(&m.conflicts))?;
            s.text(&numbers(&m.assumptions))?;
            Ok(())
        };
        row().map_err(|e| stop(e, &mut failed))
    });
    if let Some(e) = failed.take() {
        return Err(e);
    }
    read.map_err(XlsxError::IoError)?;
    s.finish()?;

    // Citations.
    let mut s = Sheet::new(
        &mut wb,
        &f,
        "Citations",
        &[
            ("row", 7.0),
            ("outlet", 24.0),
            ("title", 40.0),
            ("link", 30.0),
            ("published", 14.0),
            ("article", 26.0),
            ("line", 6.0),
            ("words", 20.0),
            ("value", 16.0),
            ("start", 8.0),
            ("end", 8.0),
            ("rule", 24.0),
            ("sentence", 90.0),
        ],
        strings,
    )?;
    let read = rows(&mut |r| {
        let mut row = || -> Result<(), XlsxError> {
            for c in &r.citations {
                s.next_row();
                let src = index.of(&c.document);
                s.text(&r.id)?;
                s.text(&src.outlet)?;
                s.text(src.title.unwrap_or_default())?;
                let url = src.url.clone();
                s.link(url.as_deref(), url.as_deref().unwrap_or_default())?;
                s.date(day(src.published), Granularity::Day)?;
                s.text(&c.document)?;
                s.number(c.line as f64, false)?;
                s.text(c.expression.words())?;
                s.text(&c.expression.value)?;
                s.number(c.expression.start as f64, false)?;
                s.number(c.expression.end as f64, false)?;
                s.text(&c.expression.rule)?;
                s.text(
                    &c.sentence
                        .text
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                )?;
            }
            Ok(())
        };
        row().map_err(|e| stop(e, &mut failed))
    });
    if let Some(e) = failed.take() {
        return Err(e);
    }
    read.map_err(XlsxError::IoError)?;
    s.finish()?;

    // Articles.
    let mut s = Sheet::new(
        &mut wb,
        &f,
        "Articles",
        &[
            ("article", 26.0),
            ("outlet", 24.0),
            ("title", 40.0),
            ("link", 30.0),
            ("published", 14.0),
            ("date from", 10.0),
            ("how inferred", 30.0),
            ("statements cited", 10.0),
        ],
        strings,
    )?;
    for d in &t.documents {
        s.next_row();
        let src = index.of(&d.id);
        s.text(&d.id)?;
        s.text(if src.outlet_known { &src.outlet } else { "" })?;
        s.text(src.title.unwrap_or_default())?;
        let url = src.url.clone();
        s.link(url.as_deref(), url.as_deref().unwrap_or_default())?;
        s.date(day(src.published), Granularity::Day)?;
        s.text(&d.dct_source)?;
        s.text(d.dct_basis.as_deref().unwrap_or_default())?;
        s.number(d.statements as f64, false)?;
    }
    s.finish()?;

    let (conflict_rows, assumption_rows) = finding_rows(t, &marks);
    let rows_of = |v: &Vec<Vec<&str>>, k: usize| v.get(k).map(|x| x.join(", ")).unwrap_or_default();

    // Conflicts: the findings, which set `check`'s exit status.
    let findings = report.map_or(&[][..], |r| &r.conflicts);
    findings_sheet(
        &mut wb,
        &f,
        &index,
        report,
        "Conflicts",
        "finding",
        findings,
        &conflict_rows,
        strings,
    )?;
    // Assumptions.
    let mut s = Sheet::new(
        &mut wb,
        &f,
        "Assumptions",
        &[
            ("rank", 6.0),
            ("kind", 26.0),
            ("guess", 70.0),
            ("score", 8.0),
            ("statements", 10.0),
            ("rows", 14.0),
            ("corroborated by", 30.0),
        ],
        strings,
    )?;
    not_checked(&mut s, report)?;
    for (k, a) in report
        .map_or(&[][..], |r| &r.assumptions)
        .iter()
        .enumerate()
    {
        s.next_row();
        s.number(a.rank as f64, false)?;
        s.text(a.kind.as_str())?;
        s.text(&a.guess)?;
        s.number(a.score, true)?;
        s.number(a.statements as f64, false)?;
        s.text(&rows_of(&assumption_rows, k))?;
        let mut corroborated = a.corroborated_by.join("; ");
        if a.corroborated_by_more > 0 {
            corroborated.push_str(&format!("; and {} more", a.corroborated_by_more));
        }
        s.text(&corroborated)?;
    }
    s.finish()?;

    // Notes: the lower-confidence kinds, apart (and last, so the sheets
    // before keep their places) so the Conflicts sheet still lists only
    // what sets the exit status.
    let notes = report.map_or(&[][..], |r| &r.notes);
    let rows = note_rows(t, &marks);
    findings_sheet(
        &mut wb, &f, &index, report, "Notes", "note", notes, &rows, strings,
    )?;
    Ok(wb)
}

/// A sheet of `check` findings (or notes): one row each, with the timeline
/// rows it concerns (`rows`, by finding), the outlets it cites, and how
/// often its kind was right when audited ("measured").
#[allow(clippy::too_many_arguments)]
fn findings_sheet(
    wb: &mut Workbook,
    f: &Formats,
    index: &Sources,
    report: Option<&Report>,
    name: &str,
    title: &str,
    list: &[Finding],
    rows: &[Vec<&str>],
    strings: Strings,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(
        wb,
        f,
        name,
        &[
            ("number", 8.0),
            ("kind", 22.0),
            (title, 60.0),
            ("detail", 80.0),
            ("rows", 14.0),
            ("articles", 40.0),
            ("measured", 50.0),
        ],
        strings,
    )?;
    not_checked(&mut s, report)?;
    for (k, c) in list.iter().enumerate() {
        s.next_row();
        s.number((k + 1) as f64, false)?;
        s.text(c.kind.as_str())?;
        s.text(&c.title)?;
        s.text(&c.detail)?;
        s.text(&rows.get(k).map(|x| x.join(", ")).unwrap_or_default())?;
        let mut docs: Vec<String> = c
            .cites
            .iter()
            .map(|x| index.of(&x.document).outlet)
            .collect();
        docs.dedup();
        s.text(&docs.join("; "))?;
        s.text(c.calibration)?;
    }
    s.finish()
}
