//! Assumptions: every resolution that rests on a guess, with the rows and
//! statements that ride on it.

use super::analysis::{Analysis, display};
use super::report::{Assumption, AssumptionKind};
use crate::article::document::{Dct, DctSource};
use crate::engine::timex::Mention;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn first_key(a: &Assumption) -> (String, usize) {
    a.cites
        .first()
        .map(|c| (c.document.clone(), c.words.start))
        .unwrap_or_default()
}

pub(super) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The guesses one expression's date rests on (not the article date's).
pub(super) fn guesses(m: &Mention) -> Vec<(AssumptionKind, String)> {
    let mut out = Vec::new();
    for a in &m.assumptions {
        let kind = if a.starts_with("article date inferred")
            || a.starts_with("start of the range")
            || a.starts_with("end of the range")
            || a.starts_with("the text says")
        {
            continue;
        } else if a.starts_with("year not stated") || a.starts_with("century not stated") {
            AssumptionKind::YearSupplied
        } else if a.contains("past assumed") {
            AssumptionKind::TenseDefault
        } else if a.starts_with("no earlier date in the text") {
            AssumptionKind::NarrativeAnchor
        } else {
            AssumptionKind::Other
        };
        out.push((kind, a.clone()));
    }
    if out.is_empty() && (m.rule.contains("-tense sentence") || m.rule.contains("sentence's tense"))
    {
        out.push((AssumptionKind::TenseReading, m.rule.clone()));
    }
    out
}

impl<'s> Analysis<'s> {
    /// Every guess a cited date rests on, ranked by how much rides on it.
    pub(super) fn assumptions(&self) -> Vec<Assumption> {
        let mut out: Vec<Assumption> = Vec::new();
        // Other articles dating a row the same way: each corroborates a
        // guess fully when it needs no guess of its own, half when it does.
        let others = |row: usize, except: usize| -> (BTreeSet<String>, f64) {
            let mut docs: BTreeMap<usize, bool> = BTreeMap::new();
            for &k in &self.members[row] {
                let e = &self.events[k];
                if e.doc != except && e.relation.is_none() {
                    let plain = guesses(&e.mention).is_empty();
                    let d = docs.entry(e.doc).or_insert(plain);
                    *d |= plain;
                }
            }
            let weight = docs.values().map(|&p| if p { 1.0 } else { 0.5 }).sum();
            let names = docs.keys().map(|&d| self.docs[d].id.to_string()).collect();
            (names, weight)
        };
        // Inferred article dates.
        for (d, doc) in self.docs.iter().enumerate() {
            let Some(Dct {
                source: DctSource::Inferred(basis),
                date,
                ..
            }) = &doc.dct
            else {
                continue;
            };
            let riding: Vec<usize> = (0..self.events.len())
                .filter(|&k| {
                    self.events[k].doc == d
                        && self.events[k].depends_on_dct
                        && self.row_of[k].is_some()
                })
                .collect();
            let rows: BTreeSet<usize> = riding.iter().filter_map(|&k| self.row_of[k]).collect();
            let mut corroborated = BTreeSet::new();
            let mut score = 0.0;
            for &k in &riding {
                let Some(r) = self.row_of[k] else { continue };
                let others: BTreeSet<String> = self.members[r]
                    .iter()
                    .filter(|&&j| self.events[j].doc != d)
                    .filter(|&&j| {
                        !matches!(
                            self.docs[self.events[j].doc]
                                .dct
                                .as_ref()
                                .map(|x| &x.source),
                            Some(DctSource::Inferred(_))
                        ) || !self.events[j].depends_on_dct
                    })
                    .map(|&j| self.docs[self.events[j].doc].id.to_string())
                    .collect();
                score += 1.0 / (1.0 + others.len() as f64);
                corroborated.extend(others);
            }
            let kind = AssumptionKind::InferredArticleDate;
            out.push(Assumption {
                rank: 0,
                kind,
                guess: format!("{} is dated {date}: {basis}", doc.id),
                score: round2(kind.weight() * score),
                statements: riding.len(),
                rows: rows
                    .iter()
                    .map(|&r| self.timeline.events[r].id.clone())
                    .collect(),
                corroborated_by: corroborated.into_iter().collect(),
                cites: riding
                    .iter()
                    .take(12)
                    .map(|&k| self.cite_event(k))
                    .collect(),
            });
        }
        // Guesses of single expressions that date a cited statement.
        for (k, e) in self.events.iter().enumerate() {
            let Some(r) = self.row_of[k] else { continue };
            for m in std::iter::once(&e.mention).chain(&e.also) {
                for (kind, guess) in guesses(m) {
                    let (others, weight) = others(r, e.doc);
                    let score = kind.weight() / (1.0 + weight);
                    out.push(Assumption {
                        rank: 0,
                        kind,
                        guess: format!("“{}” → {}: {guess}", m.text, display(m)),
                        score: round2(score),
                        statements: 1,
                        rows: vec![self.timeline.events[r].id.clone()],
                        corroborated_by: others.into_iter().collect(),
                        cites: vec![self.docs[e.doc].cite(m, self.row_id(k))],
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.kind.cmp(&b.kind))
                .then_with(|| first_key(a).cmp(&first_key(b)))
        });
        for (i, a) in out.iter_mut().enumerate() {
            a.rank = i + 1;
        }
        out
    }
}
