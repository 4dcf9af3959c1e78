//! Chronicler: finds temporal expressions in news text, resolves them against
//! the article's date, and builds source-cited timelines.
//!
//! The pipeline runs one way: [`ingest`] → [`tag`] (nom grammar) →
//! [`resolve`] → events → merge → [`render`].

pub mod document;
pub mod error;
pub mod eval;
pub mod explain;
pub mod grammar;
pub mod ingest;
pub mod render;
pub mod resolve;
pub mod tag;
pub mod timeml;
pub mod timex;

pub use document::{Dct, DctSource, Document, Zone};
pub use grammar::Grammar;
pub use timex::{Granularity, Interval, Mention, Timex, TimexMod, TimexType};

/// Finds and resolves every temporal expression in `text`.
pub fn annotate(text: &str, dct: Option<&Dct>, grammar: &Grammar) -> Vec<Mention> {
    let candidates = tag::scan(text, grammar);
    resolve::resolve_all(text, &candidates, dct, grammar)
}
