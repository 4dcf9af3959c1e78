//! Misdated articles: an article whose own words contradict its date.
//!
//! Two kinds of evidence, each read against what the other articles say:
//!
//! * **relative dates off by one shift.** An article's statements dated
//!   from its article date ("yesterday", "on Tuesday") are compared with the
//!   statements of other articles that say the same thing (cosine at least
//!   [`MISDATED_SIMILARITY`] and at least
//!   [`super::conflicts::NEIGHBOUR_SHARED_TERMS`] content words in common)
//!   within [`MAX_SHIFT_DAYS`]; the day most of
//!   those articles give is what the others say. If one other article date,
//!   [`MAX_SHIFT_DAYS`] or fewer days off, would make at least
//!   [`MIN_EXPLAINED`] of the article's statements agree with the others —
//!   more than agree under its own date — the article's date is likely
//!   wrong: "yesterday" read from the right date, "on Tuesday" as the
//!   Tuesday before it.
//! * **past after its date.** At least [`MIN_EXPLAINED`] explicit dates
//!   after the article's date, told in the past tense (the tense check's
//!   findings, [`super::tense`]): the article describes as past what its
//!   date says is yet to come.
//!
//! Either way the article is reported once, as a likely wrong article
//! date, citing its statements; its statements' conflicts and tense
//! findings are not reported again.

use super::analysis::Analysis;
use super::report::{Cite, Finding, Kind};
use crate::story::happen::dates_it;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The cosine a statement of another article needs to count as saying the
/// same thing.
pub const MISDATED_SIMILARITY: f32 = 0.6;
/// The furthest (in days) another article date is looked for.
pub const MAX_SHIFT_DAYS: i64 = 10;
/// How many statements another date must explain.
pub const MIN_EXPLAINED: usize = 2;

/// How a statement's day follows from its article date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// A fixed count of days from it ("yesterday", "two days ago", "today").
    Offset,
    /// A weekday before or on it ("on Tuesday" in the past).
    PastWeekday(chrono::Weekday),
}

/// Only readings that are not themselves a guess count: a fixed count of
/// days, or a bare weekday told as past. "last Thursday" (this past one or
/// the week before's, as writers differ), "next", "this", and weekdays
/// read as coming (a plan, or "Thursday's agreement will …" read as
/// future) are the resolver's guesses; a wrong guess there would look like
/// a wrong article date.
fn reading(rule: &str, day: NaiveDate, published: NaiveDate) -> Option<Reading> {
    if rule.contains("weekday") {
        let past = rule.starts_with("weekday in a past-tense sentence")
            || rule.starts_with("weekday: the most recent one")
            || rule.starts_with("weekday equal to the article date");
        (past && day <= published).then(|| Reading::PastWeekday(day.weekday()))
    } else if rule.contains("Day from the article date")
        || rule.contains("Day before the article date")
        || rule.contains("Day after the article date")
        || rule.contains("article's own period")
    {
        Some(Reading::Offset)
    } else {
        None
    }
}

/// The day a statement read as `r` would have been given from `published`
/// moved by `shift` days.
fn shifted(r: Reading, day: NaiveDate, published: NaiveDate, shift: i64) -> NaiveDate {
    let c = published + Duration::days(shift);
    match r {
        Reading::Offset => day + Duration::days(shift),
        Reading::PastWeekday(w) => {
            let back = (c.weekday().num_days_from_monday() + 7 - w.num_days_from_monday()) % 7;
            c - Duration::days(back as i64)
        }
    }
}

/// An article likely misdated: its index, the date its words fit, and the
/// statements (event indices, with the day others give) or tense findings
/// that say so.
pub(super) struct Misdated {
    pub(super) doc: usize,
    pub(super) fits: Option<NaiveDate>,
    pub(super) statements: Vec<(usize, NaiveDate, BTreeSet<usize>)>,
    pub(super) agree: usize,
    pub(super) past_after: Vec<Finding>,
    /// The other article when the two are each other's only evidence (the
    /// same words under two dates): one of the two dates is wrong, and
    /// nothing here says which.
    pub(super) or_else: Option<usize>,
}

/// The other articles whose statements accuse `m`.
fn witnesses(m: &Misdated) -> BTreeSet<usize> {
    m.statements
        .iter()
        .flat_map(|(_, _, docs)| docs.iter().copied())
        .collect()
}

/// Two articles accused only by each other (a story filed again under
/// another date, copied word for word) are one finding: one of their two
/// dates is wrong, and the words alone cannot say which.
fn pair_copies(mut out: Vec<Misdated>) -> Vec<Misdated> {
    let mut k = 0;
    while k < out.len() {
        let (a, wa) = (out[k].doc, witnesses(&out[k]));
        let partner = out.iter().position(|m| {
            m.doc != a
                && wa.len() == 1
                && wa.contains(&m.doc)
                && witnesses(m) == BTreeSet::from([a])
        });
        if let Some(p) = partner {
            let b = out.remove(p);
            if p < k {
                k -= 1;
            }
            out[k].or_else = Some(b.doc);
        }
        k += 1;
    }
    out
}

impl<'s> Analysis<'s> {
    /// Articles whose relative dates fit another article date better than
    /// their own.
    pub(super) fn misdated(&self, tense: &[Finding]) -> Vec<Misdated> {
        // Dating statements by day.
        let mut by_day: HashMap<NaiveDate, Vec<usize>> = HashMap::new();
        for (i, e) in self.events.iter().enumerate() {
            if let Some(d) = e.day()
                && dates_it(e)
                && self.docs[e.doc].dct.is_some()
            {
                by_day.entry(d).or_default().push(i);
            }
        }
        let mut per_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.events.iter().enumerate() {
            if e.depends_on_dct && dates_it(e) && e.day().is_some() {
                per_doc.entry(e.doc).or_default().push(i);
            }
        }
        let mut out = Vec::new();
        for (&doc, statements) in &per_doc {
            let Some(published) = self.docs[doc].dct.map(|d| d.date) else {
                continue;
            };
            // What the others say of each statement.
            let mut checked: Vec<(usize, Reading, NaiveDate, NaiveDate, BTreeSet<usize>)> =
                Vec::new();
            let mut seen_sentences = BTreeSet::new();
            for &i in statements {
                let e = self.events[i];
                let Some(day) = e.day() else { continue };
                let Some(r) = reading(&e.mention.rule, day, published) else {
                    continue;
                };
                if !seen_sentences.insert(e.sentence.byte_start) {
                    continue;
                }
                let mut votes: BTreeMap<NaiveDate, (BTreeSet<usize>, f32)> = BTreeMap::new();
                for k in -MAX_SHIFT_DAYS..=MAX_SHIFT_DAYS {
                    let d = day + Duration::days(k);
                    let others = by_day
                        .get(&d)
                        .into_iter()
                        .flatten()
                        .filter(|&&j| self.events[j].doc != doc)
                        .take(super::conflicts::DAY_SAMPLE);
                    for &j in others {
                        // The same relative words copied into an article of
                        // another date move with it: no evidence either way.
                        if self.same_relative_words(i, j) {
                            continue;
                        }
                        let s = self.vectors[i].cosine(&self.vectors[j]);
                        // As for conflicts, a cosine over one or two shared
                        // words is no evidence: "today's show" and "Sunday's
                        // talk shows" are not one statement.
                        if s >= MISDATED_SIMILARITY
                            && self.shared_terms(i, j) >= super::conflicts::NEIGHBOUR_SHARED_TERMS
                        {
                            let v = votes.entry(d).or_default();
                            v.0.insert(self.events[j].doc);
                            v.1 = v.1.max(s);
                        }
                    }
                }
                let Some((&said, (docs, _))) = votes.iter().max_by(|a, b| {
                    a.1.0
                        .len()
                        .cmp(&b.1.0.len())
                        .then(a.1.1.total_cmp(&b.1.1))
                        .then(b.0.cmp(a.0))
                }) else {
                    continue;
                };
                checked.push((i, r, day, said, docs.clone()));
            }
            // Statements another date explains: they disagree from the
            // article's own date and agree from the other.
            let fits = |shift: i64, r: Reading, day: NaiveDate, said: NaiveDate| {
                day != said && shifted(r, day, published, shift) == said
            };
            let explained = |shift: i64| {
                checked
                    .iter()
                    .filter(|(_, r, day, said, _)| fits(shift, *r, *day, *said))
                    .count()
            };
            let agree = checked.iter().filter(|c| c.2 == c.3).count();
            let best = (1..=MAX_SHIFT_DAYS)
                .flat_map(|k| [k, -k])
                .map(|k| (k, explained(k)))
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.abs().cmp(&a.0.abs())));
            let past_after: Vec<Finding> = tense
                .iter()
                .filter(|f| {
                    f.kind == Kind::PastAfterArticleDate
                        && f.cites.iter().all(|c| c.document == self.docs[doc].id)
                })
                .cloned()
                .collect();
            match best {
                Some((shift, n)) if n >= MIN_EXPLAINED && n > agree => {
                    let statements = checked
                        .iter()
                        .filter(|(_, r, day, said, _)| fits(shift, *r, *day, *said))
                        .map(|(i, _, _, said, docs)| (*i, *said, docs.clone()))
                        .collect();
                    out.push(Misdated {
                        doc,
                        fits: Some(published + Duration::days(shift)),
                        statements,
                        agree,
                        past_after,
                        or_else: None,
                    });
                }
                _ if past_after.len() >= MIN_EXPLAINED => out.push(Misdated {
                    doc,
                    fits: None,
                    statements: Vec::new(),
                    agree,
                    past_after,
                    or_else: None,
                }),
                _ => {}
            }
        }
        // Articles with only tense evidence and no relative statements.
        for (d, doc) in self.docs.iter().enumerate() {
            if per_doc.contains_key(&d) || doc.dct.is_none() {
                continue;
            }
            let past_after: Vec<Finding> = tense
                .iter()
                .filter(|f| {
                    f.kind == Kind::PastAfterArticleDate
                        && f.cites.iter().all(|c| c.document == doc.id)
                })
                .cloned()
                .collect();
            if past_after.len() >= MIN_EXPLAINED {
                out.push(Misdated {
                    doc: d,
                    fits: None,
                    statements: Vec::new(),
                    agree: 0,
                    past_after,
                    or_else: None,
                });
            }
        }
        out.sort_by_key(|m| m.doc);
        pair_copies(out)
    }

    pub(super) fn misdated_finding(&self, m: &Misdated) -> Finding {
        let doc = &self.docs[m.doc];
        let published = doc.dct.map(|d| d.date).unwrap_or_default();
        let fmt = |d: NaiveDate| d.format("%A %-d %B %Y").to_string();
        let mut cites: Vec<Cite> = Vec::new();
        let mut why = Vec::new();
        for (i, said, docs) in m.statements.iter().take(8) {
            let e = self.events[*i];
            cites.push(self.cite_event(*i));
            let others: Vec<&str> = docs.iter().take(3).map(|&d| self.docs[d].id).collect();
            why.push(format!(
                "“{}” is read as {} but {} date{} it {}",
                e.mention.text,
                fmt(e.day().unwrap_or_default()),
                others.join(", "),
                if docs.len() == 1 { "s" } else { "" },
                fmt(*said)
            ));
        }
        for f in &m.past_after {
            cites.extend(f.cites.iter().cloned());
        }
        let mut title = match m.fits {
            Some(d) => format!(
                "{} is dated {} but its words fit {}",
                doc.id,
                fmt(published),
                fmt(d)
            ),
            None => format!(
                "{} is dated {} but tells as past what comes after it",
                doc.id,
                fmt(published)
            ),
        };
        let mut detail = String::from("The article's date is likely wrong. ");
        if let Some(o) = m.or_else {
            let other = &self.docs[o];
            title = format!(
                "{} or {}: the same words under two dates, one of which is likely wrong",
                doc.id, other.id
            );
            detail = format!(
                "{} (dated {}) and {} (dated {}) tell the same things in the same words, and each is the only \
                 evidence against the other: one of the two article dates is likely wrong, and the words \
                 cannot say which (a story filed again under a later date reads this way). Were {} the wrong one: ",
                doc.id,
                fmt(published),
                other.id,
                other.dct.map(|d| fmt(d.date)).unwrap_or_default(),
                doc.id
            );
        }
        if let Some(d) = m.fits {
            detail.push_str(&format!(
                "Read from {}, {} of its relative dates agree with the other articles (from its own date, {}): {}. ",
                fmt(d),
                m.statements.len(),
                m.agree,
                why.join("; ")
            ));
        }
        if !m.past_after.is_empty() {
            detail.push_str(&format!(
                "{} date{} after its date {} told in the past tense. ",
                m.past_after.len(),
                if m.past_after.len() == 1 { "" } else { "s" },
                if m.past_after.len() == 1 { "is" } else { "are" },
            ));
        }
        detail.push_str(
            "Check the article's publication date (a page updated after it was first published also reads this way); \
             every date it gives from its own date moves with it.",
        );
        Finding {
            kind: Kind::MisdatedArticle,
            title,
            detail,
            cites,
            calibration: "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_shifted_article_date_moves_each_reading_its_own_way() {
        // Dated Monday 7 March 2016; truly Wednesday 9 March.
        let p = d("2016-03-07");
        // "yesterday": 6 March → 8 March
        assert_eq!(
            shifted(Reading::Offset, d("2016-03-06"), p, 2),
            d("2016-03-08")
        );
        // "on Tuesday" (past): 1 March → 8 March
        let tue = reading("weekday in a past-tense sentence", d("2016-03-01"), p).unwrap();
        assert_eq!(shifted(tue, d("2016-03-01"), p, 2), d("2016-03-08"));
        // "on Wednesday" (past, the day itself once moved): 2 March → 9 March
        let wed = reading("weekday in a past-tense sentence", d("2016-03-02"), p).unwrap();
        assert_eq!(shifted(wed, d("2016-03-02"), p, 2), d("2016-03-09"));
        assert_eq!(reading("explicit date", d("2016-03-11"), p), None);
    }

    /// Readings that are the resolver's guesses are no evidence of a
    /// wrong article date; fixed offsets and past weekdays are.
    #[test]
    fn only_readings_that_are_not_guesses_count() {
        let p = d("2016-03-11"); // a Friday
        let table: &[(&str, &str, bool)] = &[
            (
                "weekday in a past-tense sentence: the most recent one",
                "2016-03-08",
                true,
            ),
            (
                "weekday: the most recent one (news default)",
                "2016-03-08",
                true,
            ),
            (
                "weekday equal to the article date's: that day",
                "2016-03-11",
                true,
            ),
            ("Day before the article date", "2016-03-10", true),
            (
                "last <weekday>: the one before the article date",
                "2016-03-10",
                false,
            ),
            (
                "next <weekday>: the one after the article date",
                "2016-03-17",
                false,
            ),
            ("this <weekday>: in the article's week", "2016-03-09", false),
            (
                "weekday in a future-tense sentence: the coming one",
                "2016-03-17",
                false,
            ),
            (
                "weekday in a future-tense sentence told from the past: the nearest one, past",
                "2016-03-10",
                false,
            ),
        ];
        for (rule, day, counts) in table {
            assert_eq!(reading(rule, d(day), p).is_some(), *counts, "{rule}");
        }
    }
}
