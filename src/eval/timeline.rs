//! Scoring `build --top N` against newsroom timelines (Timeline17 layout).
//!
//! A topic folder holds `InputDocs/<YYYY-MM-DD>/<n>.htm.txt` (the folder
//! name is the article date) and `timelines/*.txt` (a date line
//! `YYYY-MM-DD`, the entry's sentences, a line of dashes between entries).
//! For each newsroom timeline with N distinct dates, the build's N best
//! supported days ([`crate::story::rank::top`]) are compared with the
//! newsroom's: precision, recall and F1 of the date sets ("date F1"). A
//! topic's score is the mean over its timelines; the corpus score the mean
//! over topics.
//!
//! A second score, "in span", takes the N best days that lie between the
//! newsroom timeline's first and last date. That is how published systems
//! are scored on Timeline17 (Martschat & Markert 2018; Ghalandari & Ifrim
//! 2020 restrict the input to the reference timeline's time span), so it is
//! the number to compare with theirs; the first score uses nothing of the
//! newsroom timeline but its size.

use crate::engine::tag::Grammar;
use crate::error::Error;
use crate::story::build::{self, BuildOptions};
use crate::story::rank;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// The score of one newsroom timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineScore {
    pub timeline: String,
    /// Distinct dates in the newsroom timeline (= N).
    pub dates: usize,
    /// Days the build picked.
    pub picked: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Date F1 when only days within the newsroom timeline's span compete.
    pub f1_in_span: f64,
}

/// The score of one topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicScore {
    pub topic: String,
    pub articles: usize,
    pub timelines: Vec<TimelineScore>,
    /// Mean date F1 over the topic's timelines.
    pub f1: f64,
    /// Mean date F1 in span over the topic's timelines.
    pub f1_in_span: f64,
}

/// Scores of every topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub topics: Vec<TopicScore>,
    /// Mean of the topics' date F1.
    pub f1: f64,
    /// Mean of the topics' date F1 in span.
    pub f1_in_span: f64,
}

/// The distinct dates of a newsroom timeline file.
pub fn read_timeline(path: &Path) -> Result<BTreeSet<NaiveDate>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(timeline_dates(&text))
}

/// The distinct dates of newsroom timeline text: lines that are only a date.
pub fn timeline_dates(text: &str) -> BTreeSet<NaiveDate> {
    text.lines()
        .filter_map(|l| NaiveDate::parse_from_str(l.trim(), "%Y-%m-%d").ok())
        .collect()
}

/// Date precision, recall and F1 of `picked` against `gold`.
pub fn date_f1(picked: &BTreeSet<NaiveDate>, gold: &BTreeSet<NaiveDate>) -> (usize, f64, f64, f64) {
    let matched = picked.intersection(gold).count();
    let p = if picked.is_empty() {
        0.0
    } else {
        matched as f64 / picked.len() as f64
    };
    let r = if gold.is_empty() {
        0.0
    } else {
        matched as f64 / gold.len() as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (matched, p, r, f)
}

/// True when `dir` is a topic folder (has `InputDocs/` and `timelines/`).
pub fn is_topic(dir: &Path) -> bool {
    dir.join("InputDocs").is_dir() && dir.join("timelines").is_dir()
}

/// Scores one topic folder.
pub fn evaluate_topic(dir: &Path, grammar: &Grammar) -> Result<TopicScore, Error> {
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
    let opts = BuildOptions::default();
    let t = build::build(&[dir.join("InputDocs")], &opts, grammar)?;
    let published = rank::publication_days(
        t.documents
            .iter()
            .filter_map(|d| d.dct.as_deref()?.get(..10))
            .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
    );
    let mut timelines = Vec::new();
    for f in &files {
        let gold = read_timeline(f)?;
        let picked: BTreeSet<NaiveDate> = rank::top(t.events.clone(), gold.len(), &published)
            .iter()
            .map(|r| r.sort_key.0.date())
            .collect();
        let (matched, precision, recall, f1) = date_f1(&picked, &gold);
        let f1_in_span = match (gold.first(), gold.last()) {
            (Some(&first), Some(&last)) => {
                let picked: BTreeSet<NaiveDate> =
                    rank::top(t.events.clone(), usize::MAX, &published)
                        .iter()
                        .map(|r| r.sort_key.0.date())
                        .filter(|d| (first..=last).contains(d))
                        .take(gold.len())
                        .collect();
                date_f1(&picked, &gold).3
            }
            _ => 0.0,
        };
        timelines.push(TimelineScore {
            timeline: f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            dates: gold.len(),
            picked: picked.len(),
            matched,
            precision,
            recall,
            f1,
            f1_in_span,
        });
    }
    let mean = |f: fn(&TimelineScore) -> f64| {
        timelines.iter().map(f).sum::<f64>() / timelines.len() as f64
    };
    let (f1, f1_in_span) = (mean(|s| s.f1), mean(|s| s.f1_in_span));
    Ok(TopicScore {
        topic: dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string()),
        articles: t.documents.len(),
        timelines,
        f1,
        f1_in_span,
    })
}

/// Scores a topic folder, or every topic folder inside `dir`.
pub fn evaluate(dir: &Path, grammar: &Grammar) -> Result<Report, Error> {
    let topics_dirs: Vec<PathBuf> = if is_topic(dir) {
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
    if topics_dirs.is_empty() {
        return Err(Error::Usage(format!(
            "{}: expected a topic folder (InputDocs/ and timelines/) or a folder of them, found neither",
            dir.display()
        )));
    }
    let topics = topics_dirs
        .iter()
        .map(|d| evaluate_topic(d, grammar))
        .collect::<Result<Vec<_>, _>>()?;
    let f1 = topics.iter().map(|t| t.f1).sum::<f64>() / topics.len() as f64;
    let f1_in_span = topics.iter().map(|t| t.f1_in_span).sum::<f64>() / topics.len() as f64;
    Ok(Report {
        topics,
        f1,
        f1_in_span,
    })
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<16} {:>8} {:<26} {:>5} {:>7} {:>6} {:>6} {:>6} {:>8}",
            "topic", "articles", "timeline", "N", "matched", "P", "R", "F1", "in span"
        )?;
        for t in &self.topics {
            for s in &t.timelines {
                writeln!(
                    f,
                    "{:<16} {:>8} {:<26} {:>5} {:>7} {:>6.3} {:>6.3} {:>6.3} {:>8.3}",
                    t.topic,
                    t.articles,
                    s.timeline,
                    s.dates,
                    s.matched,
                    s.precision,
                    s.recall,
                    s.f1,
                    s.f1_in_span
                )?;
            }
        }
        for t in &self.topics {
            writeln!(
                f,
                "{:<16} date F1 {:.3} (in span {:.3})",
                t.topic, t.f1, t.f1_in_span
            )?;
        }
        write!(
            f,
            "mean date F1 over {} topics: {:.3} (in the newsroom timelines' spans, as published systems are scored: {:.3})",
            self.topics.len(),
            self.f1,
            self.f1_in_span
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_dates_and_f1() {
        let gold = timeline_dates(
            "2010-09-19\nThe well is sealed .\n--------\n2010-09-17\nBP pumps cement .\n--------\n2010-09-19\nagain\n",
        );
        assert_eq!(gold.len(), 2);
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let picked: BTreeSet<NaiveDate> = [d("2010-09-19"), d("2010-01-01")].into_iter().collect();
        let (m, p, r, f) = date_f1(&picked, &gold);
        assert_eq!(m, 1);
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.5).abs() < 1e-9);
        assert_eq!(date_f1(&BTreeSet::new(), &gold).3, 0.0);
    }
}
