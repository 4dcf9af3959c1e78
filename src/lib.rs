//! Chronicler: finds temporal expressions in news text, resolves them against
//! the article's date, and builds source-cited timelines.
//!
//! The pipeline runs one way: [`ingest`] → [`tag`] (nom grammar) →
//! [`resolve`] → [`events`] → [`merge`] → [`render`]; [`timeline::build`]
//! runs it over many articles (with [`manifest`], [`infer`] and
//! [`dateline`] for article dates and places).

pub mod boilerplate;
pub mod check;
pub mod dateline;
pub mod document;
pub mod error;
pub mod eval;
pub mod events;
pub mod explain;
pub mod grammar;
pub mod infer;
pub mod ingest;
pub mod manifest;
pub mod merge;
pub mod render;
pub mod resolve;
pub mod sentences;
pub mod stream;
pub mod summary;
pub mod tag;
pub mod terms;
pub mod timeline;
pub mod timeline_eval;
pub mod timeml;
pub mod timex;
pub mod window;

pub use document::{Dct, DctSource, Document, Zone};
pub use grammar::Grammar;
pub use timeline::{BuildOptions, Timeline, build};
pub use timex::{Granularity, Interval, Mention, Timex, TimexMod, TimexType};

/// Finds and resolves every temporal expression in `text`.
pub fn annotate(text: &str, dct: Option<&Dct>, grammar: &Grammar) -> Vec<Mention> {
    let candidates = tag::scan(text, grammar);
    resolve::resolve_all(text, &candidates, dct, grammar)
}
