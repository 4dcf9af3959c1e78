//! `chronicler merge` over a window of days: the statements of extract's
//! stream are sorted on disk by day, merged a stretch of days at a time and
//! linked into happenings within components that are local in time, so that
//! merge's memory follows the biggest stretch of days, not the archive. The
//! timeline is the one [`crate::story::build::finish`] makes of the same
//! statements, byte for byte; when that cannot be shown (see below), the
//! caller falls back to the whole-story merge.
//!
//! Passes:
//! 1. the input is read once: article records go to disk
//!    ([`crate::story::spill`]: merge holds each article's number, id and
//!    date; site widgets are found from the records on disk), statement
//!    lines are written to sorted runs in a temporary folder ([`RUN_BYTES`]
//!    of lines at a time, sorted by key, article number and position), and
//!    counted per article;
//! 2. the runs are read for the terms of the statements kept (site widgets
//!    known by then): document frequencies and the order in which terms first
//!    appear in `build`'s order of statements give the [`Vocabulary`] that
//!    `build` makes;
//! 3. the runs are merged (k-way) in the order of days. Statements are cut
//!    into **chunks** at each day that no statement of a stretch of at most
//!    [`MAX_CONTAINING_DAYS`] days straddles ("this week" from Wednesday to
//!    Tuesday keeps its days in one chunk); each chunk is merged as `build`
//!    merges it ([`merge::merge_using`]: its day clusters and its coarse
//!    statements only ever look inside their stretch). The clusters
//!    (**units**) of the chunks join a pool, where units that could link
//!    ([`happen`]: a pair of their statements from different articles at
//!    [`LINK_THRESHOLD`] or more, or a shared name, within [`REACH_DAYS`]
//!    days, or the same stretch) are joined into **components**. A component
//!    no later unit can reach is linked on its own, biggest unit first as
//!    `build` does, its rows made, and its statements dropped. Statements
//!    with no place on the calendar (`--include-undated`) sort last: a row
//!    each, after the others;
//! 4. with `--top` or `--per-date`, the rows (sorted on disk, each with the
//!    sum of its statements' vectors) are read once more and a day's rows
//!    chosen as [`select::select`] chooses them: the rows of a day are next
//!    to each other. `--top` ranks the days by the evidence gathered while
//!    the statements went by ([`rank::Evidence`]: a few numbers per article
//!    and day) and the articles' relevance (from their records on disk).
//!
//! Why linking per component gives `build`'s happenings: `build` visits the
//! units of the whole story biggest first, each joining the best-linked
//! happening whose day is within a day of its own (or inside its stretch).
//! A unit that joins a happening shares a linking pair with some unit of it;
//! that unit's day is at most the happening's width (in days between its
//! statements' days) from the happening's day. So as long as no happening is
//! wider than `REACH_DAYS - 1` days, every happening a unit could join lies
//! in its component, and the order of the units within a component is
//! `build`'s order. The width is checked after linking; a wider happening
//! (never seen on timeline17-dev, replicated or not) makes [`merge`] give
//! up, and the caller merges the whole story instead.

use crate::article::document::Document;
use crate::engine::tag::Grammar;
use crate::engine::timex::Granularity;
use crate::error::Error;
use crate::story::build::{self, BuildOptions};
use crate::story::events::Event;
use crate::story::happen::{self, LINK_SAMPLE, LINK_THRESHOLD, Linker, MAX_STRETCH_DAYS};
use crate::story::merge::{self, MAX_CONTAINING_DAYS, Vector, Vocabulary};
use crate::story::rank::{self, Evidence};
use crate::story::rows::make_row;
use crate::story::select::{self, Selection};
use crate::story::spill::Spill;
use crate::story::statements::{self, Record, StatementRecord, UNDATED_KEY};
use crate::story::timeline::{INTERVALS, Row, Timeline, Why};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use serde::Deserialize;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

/// How many days apart two units may be and still be compared when
/// components are made: a happening may then be up to `REACH_DAYS - 1`
/// days wide (units of three days in a row).
pub const REACH_DAYS: i64 = 3;
/// Bytes of statement lines sorted in memory before they are written as a run.
pub const RUN_BYTES: usize = 16 << 20;

/// What a windowed merge held and did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// The most statements held at once (the chunk being merged and the
    /// units of components still open).
    pub most_held: usize,
    /// Chunks merged.
    pub chunks: usize,
    /// Sorted runs written.
    pub runs: usize,
    /// The widest happening, in days between its statements' days.
    pub widest: i64,
    /// The most statements of one chunk.
    pub largest_chunk: usize,
    /// The most statements of one component.
    pub largest_component: usize,
    /// Rows written.
    pub rows: usize,
}

/// The timeline of `inputs` (`(name for errors, file)`: extract's JSON
/// lines) as [`build::finish`] makes it (and as `build` selects its rows
/// with `opts.top` and `opts.per_date`), merged a window of days at a time,
/// and what was held. `Ok(Err(why))` when the whole story must be merged
/// instead: no article records, an article only the others' statements can
/// date (agreement reads every statement), or a happening wider than
/// [`REACH_DAYS`] allows. The temporary runs go to `tmp`.
pub fn merge(
    inputs: &[(String, PathBuf)],
    opts: &BuildOptions,
    grammar: &Grammar,
    tmp: &Path,
) -> Result<Result<(Timeline, SpooledRows, Stats), String>, Error> {
    let mut stats = Stats::default();
    let runs = Runs::create(tmp)?;
    let mut sorter = Sorter {
        runs,
        buf: Vec::new(),
        bytes: 0,
    };
    let selection = Selection {
        top: opts.top,
        per_date: opts.per_date,
        ..Selection::default()
    };
    let selecting = opts.top.is_some() || opts.per_date.is_some();
    // 1. article records to disk, statements to sorted runs
    let mut spill = Spill::create(&sorter.runs.dir, opts.top.is_some())?;
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let mut seen_undated: HashMap<u64, usize> = HashMap::new();
    for (source, (name, path)) in inputs.iter().enumerate() {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        for (k, line) in io::BufReader::with_capacity(1 << 16, f).lines().enumerate() {
            let line = line.map_err(|e| Error::io(path, e))?;
            let s = match statements::parse_line(name, k + 1, &line)? {
                None => continue,
                Some(Record::Article(a)) => {
                    spill.add(*a, source, k + 1)?;
                    continue;
                }
                Some(Record::Statement(s)) => s,
            };
            if s.key == UNDATED_KEY {
                if opts.include_undated {
                    *seen_undated.entry(s.article).or_default() += 1;
                    sorter.push(UNDATED_KEY, s.article, s.n, &line)?;
                }
                continue;
            }
            if start_of_key(&s.key).is_none() {
                return Err(Error::Usage(format!(
                    "{name}: line {}: expected a statement's day (YYYY-MM-DD) or stretch \
                     (YYYY-MM-DD/YYYY-MM-DD) as its key, found {:?}",
                    k + 1,
                    s.key
                )));
            }
            *seen.entry(s.article).or_default() += 1;
            sorter.push(&s.key, s.article, s.n, &line)?;
        }
    }
    let runs = sorter.finish()?;
    memory_note("read");
    stats.runs = runs.files.len();
    let names: Vec<String> = inputs.iter().map(|(n, _)| n.clone()).collect();
    let articles = spill.finish(&names)?;
    articles.check_counts(&seen, opts.include_undated.then_some(&seen_undated))?;
    drop((seen, seen_undated));
    if articles.is_empty() {
        return Ok(Err("no article records".into()));
    }
    if let Some(id) = articles.undated() {
        return Ok(Err(format!(
            "the article {id:?} can only be dated by the others' statements"
        )));
    }
    let found = articles.widgets()?;
    let has_widgets: std::collections::HashSet<usize> = found.keys().map(|&(doc, _)| doc).collect();
    let n_articles = articles.len();
    let widget = |doc: usize, start: usize| -> Option<String> {
        found.get(&(doc, start)).map(|carriers| {
            format!(
                "site widget (found word for word in {carriers} of {n_articles} articles, \
                 with nothing around it shared)"
            )
        })
    };
    memory_note("widgets");
    // ranking days (--top) weighs each article by its relevance
    let (relevance, published) = match opts.top {
        Some(_) => {
            let mut published = Vec::with_capacity(articles.len());
            articles.each_record(&mut |_, a| {
                published.push((!a.set_aside).then(|| a.dct.map(|d| d.date)).flatten());
                Ok(())
            })?;
            let relevance = rank::relevance_of_each(articles.len(), &mut |f| {
                articles.each_record(&mut |_, a| {
                    f(&a.words);
                    Ok(())
                })
            })?;
            (relevance, published)
        }
        None => (Vec::new(), Vec::new()),
    };
    let mut stated: Vec<rank::Statement> = Vec::new();
    let doc_of = |number: u64| articles.position(number);
    let furniture = |doc: usize, start: usize, own: &Option<String>| -> Option<String> {
        own.clone().or_else(|| widget(doc, start))
    };

    // 2. the vocabulary
    let vocab = vocabulary(&runs, &|s: &TermsOnly| {
        let doc = doc_of(s.article)?;
        let kept =
            opts.include_furniture || furniture(doc, s.sentence.byte_start, &s.furniture).is_none();
        kept.then_some(doc)
    })?;

    memory_note("vocabulary");
    // 3. chunks and components, in the order of days
    let docs: Vec<&Document> = articles.docs.iter().collect();
    let mut window = Window {
        vocab: &vocab,
        docs: &docs,
        current: None,
        today: Vec::new(),
        store: Vec::new(),
        vectors: Vec::new(),
        keys: Vec::new(),
        days: BTreeMap::new(),
        waiting: Vec::new(),
        pool: Pool::default(),
        rows: RowSorter {
            files: Vec::new(),
            buf: Vec::new(),
            bytes: 0,
        },
        cited: vec![0; docs.len()],
        relevance: &relevance,
        selecting,
        row_days: BTreeSet::new(),
        runs: &runs,
        stats: &mut stats,
    };
    let mut wide = false;
    // statements with no place on the calendar (sorted last): a row each, in
    // the order of articles and statements, after the dated rows
    let mut undated = UndatedRows::new(&runs)?;
    for line in runs.merged()? {
        let line = line?;
        let s: StatementRecord = serde_json::from_str(payload(&line)).map_err(|e| {
            Error::Usage(format!(
                "expected a statement record of chronicler extract in the sorted statements, found {e}"
            ))
        })?;
        let Some(doc) = doc_of(s.article) else {
            continue;
        };
        let n = s.n;
        if s.key == UNDATED_KEY {
            if undated.last.is_none() && !window.step(None)? {
                wide = true;
                break;
            }
            if undated.last == Some((doc, n)) {
                return Err(Error::Usage(format!(
                    "expected each statement once, found statement {n} of article number {} twice",
                    s.article
                )));
            }
            undated.last = Some((doc, n));
            let mut e = statements::event(doc, s);
            e.furniture = furniture(doc, e.sentence.byte_start, &e.furniture);
            // as build drops them: only in an article with a site widget
            if e.furniture.is_some() && !opts.include_furniture && has_widgets.contains(&doc) {
                continue;
            }
            let row = make_row(std::slice::from_ref(&e), &[0], &docs);
            window.cited[doc] += row.citations.len();
            let j = undated.seen;
            undated.seen += 1;
            if selecting && !row.date.is_empty() {
                // `select` sorts such a row (it has a date, if no place on
                // the calendar) among the dated rows it keeps, after those
                // of the same order, and may keep it as one of its day's
                if row.granularity >= Granularity::Day {
                    window.row_days.insert(row.sort_key.0.date());
                }
                window
                    .rows
                    .push(row, (usize::MAX, j), Vec::new(), 0.0, &runs)?;
            } else {
                undated.push(row)?;
            }
            continue;
        }
        let mut e = statements::event(doc, s);
        e.furniture = furniture(doc, e.sentence.byte_start, &e.furniture);
        if e.furniture.is_some() && !opts.include_furniture {
            continue;
        }
        if opts.top.is_some()
            && let Some(statement) = rank::Statement::of(&e)
        {
            stated.push(statement);
            if stated.len() >= stated.capacity() {
                stated.sort_unstable();
                stated.dedup();
                stated.reserve(stated.len());
            }
        }
        if !window.add(n, e)? {
            wide = true;
            break;
        }
    }
    if wide || (undated.last.is_none() && !window.step(None)?) {
        return Ok(Err(format!(
            "a happening is {} days wide, more than the window allows",
            window.stats.widest
        )));
    }
    memory_note("linked");
    let Window {
        rows,
        cited,
        row_days,
        ..
    } = window;
    let (mut rows, mut n) = rows.finish(&runs)?;
    n += undated.append_to(&rows, n)?;
    drop(docs);
    let documents = if selecting {
        let picked = match opts.top {
            Some(top) => {
                let evidence = Evidence::new(&published, &relevance, stated);
                let ranked = evidence.rank(&selection.weights, selection.span, |d| {
                    row_days.contains(&d)
                });
                let picked: HashMap<NaiveDate, Why> = (ranked.iter().enumerate().take(top))
                    .map(|(i, r)| (r.day, evidence.why(&ranked, i)))
                    .collect();
                Some(picked)
            }
            None => None,
        };
        let (selected, kept, cited) = select_rows(&rows, &selection, picked.as_ref(), &runs)?;
        let _ = std::fs::remove_file(&rows);
        (rows, n) = (selected, kept);
        articles.documents(grammar, &|_, id| cited.get(id).copied().unwrap_or(0))?
    } else {
        let cited = articles.cited_by_id(&cited);
        articles.documents(grammar, &|k, _| cited[k])?
    };
    stats.rows = n;
    articles.remove();
    let timeline = Timeline {
        intervals: INTERVALS,
        summary: crate::summary::Summary {
            read: documents.len(),
            ..Default::default()
        },
        documents,
        events: Vec::new(),
        warnings: Vec::new(),
        failed: 0,
    };
    Ok(Ok((
        timeline,
        SpooledRows {
            path: rows,
            _runs: runs,
        },
        stats,
    )))
}

/// With `CHRONICLER_WINDOW_DEBUG` set, the peak and present memory (from
/// `/proc/self/status`) after a stage, on standard error.
pub fn memory_note(stage: &str) {
    if std::env::var_os("CHRONICLER_WINDOW_DEBUG").is_none() {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_default()
    };
    eprintln!(
        "chronicler: after {stage}: peak {}, now {}",
        field("VmHWM:"),
        field("VmRSS:")
    );
}

/// The first day of a statement's key (`YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`).
fn start_of_key(key: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(key.get(..10)?, "%Y-%m-%d").ok()
}

/// The first day a statement's stretch does not touch (the days a coarse
/// statement may join are those whose midnight is before its end).
fn touch_end(e: &Event) -> NaiveDate {
    let end = e.span.end;
    if end.time() == chrono::NaiveTime::MIN {
        end.date()
    } else {
        end.date() + Duration::days(1)
    }
}

/// A coarse statement that may join a day inside its stretch.
fn joins_days(e: &Event) -> bool {
    e.day().is_none() && (e.span.end - e.span.start).num_days() <= MAX_CONTAINING_DAYS
}

// ---- sorted runs on disk -------------------------------------------------

/// The folder of sorted runs, removed when dropped.
struct Runs {
    dir: PathBuf,
    files: Vec<PathBuf>,
}

impl Runs {
    fn create(tmp: &Path) -> Result<Runs, Error> {
        for attempt in 0u32..1000 {
            let dir = tmp.join(format!(
                ".chronicler-merge.{}.{attempt}.runs",
                std::process::id()
            ));
            match std::fs::create_dir(&dir) {
                Ok(()) => {
                    return Ok(Runs {
                        dir,
                        files: Vec::new(),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(&dir, e)),
            }
        }
        Err(Error::Usage(format!(
            "expected to create a temporary folder in {}, found every name taken",
            tmp.display()
        )))
    }

    /// Every line of every run, in no particular order.
    fn each_line(&self, each: &mut dyn FnMut(&str) -> Result<(), Error>) -> Result<(), Error> {
        for path in &self.files {
            let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            for line in io::BufReader::with_capacity(1 << 16, f).lines() {
                each(&line.map_err(|e| Error::io(path, e))?)?;
            }
        }
        Ok(())
    }

    /// The lines of all runs merged in order.
    fn merged(&self) -> Result<Merging, Error> {
        let mut readers = Vec::with_capacity(self.files.len());
        let mut heap = BinaryHeap::new();
        for (k, path) in self.files.iter().enumerate() {
            let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            let mut r = io::BufReader::with_capacity(1 << 16, f).lines();
            if let Some(line) = r.next() {
                heap.push(Reverse((line.map_err(|e| Error::io(path, e))?, k)));
            }
            readers.push((path.clone(), r));
        }
        Ok(Merging { readers, heap })
    }
}

impl Runs {
    /// A new file in the folder.
    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Runs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

type Lines = io::Lines<io::BufReader<std::fs::File>>;

/// A k-way merge of sorted runs.
struct Merging {
    readers: Vec<(PathBuf, Lines)>,
    heap: BinaryHeap<Reverse<(String, usize)>>,
}

impl Iterator for Merging {
    type Item = Result<String, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        let Reverse((line, k)) = self.heap.pop()?;
        let (path, r) = &mut self.readers[k];
        match r.next() {
            Some(Ok(next)) => self.heap.push(Reverse((next, k))),
            Some(Err(e)) => return Some(Err(Error::io(path.clone(), e))),
            None => {}
        }
        Some(Ok(line))
    }
}

/// Statement lines sorted in memory up to [`RUN_BYTES`], then written as a
/// run. Each line is prefixed with its sort key: `KEY \t ARTICLE \t N \t`,
/// numbers zero-padded, so that byte order is the order of days (a tab
/// sorts before the `/` of a stretch), then of articles and positions.
struct Sorter {
    runs: Runs,
    buf: Vec<String>,
    bytes: usize,
}

/// A sorted line without its sort key.
fn payload(line: &str) -> &str {
    line.splitn(4, '\t').nth(3).unwrap_or("")
}

impl Sorter {
    fn push(&mut self, key: &str, article: u64, n: usize, line: &str) -> Result<(), Error> {
        let l = format!("{key}\t{article:020}\t{n:010}\t{line}");
        self.bytes += l.len();
        self.buf.push(l);
        if self.bytes >= RUN_BYTES {
            self.write_run()?;
        }
        Ok(())
    }

    fn write_run(&mut self) -> Result<(), Error> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.buf.par_sort_unstable();
        let path = self
            .runs
            .dir
            .join(format!("run{:05}", self.runs.files.len()));
        let f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        for l in self.buf.drain(..) {
            w.write_all(l.as_bytes())
                .and_then(|()| w.write_all(b"\n"))
                .map_err(|e| Error::io(&path, e))?;
        }
        w.flush().map_err(|e| Error::io(&path, e))?;
        self.buf = Vec::new();
        self.bytes = 0;
        self.runs.files.push(path);
        Ok(())
    }

    fn finish(mut self) -> Result<Runs, Error> {
        self.write_run()?;
        Ok(self.runs)
    }
}

// ---- the vocabulary --------------------------------------------------------

#[derive(Deserialize)]
struct SentenceStart {
    byte_start: usize,
}

/// What the vocabulary reads of a statement record.
#[derive(Deserialize)]
struct TermsOnly {
    article: u64,
    n: usize,
    sentence: SentenceStart,
    #[serde(default)]
    furniture: Option<String>,
    terms: Vec<(String, f64)>,
}

/// The [`Vocabulary`] [`merge::vectors`] learns from the statements `kept`
/// keeps (giving their article's position): each term's frequency, and its
/// id by where it first appears in the order of articles and statements.
fn vocabulary(
    runs: &Runs,
    kept: &dyn Fn(&TermsOnly) -> Option<usize>,
) -> Result<Vocabulary, Error> {
    // each term: where it first appears (article, statement, term) and how often
    type Seen = ((usize, usize, usize), u32);
    let mut terms: HashMap<String, Seen> = HashMap::new();
    let mut events = 0usize;
    runs.each_line(&mut |line| {
        if line.starts_with(UNDATED_KEY) {
            return Ok(());
        }
        let s: TermsOnly = serde_json::from_str(payload(line)).map_err(|e| {
            Error::Usage(format!(
                "expected a statement record of chronicler extract in the sorted statements, found {e}"
            ))
        })?;
        let Some(doc) = kept(&s) else {
            return Ok(());
        };
        events += 1;
        for (k, (t, _)) in s.terms.into_iter().enumerate() {
            let at = (doc, s.n, k);
            match terms.get_mut(&t) {
                Some((first, df)) => {
                    *first = (*first).min(at);
                    *df += 1;
                }
                None => {
                    terms.insert(t, (at, 1));
                }
            }
        }
        Ok(())
    })?;
    let mut list: Vec<(String, Seen)> = terms.into_iter().collect();
    list.sort_unstable_by_key(|(_, (first, _))| *first);
    Ok(Vocabulary::from_counts(
        list.into_iter().map(|(t, (_, df))| (t, df)).collect(),
        events,
    ))
}

// ---- chunks, units and components ----------------------------------------

/// The days a unit may link to.
#[derive(Debug, Clone, Copy)]
enum Reach {
    /// A day, or the days a stretch of at most a month touches (first, last).
    Days(NaiveDate, NaiveDate),
    /// A longer stretch: only units of the same stretch.
    Long,
}

/// A cluster of the merge.
struct Unit {
    /// Pool positions, in `build`'s order.
    members: Vec<usize>,
    reach: Reach,
    /// Its stretch, when it has no day.
    stretch: Option<(NaiveDateTime, NaiveDateTime)>,
}

/// Statements of the units of components still open.
#[derive(Default)]
struct Pool {
    events: Vec<Event>,
    vectors: Vec<Vector>,
    /// `build`'s order: (article position, position among its statements).
    keys: Vec<(usize, usize)>,
    figures: Vec<Vec<String>>,
    sentence_days: Vec<Vec<NaiveDate>>,
    by_sentence: HashMap<(usize, usize), Vec<usize>>,
    units: Vec<Unit>,
    parent: Vec<usize>,
}

impl Pool {
    fn root(&mut self, mut u: usize) -> usize {
        while self.parent[u] != u {
            self.parent[u] = self.parent[self.parent[u]];
            u = self.parent[u];
        }
        u
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    /// Adds a statement; its sentence-mates among the pool learn its day and
    /// it theirs.
    fn add_event(&mut self, key: (usize, usize), e: Event, v: Vector) -> usize {
        let i = self.events.len();
        let sentence = (e.doc, e.sentence.byte_start);
        let mut days: Vec<NaiveDate> = e.day().into_iter().collect();
        if let Some(mates) = self.by_sentence.get(&sentence) {
            for &m in mates {
                if let Some(d) = e.day() {
                    self.sentence_days[m].push(d);
                }
                if let Some(d) = self.events[m].day() {
                    days.push(d);
                }
            }
        }
        self.by_sentence.entry(sentence).or_default().push(i);
        self.figures.push(happen::figures(&e));
        self.sentence_days.push(days);
        self.events.push(e);
        self.vectors.push(v);
        self.keys.push(key);
        i
    }

    fn add_unit(&mut self, members: Vec<usize>) -> usize {
        let day = members.iter().find_map(|&i| self.events[i].day());
        let (reach, stretch) = match day {
            Some(d) => (Reach::Days(d, d), None),
            None => {
                let e = &self.events[members[0]];
                let (start, end) = (e.span.start, e.span.end);
                let reach = if (end - start).num_days() <= MAX_STRETCH_DAYS {
                    let last = touch_end(e) - Duration::days(1);
                    Reach::Days(start.date(), last.max(start.date()))
                } else {
                    Reach::Long
                };
                (reach, Some((start, end)))
            }
        };
        let u = self.units.len();
        self.units.push(Unit {
            members,
            reach,
            stretch,
        });
        self.parent.push(u);
        u
    }
}

struct Window<'a> {
    vocab: &'a Vocabulary,
    docs: &'a [&'a Document],
    /// The day being read and its statements, with their places in
    /// `build`'s order.
    current: Option<NaiveDate>,
    today: Vec<((usize, usize), Event)>,
    /// Statements of days not final yet and coarse statements not placed.
    store: Vec<Event>,
    vectors: Vec<Vector>,
    keys: Vec<(usize, usize)>,
    /// Days read whose clusters may still receive coarse statements: the
    /// clusters as the coarse statements see them, and those that joined.
    days: BTreeMap<NaiveDate, (merge::Day, Vec<(usize, usize)>)>,
    /// Coarse statements of at most a month that wait for the days of their
    /// stretch (store positions).
    waiting: Vec<usize>,
    pool: Pool,
    /// Rows made, to be sorted on disk.
    rows: RowSorter,
    /// How many statements of each article the rows cite.
    cited: Vec<usize>,
    /// Each article's relevance (ranking days), by position; empty: 1.
    relevance: &'a [f64],
    /// Rows are selected (`--top`, `--per-date`): each is spooled with the
    /// sum of its statements' vectors.
    selecting: bool,
    /// The days of rows dated to a day (those ranking days may pick).
    row_days: BTreeSet<NaiveDate>,
    runs: &'a Runs,
    stats: &'a mut Stats,
}

impl Window<'_> {
    /// Takes the next statement in the order of days (`n`: its position
    /// among its article's statements). False when a happening came out
    /// wider than [`REACH_DAYS`] allows.
    fn add(&mut self, n: usize, e: Event) -> Result<bool, Error> {
        let start = e.span.start.date();
        if self.current.is_some_and(|c| start > c) && !self.step(Some(start))? {
            return Ok(false);
        }
        self.current = Some(start);
        self.today.push(((e.doc, n), e));
        Ok(true)
    }

    /// Every statement before `next` (the first day of what follows; none
    /// at the end) has been read: clusters the day just read, places the
    /// coarse statements whose days are all read, hands the clusters no
    /// coarse statement can join any more to the pool, and links the
    /// components no later cluster can reach.
    fn step(&mut self, next: Option<NaiveDate>) -> Result<bool, Error> {
        let mut units: Vec<Vec<usize>> = Vec::new();
        // the day just read
        let mut today = std::mem::take(&mut self.today);
        if let Some(c) = self.current.take()
            && !today.is_empty()
        {
            self.stats.chunks += 1;
            self.stats.largest_chunk = self.stats.largest_chunk.max(today.len());
            today.sort_by_key(|(k, _)| *k);
            if let Some(w) = today.windows(2).find(|w| w[0].0 == w[1].0) {
                return Err(Error::Usage(format!(
                    "expected each statement once, found statement {} of the article {:?} twice",
                    w[0].0.1, self.docs[w[0].0.0].id
                )));
            }
            let vectors: Vec<Vector> = today
                .par_iter()
                .map(|(_, e)| self.vocab.vector(e))
                .collect();
            let base = self.store.len();
            let mut on_day = Vec::new();
            let mut long: BTreeMap<(NaiveDateTime, NaiveDateTime, Granularity), Vec<usize>> =
                BTreeMap::new();
            for (k, ((key, e), v)) in today.into_iter().zip(vectors).enumerate() {
                let i = base + k;
                if e.day().is_some() {
                    on_day.push(i);
                } else if joins_days(&e) {
                    self.waiting.push(i);
                } else {
                    long.entry((e.span.start, e.span.end, e.mention.timex.granularity))
                        .or_default()
                        .push(i);
                }
                self.store.push(e);
                self.vectors.push(v);
                self.keys.push(key);
            }
            if !on_day.is_empty() {
                let clusters = merge::day_clusters(&on_day, &self.store, self.vocab, &self.vectors);
                self.days.insert(c, (merge::Day::new(clusters), Vec::new()));
            }
            for idx in long.into_values() {
                units.extend(
                    merge::stretch_clusters(&idx, &self.vectors)
                        .into_iter()
                        .map(|c| c.into_members()),
                );
            }
        }
        // coarse statements whose days are all read
        let ready: Vec<usize>;
        (ready, self.waiting) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|&i| next.is_none_or(|n| touch_end(&self.store[i]) <= n));
        let homes: Vec<Option<(NaiveDate, usize)>> = ready
            .iter()
            .map(|&i| {
                merge::coarse_home(i, &self.store, self.vocab, &self.vectors, &|d| {
                    self.days.get(&d).map(|x| &x.0)
                })
            })
            .collect();
        let mut stretches: BTreeMap<(NaiveDateTime, NaiveDateTime, Granularity), Vec<usize>> =
            BTreeMap::new();
        for (&i, home) in ready.iter().zip(homes) {
            match home {
                Some((d, c)) => self
                    .days
                    .get_mut(&d)
                    .expect("a day of a home")
                    .1
                    .push((c, i)),
                None => {
                    let e = &self.store[i];
                    stretches
                        .entry((e.span.start, e.span.end, e.mention.timex.granularity))
                        .or_default()
                        .push(i)
                }
            }
        }
        for mut idx in stretches.into_values() {
            idx.sort_by_key(|&i| self.keys[i]);
            units.extend(
                merge::stretch_clusters(&idx, &self.vectors)
                    .into_iter()
                    .map(|c| c.into_members()),
            );
        }
        // days no waiting statement can join any more
        let waits_from = self
            .waiting
            .iter()
            .map(|&i| self.store[i].span.start.date())
            .min();
        let last = next.map(|n| n - Duration::days(1));
        let final_days: Vec<NaiveDate> = self
            .days
            .keys()
            .copied()
            .filter(|&d| waits_from.is_none_or(|w| d < w) && last.is_none_or(|l| d <= l))
            .collect();
        for d in final_days {
            let (day, joined) = self.days.remove(&d).expect("a day listed");
            let mut clusters: Vec<Vec<usize>> = day
                .into_clusters()
                .into_iter()
                .map(|c| c.into_members())
                .collect();
            for (c, i) in joined {
                clusters[c].push(i);
            }
            units.extend(clusters);
        }
        // the clusters to the pool, the rest of the store kept
        let first_new = self.pool.units.len();
        let mut to_pool = vec![usize::MAX; self.store.len()];
        for u in &units {
            for &i in u {
                to_pool[i] = 0;
            }
        }
        let store = std::mem::take(&mut self.store);
        let vectors = std::mem::take(&mut self.vectors);
        let keys = std::mem::take(&mut self.keys);
        let mut kept = vec![usize::MAX; store.len()];
        for (i, ((e, v), k)) in store.into_iter().zip(vectors).zip(keys).enumerate() {
            if to_pool[i] == 0 {
                to_pool[i] = self.pool.add_event(k, e, v);
            } else {
                kept[i] = self.store.len();
                self.store.push(e);
                self.vectors.push(v);
                self.keys.push(k);
            }
        }
        for (day, joined) in self.days.values_mut() {
            day.renumber(&|i| kept[i]);
            for (_, i) in joined.iter_mut() {
                *i = kept[*i];
            }
        }
        for i in &mut self.waiting {
            *i = kept[*i];
        }
        for u in units {
            let mut members: Vec<usize> = u.into_iter().map(|i| to_pool[i]).collect();
            members.sort_unstable_by_key(|&i| self.pool.keys[i]);
            self.pool.add_unit(members);
        }
        self.stats.most_held = self
            .stats
            .most_held
            .max(self.pool.events.len() + self.store.len());
        self.connect(first_new);
        // what no later cluster can reach
        let reached_from = [next, waits_from, self.days.keys().next().copied()]
            .into_iter()
            .flatten()
            .min();
        self.close(reached_from.or(next))
    }

    /// Joins each unit from `first_new` on with the units it could meet.
    fn connect(&mut self, first_new: usize) {
        let pool = &mut self.pool;
        let figures = std::mem::take(&mut pool.figures);
        let days = std::mem::take(&mut pool.sentence_days);
        let events = std::mem::take(&mut pool.events);
        let vectors = std::mem::take(&mut pool.vectors);
        let linker = Linker::from_parts(&events, &vectors, self.vocab, figures, days);
        for a in first_new..pool.units.len() {
            for b in 0..a {
                if pool.root(a) != pool.root(b) && could_meet(pool, &events, &linker, a, b) {
                    pool.join(a, b);
                }
            }
        }
        let (figures, days) = linker.into_parts();
        pool.figures = figures;
        pool.sentence_days = days;
        pool.events = events;
        pool.vectors = vectors;
    }

    /// Links every component whose units all end before `next` less
    /// [`REACH_DAYS`] (all of them at the end) and drops its statements.
    fn close(&mut self, next: Option<NaiveDate>) -> Result<bool, Error> {
        let pool = &mut self.pool;
        let units = pool.units.len();
        if units == 0 {
            return Ok(true);
        }
        let before = next.map(|d| d - Duration::days(REACH_DAYS));
        let mut latest: HashMap<usize, Option<NaiveDate>> = HashMap::new();
        for u in 0..units {
            let r = pool.root(u);
            let hi = match pool.units[u].reach {
                Reach::Days(_, hi) => Some(hi),
                Reach::Long => None,
            };
            let e = latest.entry(r).or_insert(None);
            *e = (*e).max(hi);
        }
        let closed = |r: usize| match (before, latest[&r]) {
            (None, _) | (_, None) => true,
            (Some(b), Some(hi)) => hi < b,
        };
        let roots: Vec<usize> = (0..units).map(|u| pool.root(u)).collect();
        if !roots.iter().any(|&r| closed(r)) {
            return Ok(true);
        }
        // Take everything out; put back what stays open.
        let old = std::mem::take(pool);
        let Pool {
            events,
            vectors,
            keys,
            figures,
            sentence_days,
            units: old_units,
            ..
        } = old;
        let mut events: Vec<Option<Event>> = events.into_iter().map(Some).collect();
        let mut vectors: Vec<Option<Vector>> = vectors.into_iter().map(Some).collect();
        let mut figures: Vec<Option<Vec<String>>> = figures.into_iter().map(Some).collect();
        let mut sentence_days: Vec<Option<Vec<NaiveDate>>> =
            sentence_days.into_iter().map(Some).collect();
        let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut open: Vec<(usize, Unit)> = Vec::new();
        for (u, unit) in old_units.into_iter().enumerate() {
            if closed(roots[u]) {
                components.entry(roots[u]).or_default().push(u);
                open.push((usize::MAX, unit));
            } else {
                open.push((roots[u], unit));
            }
        }
        let mut wide = false;
        let mut component_list: Vec<(usize, Vec<usize>)> = components.into_iter().collect();
        component_list.sort_unstable();
        for (_, list) in component_list {
            // the component's statements in `build`'s order
            let mut members: Vec<usize> = list
                .iter()
                .flat_map(|&u| open[u].1.members.iter().copied())
                .collect();
            members.sort_unstable_by_key(|&i| keys[i]);
            self.stats.largest_component = self.stats.largest_component.max(members.len());
            let local: HashMap<usize, usize> =
                members.iter().enumerate().map(|(k, &i)| (i, k)).collect();
            let c_keys: Vec<(usize, usize)> = members.iter().map(|&i| keys[i]).collect();
            let c_events: Vec<Event> = members.iter().map(|&i| events[i].take().unwrap()).collect();
            let c_vectors: Vec<Vector> = members
                .iter()
                .map(|&i| vectors[i].take().unwrap())
                .collect();
            let c_figures: Vec<Vec<String>> = members
                .iter()
                .map(|&i| figures[i].take().unwrap())
                .collect();
            let c_days: Vec<Vec<NaiveDate>> = members
                .iter()
                .map(|&i| sentence_days[i].take().unwrap())
                .collect();
            let mut groups: Vec<Vec<usize>> = list
                .iter()
                .map(|&u| {
                    let mut g: Vec<usize> = open[u].1.members.iter().map(|i| local[i]).collect();
                    g.sort_unstable();
                    g
                })
                .collect();
            groups.sort();
            let linker = Linker::from_parts(&c_events, &c_vectors, self.vocab, c_figures, c_days);
            let happenings = happen::happenings_with(&c_events, groups, &linker);
            for h in &happenings {
                let days = h.iter().filter_map(|&i| c_events[i].day());
                let (lo, hi) = days.fold(
                    (None, None),
                    |(lo, hi): (Option<NaiveDate>, Option<NaiveDate>), d| {
                        (
                            Some(lo.map_or(d, |x: NaiveDate| x.min(d))),
                            Some(hi.map_or(d, |x: NaiveDate| x.max(d))),
                        )
                    },
                );
                if let (Some(lo), Some(hi)) = (lo, hi) {
                    let width = (hi - lo).num_days();
                    self.stats.widest = self.stats.widest.max(width);
                    if width > REACH_DAYS - 1 {
                        wide = true;
                    }
                }
                let row = make_row(&c_events, h, self.docs);
                // the full timeline leaves out a row of one article's lead
                // alone; --top may pick it
                if row.lead_alone() && !self.selecting {
                    continue;
                }
                let mut of_id: HashMap<&str, usize> = HashMap::new();
                for &i in h {
                    let doc = c_events[i].doc;
                    of_id.insert(self.docs[doc].id.as_str(), doc);
                }
                for c in &row.citations {
                    if let Some(&doc) = of_id.get(c.document.as_str()) {
                        self.cited[doc] += 1;
                    }
                }
                let mut sum: BTreeMap<u32, f32> = BTreeMap::new();
                let mut rel = 0.0f32;
                if self.selecting {
                    if row.granularity >= Granularity::Day && !row.date.is_empty() {
                        self.row_days.insert(row.sort_key.0.date());
                    }
                    // as `select` sums a row's statements
                    for &i in h {
                        let w =
                            (self.relevance.get(c_events[i].doc).copied()).unwrap_or(1.0) as f32;
                        rel = rel.max(w);
                        for &(t, x) in c_vectors[i].entries() {
                            *sum.entry(t).or_insert(0.0) += w * x;
                        }
                    }
                }
                let sum = sum.into_iter().map(|(t, x)| (t, x as f64)).collect();
                self.rows
                    .push(row, c_keys[h[0]], sum, rel as f64, self.runs)?;
            }
        }
        // the pool anew, of the open units
        let mut fresh = Pool::default();
        let mut new_root: HashMap<usize, usize> = HashMap::new();
        for (root, unit) in open {
            if root == usize::MAX {
                continue;
            }
            let members: Vec<usize> = unit
                .members
                .iter()
                .map(|&i| {
                    let k = fresh.events.len();
                    fresh.events.push(events[i].take().unwrap());
                    fresh.vectors.push(vectors[i].take().unwrap());
                    fresh.keys.push(keys[i]);
                    fresh.figures.push(figures[i].take().unwrap());
                    fresh.sentence_days.push(sentence_days[i].take().unwrap());
                    k
                })
                .collect();
            let u = fresh.units.len();
            fresh.units.push(Unit { members, ..unit });
            fresh.parent.push(u);
            match new_root.get(&root) {
                Some(&r) => fresh.join(r, u),
                None => {
                    new_root.insert(root, u);
                }
            }
        }
        for (i, e) in fresh.events.iter().enumerate() {
            fresh
                .by_sentence
                .entry((e.doc, e.sentence.byte_start))
                .or_default()
                .push(i);
        }
        *pool = fresh;
        Ok(!wide)
    }
}

/// Whether units `a` and `b` of `pool` could ever meet in linking
/// (conservatively: any pair of their sampled statements that links, or a
/// name one gives that the other uses, within [`REACH_DAYS`]; or the same
/// stretch). The pool's statements are lent to `linker` meanwhile.
fn could_meet(pool: &Pool, events: &[Event], linker: &Linker, a: usize, b: usize) -> bool {
    let (ua, ub) = (&pool.units[a], &pool.units[b]);
    if ua.stretch.is_some() && ua.stretch == ub.stretch {
        return true;
    }
    let (Reach::Days(a0, a1), Reach::Days(b0, b1)) = (ua.reach, ub.reach) else {
        return false;
    };
    let apart = (b0 - a1).num_days().max((a0 - b1).num_days()).max(0);
    if apart > REACH_DAYS {
        return false;
    }
    let sa = &ua.members[..ua.members.len().min(LINK_SAMPLE)];
    let sb = &ub.members[..ub.members.len().min(LINK_SAMPLE)];
    let named = |s: &[usize]| s.iter().any(|&i| !events[i].named.is_empty());
    linker.link(sa, sb, false) >= LINK_THRESHOLD
        || (named(sa) && linker.name_share(sa, sb) > 0.0)
        || (named(sb) && linker.name_share(sb, sa) > 0.0)
}

// ---- rows on disk ----------------------------------------------------------

/// Bytes of rows (roughly) sorted in memory before they are written as a run.
const ROW_BYTES: usize = 16 << 20;

/// A row on disk, with what its JSON leaves out: its sort key and its
/// happening's first statement (`build`'s order breaks ties with it).
#[derive(serde::Serialize, Deserialize)]
struct Spooled {
    key: (NaiveDateTime, NaiveDateTime, Granularity),
    first: (usize, usize),
    row: Row,
    /// With `--top` or `--per-date`: the sum of its statements' vectors,
    /// each weighted by its article's relevance (f32s, exact as f64s).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sum: Vec<(u32, f64)>,
    /// With `--top` or `--per-date`: the relevance of its most relevant
    /// article, as `select` weighs a day's rows.
    #[serde(default)]
    rel: f64,
}

impl Spooled {
    fn read(line: &str, path: &Path) -> io::Result<Spooled> {
        let mut s: Spooled = serde_json::from_str(line).map_err(|e| {
            io::Error::other(format!("{}: expected a row, found {e}", path.display()))
        })?;
        s.row.sort_key = s.key;
        Ok(s)
    }

    fn order(&self, other: &Spooled) -> std::cmp::Ordering {
        build::row_order(&self.row, &other.row).then(self.first.cmp(&other.first))
    }
}

/// Rows sorted in memory up to [`ROW_BYTES`], then written as a run.
struct RowSorter {
    files: Vec<PathBuf>,
    buf: Vec<Spooled>,
    bytes: usize,
}

impl RowSorter {
    fn push(
        &mut self,
        row: Row,
        first: (usize, usize),
        sum: Vec<(u32, f64)>,
        rel: f64,
        runs: &Runs,
    ) -> Result<(), Error> {
        self.bytes += 256
            + row.headline.len()
            + (row.citations.iter())
                .map(|c| 256 + c.sentence.text.len() + c.headline.len())
                .sum::<usize>();
        self.bytes += 12 * sum.len();
        self.buf.push(Spooled {
            key: row.sort_key,
            first,
            row,
            sum,
            rel,
        });
        if self.bytes >= ROW_BYTES {
            self.write_run(runs)?;
        }
        Ok(())
    }

    fn write_run(&mut self, runs: &Runs) -> Result<(), Error> {
        let mut buf = std::mem::take(&mut self.buf);
        self.bytes = 0;
        buf.sort_by(|a, b| a.order(b));
        let path = runs.file(&format!("rows{:05}", self.files.len()));
        let f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        for s in &buf {
            serde_json::to_writer(&mut w, s)
                .map_err(io::Error::other)
                .and_then(|()| w.write_all(b"\n"))
                .map_err(|e| Error::io(&path, e))?;
        }
        w.flush().map_err(|e| Error::io(&path, e))?;
        self.files.push(path);
        Ok(())
    }

    /// Merges the runs into one file of rows in order, numbered; also how
    /// many rows.
    fn finish(mut self, runs: &Runs) -> Result<(PathBuf, usize), Error> {
        self.write_run(runs)?;
        let mut readers = Vec::with_capacity(self.files.len());
        let mut heap: BinaryHeap<Head> = BinaryHeap::new();
        for (k, path) in self.files.iter().enumerate() {
            let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            let mut r = io::BufReader::with_capacity(1 << 16, f).lines();
            if let Some(line) = r.next() {
                let line = line.map_err(|e| Error::io(path, e))?;
                let s = Spooled::read(&line, path).map_err(|e| Error::io(path, e))?;
                heap.push(Head(s, k));
            }
            readers.push(r);
        }
        let path = runs.file("rows");
        let f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        let mut n = 0;
        while let Some(Head(mut s, k)) = heap.pop() {
            if let Some(line) = readers[k].next() {
                let from = &self.files[k];
                let line = line.map_err(|e| Error::io(from, e))?;
                let next = Spooled::read(&line, from).map_err(|e| Error::io(from, e))?;
                heap.push(Head(next, k));
            }
            s.row.id = build::row_id(n);
            n += 1;
            serde_json::to_writer(&mut w, &s)
                .map_err(io::Error::other)
                .and_then(|()| w.write_all(b"\n"))
                .map_err(|e| Error::io(&path, e))?;
        }
        w.flush().map_err(|e| Error::io(&path, e))?;
        for f in &self.files {
            let _ = std::fs::remove_file(f);
        }
        Ok((path, n))
    }
}

/// The rows `selection` keeps of the rows at `path` (in order, numbered, with
/// their sums), as [`select::select`] keeps them: with `--top`, the best
/// rows of the days `picked` (with why); otherwise the best of each day and
/// every row not dated to a day. A day's rows are next to each other, so
/// one day's rows are held at a time. Gives the file of rows kept (in
/// order, numbered anew), how many, and how many statements of each
/// document (by id) they cite.
fn select_rows(
    path: &Path,
    selection: &Selection,
    picked: Option<&HashMap<NaiveDate, Why>>,
    runs: &Runs,
) -> Result<(PathBuf, usize, HashMap<String, usize>), Error> {
    let out = runs.file("selected");
    let f = std::fs::File::create(&out).map_err(|e| Error::io(&out, e))?;
    let mut w = BufWriter::with_capacity(1 << 16, f);
    let mut cited: HashMap<String, usize> = HashMap::new();
    let mut n = 0;
    let k = match picked {
        Some(_) => selection.per_date.unwrap_or(1),
        None => selection.per_date.unwrap_or(usize::MAX),
    };
    let mut write = |mut s: Spooled, why: Option<Why>| -> Result<(), Error> {
        s.row.id = build::row_id(n);
        s.row.why = why;
        s.sum = Vec::new();
        n += 1;
        for c in &s.row.citations {
            *cited.entry(c.document.clone()).or_default() += 1;
        }
        serde_json::to_writer(&mut w, &s)
            .map_err(io::Error::other)
            .and_then(|()| w.write_all(b"\n"))
            .map_err(|e| Error::io(&out, e))
    };
    let on_day = |r: &Row| r.granularity >= Granularity::Day && !r.date.is_empty();
    let mut day: Vec<Spooled> = Vec::new();
    // the rows kept of a day's rows, with why
    let choose = |day: &mut Vec<Spooled>| -> Vec<(Spooled, Option<Why>)> {
        let Some(first) = day.first() else {
            return Vec::new();
        };
        let date = first.row.sort_key.0.date();
        let why = match picked {
            Some(p) => match p.get(&date) {
                Some(why) => Some(why),
                None => {
                    day.clear();
                    return Vec::new();
                }
            },
            None => None,
        };
        // in the order of the full timeline: rows of happenings, then rows
        // of undated statements in the order of their statements
        let mut candidates: Vec<usize> = (0..day.len()).filter(|&i| on_day(&day[i].row)).collect();
        candidates.sort_by_key(|&i| match day[i].first {
            (usize::MAX, j) => (1, j),
            _ => (0, i),
        });
        let mut keep = vec![picked.is_none(); day.len()];
        for &i in &candidates {
            keep[i] = false;
        }
        // without --top, as in the full timeline: no row of a lead alone
        if picked.is_none() {
            candidates.retain(|&i| !day[i].row.lead_alone());
        }
        let sums: Vec<BTreeMap<u32, f32>> = candidates
            .iter()
            .map(|&i| day[i].sum.iter().map(|&(t, x)| (t, x as f32)).collect())
            .collect();
        let sources: Vec<usize> = candidates.iter().map(|&i| day[i].row.sources).collect();
        let relevance: Vec<f32> = candidates.iter().map(|&i| day[i].rel as f32).collect();
        for c in select::best_of_sums(&sums, &sources, &relevance, k) {
            keep[candidates[c]] = true;
        }
        (day.drain(..).zip(keep))
            .filter(|(_, keep)| *keep)
            .map(|(s, _)| (s, why.cloned()))
            .collect()
    };
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    for line in io::BufReader::with_capacity(1 << 16, f).lines() {
        let line = line.map_err(|e| Error::io(path, e))?;
        let s = Spooled::read(&line, path).map_err(|e| Error::io(path, e))?;
        if s.row.date.is_empty() {
            // statements with no place on the calendar: all kept, last
            for (s, why) in choose(&mut day) {
                write(s, why)?;
            }
            write(s, None)?;
            continue;
        }
        if day
            .first()
            .is_some_and(|d| d.row.sort_key.0.date() != s.row.sort_key.0.date())
        {
            for (s, why) in choose(&mut day) {
                write(s, why)?;
            }
        }
        day.push(s);
    }
    for (s, why) in choose(&mut day) {
        write(s, why)?;
    }
    w.flush().map_err(|e| Error::io(&out, e))?;
    Ok((out, n, cited))
}

/// Rows of statements with no place on the calendar, in order, in a file of
/// their own until the dated rows are sorted.
struct UndatedRows {
    path: PathBuf,
    file: BufWriter<std::fs::File>,
    rows: usize,
    /// The undated statements read, rows here or not.
    seen: usize,
    /// The last statement's (article position, position among its statements).
    last: Option<(usize, usize)>,
}

impl UndatedRows {
    fn new(runs: &Runs) -> Result<UndatedRows, Error> {
        let path = runs.file("undated");
        let f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        Ok(UndatedRows {
            path,
            file: BufWriter::with_capacity(1 << 16, f),
            rows: 0,
            seen: 0,
            last: None,
        })
    }

    fn push(&mut self, row: Row) -> Result<(), Error> {
        self.rows += 1;
        let s = Spooled {
            key: row.sort_key,
            first: (0, 0),
            row,
            sum: Vec::new(),
            rel: 0.0,
        };
        serde_json::to_writer(&mut self.file, &s)
            .map_err(io::Error::other)
            .and_then(|()| self.file.write_all(b"\n"))
            .map_err(|e| Error::io(&self.path, e))
    }

    /// Appends the rows to the file of rows at `rows`, numbered from `from`;
    /// how many.
    fn append_to(mut self, rows: &Path, from: usize) -> Result<usize, Error> {
        self.file.flush().map_err(|e| Error::io(&self.path, e))?;
        drop(self.file);
        let f = std::fs::OpenOptions::new()
            .append(true)
            .open(rows)
            .map_err(|e| Error::io(rows, e))?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        let r = std::fs::File::open(&self.path).map_err(|e| Error::io(&self.path, e))?;
        for (k, line) in io::BufReader::with_capacity(1 << 16, r).lines().enumerate() {
            let line = line.map_err(|e| Error::io(&self.path, e))?;
            let mut s = Spooled::read(&line, &self.path).map_err(|e| Error::io(&self.path, e))?;
            s.row.id = build::row_id(from + k);
            serde_json::to_writer(&mut w, &s)
                .map_err(io::Error::other)
                .and_then(|()| w.write_all(b"\n"))
                .map_err(|e| Error::io(rows, e))?;
        }
        w.flush().map_err(|e| Error::io(rows, e))?;
        let _ = std::fs::remove_file(&self.path);
        Ok(self.rows)
    }
}

/// The head of a run of rows: the heap gives the first row in order first.
struct Head(Spooled, usize);

impl PartialEq for Head {
    fn eq(&self, other: &Head) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Head {}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Head) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    fn cmp(&self, other: &Head) -> std::cmp::Ordering {
        other.0.order(&self.0).then(other.1.cmp(&self.1))
    }
}

/// The rows of a windowed merge, in order and numbered, in a temporary file
/// (removed when dropped): read them as many times as needed with
/// [`SpooledRows::each`].
pub struct SpooledRows {
    path: PathBuf,
    _runs: Runs,
}

impl SpooledRows {
    /// Gives each row, in order, to `f`.
    pub fn each(&self, f: &mut dyn FnMut(&Row) -> io::Result<()>) -> io::Result<()> {
        let file = std::fs::File::open(&self.path)?;
        for line in io::BufReader::with_capacity(1 << 16, file).lines() {
            let s = Spooled::read(&line?, &self.path)?;
            f(&s.row)?;
        }
        Ok(())
    }
}
