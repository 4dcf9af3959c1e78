//! What the productions give: a [`Spec`] says what an expression's words
//! say, before any article date is consulted; [`Opener`] says what the first
//! token of a production may be, for the scanner's dispatch table.

use crate::engine::grammar::{HolidayRule, Lexicon, PartOfDay, Unit};
use crate::engine::tag::lex;
use crate::engine::timex::{Role, TimexMod};
use serde::Serialize;

/// A production: a nom parser from text to [`Spec`].
pub type Production = for<'a> fn(&Lexicon, &'a str) -> lex::Res<'a, Spec>;

/// What an expression says, unresolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spec {
    pub core: Core,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<TimexMod>,
    /// A part of day: code (MO, AF, EV, NI …) and hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod: Option<Pod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clock: Option<Clock>,
    /// A stated zone abbreviation, lowercase ("est").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// The production that matched.
    pub production: &'static str,
    /// What the words around it make of the expression: a page's own time
    /// stamp, a live page's entry stamp (see [`Role`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Four digits that read as a year or as a 24-hour clock ("1100"), with
    /// the words that make the clock possible; the resolver, which knows the
    /// article's year, chooses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hhmm: Option<Hhmm>,
}

/// Four digits that may be a 24-hour clock, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Hhmm {
    pub clock: Clock,
    pub cue: HhmmCue,
}

/// The words that make a four-digit number a possible clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HhmmCue {
    /// It heads an entry: "1832: BP says …" (a live page, or a chronology).
    Stamp,
    /// A word that times a day rather than a year: "at", "until",
    /// "shortly after".
    Strong,
    /// A word that takes years as well as times: "after", "by", "about",
    /// "between … and".
    Weak,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pod {
    pub code: String,
    pub start_hour: u32,
    pub end_hour: u32,
}

impl From<&PartOfDay> for Pod {
    fn from(p: &PartOfDay) -> Pod {
        Pod {
            code: p.code.clone(),
            start_hour: p.start_hour,
            end_hour: p.end_hour,
        }
    }
}

/// A clock time, 24-hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub hour: u32,
    pub minute: u32,
}

/// What an expression is anchored to when it is relative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The article date ("yesterday", "last week", "three days ago").
    Dct,
    /// The last date the narrative mentioned ("two days later", "that day").
    Narrative,
}

/// Which year a part of a year belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearRef {
    Explicit(i32),
    /// Relative to the DCT's year: -1 last, 0 this, 1 next.
    Shift(i8),
    /// Not said: the nearest fitting one (past by default).
    Context,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Quarter(u32),
    Half(u32),
    /// A season code: SP SU FA WI.
    Season(String),
}

/// A named calendar position that recurs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Name {
    Month(u32),
    Weekday(u32),
    Holiday(String, #[serde(skip)] HolidayRule),
    Weekend,
}

/// The kind of expression, with what the words fix.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Core {
    /// Calendar fields as written: "15 July, 2016", "1998", "July 2016".
    Date {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        weekday: Option<u32>,
        /// "25 June last year": the year relative to the DCT's (-1, 0, 1).
        #[serde(skip_serializing_if = "Option::is_none")]
        year_shift: Option<i8>,
    },
    /// A recurring name with an optional shift: "last September", "Friday",
    /// "next Monday", "Christmas 2015".
    Named {
        name: Name,
        shift: Option<i8>,
        year: Option<i32>,
    },
    /// A calendar unit relative to an anchor: "last week" (-1), "this year"
    /// (0), "yesterday" (day, -1), "the quarter".
    Unit {
        unit: Unit,
        shift: i64,
        anchor: Anchor,
    },
    /// `n` units before (-1) or after (1) an anchor: "three days ago".
    Offset {
        n: Option<f64>,
        unit: Unit,
        dir: i8,
        anchor: Anchor,
    },
    /// "the 1990s" (199), "the '80s" (198, century guessed).
    Decade { decade: i32, century_known: bool },
    /// "the 20th century" → 19.
    Century(i32),
    /// "the third quarter of 1990", "last fall".
    YearPart { year: YearRef, part: Part },
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(String),
    /// "eight hours", "the past three days" (n = None: "several days").
    Duration { n: Option<f64>, unit: Unit },
    /// "every week", "daily", "Tuesday nights".
    Set {
        value: String,
        quant: Option<String>,
        freq: Option<String>,
    },
    /// A time of day alone: "8:30 p.m.", "noon".
    Clock,
    /// An expression placed in another: "the last week of May" (a week of
    /// the month), "September of that year" (the month in the year of the
    /// narrative's last date).
    Within { part: Within, inner: Box<Spec> },
    /// "from March to May", "between 2009 and 2010", "June 5-7": two ends,
    /// with their own spans (byte offsets relative to the range's start).
    /// A spec whose production is `coordination` ("the 4th and 5th of
    /// July", "April and June 1955") names two positions, not a stretch.
    Range {
        first: Box<Spec>,
        first_span: (usize, usize),
        second: Box<Spec>,
        second_span: (usize, usize),
    },
}

/// Where a [`Core::Within`] puts its inner expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Within {
    /// The n-th week of the inner month (1 to 4; -1 the last): the n-th
    /// Monday-to-Sunday week with at least four of its days in the month;
    /// 0: the week that holds the inner day ("the week of March 6").
    Week(i8),
    /// The day this many days from the inner day ("the day before Tuesday's
    /// hearing" -1).
    Day(i8),
    /// The inner expression in the year of the narrative's last date, moved
    /// by this many years ("of that year" 0, "of the following year" 1).
    NarrativeYear(i8),
}

impl Spec {
    pub fn new(core: Core, production: &'static str) -> Spec {
        Spec {
            core,
            modifier: None,
            pod: None,
            clock: None,
            zone: None,
            production,
            role: None,
            hhmm: None,
        }
    }

    /// True when the expression names a calendar position (not a duration or set).
    pub fn is_point(&self) -> bool {
        !matches!(
            self.core,
            Core::Duration { .. } | Core::Set { .. } | Core::Range { .. }
        )
    }
}

/// What the first token of a production may be.
#[derive(Debug, Clone, Copy)]
pub enum Opener {
    /// A run of ASCII digits of one of these lengths (1 to 4; a run of five
    /// or more opens nothing: `digits` reads at most four).
    Digits(&'static [usize]),
    /// An apostrophe before digits: "'80s".
    Apostrophe,
    /// One of these lowercase words.
    Words(&'static [&'static str]),
    /// A month name or abbreviation (`months.csv`).
    Months,
    /// A weekday name or abbreviation (`weekdays.csv`).
    Weekdays,
    /// A weekday in the plural: "Mondays".
    PluralWeekdays,
    /// Any word of `numerals.csv`.
    Numerals,
    /// A unit word (`units.csv`).
    Units,
    /// A season word (`seasons.csv`).
    Seasons,
    /// A frequency word (`sets.csv`).
    Sets,
    /// The first word of a shifter placed before what it shifts ("last",
    /// "next" …, `shifters.csv`); "ago", "later", "from now" come after a
    /// count and open nothing.
    Shifters,
    /// The first word of a part of day (`parts_of_day.csv`).
    PartsOfDay,
    /// The first word of a deictic ("today", "the past" …, `deictics.csv`).
    Deictics,
    /// The first word of a holiday name (`holidays.csv`).
    Holidays,
    /// The first word of a modifier placed before ("early", "more than" …,
    /// `modifiers.csv`).
    Modifiers,
    /// A tens word in the plural: "nineties".
    TensPlural,
    /// "the", then a token one of these openers accepts ("the 1990s", "the
    /// past three days"). A phrase of a word list that starts with "the"
    /// ("the end of") is read this way without saying so.
    The(&'static [Opener]),
}

/// A TIMEX3 duration value: `P3D`, `PT8H`, `P10Y` for a decade, `PXY` when the count is unstated.
pub fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let (mult, letter, clock) = match unit {
        Unit::Second => (1.0, "S", true),
        Unit::Minute => (1.0, "M", true),
        Unit::Hour => (1.0, "H", true),
        Unit::Day => (1.0, "D", false),
        Unit::Week => (1.0, "W", false),
        Unit::Weekend => (1.0, "WE", false),
        Unit::Fortnight => (2.0, "W", false),
        Unit::Month => (1.0, "M", false),
        Unit::Quarter => (1.0, "Q", false),
        Unit::Season => (3.0, "M", false),
        Unit::Year => (1.0, "Y", false),
        Unit::Decade => (10.0, "Y", false),
        Unit::Century => (100.0, "Y", false),
        Unit::Millennium => (1000.0, "Y", false),
    };
    let t = if clock { "T" } else { "" };
    match n {
        None => format!("P{t}X{letter}"),
        Some(v) => {
            let v = v * mult;
            let whole = v.trunc() as i64;
            let part = |per: f64| (v.fract() * per).round() as i64;
            // "2 1/2 years" → P2Y6M, "5 1/2 hours" → PT5H30M
            let (next, per) = match unit {
                Unit::Year => ("M", 12.0),
                Unit::Month => ("D", 30.0),
                Unit::Week => ("D", 7.0),
                Unit::Day => ("H", 24.0),
                Unit::Hour => ("M", 60.0),
                Unit::Minute => ("S", 60.0),
                _ => ("", 0.0),
            };
            if v.fract() == 0.0 {
                format!("P{t}{whole}{letter}")
            } else if unit == Unit::Day {
                format!("P{whole}DT{}H", part(per))
            } else if !next.is_empty() && whole == 0 {
                format!("P{t}{}{next}", part(per))
            } else if !next.is_empty() {
                format!("P{t}{whole}{letter}{}{next}", part(per))
            } else {
                format!("P{t}{v}{letter}")
            }
        }
    }
}
