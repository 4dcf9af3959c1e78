//! Site widgets: a sentence that many articles of one build carry word for
//! word, with nothing around it in common — a feed, a promotion, a box the
//! site puts on every page.
//!
//! Repetition alone is not enough: five outlets running the same wire story
//! carry the same sentences too, and those are one statement with five
//! sources, not furniture. Syndicated copy comes in runs (the sentence
//! before or after is shared as well); a widget stands alone among text
//! that differs from page to page. So a sentence is a widget where it
//! occurs in at least [`MIN_ARTICLES`] articles (and 5% of them) and, in the
//! article at hand, neither the statement before it nor the one after it is
//! found in any other article that carries it.

use crate::article::boilerplate::normalise;
use crate::article::reading::Reading;
use std::collections::{HashMap, HashSet};

/// The fewest articles a widget appears in.
pub const MIN_ARTICLES: usize = 5;

/// A sentence of an article found to be a site widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widget {
    /// Index of the sentence in its reading.
    pub sentence: usize,
    /// "found word for word in 12 articles, with nothing around it shared".
    pub evidence: String,
}

/// For each article (`texts[i]` read as `readings[i]`), its sentences that
/// are site widgets.
pub fn find(texts: &[&str], readings: &[&Reading]) -> Vec<Vec<Widget>> {
    let statements: Vec<Vec<(usize, String)>> = texts
        .iter()
        .zip(readings)
        .map(|(text, r)| statements(text, r))
        .collect();
    find_keyed(&statements)
}

/// An article's statements as [`find`] compares them: each sentence of
/// article text (by index in `reading`) with its normalised words.
pub fn statements(text: &str, r: &Reading) -> Vec<(usize, String)> {
    r.sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            !matches!(
                r.kinds.get(s.block),
                Some(crate::article::boilerplate::BlockKind::Skip(_))
            )
        })
        .map(|(k, s)| (k, normalise(&text[s.start..s.end])))
        .filter(|(_, w)| !w.is_empty())
        .collect()
}

/// An article's statements as a map step carries them: each sentence's
/// byte offset with a 64-bit hash (FxHash) of its normalised words. Two
/// different sentences take one hash about once in 2^64 pairs.
pub fn hashed(text: &str, r: &Reading) -> Vec<(usize, u64)> {
    use std::hash::{Hash, Hasher};
    statements(text, r)
        .into_iter()
        .map(|(k, w)| {
            let mut h = rustc_hash::FxHasher::default();
            w.hash(&mut h);
            (r.sentences[k].start, h.finish())
        })
        .collect()
}

/// [`find`] over each article's statements given as (position, key) in
/// text order: a widget's `sentence` is the position its statement came with.
pub fn find_keyed<K: Eq + std::hash::Hash>(statements: &[Vec<(usize, K)>]) -> Vec<Vec<Widget>> {
    let n = statements.len();
    let mut out = vec![Vec::new(); n];
    let threshold = MIN_ARTICLES.max(n.div_ceil(20));
    if n < threshold {
        return out;
    }
    let mut carriers: HashMap<&K, HashSet<usize>> = HashMap::new();
    for (a, list) in statements.iter().enumerate() {
        for (_, w) in list {
            carriers.entry(w).or_default().insert(a);
        }
    }
    for (a, list) in statements.iter().enumerate() {
        for (pos, (k, w)) in list.iter().enumerate() {
            let Some(with) = carriers.get(w) else {
                continue;
            };
            if with.len() < threshold {
                continue;
            }
            // Is the statement before or after it found in another carrier?
            let shared = |j: Option<usize>| {
                j.and_then(|j| list.get(j))
                    .and_then(|(_, nw)| carriers.get(nw))
                    .is_some_and(|others| others.iter().any(|o| *o != a && with.contains(o)))
            };
            if shared(pos.checked_sub(1)) || shared(Some(pos + 1)) {
                continue;
            }
            out[a].push(Widget {
                sentence: *k,
                evidence: format!(
                    "found word for word in {} of {n} articles, with nothing around it shared",
                    with.len()
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn widgets(texts: &[String]) -> Vec<Vec<String>> {
        let abbr = HashSet::new();
        let readings: Vec<Reading> = texts.iter().map(|t| Reading::of(t, &abbr)).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let rr: Vec<&Reading> = readings.iter().collect();
        find(&refs, &rr)
            .into_iter()
            .zip(&readings)
            .zip(texts)
            .map(|((ws, r), t)| {
                ws.iter()
                    .map(|w| {
                        let s = r.sentences[w.sentence];
                        t[s.start..s.end].to_string()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_promotion_on_every_page_is_a_widget_and_wire_copy_is_not() {
        let promo = "Watch our special on Friday at 9pm.";
        let texts: Vec<String> = (0..6)
            .map(|i| format!("Story {i} begins on Monday.\n{promo}\nStory {i} ends on Tuesday."))
            .collect();
        let got = widgets(&texts);
        assert!(got.iter().all(|w| w == &vec![promo.to_string()]), "{got:?}");

        let wire = "Rebels took the port on Monday.\nThe army withdrew on Tuesday.\nTalks resume on Friday.";
        let texts: Vec<String> = (0..6)
            .map(|i| format!("Outlet {i} reports.\n{wire}\nOutlet {i} adds its own line."))
            .collect();
        assert!(widgets(&texts).iter().all(Vec::is_empty));
    }

    #[test]
    fn too_few_articles_have_no_widgets() {
        let texts: Vec<String> = (0..4)
            .map(|i| format!("Story {i}.\nWatch our special on Friday.\nEnd {i}."))
            .collect();
        assert!(widgets(&texts).iter().all(Vec::is_empty));
    }
}
