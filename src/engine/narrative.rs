//! Narrative reference time: whether a year-less or relative expression
//! ("On 8 September", "In March", "that spring", "the end of the month")
//! counts from the article date (the text is *reporting*) or from the last
//! date the text itself gave (the text is *narrating*: a history, a
//! feature's background).
//!
//! The decision is made per expression, from what the text has said before
//! it, so that one document read a window at a time decides exactly as when
//! read whole ([`crate::engine::resolve::DocumentResolver`]):
//!
//! - **per document**: how many of the years the text has stated lie far
//!   before the article date ([`Thresholds::far_years`] or more), against
//!   those near it and the expressions that count from the article date
//!   ("yesterday", "last week", "three years ago", "now"); a document whose
//!   stated years are mostly far narrates (years far *after* the article
//!   date count for neither: they are plans, or numbers);
//! - **per paragraph** (a line of text): a paragraph that stated a far year
//!   before the expression narrates from it, unless the clause is in the
//!   future tense; so does a paragraph under a heading that is a year
//!   ("2003: Invasion", "Ionian Revolt (499-493 BC)", "1918").
//!
//! With no article date the text's own last date is the only reference. The
//! user can force either reading ([`ReferenceMode`]). The decision and its
//! evidence are written into the rule of every expression it decides.

use crate::engine::timex::Granularity;
use chrono::{Datelike, Duration, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// What year-less and relative expressions count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReferenceMode {
    /// Always the article date (the behaviour for news reports).
    Dct,
    /// Always the last date the text gave, when it gave one.
    Narrative,
    /// Decided per document and paragraph from the text (the default).
    #[default]
    Auto,
}

impl FromStr for ReferenceMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "dct" => Ok(ReferenceMode::Dct),
            "narrative" => Ok(ReferenceMode::Narrative),
            "auto" => Ok(ReferenceMode::Auto),
            _ => Err(format!("expected dct, narrative or auto, found {s:?}")),
        }
    }
}

impl fmt::Display for ReferenceMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReferenceMode::Dct => "dct",
            ReferenceMode::Narrative => "narrative",
            ReferenceMode::Auto => "auto",
        })
    }
}

/// The numbers the automatic decision uses. The defaults were chosen on
/// the WikiWars development documents and checked leave-one-document-out
/// (`examples/narrative_loo.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// A stated year this many years or more from the article's is *far*.
    pub far_years: i32,
    /// A document narrates when it has stated at least `doc_ratio` times
    /// two more far years than near ones (near years and expressions that
    /// count from the article date, "now" among them): with a ratio of 2,
    /// 4 far years and none near, 6 and one near, …
    pub doc_ratio: u32,
    /// How far back (days) a year-less date may lie before the narrative's
    /// last date; earlier than that, it is the next year's ("In February"
    /// after "December 1940" is February 1941).
    pub back_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            far_years: 5,
            doc_ratio: 2,
            back_days: 270,
        }
    }
}

/// What the resolver counts year-less expressions from, and how it decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reference {
    pub mode: ReferenceMode,
    pub thresholds: Thresholds,
}

impl Reference {
    pub fn new(mode: ReferenceMode) -> Reference {
        Reference {
            mode,
            thresholds: Thresholds::default(),
        }
    }
}

/// The longest line (bytes) that may be a heading.
const HEADING_BYTES: usize = 100;

/// What the text has said so far that bears on the decision; carried from
/// window to window of one document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Story {
    /// Stated years far from the article date, and near it (with the
    /// expressions that count from the article date).
    far: u32,
    near: u32,
    /// The absolute byte up to which the text was read for line ends.
    scanned: usize,
    /// The number of non-blank lines ended before `scanned`: the index of
    /// the current paragraph.
    paragraph: u32,
    /// The start of the current line (up to [`HEADING_BYTES`] bytes), and
    /// whether it was longer.
    line: String,
    line_long: bool,
    /// The paragraph after the last heading that named a year, and that year.
    heading: Option<(u32, i32)>,
    /// The paragraph in which the narrative's last date was set, and
    /// whether that date came from a year the text stated.
    anchor_paragraph: Option<u32>,
    anchor_explicit: bool,
    /// The last year the text stated: a year-less date told after it lies
    /// in that year or the next, however far a chain of them has gone.
    last_stated: Option<i32>,
    /// Whether that date was told as the time of a clause ("In 2011, …",
    /// "… began on 8 May 1945"), not as a bound or an attribute ("since
    /// 1990", "due Oct. 15, 1999", "the Dec. 21, 1988, bombing").
    anchor_told: bool,
}

/// A decision to narrate: the point to count from and why.
#[derive(Debug, Clone)]
pub(crate) struct Narrating {
    pub why: String,
}

impl Story {
    /// Reads the document's text from the last byte read up to the absolute
    /// byte `to`; `window` is a slice of the document starting at byte `base`.
    pub(crate) fn read_to(&mut self, window: &str, base: usize, to: usize) {
        if to <= self.scanned || self.scanned < base {
            // nothing new, or text this window does not hold (cannot happen
            // when windows come in order: then `scanned` is the window's start)
            self.scanned = self.scanned.max(to);
            return;
        }
        let end = (to - base).min(window.len());
        let bytes = &window.as_bytes()[self.scanned - base..end];
        let mut from = 0;
        for nl in memchr::memchr_iter(b'\n', bytes) {
            self.push_line(&bytes[from..nl]);
            self.end_line();
            from = nl + 1;
        }
        self.push_line(&bytes[from..]);
        self.scanned = base + end;
    }

    fn push_line(&mut self, part: &[u8]) {
        if self.line_long || part.is_empty() {
            return;
        }
        if self.line.len() + part.len() > HEADING_BYTES {
            self.line_long = true;
            return;
        }
        // a part can end inside a character only at a window's edge, which
        // lies inside a long run of text, never in a heading
        match std::str::from_utf8(part) {
            Ok(s) => self.line.push_str(s),
            Err(_) => self.line_long = true,
        }
    }

    fn end_line(&mut self) {
        let blank = !self.line_long && self.line.trim().is_empty();
        if !blank {
            self.paragraph += 1;
            if !self.line_long
                && let Some(y) = heading_year(&self.line)
            {
                self.heading = Some((self.paragraph, y));
            }
        }
        self.line.clear();
        self.line_long = false;
    }

    /// Counts one resolved expression as evidence: `stated` is the year it
    /// states, if any; `article_relative` when it counts from the article
    /// date ("yesterday", "three years ago").
    pub(crate) fn observe(
        &mut self,
        stated: Option<i32>,
        article_relative: bool,
        dct: Option<NaiveDate>,
        t: &Thresholds,
    ) {
        if stated.is_some() {
            self.last_stated = stated;
        }
        match (stated, dct) {
            (Some(y), Some(d)) if y <= d.year() - t.far_years => self.far += 1,
            (Some(y), Some(d)) if y >= d.year() + t.far_years => {}
            (Some(_), _) => self.near += 1,
            (None, _) if article_relative => self.near += 1,
            _ => {}
        }
    }

    /// Records that the narrative's last date was just set, and whether
    /// it came from a year the text stated (or from one so anchored).
    pub(crate) fn anchored(&mut self, explicit: bool, told: bool) {
        self.anchor_paragraph = Some(self.paragraph);
        self.anchor_explicit = explicit;
        self.anchor_told = told;
    }

    /// Whether the narrative's last date came from the text's own years.
    pub(crate) fn anchor_explicit(&self) -> bool {
        self.anchor_explicit
    }

    /// The year of the last heading that named one, when the narrative has
    /// set no date since it ("2003: Invasion" heads a section whose first
    /// date is "In March").
    pub(crate) fn newer_heading(&self) -> Option<i32> {
        let (p, y) = self.heading?;
        match self.anchor_paragraph {
            Some(a) if a + 1 >= p => None,
            _ => Some(y),
        }
    }

    /// The last year the text stated.
    pub(crate) fn last_stated(&self) -> Option<i32> {
        self.last_stated
    }

    /// Whether an expression that could count from either should count
    /// from the narrative's last date (`anchor_year`, the year of that
    /// date) rather than the article date; `future` when its clause is in
    /// the future tense.
    pub(crate) fn decide(
        &self,
        r: &Reference,
        dct: Option<NaiveDate>,
        anchor_year: i32,
        from_heading: bool,
        future: impl FnOnce() -> bool,
    ) -> Option<Narrating> {
        let t = &r.thresholds;
        match r.mode {
            ReferenceMode::Dct => return None,
            ReferenceMode::Narrative => {
                return Some(Narrating {
                    why: "narrative reference (--reference narrative)".into(),
                });
            }
            ReferenceMode::Auto => {}
        }
        let Some(dct) = dct else {
            return Some(Narrating {
                why: "no article date: the text's own last date".into(),
            });
        };
        // a year far ahead is a plan, or a number: no date to tell a story from
        if !(self.anchor_explicit || from_heading)
            || anchor_year >= dct.year() + t.far_years
            || future()
        {
            return None;
        }
        if self.far >= t.doc_ratio * (self.near + 2) {
            return Some(Narrating {
                why: format!(
                    "the text narrates: {} of its {} stated years lie {}+ years from the article date",
                    self.far,
                    self.far + self.near,
                    t.far_years
                ),
            });
        }
        let here = self.anchor_paragraph == Some(self.paragraph);
        if here && self.anchor_told && anchor_year <= dct.year() - t.far_years {
            return Some(Narrating {
                why: format!(
                    "this paragraph narrates from {anchor_year}, {}+ years from the article date",
                    t.far_years
                ),
            });
        }
        // a section headed by a year before the article's narrates it
        if let Some((p, y)) = self.heading
            && (from_heading || self.anchor_paragraph.is_some_and(|a| a + 1 >= p))
            && y < dct.year()
        {
            return Some(Narrating {
                why: format!("under a heading that names {}", year_name(y)),
            });
        }
        None
    }
}

/// Whether an expression after `before` (the text up to it) is told as the
/// time of its clause: it opens a sentence or follows "in", "on" or
/// "during" ("In 2011, …", "… began on 8 May 1945"), unlike "since 1990",
/// "due Oct. 15, 1999" or "the Dec. 21, 1988, bombing".
pub(crate) fn told_as_time(before: &str) -> bool {
    let b = before.trim_end_matches([' ', '\t', '\u{a0}']);
    if b.is_empty() || b.ends_with(['.', '!', '?', '\n', ':', '"', '“']) {
        return true;
    }
    let word = b
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let lead = &b[..b.len() - word.len()];
    (lead.is_empty() || lead.ends_with(char::is_whitespace))
        && matches!(word.to_ascii_lowercase().as_str(), "in" | "on" | "during")
}

/// "night", "morning" …: a word that names a time of one day (`Some`), as
/// in "the night Jackson died".
pub(crate) fn day_word(w: &str) -> Option<()> {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "night" | "morning" | "evening" | "afternoon" | "day" | "eve"
    )
    .then_some(())
}

/// Happenings a "… of his death" names.
const HAPPENING_NOUNS: &[&str] = &[
    "death",
    "murder",
    "killing",
    "arrest",
    "disappearance",
    "shooting",
    "stabbing",
    "attack",
    "crash",
    "accident",
    "explosion",
    "blast",
    "fire",
    "collapse",
    "wedding",
    "funeral",
    "birth",
    "escape",
    "abduction",
    "kidnapping",
];

/// Subjects that open a relative clause without "that": "the night he died".
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Whether `rest`, the words right after "the night" (or "the morning" …),
/// ties it to a happening the text tells instead of to a date: "of his
/// death", "of the crash", "Jackson died", "that he was arrested", "when
/// she disappeared". Gives the words, for the rule. Not "the night before",
/// "the morning of 5 June", "the night was cold".
pub(crate) fn of_a_happening(rest: &str) -> Option<String> {
    use crate::engine::tense::{PAST_FORMS, regular_past};
    // the words must follow without a clause mark ("the night. He died")
    if rest
        .trim_start_matches([' ', '\u{a0}'])
        .starts_with(|c: char| !c.is_alphanumeric())
    {
        return None;
    }
    let words: Vec<&str> = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    let low: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let said = |n: usize| words[..n.min(words.len())].join(" ");
    let w = |k: usize| low.get(k).map_or("", String::as_str);
    let capital = |k: usize| {
        words
            .get(k)
            .is_some_and(|x| x.starts_with(char::is_uppercase))
    };
    // "of his death", "of the crash", "of Jackson's death" (tokenised
    // "Jackson 's death")
    if w(0) == "of" {
        let k = match w(1) {
            "his" | "her" | "their" | "its" | "the" => 2,
            x if capital(1) && (x.ends_with("'s") || x.ends_with("’s")) => 2,
            _ if capital(1) && matches!(w(2), "'s" | "’s") => 3,
            _ => return None,
        };
        return HAPPENING_NOUNS.contains(&w(k)).then(|| said(k + 1));
    }
    // "(that|when) he died", "Jackson was killed"
    let mut k = usize::from(matches!(w(0), "that" | "when"));
    if !(PRONOUNS.contains(&w(k)) || capital(k)) {
        return None;
    }
    k += 1;
    // a second word of a name: "Michael Jackson died"
    if capital(k) {
        k += 1;
    }
    let past = |v: &str| PAST_FORMS.contains(&v) || regular_past(v);
    (past(w(k)) && w(k) != "ago").then(|| said(k + 1))
}

/// A year as written: 1941, 490 BC (astronomical years ≤ 0 are BC).
pub fn year_name(y: i32) -> String {
    if y <= 0 {
        format!("{} BC", 1 - y)
    } else {
        y.to_string()
    }
}

/// The year a heading names: a short line, not a sentence, holding a year
/// of four digits ("2003: Invasion", "Eastern Theater 1861-1863", "1918")
/// or a BC year ("Interbellum (490-480 BC)").
fn heading_year(line: &str) -> Option<i32> {
    let t = line.trim();
    if t.is_empty() || t.ends_with(['.', '!', '?', ',', ';']) || t.split_whitespace().count() > 10 {
        return None;
    }
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let Ok(n) = t[start..i].parse::<i32>() else {
            continue;
        };
        // "490-480 BC": the era comes after the range
        let rest = t[i..].trim_start_matches(|c: char| c == '-' || c == '–' || c.is_ascii_digit());
        let rest = rest.trim_start();
        if (1..=9999).contains(&n) && (rest.starts_with("BC") || rest.starts_with("B.C.")) {
            return Some(1 - n);
        }
        if i - start == 4 && (1000..=2199).contains(&n) {
            return Some(n);
        }
    }
    None
}

/// The year of a month and day (`day` 1 for a month) told after the
/// narrative's last date `anchor` (of granularity `gran`): the one on or
/// after `back_days` before it. An anchor of a year or coarser keeps its
/// year ("1941 … In March" is March 1941).
pub(crate) fn year_after(
    anchor: NaiveDate,
    gran: Granularity,
    month: u32,
    day: u32,
    back_days: i64,
) -> i32 {
    let y = anchor.year();
    if gran <= Granularity::Year {
        return y;
    }
    let from = anchor
        .checked_sub_signed(Duration::days(back_days))
        .unwrap_or(anchor);
    for cand in [y - 1, y, y + 1] {
        if let Some(d) = NaiveDate::from_ymd_opt(cand, month, day.min(28))
            && d >= from
        {
            return cand;
        }
    }
    y + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn headings_that_name_years() {
        for (line, want) in [
            ("2003: Invasion", Some(2003)),
            ("Eastern Theater 1861-1863", Some(1861)),
            ("1918", Some(1918)),
            ("Interbellum (490-480 BC)", Some(-489)),
            ("492 BC: Mardonius's campaign", Some(-491)),
            ("Course of the war", None),
            ("The army took the city in 1941.", None),
            ("Campaign 275", None),
            ("Flight 1549 lands", Some(1549)),
            (
                "Route 66 to 2016 and beyond, with many more words than a heading",
                None,
            ),
        ] {
            assert_eq!(heading_year(line), want, "{line}");
        }
    }

    #[test]
    fn dates_told_as_the_time_of_a_clause() {
        for (before, want) in [
            ("", true),
            ("The war began in 2011. ", true),
            ("The war began in ", true),
            ("In ", true),
            ("It fell on ", true),
            ("arrested in several states since ", false),
            ("debentures due ", false),
            ("charged in the ", false),
            ("the ", false),
            ("Main", false),
        ] {
            assert_eq!(told_as_time(before), want, "{before:?}");
        }
    }

    #[test]
    fn year_after_the_anchor_moves_forward() {
        let dec = ymd(1940, 12, 10);
        assert_eq!(year_after(dec, Granularity::Day, 2, 1, 270), 1941);
        let june = ymd(1940, 6, 10);
        assert_eq!(year_after(june, Granularity::Day, 4, 1, 270), 1940);
        // January lies 161 days back: in the look back of 270, not of 90
        assert_eq!(year_after(june, Granularity::Day, 1, 1, 270), 1940);
        assert_eq!(year_after(june, Granularity::Day, 1, 1, 90), 1941);
        assert_eq!(year_after(june, Granularity::Day, 6, 10, 0), 1940);
        assert_eq!(year_after(june, Granularity::Day, 6, 9, 0), 1941);
        let y = ymd(1941, 1, 1);
        assert_eq!(year_after(y, Granularity::Year, 12, 5, 0), 1941);
        // BC: astronomical years
        let bc = ymd(-479, 8, 1);
        assert_eq!(year_after(bc, Granularity::Month, 9, 1, 270), -479);
    }

    #[test]
    fn paragraphs_and_headings_are_read_across_windows() {
        let text = "1941\nThe army attacked in 1941.\n\nIn March it fell.\n";
        let mut whole = Story::default();
        whole.read_to(text, 0, text.len());
        let mut parts = Story::default();
        for cut in [0, 3, 10, 30, text.len()] {
            parts.read_to(&text[parts.scanned..], parts.scanned, cut);
        }
        assert_eq!(whole.paragraph, 3);
        assert_eq!(parts.paragraph, whole.paragraph);
        assert_eq!(parts.heading, Some((1, 1941)));
        assert_eq!(whole.heading, Some((1, 1941)));
    }

    #[test]
    fn the_decision_needs_evidence_unless_forced() {
        let r = Reference::default();
        let dct = Some(ymd(2016, 7, 15));
        let t = r.thresholds;
        let mut s = Story::default();
        s.anchored(true, true);
        // a news report: near years
        for _ in 0..3 {
            s.observe(Some(2016), false, dct, &t);
        }
        s.observe(Some(2011), false, dct, &t);
        assert!(s.decide(&r, dct, 2016, false, || false).is_none());
        // the same paragraph just stated 2011
        assert!(s.decide(&r, dct, 2011, false, || false).is_some());
        assert!(
            s.decide(&r, dct, 2011, false, || true).is_none(),
            "future tense"
        );
        assert!(
            s.decide(&r, dct, 2030, false, || false).is_none(),
            "a year to come"
        );
        let forced = Reference::new(ReferenceMode::Dct);
        assert!(s.decide(&forced, dct, 2011, false, || false).is_none());
        let forced = Reference::new(ReferenceMode::Narrative);
        assert!(s.decide(&forced, dct, 2016, false, || false).is_some());
        // a history: far years
        let mut h = Story::default();
        h.anchored(true, false);
        for y in [1939, 1940, 1941] {
            h.observe(Some(y), false, dct, &t);
        }
        h.paragraph += 1;
        assert!(
            h.decide(&r, dct, 1941, false, || false).is_none(),
            "3 < 2 × 2"
        );
        h.observe(Some(1942), false, dct, &t);
        assert!(h.decide(&r, dct, 1941, false, || false).is_some());
        // one near year asks for two more far ones
        h.observe(Some(2016), false, dct, &t);
        assert!(h.decide(&r, dct, 1941, false, || false).is_none());
        for y in [1943, 1944] {
            h.observe(Some(y), false, dct, &t);
        }
        assert!(h.decide(&r, dct, 1941, false, || false).is_some());
        assert!(h.decide(&r, None, 1941, false, || false).is_some());
    }
}
