//! The part that knows TIMEX3: finds temporal expressions and resolves them.
//!
//! Takes in a text and its article date ([`crate::article::document::Dct`]);
//! gives out [`timex::Mention`]s — span, TIMEX3 type and value, the interval
//! of local time it denotes, the rule used and what was assumed. The word
//! lists ([`grammar`], from `grammar/*.csv`) feed the nom productions
//! ([`tag`]); [`resolve`] is the only code that reads the article date;
//! [`tense`] reads what the verbs around an expression say about its
//! direction (for the resolver and for `check`); [`explain`] shows one
//! expression's parse and resolution.

pub mod explain;
pub mod grammar;
pub mod narrative;
pub mod resolve;
pub mod tag;
pub mod tense;
pub mod timex;

use crate::article::document::Dct;
use chrono::{NaiveDate, NaiveTime};
use narrative::Reference;
use std::sync::atomic::{AtomicU64, Ordering};
use tag::Grammar;
use timex::{Granularity, Mention, TimexType};

/// Texts annotated in this process so far (see [`annotations`]).
static ANNOTATED: AtomicU64 = AtomicU64::new(0);

/// How many texts [`annotate`] has been run on in this process: a count a
/// test reads to see that a command tags each article once.
pub fn annotations() -> u64 {
    ANNOTATED.load(Ordering::Relaxed)
}

/// Finds and resolves every temporal expression in `text`, deciding per
/// paragraph whether year-less expressions count from the article date or
/// from the text's own dates ([`narrative::ReferenceMode::Auto`]).
pub fn annotate(text: &str, dct: Option<&Dct>, grammar: &Grammar) -> Vec<Mention> {
    annotate_with(text, dct, grammar, Reference::default())
}

/// [`annotate`] with the narrative reference chosen by the caller
/// (`--reference dct|narrative|auto`).
pub fn annotate_with(
    text: &str,
    dct: Option<&Dct>,
    grammar: &Grammar,
    reference: Reference,
) -> Vec<Mention> {
    ANNOTATED.fetch_add(1, Ordering::Relaxed);
    let candidates = tag::scan(text, grammar);
    resolve::resolve_all(text, &candidates, dct, grammar, reference)
}

/// A calendar date (with a time of day when it gives one) written the way
/// the tagger reads dates — "15 July 2016", "July 15, 2016 9:30 a.m." —
/// when `text` is that one explicit expression and nothing else.
pub fn explicit_date(text: &str, grammar: &Grammar) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let text = text.trim();
    let mentions = annotate(text, None, grammar);
    let [m] = mentions.as_slice() else {
        return None;
    };
    let whole = m.byte_start == 0
        && text[m.byte_end..]
            .trim_matches(|c: char| c.is_whitespace() || c == '.')
            .is_empty();
    if !whole || !matches!(m.timex.kind, TimexType::Date | TimexType::Time) {
        return None;
    }
    let date = NaiveDate::parse_from_str(m.timex.value.get(..10)?, "%Y-%m-%d").ok()?;
    let time = match m.timex.granularity {
        Granularity::Day => None,
        Granularity::Hour | Granularity::Minute | Granularity::Second => {
            m.timex.interval.map(|i| i.start.time())
        }
        _ => return None,
    };
    Some((date, time))
}
