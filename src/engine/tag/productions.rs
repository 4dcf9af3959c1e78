//! The productions of `grammar/temporal.ebnf`, one function each, built
//! bottom-up from the primitives in [`super::lex`]. Each takes the text at a
//! word start and returns the rest plus a [`Spec`]; [`super::longest`] runs
//! them all and keeps the longest match.

use super::lex::{
    self, Res, any_kw, cardinal, day_number, digits, dot, fail, kw, norm, ordinal, phrase, sep, sp,
    word, year4,
};
use super::spec::Opener::{self, *};
use super::spec::{
    Anchor, Clock, Core, Name, Part, Pod, Production, Spec, Within, YearRef, duration_value,
};
use crate::engine::grammar::{Lexicon, NumeralKind, Position, Unit};
use crate::engine::timex::TimexMod;
use nom::{
    Parser,
    bytes::complete::{tag, tag_no_case, take_while_m_n},
    character::complete::char,
    combinator::opt,
};

/// Every production, by the name it has in `grammar/temporal.ebnf`, with
/// what its first token may be (see [`super::prefilter`]). An opener list
/// must cover everything the production's first parser accepts, including
/// optional leading words ("the", a shifter); `tests/dispatch.rs` checks it.
pub const PRODUCTIONS: &[(&str, Production, &[Opener])] = &[
    (
        "calendar_date",
        calendar_date,
        // "the 15th of July"
        &[Digits(D12), Weekdays, Months, The(ORDINAL)],
    ),
    ("numeric_date", numeric_date, &[Digits(&[1, 2, 4])]),
    ("month_year", month_year, &[Months]),
    (
        "year",
        year,
        &[
            // "490 BC"
            Digits(&[1, 2, 3, 4]),
            Numerals,
            Words(&["fiscal", "calendar"]),
            The(&[Digits(&[4]), Numerals, Words(&["year"])]),
        ],
    ),
    (
        "decade",
        decade,
        &[
            // "460s BC"
            Digits(&[1, 2, 3, 4]),
            Apostrophe,
            The(&[Digits(&[1, 2, 3, 4]), Apostrophe, TensPlural]),
        ],
    ),
    (
        "century",
        century,
        &[
            Digits(&[1, 2, 3]),
            Numerals,
            Shifters,
            The(&[Digits(&[1, 2, 3]), Numerals, Shifters]),
        ],
    ),
    ("month_ref", month_ref, &[Shifters, Months]),
    (
        "weekday_ref",
        weekday_ref,
        &[Shifters, Weekdays, The(&[Shifters])],
    ),
    (
        "clock_time",
        clock_time,
        &[
            // "8 p.m.", "930am", "0546 GMT"
            Digits(&[1, 2, 3, 4]),
            // "five o'clock", "half past eight", "a quarter to midnight"
            Numerals,
            Words(&["half", "quarter", "a"]),
            Words(&["noon", "midnight", "midday"]),
            // day_anchor: calendar_date, weekday_ref, deictic
            Weekdays,
            Months,
            Shifters,
            Deictics,
            The(&[Digits(&[1, 2, 3]), Numerals, Shifters]),
        ],
    ),
    (
        "part_of_day",
        part_of_day,
        &[
            Words(&[
                "tonight",
                "this",
                "today",
                "yesterday",
                "tomorrow",
                "last",
                "that",
            ]),
            The(&[PartsOfDay, Words(&["next", "following", "previous"])]),
        ],
    ),
    ("deictic", deictic, &[Deictics]),
    (
        "unit_ref",
        unit_ref,
        &[
            Shifters,
            Words(&["year", "that", "those"]),
            The(&[
                Units,
                Words(&[
                    "same",
                    "current",
                    "present",
                    "latest",
                    "next",
                    "following",
                    "previous",
                    "preceding",
                    "prior",
                    "past",
                    "last",
                    "full",
                    "fiscal",
                    "calendar",
                    "entire",
                    "whole",
                ]),
            ]),
        ],
    ),
    ("offset", offset, QUANTITY),
    (
        "year_earlier",
        year_earlier,
        &[Words(&["year"]), The(&[Words(&["year"])])],
    ),
    (
        "year_part",
        year_part,
        &[
            Digits(&[1, 2, 3, 4]),
            Numerals,
            Shifters,
            Words(&[
                "q", "first", "second", "last", "latter", "fiscal", "calendar",
            ]),
            The(&[
                Digits(&[1, 2, 3, 4]),
                Numerals,
                Shifters,
                Words(&["first", "second", "last", "latter", "fiscal", "calendar"]),
            ]),
        ],
    ),
    ("season", season, &[Shifters, Seasons, The(&[Seasons])]),
    ("holiday", holiday, &[Shifters, Holidays]),
    (
        "duration",
        duration,
        &[
            Digits(&[1, 2, 3, 4]),
            Numerals,
            Units,
            Words(DURATION_LEADS),
            Words(&["a", "an", "half", "one"]),
            The(&[
                Digits(&[1, 2, 3, 4]),
                Numerals,
                Words(DURATION_LEADS),
                Words(&["a", "an", "half", "one"]),
            ]),
        ],
    ),
    (
        "set",
        set,
        &[
            Digits(&[1, 2, 3, 4]),
            Numerals,
            Sets,
            Weekdays,
            PluralWeekdays,
            Words(&["every", "each", "once", "twice"]),
        ],
    ),
    (
        "range",
        range,
        &[Digits(&[4]), Months, Words(&["from", "between"])],
    ),
    // "the end of" is a modifier phrase; "the early 1980s" a modifier after "the"
    ("modified", modified, &[Modifiers, The(&[Modifiers])]),
    // ---- issue 17: ranges and coordination, compounds, informal text, formats
    (
        "span",
        span,
        &[
            Digits(&[1, 2, 3, 4]),
            Months,
            Weekdays,
            Numerals,
            Words(&["from", "between", "a", "an", "half", "one"]),
            The(ORDINAL),
        ],
    ),
    (
        "compound",
        compound,
        &[
            Months,
            Weekdays,
            Seasons,
            PartsOfDay,
            Digits(&[1, 2, 3, 4]),
            Numerals,
            Shifters,
            Words(&[
                "a", "an", "one", "half", "that", "year", "early", "mid", "late",
            ]),
            Holidays,
            The(&[
                Words(&[
                    "first",
                    "second",
                    "third",
                    "fourth",
                    "last",
                    "final",
                    "day",
                    "week",
                    "current",
                    "financial",
                    "fiscal",
                    "tax",
                    "academic",
                    "school",
                    "latest",
                ]),
                PartsOfDay,
                Seasons,
                Digits(&[1, 2, 3]),
                Numerals,
            ]),
        ],
    ),
    (
        "informal",
        informal,
        &[Digits(&[1, 2, 3, 4]), Weekdays, Shifters, Deictics],
    ),
    ("formats", formats, &[Digits(&[1, 2, 4])]),
    // read only in informal text, and run only there (INFORMAL_ONLY): keep it last
    (
        "informal_bare",
        informal_bare,
        &[
            PartsOfDay,
            Words(&["weekend", "weekends", "future"]),
            Words(&["nights", "mornings", "evenings", "afternoons"]),
            Words(BARE_UNITS),
            // "26nov", "Nov26"
            Digits(D12),
            Months,
        ],
    ),
];

/// The words before a count in `duration`: "the past three days".
const DURATION_LEADS: &[&str] = &[
    "past",
    "last",
    "next",
    "first",
    "coming",
    "previous",
    "following",
    "final",
    "recent",
    "latest",
];

/// An ordinal: "15th", "third".
const ORDINAL: &[Opener] = &[Digits(&[1, 2, 3]), Numerals];

/// One or two digits.
const D12: &[usize] = &[1, 2];

/// What `quantity` opens with: a number, "a", "an", "half", "one".
const QUANTITY: &[Opener] = &[
    Digits(&[1, 2, 3, 4]),
    Numerals,
    Words(&["a", "an", "half", "one"]),
];

// ---------------------------------------------------------------- memo

/// Results of sub-parses at a position, kept while [`super::longest_of`]
/// runs the productions at one word: `calendar_date` runs on its own and
/// again inside `clock_time` ("Friday, July 15 at 8 p.m."), `quantity` for
/// `offset` and `duration` alike. Outside such a run nothing is kept.
struct Memo {
    active: bool,
    /// The position `longest_of` runs at (address, length) and the
    /// productions that can open there: any other fails there at once.
    at: (usize, usize),
    opens: u32,
    entries: Vec<MemoEntry>,
    specs: Vec<Spec>,
    /// The grammar's dispatch table, for productions that run others
    /// further on ([`opens_at`]).
    dispatch: Option<std::sync::Arc<dyn Dispatch>>,
}

/// Which sub-parse, where (address and length of the rest of the text),
/// and what it gave: the bytes it read and its value, or nothing. A spec is
/// kept apart ([`Memo::specs`]) so that the many failures and small values
/// are small entries.
struct MemoEntry {
    key: (u8, usize, usize),
    result: Option<(usize, Kept)>,
}

/// A result as a [`MemoEntry`] keeps it.
#[derive(Clone, Copy)]
enum Kept {
    /// Index in [`Memo::specs`].
    Spec(usize),
    Quantity(Option<f64>),
    Bits(u64),
}

/// What a memo keeps of a value: a spec apart in [`Memo::specs`], a small
/// value in its entry (so that it never travels in a spec-sized enum).
trait Memoed: Sized {
    fn keep(&self, m: &mut Memo) -> Kept;
    fn get(kept: Kept, m: &Memo) -> Option<Self>;
}

impl Memoed for Spec {
    fn keep(&self, m: &mut Memo) -> Kept {
        m.specs.push(self.clone());
        Kept::Spec(m.specs.len() - 1)
    }
    fn get(kept: Kept, m: &Memo) -> Option<Spec> {
        match kept {
            Kept::Spec(k) => Some(m.specs[k].clone()),
            _ => None,
        }
    }
}

/// A quantity ([`quantity`]).
impl Memoed for Option<f64> {
    fn keep(&self, _: &mut Memo) -> Kept {
        Kept::Quantity(*self)
    }
    fn get(kept: Kept, _: &Memo) -> Option<Self> {
        match kept {
            Kept::Quantity(q) => Some(q),
            _ => None,
        }
    }
}

/// Needles found ([`window_words`]).
impl Memoed for u64 {
    fn keep(&self, _: &mut Memo) -> Kept {
        Kept::Bits(*self)
    }
    fn get(kept: Kept, _: &Memo) -> Option<u64> {
        match kept {
            Kept::Bits(b) => Some(b),
            _ => None,
        }
    }
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = const {
        std::cell::RefCell::new(Memo {
            active: false,
            at: (0, 0),
            opens: 0,
            entries: Vec::new(),
            specs: Vec::new(),
            dispatch: None,
        })
    };
}

/// Runs `f` with sub-parse results kept for its duration (the text must
/// not change meanwhile, as it cannot while borrowed).
pub(crate) fn memoised<R, D: Dispatch + 'static>(
    at: &str,
    opens: u32,
    dispatch: &std::sync::Arc<D>,
    f: impl FnOnce() -> R,
) -> R {
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let same = |d: &std::sync::Arc<dyn Dispatch>| {
            std::ptr::addr_eq(std::sync::Arc::as_ptr(d), std::sync::Arc::as_ptr(dispatch))
        };
        if !m.dispatch.as_ref().is_some_and(same) {
            m.dispatch = Some(dispatch.clone());
        }
        m.active = true;
        m.at = (at.as_ptr() as usize, at.len());
        m.opens = opens;
        m.entries.clear();
        m.specs.clear();
    });
    let r = f();
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        m.active = false;
        m.entries.clear();
        m.specs.clear();
    });
    r
}

/// The productions of [`PRODUCTIONS`] whose first word or number can be the
/// one at `i` (bit `k`: production `k`), by the dispatch table of the
/// grammar running now; all of them outside such a run. A production that
/// runs others further on ("about" + an expression) asks it before each.
fn opens_at(i: &str) -> u32 {
    MEMO.with(|m| {
        let m = m.borrow();
        match &m.dispatch {
            Some(d) if m.active => d.opens_any(i),
            _ => u32::MAX,
        }
    })
}

/// What [`opens_at`] asks of the grammar's dispatch table (the scanner's
/// prefilter, which is built from [`PRODUCTIONS`] and so comes after them).
pub trait Dispatch: Send + Sync {
    /// The productions whose openers accept the word or number at the
    /// start of `rest` (bit `k`: production `k`); all of them when it
    /// cannot tell.
    fn opens_any(&self, rest: &str) -> u32;
}

/// The index in [`PRODUCTIONS`] of the production called `name`.
const fn index_of(name: &str) -> usize {
    let mut k = 0;
    while k < PRODUCTIONS.len() {
        let n = PRODUCTIONS[k].0.as_bytes();
        let want = name.as_bytes();
        if n.len() == want.len() {
            let mut j = 0;
            while j < n.len() && n[j] == want[j] {
                j += 1;
            }
            if j == n.len() {
                return k;
            }
        }
        k += 1;
    }
    panic!("no such production")
}

/// `(index, production)` pairs of [`PRODUCTIONS`], by name, for
/// [`opens_at`].
macro_rules! indexed {
    ($($p:ident),* $(,)?) => {
        [$((index_of(stringify!($p)), $p as Production)),*]
    };
}

/// `f` at `i`, or what it gave at `i` before in this run.
fn memo<'a, T: Memoed>(tag: u8, i: &'a str, f: impl FnOnce() -> Res<'a, T>) -> Res<'a, T> {
    let key = (tag, i.as_ptr() as usize, i.len());
    let hit = MEMO.with(|m| {
        let m = m.borrow();
        if !m.active {
            return None;
        }
        // a production the prefilter rules out at this position
        if (key.1, key.2) == m.at && tag < 32 && m.opens & (1 << tag) == 0 {
            return Some(None);
        }
        let e = m.entries.iter().find(|e| e.key == key)?;
        Some(
            e.result
                .and_then(|(len, kept)| Some((len, T::get(kept, &m)?))),
        )
    });
    match hit {
        Some(Some((len, v))) => Ok((&i[len..], v)),
        Some(None) => fail(i),
        None => {
            let r = f();
            MEMO.with(|m| {
                let mut m = m.borrow_mut();
                if m.active {
                    let result = r
                        .as_ref()
                        .ok()
                        .map(|(rest, v)| (i.len() - rest.len(), v.keep(&mut m)));
                    m.entries.push(MemoEntry { key, result });
                }
            });
            r
        }
    }
}

/// Memo tags: a production's index in [`PRODUCTIONS`], or above 31.
const CALENDAR_DATE: u8 = 0;
const WEEKDAY_REF: u8 = 7;
const DEICTIC: u8 = 10;
const QUANTITY_MEMO: u8 = 32;
const WINDOW_MEMO: u8 = 33;

pub fn calendar_date<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    memo(CALENDAR_DATE, i, || calendar_date_raw(g, i))
}

pub fn weekday_ref<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    memo(WEEKDAY_REF, i, || weekday_ref_raw(g, i))
}

pub fn deictic<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    memo(DEICTIC, i, || deictic_raw(g, i))
}

fn quantity<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Option<f64>> {
    memo(QUANTITY_MEMO, i, || quantity_raw(g, i))
}

// ---------------------------------------------------------------- words

/// month = month name | abbreviation ["."]
fn month<'a>(g: &Lexicon, i: &'a str) -> Res<'a, u32> {
    let (rest, w) = word(i)?;
    let n = norm(w);
    let Some(&m) = g.months.get(&*n) else {
        return fail(i);
    };
    // in running text a month is a capitalised name; "march" and "may" are words
    if !w.starts_with(char::is_uppercase) {
        return fail(i);
    }
    let full = g.month_name(m) == n;
    if full {
        return Ok((rest, m));
    }
    // abbreviations: "Jul." or "Jul" before a day number
    let (rest, d) = dot(rest)?;
    if d.is_none()
        && !(rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return fail(i);
    }
    Ok((rest, m))
}

/// weekday = weekday name ["'s"]
fn weekday<'a>(g: &Lexicon, i: &'a str) -> Res<'a, u32> {
    let (rest, w) = word(i)?;
    let n = norm(w);
    let n = n.strip_suffix("'s").unwrap_or(&n);
    match g.weekdays.get(n) {
        Some(&d) if n.len() > 4 => Ok((rest, d)),
        _ => fail(i),
    }
}

/// weekday_abbr = weekday name | abbreviation "." (only before a date)
fn weekday_abbr<'a>(g: &Lexicon, i: &'a str) -> Res<'a, u32> {
    if let Ok(r) = weekday(g, i) {
        return Ok(r);
    }
    let (rest, w) = word(i)?;
    match g.weekdays.get(&*norm(w)) {
        Some(&d) => {
            let (rest, _) = char('.')(rest)?;
            Ok((rest, d))
        }
        None => fail(i),
    }
}

/// unit = unit word ["'s"]
fn unit<'a>(g: &Lexicon, i: &'a str) -> Res<'a, (Unit, bool)> {
    let (rest, w) = word(i)?;
    let n = norm(w);
    let n = n
        .strip_suffix("'s")
        .or_else(|| n.strip_suffix('\''))
        .unwrap_or(&n);
    match g.units.get(n) {
        Some(u) => Ok((rest, (u.unit, u.plural))),
        None => fail(i),
    }
}

/// shift = "last" | "next" | "this" | "past" | "coming" | … (a shifter placed before)
fn shift<'a>(g: &Lexicon, i: &'a str) -> Res<'a, i8> {
    let (rest, s) = phrase(&g.shifters)(i)?;
    if s.position != Position::Before {
        return fail(i);
    }
    Ok((rest, s.direction))
}

/// post_shift = "ago" | "earlier" | "later" | "before" | "after" | "from now" | "hence"
fn post_shift<'a>(g: &Lexicon, i: &'a str) -> Res<'a, (i8, Anchor)> {
    let (_, w) = word(i)?;
    let n = norm(w);
    let (_, s) = phrase(&g.shifters)(i)?;
    if s.position != Position::After {
        return fail(i);
    }
    let anchor = match &*n {
        "ago" | "from" | "hence" => Anchor::Dct,
        _ => Anchor::Narrative,
    };
    let (rest2, _) = phrase(&g.shifters)(i)?;
    Ok((rest2, (s.direction, anchor)))
}

fn pod<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Pod> {
    let (rest, p) = phrase(&g.parts_of_day)(i)?;
    Ok((rest, Pod::from(p)))
}

/// year_number = era_year | four digits | spelled year ("nineteen ninety-four")
fn year_number<'a>(g: &Lexicon, i: &'a str) -> Res<'a, i32> {
    if let Ok(r) = era_year(i) {
        return Ok(r);
    }
    if let Ok(r) = year4(i) {
        return Ok(r);
    }
    spelled_year(g, i)
}

/// era = "BC" | "BCE" | "B.C." | "B.C.E." | "AD" | "A.D." | "CE" | "C.E."
/// (capitals, as written): true for the years before Christ.
fn era(i: &str) -> Res<'_, bool> {
    let (r, e) = nom::branch::alt((
        tag("B.C.E."),
        tag("B.C."),
        tag("BCE"),
        tag("BC"),
        tag("A.D."),
        tag("AD"),
        tag("C.E."),
        tag("CE"),
    ))
    .parse(i)?;
    if r.starts_with(lex::continues_word) {
        return fail(i);
    }
    Ok((r, e.starts_with('B')))
}

/// era_year = digits{1,4} [" "] era: "331 BC", "480BC", "79 AD". Years
/// before Christ are astronomical: 1 BC is 0, 331 BC is -330.
fn era_year(i: &str) -> Res<'_, i32> {
    let (r, (v, _)) = digits(i)?;
    let (r, _) = opt(char(' ')).parse(r)?;
    let (r, bc) = era(r)?;
    if v == 0 {
        return fail(i);
    }
    Ok((r, if bc { 1 - v as i32 } else { v as i32 }))
}

/// spelled_year = ("nineteen" | "twenty") tens ["-" units] | "two thousand" ["and"] [number]
fn spelled_year<'a>(g: &Lexicon, i: &'a str) -> Res<'a, i32> {
    let (rest, w) = word(i)?;
    let n = norm(w);
    if n == "two" {
        let (r, _) = sp(rest)?;
        let (r, _) = kw("thousand")(r)?;
        let r0 = r;
        let tail = (|| -> Res<'a, f64> {
            let (r, _) = sp(r)?;
            let (r, _) = opt((kw("and"), sp)).parse(r)?;
            cardinal(g, r)
        })();
        return match tail {
            Ok((r, v)) if v < 100.0 => Ok((r, 2000 + v as i32)),
            _ => Ok((r0, 2000)),
        };
    }
    let century = match g.numerals.get(&*n) {
        Some(num)
            if matches!(num.kind, NumeralKind::Cardinal)
                && (10..=19).contains(&num.value.unwrap_or(0)) =>
        {
            num.value.unwrap_or(0) as i32
        }
        Some(num) if num.kind == NumeralKind::Tens && num.value == Some(20) => 20,
        _ => return fail(i),
    };
    let (r, _) = sp(rest)?;
    let (r, v) = cardinal(g, r)?;
    if !(10.0..100.0).contains(&v) {
        return fail(i);
    }
    Ok((r, century * 100 + v as i32))
}

/// quantity = cardinal | "a" | "an" | "a few" | "several" | "a couple of" | "half a"
fn quantity_raw<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Option<f64>> {
    let (r, q) = quantity_core(g, i)?;
    // "2 1/2 years"
    let (r, q) = match (sp, tag::<_, _, nom::error::Error<&str>>("1/2")).parse(r) {
        Ok((r2, _)) => (r2, q.map(|v| v + 0.5)),
        Err(_) => (r, q),
    };
    // "a minute and a half"
    let (r, q) = match (sp, kw("and"), sp, any_kw(&["a", "one"]), sp, kw("half")).parse(r) {
        Ok((r2, _)) => (r2, q.map(|v| v + 0.5)),
        Err(_) => (r, q),
    };
    // "two more weeks", "an additional year"
    let r = match (sp, any_kw(&["more", "additional", "further", "extra"])).parse(r) {
        Ok((r2, _)) => r2,
        Err(_) => r,
    };
    Ok((r, q))
}

fn quantity_core<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Option<f64>> {
    // the first word decides which of the spelled-out forms can follow
    if let Ok((r, w)) = word(i) {
        let n = norm(w);
        match &*n {
            "a" | "an" => {
                if let Ok((r2, _)) = sp(r) {
                    // "a hundred", "a thousand"
                    if let Ok((r3, w2)) = any_kw(&["hundred", "thousand"])(r2) {
                        return Ok((r3, Some(if w2 == "hundred" { 100.0 } else { 1000.0 })));
                    }
                    if let Ok((r3, _)) = (kw("couple"), sp, kw("of")).parse(r2) {
                        return Ok((r3, Some(2.0)));
                    }
                    if let Ok((r3, _)) = kw("dozen")(r2) {
                        return Ok((r3, Some(12.0)));
                    }
                    // "a few", not "an few"
                    if &*n == "a"
                        && let Ok((r3, _)) = kw("few")(r2)
                    {
                        return Ok((r3, None));
                    }
                }
                // "a"/"an" only before a unit
                return Ok((r, Some(1.0)));
            }
            "half" => {
                if let Ok((r2, _)) = (sp, any_kw(&["a", "an"])).parse(r) {
                    return Ok((r2, Some(0.5)));
                }
            }
            // "one" is also a cardinal
            "one" => return Ok((r, Some(1.0))),
            _ => {}
        }
    }
    if let Ok((r, v)) = cardinal(g, i) {
        return Ok((r, Some(v)));
    }
    let (r, w) = word(i)?;
    match g.numerals.get(&*norm(w)) {
        Some(n) if n.kind == NumeralKind::Vague => Ok((r, None)),
        _ => fail(i),
    }
}

fn zone<'a>(g: &Lexicon, i: &'a str) -> Res<'a, String> {
    let (r, _) = sp(i)?;
    let (r, w) = word(r)?;
    if w.len() >= 2
        && w.chars().all(|c| c.is_ascii_uppercase())
        && g.timezones.contains_key(&*norm(w))
    {
        return Ok((r, norm(w).into_owned()));
    }
    fail(i)
}

// ---------------------------------------------------------------- absolute dates

/// calendar_date = [weekday_abbr [","] ] ( day ["of"] month | month day ) [[","] year_number]
///               | "the" ordinal "of" month [[","] year_number]
fn calendar_date_raw<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (i2, wd) = match (|i| weekday_abbr(g, i), opt((lex::sp0, char(','))), sp).parse(i) {
        Ok((r, (w, _, _))) => (r, Some(w)),
        Err(_) => (i, None),
    };
    let dm = |i: &'a str| -> Res<'a, (u32, u32)> {
        let (r, d) = day_number(i)?;
        let (r, _) = sp(r)?;
        let (r, _) = opt((kw("of"), sp)).parse(r)?;
        // "14 Mar": after a day number an abbreviation needs no period
        let (r, m) = month_after_day(g, r)?;
        Ok((r, (m, d)))
    };
    let md = |i: &'a str| -> Res<'a, (u32, u32)> {
        let (r, m) = month(g, i)?;
        let (r, _) = sp(r)?;
        let (r, d) = day_number(r)?;
        Ok((r, (m, d)))
    };
    let the_ord = |i: &'a str| -> Res<'a, (u32, u32)> {
        let (r, _) = (kw("the"), sp).parse(i)?;
        let (r, d) = ordinal(g, r)?;
        let (r, _) = (sp, kw("of"), sp).parse(r)?;
        let (r, m) = month(g, r)?;
        Ok((r, (m, d as u32)))
    };
    let (r, (m, d)) = dm(i2).or_else(|_| md(i2)).or_else(|_| the_ord(i2))?;
    if d > 31 {
        return fail(i);
    }
    let (r, y) = match (opt((lex::sp0, char(','))), sp, |i| year_number(g, i)).parse(r) {
        Ok((r2, (_, _, y))) => (r2, Some(y)),
        Err(_) => (r, None),
    };
    // "25 June last year"
    let (r, year_shift) = match (sp, |i| shift(g, i), sp, kw("year")).parse(r) {
        Ok((r2, (_, s, _, _))) if y.is_none() => (r2, Some(s)),
        _ => (r, None),
    };
    Ok((
        r,
        Spec::new(
            Core::Date {
                year: y,
                month: Some(m),
                day: Some(d),
                weekday: wd,
                year_shift,
            },
            "calendar_date",
        ),
    ))
}

/// numeric_date = yyyy "-" mm "-" dd | yyyy "/" mm "/" dd | m "/" d "/" (yyyy | yy)
pub fn numeric_date<'a>(_g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let two = |i| take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(i);
    // ISO
    if let Ok((r, (y, sepc, m, _, d))) = (
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        nom::character::complete::one_of("-/"),
        two,
        nom::character::complete::one_of("-/"),
        two,
    )
        .parse(i)
    {
        let _ = sepc;
        if r.starts_with(|c: char| c.is_ascii_digit()) {
            return fail(i);
        }
        let (y, m, d): (i32, u32, u32) = (
            y.parse().unwrap_or(0),
            m.parse().unwrap_or(0),
            d.parse().unwrap_or(0),
        );
        if (1000..2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Ok((r, date(Some(y), Some(m), Some(d), "numeric_date")));
        }
        return fail(i);
    }
    // US m/d/yyyy
    let (r, (m, _, d, _, y)) = (two, char('/'), two, char('/'), |i| {
        take_while_m_n(2, 4, |c: char| c.is_ascii_digit())(i)
    })
        .parse(i)?;
    if r.starts_with(|c: char| c.is_ascii_digit() || c == '/') {
        return fail(i);
    }
    let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    let y: i32 = match y.len() {
        2 => {
            let v: i32 = y.parse().unwrap_or(0);
            if v < 50 { 2000 + v } else { 1900 + v }
        }
        4 => y.parse().unwrap_or(0),
        _ => return fail(i),
    };
    if (1..=12).contains(&m) && (1..=31).contains(&d) {
        return Ok((r, date(Some(y), Some(m), Some(d), "numeric_date")));
    }
    // "15/07/2016": a first number above 12 can only be the day
    if (13..=31).contains(&m) && (1..=12).contains(&d) {
        return Ok((r, date(Some(y), Some(d), Some(m), "numeric_date")));
    }
    fail(i)
}

fn date(year: Option<i32>, month: Option<u32>, day: Option<u32>, p: &'static str) -> Spec {
    Spec::new(
        Core::Date {
            year,
            month,
            day,
            weekday: None,
            year_shift: None,
        },
        p,
    )
}

/// month_year = month [","] ["of"] year_number
pub fn month_year<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, m) = month(g, i)?;
    let (r, _) = opt((lex::sp0, char(','))).parse(r)?;
    let (r, _) = sp(r)?;
    let (r, _) = opt((kw("of"), sp)).parse(r)?;
    let (r, y) = year_number(g, r)?;
    Ok((r, date(Some(y), Some(m), None, "month_year")))
}

/// year = ["fiscal" | "the year"] year_number | "fiscal" "'" yy | "FY" yy
pub fn year<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, fiscal) = opt((any_kw(&["fiscal", "calendar"]), sp)).parse(i)?;
    let (r, the_year) = match (kw("the"), sp, kw("year"), sp).parse(r) {
        Ok((r2, _)) => (r2, true),
        Err(_) => (r, false),
    };
    // "the year 500": after "the year", any number of up to four digits
    if the_year
        && year_number(g, r).is_err()
        && let Ok((r2, (v, 1..=4))) = digits(r)
        && v > 0
        && !r2.starts_with(lex::continues_word)
        && !r2.starts_with('%')
        && !(r2.starts_with([',', '.']) && r2[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return Ok((r2, date(Some(v as i32), None, None, "year")));
    }
    // "the 1988 period": the year as the period a report covers
    if let Ok((r2, (_, _, y, _, _))) = (
        kw("the"),
        sp,
        |i| year_number(g, i),
        sp,
        any_kw(&["period", "quarter"]),
    )
        .parse(r)
    {
        return Ok((r2, date(Some(y), None, None, "year_period")));
    }
    if let Ok((r2, y)) = year_number(g, r) {
        return Ok((r2, date(Some(y), None, None, "year")));
    }
    if fiscal.is_some()
        && let Ok((r2, (_, (v, 2)))) = (nom::character::complete::one_of("'’"), digits).parse(r)
    {
        let y = if v < 50 {
            2000 + v as i32
        } else {
            1900 + v as i32
        };
        return Ok((r2, date(Some(y), None, None, "year")));
    }
    fail(i)
}

/// decade = ["the"] (yyy0 "s" | "'" y0 "s" | tens-word-plural) | ["the"] spelled decade
pub fn decade<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, _) = opt((kw("the"), sp)).parse(i)?;
    // "the 460s BC": a negative decade counts back (-46: 469 to 460 BC)
    if let Ok((r2, ((v, 2..=4), _, _, true))) = (digits, tag("s"), sp, era).parse(r)
        && v % 10 == 0
    {
        return Ok((
            r2,
            Spec::new(
                Core::Decade {
                    decade: -((v / 10) as i32),
                    century_known: true,
                },
                "decade",
            ),
        ));
    }
    // 1990s
    if let Ok((r2, (v, 4))) = digits(r)
        && v % 10 == 0
        && let Ok((r3, _)) = (opt(char('\'')), tag::<_, _, nom::error::Error<&str>>("s")).parse(r2)
        && !r3.starts_with(lex::continues_word)
    {
        return Ok((
            r3,
            Spec::new(
                Core::Decade {
                    decade: (v / 10) as i32,
                    century_known: true,
                },
                "decade",
            ),
        ));
    }
    // '80s, 80s
    if let Ok((r2, (_, (v, 2), _))) = (
        opt(nom::character::complete::one_of("'’")),
        digits,
        tag("s"),
    )
        .parse(r)
        && v % 10 == 0
        && !r2.starts_with(lex::continues_word)
    {
        let dec = if v < 30 { 200 + v / 10 } else { 190 + v / 10 };
        return Ok((
            r2,
            Spec::new(
                Core::Decade {
                    decade: dec as i32,
                    century_known: false,
                },
                "decade",
            ),
        ));
    }
    // the nineties (needs "the")
    if r.len() < i.len() {
        let (r2, w) = word(r)?;
        let n = norm(w);
        if let Some(base) = n.strip_suffix("ies")
            && let Some(num) = g.numerals.get(&format!("{base}y"))
            && num.kind == NumeralKind::Tens
        {
            let v = num.value.unwrap_or(0);
            let dec = if v < 30 { 200 + v / 10 } else { 190 + v / 10 };
            return Ok((
                r2,
                Spec::new(
                    Core::Decade {
                        decade: dec as i32,
                        century_known: false,
                    },
                    "decade",
                ),
            ));
        }
    }
    fail(i)
}

/// century = ["the"] ordinal "century" | shift "century" | "the" yy00 "s"
pub fn century<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, _) = opt((kw("the"), sp)).parse(i)?;
    if let Ok((r2, (n, _, _))) = (|i| ordinal(g, i), sep, kw("century")).parse(r) {
        // "the 5th century BCE": a negative century counts back (-5)
        if let Ok((r3, (_, true))) = (sp, era).parse(r2) {
            return Ok((r3, Spec::new(Core::Century(-(n as i32)), "century")));
        }
        let r2 = match (sp, era).parse(r2) {
            Ok((r3, _)) => r3,
            Err(_) => r2,
        };
        return Ok((r2, Spec::new(Core::Century(n as i32 - 1), "century")));
    }
    if let Ok((r2, (s, _, _))) = (|i| shift(g, i), sp, kw("century")).parse(r) {
        return Ok((
            r2,
            Spec::new(
                Core::Unit {
                    unit: Unit::Century,
                    shift: s as i64,
                    anchor: Anchor::Dct,
                },
                "century",
            ),
        ));
    }
    fail(i)
}

// ---------------------------------------------------------------- named positions

/// month_ref = [shift] month | month [","] shift "year"
pub fn month_ref<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    if let Ok((r, (s, _, m))) = (|i| shift(g, i), sp, |i| month(g, i)).parse(i) {
        return Ok((
            r,
            Spec::new(
                Core::Named {
                    name: Name::Month(m),
                    shift: Some(s),
                    year: None,
                },
                "month_ref",
            ),
        ));
    }
    let (r, m) = month(g, i)?;
    // "June last year", "January of this year"
    if let Ok((r2, (_, _, _, s, _, _))) = (
        opt(char(',')),
        sp,
        opt((kw("of"), sp)),
        |i| shift(g, i),
        sp,
        kw("year"),
    )
        .parse(r)
    {
        return Ok((
            r2,
            Spec::new(
                Core::Date {
                    year: None,
                    month: Some(m),
                    day: None,
                    weekday: None,
                    year_shift: None,
                },
                "month_ref",
            )
            .with_year_shift(s),
        ));
    }
    Ok((
        r,
        Spec::new(
            Core::Named {
                name: Name::Month(m),
                shift: None,
                year: None,
            },
            "month_ref",
        ),
    ))
}

impl Spec {
    /// "June last year": a month in the year shifted from the DCT's.
    fn with_year_shift(self, s: i8) -> Spec {
        match self.core {
            Core::Date { month: Some(m), .. } => Spec {
                core: Core::Named {
                    name: Name::Month(m),
                    shift: Some(s),
                    year: Some(i32::MIN + 1),
                },
                ..self
            },
            _ => self,
        }
    }
}

/// weekday_ref = [["the"] shift] weekday [pod] | weekday "," calendar_date
fn weekday_ref_raw<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, s) = match (opt((kw("the"), sp)), |i| shift(g, i), sp).parse(i) {
        Ok((r, (_, s, _))) => (r, Some(s)),
        Err(_) => (i, None),
    };
    let (r, d) = weekday(g, r)?;
    // "following Tuesday's earthquake": "following" means "after" here; the
    // weekday is read on its own
    if s.is_some() && (r.starts_with("'s") || r.starts_with("’s")) && kw("following")(i).is_ok() {
        return fail(i);
    }
    // "Tuesday week", "next Tuesday week": a week after the coming one
    let (r, s) = match (sp, kw("week")).parse(r) {
        Ok((r2, _)) if matches!(s, None | Some(1)) && !r2.starts_with(['\'', '’', '-']) => {
            (r2, Some(2))
        }
        _ => (r, s),
    };
    let mut spec = Spec::new(
        Core::Named {
            name: Name::Weekday(d),
            shift: s,
            year: None,
        },
        "weekday_ref",
    );
    let r = match (sp, |i| pod(g, i)).parse(r) {
        Ok((r2, (_, p))) => {
            spec.pod = Some(p);
            r2
        }
        Err(_) => r,
    };
    Ok((r, spec))
}

/// holiday = [shift] holiday name [year_number]
pub fn holiday<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, s) = match (|i| shift(g, i), sp).parse(i) {
        Ok((r, (s, _))) => (r, Some(s)),
        Err(_) => (i, None),
    };
    let start = r;
    let (r, rule) = phrase(&g.holidays)(r)?;
    let name = start[..start.len() - r.len()].to_string();
    // a holiday is capitalised ("Christmas", not "christmas shopping" in
    // lowercase prose); only informal text writes "xmas" (checked in context)
    let production = if name.starts_with(char::is_uppercase) {
        "holiday"
    } else {
        "holiday_lower"
    };
    let (r, y) = match (opt(char(',')), sp, |i| year_number(g, i)).parse(r) {
        Ok((r2, (_, _, y))) => (r2, Some(y)),
        Err(_) => (r, None),
    };
    Ok((
        r,
        Spec::new(
            Core::Named {
                name: Name::Holiday(name, *rule),
                shift: s,
                year: y,
            },
            production,
        ),
    ))
}

/// season = [shift | "the"] season [["of"] year_number] | season year_number
pub fn season<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, s) = match (|i| shift(g, i), sp).parse(i) {
        Ok((r, (s, _))) => (r, Some(s)),
        Err(_) => match (kw("the"), sp).parse(i) {
            Ok((r, _)) => (r, None),
            Err(_) => (i, None),
        },
    };
    let (r, (se, _)) = lex::lookup(&g.seasons)(r)?;
    // "the fall-out", "spring-loaded": a compound word, not a season
    if r.strip_prefix('-')
        .is_some_and(|x| x.starts_with(char::is_alphabetic))
    {
        return fail(i);
    }
    let (r, y) = match (sp, opt((kw("of"), sp)), |i| year_number(g, i)).parse(r) {
        Ok((r2, (_, _, y))) => (r2, Some(y)),
        Err(_) => (r, None),
    };
    let year = match (y, s) {
        (Some(y), _) => YearRef::Explicit(y),
        (None, Some(s)) => YearRef::Shift(s),
        (None, None) => YearRef::Context,
    };
    let mut spec = Spec::new(
        Core::YearPart {
            year,
            part: Part::Season(se.code.clone()),
        },
        "season",
    );
    if let (Some(-1 | 1), None) = (s, y) {
        // "last fall": the previous season of that name, not last year's
        spec.production = "season";
    }
    Ok((r, spec))
}

/// year_part = ["the"] [fiscal] ordinal ["-"] ("quarter" | "half") [("of" | "in") [fiscal] (year_number | shift "year")]
///           | "Q" digit [year_number]
pub fn year_part<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    if let Ok(r) = year_half(g, i) {
        return Ok(r);
    }
    // Q3, Q3 2016
    if let Ok((r, (_, q))) = (
        tag_no_case::<_, _, nom::error::Error<&str>>("q"),
        nom::character::complete::one_of("1234"),
    )
        .parse(i)
        && !r.starts_with(lex::continues_word)
    {
        let q = q.to_digit(10).unwrap_or(1);
        let (r, y) = match (sp, |i| year_number(g, i)).parse(r) {
            Ok((r2, (_, y))) => (r2, YearRef::Explicit(y)),
            Err(_) => (r, YearRef::Context),
        };
        return Ok((
            r,
            Spec::new(
                Core::YearPart {
                    year: y,
                    part: Part::Quarter(q),
                },
                "year_part",
            ),
        ));
    }
    let (r, the) = match (kw("the"), sp).parse(i) {
        Ok((r2, _)) => (r2, true),
        Err(_) => (i, false),
    };
    // "the 1988 third quarter", "this year's third quarter"
    let (r, lead_year) = match (|i| year_number(g, i), sp).parse(r) {
        Ok((r2, (y, _))) => (r2, Some(YearRef::Explicit(y))),
        Err(_) => match (
            |i| shift(g, i),
            sp,
            kw("year"),
            nom::character::complete::one_of("'’"),
            tag("s"),
            sp,
        )
            .parse(r)
        {
            Ok((r2, (s, ..))) if !the => (r2, Some(YearRef::Shift(s))),
            _ => (r, None),
        },
    };
    let (r, _) = opt((any_kw(&["fiscal", "calendar"]), sep)).parse(r)?;
    let (r, n) = ordinal(g, r)?;
    // "the third-quarter results": the article belongs to the noun
    if the && lead_year.is_none() && r.starts_with('-') {
        return fail(i);
    }
    let (r, _) = sep(r)?;
    let (r, _) = opt((any_kw(&["fiscal", "calendar"]), sep)).parse(r)?;
    let (r, (u, _)) = unit(g, r)?;
    let part = match (u, n) {
        (Unit::Quarter, 1..=4) => Part::Quarter(n as u32),
        _ if lead_year.is_some() => return fail(i),
        _ => return fail(i),
    };
    if let Some(y) = lead_year {
        return Ok((r, Spec::new(Core::YearPart { year: y, part }, "year_part")));
    }
    let (r, y) = match (
        sp,
        any_kw(&["of", "in"]),
        sp,
        opt((any_kw(&["fiscal", "calendar"]), sp)),
        |i| year_number(g, i),
    )
        .parse(r)
    {
        Ok((r2, (_, _, _, _, y))) => (r2, YearRef::Explicit(y)),
        Err(_) => match (
            sp,
            any_kw(&["of", "in"]),
            sp,
            |i| shift(g, i),
            sp,
            kw("year"),
        )
            .parse(r)
        {
            Ok((r2, (_, _, _, s, _, _))) => (r2, YearRef::Shift(s)),
            Err(_) => match (sp, |i| year_number(g, i)).parse(r) {
                Ok((r2, (_, y))) => (r2, YearRef::Explicit(y)),
                Err(_) => (r, YearRef::Context),
            },
        },
    };
    Ok((r, Spec::new(Core::YearPart { year: y, part }, "year_part")))
}

fn year_half<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, _) = opt((kw("the"), sp)).parse(i)?;
    let (r, n) = any_kw(&["first", "second", "last", "latter"])(r)?;
    let (r, _) = sep(r)?;
    let (r, _) = kw("half")(r)?;
    let h = if n == "first" { 1 } else { 2 };
    let (r, _) = (sp, kw("of"), sp).parse(r)?;
    if let Ok((r2, y)) = year_number(g, r) {
        return Ok((
            r2,
            Spec::new(
                Core::YearPart {
                    year: YearRef::Explicit(y),
                    part: Part::Half(h),
                },
                "year_part",
            ),
        ));
    }
    // "the last half of the '80s": the decade's start or end
    let (r2, mut d) = decade(g, r)?;
    d.modifier = Some(if h == 1 {
        TimexMod::Start
    } else {
        TimexMod::End
    });
    d.production = "year_part";
    Ok((r2, d))
}

// ---------------------------------------------------------------- clock and parts of day

/// clock = hour [":" mm] meridiem | hh ":" mm | "noon" | "midnight" | hour "o'clock"
fn clock<'a>(i: &'a str) -> Res<'a, Clock> {
    if let Ok((r, w)) = any_kw(&["noon", "midnight", "midday"])(i) {
        let hour = if w == "midnight" { 24 } else { 12 };
        return Ok((r, Clock { hour, minute: 0 }));
    }
    let (r, (h, hn)) = digits(i)?;
    if hn > 2 || h > 24 {
        return fail(i);
    }
    let (r, min) = match (
        char::<_, nom::error::Error<&str>>(':'),
        take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
    )
        .parse(r)
    {
        Ok((r2, (_, m))) => (r2, Some(m.parse::<u32>().unwrap_or(99))),
        // "3.30 pm": a dot between hour and minutes, with a meridiem only
        Err(_) => match (
            char::<_, nom::error::Error<&str>>('.'),
            take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
        )
            .parse(r)
        {
            Ok((r2, (_, m))) if (opt(char(' ')), meridiem).parse(r2).is_ok() => {
                (r2, Some(m.parse::<u32>().unwrap_or(99)))
            }
            _ => (r, None),
        },
    };
    // "19:01:00": seconds are read and dropped (values are kept to the minute)
    let r = match (
        char::<_, nom::error::Error<&str>>(':'),
        take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
    )
        .parse(r)
    {
        Ok((r2, (_, sec))) if min.is_some() && sec < "60" => r2,
        _ => r,
    };
    if min.is_some_and(|m| m > 59) {
        return fail(i);
    }
    let (r2, mer) = match (opt(char(' ')), meridiem).parse(r) {
        Ok((r2, (_, m))) => (r2, Some(m)),
        Err(_) => (r, None),
    };
    let minute = min.unwrap_or(0);
    match mer {
        Some(pm) => {
            if !(1..=12).contains(&h) {
                return fail(i);
            }
            let hour = match (pm, h) {
                (false, 12) => 0,
                (false, h) => h,
                (true, 12) => 12,
                (true, h) => h + 12,
            };
            Ok((r2, Clock { hour, minute }))
        }
        None => {
            // "5 o'clock", "5 o'clock in the afternoon"
            if let Ok((r3, _)) = (sp, kw("o'clock")).parse(r) {
                if let Some((r4, hour)) = day_part(r3, h) {
                    return Ok((r4, Clock { hour, minute }));
                }
                return Ok((r3, Clock { hour: h, minute }));
            }
            // "4 in the morning", "10 at night"
            if let Some((r3, hour)) = day_part(r, h) {
                return Ok((r3, Clock { hour, minute }));
            }
            // a bare hh:mm is a time only with two-digit minutes
            if min.is_none() || r.starts_with(':') {
                return fail(i);
            }
            Ok((r, Clock { hour: h, minute }))
        }
    }
}

/// day_part = "in" "the" ("morning" | "afternoon" | "evening") | "at" "night"
/// | meridiem: the hour `h` said on a 12-hour clock, made 24-hour.
fn day_part(i: &str, h: u32) -> Option<(&str, u32)> {
    if let Ok((r, (_, _, _, w))) = (
        sp,
        kw("in"),
        sp,
        (kw("the"), sp, any_kw(&["morning", "afternoon", "evening"])),
    )
        .parse(i)
    {
        let hour = if w.2 != "morning" && h < 12 {
            h + 12
        } else {
            h
        };
        return Some((r, hour));
    }
    if let Ok((r, _)) = (sp, kw("at"), sp, kw("night")).parse(i) {
        let hour = if h < 12 && h > 5 { h + 12 } else { h };
        return Some((r, hour));
    }
    if let Ok((r, (_, pm))) = (sp, meridiem).parse(i)
        && (1..=12).contains(&h)
    {
        return Some((
            r,
            match (pm, h) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            },
        ));
    }
    None
}

/// spoken_clock = [ "a" ] ( "quarter" | "half" | minutes ["minutes"] ) ("past" | "to")
///                 spoken_hour ["o'clock"] [day_part]
///              | spoken_hour ( "o'clock" [day_part] | day_part )
/// spoken_hour = hour word (one to twelve) | hour | "noon" | "midnight"
///
/// A time of day in words: "half past eight in the evening" (20:30), "a
/// quarter to midnight" (23:45), "five o'clock in the afternoon" (17:00).
/// "ten to nine" alone may be a score: minutes in words need "minutes",
/// "o'clock", a part of the day, or noon or midnight to be a time.
fn spoken_clock<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Clock> {
    // its minutes are words, and an hour in digits is refused below: after
    // clock, at every number, the parse would fail anyway
    if i.starts_with(|c: char| c.is_ascii_digit()) {
        return fail(i);
    }
    // the hour: a number one to twelve, or noon or midnight (12, 24)
    let hour = |i: &'a str| -> Res<'a, (u32, bool)> {
        if let Ok((r, w)) = any_kw(&["noon", "midnight", "midday"])(i) {
            return Ok((r, (if w == "midnight" { 24 } else { 12 }, true)));
        }
        let (r, v) = cardinal(g, i)?;
        if v.fract() != 0.0 || !(1.0..=12.0).contains(&v) {
            return fail(i);
        }
        Ok((r, (v as u32, false)))
    };
    // "o'clock" and a part of the day, when said
    let tail = |r: &'a str, h: u32| -> (&'a str, u32, bool) {
        let (r, oclock) = match (sp, kw("o'clock")).parse(r) {
            Ok((r2, _)) => (r2, true),
            Err(_) => (r, false),
        };
        match day_part(r, h) {
            Some((r2, h2)) => (r2, h2, true),
            None => (r, h, oclock),
        }
    };
    let (r, _) = opt((kw("a"), sp)).parse(i)?;
    // minutes or an hour open it, each a numeral or one of a few words: at
    // most words (clock_time runs at "a", "at", "the" …) it stops here
    let opens = |w: &str| {
        ["quarter", "half", "noon", "midnight", "midday"]
            .iter()
            .any(|k| {
                w.len() >= k.len() && w.as_bytes()[..k.len()].eq_ignore_ascii_case(k.as_bytes())
            })
            || word(w).is_ok_and(|(_, x)| g.numerals.contains_key(&*norm(x)))
    };
    if !opens(r) {
        return fail(i);
    }
    let minutes = |i: &'a str| -> Res<'a, (u32, bool)> {
        if let Ok((r, w)) = any_kw(&["quarter", "half"])(i) {
            return Ok((r, (if w == "half" { 30 } else { 15 }, true)));
        }
        // minutes in words: "1 to 8 a.m." is a span of hours
        if i.starts_with(|c: char| c.is_ascii_digit()) {
            return fail(i);
        }
        let (r, v) = cardinal(g, i)?;
        if v.fract() != 0.0 || !(1.0..60.0).contains(&v) {
            return fail(i);
        }
        let (r, said) = match (sp, any_kw(&["minutes", "minute"])).parse(r) {
            Ok((r2, _)) => (r2, true),
            Err(_) => (r, false),
        };
        Ok((r, (v as u32, said)))
    };
    // "half past eight", "a quarter to midnight", "ten minutes to nine"
    if let Ok((r2, ((m, sure), _, dir, _, (h, named)))) =
        (minutes, sp, any_kw(&["past", "to", "after"]), sp, hour).parse(r)
    {
        let (r3, h24, cued) = tail(r2, h);
        // "half to" is no time
        if !(sure || cued || named) || m == 30 && dir != "past" {
            return fail(i);
        }
        let day = 24 * 60;
        let total = if dir == "to" {
            (h24 * 60 + day - m) % day
        } else {
            (h24 * 60 + m) % day
        };
        return Ok((
            r3,
            Clock {
                hour: total / 60,
                minute: total % 60,
            },
        ));
    }
    if r.len() != i.len() {
        return fail(i);
    }
    // "five o'clock in the afternoon", "eight in the evening"
    let (r2, (h, named)) = hour(i)?;
    let (r3, h24, cued) = tail(r2, h);
    if !cued || named || i.starts_with(|c: char| c.is_ascii_digit()) {
        return fail(i);
    }
    Ok((
        r3,
        Clock {
            hour: h24,
            minute: 0,
        },
    ))
}

/// How a clock of three or four digits without a colon was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hhmm24 {
    /// Something after it makes it a clock: a zone ("0546 GMT", "1700GMT"),
    /// "local time", "hrs", "am"/"pm", a zoned clock it is paired with
    /// ("1100 & 1700GMT", "at 1653 (2153 GMT)").
    Cued,
    /// Nothing after it does ("0546", "2200", "1100"): a clock only where
    /// the words before it or a day after it say so.
    Bare,
}

/// clock24 = hhmm (zone | "local time" | "local" | "hrs" | "0"hmm "hours")
///         | hmm meridiem | hhmm (("&" | "and" | "or" | "to" | "-") clock24 zone
///         | "(" clock zone ")") | hhmm
///
/// A 24-hour time written without a colon, as wire copy and the BBC write
/// it; the zone is the one stated, or the one of the clock it is paired
/// with ("1100 & 1700GMT": both GMT).
fn clock24<'a>(g: &Lexicon, i: &'a str) -> Res<'a, (Clock, Option<String>, Hhmm24)> {
    let (r, (v, n)) = digits(i)?;
    if n < 3 {
        return fail(i);
    }
    let (hour, minute) = (v / 100, v % 100);
    if hour > 23 || minute > 59 {
        return fail(i);
    }
    let hhmm = Clock { hour, minute };
    // "1030am", "930 p.m."
    if let Ok((r2, (_, pm))) = (opt(char(' ')), meridiem).parse(r) {
        if !(1..=12).contains(&hour) {
            return fail(i);
        }
        let hour = match (pm, hour) {
            (false, 12) => 0,
            (false, h) => h,
            (true, 12) => 12,
            (true, h) => h + 12,
        };
        return Ok((r2, (Clock { hour, minute }, None, Hhmm24::Cued)));
    }
    if n != 4 {
        return fail(i);
    }
    // "0546 GMT", "1700GMT"
    if let Ok((r2, z)) = glued_zone(g, r).or_else(|_| zone(g, r)) {
        return Ok((r2, (hhmm, Some(z), Hhmm24::Cued)));
    }
    if let Ok((r2, _)) = (sp, kw("local"), opt((sp, kw("time")))).parse(r) {
        return Ok((r2, (hhmm, None, Hhmm24::Cued)));
    }
    if let Ok((r2, _)) = (sp, kw("hrs")).parse(r) {
        return Ok((r2, (hhmm, None, Hhmm24::Cued)));
    }
    if i.starts_with('0')
        && let Ok((r2, _)) = (sp, kw("hours")).parse(r)
    {
        return Ok((r2, (hhmm, None, Hhmm24::Cued)));
    }
    // paired with a zoned clock: "1100 & 1700GMT", "2300 and 0200 GMT",
    // "1900-2200 EST"; the second is tagged on its own
    let joined = nom::branch::alt((
        |x| {
            (
                sp,
                nom::branch::alt((tag("&"), |x| kw("and")(x), |x| kw("or")(x), |x| kw("to")(x))),
                sp,
            )
                .parse(x)
                .map(|(r, _)| (r, ()))
        },
        |x| {
            (lex::sp0, nom::character::complete::one_of("-–"), lex::sp0)
                .parse(x)
                .map(|(r, _)| (r, ()))
        },
    ))
    .parse(r);
    if let Ok((r2, _)) = joined
        && let Ok((_, (_, Some(z), Hhmm24::Cued))) = clock24(g, r2)
    {
        return Ok((r, (hhmm, Some(z), Hhmm24::Cued)));
    }
    // "at 1653 (2153 GMT)", "at 2000 -LRB- 0000 GMT -RRB-": the local time,
    // then the same moment in another zone
    if let Ok((r2, _)) = (
        lex::sp0,
        nom::branch::alt((tag("("), tag("-LRB-"))),
        lex::sp0,
    )
        .parse(r)
        && (matches!(clock24(g, r2), Ok((_, (_, Some(_), _))))
            || (|x| clock(x))
                .parse(r2)
                .is_ok_and(|(r3, _)| zone(g, r3).is_ok()))
    {
        return Ok((r, (hhmm, None, Hhmm24::Cued)));
    }
    Ok((r, (hhmm, None, Hhmm24::Bare)))
}

/// A short aside in brackets: " (1925 GMT)", " -LRB- 1925 GMT -RRB-".
fn aside(i: &str) -> Res<'_, &str> {
    let (r, _) = lex::sp0(i)?;
    let (r, close) = if let Some(r) = r.strip_prefix('(') {
        (r, ")")
    } else if let Some(r) = r.strip_prefix("-LRB-") {
        (r, "-RRB-")
    } else {
        return fail(i);
    };
    match r.get(..r.len().min(40)).and_then(|w| w.find(close)) {
        Some(k) if !r[..k].contains(['\n', '(']) => {
            let rest = &r[k + close.len()..];
            Ok((rest, &i[..i.len() - rest.len()]))
        }
        _ => fail(i),
    }
}

/// True if `[","] ["on"] day_anchor` follows.
fn day_follows(g: &Lexicon, i: &str) -> bool {
    (opt((lex::sp0, char(','))), sp, opt((kw("on"), sp)), |i| {
        day_anchor(g, i)
    })
        .parse(i)
        .is_ok()
}

/// A zone abbreviation glued to the digits before it: "1700GMT".
fn glued_zone<'a>(g: &Lexicon, i: &'a str) -> Res<'a, String> {
    let (r, w) = word(i)?;
    if w.len() >= 2
        && w.chars().all(|c| c.is_ascii_uppercase())
        && g.timezones.contains_key(&*norm(w))
    {
        return Ok((r, norm(w).into_owned()));
    }
    fail(i)
}

/// meridiem = "a.m." | "p.m." | "am" | "pm"
fn meridiem(i: &str) -> Res<'_, bool> {
    // tried after every number: most are followed by neither letter
    if !matches!(i.as_bytes().first(), Some(b'a' | b'A' | b'p' | b'P')) {
        return fail(i);
    }
    let (r, m) = nom::branch::alt((
        tag_no_case("a.m."),
        tag_no_case("p.m."),
        tag_no_case("a.m"),
        tag_no_case("p.m"),
        tag_no_case("am"),
        tag_no_case("pm"),
    ))
    .parse(i)?;
    if r.starts_with(|c: char| c.is_alphanumeric()) {
        return fail(i);
    }
    Ok((r, m.to_ascii_lowercase().starts_with('p')))
}

/// A day a clock time or part of day can be attached to.
fn day_anchor<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    const DAYS: [(usize, Production); 3] = indexed![calendar_date, weekday_ref, deictic];
    let mut best: Option<(&'a str, Spec)> = None;
    let opens = opens_at(i);
    for (k, p) in DAYS {
        if opens & (1 << k) == 0 {
            continue;
        }
        if let Ok((r, s)) = p(g, i)
            && matches!(
                s.core,
                Core::Date { day: Some(_), .. }
                    | Core::Named {
                        name: Name::Weekday(_),
                        ..
                    }
                    | Core::Unit {
                        unit: Unit::Day,
                        ..
                    }
            )
            && best.as_ref().is_none_or(|(br, _)| r.len() < br.len())
        {
            best = Some((r, s));
        }
    }
    best.ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt)))
}

/// clock_time = clock [zone] [["on"] day_anchor] | day_anchor [","] ["at"] clock [zone]
pub fn clock_time<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let first = match clock(i).or_else(|_| spoken_clock(g, i)) {
        Ok((r, c)) => Ok((r, (c, None, Hhmm24::Cued, false))),
        Err(_) => clock24(g, i).map(|(r, (c, z, how))| (r, (c, z, how, true))),
    };
    if let Ok((r, (c, z24, how, wire))) = first {
        let (r, z) = match z24 {
            Some(z) => (r, Some(z)),
            None => match zone(g, r) {
                Ok((r2, z)) => (r2, Some(z)),
                Err(_) => (r, None),
            },
        };
        // "1425 local time (1925 GMT) on Thursday": in wire copy's 24-hour
        // times, the same moment in another zone, then the day
        let r = match aside(r) {
            Ok((r2, _)) if wire && day_follows(g, r2) => r2,
            // "10:35 a.m. (0735 GMT) Friday": the day dates the time, but as
            // TimeML annotates it, the day is an expression of its own
            Ok((r2, _)) if day_follows(g, r2) => {
                if let Ok((_, (_, _, _, mut d))) =
                    (opt((lex::sp0, char(','))), sp, opt((kw("on"), sp)), |i| {
                        day_anchor(g, i)
                    })
                        .parse(r2)
                {
                    d.clock = Some(c);
                    d.zone = z;
                    d.production = "clock_time";
                    return Ok((r, d));
                }
                r
            }
            _ => r,
        };
        // "8 p.m. Thursday", "noon on Friday"
        if let Ok((r2, (_, _, on, mut d))) =
            (opt((lex::sp0, char(','))), sp, opt((kw("on"), sp)), |i| {
                day_anchor(g, i)
            })
                .parse(r)
        {
            // a bare "1100" takes a day only after "on": "1040 on 25 June"
            if how == Hhmm24::Cued || on.is_some() {
                d.clock = Some(c);
                d.zone = z;
                d.production = "clock_time";
                return Ok((r2, d));
            }
        }
        // four bare digits that may be a year are a clock only with a day
        // ("1040 on 25 June") or where the words before say so (the resolver
        // decides, see `Spec::hhmm`); "0546", "2200" cannot be years
        if how == Hhmm24::Bare && (1000..2200).contains(&(c.hour * 100 + c.minute)) {
            return fail(i);
        }
        let mut s = Spec::new(Core::Clock, "clock_time");
        s.clock = Some(c);
        s.zone = z;
        return Ok((r, s));
    }
    // the clock comes within the next few words ("Friday, July 15, 2016, at
    // 8 p.m."): without a number or "noon" there, the day is not parsed
    if !clock_ahead(i) {
        return fail(i);
    }
    let (r, mut d) = day_anchor(g, i)?;
    let (r, _) = (opt(char(',')), sp, opt((kw("at"), sp))).parse(r)?;
    // after a day, four digits are a time: "on Tuesday at 1100"
    let (r, (c, z24, _)) = match clock(r).or_else(|_| spoken_clock(g, r)) {
        Ok((r2, c)) => (r2, (c, None, Hhmm24::Cued)),
        Err(_) => clock24(g, r)?,
    };
    let (r, z) = match z24 {
        Some(z) => (r, Some(z)),
        None => match zone(g, r) {
            Ok((r2, z)) => (r2, Some(z)),
            Err(_) => (r, None),
        },
    };
    d.clock = Some(c);
    d.zone = z;
    d.production = "clock_time";
    Ok((r, d))
}

/// True if one of the first 16 words (runs of letters and digits) of `i`
/// could open a clock: a number, "noon", "midnight", "midday". A day anchor
/// and its "at" take at most 13 words ("Friday, the twenty-first of July,
/// two thousand and sixteen, at …"), so a clock after one is among them.
fn clock_ahead(i: &str) -> bool {
    let mut rest = i;
    for _ in 0..16 {
        rest = lex::skip_non_alphanumeric(rest);
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        // ASCII letters and digits a byte at a time, the rest by `char`
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let end = if rest.as_bytes().get(ascii).is_some_and(|&b| b >= 0x80) {
            ascii
                + rest[ascii..]
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(rest.len() - ascii)
        } else {
            ascii
        };
        if end == 0 {
            return false;
        }
        let w = &rest[..end];
        if matches!(end, 4 | 6 | 8)
            && ["noon", "midnight", "midday"]
                .iter()
                .any(|k| w.eq_ignore_ascii_case(k))
        {
            return true;
        }
        rest = &rest[end..];
    }
    false
}

/// part_of_day = ("this" | "that" | "last" | "the" | "yesterday" | "tomorrow" | "today") pod
///             | "tonight" | "the" ("early" | "small") "hours" ["of" day_anchor [pod]]
pub fn part_of_day<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    // the early hours of Friday (morning)
    if let Ok((r, (_, _, p))) = (kw("the"), sp, |i| pod(g, i)).parse(i)
        && p.start_hour == 0
    {
        if let Ok((r2, (_, _, _, mut d))) = (sp, kw("of"), sp, |i| day_anchor(g, i)).parse(r) {
            let r2 = match (sp, |i| pod(g, i)).parse(r2) {
                Ok((r3, _)) => r3,
                Err(_) => r2,
            };
            d.pod = Some(p);
            d.modifier = Some(TimexMod::Start);
            d.production = "part_of_day";
            return Ok((r2, d));
        }
        let mut s = Spec::new(
            Core::Unit {
                unit: Unit::Day,
                shift: 0,
                anchor: Anchor::Narrative,
            },
            "part_of_day",
        );
        s.pod = Some(p);
        return Ok((r, s));
    }
    let (r, w) = word(i)?;
    let n = norm(w);
    let (core, r) = match &*n {
        "tonight" => {
            let mut s = Spec::new(
                Core::Unit {
                    unit: Unit::Day,
                    shift: 0,
                    anchor: Anchor::Dct,
                },
                "part_of_day",
            );
            s.pod = g.parts_of_day.get("night").map(Pod::from);
            return Ok((r, s));
        }
        "this" | "today" => ((0, Anchor::Dct), r),
        "yesterday" => ((-1, Anchor::Dct), r),
        "tomorrow" => ((1, Anchor::Dct), r),
        "last" => ((-1, Anchor::Dct), r),
        "that" | "the" => {
            // "the next morning", "the previous night"
            if let Ok((r2, (_, w2, _))) =
                (sp, any_kw(&["next", "following", "previous"]), sp).parse(r)
            {
                let (r3, p) = pod(g, r2)?;
                let mut s = Spec::new(
                    Core::Unit {
                        unit: Unit::Day,
                        shift: if w2 == "previous" { -1 } else { 1 },
                        anchor: Anchor::Narrative,
                    },
                    "part_of_day",
                );
                s.pod = Some(p);
                return Ok((r3, s));
            }
            ((0, Anchor::Narrative), r)
        }
        _ => return fail(i),
    };
    let (r, _) = sp(r)?;
    let (r, p) = pod(g, r)?;
    let mut s = Spec::new(
        Core::Unit {
            unit: Unit::Day,
            shift: core.0,
            anchor: core.1,
        },
        "part_of_day",
    );
    if n == "last" && p.code != "NI" && p.code != "EV" {
        return fail(i);
    }
    if n == "the" && !matches!(p.code.as_str(), "MO" | "AF" | "EV" | "NI") {
        return fail(i);
    }
    s.pod = Some(p);
    Ok((r, s))
}

// ---------------------------------------------------------------- relative

/// deictic = deictic word ("today", "yesterday", "now", "recently", "the past" …)
fn deictic_raw<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, d) = phrase(&g.deictics)(i)?;
    let core = match d {
        crate::engine::grammar::Deictic::Day(n) => Core::Unit {
            unit: Unit::Day,
            shift: *n,
            anchor: Anchor::Dct,
        },
        crate::engine::grammar::Deictic::Tonight => {
            let mut s = Spec::new(
                Core::Unit {
                    unit: Unit::Day,
                    shift: 0,
                    anchor: Anchor::Dct,
                },
                "deictic",
            );
            s.pod = g.parts_of_day.get("night").map(Pod::from);
            return Ok((r, s));
        }
        crate::engine::grammar::Deictic::Ref(v) => Core::Ref(v.clone()),
    };
    Ok((r, Spec::new(core, "deictic")))
}

/// unit_ref = shift calendar_unit | ("that" | "the same") calendar_unit
///          | "the" ("next" | "following" | "previous") "day" | "the day" ("before" | "after")
///          | "the" ("quarter" | "weekend") | "the" ("current" | "latest") calendar_unit
pub fn unit_ref<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let mk = |unit, shift, anchor| {
        Spec::new(
            Core::Unit {
                unit,
                shift,
                anchor,
            },
            "unit_ref",
        )
    };
    // "the day before", "the day after"
    if let Ok((r, (_, _, _, _, w))) =
        (kw("the"), sp, kw("day"), sp, any_kw(&["before", "after"])).parse(i)
        // "the day before authorities issued …": a preposition, not an adverb
        && !r.trim_start_matches([' ', '\t']).starts_with(char::is_alphanumeric)
    {
        let s = if w == "before" { -1 } else { 1 };
        return Ok((r, mk(Unit::Day, s, Anchor::Narrative)));
    }
    // "year-end", "by year end"
    if let Ok((r, _)) = (kw("year"), sep, kw("end")).parse(i) {
        let mut s = mk(Unit::Year, 0, Anchor::Dct);
        s.modifier = Some(TimexMod::End);
        return Ok((r, s));
    }
    let (r0, the) = match (kw("the"), sp).parse(i) {
        Ok((r, _)) => (r, true),
        Err(_) => (i, false),
    };
    let (r, w) = word(r0)?;
    let n = norm(w);
    let (shift, anchor, r) = match &*n {
        "that" | "those" if !the => {
            let r = match (sp, kw("same")).parse(r) {
                Ok((r2, _)) => r2,
                Err(_) => r,
            };
            (0, Anchor::Narrative, r)
        }
        "same" if the => (0, Anchor::Narrative, r),
        // "the current quarter"; "the current fiscal year" is read below
        "current" | "present" if the && unit(g, r.trim_start()).is_ok() => (0, Anchor::Dct, r),
        "latest" if the => {
            // "the latest quarter": the last one reported, i.e. completed
            let (r2, _) = sp(r)?;
            let (r3, (u, plural)) = unit(g, r2)?;
            if plural {
                return fail(i);
            }
            let s = if matches!(u, Unit::Quarter | Unit::Month | Unit::Week) {
                -1
            } else {
                0
            };
            return Ok((r3, mk(u, s, Anchor::Dct)));
        }
        "next" | "following" | "previous" | "preceding" | "prior" | "past" | "last" if the => {
            let s = if matches!(&*n, "next" | "following") {
                1
            } else {
                -1
            };
            // "the next day" is relative to the narrative; "the past year" is a duration (below)
            let (r2, _) = sp(r)?;
            let (r3, (u, plural)) = unit(g, r2)?;
            if plural {
                return fail(i);
            }
            return match (&*n, u) {
                ("next" | "following" | "previous" | "preceding" | "prior", _) => {
                    Ok((r3, mk(u, s, Anchor::Narrative)))
                }
                _ => Ok((r3, {
                    let mut d = Spec::new(
                        Core::Duration {
                            n: Some(1.0),
                            unit: u,
                        },
                        "unit_ref",
                    );
                    d.production = "unit_ref";
                    d
                })),
            };
        }
        _ if !the => match shift(g, r0) {
            Ok((r2, s)) => (s as i64, Anchor::Dct, r2),
            Err(_) => return fail(i),
        },
        _ if the => {
            // "the current fiscal year", "the full year", "the fiscal year"
            let (r1, quals) = {
                let mut r1 = r0;
                let mut n = 0;
                while let Ok((r2, _)) = (
                    any_kw(&["current", "full", "fiscal", "calendar", "entire", "whole"]),
                    sep,
                )
                    .parse(r1)
                {
                    r1 = r2;
                    n += 1;
                }
                (r1, n)
            };
            if let Ok((r2, (u @ (Unit::Year | Unit::Month | Unit::Week), false))) = unit(g, r1) {
                // "the year ended March 31" is the twelve months before that date
                if let Ok((_, (_, w))) = (sp, word).parse(r2)
                    && matches!(&*norm(w), "ended" | "ending" | "ends" | "to")
                {
                    return Ok((
                        r2,
                        Spec::new(
                            Core::Duration {
                                n: Some(1.0),
                                unit: Unit::Year,
                            },
                            "unit_ref",
                        ),
                    ));
                }
                if u != Unit::Year && quals > 0 {
                    return fail(i);
                }
                return Ok((r2, mk(u, 0, Anchor::Dct)));
            }
            // "the latest period": the last reported quarter
            if let Ok((r2, _)) = (kw("latest"), sp, kw("period")).parse(r0) {
                return Ok((r2, mk(Unit::Quarter, -1, Anchor::Dct)));
            }
            // "the quarter", "the weekend"
            let (r2, (u, plural)) = unit(g, r0)?;
            if plural || !matches!(u, Unit::Quarter | Unit::Weekend) {
                return fail(i);
            }
            return Ok((r2, mk(u, 0, Anchor::Narrative)));
        }
        _ => return fail(i),
    };
    let (r, _) = sp(r)?;
    let (r, (u, plural)) = unit(g, r)?;
    if plural {
        return fail(i);
    }
    if matches!(u, Unit::Second | Unit::Minute | Unit::Hour) {
        return fail(i);
    }
    // "on his last day", "my last day at work": a final day, not
    // yesterday; the resolver takes the article's day and says so
    if &*n == "last" && u == Unit::Day {
        let mut s = mk(u, 0, anchor);
        s.production = "last_day";
        return Ok((r, s));
    }
    Ok((r, mk(u, shift, anchor)))
}

/// offset = quantity unit post_shift ("three days ago", "a year earlier", "two weeks later")
pub fn offset<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, q) = quantity(g, i)?;
    let (r, _) = sep(r)?;
    let (r, (u, plural)) = unit(g, r)?;
    if q == Some(1.0) && plural {
        return fail(i);
    }
    let (r, _) = sp(r)?;
    let (r2, post) = word(r)?;
    if matches!(&*norm(post), "before" | "after") {
        // "90 days after the election": the timex is the duration "90 days"
        return fail(i);
    }
    let _ = r2;
    let (r, (dir, anchor)) = post_shift(g, r)?;
    Ok((
        r,
        Spec::new(
            Core::Offset {
                n: q,
                unit: u,
                dir,
                anchor,
            },
            "offset",
        ),
    ))
}

/// year_earlier = "year" "-" ("earlier" | "ago") | "the" "year" "-" ("earlier" | "ago") [ordinal] ("quarter" | "period") ("-" | " ") ("earlier" | "ago") [("quarter" | "period")]
pub fn year_earlier<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r0, the) = match (kw("the"), sp).parse(i) {
        Ok((r2, _)) => (r2, true),
        Err(_) => (i, false),
    };
    let (r, _) = (kw("year"), char('-'), any_kw(&["earlier", "ago"])).parse(r0)?;
    // "the year-ago third quarter", "the year-earlier period"
    let noun = (sp, opt((|i| ordinal(g, i), sep)), |i| unit(g, i))
        .parse(r)
        .ok()
        .filter(|(_, (_, _, (u, plural)))| *u == Unit::Quarter && !plural)
        .map(|(r2, _)| r2)
        .or_else(|| (sp, kw("period")).parse(r).ok().map(|(r2, _)| r2));
    let r = match noun {
        Some(r2) => r2,
        // without its noun the article belongs to the phrase around it
        None if the => return fail(i),
        None => r,
    };
    Ok((
        r,
        Spec::new(
            Core::Offset {
                n: Some(1.0),
                unit: Unit::Year,
                dir: -1,
                anchor: Anchor::Narrative,
            },
            "year_earlier",
        ),
    ))
}

/// A unit written after a number with a hyphen: "five-year", "two-day".
fn adjectival<'a>(g: &Lexicon, i: &'a str) -> Res<'a, (Option<f64>, Unit)> {
    let (r, q) = quantity(g, i)?;
    let (r, _) = char('-')(r)?;
    let (r, (u, plural)) = unit(g, r)?;
    if plural {
        return fail(i);
    }
    // "five-year-old", "decades-long"
    let Some(r) = old_or_long(r) else {
        return fail(i);
    };
    Ok((r, (q, u)))
}

/// An optional "-old" or "-long" after a unit ("five-year-old",
/// "decades-long"): the rest after it, or `None` when "-old" gives an age.
fn old_or_long(r: &str) -> Option<&str> {
    match (
        char::<_, nom::error::Error<&str>>('-'),
        any_kw(&["old", "long"]),
    )
        .parse(r)
    {
        Ok((rest, (_, "old"))) if is_age(rest) => None,
        Ok((rest, _)) => Some(rest),
        Err(_) => Some(r),
    }
}

/// "the 6-year-old", "a 52-year-old protester": an age, not a duration. Only
/// the age of a long-running situation ("the five-year-old conflict") is a
/// duration news timelines need; anything else "-year-old" describes is
/// taken as a person or thing with an age.
fn is_age(rest: &str) -> bool {
    const SITUATIONS: &[&str] = &[
        "war",
        "conflict",
        "insurgency",
        "crisis",
        "dispute",
        "feud",
        "fighting",
        "uprising",
        "rebellion",
        "revolution",
        "occupation",
        "blockade",
        "embargo",
        "siege",
        "struggle",
        "ceasefire",
        "truce",
        "campaign",
        "slump",
        "recession",
        "drought",
        "standoff",
        "stalemate",
        "civil",
        "conflicts",
        "wars",
        "battle",
        "strike",
        "boycott",
        "investigation",
        "probe",
        "moratorium",
        "ban",
    ];
    let r = rest.trim_start_matches([' ', '\t']);
    match word(r) {
        Ok((_, w)) => !SITUATIONS.contains(&&*norm(w)),
        Err(_) => true,
    }
}

/// duration = [("the" | "over the" ) ("past" | "last" | "next" | "first" | "coming" | "previous" | "following")]
///            quantity unit ["-long" | "-old"] | quantity "-" unit ["-old" | "-long"]
///          | ("recent" | "several" | "few") units
pub fn duration<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let mk = |n, unit| Spec::new(Core::Duration { n, unit }, "duration");
    if let Ok((r, (q, u))) = adjectival(g, i) {
        return Ok((r, mk(q, u)));
    }
    // "years-old", "decades-long"
    if let Ok((r, ((u, true), _, _))) =
        (|i| unit(g, i), char('-'), any_kw(&["old", "long"])).parse(i)
    {
        return Ok((r, mk(None, u)));
    }
    if let Ok((r, (u, true))) = unit(g, i)
        && u != Unit::Second
    {
        let mut s = mk(None, u);
        s.production = "bare_units";
        return Ok((r, s));
    }
    let (r, _) = opt((kw("the"), sp)).parse(i)?;
    let (r, lead) = match (any_kw(DURATION_LEADS), sp).parse(r) {
        Ok((r2, (w, _))) => (r2, Some(w)),
        Err(_) => (r, None),
    };
    if lead == Some("recent") {
        let (r2, (u, plural)) = unit(g, r)?;
        if !plural {
            return fail(i);
        }
        return Ok((r2, mk(None, u)));
    }
    let (r, q) = quantity(g, r)?;
    let (r, _) = sep(r)?;
    let (r, (u, plural)) = unit(g, r)?;
    // "a minute and a half"
    let (r, q) = match (sp, kw("and"), sp, kw("a"), sp, kw("half")).parse(r) {
        Ok((r2, _)) if !plural => (r2, q.map(|v| v + 0.5)),
        _ => (r, q),
    };
    // "the 1988 quarter": a year, not 1988 quarters
    if !plural && q.is_some_and(|v| (1000.0..2200.0).contains(&v)) {
        return fail(i);
    }
    // "a year-earlier quarter": the year belongs to year_earlier
    if let Ok((_, (_, w))) = (char::<_, nom::error::Error<&str>>('-'), word).parse(r)
        && matches!(&*norm(w), "earlier" | "ago")
    {
        return fail(i);
    }
    // "a days" is no duration; "one years" neither
    if q == Some(1.0) && plural && lead.is_none() {
        return fail(i);
    }
    let Some(r) = old_or_long(r) else {
        return fail(i);
    };
    Ok((r, mk(q, u)))
}

/// set = ("every" | "each") ["other"] (unit | weekday | pod) | frequency word
///     | (quantity "times" | "once" | "twice") ("a" | "per" | "every" | "each") unit
///     | weekday "s" [pod "s"]
pub fn set<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let mk = |value: String, quant: Option<&str>, freq: Option<String>| {
        Spec::new(
            Core::Set {
                value,
                quant: quant.map(str::to_string),
                freq,
            },
            "set",
        )
    };
    if let Ok((r, (q, _))) = (any_kw(&["every", "each"]), sp).parse(i) {
        let quant = q.to_uppercase();
        let (r, other) = match (kw("other"), sp).parse(r) {
            Ok((r2, _)) => (r2, true),
            Err(_) => (r, false),
        };
        let n = if other { 2.0 } else { 1.0 };
        if let Ok((r2, d)) = weekday(g, r) {
            return Ok((r2, mk(format!("XXXX-WXX-{d}"), Some(&quant), None)));
        }
        if let Ok((r2, p)) = pod(g, r) {
            return Ok((r2, mk(format!("TXX{}", ""), Some(&quant), None).with_pod(p)));
        }
        if let Ok((r2, m)) = month(g, r) {
            return Ok((r2, mk(format!("XXXX-{m:02}"), Some(&quant), None)));
        }
        if let Ok((r2, (se, _))) = lex::lookup(&g.seasons)(r) {
            return Ok((r2, mk(format!("XXXX-{}", se.code), Some(&quant), None)));
        }
        // "every three years"
        let (r, count) = match (|i| cardinal(g, i), sp).parse(r) {
            Ok((r2, (c, _))) => (r2, c),
            Err(_) => (r, n),
        };
        let (r2, (u, _)) = unit(g, r)?;
        return Ok((r2, mk(duration_value(Some(count), u), Some(&quant), None)));
    }
    if let Ok((r, w)) = word(i)
        && let Some(v) = g.sets.get(&*norm(w))
    {
        return Ok((r, mk(v.clone(), None, None)));
    }
    // "twice a year", "three times a week", "once a month"
    let freq = |i: &'a str| -> Res<'a, f64> {
        if let Ok((r, w)) = any_kw(&["once", "twice"])(i) {
            return Ok((r, if w == "once" { 1.0 } else { 2.0 }));
        }
        let (r, c) = cardinal(g, i)?;
        let (r, _) = (sp, kw("times")).parse(r)?;
        Ok((r, c))
    };
    if let Ok((r, (f, _, _, _, (u, false)))) = (
        freq,
        sp,
        any_kw(&["a", "an", "per", "every", "each"]),
        sp,
        |i| unit(g, i),
    )
        .parse(i)
    {
        return Ok((
            r,
            mk(duration_value(Some(1.0), u), None, Some(format!("{}X", f))),
        ));
    }
    // "Tuesday nights"
    if let Ok((r, (d, _, w2))) = (|i| weekday(g, i), sp, word).parse(i)
        && let Some(p) = norm(w2)
            .strip_suffix('s')
            .and_then(|b| g.parts_of_day.get(b))
    {
        return Ok((
            r,
            mk(format!("XXXX-WXX-{d}"), None, None).with_pod(Pod::from(p)),
        ));
    }
    // "Mondays"
    let (r, w) = word(i)?;
    let n = norm(w);
    if let Some(base) = n.strip_suffix('s')
        && let Some(&d) = g.weekdays.get(base)
        && base.len() > 4
        && w.starts_with(char::is_uppercase)
    {
        let mut s = mk(format!("XXXX-WXX-{d}"), None, None);
        // "Saturdays, 1130", "Mondays at 8 p.m.": the time they recur at
        if let Ok((r2, (_, _, _, (c, z)))) = (
            opt((lex::sp0, char(','))),
            sp,
            opt((kw("at"), sp)),
            |x: &'a str| match clock(x) {
                Ok((r3, c)) => Ok((r3, (c, None))),
                Err(_) => clock24(g, x).map(|(r3, (c, z, _))| (r3, (c, z))),
            },
        )
            .parse(r)
        {
            s.clock = Some(c);
            s.zone = z;
            return Ok((r2, s));
        }
        if let Ok((r2, (_, w2))) = (sp, word).parse(r)
            && let Some(p) = norm(w2)
                .strip_suffix('s')
                .and_then(|b| g.parts_of_day.get(b))
        {
            s.pod = Some(Pod::from(p));
            return Ok((r2, s));
        }
        return Ok((r, s));
    }
    fail(i)
}

impl Spec {
    fn with_pod(mut self, p: Pod) -> Spec {
        self.pod = Some(p);
        self
    }
}

/// range = "from" point ("to" | "until" | "through" | "-") point | "between" point "and" point
///       | month day "-" day | year_number "-" (year_number | yy)
pub fn range<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    const POINTS: [(usize, Production); 8] = indexed![
        calendar_date,
        month_year,
        year,
        month_ref,
        weekday_ref,
        clock_time,
        season,
        year_part,
    ];
    let point = |i: &'a str| -> Res<'a, Spec> {
        let mut best: Option<(&'a str, Spec)> = None;
        let opens = opens_at(i);
        for (k, p) in POINTS {
            if opens & (1 << k) == 0 {
                continue;
            }
            if let Ok((r, s)) = p(g, i)
                && best.as_ref().is_none_or(|(br, _)| r.len() < br.len())
            {
                best = Some((r, s));
            }
        }
        best.ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt)))
    };
    let off = |at: &str| i.len() - at.len();
    // from X to Y / between X and Y
    if let Ok((r, w)) = any_kw(&["from", "between"])(i) {
        let (r, _) = sp(r)?;
        let a_at = r;
        let (r, a) = point(r)?;
        let a_span = (off(a_at), off(r));
        let (r, _) = sp(r)?;
        let (r, _) = if w == "from" {
            any_kw(&["to", "until", "till", "through", "thru"])(r)?
        } else {
            kw("and")(r)?
        };
        let (r, _) = sp(r)?;
        let b_at = r;
        let (r, b) = point(r)?;
        let b_span = (off(b_at), off(r));
        return Ok((
            r,
            Spec::new(
                Core::Range {
                    first: Box::new(a),
                    first_span: a_span,
                    second: Box::new(b),
                    second_span: b_span,
                },
                "range",
            ),
        ));
    }
    // June 5-7
    if let Ok((r, (m, _, d1))) = (|i| month(g, i), sp, day_number).parse(i)
        && let Ok((r2, (_, d2))) = (nom::character::complete::one_of("-–"), day_number).parse(r)
        && d2 > d1
    {
        let a_span = (0, off(r));
        let b_span = (off(r) + r.chars().next().map_or(1, char::len_utf8), off(r2));
        return Ok((
            r2,
            Spec::new(
                Core::Range {
                    first: Box::new(date(None, Some(m), Some(d1), "calendar_date")),
                    first_span: a_span,
                    second: Box::new(date(None, Some(m), Some(d2), "calendar_date")),
                    second_span: b_span,
                },
                "range",
            ),
        ));
    }
    // 2009-2010, 1998-99
    let (r, y1) = year4(i).or_else(|_| {
        let (r, (v, n)) = digits(i)?;
        if n == 4 { Ok((r, v as i32)) } else { fail(i) }
    })?;
    let (r, _) = nom::character::complete::one_of("-–/")(r)?;
    let b_at = r;
    let (r2, (v, n)) = digits(r)?;
    let y2 = match n {
        4 => v as i32,
        2 => y1 / 100 * 100 + v as i32,
        _ => return fail(i),
    };
    if y2 <= y1 || y2 - y1 > 20 {
        return fail(i);
    }
    Ok((
        r2,
        Spec::new(
            Core::Range {
                first: Box::new(date(Some(y1), None, None, "year")),
                first_span: (0, off(b_at) - 1),
                second: Box::new(date(Some(y2), None, None, "year")),
                second_span: (off(b_at), off(r2)),
            },
            "range",
        ),
    ))
}

/// modified = modifier ["-" | " "] ["on" | "in"] inner, where a START/MID/END
/// modifier ("early", "late", "mid", "the end of") takes a calendar position
/// and an APPROX/MORE_THAN/… modifier ("about", "more than") a duration,
/// offset or time.
pub fn modified<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    // "the end of", or "the early 1980s", "the mid-1990s"
    let (r, the) = match phrase(&g.modifiers)(i) {
        Ok(_) => (i, false),
        Err(_) => match (kw("the"), sp).parse(i) {
            Ok((r2, _)) => (r2, true),
            Err(_) => (i, false),
        },
    };
    let (_, first) = word(r)?;
    let first = norm(first);
    let (r, m) = phrase(&g.modifiers)(r)?;
    if m.position != Position::Before {
        return fail(i);
    }
    // "ca. 466 BC"
    let r = match (first == "ca", dot(r)) {
        (true, Ok((r2, Some(_)))) => r2,
        _ => r,
    };
    if the && !matches!(&*first, "early" | "mid" | "late" | "middle") {
        return fail(i);
    }
    let (r, _) = sep(r)?;
    // "over an hour" is more than an hour; "over the past year" is not a modifier
    if first == "over" && kw("the")(r).is_ok() {
        return fail(i);
    }
    let positional = matches!(m.modifier, TimexMod::Start | TimexMod::Mid | TimexMod::End);
    let r = if positional {
        match (any_kw(&["on", "in"]), sp).parse(r) {
            Ok((r2, _)) => r2,
            Err(_) => r,
        }
    } else {
        r
    };
    const POSITIONAL: [(usize, Production); 13] = indexed![
        calendar_date,
        month_year,
        year,
        decade,
        century,
        month_ref,
        weekday_ref,
        part_of_day,
        deictic,
        unit_ref,
        year_part,
        season,
        clock_time,
    ];
    const AMOUNT: [(usize, Production); 7] = indexed![
        duration,
        offset,
        clock_time,
        calendar_date,
        year,
        decade,
        month_year,
    ];
    let inner: &[(usize, Production)] = if positional { &POSITIONAL } else { &AMOUNT };
    let opens = opens_at(r);
    let mut best: Option<(&'a str, Spec)> = None;
    for &(k, p) in inner {
        if opens & (1 << k) == 0 {
            continue;
        }
        if let Ok((r2, s)) = p(g, r)
            && best.as_ref().is_none_or(|(br, _)| r2.len() < br.len())
        {
            best = Some((r2, s));
        }
    }
    let (r, mut s) =
        best.ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt)))?;
    // "earlier Friday", "later today": the adverb is not part of the date
    if matches!(&*first, "earlier" | "later")
        && matches!(
            s.core,
            Core::Named {
                name: Name::Weekday(_),
                ..
            } | Core::Unit {
                unit: Unit::Day,
                ..
            } | Core::Date { .. }
        )
    {
        return fail(i);
    }
    if the
        && !matches!(
            s.core,
            Core::Decade { .. } | Core::YearPart { .. } | Core::Century(_)
        )
    {
        return fail(i);
    }
    if positional {
        if matches!(
            s.core,
            Core::Ref(_) | Core::Duration { .. } | Core::Set { .. }
        ) {
            return fail(i);
        }
        if let Core::Ref(_) = s.core {
            return fail(i);
        }
    } else if let Core::Offset { .. } | Core::Duration { .. } = s.core {
    } else if s.clock.is_none() && !matches!(s.core, Core::Date { .. } | Core::Decade { .. }) {
        return fail(i);
    }
    // "later this year": a modifier word on an expression that carries its own
    if s.modifier.is_none() {
        s.modifier = Some(m.modifier);
    }
    s.production = match s.production {
        "part_of_day" => "part_of_day",
        _ => s.production,
    };
    Ok((r, s))
}

// ---------------------------------------------------------------- ranges, compounds, informal text, formats

/// Makes a two-ended spec of `production` (`range` or `coordination`);
/// `a` and `b` are each end's text as a slice of `i`.
fn two_ends(
    i: &str,
    first: Spec,
    a: &str,
    second: Spec,
    b: &str,
    production: &'static str,
) -> Spec {
    let at = |s: &str| s.as_ptr() as usize - i.as_ptr() as usize;
    Spec::new(
        Core::Range {
            first: Box::new(first),
            first_span: (at(a), at(a) + a.len()),
            second: Box::new(second),
            second_span: (at(b), at(b) + b.len()),
        },
        production,
    )
}

/// The part of `from` before `rest`.
fn before<'a>(from: &'a str, rest: &str) -> &'a str {
    &from[..from.len() - rest.len()]
}

/// A dash between the ends of a range, spaced or not ("3-5", "28 Feb - 2 Mar").
fn dash(i: &str) -> Res<'_, ()> {
    let (r, _) = (lex::sp0, nom::character::complete::one_of("-–"), lex::sp0).parse(i)?;
    Ok((r, ()))
}

/// A dash or a word that joins the ends of a range ("to", "until", "through").
fn to_or_dash(i: &str) -> Res<'_, ()> {
    if let Ok(r) = dash(i) {
        return Ok(r);
    }
    let (r, _) = (sp, any_kw(&["to", "until", "till", "through", "thru"]), sp).parse(i)?;
    Ok((r, ()))
}

/// A month name, or after a day number also a bare abbreviation: "14 Mar",
/// "28 Feb-2 Mar" (before a day number `month` reads "Mar 14" itself).
fn month_after_day<'a>(g: &Lexicon, i: &'a str) -> Res<'a, u32> {
    if let Ok(r) = month(g, i) {
        return Ok(r);
    }
    let (rest, w) = word(i)?;
    match g.months.get(&*norm(w)) {
        Some(&m) if w.len() >= 3 && w.starts_with(char::is_uppercase) => Ok((rest, m)),
        _ => fail(i),
    }
}

/// span = era_span | day_span | date_span | month_span | count_span | coordination:
/// both ends of a range, each resolved ("3-5 June", "28 Feb-2 Mar 2011",
/// "May-August 1950", "between 10 and 12 weeks", "264–241 BC"), or two
/// positions joined by "and" ("on the 4th and 5th of July").
pub fn span<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    // the word that joins the ends comes early: most numbers and names are no range
    if window_words(i) & S_JOINS == 0 {
        return fail(i);
    }
    let mut best: Option<(&'a str, Spec)> = None;
    for p in [
        era_span as Production,
        day_span,
        date_span,
        month_span,
        count_span,
        coordination,
    ] {
        if let Ok((r, s)) = p(g, i)
            && best.as_ref().is_none_or(|(br, _)| r.len() < br.len())
        {
            best = Some((r, s));
        }
    }
    best.ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt)))
}

/// The words that join a range's ends, in the first 48 bytes: "-", "–",
/// "to", "and", "or", "until", "till", "through", "thru".
const SPAN_LIST: [(&[u8], usize); 9] = [
    (b"-", 48),
    ("–".as_bytes(), 48),
    (b" to ", 48),
    (b" and ", 48),
    (b" or ", 48),
    (b" until ", 48),
    (b" till ", 48),
    (b" through ", 48),
    (b" thru ", 48),
];
#[cfg(test)]
static SPAN_JOINS: Needles<9> = Needles::new(SPAN_LIST);

/// The first [`Ahead::LEN`] bytes of a text in ASCII lowercase, made once
/// so that the looks for a production's own words ([`Needles`]) read it in
/// one pass (a memchr per word, and later a pass per word looked for, each
/// cost a quarter of `tag`'s time).
struct Ahead {
    /// The window, then zeros: eight bytes can be read at any start in it.
    buf: [u8; Ahead::LEN + 8],
    len: usize,
}

impl Ahead {
    const LEN: usize = 64;

    fn new(i: &str) -> Self {
        let len = i.len().min(Self::LEN);
        let mut buf = [0u8; Self::LEN + 8];
        for (to, from) in buf.iter_mut().zip(&i.as_bytes()[..len]) {
            *to = from.to_ascii_lowercase();
        }
        Ahead { buf, len }
    }
}

/// Words (lowercase ASCII byte strings) looked for at once in an [`Ahead`]
/// window, each with how far in it may start: needle `k` is found when it
/// starts in the first `limit` bytes and fits in the window. One pass over
/// the window finds them all: at each byte, a table of the needles by their
/// first two bytes says which few may start there.
struct Needles<const N: usize> {
    list: [(&'static [u8], usize); N],
    /// Each needle's first eight bytes (fewer when shorter) as a
    /// little-endian word, and the mask of the bytes it has: one compare
    /// rejects a needle that merely shares its first two bytes.
    heads: [(u64, u64); N],
    /// Bit `k`: needle `k` of two bytes or more may start at a byte pair
    /// with this [`pair`] hash.
    pairs: [u64; 1024],
    /// Bit `k`: needle `k`, of one byte, is this byte.
    singles: [u64; 256],
    /// The largest limit.
    reach: usize,
}

/// The hash of two bytes that indexes [`Needles::pairs`].
#[inline]
const fn pair(a: u8, b: u8) -> usize {
    (((a as usize) << 5) ^ (b as usize)) & 1023
}

impl<const N: usize> Needles<N> {
    const fn new(list: [(&'static [u8], usize); N]) -> Self {
        assert!(N <= 64);
        let mut pairs = [0u64; 1024];
        let mut singles = [0u64; 256];
        let mut heads = [(0u64, 0u64); N];
        let mut reach = 0;
        let mut k = 0;
        while k < N {
            let (needle, limit) = list[k];
            let mut j = 0;
            while j < needle.len() && j < 8 {
                heads[k].0 |= (needle[j] as u64) << (8 * j);
                heads[k].1 |= 0xff << (8 * j);
                j += 1;
            }
            // a needle starts before the window's last byte: the pair is in it
            assert!(!needle.is_empty() && limit < Ahead::LEN);
            if limit > reach {
                reach = limit;
            }
            if needle.len() == 1 {
                singles[needle[0] as usize] |= 1 << k;
            } else {
                pairs[pair(needle[0], needle[1])] |= 1 << k;
            }
            k += 1;
        }
        Needles {
            list,
            heads,
            pairs,
            singles,
            reach,
        }
    }

    /// The needles found in `a`: bit `k` for needle `k`.
    fn find(&self, a: &Ahead) -> u64 {
        let hay = &a.buf[..a.len];
        let mut found = 0u64;
        for k in 0..self.reach.min(a.len) {
            let (x, y) = (a.buf[k], a.buf[k + 1]);
            let mut maybe = (self.pairs[pair(x, y)] | self.singles[x as usize]) & !found;
            if maybe == 0 {
                continue;
            }
            let mut eight = [0u8; 8];
            eight.copy_from_slice(&a.buf[k..k + 8]);
            let eight = u64::from_le_bytes(eight);
            while maybe != 0 {
                let id = maybe.trailing_zeros() as usize;
                maybe &= maybe - 1;
                let (needle, limit) = self.list[id];
                let (head, mask) = self.heads[id];
                // bytes past the window are zeros, which no needle has
                if k < limit
                    && eight & mask == head
                    && (needle.len() <= 8 || hay[k..].starts_with(needle))
                {
                    found |= 1 << id;
                }
            }
        }
        found
    }
}

/// Bits `lo` to `hi` (inclusive) of a [`Needles::find`] answer.
const fn bits(lo: u32, hi: u32) -> u64 {
    (u64::MAX >> (63 - hi)) & (u64::MAX << lo)
}

/// era_span = ["from" | "between"] digits ("-" | "–" | "to" | "until" | "and") digits [" "] era:
/// "499-493 BC", "264–241 BC", "from 499 to 493 BC"; the first end is in
/// the era written after the second (years before Christ count down).
fn era_span<'a>(_g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, lead) = match (any_kw(&["from", "between"]), sp).parse(i) {
        Ok((r, (w, _))) => (r, Some(w)),
        Err(_) => (i, None),
    };
    let a_at = r;
    let (r, (v1, _)) = digits(r)?;
    let a = before(a_at, r);
    let (r, _) = match lead {
        Some("between") => (sp, kw("and"), sp).parse(r).map(|(r, _)| (r, ()))?,
        Some(_) => (sp, any_kw(&["to", "until", "till", "through"]), sp)
            .parse(r)
            .map(|(r, _)| (r, ()))?,
        None => dash(r)?,
    };
    let b_at = r;
    let (r, (v2, _)) = digits(r)?;
    let (r, _) = opt(char(' ')).parse(r)?;
    let (r, bc) = era(r)?;
    let ordered = if bc { v1 > v2 } else { v1 < v2 };
    if v1 == 0 || v2 == 0 || !ordered {
        return fail(i);
    }
    let year = |v: u32| if bc { 1 - v as i32 } else { v as i32 };
    let first = date(Some(year(v1)), None, None, "year");
    let second = date(Some(year(v2)), None, None, "year");
    Ok((r, two_ends(i, first, a, second, before(b_at, r), "range")))
}

/// day_span = day_number ("-" | "to") day_number ["of"] month [[","] year_number]: "3-5 June"
fn day_span<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, d1) = day_number(i)?;
    let a = before(i, r);
    let (r, _) = to_or_dash(r)?;
    let b_at = r;
    let (r, d2) = day_number(r)?;
    let (r, _) = sp(r)?;
    let (r, _) = opt((kw("of"), sp)).parse(r)?;
    let (r, m) = month_after_day(g, r)?;
    let (r, y) = match (opt((lex::sp0, char(','))), sp, |i| year_number(g, i)).parse(r) {
        Ok((r2, (_, _, y))) => (r2, Some(y)),
        Err(_) => (r, None),
    };
    if d2 <= d1 || d2 > 31 {
        return fail(i);
    }
    let first = date(y, Some(m), Some(d1), "calendar_date");
    let second = date(y, Some(m), Some(d2), "calendar_date");
    Ok((r, two_ends(i, first, a, second, before(b_at, r), "range")))
}

/// A calendar date that names its day and month.
fn dated<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, s) = calendar_date(g, i)?;
    match s.core {
        Core::Date {
            month: Some(_),
            day: Some(_),
            ..
        } => Ok((r, s)),
        _ => fail(i),
    }
}

/// date_span = calendar_date ("-" | "to") calendar_date: "28 Feb-2 Mar 2011"
fn date_span<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, first) = dated(g, i)?;
    let a = before(i, r);
    let (r, _) = to_or_dash(r)?;
    let b_at = r;
    let (r, second) = dated(g, r)?;
    Ok((r, two_ends(i, first, a, second, before(b_at, r), "range")))
}

/// month_span = month ("-" | "to") month_year: "May-August 1950"
fn month_span<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, m) = month(g, i)?;
    let a = before(i, r);
    let (r, _) = to_or_dash(r)?;
    let b_at = r;
    let (r, second) = month_year(g, r)?;
    let first = Spec::new(
        Core::Named {
            name: Name::Month(m),
            shift: None,
            year: None,
        },
        "month_ref",
    );
    Ok((r, two_ends(i, first, a, second, before(b_at, r), "range")))
}

/// count_span = ["between"] quantity ("and" | "to" | "or" | "-") quantity unit:
/// "between 10 and 12 weeks", "two to six days"; both ends durations.
fn count_span<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, between) = match (kw("between"), sp).parse(i) {
        Ok((r, _)) => (r, true),
        Err(_) => (i, false),
    };
    let a_at = r;
    let (r, n1) = quantity(g, r)?;
    let a = before(a_at, r);
    let (r, _) = if between {
        (sp, kw("and"), sp).parse(r).map(|(r, _)| (r, ()))?
    } else {
        dash(r).or_else(|_| {
            (sp, any_kw(&["to", "or"]), sp)
                .parse(r)
                .map(|(r, _)| (r, ()))
        })?
    };
    let b_at = r;
    let (r, n2) = quantity(g, r)?;
    let (r, _) = sep(r)?;
    let (r, (u, _)) = unit(g, r)?;
    let (Some(x), Some(y)) = (n1, n2) else {
        return fail(i);
    };
    if x >= y || a.trim().is_empty() {
        return fail(i);
    }
    let dur = |n| {
        Spec::new(
            Core::Duration {
                n: Some(n),
                unit: u,
            },
            "duration",
        )
    };
    Ok((r, two_ends(i, dur(x), a, dur(y), before(b_at, r), "range")))
}

/// coordination = day ("and" | "or") calendar_date | calendar_date ("and" | "or") day [[","] year_number]
///              | month ("and" | "or") month_year:
/// "the 4th and 5th of July", "July 4 and 5", "April and June 1955"; the
/// end that leaves out its month or year takes it from the other.
fn coordination<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let and = |r| (sp, any_kw(&["and", "or"]), sp).parse(r);
    // "the 4th and 5th of July", "4 and 5 July"
    let day_first = |i: &'a str| -> Res<'a, Spec> {
        let (r, the) = match (kw("the"), sp).parse(i) {
            Ok((r, _)) => (r, true),
            Err(_) => (i, false),
        };
        let (r, d) = match day_number(r) {
            Ok(x) => x,
            Err(_) if the => ordinal(g, r).map(|(r, d)| (r, d as u32))?,
            Err(e) => return Err(e),
        };
        let a = before(i, r);
        let (r, _) = and(r)?;
        let b_at = r;
        let (r, second) = dated(g, r)?;
        if d == 0 || d > 31 {
            return fail(i);
        }
        let first = date(None, None, Some(d), "calendar_date");
        Ok((
            r,
            two_ends(i, first, a, second, before(b_at, r), "coordination"),
        ))
    };
    // "July 4 and 5, 2016"
    let day_last = |i: &'a str| -> Res<'a, Spec> {
        let (r, m) = month(g, i)?;
        let (r, _) = sp(r)?;
        let (r, d1) = day_number(r)?;
        let a = before(i, r);
        let (r, _) = and(r)?;
        let b_at = r;
        let (r, d2) = day_number(r)?;
        let (r, y) = match (opt((lex::sp0, char(','))), sp, |i| year_number(g, i)).parse(r) {
            Ok((r2, (_, _, y))) => (r2, Some(y)),
            Err(_) => (r, None),
        };
        if d2 > 31 {
            return fail(i);
        }
        let first = date(y, Some(m), Some(d1), "calendar_date");
        let second = date(y, Some(m), Some(d2), "calendar_date");
        Ok((
            r,
            two_ends(i, first, a, second, before(b_at, r), "coordination"),
        ))
    };
    // "April and June 1955"
    let months = |i: &'a str| -> Res<'a, Spec> {
        let (r, m) = month(g, i)?;
        let a = before(i, r);
        let (r, _) = and(r)?;
        let b_at = r;
        let (r, second) = month_year(g, r)?;
        let first = Spec::new(
            Core::Named {
                name: Name::Month(m),
                shift: None,
                year: None,
            },
            "month_ref",
        );
        Ok((
            r,
            two_ends(i, first, a, second, before(b_at, r), "coordination"),
        ))
    };
    let mut best: Option<(&'a str, Spec)> = None;
    for r in [day_first(i), day_last(i), months(i)].into_iter().flatten() {
        if best.as_ref().is_none_or(|(br, _)| r.0.len() < br.len()) {
            best = Some(r);
        }
    }
    best.ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt)))
}

/// The words each compound has early on, looked for before parsing (see
/// [`compound`]); the `C_` masks below name them.
const COMPOUND_LIST: [(&[u8], usize); 29] = [
    (b" of ", 40),
    (b" of that ", 56),
    (b" of the same ", 56),
    (b" of the following ", 56),
    (b" of the next ", 56),
    (b" of the previous ", 56),
    (b" of the preceding ", 56),
    (b"quarter", 24),
    (b"straight", 40),
    (b"consecutive", 40),
    (b"successive", 40),
    (b"trading", 40),
    (b"financial", 40),
    (b"fiscal", 40),
    (b"tax", 40),
    (b"academic", 40),
    (b"school", 40),
    (b"the day", 8),
    (b" trading", 40),
    (b" dealings", 40),
    (b" session", 40),
    (b"weekend", 40),
    (b"today", 40),
    (b"yesterday", 40),
    (b"tomorrow", 40),
    (b"tonight", 40),
    (b"the week of", 12),
    (b"the day ", 12),
    (b" week", 40),
];
#[cfg(test)]
static COMPOUND_WORDS: Needles<29> = Needles::new(COMPOUND_LIST);

/// The compounds' words (bits 0 to 28, the `C_` masks) and the words that
/// join a span's ends ([`S_JOINS`]), looked for in one pass: the two
/// productions open at most of the same words.
static WINDOW_WORDS: Needles<38> = Needles::new(joined(COMPOUND_LIST, SPAN_LIST));
const S_JOINS: u64 = bits(29, 37);

const fn joined<const A: usize, const B: usize, const N: usize>(
    a: [(&'static [u8], usize); A],
    b: [(&'static [u8], usize); B],
) -> [(&'static [u8], usize); N] {
    assert!(A + B == N);
    let mut out: [(&'static [u8], usize); N] = [(b"", 0); N];
    let mut k = 0;
    while k < N {
        out[k] = if k < A { a[k] } else { b[k - A] };
        k += 1;
    }
    out
}

/// [`WINDOW_WORDS`] found at `i`, once per position while the productions
/// run there.
fn window_words(i: &str) -> u64 {
    let find = || WINDOW_WORDS.find(&Ahead::new(i));
    match memo(WINDOW_MEMO, i, || Ok((i, find()))) {
        Ok((_, b)) => b,
        _ => find(),
    }
}
const C_OF: u64 = bits(0, 0);
const C_OF_THAT: u64 = bits(1, 6);
const C_QUARTER: u64 = bits(7, 7);
const C_STRAIGHT: u64 = bits(8, 11);
const C_PERIOD: u64 = bits(12, 16);
const C_THE_DAY: u64 = bits(17, 17);
const C_TRADING: u64 = bits(18, 20);
const C_WEEKEND: u64 = bits(21, 21);
const C_DEICTIC: u64 = bits(22, 25);
const C_THE_WEEK_OF: u64 = bits(26, 27);
const C_WEEK: u64 = bits(28, 28);

/// compound = week_of_month | pod_of_day | of_that_year | final_quarter
///          | straight_count | period_year | market_words
pub fn compound<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    // each compound has a word of its own early on: look for it before parsing
    let first = word(i).map(|(_, w)| norm(w)).ok();
    let first = first.as_deref().unwrap_or("");
    let the = first == "the";
    let look = window_words(i);
    let has = |mask: u64| look & mask != 0;
    let candidates: [(Production, bool); 10] = [
        (week_of_month, the && has(C_OF)),
        (pod_of_day, the && has(C_OF)),
        (of_that_year, first == "that" || has(C_OF_THAT)),
        (final_quarter, the && has(C_QUARTER)),
        (straight_count, has(C_STRAIGHT)),
        (period_year, has(C_PERIOD)),
        (
            market_words,
            (the && has(C_THE_DAY))
                || has(C_TRADING)
                || (matches!(first, "a" | "an") && has(C_WEEKEND)),
        ),
        (year_end, first == "year"),
        (
            pod_phrase,
            matches!(first, "early" | "mid" | "late") || has(C_DEICTIC),
        ),
        (week_or_day_of, (the && has(C_THE_WEEK_OF)) || has(C_WEEK)),
    ];
    let mut best: Option<(&'a str, Spec)> = None;
    for (p, worth) in candidates {
        if !worth {
            continue;
        }
        if let Ok((r, s)) = p(g, i)
            && best.as_ref().is_none_or(|(br, _)| r.len() < br.len())
        {
            best = Some((r, s));
        }
    }
    let (r, mut s) =
        best.ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt)))?;
    s.production = "compound";
    Ok((r, s))
}

/// week_of_month = "the" ("first" | "second" | "third" | "fourth" | "last" | "final") "week" "of" (month_year | month)
fn week_of_month<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, (_, _, nth, _, _, _, _, _)) = (
        kw("the"),
        sp,
        any_kw(&["first", "second", "third", "fourth", "last", "final"]),
        sp,
        kw("week"),
        sp,
        kw("of"),
        sp,
    )
        .parse(i)?;
    let n = match nth {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        _ => -1,
    };
    let (r, inner) = month_year(g, r).or_else(|_| month_ref(g, r))?;
    if !matches!(
        inner.core,
        Core::Date {
            month: Some(_),
            day: None,
            ..
        } | Core::Named {
            name: Name::Month(_),
            ..
        }
    ) {
        return fail(i);
    }
    Ok((
        r,
        Spec::new(
            Core::Within {
                part: Within::Week(n),
                inner: Box::new(inner),
            },
            "compound",
        ),
    ))
}

/// pod_of_day = "the" pod "of" day_anchor: "the night of 3 June 1944", "the morning of 31 January 1965"
fn pod_of_day<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, (_, _, p, _, _, _)) = (kw("the"), sp, |i| pod(g, i), sp, kw("of"), sp).parse(i)?;
    let (r, mut d) = day_anchor(g, r)?;
    d.pod = Some(p);
    Ok((r, d))
}

/// of_that_year = (calendar_date | month | ["the"] season) "of" ("that" | "the same" | "the following"
///                | "the next" | "the previous" | "the preceding") "year"
///              | ("that" | "that same") season:
/// "September of that year", "July 25 of that year", "that spring"
fn of_that_year<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let within = |shift: i8, inner: Spec| {
        Spec::new(
            Core::Within {
                part: Within::NarrativeYear(shift),
                inner: Box::new(inner),
            },
            "compound",
        )
    };
    // "that spring", "that same summer"
    if let Ok((r, _)) = (kw("that"), sp, opt((kw("same"), sp))).parse(i)
        && let Ok((r2, (se, _))) = lex::lookup(&g.seasons)(r)
    {
        let inner = Spec::new(
            Core::YearPart {
                year: YearRef::Context,
                part: Part::Season(se.code.clone()),
            },
            "season",
        );
        return Ok((r2, within(0, inner)));
    }
    const INNER: [(usize, Production); 3] = indexed![calendar_date, month_ref, season];
    let mut inner: Option<(&'a str, Spec)> = None;
    let opens = opens_at(i);
    for (k, p) in INNER {
        if opens & (1 << k) == 0 {
            continue;
        }
        if let Ok((r, s)) = p(g, i)
            && inner.as_ref().is_none_or(|(br, _)| r.len() < br.len())
        {
            inner = Some((r, s));
        }
    }
    let (r, inner) = inner
        .ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt)))?;
    let yearless = matches!(
        inner.core,
        Core::Date {
            year: None,
            year_shift: None,
            month: Some(_),
            ..
        } | Core::Named {
            name: Name::Month(_),
            shift: None,
            year: None,
        } | Core::YearPart {
            year: YearRef::Context,
            ..
        }
    );
    if !yearless {
        return fail(i);
    }
    let (r, _) = (sp, kw("of"), sp).parse(r)?;
    let (r, shift) = match (kw("that"), sp, kw("year")).parse(r) {
        Ok((r2, _)) => (r2, 0),
        Err(_) => {
            let (r2, (_, _, w, _, _)) = (
                kw("the"),
                sp,
                any_kw(&["same", "following", "next", "previous", "preceding"]),
                sp,
                kw("year"),
            )
                .parse(r)?;
            let shift = match w {
                "same" => 0,
                "following" | "next" => 1,
                _ => -1,
            };
            (r2, shift)
        }
    };
    Ok((r, within(shift, inner)))
}

/// final_quarter = "the" ("final" | "last") "quarter" "of" year_number: "the final quarter of 2012"
fn final_quarter<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, _) = (
        kw("the"),
        sp,
        any_kw(&["final", "last"]),
        sep,
        kw("quarter"),
        sp,
        kw("of"),
        sp,
    )
        .parse(i)?;
    let (r, y) = year_number(g, r)?;
    Ok((
        r,
        Spec::new(
            Core::YearPart {
                year: YearRef::Explicit(y),
                part: Part::Quarter(4),
            },
            "year_part",
        ),
    ))
}

/// straight_count = quantity ("straight" | "consecutive" | "successive" | "trading") (unit | "session" | "sessions"):
/// "five straight sessions", "eight trading days"; a session is a day
fn straight_count<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, n) = quantity(g, i)?;
    let (r, _) = (
        sp,
        any_kw(&["straight", "consecutive", "successive", "trading"]),
        sp,
    )
        .parse(r)?;
    let (r, u) = match any_kw(&["session", "sessions"])(r) {
        Ok((r2, _)) => (r2, Unit::Day),
        Err(_) => {
            let (r2, (_, (u, _))) = (opt((kw("trading"), sp)), |i| unit(g, i)).parse(r)?;
            (r2, u)
        }
    };
    Ok((r, Spec::new(Core::Duration { n, unit: u }, "duration")))
}

/// period_year = (shift | "the" ["current" | "latest"]) ("financial" | "fiscal" | "tax" | "academic" | "school") "year":
/// "this financial year", "last tax year", "the latest fiscal year" (the last one completed)
fn period_year<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, s) = match (|i| shift(g, i), sp).parse(i) {
        Ok((r, (s, _))) => (r, s),
        Err(_) => {
            let (r, (_, _, w)) =
                (kw("the"), sp, opt((any_kw(&["current", "latest"]), sp))).parse(i)?;
            (
                r,
                if matches!(w, Some(("latest", _))) {
                    -1
                } else {
                    0
                },
            )
        }
    };
    let (r, _) = (
        any_kw(&["financial", "fiscal", "tax", "academic", "school"]),
        sep,
        kw("year"),
    )
        .parse(r)?;
    Ok((
        r,
        Spec::new(
            Core::Unit {
                unit: Unit::Year,
                shift: s as i64,
                anchor: Anchor::Dct,
            },
            "unit_ref",
        ),
    ))
}

/// market_words = "the day" | pod (before "trading" | "dealings" | "session") | ("a" | "an") word "weekend":
/// "ended the day 2% higher", "in morning trading", "a quiet weekend" (which
/// words may come before "the day" is checked in context)
fn market_words<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let day = |anchor| {
        Spec::new(
            Core::Unit {
                unit: Unit::Day,
                shift: 0,
                anchor,
            },
            "compound",
        )
    };
    if let Ok((r, _)) = (kw("the"), sp, kw("day")).parse(i) {
        return Ok((r, day(Anchor::Narrative)));
    }
    if let Ok((r, p)) = pod(g, i)
        && (sp, any_kw(&["trading", "dealings", "session"]))
            .parse(r)
            .is_ok()
    {
        return Ok((r, day(Anchor::Dct).with_pod(p)));
    }
    let (r, (_, _, w, _, _)) = (any_kw(&["a", "an"]), sp, word, sp, kw("weekend")).parse(i)?;
    if matches!(&*norm(w), "the" | "a" | "an") || g.numerals.contains_key(&*norm(w)) {
        return fail(i);
    }
    Ok((
        r,
        Spec::new(
            Core::Unit {
                unit: Unit::Weekend,
                shift: 0,
                anchor: Anchor::Narrative,
            },
            "compound",
        ),
    ))
}

/// week_or_day_of = "the week of" calendar_date | "the day" ("before" | "after") day_anchor
///                | holiday "week": "the week of March 6", "the day before last
/// Tuesday", "Easter week"
fn week_or_day_of<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let within = |part, inner: Spec| {
        Spec::new(
            Core::Within {
                part,
                inner: Box::new(inner),
            },
            "compound",
        )
    };
    if let Ok((r, _)) = (kw("the"), sp, kw("week"), sp, kw("of"), sp).parse(i) {
        let (r2, inner) = dated(g, r)?;
        return Ok((r2, within(Within::Week(0), inner)));
    }
    if let Ok((r, (_, _, _, _, w, _))) = (
        kw("the"),
        sp,
        kw("day"),
        sp,
        any_kw(&["before", "after"]),
        sp,
    )
        .parse(i)
    {
        let (r2, inner) = day_anchor(g, r)?;
        let n = if w == "before" { -1 } else { 1 };
        return Ok((r2, within(Within::Day(n), inner)));
    }
    let (r, inner) = holiday(g, i)?;
    let (r, _) = (sp, kw("week")).parse(r)?;
    Ok((r, within(Within::Week(0), inner)))
}

/// year_end = "year's end" | "year’s end": the end of the article's year
fn year_end<'a>(_g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, _) = (
        kw("year"),
        nom::character::complete::one_of("'’"),
        tag_no_case("s"),
        sp,
        kw("end"),
    )
        .parse(i)?;
    let mut s = Spec::new(
        Core::Unit {
            unit: Unit::Year,
            shift: 0,
            anchor: Anchor::Dct,
        },
        "unit_ref",
    );
    s.modifier = Some(TimexMod::End);
    Ok((r, s))
}

/// pod_phrase = ("early" | "mid" | "late") sep pod [deictic] | pod deictic:
/// "mid afternoon", "late evening", "mid-afternoon yesterday" (a bare
/// "morning" is not read: it is as often no time at all)
fn pod_phrase<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, m) = match (any_kw(&["early", "mid", "late"]), sep).parse(i) {
        Ok((r, (w, _))) => (
            r,
            Some(match w {
                "early" => TimexMod::Start,
                "mid" => TimexMod::Mid,
                _ => TimexMod::End,
            }),
        ),
        Err(_) => (i, None),
    };
    let (r, p) = pod(g, r)?;
    let (r, shift) = match (sp, |i| deictic(g, i)).parse(r) {
        Ok((
            r2,
            (
                _,
                Spec {
                    core:
                        Core::Unit {
                            unit: Unit::Day,
                            shift,
                            ..
                        },
                    pod: None,
                    ..
                },
            ),
        )) => (r2, Some(shift)),
        _ => (r, None),
    };
    if m.is_none() && shift.is_none() {
        return fail(i);
    }
    let mut s = Spec::new(
        Core::Unit {
            unit: Unit::Day,
            shift: shift.unwrap_or(0),
            anchor: if shift.is_some() {
                Anchor::Dct
            } else {
                Anchor::Narrative
            },
        },
        "part_of_day",
    )
    .with_pod(p);
    s.modifier = m;
    Ok((r, s))
}

/// informal = informal_day [pod] | informal_weekday | glued_count | grouped_count:
/// "2nite", "tmrw night", "this sat", "Wed 9:00am", "thurs", "2hrs", "1,250 years"
pub fn informal<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let mut best: Option<(&'a str, Spec)> = None;
    for p in [
        informal_day as Production,
        informal_weekday,
        glued_count,
        grouped_count,
    ] {
        if let Ok((r, s)) = p(g, i)
            && best.as_ref().is_none_or(|(br, _)| r.len() < br.len())
        {
            best = Some((r, s));
        }
    }
    let (r, mut s) =
        best.ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt)))?;
    if s.production != "offset" {
        s.production = "informal";
    }
    Ok((r, s))
}

/// The bit of [`PRODUCTIONS`] whose matches are read only in informal text
/// (`informal_bare`, the last production): the scanner does not run it in
/// prose, so news pays nothing for it.
pub const INFORMAL_ONLY: u32 = 1 << (PRODUCTIONS.len() - 1);

/// Units that informal text writes bare, without a number, for one of them:
/// "a long day", "crazy week", "Nikon Day", "sophomore year".
const BARE_UNITS: &[&str] = &[
    "day",
    "week",
    "month",
    "year",
    "hour",
    "fortnight",
    "decade",
];

/// informal_bare = pod ["s"] | "weekend" | "weekends" | bare_unit | "future":
/// "date night", "long weekend", "Morning, afternoon and night", "a long
/// day" (P1D), "crazy week", "my future" (read only in informal text)
pub fn informal_bare<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let bare = |core| Spec::new(core, "informal_bare");
    if i.starts_with(|c: char| c.is_ascii_digit()) {
        return glued_date(g, i);
    }
    if let Ok(r) = month_glued_day(g, i) {
        return Ok(r);
    }
    if let Ok((r, w)) = any_kw(BARE_UNITS)(i)
        && let Some(u) = g.units.get(w)
    {
        let core = Core::Duration {
            n: Some(1.0),
            unit: u.unit,
        };
        return Ok((r, bare(core)));
    }
    if let Ok((r, _)) = kw("future")(i) {
        return Ok((r, bare(Core::Ref("FUTURE_REF".into()))));
    }
    // "nights": the part of day all the same
    let plural = word(i).ok().and_then(|(r, w)| {
        let n = norm(w);
        let stem = n.strip_suffix('s')?;
        Some((r, Pod::from(g.parts_of_day.get(stem)?)))
    });
    if let Some((r, p)) = plural.or_else(|| pod(g, i).ok()) {
        let day = Core::Unit {
            unit: Unit::Day,
            shift: 0,
            anchor: Anchor::Narrative,
        };
        return Ok((r, bare(day).with_pod(p)));
    }
    let (r, w) = any_kw(&["weekend", "weekends"])(i)?;
    let core = if w == "weekends" {
        Core::Set {
            value: "XXXX-WE".into(),
            quant: None,
            freq: None,
        }
    } else {
        Core::Unit {
            unit: Unit::Weekend,
            shift: 0,
            anchor: Anchor::Narrative,
        }
    };
    Ok((r, bare(core)))
}

/// glued_date = day_digits [" "] month_word ["."] [[","] " " year4]: "26nov",
/// "26nov 2015", "3 dec" (any case; a spaced "may" or "march" is a verb)
fn glued_date<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, d) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(i)?;
    let d: u32 = d.parse().unwrap_or(0);
    let spaced = r.starts_with(' ');
    let (r, w) = word(r.strip_prefix(' ').unwrap_or(r))?;
    let n = norm(w);
    let Some(&m) = g.months.get(&*n) else {
        return fail(i);
    };
    if !(1..=31).contains(&d) || spaced && matches!(&*n, "may" | "march") {
        return fail(i);
    }
    let r = r.strip_prefix('.').unwrap_or(r);
    glued_year(g, r, m, d)
}

/// month_glued_day = month_word day_digits [[","] " " year4]: "Nov26", "Dec3, 2015"
fn month_glued_day<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, w) = nom::character::complete::alpha1(i)?;
    let Some(&m) = g.months.get(&*norm(w)) else {
        return fail(i);
    };
    let (r, d) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(r)?;
    let d: u32 = d.parse().unwrap_or(0);
    if !(1..=31).contains(&d) || r.starts_with(lex::continues_word) {
        return fail(i);
    }
    glued_year(g, r, m, d)
}

/// The optional year after a glued day and month, and the date.
fn glued_year<'a>(g: &Lexicon, r: &'a str, m: u32, d: u32) -> Res<'a, Spec> {
    if r.starts_with(lex::continues_word) {
        return fail(r);
    }
    let (r, y) = match (opt(char(',')), sp, |i| year_number(g, i)).parse(r) {
        Ok((r2, (_, _, y))) => (r2, Some(y)),
        Err(_) => (r, None),
    };
    let core = Core::Date {
        year: y,
        month: Some(m),
        day: Some(d),
        weekday: None,
        year_shift: None,
    };
    Ok((r, Spec::new(core, "informal_bare")))
}

/// Informal spellings that start with a digit (those with letters only are
/// in `deictics.csv`): "2day", "2moro", "2nite".
const DIGIT_DEICTICS: &[(&str, i64, bool)] = &[
    ("2day", 0, false),
    ("2moro", 1, false),
    ("2morro", 1, false),
    ("2morrow", 1, false),
    ("2mrw", 1, false),
    ("2mro", 1, false),
    ("2nite", 0, true),
    ("2night", 0, true),
];

/// informal_day = ("2day" | "2moro" | "2nite" | deictic) [pod]: "2nite", "tmrw night", "tmr morning"
fn informal_day<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let found = DIGIT_DEICTICS.iter().find_map(|(w, n, night)| {
        let head = i.get(..w.len())?;
        let rest = &i[w.len()..];
        (head.eq_ignore_ascii_case(w) && !rest.starts_with(lex::continues_word))
            .then_some((rest, *n, *night))
    });
    let (r, n, night) = match found {
        Some(x) => x,
        None => match deictic(g, i)? {
            (
                r,
                Spec {
                    core:
                        Core::Unit {
                            unit: Unit::Day,
                            shift,
                            ..
                        },
                    pod,
                    ..
                },
            ) => (r, shift, pod.is_some()),
            _ => return fail(i),
        },
    };
    let mut s = Spec::new(
        Core::Unit {
            unit: Unit::Day,
            shift: n,
            anchor: Anchor::Dct,
        },
        "informal",
    );
    if night {
        s.pod = g.parts_of_day.get("night").map(Pod::from);
        return Ok((r, s));
    }
    match (sp, |i| pod(g, i)).parse(r) {
        Ok((r2, (_, p))) => Ok((r2, s.with_pod(p))),
        // a bare word is the deictic production's
        Err(_) if found.is_none() => fail(i),
        Err(_) => Ok((r, s)),
    }
}

/// informal_weekday = [shift] weekday_word ["."] [[","] (pod | clock)]: "this sat",
/// "next fri", "Wed 9:00am", "thurs night", "tues"; a weekday abbreviation that is
/// also a word ("sat", "sun", "wed") needs the shift or the time
fn informal_weekday<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, s) = match (|i| shift(g, i), sp).parse(i) {
        Ok((r, (s, _))) => (r, Some(s)),
        Err(_) => (i, None),
    };
    let (r, w) = word(r)?;
    let n = norm(w);
    let Some(&d) = g.weekdays.get(&*n) else {
        return fail(i);
    };
    // "following Tuesday's quake": "following" means "after", as in weekday_ref
    if s.is_some() && (r.starts_with("'s") || r.starts_with("’s")) && kw("following")(i).is_ok() {
        return fail(i);
    }
    // "Thurs.": an abbreviation's period; after "Wednesday" it ends the sentence
    let full = n.len() > 5 || n == "friday" || n == "monday" || n == "sunday";
    let (r, _) = if full { (r, None) } else { dot(r)? };
    let mut spec = Spec::new(
        Core::Named {
            name: Name::Weekday(d),
            shift: s,
            year: None,
        },
        "informal",
    );
    let (r, timed) = match (opt(char(',')), sp, |i| pod(g, i)).parse(r) {
        Ok((r2, (_, _, p))) => {
            spec.pod = Some(p);
            (r2, true)
        }
        // "Wed 9:00am", "this Sat, 430pm", "this Sat,7pm"
        Err(_) => match (opt(char(',')), lex::sp0, opt((kw("at"), sp)), |i| {
            clock(i).or_else(|_| match clock24(g, i) {
                Ok((r, (c, _, Hhmm24::Cued))) => Ok((r, c)),
                _ => fail(i),
            })
        })
            .parse(r)
        {
            Ok((r2, (_, _, _, c))) => {
                spec.clock = Some(c);
                (r2, true)
            }
            Err(_) => (r, false),
        },
    };
    if s.is_none() && !timed && n.len() < 4 {
        return fail(i);
    }
    Ok((r, spec))
}

/// glued_count = digits ["." digits] unit [post_shift]: "2hrs", "10mins", "2.5hrs ago"
fn glued_count<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, (v, len)) = digits(i)?;
    let (r, n) = match (char::<_, nom::error::Error<&str>>('.'), digits).parse(r) {
        Ok((r2, (_, (f, k)))) => (r2, v as f64 + f as f64 / 10f64.powi(k as i32)),
        Err(_) => (r, v as f64),
    };
    if !r.starts_with(|c: char| c.is_alphabetic()) {
        return fail(i);
    }
    let (r, (u, _)) = unit(g, r)?;
    // "0930hrs" is a time of day (military_time)
    if len == 4 && u == Unit::Hour {
        return fail(i);
    }
    count_and_shift(g, i, r, n, u)
}

/// grouped_count = digits ("," digit digit digit)+ unit [post_shift]: "1,250 years", "2,000 years ago"
fn grouped_count<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (mut r, lead) = take_while_m_n(1, 3, |c: char| c.is_ascii_digit())(i)?;
    let mut n: f64 = lead.parse().unwrap_or(0.0);
    let mut groups = 0;
    while let Ok((r2, (_, three))) = (
        char::<_, nom::error::Error<&str>>(','),
        take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
    )
        .parse(r)
    {
        if r2.starts_with(|c: char| c.is_ascii_digit()) {
            return fail(i);
        }
        n = n * 1000.0 + three.parse::<f64>().unwrap_or(0.0);
        groups += 1;
        r = r2;
    }
    if groups == 0 {
        return fail(i);
    }
    let (r, _) = sep(r)?;
    let (r, (u, _)) = unit(g, r)?;
    count_and_shift(g, i, r, n, u)
}

/// `n` units read from `i` up to `r`: a duration, or with "ago", "later" …
/// after it an offset.
fn count_and_shift<'a>(g: &Lexicon, i: &'a str, r: &'a str, n: f64, u: Unit) -> Res<'a, Spec> {
    if r.starts_with(lex::continues_word) {
        return fail(i);
    }
    if let Ok((r2, (_, (dir, anchor)))) = (sp, |i| post_shift(g, i)).parse(r) {
        return Ok((
            r2,
            Spec::new(
                Core::Offset {
                    n: Some(n),
                    unit: u,
                    dir,
                    anchor,
                },
                "offset",
            ),
        ));
    }
    Ok((
        r,
        Spec::new(
            Core::Duration {
                n: Some(n),
                unit: u,
            },
            "duration",
        ),
    ))
}

/// formats = iso_datetime | dotted_date | military_time | dotted_time:
/// "2016-07-15T09:30:00", "15.07.2016", "0930hrs", "7.30am"
pub fn formats<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    iso_datetime(g, i)
        .or_else(|_| dotted_date(i))
        .or_else(|_| military_time(i))
        .or_else(|_| dotted_time(i))
}

/// dotted_time = hour "." minutes [" "] meridiem: "7.30am", "1.10 p.m." (as
/// British and Singaporean English write the time)
fn dotted_time(i: &str) -> Res<'_, Spec> {
    let (r, (h, _, m)) = (
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        char('.'),
        take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
    )
        .parse(i)?;
    let (r, (_, pm)) = (opt(char(' ')), meridiem).parse(r)?;
    let (h, m): (u32, u32) = (h.parse().unwrap_or(99), m.parse().unwrap_or(99));
    if !(1..=12).contains(&h) || m > 59 {
        return fail(i);
    }
    let hour = match (pm, h) {
        (false, 12) => 0,
        (true, 12) => 12,
        (true, h) => h + 12,
        (false, h) => h,
    };
    let mut s = Spec::new(Core::Clock, "dotted_time");
    s.clock = Some(Clock { hour, minute: m });
    Ok((r, s))
}

/// iso_datetime = yyyy "-" mm "-" dd ("T" | " ") hh ":" mm [":" ss ["." digits]] ["Z" | ("+" | "-") hh [":"] mm]
fn iso_datetime<'a>(g: &Lexicon, i: &'a str) -> Res<'a, Spec> {
    let (r, mut s) = numeric_date(g, i)?;
    if i.as_bytes().get(4).is_none_or(|&b| b != b'-') {
        return fail(i);
    }
    let two = |i| take_while_m_n(2, 2, |c: char| c.is_ascii_digit())(i);
    let (r, (_, h, _, m)) =
        (nom::character::complete::one_of("T "), two, char(':'), two).parse(r)?;
    let (h, m): (u32, u32) = (h.parse().unwrap_or(99), m.parse().unwrap_or(99));
    if h > 24 || m > 59 {
        return fail(i);
    }
    // seconds and fractions are read and dropped (values are kept to the minute)
    let r = match (char::<_, nom::error::Error<&str>>(':'), two).parse(r) {
        Ok((r2, _)) => match (
            char::<_, nom::error::Error<&str>>('.'),
            nom::character::complete::digit1,
        )
            .parse(r2)
        {
            Ok((r3, _)) => r3,
            Err(_) => r2,
        },
        Err(_) => r,
    };
    // "Z", "+03:00": the offset is read; the value stays in the time as written
    let r = match nom::branch::alt((
        tag::<_, _, nom::error::Error<&str>>("Z"),
        nom::combinator::recognize((
            nom::character::complete::one_of("+-"),
            two,
            opt(char(':')),
            two,
        )),
    ))
    .parse(r)
    {
        Ok((r2, _)) => r2,
        Err(_) => r,
    };
    if r.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return fail(i);
    }
    s.clock = Some(Clock { hour: h, minute: m });
    s.production = "iso_datetime";
    Ok((r, s))
}

/// dotted_date = dd "." mm "." yyyy | yyyy "." mm "." dd, only when one reading
/// is possible ("15.07.2016"; "03.02.2009" is 3 February or 2 March: not read)
fn dotted_date(i: &str) -> Res<'_, Spec> {
    let n12 = |i| take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(i);
    let n4 = |i| take_while_m_n(4, 4, |c: char| c.is_ascii_digit())(i);
    let n2 = |i| take_while_m_n(2, 2, |c: char| c.is_ascii_digit())(i);
    let (r, (a, b, c)) = match (n4, char('.'), n12, char('.'), n12).parse(i) {
        Ok((r, (y, _, m, _, d))) => (r, (y, m, d)),
        Err(_) => match (n12, char('.'), n12, char('.'), n4).parse(i) {
            Ok((r, (d, _, m, _, y))) => (r, (y, d, m)),
            // "27.03.15": a two-digit year only when the day is above 12
            Err(_) => {
                let (r, (d, _, m, _, y)) = (n12, char('.'), n12, char('.'), n2).parse(i)?;
                if d.parse::<u32>().unwrap_or(0) <= 12 {
                    return fail(i);
                }
                (r, (y, d, m))
            }
        },
    };
    // "1.2.2016.5", "15.07.20161": part of a longer number
    if r.starts_with(|c: char| c.is_ascii_digit())
        || (r.starts_with('.') && r[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return fail(i);
    }
    let y: i32 = match a.len() {
        2 => 2000 + a.parse::<i32>().unwrap_or(0),
        _ => a.parse().unwrap_or(0),
    };
    let (x, z): (u32, u32) = (b.parse().unwrap_or(0), c.parse().unwrap_or(0));
    let year_first = i.starts_with(a);
    let ok = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
    let (m, d) = if year_first {
        (x, z)
    } else {
        // year last: x.z is day.month or month.day; read only when one fits
        match (ok(z, x), ok(x, z)) {
            (true, false) => (z, x),
            (false, true) => (x, z),
            (true, true) if x == z => (x, z),
            _ => return fail(i),
        }
    };
    if !ok(m, d) || !(1000..2200).contains(&y) {
        return fail(i);
    }
    Ok((r, date(Some(y), Some(m), Some(d), "dotted_date")))
}

/// military_time = hh mm ("hrs" | "hr" | "h"): "0930hrs", "1800h" (written
/// as one word; with a space the clock-time productions read it)
fn military_time(i: &str) -> Res<'_, Spec> {
    let (r, hhmm) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit())(i)?;
    let (r, _) =
        nom::branch::alt((tag_no_case("hrs"), tag_no_case("hr"), tag_no_case("h"))).parse(r)?;
    if r.starts_with(lex::continues_word) || r.starts_with(|c: char| c.is_ascii_digit()) {
        return fail(i);
    }
    let (h, m): (u32, u32) = (
        hhmm[..2].parse().unwrap_or(99),
        hhmm[2..].parse().unwrap_or(99),
    );
    if h > 23 || m > 59 {
        return fail(i);
    }
    let mut s = Spec::new(Core::Clock, "military_time");
    s.clock = Some(Clock { hour: h, minute: m });
    Ok((r, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tag::Grammar;

    fn g() -> &'static Grammar {
        Grammar::embedded()
    }

    fn all(p: Production, s: &str) -> Spec {
        match p(g(), s) {
            Ok((rest, spec)) if rest.trim().is_empty() => spec,
            other => panic!("{s:?}: {other:?}"),
        }
    }

    #[test]
    fn memo_tags_are_production_indices() {
        for (tag, name) in [
            (CALENDAR_DATE, "calendar_date"),
            (WEEKDAY_REF, "weekday_ref"),
            (DEICTIC, "deictic"),
        ] {
            assert_eq!(PRODUCTIONS[tag as usize].0, name);
        }
    }

    #[test]
    fn calendar_dates_in_every_order() {
        for s in [
            "15 July, 2016",
            "July 15, 2016",
            "15th of July 2016",
            "Friday, July 15, 2016",
            "Jul. 15, 2016",
            "the 15th of July, 2016",
        ] {
            match all(calendar_date, s).core {
                Core::Date {
                    year, month, day, ..
                } => {
                    assert_eq!((year, month, day), (Some(2016), Some(7), Some(15)), "{s}")
                }
                c => panic!("{s}: {c:?}"),
            }
        }
    }

    #[test]
    fn numeric_dates() {
        for s in ["2016-07-15", "7/15/2016", "07/15/16", "2016/07/15"] {
            assert_eq!(
                all(numeric_date, s).core,
                date(Some(2016), Some(7), Some(15), "x").core,
                "{s}"
            );
        }
        assert_eq!(
            all(numeric_date, "15/07/2016").core,
            date(Some(2016), Some(7), Some(15), "x").core,
            "day first when the day is above 12"
        );
        assert!(numeric_date(g(), "3-1").is_err());
        assert!(numeric_date(g(), "2016-13-01").is_err());
    }

    #[test]
    fn clocks() {
        assert_eq!(
            clock("8:30 p.m.").map(|x| x.1),
            Ok(Clock {
                hour: 20,
                minute: 30
            })
        );
        assert_eq!(
            clock("noon").map(|x| x.1),
            Ok(Clock {
                hour: 12,
                minute: 0
            })
        );
        assert_eq!(
            clock("12 a.m.").map(|x| x.1),
            Ok(Clock { hour: 0, minute: 0 })
        );
        assert!(clock("25:00").is_err());
        assert!(clock("3").is_err());
    }

    #[test]
    fn spelled_years() {
        assert_eq!(
            spelled_year(g(), "nineteen ninety-four").map(|x| x.1),
            Ok(1994)
        );
        assert_eq!(spelled_year(g(), "two thousand").map(|x| x.1), Ok(2000));
    }

    /// One pass of `Needles::find` finds what a look for each needle in
    /// turn finds: every needle that starts within its limit and fits in
    /// the window, in any case, including at the window's edges.
    #[test]
    fn needles_find_what_each_look_finds() {
        let naive = |text: &str, needle: &[u8], limit: usize| {
            let a = Ahead::new(text);
            let hay = &a.buf[..a.len];
            (0..limit.min(a.len)).any(|k| hay[k..].starts_with(needle))
        };
        let texts = [
            "",
            "2",
            "the day after",
            "The Day",
            "five straight sessions of TRADING",
            "September of the following year",
            "July 4 – 5, 2016 through the weekend",
            "1999-2000 and beyond, or until",
            "in the fourth quarter of 2012 and the financial year to",
            "x                                                     of that year",
            "one two three four five six seven eight nine ten eleven -",
            "caf\u{e9} – today, tomorrow, tonight … yesterday’s week",
        ];
        for text in texts {
            let found = COMPOUND_WORDS.find(&Ahead::new(text));
            for (k, (needle, limit)) in COMPOUND_WORDS.list.iter().enumerate() {
                assert_eq!(
                    found & (1 << k) != 0,
                    naive(text, needle, *limit),
                    "{text:?} {:?}",
                    std::str::from_utf8(needle)
                );
            }
            let found = WINDOW_WORDS.find(&Ahead::new(text));
            for (k, (needle, limit)) in WINDOW_WORDS.list.iter().enumerate() {
                assert_eq!(
                    found & (1 << k) != 0,
                    naive(text, needle, *limit),
                    "{text:?}"
                );
            }
            let found = SPAN_JOINS.find(&Ahead::new(text));
            for (k, (needle, limit)) in SPAN_JOINS.list.iter().enumerate() {
                assert_eq!(
                    found & (1 << k) != 0,
                    naive(text, needle, *limit),
                    "{text:?}"
                );
            }
        }
        // the texts above do find some of each kind
        assert_ne!(COMPOUND_WORDS.find(&Ahead::new(texts[4])) & C_STRAIGHT, 0);
        assert_ne!(SPAN_JOINS.find(&Ahead::new(texts[7])), 0);
        assert_eq!(SPAN_JOINS.find(&Ahead::new(texts[2])), 0);
    }
}
