//! TIMEX3 vocabulary shared by every stage: types, modifiers, granularity,
//! intervals and the resolved [`Mention`] that the tagger hands downstream.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::fmt;

/// TIMEX3 `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl fmt::Display for TimexType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// TIMEX3 `mod`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
    Start,
    Mid,
    End,
    Approx,
}

impl TimexMod {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
            TimexMod::OnOrBefore => "ON_OR_BEFORE",
            TimexMod::OnOrAfter => "ON_OR_AFTER",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
        }
    }

    /// True for the mods that bound a time rather than place something in
    /// it: BEFORE, AFTER, ON_OR_…, LESS_THAN, MORE_THAN, EQUAL_OR_….
    pub fn is_bound(self) -> bool {
        matches!(
            self,
            TimexMod::Before
                | TimexMod::After
                | TimexMod::OnOrBefore
                | TimexMod::OnOrAfter
                | TimexMod::LessThan
                | TimexMod::MoreThan
                | TimexMod::EqualOrLess
                | TimexMod::EqualOrMore
        )
    }

    pub fn parse(s: &str) -> Option<TimexMod> {
        Some(match s.to_ascii_uppercase().as_str() {
            "BEFORE" => TimexMod::Before,
            "AFTER" => TimexMod::After,
            "ON_OR_BEFORE" => TimexMod::OnOrBefore,
            "ON_OR_AFTER" => TimexMod::OnOrAfter,
            "LESS_THAN" => TimexMod::LessThan,
            "MORE_THAN" => TimexMod::MoreThan,
            "EQUAL_OR_LESS" => TimexMod::EqualOrLess,
            "EQUAL_OR_MORE" => TimexMod::EqualOrMore,
            "START" => TimexMod::Start,
            "MID" => TimexMod::Mid,
            "END" => TimexMod::End,
            "APPROX" => TimexMod::Approx,
            _ => return None,
        })
    }
}

impl fmt::Display for TimexMod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The weekdays' names, Monday first (`chrono`'s `num_days_from_monday`).
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The index (Monday = 0) of a weekday's name written in any letter case.
pub fn weekday_index(w: &str) -> Option<usize> {
    WEEKDAY_NAMES.iter().position(|d| d.eq_ignore_ascii_case(w))
}

/// How precisely a value pins down time, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// No calendar position (PRESENT_REF, a bare duration, a set).
    None,
    Century,
    Decade,
    Year,
    Half,
    Quarter,
    Season,
    Month,
    Week,
    Day,
    PartOfDay,
    Hour,
    Minute,
    Second,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::None => "none",
            Granularity::Century => "century",
            Granularity::Decade => "decade",
            Granularity::Year => "year",
            Granularity::Half => "half",
            Granularity::Quarter => "quarter",
            Granularity::Season => "season",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
            Granularity::PartOfDay => "part_of_day",
            Granularity::Hour => "hour",
            Granularity::Minute => "minute",
            Granularity::Second => "second",
        }
    }
}

impl fmt::Display for Granularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stretch of local time a value denotes: `start` inclusive, `end`
/// exclusive (so 2016-07-14 is `[2016-07-14T00:00, 2016-07-15T00:00)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Interval {
    #[serde(serialize_with = "iso_datetime")]
    pub start: NaiveDateTime,
    #[serde(serialize_with = "iso_datetime")]
    pub end: NaiveDateTime,
}

/// A date and time as chrono's serde writes it ("2016-07-14T00:00:00"),
/// without its formatting machinery for the common case (a year of four
/// digits, whole seconds): every mention written by `tag` carries two.
fn iso_datetime<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    use chrono::{Datelike, Timelike};
    let year = t.year();
    if !(0..=9999).contains(&year) || t.nanosecond() != 0 {
        return t.serialize(s);
    }
    let mut out = arrayvec::ArrayString::<19>::new();
    push_padded(&mut out, year as u32, 4);
    for (sep, v) in [
        ('-', t.month()),
        ('-', t.day()),
        ('T', t.hour()),
        (':', t.minute()),
        (':', t.second()),
    ] {
        out.push(sep);
        push_padded(&mut out, v, 2);
    }
    s.serialize_str(&out)
}

/// Writes `n` in decimal, zero-padded to `width` digits (its last `width`
/// digits when longer), as `format!("{n:0width$}")` writes the numbers of
/// dates: without the formatting machinery, for values written per mention.
pub(crate) fn push_padded(out: &mut impl fmt::Write, n: u32, width: u32) {
    for k in (0..width).rev() {
        // a digit always fits: callers size their buffers for the widths they ask
        let _ = out.write_char(char::from(b'0' + (n / 10u32.pow(k) % 10) as u8));
    }
}

/// A resolved TIMEX3: what the text denotes, in the article's local time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<TimexMod>,
    /// SET only: TIMEX3 `quant` ("EVERY", "EACH").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quant: Option<String>,
    /// SET only: TIMEX3 `freq` ("1X").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// The interval it denotes, when it has a calendar position.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    pub granularity: Granularity,
    /// Time zone the local value is in: a stated zone ("EST") or the DCT's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

/// A temporal expression found in a text and resolved.
///
/// Offsets are Unicode scalar values (as Python counts them), end exclusive;
/// `byte_start`/`byte_end` index the same span in the UTF-8 text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: String,
    #[serde(flatten)]
    pub timex: Timex,
    /// The production that matched, e.g. `weekday part_of_day`.
    pub parse: String,
    /// The resolution rule that produced the value.
    pub rule: String,
    /// What was guessed (past/future, year supplied, DCT inferred …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
    /// What the expression is on its page when it is not a happening's time
    /// (a page's own time stamp) or times a live page's entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// What an expression is on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// "Last updated at 14:59 GMT", "Page last updated at …", "Added: …":
    /// when the page was written, not when something happened.
    PageStamp,
    /// "1358", "1130 GMT:" heading an entry of a live page: the time of the
    /// entry, on the page's day.
    EntryStamp,
    /// "(7:38 p.m. Monday ET, 1:38 a.m. Tuesday in Libya)": the time just
    /// before it told in another zone; the first dates what happened.
    Restated,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn intervals_serialise_as_chrono_does() {
        let at = |y, mo, d, h, mi, s, nano| {
            NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_nano_opt(h, mi, s, nano)
                .unwrap()
        };
        for t in [
            at(2016, 7, 14, 0, 0, 0, 0),
            at(1, 1, 1, 23, 59, 59, 0),
            at(0, 12, 31, 9, 5, 7, 0),
            at(9999, 12, 31, 23, 59, 59, 0),
            at(-490, 9, 12, 0, 0, 0, 0),
            at(2010, 4, 20, 21, 45, 0, 500_000_000),
        ] {
            let i = Interval { start: t, end: t };
            let ours = serde_json::to_string(&i).unwrap();
            let chrono = serde_json::to_string(&t).unwrap();
            assert_eq!(ours, format!("{{\"start\":{chrono},\"end\":{chrono}}}"));
            let back: Interval = serde_json::from_str(&ours).unwrap();
            assert_eq!(back, i);
        }
    }
}
