//! Narrative reference time (`chronicler::engine::narrative`), table-driven
//! with sentences written for these tests: year-less and relative
//! expressions count from the text's own last date when it narrates, from
//! the article date when it reports; the decision is the text's, or the
//! user's (`--reference dct|narrative|auto`), and it is written in the rule.

use chronicler::engine::annotate_with;
use chronicler::engine::narrative::{Reference, ReferenceMode};
use chronicler::{Dct, DctSource, Grammar, Mention};

fn dct(s: &str) -> Dct {
    Dct::parse(s, DctSource::Cli).unwrap()
}

fn tag(text: &str, dct_s: Option<&str>, mode: ReferenceMode) -> Vec<Mention> {
    let d = dct_s.map(dct);
    annotate_with(text, d.as_ref(), Grammar::embedded(), Reference::new(mode))
}

/// The value of the mention whose text is `expr` (the last one, when the
/// words occur more than once), or a description of what was found.
fn value_of(ms: &[Mention], expr: &str) -> Result<(String, String), String> {
    ms.iter()
        .rev()
        .find(|m| m.text == expr)
        .map(|m| (m.timex.value.clone(), m.rule.clone()))
        .ok_or_else(|| {
            let found: Vec<String> = ms.iter().map(|m| format!("{:?}", m.text)).collect();
            format!("no mention {expr:?}; found {}", found.join(", "))
        })
}

struct Row {
    what: &'static str,
    text: &'static str,
    dct: Option<&'static str>,
    expr: &'static str,
    value: &'static str,
    /// Part of the rule: the decision and its evidence, or "" for none.
    rule: &'static str,
}

const AUTO: &[Row] = &[
    // ---- narrating: the year-less date counts from the text's date
    Row {
        what: "background paragraph in a news report",
        text: "The war began in 2011. In March, the army took the city.",
        dct: Some("2016-07-15"),
        expr: "March",
        value: "2011-03",
        rule: "this paragraph narrates from 2011",
    },
    Row {
        what: "a history: far years throughout",
        text: "The armies met in 1812. They fought again in 1813 and 1814.\n\
               The treaty of 1815 ended it.\n\nOn 8 September the garrison surrendered.",
        dct: Some("2009-12-19"),
        expr: "8 September",
        value: "1815-09-08",
        rule: "the text narrates",
    },
    Row {
        what: "a section headed by a year",
        text: "1918\nIn June the fleet sailed. By the summer it was in port.",
        dct: Some("2009-12-19"),
        expr: "June",
        value: "1918-06",
        rule: "under a heading that names 1918",
    },
    Row {
        what: "a narrative moves forward: February after December is next year's",
        text: "The fort fell in 1938, the port in 1939 and the city in 1940.\n\
               The siege began on 10 December 1940.\nIn February the relief arrived.",
        dct: Some("2009-12-19"),
        expr: "February",
        value: "1941-02",
        rule: "narrative's last date",
    },
    Row {
        what: "two days later counts from the narrated day",
        text: "In 1861 the river rose. In 1862 and 1863 it rose again, and in 1864.\n\
               On June 10 the bridge fell; two days later the town flooded.",
        dct: Some("2009-12-19"),
        expr: "two days later",
        value: "1864-06-12",
        rule: "",
    },
    Row {
        what: "no article date: the text's own date is the only reference",
        text: "The company was founded in 1987. In May it opened its first shop.",
        dct: None,
        expr: "May",
        value: "1987-05",
        rule: "no article date",
    },
    Row {
        what: "BC narrative",
        text: "The Persians invaded in 492 BC and again in 490 BC, 481 BC and 480 BC.\n\
               In August the fleets met at Artemisium.",
        dct: Some("2009-12-19"),
        expr: "August",
        value: "BC0480-08",
        rule: "the text narrates",
    },
    // ---- reporting: the article date
    Row {
        what: "a report: the month is the article's",
        text: "Sales rose in 2016. In March, the company said, profits fell.",
        dct: Some("2016-07-15"),
        expr: "March",
        value: "2016-03",
        rule: "bare month",
    },
    Row {
        what: "'since 1990' is a bound, not the time of a story",
        text: "He had been arrested in several states since 1990. His car was found in December.",
        dct: Some("1999-05-06"),
        expr: "December",
        value: "1998-12",
        rule: "bare month",
    },
    Row {
        what: "an attribute ('the Dec. 21, 1988, bombing') tells no story",
        text: "They were charged in the Dec. 21, 1988, bombing. Gadhafi agreed in April to hand them over.",
        dct: Some("1999-06-07"),
        expr: "April",
        value: "1999-04",
        rule: "bare month",
    },
    Row {
        what: "a future clause is reported, not narrated",
        text: "The war began in 2011. In March, the army will withdraw.",
        dct: Some("2016-07-15"),
        expr: "March",
        value: "2017-03",
        rule: "sentence's tense",
    },
    Row {
        what: "a weekday stays the report's",
        text: "The war began on 3 March 2011. On Monday the rebels attacked.",
        dct: Some("2016-07-15"),
        expr: "Monday",
        value: "2016-07-11",
        rule: "",
    },
    Row {
        what: "the weekday written with the date names its year",
        text: "The rig exploded in 1981. It will be shown on Monday 14 June.",
        dct: Some("2010-06-10"),
        expr: "Monday 14 June",
        value: "2010-06-14",
        rule: "",
    },
    Row {
        what: "a year far ahead is a plan, never a story's date",
        text: "The bonds mature in 2149 and 2150. In April they were sold.",
        dct: Some("2010-06-10"),
        expr: "April",
        value: "2010-04",
        rule: "bare month",
    },
];

#[test]
fn auto_decides_from_the_text_and_says_why() {
    let mut problems = Vec::new();
    for row in AUTO {
        let ms = tag(row.text, row.dct, ReferenceMode::Auto);
        match value_of(&ms, row.expr) {
            Ok((v, rule)) => {
                if v != row.value || !rule.contains(row.rule) {
                    problems.push(format!(
                        "{}: {:?} gave {v} ({rule}); expected {} ({:?})",
                        row.what, row.expr, row.value, row.rule
                    ));
                }
            }
            Err(e) => problems.push(format!("{}: {e}", row.what)),
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_user_can_force_either_reading() {
    let text = "The war began in 2011. In March, the army took the city.";
    let cases = [
        (ReferenceMode::Dct, "2016-03", "bare month"),
        (
            ReferenceMode::Narrative,
            "2011-03",
            "narrative reference (--reference narrative)",
        ),
        (ReferenceMode::Auto, "2011-03", "this paragraph narrates"),
    ];
    for (mode, value, rule) in cases {
        let ms = tag(text, Some("2016-07-15"), mode);
        let (v, r) = value_of(&ms, "March").unwrap();
        assert_eq!(v, value, "{mode}");
        assert!(r.contains(rule), "{mode}: {r}");
    }
    // forcing narrative on a report with nothing to count from leaves the article date
    let ms = tag(
        "In March, profits fell.",
        Some("2016-07-15"),
        ReferenceMode::Narrative,
    );
    assert_eq!(value_of(&ms, "March").unwrap().0, "2016-03");
}

#[test]
fn compounds_take_their_year_from_the_narrative() {
    for (text, expr, value) in [
        (
            "China and Japan were stalemated by 1940. In August of that year, the offensive began.",
            "August of that year",
            "1940-08",
        ),
        (
            "The resolution passed in 1861, on July 25 of that year.",
            "July 25 of that year",
            "1861-07-25",
        ),
        (
            "The campaign stalled in 1943. The summer of the following year was quieter.",
            "The summer of the following year",
            "1944-SU",
        ),
        (
            "Saigon fell in 1975. That spring the refugees left.",
            "That spring",
            "1975-SP",
        ),
    ] {
        let ms = tag(text, Some("2009-12-19"), ReferenceMode::Auto);
        let (v, rule) = value_of(&ms, expr).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(v, value, "{text}");
        assert!(rule.contains("narrative's last date"), "{text}: {rule}");
    }
}
