//! Datelines: "MOSCOW (Reuters) -", "Moscow:", "CAIRO, Egypt (CNN) --".
//!
//! A dateline opens one of the first blocks of an article: a place name in
//! capitals or title case, maybe ", Country" and "(Agency)", then a dash or a
//! colon. The place is looked up in `grammar/datelines.csv`
//! ([`crate::engine::grammar::Lexicon::datelines`]), which gives its country and IANA time zone.

use crate::article::sentences::Block;
use crate::engine::tag::Grammar;
use serde::{Deserialize, Serialize};

/// How many blocks from the top a dateline may open.
const SEARCH_BLOCKS: usize = 8;

/// A dateline found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place as the text writes it ("MOSCOW").
    pub place: String,
    pub country: String,
    /// IANA zone of the place.
    pub zone: String,
    /// Byte offsets of the whole dateline, separator included.
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
}

const SEPARATORS: [&str; 7] = [" -- ", " — ", " – ", " - ", "—", ": ", " : "];

/// The dateline opening one of the first blocks of `text`, if any.
pub fn find(text: &str, blocks: &[Block], grammar: &Grammar) -> Option<Dateline> {
    blocks
        .iter()
        .take(SEARCH_BLOCKS)
        .find_map(|b| at_start(text, b.start, b.end, grammar))
}

/// A dateline at the very start of `text[start..end]`.
pub fn at_start(text: &str, start: usize, end: usize, grammar: &Grammar) -> Option<Dateline> {
    let s = &text[start..end];
    let window = &s[..floor_boundary(s, 80)];
    let (cut, sep) = SEPARATORS
        .iter()
        .filter_map(|sep| window.find(sep).map(|i| (i, *sep)))
        .min_by_key(|(i, sep)| (*i, std::cmp::Reverse(sep.len())))?;
    let mut head = s[..cut].trim();
    // "(Reuters)", "(CNN)".
    if head.ends_with(')')
        && let Some(open) = head.rfind('(')
    {
        head = head[..open].trim_end();
    }
    let place = head.split(',').next()?.trim();
    if place.is_empty() || place.split_whitespace().count() > 4 {
        return None;
    }
    let capitalised = place
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !capitalised {
        return None;
    }
    let entry = grammar.datelines.get(place)?;
    Some(Dateline {
        place: place.to_string(),
        country: entry.country.clone(),
        zone: entry.zone.name().to_string(),
        byte_start: start,
        byte_end: start + cut + sep.len(),
    })
}

fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::sentences::blocks;

    fn place(text: &str) -> Option<(String, String)> {
        let g = Grammar::embedded();
        find(text, &blocks(text), g).map(|d| (d.place, d.zone))
    }

    #[test]
    fn agency_datelines() {
        assert_eq!(
            place("Title\n\nMOSCOW (Reuters) - Kerry said."),
            Some(("MOSCOW".into(), "Europe/Moscow".into()))
        );
        assert_eq!(
            place("CAIRO, Egypt (CNN) -- Protesters gathered."),
            Some(("CAIRO".into(), "Africa/Cairo".into()))
        );
        assert_eq!(
            place("Moscow: The top diplomats met."),
            Some(("Moscow".into(), "Europe/Moscow".into()))
        );
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        assert_eq!(place("Kerry: we met in Moscow."), None);
        assert_eq!(place("the moscow - talks"), None);
        assert_eq!(place("Salazar : ` This is a BP mess"), None);
    }

    #[test]
    fn dateline_span_covers_separator() {
        let text = "MOSCOW - U.S. Secretary";
        let g = Grammar::embedded();
        let d = find(text, &blocks(text), g).unwrap();
        assert_eq!(&text[d.byte_start..d.byte_end], "MOSCOW - ");
    }
}
