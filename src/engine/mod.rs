//! The part that knows TIMEX3: finds temporal expressions and resolves them.
//!
//! Takes in a text and its article date ([`crate::article::document::Dct`]);
//! gives out [`timex::Mention`]s — span, TIMEX3 type and value, the interval
//! of local time it denotes, the rule used and what was assumed. The word
//! lists ([`grammar`], from `grammar/*.csv`) feed the nom productions
//! ([`tag`]); [`resolve`] is the only code that reads the article date;
//! [`explain`] shows one expression's parse and resolution.

pub mod explain;
pub mod grammar;
pub mod resolve;
pub mod tag;
pub mod timex;

use crate::article::document::Dct;
use tag::Grammar;
use timex::Mention;

/// Finds and resolves every temporal expression in `text`.
pub fn annotate(text: &str, dct: Option<&Dct>, grammar: &Grammar) -> Vec<Mention> {
    let candidates = tag::scan(text, grammar);
    resolve::resolve_all(text, &candidates, dct, grammar)
}
