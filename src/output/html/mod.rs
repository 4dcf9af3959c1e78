//! `timeline.html` (`chronicler build … --html`): one self-contained review
//! page — no network, no CDN; the style sheet and the script are inline.
//!
//! * **Timeline**: the happenings on a vertical time axis. A happening dated
//!   to a day or finer is a point (a dot); a week, a month, a year is a span
//!   (a bar from its start to its end). The axis is in time order, the space
//!   between two dates growing with the logarithm of the time between them
//!   (a year is taller than a month, a month than a day, and a year does not
//!   take a metre of screen); where several happenings fall on one day it
//!   stretches to fit them, and empty gaps of more than two months are cut
//!   short and labelled ("… 1 year 5 months …"). Each card shows the date, the headline, the
//!   sources and the marks of `check` (conflict, assumption); hovering shows
//!   the words, clicking opens every citation: the sentence with the words
//!   marked, the article, line and character offsets.
//! * **Table**: one row per happening, sortable by any column; the source
//!   filter applies to both views.
//! * **Findings**: the conflicts and assumptions of `check`, each linked to
//!   the happenings it concerns.
//! * **Print**: controls are hidden, the timeline becomes a list with every
//!   citation spelled out.
//!
//! Everything is rendered here, so the page reads (as a list) even without
//! its script; the script lays out the axis, sorts and filters. Like the other
//! outputs it is deterministic.

use super::atomic::write_atomically;
use super::escape::escape_html as esc;
use crate::engine::timex::Granularity;
use crate::error::Error;
use crate::story::check::{Cite, Report};
use crate::story::timeline::{Row, Timeline};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The file written.
pub const FILE: &str = "timeline.html";

/// Writes `timeline.html` into `dir`, atomically.
pub fn write(dir: &Path, t: &Timeline, report: &Report) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    write_atomically(&dir.join(FILE), page(t, report).as_bytes())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What `check` says of one citation: conflict and assumption indices.
#[derive(Default)]
struct Marks {
    conflicts: BTreeSet<usize>,
    assumptions: BTreeSet<usize>,
}

fn key(c: &Cite) -> (String, usize) {
    (c.document.clone(), c.words.start)
}

/// A short name for an article: its publisher, else its file name.
fn source_name(t: &Timeline, doc: &str) -> String {
    t.documents
        .iter()
        .find(|d| d.id == doc)
        .and_then(|d| d.source.clone())
        .unwrap_or_else(|| doc.to_string())
}

/// The sentence with the expression marked (offsets are chars into the
/// article; the sentence's own start is subtracted).
fn marked(sentence: &str, s_start: usize, start: usize, end: usize) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    let a = start.saturating_sub(s_start).min(chars.len());
    let b = end.saturating_sub(s_start).min(chars.len()).max(a);
    let part = |x: &[char]| esc(&squash(&x.iter().collect::<String>()));
    let (lead, trail) = (
        if chars[..a].last().is_some_and(|c| c.is_whitespace()) {
            " "
        } else {
            ""
        },
        if chars[b..].first().is_some_and(|c| c.is_whitespace()) {
            " "
        } else {
            ""
        },
    );
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

/// The page.
pub fn page(t: &Timeline, report: &Report) -> String {
    let mut marks: BTreeMap<(String, usize), Marks> = BTreeMap::new();
    for (k, f) in report.conflicts.iter().enumerate() {
        for c in &f.cites {
            marks.entry(key(c)).or_default().conflicts.insert(k);
        }
    }
    for (k, a) in report.assumptions.iter().enumerate() {
        for c in &a.cites {
            marks.entry(key(c)).or_default().assumptions.insert(k);
        }
    }
    // Rows of the shown timeline each finding concerns.
    let mut conflict_rows: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    let mut assumption_rows: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    let mut row_marks: Vec<(BTreeSet<usize>, BTreeSet<usize>)> = Vec::new();
    for r in &t.events {
        let mut cs = BTreeSet::new();
        let mut asm = BTreeSet::new();
        for c in &r.citations {
            let k = (c.document.clone(), c.expression.start);
            let also = c.also.iter().map(|x| (c.document.clone(), x.start));
            for k in std::iter::once(k).chain(also) {
                if let Some(m) = marks.get(&k) {
                    cs.extend(m.conflicts.iter().copied());
                    asm.extend(m.assumptions.iter().copied());
                }
            }
        }
        for &k in &cs {
            conflict_rows.entry(k).or_default().insert(r.id.as_str());
        }
        for &k in &asm {
            assumption_rows.entry(k).or_default().insert(r.id.as_str());
        }
        row_marks.push((cs, asm));
    }

    let sources: BTreeSet<String> = t
        .events
        .iter()
        .flat_map(|r| r.documents.iter().map(|d| source_name(t, d)))
        .collect();
    let dated: Vec<(usize, &Row)> = t
        .events
        .iter()
        .enumerate()
        .filter(|(_, r)| r.start.is_some() && r.end.is_some())
        .collect();

    let mut h = String::with_capacity(64 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>Timeline review</title>\n<style>\n");
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n");

    // Header.
    let _ = write!(
        h,
        "<header>\n<h1>Timeline review</h1>\n<p class=\"summary\"><span id=\"n-events\">{}</span> happenings from {} articles · \
         <span class=\"{}\">{} conflict{}</span> · {} assumption{}</p>\n",
        t.events.len(),
        t.documents.len(),
        if report.conflicts.is_empty() {
            "ok"
        } else {
            "bad"
        },
        report.conflicts.len(),
        if report.conflicts.len() == 1 { "" } else { "s" },
        report.assumptions.len(),
        if report.assumptions.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    h.push_str("<nav class=\"controls\">\n<button type=\"button\" id=\"show-axis\" class=\"on\">Timeline</button>\n");
    h.push_str("<button type=\"button\" id=\"show-table\">Table</button>\n");
    h.push_str("<label>Source <select id=\"source\">\n<option value=\"\">all sources</option>\n");
    for s in &sources {
        let _ = writeln!(h, "<option value=\"{}\">{}</option>", esc(s), esc(s));
    }
    h.push_str("</select></label>\n<button type=\"button\" id=\"print\">Print</button>\n</nav>\n");
    h.push_str("<p class=\"legend\"><span class=\"dot\"></span> a day or finer · <span class=\"bar\"></span> a week, month or year · \
                <span class=\"flag conflict\">conflict</span> <span class=\"flag assumption\">assumption</span></p>\n</header>\n");

    // Findings.
    h.push_str("<section id=\"findings\">\n");
    if report.conflicts.is_empty() {
        h.push_str("<h2 class=\"ok\">No conflicts found</h2>\n");
    } else {
        let _ = writeln!(
            h,
            "<h2 class=\"bad\">{} conflict{}</h2>\n<ol class=\"conflicts\">",
            report.conflicts.len(),
            if report.conflicts.len() == 1 { "" } else { "s" }
        );
        for (k, f) in report.conflicts.iter().enumerate() {
            let _ = write!(
                h,
                "<li id=\"conflict-{}\" class=\"finding\"><b>{}</b>: {}<br><span class=\"detail\">{}</span>",
                k + 1,
                esc(f.kind.as_str()),
                esc(&f.title),
                esc(&f.detail)
            );
            h.push_str(&row_links(conflict_rows.get(&k)));
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n");
    }
    if !report.assumptions.is_empty() {
        let _ = writeln!(
            h,
            "<details class=\"assumptions\"><summary>{} assumption{}, most riding on it first</summary>\n<ol>",
            report.assumptions.len(),
            if report.assumptions.len() == 1 {
                ""
            } else {
                "s"
            }
        );
        for (k, a) in report.assumptions.iter().enumerate() {
            let _ = write!(
                h,
                "<li id=\"assumption-{}\"><b>{}</b>: {} <span class=\"detail\">(score {:.2}, {} statement{})</span>",
                k + 1,
                esc(a.kind.as_str()),
                esc(&a.guess),
                a.score,
                a.statements,
                if a.statements == 1 { "" } else { "s" }
            );
            h.push_str(&row_links(assumption_rows.get(&k)));
            h.push_str("</li>\n");
        }
        h.push_str("</ol></details>\n");
    }
    h.push_str("</section>\n");

    // The timeline.
    h.push_str("<main>\n<section id=\"axis-view\">\n<div id=\"axis\">\n");
    for (k, r) in &dated {
        let (cs, asm) = &row_marks[*k];
        event_card(&mut h, t, r, cs, asm);
    }
    h.push_str("</div>\n</section>\n");

    // The table.
    h.push_str("<section id=\"table-view\" hidden>\n<table id=\"table\">\n<thead><tr>");
    for (col, kind) in [
        ("Row", "text"),
        ("Date", "date"),
        ("Granularity", "text"),
        ("Headline", "text"),
        ("Sources", "num"),
        ("Articles", "text"),
        ("Words", "text"),
        ("Check", "text"),
    ] {
        let _ = write!(
            h,
            "<th data-kind=\"{kind}\" tabindex=\"0\" title=\"Sort\">{col}</th>"
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (k, r) in t.events.iter().enumerate() {
        let (cs, asm) = &row_marks[k];
        let names: BTreeSet<String> = r.documents.iter().map(|d| source_name(t, d)).collect();
        let words: Vec<String> = r
            .citations
            .iter()
            .map(|c| format!("“{}”", c.expression.text))
            .collect();
        let _ = writeln!(
            h,
            "<tr data-row=\"{id}\" data-sources=\"{srcs}\"><td><a href=\"#ev-{id}\" class=\"row-link\">{id}</a></td>\
             <td data-sort=\"{sort}\">{date}</td><td>{gran}</td><td>{head}</td><td data-sort=\"{n}\">{n}</td>\
             <td>{names}</td><td>{words}</td><td>{flags}</td></tr>",
            id = esc(&r.id),
            srcs = esc(&names.iter().cloned().collect::<Vec<_>>().join("\u{1f}")),
            sort = esc(r.start.as_deref().unwrap_or("9999")),
            date = esc(&r.display_date),
            gran = esc(r.granularity.as_str()),
            head = esc(&r.headline),
            n = r.sources,
            names = esc(&names.into_iter().collect::<Vec<_>>().join("; ")),
            words = esc(&words.join(" ")),
            flags = flags(cs, asm),
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n</main>\n");

    // The detail panel.
    h.push_str("<aside id=\"detail\" hidden>\n<button type=\"button\" id=\"close\" aria-label=\"Close\">×</button>\n<div id=\"detail-body\"></div>\n</aside>\n");

    // Articles.
    h.push_str("<footer>\n<h2>Articles</h2>\n<table class=\"articles\"><thead><tr><th>Article</th><th>Source</th><th>Dated</th><th>Date from</th><th>Statements cited</th></tr></thead><tbody>\n");
    for d in &t.documents {
        let _ = writeln!(
            h,
            "<tr id=\"doc-{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&anchor(&d.id)),
            match &d.url {
                Some(u) => format!("<a href=\"{}\">{}</a>", esc(u), esc(&d.id)),
                None => esc(&d.id),
            },
            esc(d.source.as_deref().unwrap_or("")),
            esc(d.dct.as_deref().unwrap_or("—")),
            esc(&d.dct_source),
            d.statements
        );
    }
    h.push_str("</tbody></table>\n<p class=\"note\">Intervals are [start, end), in each article's local time. Made by <code>chronicler build --html</code>.</p>\n</footer>\n");
    h.push_str("<script>\n");
    h.push_str(JS);
    h.push_str("</script>\n</body>\n</html>\n");
    h
}

fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn row_links(rows: Option<&BTreeSet<&str>>) -> String {
    match rows {
        Some(rows) if !rows.is_empty() => {
            let links: Vec<String> = rows
                .iter()
                .map(|r| format!("<a href=\"#ev-{0}\" class=\"row-link\">{0}</a>", esc(r)))
                .collect();
            format!(" <span class=\"rows\">→ {}</span>", links.join(" "))
        }
        _ => String::new(),
    }
}

fn flags(cs: &BTreeSet<usize>, asm: &BTreeSet<usize>) -> String {
    let mut s = String::new();
    for k in cs {
        let _ = write!(
            s,
            "<a class=\"flag conflict\" href=\"#conflict-{0}\" title=\"Conflict {0}\">conflict {0}</a> ",
            k + 1
        );
    }
    if !asm.is_empty() {
        let first = asm.iter().next().map_or(0, |k| k + 1);
        let _ = write!(
            s,
            "<a class=\"flag assumption\" href=\"#assumption-{first}\" title=\"{} assumption{}\">assumption</a>",
            asm.len(),
            if asm.len() == 1 { "" } else { "s" }
        );
    }
    s
}

fn event_card(h: &mut String, t: &Timeline, r: &Row, cs: &BTreeSet<usize>, asm: &BTreeSet<usize>) {
    let names: BTreeSet<String> = r.documents.iter().map(|d| source_name(t, d)).collect();
    let hover: Vec<String> = r
        .citations
        .iter()
        .map(|c| {
            format!(
                "“{}” — {}",
                squash(&c.expression.text),
                source_name(t, &c.document)
            )
        })
        .collect();
    let mut class = String::from("event");
    class.push_str(if is_point(r.granularity) {
        " point"
    } else {
        " span"
    });
    if !cs.is_empty() {
        class.push_str(" has-conflict");
    }
    if !asm.is_empty() {
        class.push_str(" has-assumption");
    }
    let _ = writeln!(
        h,
        "<article class=\"{class}\" id=\"ev-{id}\" tabindex=\"0\" data-start=\"{start}\" data-end=\"{end}\" \
         data-gran=\"{gran}\" data-sources=\"{srcs}\" title=\"{hover}\">",
        id = esc(&r.id),
        start = esc(r.start.as_deref().unwrap_or("")),
        end = esc(r.end.as_deref().unwrap_or("")),
        gran = esc(r.granularity.as_str()),
        srcs = esc(&names.iter().cloned().collect::<Vec<_>>().join("\u{1f}")),
        hover = esc(&hover.join("\n")),
    );
    let _ = writeln!(
        h,
        "<div class=\"when\"><span class=\"id\">{}</span> {}</div>\n<h3>{}</h3>",
        esc(&r.id),
        esc(&r.display_date),
        esc(&r.headline)
    );
    let _ = write!(h, "<div class=\"sources\">");
    for n in &names {
        let _ = write!(h, "<span class=\"src\">{}</span>", esc(n));
    }
    let _ = writeln!(h, " {}</div>", flags(cs, asm));
    let _ = writeln!(
        h,
        "<div class=\"cites\"><p class=\"meta\">{} source{}; article dates {}; confidence {:.2}</p>",
        r.sources,
        if r.sources == 1 { "" } else { "s" },
        esc(r.dct.as_str()),
        r.confidence
    );
    for c in &r.citations {
        let _ = writeln!(
            h,
            "<figure class=\"cite\" data-doc=\"{doc}\"><blockquote>{quote}</blockquote>\
             <figcaption><b>{src}</b> · <a href=\"#doc-{anchor}\">{doc}</a>, line {line}, characters {s}–{e} · \
             “{words}” → <code>{value}</code> <span class=\"rule\">({rule})</span></figcaption></figure>",
            doc = esc(&c.document),
            quote = marked(
                &c.sentence.text,
                c.sentence.start,
                c.expression.start,
                c.expression.end
            ),
            src = esc(&source_name(t, &c.document)),
            anchor = esc(&anchor(&c.document)),
            line = c.line,
            s = c.expression.start,
            e = c.expression.end,
            words = esc(&squash(&c.expression.text)),
            value = esc(&c.expression.value),
            rule = esc(&c.expression.rule),
        );
    }
    h.push_str("</div>\n</article>\n");
}

const CSS: &str = r#"
:root { --ink: #1d2330; --muted: #5b6475; --line: #c9cfdb; --bg: #f6f7fa; --card: #fff;
  --accent: #2457c5; --bad: #c0262d; --warn: #b26a00; --ok: #1e7b3a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--bg); }
header, #findings, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { font-size: 18px; margin: 18px 0 8px; }
.summary { margin: 0 0 10px; color: var(--muted); }
.ok { color: var(--ok); } .bad { color: var(--bad); }
.controls { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
.controls button, .controls select { font: inherit; padding: 4px 12px; border: 1px solid var(--line);
  background: var(--card); border-radius: 6px; cursor: pointer; }
.controls button.on { background: var(--accent); color: #fff; border-color: var(--accent); }
.legend { color: var(--muted); font-size: 13px; margin: 4px 0 0; }
.legend .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: var(--accent); }
.legend .bar { display: inline-block; width: 6px; height: 16px; border-radius: 3px; background: #7b9be0; vertical-align: middle; }
.flag { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 9px; text-decoration: none; white-space: nowrap; }
.flag.conflict { background: #fde3e3; color: var(--bad); border: 1px solid #f2b3b3; }
.flag.assumption { background: #fff0d6; color: var(--warn); border: 1px solid #f0d29a; }
.finding { margin-bottom: 8px; }
.detail { color: var(--muted); }
.rows a { margin-right: 4px; }
details.assumptions { margin: 8px 0; }
details.assumptions li { margin-bottom: 4px; }
#axis { position: relative; margin: 16px 0 40px; }
#axis.laid-out .event { position: absolute; }
.event { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px;
  margin: 0 0 10px; cursor: pointer; box-shadow: 0 1px 2px rgba(0,0,0,.05); }
#axis.laid-out .event { margin: 0; }
.event:hover, .event:focus { border-color: var(--accent); outline: none; box-shadow: 0 2px 8px rgba(36,87,197,.18); }
.event.selected { border-color: var(--accent); box-shadow: 0 0 0 2px var(--accent); }
.event.has-conflict { border-left: 5px solid var(--bad); }
.event.has-assumption:not(.has-conflict) { border-left: 5px solid #e7b04a; }
.event .when { font-size: 13px; color: var(--muted); }
.event .id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; color: #8a93a6; }
.event h3 { font-size: 15px; margin: 2px 0 4px; font-weight: 600; }
.event .sources { font-size: 12px; }
.src { display: inline-block; background: #eef1f7; border-radius: 9px; padding: 0 7px; margin: 0 4px 2px 0; }
.event .cites { display: none; }
.axis-line { position: absolute; width: 2px; background: var(--line); }
.tick { position: absolute; font-size: 12px; color: var(--muted); text-align: right; white-space: nowrap; }
.tick.major { color: var(--ink); font-weight: 600; }
.dotmark { position: absolute; width: 12px; height: 12px; border-radius: 50%; background: var(--accent);
  border: 2px solid #fff; box-shadow: 0 0 0 1px var(--accent); }
.dotmark.conflict { background: var(--bad); box-shadow: 0 0 0 1px var(--bad); }
.spanbar { position: absolute; width: 8px; border-radius: 4px; background: #7b9be0; opacity: .85; }
.spanbar.conflict { background: var(--bad); }
.connector { position: absolute; height: 1px; background: #aab3c5; }
.gap { position: absolute; font-size: 12px; color: var(--muted); font-style: italic; white-space: nowrap; }
.gapline { position: absolute; width: 2px; background: repeating-linear-gradient(to bottom, var(--line) 0 4px, transparent 4px 8px); }
#table-view table, footer table { width: 100%; border-collapse: collapse; background: var(--card); font-size: 14px; }
#table-view th, #table-view td, footer th, footer td { border-bottom: 1px solid #e3e6ee; padding: 6px 8px; text-align: left; vertical-align: top; }
#table-view th { cursor: pointer; user-select: none; background: #eef1f7; position: sticky; top: 0; }
#table-view th.asc::after { content: " ▲"; } #table-view th.desc::after { content: " ▼"; }
#detail { position: fixed; top: 0; right: 0; width: min(520px, 100%); height: 100%; overflow: auto; background: var(--card);
  border-left: 1px solid var(--line); box-shadow: -4px 0 16px rgba(0,0,0,.12); padding: 16px 20px; z-index: 10; }
#detail #close { float: right; font-size: 22px; border: 0; background: none; cursor: pointer; }
#detail .cites { display: block; }
figure.cite { margin: 0 0 14px; }
blockquote { margin: 0 0 4px; padding: 6px 10px; border-left: 3px solid var(--line); background: #fafbfd; }
mark { background: #ffe58a; padding: 0 1px; }
figcaption { font-size: 12px; color: var(--muted); }
.rule { color: #8a93a6; }
footer { padding-bottom: 40px; }
.note { color: var(--muted); font-size: 13px; }
@media print {
  body { background: #fff; font-size: 11pt; }
  .controls, #detail, .legend, #table-view { display: none !important; }
  details.assumptions > ol { display: block; }
  #axis { margin: 0; }
  #axis .axis-line, #axis .tick, #axis .dotmark, #axis .spanbar, #axis .connector, #axis .gap, #axis .gapline { display: none; }
  #axis.laid-out .event, .event { position: static !important; width: auto !important; margin: 0 0 8pt; break-inside: avoid;
    box-shadow: none; border: 1px solid #999; }
  .event .cites { display: block; }
  a { color: inherit; text-decoration: none; }
}
"#;

const JS: &str = r#"
(function () {
  'use strict';
  var axis = document.getElementById('axis');
  var detail = document.getElementById('detail');
  var body = document.getElementById('detail-body');
  var DAY = 86400000;
  var STRETCH_PX = 30, BREAK_DAYS = 62, BREAK_PX = 56, GAP = 10;
  var LEFT = 150, LANE = 12;
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var POINT = { day: 1, part_of_day: 1, hour: 1, minute: 1, second: 1 };
  var source = '';

  function t(s) { return Date.parse(s + 'Z'); }
  function visible(el) {
    return !source || (el.getAttribute('data-sources') || '').split('\u001f').indexOf(source) >= 0;
  }
  function label(ms, gran) {
    var d = new Date(ms);
    var y = d.getUTCFullYear(), m = MONTHS[d.getUTCMonth()];
    if (gran === 'year' || gran === 'decade' || gran === 'century') return String(y);
    if (POINT[gran]) return DAYS[d.getUTCDay()] + ' ' + d.getUTCDate() + ' ' + m + ' ' + y;
    return d.getUTCDate() === 1 ? m + ' ' + y : d.getUTCDate() + ' ' + m + ' ' + y;
  }
  function gapText(days) {
    var y = Math.floor(days / 365.25), mo = Math.round((days - y * 365.25) / 30.44);
    if (mo === 12) { y += 1; mo = 0; }
    var parts = [];
    if (y) parts.push(y + (y === 1 ? ' year' : ' years'));
    if (mo) parts.push(mo + (mo === 1 ? ' month' : ' months'));
    if (!parts.length) parts.push(Math.round(days) + ' days');
    return '… ' + parts.join(' ') + ' …';
  }
  function el(cls, style, text) {
    var e = document.createElement('div');
    e.className = cls + ' deco';
    for (var k in style) e.style[k] = style[k];
    if (text) e.textContent = text;
    axis.appendChild(e);
    return e;
  }

  function layout() {
    var old = axis.querySelectorAll('.deco');
    for (var i = 0; i < old.length; i++) old[i].remove();
    var cards = Array.prototype.slice.call(axis.querySelectorAll('.event'));
    var evs = [];
    cards.forEach(function (c) {
      var ok = visible(c);
      c.style.display = ok ? '' : 'none';
      if (!ok) return;
      var s = t(c.getAttribute('data-start')), e = t(c.getAttribute('data-end'));
      var gran = c.getAttribute('data-gran');
      if (isNaN(s) || isNaN(e)) return;
      // A point sits on its day (a night that runs past midnight still belongs to its day).
      if (POINT[gran]) { s = Math.floor(s / DAY) * DAY; e = s + DAY; }
      evs.push({ card: c, s: s, e: Math.max(e, s + 1), gran: gran, point: !!POINT[gran] });
    });
    document.getElementById('n-events').textContent = String(cards.filter(visible).length);
    if (!evs.length) { axis.classList.remove('laid-out'); axis.style.height = ''; return; }
    axis.classList.add('laid-out');
    evs.sort(function (a, b) { return a.s - b.s || b.e - a.e; });

    // Boundaries of every interval, and the natural height between them.
    var set = {};
    evs.forEach(function (v) { set[v.s] = 1; set[v.e] = 1; });
    var bs = Object.keys(set).map(Number).sort(function (a, b) { return a - b; });
    var y = {}, pos = 24, breaks = [];
    for (var k = 0; k < bs.length; k++) {
      if (k > 0) {
        var days = (bs[k] - bs[k - 1]) / DAY;
        var covered = evs.some(function (v) { return v.s <= bs[k - 1] && v.e >= bs[k]; });
        if (!covered && days > BREAK_DAYS) {
          breaks.push({ from: pos, days: days });
          pos += BREAK_PX;
        } else {
          // Longer stretches are taller, but a year is not 365 days' worth of screen.
          pos += Math.max(8, STRETCH_PX * Math.log(1 + days) / Math.LN2);
        }
      }
      y[bs[k]] = pos;
    }

    // Lanes for spans, left of the cards.
    var lanes = [];
    evs.forEach(function (v) {
      if (v.point) return;
      for (var l = 0; l < lanes.length; l++) if (lanes[l] <= v.s) break;
      lanes[l] = v.e;
      v.lane = l;
    });
    var cardLeft = LEFT + 24 + lanes.length * LANE;
    var width = Math.max(280, axis.clientWidth - cardLeft);

    // Cards in time order; the axis stretches where they need room.
    var bottom = 0, last = null;
    evs.forEach(function (v) {
      v.card.style.left = cardLeft + 'px';
      v.card.style.width = width + 'px';
      var top = y[v.s];
      if (last !== null && last === v.s) {
        top = bottom + GAP;
      } else if (top < bottom + GAP) {
        var shift = bottom + GAP - top;
        bs.forEach(function (b) { if (b >= v.s) y[b] += shift; });
        breaks.forEach(function (g) { if (g.from >= top) g.from += shift; });
        top = y[v.s];
      }
      v.top = top;
      v.card.style.top = top + 'px';
      bottom = top + v.card.offsetHeight;
      last = v.s;
    });
    // Ends must clear the cards that lie inside them.
    var height = Math.max(bottom, y[bs[bs.length - 1]]) + 24;
    axis.style.height = height + 'px';

    // The axis line, broken at cut gaps.
    var x = LEFT;
    var segStart = 0;
    breaks.sort(function (a, b) { return a.from - b.from; });
    breaks.forEach(function (g) {
      el('axis-line', { left: x + 'px', top: segStart + 'px', height: (g.from - segStart) + 'px' });
      el('gapline', { left: x + 'px', top: g.from + 'px', height: BREAK_PX + 'px' });
      el('gap', { left: (x + 10) + 'px', top: (g.from + BREAK_PX / 2 - 8) + 'px' }, gapText(g.days));
      segStart = g.from + BREAK_PX;
    });
    el('axis-line', { left: x + 'px', top: segStart + 'px', height: (height - segStart) + 'px' });

    // Ticks: one label per distinct start.
    var labelled = {};
    evs.forEach(function (v) {
      if (labelled[v.s]) return;
      labelled[v.s] = 1;
      el('tick' + (v.point ? '' : ' major'), { left: '0px', width: (LEFT - 12) + 'px', top: (y[v.s] - 8) + 'px' },
        label(v.s, v.gran));
    });
    // Marks and connectors.
    evs.forEach(function (v) {
      var conflict = v.card.classList.contains('has-conflict') ? ' conflict' : '';
      if (v.point) {
        el('dotmark' + conflict, { left: (x - 6) + 'px', top: (y[v.s] - 6) + 'px' });
        el('connector', { left: (x + 6) + 'px', top: (v.top + 14) + 'px', width: (cardLeft - x - 6) + 'px' });
        if (v.top > y[v.s] + 2) {
          el('connector', { left: (x + 3) + 'px', top: y[v.s] + 'px', width: '1px', height: (v.top + 14 - y[v.s]) + 'px' });
        }
      } else {
        var bx = LEFT + 16 + v.lane * LANE;
        el('spanbar' + conflict, { left: bx + 'px', top: y[v.s] + 'px', height: Math.max(8, y[v.e] - y[v.s]) + 'px' });
        el('connector', { left: (bx + 8) + 'px', top: (v.top + 14) + 'px', width: (cardLeft - bx - 8) + 'px' });
      }
    });
  }

  function open(card) {
    var prev = document.querySelector('.event.selected');
    if (prev) prev.classList.remove('selected');
    card.classList.add('selected');
    body.innerHTML = '';
    var when = card.querySelector('.when').cloneNode(true);
    var head = card.querySelector('h3').cloneNode(true);
    var src = card.querySelector('.sources').cloneNode(true);
    var cites = card.querySelector('.cites').cloneNode(true);
    [when, head, src, cites].forEach(function (n) { body.appendChild(n); });
    detail.hidden = false;
  }
  axis.addEventListener('click', function (e) {
    if (e.target.closest('a')) return;
    var card = e.target.closest('.event');
    if (card) open(card);
  });
  axis.addEventListener('keydown', function (e) {
    var card = e.target.closest('.event');
    if (card && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(card); }
  });
  document.getElementById('close').addEventListener('click', function () { detail.hidden = true; });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') detail.hidden = true; });

  // Links to a happening open it in the timeline.
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a.row-link');
    if (!a) return;
    var card = document.getElementById(a.getAttribute('href').slice(1));
    if (!card) return;
    e.preventDefault();
    show('axis');
    card.scrollIntoView({ block: 'center' });
    open(card);
  });

  // Views.
  function show(which) {
    document.getElementById('axis-view').hidden = which !== 'axis';
    document.getElementById('table-view').hidden = which !== 'table';
    document.getElementById('show-axis').classList.toggle('on', which === 'axis');
    document.getElementById('show-table').classList.toggle('on', which === 'table');
    if (which === 'axis') layout();
  }
  document.getElementById('show-axis').addEventListener('click', function () { show('axis'); });
  document.getElementById('show-table').addEventListener('click', function () { show('table'); });
  document.getElementById('print').addEventListener('click', function () { window.print(); });

  // Source filter, for both views.
  document.getElementById('source').addEventListener('change', function (e) {
    source = e.target.value;
    var rows = document.querySelectorAll('#table tbody tr');
    for (var i = 0; i < rows.length; i++) rows[i].hidden = !visible(rows[i]);
    layout();
  });

  // Table sorting.
  var ths = document.querySelectorAll('#table th');
  Array.prototype.forEach.call(ths, function (th, col) {
    function sort() {
      var asc = !th.classList.contains('asc');
      Array.prototype.forEach.call(ths, function (o) { o.classList.remove('asc', 'desc'); });
      th.classList.add(asc ? 'asc' : 'desc');
      var kind = th.getAttribute('data-kind');
      var tbody = document.querySelector('#table tbody');
      var rows = Array.prototype.slice.call(tbody.rows);
      function val(r) {
        var c = r.cells[col];
        var v = c.getAttribute('data-sort') || c.textContent;
        return kind === 'num' ? Number(v) : v.toLowerCase();
      }
      rows.sort(function (a, b) {
        var x = val(a), y = val(b);
        var r = x < y ? -1 : x > y ? 1 : 0;
        return asc ? r : -r;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
  });

  var timer = null;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { if (!document.getElementById('axis-view').hidden) layout(); }, 100);
  });
  // On paper: every assumption listed, the timeline as a list.
  var closed = [];
  window.addEventListener('beforeprint', function () {
    closed = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
    axis.classList.remove('laid-out');
  });
  window.addEventListener('afterprint', function () {
    closed.forEach(function (d) { d.open = false; });
    layout();
  });
  layout();
  document.documentElement.setAttribute('data-ready', 'true');
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_words_in_the_sentence() {
        let s = "Kerry met Putin on Thursday in the Kremlin.";
        assert_eq!(
            marked(s, 100, 119, 127),
            "Kerry met Putin on <mark>Thursday</mark> in the Kremlin."
        );
        assert_eq!(esc("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
