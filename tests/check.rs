//! `chronicler check` on the seed articles and on altered copies of them:
//! each alteration must be found, with its citation, and the unaltered seeds
//! must raise no alarm.

use assert_cmd::cargo::cargo_bin_cmd;
use chronicler::story::check::{self, AssumptionKind, Finding, Kind, Report};
use chronicler::{BuildOptions, Grammar};
use std::fs;
use std::path::{Path, PathBuf};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A copy of seeds/ (articles and manifest) with `edits` applied: each is
/// (file-name prefix, words to replace, replacement), and the words must be
/// in the file. `manifest` false leaves the manifest out.
fn altered_with(edits: &[(&str, &str, &str)], manifest: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut used = vec![false; edits.len()];
    for e in fs::read_dir(seeds()).expect("seeds/ is readable") {
        let p = e.expect("entry").path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.ends_with(".txt") || (manifest && name == "manifest.csv")) {
            continue;
        }
        let mut text = fs::read_to_string(&p).expect("read seed");
        for (k, (prefix, from, to)) in edits.iter().enumerate() {
            if name.starts_with(prefix) {
                assert!(text.contains(from), "{name} should contain {from:?}");
                text = text.replacen(from, to, 1);
                used[k] = true;
            }
        }
        fs::write(dir.path().join(&name), text).expect("write fixture");
    }
    assert!(used.iter().all(|&u| u), "every edit names a seed");
    dir
}

fn altered(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    altered_with(edits, true)
}

fn run(dir: &Path) -> Report {
    check::check(
        &[dir.to_path_buf()],
        &BuildOptions::default(),
        Grammar::embedded(),
    )
    .expect("the check runs")
}

fn describe(r: &Report) -> String {
    r.conflicts
        .iter()
        .map(|f| format!("[{:?}] {}", f.kind, f.title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The report has exactly one conflict, of `kind`; it is returned.
fn only(r: &Report, kind: Kind) -> Finding {
    assert!(r.notes.is_empty(), "no note expected: {:#?}", r.notes);
    assert!(!kind.is_note());
    assert_eq!(
        r.conflicts.len(),
        1,
        "expected exactly one conflict ({kind:?}), found:\n{}",
        describe(r)
    );
    let f = r.conflicts[0].clone();
    assert_eq!(f.kind, kind, "found:\n{}", describe(r));
    f
}

/// The report has no finding and exactly one note, of `kind` (a kind
/// `check` lists apart, at lower confidence); it is returned.
fn only_note(r: &Report, kind: Kind) -> Finding {
    assert!(
        r.conflicts.is_empty(),
        "expected no finding, found:\n{}",
        describe(r)
    );
    assert_eq!(
        r.notes.len(),
        1,
        "expected exactly one note, found {:#?}",
        r.notes
    );
    let f = r.notes[0].clone();
    assert_eq!(f.kind, kind, "{:#?}", r.notes);
    assert!(kind.is_note());
    assert!(
        !f.calibration.is_empty(),
        "a note says how often its kind was right"
    );
    f
}

/// A citation of `f` is in the document starting `doc`, its words are
/// `words`, and its offsets select them in the article.
fn cites(dir: &Path, f: &Finding, doc: &str, words: &str) {
    let c = f
        .cites
        .iter()
        .find(|c| c.document.starts_with(doc) && c.words.text == words)
        .unwrap_or_else(|| {
            panic!(
                "expected a citation of {words:?} in {doc}, found {:#?}",
                f.cites
            )
        });
    let text = fs::read_to_string(dir.join(&c.document)).expect("cited article");
    let chars: Vec<char> = text.chars().collect();
    let got: String = chars[c.words.start..c.words.end].iter().collect();
    assert_eq!(got, words, "the offsets select the words");
    let sentence: String = chars[c.sentence.start..c.sentence.end].iter().collect();
    assert!(
        sentence.contains(words),
        "the sentence {sentence:?} holds the words"
    );
    assert!(c.line >= 1);
}

#[test]
fn seeds_have_no_conflict_and_list_their_assumptions() {
    let r = run(&seeds());
    assert!(r.is_clean(), "false alarms on the seeds:\n{}", describe(&r));
    assert_eq!(r.articles.len(), 5);
    // Riskiest first: "Kerry will meet Monday" (a bare weekday with a
    // future cue, this Monday or the next?), then "February" (its year
    // supplied); the past-tense Thursdays, safe, come after.
    let top = &r.assumptions[0];
    assert_eq!(top.kind, AssumptionKind::TenseReading, "{top:#?}");
    assert_eq!(top.cites[0].words.text, "Monday", "{top:#?}");
    let second = &r.assumptions[1];
    assert_eq!(second.kind, AssumptionKind::YearSupplied, "{second:#?}");
    assert_eq!(second.cites[0].words.text, "February");
    assert!(
        r.assumptions[2..].iter().all(|a| a.risk < second.risk),
        "{:#?}",
        r.assumptions
    );
    // Ranks are 1.. and scores never rise.
    for (k, a) in r.assumptions.iter().enumerate() {
        assert_eq!(a.rank, k + 1);
        if k > 0 {
            assert!(a.score <= r.assumptions[k - 1].score);
        }
    }
    // The five-year-old conflict agrees with the outbreak in 2011.
    assert!(
        r.consistent
            .iter()
            .any(|f| f.kind == Kind::Age && f.title.contains("five-year-old")),
        "{:#?}",
        r.consistent
    );
}

#[test]
fn seeds_without_the_manifest_rank_inferred_article_dates_first() {
    let dir = altered_with(&[], false);
    let r = run(dir.path());
    assert!(r.is_clean(), "false alarms:\n{}", describe(&r));
    let top = &r.assumptions[0];
    assert_eq!(top.kind, AssumptionKind::InferredArticleDate, "{top:#?}");
    assert!(top.statements >= 2, "{top:#?}");
}

#[test]
fn kerry_putin_talks_moved_to_wednesday_conflict_across_sources() {
    let dir = altered(&[("004", "met late Thursday night", "met late Wednesday night")]);
    let r = run(dir.path());
    let f = only(&r, Kind::CrossSource);
    cites(dir.path(), &f, "004", "late Wednesday night");
    cites(dir.path(), &f, "001", "late on Thursday");
    assert!(f.title.contains("Wednesday 13 July 2016"), "{}", f.title);
    assert!(f.title.contains("Thursday 14 July 2016"), "{}", f.title);
    // The four articles that agree outnumber the one that does not.
    assert!(f.detail.contains("check 004"), "{}", f.detail);
}

#[test]
fn a_wrong_weekday_is_found() {
    let dir = altered(&[(
        "004",
        "Russia, July 15, 2016.",
        "Russia, Friday, July 16, 2016.",
    )]);
    let r = run(dir.path());
    let f = only(&r, Kind::WeekdayMismatch);
    cites(dir.path(), &f, "004", "Friday, July 16, 2016");
    assert!(f.detail.contains("Saturday"), "{}", f.detail);
    assert!(f.detail.contains("15 July 2016"), "{}", f.detail);
}

#[test]
fn an_impossible_date_is_found() {
    let dir = altered(&[(
        "004",
        "in Damascus, June 18, 2016",
        "in Damascus, June 31, 2016",
    )]);
    let r = run(dir.path());
    let f = only(&r, Kind::ImpossibleDate);
    cites(dir.path(), &f, "004", "June 31, 2016");
    assert!(f.title.contains("30 days"), "{}", f.title);
}

#[test]
fn a_past_tense_date_after_the_article_is_found() {
    let dir = altered(&[(
        "004",
        "Thursday, White House spokesman Josh Earnest said",
        "On July 18, 2016, White House spokesman Josh Earnest said",
    )]);
    let r = run(dir.path());
    let f = only_note(&r, Kind::PastAfterArticleDate);
    cites(dir.path(), &f, "004", "July 18, 2016");
}

#[test]
fn a_future_tense_date_before_the_article_is_found() {
    let dir = altered(&[(
        "002",
        "Kerry will meet Monday",
        "Kerry will meet on July 11, 2016",
    )]);
    let r = run(dir.path());
    let f = only_note(&r, Kind::FutureBeforeArticleDate);
    cites(dir.path(), &f, "002", "July 11, 2016");
}

#[test]
fn after_contradicting_the_dates_is_found() {
    let dir = altered(&[(
        "002",
        "Kerry will meet Monday",
        "The talks on Friday came two days after the attack in Nice on Thursday. Kerry will meet Monday",
    )]);
    let r = run(dir.path());
    let f = only_note(&r, Kind::Order);
    cites(dir.path(), &f, "002", "Friday");
    cites(dir.path(), &f, "002", "Thursday");
    assert!(f.title.contains("Saturday 16 July 2016"), "{}", f.title);
}

#[test]
fn two_days_later_contradicting_a_date_is_found() {
    let dir = altered(&[(
        "003",
        "Time running out",
        "On July 5, Kerry was in Rome. Two days later, on July 9, he was in Paris.\n\nTime running out",
    )]);
    let r = run(dir.path());
    let f = only_note(&r, Kind::Order);
    cites(dir.path(), &f, "003", "Two days later");
    cites(dir.path(), &f, "003", "July 9");
    assert!(f.title.contains("Thursday 7 July 2016"), "{}", f.title);
}

#[test]
fn an_age_that_does_not_add_up_is_found() {
    let dir = altered(&[("000", "five-year-old conflict", "two-year-old conflict")]);
    let r = run(dir.path());
    let f = only_note(&r, Kind::Age);
    cites(dir.path(), &f, "000", "two-year-old");
    cites(dir.path(), &f, "003", "2011");
}

#[test]
fn a_duration_that_contradicts_its_dates_is_found() {
    let dir = altered(&[(
        "003",
        "Time running out",
        "The truce lasted five days, from July 1 to July 3.\n\nTime running out",
    )]);
    let r = run(dir.path());
    let f = only(&r, Kind::Arithmetic);
    cites(dir.path(), &f, "003", "five days");
    cites(dir.path(), &f, "003", "July 1");
}

#[test]
fn the_binary_exits_0_when_clean_1_on_conflicts_2_on_bad_input() {
    cargo_bin_cmd!("chronicler")
        .args(["check", "--format", "json"])
        .arg(seeds())
        .assert()
        .code(0);
    let dir = altered(&[("004", "met late Thursday night", "met late Wednesday night")]);
    let out = cargo_bin_cmd!("chronicler")
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let json: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("JSON on stdout");
    assert_eq!(json["conflicts"][0]["kind"], "cross_source");
    assert!(json["conflicts"][0]["cites"][0]["sentence"]["start"].is_u64());
    cargo_bin_cmd!("chronicler")
        .args(["check", "no/such/folder"])
        .assert()
        .code(2);
    cargo_bin_cmd!("chronicler")
        .args(["check", "--format", "yaml"])
        .arg(seeds())
        .assert()
        .code(2);
}

#[test]
fn a_note_alone_exits_0_and_a_finding_1() {
    // A past-tense date after the article: a note (the kind was wrong on
    // held-out news), listed apart, and the exit status stays 0.
    let note = altered(&[(
        "004",
        "Thursday, White House spokesman Josh Earnest said",
        "On July 18, 2016, White House spokesman Josh Earnest said",
    )]);
    let out = cargo_bin_cmd!("chronicler")
        .args(["check", "-q", "--format", "json"])
        .arg(note.path())
        .assert()
        .code(0);
    let json: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("JSON on stdout");
    assert_eq!(
        json["conflicts"].as_array().map(Vec::len),
        Some(0),
        "{json}"
    );
    assert_eq!(
        json["notes"][0]["kind"], "past_after_article_date",
        "{json}"
    );
    assert!(
        json["notes"][0]["calibration"]
            .as_str()
            .is_some_and(|c| c.contains("held-out")),
        "{json}"
    );
    let out = cargo_bin_cmd!("chronicler")
        .args(["check", "-q"])
        .arg(note.path())
        .assert()
        .code(0);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("No conflicts found."), "{text}");
    assert!(text.contains("1 note, lower confidence"), "{text}");
    assert!(text.contains("[July 18, 2016]"), "{text}");
    // The same story with a finding as well (one article misdating the
    // talks): exit 1, the note still apart.
    let both = altered(&[
        (
            "004",
            "Thursday, White House spokesman Josh Earnest said",
            "On July 18, 2016, White House spokesman Josh Earnest said",
        ),
        ("004", "met late Thursday night", "met late Wednesday night"),
    ]);
    let out = cargo_bin_cmd!("chronicler")
        .args(["check", "-q", "--format", "json"])
        .arg(both.path())
        .assert()
        .code(1);
    let json: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("JSON on stdout");
    assert_eq!(json["conflicts"][0]["kind"], "cross_source", "{json}");
    assert_eq!(
        json["notes"][0]["kind"], "past_after_article_date",
        "{json}"
    );
}

#[test]
fn text_is_plain_off_a_terminal_and_markdown_pastes() {
    let dir = altered(&[("004", "met late Thursday night", "met late Wednesday night")]);
    let out = cargo_bin_cmd!("chronicler")
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
    assert!(text.contains("1 conflict found"), "{text}");
    assert!(text.contains("[late Wednesday night]"), "{text}");
    let out = cargo_bin_cmd!("chronicler")
        .args(["check", "--format", "md"])
        .arg(dir.path())
        .assert()
        .code(1);
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(md.starts_with("## Chronology check"), "{md}");
    assert!(md.contains("**late Wednesday night**"), "{md}");
    // Colour, when asked for, is ANSI; NO_COLOR is honoured by the binary.
    let r = run(dir.path());
    assert!(r.to_text(true).contains("\x1b[1;31m"));
    assert!(!r.to_text(false).contains('\x1b'));
}
