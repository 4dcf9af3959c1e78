//! Content words of a sentence, for telling whether two statements report
//! the same happening: lower-cased, stripped of common suffixes, without
//! function words, reporting verbs or tokenisation marks.

/// Words with their offsets: read in [`crate::article::sentences`], where
/// the engine's tense reader finds them too.
pub use crate::article::sentences::{Word, words};

/// Words that carry no content.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "al",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "away",
    "back",
    "be",
    "became",
    "because",
    "become",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "neither",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "put",
    "rather",
    "same",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "mr",
    "mrs",
    "ms",
    "dr",
    "s",
    "t",
    "n't",
    "lrb",
    "rrb",
    "lsb",
    "rsb",
    "lcb",
    "rcb",
    "new",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "first",
    "second",
    "third",
    "time",
    "times",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "today",
    "yesterday",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "night",
    "tonight",
    "earlier",
    "later",
    "late",
    "early",
    "recently",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "hour",
    "hours",
    "minute",
    "minutes",
    "there's",
    "it's",
    "that's",
    "he's",
    "she's",
    "we're",
    "they're",
    "i'm",
    "don't",
    "didn't",
    "won't",
    "can't",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "hasn't",
    "haven't",
    "hadn't",
];

/// Verbs that report speech; they say who said it, not what happened.
const REPORTING: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "according",
    "report",
    "reports",
    "reported",
    "reporting",
    "state",
    "stated",
    "note",
    "noted",
    "notes",
    "claim",
    "claimed",
    "claims",
    "quote",
    "quoted",
    "insisted",
    "stressed",
    "explained",
    "asked",
    "replied",
];

/// True for a word (lower-case) that carries no content.
pub fn is_stopword(w: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(w)
}

/// True for a reporting verb (lower-case).
pub fn is_reporting(w: &str) -> bool {
    REPORTING.contains(&w)
}

/// The term a word contributes, or `None` for function words, numbers and
/// tokenisation marks. Names keep their identity; other words are stemmed.
pub fn term(word: &str) -> Option<String> {
    let lower = word.to_lowercase().replace('’', "'");
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(&lower)
        .to_string();
    if lower.len() < 2 || is_stopword(&lower) || is_reporting(&lower) {
        return None;
    }
    if lower
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    Some(stem(&lower))
}

/// A light stemmer: drops common inflections and keeps at most 7 characters.
pub fn stem(w: &str) -> String {
    let mut s = w;
    for suffix in ["ings", "ing", "ied", "ies", "ed", "es", "s"] {
        if let Some(rest) = s.strip_suffix(suffix)
            && rest.chars().count() >= 3
            && !(suffix == "s" && rest.ends_with('s'))
        {
            s = rest;
            break;
        }
    }
    s.chars().take(7).collect()
}

/// A subject to keep a timeline to (`--about "Conrad Murray"`): the terms of
/// its words, every one of which a text must use to be about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The words as given.
    pub words: String,
    terms: Vec<String>,
}

impl Subject {
    /// The subject `words` names, or `None` when they hold no content word
    /// ("the", "2010").
    pub fn new(words: &str) -> Option<Subject> {
        let mut terms: Vec<String> = self::words(words)
            .iter()
            .filter_map(|w| term(w.text))
            .collect();
        terms.sort();
        terms.dedup();
        (!terms.is_empty()).then(|| Subject {
            words: words.trim().to_string(),
            terms,
        })
    }

    /// True when `text` uses every term of the subject.
    pub fn in_text(&self, text: &str) -> bool {
        let mut found = vec![false; self.terms.len()];
        for w in self::words(text) {
            // cheap test first: a term starts with the word's first letter
            let Some(first) = w.text.chars().next().map(|c| c.to_lowercase().next()) else {
                continue;
            };
            if !self.terms.iter().any(|t| t.chars().next() == first) {
                continue;
            }
            if let Some(t) = term(w.text)
                && let Ok(k) = self.terms.binary_search(&t)
            {
                found[k] = true;
                if found.iter().all(|&f| f) {
                    return true;
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_is_every_content_word_in_any_form() {
        let s = Subject::new("Conrad Murray's").unwrap();
        assert!(s.in_text("Dr Conrad Murray was sentenced."));
        assert!(s.in_text("MURRAY 'S lawyer, CONRAD"));
        assert!(!s.in_text("Dr Murray was sentenced."));
        let rig = Subject::new("the rigs").unwrap();
        assert!(rig.in_text("The rig exploded."));
        assert!(Subject::new("the 2010").is_none());
    }

    #[test]
    fn terms_drop_function_words_and_conflate_inflections() {
        assert_eq!(term("The"), None);
        assert_eq!(term("said"), None);
        assert_eq!(term("2016"), None);
        assert_eq!(term("killed"), term("killing"));
        assert_eq!(term("talks"), term("talk"));
        assert_eq!(term("Kerry's"), Some("kerry".into()));
        assert_eq!(term("cooperation"), term("cooperations"));
    }

    #[test]
    fn words_keep_inner_marks() {
        let w: Vec<&str> = words("U.S.-Russian al-Assad's “deal”, -LRB- x")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(w, vec!["U.S", "Russian", "al-Assad's", "deal", "LRB", "x"]);
    }
}
