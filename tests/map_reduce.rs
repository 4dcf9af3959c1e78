//! `build` as map and reduce: `chronicler extract` then `chronicler merge`
//! must write, byte for byte, every file `build` writes — on `seeds/` (with
//! its manifest), with `--top`, `--include-undated`, with the statement
//! lines shuffled, sorted by day or split over several extracts; and on
//! `tests/fixtures/map_reduce/quake.jsonl`, whose ids are numbers and
//! strings, one article of which only the others can date (merge dates it
//! by agreement) and one line of which is malformed. Merge refuses a stream
//! with a statement missing, an article twice or a line that is not a
//! record, naming what it expected.

mod common;

use assert_cmd::cargo::cargo_bin_cmd;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn quake() -> PathBuf {
    root().join("tests/fixtures/map_reduce/quake.jsonl")
}

/// Every file under `dir`, by name, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn build(args: &[&str], inputs: &[&Path], out: &Path) {
    let status = cargo_bin_cmd!("chronicler")
        .arg("build")
        .arg("--quiet")
        .args(args)
        .args(inputs)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
        .status;
    // exit 1 when a document was skipped: still a timeline
    assert!(status.code().is_some_and(|c| c <= 1), "build: {status}");
}

/// `chronicler extract ARGS` → its standard output.
fn extract(args: &[&str]) -> String {
    let out = cargo_bin_cmd!("chronicler")
        .arg("extract")
        .arg("--quiet")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "extract {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `chronicler merge ARGS -` with `stdin`; its output folder on success,
/// its standard error on failure.
fn merge(args: &[&str], stdin: &str, out: &Path) -> Result<(), String> {
    let o = cargo_bin_cmd!("chronicler")
        .arg("merge")
        .arg("--quiet")
        .args(args)
        .arg("-")
        .arg("-o")
        .arg(out)
        .write_stdin(stdin.to_string())
        .output()
        .unwrap();
    if o.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&o.stderr).into_owned())
    }
}

fn assert_same(built: &Path, merged: &Path, what: &str) {
    let (a, b) = (files(built), files(merged));
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "{what}: the same files"
    );
    assert_eq!(a.len(), 6, "{what}: build writes six files");
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{what}: {name} differs between build and extract + merge"
        );
    }
}

fn sorted(lines: &str) -> String {
    let mut v: Vec<&str> = lines.lines().collect();
    v.sort_unstable();
    v.iter().map(|l| format!("{l}\n")).collect()
}

fn reversed(lines: &str) -> String {
    lines.lines().rev().map(|l| format!("{l}\n")).collect()
}

#[test]
fn extract_then_merge_is_build_on_the_seeds() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let stream = extract(&[seeds.to_str().unwrap()]);
    assert!(stream.lines().count() > 10, "{stream}");
    for (args, name) in [
        (&[][..], "default"),
        (&["--top", "3"][..], "top"),
        (&["--per-date", "1"][..], "per-date"),
        (&["--top", "3", "--per-date", "2"][..], "top-per-date"),
    ] {
        let built = tmp.path().join(format!("build-{name}"));
        build(args, &[&seeds], &built);
        for (order, lines) in [
            ("as written", stream.clone()),
            ("sorted", sorted(&stream)),
            ("reversed", reversed(&stream)),
        ] {
            let merged = tmp.path().join(format!("merge-{name}-{}", order.len()));
            merge(args, &lines, &merged).unwrap();
            assert_same(&built, &merged, &format!("seeds, {name}, {order}"));
        }
    }
    // --include-undated needs statements extracted with it
    let built = tmp.path().join("build-undated");
    build(&["--include-undated"], &[&seeds], &built);
    let undated = extract(&["--include-undated", seeds.to_str().unwrap()]);
    assert!(undated.contains(r#"{"key":"undated""#), "{undated}");
    let merged = tmp.path().join("merge-undated");
    merge(&["--include-undated"], &reversed(&undated), &merged).unwrap();
    assert_same(&built, &merged, "seeds, --include-undated");
    for (args, name) in [
        (&["--include-undated", "--top", "3"][..], "undated-top"),
        (
            &["--include-undated", "--per-date", "1"][..],
            "undated-per-date",
        ),
    ] {
        let built = tmp.path().join(format!("build-{name}"));
        build(args, &[&seeds], &built);
        let merged = tmp.path().join(format!("merge-{name}"));
        merge(args, &sorted(&undated), &merged).unwrap();
        assert_same(&built, &merged, &format!("seeds, {name}"));
    }
    let err = merge(&["--include-undated"], &stream, &tmp.path().join("x")).unwrap_err();
    assert!(err.contains("extracted with --include-undated"), "{err}");
    assert!(
        !tmp.path().join("x").exists(),
        "a failed merge writes nothing"
    );
}

#[test]
fn shards_extracted_apart_merge_into_the_same_timeline() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let manifest = seeds.join("manifest.csv");
    let names = common::seed_files();
    let built = tmp.path().join("build");
    let mut args: Vec<&Path> = vec![Path::new("--manifest"), &manifest];
    args.extend(names.iter().map(PathBuf::as_path));
    build(&[], &args, &built);
    // two shards, the second numbered after the first
    let shard = |files: &[PathBuf], first: &str| {
        let mut a: Vec<&str> = vec!["--manifest", manifest.to_str().unwrap(), "--first", first];
        a.extend(files.iter().map(|p| p.to_str().unwrap()));
        extract(&a)
    };
    let one = shard(&names[..2], "0");
    let two = shard(&names[2..], "1000");
    let merged = tmp.path().join("merge");
    merge(&[], &sorted(&format!("{two}{one}")), &merged).unwrap();
    assert_same(&built, &merged, "two shards");
    // the same number twice: two extracts numbered alike
    let err = merge(
        &[],
        &format!("{one}{}", shard(&names[2..], "0")),
        &tmp.path().join("x"),
    )
    .unwrap_err();
    assert!(err.contains("expected each article number once"), "{err}");
}

#[test]
fn merge_dates_by_agreement_the_articles_only_the_others_can_date() {
    let tmp = tempfile::tempdir().unwrap();
    let built = tmp.path().join("build");
    build(&[], &[&quake()], &built);
    let stream = extract(&[quake().to_str().unwrap()]);
    // the undated articles travel with their text; the dated ones do not
    let articles: Vec<serde_json::Value> = stream
        .lines()
        .filter(|l| l.starts_with(r#"{"key":"","#))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(articles.len(), 6, "the malformed line is no article");
    let with_text: Vec<&str> = articles
        .iter()
        .filter(|a| a.get("text").is_some())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(with_text, ["104", "f"]);
    assert!(articles.iter().any(|a| a["id_number"] == true));
    let merged = tmp.path().join("merge");
    merge(&[], &reversed(&stream), &merged).unwrap();
    assert_same(&built, &merged, "quake fixture");
    let timeline = fs::read_to_string(merged.join("timeline.json")).unwrap();
    assert!(
        timeline.contains("agreement with other articles"),
        "f is dated by agreement"
    );
}

/// `chronicler merge ARGS FILE` (not quiet): its output folder and what it
/// said on standard error.
fn merge_file(args: &[&str], input: &Path, out: &Path) -> String {
    let o = cargo_bin_cmd!("chronicler")
        .arg("merge")
        .args(args)
        .arg(input)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "merge {args:?}: {err}");
    err
}

/// A happening wider than a window of days can show to be build's (the
/// same vote reported on four days, `wide.jsonl`): merge says so, merges
/// the whole story, and writes what build writes.
#[test]
fn merge_falls_back_to_the_whole_story_for_a_happening_wider_than_its_window() {
    let tmp = tempfile::tempdir().unwrap();
    let wide = root().join("tests/fixtures/map_reduce/wide.jsonl");
    let stream = tmp.path().join("statements.jsonl");
    fs::write(&stream, reversed(&extract(&[wide.to_str().unwrap()]))).unwrap();
    for (args, name) in [(&[][..], "default"), (&["--top", "1"][..], "top")] {
        let built = tmp.path().join(format!("build-{name}"));
        build(args, &[&wide], &built);
        let merged = tmp.path().join(format!("merge-{name}"));
        let said = merge_file(args, &stream, &merged);
        assert!(
            said.contains("merging the whole story at once: a happening is 3 days wide"),
            "{name}: {said}"
        );
        assert_same(&built, &merged, &format!("wide happening, {name}"));
    }
    // one row, citing all fifteen outlets over the four days
    let timeline: serde_json::Value =
        serde_json::from_slice(&fs::read(tmp.path().join("build-default/timeline.json")).unwrap())
            .unwrap();
    let rows = timeline["events"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["sources"], 15);
}

#[test]
fn merge_refuses_a_stream_with_something_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let stream = extract(&[root().join("seeds").to_str().unwrap()]);
    let lines: Vec<&str> = stream.lines().collect();
    // a statement lost (say, with a partition)
    let k = lines
        .iter()
        .position(|l| !l.starts_with(r#"{"key":"","#))
        .unwrap();
    let mut lost = lines.clone();
    lost.remove(k);
    let err = merge(&[], &(lost.join("\n") + "\n"), &tmp.path().join("a")).unwrap_err();
    assert!(err.contains("part of the extract is missing"), "{err}");
    // an article record lost
    let mut orphan = lines.clone();
    orphan.remove(0);
    let err = merge(&[], &(orphan.join("\n") + "\n"), &tmp.path().join("b")).unwrap_err();
    assert!(err.contains("expected the article record"), "{err}");
    // a line that is no record: named by its line
    let mut bad = lines.clone();
    bad.insert(3, r#"{"id": 1, "text": "a tag record"}"#);
    let err = merge(&[], &(bad.join("\n") + "\n"), &tmp.path().join("c")).unwrap_err();
    assert!(err.contains("<stdin>: line 4:"), "{err}");
    // nothing at all
    let err = merge(&[], "", &tmp.path().join("d")).unwrap_err();
    assert!(err.contains("found none"), "{err}");
    for d in ["a", "b", "c", "d"] {
        assert!(
            !tmp.path().join(d).exists(),
            "a failed merge writes nothing"
        );
    }
}

#[test]
fn statements_are_keyed_by_day_and_sort_after_their_articles() {
    let stream = extract(&[quake().to_str().unwrap()]);
    let sorted = sorted(&stream);
    let keys: Vec<String> = sorted
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["key"].as_str().unwrap().to_string()
        })
        .collect();
    let first_statement = keys.iter().position(|k| !k.is_empty()).unwrap();
    assert!(keys[..first_statement].iter().all(String::is_empty));
    assert!(keys[first_statement..].iter().all(|k| !k.is_empty()));
    // "Tuesday afternoon" in an article of 12 January 2010
    assert!(keys.iter().any(|k| k == "2010-01-12"), "{keys:?}");
    for k in &keys[first_statement..] {
        assert!(
            chrono::NaiveDate::parse_from_str(&k[..10], "%Y-%m-%d").is_ok(),
            "a statement's key starts with a date: {k}"
        );
    }
}

/// Site widgets are found across articles: merge, which has no texts,
/// finds them from the sentence hashes extract carries, as build does.
#[test]
fn merge_finds_site_widgets_as_build_does() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("story");
    fs::create_dir(&dir).unwrap();
    let promo = "Watch our special report on the floods on Friday at 9pm on our channel.";
    let places = ["Leeds", "York", "Hull", "Derby", "Bath", "Ely", "Wells"];
    for (i, place) in places.iter().enumerate() {
        fs::write(
            dir.join(format!("{i}.txt")),
            format!(
                "Date: 2016-07-1{}\n\nThe river burst its banks in {place} on Monday, flooding hundreds of homes near the centre.\n\n\
                 {promo}\n\nVolunteers in {place} filled sandbags through Tuesday night as more rain was forecast.\n",
                i % 3 + 4
            ),
        )
        .unwrap();
    }
    for args in [&[][..], &["--include-furniture"][..]] {
        let built = tmp.path().join(format!("build{}", args.len()));
        build(args, &[&dir], &built);
        let mut x = args.to_vec();
        x.push(dir.to_str().unwrap());
        let stream = extract(&x);
        let merged = tmp.path().join(format!("merge{}", args.len()));
        merge(args, &reversed(&stream), &merged).unwrap();
        assert_same(&built, &merged, &format!("widgets {args:?}"));
        let timeline = fs::read_to_string(built.join("timeline.json")).unwrap();
        assert_eq!(
            timeline.contains("site widget"),
            !args.is_empty(),
            "the promotion is a site widget, named only when furniture is kept"
        );
    }
}
