//! Assumptions: every resolution that rests on a guess, with the rows and
//! statements that ride on it, ranked by risk: how likely the guess is to
//! be wrong ([`risk`]), times how much rides on it, less when other
//! articles date the same happening the same way without it.
//!
//! Risky first: an inferred article date; a bare weekday in a clause with a
//! modal or future cue ("could meet on Thursday") or after "by" ("by
//! Thursday"), which may be this week's or the next; a year supplied for a
//! month across the year's edge from the article ("December" in a January
//! article). Safe last: a weekday told in the past tense, a month of the
//! article's own season ("13 January" in a January 2010 article).

use super::analysis::{Analysis, clause_words, display};
use super::report::{Assumption, AssumptionKind, MAX_NAMED};
use crate::article::document::{Dct, DctSource};
use crate::engine::timex::Mention;
use crate::story::events::LEAD_ASSUMPTION;
use crate::story::timeline::quoted_words;
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
        } else if a == LEAD_ASSUMPTION {
            AssumptionKind::ArticleDay
        } else {
            AssumptionKind::Other
        };
        out.push((kind, a.clone()));
    }
    // "by Thursday" in a Thursday article is read as that day: a guess too.
    if out.is_empty()
        && (m.rule.contains("-tense sentence")
            || m.rule.contains("sentence's tense")
            || m.rule.starts_with("weekday equal to the article date"))
    {
        out.push((AssumptionKind::TenseReading, m.rule.clone()));
    }
    out
}

/// Words that make a bare weekday's week uncertain: modal and future cues.
const MODAL: &[&str] = &[
    "will",
    "shall",
    "would",
    "could",
    "may",
    "might",
    "must",
    "should",
    "won't",
    "expected",
    "scheduled",
    "due",
    "plans",
    "planned",
    "plan",
    "set",
    "going",
    "hopes",
    "intends",
];

/// True when the clause around bytes `start..end` of `sentence` (up to six
/// words each side, [`clause_words`]) has a modal or future cue.
pub(super) fn modal(sentence: &str, start: usize, end: usize) -> bool {
    let (before, after) = clause_words(sentence, start, end, 6);
    before
        .iter()
        .chain(&after)
        .any(|w| MODAL.contains(&w.as_str()) || w.ends_with("'ll"))
}

/// How likely a guess is to be wrong, from 0.5 (safe) to 3 (risky).
/// `modal` whether the expression's clause has a modal or future cue,
/// `deadline` whether "by" precedes it, `published` the article's date.
pub(super) fn risk(
    kind: AssumptionKind,
    m: &Mention,
    modal: bool,
    deadline: bool,
    published: Option<chrono::NaiveDate>,
) -> f64 {
    use chrono::Datelike;
    match kind {
        AssumptionKind::InferredArticleDate => 3.0,
        AssumptionKind::TenseReading | AssumptionKind::TenseDefault => {
            let weekday = m.rule.contains("weekday") || m.parse.contains("weekday");
            if weekday && (deadline || modal) {
                3.0
            } else if kind == AssumptionKind::TenseDefault {
                1.0
            } else {
                0.5
            }
        }
        AssumptionKind::YearSupplied => {
            let v = &m.timex.value;
            let (Some(y), Some(mo), Some(p)) = (
                v.get(..4).and_then(|x| x.parse::<i32>().ok()),
                v.get(5..7).and_then(|x| x.parse::<u32>().ok()),
                published,
            ) else {
                return 1.0;
            };
            let (py, pm) = (p.year(), p.month());
            let edge = (pm <= 2 && mo >= 10) || (pm >= 11 && mo <= 3);
            if y != py || edge {
                2.5
            } else if mo.abs_diff(pm) <= 3 {
                0.5
            } else {
                1.0
            }
        }
        AssumptionKind::NarrativeAnchor => 1.5,
        // News told in the present perfect is of its day or the day before:
        // as safe as a weekday placed by a past tense.
        AssumptionKind::ArticleDay => 0.5,
        AssumptionKind::Other => 1.0,
    }
}

/// How much rides on a guess: grows slowly with the statements.
fn consequence(statements: usize) -> f64 {
    1.0 + 0.25 * (statements.max(1) as f64).ln()
}

impl<'s> Analysis<'s> {
    /// Every guess a cited date rests on, ranked by risk.
    pub(super) fn assumptions(&self) -> Vec<Assumption> {
        let mut out: Vec<Assumption> = Vec::new();
        // Everything below is computed once per event, row and article, not
        // per pair: a story copied by hundreds of outlets has rows of
        // hundreds of events.
        // Articles in name order, for listing them.
        let mut by_name: Vec<usize> = (0..self.docs.len()).collect();
        by_name.sort_by(|&a, &b| self.docs[a].id.cmp(self.docs[b].id));
        let mut rank = vec![0; self.docs.len()];
        for (r, &d) in by_name.iter().enumerate() {
            rank[d] = r;
        }
        let plain: Vec<bool> = self
            .events
            .iter()
            .map(|e| guesses(&e.mention).is_empty())
            .collect();
        // Per row: the articles that date it (by name rank), each with
        // whether one of its statements needs no guess; and the articles
        // that date it without an inferred article date.
        let mut dating: Vec<Vec<(usize, bool)>> = Vec::with_capacity(self.members.len());
        let mut confirming: Vec<Vec<usize>> = Vec::with_capacity(self.members.len());
        for members in &self.members {
            let mut docs: BTreeMap<usize, bool> = BTreeMap::new();
            let mut sure: BTreeSet<usize> = BTreeSet::new();
            for &k in members {
                let e = &self.events[k];
                if e.relation.is_none() {
                    *docs.entry(rank[e.doc]).or_insert(plain[k]) |= plain[k];
                }
                let inferred = matches!(
                    self.docs[e.doc].dct.as_ref().map(|x| &x.source),
                    Some(DctSource::Inferred(_))
                );
                if !inferred || !e.depends_on_dct {
                    sure.insert(rank[e.doc]);
                }
            }
            dating.push(docs.into_iter().collect());
            confirming.push(sure.into_iter().collect());
        }
        let weight_of = |docs: &[(usize, bool)]| -> f64 {
            docs.iter().map(|&(_, p)| if p { 1.0 } else { 0.5 }).sum()
        };
        let row_weight: Vec<f64> = dating.iter().map(|d| weight_of(d)).collect();
        // The first names of the union of sorted rank lists, without `except`.
        let first_names = |lists: &[&[usize]], except: usize| -> Vec<String> {
            let mut heads: Vec<usize> = vec![0; lists.len()];
            let mut names = Vec::new();
            while names.len() < MAX_NAMED {
                let next = lists
                    .iter()
                    .zip(&heads)
                    .filter_map(|(l, &h)| l.get(h).copied())
                    .min();
                let Some(r) = next else { break };
                for (l, h) in lists.iter().zip(heads.iter_mut()) {
                    if l.get(*h) == Some(&r) {
                        *h += 1;
                    }
                }
                if r != except {
                    names.push(self.docs[by_name[r]].id.to_string());
                }
            }
            names
        };
        // Other articles dating a row the same way: each corroborates a
        // guess fully when it needs no guess of its own, half when it does.
        let others = |row: usize, except: usize| -> (Vec<String>, usize, f64) {
            let docs = &dating[row];
            let mine = docs
                .binary_search_by_key(&rank[except], |&(r, _)| r)
                .ok()
                .map(|i| docs[i].1);
            let weight = row_weight[row] - mine.map_or(0.0, |p| if p { 1.0 } else { 0.5 });
            let ranks: Vec<usize> = docs.iter().map(|&(r, _)| r).take(MAX_NAMED + 1).collect();
            let names = first_names(&[&ranks], rank[except]);
            let more = docs.len() - usize::from(mine.is_some()) - names.len();
            (names, more, weight)
        };
        let mut events_of: Vec<Vec<usize>> = vec![Vec::new(); self.docs.len()];
        for (k, e) in self.events.iter().enumerate() {
            events_of[e.doc].push(k);
        }
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
            let riding: Vec<usize> = events_of[d]
                .iter()
                .copied()
                .filter(|&k| self.events[k].depends_on_dct && self.row_of[k].is_some())
                .collect();
            let rows: BTreeSet<usize> = riding.iter().filter_map(|&k| self.row_of[k]).collect();
            let mut share = 0.0;
            let mut at_least = 0;
            for &k in &riding {
                let Some(r) = self.row_of[k] else { continue };
                let sure = &confirming[r];
                let n = sure.len() - usize::from(sure.binary_search(&rank[d]).is_ok());
                share += 1.0 / (1.0 + n as f64);
                at_least = at_least.max(n);
            }
            let lists: Vec<&[usize]> = rows.iter().map(|&r| confirming[r].as_slice()).collect();
            let corroborated = first_names(&lists, rank[d]);
            let kind = AssumptionKind::InferredArticleDate;
            let uncorroborated = share / riding.len().max(1) as f64;
            out.push(Assumption {
                rank: 0,
                kind,
                guess: format!("{} is dated {date}: {basis}", doc.id),
                risk: 3.0,
                score: round2(3.0 * uncorroborated * consequence(riding.len())),
                statements: riding.len(),
                rows: rows
                    .iter()
                    .map(|&r| self.timeline.events[r].id.clone())
                    .collect(),
                corroborated_by_more: at_least.saturating_sub(corroborated.len()),
                corroborated_by: corroborated,
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
                    let (names, more, weight) = others(r, e.doc);
                    let doc = &self.docs[e.doc];
                    let modal = doc.sentence_at(m.byte_start).is_some_and(|s| {
                        modal(
                            &doc.text[s.start..s.end],
                            m.byte_start - s.start,
                            m.byte_end.min(s.end) - s.start,
                        )
                    });
                    // "by Thursday" points ahead whatever the verb's tense.
                    let deadline = e.relation.as_deref() == Some("by");
                    let risk = risk(kind, m, modal, deadline, doc.dct.map(|d| d.date));
                    let score = risk / (1.0 + weight);
                    out.push(Assumption {
                        rank: 0,
                        kind,
                        guess: format!("{} → {}: {guess}", quoted_words(&m.text), display(m)),
                        risk,
                        score: round2(score),
                        statements: 1,
                        rows: vec![self.timeline.events[r].id.clone()],
                        corroborated_by: names,
                        corroborated_by_more: more,
                        cites: vec![self.docs[e.doc].cite(m, self.row_id(k))],
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.risk.total_cmp(&a.risk))
                .then(a.kind.cmp(&b.kind))
                .then_with(|| first_key(a).cmp(&first_key(b)))
        });
        for (i, a) in out.iter_mut().enumerate() {
            a.rank = i + 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(s: &str, words: &str) -> bool {
        let at = s.find(words).unwrap();
        modal(s, at, at + words.len())
    }

    #[test]
    fn a_modal_cue_counts_in_the_expressions_clause_only() {
        assert!(around("Kerry will meet Monday with ministers.", "Monday"));
        assert!(around("The talks could resume on Thursday.", "Thursday"));
        assert!(!around(
            "On Thursday, the Post published a document it said Kerry would put forward.",
            "Thursday"
        ));
        assert!(!around("He met Putin on Thursday.", "Thursday"));
    }
}
