//! Inferring an article's date (DCT) from its text when nothing gives it.
//!
//! Two kinds of evidence, tried in order:
//!
//! 1. [`explicit_date_near_top`]: a full date with its year ("15 July,
//!    2016", "July 15, 2016") in the first blocks of the article — the date
//!    line under a headline, a dateline, a photo caption.
//! 2. [`by_agreement`]: the date that makes the article's relative
//!    expressions ("on Friday", "yesterday", "today") land on the same days
//!    as the same happenings in the other articles of the story, tried over
//!    the other articles' dates and the days around them.
//!
//! Either way the DCT's source is [`DctSource::Inferred`] with the basis in
//! words, and every statement that depends on it says so.

use crate::article::document::Dct;
use crate::article::document::DctSource;
use crate::article::document::Document;
use crate::article::sentences;
use crate::engine::tag::Grammar;
use crate::engine::timex::Granularity;
use crate::engine::timex::Role;
use crate::story::dateline::Dateline;
use crate::story::events::{self, Event};
use crate::story::merge::{SAME_DAY_THRESHOLD, Vector, Vocabulary};
use chrono::NaiveDate;
use std::collections::HashMap;

/// How many blocks from the top an explicit date may stand in.
const TOP_BLOCKS: usize = 8;
/// How many bytes from the top an explicit date may stand in.
const TOP_BYTES: usize = 1500;

/// A full explicit date near the top of `text`, with the basis in words.
pub fn explicit_date_near_top(text: &str, grammar: &Grammar) -> Option<(NaiveDate, String)> {
    let blocks = sentences::blocks(text);
    let limit = blocks
        .get(TOP_BLOCKS.min(blocks.len()).saturating_sub(1))
        .map_or(0, |b| b.end)
        .min(TOP_BYTES);
    let mentions = crate::engine::annotate(&text[..floor(text, limit)], None, grammar);
    mentions.iter().find_map(|m| {
        // a page's own stamp ("Last updated at 14:59 GMT, 28 September
        // 2011") dates the page even when it gives the minute
        let stamp = m.role == Some(Role::PageStamp) && m.timex.granularity >= Granularity::Day;
        if !(m.timex.granularity == Granularity::Day || stamp)
            || !m.rule.starts_with("explicit date")
        {
            return None;
        }
        let date = NaiveDate::parse_from_str(m.timex.value.get(..10)?, "%Y-%m-%d").ok()?;
        let line = 1 + text[..m.byte_start].matches('\n').count();
        Some((
            date,
            format!("the full date “{}” near the top (line {line})", m.text),
        ))
    })
}

fn floor(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The events of articles whose dates are known, indexed by day.
pub struct Known<'a> {
    vocab: Vocabulary,
    by_day: HashMap<NaiveDate, Vec<(usize, Vector)>>,
    events: &'a [Event],
    doc_ids: &'a [String],
}

impl<'a> Known<'a> {
    /// `events` of dated articles; `doc_ids[e.doc]` names an event's article.
    pub fn new(events: &'a [Event], doc_ids: &'a [String]) -> Known<'a> {
        let vocab = Vocabulary::new(events);
        let mut by_day: HashMap<NaiveDate, Vec<(usize, Vector)>> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            if let Some(d) = e.day() {
                by_day.entry(d).or_default().push((i, vocab.vector(e)));
            }
        }
        Known {
            vocab,
            by_day,
            events,
            doc_ids,
        }
    }

    /// The candidate dates: each known article date and the days beside it,
    /// most frequent first.
    pub fn candidates(dates: &[NaiveDate]) -> Vec<NaiveDate> {
        let mut count: HashMap<NaiveDate, usize> = HashMap::new();
        for d in dates {
            *count.entry(*d).or_default() += 2;
            for n in [d.pred_opt(), d.succ_opt()].into_iter().flatten() {
                *count.entry(n).or_default() += 1;
            }
        }
        let mut v: Vec<(NaiveDate, usize)> = count.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().take(60).map(|(d, _)| d).collect()
    }
}

/// The candidate date under which `doc`'s relative expressions best agree
/// with the known events, with the basis in words.
pub fn by_agreement(
    doc: &Document,
    candidates: &[NaiveDate],
    known: &Known<'_>,
    dateline: Option<&Dateline>,
    grammar: &Grammar,
) -> Option<(NaiveDate, String)> {
    let mut best: Option<(NaiveDate, f32, usize, String)> = None;
    for &date in candidates {
        let dct = Dct::on(date, DctSource::Inferred("candidate".into()));
        let mentions = crate::engine::annotate(&doc.text, Some(&dct), grammar);
        let evs = events::extract(0, doc, &mentions, dateline, grammar);
        let mut score = 0.0;
        let mut agreeing = 0;
        let mut example: Option<(f32, String)> = None;
        for e in evs.iter().filter(|e| e.depends_on_dct) {
            let Some(day) = e.day() else { continue };
            let Some(known_events) = known.by_day.get(&day) else {
                continue;
            };
            let v = known.vocab.vector(e);
            let Some((k, s)) = known_events
                .iter()
                .map(|(k, kv)| (*k, kv.cosine(&v)))
                .max_by(|a, b| a.1.total_cmp(&b.1))
            else {
                continue;
            };
            if s < SAME_DAY_THRESHOLD {
                continue;
            }
            score += s;
            agreeing += 1;
            if example.as_ref().is_none_or(|(bs, _)| s > *bs) {
                let other = &known.events[k];
                let id = known.doc_ids.get(other.doc).map_or("", String::as_str);
                example = Some((
                    s,
                    format!(
                        "“{}” here and “{}” in {id}",
                        e.mention.text, other.mention.text
                    ),
                ));
            }
        }
        if score > 0.0 && best.as_ref().is_none_or(|(_, bs, _, _)| score > *bs + 1e-6) {
            let ex = example.map(|(_, s)| s).unwrap_or_default();
            best = Some((date, score, agreeing, ex));
        }
    }
    let (date, _, agreeing, example) = best?;
    let plural = if agreeing == 1 { "" } else { "s" };
    Some((
        date,
        format!(
            "agreement with other articles: {agreeing} statement{plural} fall on the same days as theirs (e.g. {example})"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dates_near_the_top() {
        let g = Grammar::embedded();
        let (d, basis) = explicit_date_near_top(
            "Headline\n\n4 min read\n15 July, 2016\n\nKerry met Putin on Thursday.",
            g,
        )
        .unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2016, 7, 15).unwrap());
        assert!(
            basis.contains("“15 July, 2016”") && basis.contains("line 4"),
            "{basis}"
        );
        assert!(explicit_date_near_top("Kerry met Putin on Thursday.", g).is_none());
    }

    #[test]
    fn candidates_prefer_known_dates() {
        let d = |n| NaiveDate::from_ymd_opt(2016, 7, n).unwrap();
        let c = Known::candidates(&[d(15), d(15), d(16)]);
        assert_eq!(c[0], d(15));
        assert!(c.contains(&d(14)) && c.contains(&d(17)));
    }
}
