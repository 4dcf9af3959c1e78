//! Splits news text into blocks (lines or paragraphs) and sentences.
//!
//! * A block is a run of non-empty lines. A line break ends a block unless
//!   the next line reads as the continuation of a hard-wrapped sentence (the
//!   line does not end with terminal punctuation and the next one starts with
//!   a lowercase letter). So headlines, captions, "SCROLL TO CONTINUE READING"
//!   and tokenised one-sentence-per-line text each stay on their own.
//! * Inside a block a sentence ends at `.`, `!`, `?` or `…` (with any closing
//!   quotes or brackets, including tokenised `''` and `-RRB-`) followed by
//!   white space and an upper-case letter, a digit or an opening quote —
//!   unless the word before the period is a known abbreviation
//!   (`Grammar::abbreviations`: "mr.", "u.s.", "jan.", "a.m." …) or a single
//!   initial ("J.").
//!
//! Offsets are bytes into the text; [`CharMap`] turns them into Unicode
//! scalar offsets.

use std::collections::HashSet;

/// A run of lines that belong together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Byte offsets, end exclusive, trimmed of surrounding white space.
    pub start: usize,
    pub end: usize,
    /// 1-based line number of `start`.
    pub line: usize,
}

/// One sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offsets, end exclusive, trimmed of surrounding white space.
    pub start: usize,
    pub end: usize,
    /// 1-based line number of `start`.
    pub line: usize,
    /// Index into the blocks of the same text.
    pub block: usize,
}

/// Splits `text` into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    let mut pos = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let line_start = pos;
        pos += raw.len() + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let start = line_start + lead;
        let end = start + trimmed.len();
        let continues = open
            && out.last().is_some_and(|b| {
                let prev = &text[b.start..b.end];
                !ends_sentence(prev) && trimmed.chars().next().is_some_and(char::is_lowercase)
            });
        match out.last_mut() {
            Some(b) if continues => b.end = end,
            _ => out.push(Block {
                start,
                end,
                line: i + 1,
            }),
        }
        open = true;
    }
    out
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    s.ends_with(['.', '!', '?', '…', ':'])
}

/// Splits `text` into blocks and the sentences of each block.
pub fn split(text: &str, abbreviations: &HashSet<String>) -> (Vec<Block>, Vec<Sentence>) {
    let blocks = blocks(text);
    let sentences = split_blocks(text, &blocks, abbreviations);
    (blocks, sentences)
}

/// The sentences of each of `blocks` of `text` (blocks as [`blocks`] makes
/// them, or pieces of them).
pub fn split_blocks(
    text: &str,
    blocks: &[Block],
    abbreviations: &HashSet<String>,
) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        // Line numbers counted on from the previous sentence, not from the
        // block's start each time (quadratic in a long paragraph).
        let (mut line, mut counted) = (b.line, b.start);
        for (s, e) in split_block(text, b.start, b.end, abbreviations) {
            crate::progress::work::add(s - counted);
            line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..s]).count();
            counted = s;
            sentences.push(Sentence {
                start: s,
                end: e,
                line,
                block: bi,
            });
        }
    }
    sentences
}

const CLOSERS: [char; 7] = ['"', '”', '’', '\'', ')', ']', '»'];
const OPENERS: [char; 8] = ['"', '“', '‘', '\'', '`', '(', '[', '«'];

/// Sentence spans inside `text[start..end]`.
fn split_block(
    text: &str,
    start: usize,
    end: usize,
    abbreviations: &HashSet<String>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut sent_start = start;
    let mut i = start;
    while i < end {
        let Some(c) = text[i..end].chars().next() else {
            break;
        };
        let next_i = i + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') {
            i = next_i;
            continue;
        }
        // The terminal run: more terminals and closing quotes or brackets.
        let mut j = next_i;
        while let Some(d) = text[j..end].chars().next() {
            if matches!(d, '.' | '!' | '?' | '…') || CLOSERS.contains(&d) {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        // Tokenised closers after a space: `. ''`, `. -RRB-`.
        loop {
            let rest = &text[j..end];
            let trimmed = rest.trim_start_matches(' ');
            let skip = rest.len() - trimmed.len();
            if skip > 0 && (trimmed.starts_with("''") || trimmed.starts_with("-RRB-")) {
                let tok = if trimmed.starts_with("''") { 2 } else { 5 };
                let after = &trimmed[tok..];
                if after.is_empty() || after.starts_with(char::is_whitespace) {
                    j += skip + tok;
                    continue;
                }
            }
            break;
        }
        if j >= end {
            break;
        }
        let rest = &text[j..end];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() {
            i = j;
            continue;
        }
        let next = trimmed.chars().next();
        let starts_new = next.is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n) || n == '-'
        });
        if !starts_new || (c == '.' && is_abbreviation(text, sent_start, i, abbreviations)) {
            i = j;
            continue;
        }
        out.push((sent_start, j));
        sent_start = j + (rest.len() - trimmed.len());
        i = sent_start;
    }
    let tail = text[sent_start..end].trim_end();
    if !tail.trim().is_empty() {
        out.push((sent_start, sent_start + tail.len()));
    }
    out
}

/// True when the period at `dot` closes an abbreviation or an initial.
fn is_abbreviation(text: &str, from: usize, dot: usize, abbreviations: &HashSet<String>) -> bool {
    let before = &text[from..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[word_start..].trim_start_matches(|c: char| OPENERS.contains(&c));
    if word.is_empty() {
        return false;
    }
    let mut with_dot = word.to_lowercase();
    with_dot.push('.');
    if abbreviations.contains(&with_dot) {
        return true;
    }
    // "J." — a single capital initial.
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Byte → Unicode scalar offsets for one text.
#[derive(Debug, Clone)]
pub struct CharMap {
    /// `chars[b]` is the number of chars before byte `b` (for char boundaries).
    chars: Vec<u32>,
}

impl CharMap {
    pub fn new(text: &str) -> CharMap {
        let mut chars = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        let mut last = 0;
        for (b, _) in text.char_indices() {
            for slot in chars.iter_mut().take(b + 1).skip(last) {
                *slot = n;
            }
            n += 1;
            last = b + 1;
        }
        for slot in chars.iter_mut().skip(last) {
            *slot = n;
        }
        CharMap { chars }
    }

    /// The char offset of byte offset `byte` (clamped to the text).
    pub fn char_at(&self, byte: usize) -> usize {
        let i = byte.min(self.chars.len().saturating_sub(1));
        self.chars.get(i).copied().unwrap_or(0) as usize
    }
}

/// A word of a text with its byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The words of `text` (letters, digits, inner apostrophes, hyphens and periods).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = text.char_indices().collect::<Vec<_>>();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        let inner = matches!(c, '\'' | '’' | '-' | '.' | '&')
            && start.is_some()
            && bytes.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Word {
                text: &text[s..i],
                start: s,
                end: i,
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbr() -> HashSet<String> {
        ["mr.", "u.s.", "jan.", "a.m.", "dr."]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        split(text, &abbr())
            .1
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            texts("Mr. Kerry met U.S. officials at 9 a.m. on Jan. 5. J. Smith said so. Next one!"),
            vec![
                "Mr. Kerry met U.S. officials at 9 a.m. on Jan. 5.",
                "J. Smith said so.",
                "Next one!"
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            texts("He said \"it is over.\" Then he left. “Fine.” She agreed."),
            vec![
                "He said \"it is over.\"",
                "Then he left.",
                "“Fine.”",
                "She agreed."
            ]
        );
    }

    #[test]
    fn lines_are_blocks_unless_wrapped() {
        let text = "COMMERCIAL BREAK\nSCROLL TO CONTINUE READING\n\nA long sentence that\nwraps here. And ends.";
        assert_eq!(
            texts(text),
            vec![
                "COMMERCIAL BREAK",
                "SCROLL TO CONTINUE READING",
                "A long sentence that\nwraps here.",
                "And ends."
            ]
        );
        let (blocks, sentences) = split(text, &abbr());
        assert_eq!(blocks.len(), 3);
        assert_eq!(sentences[2].line, 4);
        assert_eq!(sentences[3].line, 5);
    }

    #[test]
    fn tokenised_text() {
        let text =
            "He said `` it is over . '' Then -LRB- briefly -RRB- he left .\nMr Salazar spoke .";
        assert_eq!(
            texts(text),
            vec![
                "He said `` it is over . ''",
                "Then -LRB- briefly -RRB- he left .",
                "Mr Salazar spoke ."
            ]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            texts("It cost 3.5 bn. dollars rose"),
            vec!["It cost 3.5 bn. dollars rose"]
        );
    }

    #[test]
    fn char_map_counts_scalars() {
        let t = "é a “b”";
        let m = CharMap::new(t);
        assert_eq!(m.char_at(0), 0);
        assert_eq!(m.char_at(2), 1);
        assert_eq!(m.char_at(t.len()), 7);
        let b = t.find('b').unwrap();
        assert_eq!(m.char_at(b), 5);
    }
}
