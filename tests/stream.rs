//! Streaming `tag`: output in input order, equal to tagging the documents
//! one by one, whatever the thread count; long streams through stdin.
//! (Memory and speed are measured by `benches/scale.sh`, not asserted here.)

use assert_cmd::cargo::cargo_bin_cmd;
use chronicler::article::ingest;
use chronicler::output::{self, Format, Tagged};
use chronicler::{Dct, DctSource, Grammar, annotate};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stream/wires12.jsonl")
}

/// What tagging each document on its own and writing them all gives.
fn expected(path: &Path, format: Format, dct: &str) -> String {
    let dct = Dct::parse(dct, DctSource::Cli).unwrap();
    let docs = ingest::load_path(path).unwrap();
    let tagged: Vec<Tagged> = docs
        .into_iter()
        .map(|mut document| {
            if document.dct.is_none() {
                document.dct = Some(dct.clone());
            }
            Tagged {
                mentions: annotate(&document.text, document.dct.as_ref(), Grammar::embedded()),
                document,
            }
        })
        .collect();
    let mut buf = Vec::new();
    output::write(&mut buf, format, &tagged).unwrap();
    String::from_utf8(buf).unwrap()
}

fn run(args: &[&str], stdin: Option<&Path>) -> String {
    let mut cmd = cargo_bin_cmd!("chronicler");
    cmd.args(args);
    if let Some(p) = stdin {
        cmd.pipe_stdin(p).unwrap();
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn streamed_jsonl_equals_whole_run_for_any_thread_count() {
    let path = fixture();
    let want = expected(&path, Format::Jsonl, "2016-07-15");
    assert_eq!(want.lines().count(), 12);
    for threads in ["1", "4"] {
        let from_file = run(
            &[
                "tag",
                "--threads",
                threads,
                "--dct",
                "2016-07-15",
                path.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(from_file, want, "file, --threads {threads}");
        let from_stdin = run(
            &["tag", "--threads", threads, "--dct", "2016-07-15", "-"],
            Some(&path),
        );
        assert_eq!(from_stdin, want, "stdin, --threads {threads}");
    }
}

#[test]
fn streamed_csv_equals_whole_run() {
    let path = fixture();
    let want = expected(&path, Format::Csv, "2016-07-15");
    for threads in ["1", "4"] {
        let got = run(
            &[
                "tag",
                "--format",
                "csv",
                "--threads",
                threads,
                "--dct",
                "2016-07-15",
                path.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(got, want, "--threads {threads}");
    }
}

#[test]
fn output_file_holds_the_same_records() {
    let path = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tagged.jsonl");
    run(
        &[
            "tag",
            "--threads",
            "4",
            "--dct",
            "2016-07-15",
            "-o",
            out.to_str().unwrap(),
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        expected(&path, Format::Jsonl, "2016-07-15")
    );
    // only the output: no temporary file is left behind
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// 20,000 lines, generated here, written to the binary's stdin while its
/// stdout is read: every record comes back once, in order, with the
/// mentions its text has.
#[test]
fn a_long_generated_stream_through_stdin_keeps_order() {
    const N: usize = 20_000;
    let texts = [
        "Talks resumed yesterday in Geneva.",
        "The summit opened on January 3, 2017 in Bern.",
        "No date here at all, only words and numbers like 42.",
        "Last Friday night the council met; it meets again next week.",
    ];
    let counts: Vec<usize> = {
        let dct = Dct::parse("2016-07-15", DctSource::Cli).unwrap();
        texts
            .iter()
            .map(|t| annotate(t, Some(&dct), Grammar::embedded()).len())
            .collect()
    };
    assert_eq!(counts, [1, 1, 0, 2]);

    let mut child = Command::new(env!("CARGO_BIN_EXE_chronicler"))
        .args([
            "tag",
            "--threads",
            "2",
            "--quiet",
            "--dct",
            "2016-07-15",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut buf = std::io::BufWriter::new(&mut stdin);
        for i in 0..N {
            let line =
                serde_json::json!({"id": format!("doc-{i}"), "text": texts[i % texts.len()]});
            writeln!(buf, "{line}").unwrap();
        }
        buf.flush().unwrap();
    });
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    writer.join().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");

    let mut n = 0;
    for (i, line) in out.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"], format!("doc-{i}"));
        assert_eq!(
            v["mentions"].as_array().unwrap().len(),
            counts[i % texts.len()],
            "line {i}"
        );
        n += 1;
    }
    assert_eq!(n, N);
}
