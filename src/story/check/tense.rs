//! Tense: an explicit or article-relative date after the article's own day
//! in a clause told in the past tense, or before it in the future tense.
//! The clause is read by the engine's one tense reader
//! ([`crate::engine::tense::of_clause`]).

use super::analysis::{Analysis, in_quotes, is_dating, tense_free_rule};
use super::report::{Finding, Kind};
use crate::article::document::DctSource;
use crate::engine::tense::{self, Tense};
use crate::story::timeline::{self};
use chrono::Duration;

/// The expression ending at byte `end` is a possessive ("yesterday's call
/// volume", "tomorrow 's event"): it names a thing, it does not date the
/// clause's verb.
fn names_a_thing(s: &str, end: usize) -> bool {
    let rest = s.get(end..).unwrap_or("").trim_start();
    rest.starts_with("'s ") || rest.starts_with("’s ") || rest == "'s" || rest == "’s"
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
                if in_quotes(stext, rs) || names_a_thing(stext, re) || deadline(stext, rs) {
                    continue;
                }
                let reading = tense::of_clause(stext, rs, re);
                let kind = match reading.tense {
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
