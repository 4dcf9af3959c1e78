//! `tag -` as the map step of a cluster job (Spark `RDD.pipe`, Hadoop
//! Streaming): one output line per non-blank input line, in order; ids come
//! back as given; a bad line is an error record in its place (with
//! `--errors records`) and not a failure of the process; an empty partition
//! is no error; `--strict` never looks like success with output missing.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::fs;

/// A stream with good and bad lines of every kind, and where each starts.
fn stream() -> (Vec<u8>, Vec<usize>) {
    let lines: Vec<&[u8]> = vec![
        br#"{"id":"a-1","text":"The vote was on May 5, 2016.","dct":"2016-05-09"}"#,
        br#"{"id": 900489, "text": "Talks resume tomorrow.", "dct": "2016-05-09"}"#,
        br#"not json at all {"id": "b-2""#,
        b"",
        br#"["an","array"]"#,
        br#"{"id":"c-3"}"#,
        br#"{"id":4.5,"text":"x"}"#,
        br#"{"id":"d-4","text":"x","dct":"July"}"#,
        b"{\"id\":\"e-5\",\"text\":\"a\x00b\"}",
        b"{\"id\":\"f-6\",\"text\":\"caf\xe9\"}",
        br#"{"id":7,"text":"It ended on Friday.","dct":"2016-05-09"}"#,
    ];
    let mut bytes = Vec::new();
    let mut starts = Vec::new();
    for l in lines {
        starts.push(bytes.len());
        bytes.extend_from_slice(l);
        bytes.push(b'\n');
    }
    (bytes, starts)
}

fn run(args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let out = cargo_bin_cmd!("chronicler")
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_line_gives_one_record_in_order_and_bad_lines_are_data() {
    let (input, starts) = stream();
    let (code, out, err) = run(&["tag", "--quiet", "--errors", "records", "-"], &input);
    assert_eq!(
        code,
        Some(0),
        "bad lines reported as records are not a failure: {err}"
    );
    let out = lines(&out);
    // 11 lines, one blank: 10 records
    assert_eq!(out.len(), 10, "{out:#?}");
    let ids: Vec<&Value> = out.iter().map(|r| &r["id"]).collect();
    assert_eq!(
        ids,
        [
            &Value::from("a-1"),
            &Value::from(900489),
            &Value::from("b-2"),
            &Value::Null,
            &Value::from("c-3"),
            &Value::Null,
            &Value::from("d-4"),
            &Value::from("e-5"),
            &Value::from("f-6"),
            &Value::from(7)
        ]
    );
    let kinds: Vec<&str> = out
        .iter()
        .map(|r| r["error"]["kind"].as_str().unwrap_or("record"))
        .collect();
    assert_eq!(
        kinds,
        [
            "record",
            "record",
            "malformed_json",
            "not_an_object",
            "missing_field",
            "wrong_type",
            "bad_dct",
            "nul_byte",
            "not_utf8",
            "record"
        ]
    );
    // an error's offset is where its line starts in the stream, and its line number counts blank lines
    let line_of = |offset: usize| starts.iter().position(|&s| s == offset).unwrap() + 1;
    for r in out.iter().filter(|r| r.get("error").is_some()) {
        let offset = r["error"]["offset"].as_u64().unwrap() as usize;
        assert_eq!(
            r["error"]["line"].as_u64().unwrap() as usize,
            line_of(offset)
        );
        assert!(
            r["error"]["reason"]
                .as_str()
                .unwrap()
                .starts_with("expected")
                || r["error"]["reason"]
                    .as_str()
                    .unwrap()
                    .starts_with("not valid UTF-8")
        );
        assert!(r["error"].get("fatal").is_none());
    }
    // the records resolve as one process would: "tomorrow" from the given dct
    assert_eq!(out[1]["mentions"][0]["value"], "2016-05-10");
    // and stderr still says what happened, with ids and offsets
    assert!(
        err.contains(
            "line 6: expected a \"text\" field (or \"html\" for a web page), found none (id \"c-3\", byte"
        ),
        "{err}"
    );
}

#[test]
fn without_records_bad_lines_go_to_stderr_and_the_status_says_so() {
    let (input, _) = stream();
    let (code, out, err) = run(&["tag", "--quiet", "-"], &input);
    assert_eq!(code, Some(1), "{err}");
    let ids: Vec<Value> = lines(&out).into_iter().map(|r| r["id"].clone()).collect();
    assert_eq!(
        ids,
        [Value::from("a-1"), Value::from(900489), Value::from(7)]
    );
    // a NUL byte spoils its own line, not the rest of the stream
    assert!(
        err.contains("line 9: expected text, found a NUL byte"),
        "{err}"
    );
}

#[test]
fn a_side_file_takes_the_error_records() {
    let (input, _) = stream();
    let dir = tempfile::tempdir().unwrap();
    let errors = dir.path().join("errors.jsonl");
    let (code, out, _) = run(
        &[
            "tag",
            "--quiet",
            "--error-file",
            errors.to_str().unwrap(),
            "-",
        ],
        &input,
    );
    assert_eq!(code, Some(0));
    assert_eq!(lines(&out).len(), 3);
    let errs = lines(&fs::read_to_string(&errors).unwrap());
    assert_eq!(errs.len(), 7);
    assert!(errs.iter().all(|r| r["error"]["offset"].is_u64()));
}

#[test]
fn an_empty_partition_is_no_error() {
    for input in [&b""[..], b"\n\n", b"   \n"] {
        let (code, out, err) = run(&["tag", "--quiet", "--errors", "records", "-"], input);
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(out, "");
    }
}

#[test]
fn strict_in_a_pipe_leaves_a_fatal_record_and_fails() {
    let (input, starts) = stream();
    let (code, out, _) = run(
        &["tag", "--quiet", "--strict", "--errors", "records", "-"],
        &input,
    );
    assert_eq!(code, Some(2));
    // no document record, and the one line that says why
    let out = lines(&out);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0]["error"]["fatal"], true);
    assert_eq!(
        out[0]["error"]["offset"].as_u64().unwrap() as usize,
        starts[2]
    );
    // on a clean stream --strict writes everything
    let clean = b"{\"id\":1,\"text\":\"On May 5, 2016.\"}\n{\"id\":2,\"text\":\"x\"}\n";
    let (code, out, _) = run(
        &["tag", "--quiet", "--strict", "--errors", "records", "-"],
        clean,
    );
    assert_eq!(code, Some(0));
    assert_eq!(lines(&out).len(), 2);
}

#[test]
fn error_records_need_json_lines_output() {
    let (code, _, err) = run(&["tag", "--errors", "records", "--format", "csv", "-"], b"");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--errors records: expected --format jsonl"),
        "{err}"
    );
}
