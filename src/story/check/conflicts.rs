//! Conflicts between happenings: one happening ([`crate::story::happen`]:
//! the statements of several articles joined as one happening, across
//! neighbouring days) that different articles, or one article in two
//! places, date to different days.
//!
//! A row of the timeline is one happening; its day is the day most
//! articles give it, and statements that date it to another day are
//! disputed ([`crate::story::rows`]). A disputed day is a conflict when a
//! statement giving it and a statement giving the row's day
//!
//! * say the same thing: their words are alike (cosine at least
//!   [`CONFLICT_SIMILARITY`]) — the happening's link may have been made
//!   through other statements;
//! * were both written when their writers could know both days (articles
//!   dated on or after both): an article of the day before may report a
//!   plan, not the happening;
//! * are not one moment told on both sides of midnight ("late Tuesday" and
//!   "early Wednesday"; "11 p.m. Monday ET" and "5 a.m. Tuesday in Libya").
//!
//! A happening gives one finding per disputed day, and findings of several
//! happenings that the same articles date the same day off are one finding:
//! one misdating, reported once. Statements of an article whose own date is
//! likely wrong ([`super::misdated`]) are reported with that article, not here.

use super::analysis::{Analysis, Pairing, clause_words, short};
use super::report::{Cite, Finding, Kind};
use crate::engine::tense::Tense;
use crate::engine::timex::Granularity;
use crate::story::events::Event;
use crate::story::happen::{dates_it, figures, figures_differ};
use chrono::{NaiveDate, Timelike};
use std::collections::{BTreeMap, BTreeSet};

/// The cosine a statement needs with the closest pair's statement of the
/// other side to count as support for its side (the happenings' own link,
/// [`crate::story::happen::LINK_THRESHOLD`]).
pub const CONFLICT_SIMILARITY: f32 = 0.6;

/// Two neighbouring happenings (days [`NEIGHBOUR_DAYS`] or fewer apart) that
/// no article tells apart are one happening dated differently when a
/// statement of each says the same thing: cosine at least this, and at
/// least [`NEIGHBOUR_SHARED_TERMS`] content words in common. The happening
/// link ([`crate::story::happen::LINK_THRESHOLD`]) is stricter, to keep two
/// days' news apart; a dating to check may be looser, but never rests on a
/// word or two ("surgeons worked late into the night" and "I spoke to a
/// surgeon yesterday").
pub const NEIGHBOUR_SIMILARITY: f32 = 0.45;
/// See [`NEIGHBOUR_SIMILARITY`].
pub const NEIGHBOUR_SHARED_TERMS: usize = 4;
/// See [`NEIGHBOUR_SIMILARITY`].
pub const NEIGHBOUR_DAYS: i64 = 1;

/// Verbs that make a date the day something was said: "said Tuesday",
/// "told reporters on Wednesday", "said in a statement Sunday". A speaker
/// saying much the same on two days is two statements, not one happening
/// dated twice.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "announced",
    "announces",
    "reported",
    "reports",
    "stated",
    "added",
    "insisted",
    "declared",
    "noted",
    "confirmed",
    "warned",
    "explained",
    "reiterated",
    "repeated",
    "briefed",
    "wrote",
    "tweeted",
];

/// The most statements of each side a finding cites.
const MAX_CITES_PER_SIDE: usize = 6;

/// Words of an expression that place it late in its day.
const LATE: &[&str] = &["night", "late", "evening", "midnight", "tonight"];
/// Words of an expression that place it early in its day.
const EARLY: &[&str] = &[
    "early",
    "morning",
    "overnight",
    "dawn",
    "midnight",
    "predawn",
    "pre-dawn",
];

fn has_word(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// The dating statements of a happening by day: the articles and the
/// statements (event indices) giving each day.
type DayVotes = BTreeMap<NaiveDate, (BTreeSet<usize>, Vec<usize>)>;

/// A happening's day, its statements on that day and their articles.
type RowDay = Option<(NaiveDate, Vec<usize>, BTreeSet<usize>)>;

/// The most happenings of one day compared with the next day's, those of
/// most articles first: a day of hundreds of one-article rows (a live page)
/// is not compared pair by pair.
pub const NEIGHBOUR_ROWS: usize = 64;
/// The most statements of one day compared with a misdated article's
/// statement (see [`super::misdated`]).
pub const DAY_SAMPLE: usize = 64;

/// The most statements of a disputed day compared with the happening's
/// day's statements (see `closest_pair`).
pub const OTHER_SAMPLE: usize = 40;

/// One disputed day of one happening.
struct Dispute {
    row: usize,
    day: NaiveDate,
    other: NaiveDate,
    /// Statements (event indices) giving the happening's day, and the other.
    on_day: Vec<usize>,
    on_other: Vec<usize>,
    /// The closest pair (other-day statement, day statement) and its cosine.
    pair: (usize, usize, f32),
}

impl<'s> Analysis<'s> {
    /// One moment told on both sides of midnight: a day apart, the later
    /// early in its day ("early Monday", "5 a.m.") and the earlier late in
    /// its day or not placed in it ("Sunday"), or the earlier late and the
    /// later not placed ("Tuesday night" and "Wednesday"); or both clock
    /// times less than 14 hours apart (two time zones).
    fn across_midnight(&self, i: usize, j: usize) -> bool {
        let (a, b) = (self.events[i], self.events[j]);
        let (Some(da), Some(db)) = (a.day(), b.day()) else {
            return false;
        };
        if (da - db).num_days().abs() != 1 {
            return false;
        }
        let (first, then) = if da < db { (a, b) } else { (b, a) };
        let clock = |e: &Event| e.mention.timex.granularity >= Granularity::Hour;
        let hour = |e: &Event| e.span.start.hour();
        if clock(first) && clock(then) && (then.span.start - first.span.start).num_hours() < 14 {
            return true;
        }
        let late = has_word(&first.mention.text, LATE) || (clock(first) && hour(first) >= 18);
        let early = has_word(&then.mention.text, EARLY) || (clock(then) && hour(then) < 9);
        let unplaced = |e: &Event| {
            !clock(e)
                && !has_word(&e.mention.text, LATE)
                && !has_word(&e.mention.text, EARLY)
                && e.mention.timex.value.len() == 10
        };
        (early && (late || unplaced(first))) || (late && unplaced(then))
    }

    /// The same words counted from the article date ("yesterday", "a
    /// hundred days ago", "10pm") in two articles of different dates: each
    /// is read from its own article's date, and nothing tells which is right
    /// (a copied paragraph, a programme note). A weekday is not counted: two
    /// articles of one week read "on Tuesday" alike.
    pub(super) fn same_relative_words(&self, i: usize, j: usize) -> bool {
        let (a, b) = (self.events[i], self.events[j]);
        let counted = |e: &Event| e.depends_on_dct && !e.mention.rule.contains("weekday");
        counted(a)
            && counted(b)
            && self.published(i) != self.published(j)
            && a.mention.text.eq_ignore_ascii_case(&b.mention.text)
    }

    /// Each statement dates its happening the same number of days from its
    /// own article's date ("on Friday" in Saturday's article, "on Saturday"
    /// in Sunday's): each article's report of its own news, a happening
    /// that recurs, not one happening dated differently.
    fn same_distance(&self, i: usize, j: usize) -> bool {
        let (a, b) = (self.events[i], self.events[j]);
        match (a.day(), b.day(), self.published(i), self.published(j)) {
            (Some(da), Some(db), Some(pa), Some(pb)) => pa != pb && da - pa == db - pb,
            _ => false,
        }
    }

    /// The article date of event `i`'s article.
    fn published(&self, i: usize) -> Option<NaiveDate> {
        self.docs[self.events[i].doc].dct.map(|d| d.date)
    }

    /// Why statement `i` cannot date a happening against another: the date
    /// is when something was said ([`REPORTING`] in the four words before
    /// it or the word after), a plan (future as the resolver's tense reader,
    /// [`crate::engine::tense::around`], reads it, or a modal cue in its
    /// clause),
    /// or one of several days its sentence gives ("attacks Tuesday and
    /// Wednesday").
    fn pairing(&self) -> &Pairing {
        self.pairing.get_or_init(|| {
            let dated = |i: usize| self.events[i].day().is_some() && dates_it(self.events[i]);
            Pairing {
                weak: (0..self.events.len())
                    .map(|i| dated(i) && self.weak(i))
                    .collect(),
                figures: (0..self.events.len())
                    .map(|i| {
                        if dated(i) {
                            figures(self.events[i])
                        } else {
                            Vec::new()
                        }
                    })
                    .collect(),
            }
        })
    }

    fn weak(&self, i: usize) -> bool {
        let e = self.events[i];
        let doc = &self.docs[e.doc];
        let Some(s) = doc.sentence_at(e.mention.byte_start) else {
            return true;
        };
        let text = &doc.text[s.start..s.end];
        let (start, end) = (
            e.mention.byte_start - s.start,
            e.mention.byte_end.min(s.end) - s.start,
        );
        let (before, after) = clause_words(text, start, end, 4);
        let reporting = before
            .iter()
            .chain(after.first())
            .any(|w| REPORTING.contains(&w.as_str()));
        let days: BTreeSet<NaiveDate> = self
            .sentence_days
            .get(&(e.doc, e.sentence.byte_start))
            .into_iter()
            .flatten()
            .copied()
            .collect();
        // The resolver's tense reader: "was to detail on Monday", "hoped
        // to finish by Thursday", "will meet Monday" are plans.
        let lexicon = crate::engine::tag::Grammar::embedded().lexicon();
        let plan = matches!(
            crate::engine::tense::around(text, lexicon, start, end).tense,
            Tense::Future | Tense::FutureOfPast
        );
        reporting || plan || super::assumptions::modal(text, start, end) || days.len() > 1
    }

    /// Content words two statements share.
    pub(super) fn shared_terms(&self, i: usize, j: usize) -> usize {
        let (a, b) = (&self.events[i].terms, &self.events[j].terms);
        a.iter()
            .filter(|(t, _)| b.iter().any(|(u, _)| u == t))
            .count()
    }

    /// Whether statement `i` (other day) and `j` (the happening's day) may be
    /// compared: different sentences, not captions, each telling of its day
    /// as past (its article dated on or after it: a plan may change), not
    /// one moment across midnight, not the same words read from two article
    /// dates, not each article's news of the same day before it, and at
    /// least [`NEIGHBOUR_SHARED_TERMS`] content words in common.
    fn comparable(&self, i: usize, j: usize) -> bool {
        let (ei, ej) = (self.events[i], self.events[j]);
        if ei.doc == ej.doc && ei.sentence.byte_start == ej.sentence.byte_start {
            return false;
        }
        let (Some(di), Some(dj)) = (ei.day(), ej.day()) else {
            return false;
        };
        // Photo captions date a picture, not the happening; a sentence that
        // gives both days tells them apart; different figures are different
        // news (Monday's and Tuesday's barrels a day).
        !ei.caption
            && !self.pairing().weak[i]
            && !self.pairing().weak[j]
            && !figures_differ(&self.pairing().figures[i], &self.pairing().figures[j])
            && !self.sentence_gives(i, dj)
            && !self.sentence_gives(j, di)
            && !ej.caption
            && self.published(i) >= Some(di)
            && self.published(j) >= Some(dj)
            && !self.across_midnight(i, j)
            && !self.same_relative_words(i, j)
            && !self.same_distance(i, j)
            && self.shared_terms(i, j) >= NEIGHBOUR_SHARED_TERMS
    }

    /// Statement `k` says what `x` says, as closely as the happenings' link
    /// asks ([`CONFLICT_SIMILARITY`]): it counts for `x`'s side.
    fn alike(&self, k: usize, x: usize) -> bool {
        k == x
            || (self.vectors[k].cosine(&self.vectors[x]) >= CONFLICT_SIMILARITY
                && self.shared_terms(k, x) >= NEIGHBOUR_SHARED_TERMS)
    }

    /// A dispute of the closest `pair`, each side keeping the statements
    /// that say what the pair says (a happening may hold other news too).
    fn dispute(
        &self,
        row: usize,
        day: NaiveDate,
        other: NaiveDate,
        on_day: &[usize],
        on_other: &[usize],
        pair: (usize, usize, f32),
    ) -> Dispute {
        // Each side: the statements that say what a statement of the pair
        // says; a sentence that gives both days tells them apart.
        let keep = |list: &[usize], own: usize, versus: usize, not: NaiveDate| -> Vec<usize> {
            list.iter()
                .copied()
                .filter(|&k| {
                    k == own
                        || ((self.alike(k, versus) || self.alike(k, own))
                            && !self.sentence_gives(k, not))
                })
                .collect()
        };
        let on_day = keep(on_day, pair.1, pair.0, other);
        let on_other = keep(on_other, pair.0, pair.1, day);
        let docs = |l: &[usize]| {
            l.iter()
                .map(|&k| self.events[k].doc)
                .collect::<BTreeSet<_>>()
                .len()
        };
        // The better-supported side is the happening's day.
        if docs(&on_other) > docs(&on_day) {
            Dispute {
                row,
                day: other,
                other: day,
                on_day: on_other,
                on_other: on_day,
                pair: (pair.1, pair.0, pair.2),
            }
        } else {
            Dispute {
                row,
                day,
                other,
                on_day,
                on_other,
                pair,
            }
        }
    }

    /// The day each row's happening is given (most articles, then
    /// statements, then the earlier), with its dating statements by day.
    fn row_days(&self, row: usize) -> Option<(NaiveDate, DayVotes)> {
        let mut votes: DayVotes = BTreeMap::new();
        for &i in &self.members[row] {
            let e = self.events[i];
            if !dates_it(e) {
                continue;
            }
            let Some(d) = e.day() else { continue };
            let v = votes.entry(d).or_default();
            v.0.insert(e.doc);
            v.1.push(i);
        }
        let day = votes
            .iter()
            .max_by(|a, b| {
                (a.1.0.len(), a.1.1.len())
                    .cmp(&(b.1.0.len(), b.1.1.len()))
                    .then(b.0.cmp(a.0))
            })
            .map(|(d, _)| *d)?;
        Some((day, votes))
    }

    /// Neighbouring happenings that no article tells apart and that a
    /// statement of each says alike: one happening dated differently.
    fn neighbours(&self, skip_docs: &BTreeSet<usize>) -> Vec<Dispute> {
        let days: Vec<RowDay> = (0..self.members.len())
            .map(|r| {
                let (day, mut votes) = self.row_days(r)?;
                let (docs, on_day) = votes.remove(&day)?;
                Some((day, on_day, docs))
            })
            .collect();
        let row_docs: Vec<BTreeSet<usize>> = self
            .members
            .iter()
            .map(|m| m.iter().map(|&i| self.events[i].doc).collect())
            .collect();
        let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
        for (r, d) in days.iter().enumerate() {
            if let Some((day, _, _)) = d {
                by_day.entry(*day).or_default().push(r);
            }
        }
        for rows in by_day.values_mut() {
            rows.sort_by_key(|&r| (std::cmp::Reverse(row_docs[r].len()), r));
            rows.truncate(NEIGHBOUR_ROWS);
        }
        let own_day = |list: &[usize]| {
            list.iter().all(|&i| {
                let e = self.events[i];
                e.day().is_some() && e.day() == self.published(i)
            })
        };
        let mut out = Vec::new();
        for (&day, rows) in &by_day {
            for &ra in rows {
                let Some((_, on_a, docs_a)) = &days[ra] else {
                    continue;
                };
                for k in 1..=NEIGHBOUR_DAYS {
                    let other = day + chrono::Duration::days(k);
                    for &rb in by_day.get(&other).into_iter().flatten() {
                        let Some((_, on_b, docs_b)) = &days[rb] else {
                            continue;
                        };
                        if !row_docs[ra].is_disjoint(&row_docs[rb])
                            || (own_day(on_a) && own_day(on_b))
                        {
                            continue;
                        }
                        // The better-supported day is the happening's.
                        let (row, day, other, on_day, on_other) =
                            if (docs_b.len(), on_b.len()) > (docs_a.len(), on_a.len()) {
                                (rb, other, day, on_b, on_a)
                            } else {
                                (ra, day, other, on_a, on_b)
                            };
                        let (on_other, best) = self.closest_pair(on_other, on_day, skip_docs);
                        if let Some(pair) = best {
                            out.push(self.dispute(row, day, other, on_day, &on_other, pair));
                        }
                    }
                }
            }
        }
        out
    }

    /// The statements of `on_other` not from `skip_docs`, and among them
    /// (the first [`OTHER_SAMPLE`]) and every statement of `on_day` the
    /// comparable pair most alike, if it is alike enough to be one
    /// happening told twice. The day's side is read whole: a happening told
    /// by a hundred articles may have its one statement like the odd one
    /// out after the first forty (it took the first 40 of each side, and
    /// missed "the rig, which exploded on 19 April" against 140 articles'
    /// 20 April); the other side, the few that disagree, keeps the cost
    /// linear in the statements.
    fn closest_pair(
        &self,
        on_other: &[usize],
        on_day: &[usize],
        skip_docs: &BTreeSet<usize>,
    ) -> (Vec<usize>, Option<(usize, usize, f32)>) {
        let on_other: Vec<usize> = on_other
            .iter()
            .copied()
            .filter(|&i| !skip_docs.contains(&self.events[i].doc))
            .collect();
        let mut best: Option<(usize, usize, f32)> = None;
        for &i in on_other.iter().take(OTHER_SAMPLE) {
            for &j in on_day.iter() {
                if !self.comparable(i, j) {
                    continue;
                }
                let s = self.vectors[i].cosine(&self.vectors[j]);
                if s >= NEIGHBOUR_SIMILARITY && best.is_none_or(|b| s > b.2) {
                    best = Some((i, j, s));
                }
            }
        }
        (on_other, best)
    }

    /// The disputed days of every happening that say the same thing as its day.
    fn disputes(&self, skip_docs: &BTreeSet<usize>) -> Vec<Dispute> {
        let mut out = Vec::new();
        for row in 0..self.members.len() {
            let Some((day, votes)) = self.row_days(row) else {
                continue;
            };
            let on_day = &votes[&day].1;
            for (&other, (_, on_other)) in &votes {
                if other == day {
                    continue;
                }
                let (on_other, best) = self.closest_pair(on_other, on_day, skip_docs);
                if let Some(pair) = best {
                    out.push(self.dispute(row, day, other, on_day, &on_other, pair));
                }
            }
        }
        out
    }

    /// Happenings dated to different days by different articles, or by one
    /// article in two places; statements of `skip_docs` (articles whose own
    /// date is likely wrong) left out.
    pub(super) fn cross_source(&self, skip_docs: &BTreeSet<usize>, out: &mut Vec<Finding>) {
        // One misdating, reported once: disputes of the same two days by
        // the same articles are one finding.
        let mut groups: BTreeMap<(NaiveDate, NaiveDate, BTreeSet<usize>), Vec<Dispute>> =
            BTreeMap::new();
        for d in self
            .disputes(skip_docs)
            .into_iter()
            .chain(self.neighbours(skip_docs))
        {
            let docs: BTreeSet<usize> = d.on_other.iter().map(|&i| self.events[i].doc).collect();
            groups.entry((d.day, d.other, docs)).or_default().push(d);
        }
        for ((day, other, docs), mut ds) in groups {
            ds.sort_by(|a, b| b.pair.2.total_cmp(&a.pair.2));
            out.push(self.conflict_finding(day, other, &docs, &ds));
        }
    }

    fn conflict_finding(
        &self,
        day: NaiveDate,
        other: NaiveDate,
        other_docs: &BTreeSet<usize>,
        ds: &[Dispute],
    ) -> Finding {
        let best = &ds[0];
        let (i, j, sim) = best.pair;
        let names = |docs: &BTreeSet<usize>| -> String {
            docs.iter()
                .map(|&d| self.docs[d].id)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let day_docs: BTreeSet<usize> = ds
            .iter()
            .flat_map(|d| d.on_day.iter().map(|&k| self.events[k].doc))
            .collect();
        let fmt = |d: NaiveDate| d.format("%A %-d %B %Y").to_string();
        let n = |k: usize| if k == 1 { "article" } else { "articles" };
        let same_article = other_docs.is_subset(&day_docs);
        let support = if same_article {
            format!(
                " {} gives both days; check which one it means.",
                names(other_docs)
            )
        } else if day_docs.len() > other_docs.len() {
            format!(
                " {} is better supported ({} {} against {}); check {}.",
                fmt(day),
                day_docs.len(),
                n(day_docs.len()),
                other_docs.len(),
                names(other_docs)
            )
        } else {
            format!(
                " Neither day is better supported ({} {} each); check both.",
                day_docs.len(),
                n(day_docs.len())
            )
        };
        let rows = if ds.len() > 1 {
            format!(" The same articles date {} happenings this way.", ds.len())
        } else {
            String::new()
        };
        // The closest pair first, then the other statements of each side.
        let mut cites: Vec<Cite> = vec![self.cite_event(i), self.cite_event(j)];
        let mut seen: BTreeSet<usize> = [i, j].into_iter().collect();
        for side in [true, false] {
            let mut k = 0;
            for d in ds {
                let list = if side { &d.on_other } else { &d.on_day };
                for &e in list {
                    if k < MAX_CITES_PER_SIDE && seen.insert(e) {
                        cites.push(self.cite_event(e));
                        k += 1;
                    }
                }
            }
        }
        let _ = best.row;
        Finding {
            kind: Kind::CrossSource,
            title: format!(
                "“{}” is dated {} and {}",
                short(&self.events[j].headline, 90),
                fmt(day.min(other)),
                fmt(day.max(other)),
            ),
            detail: format!(
                "One happening is dated {} ({} {}: {}) and {} ({} {}: {}); the statements say the same thing \
                 (similarity {sim:.2}).{support}{rows}",
                fmt(day),
                day_docs.len(),
                n(day_docs.len()),
                names(&day_docs),
                fmt(other),
                other_docs.len(),
                n(other_docs.len()),
                names(other_docs),
            ),
            cites,
            calibration: "",
        }
    }
}
