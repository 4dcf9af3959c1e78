//! End-to-end tests of the `chronicler` binary on fixtures under `tests/fixtures`.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn chronicler() -> assert_cmd::Command {
    cargo_bin_cmd!("chronicler")
}

/// Runs `chronicler` with `args`, expecting success, and returns stdout.
fn stdout_of(args: &[&str]) -> String {
    let out = chronicler()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

fn jsonl(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn ids(records: &[Value]) -> Vec<&str> {
    records
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect()
}

// ---- tag: input kinds ------------------------------------------------------

#[test]
fn tag_text_file_reads_date_line_as_dct() {
    let out = stdout_of(&["tag", fixture("tag/attack.txt").to_str().unwrap()]);
    let recs = jsonl(&out);
    assert_eq!(ids(&recs), ["attack.txt"]);
    assert_eq!(recs[0]["dct"]["date"], "2016-07-18");
    assert_eq!(recs[0]["dct"]["source"]["kind"], "document");
    assert!(recs[0]["mentions"].is_array());
}

#[test]
fn tag_finds_the_date_of_the_attack() {
    let out = stdout_of(&["tag", fixture("tag/attack.txt").to_str().unwrap()]);
    let recs = jsonl(&out);
    let mentions = recs[0]["mentions"].as_array().unwrap();
    let m = mentions
        .iter()
        .find(|m| m["value"] == "2016-07-15")
        .unwrap_or_else(|| panic!("no mention valued 2016-07-15 in {out}"));
    assert_eq!(m["type"], "DATE");
    assert!(m["text"].as_str().unwrap().contains("July 15, 2016"), "{m}");
    let text = fs::read_to_string(fixture("tag/attack.txt")).unwrap();
    let (start, end) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    let span: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(span, m["text"].as_str().unwrap());
}

#[test]
fn tag_directory_walks_sorted_and_reads_every_kind() {
    let out = stdout_of(&["tag", fixture("tag").to_str().unwrap()]);
    let recs = jsonl(&out);
    assert_eq!(ids(&recs), ["attack.txt", "report.tml", "wire-1", "wire-2"]);
    assert_eq!(recs[1]["dct"]["date"], "1998-03-02");
    assert_eq!(recs[2]["dct"]["date"], "2016-07-15");
    assert_eq!(recs[3]["dct"], Value::Null);
}

#[test]
fn tag_dct_flag_fills_only_documents_without_one() {
    let out = stdout_of(&[
        "tag",
        fixture("tag").to_str().unwrap(),
        "--dct",
        "2017-01-05",
    ]);
    let recs = jsonl(&out);
    assert_eq!(recs[0]["dct"]["date"], "2016-07-18");
    assert_eq!(recs[0]["dct"]["source"]["kind"], "document");
    assert_eq!(recs[3]["dct"]["date"], "2017-01-05");
    assert_eq!(recs[3]["dct"]["source"]["kind"], "cli");
}

#[test]
fn tag_rejects_a_bad_dct_flag() {
    chronicler()
        .args([
            "tag",
            fixture("tag/attack.txt").to_str().unwrap(),
            "--dct",
            "someday",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::starts_with(
            "chronicler: --dct: expected a date like 2016-07-15",
        ));
}

#[test]
fn tag_missing_path_names_it() {
    chronicler()
        .args(["tag", "/no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/file.txt"));
}

// ---- tag: stdin and JSON lines ---------------------------------------------

#[test]
fn tag_reads_json_lines_from_stdin() {
    let input = "{\"id\":\"s1\",\"dct\":\"2016-07-15\",\"text\":\"It rained yesterday.\"}\n\n\
                 {\"id\":\"s2\",\"text\":\"Nothing.\"}\n";
    let out = chronicler()
        .args(["tag", "-"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&String::from_utf8(out).unwrap());
    assert_eq!(ids(&recs), ["s1", "s2"]);
    assert_eq!(recs[0]["dct"]["date"], "2016-07-15");
}

#[test]
fn tag_stdin_malformed_line_is_named_and_others_go_on() {
    let input = "{\"id\":\"s1\",\"text\":\"a\"}\n{\"id\":\"s2\",\"text\":\n{\"id\":\"s3\",\"text\":\"c\"}\n";
    let assert = chronicler()
        .args(["tag", "-"])
        .write_stdin(input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "chronicler: <stdin>: line 2: expected a JSON object",
        ));
    let recs = jsonl(&String::from_utf8(assert.get_output().stdout.clone()).unwrap());
    assert_eq!(ids(&recs), ["s1", "s3"]);
}

#[test]
fn tag_malformed_jsonl_file_names_file_and_line() {
    let path = fixture("bad/malformed.jsonl");
    let assert = chronicler()
        .args(["tag", path.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}: line 2: expected a JSON object",
            path.display()
        )));
    let recs = jsonl(&String::from_utf8(assert.get_output().stdout.clone()).unwrap());
    assert_eq!(ids(&recs), ["ok-1", "ok-2"]);

    chronicler()
        .args(["tag", "--strict", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("line 2: expected a JSON object"));
}

// ---- tag: bad input, lenient and strict ------------------------------------

fn dir_with_bad_utf8() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a_good.txt"),
        "Date: 2016-07-15\nIt happened on Friday.",
    )
    .unwrap();
    fs::write(
        dir.path().join("b_bad.txt"),
        b"Caf\xc3\xa9 \xff closed on Monday.",
    )
    .unwrap();
    fs::write(dir.path().join("c_good.md"), "Nothing here.").unwrap();
    dir
}

#[test]
fn tag_lenient_reports_non_utf8_with_file_and_offset_and_goes_on() {
    let dir = dir_with_bad_utf8();
    let bad = dir.path().join("b_bad.txt");
    let assert = chronicler()
        .args(["tag", dir.path().to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "chronicler: {}: not valid UTF-8 at byte 6; expected UTF-8 text",
            bad.display()
        )));
    let recs = jsonl(&String::from_utf8(assert.get_output().stdout.clone()).unwrap());
    assert_eq!(ids(&recs), ["a_good.txt", "c_good.md"]);
}

#[test]
fn tag_strict_stops_at_the_first_bad_document() {
    let dir = dir_with_bad_utf8();
    chronicler()
        .args(["tag", "--strict", dir.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "b_bad.txt: not valid UTF-8 at byte 6",
        ));
}

#[test]
fn tag_strict_succeeds_on_good_input() {
    chronicler()
        .args(["tag", "--strict", fixture("tag").to_str().unwrap()])
        .assert()
        .success();
}

// ---- tag: output formats and files -----------------------------------------

#[test]
fn tag_csv_has_header_and_one_row_per_mention() {
    let out = stdout_of(&["tag", "--format", "csv", fixture("tag").to_str().unwrap()]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "doc_id",
            "start",
            "end",
            "text",
            "type",
            "value",
            "mod",
            "granularity",
            "interval_start",
            "interval_end",
            "rule",
            "assumptions"
        ]
    );
    let json = jsonl(&stdout_of(&["tag", fixture("tag").to_str().unwrap()]));
    let mentions: usize = json
        .iter()
        .map(|r| r["mentions"].as_array().unwrap().len())
        .sum();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), mentions);
    assert!(out.ends_with("\r\n") || mentions == 0);
}

#[test]
fn tag_csv_lists_the_attack_date() {
    let out = stdout_of(&[
        "tag",
        "--format",
        "csv",
        fixture("tag/attack.txt").to_str().unwrap(),
    ]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let found = reader
        .records()
        .map(Result::unwrap)
        .any(|r| &r[0] == "attack.txt" && &r[5] == "2016-07-15");
    assert!(found, "{out}");
}

#[test]
fn tag_timeml_single_document_round_trips() {
    let path = fixture("tag/attack.txt");
    let out = stdout_of(&["tag", "--format", "timeml", path.to_str().unwrap()]);
    let doc =
        chronicler::article::timeml::parse(&out, Path::new("<stdout>")).expect("valid TimeML");
    assert_eq!(doc.text, fs::read_to_string(&path).unwrap());
    assert_eq!(doc.docid.as_deref(), Some("attack.txt"));
    assert_eq!(doc.dct.unwrap().date.to_string(), "2016-07-18");
    let json = jsonl(&stdout_of(&["tag", path.to_str().unwrap()]));
    let mentions = json[0]["mentions"].as_array().unwrap();
    assert_eq!(doc.timexes.len(), mentions.len());
    for (t, m) in doc.timexes.iter().zip(mentions) {
        assert_eq!(t.start as u64, m["start"].as_u64().unwrap());
        assert_eq!(t.end as u64, m["end"].as_u64().unwrap());
        assert_eq!(t.value.as_deref(), m["value"].as_str());
    }
}

#[test]
fn tag_timeml_many_documents_need_an_output_directory() {
    chronicler()
        .args([
            "tag",
            "--format",
            "timeml",
            fixture("tag").to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected -o DIR"));

    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("tml");
    chronicler()
        .args([
            "tag",
            "--format",
            "timeml",
            "-o",
            dir.to_str().unwrap(),
            fixture("tag").to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["attack.tml", "report.tml", "wire-1.tml", "wire-2.tml"]
    );
    let report = chronicler::article::timeml::read_file(&dir.join("report.tml")).unwrap();
    assert_eq!(
        report.text,
        "\nShares fell 3% & bonds rose on Friday, traders said.\n"
    );
}

#[test]
fn tag_output_file_is_written_whole() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("tags.jsonl");
    fs::write(&file, "stale").unwrap();
    chronicler()
        .args([
            "tag",
            "-o",
            file.to_str().unwrap(),
            fixture("tag").to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let recs = jsonl(&fs::read_to_string(&file).unwrap());
    assert_eq!(recs.len(), 4);
    let entries: Vec<_> = fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "no temporary file left behind");
}

#[test]
fn tag_closed_stdout_is_not_an_error() {
    let mut input = String::new();
    for i in 0..3000 {
        input.push_str(&format!("{{\"id\":\"d{i}\",\"text\":\"Talks resumed on Monday, May 4, 2015 after a long pause.\"}}\n"));
    }
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("chronicler"))
        .args(["tag", "-", "--dct", "2015-05-06"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is written
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(input.as_bytes());
    }
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "status {status:?}, stderr {stderr}");
    assert_eq!(stderr, "");
}

// ---- explain -----------------------------------------------------------------

#[test]
fn explain_json_without_dct_has_none() {
    let out = stdout_of(&["explain", "last Friday", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["input"], "last Friday");
    assert_eq!(v["dct"], Value::Null);
}

#[test]
fn explain_uses_the_given_dct() {
    let out = stdout_of(&[
        "explain",
        "last Friday",
        "--dct",
        "2016-07-18",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["dct"]["date"], "2016-07-18");
    assert_eq!(v["dct"]["source"]["kind"], "cli");
    assert_eq!(v["mentions"][0]["value"], "2016-07-15");
}

#[test]
fn explain_text_names_the_input() {
    chronicler()
        .args(["explain", "yesterday", "--dct", "2016-07-18"])
        .assert()
        .success()
        .stdout(predicate::str::contains("yesterday"));
}

// ---- eval --------------------------------------------------------------------

#[test]
fn eval_counts_gold_per_corpus() {
    let out = stdout_of(&[
        "eval",
        fixture("eval").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["documents"], 2);
    assert_eq!(v["total"]["counts"]["gold"], 4);
    let corpora: Vec<(&str, u64)> = v["corpora"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap(),
                c["counts"]["gold"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(corpora, [(".", 2), ("sub", 2)]);
    let docs: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["easy.tml", "sub/hard.tml"]);
    assert!(v.get("errors").is_none(), "errors only with --errors");
    let f1 = v["total"]["scores"]["relaxed"]["f1"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&f1));
}

#[test]
fn eval_finds_the_easy_expressions() {
    let out = stdout_of(&[
        "eval",
        fixture("eval/easy.tml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["counts"]["gold"], 2);
    assert_eq!(v["total"]["counts"]["strict"], 2, "{out}");
    assert_eq!(v["total"]["counts"]["value_correct"], 2, "{out}");
}

#[test]
fn eval_errors_list_misses_with_context() {
    let out = stdout_of(&["eval", fixture("eval").to_str().unwrap(), "--errors"]);
    assert!(out.contains("total"), "{out}");
    assert!(out.contains("sub/hard.tml: MISS"), "{out}");
    assert!(out.contains("\"the incident\" DATE 2001-09-11"), "{out}");
    assert!(
        out.contains("after [the incident] met in Café Nord"),
        "{out}"
    );

    let json = stdout_of(&[
        "eval",
        fixture("eval").to_str().unwrap(),
        "--errors",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let miss = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "miss" && e["gold"]["text"] == "the incident")
        .expect("the incident is missed");
    assert_eq!(miss["document"], "sub/hard.tml");
    assert_eq!(miss["gold"]["start"], 17);
}

#[test]
fn eval_malformed_gold_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.tml");
    fs::write(&bad, "<TimeML>\n<TEXT>\nIt was <TIMEX3 type=\"DATE\" value=\"2001\">2001</EVENT>.\n</TEXT></TimeML>\n").unwrap();
    // Reported and skipped (exit 1); fatal with --strict (exit 2).
    for (strict, code) in [(false, 1), (true, 2)] {
        let mut args = vec!["eval", dir.path().to_str().unwrap()];
        if strict {
            args.push("--strict");
        }
        chronicler()
            .args(args)
            .assert()
            .code(code)
            .stderr(predicate::str::contains(format!(
                "chronicler: {}: line 3, column",
                bad.display()
            )))
            .stderr(predicate::str::contains("expected well-formed XML"));
    }
}

#[test]
fn dct_takes_the_date_forms_the_tagger_reads() {
    // "yesterday" in a document without a date of its own
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "The talks ended yesterday.\n").unwrap();
    let path = dir.path().join("a.txt");
    let path = path.to_str().unwrap();
    let iso = stdout_of(&["tag", "--dct", "2016-07-15", path]);
    assert!(iso.contains("\"value\":\"2016-07-14\""), "{iso}");
    for words in [
        "15 July 2016",
        "July 15, 2016",
        "Friday, 15 July 2016",
        "15 Jul. 2016",
    ] {
        assert_eq!(
            stdout_of(&["tag", "--dct", words, path]),
            iso,
            "--dct {words:?}"
        );
    }
    // a time and a zone after the date in words
    let zoned = stdout_of(&["tag", "--dct", "15 July 2016 Europe/Moscow", path]);
    assert_eq!(
        zoned,
        stdout_of(&["tag", "--dct", "2016-07-15 Europe/Moscow", path])
    );
    let timed = stdout_of(&["tag", "--dct", "July 15, 2016 9:30 a.m.", path]);
    assert_eq!(
        timed,
        stdout_of(&["tag", "--dct", "2016-07-15T09:30", path])
    );
    // not one date: refused, naming the flag
    for bad in ["soon", "July 2016", "15 July 2016 and 16 July 2016"] {
        chronicler()
            .args(["tag", "--dct", bad, path])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("chronicler: --dct: expected"));
    }
}

#[test]
fn build_and_check_give_the_same_status_for_the_same_input_problem() {
    let good = "MOSCOW - The talks ended on Friday, July 15, 2016, after a long night.\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        format!("Date: 2016-07-15\n\n{good}"),
    )
    .unwrap();
    // an empty file is skipped and reported
    fs::write(dir.path().join("b.txt"), "").unwrap();
    let out = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let o = out.path().to_str().unwrap();
    let status = |args: &[&str]| chronicler().args(args).output().unwrap().status.code();
    // one document skipped: 1 from both
    assert_eq!(status(&["build", "-q", d, "-o", o]), Some(1));
    assert_eq!(status(&["check", "-q", d]), Some(1));
    // --strict: the skipped document stops both, 2
    assert_eq!(status(&["build", "-q", "--strict", d, "-o", o]), Some(2));
    assert_eq!(status(&["check", "-q", "--strict", d]), Some(2));
    // a missing input: 2 from both
    assert_eq!(status(&["build", "-q", "no/such/dir", "-o", o]), Some(2));
    assert_eq!(status(&["check", "-q", "no/such/dir"]), Some(2));
    // a manifest without the columns: 2 from both
    let m = dir.path().join("m.csv");
    fs::write(&m, "name,date\na.txt,2016-07-15\n").unwrap();
    let m = m.to_str().unwrap();
    assert_eq!(
        status(&["build", "-q", d, "--manifest", m, "-o", o]),
        Some(2)
    );
    assert_eq!(status(&["check", "-q", d, "--manifest", m]), Some(2));
    // clean input: 0 from both
    fs::remove_file(dir.path().join("b.txt")).unwrap();
    fs::remove_file(dir.path().join("m.csv")).unwrap();
    assert_eq!(status(&["build", "-q", d, "-o", o]), Some(0));
    assert_eq!(status(&["check", "-q", d]), Some(0));
}
