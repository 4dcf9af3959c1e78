//! `chronicler check` on stories written for it (tests/fixtures/check/):
//! one article misdating the main event is one conflict; an article with a
//! wrong publication date is one likely wrong article date, not many
//! conflicts; statements that only share words are no finding; assumptions
//! come riskiest first; a year supplied against the tense is reported as
//! such, and dates of things, comparisons, possibilities and participles
//! are no tense finding.

use assert_cmd::cargo::cargo_bin_cmd;
use chronicler::story::check::{self, AssumptionKind, Finding, Kind, Report};
use chronicler::{BuildOptions, Grammar};
use std::path::{Path, PathBuf};

fn story(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

fn run(name: &str) -> Report {
    check::check(
        &[story(name)],
        &BuildOptions::default(),
        Grammar::embedded(),
    )
    .expect("the check runs")
}

fn describe(r: &Report) -> String {
    r.conflicts
        .iter()
        .map(|f| format!("[{:?}] {}\n  {}", f.kind, f.title, f.detail))
        .collect::<Vec<_>>()
        .join("\n")
}

fn cited<'a>(f: &'a Finding, doc: &str, words: &str) -> &'a check::Cite {
    f.cites
        .iter()
        .find(|c| c.document == doc && c.words.text == words)
        .unwrap_or_else(|| panic!("no citation of {words:?} in {doc}: {:#?}", f.cites))
}

#[test]
fn one_article_misdating_the_main_event_is_one_conflict() {
    let r = run("misdated_event");
    assert_eq!(r.conflicts.len(), 1, "{}", describe(&r));
    let f = &r.conflicts[0];
    assert_eq!(f.kind, Kind::CrossSource, "{}", describe(&r));
    // Both datings are cited, the odd one first.
    assert_eq!(f.cites[0].document, "d.txt", "{:#?}", f.cites);
    cited(f, "d.txt", "Wednesday evening");
    cited(f, "a.txt", "Tuesday evening");
    assert!(f.title.contains("Tuesday 8 March 2016"), "{}", f.title);
    assert!(f.title.contains("Wednesday 9 March 2016"), "{}", f.title);
    // Which day is better supported, and what to check.
    assert!(
        f.detail
            .contains("Tuesday 8 March 2016 is better supported"),
        "{}",
        f.detail
    );
    assert!(f.detail.contains("check d.txt"), "{}", f.detail);
}

#[test]
fn an_article_with_a_wrong_publication_date_is_reported_once_as_such() {
    let r = run("wrong_date");
    assert_eq!(r.conflicts.len(), 1, "{}", describe(&r));
    let f = &r.conflicts[0];
    assert_eq!(f.kind, Kind::MisdatedArticle, "{}", describe(&r));
    assert!(
        f.title.starts_with("w.txt is dated Monday 7 March 2016"),
        "{}",
        f.title
    );
    assert!(
        f.title.contains("fit Wednesday 9 March 2016"),
        "{}",
        f.title
    );
    assert!(
        f.cites.iter().all(|c| c.document == "w.txt"),
        "{:#?}",
        f.cites
    );
    assert!(f.cites.len() >= 2, "{:#?}", f.cites);
    cited(f, "w.txt", "Tuesday night");
}

#[test]
fn a_supplied_year_against_the_tense_is_one_finding_and_the_look_alikes_none() {
    let r = run("supplied_year");
    assert_eq!(r.conflicts.len(), 1, "{}", describe(&r));
    let f = &r.conflicts[0];
    assert_eq!(f.kind, Kind::SuppliedYear, "{}", describe(&r));
    assert!(f.title.contains("likely 2015"), "{}", f.title);
    assert!(
        f.detail.contains("took 2016 from the article date"),
        "{}",
        f.detail
    );
    cited(f, "a.txt", "11 March");
}

#[test]
fn one_story_filed_twice_under_two_dates_is_one_finding_naming_both() {
    let r = run("copies");
    let misdated: Vec<&Finding> = r
        .conflicts
        .iter()
        .filter(|f| f.kind == Kind::MisdatedArticle)
        .collect();
    assert_eq!(misdated.len(), 1, "{}", describe(&r));
    let f = misdated[0];
    assert!(f.title.contains("first.txt"), "{}", f.title);
    assert!(f.title.contains("again.txt"), "{}", f.title);
    assert!(f.detail.contains("cannot say which"), "{}", f.detail);
    // nor are the copies' days reported again as conflicts
    assert!(
        r.conflicts.iter().all(|f| f.kind != Kind::CrossSource),
        "{}",
        describe(&r)
    );
}

#[test]
fn statements_that_only_share_words_are_no_finding() {
    let r = run("shared_words");
    assert!(r.conflicts.is_empty(), "{}", describe(&r));
    assert!(r.notes.is_empty(), "{:#?}", r.notes);
}

#[test]
fn assumptions_come_riskiest_first() {
    let r = run("assumptions");
    let order: Vec<(&str, AssumptionKind)> = r
        .assumptions
        .iter()
        .map(|a| (a.cites[0].words.text.as_str(), a.kind))
        .collect();
    // "could reopen by Thursday" read as the day before the article: the
    // riskiest; "December" across the year's edge next; the January days of
    // a January article, safe, last.
    assert_eq!(
        order[0],
        ("Thursday", AssumptionKind::TenseReading),
        "{order:?}"
    );
    assert_eq!(
        order[1],
        ("December", AssumptionKind::YearSupplied),
        "{order:?}"
    );
    assert_eq!(order.len(), 4, "{order:?}");
    assert!(r.assumptions[2..].iter().all(|a| a.risk < 1.0), "{order:?}");
}

#[test]
fn check_exits_1_on_findings_0_without() {
    cargo_bin_cmd!("chronicler")
        .args(["check", "-q"])
        .arg(story("wrong_date"))
        .assert()
        .code(1);
    // assumptions alone are no finding
    cargo_bin_cmd!("chronicler")
        .args(["check", "-q"])
        .arg(story("shared_words"))
        .assert()
        .code(0);
}

#[test]
fn a_leap_day_given_a_year_without_one_blames_the_year_not_the_text() {
    let r = run("leap_day");
    assert_eq!(r.conflicts.len(), 2, "{}", describe(&r));
    let year = r
        .conflicts
        .iter()
        .find(|f| f.kind == Kind::SuppliedYear)
        .unwrap_or_else(|| panic!("no supplied year: {}", describe(&r)));
    cited(year, "a.txt", "February 29");
    assert!(
        year.title.contains("2015, which has no 29 February"),
        "{}",
        year.title
    );
    let impossible = r
        .conflicts
        .iter()
        .find(|f| f.kind == Kind::ImpossibleDate)
        .unwrap_or_else(|| panic!("no impossible date: {}", describe(&r)));
    cited(impossible, "a.txt", "June 31, 2015");
    // Both are findings: each says how often its kind was right.
    assert!(r.conflicts.iter().all(|f| !f.calibration.is_empty()));
}

/// The happening's day is told by many articles, the first forty of them
/// only in words that cannot date it against another ("the mayor said on
/// Tuesday evening that …": the day something was said); the statements
/// that can come after them. One article misdating it is still found.
#[test]
fn a_misdating_is_found_however_many_statements_come_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, body: &str| {
        std::fs::write(
            dir.path().join(name),
            format!("Date: 2016-03-09\n\n{body}\n"),
        )
        .expect("write fixture")
    };
    for k in 0..45 {
        write(
            &format!("a{k:02}.txt"),
            &format!(
                "The mayor of Millbrook said on Tuesday evening that the old river bridge had \
                 collapsed into the water, injuring four people, reporter {k} was told."
            ),
        );
    }
    for k in 0..2 {
        write(
            &format!("z{k}.txt"),
            "The old river bridge in Millbrook collapsed into the water on Tuesday evening, \
             injuring four people on the crossing.",
        );
    }
    write(
        "w.txt",
        "The old river bridge in Millbrook collapsed into the water on Monday evening, \
         injuring four people on the crossing.",
    );
    let r = check::check(
        &[dir.path().to_path_buf()],
        &BuildOptions::default(),
        Grammar::embedded(),
    )
    .expect("the check runs");
    assert_eq!(r.conflicts.len(), 1, "{}", describe(&r));
    let f = &r.conflicts[0];
    assert_eq!(f.kind, Kind::CrossSource, "{}", describe(&r));
    cited(f, "w.txt", "Monday evening");
    assert!(
        f.cites.iter().any(|c| c.document.starts_with('z')),
        "{:#?}",
        f.cites
    );
}
