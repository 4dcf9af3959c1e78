//! Telling the article's statements from the furniture around them:
//! advertising labels, app promotions, share buttons, bylines, repeated and
//! truncated lines, pull quotes, and photo captions.

use crate::article::sentences::Block;

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
];

/// Lower-case, white space collapsed, punctuation trimmed from the ends.
pub fn normalise(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The kind of each block of `text`.
pub fn classify(text: &str, blocks: &[Block]) -> Vec<BlockKind> {
    let norm: Vec<String> = blocks
        .iter()
        .map(|b| normalise(&text[b.start..b.end]))
        .collect();
    let mut kinds = Vec::with_capacity(blocks.len());
    let mut comments = false;
    for (i, b) in blocks.iter().enumerate() {
        let n = &norm[i];
        let raw = &text[b.start..b.end];
        // Readers' comments ("At 4:13 pm on 28 May 2010, antro wrote: …")
        // run to the end of the page.
        comments = comments || is_comment_header(n);
        kinds.push(if comments {
            BlockKind::Skip("readers' comments")
        } else {
            kind_of(raw, n, i, &norm)
        });
    }
    kinds
}

/// "At 4:13 pm on 28 May 2010 , antro wrote :", "April 10, 2011 at 1:37 pm
/// | Reply" — a comment's header; "… RETWEET …" — a feed of posts.
fn is_comment_header(n: &str) -> bool {
    if n.contains("| reply") || n.contains(" retweet ") || n.starts_with("retweet ") {
        return true;
    }
    let Some(w) = n.find(" wrote :").or_else(|| n.find(" wrote:")) else {
        return false;
    };
    let before = &n[..w];
    (before.contains(" am on ") || before.contains(" pm on ") || before.contains(" on "))
        && before.bytes().any(|b| b.is_ascii_digit())
        && before.contains(':')
}

fn kind_of(raw: &str, n: &str, i: usize, norm: &[String]) -> BlockKind {
    if n.is_empty() {
        return BlockKind::Skip("no words");
    }
    if LABELS.contains(&n) {
        return BlockKind::Skip("label");
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
    fn ordinary_text_mentioning_apps_is_kept() {
        assert_eq!(
            kinds("Shares in the company fell on Monday."),
            vec![BlockKind::Text]
        );
    }
}
