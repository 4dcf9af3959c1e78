//! `chronicler explain`: why an expression resolved the way it did.
use crate::{Dct, Grammar, Mention};
use serde::Serialize;
use std::fmt;

/// The parse and resolution of one expression, for a person asking "why this date?".
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub input: String,
    pub dct: Option<Dct>,
    pub mentions: Vec<Mention>,
}

pub fn explain(input: &str, dct: Option<&Dct>, grammar: &Grammar) -> Explanation {
    Explanation {
        input: input.to_string(),
        dct: dct.cloned(),
        mentions: crate::annotate(input, dct, grammar),
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "input: {}", self.input)
    }
}
