//! Nothing ignored silently (issue #14): what a run reads, skips and
//! ignores is said, a run that reads no article writes nothing and fails,
//! and `chronicler furniture` shows which rule found which piece.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn chronicler() -> assert_cmd::Command {
    cargo_bin_cmd!("chronicler")
}

fn html_fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

#[test]
fn a_build_of_only_unreadable_or_unsupported_files_writes_nothing_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    for i in 0..3 {
        fs::write(input.join(format!("report{i}.pdf")), b"%PDF-1.4 not read").unwrap();
    }
    fs::write(input.join("notes.docx"), b"PK").unwrap();
    fs::write(input.join("empty.txt"), b"  \n").unwrap();
    fs::write(input.join("binary.txt"), b"ab\0cd").unwrap();
    // Earlier outputs, which must survive.
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("timeline.csv"), "earlier\n").unwrap();
    chronicler()
        .args(["build", "--quiet", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains(
            "expected at least one readable article, found none",
        ))
        .stderr(predicate::str::contains("skipped 2 (1 binary, 1 empty)"))
        .stderr(predicate::str::contains(
            "ignored 1 file with extension .docx, 3 files with extension .pdf",
        ))
        .stderr(predicate::str::contains("nothing written"));
    assert_eq!(
        fs::read_to_string(out.join("timeline.csv")).unwrap(),
        "earlier\n"
    );
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        1,
        "nothing else written"
    );
    // check, too, says so and fails.
    chronicler()
        .args(["check", "--quiet"])
        .arg(&input)
        .assert()
        .failure()
        .stderr(predicate::str::contains("found none"));
}

#[test]
fn files_that_are_not_read_are_listed_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "Date: 2016-07-15\nKerry met Putin on Thursday in the Kremlin.\n",
    )
    .unwrap();
    for i in 0..14 {
        fs::write(dir.path().join(format!("scan{i}.pdf")), b"%PDF").unwrap();
    }
    fs::copy(
        html_fixture("guardian.html"),
        dir.path().join("guardian.html"),
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("out");
    chronicler()
        .args(["build", "--quiet", "-o"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "read 2 documents, skipped none; ignored 14 files with extension .pdf",
        ));
    // tag says it too.
    chronicler()
        .args(["tag", "--quiet"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "ignored 14 files with extension .pdf",
        ));
}

#[test]
fn a_folder_of_pages_that_are_not_articles_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let listing: String = (0..6)
        .map(|i| {
            format!(
                "Presenter\\/Janice Long , Producer\\/Mark Plant Show {i} airs on Friday at 9pm .\n"
            )
        })
        .collect();
    fs::write(
        dir.path().join("listings.txt"),
        format!("Date: 2009-08-25\n{listing}"),
    )
    .unwrap();
    let out = dir.path().join("out");
    chronicler()
        .args(["build", "--quiet", "-o"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "set aside 1 page that is not an article (1 programme listings)",
        ));
    assert!(!out.exists());
    // Kept for auditing, its rows say why.
    chronicler()
        .args(["build", "--quiet", "--include-furniture", "-o"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .success();
    let csv = fs::read_to_string(out.join("timeline.json")).unwrap();
    assert!(
        csv.contains("\"furniture\": \"not an article: programme listings\""),
        "{csv}"
    );
}

#[test]
fn furniture_lists_each_piece_with_its_rule() {
    chronicler()
        .args(["furniture", "--quiet"])
        .arg(html_fixture("liveblog.html"))
        .arg(html_fixture("bbc-news.html"))
        .assert()
        .success()
        .stdout(predicate::str::contains("live-page entry stamp: \"1702\""))
        .stdout(predicate::str::contains(
            "reader's message: \"Dave in Mobile, Alabama, writes:",
        ))
        .stdout(predicate::str::contains(
            "update stamp: \"Page last updated at 14:10 GMT, Tuesday, 19 January 2010\"",
        ))
        .stdout(predicate::str::contains(
            "list under a heading (4 pieces; under line 36: \"Most Read\")",
        ))
        .stdout(predicate::str::contains("furniture in 2 of 2 documents"));
    let json = chronicler()
        .args(["furniture", "--quiet", "--format", "json"])
        .arg(html_fixture("liveblog.html"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v[0]["document"], "liveblog.html");
    assert!(
        v[0]["furniture"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "readers' comments")
    );
}
