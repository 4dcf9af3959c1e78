//! `chronicler build`: many articles in, one merged, source-cited timeline out.
//!
//! The stages, each a module of its own:
//! [`crate::article::ingest`] (+ [`crate::article::manifest`]) → article dates (this module,
//! [`crate::story::infer`]) → [`crate::story::dateline`] → tag and resolve
//! ([`crate::engine::annotate`]) → [`crate::story::events`] → [`crate::story::merge`] → rows (this
//! module) → [`crate::output::timeline`].
//!
//! # Article dates
//! Each document's DCT comes from, in order: the manifest (`--manifest`, or a
//! `manifest.csv` at the top of an input folder); the document's own metadata
//! (JSONL `dct`, TimeML `<DCT>`, a leading `Date:` line); the name of a folder
//! it is in, when that reads `YYYY-MM-DD` (the layout of Timeline17; turned
//! off by [`BuildOptions::dates_from_folders`]); `--dct`; else it is inferred
//! ([`crate::story::infer`]): a full date near the top, or agreement with the other
//! articles. Rows that depend on an inferred date say so (`dct`,
//! `dct_basis`).
//!
//! # Times
//! Values are TIMEX3 values in each article's local time. Row intervals are
//! `[start, end)`: start inclusive, end exclusive, ISO 8601 local time (so
//! 2016-07-14 is `2016-07-14T00:00:00` to `2016-07-15T00:00:00`).

use crate::article::document::Dct;
use crate::article::document::DctSource;
use crate::article::document::Document;
use crate::article::document::Zone;
use crate::article::ingest;
use crate::article::manifest::{self, Manifest};
use crate::article::sentences;
use crate::engine::tag::Grammar;
use crate::engine::timex::{Granularity, Interval, Mention, TimexMod};
use crate::error::Error;
use crate::story::dateline::{self, Dateline};
use crate::story::events::{self, Event, TextSpan};
use crate::story::infer::{self, Known};
use crate::story::merge;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What `build` is asked to do.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildOptions {
    /// A manifest naming every article's date (CSV `file,published,…`).
    pub manifest: Option<PathBuf>,
    /// The date for articles that carry none (`--dct`).
    pub dct: Option<Dct>,
    /// The time zone for articles whose zone nothing else gives (`--tz`).
    pub zone: Option<Zone>,
    /// Keep only the N best-supported days (`--top N`).
    pub top: Option<usize>,
    /// Also list statements whose time could not be placed (`--include-undated`).
    pub include_undated: bool,
    /// Take an article's date from a parent folder named `YYYY-MM-DD`.
    pub dates_from_folders: bool,
    /// Stop at the first document that cannot be read.
    pub strict: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of skipping the document.
    pub lossy: bool,
    /// Counts the articles tagged, for a progress display.
    pub progress: crate::progress::Progress,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            manifest: None,
            dct: None,
            zone: None,
            top: None,
            include_undated: false,
            dates_from_folders: true,
            strict: false,
            lossy: false,
            progress: crate::progress::Progress::default(),
        }
    }
}

/// An article as the build saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentInfo {
    pub id: String,
    /// The article date used, `YYYY-MM-DD` (with `THH:MM` when known).
    pub dct: Option<String>,
    /// `manifest`, `document`, `folder`, `cli`, `inferred`, or `none`.
    pub dct_source: String,
    /// How an inferred date was found, or which folder gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dct_basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// The time zone the article's times are in, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How many statements of the article are cited.
    pub statements: usize,
}

/// A temporal expression as cited.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expression {
    /// Unicode scalar offsets into the article, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    pub rule: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
}

impl From<&Mention> for Expression {
    fn from(m: &Mention) -> Expression {
        Expression {
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            kind: m.timex.kind.as_str().to_string(),
            value: m.timex.value.clone(),
            modifier: m.timex.modifier.map(|x| x.as_str().to_string()),
            rule: m.rule.clone(),
            assumptions: m.assumptions.clone(),
        }
    }
}

/// One article's support for a row: its own words and where they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    pub document: String,
    /// 1-based line of the sentence.
    pub line: usize,
    pub sentence: TextSpan,
    pub expression: Expression,
    /// Other expressions of the same time in the sentence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Expression>,
    /// Durations that measure the event ("eight hours").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub durations: Vec<Expression>,
    pub headline: String,
    /// "until", "since" … when the expression bounds rather than dates the event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// From a photo caption.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub caption: bool,
    /// The article date the expression was resolved against, and its source.
    pub dct: Option<String>,
    pub dct_source: String,
    /// False for explicit dates, which do not need the article date.
    pub depends_on_dct: bool,
}

/// Whether a row's dates rest on given or inferred article dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DctStatus {
    /// Every article date it depends on was given (manifest, metadata, folder, `--dct`).
    Given,
    /// Every article date it depends on was inferred.
    Inferred,
    /// Some of its citations rest on inferred dates, some on given ones.
    PartlyInferred,
    /// Only explicit dates: no article date needed.
    NotNeeded,
}

impl DctStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DctStatus::Given => "given",
            DctStatus::Inferred => "inferred",
            DctStatus::PartlyInferred => "partly inferred",
            DctStatus::NotNeeded => "not needed",
        }
    }
}

/// One merged happening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// `e0001`, in chronological order.
    pub id: String,
    /// TIMEX3 value, sortable ("2016-07-14TNI", "2015-09", "2014"); empty when undated.
    pub date: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// Interval start, inclusive, ISO 8601 local time.
    pub start: Option<String>,
    /// Interval end, exclusive, ISO 8601 local time.
    pub end: Option<String>,
    pub granularity: Granularity,
    /// The date for people: "Thursday 14 July 2016, night", "September 2015", "mid-2014".
    pub display_date: String,
    pub headline: String,
    /// Number of distinct articles that support the row.
    pub sources: usize,
    pub documents: Vec<String>,
    pub dct: DctStatus,
    /// How each inferred article date it depends on was found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dct_basis: Vec<String>,
    /// 0–1: more independent sources, given dates and fewer guesses score higher.
    pub confidence: f64,
    pub citations: Vec<Citation>,
    #[serde(skip)]
    pub sort_key: (NaiveDateTime, NaiveDateTime, Granularity),
}

/// The result of a build.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// How to read `start` and `end`.
    pub intervals: &'static str,
    pub documents: Vec<DocumentInfo>,
    pub events: Vec<Row>,
    /// Problems that did not stop the build (unreadable files, unmatched manifest rows).
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Documents that could not be read.
    #[serde(skip)]
    pub failed: usize,
    /// Documents read and skipped, and why (see [`build`]).
    #[serde(skip)]
    pub summary: crate::summary::Summary,
}

/// The `intervals` note of every timeline.
pub const INTERVALS: &str =
    "start inclusive, end exclusive ([start, end)), ISO 8601 in each article's local time";

/// Per-document facts the manifest adds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub zone: Option<Zone>,
}

/// A document to build from, with what the manifest says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub document: Document,
    pub meta: Meta,
}

/// Reads `paths` (files, folders, or `-`) and builds the timeline.
pub fn build(paths: &[PathBuf], opts: &BuildOptions, grammar: &Grammar) -> Result<Timeline, Error> {
    let loaded = load_all(paths, opts)?;
    let summary = loaded.summary();
    let (inputs, warnings, failed) = loaded.into_parts();
    let mut t = build_from(inputs, opts, grammar);
    let mut all = warnings;
    all.append(&mut t.warnings);
    t.warnings = all;
    t.failed = failed;
    t.summary = summary;
    Ok(t)
}

/// [`load_all`], with what it set aside as messages (notes first) and a
/// count of the documents skipped and manifest problems.
pub fn load(
    paths: &[PathBuf],
    opts: &BuildOptions,
) -> Result<(Vec<Input>, Vec<String>, usize), Error> {
    Ok(load_all(paths, opts)?.into_parts())
}

/// What [`load_all`] read, and what it could not use.
#[derive(Debug, Default)]
pub struct Loaded {
    pub inputs: Vec<Input>,
    /// Documents (or files) skipped, each error naming where and why.
    pub skipped: Vec<Error>,
    /// Problems that cost no document: manifest rows that are malformed,
    /// repeat a file or name a file that is not among the inputs.
    pub problems: Vec<Error>,
    /// Notes on documents used all the same (invalid UTF-8 replaced under `lossy`).
    pub notes: Vec<Error>,
}

impl Loaded {
    /// How many documents were read, and what was skipped or set aside, by reason.
    pub fn summary(&self) -> crate::summary::Summary {
        let mut summary = crate::summary::Summary {
            read: self.inputs.len(),
            ..Default::default()
        };
        self.skipped.iter().for_each(|e| summary.skip(e));
        self.problems.iter().for_each(|e| summary.problem(e));
        self.notes.iter().for_each(|e| summary.note(e));
        summary
    }

    /// The inputs, every message (notes first), and how many documents were
    /// skipped plus manifest problems.
    pub fn into_parts(self) -> (Vec<Input>, Vec<String>, usize) {
        let failed = self.skipped.len() + self.problems.len();
        let warnings = (self.notes.iter())
            .chain(&self.skipped)
            .chain(&self.problems)
            .map(ToString::to_string)
            .collect();
        (self.inputs, warnings, failed)
    }
}

/// Loads documents and manifests; unreadable documents and bad manifest
/// rows are set aside in [`Loaded`] (or are the error, with `strict`).
/// README files found in folders are documentation, not articles, and are
/// skipped.
pub fn load_all(paths: &[PathBuf], opts: &BuildOptions) -> Result<Loaded, Error> {
    let mut out = Loaded::default();
    let mut manifests = Vec::new();
    let mut read_manifest = |m: &Path, out: &mut Loaded| -> Result<(), Error> {
        let (manifest, mut bad_rows) = Manifest::read_lenient(m)?;
        if opts.strict && !bad_rows.is_empty() {
            return Err(bad_rows.swap_remove(0));
        }
        out.problems.append(&mut bad_rows);
        manifests.push(manifest);
        Ok(())
    };
    if let Some(m) = &opts.manifest {
        read_manifest(m, &mut out)?;
    }
    let mut docs: Vec<Document> = Vec::new();
    let read = ingest::ReadOptions { lossy: opts.lossy };
    for path in paths {
        let is_dir = path.as_os_str() != ingest::STDIN && path.is_dir();
        if path.as_os_str() != ingest::STDIN {
            std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        }
        if is_dir {
            let m = path.join(manifest::FILE_NAME);
            if m.is_file() && opts.manifest.as_deref() != Some(m.as_path()) {
                read_manifest(&m, &mut out)?;
            }
        }
        let mut failure = None;
        ingest::for_each_item(path, read, |item| {
            match item {
                ingest::Item::Document(d) => {
                    if !(is_dir && is_readme(&d)) {
                        docs.push(d);
                    }
                }
                ingest::Item::Note(e) => out.notes.push(e),
                ingest::Item::Skipped(e) if opts.strict => {
                    failure = Some(e);
                    return std::ops::ControlFlow::Break(());
                }
                ingest::Item::Skipped(e) => out.skipped.push(e),
            }
            std::ops::ControlFlow::Continue(())
        });
        if let Some(e) = failure {
            return Err(e);
        }
    }
    // Ids must be unique across inputs.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for d in &mut docs {
        let n = seen.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            d.id = format!("{}#{}", d.id, n);
        }
    }
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    out.inputs = docs
        .into_iter()
        .map(|mut document| {
            let mut meta = Meta::default();
            for (mi, m) in manifests.iter().enumerate() {
                if let Some(e) = m.lookup(&document) {
                    if let Some(k) = m.entries.iter().position(|x| std::ptr::eq(x, e)) {
                        used.insert((mi, k));
                    }
                    if let Some(p) = &e.published {
                        document.dct = Some(p.clone());
                    }
                    meta = Meta {
                        source: e.source.clone(),
                        title: e.title.clone(),
                        url: e.url.clone(),
                        zone: e.timezone,
                    };
                    break;
                }
            }
            Input { document, meta }
        })
        .collect();
    for (mi, m) in manifests.iter().enumerate() {
        for (k, e) in m.entries.iter().enumerate() {
            if !used.contains(&(mi, k)) {
                let unknown = Error::Manifest {
                    path: m.path.clone(),
                    line: e.line,
                    message: format!(
                        "expected a document named {:?} among the inputs, found none",
                        e.file
                    ),
                };
                if opts.strict {
                    return Err(unknown);
                }
                out.problems.push(unknown);
            }
        }
    }
    Ok(out)
}

fn is_readme(d: &Document) -> bool {
    let name = d
        .path
        .as_deref()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.starts_with("readme.") || name == "readme"
}

/// The date of the nearest parent folder named `YYYY-MM-DD`.
pub fn folder_date(path: &Path) -> Option<(NaiveDate, String)> {
    path.ancestors().skip(1).find_map(|dir| {
        let name = dir.file_name()?.to_str()?;
        let date = NaiveDate::parse_from_str(name, "%Y-%m-%d").ok()?;
        Some((date, format!("folder {name}")))
    })
}

/// A document on its way through the build.
struct Work {
    document: Document,
    meta: Meta,
    dateline: Option<Dateline>,
    mentions: Vec<Mention>,
    events: Vec<Event>,
    undated: Vec<Event>,
}

/// Builds the timeline of `inputs`.
pub fn build_from(inputs: Vec<Input>, opts: &BuildOptions, grammar: &Grammar) -> Timeline {
    // Article dates that need no inference, and datelines.
    let mut work: Vec<Work> = inputs
        .into_par_iter()
        .map(|Input { mut document, meta }| {
            if document.dct.is_none()
                && opts.dates_from_folders
                && let Some((date, folder)) = document.path.as_deref().and_then(folder_date)
            {
                document.dct = Some(Dct::on(date, DctSource::Folder(folder)));
            }
            if document.dct.is_none() {
                document.dct.clone_from(&opts.dct);
            }
            if document.dct.is_none()
                && let Some((date, basis)) = infer::explicit_date_near_top(&document.text, grammar)
            {
                document.dct = Some(Dct::on(date, DctSource::Inferred(basis)));
            }
            let blocks = sentences::blocks(&document.text);
            let dateline = dateline::find(&document.text, &blocks, grammar);
            let mut w = Work {
                document,
                meta,
                dateline,
                mentions: Vec::new(),
                events: Vec::new(),
                undated: Vec::new(),
            };
            set_zone(&mut w, opts.zone);
            w
        })
        .collect();

    let analyse = |i: usize, w: &mut Work| {
        w.mentions = crate::engine::annotate(&w.document.text, w.document.dct.as_ref(), grammar);
        w.events = events::extract(i, &w.document, &w.mentions, w.dateline.as_ref(), grammar);
        if opts.include_undated {
            w.undated =
                events::extract_undated(i, &w.document, &w.mentions, w.dateline.as_ref(), grammar);
        }
        opts.progress.add(1, w.document.text.len() as u64);
    };
    work.par_iter_mut()
        .enumerate()
        .filter(|(_, w)| w.document.dct.is_some())
        .for_each(|(i, w)| analyse(i, w));

    // Articles still without a date: agreement with the others.
    let undated: Vec<usize> = (0..work.len())
        .filter(|&i| work[i].document.dct.is_none())
        .collect();
    if !undated.is_empty() {
        let known_events: Vec<Event> = work.iter().flat_map(|w| w.events.clone()).collect();
        let ids: Vec<String> = work.iter().map(|w| w.document.id.clone()).collect();
        let dates: Vec<NaiveDate> = work
            .iter()
            .filter_map(|w| w.document.dct.as_ref().map(|d| d.date))
            .collect();
        let inferred: Vec<(usize, Option<(NaiveDate, String)>)> = {
            let known = Known::new(&known_events, &ids);
            let candidates = Known::candidates(&dates);
            undated
                .par_iter()
                .map(|&i| {
                    let w = &work[i];
                    let found = if candidates.is_empty() {
                        None
                    } else {
                        infer::by_agreement(
                            &w.document,
                            &candidates,
                            &known,
                            w.dateline.as_ref(),
                            grammar,
                        )
                    };
                    (i, found)
                })
                .collect()
        };
        for (i, found) in inferred {
            if let Some((date, basis)) = found {
                work[i].document.dct = Some(Dct::on(date, DctSource::Inferred(basis)));
                set_zone(&mut work[i], opts.zone);
            }
        }
        let mut rest: Vec<(usize, &mut Work)> = work
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| undated.contains(i))
            .collect();
        rest.par_iter_mut().for_each(|(i, w)| analyse(*i, w));
    }

    let mut events: Vec<Event> = work.iter().flat_map(|w| w.events.iter().cloned()).collect();
    drop_site_furniture(&mut events, work.len());
    let groups = merge::merge(&events);
    let mut rows: Vec<Row> = groups.iter().map(|g| make_row(&events, g, &work)).collect();
    if let Some(n) = opts.top {
        let published = publication_days(
            work.iter()
                .filter_map(|w| w.document.dct.as_ref().map(|d| d.date)),
        );
        rows = top(rows, n, &published);
    }
    rows.sort_by(|a, b| {
        a.sort_key
            .cmp(&b.sort_key)
            .then_with(|| b.sources.cmp(&a.sources))
            .then_with(|| a.headline.cmp(&b.headline))
            .then_with(|| a.documents.cmp(&b.documents))
    });
    if opts.include_undated {
        let undated_events: Vec<Event> = work
            .iter()
            .flat_map(|w| w.undated.iter().cloned())
            .collect();
        for (k, _) in undated_events.iter().enumerate() {
            rows.push(make_row(&undated_events, &[k], &work));
        }
    }
    for (k, r) in rows.iter_mut().enumerate() {
        r.id = format!("e{:04}", k + 1);
    }

    let mut cited: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        for c in &r.citations {
            *cited.entry(c.document.as_str()).or_default() += 1;
        }
    }
    let documents = work
        .iter()
        .map(|w| document_info(w, cited.get(w.document.id.as_str()).copied().unwrap_or(0)))
        .collect();
    let mut warnings = Vec::new();
    for w in &work {
        if w.document.dct.is_none() {
            warnings.push(format!(
                "{}: expected an article date (manifest, metadata, --dct or a full date near the top), found none; only its explicit dates are used",
                w.document.id
            ));
        }
    }
    Timeline {
        intervals: INTERVALS,
        summary: crate::summary::Summary {
            read: work.len(),
            ..Default::default()
        },
        documents,
        events: rows,
        warnings,
        failed: 0,
    }
}

/// In a build of many articles, a sentence found word for word in a good
/// share of them (at least 5 articles and 5%) is the site's furniture — a
/// feed of tweets, a promotion — not news; its events are dropped.
pub const FURNITURE_MIN_ARTICLES: usize = 5;

fn drop_site_furniture(events: &mut Vec<Event>, articles: usize) {
    let threshold = FURNITURE_MIN_ARTICLES.max(articles.div_ceil(20));
    if articles < threshold {
        return;
    }
    let mut docs: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for e in events.iter() {
        docs.entry(crate::article::boilerplate::normalise(&e.sentence.text))
            .or_default()
            .insert(e.doc);
    }
    events.retain(|e| {
        docs.get(&crate::article::boilerplate::normalise(&e.sentence.text))
            .is_none_or(|d| d.len() < threshold)
    });
}

/// The zone of an article: the manifest's, the date's own, the dateline's, `--tz`.
fn set_zone(w: &mut Work, fallback: Option<Zone>) {
    let from_dateline = w
        .dateline
        .as_ref()
        .and_then(|d| d.zone.parse::<chrono_tz::Tz>().ok())
        .map(Zone::Iana);
    if let Some(dct) = &mut w.document.dct {
        let zone = w.meta.zone.or(dct.zone).or(from_dateline).or(fallback);
        dct.zone = zone;
    }
}

fn source_name(s: &DctSource) -> &'static str {
    match s {
        DctSource::Cli => "cli",
        DctSource::Manifest => "manifest",
        DctSource::Document => "document",
        DctSource::Folder(_) => "folder",
        DctSource::Inferred(_) => "inferred",
    }
}

fn dct_string(d: &Dct) -> String {
    match d.time {
        Some(t) => format!("{}T{}", d.date.format("%Y-%m-%d"), t.format("%H:%M")),
        None => d.date.format("%Y-%m-%d").to_string(),
    }
}

fn document_info(w: &Work, statements: usize) -> DocumentInfo {
    let dct = w.document.dct.as_ref();
    DocumentInfo {
        id: w.document.id.clone(),
        dct: dct.map(dct_string),
        dct_source: dct.map_or("none", |d| source_name(&d.source)).to_string(),
        dct_basis: dct.and_then(|d| match &d.source {
            DctSource::Inferred(b) | DctSource::Folder(b) => Some(b.clone()),
            _ => None,
        }),
        dateline: w.dateline.clone(),
        zone: dct.and_then(|d| d.zone).map(|z| z.to_string()).or_else(|| {
            w.meta
                .zone
                .map(|z| z.to_string())
                .or_else(|| w.dateline.as_ref().map(|d| d.zone.clone()))
        }),
        source: w.meta.source.clone(),
        title: w.meta.title.clone(),
        url: w.meta.url.clone(),
        statements,
    }
}

const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// The value that dates a group: among expressions that date (rather than
/// bound) the event, the most precise; among those, the one most articles
/// give. Its modifier is kept only when all of them agree on it.
fn choose_date<'a>(events: &'a [Event], members: &[usize]) -> (&'a Mention, Option<TimexMod>) {
    let mention_of = |i: usize| &events[i].mention;
    let best_rank = members
        .iter()
        .map(|&i| {
            (
                events[i].relation.is_none(),
                mention_of(i).timex.granularity,
            )
        })
        .max()
        .unwrap_or((true, Granularity::None));
    let candidates: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| {
            (
                events[i].relation.is_none(),
                mention_of(i).timex.granularity,
            ) == best_rank
        })
        .collect();
    let mut support: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for &i in &candidates {
        support
            .entry(mention_of(i).timex.value.as_str())
            .or_default()
            .insert(events[i].doc);
    }
    let value = support
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
        .map(|(v, _)| *v)
        .unwrap_or("");
    let with_value: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| mention_of(i).timex.value == value)
        .collect();
    let mut mods: Vec<Option<TimexMod>> = with_value
        .iter()
        .map(|&i| mention_of(i).timex.modifier)
        .collect();
    mods.dedup();
    let modifier = if mods.len() == 1 { mods[0] } else { None };
    let pick = with_value
        .iter()
        .copied()
        .find(|&i| mention_of(i).timex.modifier == modifier)
        .or_else(|| with_value.first().copied())
        .unwrap_or(members[0]);
    (mention_of(pick), modifier)
}

fn citation(e: &Event, w: &Work) -> Citation {
    let dct = w.document.dct.as_ref();
    Citation {
        document: w.document.id.clone(),
        line: e.line,
        sentence: e.sentence.clone(),
        expression: Expression::from(&e.mention),
        also: e.also.iter().map(Expression::from).collect(),
        durations: e.durations.iter().map(Expression::from).collect(),
        headline: e.headline.clone(),
        relation: e.relation.clone(),
        caption: e.caption,
        dct: dct.map(dct_string),
        dct_source: dct.map_or("none", |d| source_name(&d.source)).to_string(),
        depends_on_dct: e.depends_on_dct,
    }
}

/// The headline of the member that shares most words with the others,
/// preferring article text to captions, statements the row's time dates to
/// ones that only name it ("with this week's attack in Nice as backdrop"),
/// and headlines of 5–24 words.
fn choose_headline(events: &[Event], members: &[usize]) -> String {
    let sample: Vec<usize> = members.iter().copied().take(60).collect();
    let score = |i: usize| -> (bool, bool, bool, bool, i64) {
        let e = &events[i];
        let words = e.headline.split_whitespace().count();
        let shared: f32 = sample
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| {
                e.terms
                    .iter()
                    .filter(|(t, _)| events[j].terms.iter().any(|(u, _)| u == t))
                    .map(|(_, w)| *w)
                    .sum::<f32>()
            })
            .sum();
        (
            !e.caption,
            e.relation.is_none(),
            e.named.is_empty(),
            (5..=24).contains(&words),
            (shared * 1000.0) as i64,
        )
    };
    sample
        .iter()
        .copied()
        .max_by(|&a, &b| score(a).cmp(&score(b)).then(b.cmp(&a)))
        .map(|i| events[i].headline.clone())
        .unwrap_or_default()
}

fn make_row(events: &[Event], members: &[usize], work: &[Work]) -> Row {
    let mut seen = HashSet::new();
    let mut cites: Vec<(String, usize, usize, Citation)> = Vec::new();
    for &i in members {
        let e = &events[i];
        let w = &work[e.doc];
        if seen.insert((e.doc, e.sentence.byte_start, e.mention.byte_start)) {
            cites.push((
                w.document.id.clone(),
                e.sentence.start,
                e.mention.start,
                citation(e, w),
            ));
        }
    }
    cites.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    let citations: Vec<Citation> = cites.into_iter().map(|c| c.3).collect();
    let documents: Vec<String> = citations
        .iter()
        .map(|c| c.document.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let sources = documents.len();

    let (m, modifier) = choose_date(events, members);
    let dated = !m.timex.value.is_empty() && m.timex.interval.is_some();
    let interval = if dated { m.timex.interval } else { None };
    let nominal = events::dating_span(m).unwrap_or(events[members[0]].span);

    // Article dates the row depends on.
    let mut given = false;
    let mut inferred = false;
    let mut basis = BTreeSet::new();
    for &i in members {
        let e = &events[i];
        if !e.depends_on_dct {
            continue;
        }
        match work[e.doc].document.dct.as_ref().map(|d| &d.source) {
            Some(DctSource::Inferred(b)) => {
                inferred = true;
                basis.insert(format!("{}: {b}", work[e.doc].document.id));
            }
            Some(_) => given = true,
            None => {}
        }
    }
    let dct = match (given, inferred) {
        (true, true) => DctStatus::PartlyInferred,
        (false, true) => DctStatus::Inferred,
        (true, false) => DctStatus::Given,
        (false, false) => DctStatus::NotNeeded,
    };

    let mut confidence = 1.0 - 0.5f64.powi(sources as i32);
    if inferred {
        confidence *= if given { 0.9 } else { 0.8 };
    }
    let guessed = m
        .assumptions
        .iter()
        .any(|a| !a.starts_with("article date inferred"));
    if guessed {
        confidence *= 0.9;
    }
    if members.iter().all(|&i| events[i].caption) {
        confidence *= 0.8;
    }
    if !dated {
        confidence *= 0.5;
    }
    let confidence = (confidence * 100.0).round() / 100.0;

    let granularity = if dated {
        m.timex.granularity
    } else {
        Granularity::None
    };
    Row {
        id: String::new(),
        date: if dated {
            m.timex.value.clone()
        } else {
            String::new()
        },
        modifier: if dated {
            modifier.map(|x| x.as_str().to_string())
        } else {
            None
        },
        start: interval.map(|i| i.start.format(STAMP).to_string()),
        end: interval.map(|i| i.end.format(STAMP).to_string()),
        granularity,
        display_date: if dated {
            display_date(&m.timex.value, modifier, granularity, interval)
        } else {
            "undated".to_string()
        },
        headline: choose_headline(events, members),
        sources,
        documents,
        dct,
        dct_basis: basis.into_iter().collect(),
        confidence,
        citations,
        sort_key: (
            nominal.start,
            interval.map_or(nominal.start, |i| i.start),
            granularity,
        ),
    }
}

/// Keeps the `n` days best supported across articles, each with its best
/// row (most sources, then highest confidence), best day first. Only rows
/// dated to a day or finer compete. `published` counts the build's articles by the day they
/// appeared ([`publication_days`]). See [`rank_days`] for how days are ranked.
pub fn top(rows: Vec<Row>, n: usize, published: &BTreeMap<NaiveDate, usize>) -> Vec<Row> {
    let mut by_day: BTreeMap<NaiveDate, Vec<Row>> = BTreeMap::new();
    for r in rows {
        if r.granularity >= Granularity::Day {
            by_day.entry(r.sort_key.0.date()).or_default().push(r);
        }
    }
    let evidence: Vec<(NaiveDate, DayEvidence)> = by_day
        .iter()
        .map(|(&day, rows)| (day, DayEvidence::of(day, rows, published)))
        .collect();
    rank_days(&evidence)
        .into_iter()
        .take(n)
        .filter_map(|(day, _)| {
            by_day.remove(&day)?.into_iter().max_by(|a, b| {
                a.sources
                    .cmp(&b.sources)
                    .then(a.confidence.total_cmp(&b.confidence))
                    .then(b.headline.cmp(&a.headline))
            })
        })
        .collect()
}

/// How many articles of a build appeared on each day.
pub fn publication_days<I: IntoIterator<Item = NaiveDate>>(dates: I) -> BTreeMap<NaiveDate, usize> {
    let mut days = BTreeMap::new();
    for d in dates {
        *days.entry(d).or_insert(0) += 1;
    }
    days
}

/// How many articles published more than this many days after a day still
/// recall it: past the first week a mention is the story's memory, not its
/// follow-up.
pub const FOLLOW_UP_DAYS: i64 = 7;

/// Three kinds of evidence that a day mattered, each a count of distinct
/// articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayEvidence {
    /// Articles that appeared that day (the day's own coverage).
    pub published: usize,
    /// Articles of the following week that date a statement to it.
    pub follow_up: usize,
    /// Later articles that date a statement to it, and articles without a
    /// date of their own.
    pub recalled: usize,
}

impl DayEvidence {
    /// The evidence for `day`, whose rows are `rows` (with the coarser
    /// mentions content merged into them: "last week's vote"). Mentions by
    /// articles that appeared before it (plans, schedules) and by articles of
    /// the day itself (already counted as its coverage) add nothing.
    pub fn of(day: NaiveDate, rows: &[Row], published: &BTreeMap<NaiveDate, usize>) -> Self {
        let mut follow_up: BTreeSet<&str> = BTreeSet::new();
        let mut recalled: BTreeSet<&str> = BTreeSet::new();
        for c in rows.iter().flat_map(|r| &r.citations) {
            let lag = c
                .dct
                .as_deref()
                .and_then(|d| d.get(..10))
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|p| (p - day).num_days());
            match lag {
                Some(1..=FOLLOW_UP_DAYS) => {
                    follow_up.insert(c.document.as_str());
                }
                Some(l) if l > FOLLOW_UP_DAYS => {
                    recalled.insert(c.document.as_str());
                }
                None => {
                    recalled.insert(c.document.as_str());
                }
                Some(_) => {}
            }
        }
        DayEvidence {
            published: published.get(&day).copied().unwrap_or(0),
            follow_up: follow_up.len(),
            recalled: recalled.len(),
        }
    }
}

/// The constant of reciprocal rank fusion (Cormack, Clarke & Büttcher 2009).
pub const FUSION_K: f64 = 60.0;

/// Days, best first, with their fused scores. Each kind of
/// [`DayEvidence`] ranks the days on its own (equal counts share a rank);
/// a day scores the sum over the three rankings of `1 / (FUSION_K + rank)`,
/// rank counted from 1. Fusing ranks rather than adding counts needs no
/// weights between kinds whose scales differ from story to story (a burst
/// of daily coverage, a few retrospectives). Ties go to the day with more
/// articles in all, then to the earlier day.
pub fn rank_days(evidence: &[(NaiveDate, DayEvidence)]) -> Vec<(NaiveDate, f64)> {
    let views: [fn(&DayEvidence) -> usize; 3] = [|e| e.published, |e| e.follow_up, |e| e.recalled];
    let mut scores = vec![0.0f64; evidence.len()];
    for view in views {
        let mut order: Vec<usize> = (0..evidence.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(view(&evidence[i].1)));
        let mut rank = 0;
        for (k, &i) in order.iter().enumerate() {
            if k > 0 && view(&evidence[order[k - 1]].1) != view(&evidence[i].1) {
                rank = k;
            }
            scores[i] += 1.0 / (FUSION_K + rank as f64 + 1.0);
        }
    }
    let total = |e: &DayEvidence| e.published + e.follow_up + e.recalled;
    let mut ranked: Vec<(NaiveDate, f64, usize)> = evidence
        .iter()
        .zip(scores)
        .map(|((d, e), s)| (*d, s, total(e)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    ranked.into_iter().map(|(d, s, _)| (d, s)).collect()
}

/// English month names, for dates written for people.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date for people, at the value's own granularity.
pub fn display_date(
    value: &str,
    modifier: Option<TimexMod>,
    granularity: Granularity,
    interval: Option<Interval>,
) -> String {
    let edge = |m: Option<TimexMod>| match m {
        Some(TimexMod::Start) => "early ",
        Some(TimexMod::Mid) => "mid-",
        Some(TimexMod::End) => "late ",
        Some(TimexMod::Approx) => "about ",
        _ => "",
    };
    let date10 = value
        .get(..10)
        .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
    let day_text = |d: NaiveDate| {
        format!(
            "{} {} {} {}",
            d.format("%A"),
            d.day(),
            MONTHS[d.month0() as usize],
            d.year()
        )
    };
    match granularity {
        Granularity::Day => match date10 {
            Some(d) => format!("{}{}", edge(modifier), day_text(d)),
            None => value.to_string(),
        },
        Granularity::PartOfDay => {
            let part = match value.get(11..) {
                Some("MO") => "morning",
                Some("AF") => "afternoon",
                Some("EV") => "evening",
                Some("NI") => "night",
                Some("DT") => "daytime",
                Some("MI") => "midday",
                Some(other) => other,
                None => "",
            };
            match date10 {
                Some(d) => format!("{}, {}{part}", day_text(d), edge(modifier)),
                None => value.to_string(),
            }
        }
        Granularity::Hour | Granularity::Minute | Granularity::Second => match interval {
            Some(i) => format!(
                "{}{} {}",
                edge(modifier),
                day_text(i.start.date()),
                i.start.format("%H:%M")
            ),
            None => value.to_string(),
        },
        Granularity::Week => match interval {
            Some(i) => format!(
                "{}week of {} {} {}",
                edge(modifier),
                i.start.day(),
                MONTHS[i.start.month0() as usize],
                i.start.year()
            ),
            None => value.to_string(),
        },
        Granularity::Month => match value
            .get(..7)
            .and_then(|v| NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").ok())
        {
            Some(d) => format!(
                "{}{} {}",
                edge(modifier),
                MONTHS[d.month0() as usize],
                d.year()
            ),
            None => value.to_string(),
        },
        Granularity::Season => {
            let season = match value.get(5..) {
                Some("SP") => "spring",
                Some("SU") => "summer",
                Some("FA") => "autumn",
                Some("WI") => "winter",
                _ => "season",
            };
            format!(
                "{}{season} {}",
                edge(modifier),
                &value[..4.min(value.len())]
            )
        }
        Granularity::Quarter => format!(
            "{}{} {}",
            edge(modifier),
            value.get(5..).unwrap_or(""),
            value.get(..4).unwrap_or("")
        ),
        Granularity::Half => {
            let half = if value.ends_with("H1") {
                "first"
            } else {
                "second"
            };
            format!(
                "{}{half} half of {}",
                edge(modifier),
                value.get(..4).unwrap_or("")
            )
        }
        Granularity::Year => format!("{}{value}", edge(modifier)),
        Granularity::Decade => format!("{}{value}0s", edge(modifier)),
        Granularity::Century => format!("{}{value}00s", edge(modifier)),
        Granularity::None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_dates_keep_their_granularity() {
        let day = |s: &str| {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            Interval {
                start: d.and_hms_opt(0, 0, 0).unwrap(),
                end: d.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap(),
            }
        };
        assert_eq!(
            display_date(
                "2016-07-14",
                None,
                Granularity::Day,
                Some(day("2016-07-14"))
            ),
            "Thursday 14 July 2016"
        );
        assert_eq!(
            display_date(
                "2016-07-14TNI",
                Some(TimexMod::End),
                Granularity::PartOfDay,
                None
            ),
            "Thursday 14 July 2016, late night"
        );
        assert_eq!(
            display_date("2015-09", None, Granularity::Month, None),
            "September 2015"
        );
        assert_eq!(
            display_date("2014", Some(TimexMod::Mid), Granularity::Year, None),
            "mid-2014"
        );
        assert_eq!(
            display_date("2016-W28", None, Granularity::Week, Some(day("2016-07-11"))),
            "week of 11 July 2016"
        );
        assert_eq!(
            display_date("2016-SU", None, Granularity::Season, None),
            "summer 2016"
        );
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A day row citing `(document, article date)` pairs.
    fn row_on(day: &str, cites: &[(&str, Option<&str>)]) -> Row {
        row_with(day, day, cites)
    }

    /// A row of `day` whose citations' expressions have the value `value`.
    fn row_with(day: &str, value: &str, cites: &[(&str, Option<&str>)]) -> Row {
        let at = date(day).and_hms_opt(0, 0, 0).unwrap();
        let citations = cites
            .iter()
            .map(|(doc, dct)| Citation {
                document: doc.to_string(),
                line: 1,
                sentence: TextSpan {
                    start: 0,
                    end: 1,
                    byte_start: 0,
                    byte_end: 1,
                    text: "x".into(),
                },
                expression: Expression {
                    start: 0,
                    end: 1,
                    text: "x".into(),
                    kind: "DATE".into(),
                    value: value.into(),
                    modifier: None,
                    rule: "explicit date".into(),
                    assumptions: Vec::new(),
                },
                also: Vec::new(),
                durations: Vec::new(),
                headline: "x".into(),
                relation: None,
                caption: false,
                dct: dct.map(str::to_string),
                dct_source: "folder".into(),
                depends_on_dct: false,
            })
            .collect();
        Row {
            id: String::new(),
            date: day.into(),
            modifier: None,
            start: None,
            end: None,
            granularity: Granularity::Day,
            display_date: day.into(),
            headline: format!("on {day}"),
            sources: cites.len(),
            documents: Vec::new(),
            dct: DctStatus::Given,
            dct_basis: Vec::new(),
            confidence: 0.5,
            citations,
            sort_key: (at, at, Granularity::Day),
        }
    }

    #[test]
    fn day_evidence_counts_distinct_articles_by_when_they_appeared() {
        let rows = vec![
            row_on(
                "2010-04-20",
                &[
                    ("same-day", Some("2010-04-20")),
                    ("next-day", Some("2010-04-21")),
                    ("next-day", Some("2010-04-21")),
                    ("a-week-on", Some("2010-04-27")),
                    ("a-month-on", Some("2010-05-20T10:00")),
                    ("undated", None),
                    ("before", Some("2010-04-18")),
                ],
            ),
            row_on("2010-04-20", &[("a-month-on", Some("2010-05-20"))]),
            // "last month" merged into the day's row by its content.
            row_with("2010-04-20", "2010-04", &[("month", Some("2010-05-20"))]),
            row_with(
                "2010-04-20",
                "2010-04-20TNI",
                &[("night", Some("2010-06-01"))],
            ),
        ];
        let published = publication_days([date("2010-04-20"), date("2010-04-20")]);
        let e = DayEvidence::of(date("2010-04-20"), &rows, &published);
        assert_eq!(
            e,
            DayEvidence {
                published: 2,
                follow_up: 2,
                recalled: 4
            }
        );
    }

    #[test]
    fn days_rank_by_fused_ranks_then_articles_then_date() {
        let ev = |published, follow_up, recalled| DayEvidence {
            published,
            follow_up,
            recalled,
        };
        // A burst of coverage alone loses to a day every kind of evidence
        // backs, but beats a day one later article recalls.
        let ranked = rank_days(&[
            (date("2011-03-01"), ev(10, 0, 0)),
            (date("2011-03-02"), ev(2, 2, 2)),
            (date("2011-03-03"), ev(0, 0, 1)),
        ]);
        let days: Vec<NaiveDate> = ranked.iter().map(|(d, _)| *d).collect();
        assert_eq!(
            days,
            vec![date("2011-03-02"), date("2011-03-01"), date("2011-03-03")]
        );
        // Equal ranks: more articles first, then the earlier day.
        let ranked = rank_days(&[
            (date("2016-06-18"), ev(0, 0, 1)),
            (date("2016-07-14"), ev(0, 5, 0)),
            (date("2016-07-15"), ev(5, 0, 0)),
        ]);
        let days: Vec<NaiveDate> = ranked.iter().map(|(d, _)| *d).collect();
        assert_eq!(
            days,
            vec![date("2016-07-14"), date("2016-07-15"), date("2016-06-18")]
        );
    }

    #[test]
    fn top_keeps_the_best_row_of_the_best_days() {
        let rows = vec![
            row_on("2010-04-20", &[("a", Some("2010-04-21"))]),
            row_on(
                "2010-04-20",
                &[("b", Some("2010-04-22")), ("c", Some("2010-04-22"))],
            ),
            row_on("2010-04-25", &[("d", Some("2010-04-25"))]),
            // Only announced beforehand.
            row_on("2010-03-01", &[("e", Some("2010-02-25"))]),
        ];
        let published = publication_days([date("2010-04-25")]);
        let kept = top(rows, 2, &published);
        let days: Vec<(String, usize)> = kept.iter().map(|r| (r.date.clone(), r.sources)).collect();
        assert_eq!(
            days,
            vec![("2010-04-20".to_string(), 2), ("2010-04-25".to_string(), 1)]
        );
    }

    #[test]
    fn folder_dates() {
        let (d, basis) =
            folder_date(Path::new("corpus/InputDocs/2010-05-24/1036.htm.txt")).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2010, 5, 24).unwrap());
        assert_eq!(basis, "folder 2010-05-24");
        assert!(folder_date(Path::new("seeds/001.txt")).is_none());
    }
}
