//! Telling the article's statements from the furniture around them, a
//! block (line or paragraph) at a time: advertising labels, app promotions,
//! share bars, bylines, repeated and truncated lines, pull quotes, photo
//! captions, readers' comments and messages, fact boxes, and the lists that
//! follow "Most Read", "More on this story" or "Story highlights".
//!
//! Spans glued inside a block (update stamps, credits, live-page stamps)
//! are cut out first by [`crate::article::furniture`]; every rule here
//! names itself in [`BlockKind::Skip`], and [`classify_explained`] also
//! gives the words that started a section ("readers' comments" from the
//! first comment header to the end of the page).

use crate::article::sentences::Block;
use regex::Regex;
use std::sync::LazyLock;

/// What a block is, when it is not plain article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Article text.
    Text,
    /// A photo caption ("(L)", "FILE -", "\[AFP\]" …): kept, but a caption that
    /// only repeats the text is dropped later.
    Caption,
    /// Not an event source; the reason says why.
    Skip(&'static str),
}

/// Whole blocks that are labels, not text (compared lower-case, without
/// punctuation at the ends).
const LABELS: &[&str] = &[
    "advertisement",
    "advertisment",
    "anuncio",
    "publicidad",
    "commercial break",
    "scroll to continue reading",
    "continue reading",
    "continue reading below",
    "story continues below",
    "read more",
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "related",
    "related articles",
    "related content",
    "most popular",
    "most read",
    "sponsored",
    "sponsored content",
    "video",
    "watch",
    "skip to content",
    "story highlights",
    "follow us",
    "listen",
    "close",
    "menu",
    "save",
    "email this",
    "print this",
    "share this page",
    "scroll to continue",
    "increase text size",
    "decrease text size",
    "image caption",
];

/// Headings of lists that are not the article: what follows them, up to
/// the first line that reads as a sentence, is skipped with them.
const LIST_HEADINGS: &[&str] = &[
    "most read",
    "most popular",
    "most viewed",
    "most watched",
    "most shared",
    "more on this story",
    "related stories",
    "related articles",
    "related links",
    "related internet links",
    "related topics",
    "top stories",
    "read next",
    "see also",
    "also in the news",
    "latest stories",
    "story highlights",
    "highlights",
    "key points",
    "in pictures",
    "features and analysis",
    "features & analysis",
];

/// Headings of the readers' part of a page: from one to the end of the
/// page is readers' comments.
const READERS_HEADINGS: &[&str] = &[
    "get involved",
    "have your say",
    "your stories",
    "your comments",
    "your views",
    "readers' comments",
    "readers comments",
    "reader comments",
    "join the debate",
    "post a comment",
    "leave a comment",
    "add your comment",
];

/// Phrases that mark a block as promotion or site furniture.
const PROMOTIONS: &[&str] = &[
    "read latest news",
    "all rights reserved",
    "click here",
    "sign up for",
    "subscribe to our",
    "follow us on",
    "this material may not be published",
    "media playback is unsupported",
    "share this with",
    "terms of use",
    "privacy policy",
    "cookie policy",
    "newsletter",
];

/// Marks of a photo caption.
const CAPTION_MARKS: &[&str] = &[
    "(l)",
    "(r)",
    "(c)",
    "(l-r)",
    "(center)",
    "(left)",
    "(right)",
    "[afp]",
    "[reuters]",
    "[ap]",
    "[getty]",
    "getty images",
    "ap photo",
    "afp photo",
    "reuters/",
    "photo:",
    "image:",
    "image caption",
    "photograph:",
    "picture by ",
    "photograph by ",
];

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?";

/// The header of a reader's comment: "At 4:13 pm on 28 May 2010 , antro
/// wrote :", "At 16:42 1st Jun 2010 , armagediontimes wrote :" (BBC),
/// "March 21 , 2011 at 5:43 pm |", "February 24 , 2011 03:34 pm at 3:34 pm"
/// (CNN), "February 26th , 2011 9:15 am ET" (CNN blogs), "8th November
/// 2011 - 17:42" (BBC), "| Reply", and "RETWEET" (a feed of posts).
static COMMENT_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)at \d{{1,2}}[:.]\d\d(?: ?[ap]\.?m\.?)?(?: on)? \d{{1,2}}(?:st|nd|rd|th)? {MONTH},? \d{{4}} ?, ?\S.{{0,60}}? wrote ?:|^{MONTH} \d{{1,2}} ?, ?\d{{4}} (?:at )?\d{{1,2}}:\d\d ?[ap]m(?: ?\||$| at \d)|(?-u:\b){MONTH} \d{{1,2}}(?:st|nd|rd|th) ?, ?\d{{4}} \d{{1,2}}:\d\d ?[ap]m ET(?-u:\b)|^\d{{1,2}}(?:st|nd|rd|th) {MONTH} \d{{4}} - \d{{1,2}}:\d\d(?-u:\b)|\| ?reply(?-u:\b)|(?:^|\s)retweet(?:\s|$)|(?-u:\b)this comment was removed because the moderators(?-u:\b)"
    ))
    .expect("comment header pattern")
});

/// A stamp that closes a reader's comment rather than opening one: CNN's
/// pages print the comment, then "March 19 , 2011 at 11:03 am | Report
/// abuse |" (or "| Reply"), so the first comment stands before the first
/// stamp, after the article.
static TRAILING_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b){MONTH} \d{{1,2}} ?, ?\d{{4}} (?:\d{{1,2}}:\d\d ?[ap]m )?at \d{{1,2}}:\d\d ?[ap]m ?\|"
    ))
    .expect("trailing comment stamp pattern")
});

/// The line that ends an opinion piece: "The views expressed in this
/// commentary are solely those of Omar Ashour ."
static VIEWS_DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^The (?:views|opinions) expressed in this (?:article|commentary|column|piece|post|essay) are (?:solely )?(?:those|the) of ",
    )
    .expect("disclaimer pattern")
});

/// The article's own voice, which a reader's comment does not have: a
/// reported saying ("said", "told", "according to"; not "I said"), the
/// outlet's name in a dateline, an update stamp.
static NEWS_VOICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:(?:said|says|told|tells|testified|announced|reported|stated|added)(?-u:\b)|according to(?-u:\b))|\(CNN\)|-LRB- CNN -RRB-|Updated ?:",
    )
    .expect("news voice pattern")
});

/// A reader's voice: "I" as a pronoun (not "World War I"; a reader's
/// lowercase "i"), "me", "my", "you", an exclamation, "@" ("we" and "our"
/// are also a columnist's).
static READER_VOICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w.] ?)I(?: [a-z]| ?'[a-z]|’[a-z])|(?:^|\s)i[\s'’]|(?i)(?-u:\b)(?:me|my|you|your)(?-u:\b)|!|@")
        .expect("reader voice pattern")
});

/// A turn of an interview or transcript: "CNN : When did you …", "Jalil :
/// I resigned …", "Q :". Its "I" and "you" are the article's.
static SPEAKER_TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} ?: \S").expect("speaker turn pattern")
});

/// How far before the first trailing stamp the first comment may begin.
const FIRST_COMMENT_BLOCKS: usize = 15;

/// Where the first comment of a page whose comments are closed by their
/// stamps begins, given the block `at` holding the first stamp: after an
/// opinion piece's disclaimer; or, after the nearest block in the article's
/// voice, at the first block in a reader's. `None` when it cannot be told
/// (no article voice within reach, no reader's voice after it).
fn first_comment_start(text: &str, blocks: &[Block], at: usize) -> Option<usize> {
    let raw = |j: usize| &text[blocks[j].start..blocks[j].end];
    if let Some(v) = (0..at)
        .rev()
        .find(|&j| VIEWS_DISCLAIMER.is_match(raw(j).trim_start()))
    {
        return Some(v + 1);
    }
    let news = (at.saturating_sub(FIRST_COMMENT_BLOCKS)..at)
        .rev()
        .find(|&j| {
            let r = raw(j);
            NEWS_VOICE.find_iter(r).any(|m| {
                let before = r[..m.start()].trim_end();
                !(before.ends_with(" I") || before.ends_with(" you") || before == "I")
            })
        })?;
    // From the first block in a reader's own voice, after the last block
    // that closes a quotation (its lines are the article's): a neutral
    // line between is left to the article.
    let mut start = None;
    for j in news + 1..at {
        let r = raw(j);
        if SPEAKER_TURN.is_match(r.trim_start()) {
            // an interview runs to the comments: its end cannot be told
            return None;
        }
        let opens = r.matches("``").count() + r.matches('“').count();
        let closes = r.matches("''").count() + r.matches('”').count();
        if closes > opens {
            start = None;
        } else if start.is_none() && opens == 0 && !r.contains('"') && READER_VOICE.is_match(r) {
            start = Some(j);
        }
    }
    start
}

/// A reader's message on a live page or a "Your stories" page: "Dave in
/// Mobile, Alabama, writes:", "Kedar from India writes :", "Sent by Maria,
/// New Orleans:".
static READER_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}(?: ?,)? (?:from|in) [A-Z][^:.!?]{1,80}? writes ?:|[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3} ?, [A-Z][^:.!?]{1,60}? ?, writes ?:|Sent by [A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3} ?, [A-Z][^:.!?]{1,60}?(?: ?:|$))",
    )
    .expect("reader message pattern")
});

/// One "Label: value" entry of a fact box: "Population: 410,000", "Clean-up
/// costs so far : $ 990m", "AOL Time Warner : $ 54.2 bn loss". Group 1 is
/// the label, group 2 a value that is a figure.
static FACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s)])([A-Z][\w'&.-]*(?: [\w'&.-]+){0,5}) ?: ((?:\$ ?|£ ?|€ ?|# )?\d)?")
        .expect("fact pattern")
});

/// Labels of fact boxes and profiles whose values need not be figures.
const FACT_LABELS: &[&str] = &[
    "born",
    "died",
    "age",
    "also known as",
    "real name",
    "nationality",
    "occupation",
    "spouse",
    "children",
    "capital",
    "capital of",
    "population",
    "area",
    "major language",
    "major languages",
    "major religion",
    "major religions",
    "language",
    "languages",
    "religion",
    "currency",
    "monetary unit",
    "main exports",
    "main industries",
    "life expectancy",
    "head of state",
    "president",
    "prime minister",
    "founded",
    "headquarters",
    "chief executive",
    "employees",
    "biggest hits",
];

/// The "Label: value" entries of `s` that read as facts: a figure for a
/// value, or a label of [`FACT_LABELS`].
fn facts(s: &str) -> usize {
    FACT.captures_iter(s)
        .filter(|c| {
            c.get(2).is_some()
                || c.get(1).is_some_and(|l| {
                    // The label may follow the last value: "… US Also known as".
                    let words: Vec<String> = l
                        .as_str()
                        .split_whitespace()
                        .map(str::to_lowercase)
                        .collect();
                    (0..words.len()).any(|k| FACT_LABELS.contains(&words[k..].join(" ").as_str()))
                })
        })
        .count()
}

/// Items of a list of links to other outlets' stories: "… - 17 hrs ago".
static LINK_AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s[-–] \d+ (?:hrs?|mins?|days?|hours?|minutes?) ago(?-u:\b)")
        .expect("link age pattern")
});

/// Lower-case, white space collapsed, punctuation trimmed from the ends.
pub fn normalise(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The kind of each block of `text`.
pub fn classify(text: &str, blocks: &[Block]) -> Vec<BlockKind> {
    let live = crate::article::furniture::live_page(text, blocks);
    classify_explained(text, blocks, live)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

/// The kind of each block of `text`, and for a block skipped as part of a
/// section (readers' comments, a list under a heading, a fact box, a
/// reader's message on a live page), the words that opened the section and
/// their line. `live` says the page is a live page, where a reader's
/// message runs to the next entry stamp.
pub fn classify_explained(
    text: &str,
    blocks: &[Block],
    live: bool,
) -> Vec<(BlockKind, Option<String>)> {
    let norm: Vec<String> = blocks
        .iter()
        .map(|b| normalise(&text[b.start..b.end]))
        .collect();
    let mut kinds: Vec<(BlockKind, Option<String>)> = Vec::with_capacity(blocks.len());
    // The open sections, each with what opened it.
    let mut comments: Option<String> = None;
    let mut list: Option<String> = None;
    let mut fact_box: Option<String> = None;
    let mut message: Option<String> = None;
    let opened = |b: &Block, words: &str| format!("line {}: \"{}\"", b.line, quote(words));
    // A short line of one fact; under a fact box's heading any "Label: value".
    let fact_line = |j: usize, any: bool| {
        blocks.get(j).is_some_and(|nb| {
            let r = &text[nb.start..nb.end];
            r.split_whitespace().count() <= 12
                && !reads_as_sentence(r)
                && if any { FACT.is_match(r) } else { facts(r) >= 1 }
        })
    };
    // The first comment of a page whose stamps close their comments.
    let mut first_comment: Option<(usize, usize)> = None;
    for (i, b) in blocks.iter().enumerate() {
        let n = &norm[i];
        let raw = &text[b.start..b.end];
        // Readers' comments ("At 4:13 pm on 28 May 2010, antro wrote: …")
        // and the readers' part of a page run to the end of the page.
        if comments.is_none()
            && (COMMENT_HEADER.is_match(raw) || READERS_HEADINGS.contains(&n.as_str()))
        {
            comments = Some(opened(b, raw));
            if TRAILING_STAMP.is_match(raw) {
                first_comment = first_comment_start(text, blocks, i).map(|s| (s, i));
            }
        }
        if let Some(from) = &comments {
            kinds.push((
                BlockKind::Skip("readers' comments"),
                Some(format!("from {from}")),
            ));
            continue;
        }
        // A list under its heading, up to the first line that reads as a sentence.
        if LIST_HEADINGS.contains(&n.as_str()) {
            list = Some(opened(b, raw));
            kinds.push((BlockKind::Skip("list heading"), None));
            continue;
        }
        if let Some(from) = &list {
            if !reads_as_sentence(raw) {
                kinds.push((
                    BlockKind::Skip("list under a heading"),
                    Some(format!("under {from}")),
                ));
                continue;
            }
            list = None;
        }
        // A fact box: "X at a glance", then "Label: value" lines; or a line
        // of several "Label: value" entries; or a run of such lines.
        if n.ends_with(" at a glance") || matches!(n.as_str(), "fact box" | "factbox" | "key facts")
        {
            fact_box = Some(opened(b, raw));
            kinds.push((BlockKind::Skip("fact box"), None));
            continue;
        }
        if let Some(from) = &fact_box {
            if fact_line(i, true) {
                kinds.push((BlockKind::Skip("fact box"), Some(format!("under {from}"))));
                continue;
            }
            fact_box = None;
        }
        if (facts(raw) >= 2
            || fact_line(i, false) && (fact_line(i + 1, false) || i > 0 && fact_line(i - 1, false)))
            && !reporting_label(raw)
        {
            kinds.push((
                BlockKind::Skip("fact box"),
                Some(format!("\"Label: value\" entries, {}", opened(b, raw))),
            ));
            continue;
        }
        // A reader's message: that entry (on a live page, up to the next stamp).
        if READER_MESSAGE.is_match(raw) {
            message = live.then(|| opened(b, raw));
            kinds.push((BlockKind::Skip("reader's message"), None));
            continue;
        }
        if let Some(from) = &message {
            if !crate::article::furniture::opens_entry(raw) {
                kinds.push((
                    BlockKind::Skip("reader's message"),
                    Some(format!("entry of {from}")),
                ));
                continue;
            }
            message = None;
        }
        if LINK_AGE.is_match(raw) {
            kinds.push((BlockKind::Skip("related links"), None));
            continue;
        }
        kinds.push((kind_of(raw, n, i, &norm), None));
    }
    if let Some((start, stamp)) = first_comment {
        let b = &blocks[stamp];
        let why = format!(
            "the first comment, closed by its stamp on line {}: \"{}\"",
            b.line,
            quote(&text[b.start..b.end])
        );
        for k in &mut kinds[start..stamp] {
            *k = (BlockKind::Skip("readers' comments"), Some(why.clone()));
        }
    }
    kinds
}

/// The first 80 characters of `s`, white space collapsed.
pub fn quote(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Ends with terminal punctuation (maybe inside quotes or brackets), or is
/// long enough to be prose: a line of a list does neither.
fn reads_as_sentence(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', ' '])
        .trim_end_matches("-RRB-")
        .trim_end();
    t.ends_with(['.', '!', '?', '…']) || s.split_whitespace().count() > 25
}

/// "He said : …", "Kerry told reporters : …": a colon after a reporting
/// verb introduces speech, not a value.
fn reporting_label(s: &str) -> bool {
    FACT.captures_iter(s).any(|c| {
        c.get(1).is_some_and(|l| {
            l.as_str().split_whitespace().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "said"
                        | "says"
                        | "say"
                        | "told"
                        | "added"
                        | "wrote"
                        | "writes"
                        | "asked"
                        | "warned"
                )
            })
        })
    })
}

fn kind_of(raw: &str, n: &str, i: usize, norm: &[String]) -> BlockKind {
    if n.is_empty() {
        return BlockKind::Skip("no words");
    }
    if LABELS.contains(&n) {
        return BlockKind::Skip("label");
    }
    if crate::article::furniture::share_bar(raw) {
        return BlockKind::Skip("share bar");
    }
    if PROMOTIONS.iter().any(|p| n.contains(p))
        || (n.contains("download the") && n.contains(" app"))
    {
        return BlockKind::Skip("promotion");
    }
    let words = n.split_whitespace().count();
    if n.ends_with("min read") && words <= 4 {
        return BlockKind::Skip("reading time");
    }
    if words <= 6 && (n.starts_with("by ") || n.starts_with("posted by ")) {
        return BlockKind::Skip("byline");
    }
    let trimmed = raw.trim_start();
    if words <= 5 && (trimmed.starts_with("- ") || trimmed.starts_with("— ")) {
        return BlockKind::Skip("byline");
    }
    if norm[..i].iter().any(|m| m == n) {
        return BlockKind::Skip("repeated line");
    }
    // A line cut short, then given whole ("FILE- A U.S. Air Force C-130 … is se").
    if norm
        .iter()
        .enumerate()
        .any(|(j, m)| j != i && m.len() > n.len() && m.starts_with(n))
    {
        return BlockKind::Skip("truncated line");
    }
    // A pull quote or standfirst repeating a longer block. (One searcher for
    // all blocks: building one per pair was half of `build`'s time.)
    if n.len() >= 30 && {
        let finder = memchr::memmem::Finder::new(n.as_bytes());
        norm.iter()
            .enumerate()
            .any(|(j, m)| j != i && m.len() > n.len() && finder.find(m.as_bytes()).is_some())
    } {
        return BlockKind::Skip("repeats the text");
    }
    let lower = raw.to_lowercase();
    if CAPTION_MARKS.iter().any(|m| lower.contains(m))
        || lower.starts_with("file -")
        || lower.starts_with("file-")
        || lower.starts_with("file photo")
    {
        return BlockKind::Caption;
    }
    BlockKind::Text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::sentences::blocks;

    fn kinds(text: &str) -> Vec<BlockKind> {
        classify(text, &blocks(text))
    }

    #[test]
    fn furniture_is_skipped() {
        let text = "Anuncio\n\nShare\n\nCOMMERCIAL BREAK\nSCROLL TO CONTINUE READING\n\n4 min read\n\nZee News App: Read latest news of India. Download the Zee news app now.\n\nBy Jane Roe\n\n- John Kerry\n\nKerry met Lavrov on Friday.";
        let k = kinds(text);
        assert_eq!(k.len(), 9);
        assert!(
            k[..8].iter().all(|k| matches!(k, BlockKind::Skip(_))),
            "{k:?}"
        );
        assert_eq!(k[8], BlockKind::Text);
    }

    #[test]
    fn repeats_truncations_and_captions() {
        let text = "Assad shakes hands with\nAssad shakes hands with Shoigu in Damascus, June 18, 2016.\n\nLavrov (L) and Kerry (C) observe a silence.\nLavrov (L) and Kerry (C) observe a silence.\n\nNowhere is there a greater hotbed and incubator for terrorists.\n\n\"Nowhere is there a greater hotbed and incubator for terrorists,\" Kerry said.";
        let k = kinds(text);
        assert_eq!(
            k,
            vec![
                BlockKind::Skip("truncated line"),
                BlockKind::Text,
                BlockKind::Caption,
                BlockKind::Skip("repeated line"),
                BlockKind::Skip("truncated line"),
                BlockKind::Text,
            ]
        );
    }

    #[test]
    fn readers_comments_are_skipped_to_the_end() {
        let k = kinds(
            "BP capped the well on Thursday .\nAt 4:13 pm on 28 May 2010 , antro wrote : They should pay .\nIt leaked for weeks .",
        );
        assert_eq!(k[0], BlockKind::Text);
        assert!(
            k[1..]
                .iter()
                .all(|k| *k == BlockKind::Skip("readers' comments")),
            "{k:?}"
        );
    }

    #[test]
    fn the_first_comment_before_a_closing_stamp_is_a_comment() {
        let skip = BlockKind::Skip("readers' comments");
        // CNN prints a comment, then its stamp: the first comment stands
        // between the article and the first stamp.
        let k = kinds(
            "Tripoli , Libya -LRB- CNN -RRB- -- Shoppers lined up on Sunday .\nThe busy scene was a sharp contrast , officials said .\nThe secular West is stupid .\nThis reminds me of 1919 when the League of Nations met .\nI am sure of it !\nMarch 19 , 2011 at 11:03 am | Report abuse | Good point .\nAnother comment .",
        );
        assert_eq!(k[..3], [BlockKind::Text; 3], "{k:?}");
        assert!(k[3..].iter().all(|k| *k == skip), "{k:?}");
        // An opinion piece ends at its disclaimer.
        let k = kinds(
            "None of these options is appealing .\nThe opinions expressed in this commentary are solely those of James Lindsay .\nWe dont get involved .\nMarch 9 , 2011 at 10:05 am | Reply I agree .",
        );
        assert_eq!(k[..2], [BlockKind::Text; 2], "{k:?}");
        assert!(k[2..].iter().all(|k| *k == skip), "{k:?}");
        // A quotation's lines are the article's, whatever their pronouns.
        let k = kinds(
            "As Al-Ameen says , education is high .\n`` You will not see a country like Afghanistan .\nI think the future is good . ''\nThe fall of Gadhafi would be tragic , my friends !\nApril 7 , 2011 at 6:15 pm | Reply Very well said .",
        );
        assert_eq!(k[..3], [BlockKind::Text; 3], "{k:?}");
        assert!(k[3..].iter().all(|k| *k == skip), "{k:?}");
        // "World War I" is no reader, and an interview's turns are the article's
        let k = kinds(
            "The carrier left Toulon on Sunday , the navy said .\nThe ship , built after World War I , was launched in 1926 .\nThe carrier will reach Libyan waters on Tuesday .\nMarch 21 , 2011 at 2:20 pm | Report abuse | Good .",
        );
        assert!(k[..3].iter().all(|k| *k == BlockKind::Text), "{k:?}");
        let k = kinds(
            "Jalil spoke to CNN on Monday , a translator said .\nCNN : When did you decide to break with Gadhafi ?\nJalil : I resigned on February 21 , when I saw the killings .\nThis man is a hero !\nMarch 21 , 2011 at 2:20 pm | Report abuse | Good .",
        );
        assert!(k[..4].iter().all(|k| *k == BlockKind::Text), "{k:?}");
        // With no line in the article's voice within reach, nothing before
        // the stamp is taken; nor is a stamp that opens its comment.
        let lines: String = (0..16)
            .map(|i| format!("Line {i} of the page .\n"))
            .collect();
        let k = kinds(&format!(
            "Piers Morgan talks to guests , he said .\n{lines}I agree with you !\nOctober 7 , 2012 at 6:12 am | Report abuse | More ."
        ));
        assert!(k[..18].iter().all(|k| *k == BlockKind::Text), "{k:?}");
        assert_eq!(k[18], skip);
        let k = kinds(
            "BP capped the well , officials said .\nI watched it happen !\nAt 4:13 pm on 28 May 2010 , antro wrote : They should pay .",
        );
        assert_eq!(k[..2], [BlockKind::Text; 2], "{k:?}");
    }

    #[test]
    fn comment_headers_of_every_outlet_start_the_comments() {
        for header in [
            "At 4:13 pm on 28 May 2010 , antro wrote : They should pay .",
            "At 16:42 1st Jun 2010 , armagediontimes wrote : They should pay .",
            "March 21 , 2011 at 5:43 pm | wow , that was some awful typing by me .",
            "Why the media ?? February 26th , 2011 9:15 am ET It is really heartening .",
            "8th November 2011 - 17:42 This comment was removed because the moderators found it broke the house rules .",
            "February 24 , 2011 03:34 pm at 3:34 pm",
            "Get involved",
            "Your stories",
        ] {
            let k = kinds(&format!(
                "BP capped the well on Thursday .\n{header}\nIt leaked for weeks ."
            ));
            assert_eq!(k[0], BlockKind::Text, "{header}");
            assert!(
                k[1..]
                    .iter()
                    .all(|k| *k == BlockKind::Skip("readers' comments")),
                "{header}: {k:?}"
            );
        }
        // A date and a time in prose are not a comment header.
        let k =
            kinds("On March 21 , 2011 at 5:43 pm , the first missiles struck .\nMore followed .");
        assert_eq!(k, vec![BlockKind::Text, BlockKind::Text]);
    }

    #[test]
    fn lists_under_their_headings() {
        let text = "The quake struck on Sunday.\n\nMost Read\n\nSnow closes hundreds of schools\nTrain fares to rise by 6% from Monday\n\nRescuers worked through the night.";
        assert_eq!(
            kinds(text),
            vec![
                BlockKind::Text,
                BlockKind::Skip("list heading"),
                BlockKind::Skip("list under a heading"),
                BlockKind::Skip("list under a heading"),
                BlockKind::Text,
            ]
        );
        let text = "CBC Oil spill reaches New Orleans and Texas - 17 hrs ago Miami Herald Oil 's fingers reach into Louisiana - 23 hrs ago";
        assert_eq!(kinds(text), vec![BlockKind::Skip("related links")]);
    }

    #[test]
    fn fact_boxes() {
        let text = "Aftershocks went on all night.\n\nValmora at a glance\n\nPopulation: 410,000 (2009 estimate)\nCapital of: Eastern Province\nLast major earthquake: 1931\n\nMost residents slept outside.";
        let k = kinds(text);
        assert_eq!(k[0], BlockKind::Text);
        assert!(
            k[1..5].iter().all(|k| *k == BlockKind::Skip("fact box")),
            "{k:?}"
        );
        assert_eq!(k[5], BlockKind::Text);
        for line in [
            "Clean-up costs so far : $ 990m -LRB- # 674m -RRB- Estimated cost of sand barrier project $ 360m Dividend payment 2009 : $ 10.5 bn -LRB- # 7bn -RRB- BP scheduled to make a first-quarter payment",
            "AOL Time Warner : $ 54.2 bn loss in first quarter 2002 General Motors : $ 39bn loss in third quarter 2007",
            "Clean-up costs so far : $ 990m Dividend payment 2009 : $ 10.5 bn BP said `` it will pay '' .",
            "Born : August 29 , 1958 , Gary , Indiana , US Also known as : The King of Pop , Wacko Jacko",
        ] {
            assert_eq!(kinds(line), vec![BlockKind::Skip("fact box")], "{line}");
        }
        for line in [
            "He said : `` We will stay . '' Officials said : `` Not for long . ''",
            "The message was clear : Gadhafi must go , the minister said on Monday .",
            "ROMANS : When you walk into the job interview , LIBYA : you are judged .",
            "Gloria Borger : Obama and Libya : Tell us how this ends In theory , the plan works .",
            "LIBYA , 11:09 p.m. ET , 6:09 a.m. local : A Libyan woman , speaking on condition of anonymity , said so .",
        ] {
            assert_eq!(kinds(line), vec![BlockKind::Text], "{line}");
        }
    }

    #[test]
    fn readers_messages_and_share_bars() {
        for line in [
            "Dave in Mobile, Alabama, writes: The beaches here have been clean for four days.",
            "Linda R Friar from Pacific Palisades , California , US , writes : Obama needs to act .",
            "Kedar from India writes : It is a shame .",
            "Sent by Maria, New Orleans: We have waited 85 days for this.",
            "Print this article | Email to a friend | Have your say | Increase text size",
            "Advertisement · Scroll to continue",
        ] {
            assert!(matches!(kinds(line)[0], BlockKind::Skip(_)), "{line}");
        }
        // On a live page a message runs to the next entry stamp.
        let text = "1630 Dave in Mobile, Alabama, writes:\n\nThe beaches have been clean since Monday.\n\n1545 Boats have been out since first light.\n\n1330 GMT: The valve is closing.";
        let pieces: Vec<Block> = crate::article::furniture::cut(text, &blocks(text))
            .iter()
            .map(|c| c.block)
            .collect();
        let k = classify_explained(text, &pieces, true);
        let words = |i: usize| &text[pieces[i].start..pieces[i].end];
        assert_eq!(words(1), "Dave in Mobile, Alabama, writes:");
        assert_eq!(k[1].0, BlockKind::Skip("reader's message"));
        assert_eq!(k[2].0, BlockKind::Skip("reader's message"));
        assert!(k[2].1.as_deref().unwrap().contains("line 1"), "{k:?}");
        assert_eq!(words(4), "Boats have been out since first light.");
        assert_eq!(k[4].0, BlockKind::Text);
        assert_eq!(
            kinds("Dave Smith, a fisherman in Mobile, said the beaches were clean on Monday."),
            vec![BlockKind::Text]
        );
    }

    #[test]
    fn ordinary_text_mentioning_apps_is_kept() {
        assert_eq!(
            kinds("Shares in the company fell on Monday."),
            vec![BlockKind::Text]
        );
    }
}
