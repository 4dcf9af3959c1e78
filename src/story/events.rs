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
use crate::article::document::{DctSource, Document};
use crate::article::reading::Reading;
use crate::article::sentences::CharMap;
use crate::engine::tag::Grammar;
use crate::engine::timex::{
    Granularity, Interval, Mention, Role, TimexMod, TimexType, weekday_index,
};
use crate::story::dateline::Dateline;
use crate::story::terms;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// A stretch of a document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    /// From page furniture, kept for auditing (`--include-furniture`): the
    /// rule that marks it.
    pub furniture: Option<String>,
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
    /// The article's lead, dated by the article's day because it names none
    /// ([`LEAD_RULE`]). It gives its day a row, not evidence: its article
    /// already counts as published on that day ([`crate::story::rank`]).
    pub fn is_lead(&self) -> bool {
        self.mention.rule == LEAD_RULE
    }

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
    let opts = Extract {
        undated,
        include_furniture: false,
    };
    extract_with(doc_index, doc, mentions, dateline, reading, opts)
}

/// Which statements [`extract_with`] gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extract {
    /// Those with no place on the calendar, instead of the dated ones.
    pub undated: bool,
    /// Those in page furniture too, each marked with the rule
    /// ([`Event::furniture`]), for auditing.
    pub include_furniture: bool,
}

/// The statements of `doc` on a [`Reading`] of its text made before, as
/// `opts` ask.
pub fn extract_with(
    doc_index: usize,
    doc: &Document,
    mentions: &[Mention],
    dateline: Option<&Dateline>,
    reading: &Reading,
    opts: Extract,
) -> Vec<Event> {
    let undated = opts.undated;
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
    // Sentences that may still be the article's lead (see LEAD_SENTENCES).
    // Commentary's first sentences argue or recount: no lead.
    let mut lead_left = match undated || crate::article::furniture::commentary(text) {
        true => 0,
        false => LEAD_SENTENCES,
    };
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
        // The lead: the first sentence of the text long enough to report
        // something. When no expression dates it and it reports in the
        // present or present perfect, it is the article's news of its own
        // day ("Energy giant BP has been accused of hiding key data").
        if lead_left > 0 && kind == BlockKind::Text {
            let stext = &text[s.start..s.end];
            let content = content_words(stext, s.start, &covered(&in_sentence), dateline_span);
            if content >= LEAD_MIN_WORDS && stext.len() <= LONG_SENTENCE {
                lead_left -= 1;
                let dated = in_sentence
                    .iter()
                    .any(|m| m.role.is_none() && dating_span(m).is_some());
                if dated {
                    lead_left = 0;
                } else if reports_news(stext)
                    && let Some(ev) = lead_event(doc_index, doc, text, s, &chars, dateline_span)
                {
                    lead_left = 0;
                    out.push(ev);
                    continue;
                }
            }
        }
        let furniture = match kind {
            BlockKind::Skip(rule) => Some(rule),
            _ => None,
        };
        if in_sentence.is_empty() || furniture.is_some() && !opts.include_furniture {
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
                Some(Role::PageStamp | Role::Restated) => continue,
                Some(Role::EntryStamp) if dated_otherwise => continue,
                _ => {}
            }
            let span = match (dating_span(m), undated) {
                (Some(span), false) if later_page_stamp(m, span, doc) => continue,
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
        // A run-on "sentence" (a page without stops) is quoted by the
        // stretch around each expression too: the words an event's headline
        // and terms are made of stay in proportion to what it quotes.
        let whole = !crowded && stext.len() <= LONG_SENTENCE;
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
                furniture: furniture.map(str::to_string),
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

/// The rule named by the expression of a lead (see [`Event::is_lead`]).
pub const LEAD_RULE: &str = "lead";

/// What a lead's date assumes.
pub const LEAD_ASSUMPTION: &str = "the article's day: its lead names no date";

/// The lead is the first sentence of the text that is dated or reports
/// news ([`NEWS_VERBS`]) among this many: a page's title, which reports in
/// neither way ("US moving towards close cooperation with Russia in
/// Syria"), comes before it.
const LEAD_SENTENCES: usize = 2;

/// Content words a lead needs: a page's kicker or a byline is not one.
const LEAD_MIN_WORDS: usize = 6;

/// The verbs of news reported as of its day: the present perfect and the
/// present ("has been accused", "have called", "says", "is under way").
/// A lead in the past tense alone is as often the story's background ("The
/// Deepwater Horizon rig caught fire and sank") as the day's news.
const NEWS_VERBS: &[&str] = &["has", "have", "says", "say", "is", "are"];

/// Words of a writer speaking for themselves: a lead that uses them outside
/// a quotation is commentary ("As far as I can tell, Americans have not been
/// provided with …"), not news.
const FIRST_PERSON: &[&str] = &[
    "I", "I'm", "I've", "we", "We", "my", "My", "our", "Our", "me",
];

/// Words a sentence that goes on from another opens with: a story's lead
/// does not ("It is a contagious respiratory disease of pigs", an
/// explainer's answer; "This live page is part of a BBC News trial", a
/// page's notice).
const POINTS_BACK: &[&str] = &[
    "It", "It's", "This", "That", "These", "Those", "They", "He", "She", "His", "Her", "Its",
    "Their", "Such",
];

/// True when `text` (a headline, a lead) opens with a word of
/// [`POINTS_BACK`]: it names what it tells of in the sentence before ("It
/// was ruled a homicide").
pub(crate) fn points_back(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .is_some_and(|w| POINTS_BACK.contains(&w.trim_end_matches([',', ';', ':'])))
}

fn reports_news(sentence: &str) -> bool {
    let opinion = spaced_words(sentence).any(|(at, w)| {
        let w = w.trim_end_matches([',', ';', ':']);
        FIRST_PERSON.contains(&w) && !in_quotation(sentence, at)
    });
    !opinion
        && !sentence.trim_end().ends_with('?')
        && sentence.split_whitespace().any(|w| NEWS_VERBS.contains(&w))
}

/// The words of `s` between white space, each with its byte offset in `s`.
fn spaced_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// Words in -s that end no title: adverbs, prepositions, pronouns and
/// verbs ([`lead_seam`]).
const NOT_TITLE_ENDS: &[&str] = &[
    "towards",
    "afterwards",
    "across",
    "besides",
    "always",
    "perhaps",
    "whereas",
    "has",
    "does",
    "its",
    "this",
    "his",
];

/// Where a lead starts that a page's title or caption runs into without a
/// stop ("Oil spill in Gulf of Mexico in maps and graphics A massive
/// operation is under way …", "Jackson death was ` not suspicious '
/// Medical experts say …"): the last capitalised word, before the lead's
/// verb of news, after a closing quotation mark or a plural noun that ends
/// at least four words. A title's verb ("BP sells Gulf of Mexico oil field
/// assets") comes sooner; a name after a singular noun ("the Russian firm
/// Rosneft") or a preposition is the sentence going on. 0 when none.
fn lead_seam(s: &str) -> usize {
    let words: Vec<(usize, &str)> = spaced_words(s).collect();
    let Some(verb) = words.iter().position(|(_, w)| NEWS_VERBS.contains(w)) else {
        return 0;
    };
    let ends_title = |w: &str| {
        let closing = w.ends_with(['\'', '"', '”']) && !w.ends_with("'s");
        let lower = w.to_lowercase();
        let plural = w.len() > 3
            && w.starts_with(char::is_lowercase)
            && w.ends_with('s')
            && !["'s", "ss", "us", "is"].iter().any(|e| lower.ends_with(e))
            && !NOT_BEFORE_GLUE.contains(&lower.as_str())
            && !NOT_TITLE_ENDS.contains(&lower.as_str());
        closing || plural
    };
    // A lead that says again what its title says: "Michael Jackson's
    // doctor, Conrad Murray, found guilty Michael Jackson's doctor has been
    // found guilty …" starts where the title's first two words come back.
    let opening = match words.as_slice() {
        [(_, a), (_, b), ..] if a.starts_with(char::is_uppercase) => Some((*a, *b)),
        _ => None,
    };
    let repeats = |i: usize| opening.is_some_and(|(a, b)| words[i].1 == a && words[i + 1].1 == b);
    (4..verb)
        .rev()
        .find(|&i| {
            words[i].1.starts_with(char::is_uppercase) && (ends_title(words[i - 1].1) || repeats(i))
        })
        .map_or(0, |i| words[i].0)
}

/// The lead `s` of `doc` as a statement of the article's day, its
/// expression an empty span at the lead's start (rule [`LEAD_RULE`], the
/// assumption said). A page title or caption glued to the lead without a
/// stop ("Jackson death was ` not suspicious ' Medical experts say …") is
/// left out of its headline where [`glued_segment`] or [`lead_seam`] finds
/// the seam; the citation quotes the sentence whole.
fn lead_event(
    doc_index: usize,
    doc: &Document,
    text: &str,
    s: &crate::article::sentences::Sentence,
    chars: &CharMap,
    dateline_span: Option<(usize, usize)>,
) -> Option<Event> {
    let dct = doc.dct.as_ref()?;
    // A page title or caption glued to the lead: the lead is the last part,
    // after an agency dateline ("Washington (CNN) --") if it opens it.
    let stext = &text[s.start..s.end];
    let (a, _) = glued_segment(stext, stext.len(), stext.len(), false);
    let a = a + lead_seam(&stext[a..]);
    let a = a + crate::article::furniture::agency_dateline_end(&stext[a..]).unwrap_or(0);
    let a = a + stext[a..].len() - stext[a..].trim_start().len();
    if points_back(&stext[a..]) {
        return None;
    }
    // The citation quotes the whole sentence, as for any statement (so that
    // furniture found by sentence, a site widget, is found for it too); the
    // expression's empty span marks where the lead starts, and the
    // headline and terms are the lead's own.
    let from = s.start + a;
    let day = dct.date;
    // As the resolver says of every expression an inferred date resolves.
    let mut assumptions = match &dct.source {
        DctSource::Inferred(basis) => vec![format!("article date inferred: {basis}")],
        _ => Vec::new(),
    };
    assumptions.push(LEAD_ASSUMPTION.to_string());
    let start = day.and_time(chrono::NaiveTime::MIN);
    let span = Interval {
        start,
        end: start + Duration::days(1),
    };
    let mention = Mention {
        start: chars.char_at(from),
        end: chars.char_at(from),
        byte_start: from,
        byte_end: from,
        text: String::new(),
        timex: crate::engine::timex::Timex {
            kind: TimexType::Date,
            value: day.format("%Y-%m-%d").to_string(),
            modifier: None,
            quant: None,
            freq: None,
            interval: Some(span),
            granularity: Granularity::Day,
            zone: None,
        },
        parse: String::new(),
        rule: LEAD_RULE.to_string(),
        assumptions,
        role: None,
    };
    let head = headline(text, from, s.end, &mention, dateline_span);
    let (weights, named) = term_weights(text, from, s.end, &mention, &[], dateline_span);
    Some(Event {
        doc: doc_index,
        line: s.line,
        sentence: TextSpan {
            start: chars.char_at(s.start),
            end: chars.char_at(s.end),
            byte_start: s.start,
            byte_end: s.end,
            text: text[s.start..s.end].to_string(),
        },
        mention,
        also: Vec::new(),
        durations: Vec::new(),
        headline: head,
        relation: None,
        caption: false,
        furniture: None,
        span,
        depends_on_dct: true,
        terms: weights,
        named,
    })
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

/// The bounding word before the expression ("until the early hours",
/// "until at least Sunday").
fn relation(text: &str, m: &Mention) -> Option<String> {
    let mut before = text[..m.byte_start].trim_end();
    for hedge in [
        " at least",
        " at the earliest",
        " at the latest",
        " at most",
    ] {
        if let Some(b) = before.strip_suffix(hedge) {
            before = b.trim_end();
        }
    }
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

/// A sentence longer than this (in bytes) is quoted by the stretch around
/// each event's expression, however few times it holds.
pub const LONG_SENTENCE: usize = 4 * QUOTE_BYTES;

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
    // Each word is placed among the clauses: the work of the loop below.
    crate::progress::work::add(words.len() * cl.len());
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
    let named = possessive_end(stext, primary.byte_end - s_start)
        .or_else(|| {
            attributive_end(
                stext,
                primary.byte_start - s_start,
                primary.byte_end - s_start,
            )
        })
        .map(|from| {
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

/// When the expression `s[start..end]` stands between a determiner and its
/// noun ("the response to the 20 April disaster", "at the 15 July
/// meeting", "the Friday deadline"), it names that noun's happening as a
/// possessive does: the offset just past the expression.
fn attributive_end(s: &str, start: usize, end: usize) -> Option<usize> {
    let before = s.get(..start)?.split_whitespace().next_back()?;
    if !matches!(
        before,
        "the" | "The" | "a" | "A" | "an" | "An" | "this" | "This"
    ) {
        return None;
    }
    let after = s.get(end..)?.split_whitespace().next()?;
    let after = after.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    let noun = after.len() > 2
        && after.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !after.ends_with("ly")
        && !NAME_ENDS.contains(&after)
        && !NOT_A_NOUN.contains(&after);
    noun.then_some(end)
}

/// Words after a date that are not the noun it qualifies.
const NOT_A_NOUN: &[&str] = &[
    "the", "and", "for", "with", "from", "after", "before", "until", "since", "through", "into",
    "onto", "its", "his", "her", "their", "our", "this", "that", "these", "those", "were", "are",
    "also", "not", "than", "then", "there", "here", "about", "over", "under", "ago", "later",
    "earlier", "onwards", "last", "next", "each", "every",
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
    } else if let Some(d) = crate::article::furniture::agency_dateline_end(&text[start..end])
        && start + d <= m.byte_start
    {
        // "Sarvan, Kestria (CNN) --" of a place the dateline list lacks.
        start += d;
    }
    // A live page's entry: "LIBYA, 6:49 p.m. ET, 1:49 a.m. local: …".
    if let Some(d) = crate::article::furniture::entry_stamp_end(&text[start..end]) {
        start += d;
    }
    // Entries glued together: the one the expression is in.
    let mut end = end;
    let base = start;
    for (a, b) in crate::article::furniture::entry_stamps_within(&text[start..end]) {
        let (a, b) = (base + a, base + b);
        if m.byte_start >= a {
            start = b.min(end);
        } else {
            end = a.max(start);
            break;
        }
    }
    let s = &text[start..end];
    let ms = m.byte_start.saturating_sub(start);
    let me = m.byte_end.saturating_sub(start).min(s.len());
    // Two sentences glued without a stop (a page title or caption run into
    // the lead, a chronology's date heading run into its entry): the one
    // the expression belongs to.
    let (a, b) = if ms <= me && me <= s.len() {
        glued_segment(s, ms, me, explicit_day(m))
    } else {
        (0, s.len())
    };
    let (s, ms, me) = (&s[a..b], ms - a, me - a);

    // A quotation keeps its words: "he would still be here today".
    let (cut_from, cut_to) = if ms > s.len() || in_quotation(s, ms) {
        (ms, ms)
    } else {
        date_cut(s, ms, me).unwrap_or((ms, ms))
    };
    let with_cut = assemble(s, cut_from, cut_to);
    // Where the cut leaves a hole ("by or Friday", "the and 1968", "said
    // was"), the sentence keeps its words.
    // A bare day before "also" and a verb was the subject: "Tuesday also
    // marked the start of …", "… so far Tuesday also marked …" (not "The
    // company on Monday also announced …", whose "on" goes with the day).
    let subject_day = cut_from == ms && {
        let mut after = s[cut_to..].split_whitespace();
        after.next() == Some("also")
            && after
                .next()
                .is_some_and(|w| w.ends_with("ed") || FINITE.contains(&w))
    };
    let (body, mark) = if cut_from < cut_to && (subject_day || leaves_hole(&with_cut.0, with_cut.1))
    {
        assemble(s, ms, ms)
    } else {
        with_cut
    };
    let (trimmed, mark) = trim_attribution(&body, mark);
    let (trimmed, mark) = relative_subject(&trimmed, mark).unwrap_or((trimmed, mark));
    let shortened = shorten(&trimmed, mark, HEADLINE_WORDS);
    // No leading punctuation or dash, no trailing stop; no "But" or "And"
    // tying the row to a sentence it does not show.
    let mut h = shortened
        .trim()
        .trim_start_matches([',', ';', ':', '.', ')', '-', '—', '–', ' ']);
    for tie in ["But ", "And "] {
        if let Some(rest) = h.strip_prefix(tie)
            && rest.split_whitespace().count() >= 3
        {
            h = rest.trim_start_matches([',', ' ']);
        }
    }
    let mut h = h.trim_end_matches(['.', ',', ';', ':']).trim().to_string();
    if let Some(c) = h.chars().next()
        && c.is_lowercase()
    {
        h = c.to_uppercase().collect::<String>() + &h[c.len_utf8()..];
    }
    h
}

/// Byte `at` of `s` is inside a direct quotation: after an opening quote
/// (“, ``, or a straight " opening an odd-numbered pair) not yet closed.
fn in_quotation(s: &str, at: usize) -> bool {
    let before = &s[..at.min(s.len())];
    let curly = before.matches('“').count() > before.matches('”').count();
    let tokenised = before.matches("``").count() > before.matches("''").count();
    let straight = before.matches('"').count() % 2 == 1;
    curly || tokenised || straight
}

/// A day written out ("25 January 2011", "30 NOVEMBER 2011"), not one
/// counted from the article date.
fn explicit_day(m: &Mention) -> bool {
    m.rule.starts_with("explicit") && m.timex.granularity == Granularity::Day
}

/// A list of related links stamps each link with its page's date, in
/// capitals on some sites: "Trial timeline 30 NOVEMBER 2011, ENTERTAINMENT
/// & ARTS …". A full date written so (a day, a month in capitals, a year)
/// after the article's own date is the stamp of a page written later,
/// saved with the article, not a time the article tells of. (A chronology
/// inside an article, "16 MAY: RISER INSERTION TUBE", tells of days before
/// the article.)
fn later_page_stamp(m: &Mention, span: Interval, doc: &Document) -> bool {
    let Some(dct) = doc.dct.as_ref() else {
        return false;
    };
    explicit_day(m)
        && span.start.date() > dct.date
        && m.text
            .split_whitespace()
            .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        && m.text
            .split_whitespace()
            .any(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_uppercase()))
}

/// Words that open a sentence and are followed by a lowercase word ("The
/// doctor", "His comments", "He gave"): after a word with no stop ("…
/// through negligence His comments …") they start a sentence glued to the
/// one before. A title is followed by a capital ("in The Times"), and the
/// words of [`NOT_BEFORE_GLUE`] may take one ("told The doctor's lawyer").
const GLUE_OPENERS: &[&str] = &[
    "The", "His", "Her", "He", "She", "It", "Its", "They", "Their", "We", "Our", "This", "These",
    "Those", "There", "But",
];

/// Words after which a capitalised opener is part of the same sentence.
const NOT_BEFORE_GLUE: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "by", "for", "from",
    "with", "into", "onto", "about", "than", "as", "that", "said", "says", "say", "told", "tell",
    "called", "named", "read", "wrote", "watch", "see", "via", "like", "is", "was", "be",
];

/// Reporting verbs, prepositions and determiners: a date after one of them
/// is not a chronology's heading ("said 25 January", "on 25 January").
const NOT_BEFORE_HEADING: &[&str] = &[
    "said",
    "says",
    "told",
    "announced",
    "reported",
    "on",
    "in",
    "at",
    "by",
    "for",
    "since",
    "until",
    "till",
    "from",
    "to",
    "of",
    "before",
    "after",
    "during",
    "between",
    "and",
    "or",
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "this",
    "that",
    "as",
    "than",
];

/// The part `(from, to)` of sentence `s` the expression at `s[ms..me]`
/// belongs to when `s` is two or more sentences glued without a stop: a
/// title or caption run into the lead ("Trial told of drug … The doctor
/// said …"), or a chronology's entries run together with their date
/// headings ("… in Los Angeles 25 January 2011 The doctor enters a plea"):
/// a `heading` (an explicit day) written bare (first, or after a word with
/// no stop that is not a preposition, determiner or reporting verb) and
/// followed by a capital heads what follows it. The whole sentence when
/// nothing is glued.
fn glued_segment(s: &str, ms: usize, me: usize, heading: bool) -> (usize, usize) {
    let words: Vec<(usize, &str)> = spaced_words(s).collect();
    let ends_open = |w: &str| w.ends_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
    let mut cuts: Vec<usize> = Vec::new();
    for i in 1..words.len() {
        let (at, w) = words[i];
        let (_, prev) = words[i - 1];
        let next_lower = words
            .get(i + 1)
            .is_some_and(|(_, n)| n.starts_with(|c: char| c.is_lowercase()));
        // "… and U.N. intervention The U.N. Security Council voted": "The"
        // and a name after a lowercase word that takes no title.
        let the_name = w == "The"
            && prev.starts_with(|c: char| c.is_lowercase())
            && !prev.ends_with("ing")
            && !matches!(prev, "have" | "has" | "had" | "join" | "joined" | "joins")
            && words
                .get(i + 1)
                .is_some_and(|(_, n)| n.starts_with(|c: char| c.is_uppercase()));
        if GLUE_OPENERS.contains(&w)
            && (next_lower || the_name)
            && ends_open(prev)
            && !NOT_BEFORE_GLUE.contains(&prev.to_lowercase().as_str())
            && !(ms <= at && at < me)
        {
            cuts.push(at);
        }
    }
    // A heading in capitals run into its text: "NEW CAP FOR LEAKING OIL
    // WELL When engineers removed the LMRP cap …".
    if let Some(at) = caps_heading_end(&words)
        && ms >= at
    {
        cuts.push(at);
    }
    // A byline run into the text between a caption and the lead: "… an
    // explosion and fire By Michael Hirst and David Walker Stopping a …".
    if let Some((by, lead)) = glued_byline(&words)
        && !(by <= ms && ms < lead)
    {
        cuts.push(by);
        cuts.push(lead);
    }
    // A bare explicit date with a digit between an open word and a capital:
    // the heading of what follows.
    let digit = s[ms..me].contains(|c: char| c.is_ascii_digit());
    let first = words.iter().position(|&(at, _)| at >= ms);
    let after = words.iter().position(|&(at, _)| at >= me);
    let mut heads = None;
    if heading
        && digit
        && let (Some(f), Some(n)) = (first, after)
        && words[n].1.starts_with(|c: char| c.is_uppercase())
    {
        let open = match f.checked_sub(1).map(|p| words[p].1) {
            None => true,
            Some(prev) => {
                ends_open(prev) && !NOT_BEFORE_HEADING.contains(&prev.to_lowercase().as_str())
            }
        };
        if open {
            cuts.push(ms);
            heads = Some(words[n].0);
        }
    }
    if cuts.is_empty() {
        return (0, s.len());
    }
    cuts.sort_unstable();
    cuts.dedup();
    // The segment holding the expression; a heading starts its own.
    let from = cuts.iter().copied().filter(|&c| c <= ms).max().unwrap_or(0);
    let next_cut = |after: usize| cuts.iter().copied().find(|&c| c > after).unwrap_or(s.len());
    let mut to = next_cut(heads.unwrap_or(ms)).max(me);
    // A part that is little more than the expression ("TRIPOLI, LIBYA,
    // 6:45 p.m. local The government is demanding …") heads the next.
    let words_in = |t: &str| {
        t.split_whitespace()
            .filter(|w| w.contains(char::is_alphanumeric))
            .count()
    };
    let others = words_in(&s[from..ms]) + words_in(&s[me..to]);
    if others < 3 && to < s.len() {
        to = next_cut(to);
    }
    (from, to)
}

/// Small words of a heading in capitals.
const HEADING_SMALL_WORDS: &[&str] = &[
    "FOR", "OF", "THE", "IN", "ON", "TO", "AND", "AT", "WITH", "FROM", "AS", "OVER", "AFTER", "BY",
    "A", "AN", "IS", "NEW",
];

/// Where a heading in capitals that opens `words` ends: three or more words
/// of capital letters, one of four letters or more and one of a heading's
/// small words, then a word in lower case after its capital and a word in
/// lower case ("NEW CAP FOR LEAKING OIL WELL When engineers …"). Runs of
/// short acronyms ("US UN EU") and of names ("U.S. NAVY SEAL Team Six")
/// head nothing.
fn caps_heading_end(words: &[(usize, &str)]) -> Option<usize> {
    let capitals = |w: &str| {
        w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic() && !c.is_ascii_digit())
    };
    let run = words.iter().take_while(|(_, w)| capitals(w)).count();
    let long = words[..run]
        .iter()
        .any(|(_, w)| w.chars().filter(|c| c.is_alphabetic()).count() >= 4);
    // a heading's small words ("FOR", "OF"), not a run of names ("U.S. NAVY SEAL Team Six")
    let small = words[..run]
        .iter()
        .any(|(_, w)| HEADING_SMALL_WORDS.contains(&w.trim_end_matches([',', ':'])));
    let (at, next) = *words.get(run)?;
    let titled = next.starts_with(char::is_uppercase) && next.chars().any(char::is_lowercase);
    let opens = words
        .get(run + 1)
        .is_some_and(|(_, w)| w.starts_with(char::is_lowercase));
    (run >= 3 && long && small && titled && opens).then_some(at)
}

/// A byline inside a sentence, after a word in lower case: "By" and a
/// name of two words, or two names joined by "and", then a capitalised word
/// that opens the text ("… and fire By Michael Hirst and David Walker
/// Stopping a …"). The byline's start and the text's.
fn glued_byline(words: &[(usize, &str)]) -> Option<(usize, usize)> {
    let name = |i: usize| {
        words.get(i).is_some_and(|(_, w)| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                && c.all(|c| c.is_lowercase() || c == '-' || c == '\'')
        })
    };
    (1..words.len()).find_map(|i| {
        let prev = words[i - 1].1;
        // after a word in lower case: not a title in title case ("Tourist
        // Killed By Falling Tree Branch …")
        if words[i].1 != "By" || !prev.starts_with(|c: char| c.is_lowercase()) {
            return None;
        }
        if !(name(i + 1) && name(i + 2)) {
            return None;
        }
        let mut k = i + 3;
        if words.get(k).is_some_and(|(_, w)| *w == "and") && name(k + 1) && name(k + 2) {
            k += 3;
        }
        let opens = name(k)
            && words
                .get(k + 1)
                .is_some_and(|(_, w)| w.starts_with(char::is_lowercase));
        opens.then(|| (words[i].0, words[k].0))
    })
}

/// The sentence `s` with `s[cut_from..cut_to]` cut out, detokenised and
/// tidied, and the byte offset where the cut was.
fn assemble(s: &str, cut_from: usize, cut_to: usize) -> (String, usize) {
    // "Just this week, …": a lone word before a sentence-initial expression goes too.
    let lead = s[..cut_from].trim();
    let cut_from = if cut_from < cut_to
        && !lead.is_empty()
        && lead.split_whitespace().count() == 1
        && s[cut_to..].trim_start().starts_with(',')
    {
        0
    } else {
        cut_from
    };
    let mut body = String::new();
    body.push_str(&s[..cut_from]);
    let at_start = body.trim().is_empty() && cut_from < cut_to;
    // A private-use sentinel marks where the expression stood, through tidying.
    body.push(MARK);
    // Drop a comma that followed a sentence-initial expression.
    let rest = &s[cut_to..];
    let rest = if at_start {
        rest.trim_start_matches([',', ' '])
    } else {
        rest
    };
    body.push_str(rest);
    let body = tidy(&detokenise(&body));
    let mark = body.find(MARK).unwrap_or(0);
    // Where the cut is in the tidied text: after the words before it.
    let before = tidy(&body[..mark]).len();
    let tidied = tidy(&body.replacen(MARK, "", 1));
    let mark = before.min(mark).min(tidied.len());
    (tidied, mark)
}

/// Prepositions before a date that make it a deadline, a range or part of
/// a noun phrase: the date stays in the headline ("by Thursday or Friday",
/// "since 1969", "the 1918 flu").
const KEEP_BEFORE: &[&str] = &[
    "by",
    "until",
    "till",
    "since",
    "from",
    "before",
    "after",
    "of",
    "for",
    "over",
    "through",
    "throughout",
    "between",
    "to",
    "than",
    "circa",
    "around",
    "about",
    "within",
    "into",
    "as",
    "past",
    "per",
    "beyond",
    "toward",
    "towards",
    "including",
    "under",
    "like",
    "except",
    "amid",
    "and",
    "or",
    "nor",
    "both",
    "either",
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "every",
    "each",
    "whose",
    "mid",
    "early",
    "late",
    "even",
    "still",
    "only",
    // "until at least Sunday"
    "least",
    "\"",
    "``",
    "“",
    "'",
    "‘",
    "`",
];

/// Words a date completes rather than adjoins: cutting it leaves them
/// without their complement ("born", "dated", "due", "starting", a copula).
const COMPLEMENTED: &[&str] = &[
    "born",
    "dated",
    "due",
    "starting",
    "beginning",
    "scheduled",
    "slated",
    "set",
    "planned",
    "effective",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "that",
    "those",
    "this",
];

/// Prepositions cut together with the date they introduce.
const CUT_WITH: &[&str] = &["on", "in", "at", "during"];

/// Words that join a date to another ("Thursday or Friday", "1967 and 1968").
const COORDINATORS: &[&str] = &[
    "and", "or", "to", "-", "--", "through", "until", "till", "nor", "&", "–", "—",
];

/// Finite verbs: a date just before one is the subject ("Friday was the
/// first day"), not an adjunct.
const FINITE: &[&str] = &[
    "was", "is", "were", "are", "will", "would", "could", "should", "has", "had", "have", "marks",
    "marked", "saw", "sees", "brought", "brings", "began", "begins", "became", "becomes", "'s",
    "must", "might", "may", "can", "remains", "remained", "seemed", "seems", "proved", "turned",
    "ended", "ends", "started", "starts", "did", "does", "promises", "promised", "looks", "looked",
];

/// Time zones and the words of a time's zone.
const ZONES: &[&str] = &[
    "gmt", "bst", "utc", "et", "edt", "est", "cdt", "cst", "pdt", "pst", "hkt", "cet", "cest",
    "local", "time", "uk",
];

/// A word that starts a date: a number, a month, a weekday, or a word like
/// "mid", "last", "the".
fn dateish(w: &str) -> bool {
    let w = w.to_lowercase();
    w.starts_with(|c: char| c.is_ascii_digit())
        || [
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
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "mid",
            "early",
            "late",
            "last",
            "next",
            "this",
            "the",
            "that",
            "later",
            "earlier",
        ]
        .contains(&w.as_str())
}

/// The words of `s` with their byte offsets; punctuation that ends a word
/// (",", ".", ")", ":", ";") is a word of its own.
fn words_at(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut base = 0;
    loop {
        let lead = rest.len() - rest.trim_start().len();
        base += lead;
        rest = &rest[lead..];
        if rest.is_empty() {
            break;
        }
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let raw = &rest[..len];
        let start = base;
        base += len;
        rest = &rest[len..];
        let core = raw.trim_end_matches([',', '.', ';', ':', ')', '?', '!', '"', '”']);
        let core = if core.is_empty() { raw } else { core };
        let open = core.len() - core.trim_start_matches(['(', '"', '“']).len();
        if open > 0 && open < core.len() {
            out.push((start, &core[..open]));
            out.push((start + open, &core[open..]));
        } else {
            out.push((start, core));
        }
        let mut at = start + core.len();
        for c in raw[core.len()..].chars() {
            out.push((at, &raw[at - start..at - start + c.len_utf8()]));
            at += c.len_utf8();
        }
    }
    out
}

/// What to cut for the date at `s[ms..me]`, or `None` to keep the
/// sentence's words: a date is cut only where it is a detachable adjunct —
/// at the start of the sentence, or after "on", "in", "at", "during" (cut
/// with it), or after a verb ("attacked Sunday") — and never where it is a
/// deadline, a range, a modifier, coordinated with another date, or the
/// subject. A clock time goes with its zone and a parenthesis that only
/// restates it ("at 1100 GMT (1200 BST)"; "(9:20 p.m. ET, 3:20 a.m. in
/// Libya)").
fn date_cut(s: &str, ms: usize, me: usize) -> Option<(usize, usize)> {
    let after = &s[me..];
    if after.starts_with("'s") || after.starts_with("’s") || after.starts_with(" 's") {
        return None;
    }
    let words = words_at(s);
    let before: Vec<&(usize, &str)> = words.iter().filter(|(i, w)| i + w.len() <= ms).collect();
    let next: Vec<&(usize, &str)> = words.iter().filter(|(i, _)| *i >= me).collect();
    let pre = before.last().map(|(i, w)| (*i, w.to_lowercase()));
    let post = next.first().map(|(_, w)| w.to_lowercase());
    let post2 = next.get(1).map(|(_, w)| w.to_string());
    let pre_word = pre.as_ref().map(|(_, w)| w.as_str()).unwrap_or("");
    if KEEP_BEFORE.contains(&pre_word) || pre_word.ends_with("'s") || pre_word.ends_with("’s") {
        return None;
    }
    // The word the date (with "on", "in" …) completes: "born in 1955",
    // "dated March 5", "It is Friday", "was on Friday", "due at the end".
    let anchor = if CUT_WITH.contains(&pre_word) {
        before
            .len()
            .checked_sub(2)
            .map(|k| before[k].1.to_lowercase())
            .unwrap_or_default()
    } else {
        pre_word.to_string()
    };
    if COMPLEMENTED.contains(&anchor.as_str()) {
        return None;
    }
    // "the first of two relief wells on 2 May and the second on 16 May": the
    // date is all the clause after "the second" has left
    let elided = |w: &str| {
        matches!(
            w,
            "first"
                | "second"
                | "third"
                | "fourth"
                | "other"
                | "latter"
                | "former"
                | "last"
                | "next"
        )
    };
    // (`anchor` is the word before "on" here)
    let third = before.len().checked_sub(3).map(|k| before[k].1);
    if CUT_WITH.contains(&pre_word)
        && elided(&anchor)
        && third.is_some_and(|w| w.eq_ignore_ascii_case("the"))
    {
        return None;
    }
    let post_word = post.as_deref().unwrap_or("");
    if matches!(post_word, "%" | "percent" | "per") {
        return None;
    }
    // "come the same day that Clinton met …": a clause qualifies the date.
    if matches!(post_word, "that" | "when" | "as") && s[ms..me].to_lowercase().starts_with("the ") {
        return None;
    }
    if COORDINATORS.contains(&post_word) && post2.as_deref().is_some_and(dateish) {
        return None;
    }
    if post_word.starts_with('-')
        && post_word.len() > 1
        && post_word != "--"
        && post_word != "-lrb-"
    {
        return None;
    }
    // The subject: a finite verb after it, and no other subject before it
    // ("Tuesday was the first day", "officials said Monday marked…"; but
    // "Kerry, who late on Thursday had talks" keeps "who").
    let open_slot = pre.is_none()
        || matches!(
            pre_word,
            "," | "(" | ":" | "--" | "that" | "and" | "but" | "because" | "so"
        )
        || terms::is_reporting(pre_word);
    if FINITE.contains(&post_word) && open_slot {
        return None;
    }
    let mut from = match &pre {
        Some((i, w)) if CUT_WITH.contains(&w.as_str()) => *i,
        _ => ms,
    };
    let mut to = me;
    // The clock time's zone, and a parenthesis restating the time.
    let mut k = 0;
    while let Some((i, w)) = next.get(k)
        && ZONES.contains(&w.to_lowercase().as_str())
    {
        to = i + w.len();
        k += 1;
    }
    let rest = &s[to..];
    let open = rest.trim_start();
    if k > 0 && (open.starts_with('(') || open.starts_with("-LRB-")) {
        let close = open
            .find(')')
            .map(|i| i + 1)
            .or_else(|| open.find("-RRB-").map(|i| i + 5));
        if let Some(c) = close
            && restates_time(&open[..c])
        {
            to += rest.len() - open.len() + c;
        }
    }
    // Inside a parenthesis that only gives times: the whole parenthesis.
    let head = &s[..from];
    let open_at = head.rfind('(').or_else(|| head.rfind("-LRB-"));
    if let Some(o) = open_at
        && !head[o..].contains(')')
        && !head[o..].contains("-RRB-")
    {
        let tail = &s[to..];
        let close = tail
            .find(')')
            .map(|i| i + 1)
            .or_else(|| tail.find("-RRB-").map(|i| i + 5));
        if let Some(c) = close
            && restates_time(&s[o..to + c])
        {
            from = o;
            to += c;
        }
    }
    Some((from, to))
}

/// True for a parenthesis of times and zones only: "(1200 BST)", "(9:20
/// p.m. ET, 3:20 a.m. in Libya)", "-LRB- 1553 GMT -RRB-".
fn restates_time(p: &str) -> bool {
    let inner = p
        .trim_start_matches("-LRB-")
        .trim_start_matches('(')
        .trim_end_matches("-RRB-")
        .trim_end_matches(')');
    let mut other = 0;
    let mut times = 0;
    for w in inner.split(|c: char| c.is_whitespace() || c == ',') {
        let l = w.to_lowercase();
        if l.is_empty() {
            continue;
        }
        if l.starts_with(|c: char| c.is_ascii_digit()) {
            times += 1;
        } else if !(ZONES.contains(&l.as_str())
            || matches!(
                l.as_str(),
                "a.m."
                    | "p.m."
                    | "am"
                    | "pm"
                    | "in"
                    | "and"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
            ))
        {
            other += 1;
        }
    }
    times >= 1 && other <= 2
}

/// True when the headline `h`, cut at byte `mark`, reads with a hole: a
/// preposition or determiner left before punctuation or the end ("by or
/// Friday", "the and 1968", "from to 1865"), empty brackets, a stranded
/// zone, or "said was".
fn leaves_hole(h: &str, mark: usize) -> bool {
    if h.contains("()") || h.contains("( )") {
        return true;
    }
    let left: Vec<String> = h[..mark]
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    let right: Vec<String> = h[mark..]
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    let l = left.last().map(String::as_str).unwrap_or("");
    let r = right.first().map(String::as_str).unwrap_or("");
    let l_bare = l.trim_end_matches([',', ';', ':']);
    let r_starts_punct = r.is_empty() || r.starts_with([',', '.', ';', ':', ')', '?', '!']);
    let dangling = KEEP_BEFORE.contains(&l_bare) || CUT_WITH.contains(&l_bare);
    if dangling && l == l_bare && (r_starts_punct || COORDINATORS.contains(&r)) {
        return true;
    }
    if ZONES[..13].contains(&r.trim_end_matches([',', '.', ')'])) {
        return true;
    }
    // "Tomorrow (25 June) marks …", "at 8 p.m. (2 p.m. ET)": the aside
    // explains the date cut.
    if let Some(aside) = h[mark..].trim_start().strip_prefix('(') {
        let aside = &aside[..aside.find(')').unwrap_or(aside.len())];
        if aside.contains(|c: char| c.is_ascii_digit()) || weekday_index(aside.trim()).is_some() {
            return true;
        }
    }
    if r.starts_with('-') && r.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    // A dash aside left with nothing before it: "when, -- which".
    if matches!(r, "--" | "—" | "–") && (l.is_empty() || l.ends_with([',', ';', ':', '('])) {
        return true;
    }
    // The cut joins two sentences that had no stop between them (a
    // headline glued to the lead: "Michael Jackson died in 2009 Katherine
    // said …"): the date was all that told them apart.
    let r_raw = h[mark..].split_whitespace().next().unwrap_or("");
    if l.ends_with(|c: char| c.is_lowercase())
        && r_raw.starts_with(|c: char| c.is_uppercase())
        && r_raw != "I"
    {
        return true;
    }
    matches!(l, "said" | "says" | "say" | "that") && FINITE.contains(&r)
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
        (" :", ":"),
        (" ;", ";"),
        ("( ", "("),
        (" )", ")"),
    ] {
        out = out.replace(from, to);
    }
    out.trim_start_matches([',', ';', ':', ' ', '-', '—'])
        .trim()
        .to_string()
}

/// Pronouns that stand for a name the sentence gave before.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Possessives that need the name they stand for.
const POSSESSIVES: &[&str] = &["his", "her", "their", "its", "our", "my"];

/// Cuts "…, X said." at the end and "According to X," or "X said (that)"
/// at the start, unless the expression (at byte `mark`) is in that part —
/// then the statement itself is the event ("Peskov said Friday that …").
fn trim_attribution(s: &str, mark: usize) -> (String, usize) {
    let mut s = s.to_string();
    let mut mark = mark;
    // Trailing ", Kerry said." / ", according to the paper.", also when
    // the expression dated the saying (", the agency said Friday.") and
    // what was said fits a headline whole: it is the news. (Cut down, the
    // clauses nearest the saying's date would not be.)
    if let Some(i) = s.rfind(", ")
        && (i >= mark || ends_with_saying(&s[i..]))
    {
        let tail = &s[i + 2..];
        if is_attribution(tail) {
            if mark > i {
                mark = 0;
            }
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
    // A verb, not the noun after a preposition or determiner ("On state
    // television", "the report").
    let noun_before = |v: usize| {
        let word = words[v].text.to_lowercase();
        // "BP's internal report published …": a word that is a noun as often
        // as a verb is a verb after a name or a pronoun only.
        let ambiguous = matches!(
            word.as_str(),
            "report" | "reports" | "claim" | "claims" | "state" | "note" | "notes" | "quote"
        );
        if ambiguous
            && v > 0
            && !words[v - 1].text.starts_with(|c: char| c.is_uppercase())
            && !SUBJECT_PRONOUNS.contains(&words[v - 1].text.to_lowercase().as_str())
            && !words[v - 1].text.eq_ignore_ascii_case("who")
        {
            return true;
        }
        v > 0
            && matches!(
                words[v - 1].text.to_lowercase().as_str(),
                "on" | "in"
                    | "at"
                    | "of"
                    | "to"
                    | "for"
                    | "by"
                    | "with"
                    | "from"
                    | "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "our"
                    | "this"
                    | "that"
            )
    };
    if let Some(v) = words
        .iter()
        .enumerate()
        .take(10)
        .position(|(i, w)| terms::is_reporting(&w.text.to_lowercase()) && !noun_before(i))
    {
        let verb = words[v];
        // Where what was said starts: after "that" or a colon a few words on
        // ("said in a press conference that …", "told news agency AFP: …").
        let that = words[v + 1..]
            .iter()
            .take(8)
            .find(|w| w.text.eq_ignore_ascii_case("that"));
        let colon = s[verb.end..]
            .find(':')
            .map(|c| verb.end + c)
            .filter(|&c| s[verb.end..c].split_whitespace().count() <= 8);
        let said_from = match (that.map(|w| w.start), colon) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // "Peskov said Friday that …", "Allen said in a press conference on
        // Tuesday that …": the expression dates the statement.
        let dates_statement = mark >= verb.end
            && (words.get(v + 1).is_none_or(|next| mark <= next.start)
                || said_from.is_some_and(|f| mark <= f));
        // "told reporters …": the listener follows the verb, and only "that"
        // says where what was told begins.
        let listener = matches!(
            verb.text.to_lowercase().as_str(),
            "tell" | "tells" | "told" | "telling"
        );
        if verb.end < mark && v > 0 && !dates_statement && !(listener && that.is_none()) {
            let mut cut = verb.end;
            if let Some(that) = that
                && that.start <= mark + 1
            {
                cut = that.end;
            }
            let rest = s[cut..].trim_start_matches([' ', ',', ':']);
            // "Opposition forces claimed to have gained control", "has been
            // asked to meet Obama": the verb's subject is the news's; "his
            // government learned …": the pronoun needs its name.
            let infinitive = rest.starts_with("to ");
            let pronoun = rest.split_whitespace().next().is_some_and(|w| {
                let w = w.to_lowercase();
                SUBJECT_PRONOUNS.contains(&w.as_str()) || POSSESSIVES.contains(&w.as_str())
            });
            if rest.split_whitespace().count() >= 4
                && !rest.starts_with(['"', '“'])
                && !infinitive
                && !pronoun
            {
                let removed = s.len() - rest.len();
                return (rest.to_string(), mark.saturating_sub(removed));
            }
        }
    }
    (s, mark)
}

/// "Prime Minister David Cameron, who will discuss BP with President Obama
/// (this week), said …": when the expression (at byte `mark`) dated the
/// relative clause on a name, the headline is the name and that clause —
/// "Prime Minister David Cameron will discuss BP with President Obama".
fn relative_subject(s: &str, mark: usize) -> Option<(String, usize)> {
    let i = s.find(", who ")?;
    let from = i + ", who ".len();
    if mark + 1 < from {
        return None;
    }
    let to = s[from..].find(", ").map_or(s.len(), |c| from + c);
    if mark > to {
        return None;
    }
    let name = &s[..i];
    let words: Vec<&str> = name.split_whitespace().collect();
    let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let joins = |w: &str| matches!(w, "of" | "the" | "and" | "de" | "al" | "bin");
    if words.is_empty()
        || words.len() > 6
        || !capital(words[0])
        || !capital(words[words.len() - 1])
        || !words.iter().all(|w| capital(w) || joins(w))
    {
        return None;
    }
    let clause = &s[from..to];
    // "who he met": the name is not the clause's subject.
    let first = clause.split_whitespace().next()?.to_lowercase();
    if SUBJECT_PRONOUNS.contains(&first.as_str())
        || first == "you"
        || clause.split_whitespace().count() < 3
    {
        return None;
    }
    let out = format!("{name} {clause}");
    Some((out, (mark + 1).saturating_sub(from) + name.len()))
}

/// The part of a sentence after its last comma is an attribution: ",
/// Kerry said", ", the agency said in a statement Friday", ", said Mr
/// Kerry", ", according to the paper" — not what was said (", said the
/// findings showed the blow-out was avoidable", ", the minister said the
/// plan would fail and the talks were over").
fn is_attribution(tail: &str) -> bool {
    let words: Vec<&str> = tail
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    if words.len() > 12 {
        return false;
    }
    if lower.first().is_some_and(|w| w == "according") {
        return true;
    }
    let Some(v) = lower.iter().take(8).position(|w| terms::is_reporting(w)) else {
        return false;
    };
    let after = &lower[v + 1..];
    if after.iter().any(|w| w == "that") {
        return false;
    }
    if v == 0 {
        // ", said Mr Kerry": a name follows the verb.
        after.len() <= 2 || words[1].starts_with(|c: char| c.is_uppercase())
    } else {
        // ", Kerry said on Friday in a statement".
        after.len() <= 6
    }
}

/// The last word of `tail` is a reporting verb: ", the agency said" (the
/// date that followed it cut), not ", said helicopters landed troops".
fn ends_with_saying(tail: &str) -> bool {
    tail.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| terms::is_reporting(&w))
}

/// The most words a headline keeps ([`shorten`]).
const HEADLINE_WORDS: usize = 24;

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
    // A clause too long to add whole after a few short ones ("Under the
    // plan, an Amman, …"): its first words fill the headline.
    if count(&s[pieces[lo].0..pieces[hi].1]) < max / 2 && hi + 1 < pieces.len() {
        hi = pieces.len() - 1;
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
    // "Mr Dudley, who is in charge of the clean-up, was the former chief
    // …": a clause that opens with its verb keeps the sentence's subject
    // when that is the first few words
    let subject = s[..pieces[0].1]
        .trim()
        .trim_end_matches([',', ';', '-'])
        .trim();
    if lo > 0
        && words.first().is_some_and(|w| OPENS_WITH_VERB.contains(w))
        && (1..=6).contains(&count(subject))
        && subject.starts_with(|c: char| c.is_uppercase())
        && !subject
            .split_whitespace()
            .next()
            .is_some_and(|w| CONNECTIVES.contains(&w) || w.ends_with("ly"))
    {
        out = format!("{subject} … {out}");
    }
    out
}

/// Words that open a sentence's first clause without being its subject
/// ("However, …", "Meanwhile, …").
const CONNECTIVES: &[&str] = &[
    "However",
    "But",
    "And",
    "Meanwhile",
    "Still",
    "Yet",
    "Also",
    "Instead",
    "Earlier",
    "Later",
    "Then",
    "So",
    "Now",
    "Much",
    "In",
    "On",
    "At",
    "After",
    "Before",
    "Since",
    "While",
    "When",
    "If",
    "Although",
    "Though",
    "As",
];

/// Verbs a clause cut from its subject opens with ("was the former
/// chief …", "has been named …").
const OPENS_WITH_VERB: &[&str] = &[
    "was", "were", "is", "are", "has", "have", "had", "will", "would", "said", "says", "told",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::document::Dct;

    fn events(text: &str) -> Vec<Event> {
        let g = Grammar::embedded();
        let dct = Dct::parse("2016-07-15", DctSource::Cli).unwrap();
        let doc = Document {
            id: "d".into(),
            id_number: false,
            path: None,
            text: text.into(),
            dct: Some(dct.clone()),
            page: None,
        };
        let mentions = crate::engine::annotate(text, Some(&dct), g);
        extract(0, &doc, &mentions, None, g)
    }

    fn leads(text: &str) -> Vec<Event> {
        events(text).into_iter().filter(Event::is_lead).collect()
    }

    #[test]
    fn an_undated_lead_reporting_news_is_the_articles_day() {
        // (text, the lead's headline, or None when the article has no lead)
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Energy giant BP has been accused of hiding key data needed to investigate the spill.\n\
                 BP rejected the allegation on Thursday.",
                Some(
                    "Energy giant BP has been accused of hiding key data needed to investigate the spill",
                ),
            ),
            // A page title before it, in neither tense of news.
            (
                "US moving towards close cooperation with Russia in Syria\n\n\
                 US Secretary of State John Kerry has urged closer cooperation with Russia in Syria.",
                Some(
                    "US Secretary of State John Kerry has urged closer cooperation with Russia in Syria",
                ),
            ),
            // Dated: the lead is an ordinary statement of its day.
            (
                "The top diplomats of Russia and the United States on Friday joined forces in Moscow.",
                None,
            ),
            // The past tense alone is as often background.
            (
                "The Deepwater Horizon rig caught fire and sank following an explosion in the Gulf.",
                None,
            ),
            // An agency dateline opens it: the headline starts after it.
            (
                "Washington (CNN) -- The United States has seen what happens when it arms rebel forces.",
                Some("The United States has seen what happens when it arms rebel forces"),
            ),
            // Commentary in the first person, a question: not news.
            (
                "As far as I can tell, Americans have not been provided with sufficient evidence.",
                None,
            ),
            (
                "Is the United States ready to arm the rebels in eastern Libya?",
                None,
            ),
            // A first person inside a quotation is somebody's words.
            (
                "Obama has said \"we will make BP pay\" for the damage to the Gulf coast.",
                Some("Obama has said \"we will make BP pay\" for the damage to the Gulf coast"),
            ),
            // Too short to report anything.
            ("By Pallab Ghosh, science correspondent, says.", None),
            // A sentence that points back goes on from another: an
            // explainer's answer, a page's notice.
            (
                "What is swine flu?\n\nIt is a contagious respiratory disease of pigs caused by type A influenza viruses.",
                None,
            ),
            (
                "This live page is part of a BBC News trial to test new ways of presenting breaking news.",
                None,
            ),
            // Commentary that says so: its opening argues, it is no news.
            (
                "The United States has seen what happens when it arms rebel forces against brutal regimes.\n\n\
                 Editor's note: Angel Rabasa is a senior political scientist at a research institute.",
                None,
            ),
            // A title, then a dated first sentence: no later sentence is the lead.
            (
                "Lavrov, Kerry hold lengthy talks with Nice terror attack as backdrop\n\n\
                 Lavrov and Kerry held eight hours of talks on Friday in Moscow.\n\
                 Officials say the talks have been productive and very serious indeed.",
                None,
            ),
        ];
        for (text, want) in cases {
            let got = leads(text);
            assert_eq!(
                got.iter().map(|e| e.headline.as_str()).collect::<Vec<_>>(),
                want.iter().copied().collect::<Vec<_>>(),
                "{text}"
            );
            for e in &got {
                assert_eq!(e.day(), NaiveDate::from_ymd_opt(2016, 7, 15));
                assert_eq!(e.mention.assumptions, vec![LEAD_ASSUMPTION.to_string()]);
                assert_eq!(e.mention.start, e.mention.end);
                assert!(e.sentence.start <= e.mention.start && e.mention.start < e.sentence.end);
                assert!(e.mention.text.is_empty());
                assert!(e.depends_on_dct);
            }
        }
    }

    #[test]
    fn a_lead_starts_where_a_title_or_caption_runs_into_it() {
        // (glued sentence, where the lead starts)
        let cases: &[(&str, &str)] = &[
            (
                "Oil spill in Gulf of Mexico in maps and graphics A massive operation is under way in the Gulf .",
                "A massive operation",
            ),
            (
                "Jackson death was ` not suspicious ' Medical experts say they are not treating the death as suspicious .",
                "Medical experts",
            ),
            (
                "Representatives of BP , Transocean and Halliburton speak to senators Oil executives have traded blame in Congress .",
                "Oil executives",
            ),
            // A title's own verb comes before four words: nothing is cut.
            (
                "BP sells Gulf of Mexico oil field assets to Marubeni BP has said it will sell its interests .",
                "BP sells",
            ),
            // A name after a singular noun goes on with the sentence.
            (
                "The share swap between BP and the Russian state-controlled energy firm Rosneft is well timed .",
                "The share swap",
            ),
            // A caption and a byline before the lead.
            (
                "The Deepwater Horizon sank following an explosion and fire By Michael Hirst and David Walker Stopping a potentially devastating slick from a damaged oil well is only part of the headache facing BP .",
                "Stopping a potentially devastating slick from a damaged oil well is only part of the headache facing BP",
            ),
            // "By" inside a sentence before a name that does not open a text.
            (
                "The company has been hit hard by Hurricane Alex and by the costs of the spill , analysts say .",
                "The company has been hit hard",
            ),
        ];
        for (text, start) in cases {
            let e = leads(text);
            assert_eq!(e.len(), 1, "{text}");
            assert!(
                e[0].headline.starts_with(start),
                "{text}: {:?}",
                e[0].headline
            );
            // The citation quotes the sentence whole; the empty expression
            // marks where the lead starts.
            assert_eq!(e[0].sentence.text, *text);
            assert!(text[e[0].mention.byte_start..].starts_with(start), "{text}");
        }
    }

    #[test]
    fn a_hedged_bound_is_still_a_bound() {
        let got = events("The school will be closed until at least Sunday , officials said .");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].relation.as_deref(), Some("until"));
        let got = events("The school closed on Sunday , officials said .");
        assert_eq!(got[0].relation, None);
    }

    #[test]
    fn a_lead_glued_to_its_title_is_headed_from_its_seam() {
        let e = leads(
            "Michael Jackson's doctor to be tried for manslaughter The judge has ordered the doctor to stand trial .",
        );
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].headline,
            "The judge has ordered the doctor to stand trial"
        );
        // The title's first words come back where the lead starts.
        let e = leads(
            "Michael Jackson 's doctor , Conrad Murray , found guilty Michael Jackson 's doctor has been found guilty of causing the singer 's death .",
        );
        assert_eq!(
            e[0].headline,
            "Michael Jackson's doctor has been found guilty of causing the singer's death"
        );
        // Words that come back after the verb of news are the lead going on.
        let e = leads(
            "Prince William has visited the troops in Helmand where Prince William served as a pilot .",
        );
        assert!(
            e[0].headline.starts_with("Prince William has visited"),
            "{}",
            e[0].headline
        );
    }

    #[test]
    fn an_article_without_a_date_has_no_lead() {
        let text =
            "Energy giant BP has been accused of hiding key data needed to investigate the spill.";
        let doc = Document {
            id: "d".into(),
            id_number: false,
            path: None,
            text: text.into(),
            dct: None,
            page: None,
        };
        let g = Grammar::embedded();
        let mentions = crate::engine::annotate(text, None, g);
        assert!(extract(0, &doc, &mentions, None, g).is_empty());
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
    fn a_date_before_its_noun_names_the_happening() {
        let e = events(
            "Janet Napolitano appeared at Monday 's hearing about the response to the 20 April disaster .",
        );
        let april = e.iter().find(|e| e.mention.text == "20 April").unwrap();
        assert_eq!(
            april.named,
            vec!["disaste".to_string()],
            "{:?}",
            april.terms
        );
        let monday = e.iter().find(|e| e.mention.text == "Monday").unwrap();
        assert_eq!(monday.named[0], "hear");
        // a date that is not a noun's: nothing named
        let e = events("The rig exploded on 20 April and sank two days later .");
        assert!(e[0].named.is_empty(), "{:?}", e[0].named);
        let e = events("It was the 20 April , when the rig exploded , that changed everything .");
        assert!(e.iter().all(|e| e.named.is_empty()));
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
    fn later_pages_stamps_in_related_links_are_not_events() {
        // The article is of 15 July 2016 (see `events`).
        let e = events(
            "Trial timeline 30 NOVEMBER 2016 , ENTERTAINMENT & ARTS The pun - ancient artform , or the lowest form of wit ?\n\n\
             16 MAY 2016 : RISER INSERTION TUBE - SUCCESS BP had some success with a tube .\n\n\
             The verdict is expected on 30 November 2016 , lawyers said .",
        );
        let days: Vec<String> = e
            .iter()
            .map(|e| e.day().map(|d| d.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(days, vec!["2016-05-16", "2016-11-30"]);
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
                "Kerry said their talks had been productive and frank",
                "Kremlin spokesman Dmitry Peskov said that the talks had not marked a start",
                "The deal was struck after long talks"
            ]
        );
    }

    #[test]
    fn a_time_restated_in_another_zone_is_not_a_second_event() {
        let e = events(
            "(7:38 p.m. Monday ET, 1:38 a.m. Tuesday in Libya) Obama said the mission was limited.",
        );
        let days: Vec<&str> = e.iter().map(|e| e.mention.timex.value.as_str()).collect();
        // a live page's stamp: the Monday nearest the page's Friday
        assert_eq!(days, ["2016-07-18T19:38"], "{e:#?}");
    }

    #[test]
    fn bounds_are_marked() {
        let e =
            events("The meeting lasted until the early hours of Friday morning, officials said.");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].relation.as_deref(), Some("until"));
    }

    #[test]
    fn headlines_keep_dates_that_are_not_adjuncts() {
        // (sentence, the expression's words, the headline wanted)
        let cases: &[(&str, &str, &str)] = &[
            (
                "The pipe could arrive on Wednesday and be usable by Thursday or Friday.",
                "Wednesday",
                "The pipe could arrive and be usable by Thursday or Friday",
            ),
            (
                "The pipe could arrive on Wednesday and be usable by Thursday or Friday.",
                "Friday",
                "The pipe could arrive on Wednesday and be usable by Thursday or Friday",
            ),
            (
                "Tuesday was the first day without new cases in the city, officials said.",
                "Tuesday",
                "Tuesday was the first day without new cases in the city",
            ),
            // a row does not open with the tie to the sentence before it
            (
                "But CNN could not independently confirm the attack on Tuesday.",
                "Tuesday",
                "CNN could not independently confirm the attack",
            ),
            (
                "And, on Monday, the rebels took the town.",
                "Monday",
                "The rebels took the town",
            ),
            (
                "Rescuers said Monday marked the worst day of the crisis in the city.",
                "Monday",
                "Rescuers said Monday marked the worst day of the crisis in the city",
            ),
            (
                "In fact , Friday is her 81st birthday , her family said .",
                "Friday",
                "In fact, Friday is her 81st birthday",
            ),
            (
                "Talks with President Vladimir\u{a0}Putin\u{a0}on Thursday ended well.",
                "Thursday",
                "Talks with President Vladimir Putin ended well",
            ),
            (
                "Kerry, who late on Thursday had talks with Putin, said they were frank.",
                "late on Thursday",
                "Kerry had talks with Putin",
            ),
            (
                "Conrad Murray told police in 2009 that he gave Jackson other drugs .",
                "2009",
                "Conrad Murray told police that he gave Jackson other drugs",
            ),
            // a clause cut from its subject keeps it
            (
                "Mr Dudley , who is in charge of the Gulf of Mexico clean-up operation and has spent weeks on the coast talking to fishermen and officials , was the former chief of the BP-TNK joint venture , but was forced to leave Russia in 2008 amid a dispute with shareholders .",
                "2008",
                "Mr Dudley … was the former chief of the BP-TNK joint venture, but was forced to leave Russia amid a dispute with shareholders",
            ),
            (
                "However , speaking to reporters at the end of a long day of meetings with ministers and health officials in the capital , he said in 2008 that the virus was causing very few illnesses compared with normal seasonal flu viruses .",
                "2008",
                "He said that the virus was causing very few illnesses compared with normal seasonal flu viruses",
            ),
            // a live page's entry stamp opens no headline, whichever
            // expression dates the entry
            (
                "LIBYA , 6:49 p.m. ET , 1:49 a.m. local : Libyan leader Moammar Gadhafi said Tuesday morning on state-run television that he is in Tripoli .",
                "Tuesday morning",
                "Libyan leader Moammar Gadhafi said on state-run television that he is in Tripoli",
            ),
            (
                "ZIMBABWE , 3:53 p.m. ET : Police arrested 46 people at a meeting .",
                "3:53 p.m. ET",
                "Police arrested 46 people at a meeting",
            ),
            (
                "-LRB- 10:51 p.m. Sunday ET , 4:51 a.m. Monday in Libya -RRB- The coalition named its members .",
                "10:51 p.m. Sunday",
                "The coalition named its members",
            ),
            (
                "Belhadj , born in 1988 , joined the group in 2006 .",
                "1988",
                "Belhadj, born in 1988, joined the group in 2006",
            ),
            (
                "The letter, which was dated March 5, was made public on Wednesday.",
                "March 5",
                "The letter, which was dated March 5, was made public on Wednesday",
            ),
            (
                "He lived from 1784 to 1865 in St Asaph.",
                "1784",
                "He lived from 1784 to 1865 in St Asaph",
            ),
            (
                "Peskov said Friday that the talks had not marked a start.",
                "Friday",
                "Peskov said that the talks had not marked a start",
            ),
            (
                "The runway had been closed since the quake struck at 1653 local time (1553 GMT) on Sunday.",
                "1653 local time (1553 GMT) on Sunday",
                "The runway had been closed since the quake struck",
            ),
            (
                "The strikes began at 4:45 p.m. on Saturday , officials said .",
                "4:45 p.m. on Saturday",
                "The strikes began",
            ),
            // Sentences glued without a stop: the one the date belongs to.
            (
                "Dr Murray appears in court in Los Angeles 25 January 2011 The doctor officially enters a plea of not guilty .",
                "25 January 2011",
                "The doctor officially enters a plea of not guilty",
            ),
            (
                "The doctor maintained his innocence throughout the trial 29 September 2011 Jackson 's bodyguard , Alberto Alvarez , testifies .",
                "29 September 2011",
                "Jackson's bodyguard, Alberto Alvarez, testifies",
            ),
            (
                "Trial hears of drug use The prosecution said on Tuesday that the doctor was negligent .",
                "Tuesday",
                "The prosecution said that the doctor was negligent",
            ),
            (
                "The prosecution said Murray was negligent His comments on Monday echoed an interview .",
                "Monday",
                "His comments echoed an interview",
            ),
            (
                "Murray was negligent on Monday , jurors heard His comments echoed an interview .",
                "Monday",
                "Murray was negligent, jurors heard",
            ),
            // Not glued: a title after a preposition, a capital after the
            // opener, a date after a preposition or a reporting verb.
            (
                "A letter published in The Times on Monday criticised the plan .",
                "Monday",
                "A letter published in The Times criticised the plan",
            ),
            (
                "Jackson died in June 2009 The Los Angeles coroner ruled it homicide .",
                "June 2009",
                "Jackson died in June 2009 The Los Angeles coroner ruled it homicide",
            ),
            (
                "Tomorrow -LRB- 25 June -RRB- marks the first anniversary of his death .",
                "Tomorrow",
                "Tomorrow (25 June) marks the first anniversary of his death",
            ),
            (
                "Wednesday -LRB- CNN -RRB- -- At least 150 people drowned off the coast .",
                "Wednesday",
                "(CNN) -- At least 150 people drowned off the coast",
            ),
            (
                "29 July 2009 The doctor 's clinic in Houston is raided by officers .",
                "29 July 2009",
                "The doctor's clinic in Houston is raided by officers",
            ),
            (
                "LIBYA , 6:45 p.m. local The government is demanding that citizens cooperate .",
                "6:45 p.m.",
                "LIBYA, The government is demanding that citizens cooperate",
            ),
            (
                "Opposition forces claimed to have gained control of the town of Ras Lanuf on Sunday .",
                "Sunday",
                "Opposition forces claimed to have gained control of the town of Ras Lanuf",
            ),
            (
                "BP 's chairman has been asked to meet Barack Obama next week , amid assurances from the UK .",
                "next week",
                "BP's chairman has been asked to meet Barack Obama, amid assurances from the UK",
            ),
            (
                "The number of people trying to leave has declined , as armed forces have intensified their presence at the border , the United Nations refugee agency said Friday .",
                "Friday",
                "The number of people trying to leave has declined, as armed forces have intensified their presence at the border",
            ),
            (
                "On state television , he again insisted Tuesday night that youths misled by al Qaeda were to blame for the fighting .",
                "Tuesday night",
                "On state television, he again insisted that youths misled by al Qaeda were to blame for the fighting",
            ),
            (
                "But one witness , who agreed to be identified only as Adam , said helicopters landed troops in Green Square on Sunday .",
                "Sunday",
                "One witness, who agreed to be identified only as Adam, said helicopters landed troops in Green Square",
            ),
            (
                "He came to avenge Israel for 1967 Six day War .",
                "1967",
                "He came to avenge Israel for 1967 Six day War",
            ),
            (
                "Obama should return his 9 October 2009 Nobel Peace Prize , Moore said .",
                "9 October 2009",
                "Obama should return his 9 October 2009 Nobel Peace Prize",
            ),
            (
                "Libya 's civil war and U.N. intervention The U.N. Security Council voted March 17 to authorize a no-fly zone over Libya .",
                "March 17",
                "The U.N. Security Council voted to authorize a no-fly zone over Libya",
            ),
            (
                "Before joining The New York Times in 2007 , he worked for the Times of London .",
                "2007",
                "Before joining The New York Times, he worked for the Times of London",
            ),
            (
                "`` I felt that if Michael would have embraced Islam he would still be here today , '' the former Jackson 5 member told the BBC World Service .",
                "today",
                "\"I felt that if Michael would have embraced Islam he would still be here today,\" the former Jackson 5 member told the BBC World Service",
            ),
            (
                "The company began drilling the first of two relief wells on 2 May and the second on 16 May .",
                "16 May",
                "The company began drilling the first of two relief wells on 2 May and the second on 16 May",
            ),
            (
                "The school expects to be closed until at least Sunday .",
                "Sunday",
                "The school expects to be closed until at least Sunday",
            ),
            (
                "Prime Minister David Cameron , who will discuss BP with President Obama this week , said he understood the US government 's `` frustration '' .",
                "this week",
                "Prime Minister David Cameron will discuss BP with President Obama",
            ),
            (
                "He met Kerry , who had talks with Putin on Thursday , in Geneva .",
                "Thursday",
                "He met Kerry, who had talks with Putin, in Geneva",
            ),
            (
                "Adm Allen said in a press conference on Tuesday that BP had contained more than 14,800 barrels of oil from the leaking wellhead in the past 24 hours .",
                "Tuesday",
                "Adm Allen said in a press conference that BP had contained more than 14,800 barrels of oil from the leaking wellhead in the past 24 hours",
            ),
            (
                "But BP spokesman Mark Proegler told news agency AFP on Thursday : `` Now that we are collecting 5,000 barrels a day , it might be a little more than that . ''",
                "Thursday",
                "BP spokesman Mark Proegler told news agency AFP: \"Now that we are collecting 5,000 barrels a day, it might be a little more than that.\"",
            ),
            (
                "In a statement released on Wednesday , Bob Graham , former Florida governor and a co-chairman of the commission , said the findings showed the blow-out was avoidable .",
                "Wednesday",
                "In a statement released, Bob Graham, former Florida governor and a co-chairman of the commission, said the findings showed the blow-out was avoidable",
            ),
            (
                "The number of people trying to leave the country has declined in recent days , however , as heavily armed government forces have intensified their presence at the Tunisian border and on roads leading up to it , the United Nations refugee agency said Friday .",
                "Friday",
                "The number of people trying to leave the country has declined in recent days, however…",
            ),
            (
                "She told CNN 's `` AC360 '' on Monday she fears for her safety .",
                "Monday",
                "She told CNN's \"AC360\" she fears for her safety",
            ),
            (
                "President Felipe Calderon said his government learned only on Thursday night what kind of virus Mexico was facing .",
                "Thursday night",
                "President Felipe Calderon said his government learned only what kind of virus Mexico was facing",
            ),
            (
                "Stavridis 's comments come the same day that U.S. Secretary of State Hillary Clinton met with leaders of Libya 's opposition in London .",
                "the same day",
                "Stavridis's comments come the same day that U.S. Secretary of State Hillary Clinton met with leaders of Libya's opposition in London",
            ),
            (
                "`` As we continue to review BP 's internal report published earlier today , we have noticed a number of substantial omissions and inaccuracies in the document , '' it said .",
                "today",
                "\"As we continue to review BP's internal report published earlier today, we have noticed a number of substantial omissions and inaccuracies in the document,\" it said",
            ),
            // a live page's entries glued together: the expression's own
            (
                "Here is video of Gadhafi 's comments : LIBYA , 1:46 a.m. local : CNN 's Cairo bureau chief Ben Wedeman has entered Libya .",
                "1:46 a.m.",
                "CNN's Cairo bureau chief Ben Wedeman has entered Libya",
            ),
            // … whose clock dates it (the stamp's "ET , 1:49 a.m. local :"
            // is not a second stamp)
            (
                "Explosions were heard in Tripoli on 12 March : LIBYA , 6:49 p.m. ET , 1:49 a.m. local : Rebels took the town .",
                "12 March",
                "Rebels took the town",
            ),
            (
                "At least 20 million gallons of oil have spilled into the Gulf so far Tuesday also marked the start of the hurricane season .",
                "Tuesday",
                "At least 20 million gallons of oil have spilled into the Gulf so far Tuesday also marked the start of the hurricane season",
            ),
            // a day before "also" with its preposition is cut as ever
            (
                "The company on Monday also announced a $ 20bn compensation fund .",
                "Monday",
                "The company also announced a $20bn compensation fund",
            ),
            (
                "Police said the gunman who shot Mr Smith was arrested on Tuesday .",
                "Tuesday",
                "The gunman who shot Mr Smith was arrested",
            ),
            (
                "Two workers injured Tuesday also remain in hospital , officials said .",
                "Tuesday",
                "Two workers injured also remain in hospital",
            ),
            // capitals that are names, and a title in title case, stay
            (
                "U.S. NAVY SEAL Team Six killed Osama bin Laden on Sunday .",
                "Sunday",
                "U.S. NAVY SEAL Team Six killed Osama bin Laden",
            ),
            (
                "Tourist Killed By Falling Tree Branch in Central Park on Tuesday .",
                "Tuesday",
                "Tourist Killed By Falling Tree Branch in Central Park",
            ),
            // a heading in capitals run into the entry it heads
            (
                "NEW CAP FOR LEAKING OIL WELL When engineers removed the LMRP cap on 10 July , oil began to flow freely once more .",
                "10 July",
                "When engineers removed the LMRP cap, oil began to flow freely once more",
            ),
            // capitals that are names, not a heading, stay
            (
                "US UN EU Officials met in Geneva on 10 July to discuss the crisis .",
                "10 July",
                "US UN EU Officials met in Geneva to discuss the crisis",
            ),
            // the day was the subject: the sentence keeps it
            (
                "Tuesday also marked the start of the hurricane season , with up to 14 hurricanes predicted .",
                "Tuesday",
                "Tuesday also marked the start of the hurricane season, with up to 14 hurricanes predicted",
            ),
        ];
        for (sentence, expr, want) in cases {
            let got = events(sentence);
            let e = got
                .iter()
                .find(|e| e.mention.text == *expr || e.also.iter().any(|m| m.text == *expr))
                .unwrap_or_else(|| {
                    let found: Vec<&str> = got.iter().map(|e| e.mention.text.as_str()).collect();
                    panic!("{sentence}: no event for {expr:?} among {found:?}")
                });
            assert_eq!(e.headline, *want, "{sentence} [{expr}]");
        }
    }

    #[test]
    fn holes_are_seen() {
        for (h, mark) in [
            ("usable by or Friday", 10),
            ("both the and 1968 pandemics", 9),
            ("Officials said was the first day", 15),
            ("the quake struck at () on Sunday", 20),
            ("struck GMT, rebels said", 7),
            ("Gadhafi was a captain when, -- which is Revolution Day", 27),
            ("Michael Jackson died Katherine said so", 21),
        ] {
            assert!(leaves_hole(h, mark), "{h}");
        }
        for (h, mark) in [
            ("The pipe could arrive and be usable", 22),
            ("Peskov said that the talks ended", 12),
        ] {
            assert!(!leaves_hole(h, mark), "{h}");
        }
    }

    #[test]
    fn detokenising() {
        assert_eq!(
            detokenise("BP 's `` top kill '' -LRB- # 346m -RRB- , he said ."),
            "BP's \"top kill\" (£346m), he said."
        );
    }
}
