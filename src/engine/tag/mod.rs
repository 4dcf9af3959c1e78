//! The nom grammar: finds temporal expressions and parses each into a
//! [`Spec`] — what the words say, before any article date is consulted.
//!
//! [`scan`] walks the text word by word; at each word that can open an
//! expression it runs every production of [`PRODUCTIONS`] and keeps the
//! longest match (leftmost-longest). A few context checks then drop readings
//! that the words alone cannot rule out ("Theresa May", "the march on
//! Washington"). The productions are written out in `grammar/temporal.ebnf`.

mod compiled;
pub mod lex;
pub mod prefilter;
mod productions;
pub mod spec;

pub use compiled::Grammar;
pub use productions::PRODUCTIONS;
pub use spec::*;

use crate::engine::timex::Role;

/// A parsed expression and where it is: byte offsets into the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub byte_start: usize,
    pub byte_end: usize,
    pub spec: Spec,
}

/// Finds every temporal expression in `text`, leftmost-longest.
pub fn scan(text: &str, g: &Grammar) -> Vec<Candidate> {
    scan_range_of(text, 0, text.len(), g, informal_text(text)).0
}

/// The longest text that may be a post of informal text (a tweet, a
/// short comment): a longer one is read as prose whatever it looks like.
pub const INFORMAL_BYTES: usize = 2000;

/// True when `text` is a short post written informally: at most
/// [`INFORMAL_BYTES`] long, with a link, a hashtag or @-name, an emoticon,
/// a run of "!!" or "??", informal spelling ("tmrw", "u", "pls"), mostly
/// capitals, or a lowercase start. In such text bare words of time are
/// times ("date night", "long weekend", "Spring") and lowercase names are
/// names ("xmas"); in prose they are not read.
pub fn informal_text(text: &str) -> bool {
    if text.len() > INFORMAL_BYTES {
        return false;
    }
    let t = text.trim();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = t.chars().filter(|c| c.is_uppercase()).count();
    if letters >= 10 && capitals * 10 > letters * 6 {
        return true;
    }
    if t.starts_with(char::is_lowercase) {
        return true;
    }
    let bytes = t.as_bytes();
    let tagged = bytes.windows(2).enumerate().any(|(k, w)| {
        matches!(w[0], b'#' | b'@')
            && w[1].is_ascii_alphanumeric()
            && (k == 0 || bytes[k - 1].is_ascii_whitespace())
    });
    tagged
        || t.contains("http://")
        || t.contains("https://")
        || t.contains("!!")
        || t.contains("??")
        || [":)", ":(", ":D", ":P", ";)", ":-)"].iter().any(|e| t.contains(e))
        // "i" for "I" (not "i.e.")
        || t.split_whitespace().any(|w| w.trim_end_matches([',', '!', '?']) == "i")
        // two dots, not an ellipsis: "at home now.. sleepy"
        || t.match_indices("..").any(|(k, _)| {
            !t[..k].ends_with('.') && !t[k + 2..].starts_with('.')
        })
        // "u" only as such: "U.S." is no "u"
        || t.split(|c: char| c.is_whitespace() || matches!(c, ',' | '!' | '?' | '.')).any(|w| {
            w == "u"
                // contractions without their apostrophe
                || (w.len() >= 5
                    && [
                        "didnt", "doesnt", "isnt", "wasnt", "werent", "havent", "havnt", "hasnt",
                        "shouldnt", "couldnt", "wouldnt", "theres", "youre", "dunno",
                    ]
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(w)))
                || (w.len() <= 5
                    && [
                        "lol", "ur", "pls", "plz", "thx", "tmrw", "tmr", "abt", "gd", "omg", "cant",
                        "dont", "wont", "im", "ya", "yea", "yay", "haha", "hehe", "wtf", "btw",
                        "idk", "lmao", "gonna", "wanna", "gotta", "cuz", "coz", "nite", "xd",
                    ]
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(w)))
        })
}

/// How far around a scanned range the grammar may look: the productions, the
/// prefilter's look-ahead and the context checks read fewer bytes than this
/// either side of an expression, except across runs of white space this long.
pub const CONTEXT: usize = 64 * 1024;

/// Scans `text` from byte `start` (a char boundary), opening no expression
/// at or after `stop`; returns the expressions and the byte where a scan of
/// the rest should start (`stop`, or the end of an expression that runs past
/// it). Scanning a text range by range this way finds exactly what one
/// [`scan`] finds, as long as each `text` holds [`CONTEXT`] bytes of the
/// document before `start` and after `stop` (or reaches its start or end):
/// that is how one huge document is tagged in bounded memory.
pub fn scan_range(text: &str, start: usize, stop: usize, g: &Grammar) -> (Vec<Candidate>, usize) {
    // a text read range by range is long: never an informal post
    scan_range_of(text, start, stop, g, false)
}

fn scan_range_of(
    text: &str,
    start: usize,
    stop: usize,
    g: &Grammar,
    informal: bool,
) -> (Vec<Candidate>, usize) {
    let mut out = Vec::new();
    let mut pos = start;
    let mut prev_char: Option<char> = text[..start].chars().next_back();
    let bytes = text.as_bytes();
    let stop = stop.min(text.len());
    while pos < stop {
        let b = bytes[pos];
        // spaces and punctuation open nothing
        if b < 0x80 && !b.is_ascii_alphanumeric() && b != b'\'' {
            prev_char = Some(b as char);
            pos += 1;
            continue;
        }
        // most words: plain ASCII that opens nothing, skipped whole
        if b.is_ascii_alphabetic()
            && prev_char.is_none_or(|p| !p.is_alphanumeric())
            && let Some(n) = g.prefilter.skips(&bytes[pos..])
        {
            pos += n;
            prev_char = Some(bytes[pos - 1] as char);
            continue;
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        let at_start = c.is_alphanumeric() || c == '\'' || c == '’';
        // digits after "2," or "2." continue a number ("2,000", "2.5"): "000
        // years ago" is not an expression of its own
        let boundary = prev_char.is_none_or(|p| {
            !p.is_alphanumeric() && p != '.' && p != ','
                || p == '.' && !c.is_ascii_digit()
                || p == ',' && !(c.is_ascii_digit() && digit_before(bytes, pos - 1))
        });
        let (opens, run) = if at_start && boundary {
            g.prefilter.look(text, pos)
        } else {
            (0, 0)
        };
        // informal-only productions do not run in prose
        let opens = if informal {
            opens
        } else {
            opens & !productions::INFORMAL_ONLY
        };
        let found = if opens != 0 {
            longest_of(g, &text[pos..], opens)
        } else {
            None
        };
        // "10:35 a.m. (0735 GMT)", "6 a.m. (11 p.m. Tuesday ET)": the same
        // moment again in another zone, an aside to the time before it;
        // skipped whole, its day with it
        if let Some((len, spec)) = &found
            && spec.clock.is_some()
            && restates_time(text[..pos].trim_end_matches([' ', '\t']))
        {
            pos += len;
            prev_char = text[..pos].chars().next_back();
            continue;
        }
        if let Some((len, mut spec)) = found
            && accept(text, pos, pos + len, &spec, g, informal)
        {
            mark(text, pos, pos + len, &mut spec);
            out.push(Candidate {
                byte_start: pos,
                byte_end: pos + len,
                spec,
            });
            pos += len;
            prev_char = text[..pos].chars().next_back();
            continue;
        }
        prev_char = Some(c);
        // the prefilter has read `run` ASCII letters or digits of this word
        pos += c.len_utf8().max(run);
        if run > 0 {
            prev_char = Some(bytes[pos - 1] as char);
        }
        // skip to the end of this word, ASCII letters and digits in one run
        while c.is_alphanumeric() {
            let mut run = 0;
            while pos + run < bytes.len() && is_ascii_alphanumeric(bytes[pos + run]) {
                run += 1;
            }
            if run > 0 {
                pos += run;
                prev_char = Some(bytes[pos - 1] as char);
            }
            match text[pos..].chars().next() {
                Some(c) if !c.is_ascii() && c.is_alphanumeric() => {
                    prev_char = Some(c);
                    pos += c.len_utf8();
                }
                _ => break,
            }
        }
    }
    (out, pos.max(stop))
}

/// True if the byte before `i` is an ASCII digit.
fn digit_before(bytes: &[u8], i: usize) -> bool {
    i > 0 && bytes[i - 1].is_ascii_digit()
}

fn is_ascii_alphanumeric(b: u8) -> bool {
    (b | 0x20).wrapping_sub(b'a') < 26 || b.wrapping_sub(b'0') < 10
}

/// Runs every production at `input` and keeps the longest match.
pub fn longest(g: &Grammar, input: &str) -> Option<(usize, Spec)> {
    longest_of(g, input, u32::MAX)
}

/// Runs the productions in the bit set `which` (bit `k`: `PRODUCTIONS[k]`)
/// at `input` and keeps the longest match.
pub fn longest_of(g: &Grammar, input: &str, which: u32) -> Option<(usize, Spec)> {
    productions::memoised(input, which, &g.prefilter, || {
        longest_unmemoised(g, input, which)
    })
}

/// [`longest`] without the dispatch table or the memo: every production,
/// and every production inside one, runs wherever it is tried. What the
/// dispatch must agree with (`tests/dispatch.rs`).
pub fn longest_undispatched(g: &Grammar, input: &str) -> Option<(usize, Spec)> {
    longest_unmemoised(g, input, u32::MAX)
}

fn longest_unmemoised(g: &Grammar, input: &str, which: u32) -> Option<(usize, Spec)> {
    let mut best: Option<(usize, Spec)> = None;
    for (k, (_, p, _)) in PRODUCTIONS.iter().enumerate() {
        if which & (1 << k) == 0 {
            continue;
        }
        if let Ok((rest, spec)) = p(g, input) {
            let len = input.len() - rest.len();
            // the match must end at a word boundary
            let len = trim_end(input, len);
            if len == 0 || input[len..].starts_with(lex::continues_word) {
                continue;
            }
            // on a tie, four digits a zone or a paired clock made a time
            // ("1653 (2153 GMT)") are that time, not the year
            if best.as_ref().is_none_or(|(l, b)| {
                len > *l
                    || len == *l && spec.production == "clock_time" && b.production == "year"
                    // "nights", "weekends" in informal text: the time, not a count
                    || len == *l
                        && spec.production == "informal_bare"
                        && b.production == "bare_units"
            }) {
                best = Some((len, spec));
            }
        }
    }
    best
}

fn trim_end(input: &str, len: usize) -> usize {
    input[..len]
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
        .len()
}

/// Nouns that a number after them names or counts: "Flight 1549", "number
/// 1234", "Resolution 1973", "No. 1100".
const IDENTIFIER_NOUNS: &[&str] = &[
    "number",
    "no",
    "nos",
    "num",
    "flight",
    "flights",
    "room",
    "route",
    "bus",
    "platform",
    "gate",
    "channel",
    "page",
    "pages",
    "pp",
    "code",
    "model",
    "version",
    "chapter",
    "section",
    "article",
    "item",
    "case",
    "box",
    "unit",
    "apartment",
    "apt",
    "suite",
    "highway",
    "interstate",
    "track",
    "seat",
    "pin",
    "extension",
    "ext",
    "tel",
    "fax",
    "phone",
    "serial",
    "account",
    "ticket",
    "locker",
    "cell",
    "exit",
    "pier",
    "berth",
    "form",
    "resolution",
    "resolutions",
    "squadron",
    "regiment",
    "battalion",
    "brigade",
    "hole",
    "lane",
    "street",
    "avenue",
    "road",
    "floor",
];

/// Words after which a four-digit number is read as a year even before a
/// plural ("the 2000 elections", "in 1900 farmers …").
const YEAR_TAKERS: &[&str] = &[
    "in", "of", "the", "since", "by", "from", "until", "till", "before", "after", "during", "for",
    "to", "and", "or", "s", "early", "late", "mid", "between", "through", "around", "about",
    "circa", "c", "year", "its", "his", "her", "their", "this", "that", "fiscal",
];

/// True if `before` (the text before an expression, trimmed) ends with a
/// time and an opening bracket: "10:35 a.m. (", "1653 -LRB-".
fn restates_time(before: &str) -> bool {
    let Some(b) = before
        .strip_suffix('(')
        .or_else(|| before.strip_suffix("-LRB-"))
    else {
        return false;
    };
    let b = b.trim_end();
    let last = b
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|c| c.is_ascii_digit() || c == b':');
    matches!(
        last.as_str(),
        "a.m." | "p.m." | "am" | "pm" | "time" | "hrs" | "noon" | "midnight"
    ) || (digits(&last) && last.len() >= 4)
        || (last.len() >= 3
            && last.len() <= 4
            && b.ends_with(|c: char| c.is_ascii_uppercase())
            && last.bytes().all(|c| c.is_ascii_alphabetic()))
}

/// True if the expression at `start..end` heads an entry: a colon follows
/// ("1832: BP says", "1130 GMT :"), or it stands alone on its line.
fn heads_entry(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches([' ', '\t']);
    if after.starts_with(':') && !after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let before = text[..start].trim_end_matches([' ', '\t']);
    (before.is_empty() || before.ends_with('\n'))
        && (after.is_empty() || after.starts_with(['\n', '\r']))
}

/// The words before four digits that make them a possible clock: "at",
/// "until", "shortly after" (strong: a year seldom follows them) or "after",
/// "by", "about", "between" (weak: years follow them as often).
fn clock_cue(before: &str) -> Option<HhmmCue> {
    let mut words = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty());
    let w1 = words.next()?.to_ascii_lowercase();
    let w2 = words
        .next()
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let approx = matches!(
        w1.as_str(),
        "about" | "around" | "approximately" | "roughly" | "nearly"
    );
    match w1.as_str() {
        "at" | "until" | "till" | "untill" => Some(HhmmCue::Strong),
        "after" | "before" | "by"
            if matches!(w2.as_str(), "shortly" | "just" | "soon" | "until") =>
        {
            Some(HhmmCue::Strong)
        }
        _ if approx && matches!(w2.as_str(), "at" | "until" | "till") => Some(HhmmCue::Strong),
        "after" | "before" | "by" | "from" | "between" | "and" | "&" | "to" | "since" => {
            Some(HhmmCue::Weak)
        }
        _ if approx => Some(HhmmCue::Weak),
        _ => None,
    }
}

/// Words before a time that say it stamps the page, not a happening.
const PAGE_STAMP_LEADS: &[&str] = &[
    "last updated at",
    "last updated on",
    "last updated:",
    "last updated",
    "updated at",
    "updated:",
    "added:",
    "first published:",
    "published:",
    "posted:",
];

/// How far back along its line [`mark`] reads before an expression.
const LINE_LOOKBACK: usize = 96;

/// True if `line` (the text of the line before an expression) ends with
/// a "Last updated" stamp that the expression continues: "Page last
/// updated at 07:41 GMT, Wednesday, 9 June 2010 08:41 UK" (the second time
/// is the same stamp in another zone).
fn stamp_continues(line: &str) -> bool {
    let tail = &line[line.ceil_char_boundary(line.len().saturating_sub(80))..];
    // every stamp says "updated": most lines are let go without a copy
    let t = tail.as_bytes();
    if !memchr::memchr2_iter(b'u', b'U', t).any(|k| {
        t[k..]
            .get(..7)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"updated"))
    }) {
        return false;
    }
    let lower = tail.to_ascii_lowercase();
    let Some(k) = ["last updated", "updated at", "updated:"]
        .iter()
        .filter_map(|l| lower.rfind(l).map(|k| k + l.len()))
        .max()
    else {
        return false;
    };
    tail[k..]
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
                || matches!(
                    w.to_ascii_lowercase().as_str(),
                    "at" | "on" | ":" | "a.m." | "p.m." | "am" | "pm" | "local" | "time"
                )
                || (w.starts_with(char::is_uppercase) && w.len() <= 10)
        })
}

/// True if the page's "Last updated" stamp follows: "16 December 2010
/// Last updated at 06:54 GMT" (the date is the stamp's too).
fn page_stamp_follows(after: &str) -> bool {
    let after = after.trim_start_matches([' ', ',', '|', '-']);
    after
        .get(..12)
        .is_some_and(|w| w.eq_ignore_ascii_case("last updated"))
}

/// Marks what the words around an accepted expression make of it: a page's
/// own time stamp ([`Role::PageStamp`]), a live page's entry stamp
/// ([`Role::EntryStamp`]), or four digits that may be a 24-hour clock
/// ([`Spec::hhmm`], decided by the resolver against the article's year).
fn mark(text: &str, start: usize, end: usize, spec: &mut Spec) {
    let before = text[..start].trim_end_matches([' ', '\t']);
    // The rest of the line before the expression, as far back as the rules
    // look (80 bytes): a search to the line's start would make a page of
    // one long line cost the square of its length.
    let window = before.floor_char_boundary(before.len().saturating_sub(LINE_LOOKBACK));
    let line = &before[window..];
    crate::progress::work::add(line.len());
    let line = &line[line.rfind('\n').map_or(0, |k| k + 1)..];
    let tail = &line[line.ceil_char_boundary(line.len().saturating_sub(24))..];
    let tail = tail.to_ascii_lowercase();
    if PAGE_STAMP_LEADS.iter().any(|l| {
        tail.ends_with(l)
            && tail[..tail.len() - l.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    }) || (spec.clock.is_none() && page_stamp_follows(&text[end..]))
        || stamp_continues(line)
    {
        spec.role = Some(Role::PageStamp);
        return;
    }
    let heads = heads_entry(text, start, end);
    let hhmm = |digits: &str| -> Option<Clock> {
        let v: u32 = digits.parse().ok()?;
        (digits.len() == 4 && v / 100 < 24 && v % 100 < 60).then_some(Clock {
            hour: v / 100,
            minute: v % 100,
        })
    };
    if heads && spec.clock.is_some() {
        spec.role = Some(Role::EntryStamp);
        return;
    }
    match &mut spec.core {
        Core::Date {
            year: Some(_),
            month: None,
            day: None,
            ..
        } => {
            // the four digits end the match: "1100", "about 1100"
            let matched = &text[start..end];
            let Some(digits) = matched.get(matched.len().saturating_sub(4)..) else {
                return;
            };
            let Some(clock) = hhmm(digits) else { return };
            let lead = &text[..end - 4];
            let cue = if heads {
                Some(HhmmCue::Stamp)
            } else {
                clock_cue(lead.trim_end())
            };
            if let Some(cue) = cue {
                spec.hhmm = Some(Hhmm { clock, cue });
            }
        }
        Core::Range {
            first,
            first_span,
            second,
            second_span,
        } => {
            // "between 1040 and 1050", "from 1100 to 1200": both ends four
            // digits that may be clocks
            let a = &text[start + first_span.0..start + first_span.1];
            let b = &text[start + second_span.0..start + second_span.1];
            let is_year = |s: &Spec| {
                matches!(
                    s.core,
                    Core::Date {
                        year: Some(_),
                        month: None,
                        day: None,
                        ..
                    }
                )
            };
            if let (Some(ca), Some(cb)) = (hhmm(a), hhmm(b))
                && is_year(first)
                && is_year(second)
            {
                first.hhmm = Some(Hhmm {
                    clock: ca,
                    cue: HhmmCue::Weak,
                });
                second.hhmm = Some(Hhmm {
                    clock: cb,
                    cue: HhmmCue::Weak,
                });
            }
        }
        _ => {}
    }
}

/// The line around `at` is written in title case ("Obama To Speak Today
/// On Libya"): most of its words of four letters or more are capitalised.
fn title_case_line(text: &str, at: usize) -> bool {
    let from = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let to = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let from = text.floor_char_boundary(from.max(at.saturating_sub(200)));
    let to = text.floor_char_boundary(to.min(at + 200));
    let long: Vec<&str> = text[from..to]
        .split_whitespace()
        .filter(|w| w.chars().count() >= 4)
        .collect();
    long.len() >= 3
        && long
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .count()
            * 4
            >= long.len() * 3
}

/// Parts of a day that title papers, as weekdays do: "the Evening
/// Standard", "the Morning Star" ("The Sunday Times").
const TITLE_PARTS_OF_DAY: &[&str] = &["Morning", "Evening", "Night", "Afternoon"];

/// The nouns of papers' titles: "The Sunday Times", "the Evening Standard"
/// (but "the Tuesday Senate vote" is a day).
const PAPER_NOUNS: &[&str] = &[
    "times",
    "telegraph",
    "standard",
    "star",
    "post",
    "herald",
    "mirror",
    "express",
    "independent",
    "mail",
    "tribune",
    "chronicle",
    "journal",
    "observer",
    "gazette",
    "sport",
    "people",
];

/// The expression `matched` is one capitalised day or part of a day
/// ("Sunday", "the Evening") after "the", and the next word is a paper's
/// noun ("Times", "Standard"): the title of a paper.
fn newspaper_title(matched: &str, prev_word: &str, after: &str) -> bool {
    let (the, word) = match matched.split_once(' ') {
        Some((t, w)) => (t.eq_ignore_ascii_case("the"), w),
        None => (prev_word.eq_ignore_ascii_case("the"), matched),
    };
    let capitalised = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
            && w.len() > 1
    };
    if !the
        || !capitalised(word)
        || !crate::engine::timex::WEEKDAY_NAMES
            .iter()
            .chain(TITLE_PARTS_OF_DAY)
            .any(|d| d.eq_ignore_ascii_case(word))
    {
        return false;
    }
    let name = after
        .trim_start_matches(' ')
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    capitalised(name) && PAPER_NOUNS.iter().any(|p| p.eq_ignore_ascii_case(name))
}

/// Context checks the productions cannot make alone.
/// The last word of `s` (letters and digits).
fn last_word(s: &str) -> &str {
    s.rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// The number `text[start..end]`, read as a bare year, names something
/// instead, by a noun of [`IDENTIFIER_NOUNS`]: after it ("Flight 1549",
/// "spokesman number 1234", "Resolution 1973"); after it with others in a
/// list ("resolutions 1970 and 1973", "flights 11, 77 and 93"); or before it
/// ("the 1973 resolution") where the text names "Resolution 1973" the other
/// way round. `prev_word` and `next_word` (lowercase) are the words either
/// side.
fn names_a_number(text: &str, start: usize, end: usize, prev_word: &str, next_word: &str) -> bool {
    let matched = &text[start..end];
    let before = text[..start].trim_end_matches([' ', '\t']);
    if !matched.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if IDENTIFIER_NOUNS.contains(
        &last_word(before.trim_end_matches(['.', ' ']))
            .to_lowercase()
            .as_str(),
    ) {
        return true;
    }
    if !matched.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    // a list: back over "and"/"or" and the list's numbers to the noun (a
    // cheap test first: most years follow no list)
    if before.ends_with([',', '&'])
        || prev_word.eq_ignore_ascii_case("and")
        || prev_word.eq_ignore_ascii_case("or")
    {
        let words: Vec<String> = before
            .rsplit(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .take(8)
            .map(str::to_lowercase)
            .collect();
        let number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
        let listed = words
            .iter()
            .take_while(|w| matches!(w.as_str(), "and" | "or" | "&") || number(w))
            .count();
        if words[..listed].iter().any(|w| number(w))
            && words
                .get(listed)
                .is_some_and(|w| IDENTIFIER_NOUNS.contains(&w.as_str()))
        {
            return true;
        }
    }
    // named the other way round, within half the context a window keeps
    // either side, so that a text tagged in windows reads the same
    IDENTIFIER_NOUNS.contains(&next_word) && {
        let from = text.floor_char_boundary(start.saturating_sub(CONTEXT / 2));
        let to = text.ceil_char_boundary((end + CONTEXT / 2).min(text.len()));
        text[from..to]
            .match_indices(matched)
            .any(|(at, _)| last_word(text[..from + at].trim_end()).eq_ignore_ascii_case(next_word))
    }
}

fn accept(text: &str, start: usize, end: usize, spec: &Spec, g: &Grammar, informal: bool) -> bool {
    // "3 hrs ago", "10 mins": abbreviated units written apart from their
    // number are informal text (in prose pages they are the furniture of
    // news lists: "Oil reaches coast - CNN 3 hrs ago"); "2hrs" is read anywhere
    if !informal
        && matches!(spec.core, Core::Duration { .. } | Core::Offset { .. })
        && text[start..end].split_whitespace().any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "hr" | "hrs" | "min" | "mins" | "yr" | "yrs" | "wk" | "wks"
            )
        })
    {
        return false;
    }
    // "date night", "long weekend", "xmas": times only in informal text
    if !informal && (spec.production == "informal_bare" || spec.production == "holiday_lower") {
        return false;
    }
    let matched = &text[start..end];
    let before = text[..start].trim_end_matches([' ', '\t']);
    let prev_word = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("");
    let after = &text[end..];
    // money, percentages, versions, scores, zone offsets: "$1998", "1998%",
    // "1000 %", "v2.0", "3-1", "14:30:12 +1100"
    // ("+1100" glued; in informal text "2 days mc + 2weeks" is a sum of times)
    if before.ends_with(['$', '£', '€', '#'])
        || text[..start].ends_with('+')
        || before.ends_with('+') && !informal
        || after.trim_start_matches(' ').starts_with('%')
    {
        return false;
    }
    let next_word = after
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    // "the BBC's World Today programme", "USA Today", "NBC's Today show": a
    // capitalised "Today" inside a sentence, after a name, "the" or "'s",
    // or before "programme"/"show", names a programme or a paper
    if matches!(matched, "Today" | "Tonight")
        && !before.is_empty()
        && !before.ends_with(['.', '!', '?', ':', '"', '“', '`', '\'', '(', '-', '\n'])
        && (prev_word.starts_with(|c: char| c.is_uppercase())
            || matches!(prev_word, "the" | "s")
            || matches!(
                next_word.as_str(),
                "programme" | "program" | "show" | "newspaper" | "paper" | "presenter" | "host"
            ))
        && !title_case_line(text, start)
    {
        return false;
    }
    // "The Sunday Times", "the Evening Standard": a capitalised day or part
    // of a day between "the" and a capitalised name is a paper's title
    if newspaper_title(matched, prev_word, after) && !title_case_line(text, start) {
        return false;
    }
    if matches!(spec.core, Core::Date { .. } | Core::Decade { .. })
        && matches!(
            next_word.as_str(),
            "percent" | "pct" | "per" | "points" | "miles" | "km" | "people" | "dollars"
        )
        && matched.starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    // "Flight 1549", "resolutions 1970 and 1973", "the 1973 resolution": a
    // number that names something is no year
    if let Core::Date {
        year: Some(_),
        month: None,
        ..
    } = spec.core
        && names_a_number(text, start, end, prev_word, &next_word)
    {
        return false;
    }
    // "1000 bottles", "they say 1000 Libyans have died": a round number
    // before a plural, where nothing asks for a year, is a count
    if let Core::Date {
        year: Some(y),
        month: None,
        ..
    } = spec.core
        && y % 100 == 0
        && let Some(lead) = matched
            .strip_suffix(|c: char| c.is_ascii_digit())
            .map(|m| m.trim_end_matches(|c: char| c.is_ascii_digit()))
        && matched.len() - lead.len() == 4
        // the word before the number: "some 1200 troops", "they say 1000"
        && !YEAR_TAKERS.contains(
            &if lead.trim().is_empty() { prev_word } else { lead.trim() }
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .to_lowercase()
                .as_str(),
        )
        && !(lead.trim().is_empty() && before.ends_with(['(', ',']))
        && !heads_entry(text, start, end)
        && after
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(2)
            .any(|w| {
                w.len() > 3
                    && w.ends_with('s')
                    && (w.starts_with(char::is_lowercase) || w.ends_with("ans"))
            })
    {
        return false;
    }
    // "1832: BP says …" heads an entry: a live page's time stamp or a
    // chronology's year, which the resolver tells apart (`mark`)
    let heads_entry = heads_entry(text, start, end);
    // "0546", "2200": four bare digits that cannot be a year are a time
    // after a word that times a day ("at 2200"), or heading an entry
    if spec.core == Core::Clock
        && matched.len() == 4
        && matched.bytes().all(|b| b.is_ascii_digit())
        && !heads_entry
        && clock_cue(before).is_none()
    {
        return false;
    }
    // "Windows 2000", "Boeing 747": a number after a name is a model, not a year
    if let Core::Date {
        year: Some(_),
        month: None,
        ..
    } = spec.core
        && !heads_entry
        && matched.starts_with(|c: char| c.is_ascii_digit())
        && prev_word.starts_with(char::is_uppercase)
        && !before.ends_with(['.', ',', '"', '(', ':', ';', 's'])
        && !before[..before.len() - prev_word.len()]
            .trim_end()
            .ends_with(['.', '!', '?', '"', '“', '\n'])
        && !before[..before.len() - prev_word.len()]
            .trim_end()
            .is_empty()
        && !g.months.contains_key(&*lex::norm(prev_word))
        && !matches!(
            &*lex::norm(prev_word),
            "in" | "since"
                | "by"
                | "until"
                | "of"
                | "from"
                | "during"
                | "before"
                | "after"
                | "and"
                | "to"
                | "fiscal"
                | "through"
                | "early"
                | "late"
                | "mid"
                | "the"
                | "that"
                | "for"
                | "this"
                | "its"
                | "his"
                | "her"
                | "their"
        )
    {
        return false;
    }
    if after.starts_with('-') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        // "1998-99" would be a range the grammar reads itself; anything else is a score or a code
        return false;
    }
    if matched.starts_with(|c: char| c.is_ascii_digit())
        // glued to a dash or slash ("555-1234"), but "-LRB- 10:40" is tokenised text
        && (text[..start].ends_with('-') || text[..start].ends_with('/'))
    {
        return false;
    }
    let first = lex::word(matched).map(|(_, w)| w).unwrap_or("");
    let first_norm = lex::norm(first);
    // A bare month name that is also a common word or name: "May", "March".
    if let Core::Named {
        name: Name::Month(_),
        shift: None,
        year: None,
    } = spec.core
        && spec.modifier.is_none()
        && matched.split_whitespace().count() == 1
    {
        if !first.starts_with(char::is_uppercase) {
            return false;
        }
        // informal text names months without a cue ("Shop March Collection",
        // "for June, July and Aug"), all but "May", a verb as often
        if matches!(
            &*first_norm,
            "may" | "march" | "jan" | "mar" | "dec" | "sun" | "june" | "august"
        ) {
            let cue = matches!(
                &*lex::norm(prev_word),
                "in" | "since"
                    | "until"
                    | "till"
                    | "by"
                    | "of"
                    | "from"
                    | "to"
                    | "through"
                    | "during"
                    | "before"
                    | "after"
                    | "early"
                    | "late"
                    | "mid"
                    | "between"
                    | "and"
                    | "or"
                    | "last"
                    | "next"
                    | "this"
                    | "that"
                    | "each"
                    | "every"
                    | "on"
                    | "the"
            );
            if !cue && (!informal || first_norm == "may") {
                return false;
            }
        }
    }
    // A bare season needs a cue: "fall" and "spring" are also verbs and nouns
    // (in informal text a capitalised one is enough: "Your Summer Reading List").
    if let Core::YearPart {
        part: Part::Season(_),
        year: YearRef::Context,
    } = spec.core
        && matched.split_whitespace().count() == 1
        && !(informal && matched.starts_with(char::is_uppercase))
        // informal text writes "winter", "summer", "autumn" in lowercase
        // ("spring" and "fall" are verbs and nouns as often)
        && !(informal && matches!(&*first_norm, "winter" | "summer" | "autumn"))
        && !matches!(
            &*lex::norm(prev_word),
            "in" | "during"
                | "since"
                | "until"
                | "by"
                | "of"
                | "through"
                | "early"
                | "late"
                | "mid"
                | "this"
                | "last"
                | "next"
                | "and"
                | "or"
                | "over"
        )
    {
        return false;
    }
    // "in the past" is an idiom, not a reference time
    // (in informal text it is annotated all the same: "buried in the past")
    if let Core::Ref(_) = spec.core
        && lex::norm(matched) == "the past"
        && prev_word.eq_ignore_ascii_case("in")
        && !informal
    {
        return false;
    }
    let sentence_start =
        before.is_empty() || before.ends_with(['.', '!', '?', '"', '\n', '“', ':']);
    let capitalised = first.starts_with(char::is_uppercase);
    // "High Noon", "60 Minutes", "the Communist Party daily Granma": names, not times
    let unit_or_clock = |w: &str| {
        g.units.contains_key(&*lex::norm(w)) || matches!(&*lex::norm(w), "noon" | "midnight")
    };
    let last_word = matched
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if last_word.starts_with(char::is_uppercase)
        && spec.production != "holiday"
        // "the 19th Century"
        && spec.production != "century"
        // informal text capitalises its words: "Nikon Day", "Fashion Week",
        // "Working Long Hours"
        && spec.production != "informal_bare"
        // (not "the Quarters" of a tournament, a TV show's "Seasons")
        && !(informal
            && spec.production == "bare_units"
            && !matches!(
                spec.core,
                Core::Duration {
                    unit: crate::engine::grammar::Unit::Quarter | crate::engine::grammar::Unit::Season,
                    ..
                }
            ))
        && (unit_or_clock(last_word)
            // "28 Days Later": a film's title, not four weeks on
            || matches!(&*lex::norm(last_word), "later" | "ago" | "earlier")
                && matched
                    .split_whitespace()
                    .rev()
                    .nth(1)
                    .is_some_and(|w| w.starts_with(char::is_uppercase) && unit_or_clock(w)))
        && !(sentence_start && matched.split_whitespace().count() == 1)
        && !last_word.chars().all(|c| c.is_uppercase())
    {
        return false;
    }
    let _ = capitalised;
    // "1000s of lies": hundreds and thousands, not a decade
    if let Core::Decade { decade, .. } = spec.core
        && decade % 10 == 0
        && matched.starts_with(|c: char| c.is_ascii_digit())
        && !YEAR_TAKERS.contains(&&*lex::norm(prev_word))
        && after
            .trim_start()
            .get(..3)
            .is_some_and(|w| w.eq_ignore_ascii_case("of "))
    {
        return false;
    }
    // "in his 30s", "in their early 20s and 30s", "people in their 30s or
    // 40s": an age (a possessive, then at most "early", "mid", "late" and
    // other decades joined by "and", "or", "to")
    if let Core::Decade { .. } = spec.core
        && before
            .rsplit(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .take(4)
            .map(|w| lex::norm(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')))
            .take_while(|w| {
                matches!(
                    &**w,
                    "early" | "mid" | "late" | "mid-" | "and" | "or" | "to"
                ) || w
                    .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-')
                    .strip_suffix('s')
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                    || matches!(
                        &**w,
                        "his" | "her" | "their" | "my" | "your" | "our" | "its"
                    )
            })
            .any(|w| matches!(&*w, "his" | "her" | "their" | "my" | "your" | "our" | "its"))
    {
        return false;
    }
    // "the night of Friday, Oct. 23": the date after "of" carries the value
    if matches!(
        spec.core,
        Core::Unit {
            anchor: Anchor::Narrative,
            ..
        }
    ) && spec.pod.is_some()
        && after
            .trim_start()
            .get(..3)
            .is_some_and(|w| w.eq_ignore_ascii_case("of "))
    {
        return false;
    }
    // "the night the rig exploded", "the same day the company said": a
    // clause names which day; the narrative's day is not it
    if let Core::Unit {
        shift: 0,
        unit: crate::engine::grammar::Unit::Day,
        ..
    } = spec.core
        && (matched
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("the "))
            || prev_word.eq_ignore_ascii_case("the"))
        && matches!(
            next_word.as_str(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "it"
                | "you"
        )
    {
        return false;
    }
    let prev = lex::norm(prev_word);
    // "for weeks", "within months": a bare plural unit is a duration only after such a preposition
    if spec.production == "bare_units"
        && !matches!(&*prev, "for" | "within" | "in" | "over")
        && !informal
    {
        return false;
    }
    // "the year", "the month", "the week" refer to a period only after a preposition
    if spec.modifier.is_none()
        && matches!(&*lex::norm(matched), "the year" | "the month" | "the week")
        && !matches!(
            &*prev,
            "for" | "of" | "in" | "during" | "through" | "throughout" | "by"
        )
    {
        return false;
    }
    // "the week", "the first day", "1st year": a bare unit after "the" or an
    // ordinal is one day, week or year of a count, not one's length; after
    // "this", "every" … it is a time or a frequency the grammar reads whole
    // where it can ("this hour", "every single day")
    if spec.production == "informal_bare"
        && matches!(spec.core, Core::Duration { .. })
        && (matches!(
            &*prev,
            "the"
                | "first"
                | "second"
                | "third"
                | "fourth"
                | "fifth"
                | "final"
                | "next"
                | "last"
                | "this"
                | "that"
                | "every"
                | "each"
                | "per"
                | "single"
        ) || prev.starts_with(|c: char| c.is_ascii_digit())
            && ["st", "nd", "rd", "th"].iter().any(|s| prev.ends_with(s)))
    {
        return false;
    }
    // "a second betrayal": an ordinal
    if lex::norm(matched) == "a second" {
        return false;
    }
    // Month names must be capitalised in running text, and weekday
    // abbreviations that are words too ("sat", "wed"); "friday", "thurs"
    // and "tues" are written in lowercase in informal text.
    let lower_weekday = g.weekdays.contains_key(&*first_norm) && first_norm.len() >= 4;
    if (g.months.contains_key(&*first_norm) || g.weekdays.contains_key(&*first_norm))
        && first.starts_with(char::is_lowercase)
        && !lower_weekday
        && spec.production != "informal"
    {
        return false;
    }
    // "ended the day 2% higher", "later in the day": the day of a market or
    // match report; not "the day of the vote", "the day he died"
    if spec.production == "compound" && lex::norm(matched) == "the day" {
        let market = matches!(
            &*prev,
            "ended" | "closed" | "finished" | "ending" | "closing" | "end" | "for"
        );
        let clause = matches!(
            next_word.as_str(),
            "of" | "before"
                | "after"
                | "when"
                | "that"
                | "which"
                | "following"
                | "he"
                | "she"
                | "they"
                | "we"
                | "it"
                | "i"
                | "you"
                | "the"
                | "a"
                | "his"
                | "her"
                | "their"
        );
        if !market || clause {
            return false;
        }
    }
    let _ = g;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        scan(text, Grammar::embedded())
            .into_iter()
            .map(|c| text[c.byte_start..c.byte_end].to_string())
            .collect()
    }

    #[test]
    fn words_ending_in_multibyte_letters_do_not_panic() {
        // regression: the plural-weekday prefilter sliced "Züriché" mid-character
        assert!(found("Züriché Montréé Café Déjà vu").is_empty());
    }

    #[test]
    fn range_by_range_finds_what_one_scan_finds() {
        let text = std::fs::read_to_string("seeds/001_dd15545884163b50.txt")
            .unwrap_or_default()
            .repeat(3);
        assert!(text.len() > 1000, "the seed article is missing");
        let g = Grammar::embedded();
        let whole = scan(&text, g);
        for step in [1, 7, 64, 1000] {
            let (mut pos, mut got) = (0, Vec::new());
            while pos < text.len() {
                let stop = text.ceil_char_boundary(pos + step);
                let (found, next) = scan_range(&text, pos, stop, g);
                assert!(next >= stop);
                got.extend(found);
                pos = next;
            }
            assert_eq!(got, whole, "step {step}");
        }
    }

    #[test]
    fn the_informal_only_bit_is_informal_bare() {
        // the scanner masks this bit out of prose: it must be informal_bare's
        let k = productions::INFORMAL_ONLY.trailing_zeros() as usize;
        assert_eq!(PRODUCTIONS[k].0, "informal_bare");
        assert_eq!(productions::INFORMAL_ONLY.count_ones(), 1);
        // in prose nothing it reads is found; in a post it is
        assert!(found("It was a long day.").is_empty());
        assert_eq!(found("It was a long day lol"), vec!["day"]);
    }

    #[test]
    fn leftmost_longest() {
        assert_eq!(
            found("He came late on Thursday night."),
            vec!["late on Thursday night"]
        );
        assert_eq!(
            found("Kerry met Putin on 15 July, 2016 in Moscow."),
            vec!["15 July, 2016"]
        );
    }
}
