//! Bad input, faults and closed pipes: one test (or more) for each row of the
//! README's "Bad input, errors and exit codes" table. Every awkward input is
//! generated in a temporary folder here; nothing is read from outside `tests/`.
//!
//! Exit codes: 0 everything read, 1 something skipped or a problem reported
//! (the rest was processed), 2 usage error or a fatal problem (`--strict`).

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn chronicler() -> assert_cmd::Command {
    cargo_bin_cmd!("chronicler")
}

fn bin() -> PathBuf {
    PathBuf::from(assert_cmd::cargo::cargo_bin!("chronicler"))
}

/// Runs `chronicler args…` and returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out: Output = chronicler().args(args).output().expect("runs");
    (
        out.status.code().expect("exited, not killed"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

fn ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("each line is JSON");
            v["id"].as_str().expect("id").to_string()
        })
        .collect()
}

const GOOD: &str = "Date: 2016-07-15\nThe talks resumed on May 5, 2016 and ended yesterday.\n";

/// A folder with one good article and the given extra files.
fn folder_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(p, bytes).unwrap();
    }
    dir
}

// ---- invalid UTF-8 -----------------------------------------------------------

#[test]
fn invalid_utf8_names_file_and_byte_and_the_run_goes_on() {
    let dir = folder_with(&[("bad.txt", b"Date: 2016-07-15\nabc\xffdef")]);
    let (code, out, err) = run(&["tag", s(dir.path())]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(ids(&out), ["good.txt"]);
    assert!(
        err.contains("bad.txt: not valid UTF-8 at byte 20; expected UTF-8 text"),
        "{err}"
    );
    assert!(
        err.contains("read 1 document, skipped 1 (1 not UTF-8)"),
        "{err}"
    );
}

#[test]
fn lossy_replaces_invalid_bytes_says_so_and_keeps_offsets_in_chars() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"x\xff\xfe On May 5, 2016 talks resumed.").unwrap();
    let (code, out, err) = run(&["tag", "--lossy", s(&bad)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("bad.txt: not valid UTF-8 at byte 1; replaced 2 invalid sequence(s) with U+FFFD (--lossy)"),
        "{err}"
    );
    assert!(err.contains("1 with invalid UTF-8 replaced"), "{err}");
    let rec: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let m = &rec["mentions"][0];
    assert_eq!(m["text"], "May 5, 2016");
    // "x", two U+FFFD, " On " → the mention starts at char 7, byte 11.
    assert_eq!(
        (m["start"].as_u64(), m["byte_start"].as_u64()),
        (Some(7), Some(11))
    );
}

#[test]
fn lossy_works_for_json_lines_too() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("d.jsonl");
    fs::write(
        &f,
        b"{\"id\":\"a\",\"text\":\"ok \xff May 5, 2016\"}\n{\"id\":\"b\",\"text\":\"fine\"}\n",
    )
    .unwrap();
    let (code, out, err) = run(&["tag", s(&f)]);
    assert_eq!(code, 1);
    assert_eq!(ids(&out), ["b"]);
    assert!(
        err.contains("d.jsonl: line 1: not valid UTF-8 at byte 21 of the line"),
        "{err}"
    );
    let (code, out, err) = run(&["tag", "--lossy", s(&f)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(ids(&out), ["a", "b"]);
    assert!(err.contains("replaced 1 invalid sequence(s)"), "{err}");
}

// ---- empty and binary files ---------------------------------------------------

#[test]
fn empty_files_are_skipped_with_a_warning() {
    let dir = folder_with(&[
        ("empty.txt", b""),
        ("blank.md", b"  \n\t\n"),
        ("bom-only.txt", b"\xef\xbb\xbf\n"),
        ("none.jsonl", b"\n\n"),
        ("nothing.tml", b""),
    ]);
    let (code, out, err) = run(&["tag", s(dir.path())]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(ids(&out), ["good.txt"]);
    for name in [
        "empty.txt",
        "blank.md",
        "bom-only.txt",
        "none.jsonl",
        "nothing.tml",
    ] {
        assert!(
            err.contains(&format!("{name}: empty file; expected some text")),
            "{name}: {err}"
        );
    }
    assert!(err.contains("skipped 5 (5 empty)"), "{err}");
    // --strict: the first one is fatal.
    let (code, out, err) = run(&["tag", "--strict", s(dir.path())]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert!(err.contains("empty file"), "{err}");
}

#[test]
fn binary_files_are_skipped_with_the_reason() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0xa5u8, 4000));
    let mut jsonl = b"{\"id\":\"x\",\"text\":\"y\"}\n".to_vec();
    jsonl.extend(b"\0\0\0\x01\x02\n\0\n\0\n");
    let dir = folder_with(&[
        ("image.txt", &png),
        ("text-with-nul.md", b"May 5, 2016\0 and then"),
        ("dump.jsonl", &jsonl),
        ("gold.tml", b"<TimeML><TEXT>\0</TEXT></TimeML>"),
    ]);
    let (code, out, err) = run(&["tag", s(dir.path())]);
    assert_eq!(code, 1, "{err}");
    // The record before the NUL line of dump.jsonl is read; the rest of it is not.
    assert_eq!(ids(&out), ["x", "good.txt"]);
    assert!(
        err.contains("image.txt: binary file (NUL byte at byte 8); expected text"),
        "{err}"
    );
    assert!(
        err.contains("text-with-nul.md: binary file (NUL byte at byte 11)"),
        "{err}"
    );
    assert!(
        err.contains("gold.tml: binary file (NUL byte at byte 14)"),
        "{err}"
    );
    // One report for the whole JSONL file, not one per line.
    assert_eq!(err.matches("dump.jsonl").count(), 1, "{err}");
    assert!(
        err.contains("dump.jsonl: binary file (NUL byte at byte 22)"),
        "{err}"
    );
    assert!(err.contains("skipped 4 (4 binary)"), "{err}");
    // --lossy does not make a binary file text.
    let (code, _, _) = run(&["tag", "--lossy", s(&dir.path().join("image.txt"))]);
    assert_eq!(code, 1);
}

// ---- a large single-line file -------------------------------------------------

#[test]
fn a_large_single_line_file_is_tagged_whole() {
    // About 4 MB on one line, no newline anywhere: mention counts must come
    // out exact (no quadratic rescans, no line-length limits).
    let unit = "Talks resumed on May 5, 2016 after a pause; ";
    let n = 4_000_000 / unit.len();
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    fs::write(&big, unit.repeat(n)).unwrap();
    let (code, out, err) = run(&["tag", "--dct", "2016-07-15", s(&big)]);
    assert_eq!(code, 0, "{err}");
    let rec: Value = serde_json::from_str(out.trim_end()).unwrap();
    let mentions = rec["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), n);
    let last = &mentions[n - 1];
    assert_eq!(last["value"], "2016-05-05");
    assert_eq!(
        last["byte_start"].as_u64().unwrap() as usize,
        (n - 1) * unit.len() + unit.find("May").unwrap()
    );
}

/// Runs `chronicler args…` with `CHRONICLER_WINDOW_BYTES` set to `window`,
/// so a file above that size is tagged a window at a time.
fn run_windowed(window: &str, args: &[&str]) -> (i32, String, String) {
    let out: Output = chronicler()
        .env("CHRONICLER_WINDOW_BYTES", window)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().expect("exited, not killed"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

#[test]
fn a_large_single_line_file_is_tagged_in_windows_with_the_same_output() {
    // Above the window size a text file is not read whole but tagged range
    // by range: the output must be the same bytes, in JSON lines and CSV,
    // with other documents before and after it in their places.
    let unit =
        "Talks resumed on May 5, 2016 after a pause; the envoy will meet Monday, said a man. ";
    let big = unit.repeat(1_500_000 / unit.len());
    let dir = folder_with(&[
        ("b/big.txt", format!("Date: 2016-03-01\n{big}").as_bytes()),
        ("c.txt", GOOD.as_bytes()),
    ]);
    for format in ["jsonl", "csv"] {
        let args = [
            "tag",
            "--format",
            format,
            "--dct",
            "2016-07-15",
            s(dir.path()),
        ];
        let (code, whole, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        let (code, windowed, err) = run_windowed("65536", &args);
        assert_eq!(code, 0, "{err}");
        assert!(whole == windowed, "{format}: windowed output differs");
        assert!(whole.len() > 1_000_000, "{format}: {} bytes", whole.len());
    }
    // and one document on standard output among three
    let (_, out, _) = run_windowed("65536", &["tag", "--dct", "2016-07-15", s(dir.path())]);
    assert_eq!(ids(&out), ["b/big.txt", "c.txt", "good.txt"]);
}

#[test]
fn a_large_file_with_bad_bytes_is_reported_as_when_read_whole() {
    let mut bytes = "On May 5, 2016 talks resumed. ".repeat(10_000).into_bytes();
    // near the end, after many windows: nothing of it may have been written
    let at = bytes.len() - 100;
    bytes.splice(at..at, *b"\xe6\x97 \xff");
    let nul = [&bytes[..], b"\x00"].concat();
    let dir = folder_with(&[("bad.txt", &bytes), ("nul.txt", &nul)]);
    let bad = dir.path().join("bad.txt");
    let (whole_code, whole_out, whole_err) = run(&["tag", s(dir.path())]);
    let (code, out, err) = run_windowed("4096", &["tag", s(dir.path())]);
    assert_eq!((code, &out, &err), (whole_code, &whole_out, &whole_err));
    assert_eq!(code, 1);
    assert_eq!(ids(&out), ["good.txt"]);
    assert!(
        err.contains(&format!("bad.txt: not valid UTF-8 at byte {at}")),
        "{err}"
    );
    let nul_at = format!("nul.txt: binary file (NUL byte at byte {})", nul.len() - 1);
    assert!(err.contains(&nul_at), "{err}");
    // --lossy: the same note and the same record
    let whole = run(&["tag", "--lossy", s(&bad)]);
    let windowed = run_windowed("4096", &["tag", "--lossy", s(&bad)]);
    assert_eq!(windowed, whole);
    assert!(
        windowed.2.contains("replaced 2 invalid sequence(s)"),
        "{}",
        windowed.2
    );
    // --strict: nothing written, exit status 2
    let (code, out, _) = run_windowed("4096", &["tag", "--strict", s(&bad)]);
    assert_eq!((code, out.as_str()), (2, ""));
}

// ---- unreadable files and links ------------------------------------------------

#[cfg(unix)]
#[test]
fn unreadable_files_and_broken_links_are_reported_and_skipped() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = folder_with(&[("locked.txt", b"Date: 2016-07-15\nOn May 5, 2016.")]);
    let locked = dir.path().join("locked.txt");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    symlink("no-such-target.txt", dir.path().join("broken.txt")).unwrap();
    symlink("loop.txt", dir.path().join("loop.txt")).unwrap();
    // Root reads files whatever their mode: then the locked file is just read.
    let blocked = fs::read(&locked).is_err();

    let (code, out, err) = run(&["tag", s(dir.path())]);
    assert_eq!(code, 1, "{err}");
    let mut want = vec!["good.txt"];
    if blocked {
        assert!(err.contains("locked.txt: Permission denied"), "{err}");
        assert!(err.contains("1 unreadable (permission denied)"), "{err}");
    } else {
        want.push("locked.txt");
    }
    assert_eq!(ids(&out), want);
    assert!(
        err.contains("broken.txt: expected a symbolic link to a readable file, found No such file"),
        "{err}"
    );
    assert!(
        err.contains("loop.txt: expected a symbolic link to a readable file"),
        "{err}"
    );

    // Build goes on too, and --strict stops.
    let out_dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["build", s(dir.path()), "-o", s(out_dir.path())]);
    assert_eq!(code, 1, "{err}");
    assert!(out_dir.path().join("timeline.json").is_file());
    let (code, _, _) = run(&["build", "--strict", s(dir.path()), "-o", s(out_dir.path())]);
    assert_eq!(code, 2);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
}

// ---- JSON lines -------------------------------------------------------------------

#[test]
fn bad_json_lines_are_reported_by_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("wires.jsonl");
    fs::write(
        &f,
        "{\"id\":\"a\",\"text\":\"On May 5, 2016.\"}\n\
         this is not JSON\n\
         {\"id\":\"b\"}\n\
         \n\
         {\"id\":\"c\",\"text\":42}\n\
         [\"an\",\"array\"]\n\
         {\"id\":\"d\",\"text\":\"fine\",\"dct\":\"2016-02-30\"}\n\
         {\"id\":\"e\",\"text\":\"fine\"}\n",
    )
    .unwrap();
    let (code, out, err) = run(&["tag", s(&f)]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(ids(&out), ["a", "e"]);
    let name = f.display();
    for want in [
        format!(
            "{name}: line 2: expected a JSON object like {{\"id\": …, \"text\": …}}, found malformed JSON"
        ),
        format!(
            "{name}: line 3: expected a \"text\" field (or \"html\" for a web page), found none"
        ),
        format!("{name}: line 5: expected \"text\" to be a string, found a number"),
        format!(
            "{name}: line 6: expected a JSON object like {{\"id\": …, \"text\": …}}, found an array"
        ),
        format!(
            "{name}: line 7: expected \"dct\" to be a date like 2016-07-15, found \"2016-02-30\""
        ),
    ] {
        assert!(err.contains(&want), "missing {want:?} in {err}");
    }
    assert!(
        err.contains("read 2 documents, skipped 5 (5 bad JSON lines)"),
        "{err}"
    );
}

// ---- manifests ----------------------------------------------------------------------

/// Three articles and a manifest with the given text; returns (dir, out dir).
fn manifest_case(manifest: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(
            dir.path().join(name),
            "Talks resumed on May 5, 2016, officials said on Monday.\n",
        )
        .unwrap();
    }
    fs::write(dir.path().join("manifest.csv"), manifest).unwrap();
    (dir, tempfile::tempdir().unwrap())
}

fn build_in(dir: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["build", s(dir), "-o", s(out)];
    args.extend_from_slice(extra);
    let (code, _, err) = run(&args);
    (code, err)
}

#[test]
fn manifest_header_without_a_required_column_is_fatal() {
    let (dir, out) = manifest_case("file,source\na.txt,Reuters\n");
    let (code, err) = build_in(dir.path(), out.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("manifest.csv: line 1: expected a header with the columns file and published"),
        "{err}"
    );
    assert!(!out.path().join("timeline.json").exists());
}

#[test]
fn manifest_rows_missing_a_field_bad_dates_duplicates_and_unknown_files() {
    let (dir, out) = manifest_case(
        "file,published,timezone\n\
         a.txt,2016-07-15,Europe/Moscow\n\
         b.txt\n\
         c.txt,2016-02-30,\n\
         a.txt,2016-07-16,\n\
         gone.txt,2016-07-15,\n\
         \n\
         c.txt,2016-07-15,Mars/Base\n",
    );
    let (code, err) = build_in(dir.path(), out.path(), &[]);
    assert_eq!(code, 1, "{err}");
    let m = dir.path().join("manifest.csv");
    let m = m.display();
    for want in [
        format!("{m}: line 3: expected 3 fields like the header, found 1"),
        format!(
            "{m}: line 4: published: expected a date like 2016-07-15, found \"2016-02-30\" (no such day: February 2016 has 29 days)"
        ),
        format!("{m}: line 5: expected each file once, found \"a.txt\" again (first on line 2)"),
        format!(
            "{m}: line 8: timezone: expected an IANA time zone name like Europe/Moscow or an offset like +03:00, found \"Mars/Base\""
        ),
        format!("{m}: line 6: expected a document named \"gone.txt\" among the inputs, found none"),
    ] {
        assert!(err.contains(&want), "missing {want:?} in {err}");
    }
    assert!(
        err.contains("read 3 documents, skipped none; 5 other problems (5 bad manifest rows)"),
        "{err}"
    );
    // The good row was used; the rest of the build went on.
    let t: Value =
        serde_json::from_slice(&fs::read(out.path().join("timeline.json")).unwrap()).unwrap();
    let a = t["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "a.txt")
        .unwrap();
    assert_eq!(a["dct_source"], "manifest");
    // --strict: the first bad row is fatal.
    let (code, err) = build_in(dir.path(), out.path(), &["--strict"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 3: expected 3 fields"), "{err}");
}

// ---- time zones and impossible dates ------------------------------------------------

#[test]
fn unknown_time_zone_names_are_named() {
    let dir = folder_with(&[(
        "z.jsonl",
        b"{\"id\":\"z\",\"text\":\"x\",\"dct\":\"2016-07-15 Mars/Base\"}\n",
    )]);
    let out = tempfile::tempdir().unwrap();
    let (code, err) = build_in(dir.path(), out.path(), &["--tz", "Mars/Base"]);
    assert_eq!(code, 2);
    assert!(err.contains("--tz: expected an IANA time zone name like Europe/Moscow or an offset like +03:00, found \"Mars/Base\""), "{err}");
    let (code, _, err) = run(&["tag", "--dct", "2016-07-15 Atlantis/Capital", s(dir.path())]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--dct: expected an IANA time zone name"),
        "{err}"
    );
    assert!(err.contains("\"Atlantis/Capital\""), "{err}");
    // In a document it costs only that document.
    let (code, out, err) = run(&["tag", s(dir.path())]);
    assert_eq!(code, 1);
    assert_eq!(ids(&out), ["good.txt"]);
    assert!(err.contains("z.jsonl: line 1: expected \"dct\" to be a date like 2016-07-15, found \"2016-07-15 Mars/Base\""), "{err}");
}

#[test]
fn impossible_document_dates_are_reported() {
    let dir = folder_with(&[("feb.txt", b"Date: 2016-02-30\nIt rained yesterday.")]);
    let (code, _, err) = run(&["tag", "--dct", "2015-02-29", s(dir.path())]);
    assert_eq!(code, 2);
    assert!(err.contains("--dct: expected a date like 2016-07-15, found \"2015-02-29\" (no such day: February 2015 has 28 days)"), "{err}");
    let (code, _, err) = run(&["build", "--dct", "2016-13-01", s(dir.path())]);
    assert_eq!(code, 2);
    assert!(err.contains("(no such day: there is no month 13)"), "{err}");
    let (code, out, err) = run(&["tag", s(dir.path())]);
    assert_eq!(code, 1);
    assert_eq!(ids(&out), ["good.txt"]);
    assert!(err.contains("feb.txt: line 1: expected a date like 2016-07-15 after \"Date:\", found \"2016-02-30\" (no such day: February 2016 has 29 days)"), "{err}");
    assert!(err.contains("skipped 1 (1 bad date)"), "{err}");
}

// ---- TimeML -------------------------------------------------------------------------

#[test]
fn malformed_timeml_names_line_and_column() {
    let xml = "<TimeML>\n<TEXT>\nIt was <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2001\">2001</EVENT>.\n</TEXT></TimeML>\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("broken.tml"), xml).unwrap();
    fs::write(
        dir.path().join("fine.tml"),
        "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2001-05-01\">May 1, 2001</TIMEX3></DCT><TEXT>It was <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2001\">2001</TIMEX3>.</TEXT></TimeML>",
    )
    .unwrap();
    let broken = dir.path().join("broken.tml");
    // `</EVENT>` starts at line 3, column 54: byte 69 of the file.
    let want = format!("{}: line 3, column 54 (byte 69): ", broken.display());
    let (code, out, err) = run(&["tag", s(dir.path())]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(ids(&out), ["fine.tml"]);
    assert!(err.contains(&want), "{err}");
    assert!(err.contains("expected well-formed XML"), "{err}");
    // eval: the bad gold file is skipped and the others scored, or fatal with --strict.
    let (code, out, err) = run(&["eval", s(dir.path()), "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&want), "{err}");
    assert!(
        err.contains("read 1 document, skipped 1 (1 bad TimeML)"),
        "{err}"
    );
    let report: Value = serde_json::from_str(&out).unwrap();
    assert!(report.is_object());
    let (code, out, err) = run(&["eval", "--strict", s(dir.path())]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
}

// ---- --grammar --------------------------------------------------------------------------

#[test]
fn a_bad_grammar_row_names_file_and_line() {
    let g = tempfile::tempdir().unwrap();
    let months = g.path().join("months.csv");
    fs::write(
        &months,
        "number,name,abbreviations\n1,january,jan\nthirteen,smarch,sma\n",
    )
    .unwrap();
    let dir = folder_with(&[]);
    for cmd in [
        vec!["tag", s(dir.path())],
        vec!["build", s(dir.path())],
        vec!["eval", s(dir.path())],
        vec!["explain", "May 5"],
    ] {
        let mut args = cmd.clone();
        args.extend(["--grammar", s(g.path())]);
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{cmd:?}: {err}");
        assert_eq!(out, "");
        assert!(
            err.contains(&format!("{}: line 3: ", months.display())),
            "{cmd:?}: {err}"
        );
        assert!(err.contains("\"thirteen\""), "{cmd:?}: {err}");
    }
}

// ---- exit codes and --strict across commands ---------------------------------------------

#[test]
fn exit_codes_agree_across_tag_build_and_eval() {
    let clean = folder_with(&[]);
    let gold = tempfile::tempdir().unwrap();
    fs::write(
        gold.path().join("g.tml"),
        "<TimeML><TEXT>It was <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2001\">2001</TIMEX3>.</TEXT></TimeML>",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(run(&["tag", s(clean.path())]).0, 0);
    assert_eq!(run(&["build", s(clean.path()), "-o", s(out.path())]).0, 0);
    assert_eq!(run(&["eval", s(gold.path())]).0, 0);

    fs::write(clean.path().join("empty.txt"), "").unwrap();
    fs::write(gold.path().join("empty.tml"), "").unwrap();
    assert_eq!(run(&["tag", s(clean.path())]).0, 1);
    assert_eq!(run(&["build", s(clean.path()), "-o", s(out.path())]).0, 1);
    assert_eq!(run(&["eval", s(gold.path())]).0, 1);
    assert_eq!(run(&["tag", "--strict", s(clean.path())]).0, 2);
    assert_eq!(
        run(&["build", "--strict", s(clean.path()), "-o", s(out.path())]).0,
        2
    );
    assert_eq!(run(&["eval", "--strict", s(gold.path())]).0, 2);

    // Usage errors and missing inputs.
    assert_eq!(run(&["tag", "--no-such-flag", s(clean.path())]).0, 2);
    assert_eq!(run(&["tag", "/no/such/input"]).0, 2);
    assert_eq!(run(&["build", "/no/such/input", "-o", s(out.path())]).0, 2);
    assert_eq!(run(&["eval", "/no/such/gold"]).0, 2);
}

#[test]
fn the_summary_groups_reasons() {
    let dir = folder_with(&[
        ("e1.txt", b""),
        ("e2.txt", b" "),
        ("bin.txt", b"\0"),
        ("bad.txt", b"\xff"),
    ]);
    let (code, _, err) = run(&["tag", s(dir.path())]);
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().last(),
        Some("chronicler: read 1 document, skipped 4 (1 binary, 2 empty, 1 not UTF-8)")
    );
    // A clean tag run says nothing on stderr; build always says what it read.
    let clean = folder_with(&[]);
    assert_eq!(run(&["tag", s(clean.path())]).2, "");
    let out = tempfile::tempdir().unwrap();
    let (_, err) = build_in(clean.path(), out.path(), &[]);
    assert!(
        err.ends_with("chronicler: read 1 document, skipped none\n"),
        "{err}"
    );
    // The same with the review page, which reads the inputs through `check`.
    fs::write(clean.path().join("empty.txt"), "").unwrap();
    let (code, err) = build_in(clean.path(), out.path(), &["--html"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.ends_with("chronicler: read 1 document, skipped 1 (1 empty)\n"),
        "{err}"
    );
}

// ---- nothing lost: atomic outputs --------------------------------------------------------

/// A folder of `n` generated articles, big enough that a build takes a
/// while and its timeline has many rows.
fn many_articles(n: usize) -> tempfile::TempDir {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let (day, month, year) = (1 + i % 28, MONTHS[i % 12], 1990 + i % 25);
        let text = format!(
            "Date: 2016-07-{:02}\nTalks between the parties resumed on {month} {day}, {year}, officials said on Monday. \
             The next round is due on {} {day}, {}. A deal was signed in March {year} and broke down last week.\n",
            1 + i % 28,
            MONTHS[(i + 5) % 12],
            year + 1,
        )
        .repeat(10);
        fs::write(dir.path().join(format!("a{i:04}.txt")), text).unwrap();
    }
    dir
}

/// The visible files of `dir` (temporary files are hidden), with their bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn temp_file_in(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with('.') && name.ends_with(".tmp")
        })
    })
}

/// Runs `chronicler args…` and SIGKILLs it: with `Some(ms)` that long after
/// it starts, with `None` the moment a temporary output file appears in
/// `watch` (so, mid-write). True when it was killed while a temporary file
/// existed.
fn run_and_kill(args: &[&str], watch: &Path, delay_ms: Option<u64>) -> bool {
    // Temporary files a killed run left behind would look like this run's.
    for e in fs::read_dir(watch).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".tmp") {
            fs::remove_file(e.path()).unwrap();
        }
    }
    let mut child = Command::new(bin())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    match delay_ms {
        Some(ms) => std::thread::sleep(std::time::Duration::from_millis(ms)),
        None => {
            while !temp_file_in(watch) {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
            }
        }
    }
    let mid_write = temp_file_in(watch);
    let _ = child.kill(); // SIGKILL: no chance to clean up
    let _ = child.wait();
    mid_write
}

#[cfg(unix)]
#[test]
fn a_build_killed_mid_write_leaves_old_or_new_outputs_never_partial() {
    let input = many_articles(300);
    // The complete new outputs, and a folder holding different old ones.
    let fresh = tempfile::tempdir().unwrap();
    let (code, err) = build_in(input.path(), fresh.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let new = snapshot(fresh.path());
    assert_eq!(
        new.len(),
        chronicler::output::timeline::FILES.len(),
        "{new:?}"
    );
    let old: Vec<(String, Vec<u8>)> = new
        .iter()
        .map(|(name, _)| (name.clone(), format!("old {name}\n").into_bytes()))
        .collect();

    let out = tempfile::tempdir().unwrap();
    let args = ["build", s(input.path()), "-o", s(out.path())];
    let mut mid_write = 0;
    for delay in [None, Some(50), None, Some(300), None, None] {
        for (name, bytes) in &old {
            fs::write(out.path().join(name), bytes).unwrap();
        }
        mid_write += usize::from(run_and_kill(&args, out.path(), delay));
        for (name, bytes) in snapshot(out.path()) {
            let was = old.iter().find(|(n, _)| *n == name).map(|(_, b)| b);
            let now = new.iter().find(|(n, _)| *n == name).map(|(_, b)| b);
            assert!(
                was == Some(&bytes) || now == Some(&bytes),
                "killed ({delay:?}): {name} is neither the old nor the complete new file ({} bytes)",
                bytes.len()
            );
        }
        // Anything else left behind is a hidden temporary file, never a final name.
        for e in fs::read_dir(out.path()).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                old.iter().any(|(n, _)| *n == name)
                    || (name.starts_with('.') && name.ends_with(".tmp")),
                "unexpected file {name}"
            );
        }
    }
    eprintln!("build killed mid-write {mid_write} time(s) out of 6");
}

#[cfg(unix)]
#[test]
fn a_tag_killed_mid_write_leaves_the_old_output() {
    let input = many_articles(300);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("tags.jsonl");
    let (code, _, err) = run(&["tag", s(input.path()), "-o", s(&target)]);
    assert_eq!(code, 0, "{err}");
    let complete = fs::read(&target).unwrap();
    let args = ["tag", s(input.path()), "-o", s(&target)];
    for delay in [None, Some(20), None, Some(200), None] {
        fs::write(&target, "old\n").unwrap();
        run_and_kill(&args, out.path(), delay);
        let now = fs::read(&target).unwrap();
        assert!(
            now == b"old\n" || now == complete,
            "killed ({delay:?}): the output is partial ({} bytes)",
            now.len()
        );
    }
}

// ---- closed pipes ---------------------------------------------------------------------------

/// Spawns `chronicler args…`, reads the first line of its stdout, closes the
/// pipe and returns (exit status success, first line, stderr).
fn first_line_then_close(args: &[&str], stdin: Option<Vec<u8>>) -> (bool, String, String) {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let mut line = String::new();
    {
        let mut out = BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut line).unwrap();
        // Dropping the reader closes the read end, like `head -1` exiting.
    }
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    if let Some(f) = feeder {
        let _ = f.join();
    }
    (status.success(), line, err)
}

#[test]
fn tag_into_a_closed_pipe_ends_quietly_with_success() {
    let mut input = Vec::new();
    for i in 0..20_000 {
        input.extend(
            format!("{{\"id\":\"d{i}\",\"text\":\"Talks resumed on Monday, May 4, 2015 after a long pause.\"}}\n")
                .as_bytes(),
        );
    }
    for format in ["jsonl", "csv"] {
        let (ok, line, err) = first_line_then_close(
            &["tag", "-", "--dct", "2015-05-06", "--format", format],
            Some(input.clone()),
        );
        assert!(ok, "{format}: {err}");
        assert!(!line.is_empty(), "{format}");
        assert_eq!(err, "", "{format}");
    }
}

#[test]
fn explain_and_eval_into_a_closed_pipe_end_quietly() {
    let gold = tempfile::tempdir().unwrap();
    for i in 0..50 {
        fs::write(
            gold.path().join(format!("g{i}.tml")),
            "<TimeML><TEXT>It was <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2001\">2001</TIMEX3>, not May 2002.</TEXT></TimeML>",
        )
        .unwrap();
    }
    let (ok, _, err) = first_line_then_close(&["eval", s(gold.path()), "--errors"], None);
    assert!(ok, "{err}");
    assert_eq!(err, "");
    let (ok, _, err) = first_line_then_close(
        &["explain", "last Friday night", "--dct", "2016-07-15"],
        None,
    );
    assert!(ok, "{err}");
    assert_eq!(err, "");
}

/// A date with words after it ("July 2016", "next week") is a bad date,
/// not a bad time zone (the words after a space were read as the zone
/// first, so the message was about "2016" not being a zone).
#[test]
fn a_bad_date_before_a_space_is_named_as_the_date() {
    for bad in ["July 2016", "next week", "not a date"] {
        let err = chronicler::Dct::parse(bad, chronicler::DctSource::Cli).unwrap_err();
        assert!(
            err.starts_with("expected a date like 2016-07-15") && err.contains(bad),
            "{bad}: {err}"
        );
    }
    // a date and a zone still read, and a bad zone after a good date is the zone's
    assert!(chronicler::Dct::parse("2016-07-15 Europe/Paris", chronicler::DctSource::Cli).is_ok());
    let err =
        chronicler::Dct::parse("2016-07-15 Mars/Base", chronicler::DctSource::Cli).unwrap_err();
    assert!(err.contains("Mars/Base"), "{err}");
}
