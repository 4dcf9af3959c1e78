//! TimeML input that `tag` and `eval` must read rather than refuse: files
//! recognised by their content whatever their name (TempEval-3's inputs end
//! in `.TE3input`), a malformed article date repaired when it reads one way
//! only and ignored with a warning otherwise, and gold TIMEX3s without a
//! `value` (scored as values that cannot match).

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = cargo_bin_cmd!("chronicler").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn timeml(dct: &str, text: &str) -> String {
    format!(
        "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>d</DOCID>\n\
         <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{dct}\" functionInDocument=\"CREATION_TIME\">{dct}</TIMEX3></DCT>\n\
         <TEXT>\n{text}\n</TEXT>\n</TimeML>\n"
    )
}

fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        fs::write(dir.path().join(name), body).unwrap();
    }
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn tag_reads_timeml_by_content_and_repairs_or_ignores_a_bad_article_date() {
    let text =
        "The talks ended on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2009-02-13\">Friday</TIMEX3>.";
    let dir = folder(&[
        // 13 cannot be a month: one reading
        ("a.TE3input", timeml("13-02-2009", text)),
        // 3 February or 2 March: ignored, the --dct stands in
        ("b.TE3input", timeml("03-02-2009", text)),
        ("c.xml", timeml("2009-02-13", text)),
        // not TimeML and not a known kind: not read, as before
        ("notes.dat", "Friday".to_string()),
        // a .txt that is TimeML is read as TimeML
        ("d.txt", timeml("2009-02-13", text)),
    ]);
    let (code, out, err) = run(&["tag", "--dct", "2010-01-01", s(dir.path())]);
    assert_eq!(code, 0, "{err}");
    let docs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.TE3input", "b.TE3input", "c.xml", "d.txt"]);
    let dates: Vec<&str> = docs
        .iter()
        .map(|d| d["dct"]["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2009-02-13", "2010-01-01", "2009-02-13", "2009-02-13"]
    );
    for d in &docs {
        // the markup is gone: the text is the plain text of <TEXT>
        assert_eq!(d["mentions"][0]["text"], "Friday");
    }
    assert!(
        err.contains(
            "a.TE3input: line 4, column 6: article date \"13-02-2009\" read as 2009-02-13"
        ),
        "{err}"
    );
    assert!(
        err.contains("b.TE3input: line 4, column 6: article date ignored: found \"03-02-2009\", which could be 2009-02-03 or 2009-03-02"),
        "{err}"
    );
    assert!(
        err.contains(
            "read 4 documents, skipped none; 2 with a malformed article date repaired or ignored"
        ),
        "{err}"
    );
}

#[test]
fn eval_reads_every_file_and_scores_gold_without_a_value() {
    let with_value =
        "It rained on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2009-02-12\">Thursday</TIMEX3>.";
    let without = "It rained on <TIMEX3 tid=\"t1\" type=\"DATE\">Thursday</TIMEX3>.";
    let dir = folder(&[
        ("a.tml", timeml("2009-02-13", with_value)),
        ("b.TE3input", timeml("2009-02-13", without)),
        ("c.tml", timeml("03-02-2009", with_value)),
    ]);
    let (code, out, err) = run(&["eval", "--format", "json", s(dir.path())]);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let total = &report["total"]["counts"];
    assert_eq!(report["documents"].as_array().unwrap().len(), 3);
    assert_eq!(total["gold"], 3);
    assert_eq!(total["relaxed"], 3);
    // a.tml is right; b.TE3input has no gold value; c.tml has no article date
    assert_eq!(total["value_correct"], 1, "{out}");
    assert!(
        err.contains("c.tml: line 4, column 6: article date ignored"),
        "{err}"
    );
    let (_, listed, _) = run(&["eval", "--errors", s(dir.path())]);
    assert!(
        listed.contains("gold:   14-22 \"Thursday\" DATE (no value)"),
        "{listed}"
    );
}
