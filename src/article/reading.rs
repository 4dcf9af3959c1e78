//! An article's text as every later stage reads it: its blocks (paragraphs,
//! or pieces of them once page furniture is cut out), sentences, and what
//! each block is (article text, a caption, or page furniture to skip, with
//! the rule that says so). Made once per article.

use crate::article::boilerplate::{self, BlockKind};
use crate::article::furniture;
use crate::article::sentences::{self, Block, Sentence};
use serde::Serialize;
use std::collections::HashSet;

/// A stretch of page furniture, as `chronicler furniture` lists it: the
/// rule that found it and the words it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    /// 1-based lines of the first and last piece.
    pub first_line: usize,
    pub last_line: usize,
    /// The rule ("update stamp", "readers' comments").
    pub rule: String,
    /// What opened the section the pieces belong to, when the rule is a
    /// section's ("from line 40: \"March 21 , 2011 at 1:32 pm |\"").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// How many pieces (blocks or cut spans) it covers.
    pub pieces: usize,
    /// The words of the first piece (at most 80 characters).
    pub text: String,
}

/// Blocks, sentences and block kinds of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    /// The kind of each block, by index.
    pub kinds: Vec<BlockKind>,
    /// For a block skipped as part of a section (readers' comments, a list
    /// under a heading), what opened the section; by index.
    pub evidence: Vec<Option<String>>,
    /// Why the whole text is not a news article (a readers' message board,
    /// programme listings), when it is not.
    pub not_article: Option<furniture::PageKind>,
}

impl Reading {
    /// Splits `text` into blocks, cuts the page furniture out of them
    /// ([`furniture::cut`]), classifies the pieces ([`boilerplate`]) and
    /// splits them into sentences (`abbreviations` do not end a sentence).
    pub fn of(text: &str, abbreviations: &HashSet<String>) -> Reading {
        let lines = sentences::blocks(text);
        let live = furniture::live_page(text, &lines);
        let cuts = furniture::cut(text, &lines);
        let blocks: Vec<Block> = cuts.iter().map(|c| c.block).collect();
        let classified = boilerplate::classify_explained(text, &blocks, live);
        let (kinds, evidence) = cuts
            .iter()
            .zip(classified)
            .map(|(c, (kind, why))| match (c.rule, kind) {
                (Some(rule), _) => (BlockKind::Skip(rule), None),
                (None, BlockKind::Skip(r)) => (BlockKind::Skip(r), why),
                (None, _) if c.caption => (BlockKind::Caption, None),
                (None, k) => (k, why),
            })
            .unzip();
        let sentences = sentences::split_blocks(text, &blocks, abbreviations);
        Reading {
            blocks,
            sentences,
            kinds,
            evidence,
            not_article: furniture::page_kind(text),
        }
    }

    /// The furniture of `text` (which this reads), in order, consecutive
    /// pieces of one rule and one section taken together.
    pub fn dropped(&self, text: &str) -> Vec<Dropped> {
        let mut out: Vec<Dropped> = Vec::new();
        let mut last: Option<usize> = None;
        for (i, (b, kind)) in self.blocks.iter().zip(&self.kinds).enumerate() {
            let BlockKind::Skip(rule) = kind else {
                last = None;
                continue;
            };
            let evidence = self.evidence.get(i).cloned().flatten();
            let end_line = b.line + text[b.start..b.end].matches('\n').count();
            if let (Some(_), Some(d)) = (last, out.last_mut())
                && d.rule == *rule
                && d.evidence == evidence
                && evidence.is_some()
            {
                d.last_line = end_line;
                d.pieces += 1;
                continue;
            }
            out.push(Dropped {
                first_line: b.line,
                last_line: end_line,
                rule: (*rule).to_string(),
                evidence,
                pieces: 1,
                text: boilerplate::quote(&text[b.start..b.end]),
            });
            last = Some(i);
        }
        out
    }

    /// The sentences that are the article's own statements: furniture and
    /// readers' comments left out.
    pub fn statements(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(|s| !matches!(self.kinds.get(s.block), Some(BlockKind::Skip(_))))
    }
}
