//! `chronicler build`: many articles in, one analysed story out — the
//! articles with their dates, mentions and statements, the happenings, and
//! the timeline rows — which `check`, `--top`, `--html` and every output read.
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
//! (JSONL `dct`, TimeML `<DCT>`, a leading `Date:` line, a web page's
//! publication date — `dct_source` "page metadata", the field in
//! `dct_basis`); the name of a folder it is in, when that reads
//! `YYYY-MM-DD` (the layout of Timeline17; turned off by
//! [`BuildOptions::dates_from_folders`]); `--dct`; else it is inferred
//! ([`crate::story::infer`]): a full date near the top, or agreement with the
//! other articles; and for a page from a WARC file with none of these, the
//! day it was crawled (`WARC-Date`), marked inferred. The crawl time is an
//! upper bound throughout: an inferred date after it is not taken. Rows that
//! depend on an inferred date say so (`dct`, `dct_basis`).
//!
//! # Page furniture
//! Furniture found by form and position ([`crate::article::furniture`],
//! [`crate::article::boilerplate`]) is not a statement; nor is a sentence
//! many articles carry alone among different text ([`crate::article::widgets`]);
//! pages that are not articles (a readers' message board, programme
//! listings) are set aside and counted in the summary. With
//! [`BuildOptions::include_furniture`] all of it is kept, each citation naming
//! its rule (`furniture`).
//!
//! # Times
//! Values are TIMEX3 values in each article's local time. Row intervals are
//! `[start, end)`: start inclusive, end exclusive, ISO 8601 local time (so
//! 2016-07-14 is `2016-07-14T00:00:00` to `2016-07-15T00:00:00`).

use crate::article::document::{Dct, DctSource, Document, Zone};
use crate::article::ingest;
use crate::article::manifest::{self, Manifest};
use crate::article::reading::Reading;
use crate::article::widgets;
use crate::engine::tag::Grammar;
use crate::engine::timex::Mention;
use crate::error::Error;
use crate::progress::Stage;
use crate::story::dateline::{self, Dateline};
use crate::story::events::{self, Event};
use crate::story::happen;
use crate::story::infer::{self, Known};
use crate::story::merge;
use crate::story::rank::{self, Evidence};
use crate::story::rows::{dct_basis, dct_string, make_row, source_name};
use crate::story::select::{self, Selection};
use crate::story::terms::Subject;
use crate::story::timeline::{DocumentInfo, INTERVALS, Row, Timeline};
use crate::summary::Ignored;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
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
    /// Keep at most K happenings per day (`--per-date K`; 1 with `--top`).
    pub per_date: Option<usize>,
    /// Keep only the articles and statements about a subject (`--about WORDS`).
    pub about: Option<Subject>,
    /// Also list statements whose time could not be placed (`--include-undated`).
    pub include_undated: bool,
    /// Take an article's date from a parent folder named `YYYY-MM-DD`.
    pub dates_from_folders: bool,
    /// Stop at the first document that cannot be read.
    pub strict: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of skipping the document.
    pub lossy: bool,
    /// Keep page furniture (and pages that are not articles) as statements,
    /// each citation marked with the rule that found it, for auditing.
    pub include_furniture: bool,
    /// Counts the articles tagged, for a progress display.
    pub progress: crate::progress::Progress,
    /// What the run writes, which reading passes over (see [`ingest::Exclude`]).
    pub exclude: ingest::Exclude,
    /// What year-less expressions count from (`--reference`).
    pub reference: crate::engine::narrative::Reference,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            manifest: None,
            dct: None,
            zone: None,
            top: None,
            per_date: None,
            about: None,
            include_undated: false,
            dates_from_folders: true,
            strict: false,
            lossy: false,
            exclude: ingest::Exclude::default(),
            include_furniture: false,
            progress: crate::progress::Progress::default(),
            reference: Default::default(),
        }
    }
}

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

/// Reads `paths` (files, folders, or `-`) and builds the timeline (the
/// `top` best days when [`BuildOptions::top`] is set, at most
/// [`BuildOptions::per_date`] rows a day).
pub fn build(paths: &[PathBuf], opts: &BuildOptions, grammar: &Grammar) -> Result<Timeline, Error> {
    let story = read(paths, opts, grammar)?;
    Ok(match (opts.top, opts.per_date) {
        (None, None) => story.timeline,
        (top, per_date) => {
            story
                .select(&Selection {
                    top,
                    per_date,
                    ..Selection::default()
                })
                .0
        }
    })
}

/// Reads `paths` (files, folders, or `-`) and analyses them once: the
/// [`Story`] that `check`, `--top`, `--html` and every output read.
///
/// A run that finds no article to read — nothing readable, or only pages
/// that are not articles — is [`Error::NoArticles`], so that nothing is
/// written over earlier outputs.
pub fn read(paths: &[PathBuf], opts: &BuildOptions, grammar: &Grammar) -> Result<Story, Error> {
    let loaded = load_all(paths, opts)?;
    let mut summary = loaded.summary();
    let (inputs, warnings, failed) = loaded.into_parts();
    if inputs.is_empty() {
        return Err(Error::NoArticles {
            summary: summary.to_string(),
            problems: warnings,
        });
    }
    if let Some(about) = &opts.about
        && !inputs.is_empty()
        && !inputs.iter().any(|i| about.in_text(&i.document.text))
    {
        return Err(Error::Usage(format!(
            "--about {:?}: expected articles that mention it, found none of {}",
            about.words,
            inputs.len()
        )));
    }
    let mut story = analyse(inputs, opts, grammar);
    for a in &story.articles {
        if let (Some(page), false) = (&a.reading.not_article, opts.include_furniture) {
            summary.set_aside(page.kind);
        }
    }
    if story.articles.iter().all(|a| a.set_aside) {
        return Err(Error::NoArticles {
            summary: summary.to_string(),
            problems: warnings,
        });
    }
    let t = &mut story.timeline;
    let mut all = warnings;
    all.append(&mut t.warnings);
    t.warnings = all;
    t.failed = failed;
    t.summary = summary;
    Ok(story)
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
    /// What input folders held that is not read: files of other kinds,
    /// README files, WARC records that are not pages.
    pub ignored: Vec<(PathBuf, Ignored)>,
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
        self.ignored
            .iter()
            .for_each(|(_, what)| summary.ignore(what));
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
        let top_manifest = path.join(manifest::FILE_NAME);
        if is_dir
            && top_manifest.is_file()
            && opts.manifest.as_deref() != Some(top_manifest.as_path())
        {
            read_manifest(&top_manifest, &mut out)?;
        }
        let mut failure = None;
        ingest::for_each_item_except(path, read, &opts.exclude, |item| {
            match item {
                ingest::Item::Document(d) => {
                    if is_dir && is_readme(&d) {
                        let p = d.path.clone().unwrap_or_default();
                        out.ignored.push((p, Ignored::Readme));
                    } else {
                        docs.push(d);
                    }
                }
                // The manifest at the top of a folder is read above.
                ingest::Item::Ignored { path: p, .. } if is_dir && p == top_manifest => {}
                ingest::Item::Ignored { path: p, what } => out.ignored.push((p, what)),
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
            if let Some(page) = &document.page {
                meta.source.clone_from(&page.site_name);
                meta.title.clone_from(&page.title);
                meta.url.clone_from(&page.url);
            }
            for (mi, m) in manifests.iter().enumerate() {
                if let Some(e) = m.lookup(&document) {
                    if let Some(k) = m.entries.iter().position(|x| std::ptr::eq(x, e)) {
                        used.insert((mi, k));
                    }
                    if let Some(p) = &e.published {
                        document.dct = Some(p.clone());
                    }
                    // The manifest's word first; the page's where it is silent.
                    meta = Meta {
                        source: e.source.clone().or(meta.source),
                        title: e.title.clone().or(meta.title),
                        url: e.url.clone().or(meta.url),
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
        let date = NaiveDate::parse_from_str(name, "%Y-%m-%d")
            .ok()
            .filter(|d| crate::article::document::in_range(*d))?;
        Some((date, format!("folder {name}")))
    })
}

/// An article as the build read it: the document with its final article
/// date (given, from its folder or `--dct`, or inferred) and zone, what the
/// manifest says of it, its dateline, sentences and page furniture, the
/// expressions the engine found and resolved against that date, and its
/// dated statements.
#[derive(Debug, Clone)]
pub struct Article {
    pub document: Document,
    pub meta: Meta,
    pub dateline: Option<Dateline>,
    pub reading: Reading,
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    /// Statements with no place on the calendar (`--include-undated`).
    pub undated: Vec<Event>,
    /// A page that is not an article, set aside: no statements are taken
    /// from it (unless furniture is kept; see [`BuildOptions::include_furniture`]).
    pub set_aside: bool,
}

/// One analysis of a story: every stage's result, computed once.
#[derive(Debug, Clone)]
pub struct Story {
    /// In input order; an event's `doc` indexes this.
    pub articles: Vec<Article>,
    /// The statements the rows are made of (site furniture left out).
    pub events: Vec<Event>,
    /// The timeline: every row, in order.
    pub timeline: Timeline,
    /// The happening of each row of `timeline.events`, by position: the
    /// statements (indices into `events`) it is made of. Empty for rows of
    /// statements with no place on the calendar.
    pub happenings: Vec<Vec<usize>>,
    /// The rows of one article's lead alone ([`Row::lead_alone`]), which
    /// the full timeline leaves out and `--top` may pick.
    leads: Vec<LeadRow>,
    /// [`Story::evidence`], made at its first use.
    evidence: std::sync::OnceLock<Evidence>,
    /// Each article's [`rank::word_counts`], when the articles' texts are
    /// not at hand (a story merged from `chronicler extract`'s statements).
    word_counts: Option<Vec<rank::WordCounts>>,
}

/// A row [`Row::lead_alone`]: where it stands among all the story's rows
/// (in time order), the row (id `l0001`, …: no place in the full
/// timeline's numbering) and its statements.
#[derive(Debug, Clone)]
struct LeadRow {
    at: usize,
    row: Row,
    happening: Vec<usize>,
}

impl Story {
    /// The full timeline with the rows of a lead alone whose ids are in
    /// `leads` (those a `--top` selection shows), in time order: what a
    /// review page that opens on that selection holds.
    pub fn timeline_with_leads(&self, leads: &HashSet<String>) -> Cow<'_, Timeline> {
        if !self.leads.iter().any(|l| leads.contains(&l.row.id)) {
            return Cow::Borrowed(&self.timeline);
        }
        Cow::Owned(Timeline {
            events: (self.in_order())
                .filter(|(r, _)| !r.lead_alone() || leads.contains(&r.id))
                .map(|(r, _)| r.clone())
                .collect(),
            ..self.timeline.clone()
        })
    }

    /// Every row in time order with its statements (the full timeline's rows
    /// and those of one article's lead alone): what `--top` chooses from.
    pub fn all_rows(&self) -> (Vec<Row>, Vec<Vec<usize>>) {
        self.in_order().map(|(r, h)| (r.clone(), h.clone())).unzip()
    }

    /// [`Story::all_rows`] without copying them.
    fn in_order(&self) -> impl Iterator<Item = (&Row, &Vec<usize>)> {
        let n = self.timeline.events.len() + self.leads.len();
        let mut full = self.timeline.events.iter().zip(&self.happenings);
        let mut leads = self.leads.iter().peekable();
        (0..n).map(move |at| match leads.next_if(|l| l.at == at) {
            Some(l) => (&l.row, &l.happening),
            None => full.next().expect("a row at each place"),
        })
    }

    /// The timeline of the `n` days best supported across articles, each with
    /// its best row ([`crate::story::select`]), in time order and numbered
    /// anew; statements with no place on the calendar follow, as in the full
    /// timeline. Articles count the statements of the rows kept.
    pub fn top(&self, n: usize) -> Timeline {
        self.top_renumbered(n).0
    }

    /// [`Story::top`], and what each kept row was called in the full
    /// timeline (full id → new id), so findings on the full timeline can be
    /// shown on the selection.
    pub fn top_renumbered(&self, n: usize) -> (Timeline, BTreeMap<String, String>) {
        self.select(&Selection {
            top: Some(n),
            ..Selection::default()
        })
    }

    /// The evidence of the whole collection for each day
    /// ([`crate::story::rank`]), made once.
    pub fn evidence(&self) -> &Evidence {
        self.evidence.get_or_init(|| self.make_evidence())
    }

    fn make_evidence(&self) -> Evidence {
        // A page set aside as not an article (programme listings, a message
        // board) is not an article that appeared that day.
        let published: Vec<Option<NaiveDate>> = self
            .articles
            .iter()
            .map(|a| {
                (!a.set_aside)
                    .then(|| a.document.dct.as_ref().map(|d| d.date))
                    .flatten()
            })
            .collect();
        let relevance = match &self.word_counts {
            Some(counts) => rank::relevance_of_counts(counts),
            None => {
                let texts: Vec<&str> = self
                    .articles
                    .iter()
                    .map(|a| a.document.text.as_str())
                    .collect();
                rank::relevance(&texts)
            }
        };
        Evidence::new(
            &published,
            &relevance,
            self.events.iter().filter_map(rank::Statement::of),
        )
    }

    /// The rows `sel` keeps ([`crate::story::select`]), in time order and
    /// numbered anew, rows of picked days saying why; statements with no
    /// place on the calendar follow, as in the full timeline. Also what each
    /// kept row was called in the full timeline (full id → new id).
    pub fn select(&self, sel: &Selection) -> (Timeline, BTreeMap<String, String>) {
        let none = Evidence::default();
        let evidence = if sel.top.is_some() {
            self.evidence()
        } else {
            &none
        };
        self.select_with(evidence, sel)
    }

    /// [`Story::select`] with evidence made before (by [`Story::evidence`]).
    pub fn select_with(
        &self,
        evidence: &Evidence,
        sel: &Selection,
    ) -> (Timeline, BTreeMap<String, String>) {
        let t = &self.timeline;
        // --top may pick a row of one article's lead alone as a day's news
        let all;
        let (from, happenings) = match sel.top.is_some() && !self.leads.is_empty() {
            true => {
                all = self.all_rows();
                (&all.0, &all.1)
            }
            false => (&t.events, &self.happenings),
        };
        let kept = select::select(
            &select::Story {
                rows: from,
                happenings,
                events: &self.events,
                evidence,
            },
            sel,
        );
        let mut rows: Vec<Row> = kept
            .into_iter()
            .filter(|(i, _)| !from[*i].date.is_empty())
            .map(|(i, why)| Row {
                why,
                ..from[i].clone()
            })
            .collect();
        sort_rows(&mut rows);
        rows.extend(t.events.iter().filter(|r| r.date.is_empty()).cloned());
        let old: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        number(&mut rows);
        let ids = old
            .into_iter()
            .zip(rows.iter().map(|r| r.id.clone()))
            .collect();
        let cited = cited_statements(&rows);
        let documents = t
            .documents
            .iter()
            .map(|d| DocumentInfo {
                statements: cited.get(d.id.as_str()).copied().unwrap_or(0),
                ..d.clone()
            })
            .collect();
        let timeline = Timeline {
            documents,
            events: rows,
            ..t.clone()
        };
        (timeline, ids)
    }

    /// The story of articles whose texts are not at hand, with each
    /// article's [`rank::word_counts`] (by position) for [`Story::evidence`].
    pub fn with_word_counts(self, counts: Vec<rank::WordCounts>) -> Story {
        Story {
            word_counts: Some(counts),
            ..self
        }
    }

    /// The articles' documents, by index.
    pub fn documents(&self) -> Vec<&Document> {
        self.articles.iter().map(|a| &a.document).collect()
    }
}

/// Time order: start, then interval, granularity; more sources first, then
/// headline and documents for a stable order.
pub(crate) fn row_order(a: &Row, b: &Row) -> std::cmp::Ordering {
    a.sort_key
        .cmp(&b.sort_key)
        .then_with(|| b.sources.cmp(&a.sources))
        .then_with(|| a.headline.cmp(&b.headline))
        .then_with(|| a.documents.cmp(&b.documents))
}

fn sort_rows(rows: &mut [Row]) {
    rows.sort_by(row_order);
}

/// Row ids `e0001`, … in order.
pub(crate) fn number(rows: &mut [Row]) {
    for (k, r) in rows.iter_mut().enumerate() {
        r.id = row_id(k);
    }
}

/// The id of the row at position `k` (from 0): `e0001`, …
pub(crate) fn row_id(k: usize) -> String {
    format!("e{:04}", k + 1)
}

/// How many of each document's statements the rows cite.
pub(crate) fn cited_statements(rows: &[Row]) -> HashMap<&str, usize> {
    let mut cited: HashMap<&str, usize> = HashMap::new();
    for r in rows {
        for c in &r.citations {
            *cited.entry(c.document.as_str()).or_default() += 1;
        }
    }
    cited
}

/// Analyses `inputs` once: article dates, datelines, tagging and
/// resolution, statements, happenings and rows.
pub fn analyse(inputs: Vec<Input>, opts: &BuildOptions, grammar: &Grammar) -> Story {
    let mut inputs = inputs;
    let mut notes = Vec::new();
    if let Some(about) = &opts.about {
        let all = inputs.len();
        inputs.retain(|i| about.in_text(&i.document.text));
        notes.push(format!(
            "--about {:?}: {} of {all} articles mention it; only their statements that do are kept",
            about.words,
            inputs.len()
        ));
    }
    opts.progress.set_total(inputs.len() as u64);
    opts.progress.set_stage(Stage::Tagging);
    let mut work = read_articles(inputs, opts, grammar);
    date_by_agreement(&mut work, opts, grammar);
    finish(work, notes, opts)
}

/// The per-article half of [`analyse`] (what `chronicler extract` runs):
/// each article's date when nothing but the others can give it, its
/// dateline, zone, mentions and statements. Articles left without a date
/// wait for [`date_by_agreement`].
pub fn read_articles(inputs: Vec<Input>, opts: &BuildOptions, grammar: &Grammar) -> Vec<Article> {
    let mut work: Vec<Article> = inputs
        .into_par_iter()
        .map(|input| prepare(input, opts, grammar))
        .collect();
    work.par_iter_mut()
        .enumerate()
        .filter(|(_, a)| a.document.dct.is_some())
        .for_each(|(i, a)| analyse_article(i, a, opts, grammar));
    work
}

/// An article's date when it needs no inference from the others, its
/// reading, dateline and zone.
pub fn prepare(input: Input, opts: &BuildOptions, grammar: &Grammar) -> Article {
    let Input { mut document, meta } = input;
    if document.dct.is_none()
        && opts.dates_from_folders
        && let Some((date, folder)) = document.path.as_deref().and_then(folder_date)
    {
        document.dct = Some(Dct::on(date, DctSource::Folder(folder)));
    }
    if document.dct.is_none() {
        document.dct.clone_from(&opts.dct);
    }
    let crawled = crawl_date(&document);
    if document.dct.is_none()
        && let Some((date, basis)) = infer::explicit_date_near_top(&document.text, grammar)
        && crawled.is_none_or(|c| date <= c)
    {
        document.dct = Some(Dct::on(date, DctSource::Inferred(basis)));
    }
    let reading = Reading::of(&document.text, &grammar.abbreviations);
    let dateline = dateline::find(&document.text, &reading.blocks, grammar);
    let set_aside = reading.not_article.is_some() && !opts.include_furniture;
    let mut a = Article {
        document,
        meta,
        dateline,
        reading,
        mentions: Vec::new(),
        events: Vec::new(),
        undated: Vec::new(),
        set_aside,
    };
    set_zone(&mut a, opts.zone);
    a
}

/// Tags and resolves the `i`th article against its date, and finds its statements.
fn analyse_article(i: usize, a: &mut Article, opts: &BuildOptions, grammar: &Grammar) {
    a.mentions = crate::engine::annotate_with(
        &a.document.text,
        a.document.dct.as_ref(),
        grammar,
        opts.reference,
    );
    let extract = |undated: bool| {
        let how = events::Extract {
            undated,
            include_furniture: opts.include_furniture,
        };
        let mut found = events::extract_with(
            i,
            &a.document,
            &a.mentions,
            a.dateline.as_ref(),
            &a.reading,
            how,
        );
        if let Some(page) = &a.reading.not_article {
            // Kept only for auditing: every statement of the page is furniture.
            for e in &mut found {
                e.furniture = Some(format!("not an article: {}", page.kind));
            }
        }
        found
    };
    if !a.set_aside {
        a.events = extract(false);
        if opts.include_undated {
            a.undated = extract(true);
        }
    }
    opts.progress.add(1, a.document.text.len() as u64);
}

/// Articles still without a date: agreement with the others' statements
/// ([`infer::by_agreement`]), then tagged against the date found. A
/// story-wide step: it reads every article's statements.
pub fn date_by_agreement(work: &mut [Article], opts: &BuildOptions, grammar: &Grammar) {
    let undated: Vec<usize> = (0..work.len())
        .filter(|&i| work[i].document.dct.is_none())
        .collect();
    if !undated.is_empty() {
        let known_events: Vec<Event> = work.iter().flat_map(|a| a.events.clone()).collect();
        let ids: Vec<String> = work.iter().map(|a| a.document.id.clone()).collect();
        let dates: Vec<NaiveDate> = work
            .iter()
            .filter_map(|a| a.document.dct.as_ref().map(|d| d.date))
            .collect();
        let inferred: Vec<(usize, Option<(NaiveDate, String)>)> = {
            let known = Known::new(&known_events, &ids);
            let candidates = Known::candidates(&dates);
            undated
                .par_iter()
                .map(|&i| {
                    let a = &work[i];
                    // Not after the page was crawled.
                    let crawled = crawl_date(&a.document);
                    let mine: Vec<NaiveDate> = candidates
                        .iter()
                        .copied()
                        .filter(|d| crawled.is_none_or(|c| *d <= c))
                        .collect();
                    let found = if mine.is_empty() {
                        None
                    } else {
                        infer::by_agreement(
                            &a.document,
                            &mine,
                            &known,
                            a.dateline.as_ref(),
                            grammar,
                        )
                    };
                    (i, found)
                })
                .collect()
        };
        for (i, found) in inferred {
            let dct = match found {
                Some((date, basis)) => Some(Dct::on(date, DctSource::Inferred(basis))),
                // Nothing else dates it: the day the page was crawled.
                None => crawl_date(&work[i].document).map(|day| {
                    let basis = format!(
                        "the day the page was crawled (WARC-Date {}); it was published then or before",
                        work[i].document.page.as_ref().and_then(|p| p.crawled.clone()).unwrap_or_default()
                    );
                    Dct::on(day, DctSource::Inferred(basis))
                }),
            };
            if dct.is_some() {
                work[i].document.dct = dct;
                set_zone(&mut work[i], opts.zone);
            }
        }
        // A mask, not `undated.contains` for each article (quadratic).
        let mut was_undated = vec![false; work.len()];
        for &i in &undated {
            was_undated[i] = true;
        }
        let mut rest: Vec<(usize, &mut Article)> = work
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| was_undated[*i])
            .collect();
        rest.par_iter_mut()
            .for_each(|(i, a)| analyse_article(*i, a, opts, grammar));
    }
}

/// The story-wide half of [`analyse`] (what `chronicler merge` runs): the
/// statements of all articles (each event's `doc` indexing `work`) merged
/// into happenings and rows.
pub fn finish(work: Vec<Article>, notes: Vec<String>, opts: &BuildOptions) -> Story {
    let keys = widget_keys(&work);
    finish_with(work, &keys, notes, opts, Statements::Copied)
        .expect("rows of statements at hand cannot fail")
}

/// [`finish`] for a story whose articles need not keep their statements
/// (`chronicler merge`: no `check`, no review page): they move to
/// [`Story::events`] instead of being copied there, which halves the memory
/// statements take.
/// The articles' texts need not be at hand: `keys` are each article's
/// [`WidgetKeys`], made when it was read.
pub fn finish_moving(
    work: Vec<Article>,
    keys: &[WidgetKeys],
    notes: Vec<String>,
    opts: &BuildOptions,
) -> Story {
    finish_with(work, keys, notes, opts, Statements::Moved)
        .expect("rows of statements at hand cannot fail")
}

/// Puts back the words of statements read without them: calls its
/// argument with each dated statement's article (position), its position
/// among the article's dated statements, and its words.
pub type ReadTexts<'a> =
    &'a mut dyn FnMut(&mut dyn FnMut(usize, usize, Texts)) -> Result<(), Error>;

/// [`finish_moving`] for statements read without the words only rows quote
/// ([`crate::story::statements::Collected::slim`]): merging and linking run
/// on them, then `read_texts` reads the statements again and each row is
/// made as soon as the words of all its statements are back, which are then
/// dropped again. With statements in the order of their days, only the
/// happenings still open hold their words. Unless `select` (the story's
/// rows will be selected: [`Story::select`]), a statement's terms go too
/// once its row is made, so [`Story::events`] end up without them. Also the
/// most statements that held their words at once. Fails when a statement's
/// words never come back (the input changed between readings).
pub fn finish_slim(
    work: Vec<Article>,
    keys: &[WidgetKeys],
    notes: Vec<String>,
    opts: &BuildOptions,
    read_texts: ReadTexts,
    select: bool,
) -> Result<(Story, usize), Error> {
    let mut most = 0;
    let story = finish_with(
        work,
        keys,
        notes,
        opts,
        Statements::Slim(Reread {
            read_texts,
            most: &mut most,
            select,
        }),
    )?;
    Ok((story, most))
}

/// The words of a statement that
/// [`crate::story::statements::Collected::slim`] leaves out, to put back
/// before its row is made.
#[derive(Debug)]
pub struct Texts {
    pub sentence: String,
    pub headline: String,
    pub mention: Mention,
    pub also: Vec<Mention>,
    pub durations: Vec<Mention>,
}

impl Texts {
    /// Puts the words back into `e` (which [`crate::story::statements::Collected::slim`] thinned).
    pub fn fill(self, e: &mut Event) {
        e.sentence.text = self.sentence;
        e.headline = self.headline;
        e.mention = self.mention;
        e.also = self.also;
        e.durations = self.durations;
    }

    /// Takes the words out of `e` again once its row is made.
    pub fn thin(e: &mut Event) {
        e.sentence.text = String::new();
        e.headline = String::new();
        e.mention.text = String::new();
        e.mention.parse = String::new();
        e.mention.rule = String::new();
        e.mention.assumptions = Vec::new();
        e.also = Vec::new();
        e.durations = Vec::new();
    }
}

/// How [`finish_with`] has the articles' statements.
enum Statements<'a> {
    /// Copied to [`Story::events`], articles keep theirs.
    Copied,
    /// Moved to [`Story::events`].
    Moved,
    /// Moved, without the words rows quote: read again for each row.
    Slim(Reread<'a>),
}

/// How the statements' words come back for their rows ([`finish_slim`]).
struct Reread<'a> {
    read_texts: ReadTexts<'a>,
    /// Set to the most statements that held their words at once.
    most: &'a mut usize,
    /// Keep the statements' terms (for [`Story::select`]).
    select: bool,
}

/// The rows of `groups` (in their order), each made once the words of all
/// its statements are back, and those words dropped again after.
fn slim_rows(
    events: &mut [Event],
    groups: &[Vec<usize>],
    docs: &[&Document],
    position: &[usize],
    kept: &[u32],
    reread: Reread,
) -> Result<Vec<Row>, Error> {
    const NONE: u32 = u32::MAX;
    let mut group_of = vec![NONE; events.len()];
    let mut open: Vec<usize> = groups.iter().map(Vec::len).collect();
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            group_of[i] = g as u32;
        }
    }
    let mut made: Vec<Option<Row>> = (0..groups.len()).map(|_| None).collect();
    let (mut filled, mut most) = (0usize, 0usize);
    let mut seen = vec![false; events.len()];
    let Reread {
        read_texts,
        most: most_filled,
        select,
    } = reread;
    read_texts(&mut |doc, n, texts| {
        // the statement's place among all, if the article has an n-th
        let Some(&start) = position.get(doc) else {
            return;
        };
        let end = position.get(doc + 1).copied().unwrap_or(kept.len());
        let Some(&k) = kept.get(start + n).filter(|_| start + n < end) else {
            return;
        };
        let i = k as usize;
        if k == NONE || seen[i] || group_of[i] == NONE {
            return;
        }
        seen[i] = true;
        texts.fill(&mut events[i]);
        filled += 1;
        most = most.max(filled);
        let g = group_of[i] as usize;
        open[g] -= 1;
        if open[g] == 0 {
            made[g] = Some(make_row(&*events, &groups[g], docs));
            for &j in &groups[g] {
                Texts::thin(&mut events[j]);
                if !select {
                    events[j].terms = Vec::new();
                    events[j].named = Vec::new();
                }
            }
            filled -= groups[g].len();
        }
    })?;
    *most_filled = most;
    made.into_iter()
        .map(|r| {
            r.ok_or_else(|| {
                Error::Usage(
                    "expected every statement again when reading the input a second time, \
                     found some missing: did the input change while merge ran?"
                        .into(),
                )
            })
        })
        .collect()
}

fn finish_with(
    mut work: Vec<Article>,
    keys: &[WidgetKeys],
    notes: Vec<String>,
    opts: &BuildOptions,
    statements: Statements,
) -> Result<Story, Error> {
    opts.progress.set_stage(Stage::Merging);
    mark_widgets(&mut work, keys, opts.include_furniture);
    // Where each article's statements start among all, and where each of
    // those is among the statements kept (u32::MAX: left out).
    let mut position = Vec::with_capacity(work.len());
    let mut total = 0;
    for a in &work {
        position.push(total);
        total += a.events.len();
    }
    let mut events: Vec<Event> = if matches!(statements, Statements::Copied) {
        work.iter().flat_map(|a| a.events.iter().cloned()).collect()
    } else {
        work.iter_mut()
            .flat_map(|a| std::mem::take(&mut a.events))
            .collect()
    };
    let mut kept: Vec<u32> = Vec::new();
    if let Statements::Slim(..) = statements {
        let mut next = 0u32;
        kept = events
            .iter()
            .map(|e| {
                // as the retain below (merge has no --about)
                if opts.include_furniture || e.furniture.is_none() {
                    next += 1;
                    next - 1
                } else {
                    u32::MAX
                }
            })
            .collect();
    }
    if !opts.include_furniture {
        events.retain(|e| e.furniture.is_none());
    }
    if let Some(about) = &opts.about {
        events.retain(|e| about.in_text(&e.sentence.text));
    }
    let (vocab, vectors) = merge::vectors(&events);
    let groups = merge::merge_using(&events, &vocab, &vectors);
    let groups = happen::happenings(&events, groups, &vocab, &vectors);
    drop((vocab, vectors));
    let docs: Vec<&Document> = work.iter().map(|a| &a.document).collect();
    let made: Vec<Row> = match statements {
        Statements::Slim(reread) => {
            slim_rows(&mut events, &groups, &docs, &position, &kept, reread)?
        }
        _ => groups.iter().map(|g| make_row(&events, g, &docs)).collect(),
    };
    let mut order: Vec<usize> = (0..made.len()).collect();
    order.sort_by(|&a, &b| row_order(&made[a], &made[b]));
    let mut slots: Vec<Option<Row>> = made.into_iter().map(Some).collect();
    let mut groups: Vec<Option<Vec<usize>>> = groups.into_iter().map(Some).collect();
    let mut rows: Vec<Row> = Vec::with_capacity(order.len());
    let mut happenings: Vec<Vec<usize>> = Vec::with_capacity(order.len());
    // rows of one article's lead alone stand aside: --top may pick them
    let mut leads: Vec<LeadRow> = Vec::new();
    for (at, k) in order.into_iter().enumerate() {
        let (Some(row), Some(happening)) = (slots[k].take(), groups[k].take()) else {
            continue;
        };
        if row.lead_alone() {
            let row = Row {
                id: format!("l{:04}", leads.len() + 1),
                ..row
            };
            leads.push(LeadRow { at, row, happening });
        } else {
            rows.push(row);
            happenings.push(happening);
        }
    }
    if opts.include_undated {
        let undated_events: Vec<Event> = work
            .iter()
            .flat_map(|a| a.undated.iter().cloned())
            .collect();
        for (k, _) in undated_events.iter().enumerate() {
            rows.push(make_row(&undated_events, &[k], &docs));
            happenings.push(Vec::new());
        }
    }
    number(&mut rows);

    let cited = cited_statements(&rows);
    let documents = work
        .iter()
        .map(|a| document_info(a, cited.get(a.document.id.as_str()).copied().unwrap_or(0)))
        .collect();
    let mut warnings = notes;
    for a in &work {
        if a.document.dct.is_none() {
            warnings.push(format!(
                "{}: expected an article date (manifest, metadata, --dct or a full date near the top), found none; only its explicit dates are used",
                a.document.id
            ));
        }
    }
    let timeline = Timeline {
        intervals: INTERVALS,
        summary: crate::summary::Summary {
            read: work.len(),
            ..Default::default()
        },
        documents,
        events: rows,
        warnings,
        failed: 0,
    };
    Ok(Story {
        articles: work,
        events,
        timeline,
        happenings,
        leads,
        evidence: std::sync::OnceLock::new(),
        word_counts: None,
    })
}

/// Each sentence of an article's text (byte offset) with a hash of its
/// words ([`widgets::hashed`]): what finding site widgets needs of it.
pub type WidgetKeys = Vec<(usize, u64)>;

/// Each article's [`WidgetKeys`].
pub fn widget_keys(work: &[Article]) -> Vec<WidgetKeys> {
    work.par_iter()
        .map(|a| widgets::hashed(&a.document.text, &a.reading))
        .collect()
}

/// Marks the statements that are site widgets ([`widgets::find`]): a
/// sentence many articles carry alone among text that differs. Syndicated
/// copy — the same wire story from several outlets — is not touched: it is
/// one statement cited by every outlet that ran it.
fn mark_widgets(work: &mut [Article], keys: &[WidgetKeys], keep: bool) {
    let found = widgets::find_keyed(keys);
    for (a, ws) in work.iter_mut().zip(found) {
        if ws.is_empty() {
            continue;
        }
        let starts: HashMap<usize, String> = ws
            .into_iter()
            .map(|w| (w.sentence, format!("site widget ({})", w.evidence)))
            .collect();
        for e in a.events.iter_mut().chain(a.undated.iter_mut()) {
            if let Some(why) = starts.get(&e.sentence.byte_start) {
                e.furniture.get_or_insert_with(|| why.clone());
            }
        }
        if !keep {
            a.undated.retain(|e| e.furniture.is_none());
        }
    }
}

/// The day a page of a WARC file was crawled, if it came from one.
fn crawl_date(d: &Document) -> Option<NaiveDate> {
    d.page.as_ref()?.crawl_time().map(|c| c.date)
}

/// The zone of an article: the manifest's, the date's own, the dateline's, `--tz`.
fn set_zone(w: &mut Article, fallback: Option<Zone>) {
    let from_dateline = w
        .dateline
        .as_ref()
        .and_then(|d| d.zone.parse::<chrono_tz::Tz>().ok())
        .map(Zone::Iana);
    if let Some(dct) = &mut w.document.dct {
        // A page stamps its publication time in UTC more often than in the
        // newsroom's zone: the same instant, read where the article was
        // written, gives the day its "today" means.
        let local = w.meta.zone.or(from_dateline).or(fallback);
        if let (DctSource::Page(_), Some(Zone::Offset(off)), Some(time), Some(to)) =
            (&dct.source, dct.zone, dct.time, local)
            && off.local_minus_utc() == 0
            && let Some(utc) = dct.date.and_time(time).and_local_timezone(off).single()
        {
            let moved = match to {
                Zone::Iana(tz) => utc.with_timezone(&tz).naive_local(),
                Zone::Offset(o) => utc.with_timezone(&o).naive_local(),
            };
            dct.date = moved.date();
            dct.time = Some(moved.time());
            dct.zone = Some(to);
            return;
        }
        let zone = w.meta.zone.or(dct.zone).or(from_dateline).or(fallback);
        dct.zone = zone;
    }
}

pub(crate) fn document_info(w: &Article, statements: usize) -> DocumentInfo {
    let dct = w.document.dct.as_ref();
    let page = w.document.page.as_deref();
    DocumentInfo {
        id: w.document.id.clone(),
        dct: dct.map(dct_string),
        dct_source: dct.map_or("none", |d| source_name(&d.source)).to_string(),
        dct_basis: dct.and_then(|d| dct_basis(&d.source)),
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
        byline: page
            .filter(|p| !p.authors.is_empty())
            .map(|p| p.authors.join(", ")),
        modified: page
            .and_then(|p| p.modified.first())
            .map(|(field, value)| format!("{value} ({field})")),
        lang: page.and_then(|p| p.lang.clone()),
        not_article: w
            .reading
            .not_article
            .as_ref()
            .map(|p| format!("{}: {}", p.kind, p.evidence)),
        statements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_dates() {
        let (d, basis) =
            folder_date(Path::new("corpus/InputDocs/2010-05-24/1036.htm.txt")).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2010, 5, 24).unwrap());
        assert_eq!(basis, "folder 2010-05-24");
        assert!(folder_date(Path::new("seeds/001.txt")).is_none());
    }
}
