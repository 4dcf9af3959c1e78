//! Scoring Chronicler's `--top` timelines against newsroom timelines
//! (Timeline17 layout) in the set-up published systems are scored in
//! (Martschat & Markert 2017/2018, tilse; Ghalandari & Ifrim 2020, news-tls).
//!
//! A topic folder holds `InputDocs/<YYYY-MM-DD>/<n>.htm.txt` (the folder
//! name is the article date) and `timelines/*.txt` (a date line
//! `YYYY-MM-DD`, the entry's sentences, a line of 32 dashes between
//! entries; a date given twice keeps its last entry, as tilse reads it).
//! For each reference timeline:
//!
//! - **inputs**: only the articles whose folder date lies within the
//!   reference's first and last date (both included);
//! - **N** = the reference's distinct dates; the system picks N days, each
//!   with **K** = round(mean sentences per reference date) entries (its K
//!   best rows of the day, each the sentence its headline comes from);
//! - **in span**: only days within the reference's span compete, as
//!   published systems pick them; **unrestricted**: Chronicler's own rule
//!   ([`Span::Articles`]), which knows nothing of the reference;
//! - **date F1** of the picked days against the reference's, and ROUGE-1/2
//!   F of the entries ([`crate::eval::rouge`], ROUGE-1.5.5) in the three
//!   variants of tilse: *concat* (all entries against all), *agreement*
//!   (entries of the same date only) and *align+ m:1* (each date matched
//!   to its cheapest counterpart, cost (1 − 1/(|Δdays|+1)) · (1 − R1≈), hits
//!   weighted by 1/(|Δdays|+1); R1≈ is unigram F1 on raw white-space tokens).
//!
//! Topic scores are the mean over a topic's timelines; the summary is the
//! mean over topics, and beside it the published aggregate (F of the mean
//! precision and the mean recall over all timelines). With `--loo` the four
//! weights of [`crate::story::rank`] are fitted on the [`grid`] to the mean
//! date F1 of all topics (in-sample) and of all topics but one, for each
//! topic left out (leave-one-topic-out); ties go to the first grid point.
//! A publication-count baseline (the N days most articles appeared on,
//! ties to the earlier day) is reported beside.

use crate::engine::tag::Grammar;
use crate::error::Error;
use crate::eval::rouge::{self, Interner, Summary};
use crate::story::build::{self, BuildOptions, Story};
use crate::story::merge::{self, Vector};
use crate::story::rank::{Evidence, Span, WEIGHTS, Weights, grid};
use crate::story::select;
use crate::story::timeline::Row;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// Entries of a timeline: sentences by date.
pub type Entries = BTreeMap<NaiveDate, Vec<String>>;

/// A reference timeline: its file name and entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub name: String,
    pub entries: Entries,
}

/// The entries of reference timeline text: a date line, its sentences
/// (trimmed, empty ones dropped), a line of dashes; a date given twice keeps
/// its last entry.
pub fn parse_reference(text: &str) -> Entries {
    let mut out = Entries::new();
    let mut date: Option<NaiveDate> = None;
    let mut sentences: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if !line.is_empty() && line.chars().all(|c| c == '-') && line.len() >= 8 {
            if let Some(d) = date.take() {
                out.insert(d, std::mem::take(&mut sentences));
            }
            sentences.clear();
            continue;
        }
        match NaiveDate::parse_from_str(line, "%Y-%m-%d") {
            Ok(d) if date.is_none() => date = Some(d),
            _ if !line.is_empty() => sentences.push(line.to_string()),
            _ => {}
        }
    }
    if let Some(d) = date
        && !sentences.is_empty()
    {
        out.insert(d, sentences);
    }
    out
}

/// Reads a reference timeline file.
pub fn read_reference(path: &Path) -> Result<Reference, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(Reference {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        entries: parse_reference(&text),
    })
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f: f64,
}

impl Prf {
    pub fn new(p: f64, r: f64) -> Prf {
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf { p, r, f }
    }

    fn ratio(num: f64, den: f64) -> f64 {
        if den == 0.0 { 0.0 } else { num / den }
    }
}

/// Date precision, recall and F1 of `picked` against `reference`.
pub fn date_prf(picked: &BTreeSet<NaiveDate>, reference: &BTreeSet<NaiveDate>) -> Prf {
    let matched = picked.intersection(reference).count() as f64;
    Prf::new(
        Prf::ratio(matched, picked.len() as f64),
        Prf::ratio(matched, reference.len() as f64),
    )
}

/// ROUGE-1 and ROUGE-2 of one variant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rouge {
    pub r1: Prf,
    pub r2: Prf,
}

/// Every measure of one timeline against its reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    pub date: Prf,
    pub concat: Rouge,
    pub agreement: Rouge,
    pub align: Rouge,
}

/// Summaries of entries, made once per sentence list.
struct Summaries {
    interner: Interner,
    cache: HashMap<Vec<String>, Summary>,
}

impl Summaries {
    fn new() -> Summaries {
        Summaries {
            interner: Interner::default(),
            cache: HashMap::new(),
        }
    }

    fn of(&mut self, sentences: &[String]) -> Summary {
        if let Some(s) = self.cache.get(sentences) {
            return s.clone();
        }
        let s = self.interner.summary(sentences);
        self.cache.insert(sentences.to_vec(), s.clone());
        s
    }

    fn counts(&mut self, peer: &[String], model: &[String], n: usize) -> rouge::Counts {
        let p = self.of(peer);
        let m = self.of(model);
        rouge::counts(&p, &[&m], n)
    }
}

/// tilse's `compute_rouge_approximation`: unigram F1 of raw white-space
/// tokens, case-sensitive.
fn r1_approx(pred: &[String], reference: &[String]) -> f64 {
    fn count(ss: &[String]) -> HashMap<&str, usize> {
        let mut c: HashMap<&str, usize> = HashMap::new();
        for s in ss {
            for t in s.split_whitespace() {
                *c.entry(t).or_insert(0) += 1;
            }
        }
        c
    }
    let (pc, rc) = (count(pred), count(reference));
    let matched: usize = pc
        .iter()
        .map(|(t, &n)| n.min(rc.get(t).copied().unwrap_or(0)))
        .sum();
    let (pn, rn): (usize, usize) = (pc.values().sum(), rc.values().sum());
    Prf::new(
        Prf::ratio(matched as f64, pn as f64),
        Prf::ratio(matched as f64, rn as f64),
    )
    .f
}

fn days_apart(a: NaiveDate, b: NaiveDate) -> f64 {
    (a - b).num_days().abs() as f64
}

/// All measures of `pred` against `reference`.
pub fn score(pred: &Entries, reference: &Entries) -> Scores {
    let mut sm = Summaries::new();
    let empty: Vec<String> = Vec::new();
    let dates = |e: &Entries| e.keys().copied().collect::<BTreeSet<_>>();
    let date = date_prf(&dates(pred), &dates(reference));

    let all = |e: &Entries| e.values().flatten().cloned().collect::<Vec<String>>();
    let (pa, ra) = (all(pred), all(reference));
    let mut concat = Rouge::default();
    let mut agreement = Rouge::default();
    let mut align = Rouge::default();

    // align+ m:1: each date to its cheapest counterpart (the first on ties).
    let cost = |d: NaiveDate, r: NaiveDate| {
        (1.0 - 1.0 / (days_apart(d, r) + 1.0)) * (1.0 - r1_approx(&pred[&d], &reference[&r]))
    };
    let cheapest = |from: NaiveDate, to: &mut dyn Iterator<Item = NaiveDate>, pred_side: bool| {
        let mut best: Option<(NaiveDate, f64)> = None;
        for t in to {
            let c = if pred_side {
                cost(from, t)
            } else {
                cost(t, from)
            };
            if best.is_none_or(|(_, b)| c < b) {
                best = Some((t, c));
            }
        }
        best.map(|(t, _)| t)
    };
    let pred_map: Vec<(NaiveDate, Option<NaiveDate>)> = pred
        .keys()
        .map(|&d| (d, cheapest(d, &mut reference.keys().copied(), true)))
        .collect();
    let ref_map: Vec<(NaiveDate, Option<NaiveDate>)> = reference
        .keys()
        .map(|&r| (r, cheapest(r, &mut pred.keys().copied(), false)))
        .collect();

    for n in [1usize, 2] {
        // concat
        let c = sm.counts(&pa, &ra, n);
        let concat_prf = Prf::new(
            Prf::ratio(c.hits as f64, c.peer as f64),
            Prf::ratio(c.hits as f64, c.model as f64),
        );
        // agreement
        let (mut pn, mut pd, mut rn, mut rd) = (0.0, 0.0, 0.0, 0.0);
        let every: BTreeSet<NaiveDate> = pred.keys().chain(reference.keys()).copied().collect();
        for d in every {
            let p = pred.get(&d).unwrap_or(&empty);
            let r = reference.get(&d).unwrap_or(&empty);
            let c = sm.counts(p, r, n);
            if pred.contains_key(&d) {
                pn += c.hits as f64;
                pd += c.peer as f64;
            }
            if reference.contains_key(&d) {
                rn += c.hits as f64;
                rd += c.model as f64;
            }
        }
        let agreement_prf = Prf::new(Prf::ratio(pn, pd), Prf::ratio(rn, rd));
        // align+ m:1
        let (mut pn, mut pd, mut rn, mut rd) = (0.0, 0.0, 0.0, 0.0);
        for &(d, to) in &pred_map {
            match to {
                Some(r) => {
                    let c = sm.counts(&pred[&d], &reference[&r], n);
                    pn += c.hits as f64 / (days_apart(d, r) + 1.0);
                    pd += c.peer as f64;
                }
                None => pd += sm.counts(&pred[&d], &empty, n).peer as f64,
            }
        }
        for &(r, from) in &ref_map {
            match from {
                Some(d) => {
                    let c = sm.counts(&pred[&d], &reference[&r], n);
                    rn += c.hits as f64 / (days_apart(d, r) + 1.0);
                    rd += c.model as f64;
                }
                None => rd += sm.counts(&empty, &reference[&r], n).model as f64,
            }
        }
        let align_prf = Prf::new(Prf::ratio(pn, pd), Prf::ratio(rn, rd));
        if n == 1 {
            concat.r1 = concat_prf;
            agreement.r1 = agreement_prf;
            align.r1 = align_prf;
        } else {
            concat.r2 = concat_prf;
            agreement.r2 = agreement_prf;
            align.r2 = align_prf;
        }
    }
    Scores {
        date,
        concat,
        agreement,
        align,
    }
}

/// One reference timeline with the story of the articles of its span.
struct Instance {
    topic: String,
    reference: Reference,
    span: (NaiveDate, NaiveDate),
    /// Entries per date (K).
    k: usize,
    articles: usize,
    story: Story,
    /// Every row ([`Story::all_rows`]) and its statements.
    rows: Vec<Row>,
    happenings: Vec<Vec<usize>>,
    evidence: Evidence,
    by_day: BTreeMap<NaiveDate, Vec<usize>>,
    vectors: Vec<Vector>,
}

impl Instance {
    fn n(&self) -> usize {
        self.reference.entries.len()
    }

    fn picked(&self, w: &Weights, in_span: bool) -> Vec<NaiveDate> {
        let span = if in_span {
            Span::Within(self.span.0, self.span.1)
        } else {
            Span::Articles
        };
        select::pick_days(&self.evidence, &self.by_day, w, span, self.n())
            .into_iter()
            .map(|r| r.day)
            .collect()
    }

    fn date_f1(&self, w: &Weights, in_span: bool) -> f64 {
        let picked: BTreeSet<NaiveDate> = self.picked(w, in_span).into_iter().collect();
        let gold: BTreeSet<NaiveDate> = self.reference.entries.keys().copied().collect();
        date_prf(&picked, &gold).f
    }

    /// The timeline Chronicler gives: N days, K rows each, as sentences.
    fn entries(&self, w: &Weights, in_span: bool) -> Entries {
        let story = select::Story {
            rows: &self.rows,
            happenings: &self.happenings,
            events: &self.story.events,
            evidence: &self.evidence,
        };
        let mut out = Entries::new();
        for day in self.picked(w, in_span) {
            let rows = select::best_rows(&story, &self.vectors, &self.by_day[&day], self.k);
            let sentences: Vec<String> = rows
                .into_iter()
                .map(|r| {
                    let row = &self.rows[r];
                    row.citations
                        .iter()
                        .find(|c| c.headline == row.headline)
                        .or(row.citations.first())
                        .map(|c| c.sentence.text.trim().to_string())
                        .unwrap_or_default()
                })
                .collect();
            out.insert(day, sentences);
        }
        out
    }

    /// The publication-count baseline: the N days most articles appeared
    /// on within the span, ties to the earlier day.
    fn publication_days(&self) -> BTreeSet<NaiveDate> {
        let mut per_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for a in &self.story.articles {
            if let Some(d) = a.document.dct.as_ref().map(|d| d.date)
                && self.span.0 <= d
                && d <= self.span.1
            {
                *per_day.entry(d).or_insert(0) += 1;
            }
        }
        let mut days: Vec<(NaiveDate, usize)> = per_day.into_iter().collect();
        days.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        days.into_iter().take(self.n()).map(|(d, _)| d).collect()
    }
}

/// A system's scores on one reference timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineResult {
    pub topic: String,
    pub timeline: String,
    /// The weights used (fitted without this topic under leave-one-out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weights: Option<Weights>,
    /// How many grid points fit as well as `weights` did (they are the
    /// first of them); 1 when the fit was clear.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tied: Option<usize>,
    pub scores: Scores,
    pub picked: Vec<NaiveDate>,
}

/// One system over every timeline: per-timeline scores, the mean over
/// topics, and the published aggregate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemResult {
    pub name: String,
    /// False when only dates were picked (no entries, no ROUGE).
    pub rouge: bool,
    pub timelines: Vec<TimelineResult>,
    /// Mean over topics of the mean over each topic's timelines (F of each measure).
    pub mean: Scores,
    /// F of the mean precision and mean recall over all timelines (tilse, news-tls).
    pub published: Scores,
}

fn aggregate(timelines: &[TimelineResult]) -> (Scores, Scores) {
    let topics: BTreeSet<&str> = timelines.iter().map(|t| t.topic.as_str()).collect();
    let get = |s: &Scores, k: usize| -> Prf {
        match k {
            0 => s.date,
            1 => s.concat.r1,
            2 => s.concat.r2,
            3 => s.agreement.r1,
            4 => s.agreement.r2,
            5 => s.align.r1,
            _ => s.align.r2,
        }
    };
    let set = |s: &mut Scores, k: usize, v: Prf| match k {
        0 => s.date = v,
        1 => s.concat.r1 = v,
        2 => s.concat.r2 = v,
        3 => s.agreement.r1 = v,
        4 => s.agreement.r2 = v,
        5 => s.align.r1 = v,
        _ => s.align.r2 = v,
    };
    let mut mean = Scores::default();
    let mut published = Scores::default();
    let n = timelines.len().max(1) as f64;
    for k in 0..7 {
        let per_topic: Vec<(f64, f64, f64)> = topics
            .iter()
            .map(|t| {
                let of: Vec<Prf> = timelines
                    .iter()
                    .filter(|x| x.topic == *t)
                    .map(|x| get(&x.scores, k))
                    .collect();
                let m = of.len() as f64;
                (
                    of.iter().map(|x| x.p).sum::<f64>() / m,
                    of.iter().map(|x| x.r).sum::<f64>() / m,
                    of.iter().map(|x| x.f).sum::<f64>() / m,
                )
            })
            .collect();
        let t = per_topic.len().max(1) as f64;
        set(
            &mut mean,
            k,
            Prf {
                p: per_topic.iter().map(|x| x.0).sum::<f64>() / t,
                r: per_topic.iter().map(|x| x.1).sum::<f64>() / t,
                f: per_topic.iter().map(|x| x.2).sum::<f64>() / t,
            },
        );
        let p = timelines.iter().map(|x| get(&x.scores, k).p).sum::<f64>() / n;
        let r = timelines.iter().map(|x| get(&x.scores, k).r).sum::<f64>() / n;
        set(&mut published, k, Prf::new(p, r));
    }
    (mean, published)
}

/// Everything `timeline-eval` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub topics: Vec<TopicInfo>,
    pub systems: Vec<SystemResult>,
    /// The in-sample weights (`--loo` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fitted: Option<Weights>,
}

/// What was read for each reference timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicInfo {
    pub topic: String,
    pub timeline: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Articles read within the span.
    pub articles: usize,
    /// Reference dates (N).
    pub dates: usize,
    /// Entries per date (K).
    pub per_date: usize,
}

/// True when `dir` is a topic folder (has `InputDocs/` and `timelines/`).
pub fn is_topic(dir: &Path) -> bool {
    dir.join("InputDocs").is_dir() && dir.join("timelines").is_dir()
}

/// The instances of one topic folder: one per reference timeline.
fn load_topic(dir: &Path, grammar: &Grammar) -> Result<Vec<Instance>, Error> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("timelines"))
        .map_err(|e| Error::io(dir.join("timelines"), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "{}: expected newsroom timelines (*.txt), found none",
            dir.join("timelines").display()
        )));
    }
    let topic = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string());
    let opts = BuildOptions::default();
    let inputs = build::load_all(&[dir.join("InputDocs")], &opts)?.inputs;
    let mut out = Vec::new();
    for f in &files {
        let reference = read_reference(f)?;
        let (Some(&first), Some(&last)) = (
            reference.entries.keys().next(),
            reference.entries.keys().next_back(),
        ) else {
            return Err(Error::Usage(format!(
                "{}: expected dated entries, found none",
                f.display()
            )));
        };
        let kept: Vec<build::Input> = inputs
            .iter()
            .filter(|i| {
                i.document
                    .path
                    .as_deref()
                    .and_then(build::folder_date)
                    .is_some_and(|(d, _)| first <= d && d <= last)
            })
            .cloned()
            .collect();
        let articles = kept.len();
        let story = build::analyse(kept, &opts, grammar);
        let evidence = story.evidence().clone();
        // --top's rows: the full timeline's and those of a lead alone
        let (rows, happenings) = story.all_rows();
        let by_day = select::day_rows(&rows);
        let (_, vectors) = merge::vectors(&story.events);
        let sentences: usize = reference.entries.values().map(Vec::len).sum();
        let k = ((sentences as f64 / reference.entries.len() as f64).round() as usize).max(1);
        out.push(Instance {
            topic: topic.clone(),
            reference,
            span: (first, last),
            k,
            articles,
            story,
            rows,
            happenings,
            evidence,
            by_day,
            vectors,
        });
    }
    Ok(out)
}

/// The topics `dir` holds: itself, or the topic folders inside it.
fn topic_dirs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let dirs: Vec<PathBuf> = if is_topic(dir) {
        vec![dir.to_path_buf()]
    } else {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_topic(p))
            .collect();
        v.sort();
        v
    };
    if dirs.is_empty() {
        return Err(Error::Usage(format!(
            "{}: expected a topic folder (InputDocs/ and timelines/) or a folder of them, found neither",
            dir.display()
        )));
    }
    Ok(dirs)
}

/// Mean over topics of each instance's value.
fn topic_mean(topics: &[&str], values: &[f64], keep: impl Fn(&str) -> bool) -> f64 {
    let mut per_topic: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for (&i, v) in topics.iter().zip(values) {
        if keep(i) {
            let e = per_topic.entry(i).or_default();
            e.0 += v;
            e.1 += 1;
        }
    }
    if per_topic.is_empty() {
        return 0.0;
    }
    per_topic.values().map(|(s, n)| s / *n as f64).sum::<f64>() / per_topic.len() as f64
}

/// A fit: the weights chosen and how many grid points scored as well.
#[derive(Debug, Clone, Copy)]
struct Fit {
    weights: Weights,
    tied: usize,
}

/// The grid point with the best mean date F1 over the instances `keep`
/// admits (ties: the first point), and how many points tie with it.
fn fit(topics: &[&str], table: &[Vec<f64>], keep: impl Fn(&str) -> bool + Copy) -> Fit {
    let g = grid();
    let means: Vec<f64> = (0..g.len())
        .map(|p| {
            let values: Vec<f64> = table.iter().map(|row| row[p]).collect();
            topic_mean(topics, &values, keep)
        })
        .collect();
    let mut best = (0usize, f64::NEG_INFINITY);
    for (p, &m) in means.iter().enumerate() {
        if m > best.1 + 1e-12 {
            best = (p, m);
        }
    }
    Fit {
        weights: g[best.0],
        tied: means
            .iter()
            .filter(|&&m| (m - best.1).abs() <= 1e-12)
            .count(),
    }
}

/// The shipped weights, as a fit of one.
const SHIPPED: Fit = Fit {
    weights: WEIGHTS,
    tied: 1,
};

fn system(
    name: &str,
    instances: &[Instance],
    weights: impl Fn(&Instance) -> Fit,
    in_span: bool,
    tag_weights: bool,
) -> SystemResult {
    let timelines: Vec<TimelineResult> = instances
        .iter()
        .map(|inst| {
            let Fit { weights: w, tied } = weights(inst);
            let entries = inst.entries(&w, in_span);
            TimelineResult {
                topic: inst.topic.clone(),
                timeline: inst.reference.name.clone(),
                weights: tag_weights.then_some(w),
                tied: tag_weights.then_some(tied),
                scores: score(&entries, &inst.reference.entries),
                picked: entries.keys().copied().collect(),
            }
        })
        .collect();
    let (mean, published) = aggregate(&timelines);
    SystemResult {
        name: name.to_string(),
        rouge: true,
        timelines,
        mean,
        published,
    }
}

/// Scores a topic folder, or every topic folder inside `dir`, in the
/// published set-up; with `loo`, also in-sample and leave-one-topic-out fits.
pub fn evaluate(dir: &Path, grammar: &Grammar, loo: bool) -> Result<Report, Error> {
    let mut instances = Vec::new();
    for d in topic_dirs(dir)? {
        instances.extend(load_topic(&d, grammar)?);
    }
    let topics = instances
        .iter()
        .map(|i| TopicInfo {
            topic: i.topic.clone(),
            timeline: i.reference.name.clone(),
            first: i.span.0,
            last: i.span.1,
            articles: i.articles,
            dates: i.n(),
            per_date: i.k,
        })
        .collect();
    let mut systems = Vec::new();
    let baseline: Vec<TimelineResult> = instances
        .iter()
        .map(|inst| {
            let picked = inst.publication_days();
            let gold: BTreeSet<NaiveDate> = inst.reference.entries.keys().copied().collect();
            TimelineResult {
                topic: inst.topic.clone(),
                timeline: inst.reference.name.clone(),
                weights: None,
                tied: None,
                scores: Scores {
                    date: date_prf(&picked, &gold),
                    ..Scores::default()
                },
                picked: picked.into_iter().collect(),
            }
        })
        .collect();
    let (mean, published) = aggregate(&baseline);
    systems.push(SystemResult {
        name: "publication count (in span)".into(),
        rouge: false,
        timelines: baseline,
        mean,
        published,
    });
    systems.push(system(
        "chronicler, shipped weights, in span",
        &instances,
        |_| SHIPPED,
        true,
        false,
    ));
    systems.push(system(
        "chronicler, shipped weights, unrestricted",
        &instances,
        |_| SHIPPED,
        false,
        false,
    ));
    let mut fitted = None;
    if loo {
        for in_span in [true, false] {
            let table: Vec<Vec<f64>> = instances
                .iter()
                .map(|inst| grid().iter().map(|w| inst.date_f1(w, in_span)).collect())
                .collect();
            let names: Vec<&str> = instances.iter().map(|i| i.topic.as_str()).collect();
            let all = fit(&names, &table, |_| true);
            if in_span {
                fitted = Some(all.weights);
            }
            let where_ = if in_span { "in span" } else { "unrestricted" };
            systems.push(system(
                &format!("chronicler, in-sample fit, {where_}"),
                &instances,
                |_| all,
                in_span,
                true,
            ));
            let folds: HashMap<String, Fit> = instances
                .iter()
                .map(|i| {
                    let t = i.topic.clone();
                    let w = fit(&names, &table, |x: &str| x != t);
                    (i.topic.clone(), w)
                })
                .collect();
            systems.push(system(
                &format!("chronicler, leave-one-topic-out, {where_}"),
                &instances,
                |i| folds[&i.topic],
                in_span,
                true,
            ));
        }
    }
    Ok(Report {
        topics,
        systems,
        fitted,
    })
}

fn weights_text(w: &Weights) -> String {
    format!(
        "next {}, recall {}, plan {}, beta {}",
        w.next, w.recall, w.plan, w.beta
    )
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Published set-up: articles within each reference timeline's span, N = reference dates, K entries per date."
        );
        let _ = writeln!(
            s,
            "{:<16} {:<26} {:>10} {:>10} {:>8} {:>4} {:>3}",
            "topic", "timeline", "first", "last", "articles", "N", "K"
        );
        for t in &self.topics {
            let _ = writeln!(
                s,
                "{:<16} {:<26} {:>10} {:>10} {:>8} {:>4} {:>3}",
                t.topic, t.timeline, t.first, t.last, t.articles, t.dates, t.per_date
            );
        }
        for sys in &self.systems {
            let _ = writeln!(s, "\n## {}", sys.name);
            let _ = writeln!(
                s,
                "{:<16} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}  {}",
                "topic",
                "date F1",
                "cat R1",
                "cat R2",
                "agr R1",
                "agr R2",
                "aln R1",
                "aln R2",
                if sys.timelines.iter().any(|t| t.weights.is_some()) {
                    "weights"
                } else {
                    ""
                }
            );
            let line = |s: &mut String, name: &str, x: &Scores, extra: &str| {
                if sys.rouge {
                    let _ = writeln!(
                        s,
                        "{:<16} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>7.3}  {}",
                        name,
                        x.date.f,
                        x.concat.r1.f,
                        x.concat.r2.f,
                        x.agreement.r1.f,
                        x.agreement.r2.f,
                        x.align.r1.f,
                        x.align.r2.f,
                        extra
                    );
                } else {
                    let _ = writeln!(s, "{:<16} {:>7.3}", name, x.date.f);
                }
            };
            for t in &sys.timelines {
                let mut extra = t.weights.as_ref().map(weights_text).unwrap_or_default();
                if let Some(n) = t.tied.filter(|&n| n > 1) {
                    extra.push_str(&format!(" (the first of {n} tied)"));
                }
                line(&mut s, &t.topic, &t.scores, &extra);
            }
            line(&mut s, "mean", &sys.mean, "");
            line(&mut s, "F(mean P, R)", &sys.published, "");
        }
        if let Some(w) = &self.fitted {
            let _ = writeln!(s, "\nin-sample weights (in span): {}", weights_text(w));
        }
        let _ = write!(s, "shipped weights: {}", weights_text(&WEIGHTS));
        f.write_str(&s)
    }
}

#[cfg(test)]
mod fit_tests {
    use super::*;

    /// A table of date F1 per grid point for three topics, every point 0.1
    /// but those given.
    fn table(points: &[(usize, [f64; 3])]) -> Vec<Vec<f64>> {
        let n = grid().len();
        (0..3)
            .map(|t| {
                (0..n)
                    .map(|p| {
                        points
                            .iter()
                            .find(|(q, _)| *q == p)
                            .map_or(0.1, |(_, v)| v[t])
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_fit_says_how_many_points_tie() {
        let topics = ["a", "b", "c"];
        // points 3 and 7 level on a and b; 7 is better on c
        let t = table(&[(3, [0.5, 0.7, 0.2]), (7, [0.7, 0.5, 0.6])]);
        let left_out_c = fit(&topics, &t, |x| x != "c");
        assert_eq!(left_out_c.weights, grid()[3]);
        assert_eq!(left_out_c.tied, 2);
        let all = fit(&topics, &t, |_| true);
        assert_eq!(all.weights, grid()[7]);
        assert_eq!(all.tied, 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn entries(items: &[(&str, &[&str])]) -> Entries {
        items
            .iter()
            .map(|(day, ss)| (d(day), ss.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn reference_entries_keep_the_last_of_a_repeated_date() {
        let e = parse_reference(
            "2010-09-19\nThe well is sealed .\n--------------------------------\n2010-09-17\nBP pumps cement .\n \nIt sets .\n--------------------------------\n2010-09-19\nagain\n--------------------------------\n",
        );
        assert_eq!(
            e,
            entries(&[
                ("2010-09-17", &["BP pumps cement .", "It sets ."]),
                ("2010-09-19", &["again"])
            ])
        );
    }

    #[test]
    fn date_f1_is_the_harmonic_mean() {
        let gold: BTreeSet<NaiveDate> = [d("2010-09-17"), d("2010-09-19")].into();
        for (picked, f) in [
            (vec!["2010-09-19", "2010-01-01"], 0.5),
            (vec!["2010-09-19"], 2.0 / 3.0),
            (vec![], 0.0),
        ] {
            let picked: BTreeSet<NaiveDate> = picked.into_iter().map(d).collect();
            assert!((date_prf(&picked, &gold).f - f).abs() < 1e-9, "{picked:?}");
        }
    }

    #[test]
    fn rouge_variants_reward_the_right_day_most() {
        // The same words on the right day, a day off, and in the wrong place.
        let reference = entries(&[
            ("2010-04-20", &["The rig exploded in the gulf"]),
            ("2010-07-15", &["The well was capped"]),
        ]);
        let exact = score(
            &entries(&[
                ("2010-04-20", &["The rig exploded in the gulf"]),
                ("2010-07-15", &["The well was capped"]),
            ]),
            &reference,
        );
        let off = score(
            &entries(&[
                ("2010-04-21", &["The rig exploded in the gulf"]),
                ("2010-07-16", &["The well was capped"]),
            ]),
            &reference,
        );
        let swapped = score(
            &entries(&[
                ("2010-04-20", &["The well was capped"]),
                ("2010-07-15", &["The rig exploded in the gulf"]),
            ]),
            &reference,
        );
        for s in [&exact.concat, &exact.agreement, &exact.align] {
            assert!((s.r1.f - 1.0).abs() < 1e-9 && (s.r2.f - 1.0).abs() < 1e-9);
        }
        // concat ignores dates entirely
        assert!((off.concat.r1.f - 1.0).abs() < 1e-9);
        assert!((swapped.concat.r1.f - 1.0).abs() < 1e-9);
        // agreement needs the same day; align gives half for a day off
        assert_eq!(off.agreement.r1.f, 0.0);
        assert!((off.align.r1.f - 0.5).abs() < 1e-9, "{:?}", off.align);
        assert_eq!(off.date.f, 0.0);
        // swapped entries: dates right, words on the wrong dates
        assert_eq!(swapped.date.f, 1.0);
        assert_eq!(swapped.agreement.r1.f, 0.0);
        assert!(swapped.align.r1.f < 0.05, "{:?}", swapped.align);
    }

    #[test]
    fn align_counts_unmatched_dates_and_empty_sides() {
        let reference = entries(&[("2010-04-20", &["The rig exploded"])]);
        let s = score(&Entries::new(), &reference);
        assert_eq!(s.align.r1.f, 0.0);
        assert_eq!(s.date.f, 0.0);
        let s = score(&reference, &Entries::new());
        assert_eq!(s.concat.r1.f, 0.0);
    }
}
