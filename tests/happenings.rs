//! One row per happening across articles and days, the days that matter,
//! and a subject's timeline, on a small story written for these tests
//! (tests/fixtures/stories/quake): an earthquake reported on three days and
//! referred back to as "Tuesday's earthquake", one article misdating it as
//! "Wednesday's", and a budget vote on the same Tuesday.

use assert_cmd::cargo::cargo_bin_cmd;
use chronicler::Grammar;
use chronicler::story::build::{self, BuildOptions};
use chronicler::story::select::Selection;
use chronicler::story::terms::Subject;
use chronicler::story::timeline::{Row, Timeline};
use serde_json::Value;
use std::path::PathBuf;

fn quake() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories/quake")
}

fn story(opts: &BuildOptions) -> build::Story {
    build::read(&[quake()], opts, Grammar::embedded()).unwrap()
}

fn row_saying<'a>(t: &'a Timeline, words: &str) -> &'a Row {
    t.events
        .iter()
        .find(|r| r.citations.iter().any(|c| c.sentence.text.contains(words)))
        .unwrap_or_else(|| panic!("no row says {words:?}"))
}

#[test]
fn one_happening_reported_on_three_days_is_one_row_citing_every_article() {
    let s = story(&BuildOptions::default());
    let t = &s.timeline;
    let quake = row_saying(t, "powerful earthquake");
    assert_eq!(quake.date, "2010-01-12TAF", "the day most articles give");
    assert_eq!(
        quake.documents,
        vec!["a.txt", "b.txt", "c.txt", "e.txt"],
        "{:#?}",
        t.events
    );
    // every back-reference is a citation of the same row
    for words in [
        "Tuesday's earthquake flattened",
        "Survivors of Tuesday's",
        "Wednesday's earthquake",
    ] {
        assert!(std::ptr::eq(row_saying(t, words), quake), "{words}");
    }
    // the article that dates it to Wednesday is kept, as disputed, for check
    assert_eq!(quake.disputed.len(), 1, "{:#?}", quake.disputed);
    let d = &quake.disputed[0];
    assert_eq!(
        (d.date.as_str(), d.documents.clone()),
        ("2010-01-13", vec!["e.txt".to_string()])
    );
    assert_eq!(quake.citations[d.citations[0]].document, "e.txt");
    // the story's happening of that row holds the same statements
    let k = t
        .events
        .iter()
        .position(|r| std::ptr::eq(r, quake))
        .unwrap();
    assert_eq!(s.happenings[k].len(), quake.citations.len());
}

#[test]
fn two_happenings_on_one_day_stay_two_rows() {
    let t = story(&BuildOptions::default()).timeline;
    let quake = row_saying(&t, "powerful earthquake");
    let vote = row_saying(&t, "parliament voted");
    assert!(!std::ptr::eq(quake, vote));
    assert_eq!(vote.date, "2010-01-12");
    assert_eq!(vote.documents, vec!["d.txt"]);
    assert!(vote.disputed.is_empty());
}

#[test]
fn top_keeps_the_best_supported_days_each_with_its_best_happening_and_why() {
    let s = story(&BuildOptions::default());
    let (top, ids) = s.top_renumbered(1);
    let dated: Vec<&Row> = top.events.iter().filter(|r| !r.date.is_empty()).collect();
    assert_eq!(dated.len(), 1);
    let r = dated[0];
    assert!(r.headline.contains("earthquake"), "{}", r.headline);
    let why = r.why.as_ref().expect("a picked day says why");
    assert_eq!(why.rank, 1);
    assert_eq!(why.published, 2, "a.txt and d.txt appeared that day");
    // b.txt and c.txt look back on it; e.txt dates its statement to the 13th
    assert_eq!(why.dated_within_week, 2);
    assert!(
        why.text.contains("2 articles appeared that day"),
        "{}",
        why.text
    );
    assert_eq!(ids.len(), top.events.len());

    // --per-date 2 keeps the vote too, after the quake
    let (two, _) = s.select(&Selection {
        top: Some(1),
        per_date: Some(2),
        ..Selection::default()
    });
    let heads: Vec<&str> = two.events.iter().map(|r| r.headline.as_str()).collect();
    assert_eq!(heads.len(), 2, "{heads:?}");
    assert!(heads.iter().any(|h| h.contains("parliament")), "{heads:?}");
    // without --top, --per-date 1 keeps one row a day and every day
    let (one, _) = s.select(&Selection {
        per_date: Some(1),
        ..Selection::default()
    });
    let days: Vec<&str> = one.events.iter().map(|r| &r.date[..10]).collect();
    let mut unique = days.clone();
    unique.dedup();
    assert_eq!(days, unique, "one row per day");
    assert!(one.events.iter().all(|r| r.why.is_none()));
    assert!(one.events.iter().any(|r| r.headline.contains("earthquake")));
}

#[test]
fn pages_set_aside_are_not_counted_as_articles_that_appeared() {
    // The quake story and, on the quake's day, a page of programme
    // listings (set aside as not an article): the day's evidence still
    // counts two articles, not three.
    let dir = tempfile::tempdir().unwrap();
    for f in ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"] {
        std::fs::copy(quake().join(f), dir.path().join(f)).unwrap();
    }
    let listing: String = (0..6)
        .map(|i| {
            format!(
                "Presenter\\/Janice Long , Producer\\/Mark Plant Show {i} airs on Friday at 9pm .\n"
            )
        })
        .collect();
    std::fs::write(
        dir.path().join("listings.txt"),
        format!("Date: 2010-01-12\n{listing}"),
    )
    .unwrap();
    let s = build::read(
        &[dir.path().to_path_buf()],
        &BuildOptions::default(),
        Grammar::embedded(),
    )
    .unwrap();
    assert!(
        s.articles.iter().any(|a| a.set_aside),
        "the listings are set aside"
    );
    let top = s.top(1);
    let why = top.events[0].why.as_ref().expect("a picked day says why");
    assert_eq!(why.published, 2, "{}", why.text);
}

#[test]
fn about_keeps_the_subject_and_drops_the_rest() {
    let opts = BuildOptions {
        about: Subject::new("parliament"),
        ..BuildOptions::default()
    };
    let s = story(&opts);
    assert_eq!(s.articles.len(), 1, "only d.txt mentions parliament");
    let heads: Vec<&str> = s
        .timeline
        .events
        .iter()
        .map(|r| r.headline.as_str())
        .collect();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert!(heads[0].contains("parliament voted"));
    // a subject of the whole story keeps it all, but only the sentences naming it
    let opts = BuildOptions {
        about: Subject::new("Port-au-Prince"),
        ..BuildOptions::default()
    };
    let s = story(&opts);
    assert!(s.timeline.events.iter().all(|r| {
        r.citations
            .iter()
            .all(|c| c.sentence.text.contains("Port-au-Prince"))
    }));
    assert!(!s.timeline.events.is_empty());
}

#[test]
fn the_command_line_takes_top_per_date_and_about() {
    let out = tempfile::tempdir().unwrap();
    cargo_bin_cmd!("chronicler")
        .args([
            "build",
            "--quiet",
            "--html",
            "--top",
            "1",
            "--per-date",
            "2",
            "-o",
        ])
        .arg(out.path())
        .arg(quake())
        .assert()
        .success();
    let t: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("timeline.json")).unwrap())
            .unwrap();
    let rows = t["events"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["why"]["rank"] == 1));
    let row = rows
        .iter()
        .find(|r| r["headline"].as_str().unwrap().contains("earthquake"))
        .unwrap();
    assert_eq!(row["disputed"][0]["date"], "2010-01-13");
    let page = std::fs::read_to_string(out.path().join("timeline.html")).unwrap();
    assert!(
        page.contains("Why this day: day 1 of"),
        "the review page says why"
    );

    cargo_bin_cmd!("chronicler")
        .args(["build", "--quiet", "--about", "the", "-o"])
        .arg(out.path())
        .arg(quake())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--about"));
    cargo_bin_cmd!("chronicler")
        .args(["build", "--quiet", "--per-date", "0", "-o"])
        .arg(out.path())
        .arg(quake())
        .assert()
        .code(2);
}
