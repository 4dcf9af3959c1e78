//! The plain data that ingest produces and every later stage reads.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// A time zone: an IANA name or a fixed UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Iana(chrono_tz::Tz),
    Offset(FixedOffset),
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Iana(tz) => f.write_str(tz.name()),
            Zone::Offset(off) => write!(f, "{off}"),
        }
    }
}

impl Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Zone, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl FromStr for Zone {
    type Err = String;
    /// `Europe/Moscow`, `UTC`, `Z`, `+03:00`, `-0500`.
    fn from_str(s: &str) -> Result<Zone, String> {
        let s = s.trim();
        if s == "Z" {
            return Ok(Zone::Offset(FixedOffset::east_opt(0).expect("zero offset")));
        }
        if s.starts_with('+') || s.starts_with('-') {
            let sign = if s.starts_with('-') { -1 } else { 1 };
            let digits: String = s[1..].chars().filter(|c| c.is_ascii_digit()).collect();
            let (h, m) = match digits.len() {
                1 | 2 => (digits.parse::<i32>().ok(), Some(0)),
                4 => (digits[..2].parse().ok(), digits[2..].parse().ok()),
                _ => (None, None),
            };
            if let (Some(h), Some(m)) = (h, m)
                && h <= 14
                && m < 60
                && let Some(off) = FixedOffset::east_opt(sign * (h * 3600 + m * 60))
            {
                return Ok(Zone::Offset(off));
            }
            return Err(format!("expected a UTC offset like +03:00, found {s:?}"));
        }
        s.parse::<chrono_tz::Tz>()
            .map(Zone::Iana)
            .map_err(|_| format!("expected an IANA time zone name like Europe/Moscow or an offset like +03:00, found {s:?}"))
    }
}

/// The first year Chronicler accepts and writes: 10000 BC in astronomical
/// numbering (year 0 is 1 BC), the widest a four-digit TIMEX3 year holds.
pub const MIN_YEAR: i32 = -9999;
/// The last year Chronicler accepts and writes.
pub const MAX_YEAR: i32 = 9999;

/// True when `date` lies in the years Chronicler accepts
/// ([`MIN_YEAR`]..=[`MAX_YEAR`]). Article dates outside are refused when
/// read, and a resolved value outside is left unresolved, so that date
/// arithmetic (a century after 9999, a week before -9999) always stays far
/// inside what chrono can represent.
pub fn in_range(date: NaiveDate) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&date.year())
}

/// The part of a [`Dct::parse`] message that explains why a date that
/// reads as a date was refused (" (no such day: …)", " (year … is
/// outside …)"), for callers that word the rest of the message themselves.
pub fn refusal_detail(message: &str) -> &str {
    [" (no such day", " (year "]
        .iter()
        .filter_map(|marker| message.find(marker))
        .min()
        .map_or("", |i| &message[i..])
}

/// Where a document's creation time came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "basis")]
pub enum DctSource {
    /// Given on the command line (`--dct`).
    Cli,
    /// From the manifest.
    Manifest,
    /// From the document's own metadata (TimeML `<DCT>`, JSONL `dct`, a `Date:` line).
    Document,
    /// From a web page's own metadata; the string names the field
    /// (`meta article:published_time`, `json-ld NewsArticle.datePublished`).
    Page(String),
    /// From the name of a folder the file is in (`…/2010-05-24/1036.htm.txt`);
    /// the string names the folder.
    Folder(String),
    /// Inferred from the text; the string says how.
    Inferred(String),
}

/// The document creation time: the article's date, maybe a time and a zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dct {
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
    pub source: DctSource,
}

impl Dct {
    pub fn on(date: NaiveDate, source: DctSource) -> Dct {
        Dct {
            date,
            time: None,
            zone: None,
            source,
        }
    }

    pub fn datetime(&self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }

    /// Parses `2016-07-15`, `20160715`, `2016-07-15T09:30`, `2016-07-15T09:30:00+03:00`,
    /// `2016-07-15 Europe/Moscow` (a zone after a space).
    pub fn parse(s: &str, source: DctSource) -> Result<Dct, String> {
        let s = s.trim();
        let (main, zone_name) = match s.split_once(char::is_whitespace) {
            Some((a, b)) => (a, Some(b.trim())),
            None => (s, None),
        };
        let (date_part, rest) = match main.find('T') {
            Some(i) => (&main[..i], Some(&main[i + 1..])),
            None => (main, None),
        };
        let date = NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(date_part, "%Y%m%d"))
            .map_err(|_| {
                format!(
                    "expected a date like 2016-07-15, found {s:?}{}",
                    no_such_day(date_part)
                )
            })?;
        if !in_range(date) {
            return Err(format!(
                "expected a date like 2016-07-15, found {s:?}{}",
                out_of_range(date.year())
            ));
        }
        // The date is read before the zone, so "July 2016" is a bad date,
        // not a bad zone "2016".
        let mut zone = match zone_name {
            Some(z) => Some(z.parse::<Zone>()?),
            None => None,
        };
        let mut time = None;
        if let Some(rest) = rest {
            let cut = rest.find(['+', '-', 'Z']).unwrap_or(rest.len());
            let (t, off) = rest.split_at(cut);
            let parsed = NaiveTime::parse_from_str(t, "%H:%M:%S%.f")
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
                .or_else(|_| NaiveTime::parse_from_str(t, "%H%M%S"))
                .map_err(|_| format!("expected a time like 09:30 after T, found {t:?}"))?;
            time = Some(parsed);
            if !off.is_empty() {
                zone = Some(off.parse::<Zone>()?);
            }
        }
        Ok(Dct {
            date,
            time,
            zone,
            source,
        })
    }
}

/// " (year 262142 is outside -9999 to 9999, the years Chronicler accepts)".
fn out_of_range(year: i32) -> String {
    format!(" (year {year} is outside {MIN_YEAR} to {MAX_YEAR}, the years Chronicler accepts)")
}

/// A creation time that [`Dct::parse`] refuses, read the one way it can
/// be: `13-03-2009` (13 is no month) is 2009-03-13, `2009-03-02 10:30` is
/// 2009-03-02. `Ok` holds the date and how it was read; `Err` says why the
/// value cannot be used: no reading, or two (`03-02-2009` is 3 February or
/// 2 March).
pub fn repair_dct(s: &str, source: DctSource) -> Result<(Dct, String), String> {
    let s = s.trim();
    // a date, then a time or zone that does not parse: the date alone
    if let Some((first, _)) = s.split_once(char::is_whitespace)
        && let Ok(d) = Dct::parse(first, source.clone())
    {
        let how = format!("read as {} (what follows the date ignored)", d.date);
        return Ok((d, how));
    }
    let head = s
        .split(|c: char| c.is_whitespace() || c == 'T')
        .next()
        .unwrap_or("");
    let parts: Vec<&str> = head.split(['-', '/', '.']).collect();
    let [a, b, c] = parts[..] else {
        return Err(format!("expected a date like 2016-07-15, found {s:?}"));
    };
    let num = |x: &str| {
        (!x.is_empty() && x.len() <= 4 && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse::<i32>().ok())
            .flatten()
    };
    let (Some(na), Some(nb), Some(nc)) = (num(a), num(b), num(c)) else {
        return Err(format!("expected a date like 2016-07-15, found {s:?}"));
    };
    let year = |x: &str, v: i32| match x.len() {
        4 => Some(v),
        2 => Some(if v < 50 { 2000 + v } else { 1900 + v }),
        _ => None,
    };
    let day = |y: i32, m: i32, d: i32| {
        NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
    };
    let mut readings: Vec<NaiveDate> = if a.len() == 4 {
        // year first: year-month-day, or year-day-month
        [day(na, nb, nc), day(na, nc, nb)]
            .into_iter()
            .flatten()
            .collect()
    } else if let Some(y) = year(c, nc) {
        // year last: day-month-year or month-day-year
        [day(y, nb, na), day(y, na, nb)]
            .into_iter()
            .flatten()
            .collect()
    } else {
        Vec::new()
    };
    readings.dedup();
    match readings[..] {
        [d] => Ok((
            Dct::on(d, source),
            format!("read as {d}, the only date it can be"),
        )),
        [x, y] => Err(format!(
            "found {s:?}, which could be {x} or {y}; expected a date like 2016-07-15"
        )),
        _ => Err(format!("expected a date like 2016-07-15, found {s:?}")),
    }
}

/// For `2016-02-30`, a year, month and day that parse as numbers but make
/// no calendar day: " (no such day: February 2016 has 29 days)"; else "".
fn no_such_day(s: &str) -> String {
    let mut parts = s.split('-').map(str::parse::<u32>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return String::new();
    };
    let Ok(y) = i32::try_from(y) else {
        return String::new();
    };
    match (NaiveDate::from_ymd_opt(y, m, 1), days_in_month(y, m)) {
        (Some(first), Some(n)) if d == 0 || i64::from(d) > n => {
            format!(" (no such day: {} {y} has {n} days)", first.format("%B"))
        }
        (None, _) => format!(" (no such day: there is no month {m})"),
        _ => String::new(),
    }
}

/// How many days month `m` of year `y` has; `None` for no such month.
pub fn days_in_month(y: i32, m: u32) -> Option<i64> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    Some((next - first).num_days())
}

/// What a page says of itself. Dates are kept as written, with their field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageMeta {
    /// Publication date candidates, best first: (field, value as written).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub published: Vec<(String, String)>,
    /// Modification date candidates, best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modified: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The outlet: `og:site_name`, JSON-LD `publisher`, `application-name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// People credited (an organisation as author is the outlet, not a byline).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// `<link rel=canonical>`, `og:url`, or the WARC record's target URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// When a crawler fetched the page (`WARC-Date`): an upper bound for the
    /// publication date, never the date itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crawled: Option<String>,
}

impl PageMeta {
    /// The article date from the first publication date that reads as a
    /// date, with its field as the source.
    pub fn dct(&self) -> Option<Dct> {
        self.published
            .iter()
            .find_map(|(field, value)| page_date(value, DctSource::Page(field.clone())))
    }

    /// The crawl time as a date and time, if known.
    pub fn crawl_time(&self) -> Option<Dct> {
        page_date(
            self.crawled.as_deref()?,
            DctSource::Inferred("crawl time".into()),
        )
    }
}

/// Reads a date as pages write them: ISO 8601 with or without a time,
/// fractional seconds and offset ("2010-01-19T09:12:40.000Z",
/// "2009-06-26T14:13:00+01:00", "2010-01-19 14:10:00", "2010-01-19",
/// "20100119"), or RFC 2822 ("Tue, 19 Jan 2010 14:10:00 GMT"). A time with
/// an offset keeps it as the zone.
pub fn page_date(s: &str, source: DctSource) -> Option<Dct> {
    let s = s.trim();
    let with_offset = |d: DateTime<FixedOffset>| Dct {
        date: d.date_naive(),
        time: Some(d.time()),
        zone: Some(Zone::Offset(*d.offset())),
        source: source.clone(),
    };
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(with_offset(d));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(with_offset(d));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(with_offset(d));
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(Dct {
                date: d.date(),
                time: Some(d.time()),
                zone: None,
                source: source.clone(),
            });
        }
    }
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y%m%d"))
        .ok()
        .filter(|_| s.len() == 10 || s.len() == 8)
        .map(|date| Dct::on(date, source))
}

/// One article: its identity, its text and what is known of its date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Stable identifier: the file name (relative to the input root) or the JSONL `id`.
    pub id: String,
    /// The JSON-lines `id` was a number (its digits are `id`): it is
    /// written back as a number.
    #[serde(skip)]
    pub id_number: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    pub text: String,
    pub dct: Option<Dct>,
    /// What a web page said of itself (HTML and WARC input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<Box<PageMeta>>,
}
