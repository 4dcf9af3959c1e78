//! Strings that look temporal to a careless tagger but are not: version
//! numbers, percentages, scores, money, phone numbers, people and verbs that
//! share a month's name, the Sun newspaper, a jet. None may yield a mention,
//! whatever the article date. And an impossible date ("June 31") must never
//! be silently turned into a real one.

use chronicler::{Dct, DctSource, Grammar, Mention, annotate};

fn dct() -> Dct {
    Dct::parse("2016-07-15", DctSource::Cli).unwrap()
}

fn describe(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| {
            format!(
                "{:?} {}..{} {} {} [{}]",
                m.text, m.start, m.end, m.timex.kind, m.timex.value, m.parse
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

const NOT_TEMPORAL: &[(&str, &str)] = &[
    // version numbers
    ("version", "version 2.0.1"),
    ("version", "Windows 10"),
    ("version", "iOS 9.3"),
    (
        "version",
        "The update to iOS 9.3 shipped with version 2.0.1 of the app.",
    ),
    // percentages
    ("percentage", "up 15%"),
    ("percentage", "2016%"),
    ("percentage", "Shares were up 15% after a 2016% rise."),
    // scores
    ("score", "won 3-1"),
    ("score", "a 2-0 lead"),
    ("score", "The team won 3-1 after taking a 2-0 lead."),
    // money
    ("money", "$2016"),
    ("money", "$1,998 million"),
    (
        "money",
        "The deal was worth $1,998 million, or $2016 a share.",
    ),
    // phone numbers
    ("phone", "call 555-1234"),
    ("phone", "+1 202 555 0143"),
    ("phone", "For details call 555-1234 or +1 202 555 0143."),
    // "May" and "March" that are not months
    ("name", "Theresa May said"),
    (
        "name",
        "British Prime Minister Theresa May said the talks were useful.",
    ),
    ("verb", "you may go"),
    ("verb", "You may go if you wish, he said."),
    ("noun", "the march on Washington"),
    ("noun", "He joined the march on Washington."),
    ("verb", "March on, soldiers"),
    ("verb", "march on, soldiers"),
    // a newspaper, not Sunday
    ("newspaper", "The Sun reported"),
    ("newspaper", "The Sun reported that the minister resigned."),
    // a first name, not January
    ("name", "Jan Smith"),
    ("name", "Spokesman Jan Smith declined to comment."),
    // a model number, not a year or a time
    ("model", "a 747 jet"),
    ("model", "The airline grounded a 747 jet."),
    // a resolution's number named the other way round in the same text
    (
        "resolution",
        "Resolution 1973 authorized force. Officials are working within the framework of the 1973 resolution.",
    ),
    (
        "resolution",
        "We are exactly within the framework of resolutions 1970 and 1973.",
    ),
    // a film's title, not four weeks on
    (
        "title",
        "I Am Legend, perhaps, or 28 Days Later, but there were no zombies",
    ),
    // ages, not decades
    ("age", "a man in his 30s"),
    ("age", "deaths have been among people in their 30s or 40s"),
    ("age", "men and women in their early 20s and 30s"),
    ("age", "a woman in her mid-40s to 50s"),
];

#[test]
fn nothing_temporal_is_found() {
    let g = Grammar::embedded();
    let dct = dct();
    let mut problems = Vec::new();
    for (what, text) in NOT_TEMPORAL {
        for d in [Some(&dct), None] {
            let ms = annotate(text, d, g);
            if !ms.is_empty() {
                let with = if d.is_some() {
                    "with DCT"
                } else {
                    "without DCT"
                };
                problems.push(format!("{what}: {text:?} ({with}) gave {}", describe(&ms)));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// "June 31" does not exist. The tagger may ignore it, or report it as an
/// impossible date, but must not invent a real date (June 30 or July 1) or
/// give it an interval on the calendar.
#[test]
fn an_impossible_date_is_not_silently_made_real() {
    let g = Grammar::embedded();
    let dct = dct();
    let invented = [
        "2016-06-30",
        "2016-07-01",
        "2015-06-30",
        "2015-07-01",
        "2017-06-30",
        "2017-07-01",
    ];
    let mut problems = Vec::new();
    for text in [
        "June 31",
        "on June 31",
        "The vote was held on June 31, 2016.",
        "June 31st",
        "31 June 2016",
    ] {
        for d in [Some(&dct), None] {
            for m in annotate(text, d, g) {
                if invented.iter().any(|v| m.timex.value.starts_with(v)) {
                    problems.push(format!(
                        "{text:?}: invented a real date {} [{}]",
                        m.timex.value, m.rule
                    ));
                }
                if let Some(iv) = m.timex.interval {
                    problems.push(format!(
                        "{text:?}: {:?} = {} has an interval [{}, {}) though the date does not exist",
                        m.text, m.timex.value, iv.start, iv.end
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}
