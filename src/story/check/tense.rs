//! Tense: an explicit or article-relative date after the article's own day
//! in a clause told in the past tense, or before it in the future tense.
//! The clause reader (`clause_tense`) is the second tense reader of the
//! code base, to be one with the resolver's.

use super::analysis::{Analysis, in_quotes, is_dating, tense_free_rule};
use super::report::{Finding, Kind};
use crate::article::document::DctSource;
use crate::story::terms;
use crate::story::timeline::{self};
use chrono::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Unknown,
}

/// Words that open a new clause.
pub(super) const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "that", "which", "who", "when", "while", "after", "before", "because", "as",
    "where", "although", "though", "if", "until", "since",
];

/// What a word says of the tense of its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    Past,
    /// "will", "is to", "due to" …
    Future,
    /// Present tense, modals and infinitives: not past, not surely future.
    Other,
}

pub(super) fn cue(w: &str, next: Option<&str>) -> Option<Cue> {
    if matches!(w, "will" | "shall" | "won't") || w.ends_with("'ll") {
        return Some(Cue::Future);
    }
    if matches!(
        w,
        "is" | "are" | "going" | "due" | "scheduled" | "expected" | "set"
    ) && next == Some("to")
    {
        return Some(Cue::Future);
    }
    if matches!(
        w,
        "would"
            | "could"
            | "may"
            | "might"
            | "can"
            | "must"
            | "should"
            | "upcoming"
            | "scheduled"
            | "expected"
            | "planned"
            | "plans"
            | "plan"
            | "due"
            | "set"
            | "next"
            | "intends"
            | "aims"
            | "hopes"
            | "is"
            | "are"
            | "am"
            | "be"
            | "says"
            | "say"
            | "tells"
            | "to"
    ) {
        return Some(Cue::Other);
    }
    // the resolver's past cues, plus reporting verbs and a few more events
    let past = crate::engine::resolve::PAST_FORMS.contains(&w)
        || matches!(
            w,
            "said" | "told" | "flew" | "arrived" | "signed" | "struck" | "broke" | "ended" | "died"
        )
        || (crate::engine::resolve::regular_past(w) && !matches!(w, "proposed" | "united"));
    past.then_some(Cue::Past)
}

/// The tense cues of `s`, with the index of their word.
pub(super) fn cues(s: &str) -> Vec<(usize, Cue)> {
    let words: Vec<String> = terms::words(s)
        .into_iter()
        .map(|w| w.text.to_lowercase().replace('’', "'"))
        .collect();
    words
        .iter()
        .enumerate()
        .filter_map(|(k, w)| cue(w, words.get(k + 1).map(String::as_str)).map(|c| (k, c)))
        .collect()
}

/// The tense of the clause holding bytes `start..end` of sentence `s`, read
/// conservatively: past only when a past-tense verb and no present or future
/// cue is in the clause; future only for "will" and the like without a past
/// verb. A fronted date ("On July 18, 2016, the spokesman said …") takes the
/// tense of the first verb of the clause that follows it.
pub(super) fn clause_tense(s: &str, start: usize, end: usize) -> Tense {
    // Clause bounds: punctuation, or a word that opens a clause.
    let is_mark = |c: char| {
        matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '—' | '–' | '"' | '“' | '”' | '|'
        )
    };
    let mut from = s[..start].rfind(is_mark).map_or(0, |i| i + 1);
    let mut to = s[end..].find(is_mark).map_or(s.len(), |i| end + i);
    let base = from;
    if let Some(w) = terms::words(&s[base..start])
        .into_iter()
        .rfind(|w| CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()))
    {
        from = base + w.end;
    }
    if let Some(w) = terms::words(&s[end..to])
        .into_iter()
        .find(|w| CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()))
    {
        to = end + w.start;
    }
    // Cues with their distance in words from the expression.
    let before_words = terms::words(&s[from..start]).len();
    let mut found: Vec<(usize, Cue)> = cues(&s[from..start])
        .into_iter()
        .map(|(k, c)| (before_words - k, c))
        .collect();
    for (k, c) in cues(&s[end..to]) {
        found.push((k + 1, c));
    }
    let fronted = terms::words(&s[from..start]).iter().all(|w| {
        matches!(
            w.text.to_lowercase().as_str(),
            "on" | "in" | "at" | "during" | "by"
        )
    }) && before_words == 1;
    if found.is_empty() {
        if !fronted {
            return Tense::Unknown;
        }
        // A fronted date ("On July 18, 2016, …"): the next clause's first verb.
        let rest = s[to..].trim_start_matches(is_mark);
        let next_end = rest.find(is_mark).unwrap_or(rest.len());
        return match cues(&rest[..next_end]).first() {
            Some((_, Cue::Past)) => Tense::Past,
            Some((_, Cue::Future)) => Tense::Future,
            _ => Tense::Unknown,
        };
    }
    // The verb must be near: "lost my vote for … the presidency in 2012" is
    // about the presidency, not the losing.
    let near = found.iter().map(|&(d, _)| d).min().unwrap_or(usize::MAX) <= 8;
    let past = found.iter().any(|&(_, c)| c == Cue::Past);
    if found.iter().any(|&(_, c)| c == Cue::Future) && !past && near {
        Tense::Future
    } else if past && found.iter().all(|&(_, c)| c == Cue::Past) && near {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

impl<'s> Analysis<'s> {
    /// Dates on the wrong side of the article date for the clause's tense.
    pub(super) fn tense(&self, out: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            let Some(dct) = &doc.dct else { continue };
            let day_start = dct.date.and_hms_opt(0, 0, 0).unwrap_or_default();
            let day_end = day_start + Duration::days(1);
            for m in &doc.mentions {
                let Some(iv) = m.timex.interval else { continue };
                if !tense_free_rule(&m.rule) || !is_dating(m) {
                    continue;
                }
                let Some(s) = doc.sentence_at(m.byte_start) else {
                    continue;
                };
                let stext = &doc.text[s.start..s.end];
                let (rs, re) = (m.byte_start - s.start, m.byte_end.min(s.end) - s.start);
                if in_quotes(stext, rs) {
                    continue;
                }
                let tense = clause_tense(stext, rs, re);
                let kind = match tense {
                    Tense::Past if iv.start >= day_end => Kind::PastAfterArticleDate,
                    Tense::Future if iv.end <= day_start => Kind::FutureBeforeArticleDate,
                    _ => continue,
                };
                let when = timeline::display_date(
                    &m.timex.value,
                    m.timex.modifier,
                    m.timex.granularity,
                    Some(iv),
                );
                let article = format!("{} ({})", dct.date, dct.date.format("%A"));
                let inferred = if matches!(dct.source, DctSource::Inferred(_)) {
                    " The article date was inferred: it may be the article date that is wrong."
                } else {
                    ""
                };
                let (title, detail) = match kind {
                    Kind::PastAfterArticleDate => (
                        format!(
                            "“{}” ({when}) is after the article's date but told in the past tense",
                            m.text
                        ),
                        format!(
                            "The article is dated {article}; “{}” resolves to {when}, later, yet the clause is in the past tense. \
                             Either the date or the article date is wrong.{inferred}",
                            m.text
                        ),
                    ),
                    _ => (
                        format!(
                            "“{}” ({when}) is before the article's date but told in the future tense",
                            m.text
                        ),
                        format!(
                            "The article is dated {article}; “{}” resolves to {when}, earlier, yet the clause is in the future tense. \
                             Either the date or the article date is wrong.{inferred}",
                            m.text
                        ),
                    ),
                };
                out.push(Finding {
                    kind,
                    title,
                    detail,
                    cites: vec![self.cite_mention(d, m)],
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_tense_reads_the_verbs() {
        let t = |s: &str, w: &str| {
            let i = s.find(w).unwrap();
            clause_tense(s, i, i + w.len())
        };
        assert_eq!(
            t("Kerry met Putin on July 20, 2016.", "July 20, 2016"),
            Tense::Past
        );
        assert_eq!(
            t("Kerry will meet Lavrov on July 10, 2016.", "July 10, 2016"),
            Tense::Future
        );
        assert_eq!(
            t(
                "UN envoy de Mistura urged Russia to push for a resumption of the talks next month.",
                "next month"
            ),
            Tense::Unknown
        );
        assert_eq!(
            t("Kerry said on July 20 that he will return.", "July 20"),
            Tense::Past
        );
        assert_eq!(
            t(
                "On July 18, 2016, White House spokesman Josh Earnest said the US is not ready.",
                "July 18, 2016"
            ),
            Tense::Past
        );
    }
}
