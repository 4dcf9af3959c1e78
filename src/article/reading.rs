//! An article's text as every later stage reads it: its blocks (paragraphs),
//! sentences, and what each block is (article text, a caption, or page
//! furniture to skip). Made once per article.

use crate::article::boilerplate::{self, BlockKind};
use crate::article::sentences::{self, Block, Sentence};
use std::collections::HashSet;

/// Blocks, sentences and block kinds of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    /// The kind of each block, by index.
    pub kinds: Vec<BlockKind>,
}

impl Reading {
    /// Splits `text` into blocks and sentences (`abbreviations` do not end a
    /// sentence) and classifies the blocks.
    pub fn of(text: &str, abbreviations: &HashSet<String>) -> Reading {
        let (blocks, sentences) = sentences::split(text, abbreviations);
        let kinds = boilerplate::classify(text, &blocks);
        Reading {
            blocks,
            sentences,
            kinds,
        }
    }

    /// The sentences that are the article's own statements: furniture and
    /// readers' comments left out.
    pub fn statements(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(|s| !matches!(self.kinds.get(s.block), Some(BlockKind::Skip(_))))
    }
}
