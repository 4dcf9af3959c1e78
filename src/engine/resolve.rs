//! Resolution: turns each [`Spec`] into a TIMEX3 value and interval. This is
//! the only module that looks at the article date (DCT).
//!
//! Policy, in order:
//! - Relative words ("yesterday", "last week", "three days ago") count from
//!   the DCT; narrative words ("two days later", "the next day", "that
//!   year", "a year earlier") count from the last date the text resolved.
//! - A bare weekday equal to the DCT's is the DCT; otherwise the sentence's
//!   tense decides ("will meet Monday" → the coming Monday), and news
//!   defaults to the past. A month or day without a year is put in the
//!   nearest year that fits the tense.
//! - Every guess is written to the mention's `assumptions`.

use crate::article::document::Dct;
use crate::article::document::DctSource;
use crate::article::document::{MAX_YEAR, MIN_YEAR, Zone, in_range};
use crate::engine::grammar::{HolidayRule, Lexicon, Unit};
use crate::engine::narrative::{self, Reference, Story};
use crate::engine::tag::{
    Anchor, Candidate, Clock, Core, HhmmCue, Name, Part, Pod, Spec, Within, YearRef, duration_value,
};
use crate::engine::tense::{ClauseTense, Reading, TENSE_WINDOW, Tense, sentence_end};
use crate::engine::timex::{
    Granularity, Interval, Mention, Role, Timex, TimexMod, TimexType, push_padded,
};
use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

/// How far (days) the nearest reading of a yearless date may lie on the
/// wrong side of the article date before the sentence's tense moves it a
/// year: "March 31" in a November article with "ended" is last March, but
/// "Dec. 7" there stays this December even in a past-tense sentence.
const PAST_SLACK: i64 = 60;
const FUTURE_SLACK: i64 = 60;

/// Resolves every candidate of one text, in reading order.
///
/// The whole-document form of [`DocumentResolver`]: one window that is the
/// whole text.
pub fn resolve_all(
    text: &str,
    candidates: &[Candidate],
    dct: Option<&Dct>,
    g: &Lexicon,
    reference: Reference,
) -> Vec<Mention> {
    let mut r = DocumentResolver::new(dct, g).with_reference(reference);
    let mut out = Vec::with_capacity(candidates.len());
    r.resolve_window(text, 0, candidates, &mut out);
    out
}

/// Resolves the candidates of one document a window at a time, carrying
/// what resolution remembers (the narrative anchor, the reporting period,
/// the character count) from one window to the next, so one huge document
/// can be resolved in bounded memory with the same result as
/// [`resolve_all`] over the whole text.
///
/// A window is a slice of the document and the byte `base` where it starts.
/// For the result to equal [`resolve_all`], each candidate must lie at
/// least [`TENSE_WINDOW`](crate::engine::tense::TENSE_WINDOW) bytes inside its window (the tense reader looks
/// that far either side), unless the window reaches the document's start
/// or end; windows must come in document order, and every byte of the
/// document must pass through some window: call
/// [`DocumentResolver::count_to`] with the end of each window's scanned
/// range before its text is dropped. The mentions carry absolute byte and
/// character offsets.
pub struct DocumentResolver<'a> {
    dct: Option<&'a Dct>,
    narrative: Option<Point>,
    reporting_period: Option<Point>,
    evidence: Evidence,
    g: &'a Lexicon,
    /// An absolute byte offset and the number of chars before it.
    cursor: (usize, usize),
    reference: Reference,
    story: Story,
}

impl<'a> DocumentResolver<'a> {
    pub fn new(dct: Option<&'a Dct>, g: &'a Lexicon) -> Self {
        DocumentResolver {
            dct,
            narrative: None,
            reporting_period: None,
            evidence: Evidence::default(),
            g,
            cursor: (0, 0),
            reference: Reference::default(),
            story: Story::default(),
        }
    }

    /// Counts year-less expressions from the article date, the text's own
    /// dates, or decides per paragraph ([`crate::engine::narrative`]).
    pub fn with_reference(mut self, reference: Reference) -> Self {
        self.reference = reference;
        self
    }

    /// Resolves `candidates` (byte offsets relative to `window`, which starts
    /// at byte `base` of the document) in reading order, appending a
    /// mention for each (two for a range) to `out`.
    pub fn resolve_window(
        &mut self,
        window: &str,
        base: usize,
        candidates: &[Candidate],
        out: &mut Vec<Mention>,
    ) {
        let mut r = Resolver {
            text: window,
            dct: self.dct,
            narrative: self.narrative.take(),
            reporting_period: self.reporting_period.take(),
            evidence: self.evidence,
            base,
            at: base,
            _g: self.g,
            reference: self.reference,
            story: std::mem::take(&mut self.story),
            end: 0,
        };
        let mut chars = CharIndex {
            text: window,
            base,
            cursor: &mut self.cursor,
        };
        for c in candidates {
            r.story.read_to(window, base, base + c.byte_start);
            r.end = base + c.byte_end;
            match &c.spec.core {
                Core::Range {
                    first,
                    first_span,
                    second,
                    second_span,
                } => {
                    // "from Jan. to June 2010": the start borrows the end's year;
                    // "the 4th and 5th of July": the first its month
                    let (a, b) = if borrows_from_second(first, second) {
                        let b = r.resolve(second, c.byte_start, c.byte_start + second_span.1);
                        let a = r.resolve_with_context(
                            first,
                            c.byte_start,
                            c.byte_start + first_span.1,
                            b.point.as_ref(),
                        );
                        (a, b)
                    } else {
                        let a = r.resolve(first, c.byte_start, c.byte_start + first_span.1);
                        let b = r.resolve_with_context(
                            second,
                            c.byte_start,
                            c.byte_start + second_span.1,
                            a.point.as_ref(),
                        );
                        (a, b)
                    };
                    // a story told after "1939-1945" or "(499-493 BC)" goes on from the start
                    if let Some(p) = a.point.as_ref().filter(|p| p.gran >= Granularity::Year)
                        && r.narrative.is_some()
                    {
                        r.narrative = Some(Point {
                            pod: None,
                            clock: None,
                            ..p.clone()
                        });
                    }
                    // "April and June 1955" names two positions, not the stretch between
                    let joined = c.spec.production == "coordination";
                    let whole = match (&a.timex.interval, &b.timex.interval) {
                        (Some(x), Some(y)) if x.start < y.end && !joined => Some(Interval {
                            start: x.start,
                            end: y.end,
                        }),
                        _ => None,
                    };
                    let roles = if joined {
                        ["first", "second"]
                    } else {
                        ["start", "end"]
                    };
                    for (res, span, role) in [(a, first_span, roles[0]), (b, second_span, roles[1])]
                    {
                        let (bs, be) = (c.byte_start + span.0, c.byte_start + span.1);
                        let mut m = mention(&mut chars, bs, be, res, &c.spec);
                        let kind = if joined { "coordination" } else { "range" };
                        m.parse = format!("{kind}/{role}: {}", m.parse);
                        if let Some(w) = whole {
                            m.assumptions.push(format!(
                                "{role} of the range {} to {}",
                                w.start.format("%Y-%m-%d %H:%M"),
                                w.end.format("%Y-%m-%d %H:%M")
                            ));
                        }
                        out.push(m);
                    }
                }
                _ => {
                    let res = r.resolve(&c.spec, c.byte_start, c.byte_end);
                    out.push(mention(&mut chars, c.byte_start, c.byte_end, res, &c.spec));
                }
            }
        }
        self.narrative = r.narrative;
        self.reporting_period = r.reporting_period;
        self.story = r.story;
        self.evidence = r.evidence;
    }

    /// Counts the characters of `window` (which starts at byte `base`) up to
    /// the absolute byte `to`, so that the next window may start after the
    /// last mention without losing the character count.
    pub fn count_to(&mut self, window: &str, base: usize, to: usize) {
        self.story.read_to(window, base, to);
        CharIndex {
            text: window,
            base,
            cursor: &mut self.cursor,
        }
        .char_at(to);
    }
}

/// A mention at the window-relative bytes `bs..be`, with absolute offsets.
fn mention(chars: &mut CharIndex, bs: usize, be: usize, res: Resolved, spec: &Spec) -> Mention {
    let start = chars.char_at(chars.base + bs);
    let end = chars.char_at(chars.base + be);
    Mention {
        start,
        end,
        byte_start: chars.base + bs,
        byte_end: chars.base + be,
        text: chars.text[bs..be].to_string(),
        timex: res.timex,
        parse: spec.production.to_string(),
        rule: match res.role {
            Some(Role::PageStamp) => format!(
                "{} (the page's own time stamp, \"last updated …\": not a happening)",
                res.rule
            ),
            _ => res.rule,
        },
        assumptions: res.assumptions,
        role: res.role,
    }
}

/// The rule of a weekday that restates the time before it in another zone.
const RESTATED_RULE: &str =
    "weekday restating the time before it in another zone: the day nearest that one";

/// What the rule of an expression counted from the narrative's last date says.
const NARRATIVE_RULE: &str = "the narrative's last date";

/// The year an expression states, as resolved at `p` ("1941", "June 1941",
/// "the 1990s", "490 BC"); `None` for one that counts from something.
fn narrative_stated_year(spec: &Spec, p: &Point) -> Option<i32> {
    let stated = matches!(
        &spec.core,
        Core::Date {
            year: Some(_),
            year_shift: None,
            ..
        } | Core::Decade { .. }
            | Core::Century(_)
            | Core::Named {
                year: Some(_),
                shift: None,
                ..
            }
            | Core::YearPart {
                year: YearRef::Explicit(_),
                ..
            }
    );
    stated.then(|| p.date.year())
}

/// Whether `spec` (written `span`) may count from the narrative's last
/// date instead of the article date, and the granularity that date needs:
/// a month or day without a year, a season, a holiday, a bare weekday
/// (only after a day), "the month", "the year".
fn needs_reference(spec: &Spec, span: &str) -> Option<Granularity> {
    match &spec.core {
        Core::Date {
            year: None,
            year_shift: None,
            month: Some(_),
            ..
        } => Some(Granularity::Year),
        Core::Named {
            name,
            shift: None,
            year: None,
        } => Some(match name {
            Name::Month(_) | Name::Holiday(..) => Granularity::Year,
            Name::Weekday(_) | Name::Weekend => Granularity::Day,
        }),
        // "third-quarter net": a report's period, not a story's
        Core::YearPart {
            year: YearRef::Context,
            part: Part::Season(_),
        } => Some(Granularity::Year),
        Core::Within {
            part: Within::Week(_),
            inner,
        } => needs_reference(inner, ""),
        Core::Unit {
            unit: unit @ (Unit::Month | Unit::Year | Unit::Week),
            shift: 0,
            anchor: Anchor::Dct,
        } => {
            // "the month", "the end of the year"; not "this month", "the current year"
            let mut words = span
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            let (last, before) = (words.next()?, words.next()?);
            let the = before.eq_ignore_ascii_case("the");
            let unit_word = g_unit_word(*unit).is_some_and(|w| last.eq_ignore_ascii_case(w));
            (the && unit_word).then_some(match unit {
                Unit::Week => Granularity::Day,
                u => unit_gran(*u),
            })
        }
        _ => None,
    }
}

fn g_unit_word(u: Unit) -> Option<&'static str> {
    match u {
        Unit::Month => Some("month"),
        Unit::Year => Some("year"),
        Unit::Week => Some("week"),
        _ => None,
    }
}

/// The `n`-th week of the month `p` starts (1 to 4; -1 the last): the
/// `n`-th Monday-to-Sunday week with at least four of its days in the month.
fn week_of(p: &Point, n: i8) -> Point {
    let first = floor(p.date, Granularity::Month);
    let monday = if n == 0 {
        floor(p.date, Granularity::Week)
    } else if n > 0 {
        let d = add_days(first, 3);
        add_days(floor(d, Granularity::Week), 7 * (n as i64 - 1))
    } else {
        let last = add_days(add_months(first, 1), -1);
        floor(add_days(last, -3), Granularity::Week)
    };
    Point::at(monday, Granularity::Week)
}

/// The first month of a part of a year, its granularity and season code.
fn part_start(part: &Part) -> (u32, Granularity, Option<String>) {
    match part {
        Part::Quarter(q) => ((q - 1) * 3 + 1, Granularity::Quarter, None),
        Part::Half(h) => ((h - 1) * 6 + 1, Granularity::Half, None),
        Part::Season(code) => {
            let m = match code.as_str() {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            (m, Granularity::Season, Some(code.clone()))
        }
    }
}

/// True when the first end of a range or coordination takes what it leaves
/// out from the second, so the second is resolved first: its year ("from
/// Jan. to June 2010") or its month ("the 4th and 5th of July").
fn borrows_from_second(first: &Spec, second: &Spec) -> bool {
    let no_month = matches!(
        first.core,
        Core::Date {
            month: None,
            day: Some(_),
            ..
        }
    );
    (!states_year(first) && states_year(second)) || no_month
}

/// True if an expression names its own year.
fn states_year(spec: &Spec) -> bool {
    matches!(
        spec.core,
        Core::Date { year: Some(_), .. }
            | Core::Named { year: Some(_), .. }
            | Core::Decade { .. }
            | Core::Century(_)
    ) || matches!(
        spec.core,
        Core::YearPart {
            year: YearRef::Explicit(_),
            ..
        }
    )
}

/// Byte → char offset conversion within a window that starts at byte
/// `base` of the document; the cursor (an absolute byte and the chars
/// before it) outlives the window.
struct CharIndex<'a, 'c> {
    text: &'a str,
    base: usize,
    cursor: &'c mut (usize, usize),
}

impl CharIndex<'_, '_> {
    /// The char offset of the absolute byte offset `byte`, which must lie in
    /// the window, as must the cursor when it is behind `byte`.
    fn char_at(&mut self, byte: usize) -> usize {
        let (at, chars) = *self.cursor;
        let count =
            |from: usize, to: usize| self.text[from - self.base..to - self.base].chars().count();
        let chars = if byte >= at {
            chars + count(at, byte)
        } else {
            chars - count(byte, at)
        };
        *self.cursor = (byte, chars);
        chars
    }
}

/// A calendar position at some granularity, before formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// First day of the position.
    pub date: NaiveDate,
    pub gran: Granularity,
    /// Season code for season granularity.
    pub season: Option<String>,
    pub weekend: bool,
    pub pod: Option<Pod>,
    pub clock: Option<Clock>,
}

impl Point {
    fn day(date: NaiveDate) -> Point {
        Point {
            date,
            gran: Granularity::Day,
            season: None,
            weekend: false,
            pod: None,
            clock: None,
        }
    }

    fn at(date: NaiveDate, gran: Granularity) -> Point {
        Point {
            gran,
            ..Point::day(date)
        }
    }

    /// The TIMEX3 value.
    pub fn value(&self) -> String {
        let d = self.date;
        // a day of years 1 to 9999, with its clock or part of day: nearly
        // every value, written without the formatting machinery
        if !matches!(
            self.gran,
            Granularity::Century
                | Granularity::Decade
                | Granularity::Year
                | Granularity::Half
                | Granularity::Quarter
                | Granularity::Season
                | Granularity::Month
                | Granularity::Week
        ) && (1..=9999).contains(&d.year())
            && self.clock.is_none_or(|c| c.hour < 100 && c.minute < 100)
        {
            let mut v = String::with_capacity(16);
            push_padded(&mut v, d.year() as u32, 4);
            v.push('-');
            push_padded(&mut v, d.month(), 2);
            v.push('-');
            push_padded(&mut v, d.day(), 2);
            if let Some(c) = self.clock {
                v.push('T');
                push_padded(&mut v, c.hour, 2);
                v.push(':');
                push_padded(&mut v, c.minute, 2);
            } else if let Some(p) = &self.pod {
                v.push('T');
                v.push_str(&p.code);
            }
            return v;
        }
        let y = year(d.year(), 1);
        let base = match self.gran {
            // BC04 is the 5th century BC (500-401 BC), as WikiWars writes it
            Granularity::Century if d.year() <= 0 => {
                format!("BC{:02}", ((1 - d.year()) / 100 - 1).max(0))
            }
            Granularity::Century => year(d.year(), 100),
            Granularity::Decade => year(d.year(), 10),
            Granularity::Year => y,
            Granularity::Half => format!("{y}-H{}", if d.month() <= 6 { 1 } else { 2 }),
            Granularity::Quarter => format!("{y}-Q{}", (d.month() - 1) / 3 + 1),
            // a winter is named by the year it ends in (it starts in December)
            Granularity::Season if self.season.as_deref() == Some("WI") && d.month() == 12 => {
                format!("{}-WI", year(d.year() + 1, 1))
            }
            Granularity::Season => {
                format!("{y}-{}", self.season.as_deref().unwrap_or("XX"))
            }
            Granularity::Month => format!("{y}-{:02}", d.month()),
            Granularity::Week => {
                let w = d.iso_week();
                let wy = year(w.year(), 1);
                if self.weekend {
                    format!("{wy}-W{:02}-WE", w.week())
                } else {
                    format!("{wy}-W{:02}", w.week())
                }
            }
            _ => format!("{y}-{:02}-{:02}", d.month(), d.day()),
        };
        if let Some(c) = self.clock {
            format!("{base}T{:02}:{:02}", c.hour, c.minute)
        } else if let Some(p) = &self.pod {
            format!("{base}T{}", p.code)
        } else {
            base
        }
    }

    /// The interval the position covers, end exclusive.
    pub fn interval(&self, modifier: Option<TimexMod>) -> Interval {
        let d = self.date;
        let mid = |d: NaiveDate| d.and_time(NaiveTime::MIN);
        let (start, end) = match self.gran {
            Granularity::Century => (ymd(d.year(), 1, 1), ymd(d.year() + 100, 1, 1)),
            Granularity::Decade => (ymd(d.year(), 1, 1), ymd(d.year() + 10, 1, 1)),
            Granularity::Year => (ymd(d.year(), 1, 1), ymd(d.year() + 1, 1, 1)),
            Granularity::Half => (d, add_months(d, 6)),
            Granularity::Quarter => (d, add_months(d, 3)),
            Granularity::Season => (d, add_months(d, 3)),
            Granularity::Month => (d, add_months(d, 1)),
            Granularity::Week if self.weekend => (add_days(d, 5), add_days(d, 7)),
            Granularity::Week => (d, add_days(d, 7)),
            _ => (d, add_days(d, 1)),
        };
        let (mut s, mut e) = (mid(start), mid(end));
        if let Some(c) = self.clock {
            s = secs(mid(d), c.hour as i64 * 3600 + c.minute as i64 * 60);
            e = secs(s, 60);
        } else if let Some(p) = &self.pod {
            s = secs(mid(d), p.start_hour as i64 * 3600);
            e = secs(mid(d), p.end_hour as i64 * 3600);
        }
        // "the early hours" already name the start of the day
        let already_narrow = self.pod.as_ref().is_some_and(|p| p.start_hour == 0);
        if let Some(m) = modifier.filter(|_| !already_narrow) {
            let span = e - s;
            let third = span / 3;
            match m {
                TimexMod::Start => e = s + third,
                TimexMod::Mid => {
                    s += third;
                    e -= third;
                }
                TimexMod::End => s = e - third,
                _ => {}
            }
            // "mid-2014" is May to August, not 2014-05-02T16:00: snap the thirds
            // of long spans to months and of shorter ones to days
            if span.num_days() >= 60 {
                (s, e) = (snap_month(s), snap_month(e));
            } else if span.num_days() >= 3 {
                (s, e) = (snap_day(s), snap_day(e));
            }
        }
        Interval { start: s, end: e }
    }
}

/// A note when the clock time `c` on `date` falls where `tz` changed its
/// clocks: inside the hour skipped in spring ("2:30 a.m." on the Sunday New
/// York springs forward does not exist) or the hour repeated in autumn.
/// The value keeps the time as written.
fn clock_change(date: &NaiveDate, c: Clock, tz: chrono_tz::Tz) -> Option<String> {
    use chrono::{LocalResult, Offset, TimeZone};
    let local = date.and_hms_opt(c.hour, c.minute, 0)?;
    let at = local.format("%H:%M on %Y-%m-%d");
    match tz.from_local_datetime(&local) {
        LocalResult::Single(_) => None,
        LocalResult::None => Some(format!(
            "{at} does not exist in {tz}: the clocks went forward past it; kept as written"
        )),
        LocalResult::Ambiguous(a, b) => Some(format!(
            "{at} happened twice in {tz} (UTC{} and UTC{}: the clocks went back); which one is not known",
            a.offset().fix(),
            b.offset().fix()
        )),
    }
}

/// The year part of a TIMEX3 value, in units of `per` years (1, 10 for a
/// decade, 100 for a century): `2016`, `201`, `20`. A year before 1 AD
/// (astronomical year 0 or below) is written as TimeML corpora write it,
/// `BC` and the year BC in four digits (`BC0044` for 44 BC, astronomical
/// -43) and its decade `BC004` cut from those digits (a century BC is
/// written by [`Point::value`] as WikiWars writes it); an ISO 8601 `-0043` would read one year off to anyone counting BC.
fn year(astronomical: i32, per: i32) -> String {
    let digits = match per {
        100 => 2,
        10 => 3,
        _ => 4,
    };
    if astronomical >= 1 {
        format!("{:0digits$}", astronomical.div_euclid(per))
    } else {
        let bc = 1 - astronomical;
        format!("BC{:0digits$}", bc / per)
    }
}

/// The nearest first of a month.
fn snap_month(t: NaiveDateTime) -> NaiveDateTime {
    let first = ymd(t.year(), t.month(), 1);
    let next = add_months(first, 1);
    let d = if t.date() - first < next - t.date() {
        first
    } else {
        next
    };
    d.and_time(NaiveTime::MIN)
}

/// The nearest midnight.
fn snap_day(t: NaiveDateTime) -> NaiveDateTime {
    let d = if t.time().hour() >= 12 {
        add_days(t.date(), 1)
    } else {
        t.date()
    };
    d.and_time(NaiveTime::MIN)
}

/// `d` moved by `n` days, clamped to the calendar chrono can represent.
fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    Duration::try_days(n)
        .and_then(|delta| d.checked_add_signed(delta))
        .unwrap_or(if n < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// `t` moved by `n` seconds, clamped.
fn secs(t: NaiveDateTime, n: i64) -> NaiveDateTime {
    t.checked_add_signed(Duration::seconds(n))
        .unwrap_or(if n < 0 {
            NaiveDateTime::MIN
        } else {
            NaiveDateTime::MAX
        })
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn add_months(d: NaiveDate, n: i64) -> NaiveDate {
    let months = Months::new(u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX));
    let moved = if n >= 0 {
        d.checked_add_months(months)
    } else {
        d.checked_sub_months(months)
    };
    moved.unwrap_or(if n < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// The start of the period of granularity `gran` that contains `d`.
fn floor(d: NaiveDate, gran: Granularity) -> NaiveDate {
    match gran {
        Granularity::Century => ymd(d.year().div_euclid(100) * 100, 1, 1),
        Granularity::Decade => ymd(d.year().div_euclid(10) * 10, 1, 1),
        Granularity::Year => ymd(d.year(), 1, 1),
        Granularity::Half => ymd(d.year(), if d.month() <= 6 { 1 } else { 7 }, 1),
        Granularity::Quarter => ymd(d.year(), (d.month() - 1) / 3 * 3 + 1, 1),
        Granularity::Month | Granularity::Season => ymd(d.year(), d.month(), 1),
        Granularity::Week => add_days(d, -(d.weekday().num_days_from_monday() as i64)),
        _ => d,
    }
}

fn unit_gran(u: Unit) -> Granularity {
    match u {
        Unit::Second => Granularity::Second,
        Unit::Minute => Granularity::Minute,
        Unit::Hour => Granularity::Hour,
        Unit::Day => Granularity::Day,
        Unit::Week | Unit::Weekend | Unit::Fortnight => Granularity::Week,
        Unit::Month => Granularity::Month,
        Unit::Quarter => Granularity::Quarter,
        Unit::Season => Granularity::Season,
        Unit::Year => Granularity::Year,
        Unit::Decade => Granularity::Decade,
        Unit::Century | Unit::Millennium => Granularity::Century,
    }
}

/// Moves `d` by `n` units.
fn shift(d: NaiveDate, unit: Unit, n: i64) -> NaiveDate {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => d,
        Unit::Day => add_days(d, n),
        Unit::Week | Unit::Weekend => add_days(d, n.saturating_mul(7)),
        Unit::Fortnight => add_days(d, n.saturating_mul(14)),
        Unit::Month => add_months(d, n),
        Unit::Quarter | Unit::Season => add_months(d, n.saturating_mul(3)),
        Unit::Year => add_months(d, n.saturating_mul(12)),
        Unit::Decade => add_months(d, n.saturating_mul(120)),
        Unit::Century => add_months(d, n.saturating_mul(1200)),
        Unit::Millennium => add_months(d, n.saturating_mul(12000)),
    }
}

struct Resolved {
    timex: Timex,
    point: Option<Point>,
    rule: String,
    assumptions: Vec<String>,
    role: Option<Role>,
}

struct Resolver<'a> {
    text: &'a str,
    dct: Option<&'a Dct>,
    /// The last position the text resolved, for narrative anchors.
    narrative: Option<Point>,
    /// The last quarter or half the text named: the period a report is about,
    /// which "a year ago" and "the 1988 period" compare against.
    reporting_period: Option<Point>,
    evidence: Evidence,
    /// Where the text being resolved starts in the document (bytes).
    base: usize,
    /// The expression being resolved (bytes, in the document).
    at: usize,
    _g: &'a Lexicon,
    reference: Reference,
    /// The evidence for narrating or reporting, and the paragraph.
    story: Story,
    /// The end (byte) of the expression being resolved.
    end: usize,
}

/// What the text so far says about its four-digit numbers: whether they
/// are clock times or years (see [`Resolver::reads_as_clock`]).
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    /// Entry stamps ("1832:") so far read as clocks (a live page: `Some(true)`)
    /// or as years (a chronology: `Some(false)`).
    live: Option<bool>,
    /// A year far from the article's (more than [`ERA_YEARS`] away) that
    /// was no clock: the text is about history.
    history: bool,
    /// A clock time resolved: the text times its happenings by the clock.
    clocks: bool,
    /// The byte (in the document) of the expression that set the narrative.
    narrative_at: usize,
    /// The last live-page stamp's weekday resolved ("(3:08 p.m. Monday ET,
    /// …)"): where it was (byte, in the document) and its day.
    stamp_day: Option<(usize, NaiveDate)>,
}

/// How many sentence ends may stand between the day the text last named
/// and a bare time of day ("at 8:30 p.m.", "at 1425 local time") for the
/// time to fall on that day: the day in the same or the previous sentence
/// times it; a day named in the background sentences before ("since the
/// explosion on 20 April") does not, and the time is on the article's day.
/// Read within [`TENSE_WINDOW`] bytes before the time.
const CLOCK_REACH_SENTENCES: usize = 1;

/// How many years from the article's a year may lie before four digits
/// that also read as a 24-hour clock are taken for the clock.
const ERA_YEARS: i32 = 100;

impl<'a> Resolver<'a> {
    fn resolve(&mut self, spec: &Spec, at: usize, end: usize) -> Resolved {
        self.resolve_with_context(spec, at, end, None)
    }

    /// How many sentences end between the document byte `from` and the
    /// expression being resolved, read within [`TENSE_WINDOW`] bytes before
    /// it (a run of ends, as in "…\n\n", counts once).
    fn sentences_since(&self, from: usize) -> usize {
        let at = self.at - self.base;
        let from = from
            .saturating_sub(self.base)
            .max(at.saturating_sub(TENSE_WINDOW))
            .min(at);
        let from = self.text.floor_char_boundary(from);
        let mut ends = 0;
        let mut in_run = false;
        for (i, c) in self.text[from..at].char_indices() {
            if matches!(c, '.' | '!' | '?' | '\n') && sentence_end(self.text, self._g, from + i) {
                if !in_run {
                    ends += 1;
                }
                in_run = true;
            } else if !c.is_whitespace() && !matches!(c, '"' | '”' | '\'' | ')') {
                in_run = false;
            }
        }
        ends
    }

    /// Whether four digits that read as the year `y` or as a 24-hour clock
    /// ("1100") are the clock, and why; `None` keeps the year. A year far
    /// from the article's (more than [`ERA_YEARS`]) is a cue to look twice:
    /// a clock when the words before time a day ("at 1100", "until 1221"),
    /// or, for words that take years as well ("after", "between … and"),
    /// when the text already timed something by the clock; never in a text
    /// that has named a year of that distance that could not be a clock.
    /// An entry stamp ("1832:") follows the page: a live page's stamps are
    /// clocks, a chronology's years.
    fn reads_as_clock(&mut self, y: i32, cue: HhmmCue, dct_year: i32) -> Option<&'static str> {
        let far = (y - dct_year).abs() > ERA_YEARS;
        let ev = &mut self.evidence;
        match cue {
            HhmmCue::Stamp => match ev.live {
                Some(true) => Some("an entry stamp of a live page"),
                Some(false) if y <= dct_year => None,
                _ if far || y > dct_year => {
                    ev.live = Some(true);
                    Some("an entry stamp, and the year would be far from the article's")
                }
                _ => {
                    ev.live = Some(false);
                    None
                }
            },
            HhmmCue::Strong if far && !ev.history => Some(
                "a time of day by the words before it, and the year would be far from the article's",
            ),
            HhmmCue::Weak if far && !ev.history && ev.clocks => Some(
                "the text times its happenings by the clock, and the year would be far from the article's",
            ),
            _ => None,
        }
    }

    /// Resolves `spec`; `context` is a point the expression borrows missing
    /// fields from (the first end of a range).
    fn resolve_with_context(
        &mut self,
        spec: &Spec,
        at: usize,
        end: usize,
        context: Option<&Point>,
    ) -> Resolved {
        self.at = self.base + at;
        let mut assumptions = Vec::new();
        if let Some(Dct {
            source: DctSource::Inferred(basis),
            ..
        }) = self.dct
        {
            assumptions.push(format!("article date inferred: {basis}"));
        }
        // four digits that may be a clock: "at 1100" in a 2011 article
        if let (
            Some(h),
            Core::Date {
                year: Some(y),
                month: None,
                day: None,
                ..
            },
            Some(d),
        ) = (spec.hhmm, &spec.core, self.dct_date())
        {
            match self.reads_as_clock(*y, h.cue, d.year()) {
                Some(why) => {
                    let mut clock = Spec {
                        core: Core::Clock,
                        clock: Some(h.clock),
                        hhmm: None,
                        ..spec.clone()
                    };
                    if h.cue == HhmmCue::Stamp {
                        clock.role = Some(Role::EntryStamp);
                    }
                    let mut r = self.resolve_with_context(&clock, at, end, context);
                    r.rule = format!("four digits as a 24-hour clock ({why}): {}", r.rule);
                    r.assumptions.push(format!(
                        "read as {:02}:{:02}, not the year {y}",
                        h.clock.hour, h.clock.minute
                    ));
                    return r;
                }
                None if (y - d.year()).abs() > ERA_YEARS => self.evidence.history = true,
                None => {}
            }
        } else if let (Core::Date { year: Some(y), .. }, Some(d)) = (&spec.core, self.dct_date())
            && (y - d.year()).abs() > ERA_YEARS
        {
            self.evidence.history = true;
        }
        // read only when the value depends on it (a weekday, a month without a year …)
        let tense = ClauseTense::new(self.text, self._g, at, end);
        let kind_default = if spec.clock.is_some() || spec.pod.is_some() {
            TimexType::Time
        } else {
            TimexType::Date
        };
        let mut timex = Timex {
            kind: kind_default,
            value: String::new(),
            modifier: spec.modifier,
            quant: None,
            freq: None,
            interval: None,
            granularity: Granularity::None,
            zone: spec
                .zone
                .as_ref()
                .map(|z| z.to_uppercase())
                .or_else(|| self.dct.and_then(|d| d.zone).map(|z| z.to_string())),
        };
        let (point, rule): (Option<Point>, String) = match &spec.core {
            Core::Duration { n, unit } => {
                timex.kind = TimexType::Duration;
                timex.value = duration_value(*n, *unit);
                (None, "duration: count × unit".into())
            }
            Core::Set { value, quant, freq } => {
                timex.kind = TimexType::Set;
                timex.value = match (&spec.pod, spec.clock) {
                    (_, Some(c)) if !value.starts_with("TXX") => {
                        format!("{value}T{:02}:{:02}", c.hour, c.minute)
                    }
                    (Some(p), _) if value.starts_with("TXX") => format!("XXXX-XX-XXT{}", p.code),
                    (Some(p), _) => format!("{value}T{}", p.code),
                    _ => value.clone(),
                };
                timex.quant = quant.clone();
                timex.freq = freq.clone();
                (None, "set: recurring".into())
            }
            Core::Ref(v) => {
                timex.value = v.clone();
                timex.kind = TimexType::Date;
                (None, "reference to the present, past or future".into())
            }
            Core::Range { .. } => (None, "range".into()),
            _ if let Some(what) = self.narrated_day(spec, at, end) => {
                // "at 1.30 am on the morning of his death", "on the night
                // Jackson died": a day the text narrates without naming it
                timex.value = match (spec.clock, &spec.pod) {
                    (Some(c), _) => format!("XXXX-XX-XXT{:02}:{:02}", c.hour, c.minute),
                    (None, Some(p)) => format!("XXXX-XX-XXT{}", p.code),
                    (None, None) => "XXXX-XX-XX".into(),
                };
                (
                    None,
                    format!(
                        "the time of a happening the text tells (\"{what}\"), not of the article: its day is not stated; left unresolved"
                    ),
                )
            }
            _ => {
                let told = self.told_after(spec, at, context, &tense);
                let found = match &told {
                    Some((anchor, _)) => self.narrative_point(spec, anchor),
                    None => self.point(spec, &tense, context, &mut assumptions),
                };
                match found {
                    // Outside the accepted years ("9999 millennia from now"):
                    // no position, so no interval arithmetic near chrono's limits.
                    Ok((p, _)) if !in_range(p.date) => {
                        timex.value = "XXXX".into();
                        (
                            None,
                            format!("outside the years {MIN_YEAR} to {MAX_YEAR}: left unresolved"),
                        )
                    }
                    Ok((p, rule)) => match told {
                        Some((anchor, why)) => {
                            (Some(p), format!("{rule} {} ({})", anchor.value(), why.why))
                        }
                        None => (Some(p), rule),
                    },
                    Err(rule) => {
                        timex.value = rule.1;
                        (None, rule.0)
                    }
                }
            }
        };
        self.take_evidence(spec, point.as_ref());
        if let Some(p) = &point {
            let mut p = p.clone();
            if p.pod.is_none() {
                p.pod = spec.pod.clone();
            }
            if spec.clock.is_some() {
                p.clock = spec.clock;
            }
            if p.clock.is_some() || p.pod.is_some() {
                timex.kind = TimexType::Time;
                if p.gran < Granularity::Day {
                    // "the early hours of last week" is not a time: keep the date
                    p.pod = None;
                    p.clock = None;
                    timex.kind = TimexType::Date;
                }
            }
            if p.clock.is_some() {
                self.evidence.clocks = true;
            }
            timex.value = p.value();
            timex.interval = Some(p.interval(spec.modifier));
            if spec.zone.is_none()
                && let (
                    Some(c),
                    Some(Dct {
                        zone: Some(Zone::Iana(tz)),
                        ..
                    }),
                ) = (p.clock, self.dct)
            {
                assumptions.extend(clock_change(&p.date, c, *tz));
            }
            timex.granularity = if p.clock.is_some() {
                Granularity::Minute
            } else if p.pod.is_some() {
                Granularity::PartOfDay
            } else {
                p.gran
            };
            // relative offsets ("a year earlier") compare; they do not move the story
            let moves_story = !matches!(
                spec.core,
                Core::Offset { .. }
                    | Core::Unit {
                        anchor: Anchor::Narrative,
                        ..
                    }
            );
            if moves_story && matches!(p.gran, Granularity::Quarter | Granularity::Half) {
                self.reporting_period = Some(p.clone());
            }
            // a restatement in another zone leaves the story where it was
            let moves_story = moves_story && rule != RESTATED_RULE;
            if moves_story && p.gran >= Granularity::Year {
                self.evidence.narrative_at = self.at;
                self.narrative = Some(Point {
                    pod: None,
                    clock: None,
                    ..p.clone()
                });
                let explicit = narrative_stated_year(spec, &p).is_some()
                    || (rule.contains(NARRATIVE_RULE) && self.story.anchor_explicit());
                let told = narrative::told_as_time(&self.text[..self.text.floor_char_boundary(at)]);
                self.story.anchored(explicit, told);
            }
            let role = match rule.as_str() {
                RESTATED_RULE => Some(Role::Restated),
                _ => spec.role,
            };
            return Resolved {
                timex,
                point: Some(p),
                rule,
                assumptions,
                role,
            };
        }
        Resolved {
            timex,
            point,
            rule,
            assumptions,
            role: spec.role,
        }
    }

    fn dct_date(&self) -> Option<NaiveDate> {
        self.dct.map(|d| d.date)
    }

    /// When `spec` could count from the article date or the text's own
    /// last date, and the text is narrating ([`narrative::Story::decide`]):
    /// that date and why.
    fn told_after(
        &self,
        spec: &Spec,
        at: usize,
        context: Option<&Point>,
        tense: &ClauseTense,
    ) -> Option<(Point, narrative::Narrating)> {
        if context.is_some() {
            return None;
        }
        let span = self.text.get(at..self.end.max(at)).unwrap_or("");
        let need = needs_reference(spec, span)?;
        // a weekday, or "April's accident" (a happening the reader knows), is the report's
        let weekday = matches!(
            spec.core,
            Core::Named {
                name: Name::Weekday(_) | Name::Weekend,
                ..
            }
        );
        let after = self.text.get(self.end..).unwrap_or("");
        let possessive = after.trim_start_matches(' ').starts_with(['\'', '’']);
        if (weekday || possessive) && self.reference.mode == narrative::ReferenceMode::Auto {
            return None;
        }
        let heading = self.story.newer_heading();
        let anchor = match heading {
            Some(y) => Point::at(ymd(y, 1, 1), Granularity::Year),
            None => self.narrative.clone()?,
        };
        if anchor.gran < need {
            return None;
        }
        // "Monday 14 June": the weekday names the year
        if let Core::Date {
            month: Some(m),
            day: Some(d),
            weekday: Some(w),
            ..
        } = spec.core
        {
            let y = self.narrative_year(&anchor, m, d);
            let fits = NaiveDate::from_ymd_opt(y, m, d)
                .is_some_and(|x| x.weekday().number_from_monday() == w);
            if !fits {
                return None;
            }
        }
        let why = self.story.decide(
            &self.reference,
            self.dct_date(),
            anchor.date.year(),
            heading.is_some(),
            || tense.get() == Tense::Future,
        )?;
        Some((anchor, why))
    }

    /// The words that tie a time of day to a happening the text tells
    /// rather than to a date: the expression is "the night", "the morning"
    /// … followed by one ("the night Jackson died", "the morning of his
    /// death"), or a clock time followed by "on" and such a phrase ("1.30
    /// am on the morning of his death"). `None` for anything else.
    fn narrated_day(&self, spec: &Spec, at: usize, end: usize) -> Option<String> {
        if spec.core != Core::Clock && spec.pod.is_none() {
            return None;
        }
        let span = self.text.get(at..end)?;
        let after = self.text.get(end..)?;
        let rest = if let Some(word) = span.get(4..)
            && span[..4].eq_ignore_ascii_case("the ")
        {
            narrative::day_word(word)?;
            after
        } else if spec.clock.is_some() {
            let a = after.trim_start();
            let a = a.strip_prefix("on ").or_else(|| a.strip_prefix("in "))?;
            let a = a.trim_start().strip_prefix("the ")?;
            let w = a.split(|c: char| !c.is_alphabetic()).next()?;
            narrative::day_word(w)?;
            &a[w.len()..]
        } else {
            return None;
        };
        narrative::of_a_happening(rest)
    }

    /// The year of a month and day told after the narrative's date `a`:
    /// the first on or after it (within the allowed look back), never
    /// before the last year the text stated nor past the next one.
    fn narrative_year(&self, a: &Point, m: u32, d: u32) -> i32 {
        let back = self.reference.thresholds.back_days;
        let y = narrative::year_after(a.date, a.gran, m, d, back);
        self.story
            .last_stated()
            .map_or(y, |s| y.clamp(s, s.saturating_add(1)))
    }

    /// Resolves `spec` (one [`needs_reference`] accepts) after the
    /// narrative's last date `a`.
    fn narrative_point(&self, spec: &Spec, a: &Point) -> Result<(Point, String), (String, String)> {
        let year_of = |m: u32, d: u32| self.narrative_year(a, m, d);
        let rule = |what: &str| format!("{what} {NARRATIVE_RULE}");
        match &spec.core {
            Core::Date {
                month: Some(m),
                day: Some(d),
                ..
            } => {
                let y = year_of(*m, *d);
                match NaiveDate::from_ymd_opt(y, *m, *d) {
                    Some(date) => Ok((Point::day(date), rule("month and day: the first after"))),
                    None => Err((
                        format!("impossible date: {y}-{m:02}-{d:02} does not exist; not resolved"),
                        format!("{y:04}-{m:02}-{d:02}"),
                    )),
                }
            }
            Core::Date { month: Some(m), .. }
            | Core::Named {
                name: Name::Month(m),
                ..
            } => Ok((
                Point::at(ymd(year_of(*m, 1), *m, 1), Granularity::Month),
                rule("month: the first after"),
            )),
            Core::Named {
                name: Name::Holiday(_, h),
                ..
            } => {
                let this = holiday_date(*h, a.date.year()).unwrap_or(a.date);
                match holiday_date(*h, year_of(this.month(), this.day())) {
                    Some(d) => Ok((Point::day(d), rule("holiday: the first after"))),
                    None => Err(("holiday: no date that year".into(), "XXXX-XX-XX".into())),
                }
            }
            Core::Named {
                name: Name::Weekday(w),
                ..
            } => {
                let cur = a.date.weekday().number_from_monday() as i64;
                let days = (*w as i64 - cur).rem_euclid(7);
                Ok((
                    Point::day(add_days(a.date, days)),
                    rule("weekday: the first on or after"),
                ))
            }
            Core::Named {
                name: Name::Weekend,
                ..
            } => Ok((
                Point {
                    weekend: true,
                    ..Point::at(floor(a.date, Granularity::Week), Granularity::Week)
                },
                rule("weekend: the week of"),
            )),
            Core::YearPart { part, .. } => {
                let (start, gran, season) = part_start(part);
                Ok((
                    Point {
                        season,
                        ..Point::at(ymd(year_of(start, 1), start, 1), gran)
                    },
                    rule("part of a year: the first after"),
                ))
            }
            Core::Unit { unit, .. } => {
                let gran = unit_gran(*unit);
                Ok((Point::at(floor(a.date, gran), gran), rule("the period of")))
            }
            Core::Within {
                part: Within::Week(n),
                inner,
            } => {
                let (p, r) = self.narrative_point(inner, a)?;
                Ok((week_of(&p, *n), format!("{r}; week {n} of that month")))
            }
            _ => Err(("not a position".into(), String::new())),
        }
    }

    /// Counts what `spec` says for or against narrating.
    fn take_evidence(&mut self, spec: &Spec, point: Option<&Point>) {
        let stated = point.and_then(|p| narrative_stated_year(spec, p));
        let relative = match &spec.core {
            Core::Unit {
                anchor: Anchor::Dct,
                ..
            }
            | Core::Offset {
                anchor: Anchor::Dct,
                ..
            } => true,
            Core::Ref(v) => v == "PRESENT_REF",
            _ => false,
        };
        let dct = self.dct_date();
        self.story
            .observe(stated, relative, dct, &self.reference.thresholds);
    }

    /// The anchor for narrative expressions: the last resolved position, else the DCT.
    fn narrative_anchor(&self, assumptions: &mut Vec<String>) -> Option<Point> {
        if let Some(p) = &self.narrative {
            return Some(p.clone());
        }
        self.dct_anchor(assumptions)
    }

    /// For day-level narrative words ("the next morning"): the last resolved
    /// day, else the DCT.
    fn narrative_day(&self, assumptions: &mut Vec<String>) -> Option<Point> {
        if let Some(p) = self
            .narrative
            .as_ref()
            .filter(|p| p.gran >= Granularity::Day)
        {
            return Some(p.clone());
        }
        self.dct_anchor(assumptions)
    }

    fn dct_anchor(&self, assumptions: &mut Vec<String>) -> Option<Point> {
        let d = self.dct_date()?;
        assumptions.push("no earlier date in the text: counted from the article date".into());
        Some(Point::day(d))
    }

    /// The day the text has just told of, when it is the weekday `w`
    /// (Monday = 1) within a week of the article date: "(11:32 a.m. Monday
    /// ET) Coalition members were still working out Monday …" on a page
    /// dated Sunday is the Monday of the entry's stamp, the day after,
    /// whatever the tense. A day told otherwise ("… arrested on March 25.
    /// He is due in court on Friday") counts only when no tense decides.
    fn day_just_told(&self, dct: NaiveDate, w: i64, tense_unknown: bool) -> Option<NaiveDate> {
        /// How far back (bytes) the day told still holds: about a
        /// paragraph, or a live page's entry.
        const HOLDS: usize = 1000;
        let fits = |at: usize, d: NaiveDate| {
            self.at.saturating_sub(at) <= HOLDS
                && i64::from(d.weekday().number_from_monday()) == w
                && (d - dct).num_days().abs() <= 6
        };
        if let Some((at, d)) = self.evidence.stamp_day
            && fits(at, d)
        {
            return Some(d);
        }
        let p = self.narrative.as_ref()?;
        (tense_unknown && p.gran >= Granularity::Day && fits(self.evidence.narrative_at, p.date))
            .then_some(p.date)
    }

    /// The expression's bytes (start, end) in the text being resolved,
    /// which starts at byte `base` of the document.
    fn in_window(&self) -> Option<(usize, usize)> {
        Some((
            self.at.checked_sub(self.base)?,
            self.end.checked_sub(self.base)?,
        ))
    }

    /// The expression names a day's early hours ("early Sunday", "before
    /// dawn Sunday", "2 a.m. Sunday", "overnight Sunday"; "Sunday morning"
    /// only in a page's first lines, its news) in a sentence that looks back
    /// to no other time: "the fire broke out early Sunday and burned until
    /// Friday", "a week ago, early Sunday", "last week's violence began early
    /// Sunday" tell of the Sunday before.
    fn early_hours(&self, dct: NaiveDate) -> bool {
        let Some((at, end)) = self.in_window() else {
            return false;
        };
        let Some(words) = self.text.get(at..end) else {
            return false;
        };
        // a live page's every entry is its news
        let lead = self.at < EARLY_MORNING_LEAD || self.evidence.live == Some(true);
        let mut prev = "";
        let mut weekday = "";
        let morning = words
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("morning"));
        // a clock before 7 a.m.: the hours a day's news runs behind
        let clock = |c: &str| {
            c.split([':', '.'])
                .next()
                .and_then(|h| h.parse::<u32>().ok())
                .is_some_and(|h| h < 7 || h == 12)
        };
        let early = words.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| c == ',' || c == '(' || c == ')');
            let lower = w.to_ascii_lowercase();
            if crate::engine::timex::weekday_index(w).is_some() {
                weekday = w;
            }
            let found = matches!(
                lower.as_str(),
                "early" | "overnight" | "dawn" | "pre-dawn" | "predawn"
            ) || (matches!(lower.as_str(), "a.m." | "am" | "a.m") && clock(prev))
                || (lower.ends_with("a.m.") && clock(&lower));
            prev = w;
            found
        });
        if !early && !morning {
            return false;
        }
        // the clause around (to a stop, a colon or a dateline's dash): no
        // other day but the article's, no "ago", "last", "week" ("earlier
        // today" is no other day); a stamp in
        // brackets ("(Updated : 1:38 a.m. Monday , Libya ; 6:38 p.m. Sunday
        // ET)") is no part of it
        let bytes = self.text.as_bytes();
        let stop = |i: usize| {
            matches!(bytes[i], b'.' | b'!' | b'?' | b'\n' | b':' | b';')
                || (bytes[i] == b'-' && bytes.get(i + 1) == Some(&b'-'))
        };
        let from = (0..at).rev().find(|&i| stop(i)).map_or(0, |i| i + 1);
        let to = (end..self.text.len())
            .find(|&i| stop(i))
            .unwrap_or(self.text.len());
        let (Some(before), Some(after)) = (self.text.get(from..at), self.text.get(end..to)) else {
            return false;
        };
        // "Sunday morning" only where the page tells its news: its first
        // lines, or an entry under a live page's stamp ("LIBYA , 6:49 p.m.
        // ET , 1:49 a.m. local : …")
        let entry = {
            let head = self.text[..from].trim_end_matches(':').trim_end();
            head.ends_with("local") || head.ends_with("ET") || head.ends_with("GMT")
        };
        if !(early || lead || entry) {
            return false;
        }
        let article_day = dct.weekday();
        let looks_back = |s: &str| {
            let mut depth = 0i32;
            s.split(|c: char| !c.is_alphanumeric() && c != '(' && c != ')')
                .any(|w| {
                    let bare = w.trim_matches(|c| c == '(' || c == ')');
                    depth += w.matches('(').count() as i32 + i32::from(bare == "LRB");
                    depth -= w.matches(')').count() as i32 + i32::from(bare == "RRB");
                    if depth > 0 {
                        return false;
                    }
                    let day = crate::engine::timex::weekday_index(bare);
                    matches!(
                        bare.to_ascii_lowercase().as_str(),
                        "ago" | "last" | "week" | "weeks" | "previous"
                    ) || day.is_some_and(|d| {
                        !bare.eq_ignore_ascii_case(weekday)
                            && d as u32 != article_day.num_days_from_monday()
                    })
                })
        };
        !looks_back(before) && !looks_back(after)
    }

    /// The expression opens a live page's bracketed stamp, a time in a
    /// zone: "(3:08 p.m. Monday ET, 9:08 p.m. Monday in Libya)". A live
    /// page goes on after the day it is dated, so its weekday is the one
    /// nearest that day, either side.
    fn opens_zone_stamp(&self) -> bool {
        let Some((at, end)) = self.in_window() else {
            return false;
        };
        let (Some(before), Some(after)) = (self.text.get(..at), self.text.get(end..)) else {
            return false;
        };
        let before = before.trim_end();
        if !(before.ends_with('(') || before.ends_with("-LRB-")) {
            return false;
        }
        let mut words = after.split_whitespace();
        let zone = words.next().unwrap_or("");
        let (zone, comma) = match zone.strip_suffix(',') {
            Some(z) => (z, true),
            None => (zone, words.next() == Some(",")),
        };
        // the same time again, elsewhere: "9:08 p.m. Monday in Libya" (a
        // listing's "(8:20 p.m. Sunday ET, NBC)" is no stamp)
        let restated = words
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        comma && STAMP_ZONES.contains(&zone) && restated
    }

    /// The day of the expression just before this one when this one
    /// restates its time in another zone: the text before it ends with a
    /// weekday, a zone and a comma ("7:38 p.m. Monday ET, "), or a weekday
    /// and a comma when this one names its place ("… Sunday in Tokyo").
    fn zone_restated_day(&self) -> Option<NaiveDate> {
        let (at, end) = self.in_window()?;
        let at = at.min(self.text.len());
        let from = self.text.floor_char_boundary(at.saturating_sub(32));
        let before = self.text[from..at].trim_end().strip_suffix(',')?.trim_end();
        let mut words = before.rsplit(' ');
        let zone = words.next()?;
        let before_zone = words.next()?;
        let is_day = |w: &str| crate::engine::timex::WEEKDAY_NAMES.contains(&w);
        // "(10:40 p.m. Saturday, 11:40 a.m. Sunday in Tokyo)": the zone of
        // the first time left unsaid, the second's place named
        let clock = |w: &str| matches!(w, "a.m." | "p.m." | "am" | "pm") || w.contains(':');
        let unzoned = is_day(zone)
            && clock(before_zone)
            && self
                .text
                .get(at..end)
                .is_some_and(|m| m.split(' ').any(clock))
            && self
                .text
                .get(end..)
                .is_some_and(|a| a.trim_start().starts_with("in "));
        let zoned = STAMP_ZONES.contains(&zone) && is_day(before_zone);
        if !(zoned || unzoned) {
            return None;
        }
        self.narrative
            .as_ref()
            .filter(|p| p.gran >= Granularity::Day)
            .map(|p| p.date)
    }

    /// Resolves a calendar position. Err carries (rule, underspecified value).
    fn point(
        &mut self,
        spec: &Spec,
        tense: &ClauseTense,
        context: Option<&Point>,
        assumptions: &mut Vec<String>,
    ) -> Result<(Point, String), (String, String)> {
        let dct = self.dct_date();
        let no_dct = |v: String| Err(("no article date: left unresolved".to_string(), v));
        match &spec.core {
            Core::Date {
                year,
                month,
                day,
                weekday,
                year_shift,
            } => {
                let borrowed = year.is_none() && context.is_some();
                // "the 4th and 5th of July": a day alone takes the other's month
                let month = &month.or(context.filter(|_| day.is_some()).map(|c| c.date.month()));
                let shifted = match (year_shift, dct) {
                    (Some(s), Some(d)) if year.is_none() => Some(d.year() + *s as i32),
                    _ => None,
                };
                let year = year.or(shifted).or(context.map(|c| c.date.year()));
                match (year, month, day) {
                    (Some(y), None, None)
                        if spec.production == "year_period"
                            && let Some(p) = &self.reporting_period =>
                    {
                        let p = Point {
                            date: ymd(y, p.date.month(), 1),
                            ..p.clone()
                        };
                        Ok((p, "the year's reporting period".into()))
                    }
                    (Some(y), None, None) => Ok((
                        Point::at(ymd(y, 1, 1), Granularity::Year),
                        "explicit year".into(),
                    )),
                    (Some(y), Some(m), None) => Ok((
                        Point::at(ymd(y, *m, 1), Granularity::Month),
                        "explicit month and year".into(),
                    )),
                    (y, Some(m), Some(d)) => {
                        let (y, rule) = match y {
                            Some(y) if shifted.is_some() => (
                                y,
                                "month and day in the year named relative to the article's"
                                    .to_string(),
                            ),
                            Some(y) if borrowed => (
                                y,
                                "month and day; year from the other end of the range".to_string(),
                            ),
                            Some(y) => (y, "explicit date".to_string()),
                            None => {
                                let Some(dct) = dct else {
                                    return no_dct(format!("XXXX-{m:02}-{d:02}"));
                                };
                                let y = self.year_for(dct, *m, *d, tense.reading(), assumptions);
                                // "Tuesday 16 February": the weekday names the year
                                // when the year the tense chose does not fit it
                                let fits = |y: i32, w: u32| {
                                    NaiveDate::from_ymd_opt(y, *m, *d)
                                        .is_some_and(|x| x.weekday().number_from_monday() == w)
                                };
                                let named = weekday.and_then(|w| {
                                    [y, y - 1, y + 1].into_iter().find(|&y| fits(y, w))
                                });
                                match named {
                                    Some(z) if z != y => {
                                        assumptions.push(format!(
                                            "{z}, not {y}: the only nearby year whose {m:02}-{d:02} is the weekday the text names"
                                        ));
                                        (z, "month and day; the year the weekday names".into())
                                    }
                                    _ => (y, "month and day; year from the article date".into()),
                                }
                            }
                        };
                        let Some(date) = NaiveDate::from_ymd_opt(y, *m, *d) else {
                            return Err((
                                format!(
                                    "impossible date: {y}-{m:02}-{d:02} does not exist; not resolved"
                                ),
                                format!("{y:04}-{m:02}-{d:02}"),
                            ));
                        };
                        if let Some(w) = weekday
                            && date.weekday().number_from_monday() != *w
                        {
                            assumptions.push(format!(
                                "the text says {} but {date} is a {}; the date is kept",
                                full_weekday(*w),
                                full_weekday(date.weekday().number_from_monday())
                            ));
                        }
                        Ok((Point::day(date), rule))
                    }
                    _ => {
                        // a clock time alone lands on the narrative day or the DCT
                        no_dct("XXXX-XX-XX".into())
                    }
                }
            }
            Core::Clock if spec.role == Some(Role::EntryStamp) => {
                let Some(d) = dct else {
                    return no_dct("XXXX-XX-XX".into());
                };
                // the page times its entries by the clock: a live page
                self.evidence.live.get_or_insert(true);
                Ok((
                    Point::day(d),
                    "a live page's entry stamp: the entry's time on the page's day".into(),
                ))
            }
            Core::Clock => {
                let near =
                    self.sentences_since(self.evidence.narrative_at) <= CLOCK_REACH_SENTENCES;
                match (&self.narrative, dct) {
                    (Some(n), _) if n.gran >= Granularity::Day && near => Ok((
                        Point::day(n.date),
                        "time of day on the current day of the narrative".into(),
                    )),
                    (_, Some(d)) => Ok((
                        Point::day(d),
                        "time of day on the article's day (no day named just before)".into(),
                    )),
                    (Some(n), None) if n.gran >= Granularity::Day => Ok((
                        Point::day(n.date),
                        "time of day on the current day of the narrative".into(),
                    )),
                    _ => no_dct("XXXX-XX-XX".into()),
                }
            }
            Core::Named { name, shift, year } => {
                let Some(dct) = dct else {
                    return no_dct(match name {
                        Name::Month(m) => format!("XXXX-{m:02}"),
                        Name::Weekday(w) => format!("XXXX-WXX-{w}"),
                        _ => "XXXX-XX-XX".into(),
                    });
                };
                match name {
                    Name::Weekday(w) => {
                        // "(7:38 p.m. Monday ET, 1:38 a.m. Tuesday in Libya)": the
                        // same moment in another zone, a day from the one before
                        if shift.is_none()
                            && let Some(prev) = self.zone_restated_day()
                        {
                            let wd = prev.weekday().number_from_monday() as i64;
                            let fwd = (*w as i64 - wd).rem_euclid(7);
                            let days = if fwd <= 3 { fwd } else { fwd - 7 };
                            return Ok((Point::day(add_days(prev, days)), RESTATED_RULE.into()));
                        }
                        Ok(self.weekday(dct, *w, *shift, tense, assumptions))
                    }
                    Name::Month(m) => {
                        let m = *m;
                        let (y, rule) = match (shift, year) {
                            (Some(s), Some(_)) => (
                                dct.year() + *s as i32,
                                "month in the year shifted from the article's",
                            ),
                            (Some(-1), None) => (
                                if m < dct.month() {
                                    dct.year()
                                } else {
                                    dct.year() - 1
                                },
                                "last <month>: the most recent one before the article's month",
                            ),
                            (Some(1), None) => (
                                if m > dct.month() {
                                    dct.year()
                                } else {
                                    dct.year() + 1
                                },
                                "next <month>: the first one after the article's month",
                            ),
                            (Some(_), None) => (dct.year(), "this <month>: in the article's year"),
                            (None, _) if let Some(c) = context => {
                                (c.date.year(), "month; year from the other end of the range")
                            }
                            (None, _) => {
                                let y = self.year_for(dct, m, 15, tense.reading(), assumptions);
                                (y, "bare month: nearest one in the sentence's tense")
                            }
                        };
                        Ok((Point::at(ymd(y, m, 1), Granularity::Month), rule.into()))
                    }
                    Name::Holiday(_, rule) => {
                        let date_in = |y: i32| holiday_date(*rule, y);
                        let date = match (year, shift) {
                            (Some(y), _) => date_in(*y),
                            (None, Some(-1)) => {
                                let d = date_in(dct.year());
                                if d.is_some_and(|d| d < dct) {
                                    d
                                } else {
                                    date_in(dct.year() - 1)
                                }
                            }
                            (None, Some(1)) => {
                                let d = date_in(dct.year());
                                if d.is_some_and(|d| d > dct) {
                                    d
                                } else {
                                    date_in(dct.year() + 1)
                                }
                            }
                            _ => {
                                let d = date_in(dct.year());
                                match (d, tense.get()) {
                                    (Some(d), Tense::Future) if d < dct => date_in(dct.year() + 1),
                                    (Some(d), Tense::Past)
                                        if d > dct && (d - dct).num_days() > 30 =>
                                    {
                                        assumptions.push("past tense: the last one".into());
                                        date_in(dct.year() - 1)
                                    }
                                    // no tense: the nearest ("Christmas gift guide" in October)
                                    (Some(d), Tense::Unknown)
                                        if d > dct
                                            && date_in(dct.year() - 1)
                                                .is_some_and(|e| dct - e < d - dct) =>
                                    {
                                        assumptions.push("no tense cue: the nearest one".into());
                                        date_in(dct.year() - 1)
                                    }
                                    (d, _) => d,
                                }
                            }
                        };
                        match date {
                            Some(d) => Ok((
                                Point::day(d),
                                "holiday: its date in the nearest fitting year".into(),
                            )),
                            None => no_dct("XXXX-XX-XX".into()),
                        }
                    }
                    Name::Weekend => Ok((
                        Point {
                            weekend: true,
                            ..Point::at(floor(dct, Granularity::Week), Granularity::Week)
                        },
                        "weekend of the article's week".into(),
                    )),
                }
            }
            Core::Unit {
                unit,
                shift: n,
                anchor,
            } => {
                if spec.production == "last_day" {
                    assumptions
                        .push("a final day (\"his last day\"): the article's day assumed".into());
                }
                // "the next hour": which hour is not known, only its day
                let sub_day = matches!(unit, Unit::Hour | Unit::Minute | Unit::Second);
                if sub_day {
                    assumptions.push(format!(
                        "the {} is not known: its day",
                        format!("{unit:?}").to_lowercase()
                    ));
                }
                let gran = unit_gran(*unit).min(Granularity::Day);
                let base = match anchor {
                    Anchor::Dct => dct.map(Point::day),
                    Anchor::Narrative => {
                        // "the quarter", "that year": the narrative's position at this granularity
                        match &self.narrative {
                            Some(p) if p.gran == gran && *unit != Unit::Weekend => Some(p.clone()),
                            _ if *unit == Unit::Day => self.narrative_day(assumptions),
                            // "the weekend": the one around the narrative's day, else the
                            // article's most recent (or, in a future sentence, coming) one
                            _ if *unit == Unit::Weekend => self
                                .narrative
                                .as_ref()
                                .filter(|p| p.gran >= Granularity::Day)
                                .map(|p| p.date)
                                .or(dct)
                                .map(|d| {
                                    let wd = d.weekday().number_from_monday() as i64;
                                    let day = match tense.get() {
                                        _ if wd >= 6 => d,
                                        Tense::Future => add_days(d, 6 - wd),
                                        _ => add_days(d, -wd),
                                    };
                                    Point::day(day)
                                }),
                            _ => {
                                if *unit == Unit::Quarter
                                    && let Some(d) = dct
                                {
                                    assumptions.push(
                                        "the quarter not named: the last completed one".into(),
                                    );
                                    Some(Point::day(shift(
                                        floor(d, Granularity::Quarter),
                                        Unit::Quarter,
                                        -1,
                                    )))
                                } else {
                                    self.narrative_anchor(assumptions)
                                }
                            }
                        }
                    }
                };
                let Some(base) = base else {
                    return no_dct("XXXX-XX-XX".into());
                };
                let d = shift(base.date, *unit, *n);
                let mut p = Point::at(floor(d, gran), gran);
                if *unit == Unit::Weekend {
                    p.weekend = true;
                }
                if gran == Granularity::Season {
                    p.season = base.season.clone();
                }
                let rule = match (anchor, n) {
                    (Anchor::Dct, 0) => "the article's own period".to_string(),
                    (Anchor::Dct, _) => format!("{n:+} {unit:?} from the article date"),
                    (Anchor::Narrative, _) => {
                        format!("{n:+} {unit:?} from the narrative's last date")
                    }
                };
                Ok((p, rule))
            }
            Core::Offset {
                n,
                unit,
                dir,
                anchor,
            } => {
                let base = match anchor {
                    // "a year ago" in a report about a quarter: that quarter a year before
                    _ if *unit == Unit::Year
                        && n.is_some_and(|n| n == 1.0)
                        && let Some(p) = self.reporting_period.as_ref().filter(|p| {
                            // a period that ended within the year before the article
                            dct.is_some_and(|d| p.date <= d && add_months(p.date, 15) > d)
                        }) =>
                    {
                        assumptions
                            .push(format!("compared with the reporting period {}", p.value()));
                        Some(p.clone())
                    }
                    Anchor::Dct => dct.map(Point::day),
                    Anchor::Narrative if unit_gran(*unit) >= Granularity::Week => {
                        self.narrative_day(assumptions)
                    }
                    Anchor::Narrative => self.narrative_anchor(assumptions),
                };
                let Some(base) = base else {
                    return no_dct("XXXX-XX-XX".into());
                };
                let Some(n) = n else {
                    return Err((
                        "an unstated number of units: only the direction is known".into(),
                        if *dir < 0 {
                            "PAST_REF".into()
                        } else {
                            "FUTURE_REF".into()
                        },
                    ));
                };
                let whole = n.round() as i64 * *dir as i64;
                let d = shift(base.date, *unit, whole);
                let mut gran = unit_gran(*unit);
                if *anchor == Anchor::Narrative
                    && base.gran > gran.min(Granularity::Day)
                    && base.gran != Granularity::Day
                {
                    gran = base.gran.min(Granularity::Day).max(gran);
                }
                if base.gran < Granularity::Day && base.gran > gran {
                    // "a year earlier" than a quarter is that quarter a year before
                    gran = base.gran;
                }
                Ok((
                    Point::at(floor(d, gran), gran),
                    format!(
                        "{} {unit:?} {} the {}",
                        n,
                        if *dir < 0 { "before" } else { "after" },
                        match anchor {
                            Anchor::Dct => "article date",
                            Anchor::Narrative => "narrative's last date",
                        }
                    ),
                ))
            }
            // the 460s BC (-46) are 469 to 460 BC: astronomical -468 to -459
            Core::Decade { decade, .. } if *decade < 0 => Ok((
                Point::at(ymd(1 + decade * 10 - 9, 1, 1), Granularity::Decade),
                "decade before Christ".into(),
            )),
            Core::Decade {
                decade,
                century_known,
            } => {
                if !century_known {
                    assumptions.push(format!("century not stated: the {}0s assumed", decade));
                }
                Ok((
                    Point::at(ymd(decade * 10, 1, 1), Granularity::Decade),
                    "decade".into(),
                ))
            }
            // the 5th century BC (-5) is 500 to 401 BC: astronomical -499 to -400
            Core::Century(c) if *c < 0 => Ok((
                Point::at(ymd(1 + c * 100, 1, 1), Granularity::Century),
                "century before Christ".into(),
            )),
            Core::Century(c) => Ok((
                Point::at(ymd(c * 100, 1, 1), Granularity::Century),
                "century".into(),
            )),
            Core::YearPart { year, part } => {
                let (len_months, start_month, gran, season) = match part {
                    Part::Quarter(q) => (3, (q - 1) * 3 + 1, Granularity::Quarter, None),
                    Part::Half(h) => (6, (h - 1) * 6 + 1, Granularity::Half, None),
                    Part::Season(code) => {
                        let m = match code.as_str() {
                            "SP" => 3,
                            "SU" => 6,
                            "FA" => 9,
                            _ => 12,
                        };
                        (3, m, Granularity::Season, Some(code.clone()))
                    }
                };
                // a winter is named by the year it ends in: 2013-WI is December
                // 2012 to February 2013 (as TimeML annotators write it)
                let winter = season.as_deref() == Some("WI");
                let start = |y: i32| {
                    if winter {
                        ymd(y - 1, 12, 1)
                    } else {
                        ymd(y, start_month, 1)
                    }
                };
                let y = match year {
                    YearRef::Explicit(y) => *y,
                    // "this winter": the one in progress, else the coming one
                    YearRef::Shift(0)
                        if winter
                            && let Some(dct) = dct
                            && dct.month() > 3 =>
                    {
                        dct.year() + 1
                    }
                    YearRef::Shift(s) => {
                        let Some(dct) = dct else {
                            return no_dct("XXXX".into());
                        };
                        if matches!(part, Part::Season(_)) && *s != 0 {
                            // last fall: the most recent fall that has ended
                            let this = start(dct.year());
                            let end = add_months(this, len_months);
                            if *s < 0 {
                                if end <= dct {
                                    dct.year()
                                } else {
                                    dct.year() - 1
                                }
                            } else if this > dct {
                                dct.year()
                            } else {
                                dct.year() + 1
                            }
                        } else {
                            dct.year() + *s as i32
                        }
                    }
                    YearRef::Context => {
                        if let Some(c) = context {
                            c.date.year()
                        } else {
                            let Some(dct) = dct else {
                                return no_dct("XXXX".into());
                            };
                            // the one in progress; else the coming one in a future
                            // sentence, the last one otherwise
                            let y = dct.year();
                            let next = if start(y + 1) <= dct { y + 1 } else { y };
                            let (this, ends) = (start(next), add_months(start(next), len_months));
                            // with no tense cue, a season that comes within a month is the one meant
                            let soon = this > dct && (this - dct).num_days() <= 31;
                            match tense.get() {
                                _ if this <= dct && dct < ends => next,
                                Tense::Future if this > dct => next,
                                Tense::Unknown if soon && matches!(part, Part::Season(_)) => {
                                    assumptions.push("no tense cue: the coming one".into());
                                    next
                                }
                                _ if this > dct => {
                                    assumptions.push(
                                        "year not stated: the most recent one assumed".into(),
                                    );
                                    next - 1
                                }
                                _ => next,
                            }
                        }
                    }
                };
                let p = Point {
                    season,
                    ..Point::at(start(y), gran)
                };
                Ok((p, "part of a year".into()))
            }
            Core::Within {
                part: Within::Week(n),
                inner,
            } => {
                let (p, rule) = self.point(inner, tense, context, assumptions)?;
                let which = match n {
                    0 => "the week of that day".to_string(),
                    n => format!("week {n} of that month"),
                };
                Ok((week_of(&p, *n), format!("{rule}; {which}")))
            }
            Core::Within {
                part: Within::Day(n),
                inner,
            } => {
                let (p, rule) = self.point(inner, tense, context, assumptions)?;
                let day = Point::day(add_days(p.date, *n as i64));
                Ok((day, format!("{rule}; {n:+} day from it")))
            }
            Core::Within {
                part: Within::NarrativeYear(k),
                inner,
            } => {
                let year = match self
                    .narrative
                    .as_ref()
                    .filter(|p| p.gran >= Granularity::Year)
                {
                    Some(p) => p.date.year(),
                    None => match dct {
                        Some(d) => {
                            assumptions.push(
                                "no earlier date in the text: the year of the article date".into(),
                            );
                            d.year()
                        }
                        None => return no_dct("XXXX".into()),
                    },
                };
                let ctx = Point::at(ymd(year + *k as i32, 1, 1), Granularity::Year);
                let (p, _) = self.point(inner, tense, Some(&ctx), assumptions)?;
                let which = match k {
                    0 => "the year of".to_string(),
                    k => format!("{k:+} year from the year of"),
                };
                Ok((p, format!("{which} {NARRATIVE_RULE}")))
            }
            Core::Duration { .. } | Core::Set { .. } | Core::Ref(_) | Core::Range { .. } => {
                Err(("not a position".into(), String::new()))
            }
        }
    }

    /// A month and day without a year: the year that puts it nearest the
    /// DCT in the sentence's tense.
    fn year_for(
        &self,
        dct: NaiveDate,
        m: u32,
        d: u32,
        reading: &Reading,
        assumptions: &mut Vec<String>,
    ) -> i32 {
        let tense = reading.tense;
        let cand = |y: i32| NaiveDate::from_ymd_opt(y, m, d.min(28)).unwrap_or(dct);
        let this = cand(dct.year());
        let prev = cand(dct.year() - 1);
        let next = cand(dct.year() + 1);
        let dist = |x: NaiveDate| (x - dct).num_days().abs();
        let nearest = [(this, 0), (prev, -1), (next, 1)]
            .into_iter()
            .min_by_key(|(x, _)| dist(*x))
            .unwrap_or((this, 0));
        let chosen = match tense {
            // the sentence's tense overrides the nearest year when they disagree
            // "died on 25 June": what a past verb governs cannot lie after
            // the article (a day of slack for time zones)
            Tense::Past if reading.governs && nearest.0 > add_days(dct, 1) => nearest.1 - 1,
            Tense::Past if nearest.0 > add_days(dct, PAST_SLACK) => nearest.1 - 1,
            Tense::Future if nearest.0 < add_days(dct, -(FUTURE_SLACK)) => nearest.1 + 1,
            _ => nearest.1,
        };
        {
            assumptions.push(format!(
                "year not stated: {} assumed ({})",
                dct.year() + chosen,
                match tense {
                    Tense::Past => format!("past tense{}", reading.after_colon()),
                    Tense::Future => format!("future tense{}", reading.after_colon()),
                    Tense::FutureOfPast => format!(
                        "the nearest: future of a past saying{}",
                        reading.after_colon()
                    ),
                    Tense::Unknown => "the nearest to the article date".to_string(),
                }
            ));
        }
        dct.year() + chosen
    }

    fn weekday(
        &mut self,
        dct: NaiveDate,
        w: u32,
        shift: Option<i8>,
        tense: &ClauseTense,
        assumptions: &mut Vec<String>,
    ) -> (Point, String) {
        let cur = dct.weekday().number_from_monday() as i64;
        let w = w as i64;
        let back = (cur - w).rem_euclid(7);
        let fwd = (w - cur).rem_euclid(7);
        let (days, rule) = match shift {
            Some(-1) => (
                -(if back == 0 { 7 } else { back }),
                "last <weekday>: the one before the article date",
            ),
            Some(1) => (
                if fwd == 0 { 7 } else { fwd },
                "next <weekday>: the one after the article date",
            ),
            Some(2) => (
                if fwd == 0 { 14 } else { fwd + 7 },
                "<weekday> week: a week after the coming one",
            ),
            Some(_) => (w - cur, "this <weekday>: in the article's week"),
            None if back == 0 => (0, "weekday equal to the article date's: that day"),
            None if self.opens_zone_stamp() => {
                let (days, rule) = if fwd < back {
                    (
                        fwd,
                        "weekday in a live page's time stamp: the nearest one, after the page's date",
                    )
                } else {
                    (
                        -back,
                        "weekday in a live page's time stamp: the nearest one",
                    )
                };
                // the entry under the stamp tells of that day
                self.evidence.stamp_day = Some((self.at, add_days(dct, days)));
                (days, rule)
            }
            None => {
                let reading = tense.reading();
                // "Explosions were heard early Sunday" in a page dated
                // Saturday: the place's clock is ahead of the page's date
                // (Tripoli's early hours are the evening before in New
                // York); a week before would say "last Sunday".
                if fwd == 1 && reading.tense != Tense::Future && self.early_hours(dct) {
                    assumptions.push(
                        "the early hours of the day after the article's date: the article's clock behind the place's".into(),
                    );
                    return (
                        Point::day(add_days(dct, 1)),
                        format!(
                            "early hours of the weekday after the article date's: that day{}",
                            reading.why()
                        ),
                    );
                }
                let (days, rule) = match reading.tense {
                    Tense::Future => (fwd, "weekday in a future-tense sentence: the coming one"),
                    Tense::Past => (
                        -back,
                        "weekday in a past-tense sentence: the most recent one",
                    ),
                    Tense::FutureOfPast if fwd <= back => (
                        fwd,
                        "weekday in a future-tense sentence told from the past: the nearest one, coming",
                    ),
                    Tense::FutureOfPast => (
                        -back,
                        "weekday in a future-tense sentence told from the past: the nearest one, past",
                    ),
                    Tense::Unknown => {
                        assumptions.push("no tense cue: the past assumed (news default)".into());
                        (-back, "weekday: the most recent one (news default)")
                    }
                };
                // the day the text has just told of, where the tense
                // would put another
                if let Some(day) = self.day_just_told(dct, w, reading.tense == Tense::Unknown)
                    && day != add_days(dct, days)
                {
                    return (
                        Point::day(day),
                        "weekday of the day just told (a live page's entry, a day's story): that day"
                            .into(),
                    );
                }
                return (
                    Point::day(add_days(dct, days)),
                    format!("{rule}{}", reading.why()),
                );
            }
        };
        (Point::day(add_days(dct, days)), rule.into())
    }
}

/// How far into a document (bytes) "<weekday> morning" is its news: a
/// page's headline, highlights and lead ("Renewed bombing could be heard
/// Thursday morning"); further on, a Saturday morning is the one before.
const EARLY_MORNING_LEAD: usize = 1500;

/// Zones a live page writes after its stamps' times ("3:08 p.m. Monday ET").
const STAMP_ZONES: &[&str] = &[
    "ET", "EST", "EDT", "CT", "CST", "CDT", "PT", "PST", "PDT", "GMT", "BST", "UTC", "CET", "CEST",
];

fn full_weekday(w: u32) -> &'static str {
    crate::engine::timex::WEEKDAY_NAMES[(w.saturating_sub(1) % 7) as usize]
}

fn weekday_name(w: u32) -> Weekday {
    Weekday::try_from((w.saturating_sub(1) % 7) as u8).unwrap_or(Weekday::Mon)
}

/// The date of a holiday in year `y`.
pub fn holiday_date(rule: HolidayRule, y: i32) -> Option<NaiveDate> {
    match rule {
        HolidayRule::Fixed { month, day } => NaiveDate::from_ymd_opt(y, month, day),
        HolidayRule::Easter(off) => easter(y).map(|d| add_days(d, off)),
        HolidayRule::NthWeekday { month, weekday, n } => {
            let wd = weekday_name(weekday);
            if n > 0 {
                NaiveDate::from_weekday_of_month_opt(y, month, wd, n as u8)
            } else {
                let first_next = if month == 12 {
                    ymd(y + 1, 1, 1)
                } else {
                    ymd(y, month + 1, 1)
                };
                let mut d = add_days(first_next, -(1));
                while d.weekday() != wd {
                    d = add_days(d, -1);
                }
                Some(d)
            }
        }
        HolidayRule::ElectionDay => {
            NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Mon, 1).map(|d| add_days(d, 1))
        }
    }
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// Start of a day as a datetime.
pub fn day_start(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

#[cfg(test)]
mod tests {

    /// The written-out day values are what `format!` writes.
    #[test]
    fn day_values_as_formatted() {
        use crate::engine::tag::spec::Clock;
        for (y, m, d) in [(1, 1, 1), (476, 9, 4), (2016, 7, 15), (9999, 12, 31)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut p = Point::day(date);
            assert_eq!(p.value(), format!("{y:04}-{m:02}-{d:02}"));
            p.gran = Granularity::Minute;
            p.clock = Some(Clock { hour: 7, minute: 5 });
            assert_eq!(p.value(), format!("{y:04}-{m:02}-{d:02}T07:05"));
        }
        let mut p = Point::day(NaiveDate::from_ymd_opt(2010, 4, 20).unwrap());
        p.gran = Granularity::PartOfDay;
        p.pod = Some(Pod {
            code: "NI".into(),
            start_hour: 21,
            end_hour: 24,
        });
        assert_eq!(p.value(), "2010-04-20TNI");
    }
    use super::*;

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2016), NaiveDate::from_ymd_opt(2016, 3, 27));
        assert_eq!(easter(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
    }

    #[test]
    fn thanksgiving() {
        let r = HolidayRule::NthWeekday {
            month: 11,
            weekday: 4,
            n: 4,
        };
        assert_eq!(holiday_date(r, 2016), NaiveDate::from_ymd_opt(2016, 11, 24));
        let memorial = HolidayRule::NthWeekday {
            month: 5,
            weekday: 1,
            n: -1,
        };
        assert_eq!(
            holiday_date(memorial, 2016),
            NaiveDate::from_ymd_opt(2016, 5, 30)
        );
    }
}
