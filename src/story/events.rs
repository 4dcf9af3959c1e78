//! Events: the dated statements of one article.
//!
//! An event is a sentence (of article text, not furniture — see
//! [`crate::article::boilerplate`]) that carries a resolved calendar expression
//! (TIMEX3 DATE or TIME with an interval). Expressions of the same time in
//! one sentence ("on Thursday … Bastille Day") make one event; expressions of
//! different times make one event each, sharing the sentence. A duration
//! ("eight hours") is not an event: it is attached to the nearest event of
//! its sentence, and dropped when there is none. Expressions bounded by
//! `BEFORE`/`AFTER`-like modifiers, present/past/future references and sets
//! are not events either.
//!
//! Each event carries a short headline (see [`headline`]) and weighted
//! content terms for [`crate::story::merge`]: words near the expression weigh more
//! than the rest of the sentence, names more than common words.

use crate::article::boilerplate::BlockKind;
use crate::article::document::Document;
use crate::article::reading::Reading;
use crate::article::sentences::CharMap;
use crate::engine::tag::Grammar;
use crate::engine::timex::{Granularity, Interval, Mention, Role, TimexMod, TimexType};
use crate::story::dateline::Dateline;
use crate::story::terms;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// A stretch of a document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextSpan {
    /// Unicode scalar offsets, end exclusive.
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
    pub text: String,
}

/// A dated statement of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Index of the document in the build's document list.
    pub doc: usize,
    /// 1-based line of the sentence.
    pub line: usize,
    pub sentence: TextSpan,
    /// The expression that dates the event (the most precise one).
    pub mention: Mention,
    /// Other expressions of the same time in the sentence.
    pub also: Vec<Mention>,
    /// Durations of the sentence that measure this event.
    pub durations: Vec<Mention>,
    pub headline: String,
    /// "until", "since", "by" … when the expression bounds the event rather
    /// than dating it.
    pub relation: Option<String>,
    /// From a photo caption.
    pub caption: bool,
    /// The stretch used to compare times: the calendar day of the value for
    /// day-or-finer values ("Thursday night" belongs to Thursday), else the
    /// interval.
    pub span: Interval,
    /// True when the value was computed from the article date (not an
    /// explicit date like "June 18, 2016").
    pub depends_on_dct: bool,
    /// Content terms and their weights.
    pub terms: Vec<(String, f32)>,
    /// When the expression names a happening by a noun phrase it owns
    /// ("Thursday's talks", "this week's attack in Nice"), the terms of
    /// that phrase; see [`crate::story::merge`].
    pub named: Vec<String>,
}

impl Event {
    /// The calendar day of a day-or-finer event.
    pub fn day(&self) -> Option<NaiveDate> {
        (self.mention.timex.granularity >= Granularity::Day).then(|| self.span.start.date())
    }
}

/// Minimum number of content words outside the expressions for a sentence
/// to be a statement (a line holding only "15 July, 2016" is not).
const MIN_CONTENT_WORDS: usize = 3;

/// Words before an expression that make it a bound of the event.
const RELATIONS: &[&str] = &[
    "until",
    "till",
    "since",
    "by",
    "before",
    "after",
    "through",
    "throughout",
];

/// The events of `doc`, whose resolved expressions are `mentions` (in text order).
pub fn extract(
    doc_index: usize,
    doc: &Document,
    mentions: &[Mention],
    dateline: Option<&Dateline>,
    grammar: &Grammar,
) -> Vec<Event> {
    let reading = Reading::of(&doc.text, &grammar.abbreviations);
    extract_read(doc_index, doc, mentions, dateline, &reading, false)
}

/// The statements of `doc` whose DATE or TIME expressions have no place on
/// the calendar ("recently", or "on Friday" without an article date). Their
/// `span` is empty, at the earliest representable time.
pub fn extract_undated(
    doc_index: usize,
    doc: &Document,
    mentions: &[Mention],
    dateline: Option<&Dateline>,
    grammar: &Grammar,
) -> Vec<Event> {
    let reading = Reading::of(&doc.text, &grammar.abbreviations);
    extract_read(doc_index, doc, mentions, dateline, &reading, true)
}

/// The statements of `doc` as [`extract`] (or, `undated`, as
/// [`extract_undated`]) finds them, on a [`Reading`] of its text made before.
pub fn extract_read(
    doc_index: usize,
    doc: &Document,
    mentions: &[Mention],
    dateline: Option<&Dateline>,
    reading: &Reading,
    undated: bool,
) -> Vec<Event> {
    let text = doc.text.as_str();
    let (sentences, kinds) = (&reading.sentences, &reading.kinds);
    let chars = CharMap::new(text);
    let dateline_span = dateline.map(|d| (d.byte_start, d.byte_end));

    // Terms of each text sentence, to spot captions that repeat the text.
    let text_terms: Vec<Vec<String>> = sentences
        .iter()
        .filter(|s| kinds[s.block] == BlockKind::Text)
        .map(|s| plain_terms(&text[s.start..s.end]))
        .collect();

    let mut out = Vec::new();
    let mut next_mention = 0;
    for s in sentences.iter() {
        let kind = kinds[s.block];
        let in_sentence: Vec<&Mention> = {
            while next_mention < mentions.len() && mentions[next_mention].byte_start < s.start {
                next_mention += 1;
            }
            mentions[next_mention..]
                .iter()
                .take_while(|m| m.byte_start < s.end)
                .filter(|m| m.byte_end <= s.end)
                .collect()
        };
        if in_sentence.is_empty() || matches!(kind, BlockKind::Skip(_)) {
            continue;
        }
        let stext = &text[s.start..s.end];
        // A "Date: 2016-07-15" metadata line.
        if s.line == first_line(text) && stext.starts_with("Date:") {
            continue;
        }
        let content = content_words(stext, s.start, &covered(&in_sentence), dateline_span);
        if content < MIN_CONTENT_WORDS {
            continue;
        }
        let caption = kind == BlockKind::Caption;
        if caption && repeats_text(stext, &text_terms) {
            continue;
        }

        // A live page's entry stamp ("2155: …") dates its entry only when
        // nothing else in the sentence does.
        let dated_otherwise = in_sentence
            .iter()
            .any(|m| m.role.is_none() && dating_span(m).is_some());
        // Group the dating expressions by the time they denote (looked up,
        // not searched: a sentence may hold thousands).
        let mut groups: Vec<(Interval, Vec<&Mention>)> = Vec::new();
        let mut group_of: HashMap<Interval, usize> = HashMap::new();
        for m in in_sentence.iter().copied() {
            if dateline_span.is_some_and(|(a, b)| m.byte_start < b && m.byte_end > a) {
                continue;
            }
            // "Last updated at 14:59 GMT": when the page was written
            match m.role {
                Some(Role::PageStamp) => continue,
                Some(Role::EntryStamp) if dated_otherwise => continue,
                _ => {}
            }
            let span = match (dating_span(m), undated) {
                (Some(span), false) => span,
                (None, true) if matches!(m.timex.kind, TimexType::Date | TimexType::Time) => {
                    Interval {
                        start: chrono::NaiveDateTime::MIN,
                        end: chrono::NaiveDateTime::MIN,
                    }
                }
                _ => continue,
            };
            match group_of.get(&span) {
                Some(&g) => groups[g].1.push(m),
                None => {
                    group_of.insert(span, groups.len());
                    groups.push((span, vec![m]));
                }
            }
        }
        if groups.is_empty() {
            continue;
        }
        // A sentence of many times is quoted for each event by the stretch
        // around its expression (see `quote`), so that the work and the
        // output stay in proportion to the text; a sentence of a few times
        // is quoted whole for each (at most CROWDED times its length).
        let crowded = groups.len() > CROWDED;
        let whole = !crowded;
        let newlines: Vec<usize> = match whole {
            true => Vec::new(),
            false => memchr::memchr_iter(b'\n', stext.as_bytes())
                .map(|i| s.start + i)
                .collect(),
        };
        let sentence = TextSpan {
            start: chars.char_at(s.start),
            end: chars.char_at(s.end),
            byte_start: s.start,
            byte_end: s.end,
            text: match whole {
                true => stext.to_string(),
                false => String::new(),
            },
        };
        let first_event = out.len();
        for (span, mut group) in groups {
            group.sort_by_key(|m| {
                (
                    std::cmp::Reverse(m.timex.granularity),
                    relation(text, m).is_some(),
                    m.byte_start,
                )
            });
            let primary = group[0];
            let relation = relation(text, primary);
            let (qs, qe) = match whole {
                true => (s.start, s.end),
                false => quote(text, s.start, s.end, primary, &group, &in_sentence, crowded),
            };
            // The mentions inside the quoted stretch.
            let lo = in_sentence.partition_point(|m| m.byte_start < qs);
            let hi = in_sentence.partition_point(|m| m.byte_start < qe);
            let near: Vec<&Mention> = in_sentence[lo..hi]
                .iter()
                .copied()
                .filter(|m| m.byte_end <= qe)
                .collect();
            let head = headline(text, qs, qe, primary, dateline_span);
            let (weights, named) = term_weights(text, qs, qe, primary, &near, dateline_span);
            let (line, sentence) = match whole {
                true => (s.line, sentence.clone()),
                false => (
                    s.line + newlines.partition_point(|&n| n < qs),
                    TextSpan {
                        start: chars.char_at(qs),
                        end: chars.char_at(qe),
                        byte_start: qs,
                        byte_end: qe,
                        text: text[qs..qe].to_string(),
                    },
                ),
            };
            out.push(Event {
                doc: doc_index,
                line,
                sentence,
                mention: primary.clone(),
                also: group[1..].iter().map(|m| (*m).clone()).collect(),
                durations: Vec::new(),
                headline: head,
                relation,
                caption,
                span,
                depends_on_dct: !primary.rule.starts_with("explicit"),
                terms: weights,
                named,
            });
        }
        // Durations go to the nearest event of the sentence (by binary
        // search among the sentence's events, in text order).
        let mut order: Vec<(usize, usize)> = out[first_event..]
            .iter()
            .enumerate()
            .map(|(i, e)| (e.mention.byte_start, first_event + i))
            .collect();
        order.sort_unstable();
        for d in in_sentence
            .iter()
            .filter(|m| m.timex.kind == TimexType::Duration)
        {
            let at = order.partition_point(|&(b, _)| b < d.byte_start);
            let nearest = [at.checked_sub(1), Some(at)]
                .into_iter()
                .flatten()
                .filter_map(|i| order.get(i))
                .min_by_key(|&&(b, i)| (b.abs_diff(d.byte_start), i));
            if let Some(&(_, i)) = nearest {
                out[i].durations.push((*d).clone());
            }
        }
    }
    out
}

fn first_line(text: &str) -> usize {
    1 + text.lines().take_while(|l| l.trim().is_empty()).count()
}

/// The span an expression dates, or `None` when it does not date an event.
pub fn dating_span(m: &Mention) -> Option<Interval> {
    let t = &m.timex;
    if !matches!(t.kind, TimexType::Date | TimexType::Time) {
        return None;
    }
    if t.modifier.is_some_and(TimexMod::is_bound) {
        return None;
    }
    if t.granularity == Granularity::None || !t.value.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let interval = t.interval?;
    if t.granularity >= Granularity::Day {
        let day = t
            .value
            .get(..10)
            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())?;
        let start = day.and_hms_opt(0, 0, 0)?;
        return Some(Interval {
            start,
            end: start + Duration::days(1),
        });
    }
    Some(interval)
}

/// The bounding word before the expression ("until the early hours").
fn relation(text: &str, m: &Mention) -> Option<String> {
    let before = text[..m.byte_start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()?
        .to_lowercase();
    let first = m
        .text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    [word, first]
        .into_iter()
        .find(|w| RELATIONS.contains(&w.as_str()))
}

/// The byte ranges `mentions` (sorted by start) cover, merged and sorted.
fn covered(mentions: &[&Mention]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(mentions.len());
    for m in mentions {
        match out.last_mut() {
            Some(last) if m.byte_start <= last.1 => last.1 = last.1.max(m.byte_end),
            _ => out.push((m.byte_start, m.byte_end)),
        }
    }
    out
}

/// True when `start..end` overlaps one of the sorted, disjoint `ranges`.
fn inside(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = ranges.partition_point(|&(_, e)| e <= start);
    ranges.get(i).is_some_and(|&(s, _)| s < end)
}

fn content_words(
    stext: &str,
    offset: usize,
    ranges: &[(usize, usize)],
    dateline: Option<(usize, usize)>,
) -> usize {
    terms::words(stext)
        .iter()
        .filter(|w| {
            let (a, b) = (offset + w.start, offset + w.end);
            !inside(ranges, a, b)
                && !dateline.is_some_and(|(s, e)| a < e && b > s)
                && terms::term(w.text).is_some()
        })
        .count()
}

/// More times than this in one sentence ("in 1990, 1994, 1998, 2002 and
/// 2006" has five) and each event is quoted by its own clause: the stretch
/// between the expressions of other times before and after it, at most
/// [`QUOTE_BYTES`]. Quoting the whole sentence for each of its events made
/// one 92 KB sentence of 2,000 dated clauses into 830 MB of output.
pub const CROWDED: usize = 4;

/// The longest stretch of a crowded sentence quoted for one event, in bytes.
pub const QUOTE_BYTES: usize = 1000;

/// The stretch of the sentence `start..end` quoted for the event dated by
/// `primary` (whose group of same-time expressions is `group`): at most
/// [`QUOTE_BYTES`] around the expression and, when the sentence is
/// `crowded`, no further than the nearest expressions of other times.
/// Trimmed of white space and commas at its edges; always holds `primary`.
fn quote(
    text: &str,
    start: usize,
    end: usize,
    primary: &Mention,
    group: &[&Mention],
    in_sentence: &[&Mention],
    crowded: bool,
) -> (usize, usize) {
    let half = QUOTE_BYTES.saturating_sub(primary.byte_end - primary.byte_start) / 2;
    let mut qs = start.max(primary.byte_start.saturating_sub(half));
    let mut qe = end.min(primary.byte_end + half);
    if crowded {
        let other = |m: &&&Mention| !group.iter().any(|g| std::ptr::eq(*g, **m));
        let at = in_sentence.partition_point(|m| m.byte_start < primary.byte_start);
        if let Some(m) = in_sentence[..at]
            .iter()
            .rev()
            .filter(other)
            .find(|m| m.byte_end <= primary.byte_start)
        {
            qs = qs.max(m.byte_end);
        }
        if let Some(m) = in_sentence[at..]
            .iter()
            .filter(other)
            .find(|m| m.byte_start >= primary.byte_end)
        {
            qe = qe.min(m.byte_start);
        }
    }
    while !text.is_char_boundary(qs) {
        qs += 1;
    }
    while !text.is_char_boundary(qe) {
        qe -= 1;
    }
    let trim = |c: char| c.is_whitespace() || c == ',';
    let lead = text[qs..primary.byte_start].len()
        - text[qs..primary.byte_start].trim_start_matches(trim).len();
    let tail =
        text[primary.byte_end..qe].len() - text[primary.byte_end..qe].trim_end_matches(trim).len();
    (qs + lead, qe - tail)
}

fn plain_terms(s: &str) -> Vec<String> {
    terms::words(s)
        .iter()
        .filter_map(|w| terms::term(w.text))
        .collect()
}

/// True when most of a caption's words are in one sentence of the text.
fn repeats_text(caption: &str, text_terms: &[Vec<String>]) -> bool {
    let mine = plain_terms(caption);
    if mine.is_empty() {
        return true;
    }
    text_terms.iter().any(|t| {
        let shared = mine.iter().filter(|w| t.contains(w)).count();
        shared * 10 >= mine.len() * 7
    })
}

/// Clause boundaries, for weighting words near the expression.
const CLAUSE_MARKS: &[&str] = &[
    ",",
    ";",
    ":",
    " - ",
    " -- ",
    "—",
    "–",
    "(",
    ")",
    " when ",
    " after ",
    " before ",
    " while ",
    " because ",
    " but ",
    " which ",
    " who ",
    "-LRB-",
    "-RRB-",
];

/// Byte ranges (relative to `s`) of clauses.
fn clauses(s: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = vec![0, s.len()];
    for mark in CLAUSE_MARKS {
        for (i, _) in s.match_indices(mark) {
            cuts.push(i);
            cuts.push(i + mark.len());
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

fn term_weights(
    text: &str,
    s_start: usize,
    s_end: usize,
    primary: &Mention,
    mentions: &[&Mention],
    dateline: Option<(usize, usize)>,
) -> (Vec<(String, f32)>, Vec<String>) {
    let stext = &text[s_start..s_end];
    let cl = clauses(stext);
    let rel_m = primary.byte_start - s_start;
    let home = cl
        .iter()
        .position(|&(a, b)| a <= rel_m && rel_m < b)
        .unwrap_or(0);
    let words = terms::words(stext);
    // The word index of the expression, for distances.
    let m_word = words
        .iter()
        .position(|w| s_start + w.end > primary.byte_start)
        .unwrap_or(0);
    let m_word_end = words
        .iter()
        .rposition(|w| s_start + w.start < primary.byte_end)
        .unwrap_or(m_word);
    // Word ranges of the sentence's expressions of other times ("Bastille
    // Day" beside "on Thursday" dates the same event).
    let own_span = dating_span(primary);
    let rivals: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| m.byte_start != primary.byte_start)
        .filter(|m| dating_span(m).is_some_and(|sp| Some(sp) != own_span))
        .filter_map(|m| {
            let first = words.iter().position(|w| s_start + w.end > m.byte_start)?;
            let last = words
                .iter()
                .rposition(|w| s_start + w.start < m.byte_end)
                .unwrap_or(first);
            Some((first, last))
        })
        .collect();
    // "Thursday's talks", "this week's attack in Nice": the expression
    // names a happening by the noun phrase it owns, up to the end of its
    // clause; the rest of the sentence tells of something else.
    let named = possessive_end(stext, primary.byte_end - s_start).map(|from| {
        let clause_end = cl
            .iter()
            .find(|&&(x, y)| x <= from && from < y)
            .map_or(stext.len(), |&(_, y)| y);
        // The phrase ends with its clause, or where a verb or a new clause
        // starts ("… attack in Nice as backdrop", "… talks that began").
        let to = words
            .iter()
            .filter(|w| w.start > from && w.start < clause_end)
            .skip(1)
            .find(|w| NAME_ENDS.contains(&w.text.to_lowercase().as_str()))
            .map_or(clause_end, |w| w.start);
        (from, to)
    });
    let mut out: Vec<(String, f32)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let ranges = covered(mentions);
    for (k, w) in words.iter().enumerate() {
        let (a, b) = (s_start + w.start, s_start + w.end);
        if inside(&ranges, a, b) || dateline.is_some_and(|(x, y)| a < y && b > x) {
            continue;
        }
        let Some(t) = terms::term(w.text) else {
            continue;
        };
        let ci = cl
            .iter()
            .position(|&(x, y)| x <= w.start && w.start < y)
            .unwrap_or(0);
        let same_clause = cl[ci.min(home)..ci.max(home)]
            .iter()
            .all(|&(x, y)| !stext[x..y].chars().any(char::is_alphanumeric));
        let distance = if k < m_word {
            m_word - k
        } else {
            k.saturating_sub(m_word_end)
        };
        let near = (1.0 - distance as f32 / 16.0).max(0.3);
        // A word nearer another dated expression of the sentence belongs to that event.
        let owned_elsewhere = rivals.iter().any(|&(rs, re)| {
            let d = if k < rs { rs - k } else { k.saturating_sub(re) };
            d < distance
        });
        let proximity = match named {
            Some((from, to)) if (from..to).contains(&w.start) => {
                if !names.contains(&t) {
                    names.push(t.clone());
                }
                1.0
            }
            Some(_) => 0.1 * near,
            None => {
                near * if same_clause { 1.0 } else { 0.7 }
                    * if owned_elsewhere { 0.35 } else { 1.0 }
            }
        };
        let name = k > 0
            && w.text.chars().next().is_some_and(char::is_uppercase)
            && !w.text.chars().all(|c| !c.is_lowercase());
        let weight = proximity * if name { 1.5 } else { 1.0 };
        match out.iter_mut().find(|(x, _)| *x == t) {
            Some((_, wt)) => *wt = wt.max(weight),
            None => out.push((t, weight)),
        }
    }
    (out, names)
}

/// Words that end the noun phrase an expression names a happening by.
const NAME_ENDS: &[&str] = &[
    "as", "that", "which", "who", "whose", "when", "where", "while", "because", "but", "and", "or",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could",
    "should", "may", "might", "can", "did", "does", "do", "to", "said", "says",
];

/// When `s[at..]` starts with a possessive "'s" ("Thursday's", tokenised
/// "Thursday 's", "this week’s"), the offset just past it.
fn possessive_end(s: &str, at: usize) -> Option<usize> {
    let rest = s.get(at..)?;
    let trimmed = rest.trim_start_matches(' ');
    let after = ["'s", "’s", "`s"]
        .iter()
        .find_map(|p| trimmed.strip_prefix(p))?;
    if after.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(s.len() - after.len())
}

/// A short headline for the event dated by `m` in the sentence `text[start..end]`:
/// the dateline, attribution ("…, Kerry said"; "According to …,") and the
/// dating expression are cut, tokenisation undone, and a long sentence cut
/// down to the clauses around the expression.
pub fn headline(
    text: &str,
    start: usize,
    end: usize,
    m: &Mention,
    dateline: Option<(usize, usize)>,
) -> String {
    let mut start = start;
    if let Some((a, b)) = dateline
        && a <= start
        && start < b
    {
        start = b;
    }
    let s = &text[start..end];
    let ms = m.byte_start.saturating_sub(start);
    let me = m.byte_end.saturating_sub(start).min(s.len());

    // Pieces: (text, holds the expression).
    let mut body = String::new();
    let mut at = 0;
    // Cut the expression and the preposition before it, unless the
    // expression is possessive or part of a noun phrase ("of Thursday's").
    let after = &s[me..];
    let possessive = after.starts_with("'s") || after.starts_with("’s") || after.starts_with(" 's");
    let pre = s[..ms].trim_end();
    let pre_word_start = pre
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let pre_word = pre[pre_word_start..].to_lowercase();
    let (cut_from, cut_to) = if possessive || ms > s.len() {
        (ms, ms)
    } else if matches!(pre_word.as_str(), "on" | "in" | "at" | "during") {
        (pre_word_start, me)
    } else {
        (ms, me)
    };
    // "Just this week, …": a lone word before a sentence-initial expression goes too.
    let lead = s[..cut_from].trim();
    let cut_from = if !lead.is_empty()
        && lead.split_whitespace().count() == 1
        && s[cut_to..].trim_start().starts_with(',')
    {
        0
    } else {
        cut_from
    };
    body.push_str(&s[at..cut_from]);
    let at_start = body.trim().is_empty();
    // A private-use sentinel marks where the expression stood, through tidying.
    body.push(MARK);
    at = cut_to;
    // Drop a comma that followed a sentence-initial expression.
    let rest = &s[at..];
    let rest = if at_start {
        rest.trim_start_matches([',', ' '])
    } else {
        rest
    };
    body.push_str(rest);
    let body = tidy(&detokenise(&body));
    let mark = body.find(MARK).unwrap_or(0);
    let body = body.replacen(MARK, "", 1);
    let body = tidy(&body);
    let mark = mark.min(body.len());
    let (trimmed, mark) = trim_attribution(&body, mark);
    let shortened = shorten(&trimmed, mark, 24);
    let mut h = shortened
        .trim()
        .trim_end_matches(['.', ',', ';', ':'])
        .trim()
        .to_string();
    if let Some(c) = h.chars().next()
        && c.is_lowercase()
    {
        h = c.to_uppercase().collect::<String>() + &h[c.len_utf8()..];
    }
    h
}

const MARK: char = '\u{E000}';

/// Undoes PTB tokenisation: `-LRB-` → `(`, `` `` `` → `"`, ` 's` → `'s` …
pub fn detokenise(s: &str) -> String {
    if !s.contains(" ,")
        && !s.contains("``")
        && !s.contains("-LRB-")
        && !s.contains(" 's")
        && !s.contains(" .")
    {
        return s.to_string();
    }
    let mut out = s
        .replace("-LRB- ", "(")
        .replace(" -RRB-", ")")
        .replace("-LRB-", "(")
        .replace("-RRB-", ")")
        .replace("-LSB- ", "[")
        .replace(" -RSB-", "]")
        .replace("`` ", "\"")
        .replace(" ''", "\"")
        .replace("``", "\"")
        .replace("''", "\"");
    for (from, to) in [
        (" 's", "'s"),
        (" n't", "n't"),
        (" 're", "'re"),
        (" 've", "'ve"),
        (" 'll", "'ll"),
        (" 'd", "'d"),
        (" 'm", "'m"),
        (" ,", ","),
        (" .", "."),
        (" ;", ";"),
        (" :", ":"),
        (" ?", "?"),
        (" !", "!"),
        (" %", "%"),
        ("$ ", "$"),
        ("# ", "£"),
    ] {
        out = out.replace(from, to);
    }
    out
}

fn tidy(s: &str) -> String {
    let mut out = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (from, to) in [
        (" ,", ","),
        (",,", ","),
        (" .", "."),
        ("( ", "("),
        (" )", ")"),
    ] {
        out = out.replace(from, to);
    }
    out.trim_start_matches([',', ';', ':', ' ', '-', '—'])
        .trim()
        .to_string()
}

/// Cuts "…, X said." at the end and "According to X," or "X said (that)"
/// at the start, unless the expression (at byte `mark`) is in that part —
/// then the statement itself is the event ("Peskov said Friday that …").
fn trim_attribution(s: &str, mark: usize) -> (String, usize) {
    let mut s = s.to_string();
    let mut mark = mark;
    // Trailing ", Kerry said." / ", according to the paper."
    if let Some(i) = s.rfind(", ")
        && i > mark
    {
        let tail = &s[i + 2..];
        let words: Vec<String> = tail
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        if words.len() <= 12
            && words
                .iter()
                .take(8)
                .any(|w| terms::is_reporting(w) || w == "according")
        {
            s.truncate(i);
        }
    }
    // Leading "According to …, ".
    let lower = s.to_lowercase();
    if lower.starts_with("according to ")
        && let Some(i) = s.find(", ")
        && i < mark
    {
        s = s[i + 2..].to_string();
        mark -= i + 2;
    }
    // Leading "Kerry said (that) …" when the expression is in what was said.
    let words = terms::words(&s);
    if let Some(v) = words
        .iter()
        .take(10)
        .position(|w| terms::is_reporting(&w.text.to_lowercase()))
    {
        let verb = words[v];
        // "Peskov said Friday that …": the expression dates the statement.
        let dates_statement =
            mark >= verb.end && words.get(v + 1).is_none_or(|next| mark <= next.start);
        if verb.end < mark && v > 0 && !dates_statement {
            let mut cut = verb.end;
            if let Some(that) = words[v + 1..]
                .iter()
                .take(4)
                .find(|w| w.text.eq_ignore_ascii_case("that"))
                && that.start < mark
            {
                cut = that.end;
            }
            let rest = s[cut..].trim_start_matches([' ', ',', ':']);
            if rest.split_whitespace().count() >= 4 && !rest.starts_with(['"', '“']) {
                let removed = s.len() - rest.len();
                return (rest.to_string(), mark.saturating_sub(removed));
            }
        }
    }
    (s, mark)
}

/// Keeps at most `max` words: the clauses around byte `mark` (where the
/// expression stood), as many as fit.
fn shorten(s: &str, mark: usize, max: usize) -> String {
    let count = |x: &str| x.split_whitespace().count();
    // A sentence a little over the limit reads better whole than cut.
    if count(s) <= max + max / 3 {
        return s.to_string();
    }
    // Clause pieces, cut after ", " and "; " and around dashes.
    let mut cuts = vec![0];
    for (i, c) in s.char_indices() {
        if matches!(c, ',' | ';') && s[i + 1..].starts_with(' ') {
            cuts.push(i + 2);
        }
    }
    for (i, _) in s.match_indices(" - ").chain(s.match_indices(" -- ")) {
        cuts.push(i + 1);
    }
    cuts.push(s.len());
    cuts.sort_unstable();
    cuts.dedup();
    let pieces: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    let home = pieces
        .iter()
        .position(|&(a, b)| a <= mark && mark < b)
        .unwrap_or(pieces.len().saturating_sub(1));
    let words_in = |lo: usize, hi: usize| count(&s[pieces[lo].0..pieces[hi].1]);
    // The sentence up to the expression's clause, when that is short enough;
    // else the clauses around it (a relative clause keeps what it qualifies).
    let relative = s[pieces[home].0..]
        .split_whitespace()
        .next()
        .is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "which" | "who" | "whom" | "where" | "whose"
            )
        });
    let (mut lo, mut hi) = if words_in(0, home) <= max + 4 {
        (0, home)
    } else if relative && home > 0 {
        (home - 1, home)
    } else {
        (home, home)
    };
    let max = max.max(words_in(lo, hi));
    loop {
        if hi + 1 < pieces.len() && words_in(lo, hi + 1) <= max {
            hi += 1;
        } else if lo > 0 && words_in(lo - 1, hi) <= max {
            lo -= 1;
        } else {
            break;
        }
    }
    let piece = s[pieces[lo].0..pieces[hi].1]
        .trim()
        .trim_end_matches([',', ';', '-'])
        .trim();
    let words: Vec<&str> = piece.split_whitespace().collect();
    let mut out = if words.len() > max {
        words[..max].join(" ")
    } else {
        piece.to_string()
    };
    if hi + 1 < pieces.len() || words.len() > max {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::document::Dct;
    use crate::article::document::DctSource;

    fn events(text: &str) -> Vec<Event> {
        let g = Grammar::embedded();
        let dct = Dct::parse("2016-07-15", DctSource::Cli).unwrap();
        let doc = Document {
            id: "d".into(),
            id_number: false,
            path: None,
            text: text.into(),
            dct: Some(dct.clone()),
        };
        let mentions = crate::engine::annotate(text, Some(&dct), g);
        extract(0, &doc, &mentions, None, g)
    }

    fn weight(e: &Event, term: &str) -> f32 {
        e.terms
            .iter()
            .find(|(t, _)| t == term)
            .map_or(0.0, |(_, w)| *w)
    }

    #[test]
    fn an_expression_names_the_happening_it_owns() {
        for text in [
            "The Kremlin said on Friday that the proposal had not been addressed in Thursday's talks.",
            "The Kremlin said on Friday that the proposal had not been addressed in Thursday 's talks .",
        ] {
            let e = events(text);
            assert_eq!(e.len(), 2, "{text}");
            let (friday, thursday) = (&e[0], &e[1]);
            assert_eq!(thursday.mention.timex.value, "2016-07-14");
            assert_eq!(thursday.named, vec!["talk".to_string()], "{text}");
            assert!(friday.named.is_empty());
            // The talks are what Thursday's event is about; the Kremlin's
            // statement belongs to Friday.
            assert!(weight(thursday, "talk") > 3.0 * weight(thursday, "kremlin"));
            assert!(weight(friday, "kremlin") > weight(thursday, "kremlin"));
        }
        let e = events(
            "Kerry held talks on Friday, with this week’s terrorist attack in Nice, France, as backdrop.",
        );
        let week = e.iter().find(|e| e.mention.text == "this week").unwrap();
        assert_eq!(week.named, vec!["terrori", "attack", "nice"]);
        // Not a possessive: "Thursday's" must be followed by a word boundary.
        assert_eq!(possessive_end("Thursday'sx", 8), None);
        assert_eq!(possessive_end("Thursday ’s talks", 8), Some(13));
    }

    #[test]
    fn another_name_of_the_same_time_does_not_take_words_away() {
        let with_holiday = events(
            "Dozens were killed on Thursday when a truck drove into a crowd celebrating Bastille Day.",
        );
        let with_words = events(
            "Dozens were killed on Thursday when a truck drove into a crowd celebrating the holiday.",
        );
        assert_eq!(with_holiday.len(), 1);
        assert_eq!(
            weight(&with_holiday[0], "crowd"),
            weight(&with_words[0], "crowd")
        );
    }

    #[test]
    fn one_event_per_time_in_a_sentence() {
        let e = events(
            "Dozens of people were killed on Thursday when a gunman drove a truck into a crowd celebrating Bastille Day.\n\nThe Kremlin said on Friday that the proposal had not been addressed in Thursday's talks.",
        );
        let got: Vec<(&str, &str)> = e
            .iter()
            .map(|e| (e.mention.timex.value.as_str(), e.mention.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2016-07-14", "Thursday"),
                ("2016-07-15", "Friday"),
                ("2016-07-14", "Thursday")
            ]
        );
        assert_eq!(e[0].also.len(), 1);
        assert_eq!(
            e[0].headline,
            "Dozens of people were killed when a gunman drove a truck into a crowd celebrating Bastille Day"
        );
    }

    #[test]
    fn durations_attach_and_are_not_events() {
        let e = events(
            "Lavrov and Kerry held eight hours of intense negotiations on Friday.\n\nThe conference was postponed for at least two hours.",
        );
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].durations.len(), 1);
        assert_eq!(e[0].durations[0].text, "eight hours");
    }

    #[test]
    fn furniture_and_date_lines_are_not_events() {
        let e = events(
            "15 July, 2016\n\nRead latest news of India. Download the Zee news app today.\n\nKerry met Putin on Thursday in the Kremlin.",
        );
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].headline, "Kerry met Putin in the Kremlin");
    }

    #[test]
    fn attribution_is_trimmed_unless_it_is_the_event() {
        let e = events(
            "Kerry said their talks on Thursday had been productive and frank.\n\nKremlin spokesman Dmitry Peskov said Friday that the talks had not marked a start.\n\nThe deal was struck on Thursday after long talks, Kerry told reporters.",
        );
        let h: Vec<&str> = e.iter().map(|e| e.headline.as_str()).collect();
        assert_eq!(
            h,
            vec![
                "Their talks had been productive and frank",
                "Kremlin spokesman Dmitry Peskov said that the talks had not marked a start",
                "The deal was struck after long talks"
            ]
        );
    }

    #[test]
    fn bounds_are_marked() {
        let e =
            events("The meeting lasted until the early hours of Friday morning, officials said.");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].relation.as_deref(), Some("until"));
    }

    #[test]
    fn detokenising() {
        assert_eq!(
            detokenise("BP 's `` top kill '' -LRB- # 346m -RRB- , he said ."),
            "BP's \"top kill\" (£346m), he said."
        );
    }
}
