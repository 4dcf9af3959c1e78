//! Which days matter: the evidence of the whole collection for each day,
//! a score per day, and the `--top N` pick.
//!
//! # Evidence
//! Seven kinds, each a count of **distinct articles** (an article counts
//! once per day and kind), weighted by how much the article is about the
//! story ([`relevance`]):
//!
//! | kind | articles … |
//! |---|---|
//! | published | that appeared on the day, or the next morning with only its news ([`news_days`]) |
//! | published next day | counted as published the day after (next-day coverage) |
//! | dated same day | of the day, dating a statement to it ("today", "3pm") |
//! | dated next day | of the next day, dating a statement to it ("yesterday") |
//! | dated within week | of the 2nd–7th day after, dating a statement to it |
//! | dated later | of later days (or of no known date), dating a statement to it: the story's memory |
//! | dated before | of earlier days, dating a statement to it (plans, schedules) |
//!
//! Each kind is divided by its mean over the candidate days of the
//! collection, so kinds compare across stories of 26 and 400 articles.
//!
//! # Score
//! `E(d) = Σ_k w_k · c_k(d) / mean_k`, with `w = 1` for published, [`Weights::next`]
//! for published next day, dated same day and dated next day,
//! [`Weights::recall`] for dated within week and dated later, and
//! [`Weights::plan`] for dated before. A burst of coverage makes every day
//! in it look important; the score divides by the local level:
//! `score(d) = E(d) · (mean E / bg(d))^β`, `bg(d)` the mean of `E` over
//! `d ± BACKGROUND_DAYS` ([`Weights::beta`]). A day in a quiet stretch that
//! stands out rises; the continuation days of a burst sink.
//!
//! # Picking
//! Days are picked by score (ties: the earlier day). Days outside the span
//! the articles were published in compete only when at least
//! [`OUTSIDE_MIN_ARTICLES`] articles date statements to them, and lose ties
//! to days inside ([`Span::Articles`]). Evaluations against a reference
//! timeline restrict the days to its span ([`Span::Within`]), as published
//! systems do.
//!
//! The four weights are the only fitted constants ([`WEIGHTS`]); `chronicler
//! timeline-eval --loo` refits them leaving each topic out.

use crate::story::events::Event;
use crate::story::happen;
use crate::story::terms;
use crate::story::timeline::Why;
use chrono::{Duration, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The kinds of evidence, in the order of [`DayEvidence`]'s arrays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Published = 0,
    PublishedNextDay = 1,
    DatedSameDay = 2,
    DatedNextDay = 3,
    DatedWithinWeek = 4,
    DatedLater = 5,
    DatedBefore = 6,
}

/// How many kinds of evidence there are.
pub const KINDS: usize = 7;

/// The kinds, in order.
pub const ALL_KINDS: [Kind; KINDS] = [
    Kind::Published,
    Kind::PublishedNextDay,
    Kind::DatedSameDay,
    Kind::DatedNextDay,
    Kind::DatedWithinWeek,
    Kind::DatedLater,
    Kind::DatedBefore,
];

/// Past the first week a mention is the story's memory, not its follow-up.
pub const FOLLOW_UP_DAYS: i64 = 7;

/// The half-width of the window `bg(d)` averages over, in days.
pub const BACKGROUND_DAYS: i64 = 7;

/// A day outside the articles' publication span competes only when at
/// least this many articles date statements to it.
pub const OUTSIDE_MIN_ARTICLES: usize = 2;

impl Kind {
    /// The kind of a statement about `day` in an article published on `published`.
    pub fn of_statement(day: NaiveDate, published: Option<NaiveDate>) -> Kind {
        match published.map(|p| (p - day).num_days()) {
            Some(0) => Kind::DatedSameDay,
            Some(1) => Kind::DatedNextDay,
            Some(l) if (2..=FOLLOW_UP_DAYS).contains(&l) => Kind::DatedWithinWeek,
            Some(l) if l < 0 => Kind::DatedBefore,
            _ => Kind::DatedLater,
        }
    }

    fn is_statement(self) -> bool {
        !matches!(self, Kind::Published | Kind::PublishedNextDay)
    }
}

/// The weights of the score (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Weights {
    /// Next-day evidence: published next day, dated same day, dated next day.
    pub next: f64,
    /// Looking back: dated within the week, dated later.
    pub recall: f64,
    /// Looking forward: dated before.
    pub plan: f64,
    /// How far a day's score is divided by the level around it (0: not at all).
    pub beta: f64,
}

impl Weights {
    fn of(&self, k: Kind) -> f64 {
        match k {
            Kind::Published => 1.0,
            Kind::PublishedNextDay | Kind::DatedSameDay | Kind::DatedNextDay => self.next,
            Kind::DatedWithinWeek | Kind::DatedLater => self.recall,
            Kind::DatedBefore => self.plan,
        }
    }
}

/// The weights `build --top` uses: the best mean date F1 on the four
/// timeline17-dev topics over [`grid`] (ties: the first point of the grid);
/// `chronicler timeline-eval ../shared/corpora/timeline17-dev --loo` shows
/// each fold's choice.
pub const WEIGHTS: Weights = Weights {
    next: 1.0,
    recall: 1.0,
    plan: 0.5,
    beta: 0.25,
};

/// The 54 weightings fitting chooses from: next ∈ {0, ½, 1}, recall ∈ {½, 1, 2},
/// plan ∈ {0, ½}, β ∈ {0, ¼, ½}.
pub fn grid() -> Vec<Weights> {
    let mut out = Vec::new();
    for next in [0.0, 0.5, 1.0] {
        for recall in [0.5, 1.0, 2.0] {
            for plan in [0.0, 0.5] {
                for beta in [0.0, 0.25, 0.5] {
                    out.push(Weights {
                        next,
                        recall,
                        plan,
                        beta,
                    });
                }
            }
        }
    }
    out
}

/// One day's evidence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayEvidence {
    /// Relevance-weighted counts of distinct articles, by [`Kind`].
    pub weight: [f64; KINDS],
    /// The articles (indices), by kind, ascending.
    pub articles: [Vec<u32>; KINDS],
    /// Of the published articles, those that appeared the next day with
    /// only this day's news ([`news_days`]).
    pub next_morning: Vec<u32>,
}

/// A statement as evidence: the article it is in, the day it names, and
/// whether it dates what it tells (not "until Monday").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Statement {
    pub article: usize,
    pub day: NaiveDate,
    pub dates: bool,
}

impl Statement {
    /// The evidence `e` gives, if any: a statement of a day or finer. An
    /// article's lead gives none ([`Event::is_lead`]): it names no date, and
    /// its article already counts as published on its day.
    pub fn of(e: &Event) -> Option<Statement> {
        if e.is_lead() {
            return None;
        }
        Some(Statement {
            article: e.doc,
            day: e.day()?,
            dates: happen::dates_it(e),
        })
    }
}

/// The day each article's news is of: its publication day, or the day
/// before when it dates statements to the day before and none to its own
/// day (a morning report of an evening's verdict abroad, "a jury found him
/// guilty on Monday"). The article then counts as published on that day.
pub fn news_days(
    published: &[Option<NaiveDate>],
    statements: &[Statement],
) -> Vec<Option<NaiveDate>> {
    let mut own = vec![false; published.len()];
    let mut before = vec![false; published.len()];
    for s in statements.iter().filter(|s| s.dates) {
        if let Some(Some(p)) = published.get(s.article) {
            if s.day == *p {
                own[s.article] = true;
            } else if Some(s.day) == p.pred_opt() {
                before[s.article] = true;
            }
        }
    }
    published
        .iter()
        .enumerate()
        .map(|(a, p)| {
            let p = (*p)?;
            Some(if before[a] && !own[a] {
                p.pred_opt().unwrap_or(p)
            } else {
                p
            })
        })
        .collect()
}

impl DayEvidence {
    /// Distinct articles that date a statement to the day.
    pub fn stating_articles(&self) -> usize {
        let mut all: Vec<u32> = ALL_KINDS
            .iter()
            .filter(|k| k.is_statement())
            .flat_map(|&k| self.articles[k as usize].iter().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    }

    fn count(&self, k: Kind) -> usize {
        self.articles[k as usize].len()
    }

    /// A day is a candidate when anything but next-day coverage speaks for it.
    fn is_candidate(&self) -> bool {
        ALL_KINDS
            .iter()
            .any(|&k| k != Kind::PublishedNextDay && !self.articles[k as usize].is_empty())
    }
}

/// Which days may be picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Only days in `[first, last]` (a reference timeline's span).
    Within(NaiveDate, NaiveDate),
    /// Days inside the articles' publication span; days outside it when at
    /// least [`OUTSIDE_MIN_ARTICLES`] articles date statements to them.
    Articles,
}

/// A day as ranked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub day: NaiveDate,
    pub score: f64,
    /// Inside the articles' publication span.
    pub inside: bool,
}

/// The evidence of a collection for every day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    pub days: BTreeMap<NaiveDate, DayEvidence>,
    /// Mean weight of each kind over the candidate days (1 where it is 0).
    pub scale: [f64; KINDS],
    /// First and last publication day.
    pub published_span: Option<(NaiveDate, NaiveDate)>,
    /// Each article's relevance, by index.
    pub relevance: Vec<f64>,
}

impl Evidence {
    /// The evidence of articles published on `published` (by index), of
    /// relevance `relevance`, whose statements are `statements`.
    pub fn new(
        published: &[Option<NaiveDate>],
        relevance: &[f64],
        statements: impl IntoIterator<Item = Statement>,
    ) -> Evidence {
        let statements: Vec<Statement> = statements.into_iter().collect();
        let news = news_days(published, &statements);
        let rel = |a: usize| relevance.get(a).copied().unwrap_or(1.0);
        let mut days: BTreeMap<NaiveDate, DayEvidence> = BTreeMap::new();
        let mut add = |day: NaiveDate, k: Kind, a: usize| {
            let e = days.entry(day).or_default();
            let list = &mut e.articles[k as usize];
            if list.last() != Some(&(a as u32)) && !list.contains(&(a as u32)) {
                list.push(a as u32);
                e.weight[k as usize] += rel(a);
            }
        };
        for (a, p) in news.iter().enumerate() {
            if let Some(p) = *p {
                add(p, Kind::Published, a);
                if let Some(before) = p.pred_opt() {
                    add(before, Kind::PublishedNextDay, a);
                }
            }
        }
        let mut seen: Vec<(usize, NaiveDate)> =
            statements.iter().map(|s| (s.article, s.day)).collect();
        seen.sort_unstable();
        seen.dedup();
        for (a, day) in seen {
            add(
                day,
                Kind::of_statement(day, published.get(a).copied().flatten()),
                a,
            );
        }
        for (a, (n, p)) in news.iter().zip(published).enumerate() {
            if let (Some(n), Some(p)) = (n, p)
                && n != p
            {
                days.entry(*n).or_default().next_morning.push(a as u32);
            }
        }
        for e in days.values_mut() {
            for list in &mut e.articles {
                list.sort_unstable();
            }
        }
        let candidates: Vec<&DayEvidence> = days.values().filter(|e| e.is_candidate()).collect();
        let mut scale = [1.0; KINDS];
        if !candidates.is_empty() {
            for (k, s) in scale.iter_mut().enumerate() {
                let mean =
                    candidates.iter().map(|e| e.weight[k]).sum::<f64>() / candidates.len() as f64;
                if mean > 0.0 {
                    *s = mean;
                }
            }
        }
        let first = published.iter().flatten().min().copied();
        let last = published.iter().flatten().max().copied();
        Evidence {
            days,
            scale,
            published_span: first.zip(last),
            relevance: relevance.to_vec(),
        }
    }

    /// `E(d)` for every day with evidence.
    fn level(&self, w: &Weights) -> BTreeMap<NaiveDate, f64> {
        self.days
            .iter()
            .map(|(&d, e)| {
                let v = ALL_KINDS
                    .iter()
                    .map(|&k| w.of(k) * e.weight[k as usize] / self.scale[k as usize])
                    .sum::<f64>();
                (d, if e.is_candidate() { v } else { 0.0 })
            })
            .collect()
    }

    /// The score of every candidate day.
    pub fn scores(&self, w: &Weights) -> BTreeMap<NaiveDate, f64> {
        let level = self.level(w);
        let candidates: Vec<(NaiveDate, f64)> = level
            .iter()
            .filter(|(d, _)| self.days[*d].is_candidate())
            .map(|(&d, &v)| (d, v))
            .collect();
        if candidates.is_empty() {
            return BTreeMap::new();
        }
        let mean = candidates.iter().map(|(_, v)| v).sum::<f64>() / candidates.len() as f64;
        let width = (2 * BACKGROUND_DAYS + 1) as f64;
        candidates
            .into_iter()
            .map(|(d, v)| {
                if w.beta == 0.0 || v <= 0.0 || mean <= 0.0 {
                    return (d, v);
                }
                let around = level
                    .range(
                        d - Duration::days(BACKGROUND_DAYS)..=d + Duration::days(BACKGROUND_DAYS),
                    )
                    .map(|(_, x)| x)
                    .sum::<f64>()
                    / width;
                (d, v * (mean / around).powf(w.beta))
            })
            .collect()
    }

    /// Days that may be picked under `span` and `eligible`, best first: by
    /// score, then days inside the publication span, then the earlier day.
    pub fn rank(
        &self,
        w: &Weights,
        span: Span,
        eligible: impl Fn(NaiveDate) -> bool,
    ) -> Vec<Ranked> {
        let inside = |d: NaiveDate| {
            self.published_span
                .is_some_and(|(first, last)| first <= d && d <= last)
        };
        let mut out: Vec<Ranked> = self
            .scores(w)
            .into_iter()
            .filter(|&(d, _)| match span {
                Span::Within(first, last) => first <= d && d <= last,
                Span::Articles => {
                    inside(d) || self.days[&d].stating_articles() >= OUTSIDE_MIN_ARTICLES
                }
            })
            .filter(|&(d, _)| eligible(d))
            .map(|(day, score)| Ranked {
                day,
                score,
                inside: inside(day),
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.inside.cmp(&a.inside))
                .then(a.day.cmp(&b.day))
        });
        out
    }

    /// Why `ranked[i]` was picked.
    pub fn why(&self, ranked: &[Ranked], i: usize) -> Why {
        let r = ranked[i];
        let e = self.days.get(&r.day).cloned().unwrap_or_default();
        let c = |k| e.count(k);
        let mut why = Why {
            rank: i + 1,
            of: ranked.len(),
            score: (r.score * 1000.0).round() / 1000.0,
            published: c(Kind::Published),
            next_morning: e.next_morning.len(),
            published_next_day: c(Kind::PublishedNextDay),
            dated_same_day: c(Kind::DatedSameDay),
            dated_next_day: c(Kind::DatedNextDay),
            dated_within_week: c(Kind::DatedWithinWeek),
            dated_later: c(Kind::DatedLater),
            dated_before: c(Kind::DatedBefore),
            text: String::new(),
        };
        why.text = describe(&why, r.inside);
        why
    }
}

fn articles(n: usize) -> String {
    format!("{n} article{}", if n == 1 { "" } else { "s" })
}

/// The evidence for a day, for people: "day 3 of 212: 14 articles appeared
/// that day (9 dating a statement to it) …".
fn describe(w: &Why, inside: bool) -> String {
    let mut parts = Vec::new();
    if w.published > 0 {
        let mut s = format!("{} appeared that day", articles(w.published));
        let mut notes = Vec::new();
        if w.next_morning > 0 {
            notes.push(format!(
                "{} the next morning with only its news",
                w.next_morning
            ));
        }
        if w.dated_same_day > 0 {
            notes.push(format!("{} dating a statement to it", w.dated_same_day));
        }
        if !notes.is_empty() {
            s.push_str(&format!(" ({})", notes.join(", ")));
        }
        parts.push(s);
    }
    if w.published_next_day > 0 {
        let mut s = format!("{} the next day", articles(w.published_next_day));
        if w.dated_next_day > 0 {
            s.push_str(&format!(" ({} dating a statement to it)", w.dated_next_day));
        }
        parts.push(s);
    }
    if w.dated_within_week > 0 {
        let verb = verb_for(w.dated_within_week, "looks", "look");
        parts.push(format!(
            "{} of the following week {verb} back on it",
            articles(w.dated_within_week)
        ));
    }
    if w.dated_later > 0 {
        let verb = verb_for(w.dated_later, "recalls", "recall");
        parts.push(format!("{} {verb} it later", articles(w.dated_later)));
    }
    if w.dated_before > 0 {
        parts.push(format!("{} announced it before", articles(w.dated_before)));
    }
    let mut text = format!("day {} of {} by evidence", w.rank, w.of);
    if !parts.is_empty() {
        text.push_str(": ");
        text.push_str(&parts.join("; "));
    }
    if !inside {
        text.push_str(" (outside the days the articles appeared on)");
    }
    text
}

/// The verb for a count of articles: "1 article looks", "2 articles look".
fn verb_for(n: usize, one: &'static str, many: &'static str) -> &'static str {
    match n {
        1 => one,
        _ => many,
    }
}

/// Words that say when, not what: left out of [`relevance`].
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "tomorrow",
    "year",
    "years",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "time",
    "new",
    "two",
    "three",
    "first",
    "lrb",
    "rrb",
];

/// How much each text is about what the collection is about, in (0, 1]:
/// the cosine of its TF-IDF vector (1 + ln tf; idf ln((n+1)/(df+½)); words
/// of 3+ letters, no function or calendar words) with the collection's
/// centroid, divided by the median cosine and capped at 1. A typical
/// article weighs 1; a page of radio listings in an earthquake story much less.
pub fn relevance<S: AsRef<str> + Sync>(texts: &[S]) -> Vec<f64> {
    let counts: Vec<Vec<(String, u32)>> =
        texts.par_iter().map(|t| word_counts(t.as_ref())).collect();
    relevance_of_counts(&counts)
}

/// A text's words and their counts, by word ([`word_counts`]).
pub type WordCounts = Vec<(String, u32)>;

/// The words of a text [`relevance`] counts, with their counts, by word:
/// all it needs of an article (what `chronicler extract` carries for it).
pub fn word_counts(text: &str) -> WordCounts {
    let mut tf: HashMap<String, u32> = HashMap::new();
    let mut lower = String::new();
    for w in terms::words(text) {
        if w.text.len() < 3 || !w.text.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        lower.clear();
        lower.extend(w.text.chars().map(|c| c.to_ascii_lowercase()));
        if let Some(n) = tf.get_mut(lower.as_str()) {
            *n += 1;
        } else if !terms::is_stopword(&lower) && !CALENDAR_WORDS.contains(&lower.as_str()) {
            tf.insert(lower.clone(), 1);
        }
    }
    let mut v: Vec<(String, u32)> = tf.into_iter().collect();
    v.sort_unstable();
    v
}

/// [`relevance`] from each text's [`word_counts`]. Word ids follow the
/// texts' order and each text's words in order, so the sums are the same
/// from run to run.
pub fn relevance_of_counts(counts: &[WordCounts]) -> Vec<f64> {
    let each = &mut |f: &mut dyn FnMut(&WordCounts)| {
        counts.iter().for_each(&mut *f);
        Ok::<(), std::convert::Infallible>(())
    };
    match relevance_of_each(counts.len(), each) {
        Ok(v) => v,
        Err(never) => match never {},
    }
}

/// Gives each text's word counts, in order, to the function it is given.
pub type EachCounts<'a, E> = dyn FnMut(&mut dyn FnMut(&WordCounts)) -> Result<(), E> + 'a;

/// [`relevance_of_counts`] of `n` texts whose word counts `each` gives, in
/// order, as many times as it is called (three): what is held is the
/// words and one number per text, not every text's counts.
pub fn relevance_of_each<E>(n: usize, each: &mut EachCounts<'_, E>) -> Result<Vec<f64>, E> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    each(&mut |tf| {
        for (w, _) in tf {
            let next = ids.len() as u32;
            let id = match ids.get(w.as_str()) {
                Some(&id) => id,
                None => {
                    ids.insert(w.clone(), next);
                    next
                }
            };
            if id as usize == df.len() {
                df.push(0);
            }
            df[id as usize] += 1;
        }
    })?;
    let vector = |tf: &WordCounts| -> Vec<(u32, f64)> {
        let mut tf: Vec<(u32, u32)> = tf.iter().map(|(w, c)| (ids[w.as_str()], *c)).collect();
        tf.sort_unstable();
        let mut v: Vec<(u32, f64)> = tf
            .iter()
            .map(|&(id, c)| {
                let idf = ((n as f64 + 1.0) / (df[id as usize] as f64 + 0.5)).ln();
                (id, (1.0 + (c as f64).ln()) * idf)
            })
            .collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        v
    };
    let mut centroid = vec![0.0f64; ids.len()];
    each(&mut |tf| {
        for (id, x) in vector(tf) {
            centroid[id as usize] += x / n as f64;
        }
    })?;
    let cnorm = centroid.iter().map(|x| x * x).sum::<f64>().sqrt();
    let mut sims: Vec<f64> = Vec::with_capacity(n);
    each(&mut |tf| {
        sims.push(if cnorm == 0.0 {
            0.0
        } else {
            vector(tf)
                .iter()
                .map(|&(id, x)| x * centroid[id as usize])
                .sum::<f64>()
                / cnorm
        })
    })?;
    let mut sorted = sims.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[n / 2];
    Ok(sims
        .into_iter()
        .map(|s| {
            if median > 0.0 {
                (s / median).clamp(0.0, 1.0)
            } else {
                1.0
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn statements_are_kinds_by_when_their_article_appeared() {
        let day = date("2010-04-20");
        for (published, kind) in [
            (Some("2010-04-20"), Kind::DatedSameDay),
            (Some("2010-04-21"), Kind::DatedNextDay),
            (Some("2010-04-22"), Kind::DatedWithinWeek),
            (Some("2010-04-27"), Kind::DatedWithinWeek),
            (Some("2010-04-28"), Kind::DatedLater),
            (Some("2010-04-19"), Kind::DatedBefore),
            (None, Kind::DatedLater),
        ] {
            assert_eq!(
                Kind::of_statement(day, published.map(date)),
                kind,
                "{published:?}"
            );
        }
    }

    #[test]
    fn evidence_counts_each_article_once_per_day_and_kind() {
        let published = [
            Some(date("2010-04-20")),
            Some(date("2010-04-21")),
            Some(date("2010-05-20")),
        ];
        let rel = [1.0, 0.5, 1.0];
        let ev = Evidence::new(
            &published,
            &rel,
            [
                st(0, "2010-04-20"),
                st(0, "2010-04-20"),
                st(1, "2010-04-20"),
                st(1, "2010-04-21"),
                st(2, "2010-04-20"),
                st(2, "2010-04-20"),
            ],
        );
        let d = &ev.days[&date("2010-04-20")];
        assert_eq!(d.articles[Kind::Published as usize], vec![0]);
        assert_eq!(d.articles[Kind::PublishedNextDay as usize], vec![1]);
        assert_eq!(d.articles[Kind::DatedSameDay as usize], vec![0]);
        assert_eq!(d.articles[Kind::DatedNextDay as usize], vec![1]);
        assert_eq!(d.articles[Kind::DatedLater as usize], vec![2]);
        assert_eq!(d.weight[Kind::DatedNextDay as usize], 0.5);
        assert_eq!(d.stating_articles(), 3);
        assert_eq!(
            ev.published_span,
            Some((date("2010-04-20"), date("2010-05-20")))
        );
    }

    /// A story of `published` articles per day (from 2011-03-01) and
    /// statements `(article, day)`.
    fn story(per_day: &[usize], statements: &[(usize, &str)]) -> Evidence {
        let start = date("2011-03-01");
        let published: Vec<Option<NaiveDate>> = per_day
            .iter()
            .enumerate()
            .flat_map(|(i, &k)| std::iter::repeat_n(Some(start + Duration::days(i as i64)), k))
            .collect();
        let rel = vec![1.0; published.len()];
        Evidence::new(&published, &rel, statements.iter().map(|&(a, d)| st(a, d)))
    }

    fn st(article: usize, day: &str) -> Statement {
        Statement {
            article,
            day: date(day),
            dates: true,
        }
    }

    #[test]
    fn a_next_morning_report_of_the_day_before_is_that_days_news() {
        let p = Some(date("2011-11-08"));
        for (statements, news) in [
            (vec![st(0, "2011-11-07")], "2011-11-07"),
            (vec![st(0, "2011-11-07"), st(0, "2011-11-08")], "2011-11-08"),
            (vec![st(0, "2011-11-06")], "2011-11-08"),
            (vec![], "2011-11-08"),
            (
                vec![Statement {
                    dates: false,
                    ..st(0, "2011-11-07")
                }],
                "2011-11-08",
            ),
        ] {
            assert_eq!(
                news_days(&[p], &statements),
                vec![Some(date(news))],
                "{statements:?}"
            );
        }
        let ev = Evidence::new(&[p, p], &[1.0, 1.0], [st(0, "2011-11-07")]);
        let d = &ev.days[&date("2011-11-07")];
        assert_eq!(d.articles[Kind::Published as usize], vec![0]);
        assert_eq!(d.next_morning, vec![0]);
        assert_eq!(d.articles[Kind::DatedNextDay as usize], vec![0]);
        assert_eq!(
            ev.days[&date("2011-11-08")].articles[Kind::Published as usize],
            vec![1]
        );
    }

    fn days(r: &[Ranked]) -> Vec<String> {
        r.iter().map(|r| r.day.to_string()).collect()
    }

    #[test]
    fn days_rank_by_weighted_evidence() {
        struct Case {
            name: &'static str,
            per_day: &'static [usize],
            statements: &'static [(usize, &'static str)],
            weights: Weights,
            want: &'static [&'static str],
        }
        let plain = Weights {
            next: 0.0,
            recall: 1.0,
            plan: 0.0,
            beta: 0.0,
        };
        let cases = [
            Case {
                name: "more articles that day, more evidence",
                per_day: &[1, 3, 2],
                statements: &[],
                weights: plain,
                want: &["2011-03-02", "2011-03-03", "2011-03-01"],
            },
            Case {
                name: "a day later articles look back on beats a busier day",
                per_day: &[1, 2, 0, 1, 1, 1],
                statements: &[(3, "2011-03-01"), (4, "2011-03-01"), (5, "2011-03-01")],
                weights: plain,
                want: &["2011-03-01", "2011-03-02", "2011-03-04"],
            },
            Case {
                name: "equal evidence: the earlier day",
                per_day: &[1, 1],
                statements: &[],
                weights: plain,
                want: &["2011-03-01", "2011-03-02"],
            },
            Case {
                name: "plans count only with a plan weight",
                per_day: &[1, 1, 0, 0],
                statements: &[(0, "2011-03-04"), (1, "2011-03-04")],
                weights: Weights { plan: 1.0, ..plain },
                want: &["2011-03-04", "2011-03-01", "2011-03-02"],
            },
        ];
        for c in cases {
            let ev = story(c.per_day, c.statements);
            let got = ev.rank(&c.weights, Span::Articles, |_| true);
            assert_eq!(days(&got)[..c.want.len()], *c.want, "{}", c.name);
        }
    }

    #[test]
    fn a_quiet_day_that_stands_out_rises_with_beta() {
        // A burst of 4 articles a day for a week, then a quiet week with one
        // day of 3 articles.
        let per_day = [4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3];
        let ev = story(&per_day, &[]);
        let flat = Weights {
            next: 0.0,
            recall: 1.0,
            plan: 0.0,
            beta: 0.0,
        };
        let local = Weights { beta: 0.5, ..flat };
        let first = |w: &Weights| ev.rank(w, Span::Articles, |_| true)[0].day.to_string();
        assert_eq!(first(&flat), "2011-03-01");
        assert_eq!(first(&local), "2011-03-17");
    }

    #[test]
    fn days_outside_the_articles_need_two_articles_and_lose_ties() {
        let ev = story(
            &[1, 1],
            &[
                (0, "2011-02-01"),
                (0, "2011-01-01"),
                (1, "2011-01-01"),
                (0, "2011-03-02"),
            ],
        );
        let w = WEIGHTS;
        let got = days(&ev.rank(&w, Span::Articles, |_| true));
        assert!(got.contains(&"2011-01-01".to_string()), "{got:?}");
        assert!(!got.contains(&"2011-02-01".to_string()), "{got:?}");
        let within = days(&ev.rank(
            &w,
            Span::Within(date("2011-03-01"), date("2011-03-01")),
            |_| true,
        ));
        assert_eq!(within, vec!["2011-03-01"]);
        let eligible = days(&ev.rank(&w, Span::Articles, |d| d != date("2011-03-02")));
        assert!(!eligible.contains(&"2011-03-02".to_string()));
    }

    #[test]
    fn why_says_what_the_evidence_was() {
        let ev = story(&[2, 1], &[(2, "2011-03-01"), (2, "2011-03-02")]);
        let ranked = ev.rank(&WEIGHTS, Span::Articles, |_| true);
        let i = ranked
            .iter()
            .position(|r| r.day == date("2011-03-01"))
            .unwrap();
        let why = ev.why(&ranked, i);
        assert_eq!(
            (why.published, why.published_next_day, why.dated_next_day),
            (2, 1, 1)
        );
        assert!(
            why.text.contains("2 articles appeared that day")
                && why
                    .text
                    .contains("1 article the next day (1 dating a statement to it)"),
            "{}",
            why.text
        );
    }

    #[test]
    fn relevance_weighs_off_topic_pages_down() {
        // Twenty articles drawing on one story's words, each with words
        // of its own, and a page of radio listings.
        let story = "earthquake rescuers survivors buildings collapsed aid capital haiti rubble hospital injured tents";
        let story: Vec<&str> = story.split(' ').collect();
        let mut texts: Vec<String> = (0..20)
            .map(|i| {
                let mut words: Vec<String> = (1..8)
                    .map(|k| story[(i * k + i) % 12].to_string())
                    .collect();
                words.push(format!("filler{i}a filler{i}b"));
                words.join(" ")
            })
            .collect();
        texts.push("radio listings afternoon show music comedy news quiz".into());
        let r = relevance(&texts);
        assert!(r[..20].iter().all(|&x| x > 0.6), "{r:?}");
        assert!(r[20] < 0.5, "{r:?}");
    }
}
