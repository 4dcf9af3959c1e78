//! Tense: an explicit or article-relative date after the article's own day
//! in a clause told in the past tense, or before it in the future tense.
//! The clause is read by the engine's one tense reader
//! ([`crate::engine::tense::of_clause`]).

use super::analysis::{Analysis, in_quotes, is_dating, tense_free_rule};
use super::report::{Finding, Kind};
use crate::article::document::DctSource;
use crate::article::sentences::words;
use crate::engine::tense::CLAUSE_WORDS;
use crate::engine::tense::{self, Tense};
use crate::story::timeline::{self};
use chrono::{Datelike, Duration};

/// The expression ending at byte `end` is a possessive ("yesterday's call
/// volume", "tomorrow 's event"): it names a thing, it does not date the
/// clause's verb.
fn names_a_thing(s: &str, end: usize) -> bool {
    let rest = s.get(end..).unwrap_or("").trim_start();
    rest.starts_with("'s ") || rest.starts_with("’s ") || rest == "'s" || rest == "’s"
}

/// The expression at bytes `start..end` modifies the noun after it ("the
/// band's 1994 world tour", "the 12 May deadline"): it dates the thing, not
/// the clause's verb. A determiner or a possessive before it, a lowercase
/// word after it that is not a preposition, verb or clause word.
fn attributive(s: &str, start: usize, end: usize) -> bool {
    let before = words(s.get(..start).unwrap_or(""));
    let after = words(s.get(end..).unwrap_or(""));
    let Some(prev) = before
        .last()
        .map(|w| w.text.to_lowercase().replace('’', "'"))
    else {
        return false;
    };
    // "the band's 1994", and "the band 's 1994" of tokenised text
    let head = s[..start].trim_end();
    let possessive = head.ends_with("'s") || head.ends_with("’s");
    let determiner = matches!(
        prev.as_str(),
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "my" | "your" | "this"
    );
    let Some(next) = after.first() else {
        return false;
    };
    let n = next.text;
    (possessive || determiner)
        && n.chars().next().is_some_and(|c| c.is_lowercase())
        && !NOT_NOUNS.contains(&n.to_lowercase().as_str())
        && !tense::regular_past(n)
        && !CLAUSE_WORDS.contains(&n)
}

/// Words that follow a date without being the noun it modifies.
const NOT_NOUNS: &[&str] = &[
    "in", "on", "at", "to", "of", "for", "from", "by", "with", "was", "were", "is", "are", "will",
    "would", "has", "had", "have", "be", "been", "said", "says", "or", "so",
];

/// "poorer than last year", "compared with 2009": the date is what the
/// clause is measured against, not when it happens.
fn comparison(s: &str, start: usize) -> bool {
    let before = words(s.get(..start).unwrap_or(""));
    let last: Vec<String> = before
        .iter()
        .rev()
        .take(2)
        .map(|w| w.text.to_lowercase())
        .collect();
    match last.as_slice() {
        [w, ..] if w == "than" => true,
        [w, v] if (w == "with" || w == "to") && (v == "compared" || v == "comparison") => true,
        _ => false,
    }
}

/// The expression names a weekday ("Saturday, April 25", "Mon., Oct. 26")
/// and `date` falls on it.
fn weekday_confirms(text: &str, date: chrono::NaiveDate) -> bool {
    let day = date.format("%A").to_string().to_lowercase();
    words(text).iter().any(|w| {
        let w = w.text.trim_end_matches('.').to_lowercase();
        w.len() >= 3 && day.starts_with(&w)
    })
}

/// "by 27 July", "until Friday": a deadline, told from before it whatever
/// the verb's tense ("finishing by 27 July was possible").
fn deadline(s: &str, start: usize) -> bool {
    let before = s.get(..start).unwrap_or("");
    let last = before.split_whitespace().last().unwrap_or("");
    last.eq_ignore_ascii_case("by") || last.eq_ignore_ascii_case("until")
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
                if !tense_free_rule(&m.rule) || !is_dating(m) || m.role.is_some() {
                    continue;
                }
                let Some(s) = doc.sentence_at(m.byte_start) else {
                    continue;
                };
                let stext = &doc.text[s.start..s.end];
                let (rs, re) = (m.byte_start - s.start, m.byte_end.min(s.end) - s.start);
                if in_quotes(stext, rs)
                    || names_a_thing(stext, re)
                    || deadline(stext, rs)
                    || attributive(stext, rs, re)
                    || comparison(stext, rs)
                {
                    continue;
                }
                let reading = tense::of_clause(stext, rs, re);
                let kind = match reading.tense {
                    Tense::Past if iv.start >= day_end => Kind::PastAfterArticleDate,
                    Tense::Future if iv.end <= day_start => Kind::FutureBeforeArticleDate,
                    _ => continue,
                };
                // "died on 25 June" in a February article, read as the coming
                // June: the year is Chronicler's guess, not the article's.
                let supplied = m.rule.contains("year from the article date");
                // "an editorial on Saturday, April 25" the day before: the
                // weekday the text gives confirms the year supplied
                if supplied && weekday_confirms(&m.text, iv.start.date()) {
                    continue;
                }
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
                let (kind, title, detail) = if supplied {
                    let year = iv.start.date().year();
                    let (side, told, likely) = if kind == Kind::PastAfterArticleDate {
                        ("after", "past", year - 1)
                    } else {
                        ("before", "future", year + 1)
                    };
                    (
                        Kind::SuppliedYear,
                        format!(
                            "“{}” was read as {when}, {side} the article's date, but the clause is in the {told} tense: likely {likely}",
                            m.text,
                        ),
                        format!(
                            "The words give no year; Chronicler took {year} from the article date ({article}). The clause is in the {told} tense{}, \
                             so the year is more likely {likely}: check the timeline's row for it before trusting its year.{inferred}",
                            reading.why()
                        ),
                    )
                } else {
                    let (title, detail) = match kind {
                        Kind::PastAfterArticleDate => (
                            format!(
                                "“{}” ({when}) is after the article's date but told in the past tense",
                                m.text
                            ),
                            format!(
                                "The article is dated {article}; “{}” resolves to {when}, later, yet the clause is in the past tense{}. \
                             Either the date or the article date is wrong.{inferred}",
                                m.text,
                                reading.why()
                            ),
                        ),
                        _ => (
                            format!(
                                "“{}” ({when}) is before the article's date but told in the future tense",
                                m.text
                            ),
                            format!(
                                "The article is dated {article}; “{}” resolves to {when}, earlier, yet the clause is in the future tense{}. \
                             Either the date or the article date is wrong.{inferred}",
                                m.text,
                                reading.why()
                            ),
                        ),
                    };
                    (kind, title, detail)
                };
                out.push(Finding {
                    kind,
                    title,
                    detail,
                    cites: vec![self.cite_mention(d, m)],
                    calibration: "",
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_things_and_of_comparisons_do_not_date_the_verb() {
        // (sentence, expression, attributive, comparison)
        let table: &[(&str, &str, bool, bool)] = &[
            (
                "Footage of the band 's 1994 world tour is due to go on sale .",
                "1994",
                true,
                false,
            ),
            (
                "Tickets for the band's 1994 tour will sell out.",
                "1994",
                true,
                false,
            ),
            ("The 12 May deadline will be missed.", "12 May", true, false),
            (
                "Prices will be higher than last year.",
                "last year",
                false,
                true,
            ),
            ("Sales will fall compared with 2009.", "2009", false, true),
            // dating the verb
            ("The tour will start in 1994 in Oslo.", "1994", false, false),
            ("The band will play on 12 May.", "12 May", false, false),
            ("The 12 May was a Friday.", "12 May", false, false),
            ("He will return next year.", "next year", false, false),
        ];
        for (s, w, attr, comp) in table {
            let i = s.find(w).unwrap();
            assert_eq!(
                attributive(s, i, i + w.len()),
                *attr,
                "attributive: {s:?} at {w:?}"
            );
            assert_eq!(comparison(s, i), *comp, "comparison: {s:?} at {w:?}");
        }
    }

    #[test]
    fn a_weekday_in_the_words_confirms_the_year_supplied() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let table: &[(&str, &str, bool)] = &[
            ("Saturday, April 25", "1998-04-25", true),
            ("Mon., Oct. 26", "1998-10-26", true),
            ("Saturday, April 25", "1997-04-25", false),
            ("25 June", "2010-06-25", false),
            ("June 25", "2010-06-25", false),
        ];
        for (text, date, want) in table {
            assert_eq!(weekday_confirms(text, d(date)), *want, "{text} {date}");
        }
    }

    #[test]
    fn possessives_and_deadlines_do_not_date_the_verb() {
        let s = "NHS Direct are due to release details of yesterday 's call volume.";
        let at = s.find("yesterday").unwrap() + "yesterday".len();
        assert!(names_a_thing(s, at));
        let s = "He was in Rome yesterday.";
        assert!(!names_a_thing(s, s.find("yesterday").unwrap() + 9));
        let s = "Finishing by 27 July was possible.";
        assert!(deadline(s, s.find("27 July").unwrap()));
        assert!(!deadline("He left on 27 July.", 11));
    }
}
