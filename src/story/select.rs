//! `--top N` and `--per-date K`: which days, and which happenings of a day,
//! a shortened timeline keeps.
//!
//! Days are ranked by the evidence of the whole collection
//! ([`crate::story::rank`]); only days with at least one row dated to that
//! day compete, so every day kept shows a happening. A day's happenings are
//! ranked by how central they are to the day's news: the cosine of the
//! row's statements (each weighted by its article's relevance) with all the
//! day's statements, less [`REDUNDANCY`] times its highest cosine with a row
//! already kept (a second report of the same thing gives way to a different
//! happening). Ties go to the row with more sources, then the earlier row.

use crate::engine::timex::Granularity;
use crate::story::events::Event;
use crate::story::merge::{self, Vector};
use crate::story::rank::{Evidence, Ranked, Span, WEIGHTS, Weights};
use crate::story::timeline::{Row, Why};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How much a row's likeness to a row already kept counts against it.
pub const REDUNDANCY: f32 = 1.0;

/// What to keep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Selection {
    /// Keep the N best-supported days.
    pub top: Option<usize>,
    /// Keep at most K rows per day (1 with `top`, all without).
    pub per_date: Option<usize>,
    pub weights: Weights,
    pub span: Span,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            top: None,
            per_date: None,
            weights: WEIGHTS,
            span: Span::Articles,
        }
    }
}

/// The rows (indices into `rows`) dated to each day.
pub fn day_rows(rows: &[Row]) -> BTreeMap<NaiveDate, Vec<usize>> {
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if r.granularity >= Granularity::Day && !r.date.is_empty() {
            by_day.entry(r.sort_key.0.date()).or_default().push(i);
        }
    }
    by_day
}

/// The `n` best days under `weights` and `span` among those with a row, best first.
pub fn pick_days(
    evidence: &Evidence,
    by_day: &BTreeMap<NaiveDate, Vec<usize>>,
    weights: &Weights,
    span: Span,
    n: usize,
) -> Vec<Ranked> {
    let mut ranked = evidence.rank(weights, span, |d| by_day.contains_key(&d));
    ranked.truncate(n);
    ranked
}

/// What [`select`] reads: the story's rows, the statements each row is made
/// of (`happenings[i]` for `rows[i]`, indices into `events`), and the
/// collection's evidence.
pub struct Story<'a> {
    pub rows: &'a [Row],
    pub happenings: &'a [Vec<usize>],
    pub events: &'a [Event],
    pub evidence: &'a Evidence,
}

/// The rows kept (indices into `rows`, ascending) and, for rows of days
/// `top` picked, why.
pub fn select(story: &Story, sel: &Selection) -> Vec<(usize, Option<Why>)> {
    let rows = story.rows;
    if sel.top.is_none() && sel.per_date.is_none() {
        return (0..rows.len()).map(|i| (i, None)).collect();
    }
    let by_day = day_rows(rows);
    let (_, vectors) = merge::vectors(story.events);
    let best = |day_rows: &[usize], k: usize| best_rows(story, &vectors, day_rows, k);
    let mut kept: Vec<(usize, Option<Why>)> = Vec::new();
    match sel.top {
        Some(n) => {
            let k = sel.per_date.unwrap_or(1);
            let ranked = story
                .evidence
                .rank(&sel.weights, sel.span, |d| by_day.contains_key(&d));
            for (i, r) in ranked.iter().enumerate().take(n) {
                let why = story.evidence.why(&ranked, i);
                for row in best(&by_day[&r.day], k) {
                    kept.push((row, Some(why.clone())));
                }
            }
        }
        None => {
            let k = sel.per_date.unwrap_or(usize::MAX);
            for day_rows in by_day.values() {
                kept.extend(best(day_rows, k).into_iter().map(|r| (r, None)));
            }
            let on_days: std::collections::HashSet<usize> =
                by_day.values().flatten().copied().collect();
            kept.extend(
                (0..rows.len())
                    .filter(|i| !on_days.contains(i))
                    .map(|i| (i, None)),
            );
        }
    }
    kept.sort_by_key(|(i, _)| *i);
    kept
}

/// The sum of a row's statement vectors, each weighted by its article's relevance.
fn row_sum(story: &Story, vectors: &[Vector], row: usize) -> BTreeMap<u32, f32> {
    let mut sum: BTreeMap<u32, f32> = BTreeMap::new();
    for &i in &story.happenings[row] {
        let w = story
            .evidence
            .relevance
            .get(story.events[i].doc)
            .copied()
            .unwrap_or(1.0) as f32;
        for &(t, x) in vectors[i].entries() {
            *sum.entry(t).or_insert(0.0) += w * x;
        }
    }
    sum
}

/// How much a row belongs to the story: the relevance of its most relevant
/// article (a row only a page about something else reports is off the story).
fn row_relevance(story: &Story, row: usize) -> f32 {
    story.happenings[row]
        .iter()
        .map(|&i| {
            (story.evidence.relevance)
                .get(story.events[i].doc)
                .copied()
                .unwrap_or(1.0) as f32
        })
        .fold(0.0, f32::max)
}

fn unit(sum: &BTreeMap<u32, f32>) -> Vector {
    Vector::from_weights(sum.iter().map(|(&t, &w)| (t, w)).collect())
}

/// The `k` best rows among `candidates` (indices into the rows), best first.
pub fn best_rows(story: &Story, vectors: &[Vector], candidates: &[usize], k: usize) -> Vec<usize> {
    if candidates.len() <= 1 || k == 0 {
        return candidates.iter().copied().take(k).collect();
    }
    let sums: Vec<BTreeMap<u32, f32>> = candidates
        .iter()
        .map(|&r| row_sum(story, vectors, r))
        .collect();
    let sources: Vec<usize> = candidates.iter().map(|&r| story.rows[r].sources).collect();
    let relevance: Vec<f32> = candidates
        .iter()
        .map(|&r| row_relevance(story, r))
        .collect();
    best_of_sums(&sums, &sources, &relevance, k)
        .into_iter()
        .map(|c| candidates[c])
        .collect()
}

/// The `k` best of a day's rows given, in row order, by the sums of their
/// statements' vectors (each weighted by its article's relevance), their
/// sources and their relevance to the story ([`row_relevance`]): their
/// positions, best first ([`best_rows`]). A row's gain is its likeness to
/// the day times its relevance, less its likeness to the rows picked before.
pub fn best_of_sums(
    sums: &[BTreeMap<u32, f32>],
    sources: &[usize],
    relevance: &[f32],
    k: usize,
) -> Vec<usize> {
    if sums.len() <= 1 || k == 0 {
        return (0..sums.len()).take(k).collect();
    }
    let mut day: BTreeMap<u32, f32> = BTreeMap::new();
    for s in sums {
        for (&t, &x) in s {
            *day.entry(t).or_insert(0.0) += x;
        }
    }
    let day = unit(&day);
    let units: Vec<Vector> = sums.iter().map(unit).collect();
    let central: Vec<f32> = units.iter().map(|u| u.cosine(&day)).collect();
    let mut left: Vec<usize> = (0..sums.len()).collect();
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < k && !left.is_empty() {
        let gain = |c: usize| {
            let red = picked
                .iter()
                .map(|&p| units[c].cosine(&units[p]))
                .fold(0.0f32, f32::max);
            central[c] * relevance.get(c).copied().unwrap_or(1.0) - REDUNDANCY * red
        };
        let (pos, _) = left
            .iter()
            .enumerate()
            .max_by(|&(_, &a), &(_, &b)| {
                gain(a)
                    .total_cmp(&gain(b))
                    .then(sources[a].cmp(&sources[b]))
                    .then(b.cmp(&a))
            })
            .expect("rows left");
        picked.push(left.remove(pos));
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(pairs: &[(u32, f32)]) -> BTreeMap<u32, f32> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn a_days_best_row_is_of_the_story() {
        // the first row is the more like the day's rows, the second is from
        // the more relevant articles
        let sums = [sum(&[(1, 3.0), (2, 1.0)]), sum(&[(1, 1.0), (3, 1.0)])];
        assert_eq!(best_of_sums(&sums, &[1, 1], &[1.0, 1.0], 1), vec![0]);
        assert_eq!(best_of_sums(&sums, &[1, 1], &[0.5, 1.0], 1), vec![1]);
        // both, in that order, when two are kept
        assert_eq!(best_of_sums(&sums, &[1, 1], &[0.5, 1.0], 2), vec![1, 0]);
    }
}
