//! Cross-source conflicts: one happening dated differently by articles
//! that do not tell the two datings apart.

use super::analysis::{Analysis, short};
use super::report::{Cite, Finding, Kind};
use crate::engine::timex::Granularity;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::BTreeSet;

/// Similarity above which two happenings on different dates, which no
/// article tells apart, are taken to be one happening dated differently.
pub const CONFLICT_SIMILARITY: f32 = 0.45;

/// How far apart (days) two datings of one happening may lie and still be
/// reported as a conflict; further apart they are taken as two happenings
/// (an anniversary, a follow-up) unless the dates are coarser than this.
pub const CONFLICT_WINDOW_DAYS: i64 = 7;

/// Whether two datings could be one happening dated differently: two days
/// (or finer), a day and a week or month it may have been placed in, or two
/// stretches of the same kind (1998 and 1999) — not a day and a year.
pub(super) fn comparable(ga: Granularity, la: Duration, gb: Granularity, lb: Duration) -> bool {
    let month = Duration::days(31);
    match (ga >= Granularity::Day, gb >= Granularity::Day) {
        (true, true) => true,
        (true, false) => lb <= month,
        (false, true) => la <= month,
        (false, false) => ga == gb,
    }
}

impl<'s> Analysis<'s> {
    /// Happenings dated differently by articles that do not tell them apart.
    pub(super) fn cross_source(&self, out: &mut Vec<Finding>) {
        struct View {
            row: usize,
            members: Vec<usize>,
            docs: BTreeSet<usize>,
            start: NaiveDateTime,
            end: NaiveDateTime,
            /// Every statement dates it to its own article's day ("today", "on
            /// Friday" in a Friday article): a report of that day's news.
            own_day: bool,
        }
        let views: Vec<View> = self
            .members
            .iter()
            .enumerate()
            .filter_map(|(row, ms)| {
                let members: Vec<usize> = ms
                    .iter()
                    .copied()
                    .filter(|&i| self.events[i].relation.is_none())
                    .collect();
                let start = members.iter().map(|&i| self.events[i].span.start).min()?;
                let end = members.iter().map(|&i| self.events[i].span.end).max()?;
                let docs = members.iter().map(|&i| self.events[i].doc).collect();
                let own_day = members.iter().all(|&i| {
                    let e = &self.events[i];
                    e.day().is_some() && e.day() == self.docs[e.doc].dct.as_ref().map(|d| d.date)
                });
                Some(View {
                    row,
                    members,
                    docs,
                    start,
                    end,
                    own_day,
                })
            })
            .collect();
        let mut order: Vec<usize> = (0..views.len()).collect();
        order.sort_by_key(|&k| views[k].start);
        // No pair is further apart than the widest window: past it, stop.
        let widest = views
            .iter()
            .map(|v| v.end - v.start)
            .max()
            .unwrap_or_default()
            .max(Duration::days(CONFLICT_WINDOW_DAYS));
        for (x, &ka) in order.iter().enumerate() {
            let a = &views[ka];
            for &kb in &order[x + 1..] {
                let b = &views[kb];
                let window = Duration::days(CONFLICT_WINDOW_DAYS)
                    .max(a.end - a.start)
                    .max(b.end - b.start);
                if b.start - a.end > widest {
                    break;
                }
                if b.start - a.end > window {
                    continue;
                }
                // Articles that tell the two apart, or that each report their
                // own day's news (a daily briefing, a recurring event), are no conflict.
                if !a.docs.is_disjoint(&b.docs) || (a.own_day && b.own_day) {
                    continue;
                }
                // Every article must have been in a position to know both
                // dates: all written after both (looking back), or all before
                // both (looking ahead). An article dated between them may
                // simply report a later happening of the same kind.
                let (lo, hi) = (a.start.min(b.start).date(), a.start.max(b.start).date());
                let dcts: Vec<NaiveDate> = a
                    .docs
                    .iter()
                    .chain(&b.docs)
                    .filter_map(|&d| self.docs[d].dct.as_ref().map(|x| x.date))
                    .collect();
                if !(dcts.iter().all(|&d| d >= hi) || dcts.iter().all(|&d| d <= lo)) {
                    continue;
                }
                if !comparable(
                    self.timeline.events[a.row].granularity,
                    a.end - a.start,
                    self.timeline.events[b.row].granularity,
                    b.end - b.start,
                ) {
                    continue;
                }
                let overlap = a.members.iter().any(|&i| {
                    b.members.iter().any(|&j| {
                        let (s, t) = (&self.events[i].span, &self.events[j].span);
                        s.start < t.end && t.start < s.end
                    })
                });
                if overlap {
                    continue;
                }
                let Some((sim, i, j)) = self.best_pair(&a.members, &b.members) else {
                    continue;
                };
                if sim < CONFLICT_SIMILARITY {
                    continue;
                }
                out.push(self.conflict_finding(a.row, b.row, sim, i, j));
            }
        }
    }

    /// The most similar pair of events of two rows.
    pub(super) fn best_pair(&self, a: &[usize], b: &[usize]) -> Option<(f32, usize, usize)> {
        let mut best: Option<(f32, usize, usize)> = None;
        for &i in a.iter().take(40) {
            for &j in b.iter().take(40) {
                let s = self.vectors[i].cosine(&self.vectors[j]);
                if best.is_none_or(|(bs, _, _)| s > bs) {
                    best = Some((s, i, j));
                }
            }
        }
        best
    }

    pub(super) fn conflict_finding(
        &self,
        ra: usize,
        rb: usize,
        sim: f32,
        i: usize,
        j: usize,
    ) -> Finding {
        let (a, b) = (&self.timeline.events[ra], &self.timeline.events[rb]);
        let names = |docs: &[String]| -> String { docs.join(", ") };
        let side = |r: &crate::story::timeline::Row| -> String {
            format!(
                "{} ({} article{}: {})",
                r.display_date,
                r.documents.len(),
                if r.documents.len() == 1 { "" } else { "s" },
                names(&r.documents)
            )
        };
        let majority = match a.documents.len().cmp(&b.documents.len()) {
            std::cmp::Ordering::Greater => format!(
                " Most of the articles say {}; check {}.",
                a.display_date,
                names(&b.documents)
            ),
            std::cmp::Ordering::Less => format!(
                " Most of the articles say {}; check {}.",
                b.display_date,
                names(&a.documents)
            ),
            std::cmp::Ordering::Equal => String::new(),
        };
        let mut cites: Vec<Cite> = Vec::new();
        for &k in self.members[ra].iter().chain(&self.members[rb]) {
            cites.push(self.cite_event(k));
        }
        // The closest pair first: they are the words to compare.
        cites.sort_by_key(|c| {
            let key = |e: usize| {
                (
                    self.docs[self.events[e].doc].id.to_string(),
                    self.events[e].mention.start,
                )
            };
            let (ki, kj) = (key(i), key(j));
            let this = (c.document.clone(), c.words.start);
            (this != ki, this != kj)
        });
        Finding {
            kind: Kind::CrossSource,
            title: format!(
                "“{}” is dated {} and {}",
                short(&self.events[i].headline, 90),
                a.display_date,
                b.display_date
            ),
            detail: format!(
                "The same happening is dated {} and {}. The statements share their words (similarity {sim:.2}) \
                 and no article tells the two apart.{majority}",
                side(a),
                side(b)
            ),
            cites,
        }
    }
}
