//! Order: "A after B", "N days after", "two days later, on …" against the
//! dates the same sentence gives.

use super::analysis::{Analysis, display, is_dating, squash};
use super::arithmetic::duration_days;
use super::report::{Finding, Kind};
use crate::engine::timex::{Granularity, Interval, Mention, TimexType};
use crate::story::terms;
use chrono::{Duration, NaiveDate};

/// The last ordering word in `between` (lower case): its byte offset and
/// whether it says "after".
pub(super) fn connective(between: &str) -> Option<(usize, bool)> {
    const AFTER: &[&str] = &["after", "following", "later than"];
    const BEFORE: &[&str] = &[
        "before",
        "ahead of",
        "prior to",
        "earlier than",
        "preceding",
    ];
    let mut best: Option<(usize, bool)> = None;
    for (list, after) in [(AFTER, true), (BEFORE, false)] {
        for w in list {
            for (i, _) in between.match_indices(w) {
                let left_ok = i == 0
                    || !between[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                let j = i + w.len();
                let right_ok = !between[j..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if left_ok && right_ok && best.is_none_or(|(b, _)| i > b) {
                    best = Some((i, after));
                }
            }
        }
    }
    best
}

/// The words of a count's anchor for people: "the last date before it" or
/// the day it counts from.
pub(super) fn anchor_text(rule: &str, landed: NaiveDate) -> String {
    // "2 Day after the narrative's last date"
    let mut it = rule.split_whitespace();
    let n = it.next().and_then(|x| x.parse::<f64>().ok());
    let unit = it.next();
    let dir = it.next();
    match (n, unit, dir) {
        (Some(n), Some("Day"), Some(dir)) => {
            let k = n.round() as i64;
            let from = if dir == "after" {
                landed - Duration::days(k)
            } else {
                landed + Duration::days(k)
            };
            format!("{} (the date before it)", from.format("%A %-d %B %Y"))
        }
        _ => "the date before it".to_string(),
    }
}

impl<'s> Analysis<'s> {
    /// "A after B", "N days after", "two days later, on …" against the dates.
    pub(super) fn order(&self, out: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            for s in &doc.sentences {
                let ms = doc.mentions_in(s);
                let dated: Vec<&Mention> = ms
                    .iter()
                    .copied()
                    .filter(|m| is_dating(m) && m.timex.interval.is_some())
                    .collect();
                // Each date against the next ones up to the first that
                // lies wholly after it: a date further on has that one
                // between, and the narrative count before it counts from
                // that one (linear in a sentence of thousands of dates).
                for (k, m1) in dated.iter().enumerate() {
                    let mut next_end = None;
                    for m2 in &dated[k + 1..] {
                        if next_end.is_some_and(|end| m2.byte_start >= end) {
                            break;
                        }
                        if m2.byte_start >= m1.byte_end && next_end.is_none() {
                            next_end = Some(m2.byte_end);
                        }
                        if let Some(f) = self.order_pair(d, doc.text, &ms, m1, m2) {
                            out.push(f);
                        }
                    }
                }
            }
        }
    }

    pub(super) fn order_pair(
        &self,
        d: usize,
        text: &str,
        ms: &[&Mention],
        m1: &Mention,
        m2: &Mention,
    ) -> Option<Finding> {
        let (i1, i2) = (m1.timex.interval?, m2.timex.interval?);
        if m2.byte_start < m1.byte_end {
            return None;
        }
        let between = &text[m1.byte_end..m2.byte_start];
        // "Two days later, on July 20": a narrative count next to a date.
        if let Some(f) = self.count_next_to_date(d, between, m1, m2) {
            return Some(f);
        }
        // Nothing else dated in between: "1979: … after … 1983: … 1989".
        if ms.iter().any(|m| {
            m.byte_start >= m1.byte_end
                && m.byte_end <= m2.byte_start
                && is_dating(m)
                && m.timex.interval.is_some()
        }) {
            return None;
        }
        let lower = between.to_lowercase();
        let (pos, after) = connective(&lower)?;
        // The connective ties the two: close to the first, and the second in
        // its clause ("Friday came two days after the attack on Thursday").
        let tail = &between[pos..];
        if terms::words(&between[..pos]).len() > 6
            || between[..pos].contains([',', ';', ':', '—', '(', ')', '|'])
            || terms::words(tail).len() > 9
            || tail.contains([',', ';', ':', '—', '(', ')', '|'])
        {
            return None;
        }
        // A count right before the connective ("two days after").
        let count = ms
            .iter()
            .filter(|m| m.timex.kind == TimexType::Duration)
            .filter(|m| m.byte_start >= m1.byte_end && m.byte_end <= m1.byte_end + pos)
            .find(|m| text[m.byte_end..m1.byte_end + pos].trim().is_empty())
            .and_then(|m| duration_days(&m.timex.value).map(|n| (m, n)));
        let day = |iv: Interval| iv.start.date();
        let (first, second) = (m1.timex.granularity, m2.timex.granularity);
        let wrong = match count {
            Some((_, n)) if first >= Granularity::Day && second >= Granularity::Day && n >= 1.0 => {
                // "9999 millennia after": past the calendar, nothing to compare.
                let expect = Duration::try_days(n.round() as i64).and_then(|k| {
                    if after {
                        day(i2).checked_add_signed(k)
                    } else {
                        day(i2).checked_sub_signed(k)
                    }
                });
                let expect = expect.filter(|&x| crate::article::document::in_range(x));
                expect
                    .filter(|&x| n.fract() == 0.0 && day(i1) != x)
                    .map(|expect| {
                        format!(
                            "{} {} {} would be {}, not {}",
                            count.map(|(m, _)| m.text.as_str()).unwrap_or(""),
                            if after { "after" } else { "before" },
                            display(m2),
                            expect.format("%A %-d %B %Y"),
                            display(m1)
                        )
                    })
            }
            _ if after && i1.end <= i2.start => Some(format!(
                "{} is before {}, but the sentence puts it after",
                display(m1),
                display(m2)
            )),
            _ if !after && i1.start >= i2.end => Some(format!(
                "{} is after {}, but the sentence puts it before",
                display(m1),
                display(m2)
            )),
            _ => None,
        }?;
        Some(Finding {
            kind: Kind::Order,
            title: format!(
                "“{}” … {} … “{}”: {wrong}",
                m1.text,
                squash(between),
                m2.text
            ),
            detail: format!(
                "The sentence orders two dated happenings, and the dates contradict it: {wrong}."
            ),
            cites: vec![self.cite_mention(d, m1), self.cite_mention(d, m2)],
            calibration: "",
        })
    }

    /// "Two days later, on July 20": a narrative count and a date for the same thing.
    pub(super) fn count_next_to_date(
        &self,
        d: usize,
        between: &str,
        m1: &Mention,
        m2: &Mention,
    ) -> Option<Finding> {
        let glue = between
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| matches!(w.to_lowercase().as_str(), "on" | "the" | "in" | "at" | "of"));
        if !glue || between.len() > 12 {
            return None;
        }
        // "2 Day after the narrative's last date": a count, not "+0 Day from …".
        let counted = |m: &Mention| {
            m.rule.ends_with("the narrative's last date")
                && m.rule
                    .split_whitespace()
                    .next()
                    .is_some_and(|n| n.parse::<f64>().is_ok_and(|n| n > 0.0))
        };
        let (count, date) = match (counted(m1), counted(m2)) {
            (true, false) => (m1, m2),
            (false, true) => (m2, m1),
            _ => return None,
        };
        if count.timex.granularity < Granularity::Day || date.timex.granularity < Granularity::Day {
            return None;
        }
        let (ic, id) = (count.timex.interval?, date.timex.interval?);
        if ic.start.date() == id.start.date() {
            return None;
        }
        let from = anchor_text(&count.rule, ic.start.date());
        let wrong = format!(
            "“{}” counts from {from} to {}, but the same sentence says {}",
            count.text,
            ic.start.date().format("%A %-d %B %Y"),
            display(date)
        );
        Some(Finding {
            kind: Kind::Order,
            title: wrong.clone(),
            detail: format!(
                "{wrong}. One of the two is wrong, or the earlier date the count starts from is."
            ),
            cites: vec![self.cite_mention(d, count), self.cite_mention(d, date)],
            calibration: "",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connectives_are_whole_words() {
        assert_eq!(
            connective(" came two days after the attack on "),
            Some((15, true))
        );
        assert_eq!(connective(" the afternoon "), None);
        assert_eq!(connective(" ahead of the talks on "), Some((1, false)));
    }
}
