//! `chronicler check`: the report a journalist acts on before a chronology is
//! published.
//!
//! It reads one analysis of the story ([`build::Story`]: nothing is read or
//! tagged again), expression by expression, for what does not add up; one
//! file per kind of finding:
//!
//! * **cross-source conflicts** ([`conflicts`]) — two happenings of the timeline whose
//!   statements share their words (the merge's similarity,
//!   [`crate::story::merge::Vocabulary`], at least [`CONFLICT_SIMILARITY`]) but
//!   whose dates do not overlap, within [`CONFLICT_WINDOW_DAYS`] (or of the
//!   same kind: 1998 and 1999), when no article tells the two apart (none is
//!   cited by both), every article was in a position to know both dates (all
//!   written after both, or all before both) and they are not each an
//!   article's report of its own day's news. That is one happening dated
//!   differently by different articles.
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
//!   contradict the start and end the same sentence gives.
//! * **assumptions** ([`assumptions`]): every resolution that rests on a guess (an inferred
//!   article date, a year supplied, a past or future reading of a bare
//!   weekday …), ranked by how much of the timeline rides on it.
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
pub mod order;
pub mod report;
pub mod tense;
pub mod text;

pub use conflicts::{CONFLICT_SIMILARITY, CONFLICT_WINDOW_DAYS};
pub use report::*;

use crate::engine::tag::Grammar;
use crate::error::Error;
use crate::story::build::{self, BuildOptions, Story};
use analysis::Analysis;
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
    a.cross_source(&mut conflicts);
    a.resolver_findings(&mut conflicts);
    a.tense(&mut conflicts);
    a.order(&mut conflicts);
    a.ages(&mut conflicts, &mut consistent);
    a.durations(&mut conflicts, &mut consistent);
    conflicts.sort_by(|x, y| {
        (x.kind, first_cite_key(x))
            .cmp(&(y.kind, first_cite_key(y)))
            .then_with(|| x.title.cmp(&y.title))
    });
    conflicts.dedup();
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
