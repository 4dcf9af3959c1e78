//! Calendar findings the resolver records: a weekday that does not match
//! its date, a date that does not exist.

use super::analysis::Analysis;
use super::report::{Cite, Finding, Kind};
use crate::engine::timex::Mention;
use chrono::{Duration, NaiveDate};

/// "the text says Friday but 2016-07-16 is a Saturday; the date is kept"
pub(super) fn weekday_finding(cite: Cite, m: &Mention, rest: &str) -> Finding {
    let said = rest.split_whitespace().next().unwrap_or("");
    let date = rest
        .split_whitespace()
        .find_map(|w| NaiveDate::parse_from_str(w, "%Y-%m-%d").ok());
    let nearest = date.and_then(|date| {
        (-3..=3)
            .map(|k| date + Duration::days(k))
            .find(|x| x.format("%A").to_string() == said)
    });
    let hint = match (date, nearest) {
        (Some(date), Some(n)) => format!(
            " {} is a {}; the nearest {said} is {}. Either the weekday or the date is wrong.",
            date.format("%-d %B %Y"),
            date.format("%A"),
            n.format("%-d %B %Y")
        ),
        _ => String::new(),
    };
    Finding {
        kind: Kind::WeekdayMismatch,
        title: format!("“{}”: {}", m.text, rest.split(';').next().unwrap_or(rest)),
        detail: format!("The text says {rest}; the timeline uses the date.{hint}"),
        cites: vec![cite],
        calibration: "",
    }
}

/// True when the words of a date give its year ("June 31, 2016", "'16"),
/// not Chronicler.
fn gives_year(words: &str) -> bool {
    let b = words.as_bytes();
    b.windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
        || b.windows(3)
            .any(|w| matches!(w[0], b'\'') && w[1..].iter().all(u8::is_ascii_digit))
}

impl<'s> Analysis<'s> {
    /// What the resolver found impossible or self-contradictory.
    pub(super) fn resolver_findings(&self, out: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            for m in &doc.mentions {
                if m.rule.starts_with("impossible date") {
                    let v = &m.timex.value;
                    let (y, mo) = (
                        v.get(..4).and_then(|s| s.parse::<i32>().ok()),
                        v.get(5..7).and_then(|s| s.parse::<u32>().ok()),
                    );
                    let days = match (y, mo) {
                        (Some(y), Some(mo)) => crate::article::document::days_in_month(y, mo)
                            .map(|n| {
                                format!(
                                    " ({} {y} has {n} days)",
                                    crate::story::timeline::MONTHS[mo as usize - 1]
                                )
                            })
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    let leap_day = mo == Some(2) && v.get(8..10) == Some("29");
                    if leap_day && !gives_year(&m.text) {
                        // "Turkish troops withdrew on February 29": the day
                        // exists; the year Chronicler supplied is no leap year.
                        let year = y.map(|y| y.to_string()).unwrap_or_default();
                        out.push(Finding {
                            kind: Kind::SuppliedYear,
                            title: format!(
                                "“{}” was given the year {year}, which has no 29 February: the year is wrong",
                                m.text
                            ),
                            detail: format!(
                                "The words give no year; Chronicler supplied {year}, not a leap year, so the date is \
                                 left out of the timeline. The text is not at fault: find the year the story means."
                            ),
                            cites: vec![self.cite_mention(d, m)],
                            calibration: "",
                        });
                        continue;
                    }
                    out.push(Finding {
                        kind: Kind::ImpossibleDate,
                        title: format!("“{}” does not exist{days}", m.text),
                        detail: format!(
                            "“{}” would be {v}, a date that does not exist{days}; it is left out of the timeline. \
                             Check the day and the month against the source.",
                            m.text
                        ),
                        cites: vec![self.cite_mention(d, m)],
                        calibration: "",
                    });
                }
                for a in &m.assumptions {
                    if let Some(rest) = a.strip_prefix("the text says ") {
                        out.push(weekday_finding(self.cite_mention(d, m), m, rest));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::gives_year;

    #[test]
    fn years_in_the_words() {
        for (words, yes) in [
            ("February 29", false),
            ("on 29 February", false),
            ("February 29, 1995", true),
            ("Feb. 29 '95", true),
            ("29/2", false),
        ] {
            assert_eq!(gives_year(words), yes, "{words:?}");
        }
    }
}
