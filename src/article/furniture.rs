//! Page furniture inside the lines of an article, found by its form and its
//! position on the page — never by repetition across articles alone.
//!
//! Web pages saved as text (and the text readability takes out of a page)
//! carry the page around the article: update stamps glued before the lead,
//! bylines, story highlights before the dateline, photo credits glued to the
//! next sentence, live-page entry stamps, share bars. These rules cut such
//! spans out of a block, so that the rest of the line is read as article
//! text and the furniture neither becomes a row nor glues itself onto a
//! headline. Each piece cut out says which rule cut it ([`Cut::rule`]) and
//! the words that fired the rule ([`Cut::evidence`]), for `chronicler
//! furniture`.
//!
//! Whole-block rules (labels, readers' comments, fact boxes, related-link
//! lists) are in [`crate::article::boilerplate`]; whole pages that are not
//! articles (a readers' message board, programme listings) are
//! [`page_kind`].
//!
//! The rules read both plain text and the tokenised text of news corpora
//! (`-LRB-` for `(`, a space before `,` and `:`).

use crate::article::sentences::Block;
use regex::Regex;
use std::sync::LazyLock;

/// A piece of a block: furniture, with the rule and the words that fired it,
/// or (`rule` empty) the article text around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub block: Block,
    /// The rule that makes this piece furniture; `None` for text.
    pub rule: Option<&'static str>,
    /// The words that fired the rule (for explanations).
    pub evidence: Option<String>,
    /// A photo caption split off the text it was glued to (kept as a caption).
    pub caption: bool,
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?";
const WDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?";
const ZONE: &str = r"(?:GMT|BST|UTC|UK time|UK|ET|EDT|EST|CET|CEST|HKT|local time)";
const OPEN: &str = r"(?:\(|-LRB- ?)";
const CLOSE: &str = r"(?: ?\)| ?-RRB-)";

/// One date or time of a stamp: "14:10 GMT", "Tuesday, 19 January 2010",
/// "Sat March 19, 2011", "0530 GMT (1330 HKT)", "Fri Feb 25 2011 12:50:00".
fn stamp_part() -> String {
    format!(
        r"(?:(?:{WDAY} ?,? )?\d{{1,2}}(?:st|nd|rd|th)? {MONTH} ?,? \d{{4}}|(?:{WDAY} ?,? )?{MONTH} \d{{1,2}}(?:st|nd|rd|th)? ?,? \d{{4}}|\d{{1,2}}[:.]\d\d(?::\d\d)?(?: ?[AaPp]\.?[Mm]\.?)?(?: {ZONE})?|\d{{4}} {ZONE}(?: {OPEN}\d{{4}} {ZONE}{CLOSE})?)"
    )
}

/// Update and publication stamps of the page.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    let part = stamp_part();
    let tail = format!(r"{part}(?: ?[-,]? ?{part}){{0,3}}");
    let alternatives = [
        format!(
            r"(?:(?-u:\b)\d{{1,2}} {MONTH} \d{{4}} )?(?:Page )?(?-u:\b)[Ll]ast [Uu]pdated(?: at| on)?(?: ?:)? {tail}(?: \d\d:\d\d UK)?(?: Help(?-u:\b))?"
        ),
        format!(r"(?-u:\b)[Uu]pdated ?: {tail}"),
        format!(r"(?-u:\b)[Uu]pdated \d{{1,2}}:\d\d ?[AaPp]\.?[Mm]\.? {ZONE} ?, ?{tail}"),
        format!(r"(?-u:\b)Updated \d{{4}} {ZONE}(?: {OPEN}\d{{4}} {ZONE}{CLOSE})?"),
        format!(r"{OPEN}Updated ?:[^()]{{0,80}}?{CLOSE}"),
        format!(r"(?-u:\b){WDAY} \d{{1,2}} {MONTH} \d{{4}} \d{{1,2}}[.:]\d\d (?:BST|GMT)(?-u:\b)"),
        format!(r"(?-u:\b)\d{{1,2}}:\d\d UK time ?, ?{WDAY} ?, ?\d{{1,2}} {MONTH} \d{{4}}"),
        format!(r"(?-u:\b)(?:First published|Published)(?: on| ?:) {tail}"),
        // The print edition's stamp: "This article appeared on p28 of the
        // Main section section of the Guardian on 00.01 BST on Monday 27
        // April 2009".
        format!(
            r"(?-u:\b)(?:This article|A version(?: of this article)?) appeared on p(?:age )?\d+ of the [^.]{{0,80}}? on (?:\d{{1,2}}[.:]\d\d {ZONE} on )?(?:{WDAY} )?\d{{1,2}} {MONTH} \d{{4}}"
        ),
        // CNN blogs: "May 26 , 2011 | By Reema Khrais , CNN".
        format!(r"(?-u:\b){MONTH} \d{{1,2}} ?, ?\d{{4}} ?\|"),
    ];
    // A big alternation: the lazy DFA needs more room than the default
    // 2 MB, or the search falls back to the (much slower) PikeVM.
    regex::RegexBuilder::new(&alternatives.join("|"))
        .dfa_size_limit(32 << 20)
        .build()
        .expect("stamp pattern")
});

/// A live page's entry stamp at the start of a block: "1702", "1330 GMT:",
/// "12:10", "Read X 's tweets 2017 :". Group 1 is the clock time; group 2
/// is present when a zone or a colon marks it as a stamp.
static LIVE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:Read [^ ]+(?: [^ ]+)? ?'s tweets )?((?:[01]\d|2[0-3]):?[0-5]\d)((?: {ZONE})?(?: ?:)|(?: {ZONE}))?(?: |$)"
    ))
    .expect("live stamp pattern")
});

/// The live-page stamp opening `s`, if any: (its end, its clock time as
/// HHMM). A bare number must stand alone or be followed by a capital, so
/// "1500 people were killed" is not a stamp.
fn live_stamp(s: &str) -> Option<(usize, u32)> {
    let caps = LIVE_STAMP.captures(s)?;
    let end = caps.get(0)?.end();
    let marked = caps.get(2).is_some_and(|m| !m.as_str().is_empty());
    let next = s[end..].chars().next();
    if !marked && next.is_some_and(|c| !c.is_uppercase() && !"\"'`“‘".contains(c)) {
        return None;
    }
    let hhmm = caps.get(1)?.as_str().replace(':', "").parse().ok()?;
    Some((end, hhmm))
}

/// A news agency dateline, which opens the article proper: "Tripoli ,
/// Libya -LRB- CNN -RRB- --", "HOUSTON, July 22 (Reuters) -".
static AGENCY_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{OPEN}(?:CNN|Reuters|AP|AFP|BBC|CNN Money){CLOSE} ?(?:--|—|–|-)(?: |$)"
    ))
    .expect("dateline pattern")
});

/// Bylines at the start of a block: "By the CNN Wire Staff", "By Finlo
/// Rohrer BBC News , Washington", "From Nic Robertson , CNN".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"[A-Z][\w'.-]+";
    Regex::new(&format!(
        r"^(?:By (?:the )?CNN Wire Staff|By (?:{name} ){{1,3}}(?:BBC News|BBC|CNN|Reuters|(?:{name} )?(?:correspondent|Correspondent|editor|Editor|reporter|Reporter|Presenter|presenter))(?: ?,)?(?: ?BBC World News| ?BBC News)?|(?:From|By) {name} {name}(?: and {name} {name})? ?, CNN)(?: |$)"
    ))
    .expect("byline pattern")
});

/// The end of a byline matched up to `end` of `s` ("By Peter Bowes BBC
/// News ,"): after a comma, the place the reporter files from, taken as the
/// capitalised words up to the last one before a lower-case word, which
/// opens the lead ("Los Angeles" of "Los Angeles The actor said").
fn byline_end(s: &str, end: usize) -> usize {
    if !s[..end].trim_end().ends_with(',') {
        return end;
    }
    let mut at = end;
    let mut words = s[end..].split(' ').filter(|w| !w.is_empty()).peekable();
    let mut pos = end;
    while let Some(w) = words.next() {
        let start = pos + s[pos..].find(w).unwrap_or(0);
        pos = start + w.len();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let next_capital = words
            .peek()
            .is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase));
        if !capital || !next_capital && words.peek().is_some() {
            break;
        }
        at = pos;
    }
    at
}

/// The label screen readers get before a caption: "Image caption, ".
static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Image|Media|Photo|Picture|Video) caption ?[,:]? ?")
        .expect("caption label pattern")
});

/// A share bar or a row of labels: parts between "|" or "·", each at most
/// five words, three or more of them or one a known label ("Print this
/// article | Email to a friend | Have your say", "Advertisement · Scroll to
/// continue").
pub fn share_bar(raw: &str) -> bool {
    let parts: Vec<String> = raw
        .split(['|', '·'])
        .map(|p| {
            p.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    parts.len() >= 2
        && parts.iter().all(|p| p.split_whitespace().count() <= 5)
        && (parts.len() >= 3
            || parts.iter().any(|p| {
                matches!(
                    p.as_str(),
                    "advertisement"
                        | "share"
                        | "print"
                        | "email"
                        | "comments"
                        | "scroll to continue"
                )
            }))
}

/// Where an agency dateline that opens `s` ends ("Sarvan, Kestria (CNN) --
/// "), whatever the place: the headline of the sentence starts after it.
pub fn agency_dateline_end(s: &str) -> Option<usize> {
    let m = AGENCY_DATELINE.find(s.get(..s.len().min(120))?)?;
    (place_start(s, m.start()) == 0).then_some(m.end())
}

/// A live page's entry stamp that opens an entry: the place in capitals
/// and the entry's times, "LIBYA, 6:49 p.m. ET, 1:49 a.m. local:" (or
/// tokenised, "LIBYA , 6:49 p.m. ET , 1:49 a.m. local :").
static ENTRY_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*){0,3} ?,(?: ?\d{1,2}(?::\d{2})? ?[ap]\.? ?m\.? (?:ET|EST|EDT|CT|PT|GMT|BST|local) ?,?){1,3} ?: ?",
    )
    .expect("entry stamp pattern")
});

/// Where a live page's entry stamp that opens `s` ends ("LIBYA, 6:49
/// p.m. ET, 1:49 a.m. local: "): the headline of the entry starts after it.
pub fn entry_stamp_end(s: &str) -> Option<usize> {
    ENTRY_STAMP
        .find(s.get(..s.len().min(120))?)
        .map(|m| m.end())
}

/// The live page's entry stamps inside `s` after its start, as byte ranges:
/// an entry glued to the one before it ("Here is video of Gadhafi's
/// comments: LIBYA, 1:46 a.m. local: CNN's Cairo bureau chief …").
pub fn entry_stamps_within(s: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (at, _) in s.match_indices(' ') {
        let from = at + 1;
        // "ET , 1:49 a.m. local :" inside the stamp found already
        if out.last().is_some_and(|&(_, end)| from < end) {
            continue;
        }
        if s[from..].starts_with(|c: char| c.is_ascii_uppercase())
            && let Some(len) = entry_stamp_end(&s[from..])
        {
            out.push((from, from + len));
        }
    }
    out
}

/// A photo credit that closes a caption: "Photograph : Ben Birchall\/PA",
/// "Photograph: Mike Clarke/AFP/Getty Images", "Picture by Jan Novak".
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:Photograph|Photo|Picture|Illustration) ?: ?(?:[^\s/\\]+ ){0,4}?[^\s/\\]*\\?/[^\s]+(?: (?:Images|Pictures|Photos))?|(?-u:\b)(?:Photograph|Photo|Picture) ?: ?(?:Reuters|AP|AFP|PA|EPA|Getty Images|Rex Features)(?-u:\b)|(?-u:\b)Picture by [A-Z][\w'-]+(?: [A-Z][\w'-]+)?",
    )
    .expect("credit pattern")
});

/// Share bars, navigation and server noise glued to text.
static NAVIGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:E-mail this to a friend|Email to a friend|Printable version|Print this(?: article| page)?|Share this(?: article| page)?|Bookmark with|What are these \?|Increase text size)(?-u:\b)|(?-u:\b)BACK -LCB- current -RCB- of -LCB- total -RCB- NEXT(?-u:\b)|{OPEN}an error occurred while processing this directive{CLOSE}"
    ))
    .expect("navigation pattern")
});

/// The cue of a broadcast's promotion: "Watch Anderson Cooper 360
/// weeknights 10pm ET .", "For all the latest developments , tune in to
/// `` AC360 '' at 10 p.m. ET Thursday on CNN .", "You can listen to … on
/// World Service Radio at 1100GMT". (The sentence is one only with a slot
/// in it, [`BROADCAST_SLOT`].)
static PROMOTION_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Watch [A-Z]|[Tt]une in to |You can (?:listen to|watch|see|hear) )")
        .expect("promotion cue pattern")
});

/// A broadcast's slot: "10pm ET", "at 10 ET", "at 1100GMT", "weeknights",
/// "Sundays at".
static BROADCAST_SLOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:\d{1,2}(?::\d\d)? ?(?:[ap]\.?m\.? ?)?(?:ET|GMT|BST)|\d{4} ?(?:GMT|BST)|weeknights|weekdays|(?:Sundays|Saturdays) at)(?-u:\b)",
    )
    .expect("broadcast slot pattern")
});

/// Labels of the readers' part of a page glued to text.
static READERS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:Leave your comments below|Your comments may be published|Add your comments|Send us your comments|Notify me of follow-up comments|Report abuse)(?-u:\b)",
    )
    .expect("readers' label pattern")
});

/// Credits of the reporting: "CNN 's Ben Wedeman contributed to this
/// report .", "(Reporting by …; Editing by …)".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)contributed to this report(?-u:\b)|{OPEN}Reporting by [^()]*?{CLOSE}|^Reporting by \w|(?-u:\b)Editing by [A-Z]"
    ))
    .expect("credit pattern")
});

/// How far into an article the lines before an agency dateline count as
/// its headline, byline and highlights.
const HEAD_BLOCKS: usize = 12;

/// How far into an article a photo credit closes the headline, standfirst
/// and caption (the Guardian's layout: all three, then "Photograph : …",
/// then the lead).
const CREDIT_BLOCKS: usize = 3;

/// A span of furniture in a block: byte range relative to the block, the
/// rule, and whether it is a caption (kept, as captions are).
type Span = (usize, usize, &'static str, bool);

/// Cuts the furniture out of `blocks` of `text`: every block comes back as
/// one or more consecutive pieces, in order, covering its words.
pub fn cut(text: &str, blocks: &[Block]) -> Vec<Cut> {
    let live = live_page(text, blocks);
    let head = head_end(text, blocks);
    let mut out = Vec::with_capacity(blocks.len());
    for (bi, b) in blocks.iter().enumerate() {
        let s = &text[b.start..b.end];
        let mut spans: Vec<Span> = Vec::new();
        // Everything before the article proper: headline, byline, highlights.
        if let Some((hb, at, rule)) = head {
            if bi < hb {
                spans.push((0, s.len(), rule, false));
            } else if bi == hb && at > b.start {
                spans.push((0, at - b.start, rule, false));
            }
        }
        if spans.is_empty() && share_bar(s) {
            spans.push((0, s.len(), "share bar", false));
        }
        find_spans(s, bi, live, &mut spans);
        push_pieces(text, b, &spans, &mut out);
    }
    out
}

/// Adds the spans of furniture in one block `s` (the `bi`th), relative to
/// it, where they do not overlap those found already.
fn find_spans(s: &str, bi: usize, live: bool, spans: &mut Vec<Span>) {
    let mut add = |a: usize, b: usize, rule: &'static str, caption: bool| {
        if a < b && !spans.iter().any(|&(x, y, _, _)| a < y && x < b) {
            spans.push((a, b, rule, caption));
        }
    };
    if live && let Some((end, _)) = live_stamp(s) {
        add(0, end, "live-page entry stamp", false);
    }
    // "Image caption, …": the label goes, the caption stays a caption.
    if let Some(m) = CAPTION_LABEL.find(s) {
        add(0, m.end(), "caption label", false);
        add(m.end(), s.len(), "caption", true);
    }
    if bi < 3
        && let Some(m) = BYLINE.find(s)
    {
        add(0, byline_end(s, m.end()), "byline", false);
    }
    for m in STAMP.find_iter(s) {
        // The words before a stamp in its sentence are the headline it stamps.
        let from = sentence_start(s, m.start());
        let before = &s[from..m.start()];
        if !before.trim().is_empty() && before.split_whitespace().count() <= 40 {
            add(from, m.start(), "headline before an update stamp", false);
        }
        add(m.start(), m.end(), "update stamp", false);
        // A byline right after the stamp.
        let rest = &s[m.end()..];
        let lead = rest.len() - rest.trim_start().len();
        if let Some(b) = BYLINE.find(&rest[lead..]) {
            let at = m.end() + lead;
            add(at, at + byline_end(&rest[lead..], b.end()), "byline", false);
        }
    }
    for m in PHOTO_CREDIT.find_iter(s) {
        // A credit that ends its block closes a caption block (see
        // boilerplate); one glued to text closes the caption sentence.
        if s[m.end()..].trim().is_empty() {
            continue;
        }
        let from = sentence_start(s, m.start());
        add(from, m.end(), "photo caption and credit", true);
    }
    for m in NAVIGATION.find_iter(s) {
        add(m.start(), m.end(), "share, print or navigation", false);
    }
    for m in READERS_LABEL.find_iter(s) {
        add(m.start(), m.end(), "readers' section label", false);
    }
    for m in CREDIT.find_iter(s) {
        let from = sentence_start(s, m.start());
        let to = sentence_end(s, m.end());
        add(from, to, "reporting credit", false);
    }
    for m in PROMOTION_CUE.find_iter(s) {
        // "Human Rights Watch Libya researcher …": a name, not the verb
        if s[m.start()..].starts_with("Watch")
            && s[..m.start()]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
        {
            continue;
        }
        // The sentence's end, past the stops of "p.m." and "CNN.com".
        let mut to = sentence_end(s, m.end());
        while to < s.len() && {
            let w = s[..to].rsplit(' ').next().unwrap_or("");
            let abbreviation = w.len() <= 4
                && w.chars().any(|c| c.is_ascii_lowercase())
                && w.chars().all(|c| c.is_ascii_lowercase() || c == '.');
            abbreviation || s[to..].starts_with(|c: char| c.is_alphanumeric())
        } {
            to = sentence_end(s, to);
        }
        if BROADCAST_SLOT.is_match(&s[m.start()..to]) {
            add(
                sentence_start(s, m.start()),
                to,
                "broadcast promotion",
                false,
            );
        }
    }
}

/// Splits block `b` at `spans` (relative, maybe overlapping or unordered)
/// into pieces, dropping white space at the cuts.
fn push_pieces(text: &str, b: &Block, spans: &[Span], out: &mut Vec<Cut>) {
    let mut spans = spans.to_vec();
    spans.sort_by_key(|s| (s.0, s.1));
    let s = &text[b.start..b.end];
    let piece =
        |a: usize, z: usize, rule: Option<&'static str>, caption: bool, out: &mut Vec<Cut>| {
            let raw = &s[a..z];
            let lead = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                return;
            }
            let start = b.start + a + lead;
            let line = b.line + text[b.start..start].matches('\n').count();
            out.push(Cut {
                block: Block {
                    start,
                    end: start + trimmed.len(),
                    line,
                },
                rule,
                evidence: rule.map(|_| trimmed.to_string()),
                caption,
            });
        };
    let mut at = 0;
    for &(a, z, rule, caption) in &spans {
        if a < at {
            continue;
        }
        piece(at, a, None, false, out);
        piece(a, z, (!caption).then_some(rule), caption, out);
        at = z;
    }
    piece(at, s.len(), None, false, out);
}

/// The start of the sentence of `s` that holds byte `at`: just after the
/// last terminal punctuation before it (with closing quotes and brackets)
/// that is followed by a space, else 0. A period after a single capital
/// ("J. Smith") ends nothing.
fn sentence_start(s: &str, at: usize) -> usize {
    let before = &s[..at];
    let mut start = 0;
    for (i, c) in before.char_indices() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let rest = &before[i + 1..];
        let closed = rest.trim_start_matches(['"', '\'', '”', '’', ')']);
        let closed = closed.strip_prefix(" ''").unwrap_or(closed);
        if !closed.starts_with(' ') {
            continue;
        }
        let word = before[..i].rsplit(' ').next().unwrap_or("");
        if c == '.' && word.chars().count() == 1 && word.starts_with(char::is_uppercase) {
            continue;
        }
        start = at - closed.trim_start().len();
    }
    start
}

/// The end of the sentence of `s` that holds byte `at`: just after the next
/// terminal punctuation (with closing brackets), else the end.
fn sentence_end(s: &str, at: usize) -> usize {
    let rest = &s[at..];
    match rest.find(['.', '?', '!']) {
        Some(i) => {
            let after = &rest[i + 1..];
            let closers = after.len() - after.trim_start_matches(['"', '\'', '”', '’', ')']).len();
            at + i + 1 + closers
        }
        None => s.len(),
    }
}

/// True when `s` opens with a live page's entry stamp.
pub fn opens_entry(s: &str) -> bool {
    live_stamp(s).is_some()
}

/// True when the text is a live page: at least three blocks open with an
/// entry stamp ("1702", "1330 GMT:"), all valid clock times, newest first.
pub fn live_page(text: &str, blocks: &[Block]) -> bool {
    let stamps: Vec<u32> = blocks
        .iter()
        .filter_map(|b| live_stamp(&text[b.start..b.end]).map(|(_, t)| t))
        .collect();
    stamps.len() >= 3 && stamps.windows(2).all(|w| w[0] >= w[1])
}

/// Where the article proper opens, when page furniture comes before it in
/// the first blocks: (block index, byte offset, the rule that says so).
/// Either an agency dateline with something before it, or a photo credit
/// near the top, which closes the headline, standfirst and caption.
fn head_end(text: &str, blocks: &[Block]) -> Option<(usize, usize, &'static str)> {
    for (bi, b) in blocks.iter().enumerate().take(HEAD_BLOCKS) {
        let s = &text[b.start..b.end];
        if bi < CREDIT_BLOCKS
            && let Some(m) = PHOTO_CREDIT.find(s)
            && !s[m.end()..].trim().is_empty()
        {
            return Some((
                bi,
                b.start + m.end(),
                "headline, standfirst and caption before the photo credit",
            ));
        }
        let Some(m) = AGENCY_DATELINE.find(s) else {
            continue;
        };
        let place = place_start(s, m.start());
        if place == 0 && bi == 0 {
            return None;
        }
        return Some((
            bi,
            b.start + place,
            "before the dateline (headline, byline, highlights)",
        ));
    }
    None
}

/// The start of the place name that ends just before byte `at` of `s`
/// ("Tripoli , Libya " before "-LRB- CNN"): up to three capitalised words,
/// maybe a comma and up to three more, or a month and day after a comma
/// ("HOUSTON, July 22 ").
fn place_start(s: &str, at: usize) -> usize {
    let words: Vec<(usize, &str)> = s[..at]
        .split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut start = at;
    let mut k = words.len();
    let mut capitals = 0;
    let mut comma = false;
    while k > 0 {
        let (i, w) = words[k - 1];
        let w_trim = w.trim_end_matches(',');
        let capital = w_trim.chars().next().is_some_and(char::is_uppercase)
            || (w_trim.chars().all(|c| c.is_ascii_digit()) && !w_trim.is_empty() && !comma);
        if w == "," && !comma && capitals > 0 {
            comma = true;
            capitals = 0;
            k -= 1;
            continue;
        }
        if !capital || capitals >= 3 {
            break;
        }
        capitals += 1;
        start = i;
        if w.ends_with(',') {
            if comma {
                break;
            }
            comma = true;
            capitals = 0;
        }
        k -= 1;
    }
    start
}

/// True when a page says it is commentary or a first-person account: an
/// editor's note introducing the writer ("Editor's note: Peter Bergen is
/// the director of …", "… filed this first-person account"), "The opinions
/// expressed in this commentary are solely those of …", a byline "By
/// Stephan Richter -- Special to CNN". Its first sentences argue or
/// recount; they are not the day's news.
pub fn commentary(text: &str) -> bool {
    COMMENTARY.is_match(text)
}

static COMMENTARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)Editor ?['’]s [Nn]ote ?:|(?-u:\b)opinions expressed in this (?:commentary|column|article|piece)(?-u:\b)|(?-u:\b)Special to (?:CNN|the [A-Z]|[A-Z][a-z]+\.com)",
    )
    .expect("commentary pattern")
});

/// The kinds of [`PageKind`].
pub const PAGE_KINDS: [&str; 3] = [
    "readers' message board",
    "programme listings",
    "index of stamped items",
];

/// A whole document that is not a news article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageKind {
    /// "readers' message board", "programme listings".
    pub kind: &'static str,
    /// How many lines say so, and the first of them.
    pub evidence: String,
}

/// Why a whole document is not a news article, if it is not: a readers'
/// message board, radio and TV programme listings, or an index of items
/// stamped on many days (a site's video or story index: each item's words
/// belong to its stamp's day, not the page's). Such a page is set aside by
/// `build`, with this reason, rather than mined for events.
pub fn page_kind(text: &str) -> Option<PageKind> {
    let mut messages = 0usize;
    let mut listings = 0usize;
    let mut first_message = None;
    let mut first_listing = None;
    for line in text.lines() {
        if MESSAGE_BOARD.is_match(line) {
            messages += 1;
            first_message.get_or_insert(line);
        }
        if LISTING.is_match(line) {
            listings += 1;
            first_listing.get_or_insert(line);
        }
    }
    let quote = |l: &str| {
        let l = l.trim();
        match l.char_indices().nth(80) {
            Some((i, _)) => format!("{}…", &l[..i]),
            None => l.to_string(),
        }
    };
    if messages >= PAGE_MIN_LINES {
        return Some(PageKind {
            kind: PAGE_KINDS[0],
            evidence: format!(
                "{messages} lines like \"{}\"",
                quote(first_message.unwrap_or_default())
            ),
        });
    }
    if listings >= PAGE_MIN_LINES {
        return Some(PageKind {
            kind: PAGE_KINDS[1],
            evidence: format!(
                "{listings} lines like \"{}\"",
                quote(first_listing.unwrap_or_default())
            ),
        });
    }
    // item stamps, their days and the first of them, in one pass
    let mut items = 0usize;
    let mut days: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    let mut first: Option<regex::Match> = None;
    for c in ITEM_STAMP.captures_iter(text) {
        items += 1;
        first = first.or(c.get(0));
        days.extend(c.get(1).map(|m| m.as_str()));
    }
    // the page opens with its items (a sidebar of related videos under an
    // article is the article's furniture, not the page's kind)
    let first = first.filter(|m| text[..m.start()].lines().count() <= INDEX_FIRST_LINES)?;
    if items >= PAGE_MIN_LINES && days.len() >= INDEX_MIN_DAYS {
        return Some(PageKind {
            kind: PAGE_KINDS[2],
            evidence: format!(
                "{items} item stamps on {} days, like \"{}\"",
                days.len(),
                first.as_str()
            ),
        });
    }
    None
}

/// An index's item stamp: "updated : Sun May 01 2011 19:01:00" (group 1
/// its day).
static ITEM_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)[Uu]pdated ?: ({WDAY} {MONTH} \d{{1,2}} \d{{4}}) \d\d:\d\d(?::\d\d)?"
    ))
    .expect("item stamp pattern")
});

/// The fewest days an index's stamps name: a page updated several times
/// in a day or two is one article.
const INDEX_MIN_DAYS: usize = 3;

/// An index's first item stamp comes within its first lines.
const INDEX_FIRST_LINES: usize = 3;

/// How many lines of a page's kind make the page that kind.
const PAGE_MIN_LINES: usize = 5;

/// A message on a readers' board ("X has responded to a query", "would like
/// information about …").
static MESSAGE_BOARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:would like|wants|is looking for) (?:more |some )?information (?:about|on|regarding)(?-u:\b)|(?-u:\b)has responded to a query(?-u:\b)|(?-u:\b)sent us this(?-u:\b)|(?-u:\b)has replied to(?-u:\b)|(?-u:\b)got in touch ?:",
    )
    .expect("message board pattern")
});

/// Programme listings' credits: "Presenter\/Janice Long , Producer\/Mark Plant".
static LISTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Presenters?|Producers?) ?\\?/ ?[A-Z]").expect("listing pattern")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::sentences::blocks;

    #[test]
    fn live_entry_stamps_open_entries() {
        for (text, rest) in [
            (
                "LIBYA , 6:49 p.m. ET , 1:49 a.m. local : Libyan leader Moammar Gadhafi said Tuesday morning",
                Some("Libyan leader Moammar Gadhafi said Tuesday morning"),
            ),
            (
                "YEMEN, 11 a.m. ET, 7 p.m. local: Protesters gathered in Sanaa.",
                Some("Protesters gathered in Sanaa."),
            ),
            (
                "ZIMBABWE , 3:53 p.m. ET : Police arrested 46 people.",
                Some("Police arrested 46 people."),
            ),
            // A place and a clock inside a sentence are no stamp.
            ("LIBYA said at 6:49 p.m. ET that it would talk.", None),
            ("Tripoli, 6 p.m. local time, was quiet.", None),
        ] {
            assert_eq!(entry_stamp_end(text).map(|e| &text[e..]), rest, "{text}");
        }
    }

    #[test]
    fn commentary_says_so() {
        for (text, want) in [
            (
                "Editor 's note : Peter Bergen is the director of the national security studies program .",
                true,
            ),
            (
                "Editor's note: CNN's Ben Wedeman filed this first-person account of the scene.",
                true,
            ),
            (
                "The opinions expressed in this commentary are solely those of Yusra Tekbali .",
                true,
            ),
            (
                "By Stephan Richter -- Special to CNN Seemingly all the major U.S. newspapers agree.",
                true,
            ),
            // News that mentions editors or opinions is news.
            (
                "The editor's notes were seized by police on Tuesday.",
                false,
            ),
            (
                "Opinions differ on whether the rebels can hold Brega.",
                false,
            ),
            ("The envoy made a special trip to Benghazi.", false),
        ] {
            assert_eq!(commentary(text), want, "{text}");
        }
    }

    /// Each piece as (rule or "text", its words).
    fn pieces(text: &str) -> Vec<(String, String)> {
        cut(text, &blocks(text))
            .into_iter()
            .map(|c| {
                let kind = match (c.rule, c.caption) {
                    (Some(r), _) => r.to_string(),
                    (None, true) => "caption".to_string(),
                    (None, false) => "text".to_string(),
                };
                (kind, text[c.block.start..c.block.end].to_string())
            })
            .collect()
    }

    fn p(kind: &str, words: &str) -> (String, String) {
        (kind.to_string(), words.to_string())
    }

    #[test]
    fn update_stamps_are_cut_out_of_the_lead() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Swine flu warning for pig farmers Wednesday 17 June 2009 15.39 BST Government officials today warned that anyone with flu symptoms should stay away from pigs .",
                &[
                    (
                        "headline before an update stamp",
                        "Swine flu warning for pig farmers",
                    ),
                    ("update stamp", "Wednesday 17 June 2009 15.39 BST"),
                    (
                        "text",
                        "Government officials today warned that anyone with flu symptoms should stay away from pigs .",
                    ),
                ],
            ),
            (
                "Reporters taken to mass funeral in Libyan town , nearby hospital updated : Wed Aug 10 2011 10:52:00 Deafening peals of gunfire heralded the arrival of the caskets .",
                &[
                    (
                        "headline before an update stamp",
                        "Reporters taken to mass funeral in Libyan town , nearby hospital",
                    ),
                    ("update stamp", "updated : Wed Aug 10 2011 10:52:00"),
                    (
                        "text",
                        "Deafening peals of gunfire heralded the arrival of the caskets .",
                    ),
                ],
            ),
            (
                "9 November 2011 Last updated at 10:48 GMT Help The family of Michael Jackson say they are relieved .",
                &[
                    (
                        "update stamp",
                        "9 November 2011 Last updated at 10:48 GMT Help",
                    ),
                    (
                        "text",
                        "The family of Michael Jackson say they are relieved .",
                    ),
                ],
            ),
            (
                "Page last updated at 14:10 GMT, Tuesday, 19 January 2010",
                &[(
                    "update stamp",
                    "Page last updated at 14:10 GMT, Tuesday, 19 January 2010",
                )],
            ),
            (
                "updated 8:12 PM EDT, Sat March 19, 2011",
                &[("update stamp", "updated 8:12 PM EDT, Sat March 19, 2011")],
            ),
            (
                "Libyan students hurt by asset freeze May 26 , 2011 | By Reema Khrais , CNN Naji Abdelwanis is in limbo .",
                &[
                    (
                        "headline before an update stamp",
                        "Libyan students hurt by asset freeze",
                    ),
                    ("update stamp", "May 26 , 2011 |"),
                    ("byline", "By Reema Khrais , CNN"),
                    ("text", "Naji Abdelwanis is in limbo ."),
                ],
            ),
            (
                "Last updated : 29 June 2010 Are you trying to trace your family tree ?",
                &[
                    ("update stamp", "Last updated : 29 June 2010"),
                    ("text", "Are you trying to trace your family tree ?"),
                ],
            ),
            (
                "Page last updated at 08:03 GMT , Tuesday , 26 July 2011 09:03 UK -LRB- an error occurred while processing this directive -RRB- Katherine Jackson has announced a tribute concert .",
                &[
                    (
                        "update stamp",
                        "Page last updated at 08:03 GMT , Tuesday , 26 July 2011 09:03 UK",
                    ),
                    (
                        "share, print or navigation",
                        "-LRB- an error occurred while processing this directive -RRB-",
                    ),
                    (
                        "text",
                        "Katherine Jackson has announced a tribute concert .",
                    ),
                ],
            ),
            (
                "A panic stoked in order to posture and spend This article appeared on p29 of the Main section section of the Guardian on 00.01 BST on Wednesday 29 April 2009 .",
                &[
                    (
                        "headline before an update stamp",
                        "A panic stoked in order to posture and spend",
                    ),
                    (
                        "update stamp",
                        "This article appeared on p29 of the Main section section of the Guardian on 00.01 BST on Wednesday 29 April 2009",
                    ),
                    ("text", "."),
                ],
            ),
            (
                "A version appeared on p6 of the Main section section of the Guardian on 08.51 BST on Saturday 2 May 2009 Follow all the top science stories of the day on Twitter .",
                &[
                    (
                        "update stamp",
                        "A version appeared on p6 of the Main section section of the Guardian on 08.51 BST on Saturday 2 May 2009",
                    ),
                    (
                        "text",
                        "Follow all the top science stories of the day on Twitter .",
                    ),
                ],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<_> = want.iter().map(|(k, w)| p(k, w)).collect();
            assert_eq!(pieces(text), want, "{text}");
        }
    }

    #[test]
    fn prose_about_updates_is_text() {
        for text in [
            "The company updated its forecast on Friday .",
            "The list was last updated in 2009, officials said.",
            "Officials said the figures were updated at 9:30 a.m. on Monday.",
        ] {
            assert_eq!(pieces(text), vec![p("text", text)], "{text}");
        }
    }

    #[test]
    fn headline_and_highlights_before_the_dateline() {
        let text = "By the CNN Wire Staff Libyan foreign minister flees country NEW : Foreign Minister Moussa Koussa is old and sick , Libya claims Tripoli , Libya -LRB- CNN -RRB- -- Libya 's foreign minister flew to Britain on Wednesday .\nHe resigned , officials said .";
        assert_eq!(
            pieces(text),
            vec![
                p(
                    "before the dateline (headline, byline, highlights)",
                    "By the CNN Wire Staff Libyan foreign minister flees country NEW : Foreign Minister Moussa Koussa is old and sick , Libya claims"
                ),
                p(
                    "text",
                    "Tripoli , Libya -LRB- CNN -RRB- -- Libya 's foreign minister flew to Britain on Wednesday ."
                ),
                p("text", "He resigned , officials said ."),
            ]
        );
        let text = "Coalition jets strike\n\nStory highlights\n\nNEW: Explosions are heard after dark\n\nSarvan, Kestria (CNN) -- Coalition warplanes struck on Saturday.";
        let got = pieces(text);
        assert_eq!(got.len(), 4);
        assert!(
            got[..3]
                .iter()
                .all(|(k, _)| k.starts_with("before the dateline")),
            "{got:?}"
        );
        assert_eq!(got[3].0, "text");
        let text =
            "HOUSTON, July 22 (Reuters) - The oil company said on Thursday the cap was holding.";
        assert_eq!(pieces(text), vec![p("text", text)]);
        let text = "Headline here\nHOUSTON, July 22 (Reuters) - The oil company said on Thursday the cap was holding.";
        assert_eq!(
            pieces(text)[0].0,
            "before the dateline (headline, byline, highlights)"
        );
    }

    #[test]
    fn bylines_captions_and_credits() {
        assert_eq!(
            pieces(
                "By Finlo Rohrer BBC News , Washington There have been many devastating images ."
            ),
            vec![
                p("byline", "By Finlo Rohrer BBC News , Washington"),
                p("text", "There have been many devastating images ."),
            ]
        );
        assert_eq!(
            pieces(
                "By Jamie Robertson Presenter , BBC World News With its chief under fire , it fell ."
            ),
            vec![
                p("byline", "By Jamie Robertson Presenter , BBC World News"),
                p("text", "With its chief under fire , it fell ."),
            ]
        );
        assert_eq!(
            pieces("By Anna Marsh BBC News, Valmora"),
            vec![p("byline", "By Anna Marsh BBC News, Valmora")]
        );
        assert_eq!(
            pieces("By Peter Bowes BBC News , Los Angeles The actor said so ."),
            vec![
                p("byline", "By Peter Bowes BBC News , Los Angeles"),
                p("text", "The actor said so ."),
            ]
        );
        assert_eq!(
            pieces("By Richard Black Environment correspondent , BBC News The talks failed ."),
            vec![
                p(
                    "byline",
                    "By Richard Black Environment correspondent , BBC News"
                ),
                p("text", "The talks failed ."),
            ]
        );
        // Near the top, a photo credit closes headline, standfirst and caption.
        assert_eq!(
            pieces(
                "Ministers face a choice Barry Greatorex , with his son , has swine flu .\nPhotograph : Ben Birchall\\/PA Ministers are facing a dilemma over swine flu ."
            ),
            vec![
                p(
                    "headline, standfirst and caption before the photo credit",
                    "Ministers face a choice Barry Greatorex , with his son , has swine flu ."
                ),
                p(
                    "headline, standfirst and caption before the photo credit",
                    "Photograph : Ben Birchall\\/PA"
                ),
                p("text", "Ministers are facing a dilemma over swine flu ."),
            ]
        );
        // Further down, it closes the caption sentence glued to the text.
        let text = "One .\nTwo .\nThree .\nThe Wall Street Bull awaits reports Photograph : Michael Nagle\\/Getty Images US jobless claims fell 14,000 this week .";
        assert_eq!(
            pieces(text)[3..],
            [
                p(
                    "caption",
                    "The Wall Street Bull awaits reports Photograph : Michael Nagle\\/Getty Images"
                ),
                p("text", "US jobless claims fell 14,000 this week ."),
            ]
        );
        assert_eq!(
            pieces("Image caption, Residents queued for water at the harbour on Monday"),
            vec![
                p("caption label", "Image caption,"),
                p(
                    "caption",
                    "Residents queued for water at the harbour on Monday"
                ),
            ]
        );
        assert_eq!(
            pieces("Print this article | Email to a friend | Have your say | Increase text size"),
            vec![p(
                "share bar",
                "Print this article | Email to a friend | Have your say | Increase text size"
            )]
        );
        // A credit that ends its block is left to the block's caption mark.
        let text = "FLOWERS: Well-wishers at Elm Terrace this morning. Picture by Jan Novak";
        assert_eq!(pieces(text), vec![p("text", text)]);
        assert_eq!(
            pieces("Shares rose 2.1 percent . CNN 's Ben Wedeman contributed to this report ."),
            vec![
                p("text", "Shares rose 2.1 percent ."),
                p(
                    "reporting credit",
                    "CNN 's Ben Wedeman contributed to this report ."
                ),
            ]
        );
        assert_eq!(
            pieces("(Reporting by Kristen Hays in Houston; Editing by Dale Hudson)"),
            vec![p(
                "reporting credit",
                "(Reporting by Kristen Hays in Houston; Editing by Dale Hudson)"
            )]
        );
        // A broadcast's promotion names a slot, not a happening.
        assert_eq!(
            pieces(
                "NATO took command on Thursday . Watch Anderson Cooper 360 weeknights 10pm ET ."
            ),
            vec![
                p("text", "NATO took command on Thursday ."),
                p(
                    "broadcast promotion",
                    "Watch Anderson Cooper 360 weeknights 10pm ET ."
                ),
            ]
        );
        assert_eq!(
            pieces("Tune in to the speech at 9 p.m. ET Monday on CNN.com ."),
            vec![p(
                "broadcast promotion",
                "Tune in to the speech at 9 p.m. ET Monday on CNN.com ."
            )]
        );
        assert_eq!(
            pieces("For the latest , tune in to `` AC360 '' at 10 p.m. ET Thursday on CNN ."),
            vec![p(
                "broadcast promotion",
                "For the latest , tune in to `` AC360 '' at 10 p.m. ET Thursday on CNN ."
            )]
        );
        let text = "You can listen to Does Nature Recover , a report from Mexico , on World Service Radio at 1100GMT , or watch it on BBC World News at 1100GMT on Monday 14 June .";
        assert_eq!(pieces(text), vec![p("broadcast promotion", text)]);
        // Watching, and a Watch that is a name, with or without a slot, are text.
        for text in [
            "Human Rights Watch Libya researcher Fred Abrahams said the shelling began at 0600 GMT on Sunday .",
            "Human Rights Watch said the shelling began at 10 a.m. on Monday .",
            "Watch Fareed 's interview from Sunday , when he spoke to the rebels .",
            "You can see the slick from space , NASA said on Monday .",
        ] {
            assert_eq!(pieces(text), vec![p("text", text)]);
        }
    }

    #[test]
    fn live_pages_have_entry_stamps_newest_first() {
        let text = "1702 That's all from us today.\n\n1658 The test will not start until Thursday.\n\n1330 GMT: The first valve is being closed.\n\n12:10 Cap fitted overnight";
        let b = blocks(text);
        assert!(live_page(text, &b));
        let got = pieces(text);
        assert_eq!(got[0], p("live-page entry stamp", "1702"));
        assert_eq!(got[1], p("text", "That's all from us today."));
        assert_eq!(got[4], p("live-page entry stamp", "1330 GMT:"));
        assert_eq!(got[6], p("live-page entry stamp", "12:10"));
        // A chronology runs oldest first, and its years are not clock times.
        let chronology = "1958 : Michael Jackson is born .\n2001 : He releases Invincible .\n2003 : He is arrested .\n2009 : He dies .";
        assert!(!live_page(chronology, &blocks(chronology)));
        assert!(pieces(chronology).iter().all(|(k, _)| k == "text"));
    }

    #[test]
    fn whole_pages_that_are_not_articles() {
        let listing = "Presenter\\/Janice Long , Producer\\/Mark Plant for the BBC\n".repeat(5);
        let page = page_kind(&listing).unwrap();
        assert_eq!(page.kind, "programme listings");
        assert!(
            page.evidence.starts_with("5 lines like \"Presenter"),
            "{page:?}"
        );
        let board = "Lyn from Powys would like information about the Evans family .\n".repeat(6);
        let page = page_kind(&board).unwrap();
        assert_eq!(page.kind, "readers' message board");
        assert!(page.evidence.starts_with("6 lines"));
        assert_eq!(
            page_kind("Jackson died on Thursday .\nThe producer said so ."),
            None
        );
        // A video index: items stamped on many days.
        let index = [
            "Sun Apr 10 2011 18:58:00",
            "Sat Apr 09 2011 22:05:00",
            "Sun May 01 2011 19:01:00",
            "Sun May 01 2011 09:12:00",
            "Wed Aug 10 2011 10:52:00",
        ]
        .map(|s| format!("Rebels hold the town updated : {s} Fighting went on Sunday .\n"))
        .concat();
        let page = page_kind(&index).unwrap();
        assert_eq!(page.kind, "index of stamped items");
        assert!(
            page.evidence.starts_with("5 item stamps on 4 days"),
            "{page:?}"
        );
        // An article updated five times over two days is an article.
        let updated = ["10:58", "12:05", "14:01", "19:12", "21:52"]
            .map(|t| {
                format!("Rebels hold the town updated : Sun Apr 10 2011 {t}:00 It went on .\n")
            })
            .concat()
            + "updated : Mon Apr 11 2011 08:00:00 More .";
        assert_eq!(page_kind(&updated), None);
        // An article with a sidebar of related videos is an article.
        let sidebar = "NATO warplanes struck the compound early Monday , officials said .\nThe strike destroyed a library .\nRescuers searched the rubble .\nOfficials gave no toll .\n"
            .to_string()
            + &index;
        assert_eq!(page_kind(&sidebar), None);
    }
}
