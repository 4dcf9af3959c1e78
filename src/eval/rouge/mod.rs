//! ROUGE-1 and ROUGE-2 counts exactly as ROUGE-1.5.5.pl computes them with
//! the options the timeline-summarisation literature uses (tilse, news-tls:
//! `-n 2 -x -f A -d -m -s -t 2` — Porter-stem, drop stop words, raw counts),
//! in Rust, so that `timeline-eval` needs no Perl.
//!
//! A summary is a list of sentences. Its tokens:
//! 1. each sentence up to its first `<` (the Perl SEE reader's `([^<]+)`;
//!    a sentence with nothing before `<` is dropped), A–Z lower-cased;
//! 2. the sentences joined with one space; `-` → ` - `; every character
//!    but `[A-Za-z0-9-]` → a space; split on white space;
//! 3. tokens of the SMART stop list (`smart_common_words.txt`, 598 words,
//!    ROUGE's `data/smart_common_words.txt`) dropped, before stemming;
//!    tokens not starting with `[a-z0-9$]` dropped (so a lone `-` goes);
//! 4. tokens longer than 3 characters: the WordNet 2.0 exception list
//!    (`wordnet_exceptions.tsv`, 5,930 entries: ROUGE's `WordNet-2.0.exc.db`
//!    as its `buildExeptionDB.pl` builds it) when listed, else ROUGE's own
//!    Porter stemmer ([`porter`]).
//!
//! n-grams run over the whole token list, across sentence boundaries. hits
//! = Σ over the model's n-grams of min(count in peer, count in model); with
//! several models the hits, peer and model counts are summed over models.
//! The counts match ROUGE-1.5.5.pl's `-t 2` output on the pairs in
//! `tests/fixtures/rouge/`.

pub mod porter;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const SMART: &str = include_str!("smart_common_words.txt");
const EXCEPTIONS: &str = include_str!("wordnet_exceptions.tsv");

fn stop_words() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| SMART.lines().filter(|l| !l.is_empty()).collect())
}

fn exceptions() -> &'static HashMap<&'static str, &'static str> {
    static E: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    E.get_or_init(|| {
        EXCEPTIONS
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// The form ROUGE-1.5.5 compares a token by: its WordNet exception, or its
/// Porter stem, for tokens longer than 3 characters.
pub fn morph(token: &str) -> String {
    if token.len() <= 3 {
        return token.to_string();
    }
    match exceptions().get(token) {
        Some(base) => (*base).to_string(),
        None => porter::stem(token),
    }
}

/// The tokens ROUGE-1.5.5 counts in a summary of `sentences`.
pub fn tokens<S: AsRef<str>>(sentences: &[S]) -> Vec<String> {
    let mut text = String::new();
    for s in sentences {
        let s = s.as_ref();
        let kept = s.split('<').next().unwrap_or("");
        if kept.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.extend(kept.chars().map(|c| c.to_ascii_lowercase()));
    }
    let mut spaced = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '-' => spaced.push_str(" - "),
            c if c.is_ascii_alphanumeric() => spaced.push(c),
            _ => spaced.push(' '),
        }
    }
    let stop = stop_words();
    spaced
        .split_ascii_whitespace()
        .filter(|t| !stop.contains(t))
        .filter(|t| {
            t.as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'$')
        })
        .map(morph)
        .collect()
}

/// A summary's 1-gram and 2-gram counts, made once and compared many times.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    grams: [HashMap<Vec<u32>, u32>; 2],
    totals: [u32; 2],
}

/// Token ids shared by the summaries of one evaluation, so n-grams compare as numbers.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, t: String) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(t).or_insert(next)
    }

    /// The counts of a summary of `sentences`.
    pub fn summary<S: AsRef<str>>(&mut self, sentences: &[S]) -> Summary {
        let ids: Vec<u32> = tokens(sentences).into_iter().map(|t| self.id(t)).collect();
        let mut grams: [HashMap<Vec<u32>, u32>; 2] = Default::default();
        let mut totals = [0u32; 2];
        for n in 1..=2 {
            for g in ids.windows(n) {
                *grams[n - 1].entry(g.to_vec()).or_insert(0) += 1;
                totals[n - 1] += 1;
            }
        }
        Summary { grams, totals }
    }
}

/// ROUGE-`n` counts of a peer against models: (hits, peer n-grams, model
/// n-grams), each summed over the models, as `-t 2` reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub hits: u64,
    pub peer: u64,
    pub model: u64,
}

/// [`Counts`] of `peer` against `models` for n = 1 or 2.
pub fn counts(peer: &Summary, models: &[&Summary], n: usize) -> Counts {
    assert!((1..=2).contains(&n), "ROUGE-{n}: only 1 and 2 are counted");
    let pg = &peer.grams[n - 1];
    let mut c = Counts::default();
    for m in models {
        c.model += u64::from(m.totals[n - 1]);
        c.peer += u64::from(peer.totals[n - 1]);
        c.hits += m.grams[n - 1]
            .iter()
            .map(|(g, &k)| u64::from(k.min(pg.get(g).copied().unwrap_or(0))))
            .sum::<u64>();
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_rouge_155() {
        // Stop words ("well", "was", "the") go before stemming, "-" is its
        // own (dropped) token, text after "<" is ignored, and "'s" splits
        // into a dropped "s".
        assert_eq!(
            tokens(&["BP's well-head was capped <b>ignored", "The leak STOPPED."]),
            vec!["bp", "head", "cap", "leak", "stop"]
        );
        assert_eq!(tokens(&["<x>", "Rescuers"]), vec!["rescuer"]);
        assert!(tokens::<&str>(&[]).is_empty());
        // WordNet exceptions win over the stemmer.
        assert_eq!(morph("geese"), "goose");
        assert_eq!(morph("was"), "was");
    }

    #[test]
    fn counts_clip_hits_and_sum_over_models() {
        let mut i = Interner::default();
        let peer = i.summary(&["oil oil leak"]);
        let m1 = i.summary(&["oil leak leak"]);
        let m2 = i.summary(&["spill"]);
        let c = counts(&peer, &[&m1], 1);
        assert_eq!((c.hits, c.peer, c.model), (2, 3, 3));
        let c = counts(&peer, &[&m1, &m2], 1);
        assert_eq!((c.hits, c.peer, c.model), (2, 6, 4));
        let c = counts(&peer, &[&m1], 2);
        assert_eq!((c.hits, c.peer, c.model), (1, 2, 2));
    }
}
