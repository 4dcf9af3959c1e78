//! Ranges and coordination, compounds, eras, formats and informal text,
//! table-driven with sentences written for these tests; each table has
//! negatives, look-alikes that must not be read (or not so).

use chronicler::{Dct, DctSource, Grammar, Mention, annotate};

fn tag(text: &str, dct: &str) -> Vec<Mention> {
    let d = Dct::parse(dct, DctSource::Cli).unwrap();
    annotate(text, Some(&d), Grammar::embedded())
}

fn shown(ms: &[Mention]) -> String {
    let v: Vec<String> = ms
        .iter()
        .map(|m| format!("{:?}={} {}", m.text, m.timex.kind, m.timex.value))
        .collect();
    v.join(", ")
}

/// Each row: a text, its article date, and the mentions expected, in
/// order, as (words, value); `&[]` for a text in which nothing is read.
type Row = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

fn check(table: &[Row]) {
    let mut problems = Vec::new();
    for (text, dct, want) in table {
        let ms = tag(text, dct);
        let got: Vec<(&str, &str)> = ms
            .iter()
            .map(|m| (m.text.as_str(), m.timex.value.as_str()))
            .collect();
        if got != *want {
            problems.push(format!("{text:?} (article {dct}): found {}", shown(&ms)));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// Each row: a text and words that must not be read as a mention of
/// their own (whatever else is read).
fn check_not(table: &[(&str, &str)]) {
    let mut problems = Vec::new();
    for (text, words) in table {
        let ms = tag(text, "2016-07-15");
        if ms.iter().any(|m| m.text == *words) {
            problems.push(format!("{text:?}: {words:?} was read ({})", shown(&ms)));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn ranges_and_coordination_resolve_both_ends() {
    check(&[
        (
            "The festival runs 3-5 June.",
            "2016-05-01",
            &[("3", "2016-06-03"), ("5 June", "2016-06-05")],
        ),
        (
            "Talks were held 28 Feb-2 Mar 2011 in Geneva.",
            "2016-07-15",
            &[("28 Feb", "2011-02-28"), ("2 Mar 2011", "2011-03-02")],
        ),
        (
            "The offensive lasted May-August 1950.",
            "2016-07-15",
            &[("May", "1950-05"), ("August 1950", "1950-08")],
        ),
        (
            "He reigned 1921-1925.",
            "2016-07-15",
            &[("1921", "1921"), ("1925", "1925")],
        ),
        (
            "Recovery takes between 10 and 12 weeks.",
            "2016-07-15",
            &[("10", "P10W"), ("12 weeks", "P12W")],
        ),
        (
            "It stays two to six days.",
            "2016-07-15",
            &[("two", "P2D"), ("six days", "P6D")],
        ),
        (
            "The summit meets on the 4th and 5th of July.",
            "2016-06-01",
            &[("the 4th", "2016-07-04"), ("5th of July", "2016-07-05")],
        ),
        (
            "Votes were held in April and June 1955.",
            "2016-07-15",
            &[("April", "1955-04"), ("June 1955", "1955-06")],
        ),
        (
            "They met July 4 and 5, 2013.",
            "2016-07-15",
            &[("July 4", "2013-07-04"), ("5, 2013", "2013-07-05")],
        ),
    ]);
    // the two ends of a coordination are two positions, not a stretch
    let ms = tag("Votes were held in April and June 1955.", "2016-07-15");
    assert!(ms.iter().all(|m| m.parse.starts_with("coordination/")));
    assert!(
        ms.iter()
            .all(|m| !m.assumptions.iter().any(|a| a.contains("range")))
    );
    let ms = tag("The offensive lasted May-August 1950.", "2016-07-15");
    assert!(
        ms[0]
            .assumptions
            .iter()
            .any(|a| a.contains("start of the range"))
    );
    check_not(&[
        ("The score was 3-5 at half time.", "3"),
        ("The vote was 12 to 18 in favour.", "12"),
    ]);
}

#[test]
fn compounds_are_one_expression() {
    check(&[
        (
            "Polls close in the last week of May.",
            "2016-03-01",
            &[("the last week of May", "2016-W21")],
        ),
        (
            "It happened in the first week of October 2010.",
            "2016-03-01",
            &[("the first week of October 2010", "2010-W40")],
        ),
        (
            "They landed on the night of 3 June 1944.",
            "2016-03-01",
            &[("the night of 3 June 1944", "1944-06-03TNI")],
        ),
        (
            "Revenue grew in the final quarter of 2012.",
            "2016-03-01",
            &[("the final quarter of 2012", "2012-Q4")],
        ),
        (
            "Shares fell for five straight sessions.",
            "2016-03-01",
            &[("five straight sessions", "P5D")],
        ),
        (
            "Profits rose this financial year.",
            "2016-03-01",
            &[("this financial year", "2016")],
        ),
        (
            "The index ended the day 2% higher.",
            "2016-03-01",
            &[("the day", "2016-03-01")],
        ),
        (
            "Shares slipped in morning trading.",
            "2016-03-01",
            &[("morning", "2016-03-01TMO")],
        ),
        (
            "The hearing is set for the week of March 7.",
            "2016-03-01",
            &[("the week of March 7", "2016-W10")],
        ),
        (
            "Capital should be in place by year's end.",
            "2016-03-01",
            &[("year's end", "2016")],
        ),
        (
            "By mid afternoon the lines were quiet.",
            "2016-03-01",
            &[("mid afternoon", "2016-03-01TAF")],
        ),
    ]);
    check_not(&[
        // "the day" only in a report of markets or matches
        ("She remembered the day she left.", "the day"),
        ("It was the day of the vote.", "the day"),
        ("The morning newspaper was late.", "morning"),
        (
            "Spring-loaded hinges and the fall-out of the war.",
            "the fall",
        ),
    ]);
}

#[test]
fn eras_are_written_as_timex3_does() {
    check(&[
        (
            "Alexander won in 331 BC.",
            "2016-07-15",
            &[("331 BC", "BC0331")],
        ),
        (
            "The first war lasted 264–241 BC.",
            "2016-07-15",
            &[("264", "BC0264"), ("241 BC", "BC0241")],
        ),
        (
            "Athens flourished in the 5th century BCE.",
            "2016-07-15",
            &[("the 5th century BCE", "BC04")],
        ),
        (
            "By the end of the 460s BC the league had grown.",
            "2016-07-15",
            &[("the end of the 460s BC", "BC046")],
        ),
        (
            "Vesuvius erupted in 79 AD.",
            "2016-07-15",
            &[("79 AD", "0079")],
        ),
        (
            "He was born ca. 466 BC.",
            "2016-07-15",
            &[("ca. 466 BC", "BC0466")],
        ),
        (
            "The wall was built in the year 500.",
            "2016-07-15",
            &[("the year 500", "0500")],
        ),
        (
            "The town was founded in the year 12 by settlers.",
            "2016-07-15",
            &[("the year 12", "0012")],
        ),
        ("Music from the '80s.", "2016-07-15", &[("the '80s", "198")]),
        (
            "Art of the 19th Century.",
            "2016-07-15",
            &[("the 19th Century", "18")],
        ),
    ]);
    check_not(&[("The BC Hydro plant opened.", "BC")]);
}

#[test]
fn formats_and_informal_text() {
    check(&[
        (
            "Report dated 14 Mar, signed.",
            "2016-07-15",
            &[("14 Mar", "2016-03-14")],
        ),
        (
            "Filed 15.07.2016 in Zurich.",
            "2016-07-20",
            &[("15.07.2016", "2016-07-15")],
        ),
        // the British dotted clock takes its day like "3:30 p.m. on Sunday"
        (
            "NHS Direct started receiving calls at around 3.30 pm on Sunday.",
            "2009-04-28",
            &[("around 3.30 pm on Sunday", "2009-04-26T15:30")],
        ),
        (
            "The vote closed at 7.45pm.",
            "2016-07-15",
            &[("7.45pm", "2016-07-15T19:45")],
        ),
        (
            "Logged at 2016-07-15T09:30:00 by the server.",
            "2016-07-20",
            &[("2016-07-15T09:30:00", "2016-07-15T09:30")],
        ),
        (
            "Patrol leaves at 0930hrs.",
            "2016-07-15",
            &[("0930hrs", "2016-07-15T09:30")],
        ),
        (
            "The train leaves at 7.30am.",
            "2016-07-15",
            &[("7.30am", "2016-07-15T07:30")],
        ),
        (
            "u will see me thurs at the gym",
            "2016-07-13",
            &[("thurs", "2016-07-14")],
        ),
        (
            "party this sat!!",
            "2016-07-13",
            &[("this sat", "2016-07-16")],
        ),
        (
            "gym tmrw night lol",
            "2016-07-13",
            &[("tmrw night", "2016-07-14TNI")],
        ),
        ("movie 2nite", "2016-07-13", &[("2nite", "2016-07-13TNI")]),
        ("waited 2hrs for the bus", "2016-07-13", &[("2hrs", "PT2H")]),
        ("back in 10 mins lol", "2016-07-13", &[("10 mins", "PT10M")]),
        (
            "The wall stood for 1,250 years.",
            "2016-07-13",
            &[("1,250 years", "P1250Y")],
        ),
        (
            "The city was founded 2,000 years ago.",
            "2016-07-13",
            &[("2,000 years ago", "0016")],
        ),
        (
            "date night with my love :)",
            "2016-07-13",
            &[("night", "2016-07-13TNI")],
        ),
        (
            "Class was on friday.",
            "2016-07-13",
            &[("friday", "2016-07-08")],
        ),
    ]);
    check_not(&[
        // ambiguous order, version numbers
        ("Version 03.02.2009 is out.", "03.02.2009"),
        ("Release 1.2.15 fixes it.", "1.2.15"),
        // a bare part of day in prose is no time
        ("The morning newspaper was late.", "morning"),
        // the furniture of a news list
        ("Oil reaches the coast - CNN 3 hrs ago", "3 hrs ago"),
        // word abbreviations of weekdays need a cue
        ("He sat on the bench.", "sat"),
        ("We wed in the spring.", "wed"),
        // "U.S." does not make prose informal
        ("U.S. officials held a night meeting.", "night"),
        // four digits and "hrs" are a time, not 930 hours
        ("Patrol leaves at 0930hrs.", "0930hrs ago"),
    ]);
    let ms = tag("Patrol leaves at 0930hrs.", "2016-07-15");
    assert_eq!(ms[0].timex.kind.as_str(), "TIME", "{}", shown(&ms));
}

/// Informal posts (a link, a hashtag, "lol", "!!" …): bare calendar words
/// are one unit ("a long day"), plural parts of day are that part of day,
/// dates are glued ("26nov"), months and seasons go without a cue. None of
/// it is read in prose.
#[test]
fn bare_words_and_glued_dates_in_informal_posts() {
    check(&[
        ("what a long day lol", "2016-07-13", &[("day", "P1D")]),
        ("Crazy WEEK at work!!", "2016-07-13", &[("WEEK", "P1W")]),
        (
            "Off to Fashion Week http://t.co/x",
            "2016-07-13",
            &[("Week", "P1W")],
        ),
        (
            "sophomore year starts soon lol",
            "2016-07-13",
            &[("year", "P1Y")],
        ),
        ("school days are over :)", "2016-07-13", &[("days", "PXD")]),
        (
            "nights out with the crew #fun",
            "2016-07-13",
            &[("nights", "2016-07-13TNI")],
        ),
        (
            "weekends are for sleeping lol",
            "2016-07-13",
            &[("weekends", "XXXX-WE")],
        ),
        (
            "who knows what my future holds lol",
            "2016-07-13",
            &[("future", "FUTURE_REF")],
        ),
        (
            "best left buried in the past lol",
            "2016-07-13",
            &[("the past", "PAST_REF")],
        ),
        (
            "a white winter in #Oslo",
            "2016-01-20",
            &[("winter", "2016-WI")],
        ),
        (
            "2 days off + 2weeks leave lol",
            "2016-07-13",
            &[("2 days", "P2D"), ("2weeks", "P2W")],
        ),
        (
            "exam on 26nov 2015 lol",
            "2015-10-01",
            &[("26nov 2015", "2015-11-26")],
        ),
        (
            "saw them on 3 dec lol",
            "2016-12-20",
            &[("3 dec", "2016-12-03")],
        ),
        (
            "party was Nov26!!",
            "2016-12-20",
            &[("Nov26", "2016-11-26")],
        ),
        (
            "see u this Sat,7pm!!",
            "2016-07-13",
            &[("this Sat,7pm", "2016-07-16T19:00")],
        ),
        (
            "gig this Sat, 430pm lol",
            "2016-07-13",
            &[("this Sat, 430pm", "2016-07-16T16:30")],
        ),
        ("moving out nxt yr lol", "2016-07-13", &[("nxt yr", "2017")]),
        (
            "see u this wknd lol",
            "2016-07-13",
            &[("this wknd", "2016-W28-WE")],
        ),
        (
            "Shop our June collection http://t.co/x",
            "2016-07-13",
            &[("June", "2016-06")],
        ),
    ]);
    // what makes a post informal: "i", a contraction without its
    // apostrophe, two dots; capitalised units in a post's title
    check(&[
        ("Then i had a long day", "2016-07-13", &[("day", "P1D")]),
        ("Didnt sleep, long day", "2016-07-13", &[("day", "P1D")]),
        ("Home at last.. long day", "2016-07-13", &[("day", "P1D")]),
        (
            "Working Long Hours Is Bad #health",
            "2016-07-13",
            &[("Hours", "PTXH")],
        ),
    ]);
    check_not(&[
        // "i.e." and an ellipsis do not make prose informal
        ("See the annex, i.e. the morning session.", "morning"),
        ("He waited... The morning session began.", "morning"),
        ("Working Long Hours Is Bad For You", "Hours"),
        // prose: no bare unit, no bare "future", no glued reading
        ("The day was long.", "day"),
        ("The future of energy is bright.", "future"),
        ("Their nights were long.", "nights"),
        // a bare unit after "the" or an ordinal is one of a count
        ("lol the week flew by", "week"),
        ("my 1st year at uni lol", "year"),
        ("First day of school!!", "day"),
        ("sold it at this hour lol", "hour"),
        ("through to the Quarters!! #tennis", "Quarters"),
        // look-alikes in posts
        ("we walked past the house lol", "past"),
        ("lol I will spring into action", "spring"),
        ("May the force be with u", "May"),
        ("lol 2 may be late", "2 may"),
        ("+1100 lol", "1100"),
    ]);
}

/// "the next hour" of an article with no time of day: its day, at day
/// granularity, and the output says the hour was not known (it was a value
/// of hour granularity, shown as midnight on the timelines).
#[test]
fn an_hour_not_known_is_its_day_and_says_so() {
    for (text, words) in [
        (
            "Reaction brought to you here for the next hour.",
            "the next hour",
        ),
        (
            "Over the next hour the engineers will test the cap.",
            "the next hour",
        ),
    ] {
        let ms = tag(text, "2010-06-15");
        let m = ms
            .iter()
            .find(|m| m.text == words)
            .unwrap_or_else(|| panic!("{text}: {words:?} not read ({})", shown(&ms)));
        assert_eq!(m.timex.value, "2010-06-15", "{text}");
        assert_eq!(
            m.timex.granularity,
            chronicler::engine::timex::Granularity::Day,
            "{text}"
        );
        assert!(
            m.assumptions
                .iter()
                .any(|a| a.contains("hour is not known")),
            "{text}: {:?}",
            m.assumptions
        );
    }
}

/// A capitalised "Today" inside a sentence after a name, "the" or "'s", or
/// before "programme" or "show", names a programme or a paper; at the
/// start of a sentence or a quote, or in a title-case headline, it is the
/// day.
#[test]
fn programmes_and_papers_named_today_are_not_times() {
    check_not(&[
        (
            "He told the BBC 's World Today programme they had identified failures.",
            "Today",
        ),
        ("He told USA Today that it was over.", "Today"),
        ("He spoke on the Today programme on Radio 4.", "Today"),
        ("Speaking on NBC's Today show, she said so.", "Today"),
    ]);
    check(&[
        (
            "Today, the rebels advanced.",
            "2016-07-15",
            &[("Today", "2016-07-15")],
        ),
        (
            "\"Today we won,\" he said.",
            "2016-07-15",
            &[("Today", "2016-07-15")],
        ),
        (
            "Obama To Speak Today On Libya Crisis",
            "2016-07-15",
            &[("Today", "2016-07-15")],
        ),
        (
            "The talks ended today in Geneva.",
            "2016-07-15",
            &[("today", "2016-07-15")],
        ),
    ]);
}
