//! Newsroom phrasing (issue #13), table by table: each row is a sentence of
//! our own with its article date (DCT), the words of one expression, and
//! the value they must resolve to — or `None` when those words must not be
//! a temporal expression at all (a count, a flight number, a page's own
//! time stamp where that is the point).

use chronicler::{Dct, DctSource, Grammar, Mention, annotate};

/// One row: article date, sentence, expression as written, expected value.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

fn mentions(dct: &str, text: &str) -> Vec<Mention> {
    let dct = Dct::parse(dct, DctSource::Cli).unwrap();
    annotate(text, Some(&dct), Grammar::embedded())
}

fn describe(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| format!("{:?} {} [{}; {}]", m.text, m.timex.value, m.parse, m.rule))
        .collect::<Vec<_>>()
        .join("\n    ")
}

/// Checks every row; reports all failures at once.
fn check(table: &[Row]) {
    let mut failures = Vec::new();
    for &(dct, text, expr, want) in table {
        let ms = mentions(dct, text);
        match want {
            Some(v) => match ms.iter().find(|m| m.text == expr) {
                Some(m) if m.timex.value == v => {}
                Some(m) => failures.push(format!(
                    "{text:?} (DCT {dct}): {expr:?} is {}, expected {v}\n    {}",
                    m.timex.value,
                    describe(&ms)
                )),
                None => failures.push(format!(
                    "{text:?} (DCT {dct}): no mention {expr:?}, expected {v}\n    {}",
                    describe(&ms)
                )),
            },
            None => {
                let at = text.find(expr).expect("the expression is in the sentence");
                let end = at + expr.len();
                if let Some(m) = ms.iter().find(|m| m.byte_start < end && m.byte_end > at) {
                    failures.push(format!(
                        "{text:?} (DCT {dct}): {expr:?} must not be tagged, found {:?} = {}",
                        m.text, m.timex.value
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Numbers are read whole, and a number that names or counts is no year.
#[test]
fn numbers_that_are_not_years() {
    check(&[
        // a thousands separator does not split a number
        (
            "2016-07-15",
            "Some 2,000 years ago the town was a port.",
            "Some 2,000 years ago",
            Some("0016"),
        ),
        (
            "2016-07-15",
            "Its walls have stood for 2,000 years.",
            "2,000 years",
            Some("P2000Y"),
        ),
        (
            "2016-07-15",
            "Around 12,500 people marched on Friday.",
            "500",
            None,
        ),
        // numbers that name something
        (
            "2009-01-16",
            "Flight 1549 landed on the river.",
            "1549",
            None,
        ),
        (
            "2016-07-15",
            "She spoke to spokesman number 1234 at the ministry.",
            "1234",
            None,
        ),
        (
            "2011-03-18",
            "The council passed Resolution 1973 late on Thursday.",
            "1973",
            None,
        ),
        ("2016-07-15", "Lot No. 1100 went for a song.", "1100", None),
        // counts
        (
            "2016-07-15",
            "The brewery fills 1000 bottles an hour.",
            "1000",
            None,
        ),
        (
            "2016-07-15",
            "Officials say 2000 Syrians crossed the border.",
            "2000",
            None,
        ),
        (
            "2016-07-15",
            "Demand for the drug is up 1000 % since May.",
            "1000",
            None,
        ),
        // years that stay years
        (
            "2016-07-15",
            "The chapel was built in 1653.",
            "1653",
            Some("1653"),
        ),
        (
            "2016-07-15",
            "The 2000 elections were close.",
            "2000",
            Some("2000"),
        ),
        (
            "2016-07-15",
            "He recalled the floods of 1900 and 1953.",
            "1900",
            Some("1900"),
        ),
        (
            "2016-07-15",
            "Prices are back at 1998 levels.",
            "1998",
            Some("1998"),
        ),
    ]);
}
