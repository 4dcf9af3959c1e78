//! One reader of tense and modality: what the verbs around a temporal
//! expression say about which side of the article date it lies on.
//!
//! Two questions are asked of it, with two policies over the same words:
//! - [`around`] (the resolver's): which way a bare weekday, a month
//!   without a year or a holiday goes ("will meet Monday" → the coming
//!   Monday). It always gives an answer when any cue is in the sentence:
//!   the verb right before the expression governs it, else the nearest
//!   cue. [`ClauseTense`] reads it only when the value depends on it.
//! - [`of_clause`] (`check`'s): is a dated statement told in the past or
//!   the future? Read conservatively, within one clause: past only when a
//!   past verb and no present, modal or future cue is near.
//!
//! Both read [`PAST_FORMS`] and [`regular_past`]; nothing here looks at
//! the article date.

use crate::article::sentences::words;
use crate::engine::grammar::Lexicon;
use crate::engine::tag::lex;

/// What the sentence's verbs say about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// Irregular past forms (and "ago") that mark a clause as past.
pub const PAST_FORMS: &[&str] = &[
    "was", "were", "had", "did", "met", "came", "went", "began", "took", "made", "held", "gave",
    "left", "ago", "killed", "drove", "spent", "saw", "won", "lost", "fell", "rose", "sold",
    "bought",
];

/// A regular past form ("rolled", "announced"), but not the participles
/// that announce plans ("expected", "scheduled", "planned").
pub fn regular_past(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ed") && !matches!(w, "expected" | "scheduled" | "planned")
}

/// How many bytes around an expression the tense reader looks at.
pub const TENSE_WINDOW: usize = 600;

/// The largest char boundary at or below `i`.
fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// True if the punctuation at byte `i` ends a sentence: not the period of
/// "U.S.", "Mr." or "Jan." (the abbreviations in `grammar/abbreviations.csv`).
/// It reads back to the previous white space; in a window (see
/// [`crate::engine::resolve::DocumentResolver`]) that may be cut short by the window's start, but
/// a token cut there is still most of a window long, so neither one
/// letter nor an abbreviation, and the answer is the same.
fn sentence_end(text: &str, g: &Lexicon, i: usize) -> bool {
    if !text[i..].starts_with('.') {
        return true;
    }
    let before = &text[..i];
    let token_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |(k, c)| k + c.len_utf8());
    let token = before[token_start..].to_lowercase();
    if token.chars().count() == 1 || g.abbreviations.contains(&format!("{token}.")) {
        return false;
    }
    // "3.5": a decimal point
    !(before.ends_with(|c: char| c.is_ascii_digit())
        && text[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
}

/// Reads the tense of the clause around byte offset `at`: the resolver's
/// reading, which leans on the nearest cue (see the module's notes).
pub fn around(text: &str, g: &Lexicon, at: usize) -> Tense {
    let at = at.min(text.len());
    let is_end = |i: usize| sentence_end(text, g, i);
    // look at most TENSE_WINDOW bytes either side, so a "sentence" of
    // thousands of dates costs each of them the same bounded work
    let lo = floor_char_boundary(text, at.saturating_sub(TENSE_WINDOW));
    let hi = floor_char_boundary(text, at.saturating_add(TENSE_WINDOW).min(text.len()));
    let start = text[lo..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?' | '\n' | ';') && is_end(lo + i))
        .map(|(i, _)| lo + i + 1)
        .unwrap_or(lo);
    let end = text[at..hi]
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?' | '\n' | ';') && is_end(at + i))
        .map(|(i, _)| at + i)
        .unwrap_or(hi);
    // words of the sentence, lowercased (on the stack when short ASCII, as
    // most words are), and how many of them start before the expression
    let sentence = &text[start..end];
    let mut mention_word = 0;
    let words: Vec<lex::Norm> = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .inspect(|w| {
            if start + (w.as_ptr() as usize - sentence.as_ptr() as usize) < at {
                mention_word += 1;
            }
        })
        .map(lex::norm)
        .collect();
    // the verb right before the expression governs it: "said Thursday that
    // it will …" is past, "set to resume Monday" future
    let before: Vec<&str> = words[..mention_word.min(words.len())]
        .iter()
        .map(|w| &**w)
        .rev()
        .filter(|w| {
            !matches!(
                *w,
                "on" | "late" | "early" | "last" | "this" | "next" | "at" | "by"
            )
        })
        .take(2)
        .collect();
    if let Some(&w) = before.first() {
        let soon = words
            .windows(3)
            .any(|x| x[0] == "as" && x[1] == "soon" && x[2] == "as");
        if matches!(
            w,
            "said"
                | "told"
                | "announced"
                | "reported"
                | "added"
                | "declared"
                | "confirmed"
                | "denied"
                | "stated"
                | "wrote"
                | "met"
                | "was"
                | "were"
        ) || (regular_past(w) && !soon)
        {
            return Tense::Past;
        }
        if matches!(w, "will" | "to" | "shall") || w.ends_with("'ll") || soon {
            return Tense::Future;
        }
    }
    // otherwise the cue nearest the expression decides
    let mut best: Option<(usize, Tense)> = None;
    for (k, w) in words.iter().enumerate() {
        let w: &str = w;
        let next_is_to = words.get(k + 1).is_some_and(|n| n == "to");
        let cue = if matches!(
            w,
            "will"
                | "planning"
                | "slated"
                | "intend"
                | "soon"
                | "payable"
                | "shall"
                | "won't"
                | "would"
                | "upcoming"
                | "scheduled"
                | "planned"
                | "plans"
                | "expected"
                | "expects"
                | "intends"
                | "aims"
                | "next"
        ) || w.ends_with("'ll")
            || (matches!(w, "going" | "is" | "are" | "due") && next_is_to)
        {
            Some(Tense::Future)
        } else if PAST_FORMS.contains(&w) || regular_past(w) {
            Some(Tense::Past)
        } else {
            None
        };
        if let Some(t) = cue {
            let dist = k.abs_diff(mention_word);
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, t));
            }
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

/// The tense of the clause around byte `at` of `text`, read the first time
/// it is asked for: most expressions (full dates, years) do not need it.
pub struct ClauseTense<'a> {
    text: &'a str,
    g: &'a Lexicon,
    at: usize,
    read: std::cell::Cell<Option<Tense>>,
}

impl<'a> ClauseTense<'a> {
    pub fn new(text: &'a str, g: &'a Lexicon, at: usize) -> Self {
        ClauseTense {
            text,
            g,
            at,
            read: std::cell::Cell::new(None),
        }
    }

    pub fn get(&self) -> Tense {
        if let Some(t) = self.read.get() {
            return t;
        }
        let t = around(self.text, self.g, self.at);
        self.read.set(Some(t));
        t
    }
}

/// Words that open a new clause.
pub const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "that", "which", "who", "when", "while", "after", "before", "because", "as",
    "where", "although", "though", "if", "until", "since",
];

/// What a word says of the tense of its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Past,
    /// "will", "is to", "due to" …
    Future,
    /// Present tense, modals and infinitives: not past, not surely future.
    Other,
}

fn cue(w: &str, next: Option<&str>) -> Option<Cue> {
    if matches!(w, "will" | "shall" | "won't") || w.ends_with("'ll") {
        return Some(Cue::Future);
    }
    if matches!(
        w,
        "is" | "are" | "going" | "due" | "scheduled" | "expected" | "set"
    ) && next == Some("to")
    {
        return Some(Cue::Future);
    }
    if matches!(
        w,
        "would"
            | "could"
            | "may"
            | "might"
            | "can"
            | "must"
            | "should"
            | "upcoming"
            | "scheduled"
            | "expected"
            | "planned"
            | "plans"
            | "plan"
            | "due"
            | "set"
            | "next"
            | "intends"
            | "aims"
            | "hopes"
            | "is"
            | "are"
            | "am"
            | "be"
            | "says"
            | "say"
            | "tells"
            | "to"
    ) {
        return Some(Cue::Other);
    }
    // the resolver's past cues, plus reporting verbs and a few more events
    let past = PAST_FORMS.contains(&w)
        || matches!(
            w,
            "said" | "told" | "flew" | "arrived" | "signed" | "struck" | "broke" | "ended" | "died"
        )
        || (regular_past(w) && !matches!(w, "proposed" | "united"));
    past.then_some(Cue::Past)
}

/// The tense cues of `s`, with the index of their word.
fn cues(s: &str) -> Vec<(usize, Cue)> {
    let words: Vec<String> = words(s)
        .into_iter()
        .map(|w| w.text.to_lowercase().replace('’', "'"))
        .collect();
    words
        .iter()
        .enumerate()
        .filter_map(|(k, w)| cue(w, words.get(k + 1).map(String::as_str)).map(|c| (k, c)))
        .collect()
}

/// The tense of the clause holding bytes `start..end` of sentence `s`, read
/// conservatively: past only when a past-tense verb and no present or future
/// cue is in the clause; future only for "will" and the like without a past
/// verb. A fronted date ("On July 18, 2016, the spokesman said …") takes the
/// tense of the first verb of the clause that follows it.
pub fn of_clause(s: &str, start: usize, end: usize) -> Tense {
    // Clause bounds: punctuation, or a word that opens a clause.
    let is_mark = |c: char| {
        matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '—' | '–' | '"' | '“' | '”' | '|'
        )
    };
    let mut from = s[..start].rfind(is_mark).map_or(0, |i| i + 1);
    let mut to = s[end..].find(is_mark).map_or(s.len(), |i| end + i);
    let base = from;
    if let Some(w) = words(&s[base..start])
        .into_iter()
        .rfind(|w| CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()))
    {
        from = base + w.end;
    }
    if let Some(w) = words(&s[end..to])
        .into_iter()
        .find(|w| CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()))
    {
        to = end + w.start;
    }
    // Cues with their distance in words from the expression.
    let before_words = words(&s[from..start]).len();
    let mut found: Vec<(usize, Cue)> = cues(&s[from..start])
        .into_iter()
        .map(|(k, c)| (before_words - k, c))
        .collect();
    for (k, c) in cues(&s[end..to]) {
        found.push((k + 1, c));
    }
    let fronted = words(&s[from..start]).iter().all(|w| {
        matches!(
            w.text.to_lowercase().as_str(),
            "on" | "in" | "at" | "during" | "by"
        )
    }) && before_words == 1;
    if found.is_empty() {
        if !fronted {
            return Tense::Unknown;
        }
        // A fronted date ("On July 18, 2016, …"): the next clause's first verb.
        let rest = s[to..].trim_start_matches(is_mark);
        let next_end = rest.find(is_mark).unwrap_or(rest.len());
        return match cues(&rest[..next_end]).first() {
            Some((_, Cue::Past)) => Tense::Past,
            Some((_, Cue::Future)) => Tense::Future,
            _ => Tense::Unknown,
        };
    }
    // The verb must be near: "lost my vote for … the presidency in 2012" is
    // about the presidency, not the losing.
    let near = found.iter().map(|&(d, _)| d).min().unwrap_or(usize::MAX) <= 8;
    let past = found.iter().any(|&(_, c)| c == Cue::Past);
    if found.iter().any(|&(_, c)| c == Cue::Future) && !past && near {
        Tense::Future
    } else if past && found.iter().all(|&(_, c)| c == Cue::Past) && near {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_tense_reads_the_verbs() {
        let t = |s: &str, w: &str| {
            let i = s.find(w).unwrap();
            of_clause(s, i, i + w.len())
        };
        assert_eq!(
            t("Kerry met Putin on July 20, 2016.", "July 20, 2016"),
            Tense::Past
        );
        assert_eq!(
            t("Kerry will meet Lavrov on July 10, 2016.", "July 10, 2016"),
            Tense::Future
        );
        assert_eq!(
            t(
                "UN envoy de Mistura urged Russia to push for a resumption of the talks next month.",
                "next month"
            ),
            Tense::Unknown
        );
        assert_eq!(
            t("Kerry said on July 20 that he will return.", "July 20"),
            Tense::Past
        );
        assert_eq!(
            t(
                "On July 18, 2016, White House spokesman Josh Earnest said the US is not ready.",
                "July 18, 2016"
            ),
            Tense::Past
        );
    }
}
