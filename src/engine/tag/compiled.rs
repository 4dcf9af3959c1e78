//! The grammar the tagger runs: the word lists of `grammar/*.csv`
//! ([`Lexicon`]) with the table, built from them when they load, of which
//! productions each word can open ([`Prefilter`]).

use super::prefilter::Prefilter;
use crate::engine::grammar::{GrammarError, Lexicon};
use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;

/// Word lists plus the scanner's dispatch table. Dereferences to the
/// [`Lexicon`], so `g.months` reads a word list.
#[derive(Debug, Clone)]
pub struct Grammar {
    lexicon: Lexicon,
    /// The scanner's table of what each word can open (shared with the
    /// productions while they run: [`super::productions::memoised`]).
    pub prefilter: Arc<Prefilter>,
}

impl Grammar {
    /// Builds the dispatch table for `lexicon`.
    pub fn new(lexicon: Lexicon) -> Grammar {
        let prefilter = Arc::new(Prefilter::new(&lexicon));
        Grammar { lexicon, prefilter }
    }

    /// The word lists compiled into the binary.
    pub fn embedded() -> &'static Grammar {
        static G: std::sync::OnceLock<Grammar> = std::sync::OnceLock::new();
        G.get_or_init(|| Grammar::new(Lexicon::embedded()))
    }

    /// Loads a user's edited copy of `grammar/`; files missing from `dir`
    /// fall back to the embedded ones.
    pub fn load_dir(dir: &Path) -> Result<Grammar, GrammarError> {
        Lexicon::load_dir(dir).map(Grammar::new)
    }

    /// Builds the grammar from a source of file contents (CSV text, by file name).
    pub fn from_sources(
        read: impl FnMut(&str) -> Result<String, GrammarError>,
    ) -> Result<Grammar, GrammarError> {
        Lexicon::from_sources(read).map(Grammar::new)
    }

    /// The word lists.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

impl Deref for Grammar {
    type Target = Lexicon;

    fn deref(&self) -> &Lexicon {
        &self.lexicon
    }
}
