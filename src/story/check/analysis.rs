//! The story as the checks read it: each article's text, date, statements
//! and expressions, every statement with its row, and citing helpers.

use super::report::{Cite, Span};
use crate::article::document::Dct;
use crate::article::sentences::{CharMap, Sentence};
use crate::engine::timex::{Granularity, Mention, TimexMod, TimexType};
use crate::story::build::Story;
use crate::story::events::Event;
use crate::story::merge::{Vector, Vocabulary};
use crate::story::timeline::{self, Timeline};
use std::collections::HashMap;

/// One article as the build read it.
pub(super) struct Doc<'s> {
    pub(super) id: &'s str,
    pub(super) source: Option<&'s String>,
    pub(super) text: &'s str,
    pub(super) dct: Option<&'s Dct>,
    /// The expressions in the article's own statements (furniture left out).
    pub(super) mentions: Vec<&'s Mention>,
    pub(super) sentences: Vec<Sentence>,
    pub(super) chars: CharMap,
}

impl<'s> Doc<'s> {
    /// The mentions inside sentence `s`, found by position in the sorted
    /// mentions rather than by a scan of all of them for every sentence.
    pub(super) fn mentions_in(&self, s: &Sentence) -> Vec<&'s Mention> {
        let from = self.mentions.partition_point(|m| m.byte_start < s.start);
        let inside: Vec<&'s Mention> = self.mentions[from..]
            .iter()
            .take_while(|m| m.byte_start < s.end)
            .copied()
            .collect();
        crate::progress::work::add(inside.len());
        inside.into_iter().filter(|m| m.byte_end <= s.end).collect()
    }

    /// The sentence holding byte offset `at`.
    pub(super) fn sentence_at(&self, at: usize) -> Option<&Sentence> {
        let k = self.sentences.partition_point(|s| s.end <= at);
        self.sentences.get(k).filter(|s| s.start <= at)
    }

    pub(super) fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.chars.char_at(start),
            end: self.chars.char_at(end),
            text: self.text[start..end].to_string(),
        }
    }

    pub(super) fn cite(&self, m: &Mention, row: Option<&str>) -> Cite {
        let (line, sentence) = match self.sentence_at(m.byte_start) {
            Some(s) => (s.line, self.span(s.start, s.end.max(m.byte_end))),
            None => (
                1 + self.text[..m.byte_start].matches('\n').count(),
                self.span(m.byte_start, m.byte_end),
            ),
        };
        let dated = m.timex.interval.is_some() && !m.timex.value.is_empty();
        Cite {
            document: self.id.to_string(),
            source: self.source.cloned(),
            line,
            sentence: Span {
                text: squash(&sentence.text),
                ..sentence
            },
            words: Span {
                start: m.start,
                end: m.end,
                text: m.text.clone(),
            },
            value: (!m.timex.value.is_empty()).then(|| m.timex.value.clone()),
            resolved: dated.then(|| {
                timeline::display_date(
                    &m.timex.value,
                    m.timex.modifier,
                    m.timex.granularity,
                    m.timex.interval,
                )
            }),
            rule: Some(m.rule.clone()),
            row: row.map(str::to_string),
        }
    }
}

/// White space runs (line breaks of hard-wrapped text) as one space.
pub(super) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the conflicts check reads of each statement, once: whether it is
/// too weak to date a happening against another (a saying, a plan, one of
/// several days of its sentence) and its figures.
pub(super) struct Pairing {
    pub(super) weak: Vec<bool>,
    pub(super) figures: Vec<Vec<String>>,
}

/// The story as the checks read it.
pub(super) struct Analysis<'s> {
    pub(super) docs: Vec<Doc<'s>>,
    /// Every statement of every article, site furniture included.
    pub(super) events: Vec<&'s Event>,
    /// The timeline row of each event, when the build cited it.
    pub(super) row_of: Vec<Option<usize>>,
    /// The events of each row.
    pub(super) members: Vec<Vec<usize>>,
    /// (document, mention byte start) → event, for every expression an event cites.
    pub(super) event_of: HashMap<(usize, usize), usize>,
    pub(super) vectors: Vec<Vector>,
    /// (document, sentence byte start) → the days its statements give.
    pub(super) sentence_days: HashMap<(usize, usize), Vec<chrono::NaiveDate>>,
    /// What the conflicts check reads of each statement, made at first use.
    pub(super) pairing: std::sync::OnceLock<Pairing>,
    pub(super) timeline: &'s Timeline,
}

/// Rules whose value does not depend on the sentence's tense.
pub(super) fn tense_free_rule(rule: &str) -> bool {
    rule.starts_with("explicit")
        || rule.contains("from the article date")
        || rule.ends_with("the article date")
}

/// True for DATE and TIME expressions that date rather than bound.
pub(super) fn is_dating(m: &Mention) -> bool {
    matches!(m.timex.kind, TimexType::Date | TimexType::Time)
        && !m.timex.modifier.is_some_and(TimexMod::is_bound)
        && m.timex.granularity != Granularity::None
}

pub(super) fn display(m: &Mention) -> String {
    if m.timex.interval.is_none() {
        return m.timex.value.clone();
    }
    timeline::display_date(
        &m.timex.value,
        m.timex.modifier,
        m.timex.granularity,
        m.timex.interval,
    )
}

pub(super) fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    if let Some(cut) = out.rfind(' ') {
        out.truncate(cut);
    }
    out.push('…');
    out
}

/// The words (lower case) of the clause around bytes `start..end` of
/// `sentence`: up to `n` before, nearest first, and up to `n` after, not
/// past a comma, semicolon, colon, dash, bracket or quotation mark.
pub(super) fn clause_words(
    sentence: &str,
    start: usize,
    end: usize,
    n: usize,
) -> (Vec<String>, Vec<String>) {
    const STOPS: &[char] = &[',', ';', ':', '—', '–', '(', ')', '"', '“', '”'];
    let (Some(left), Some(right)) = (sentence.get(..start), sentence.get(end..)) else {
        return (Vec::new(), Vec::new());
    };
    // After the stop, whatever its width in bytes ("“" is three).
    let left = left
        .char_indices()
        .rev()
        .find(|&(_, c)| STOPS.contains(&c))
        .map_or(left, |(k, c)| &left[k + c.len_utf8()..]);
    let right = right.find(STOPS).map_or(right, |k| &right[..k]);
    let lower = |w: crate::story::terms::Word| w.text.to_lowercase().replace('’', "'");
    let before = crate::story::terms::words(left)
        .into_iter()
        .rev()
        .take(n)
        .map(lower)
        .collect();
    let after = crate::story::terms::words(right)
        .into_iter()
        .take(n)
        .map(lower)
        .collect();
    (before, after)
}

/// True when byte `at` of a sentence is inside quoted speech.
pub(super) fn in_quotes(s: &str, at: usize) -> bool {
    let before = &s[..at];
    let straight = before.matches('"').count();
    // Curly quotes, and the `` '' of tokenised text.
    let open = before.matches('“').count() + before.matches("``").count();
    let close = before.matches('”').count() + before.matches("''").count();
    straight % 2 == 1 || open > close
}

impl<'s> Analysis<'s> {
    pub(super) fn new(story: &'s Story) -> Analysis<'s> {
        let timeline = &story.timeline;
        let mut docs = Vec::with_capacity(story.articles.len());
        let mut events: Vec<&Event> = Vec::new();
        for a in &story.articles {
            let document = &a.document;
            let dct = document.dct.as_ref();
            if dct.is_some() {
                events.extend(&a.events);
            }
            // Site furniture and readers' comments are not the article's
            // statements: the build skips them, and so does the check.
            let sentences: Vec<Sentence> = a.reading.statements().copied().collect();
            let mentions: Vec<&Mention> = a
                .mentions
                .iter()
                .filter(|m| {
                    let k = sentences.partition_point(|s| s.end <= m.byte_start);
                    sentences.get(k).is_some_and(|s| s.start <= m.byte_start)
                })
                .collect();
            docs.push(Doc {
                id: &document.id,
                source: a.meta.source.as_ref(),
                chars: CharMap::new(&document.text),
                text: &document.text,
                dct,
                mentions,
                sentences,
            });
        }
        let mut key_row: HashMap<(&str, usize, usize), usize> = HashMap::new();
        for (r, row) in timeline.events.iter().enumerate() {
            for c in &row.citations {
                key_row.insert(
                    (c.document.as_str(), c.sentence.start, c.expression.start),
                    r,
                );
            }
        }
        let row_of: Vec<Option<usize>> = events
            .iter()
            .map(|e| {
                key_row
                    .get(&(docs[e.doc].id, e.sentence.start, e.mention.start))
                    .copied()
            })
            .collect();
        let mut members = vec![Vec::new(); timeline.events.len()];
        for (i, r) in row_of.iter().enumerate() {
            if let Some(r) = r {
                members[*r].push(i);
            }
        }
        let mut event_of = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            event_of.insert((e.doc, e.mention.byte_start), i);
            for m in &e.also {
                event_of.insert((e.doc, m.byte_start), i);
            }
        }
        let cited: Vec<&Event> = row_of
            .iter()
            .zip(&events)
            .filter(|(r, _)| r.is_some())
            .map(|(_, e)| *e)
            .collect();
        let vocab = Vocabulary::new(cited);
        let vectors = events.iter().map(|e| vocab.vector(e)).collect();
        let mut sentence_days: HashMap<(usize, usize), Vec<chrono::NaiveDate>> = HashMap::new();
        for e in &events {
            if let Some(d) = e.day() {
                sentence_days
                    .entry((e.doc, e.sentence.byte_start))
                    .or_default()
                    .push(d);
            }
        }
        Analysis {
            sentence_days,
            pairing: std::sync::OnceLock::new(),
            docs,
            events,
            row_of,
            members,
            event_of,
            vectors,
            timeline,
        }
    }

    /// True when event `i`'s sentence also gives day `d` ("divers searched
    /// on Wednesday after the bridge collapsed on Tuesday").
    pub(super) fn sentence_gives(&self, i: usize, d: chrono::NaiveDate) -> bool {
        let e = self.events[i];
        self.sentence_days
            .get(&(e.doc, e.sentence.byte_start))
            .is_some_and(|days| days.contains(&d))
    }

    pub(super) fn row_id(&self, event: usize) -> Option<&str> {
        self.row_of[event].map(|r| self.timeline.events[r].id.as_str())
    }

    pub(super) fn cite_event(&self, i: usize) -> Cite {
        let e = &self.events[i];
        self.docs[e.doc].cite(&e.mention, self.row_id(i))
    }

    /// The cite of mention `m` of document `d`, with its row when an event cites it.
    pub(super) fn cite_mention(&self, d: usize, m: &Mention) -> Cite {
        let row = self
            .event_of
            .get(&(d, m.byte_start))
            .and_then(|&i| self.row_id(i));
        self.docs[d].cite(m, row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes() {
        assert!(in_quotes("He said \"we met on", 17));
        assert!(!in_quotes("He said \"we met\" on", 18));
        assert!(in_quotes("He said “we met on", 17));
        assert!(in_quotes("He said `` we met on", 17));
        // A stop of several bytes before the words is stepped over whole.
        let s = "placed by “the sentence” on Monday";
        let at = s.find("Monday").unwrap();
        let (before, _) = clause_words(s, at, at + 6, 3);
        assert_eq!(before, vec!["on"]);
        assert!(!in_quotes("He said `` we met '' on", 22));
    }
}
