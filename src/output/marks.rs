//! Which rows of a timeline each finding of `check` concerns.
//!
//! A finding cites words of articles (document, character offset); a row
//! cites words too. A row carries a finding's mark when one of its
//! citations (or the other expressions of the same time in its sentences)
//! is among the finding's. Matching by words rather than by row id lets the
//! page and the spreadsheet mark a `--top` timeline, whose ids differ from
//! the full timeline `check` ran on.

use crate::story::check::{Cite, Report};
use crate::story::timeline::Timeline;
use std::collections::{BTreeSet, HashMap};

/// The conflicts, notes and assumptions (indices into the report's lists)
/// of one row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowMarks {
    pub conflicts: BTreeSet<usize>,
    pub assumptions: BTreeSet<usize>,
    /// `check`'s lower-confidence notes ([`Report::notes`]).
    pub notes: BTreeSet<usize>,
}

fn key(c: &Cite) -> (&str, usize) {
    (c.document.as_str(), c.words.start)
}

/// The marks of each row of `t`, in row order.
pub fn row_marks(t: &Timeline, report: &Report) -> Vec<RowMarks> {
    let mut by_words: HashMap<(&str, usize), RowMarks> = HashMap::new();
    for (k, f) in report.conflicts.iter().enumerate() {
        for c in &f.cites {
            by_words.entry(key(c)).or_default().conflicts.insert(k);
        }
    }
    for (k, a) in report.assumptions.iter().enumerate() {
        for c in &a.cites {
            by_words.entry(key(c)).or_default().assumptions.insert(k);
        }
    }
    for (k, f) in report.notes.iter().enumerate() {
        for c in &f.cites {
            by_words.entry(key(c)).or_default().notes.insert(k);
        }
    }
    t.events
        .iter()
        .map(|r| {
            let mut m = RowMarks::default();
            for c in &r.citations {
                let starts =
                    std::iter::once(c.expression.start).chain(c.also.iter().map(|x| x.start));
                for s in starts {
                    if let Some(found) = by_words.get(&(c.document.as_str(), s)) {
                        m.conflicts.extend(&found.conflicts);
                        m.assumptions.extend(&found.assumptions);
                        m.notes.extend(&found.notes);
                    }
                }
            }
            m
        })
        .collect()
}

/// For each finding, the ids of the rows of `t` it concerns.
pub fn finding_rows<'a>(
    t: &'a Timeline,
    marks: &[RowMarks],
) -> (Vec<Vec<&'a str>>, Vec<Vec<&'a str>>) {
    let n_conflicts = marks
        .iter()
        .flat_map(|m| m.conflicts.iter())
        .max()
        .map_or(0, |k| k + 1);
    let n_assumptions = marks
        .iter()
        .flat_map(|m| m.assumptions.iter())
        .max()
        .map_or(0, |k| k + 1);
    let mut conflicts = vec![Vec::new(); n_conflicts];
    let mut assumptions = vec![Vec::new(); n_assumptions];
    for (r, m) in t.events.iter().zip(marks) {
        for &k in &m.conflicts {
            conflicts[k].push(r.id.as_str());
        }
        for &k in &m.assumptions {
            assumptions[k].push(r.id.as_str());
        }
    }
    (conflicts, assumptions)
}

/// For each note of `check`, the ids of the rows of `t` it concerns.
pub fn note_rows<'a>(t: &'a Timeline, marks: &[RowMarks]) -> Vec<Vec<&'a str>> {
    let n = marks
        .iter()
        .flat_map(|m| m.notes.iter())
        .max()
        .map_or(0, |k| k + 1);
    let mut notes = vec![Vec::new(); n];
    for (r, m) in t.events.iter().zip(marks) {
        for &k in &m.notes {
            notes[k].push(r.id.as_str());
        }
    }
    notes
}
