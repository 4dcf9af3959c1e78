//! `timeline.html` (`chronicler build … --html`): one self-contained review
//! page — no network, no CDN; the style sheet (`page.css`) and the script
//! (`page.js`) are inline.
//!
//! The page is built for stories of hundreds of articles as well as five:
//!
//! * It **opens on the story's top dates**: the `--top N` selection, or the
//!   [`DEFAULT_TOP`] best-supported days when the timeline has more than
//!   [`SHOW_ALL_UP_TO`] dated rows (smaller ones open on every row). Each
//!   day shows its best-supported row; "Show N more on this day" expands it.
//!   "Every happening" shows the rest, a day at a time ([`COLLAPSED`] rows per
//!   day until expanded).
//! * **Search** (words of the headline, the quotes, the outlets, the date),
//!   a **source** filter and a **check** filter (rows with a conflict, with an
//!   assumption, or neither) look through every row; they intersect with the
//!   chosen scope.
//! * The **time axis** is a vertical list of days (a dot) and of weeks,
//!   months and years (a bar), in time order; the space between two dates
//!   grows with the logarithm of the time between them and empty stretches
//!   of more than two months carry a label ("… 1 year 5 months …"). Every
//!   element is in normal flow, so labels and cards never overlap, and no
//!   happening is pushed behind hundreds of others.
//! * Sources are named as a newsroom names them ([`super::credit`]):
//!   "Reuters, BBC and 53 more — 14–17 July 2016"; "Sources and words" opens
//!   every citation: the sentence with the words marked, a link to the
//!   article (`http:`/`https:` only), outlet, date, file, line and offsets.
//! * The header counts what is shown: rows, days, and the conflicts and
//!   assumptions among those rows; the findings list shows theirs, each
//!   with how often its kind was right when audited. `check`'s notes (the
//!   lower-confidence kinds) are listed apart, folded, and counted nowhere.
//! * **Table** view: the same rows, sortable by any column.
//! * **Print** prints the rows shown, with every citation spelled out.
//! * Phones: nothing is wider than the screen (360–400 px and up).
//! * Keyboard and screen readers: every control is a native button, link,
//!   input or select with a label, in reading order; the counts are a live
//!   region; colours meet WCAG 2.1 AA contrast.
//!
//! The page is rendered here in its opening state (rows outside the top
//! dates carry `hidden`), so it paints without waiting for its script; the
//! script only filters, expands, sorts and spaces the axis, in time linear
//! in the number of rows. Like the other outputs it is deterministic.

use super::atomic::write_atomically;
use super::credit::{self, Source, Sources};
use super::escape::escape_html as esc;
use super::marks::{RowMarks, finding_rows, note_rows, row_marks};
use crate::engine::timex::{Granularity, WEEKDAY_NAMES};
use crate::error::Error;
use crate::story::check::{Finding, Report};
use crate::story::timeline::{Row, Timeline, Why, quoted_words};
use crate::summary::plural;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// The file written.
pub const FILE: &str = "timeline.html";

/// How many top dates the page opens on when `--top` was not given.
pub const DEFAULT_TOP: usize = 25;

/// Timelines with at most this many dated rows open on every row.
pub const SHOW_ALL_UP_TO: usize = 40;

/// Rows a day shows under "Every happening" before "Show N more".
pub const COLLAPSED: usize = 3;

/// How many outlets a card names before "and N more".
const NAMED_OUTLETS: usize = 2;

const CSS: &str = include_str!("page.css");
const JS: &str = include_str!("page.js");

/// The rows a page opens on: the `--top` selection (or the [`DEFAULT_TOP`]
/// best days'), by their ids in the whole timeline, and why each of their
/// days was picked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Opening {
    pub rows: HashSet<String>,
    pub why: HashMap<String, Why>,
}

/// The rows a page of `story` opens on, and why each day was picked: the
/// `--top` selection (with `--per-date`), or the [`DEFAULT_TOP`] days when
/// the story is too big to open on every row; `None` opens on every row.
pub fn opening(
    story: &crate::story::build::Story,
    top: Option<usize>,
    per_date: Option<usize>,
) -> Option<Opening> {
    if top.is_none() && opens_on_every_row(&story.timeline) {
        return None;
    }
    let (picked, ids) = story.select(&crate::story::select::Selection {
        top: Some(top.unwrap_or(DEFAULT_TOP)),
        per_date,
        ..Default::default()
    });
    let why: HashMap<&str, &Why> = picked
        .events
        .iter()
        .filter_map(|r| Some((r.id.as_str(), r.why.as_ref()?)))
        .collect();
    Some(Opening {
        rows: ids.keys().cloned().collect(),
        why: ids
            .iter()
            .filter_map(|(full, new)| Some((full.clone(), (*why.get(new.as_str())?).clone())))
            .collect(),
    })
}

/// True when a page of `t` opens on every row unless `--top` is given: it
/// has at most [`SHOW_ALL_UP_TO`] dated rows.
pub fn opens_on_every_row(t: &Timeline) -> bool {
    t.events.iter().filter(|r| r.start.is_some()).count() <= SHOW_ALL_UP_TO
}

/// Writes `timeline.html` into `dir`, atomically. `t` is the whole timeline
/// (every row: the page opens on the top dates and keeps the rest a click
/// away), `report` what `check` found in it, `opening` the rows it opens on
/// (`None`: every row).
pub fn write(
    dir: &Path,
    t: &Timeline,
    report: &Report,
    opening: Option<&Opening>,
) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    write_atomically(&dir.join(FILE), page(t, report, opening).as_bytes())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An expression's words in quotation marks, or what a lead shows
/// instead, as plain text ([`quoted_words`]).
fn quoted_plain(e: &crate::story::timeline::Expression) -> String {
    quoted_words(&squash(&e.text))
}

/// [`quoted_plain`], escaped for HTML.
fn quoted(e: &crate::story::timeline::Expression) -> String {
    esc(&quoted_plain(e))
}

/// The sentence with the expression marked (offsets are chars into the
/// article; the sentence's own start is subtracted).
fn marked(sentence: &str, s_start: usize, start: usize, end: usize) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    let a = start.saturating_sub(s_start).min(chars.len());
    let b = end.saturating_sub(s_start).min(chars.len()).max(a);
    let part = |x: &[char]| esc(&squash(&x.iter().collect::<String>()));
    let lead = if chars[..a].last().is_some_and(|c| c.is_whitespace()) {
        " "
    } else {
        ""
    };
    let trail = if chars[b..].first().is_some_and(|c| c.is_whitespace()) {
        " "
    } else {
        ""
    };
    format!(
        "{}{lead}<mark>{}</mark>{trail}{}",
        part(&chars[..a]),
        part(&chars[a..b]),
        part(&chars[b..])
    )
}

fn is_point(g: Granularity) -> bool {
    g >= Granularity::Day
}

fn day_label(d: NaiveDate) -> String {
    format!(
        "{} {}",
        WEEKDAY_NAMES[d.weekday().num_days_from_monday() as usize],
        credit::day(d)
    )
}

/// An anchor-safe id for an article: letters and digits kept, anything else
/// written as its code point, so two different names never share an anchor.
fn anchor(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", c as u32);
        }
    }
    out
}

/// Rows of one place on the axis: a day (for rows dated to a day or finer)
/// or one stretch (a week, a month, a year …).
struct Group<'a> {
    label: String,
    point: bool,
    start: String,
    end: String,
    rows: Vec<(usize, &'a Row)>,
}

fn groups(t: &Timeline) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    let mut last_key: Option<(bool, String, String)> = None;
    for (k, r) in t.events.iter().enumerate() {
        let (Some(start), Some(end)) = (&r.start, &r.end) else {
            continue;
        };
        let point = is_point(r.granularity);
        let key = if point {
            let d = r.sort_key.0.date();
            (true, d.to_string(), String::new())
        } else {
            (false, start.clone(), end.clone())
        };
        if last_key.as_ref() == Some(&key)
            && let Some(g) = out.last_mut()
        {
            g.rows.push((k, r));
            continue;
        }
        let (label, gstart, gend) = if point {
            let d = r.sort_key.0.date();
            let next = d.succ_opt().unwrap_or(d);
            (
                day_label(d),
                format!("{}T00:00:00", d.format("%Y-%m-%d")),
                format!("{}T00:00:00", next.format("%Y-%m-%d")),
            )
        } else {
            (r.display_date.clone(), start.clone(), end.clone())
        };
        out.push(Group {
            label,
            point,
            start: gstart,
            end: gend,
            rows: vec![(k, r)],
        });
        last_key = Some(key);
    }
    out
}

/// The page.
pub fn page(t: &Timeline, report: &Report, open: Option<&Opening>) -> String {
    let marks = row_marks(t, report);
    let (conflict_rows, assumption_rows) = finding_rows(t, &marks);
    let index = Sources::new(t);
    let sources: Vec<Vec<Source>> = t.events.iter().map(|r| index.of_row(r)).collect();
    let outlets: Vec<Vec<String>> = sources.iter().map(|s| credit::outlets(s)).collect();
    let opening: Option<&HashSet<String>> = open.map(|o| &o.rows);
    let groups = groups(t);
    let dated: usize = groups.iter().map(|g| g.rows.len()).sum();
    let top_days = groups
        .iter()
        .filter(|g| {
            g.rows
                .iter()
                .any(|(_, r)| opening.as_ref().is_some_and(|o| o.contains(&r.id)))
        })
        .count();
    // Each row's place in its day, best-supported first: the order in which
    // a collapsed day shows its rows.
    let mut rank = vec![0usize; t.events.len()];
    for g in &groups {
        let mut ranked: Vec<(usize, &Row)> = g.rows.clone();
        ranked.sort_by(|a, b| {
            b.1.sources
                .cmp(&a.1.sources)
                .then(b.1.confidence.total_cmp(&a.1.confidence))
                .then(a.0.cmp(&b.0))
        });
        for (i, (k, _)) in ranked.into_iter().enumerate() {
            rank[k] = i;
        }
    }
    // What the page opens on (the script applies the same rules). Days of
    // a small story are never collapsed.
    let collapsed = if dated > SHOW_ALL_UP_TO { COLLAPSED } else { 0 };
    let shown_rows: Vec<usize> = groups
        .iter()
        .flat_map(|g| {
            let all = collapsed == 0 || g.rows.len() <= collapsed + 1;
            let opening = &opening;
            let rank = &rank;
            g.rows.iter().filter(move |(k, r)| match opening {
                Some(o) => o.contains(&r.id),
                None => all || rank[*k] < collapsed,
            })
        })
        .map(|(k, _)| *k)
        .collect();
    let shown_set: HashSet<usize> = shown_rows.iter().copied().collect();
    let shown_conflicts: BTreeSet<usize> = shown_rows
        .iter()
        .flat_map(|&k| marks[k].conflicts.iter().copied())
        .collect();
    let shown_assumptions: BTreeSet<usize> = shown_rows
        .iter()
        .flat_map(|&k| marks[k].assumptions.iter().copied())
        .collect();
    let shown_days = groups
        .iter()
        .filter(|g| g.rows.iter().any(|(k, _)| shown_set.contains(k)))
        .count();

    let mut h = String::with_capacity(64 * 1024 + t.events.len() * 2048);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>Timeline review</title>\n<style>\n");
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n");
    h.push_str("<a class=\"skip\" href=\"#axis-view\">Skip to the timeline</a>\n");

    // Header: what is shown, and the controls.
    let scope = if opening.is_some() { "top" } else { "all" };
    let _ = writeln!(
        h,
        "<header>\n<h1>Timeline review</h1>\n<p id=\"summary\" class=\"summary\" role=\"status\" aria-live=\"polite\">\
         Showing <b id=\"n-shown\">{}</b> of {} on <span id=\"n-days\">{}</span> · \
         <span id=\"n-conflicts\" class=\"{}\">{}</span> · <span id=\"n-assumptions\">{}</span> in the rows shown · \
         {} in all</p>",
        shown_rows.len(),
        plural(dated, "happening", "happenings"),
        plural(shown_days, "date", "dates"),
        if shown_conflicts.is_empty() {
            "ok"
        } else {
            "bad"
        },
        plural(shown_conflicts.len(), "conflict", "conflicts"),
        plural(shown_assumptions.len(), "assumption", "assumptions"),
        plural(t.documents.len(), "article", "articles"),
    );
    h.push_str("<div class=\"controls\" role=\"search\" aria-label=\"Choose the rows shown\">\n");
    h.push_str("<fieldset class=\"scope\"><legend>Show</legend>\n");
    if opening.is_some() {
        let _ = writeln!(
            h,
            "<label><input type=\"radio\" name=\"scope\" value=\"top\" checked> Top {}</label>",
            plural(top_days, "date", "dates")
        );
    }
    let _ = writeln!(
        h,
        "<label><input type=\"radio\" name=\"scope\" value=\"all\"{}> Every happening ({dated})</label>\n</fieldset>",
        if opening.is_none() { " checked" } else { "" }
    );
    h.push_str(
        "<div class=\"views\" role=\"group\" aria-label=\"View\">\
         <button type=\"button\" id=\"show-axis\" aria-pressed=\"true\">Timeline</button>\
         <button type=\"button\" id=\"show-table\" aria-pressed=\"false\">Table</button>\
         <button type=\"button\" id=\"print\">Print</button></div>\n<div class=\"break\"></div>\n",
    );
    h.push_str("<div class=\"field search\"><label for=\"q\">Search</label>\
                <input type=\"search\" id=\"q\" placeholder=\"words, outlet or date\" autocomplete=\"off\"></div>\n");
    // Outlets, most rows first.
    let mut by_outlet: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &groups {
        for (k, _) in &g.rows {
            for o in &outlets[*k] {
                *by_outlet.entry(o.as_str()).or_default() += 1;
            }
        }
    }
    let mut outlet_list: Vec<(&str, usize)> = by_outlet.into_iter().collect();
    outlet_list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    h.push_str("<div class=\"field\"><label for=\"source\">Source</label><select id=\"source\">\n<option value=\"\">all sources</option>\n");
    for (o, n) in &outlet_list {
        let _ = writeln!(h, "<option value=\"{}\">{} ({n})</option>", esc(o), esc(o));
    }
    h.push_str("</select></div>\n");
    h.push_str("<div class=\"field\"><label for=\"check\">Check</label><select id=\"check\">\
                <option value=\"\">any result</option><option value=\"conflict\">with a conflict</option>\
                <option value=\"assumption\">with an assumption</option><option value=\"clean\">neither</option>\
                </select></div>\n");
    h.push_str("</div>\n");
    h.push_str("<p class=\"legend\"><span class=\"dot\" aria-hidden=\"true\"></span> a day · \
                <span class=\"bar\" aria-hidden=\"true\"></span> a week, month or year · \
                <span class=\"flag conflict\">conflict</span> two sources date it differently · \
                <span class=\"flag assumption\">assumption</span> a guess the date rests on</p>\n</header>\n");

    // Findings: those about the rows shown (the script keeps this in step).
    h.push_str("<section id=\"findings\" aria-label=\"What check found\">\n");
    let _ = writeln!(
        h,
        "<details class=\"conflicts\"{}><summary><span id=\"conflicts-title\">{}</span> <span class=\"detail\">({} in all)</span></summary>\n<ol>",
        if (1..=3).contains(&shown_conflicts.len()) {
            " open"
        } else {
            ""
        },
        plural(shown_conflicts.len(), "conflict", "conflicts"),
        report.conflicts.len()
    );
    for (k, f) in report.conflicts.iter().enumerate() {
        let rows = conflict_rows.get(k).map(Vec::as_slice).unwrap_or_default();
        let _ = write!(
            h,
            "<li id=\"conflict-{}\" data-rows=\"{}\"{}><b>{}</b>: {}<br><span class=\"detail\">{}</span>",
            k + 1,
            esc(&rows.join(" ")),
            if shown_conflicts.contains(&k) {
                ""
            } else {
                " hidden"
            },
            esc(f.kind.as_str()),
            esc(&f.title),
            esc(&f.detail)
        );
        h.push_str(&measured(f));
        h.push_str(&row_links(rows));
        h.push_str("</li>\n");
    }
    h.push_str("</ol></details>\n");
    notes_html(&mut h, report, &note_rows(t, &marks));
    let _ = writeln!(
        h,
        "<details class=\"assumptions\"><summary><span id=\"assumptions-title\">{}</span>, riskiest first \
         <span class=\"detail\">({} in all)</span></summary>\n<ol>",
        plural(shown_assumptions.len(), "assumption", "assumptions"),
        report.assumptions.len()
    );
    for (k, a) in report.assumptions.iter().enumerate() {
        let rows = assumption_rows
            .get(k)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let _ = write!(
            h,
            "<li id=\"assumption-{}\" data-rows=\"{}\"{}><b>{}</b>: {} <span class=\"detail\">(score {:.2}, {})</span>",
            k + 1,
            esc(&rows.join(" ")),
            if shown_assumptions.contains(&k) {
                ""
            } else {
                " hidden"
            },
            esc(a.kind.as_str()),
            esc(&a.guess),
            a.score,
            plural(a.statements, "statement", "statements"),
        );
        h.push_str(&row_links(rows));
        h.push_str("</li>\n");
    }
    h.push_str("</ol></details>\n</section>\n");

    // The time axis.
    let _ = writeln!(
        h,
        "<main>\n<section id=\"axis-view\" aria-label=\"Timeline\">\n<ol id=\"axis\" data-scope=\"{scope}\" data-collapsed=\"{collapsed}\">"
    );
    for (gi, g) in groups.iter().enumerate() {
        group_html(
            &mut h, &index, gi, g, &sources, &outlets, &marks, &rank, &shown_set, open,
        );
    }
    h.push_str("</ol>\n<p id=\"empty\" hidden>No happening matches. Clear the search or the filters, or choose “Every happening”.</p>\n</section>\n");

    // The table.
    h.push_str("<section id=\"table-view\" aria-label=\"Table\" hidden>\n<table id=\"table\">\n<thead><tr>");
    for (col, kind) in [
        ("Row", "text"),
        ("Date", "date"),
        ("Headline", "text"),
        ("Sources", "text"),
        ("Articles", "num"),
        ("Check", "text"),
    ] {
        let _ = write!(
            h,
            "<th scope=\"col\" data-kind=\"{kind}\"><button type=\"button\">{col}</button></th>"
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (k, r) in t.events.iter().enumerate() {
        let m = &marks[k];
        let visible = r.start.is_none() || shown_set.contains(&k);
        let _ = writeln!(
            h,
            "<tr data-row=\"{id}\"{hidden}><td data-label=\"Row\"><a href=\"#ev-{id}\" class=\"row-link\">{id}</a></td>\
             <td data-label=\"Date\" data-sort=\"{sort}\">{date}</td><td data-label=\"Headline\">{head}</td>\
             <td data-label=\"Sources\">{credit}</td><td data-label=\"Articles\" data-sort=\"{n}\">{n}</td>\
             <td data-label=\"Check\">{flags}</td></tr>",
            id = esc(&r.id),
            hidden = if visible { "" } else { " hidden" },
            sort = esc(r.start.as_deref().unwrap_or("9999")),
            date = esc(&r.display_date),
            head = esc(&r.headline),
            credit = esc(&credit::names(&outlets[k], NAMED_OUTLETS)),
            n = r.sources,
            flags = flags(m),
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n</main>\n");

    // Articles.
    h.push_str("<footer>\n<h2>Articles</h2>\n<table class=\"articles\"><thead><tr><th scope=\"col\">Article</th>\
                <th scope=\"col\">Outlet</th><th scope=\"col\">Published</th><th scope=\"col\">Date from</th>\
                <th scope=\"col\">Statements cited</th></tr></thead><tbody>\n");
    for d in &t.documents {
        let s = index.of(&d.id);
        let name = match (s.title, &s.url) {
            (Some(title), Some(u)) => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a><br><span class=\"file\">{}</span>",
                esc(u),
                esc(title),
                esc(&d.id)
            ),
            (None, Some(u)) => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                esc(u),
                esc(&d.id)
            ),
            (Some(title), None) => {
                format!(
                    "{}<br><span class=\"file\">{}</span>",
                    esc(title),
                    esc(&d.id)
                )
            }
            (None, None) => esc(&d.id),
        };
        let _ = writeln!(
            h,
            "<tr id=\"doc-{}\"><td data-label=\"Article\">{name}</td><td data-label=\"Outlet\">{}</td>\
             <td data-label=\"Published\">{}</td><td data-label=\"Date from\">{}</td><td data-label=\"Statements cited\">{}</td></tr>",
            esc(&anchor(&d.id)),
            esc(if s.outlet_known { &s.outlet } else { "" }),
            esc(&s.published.map(credit::day).unwrap_or_else(|| "—".into())),
            esc(&d.dct_source),
            d.statements
        );
    }
    h.push_str("</tbody></table>\n<p class=\"note\">Intervals are [start, end), in each article's local time. \
                Made by <code>chronicler build --html</code>.</p>\n</footer>\n");
    h.push_str("<script>\n");
    h.push_str(JS);
    h.push_str("</script>\n</body>\n</html>\n");
    h
}

#[allow(clippy::too_many_arguments)]
fn group_html(
    h: &mut String,
    index: &Sources,
    gi: usize,
    g: &Group,
    sources: &[Vec<Source>],
    outlets: &[Vec<String>],
    marks: &[RowMarks],
    rank: &[usize],
    shown: &HashSet<usize>,
    open: Option<&Opening>,
) {
    let is_top = |r: &Row| open.is_some_and(|o| o.rows.contains(&r.id));
    let any_shown = g.rows.iter().any(|(k, _)| shown.contains(k));
    let hidden_rows = g.rows.iter().filter(|(k, _)| !shown.contains(k)).count();
    let _ = writeln!(
        h,
        "<li class=\"group {kind}\" id=\"g{gi}\" data-start=\"{start}\" data-end=\"{end}\"{top}{hidden}>\n\
         <h2 class=\"when\"><span class=\"mark\" aria-hidden=\"true\"></span>{label}</h2>\n<ol class=\"rows\">",
        kind = if g.point { "point" } else { "span" },
        start = esc(&g.start),
        end = esc(&g.end),
        top = if g.rows.iter().any(|(_, r)| is_top(r)) {
            " data-top=\"1\""
        } else {
            ""
        },
        hidden = if any_shown { "" } else { " hidden" },
        label = esc(&g.label),
    );
    for (k, r) in &g.rows {
        event_card(
            h,
            index,
            r,
            &sources[*k],
            &outlets[*k],
            &marks[*k],
            rank[*k],
            is_top(r),
            shown.contains(k),
            &g.label,
            open.and_then(|o| o.why.get(&r.id)),
        );
    }
    h.push_str("</ol>\n");
    let _ = writeln!(
        h,
        "<button type=\"button\" class=\"more\" aria-expanded=\"false\"{}>{}</button>\n</li>",
        if hidden_rows > 0 && any_shown {
            ""
        } else {
            " hidden"
        },
        more_text(hidden_rows, g.point)
    );
}

fn more_text(n: usize, point: bool) -> String {
    format!(
        "Show {n} more {}",
        if point { "on this day" } else { "of this time" }
    )
}

/// How often a finding's kind was right when audited, as a line of its item.
fn measured(f: &Finding) -> String {
    if f.calibration.is_empty() {
        return String::new();
    }
    format!(
        "<br><span class=\"detail measured\">Measured: {}</span>",
        esc(f.calibration)
    )
}

/// `check`'s notes, apart from the conflicts and folded: kinds more often
/// wrong than right on real news, each with how often it was right. Every
/// note is listed (they are few, and count in no header); their row links
/// reveal the row. Nothing when there are none.
fn notes_html(h: &mut String, report: &Report, rows: &[Vec<&str>]) {
    if report.notes.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<details class=\"notes\"><summary>Notes — lower confidence, not counted as findings \
         <span class=\"detail\">({})</span></summary>\n<p class=\"detail\">Kinds that were more often wrong \
         than right when audited on real news: places to look, not conflicts.</p>\n<ol>",
        report.notes.len()
    );
    for (k, f) in report.notes.iter().enumerate() {
        let rows = rows.get(k).map(Vec::as_slice).unwrap_or_default();
        let _ = write!(
            h,
            "<li id=\"note-{}\" data-rows=\"{}\"><b>{}</b>: {}<br><span class=\"detail\">{}</span>",
            k + 1,
            esc(&rows.join(" ")),
            esc(f.kind.as_str()),
            esc(&f.title),
            esc(&f.detail)
        );
        h.push_str(&measured(f));
        h.push_str(&row_links(rows));
        h.push_str("</li>\n");
    }
    h.push_str("</ol></details>\n");
}

fn row_links(rows: &[&str]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let links: Vec<String> = rows
        .iter()
        .map(|r| format!("<a href=\"#ev-{0}\" class=\"row-link\">{0}</a>", esc(r)))
        .collect();
    format!(" <span class=\"rows\">→ {}</span>", links.join(" "))
}

fn flags(m: &RowMarks) -> String {
    let mut s = String::new();
    for k in &m.conflicts {
        let _ = write!(
            s,
            "<a class=\"flag conflict\" href=\"#conflict-{0}\">conflict {0}</a> ",
            k + 1
        );
    }
    if let Some(first) = m.assumptions.iter().next() {
        let _ = write!(
            s,
            "<a class=\"flag assumption\" href=\"#assumption-{}\" title=\"{}\">assumption</a>",
            first + 1,
            plural(m.assumptions.len(), "assumption", "assumptions")
        );
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn event_card(
    h: &mut String,
    index: &Sources,
    r: &Row,
    sources: &[Source],
    outlets: &[String],
    m: &RowMarks,
    rank: usize,
    is_top: bool,
    shown: bool,
    group_label: &str,
    why: Option<&Why>,
) {
    let hover: Vec<String> = r
        .citations
        .iter()
        .take(12)
        .map(|c| {
            format!(
                "{} — {}",
                quoted_plain(&c.expression),
                index.of(&c.document).outlet
            )
        })
        .collect();
    let mut class = String::from("event");
    if !m.conflicts.is_empty() {
        class.push_str(" has-conflict");
    }
    if !m.assumptions.is_empty() {
        class.push_str(" has-assumption");
    }
    let id = esc(&r.id);
    let _ = writeln!(
        h,
        "<li class=\"row\"{hidden}><article class=\"{class}\" id=\"ev-{id}\" aria-labelledby=\"h-{id}\" data-start=\"{start}\" \
         data-end=\"{end}\" data-gran=\"{gran}\" data-rank=\"{rank}\"{top} data-sources=\"{srcs}\" data-conflicts=\"{cs}\" \
         data-assumptions=\"{asm}\" title=\"{hover}\">",
        hidden = if shown { "" } else { " hidden" },
        start = esc(r.start.as_deref().unwrap_or("")),
        end = esc(r.end.as_deref().unwrap_or("")),
        gran = esc(r.granularity.as_str()),
        top = if is_top { " data-top=\"1\"" } else { "" },
        srcs = esc(&outlets.join("\n")),
        cs = m
            .conflicts
            .iter()
            .map(|k| (k + 1).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        asm = m
            .assumptions
            .iter()
            .map(|k| (k + 1).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        hover = esc(&hover.join("\n")),
    );
    let when = if r.display_date == group_label {
        String::new()
    } else {
        format!(
            "<span class=\"when-detail\">{}</span> ",
            esc(&r.display_date)
        )
    };
    let _ = writeln!(
        h,
        "<h3 id=\"h-{id}\">{}</h3>\n<p class=\"meta\">{when}<span class=\"credit\" title=\"{}\">{}</span> <span class=\"id\">{id}</span> {}</p>",
        esc(&r.headline),
        esc(&outlets.join(", ")),
        esc(&credit::credit_with(outlets, sources, NAMED_OUTLETS)),
        flags(m),
    );
    if let Some(w) = why {
        let _ = writeln!(
            h,
            "<p class=\"meta why\">Why this day: {}</p>",
            esc(&w.text)
        );
    }
    let _ = writeln!(
        h,
        "<button type=\"button\" class=\"open\" aria-expanded=\"false\" aria-controls=\"c-{id}\">Sources and words \
         <span class=\"n\">({}, {})</span></button>\n<div class=\"cites\" id=\"c-{id}\" hidden>\
         <p class=\"meta\">{}; article dates {}; confidence {:.2}</p>\n<ol>",
        plural(sources.len(), "article", "articles"),
        plural(r.citations.len(), "quote", "quotes"),
        plural(r.sources, "source", "sources"),
        esc(r.dct.as_str()),
        r.confidence
    );
    for c in &r.citations {
        let s = index.of(&c.document);
        let title = s.title.map(esc).unwrap_or_else(|| esc(&s.outlet));
        let article = match &s.url {
            Some(u) => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{title}</a>",
                esc(u)
            ),
            None => title,
        };
        let mut about = Vec::new();
        if s.outlet_known && (s.title.is_some() || s.url.is_some()) {
            about.push(esc(&s.outlet));
        }
        if let Some(d) = s.published {
            about.push(esc(&credit::day(d)));
        }
        // An article known only by its file name is named once, by the link below.
        let (article, about) = if s.file_name_only && s.url.is_none() {
            (about.join(", "), String::new())
        } else if about.is_empty() {
            (article, String::new())
        } else {
            (article, format!(" — {}", about.join(", ")))
        };
        let _ = writeln!(
            h,
            "<li class=\"cite\" data-doc=\"{doc}\"><blockquote>{quote}</blockquote>\
             <p class=\"cap\">{article}{about} · <a href=\"#doc-{anchor}\" class=\"file\">{doc}</a>, line {line}, \
             characters {s}–{e} · {words} → <code>{value}</code> <span class=\"rule\">({rule})</span></p></li>",
            doc = esc(&c.document),
            quote = marked(
                &c.sentence.text,
                c.sentence.start,
                c.expression.start,
                c.expression.end
            ),
            anchor = esc(&anchor(&c.document)),
            line = c.line,
            s = c.expression.start,
            e = c.expression.end,
            words = quoted(&c.expression),
            value = esc(&c.expression.value),
            rule = esc(&c.expression.rule),
        );
    }
    h.push_str("</ol></div>\n</article></li>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leads_missing_words_are_said_not_quoted() {
        let e = |text: &str| crate::story::timeline::Expression {
            start: 0,
            end: text.chars().count(),
            text: text.into(),
            kind: "DATE".into(),
            value: "2016-07-15".into(),
            modifier: None,
            rule: "r".into(),
            assumptions: Vec::new(),
        };
        assert_eq!(quoted(&e("late  Thursday")), "“late Thursday”");
        assert_eq!(quoted(&e("")), "(none: the article&#39;s day)");
    }

    #[test]
    fn marks_the_words_in_the_sentence() {
        let s = "Kerry met Putin on Thursday in the Kremlin.";
        assert_eq!(
            marked(s, 100, 119, 127),
            "Kerry met Putin on <mark>Thursday</mark> in the Kremlin."
        );
    }

    #[test]
    fn different_names_get_different_anchors() {
        assert_ne!(anchor("a b.txt"), anchor("a-b.txt"));
        assert_ne!(anchor("a.txt"), anchor("a_2e_txt"));
        assert!(
            anchor("ünï <x>.txt")
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        );
    }
}
