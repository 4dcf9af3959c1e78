//! The timeline a build gives out: rows (one per happening) with their
//! citations, the articles as the build saw them, and dates written for
//! people.
//!
//! # Times
//! Values are TIMEX3 values in each article's local time. Row intervals are
//! `[start, end)`: start inclusive, end exclusive, ISO 8601 local time (so
//! 2016-07-14 is `2016-07-14T00:00:00` to `2016-07-15T00:00:00`).

use crate::engine::timex::{Granularity, Interval, Mention, TimexMod};
use crate::story::dateline::Dateline;
use crate::story::events::TextSpan;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::io;

/// An article as the build saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentInfo {
    pub id: String,
    /// The article date used, `YYYY-MM-DD` (with `THH:MM` when known).
    pub dct: Option<String>,
    /// `manifest`, `document`, `page metadata`, `folder`, `cli`, `inferred`, or `none`.
    pub dct_source: String,
    /// How an inferred date was found, which folder or which page field gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dct_basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// The time zone the article's times are in, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The people a web page credits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// When a web page says it was last changed, as written, and the field
    /// ("2010-01-19T14:10:05Z (meta article:modified_time)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The language a web page declares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Why the document was set aside as not a news article (a readers'
    /// message board, programme listings), with the lines that show it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_article: Option<String>,
    /// How many statements of the article are cited.
    pub statements: usize,
}

/// A temporal expression as cited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expression {
    /// Unicode scalar offsets into the article, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    pub rule: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
}

/// What a table shows for an expression of no words: a lead dated by its
/// article's day ([`crate::story::events::LEAD_RULE`]).
pub const NO_WORDS: &str = "(none: the article's day)";

impl Expression {
    /// The expression's words for people: its text, or [`NO_WORDS`] for a
    /// lead, whose sentence names no date.
    pub fn words(&self) -> &str {
        match self.text.is_empty() {
            true => NO_WORDS,
            false => &self.text,
        }
    }
}

/// An expression's words `text` in quotation marks for people, or
/// [`NO_WORDS`], unquoted, for a lead's.
pub fn quoted_words(text: &str) -> String {
    match text.is_empty() {
        true => NO_WORDS.to_string(),
        false => format!("“{text}”"),
    }
}

impl From<&Mention> for Expression {
    fn from(m: &Mention) -> Expression {
        Expression {
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            kind: m.timex.kind.as_str().to_string(),
            value: m.timex.value.clone(),
            modifier: m.timex.modifier.map(|x| x.as_str().to_string()),
            rule: m.rule.clone(),
            assumptions: m.assumptions.clone(),
        }
    }
}

/// One article's support for a row: its own words and where they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub document: String,
    /// 1-based line of the sentence.
    pub line: usize,
    pub sentence: TextSpan,
    pub expression: Expression,
    /// Other expressions of the same time in the sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Expression>,
    /// Durations that measure the event ("eight hours").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub durations: Vec<Expression>,
    pub headline: String,
    /// "until", "since" … when the expression bounds rather than dates the event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// From a photo caption.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub caption: bool,
    /// The article date the expression was resolved against, and its source.
    pub dct: Option<String>,
    pub dct_source: String,
    /// Which page field gave the article date, when it came from page
    /// metadata (`meta article:published_time`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dct_basis: Option<String>,
    /// False for explicit dates, which do not need the article date.
    pub depends_on_dct: bool,
    /// Page furniture kept for auditing (`--include-furniture`): the rule
    /// that marks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub furniture: Option<String>,
}

/// Whether a row's dates rest on given or inferred article dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DctStatus {
    /// Every article date it depends on was given (manifest, metadata, folder, `--dct`).
    Given,
    /// Every article date it depends on was inferred.
    Inferred,
    /// Some of its citations rest on inferred dates, some on given ones.
    PartlyInferred,
    /// Only explicit dates: no article date needed.
    NotNeeded,
}

impl DctStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DctStatus::Given => "given",
            DctStatus::Inferred => "inferred",
            DctStatus::PartlyInferred => "partly inferred",
            DctStatus::NotNeeded => "not needed",
        }
    }
}

/// One merged happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// `e0001`, in chronological order.
    pub id: String,
    /// TIMEX3 value, sortable ("2016-07-14TNI", "2015-09", "2014"); empty when undated.
    pub date: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// Interval start, inclusive, ISO 8601 local time.
    pub start: Option<String>,
    /// Interval end, exclusive, ISO 8601 local time.
    pub end: Option<String>,
    pub granularity: Granularity,
    /// The date for people: "Thursday 14 July 2016, night", "September 2015", "mid-2014".
    pub display_date: String,
    pub headline: String,
    /// Number of distinct articles that support the row.
    pub sources: usize,
    pub documents: Vec<String>,
    pub dct: DctStatus,
    /// How each inferred article date it depends on was found, and which page
    /// field gave each date taken from page metadata.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dct_basis: Vec<String>,
    /// 0–1: more independent sources, given dates and fewer guesses score higher.
    pub confidence: f64,
    pub citations: Vec<Citation>,
    /// Statements of this happening that date it to another day than the
    /// row's (the same quake "on Tuesday" in one article, "on Wednesday" in
    /// another): `check`'s material. Empty when all agree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<Dispute>,
    /// Why the row's day was picked (`build --top N` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Why>,
    #[serde(skip, default = "no_sort_key")]
    pub sort_key: (NaiveDateTime, NaiveDateTime, Granularity),
}

impl Row {
    /// True when one article's lead alone makes the row
    /// ([`crate::story::events::LEAD_RULE`]): a sentence that names no
    /// date, dated by its article's day. The full timeline leaves such a
    /// row out (most are features, background or opinion, or news of the
    /// day before); `--top` may still show one as the news of a day it
    /// picks, and a lead two articles share is a row like any other.
    pub fn lead_alone(&self) -> bool {
        self.documents.len() < 2
            && !self.citations.is_empty()
            && (self.citations.iter()).all(|c| c.expression.rule == crate::story::events::LEAD_RULE)
    }
}

/// Statements that date a row's happening to another day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    /// The other day, `YYYY-MM-DD`.
    pub date: String,
    /// The articles that give it.
    pub documents: Vec<String>,
    /// Their statements: indices into the row's `citations`.
    pub citations: Vec<usize>,
}

/// The evidence of the whole collection for a day `--top` picked: counts of
/// distinct articles of each kind, the day's score and rank, and the same in
/// words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Why {
    /// 1 for the best-supported day.
    pub rank: usize,
    /// Days that competed.
    pub of: usize,
    pub score: f64,
    /// Articles that appeared that day, or the next morning with only its
    /// news (see `next_morning`).
    pub published: usize,
    /// Of `published`, articles of the next day that date statements to
    /// this day and none to their own.
    pub next_morning: usize,
    /// Articles that appeared the next day.
    pub published_next_day: usize,
    /// Articles of the day itself that date a statement to it ("today", "3pm").
    pub dated_same_day: usize,
    /// Articles of the next day that date a statement to it ("yesterday").
    pub dated_next_day: usize,
    /// Articles of the 2nd to 7th day after that date a statement to it.
    pub dated_within_week: usize,
    /// Articles of later days (or of no known date) that date a statement to it.
    pub dated_later: usize,
    /// Articles of earlier days that date a statement to it (plans, schedules).
    pub dated_before: usize,
    /// The above, for people.
    pub text: String,
}

/// The result of a build.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// How to read `start` and `end`.
    pub intervals: &'static str,
    pub documents: Vec<DocumentInfo>,
    pub events: Vec<Row>,
    /// Problems that did not stop the build (unreadable files, unmatched manifest rows).
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Documents that could not be read.
    #[serde(skip)]
    pub failed: usize,
    /// Documents read and skipped, and why (see [`crate::story::build::read`]).
    #[serde(skip)]
    pub summary: crate::summary::Summary,
}

/// A timeline's rows in order, each given to the function passed, as many
/// times as asked: the timeline's own ([`own_rows`]) or rows kept on disk
/// (`chronicler merge`, whose rows never are all in memory), for
/// [`crate::output::timeline::write_dir_rows`].
pub type EachRow<'a> = &'a dyn Fn(RowSink) -> io::Result<()>;

/// What an [`EachRow`] gives each row to.
pub type RowSink<'a> = &'a mut dyn FnMut(&Row) -> io::Result<()>;

/// The rows `t` holds, as an [`EachRow`].
pub fn own_rows(t: &Timeline) -> impl Fn(RowSink) -> io::Result<()> {
    move |each| {
        for r in &t.events {
            each(r)?;
        }
        Ok(())
    }
}

/// The `intervals` note of every timeline.
pub const INTERVALS: &str =
    "start inclusive, end exclusive ([start, end)), ISO 8601 in each article's local time";

/// English month names, for dates written for people.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date for people, at the value's own granularity.
pub fn display_date(
    value: &str,
    modifier: Option<TimexMod>,
    granularity: Granularity,
    interval: Option<Interval>,
) -> String {
    let edge = |m: Option<TimexMod>| match m {
        Some(TimexMod::Start) => "early ",
        Some(TimexMod::Mid) => "mid-",
        Some(TimexMod::End) => "late ",
        Some(TimexMod::Approx) => "about ",
        _ => "",
    };
    let date10 = value
        .get(..10)
        .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
    let day_text = |d: NaiveDate| {
        format!(
            "{} {} {} {}",
            d.format("%A"),
            d.day(),
            MONTHS[d.month0() as usize],
            d.year()
        )
    };
    match granularity {
        Granularity::Day => match date10 {
            Some(d) => format!("{}{}", edge(modifier), day_text(d)),
            None => value.to_string(),
        },
        Granularity::PartOfDay => {
            let part = match value.get(11..) {
                Some("MO") => "morning",
                Some("AF") => "afternoon",
                Some("EV") => "evening",
                Some("NI") => "night",
                Some("DT") => "daytime",
                Some("MI") => "midday",
                Some(other) => other,
                None => "",
            };
            match date10 {
                Some(d) => format!("{}, {}{part}", day_text(d), edge(modifier)),
                None => value.to_string(),
            }
        }
        Granularity::Hour | Granularity::Minute | Granularity::Second => match interval {
            Some(i) => format!(
                "{}{} {}",
                edge(modifier),
                day_text(i.start.date()),
                i.start.format("%H:%M")
            ),
            None => value.to_string(),
        },
        Granularity::Week => match interval {
            Some(i) => format!(
                "{}week of {} {} {}",
                edge(modifier),
                i.start.day(),
                MONTHS[i.start.month0() as usize],
                i.start.year()
            ),
            None => value.to_string(),
        },
        Granularity::Month => match value
            .get(..7)
            .and_then(|v| NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").ok())
        {
            Some(d) => format!(
                "{}{} {}",
                edge(modifier),
                MONTHS[d.month0() as usize],
                d.year()
            ),
            None => value.to_string(),
        },
        Granularity::Season => {
            let season = match value.get(5..) {
                Some("SP") => "spring",
                Some("SU") => "summer",
                Some("FA") => "autumn",
                Some("WI") => "winter",
                _ => "season",
            };
            format!(
                "{}{season} {}",
                edge(modifier),
                &value[..4.min(value.len())]
            )
        }
        Granularity::Quarter => format!(
            "{}{} {}",
            edge(modifier),
            value.get(5..).unwrap_or(""),
            value.get(..4).unwrap_or("")
        ),
        Granularity::Half => {
            let half = if value.ends_with("H1") {
                "first"
            } else {
                "second"
            };
            format!(
                "{}{half} half of {}",
                edge(modifier),
                value.get(..4).unwrap_or("")
            )
        }
        Granularity::Year => format!("{}{value}", edge(modifier)),
        Granularity::Decade => format!("{}{value}0s", edge(modifier)),
        Granularity::Century => format!("{}{value}00s", edge(modifier)),
        Granularity::None => value.to_string(),
    }
}

/// The sort key of a row read back from JSON, which does not carry it.
fn no_sort_key() -> (NaiveDateTime, NaiveDateTime, Granularity) {
    (NaiveDateTime::MIN, NaiveDateTime::MIN, Granularity::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_dates_keep_their_granularity() {
        let day = |s: &str| {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            Interval {
                start: d.and_hms_opt(0, 0, 0).unwrap(),
                end: d.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap(),
            }
        };
        assert_eq!(
            display_date(
                "2016-07-14",
                None,
                Granularity::Day,
                Some(day("2016-07-14"))
            ),
            "Thursday 14 July 2016"
        );
        assert_eq!(
            display_date(
                "2016-07-14TNI",
                Some(TimexMod::End),
                Granularity::PartOfDay,
                None
            ),
            "Thursday 14 July 2016, late night"
        );
        assert_eq!(
            display_date("2015-09", None, Granularity::Month, None),
            "September 2015"
        );
        assert_eq!(
            display_date("2014", Some(TimexMod::Mid), Granularity::Year, None),
            "mid-2014"
        );
        assert_eq!(
            display_date("2016-W28", None, Granularity::Week, Some(day("2016-07-11"))),
            "week of 11 July 2016"
        );
        assert_eq!(
            display_date("2016-SU", None, Granularity::Season, None),
            "summer 2016"
        );
    }
}
