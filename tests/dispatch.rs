//! The prefilter runs only the productions a word can open. That must find
//! exactly what running every production finds: at every word start of
//! generated text, `opens_at` + `longest_of` agree with the word-list
//! definition of "worth parsing" + every production run with no dispatch
//! (nor the dispatch of the productions that run others further on:
//! "about" + an expression, "from" X "to" Y, a clock and its day).

mod common;

use chronicler::Grammar;
use chronicler::engine::grammar::NumeralKind;
use chronicler::engine::tag::{lex, longest, longest_of, longest_undispatched};
use proptest::prelude::*;

/// The prefilter as the word lists define it: digits, an apostrophe year,
/// "Q3", an anchor word (a month or weekday name only when capitalised),
/// a plural weekday, or a trigger with an anchor in the next four words.
fn worth_parsing(text: &str, pos: usize, g: &Grammar) -> bool {
    let rest = &text[pos..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    if let Some(r) = rest.strip_prefix(['\'', '’']) {
        return r.starts_with(|c: char| c.is_ascii_digit());
    }
    if rest.starts_with(['Q', 'q']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let Ok((after, w)) = lex::word(rest) else {
        return false;
    };
    let n = lex::norm(w);
    // lowercase weekday names of four letters or more ("friday", "tues")
    // are worth parsing: informal text writes them so
    let lower_weekday = g.weekdays.contains_key(&*n) && n.len() >= 4;
    let name_only = w.starts_with(char::is_lowercase)
        && (g.months.contains_key(&*n) || g.weekdays.contains_key(&*n))
        && !lower_weekday
        && !g.units.contains_key(&*n)
        && !g.sets.contains_key(&*n);
    if g.anchors.contains(&*n) && !name_only {
        return true;
    }
    if w.strip_suffix(['s', 'S'])
        .is_some_and(|stem| stem.len() > 3 && g.weekdays.contains_key(&*lex::norm(stem)))
    {
        return true;
    }
    (g.triggers.contains(&*n) || g.numerals.contains_key(&*n)) && anchor_follows(after, g)
}

fn anchor_follows(mut rest: &str, g: &Grammar) -> bool {
    let tens = |x: &str| {
        g.numerals
            .get(x)
            .is_some_and(|v| v.kind == NumeralKind::Tens)
    };
    for _ in 0..4 {
        rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        let Ok((after, w)) = lex::word(rest) else {
            return false;
        };
        let n = lex::norm(w);
        if g.anchors.contains(&*n)
            || w.strip_suffix(['s', 'S'])
                .is_some_and(|stem| g.weekdays.contains_key(&*lex::norm(stem)))
            || tens(&n)
            || n.strip_suffix("ies")
                .is_some_and(|stem| tens(&format!("{stem}y")))
        {
            return true;
        }
        rest = after;
    }
    false
}

/// Checks every position of `text` where a word (or number) starts.
fn check(text: &str, g: &Grammar) -> Result<usize, TestCaseError> {
    let mut checked = 0;
    for (pos, c) in text.char_indices() {
        if !(c.is_alphanumeric() || c == '\'' || c == '’') {
            continue;
        }
        let want = if worth_parsing(text, pos, g) {
            longest_undispatched(g, &text[pos..])
        } else {
            None
        };
        let opens = g.prefilter.opens_at(text, pos);
        let got = if opens == 0 {
            None
        } else {
            longest_of(g, &text[pos..], opens)
        };
        prop_assert_eq!(
            &got,
            &want,
            "at byte {} of {:?} (opens {:#x})",
            pos,
            text,
            opens
        );
        checked += 1;
    }
    Ok(checked)
}

/// Every word of every list, plus the literal words the productions read.
fn vocabulary(g: &Grammar) -> Vec<String> {
    let mut v: Vec<String> = g
        .months
        .keys()
        .chain(g.weekdays.keys())
        .chain(g.numerals.keys())
        .chain(g.units.keys())
        .chain(g.seasons.keys())
        .chain(g.sets.keys())
        .chain(g.timezones.keys())
        .chain(g.triggers.iter())
        .chain(g.anchors.iter())
        .cloned()
        .collect();
    for t in [
        g.shifters.first_words().collect::<Vec<_>>(),
        g.modifiers.first_words().collect(),
        g.deictics.first_words().collect(),
        g.holidays.first_words().collect(),
        g.parts_of_day.first_words().collect(),
    ] {
        v.extend(t.into_iter().cloned());
    }
    // whole phrases, so that a phrase's first word is also seen before its
    // second ("new year's day", "world aids day") and before other words
    fn whole<T>(t: &chronicler::engine::grammar::PhraseTable<T>, v: &mut Vec<String>) {
        for w in t.first_words() {
            v.extend(t.starting_with(w).iter().map(|(words, _)| words.join(" ")));
        }
    }
    whole(&g.holidays, &mut v);
    whole(&g.shifters, &mut v);
    whole(&g.modifiers, &mut v);
    whole(&g.deictics, &mut v);
    whole(&g.parts_of_day, &mut v);
    for phrase in [
        "the past",
        "the future",
        "the end of",
        "the middle of",
        "new year's",
        "good friday",
        "early hours",
        "more than",
        "at least",
        "this past",
        "from now",
        "year's",
        "o'clock",
    ] {
        v.push(phrase.to_string());
    }
    for w in [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "from",
        "between",
        "until",
        "through",
        "year",
        "day",
        "week",
        "quarter",
        "period",
        "fiscal",
        "calendar",
        "every",
        "each",
        "other",
        "once",
        "twice",
        "times",
        "per",
        "ago",
        "later",
        "earlier",
        "same",
        "current",
        "latest",
        "full",
        "whole",
        "q",
        "s",
        "th",
        "st",
        "nd",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "old",
        "long",
        "half",
        "couple",
        "dozen",
        "few",
        "hundred",
        "thousand",
        "ended",
        "people",
        "percent",
        "May",
        "March",
        "Theresa",
        "Windows",
        "nineties",
        "eighties",
        "twenties",
        "Mondays",
        "Tuesdays",
        "nights",
        "mornings",
        "s",
        "ies",
        "Café",
        "déjà",
        // ranges, compounds, eras and informal text
        "BC",
        "b.c.e.",
        "a.d.",
        "c.e.",
        "a. m.",
        "local",
        "hrs",
        "miles",
        "million",
        "BCE",
        "B.C.",
        "AD",
        "CE",
        "straight",
        "consecutive",
        "trading",
        "session",
        "sessions",
        "financial",
        "tax",
        "school",
        "final",
        "last",
        "that",
        "following",
        "previous",
        "week",
        "before",
        "after",
        "higher",
        "quiet",
        "circa",
        "ca",
        "Sat",
        "sat",
        "tues",
        "Thurs",
        "friday",
        "Wed",
    ] {
        v.push(w.to_string());
    }
    v.sort();
    v.dedup();
    v
}

const NUMBERS: &[&str] = &[
    "1",
    "5",
    "12",
    "15",
    "15th",
    "31st",
    "3rd",
    "22nd",
    "100",
    "250",
    "999",
    "1990",
    "1990s",
    "1998",
    "2016",
    "2020s",
    "80s",
    "'80s",
    "’16",
    "'",
    "’",
    "12345",
    "3:30",
    "19:01:00",
    "10am",
    "2016-07-15",
    "7/15/2016",
    "15/07/2016",
    "1998-99",
    "2009-2010",
    "2.5",
    "1/2",
    "1,998",
    "Q3",
    "q4",
    "331",
    "460s",
    "2nite",
    "2moro",
    "2hrs",
    "10mins",
    "1,250",
    "1,250,000",
    "12.5",
    "35,000",
    "2,000",
    "0930hrs",
    "15.07.2016",
    "03.02.2009",
    "2016-07-15T09:30:00",
    "3-5",
    "28",
    "FY",
];

const GLUE: &[&str] = &[
    " ", " ", " ", " ", "  ", "-", ", ", ". ", "\n", "\n\n", "'", "’s ", "'s ", "(", "\"", "$",
    "%", ": ", "; ", "–", "",
];

fn case(w: &str, how: u8) -> String {
    match how % 4 {
        0 => w.to_string(),
        1 => {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
        2 => w.to_uppercase(),
        _ => w.to_lowercase(),
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    let g = Grammar::embedded();
    let words = vocabulary(g);
    let token = prop_oneof![
        4 => (prop::sample::select(words), any::<u8>()).prop_map(|(w, how)| case(&w, how)),
        1 => prop::sample::select(NUMBERS).prop_map(str::to_string),
        // "the" opens by the word after it
        1 => prop::sample::select(&["the", "The"][..]).prop_map(str::to_string),
    ];
    prop::collection::vec((token, prop::sample::select(GLUE)), 1..24).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, glue)| format!("{w}{glue}"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn dispatch_finds_what_every_production_finds(text in text_strategy()) {
        check(&text, Grammar::embedded())?;
    }
}

#[test]
fn dispatch_agrees_on_the_seed_articles() {
    let g = Grammar::embedded();
    let mut checked = 0;
    let files = common::seed_files();
    for p in &files {
        let text = std::fs::read_to_string(p).unwrap();
        checked += check(&text, g).unwrap();
    }
    assert_eq!(files.len(), 5, "the five seed articles");
    assert!(checked > 5000, "only {checked} word starts checked");
}

/// Phrases that open only after "the", from every word list and rule.
#[test]
fn the_dispatches_on_the_next_word() {
    let g = Grammar::embedded();
    for text in [
        "the 1990s",
        "the '80s",
        "the nineties",
        "the 15th of July",
        "the third quarter of 1990",
        "the past three days",
        "the end of June",
        "the early 1980s",
        "the next morning",
        "the day before yesterday",
        "the year-earlier period",
        "the current fiscal year",
        "the 20th century",
        "the previous Monday",
        "the summer of 2016",
        "the early hours of Friday",
    ] {
        let opens = g.prefilter.opens_at(text, 0);
        let got = longest_of(g, text, opens).map(|(len, _)| len);
        assert_eq!(got, Some(text.len()), "{text:?} (opens {opens:#x})");
        assert_eq!(got, longest(g, text).map(|(len, _)| len), "{text:?}");
    }
}

/// Numbers and phrase words the prefilter passes over unless the word after
/// them may continue an expression: each text is read whole the way every
/// production reads it, and the ones that are expressions are found.
#[test]
fn numbers_and_phrase_words_are_skipped_only_when_nothing_can_follow() {
    let g = Grammar::embedded();
    let found = [
        "in 331 BC",
        "79 A.D.",
        "the 5th century BCE",
        "at 5 p.m.",
        "at 5 PM",
        "at 8 p.m. EST",
        "1,250 years ago",
        "2.5 years",
        "10 to 12 weeks",
        "3-5 June",
        "around 5 o'clock",
        "5 more days",
        "New Year's Day",
        "new year's eve",
        "World AIDS Day",
        "Good Friday",
        // shifters written after their count or date
        "two weeks from now",
        "three days ago",
        "a week later",
        "two years earlier",
        "last week",
        "next Tuesday",
    ];
    let skipped = [
        "12 miles away",
        "2,000 people",
        "5.6 million",
        "new cars",
        "world cup",
        "good news",
        // a shifter that follows what it shifts opens nothing
        "after the war ended in 2003",
        "before the vote on Monday",
        "ago",
    ];
    for text in found.iter().chain(&skipped) {
        check(text, g).unwrap();
    }
    for text in found {
        let opens = g.prefilter.opens_at(text, 0);
        let at_start = longest_of(g, text, opens).is_some();
        let anywhere = (0..text.len())
            .filter(|&i| text.is_char_boundary(i))
            .any(|i| longest_of(g, &text[i..], g.prefilter.opens_at(text, i)).is_some());
        assert!(at_start || anywhere, "{text:?} found nothing");
    }
    for text in skipped {
        assert_eq!(g.prefilter.opens_at(text, 0), 0, "{text:?} is tried");
    }
}
