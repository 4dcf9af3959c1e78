//! Properties that hold for any input: `annotate` never panics, and every
//! mention's offsets select exactly its text, in chars and in bytes, with
//! mentions in order and not overlapping — with no DCT, the seeds' DCT, or
//! a DCT anywhere from 0001-01-01 to 9999-12-31.

use chronicler::{Dct, DctSource, Grammar, Mention, annotate};
use chrono::NaiveDate;
use proptest::prelude::*;

/// Words, numbers and punctuation the productions react to, plus non-ASCII
/// text that shifts char and byte offsets apart.
const VOCABULARY: &[&str] = &[
    // names and words from the word lists
    "January",
    "Jan.",
    "Feb",
    "March",
    "May",
    "may",
    "June",
    "July",
    "Jul.",
    "Sept.",
    "December",
    "Monday",
    "Thursday",
    "Thursday’s",
    "Friday",
    "Fri.",
    "Sunday",
    "Mondays",
    "weekend",
    "morning",
    "night",
    "nights",
    "the early hours",
    "tonight",
    "noon",
    "midnight",
    "today",
    "yesterday",
    "yesterday's",
    "tomorrow",
    "now",
    "recently",
    "the past",
    "last",
    "next",
    "this",
    "past",
    "coming",
    "previous",
    "following",
    "ago",
    "earlier",
    "later",
    "from now",
    "before",
    "after",
    "on",
    "in",
    "of",
    "at",
    "the",
    "a",
    "an",
    "early",
    "late",
    "mid",
    "mid-",
    "the end of",
    "the beginning of",
    "about",
    "more than",
    "over",
    "nearly",
    "within",
    "at least",
    "every",
    "each",
    "other",
    "once",
    "twice",
    "times",
    "per",
    "daily",
    "weekly",
    "from",
    "to",
    "until",
    "through",
    "between",
    "and",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "quarter",
    "year",
    "years",
    "year's",
    "decade",
    "decades",
    "century",
    "hours",
    "minutes",
    "fiscal",
    "Q3",
    "half",
    "first",
    "second",
    "third",
    "twenty",
    "twenty-first",
    "nineteen",
    "ninety-four",
    "two thousand",
    "one",
    "three",
    "five",
    "eight",
    "several",
    "few",
    "dozen",
    "couple",
    "-year-old",
    "-long",
    "spring",
    "summer",
    "fall",
    "winter",
    "Christmas",
    "Bastille Day",
    "Easter",
    "Thanksgiving",
    "St.",
    "Patrick's",
    "EST",
    "GMT",
    "MSK",
    "a.m.",
    "p.m.",
    "pm",
    "o'clock",
    "nineties",
    "'80s",
    "1990s",
    "century",
    "Theresa",
    "Sun",
    "march",
    // numbers
    "0",
    "1",
    "7",
    "12",
    "15",
    "15th",
    "29",
    "30",
    "31",
    "32",
    "99",
    "100",
    "747",
    "1998",
    "2000",
    "2011",
    "2016",
    "2199",
    "2200",
    "9999",
    "10000",
    "8:30",
    "24:00",
    "25:61",
    "12:00",
    "2016-07-15",
    "7/15/2016",
    "07/15/16",
    "2016/02/30",
    "2009-2010",
    "1998-99",
    "5-7",
    "3-1",
    "555-1234",
    "2.0.1",
    "9.3",
    "1,998",
    "$",
    "%",
    "£",
    "€",
    "#",
    "+1",
    // punctuation and separators
    ",",
    ".",
    "-",
    "–",
    "—",
    "'",
    "’",
    "\"",
    "“",
    "”",
    "(",
    ")",
    "/",
    ":",
    ";",
    "!",
    "?",
    // non-ASCII text
    "é",
    "Ünïcödé",
    "中文",
    "日本語",
    "🙂",
    "👩‍👩‍👧",
    "\u{301}",
    "\u{200b}",
    "\u{a0}",
    "ß",
    "İ",
];

const SEPARATORS: &[&str] = &[
    " ", " ", " ", "", "\n", "\n\n", "\t", ", ", "-", "\u{a0}", "’",
];

/// Text built from the vocabulary with assorted separators.
fn vocabulary_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(VOCABULARY),
            prop::sample::select(SEPARATORS),
        ),
        0..40,
    )
    .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

/// Any Unicode scalar values, including controls and unassigned ones.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<char>(), 0..120).prop_map(|cs| cs.into_iter().collect()),
        "[0-9 :/.,$%'’-]{0,40}",
    ]
}

/// No DCT, the edges of four-digit years, the seeds' DCT (with a time and a
/// zone too), or any day in between.
fn any_dct() -> impl Strategy<Value = Option<Dct>> {
    let parsed = |s: &str| {
        Some(Dct::parse(s, DctSource::Cli).unwrap_or_else(|e| panic!("Dct::parse({s:?}): {e}")))
    };
    prop_oneof![
        Just(None),
        Just(parsed("0001-01-01")),
        Just(parsed("0001-01-01T00:00")),
        Just(parsed("9999-12-31")),
        Just(parsed("9999-12-31T23:59 Europe/Moscow")),
        Just(parsed("2016-07-15")),
        Just(parsed("2016-07-15T09:30:00+03:00")),
        Just(parsed("2016-12-31")),
        Just(parsed("2017-01-01")),
        Just(parsed("2016-02-29")),
        (1i32..=9999, 1u32..=366).prop_map(|(y, d)| {
            let date = NaiveDate::from_yo_opt(y, d)
                .or_else(|| NaiveDate::from_yo_opt(y, 365))
                .unwrap();
            Some(Dct::on(date, DctSource::Cli))
        }),
    ]
}

fn check(text: &str, ms: &[Mention]) -> Result<(), TestCaseError> {
    let chars = text.chars().count();
    let mut last_end = 0;
    for m in ms {
        prop_assert!(
            m.start < m.end,
            "empty or reversed span {}..{} for {:?}",
            m.start,
            m.end,
            m.text
        );
        prop_assert!(
            m.end <= chars,
            "end {} is past the text's {} chars",
            m.end,
            chars
        );
        prop_assert!(
            m.byte_start < m.byte_end && m.byte_end <= text.len(),
            "byte span {}..{} outside the text's {} bytes",
            m.byte_start,
            m.byte_end,
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(m.byte_start),
            "byte_start {} is inside a char",
            m.byte_start
        );
        prop_assert!(
            text.is_char_boundary(m.byte_end),
            "byte_end {} is inside a char",
            m.byte_end
        );
        prop_assert_eq!(&text[m.byte_start..m.byte_end], m.text.as_str());
        let by_chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        prop_assert_eq!(
            by_chars,
            m.text.clone(),
            "char offsets {}..{} select other text",
            m.start,
            m.end
        );
        prop_assert_eq!(text[..m.byte_start].chars().count(), m.start);
        prop_assert!(
            m.start >= last_end,
            "mention {:?} at {} overlaps or precedes the previous one (which ended at {})",
            m.text,
            m.start,
            last_end
        );
        last_end = m.end;
        prop_assert!(
            !m.timex.value.is_empty(),
            "mention {:?} has an empty value",
            m.text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(text in any_text(), dct in any_dct()) {
        let ms = annotate(&text, dct.as_ref(), Grammar::embedded());
        check(&text, &ms)?;
    }

    #[test]
    fn temporal_vocabulary_never_panics(text in vocabulary_text(), dct in any_dct()) {
        let ms = annotate(&text, dct.as_ref(), Grammar::embedded());
        check(&text, &ms)?;
    }

    /// The same text gives the same mentions however it is resolved: with or
    /// without a DCT the spans agree (the DCT changes values, not spans).
    #[test]
    fn dct_changes_values_not_spans(text in vocabulary_text(), dct in any_dct()) {
        let g = Grammar::embedded();
        let spans = |d: Option<&Dct>| -> Vec<(usize, usize)> {
            annotate(&text, d, g).iter().map(|m| (m.start, m.end)).collect()
        };
        prop_assert_eq!(spans(dct.as_ref()), spans(None));
    }
}

/// The DCTs at the edges of four-digit years parse, and the seeds' phrases
/// resolve against them without panicking.
#[test]
fn year_edge_dcts() {
    let text = "Kerry met Putin late on Thursday night, yesterday, last week, next month, in mid-2014, \
                last September, 15 July, 2016, three days ago, the 1990s, the 20th century, next year, \
                Christmas, last fall, Q4, the first half of 2016, every Monday, over the past three days.";
    for s in [
        "0001-01-01",
        "0001-01-01T00:00:00Z",
        "9999-12-31",
        "9999-12-31T23:59:59+14:00",
        "10000101",
        "99991231",
    ] {
        let dct =
            Dct::parse(s, DctSource::Cli).unwrap_or_else(|e| panic!("Dct::parse({s:?}): {e}"));
        let ms = annotate(text, Some(&dct), Grammar::embedded());
        assert!(ms.len() >= 10, "DCT {s}: only {} mentions", ms.len());
        check(text, &ms).unwrap_or_else(|e| panic!("DCT {s}: {e}"));
    }
}

/// A DCT that `Dct::parse` accepts (from `--dct`, a TimeML `<DCT>` or a JSONL
/// `dct`) must be one the resolver can work with: either parse refuses the
/// far edges of chrono's calendar, or annotate copes with them.
#[test]
fn every_dct_that_parses_can_be_used() {
    let text = "Kerry met Putin yesterday and will meet Lavrov tomorrow, next week, next year and in 2199.";
    for s in [
        "-262143-01-01",
        "-262143-12-31",
        "-99999-06-15",
        "-0001-01-01",
        "0000-01-01",
        "+262142-12-31",
        "262142-12-31",
    ] {
        let Ok(dct) = Dct::parse(s, DctSource::Cli) else {
            continue;
        };
        let result = std::panic::catch_unwind(|| annotate(text, Some(&dct), Grammar::embedded()));
        match result {
            Ok(ms) => check(text, &ms).unwrap_or_else(|e| panic!("DCT {s}: {e}")),
            Err(_) => panic!(
                "Dct::parse accepts {s:?} ({}) but annotate panics with it",
                dct.date
            ),
        }
    }
}
