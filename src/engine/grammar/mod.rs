//! Loads the word lists in `grammar/*.csv` into lookup tables.
//!
//! The lists are compiled into the binary ([`Lexicon::embedded`]); a user's
//! edited copy of the folder is loaded with [`Lexicon::load_dir`] (files it
//! lacks fall back to the embedded ones). Every file has a header row; a
//! malformed row is an error naming the file, the line and what was expected.

use crate::engine::timex::TimexMod;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

/// The embedded word lists, by file name.
pub const FILES: &[(&str, &str)] = &[
    ("months.csv", include_str!("../../../grammar/months.csv")),
    (
        "weekdays.csv",
        include_str!("../../../grammar/weekdays.csv"),
    ),
    (
        "numerals.csv",
        include_str!("../../../grammar/numerals.csv"),
    ),
    (
        "parts_of_day.csv",
        include_str!("../../../grammar/parts_of_day.csv"),
    ),
    ("units.csv", include_str!("../../../grammar/units.csv")),
    ("seasons.csv", include_str!("../../../grammar/seasons.csv")),
    (
        "modifiers.csv",
        include_str!("../../../grammar/modifiers.csv"),
    ),
    (
        "deictics.csv",
        include_str!("../../../grammar/deictics.csv"),
    ),
    (
        "shifters.csv",
        include_str!("../../../grammar/shifters.csv"),
    ),
    ("sets.csv", include_str!("../../../grammar/sets.csv")),
    (
        "holidays.csv",
        include_str!("../../../grammar/holidays.csv"),
    ),
    (
        "timezones.csv",
        include_str!("../../../grammar/timezones.csv"),
    ),
    (
        "datelines.csv",
        include_str!("../../../grammar/datelines.csv"),
    ),
    (
        "abbreviations.csv",
        include_str!("../../../grammar/abbreviations.csv"),
    ),
];

// `EMBEDDED_ROWS`: the files of `FILES`, split into fields by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/grammar_rows.rs"));

/// One embedded word list as `build.rs` split it.
#[derive(Debug, Clone, Copy)]
struct Embedded {
    name: &'static str,
    /// The header's fields, each ended by U+001F but the last.
    header: &'static str,
    /// The rows, separated by U+001E; their fields, by U+001F.
    rows: &'static str,
    /// The line each row starts on.
    lines: &'static [u32],
}

impl Embedded {
    fn header(&self) -> impl Iterator<Item = &'static str> {
        self.header.split(FIELD_END)
    }

    /// Each row's line and fields.
    fn rows(&self) -> impl Iterator<Item = (u64, &'static str)> {
        let lines = self.lines.iter().map(|&l| u64::from(l));
        lines.zip(self.rows.split(ROW_END))
    }
}

const FIELD_END: char = '\x1f';
const ROW_END: char = '\x1e';
/// The readable grammar of the productions the nom code implements.
pub const EBNF: &str = include_str!("../../../grammar/temporal.ebnf");

/// A word list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GrammarError {
    #[error("{file}:{line}: {message}")]
    Malformed {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

/// A numeral word's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumeralKind {
    Cardinal,
    Tens,
    Multiplier,
    Ordinal,
    /// "several", "few": a count the text does not state.
    Vague,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numeral {
    pub value: Option<i64>,
    pub kind: NumeralKind,
}

/// A time unit, with its TIMEX3 duration letter(s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
    Century,
    Millennium,
}

impl Unit {
    fn from_code(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Second,
            "MI" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "WE" => Unit::Weekend,
            "FN" => Unit::Fortnight,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "SE" => Unit::Season,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "ML" => Unit::Millennium,
            _ => return None,
        })
    }

    /// True for units below a day (TIMEX3 durations write them after `T`).
    pub fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitWord {
    pub unit: Unit,
    pub plural: bool,
}

/// A part of day: TIMEX3 code and the hours it spans (end may pass 24).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartOfDay {
    pub code: String,
    pub start_hour: u32,
    pub end_hour: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Season {
    pub code: String,
    pub start_month: u32,
    pub end_month: u32,
}

/// What a deictic word denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deictic {
    /// A day relative to the DCT ("yesterday" = -1).
    Day(i64),
    /// "tonight": the DCT's night.
    Tonight,
    /// PRESENT_REF, PAST_REF or FUTURE_REF.
    Ref(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Before,
    After,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shifter {
    pub direction: i8,
    pub position: Position,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modifier {
    pub modifier: TimexMod,
    pub position: Position,
}

/// How a holiday's date is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
    Fixed {
        month: u32,
        day: u32,
    },
    /// Days after (or before) Western Easter Sunday.
    Easter(i64),
    /// The `n`th `weekday` (1 = Monday) of `month`; `n = -1` is the last.
    NthWeekday {
        month: u32,
        weekday: u32,
        n: i32,
    },
    /// US Election Day: the Tuesday after the first Monday of November.
    ElectionDay,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TzAbbr {
    pub offset: chrono::FixedOffset,
    pub zone: Option<chrono_tz::Tz>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub country: String,
    pub zone: chrono_tz::Tz,
}

const DATELINE_HEADER: &[&str] = &["city", "country", "zone"];

/// The places of `datelines.csv`. Only `build` and `check` look datelines
/// up, so the embedded list (800-odd rows, a third of a run's start-up when
/// it was indexed eagerly) is indexed at the first lookup; a user's edited
/// copy is indexed, and so checked, when it loads.
#[derive(Clone, Default)]
pub struct Datelines {
    /// Embedded rows not yet indexed (none once indexed at load).
    embedded: Option<Embedded>,
    table: std::sync::OnceLock<PhraseTable<Dateline>>,
}

/// Shows the indexed table, so two grammars with the same places look the same.
impl std::fmt::Debug for Datelines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.table().fmt(f)
    }
}

impl Datelines {
    /// The place `place` names ("MOSCOW", "new york"), if the list has it.
    pub fn get(&self, place: &str) -> Option<&Dateline> {
        self.table().get(place)
    }

    /// All the places, indexed.
    pub fn table(&self) -> &PhraseTable<Dateline> {
        self.table.get_or_init(|| match self.embedded {
            Some(e) => Table::from_split(e, DATELINE_HEADER)
                .and_then(|t| index_datelines(&t))
                .unwrap_or_else(|e| panic!("embedded grammar is malformed: {e}")),
            None => PhraseTable::default(),
        })
    }
}

fn index_datelines(t: &Table) -> Result<PhraseTable<Dateline>, GrammarError> {
    let mut places = PhraseTable::default();
    for row in &t.rows {
        let zone = row.get(2).parse::<chrono_tz::Tz>().map_err(|_| {
            row.error(format!(
                "expected an IANA zone name, found {:?}",
                row.get(2)
            ))
        })?;
        places.insert(
            row.get(0),
            Dateline {
                country: row.get(1).to_string(),
                zone,
            },
        );
    }
    Ok(places)
}

/// A table of phrases of one or more words, looked up word by word.
#[derive(Debug, Clone)]
pub struct PhraseTable<T> {
    /// First word → (all words, value), longest phrase first.
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable {
            by_first: HashMap::default(),
        }
    }
}

impl<T> PhraseTable<T> {
    fn insert(&mut self, phrase: &str, value: T) {
        let words = split_phrase(phrase);
        if words.is_empty() {
            return;
        }
        let list = self.by_first.entry(words[0].clone()).or_default();
        // longest first; among equals, in the order given
        let at = list.partition_point(|(w, _)| w.len() >= words.len());
        list.insert(at, (words, value));
    }

    /// Phrases starting with `word` (lowercase), longest first.
    pub fn starting_with(&self, word: &str) -> &[(Vec<String>, T)] {
        self.by_first.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn contains_first(&self, word: &str) -> bool {
        self.by_first.contains_key(word)
    }

    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Looks up a whole phrase.
    pub fn get(&self, phrase: &str) -> Option<&T> {
        let words = split_phrase(phrase);
        self.starting_with(words.first()?)
            .iter()
            .find(|(w, _)| *w == words)
            .map(|(_, v)| v)
    }

    pub fn first_words(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }
}

/// Splits a phrase into lowercase words at spaces and hyphens; a word keeps
/// its apostrophes and drops a trailing period ("st." → "st").
pub fn split_phrase(phrase: &str) -> Vec<String> {
    phrase
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| fold(w.trim_end_matches('.')))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word as the tables key it: lowercase, with ’ written '.
fn fold(w: &str) -> String {
    if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        w.replace('’', "'").to_lowercase()
    } else {
        w.to_owned()
    }
}

/// Every word list, ready for the tagger.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Name or abbreviation → month number.
    pub months: HashMap<String, u32>,
    /// Month names, for output (index 0 = January).
    pub month_names: Vec<String>,
    /// Name or abbreviation → ISO weekday number (1 = Monday).
    pub weekdays: HashMap<String, u32>,
    pub numerals: HashMap<String, Numeral>,
    pub parts_of_day: PhraseTable<PartOfDay>,
    pub units: HashMap<String, UnitWord>,
    pub seasons: HashMap<String, Season>,
    pub modifiers: PhraseTable<Modifier>,
    pub deictics: PhraseTable<Deictic>,
    pub shifters: PhraseTable<Shifter>,
    /// Adverbs of frequency → TIMEX3 SET value.
    pub sets: HashMap<String, String>,
    pub holidays: PhraseTable<HolidayRule>,
    pub timezones: HashMap<String, TzAbbr>,
    pub datelines: Datelines,
    /// Abbreviations that do not end a sentence ("mr.", "u.s."), lowercase, with the period.
    pub abbreviations: std::collections::HashSet<String>,
    /// Lowercase words that can start an expression (the scanner's prefilter).
    pub triggers: HashSet<String>,
    /// Lowercase words that carry time themselves (months, weekdays, units,
    /// parts of day, holidays, "today" …): a trigger such as "the" or "about"
    /// is worth parsing only when one of these follows within a few words.
    pub anchors: HashSet<String>,
}

/// Words that open a production without being in a word list.
const GRAMMAR_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "between",
    "during",
    "since",
    "until",
    "till",
    "through",
    "throughout",
    "within",
    "over",
    "every",
    "each",
    "per",
    "fiscal",
    "year",
    "noon",
    "midnight",
    "midday",
    "end",
    "beginning",
    "start",
    "middle",
    "half",
    "that",
    "those",
    "these",
    "one",
    "recent",
    "mid",
    "late",
    "early",
    "year-earlier",
    "year-ago",
    "half-year",
    "turn",
    "two",
    "late-night",
    "twice",
    "once",
    "all",
    "later",
    "earlier",
];

impl Lexicon {
    /// The word lists compiled into the binary (checked when the crate is
    /// built, so this cannot fail at run time).
    pub fn embedded() -> Lexicon {
        Lexicon::build(|name| Ok(Source::embedded(name)))
            .unwrap_or_else(|e| panic!("embedded grammar is malformed: {e}"))
    }

    /// Loads a user's edited copy of `grammar/`; files missing from `dir`
    /// fall back to the embedded ones.
    pub fn load_dir(dir: &Path) -> Result<Lexicon, GrammarError> {
        Lexicon::build(|name| {
            let path = dir.join(name);
            if path.exists() {
                std::fs::read_to_string(&path)
                    .map(Source::Text)
                    .map_err(|source| GrammarError::Io {
                        file: path.display().to_string(),
                        source,
                    })
            } else {
                Ok(Source::embedded(name))
            }
        })
    }

    /// Builds the tables from a source of file contents (CSV text, by file name).
    pub fn from_sources(
        mut read: impl FnMut(&str) -> Result<String, GrammarError>,
    ) -> Result<Lexicon, GrammarError> {
        Lexicon::build(|name| read(name).map(Source::Text))
    }

    fn build(
        mut read: impl FnMut(&str) -> Result<Source, GrammarError>,
    ) -> Result<Lexicon, GrammarError> {
        let mut g = Lexicon::default();
        let mut table = |name: &'static str, header: &[&str]| -> Result<Table, GrammarError> {
            Table::from_source(name, read(name)?, header)
        };

        let t = table("months.csv", &["number", "name", "abbreviations"])?;
        g.month_names = vec![String::new(); 12];
        for row in &t.rows {
            let n: u32 = row.parse(0, "a month number 1-12", |n| (1..=12).contains(n))?;
            let name = row.word(1)?;
            g.month_names[n as usize - 1] = name.clone();
            g.months.insert(name, n);
            for a in row.list(2) {
                g.months.insert(a, n);
            }
        }
        let t = table("weekdays.csv", &["number", "name", "abbreviations"])?;
        for row in &t.rows {
            let n: u32 = row.parse(0, "a weekday number 1-7 (1 = Monday)", |n| {
                (1..=7).contains(n)
            })?;
            g.weekdays.insert(row.word(1)?, n);
            for a in row.list(2) {
                g.weekdays.insert(a, n);
            }
        }
        let t = table("numerals.csv", &["word", "value", "kind"])?;
        for row in &t.rows {
            let kind = match row.get(2) {
                "cardinal" => NumeralKind::Cardinal,
                "tens" => NumeralKind::Tens,
                "multiplier" => NumeralKind::Multiplier,
                "ordinal" => NumeralKind::Ordinal,
                "vague" => NumeralKind::Vague,
                other => {
                    return Err(row.error(format!(
                        "expected kind cardinal, tens, multiplier, ordinal or vague, found {other:?}"
                    )));
                }
            };
            let value = if kind == NumeralKind::Vague {
                None
            } else {
                Some(row.parse::<i64>(1, "an integer value", |_| true)?)
            };
            g.numerals.insert(row.word(0)?, Numeral { value, kind });
        }
        let t = table(
            "parts_of_day.csv",
            &["word", "code", "start_hour", "end_hour"],
        )?;
        for row in &t.rows {
            let start_hour = row.parse(2, "an hour 0-24", |h: &u32| *h <= 24)?;
            let end_hour = row.parse(3, "an hour after start_hour, at most 36", |h: &u32| {
                *h > start_hour && *h <= 36
            })?;
            let code = row.code(1, &["MO", "AF", "EV", "NI", "DT", "MI"])?;
            g.parts_of_day.insert(
                row.get(0),
                PartOfDay {
                    code,
                    start_hour,
                    end_hour,
                },
            );
        }
        let t = table("units.csv", &["word", "unit", "plural"])?;
        for row in &t.rows {
            let unit = Unit::from_code(row.get(1)).ok_or_else(|| {
                row.error(format!(
                    "expected a unit code (S MI H D W WE FN M Q SE Y DE CE ML), found {:?}",
                    row.get(1)
                ))
            })?;
            g.units.insert(
                row.word(0)?,
                UnitWord {
                    unit,
                    plural: false,
                },
            );
            for p in row.list(2) {
                g.units.insert(p, UnitWord { unit, plural: true });
            }
        }
        let t = table("seasons.csv", &["word", "code", "start_month", "end_month"])?;
        for row in &t.rows {
            let code = row.code(1, &["SP", "SU", "FA", "WI"])?;
            let start_month = row.parse(2, "a month 1-12", |m| (1..=12).contains(m))?;
            let end_month = row.parse(3, "a month 1-12", |m| (1..=12).contains(m))?;
            g.seasons.insert(
                row.word(0)?,
                Season {
                    code,
                    start_month,
                    end_month,
                },
            );
        }
        let t = table("modifiers.csv", &["phrase", "mod", "position"])?;
        for row in &t.rows {
            let modifier = TimexMod::parse(row.get(1)).ok_or_else(|| {
                row.error(format!("expected a TIMEX3 mod, found {:?}", row.get(1)))
            })?;
            let position = row.position(2)?;
            g.modifiers
                .insert(row.get(0), Modifier { modifier, position });
        }
        let t = table("deictics.csv", &["word", "value", "offset_days"])?;
        for row in &t.rows {
            let d = match row.get(1) {
                "day" => Deictic::Day(row.parse(2, "a day offset like -1", |_| true)?),
                "tonight" => Deictic::Tonight,
                v @ ("PRESENT_REF" | "PAST_REF" | "FUTURE_REF") => Deictic::Ref(v.to_string()),
                other => {
                    return Err(row.error(format!(
                        "expected day, tonight, PRESENT_REF, PAST_REF or FUTURE_REF, found {other:?}"
                    )));
                }
            };
            g.deictics.insert(row.get(0), d);
        }
        let t = table("shifters.csv", &["word", "direction", "position"])?;
        for row in &t.rows {
            let direction =
                row.parse(1, "a direction -1, 0 or 1", |d: &i8| (-1..=1).contains(d))?;
            let position = row.position(2)?;
            g.shifters.insert(
                row.get(0),
                Shifter {
                    direction,
                    position,
                },
            );
        }
        let t = table("sets.csv", &["word", "value", "quant"])?;
        for row in &t.rows {
            let v = row.get(1);
            if !v.starts_with('P') {
                return Err(row.error(format!("expected a duration value like P1W, found {v:?}")));
            }
            g.sets.insert(row.word(0)?, v.to_string());
        }
        let t = table("holidays.csv", &["name", "rule"])?;
        for row in &t.rows {
            let rule = parse_holiday_rule(row.get(1)).ok_or_else(|| {
                row.error(format!(
                    "expected a rule MM-DD, easter+N, nth:M:W:N or election-day, found {:?}",
                    row.get(1)
                ))
            })?;
            g.holidays.insert(row.get(0), rule);
        }
        let t = table("timezones.csv", &["abbr", "offset", "zone"])?;
        for row in &t.rows {
            let offset = match row.get(1).parse::<crate::article::document::Zone>() {
                Ok(crate::article::document::Zone::Offset(o)) => o,
                _ => {
                    return Err(row.error(format!(
                        "expected an offset like -05:00, found {:?}",
                        row.get(1)
                    )));
                }
            };
            let zone =
                match row.get(2) {
                    "" => None,
                    z => Some(z.parse::<chrono_tz::Tz>().map_err(|_| {
                        row.error(format!("expected an IANA zone name, found {z:?}"))
                    })?),
                };
            g.timezones.insert(row.word(0)?, TzAbbr { offset, zone });
        }
        let t = table("abbreviations.csv", &["abbr", "kind"])?;
        for row in &t.rows {
            g.abbreviations.insert(row.word(0)?);
        }
        g.datelines = match read("datelines.csv")? {
            Source::Split(e) if e.header().eq(DATELINE_HEADER.iter().copied()) => Datelines {
                embedded: Some(e),
                table: std::sync::OnceLock::new(),
            },
            source => {
                let t = Table::from_source("datelines.csv", source, DATELINE_HEADER)?;
                Datelines {
                    embedded: None,
                    table: index_datelines(&t)?.into(),
                }
            }
        };

        g.triggers = g
            .months
            .keys()
            .chain(g.weekdays.keys())
            .chain(g.numerals.keys())
            .chain(g.parts_of_day.first_words())
            .chain(g.units.keys())
            .chain(g.seasons.keys())
            .chain(g.modifiers.first_words())
            .chain(g.deictics.first_words())
            .chain(g.shifters.first_words())
            .chain(g.sets.keys())
            .chain(g.holidays.first_words())
            .cloned()
            .chain(GRAMMAR_WORDS.iter().map(|s| s.to_string()))
            .collect();
        g.anchors = g
            .months
            .keys()
            .chain(g.weekdays.keys())
            .chain(g.units.keys())
            .chain(g.parts_of_day.first_words())
            .chain(g.seasons.keys())
            .chain(g.holidays.first_words())
            .chain(g.sets.keys())
            .cloned()
            .chain(
                g.deictics
                    .first_words()
                    .filter(|w| !matches!(w.as_str(), "the" | "in" | "at" | "right" | "these"))
                    .cloned(),
            )
            .chain(
                [
                    "noon", "midnight", "midday", "half", "o'clock", "tonight", "year", "weekend",
                    "fiscal", "century", "future", "past", "present", "moment", "thousand",
                    "session", "sessions", "period",
                ]
                .iter()
                .map(|s| s.to_string()),
            )
            .collect();
        Ok(g)
    }

    /// Month name for output ("July").
    pub fn month_name(&self, n: u32) -> &str {
        self.month_names
            .get(n.wrapping_sub(1) as usize)
            .map(String::as_str)
            .unwrap_or("")
    }
}

fn parse_holiday_rule(s: &str) -> Option<HolidayRule> {
    if s == "election-day" {
        return Some(HolidayRule::ElectionDay);
    }
    if let Some(rest) = s.strip_prefix("easter") {
        let n: i64 = rest.trim_start_matches('+').parse().ok()?;
        return Some(HolidayRule::Easter(n));
    }
    if let Some(rest) = s.strip_prefix("nth:") {
        let parts: Vec<&str> = rest.split(':').collect();
        if let [m, w, n] = parts.as_slice() {
            let month: u32 = m.parse().ok()?;
            let weekday: u32 = w.parse().ok()?;
            let n: i32 = n.parse().ok()?;
            if (1..=12).contains(&month)
                && (1..=7).contains(&weekday)
                && (n == -1 || (1..=5).contains(&n))
            {
                return Some(HolidayRule::NthWeekday { month, weekday, n });
            }
        }
        return None;
    }
    let (m, d) = s.split_once('-')?;
    let month: u32 = m.parse().ok()?;
    let day: u32 = d.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(2000, month, day)?;
    Some(HolidayRule::Fixed { month, day })
}

/// A word list's contents: a user's CSV text, or an embedded file that
/// `build.rs` has already split into fields.
enum Source {
    Text(String),
    Split(Embedded),
}

impl Source {
    /// The embedded copy of `name` (empty text if there is none).
    fn embedded(name: &str) -> Source {
        match EMBEDDED_ROWS.iter().find(|e| e.name == name) {
            Some(e) => Source::Split(*e),
            None => Source::Text(String::new()),
        }
    }
}

/// One CSV file, checked against its expected header.
struct Table {
    rows: Vec<Row>,
}

struct Row {
    file: &'static str,
    line: u64,
    fields: Fields,
}

enum Fields {
    Record(csv::StringRecord),
    /// Fields separated by U+001F.
    Split(&'static str),
}

impl Table {
    fn from_source(
        file: &'static str,
        source: Source,
        header: &[&str],
    ) -> Result<Table, GrammarError> {
        match source {
            Source::Text(text) => Table::parse(file, &text, header),
            Source::Split(e) => Table::from_split(e, header),
        }
    }

    fn parse(file: &'static str, content: &str, header: &[&str]) -> Result<Table, GrammarError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(content.as_bytes());
        let malformed = |line: u64, message: String| GrammarError::Malformed {
            file: file.to_string(),
            line,
            message,
        };
        let found = reader
            .headers()
            .map_err(|e| malformed(1, format!("expected a header row: {e}")))?
            .clone();
        let found: Vec<&str> = found.iter().collect();
        if found != header {
            return Err(malformed(
                1,
                format!(
                    "expected header {:?}, found {:?}",
                    header.join(","),
                    found.join(",")
                ),
            ));
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                malformed(line, format!("expected {} fields: {e}", header.len()))
            })?;
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            rows.push(Row {
                file,
                line,
                fields: Fields::Record(record),
            });
        }
        Ok(Table { rows })
    }

    /// The rows of an embedded file, checked as [`Table::parse`] checks text.
    fn from_split(e: Embedded, header: &[&str]) -> Result<Table, GrammarError> {
        if !e.header().eq(header.iter().copied()) {
            return Err(GrammarError::Malformed {
                file: e.name.to_string(),
                line: 1,
                message: format!(
                    "expected header {:?}, found {:?}",
                    header.join(","),
                    e.header().collect::<Vec<_>>().join(",")
                ),
            });
        }
        let mut rows = Vec::with_capacity(e.lines.len());
        for (line, fields) in e.rows() {
            let row = Row {
                file: e.name,
                line,
                fields: Fields::Split(fields),
            };
            let found = fields.split(FIELD_END).count();
            if found != header.len() {
                return Err(row.error(format!("expected {} fields, found {found}", header.len())));
            }
            rows.push(row);
        }
        Ok(Table { rows })
    }
}

impl Row {
    fn error(&self, message: String) -> GrammarError {
        GrammarError::Malformed {
            file: self.file.to_string(),
            line: self.line,
            message,
        }
    }

    fn get(&self, i: usize) -> &str {
        match &self.fields {
            Fields::Record(r) => r.get(i),
            Fields::Split(f) => f.split(FIELD_END).nth(i),
        }
        .unwrap_or("")
    }

    /// A single lowercase word or phrase, not empty.
    fn word(&self, i: usize) -> Result<String, GrammarError> {
        let w = fold(self.get(i).trim());
        if w.is_empty() {
            return Err(self.error(format!(
                "expected a word in column {}, found nothing",
                i + 1
            )));
        }
        Ok(w)
    }

    /// A `|`-separated list of lowercase words (may be empty).
    fn list(&self, i: usize) -> Vec<String> {
        self.get(i)
            .split('|')
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn parse<T: std::str::FromStr>(
        &self,
        i: usize,
        expected: &str,
        ok: impl Fn(&T) -> bool,
    ) -> Result<T, GrammarError> {
        match self.get(i).parse::<T>() {
            Ok(v) if ok(&v) => Ok(v),
            _ => Err(self.error(format!(
                "expected {expected} in column {}, found {:?}",
                i + 1,
                self.get(i)
            ))),
        }
    }

    fn code(&self, i: usize, allowed: &[&str]) -> Result<String, GrammarError> {
        let c = self.get(i);
        if allowed.contains(&c) {
            Ok(c.to_string())
        } else {
            Err(self.error(format!(
                "expected one of {}, found {c:?}",
                allowed.join(" ")
            )))
        }
    }

    fn position(&self, i: usize) -> Result<Position, GrammarError> {
        match self.get(i) {
            "before" => Ok(Position::Before),
            "after" => Ok(Position::After),
            other => Err(self.error(format!("expected before or after, found {other:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lists_load() {
        let g = &Lexicon::embedded();
        assert_eq!(g.months.get("sept"), Some(&9));
        assert_eq!(g.weekdays.get("thurs"), Some(&4));
        assert_eq!(g.month_name(7), "july");
        assert!(g.holidays.get("bastille day").is_some());
    }

    /// The rows `build.rs` split at compile time make the same grammar as
    /// reading the CSV text of the same files at run time.
    #[test]
    fn split_rows_load_as_the_csv_text_does() {
        let text = |name: &str| {
            FILES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| s.to_string())
                .unwrap_or_default()
        };
        let mut from_text = Lexicon::from_sources(|name| Ok(text(name))).unwrap();
        let mut split = Lexicon::embedded();
        assert!(split.datelines.table().len() > 500);
        // a std HashSet: its order differs from one set to the next
        let sorted = |g: &mut Lexicon| {
            let mut a: Vec<String> = std::mem::take(&mut g.abbreviations).into_iter().collect();
            a.sort();
            a
        };
        assert_eq!(sorted(&mut split), sorted(&mut from_text));
        assert_eq!(format!("{split:?}"), format!("{from_text:?}"));
        // every file, every row: same line, same fields
        for e in EMBEDDED_ROWS {
            let content = text(e.name);
            let mut reader = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .from_reader(content.as_bytes());
            let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
            assert_eq!(e.header().collect::<Vec<_>>(), header, "{}", e.name);
            let rows: Vec<(u64, Vec<String>)> = reader
                .records()
                .map(|r| {
                    let r = r.unwrap();
                    (
                        r.position().unwrap().line(),
                        r.iter().map(String::from).collect(),
                    )
                })
                .collect();
            let split: Vec<(u64, Vec<String>)> = e
                .rows()
                .map(|(line, f)| (line, f.split(FIELD_END).map(String::from).collect()))
                .collect();
            assert_eq!(split, rows, "{}", e.name);
        }
        assert_eq!(EMBEDDED_ROWS.len(), FILES.len());
    }

    #[test]
    fn malformed_row_names_file_and_line() {
        let err = Lexicon::from_sources(|name| {
            Ok(match name {
                "months.csv" => "number,name,abbreviations\n1,january,jan\n13,smarch,\n".into(),
                other => FILES
                    .iter()
                    .find(|(n, _)| *n == other)
                    .map(|(_, s)| s.to_string())
                    .unwrap_or_default(),
            })
        })
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("months.csv:3:"), "{err}");
        assert!(err.contains("expected a month number"), "{err}");
    }

    #[test]
    fn wrong_header_is_rejected() {
        let err = Table::parse("x.csv", "a,b\n1,2\n", &["a", "c"])
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("expected header"), "{err}");
    }

    #[test]
    fn holiday_rules_parse() {
        assert_eq!(
            parse_holiday_rule("07-14"),
            Some(HolidayRule::Fixed { month: 7, day: 14 })
        );
        assert_eq!(
            parse_holiday_rule("easter-2"),
            Some(HolidayRule::Easter(-2))
        );
        assert_eq!(
            parse_holiday_rule("nth:11:4:4"),
            Some(HolidayRule::NthWeekday {
                month: 11,
                weekday: 4,
                n: 4
            })
        );
        assert_eq!(parse_holiday_rule("02-30"), None);
        assert_eq!(parse_holiday_rule("nth:13:4:4"), None);
    }
}
