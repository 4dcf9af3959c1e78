//! Sources as a newsroom names them: the outlet, the article's title, its
//! link and its publication date, taken from what the build knows of each
//! article ([`DocumentInfo`]: the manifest's `source`, `title`, `url` and
//! `published`, or page metadata when ingest reads it), and a credit line
//! for a happening ("Reuters, Voice of America — 15 July 2016").
//!
//! An article's outlet is its `source`; else the host of its link
//! ("reuters.com"); else its title in quotes; else, where nothing better
//! exists, its file name. Links are only `http:`/`https:` URLs
//! ([`super::escape::safe_url`]).

use super::escape::{safe_url, url_host};
use crate::story::timeline::{DocumentInfo, Row, Timeline};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One article as a credit names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source<'a> {
    /// The document's id (its file name, or the JSON line's id).
    pub document: String,
    /// The outlet's name, or the best stand-in (see the module note).
    pub outlet: String,
    /// True when `outlet` is the article's file name (nothing better known).
    pub file_name_only: bool,
    /// True when `outlet` names the outlet (its `source`, or its link's host),
    /// not a stand-in (the title or the file name).
    pub outlet_known: bool,
    pub title: Option<&'a str>,
    /// The article's link, only when it is an `http:`/`https:` URL.
    pub url: Option<String>,
    /// The article's publication date (its DCT), when known.
    pub published: Option<NaiveDate>,
    /// True when that date was inferred from the text rather than given.
    pub date_inferred: bool,
}

/// What the build knows of each article, looked up by document id.
pub struct Sources<'a> {
    by_id: HashMap<&'a str, &'a DocumentInfo>,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl<'a> Sources<'a> {
    pub fn new(t: &'a Timeline) -> Sources<'a> {
        Sources {
            by_id: t.documents.iter().map(|d| (d.id.as_str(), d)).collect(),
        }
    }

    /// The article `id` as a credit names it.
    pub fn of(&self, id: &str) -> Source<'a> {
        let Some(d) = self.by_id.get(id) else {
            return Source {
                document: id.to_string(),
                outlet: id.to_string(),
                file_name_only: true,
                outlet_known: false,
                title: None,
                url: None,
                published: None,
                date_inferred: false,
            };
        };
        let url = nonempty(&d.url).and_then(safe_url);
        let title = nonempty(&d.title);
        let (outlet, file_name_only, outlet_known) = match nonempty(&d.source) {
            Some(s) => (s.to_string(), false, true),
            None => match (url.as_deref().and_then(url_host), title) {
                (Some(host), _) => (host, false, true),
                (None, Some(t)) => (format!("“{}”", short_title(t)), false, false),
                (None, None) => (d.id.clone(), true, false),
            },
        };
        Source {
            document: id.to_string(),
            outlet,
            file_name_only,
            outlet_known,
            title,
            url,
            published: d
                .dct
                .as_deref()
                .and_then(|s| s.get(..10))
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()),
            date_inferred: d.dct_source == "inferred",
        }
    }

    /// The articles a row cites, each once, in the order first cited.
    pub fn of_row(&self, r: &Row) -> Vec<Source<'a>> {
        let mut seen = std::collections::HashSet::new();
        r.citations
            .iter()
            .map(|c| c.document.as_str())
            .chain(r.documents.iter().map(String::as_str))
            .filter(|d| seen.insert(*d))
            .map(|d| self.of(d))
            .collect()
    }
}

/// A title short enough to stand for an outlet in a credit line: at most
/// [`TITLE_CHARS`] characters, cut at a word, with an ellipsis.
fn short_title(t: &str) -> String {
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= TITLE_CHARS {
        return t;
    }
    let mut out = String::new();
    for w in t.split(' ') {
        if out.chars().count() + w.chars().count() + 1 > TITLE_CHARS && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    let out: String = out.chars().take(TITLE_CHARS).collect();
    format!("{}…", out.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// How long a title may be where it stands in for an outlet's name.
pub const TITLE_CHARS: usize = 40;

/// The distinct outlets of `sources`: named outlets first, then titles
/// standing in for one, then file names; among each, those with more
/// articles first, then in citation order.
pub fn outlets(sources: &[Source]) -> Vec<String> {
    let mut order: Vec<(&str, u8, usize, usize)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (k, s) in sources.iter().enumerate() {
        match at.get(s.outlet.as_str()) {
            Some(&i) => order[i].2 += 1,
            None => {
                let stand_in = match (s.outlet_known, s.file_name_only) {
                    (true, _) => 0,
                    (false, false) => 1,
                    (false, true) => 2,
                };
                at.insert(&s.outlet, order.len());
                order.push((&s.outlet, stand_in, 1, k));
            }
        }
    }
    order.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(a.3.cmp(&b.3)));
    order.into_iter().map(|o| o.0.to_string()).collect()
}

/// "Reuters", "Reuters, BBC", "Reuters, BBC, AFP", "Reuters, BBC and 53 more":
/// at most `max` names (all of them when one more would be all).
pub fn names(outlets: &[String], max: usize) -> String {
    let max = max.max(1);
    if outlets.len() <= max + 1 {
        outlets.join(", ")
    } else {
        format!(
            "{} and {} more",
            outlets[..max].join(", "),
            outlets.len() - max
        )
    }
}

const MONTHS: [&str; 12] = [
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

fn month(d: NaiveDate) -> &'static str {
    use chrono::Datelike;
    MONTHS[d.month0() as usize]
}

/// "15 July 2016".
pub fn day(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {} {}", d.day(), month(d), d.year())
}

/// The publication dates of `sources` as one stretch: "15 July 2016",
/// "15–17 July 2016", "30 June – 2 July 2016", "30 December 2015 – 2 January 2016".
pub fn dates(sources: &[Source]) -> Option<String> {
    use chrono::Datelike;
    let first = sources.iter().filter_map(|s| s.published).min()?;
    let last = sources.iter().filter_map(|s| s.published).max()?;
    Some(if first == last {
        day(first)
    } else if first.year() != last.year() {
        format!("{} – {}", day(first), day(last))
    } else if first.month() != last.month() {
        format!("{} {} – {}", first.day(), month(first), day(last))
    } else {
        format!("{}–{}", first.day(), day(last))
    })
}

/// "Reuters, Voice of America — 15 July 2016".
pub fn credit(sources: &[Source]) -> String {
    credit_with(&outlets(sources), sources, 2)
}

/// [`credit`] with the outlets already worked out and at most `max` named.
pub fn credit_with(outlets: &[String], sources: &[Source], max: usize) -> String {
    let who = names(outlets, max);
    match dates(sources) {
        Some(when) => format!("{who} — {when}"),
        None => who,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(outlet: &str, date: &str) -> Source<'static> {
        Source {
            document: "x.txt".into(),
            outlet: outlet.to_string(),
            file_name_only: outlet.ends_with(".txt"),
            outlet_known: !outlet.ends_with(".txt"),
            title: None,
            url: None,
            published: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            date_inferred: false,
        }
    }

    #[test]
    fn credit_lines_read_like_a_newsroom_credit() {
        let two = [src("Reuters", "2016-07-15"), src("VOA", "2016-07-15")];
        assert_eq!(credit(&two), "Reuters, VOA — 15 July 2016");
        let mut many = vec![src("a.txt", "2016-07-14"), src("Reuters", "2016-07-15")];
        many.push(src("BBC", "2016-07-17"));
        many.push(src("BBC", "2016-07-16"));
        for k in 0..53 {
            many.push(src(&format!("Outlet {k}"), "2016-07-16"));
        }
        assert_eq!(credit(&many), "BBC, Reuters and 54 more — 14–17 July 2016");
        let span = [src("AP", "2016-06-30"), src("AP", "2016-07-02")];
        assert_eq!(credit(&span), "AP — 30 June – 2 July 2016");
        let years = [src("AP", "2015-12-30"), src("AP", "2016-01-02")];
        assert_eq!(credit(&years), "AP — 30 December 2015 – 2 January 2016");
        assert_eq!(credit(&[src("AP", "")]), "AP");
        assert_eq!(
            short_title("US moving towards close cooperation with Russia in Syria"),
            "US moving towards close cooperation with…"
        );
        assert_eq!(short_title("Short title"), "Short title");
        let three: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        assert_eq!(names(&three, 2), "A, B, C");
    }
}
