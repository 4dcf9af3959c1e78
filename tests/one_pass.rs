//! `check`, `build --top N` and `build --html` read one analysis of the
//! story: each article is tagged once, however many of them ask.
//! (One test in this file: the counter is per process.)

use chronicler::Grammar;
use chronicler::engine::annotations;
use chronicler::story::build::{self, BuildOptions};
use chronicler::story::check;
use std::path::PathBuf;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

#[test]
fn the_story_is_analysed_once_and_everything_reads_it() {
    let grammar = Grammar::embedded();
    let before = annotations();
    let story = build::read(&[seeds()], &BuildOptions::default(), grammar).unwrap();
    let articles = story.articles.len() as u64;
    assert_eq!(articles, 5, "the five seed articles");
    // Every seed article has a date from the manifest, so none is tagged on
    // trial while its date is inferred: one annotation per article.
    assert_eq!(annotations() - before, articles);

    let tagged = annotations();
    let report = check::check_story(&story);
    let (top, ids) = story.top_renumbered(2);
    let shown = report.renumbered(&ids);
    assert_eq!(annotations(), tagged, "check and --top tag nothing again");

    // What they read is the one analysis: the top rows are rows of the full
    // timeline, and every row the shown report names is shown.
    assert!(!top.events.is_empty() && top.events.len() <= 2);
    for r in &top.events {
        let full = story
            .timeline
            .events
            .iter()
            .find(|f| ids.get(&f.id) == Some(&r.id))
            .expect("a top row comes from the full timeline");
        assert_eq!(full.citations, r.citations);
    }
    let shown_ids: Vec<&str> = top.events.iter().map(|r| r.id.as_str()).collect();
    for a in &shown.assumptions {
        for row in &a.rows {
            assert!(shown_ids.contains(&row.as_str()), "{row} is not shown");
        }
    }
    assert_eq!(report.happenings, story.timeline.events.len());
}
