//! `chronicler check`: the report a journalist acts on before a chronology is
//! published.
//!
//! It reads one analysis of the story ([`build::Story`]: nothing is read or
//! tagged again), expression by expression, for what does not add up; one
//! file per kind of finding:
//!
//! * **cross-source conflicts** ([`conflicts`]) — one happening of the story
//!   ([`crate::story::happen`]) that different articles, or one article in
//!   two places, date to different days, with both citations and which day
//!   is better supported; statements that merely share words are not one
//!   happening.
//! * **misdated articles** ([`misdated`]) — an article whose relative dates
//!   fit another article date better than its own, or that tells as past
//!   what comes after its date: reported once, as a likely wrong article
//!   date, not as many conflicts.
//! * **weekday–date mismatches** and **impossible dates** ([`calendar`]), as the resolver
//!   records them ("the text says Friday but 2016-07-16 is a Saturday";
//!   rule "impossible date: …").
//! * **tense** ([`tense`]): an explicit or article-relative date after the article's own
//!   day in a clause told in the past tense, or before it in the future tense.
//! * **order** ([`order`]): "A on Friday came two days after B on Thursday" where the
//!   dates say otherwise; "two days later, on July 20" where the count and
//!   the date disagree.
//! * **arithmetic** ([`arithmetic`]): "the five-year-old conflict" against the year the
//!   conflict broke out (consistent ones are listed too), and durations that
//!   contradict the start and end the same sentence gives, or "since" a date.
//!
//! Findings of the kinds that were mostly wrong when audited on real news
//! (tense, order, ages, lengths since a date: [`Kind::is_note`]) are
//! reported apart as **notes**, which do not set the exit status; every
//! finding and note carries its kind's measured precision
//! ([`Kind::calibration`]).
//! * **assumptions** ([`assumptions`]): every resolution that rests on a guess (an inferred
//!   article date, a year supplied, a past or future reading of a bare
//!   weekday …), ranked by how likely the guess is to be wrong, then by how
//!   much of the timeline rides on it.
//!
//! Every finding cites document, line, sentence and the words, with Unicode
//! scalar offsets (end exclusive) as everywhere else in Chronicler
//! ([`report`]); [`analysis`] is the story as the checks read it, and
//! [`text`] writes the report for people.

pub mod analysis;
pub mod arithmetic;
pub mod assumptions;
pub mod calendar;
pub mod conflicts;
pub mod misdated;
pub mod order;
pub mod report;
pub mod tense;
pub mod text;

pub use conflicts::CONFLICT_SIMILARITY;
pub use misdated::{MAX_SHIFT_DAYS, MIN_EXPLAINED, MISDATED_SIMILARITY};
pub use report::*;

use crate::engine::tag::Grammar;
use crate::error::Error;
use crate::story::build::{self, BuildOptions, Story};
use analysis::Analysis;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Reads `paths` like `build` and checks the chronology they make.
pub fn check(paths: &[PathBuf], opts: &BuildOptions, grammar: &Grammar) -> Result<Report, Error> {
    let story = build::read(paths, opts, grammar)?;
    Ok(check_story(&story))
}

/// Checks the chronology of an analysed story; nothing is read or tagged
/// again.
pub fn check_story(story: &Story) -> Report {
    let a = Analysis::new(story);
    let mut conflicts = Vec::new();
    let mut consistent = Vec::new();
    let mut tense = Vec::new();
    a.tense(&mut tense);
    // A misdated article is reported once: its statements' conflicts and
    // the tense findings its date explains are not reported again.
    let misdated = a.misdated(&tense);
    let skip: BTreeSet<usize> = misdated
        .iter()
        .flat_map(|m| std::iter::once(m.doc).chain(m.or_else))
        .collect();
    a.cross_source(&skip, &mut conflicts);
    for m in &misdated {
        conflicts.push(a.misdated_finding(m));
    }
    let folded: Vec<&Finding> = misdated.iter().flat_map(|m| &m.past_after).collect();
    conflicts.extend(tense.iter().filter(|f| !folded.contains(f)).cloned());
    a.resolver_findings(&mut conflicts);
    a.order(&mut conflicts);
    a.ages(&mut conflicts, &mut consistent);
    a.durations(&mut conflicts, &mut consistent);
    conflicts.sort_by(|x, y| {
        (x.kind, first_cite_key(x))
            .cmp(&(y.kind, first_cite_key(y)))
            .then_with(|| x.title.cmp(&y.title))
    });
    conflicts.dedup();
    // Every finding says how often its kind was right on real news; the
    // kinds that were mostly wrong there are notes, apart.
    for f in &mut conflicts {
        f.calibration = f.kind.calibration();
    }
    let (notes, conflicts): (Vec<Finding>, Vec<Finding>) =
        conflicts.into_iter().partition(|f| f.kind.is_note());
    let assumptions = a.assumptions();
    let articles = a
        .timeline
        .documents
        .iter()
        .map(|d| Article {
            id: d.id.clone(),
            source: d.source.clone(),
            dct: d.dct.clone(),
            dct_source: d.dct_source.clone(),
        })
        .collect();
    Report {
        articles,
        happenings: a.timeline.events.len(),
        conflicts,
        notes,
        consistent,
        assumptions,
        warnings: a.timeline.warnings.clone(),
        failed: a.timeline.failed,
    }
}

fn first_cite_key(f: &Finding) -> (String, usize) {
    f.cites
        .first()
        .map(|c| (c.document.clone(), c.words.start))
        .unwrap_or_default()
}
