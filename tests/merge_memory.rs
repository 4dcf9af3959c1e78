//! `chronicler merge` holds a window of days ([`windowed::merge`]): the
//! statements are sorted on disk, clustered day by day and linked per
//! component, so the most statements held at once must not grow with the
//! number of days, whatever the order of the lines, and the timeline must be
//! the one `build` writes. With `--top` merge keeps each statement without
//! the words only its row quotes, and makes each row as soon as the
//! statements of its happening have been read again with their words
//! ([`build::finish_slim`]): on a stream sorted by day only the happenings
//! still open hold their words. No timing, no allocator: the counts are what
//! merge itself reports.

use assert_cmd::cargo::cargo_bin_cmd;
use chronicler::engine::tag::Grammar;
use chronicler::output::timeline::{render, render_rows};
use chronicler::story::build::{self, BuildOptions};
use chronicler::story::statements::{Collected, texts_of_line};
use chronicler::story::windowed;
use chrono::{Duration, NaiveDate};
use std::fs;
use std::path::Path;

/// A story of `days` days, three articles a day, each reporting that
/// day's happening (and the day before's) in its own words.
fn corpus(days: i64) -> String {
    let start = NaiveDate::from_ymd_opt(2016, 3, 1).unwrap();
    let mut out = String::new();
    for i in 0..days {
        let day = start + Duration::days(i);
        let before = day - Duration::days(1);
        for (j, (verb, who)) in [
            ("approved", "the council"),
            ("backed", "the town's councillors"),
            ("passed", "local officials"),
        ]
        .iter()
        .enumerate()
        {
            let text = format!(
                "The harbour budget of Ashford{i} was {verb} by {who} on {d}, the mayor said.\n\n\
                 Fishermen of Ashford{i} had protested outside the town hall on {b}.\n",
                d = day.format("%-d %B %Y"),
                b = before.format("%-d %B %Y"),
            );
            let line = serde_json::json!({
                "id": format!("a{i}-{j}"),
                "dct": day.format("%Y-%m-%d").to_string(),
                "text": text,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    out
}

fn chronicler(args: &[&str]) -> Vec<u8> {
    let out = cargo_bin_cmd!("chronicler").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "chronicler {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `timeline.json` of merge over `lines` as the `merge` command makes it
/// (statements thinned, read again for the rows), and the most statements
/// that held their words at once.
fn merge(lines: &[&str]) -> (Vec<u8>, usize) {
    let mut collected = Collected::slim(false);
    for (k, l) in lines.iter().enumerate() {
        collected.add_line("stream", k + 1, l).unwrap();
    }
    let merged = collected.into_articles(false, Grammar::embedded()).unwrap();
    let numbers = merged.numbers.clone();
    let (story, most) = build::finish_slim(
        merged.articles,
        &merged.widget_keys,
        Vec::new(),
        &BuildOptions::default(),
        &mut |each| {
            for l in lines {
                if let Some((number, n, texts)) = texts_of_line(l)
                    && let Ok(doc) = numbers.binary_search(&number)
                {
                    each(doc, n, texts);
                }
            }
            Ok(())
        },
        false,
    )
    .unwrap();
    (
        render("timeline.json", &story.timeline, None).unwrap(),
        most,
    )
}

/// The lines in a fixed order that has nothing to do with their days.
fn shuffled<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let mut v = lines.to_vec();
    v.sort_by_key(|l| {
        l.bytes().fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100000001b3)
        })
    });
    v
}

/// Builds a story of `days` days (files named after `label`) and merges
/// its statement lines sorted and shuffled with `merge` (which is given
/// "s" or "x" to name its own files, and the lines), each timeline checked
/// against `build`'s: the most statements held at once, sorted and
/// shuffled, and how many statements there were. `what` names the merge.
fn run_with(
    dir: &Path,
    days: i64,
    label: &str,
    what: &str,
    merge: impl Fn(&str, &[&str]) -> (Vec<u8>, usize),
) -> (usize, usize, usize) {
    let input = dir.join(format!("{label}{days}.jsonl"));
    fs::write(&input, corpus(days)).unwrap();
    let out = dir.join(format!("{label}build{days}"));
    chronicler(&[
        "build",
        "--quiet",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let built = fs::read(out.join("timeline.json")).unwrap();
    let stream =
        String::from_utf8(chronicler(&["extract", "--quiet", input.to_str().unwrap()])).unwrap();
    let mut lines: Vec<&str> = stream.lines().collect();
    lines.sort_unstable();
    let statements = lines
        .iter()
        .filter(|l| !l.starts_with(r#"{"key":"""#))
        .count();
    let (sorted_json, sorted_most) = merge("s", &lines);
    assert!(
        sorted_json == built,
        "{days} days, sorted: {what}'s timeline.json differs from build's"
    );
    let (shuffled_json, shuffled_most) = merge("x", &shuffled(&lines));
    assert!(
        shuffled_json == built,
        "{days} days, shuffled: {what}'s timeline.json differs from build's"
    );
    (sorted_most, shuffled_most, statements)
}

/// Statements with their words at once, merging `days` days sorted and
/// shuffled; each checked against `build`.
fn run(dir: &Path, days: i64) -> (usize, usize, usize) {
    run_with(dir, days, "story", "merge", |_, lines| merge(lines))
}

#[test]
fn statements_hold_their_words_only_while_their_happening_is_open() {
    let tmp = tempfile::tempdir().unwrap();
    let (few, _, few_statements) = run(tmp.path(), 6);
    let (many, many_shuffled, many_statements) = run(tmp.path(), 30);
    assert!(
        many_statements >= 4 * few_statements,
        "{many_statements} statements of 30 days, {few_statements} of 6"
    );
    eprintln!(
        "statements with their words at once: {few} of {few_statements} (6 days), \
         {many} of {many_statements} (30 days), {many_shuffled} shuffled"
    );
    // Sorted by day: what is held does not grow with the days.
    assert!(few > 0, "rows were made from statements read again");
    assert_eq!(
        many, few,
        "the most statements holding their words at once, 30 days against 6"
    );
    assert!(
        many * 5 < many_statements,
        "{many} of {many_statements} statements held their words at once"
    );
    // In no order of days, open happenings pile up (the test can fail).
    assert!(
        many_shuffled > 2 * many,
        "shuffled: {many_shuffled}, sorted: {many}"
    );
}

/// The timeline.json of the windowed merge of `lines` (written to a file in
/// `dir`), and the most statements it held at once.
fn windowed_merge(dir: &Path, name: &str, lines: &[&str]) -> (Vec<u8>, usize) {
    let path = dir.join(name);
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (timeline, rows, stats) = windowed::merge(
        &[(name.to_string(), path)],
        &BuildOptions::default(),
        Grammar::embedded(),
        dir,
    )
    .unwrap()
    .expect("merged a window at a time");
    let json = render_rows("timeline.json", &timeline, &|f| rows.each(f), None).unwrap();
    drop(rows);
    // the temporary runs and rows are gone
    let left: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".runs"))
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
    (json, stats.most_held)
}

/// The most statements the windowed merge held for `days` days, sorted and
/// shuffled, each timeline checked against `build`'s; and the statements.
fn run_windowed(dir: &Path, days: i64) -> (usize, usize, usize) {
    run_with(dir, days, "w", "the windowed merge", |order, lines| {
        windowed_merge(dir, &format!("{order}{days}.jsonl"), lines)
    })
}

#[test]
fn the_windowed_merge_holds_a_few_days_whatever_the_order_of_the_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let (few, few_shuffled, few_statements) = run_windowed(tmp.path(), 6);
    let (many, many_shuffled, many_statements) = run_windowed(tmp.path(), 30);
    eprintln!(
        "statements held at once: {few} of {few_statements} (6 days), {many} of \
         {many_statements} (30 days); shuffled: {few_shuffled}, {many_shuffled}"
    );
    assert!(many_statements >= 4 * few_statements);
    assert!(few > 0);
    // what is held does not grow with the days, nor with disorder
    assert_eq!(
        many, few,
        "the most statements held at once, 30 days against 6"
    );
    assert_eq!(many_shuffled, many, "shuffled lines against sorted");
    assert_eq!(few_shuffled, few, "shuffled lines against sorted");
    assert!(
        many * 5 < many_statements,
        "{many} of {many_statements} statements held at once"
    );
}

/// `--top` and `--per-date` (and `--include-undated`) in a window of days:
/// merge of the statements of a 12-day story, lines shuffled, writes every
/// file `build` writes with the same selection, and says it merged a window
/// at a time.
#[test]
fn the_windowed_merge_selects_rows_as_build_does() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("story.jsonl");
    // and articles with statements that have a date but no place on the
    // calendar ("the over-50s": the 1950s, or later), listed with
    // --include-undated: `select` sorts their rows among the others
    let mut text = corpus(12);
    for i in 0..4 {
        let line = serde_json::json!({
            "id": format!("u{i}"),
            "dct": format!("2016-03-{:02}", 2 + 2 * i),
            "text": format!(
                "Ashford{i} residents among the over-50s were asked on {} March 2016 about the harbour.\n\n\
                 Some day the harbour of Ashford{i} will reopen, the over-50s said.\n",
                1 + 2 * i
            ),
        });
        text.push_str(&format!("{line}\n"));
    }
    // and leads that name no date: one article's alone (rows of --top
    // only; the 14th has no other news), and one two articles share (a row
    // of the full timeline)
    for (id, day, who) in [
        ("p3", 3, "Harbour pilots of Ashford3"),
        ("p7", 7, "Harbour pilots of Ashford7"),
        ("p14", 14, "Lighthouse keepers of Ashford14"),
        ("q9", 9, "Ferry crews of Ashford9"),
        ("r9", 9, "The ferry crews of Ashford9"),
    ] {
        let line = serde_json::json!({
            "id": id,
            "dct": format!("2016-03-{day:02}"),
            "text": format!(
                "Unpaid crews\n\n{who} say they have not been paid by the harbour board for their work.\n"
            ),
        });
        text.push_str(&format!("{line}\n"));
    }
    fs::write(&input, text).unwrap();
    let input = input.to_str().unwrap();
    let stream = String::from_utf8(chronicler(&[
        "extract",
        "--quiet",
        "--include-undated",
        input,
    ]))
    .unwrap();
    assert!(stream.contains(r#"{"key":"undated""#));
    let lines: Vec<&str> = stream.lines().collect();
    let statements = tmp.path().join("shuffled.jsonl");
    fs::write(&statements, shuffled(&lines).join("\n") + "\n").unwrap();
    let rows = |dir: &Path| -> usize {
        let t: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.join("timeline.json")).unwrap()).unwrap();
        t["events"].as_array().unwrap().len()
    };
    let all = tmp.path().join("all");
    chronicler(&["build", "--quiet", input, "-o", all.to_str().unwrap()]);
    let lead_rows = |dir: &Path| -> Vec<u64> {
        let t: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.join("timeline.json")).unwrap()).unwrap();
        (t["events"].as_array().unwrap().iter())
            .filter(|r| {
                (r["citations"].as_array().unwrap().iter())
                    .all(|c| c["expression"]["rule"] == "lead")
            })
            .map(|r| r["sources"].as_u64().unwrap())
            .collect()
    };
    let merge = |args: &[&str], name: &str| {
        let merged = tmp.path().join(format!("merge-{name}"));
        let out = cargo_bin_cmd!("chronicler")
            .arg("merge")
            .args(args)
            .arg(&statements)
            .arg("-o")
            .arg(&merged)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {said}");
        assert!(
            said.contains("merged a window of days at a time"),
            "{name}: {said}"
        );
        merged
    };
    let same = |built: &Path, merged: &Path, name: &str| {
        for file in [
            "timeline.json",
            "timeline.csv",
            "timelinejs.json",
            "timelinejs.csv",
            "vis-timeline.json",
            "timeline.xlsx",
        ] {
            assert!(
                fs::read(built.join(file)).unwrap() == fs::read(merged.join(file)).unwrap(),
                "{name}: {file} differs between build and merge"
            );
        }
    };
    // The full timeline: the lead two articles share is a row, one
    // article's lead alone is not.
    same(&all, &merge(&[], "all"), "all");
    assert_eq!(lead_rows(&all), vec![2]);
    let mut lone_leads_kept = 0;
    for (args, name) in [
        (&["--top", "5"][..], "top"),
        (&["--per-date", "1"][..], "per-date"),
        (&["--top", "4", "--per-date", "2"][..], "top-per-date"),
        (
            &["--include-undated", "--per-date", "1"][..],
            "undated-per-date",
        ),
        (&["--include-undated", "--top", "3"][..], "undated-top"),
        // every day: the 14th's only news is a lead
        (&["--top", "20"][..], "every-day"),
    ] {
        let built = tmp.path().join(format!("build-{name}"));
        let mut b = vec!["build", "--quiet", input, "-o", built.to_str().unwrap()];
        b.extend(args);
        chronicler(&b);
        let merged = merge(args, name);
        assert!(
            rows(&built) < rows(&all),
            "{name}: {} of {} rows kept",
            rows(&built),
            rows(&all)
        );
        same(&built, &merged, name);
        let leads = lead_rows(&built);
        if !args.contains(&"--top") {
            assert!(!leads.contains(&1), "{name}: {leads:?}");
        }
        lone_leads_kept += leads.iter().filter(|&&n| n == 1).count();
    }
    assert!(lone_leads_kept > 0, "--top showed no lone lead");
}
