//! An article's lead that names no date is its news of its own day
//! (tests/fixtures/stories/leads): a study reported on 19 August 2010 with
//! "has confirmed" and no date is the news of the 19th, which says the
//! date was assumed and counts as no statement in the evidence for the day.
//! One article's lead alone is no row of the full timeline, only of `--top`
//! (tests/fixtures/stories/shared-lead: two articles leading with the same
//! news make a row).

use chronicler::Grammar;
use chronicler::story::build::{self, BuildOptions};
use chronicler::story::events::{LEAD_ASSUMPTION, LEAD_RULE};
use chronicler::story::timeline::{NO_WORDS, Row, Timeline};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stories")
        .join(name)
}

fn story_of(name: &str) -> build::Story {
    build::read(
        &[fixture(name)],
        &BuildOptions::default(),
        Grammar::embedded(),
    )
    .unwrap()
}

fn story() -> build::Story {
    story_of("leads")
}

/// Each row's date and how many articles back it.
fn days_and_sources(t: &Timeline) -> Vec<(&str, usize)> {
    (t.events.iter())
        .map(|r| (r.date.as_str(), r.sources))
        .collect()
}

fn lead_rows(t: &Timeline) -> Vec<&Row> {
    t.events
        .iter()
        .filter(|r| r.citations.iter().any(|c| c.expression.rule == LEAD_RULE))
        .collect()
}

#[test]
fn an_undated_lead_is_a_row_of_its_articles_day_saying_so() {
    let s = story();
    // One article's lead alone is no row of the full timeline.
    assert!(
        lead_rows(&s.timeline).is_empty(),
        "{:#?}",
        s.timeline.events
    );
    let top = s.top(3);
    let leads = lead_rows(&top);
    let days: Vec<(&str, &str)> = leads
        .iter()
        .map(|r| (r.date.as_str(), r.documents[0].as_str()))
        .collect();
    // The delay article's first sentence is dated ("on Wednesday"): no lead.
    assert_eq!(
        days,
        vec![
            ("2010-08-19", "2010-08-19/plume.txt"),
            ("2010-08-21", "2010-08-21/scientists.txt")
        ]
    );
    let plume = leads[0];
    assert!(
        plume
            .headline
            .starts_with("A study of the Gulf of Mexico spill has confirmed"),
        "{}",
        plume.headline
    );
    let c = &plume.citations[0];
    assert_eq!(c.expression.assumptions, vec![LEAD_ASSUMPTION.to_string()]);
    assert_eq!(c.expression.words(), NO_WORDS);
    assert_eq!(c.expression.start, c.sentence.start);
    assert!(c.depends_on_dct);

    // The spreadsheet says where the date came from instead of an empty cell.
    let mut csv = Vec::new();
    chronicler::output::timeline::write_csv(&mut csv, &top).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let line = csv
        .lines()
        .find(|l| l.contains("has confirmed the presence"))
        .unwrap();
    assert!(line.contains(NO_WORDS), "{line}");
}

#[test]
fn a_lead_two_articles_share_is_a_row_and_a_lone_lead_only_tops() {
    let s = story_of("shared-lead");
    assert_eq!(
        days_and_sources(&s.timeline),
        vec![("2010-07-15", 2)],
        "{:#?}",
        s.timeline.events
    );
    let shared = &s.timeline.events[0];
    assert!(
        shared
            .citations
            .iter()
            .all(|c| c.expression.rule == LEAD_RULE)
    );
    assert!(!shared.lead_alone());
    assert!(shared.headline.contains("stopped"), "{}", shared.headline);

    // --top 2 picks the 16th, whose only news is the fishermen's lead.
    let top = s.top(2);
    let days: Vec<&str> = top.events.iter().map(|r| r.date.as_str()).collect();
    assert_eq!(days, vec!["2010-07-15", "2010-07-16"]);
    let lone = &top.events[1];
    assert!(lone.lead_alone());
    assert!(
        lone.headline.starts_with("Fishermen along"),
        "{}",
        lone.headline
    );
    assert_eq!(lone.id, "e0002", "numbered with the selection");
    assert!(lone.why.is_some());

    // A review page opening on that selection holds the lone lead's row.
    let opening = chronicler::output::html::opening(&s, Some(2), None).unwrap();
    let page = s.timeline_with_leads(&opening.rows);
    assert_eq!(page.events.len(), 2);
    assert!(page.events[1].lead_alone() && opening.rows.contains(&page.events[1].id));
    assert!(opening.why.contains_key(&page.events[1].id));
    // Without the selection the page is the full timeline.
    let none = s.timeline_with_leads(&Default::default());
    assert_eq!(none.events.len(), 1);
}

#[test]
fn a_lead_gives_its_day_a_row_but_no_statement_in_the_evidence() {
    let top = story().top(3);
    let day = top
        .events
        .iter()
        .find(|r| r.date == "2010-08-19")
        .expect("the 19th is picked");
    assert!(
        day.headline.starts_with("A study of the Gulf"),
        "{}",
        day.headline
    );
    let why = day.why.as_ref().unwrap();
    assert_eq!(why.published, 1);
    assert_eq!(
        why.dated_same_day, 0,
        "the lead is not a statement dating the day"
    );
    assert_eq!(
        why.dated_within_week, 1,
        "the 21st's article dates the study"
    );
    assert!(
        why.text
            .contains("1 article of the following week looks back on it"),
        "{}",
        why.text
    );
    // The 21st has only its lead: a row, picked on publication alone.
    let last = top.events.iter().find(|r| r.date == "2010-08-21").unwrap();
    let why = last.why.as_ref().unwrap();
    assert_eq!((why.published, why.dated_same_day), (1, 0));
}

#[test]
fn check_lists_a_lead_as_dated_by_its_article() {
    use chronicler::story::check::{self, AssumptionKind};
    let article_days = |name: &str| {
        let r = check::check(
            &[fixture(name)],
            &BuildOptions::default(),
            Grammar::embedded(),
        )
        .unwrap();
        let leads: Vec<_> = (r.assumptions.iter())
            .filter(|a| a.kind == AssumptionKind::ArticleDay)
            .cloned()
            .collect();
        (r, leads)
    };
    // Leads alone make no row of the full timeline: nothing to check.
    let (r, leads) = article_days("leads");
    assert!(leads.is_empty(), "{:#?}", r.assumptions);
    // The two leads of one row are each an assumption.
    let (r, leads) = article_days("shared-lead");
    assert_eq!(leads.len(), 2, "{:#?}", r.assumptions);
    for a in leads {
        assert_eq!(a.risk, 0.5);
        assert!(a.guess.starts_with(NO_WORDS), "{}", a.guess);
        assert!(a.cites[0].words.text.is_empty());
    }
    let text = r.to_text(false);
    assert!(
        !text.contains("“[]"),
        "no empty mark in the report:\n{text}"
    );
}

#[test]
fn leads_of_the_next_morning_do_not_outvote_the_day_an_article_states() {
    // tests/fixtures/stories/verdict: "found guilty … on Monday" in a
    // Monday article; two Tuesday articles lead with "has been found
    // guilty" and no date. One row, on the day stated; the leads dispute
    // nothing, so check finds no conflict.
    let s = story_of("verdict");
    let rows: Vec<&Row> = s.timeline.events.iter().collect();
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let r = rows[0];
    assert_eq!(r.date, "2011-11-07");
    assert_eq!(r.sources, 3);
    assert!(r.disputed.is_empty(), "{:#?}", r.disputed);
    assert!(
        r.headline.starts_with("Dr Conrad Murray was found guilty"),
        "the stated day's statement heads the row: {}",
        r.headline
    );
    let report = chronicler::story::check::check(
        &[fixture("verdict")],
        &BuildOptions::default(),
        Grammar::embedded(),
    )
    .unwrap();
    assert!(report.conflicts.is_empty(), "{:#?}", report.conflicts);
}

#[test]
fn news_that_only_leads_tell_is_dated_by_the_first_article_to_lead_with_it() {
    // tests/fixtures/stories/first-report: a late-evening article leads
    // with the verdict on the 7th, two next-morning articles on the 8th;
    // no article names a day. One row, on the 7th, citing all three; the
    // other articles' news stays apart.
    let s = story_of("first-report");
    assert_eq!(
        days_and_sources(&s.timeline),
        vec![("2011-11-07", 3)],
        "{:#?}",
        s.timeline.events
    );
    let r = &s.timeline.events[0];
    assert!(
        r.headline.starts_with("A jury in Los Angeles"),
        "{}",
        r.headline
    );
    assert!(
        r.disputed.is_empty(),
        "leads dispute nothing: {:#?}",
        r.disputed
    );
}
