//! Hostile input (issue 12): every byte of an article, a manifest, a JSON
//! line or a file name is untrusted. No crash, no escape sequence reaching
//! the terminal, no silent loss of a file, and the values stay honest. One
//! test (or more) per class; each failed before its fix. Everything awkward
//! is generated here in temporary folders.

use assert_cmd::cargo::cargo_bin_cmd;
use chronicler::{Dct, DctSource, Grammar, annotate};
use std::fs;
use std::path::Path;
use std::process::Output;

/// Runs `chronicler args…` and returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out: Output = cargo_bin_cmd!("chronicler")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().expect("exited, not killed by a signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// A folder holding `files` (name, contents).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(p, text).unwrap();
    }
    dir
}

/// An article that makes events: dated statements with a few cross references.
const STORY: &str = "Kerry met Putin in Moscow on Thursday.\n\n\
The talks on Friday lasted eight hours, officials said.\n\n\
The summit was held this year. Next decade the summit will be held again.\n\n\
The ministers will meet again 9999 millennia from now, a spokesman joked.\n";

/// The same story without the far future: for tests of other things.
const NEWS: &str = "Kerry met Putin in Moscow on Thursday.\n\n\
The talks on Friday lasted eight hours, officials said.\n\n\
The summit was held in February. Next week the ministers meet again.\n";

/// No panic (exit 101) and no abort (a signal) for any command.
fn assert_no_crash(code: i32, err: &str) {
    assert!(code != 101 && !err.contains("panicked"), "crashed: {err}");
}

// ---- dates outside the accepted years ----------------------------------------------

/// `+262142-06-15` parses as a date (chrono reaches year 262143) but is far
/// outside -9999..9999: refused wherever it comes from, naming the source,
/// and neither `build` nor `check` panics.
#[test]
fn a_date_outside_the_accepted_years_is_refused_naming_its_source() {
    let far = "+262142-06-15";
    let dir = folder(&[
        ("a.txt", &format!("Date: {far}\n\n{STORY}")),
        ("ok.txt", &format!("Date: 2016-07-15\n\n{STORY}")),
        (
            "wires.jsonl",
            &format!(
                "{{\"id\":\"w1\",\"text\":\"The talks ended this year.\",\"dct\":\"{far}\"}}\n"
            ),
        ),
    ]);
    let out = dir.path().join("out");
    for cmd in ["build", "check"] {
        let mut args = vec![cmd, s(dir.path())];
        if cmd == "build" {
            args.extend(["-o", s(&out)]);
        }
        let (code, _, err) = run(&args);
        assert_no_crash(code, &err);
        assert!(
            err.contains("a.txt: line 1: expected a date like 2016-07-15 after \"Date:\", found \"+262142-06-15\" (year 262142 is outside -9999 to 9999"),
            "{cmd}: {err}"
        );
        assert!(
            err.contains("wires.jsonl: line 1: expected \"dct\" to be a date like 2016-07-15, found \"+262142-06-15\" (year 262142"),
            "{cmd}: {err}"
        );
        assert!(code == 1 || code == 2, "{cmd}: exit {code}: {err}");
    }
    // The manifest names its line; --dct is a usage error (exit 2).
    let manifest = dir.path().join("m.csv");
    fs::write(&manifest, format!("file,published\nok.txt,{far}\n")).unwrap();
    let (code, _, err) = run(&[
        "build",
        s(&dir.path().join("ok.txt")),
        "--manifest",
        s(&manifest),
        "-o",
        s(&out),
    ]);
    assert_no_crash(code, &err);
    assert!(err.contains("m.csv: line 2: published: expected a date like 2016-07-15, found \"+262142-06-15\" (year 262142"), "{err}");
    for cmd in ["build", "check", "tag"] {
        let (code, _, err) = run(&[cmd, s(&dir.path().join("ok.txt")), "--dct", far]);
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(err.contains("--dct: expected a date like 2016-07-15, found \"+262142-06-15\" (year 262142 is outside -9999 to 9999"), "{cmd}: {err}");
    }
}

/// Inside the range, arithmetic cannot run off the calendar: "9999
/// millennia from now" is left unresolved instead of wrapping to year
/// -262143, and every interval runs forwards inside the accepted years.
#[test]
fn values_past_the_accepted_years_are_left_unresolved_not_wrapped() {
    let g = Grammar::embedded();
    for dct in ["2016-07-15", "9999-06-15", "-9999-03-01"] {
        let dct = Dct::parse(dct, DctSource::Cli).unwrap();
        let text = "It was this year. Next decade it will be again. The last decade was quiet. \
                    In 9999 millennia from now, or 9999 centuries ago, next year and last year, \
                    next century, the next millennium, 9999 weeks later.";
        for m in annotate(text, Some(&dct), g) {
            let Some(iv) = m.timex.interval else {
                continue;
            };
            assert!(
                iv.start < iv.end,
                "{:?} at {}: interval runs backwards: {iv:?}",
                m.text,
                dct.date
            );
            let years = -9999..=10_000;
            assert!(
                years.contains(&chrono::Datelike::year(&iv.start))
                    && years.contains(&chrono::Datelike::year(&iv.end)),
                "{:?} at {}: {iv:?} is outside the accepted years",
                m.text,
                dct.date
            );
        }
    }
}

/// A row far in the future once panicked the timeline files
/// (`NaiveDateTime - TimeDelta overflowed`) after part of them was written.
#[test]
fn build_and_check_survive_values_at_the_end_of_the_calendar() {
    let dir = folder(&[
        ("a.txt", &format!("Date: 2016-07-15\n\n{STORY}")),
        ("b.txt", &format!("Date: 9999-12-30\n\n{STORY}")),
    ]);
    let out = dir.path().join("out");
    let (code, _, err) = run(&["build", s(dir.path()), "-o", s(&out), "--html"]);
    assert_no_crash(code, &err);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["check", s(dir.path())]);
    assert_no_crash(code, &err);
}

/// A year before 1 AD is written as TimeML corpora write it: `BC` and four
/// digits of the year BC (it was `-984`, three digits and one year off).
#[test]
fn years_before_the_common_era_are_written_bc_with_four_digits() {
    let g = Grammar::embedded();
    let dct = Dct::parse("2016-07-15", DctSource::Cli).unwrap();
    let value = |text: &str| {
        annotate(text, Some(&dct), g)
            .first()
            .map(|m| m.timex.value.clone())
            .unwrap_or_default()
    };
    // 2016 - 3000 = astronomical -984, which is 985 BC.
    assert_eq!(value("It was built 3000 years ago."), "BC0985");
    assert_eq!(value("It was built 2016 years ago."), "BC0001");
    assert_eq!(value("It was built 2015 years ago."), "0001");
    assert_eq!(value("It was built 1000 years ago."), "1016");
}

// ---- --threads -------------------------------------------------------------------

/// `--threads 100000` tried to start 100,000 threads and aborted (exit
/// 134); it is a usage error now, before anything is read.
#[test]
fn an_absurd_thread_count_is_a_usage_error() {
    let dir = folder(&[("a.txt", &format!("Date: 2016-07-15\n\n{NEWS}"))]);
    let out = dir.path().join("out");
    for args in [
        vec!["tag", s(dir.path()), "--threads", "100000"],
        vec!["build", s(dir.path()), "-o", s(&out), "--threads", "100000"],
    ] {
        let (code, stdout, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert!(
            err.contains("--threads") && err.contains("0 to 1024"),
            "{args:?}: {err}"
        );
    }
    assert!(!out.exists(), "nothing written");
    // The bound still lets a run pick its threads.
    let (code, _, err) = run(&["tag", s(dir.path()), "--threads", "3"]);
    assert_eq!(code, 0, "{err}");
}

// ---- terminal escape sequences -------------------------------------------------------

/// True when `s` holds a byte or character a terminal acts on: C0 controls
/// other than line feed and tab (ESC, BEL, CR …), DEL, C1 controls (U+009B
/// is a one-character CSI) and the bidirectional overrides.
fn has_controls(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// Escape sequences in an article or a file name (clear the screen, set
/// the window title, a C1 CSI, a carriage return that overwrites a line, a
/// right-to-left override) reached the terminal raw from `check` and from
/// error messages; they are shown escaped (`\u{1b}`) now.
#[test]
fn escape_sequences_in_articles_and_file_names_never_reach_the_terminal() {
    let evil_name = "x\u{1b}]0;pwned\u{7}.txt";
    let text = "Date: 2016-07-15\n\n\
        The talks \u{1b}[2J\u{1b}[H began in February, officials said.\n\n\
        The vote \u{9b}31m was held on Friday, July 16, 2016.\r FAKE: all clear.\n\n\
        Kerry \u{202e}arrived on Thursday.\n";
    let dir = folder(&[(evil_name, text), ("undated\u{1b}[31m.txt", NEWS)]);
    fs::write(dir.path().join("bad\u{1b}[5m.txt"), b"ok \xff bytes").unwrap();
    let out = dir.path().join("out");
    let missing = dir.path().join("missing\u{1b}[2J.txt");
    let runs: Vec<Vec<&str>> = vec![
        vec!["tag", s(dir.path())],
        vec!["build", s(dir.path()), "-o", s(&out)],
        vec!["check", s(dir.path())],
        vec!["check", s(dir.path()), "--format", "md"],
        vec!["tag", s(&missing)],
    ];
    for args in runs {
        let (code, stdout, err) = run(&args);
        assert_no_crash(code, &err);
        assert!(!has_controls(&err), "{args:?}: stderr {err:?}");
        if args[0] == "check" {
            assert!(!has_controls(&stdout), "{args:?}: stdout {stdout:?}");
            assert!(
                stdout.contains("\\u{1b}"),
                "{args:?}: shown escaped: {stdout}"
            );
        }
    }
    // The names are still recognisable in the messages.
    let (_, _, err) = run(&["tag", s(dir.path())]);
    assert!(err.contains("bad\\u{1b}[5m.txt: not valid UTF-8"), "{err}");
}

// ---- files left behind, files lost ----------------------------------------------------

/// The hidden temporary files of an output folder.
fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

/// A commit that fails at the rename (here: a folder stands where the file
/// goes) left `.timeline.json.PID.N.tmp` behind; it is removed now.
#[test]
fn a_failed_commit_leaves_no_temporary_file() {
    let dir = folder(&[("a.txt", &format!("Date: 2016-07-15\n\n{NEWS}"))]);
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("timeline.json").join("in-the-way")).unwrap();
    let (code, _, err) = run(&["build", s(dir.path()), "-o", s(&out)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("timeline.json"), "{err}");
    assert_eq!(temporaries(&out), Vec::<String>::new());
    // The library call on its own.
    let target = out.join("timeline.json");
    assert!(chronicler::output::atomic::write_atomically(&target, b"x").is_err());
    assert_eq!(temporaries(&out), Vec::<String>::new());
}

/// `tag art.txt -o art.txt` replaced the article with its own tags; a
/// manifest named like an output was overwritten by `build`. Every command
/// that writes refuses an output path that is one of its inputs (compared
/// as files, so `./art.txt` and a link count too), before reading.
#[test]
fn no_output_path_may_be_an_input_path() {
    let article = format!("Date: 2016-07-15\n\n{NEWS}");
    let dir = folder(&[
        ("art.txt", &article),
        ("w.jsonl", "{\"id\":\"a\",\"text\":\"on Friday\"}\n"),
    ]);
    let art = dir.path().join("art.txt");
    let dotted = dir.path().join(".").join("art.txt");
    for args in [
        vec!["tag", s(&art), "-o", s(&art)],
        vec!["tag", s(&art), "-o", s(&dotted), "--format", "csv"],
        vec!["tag", s(&art), "-o", s(&art), "--format", "timeml"],
        vec![
            "tag",
            s(&dir.path().join("w.jsonl")),
            "-o",
            s(&dir.path().join("w.jsonl")),
        ],
        vec![
            "tag",
            s(&dir.path().join("w.jsonl")),
            "--error-file",
            s(&dir.path().join("w.jsonl")),
        ],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("expected an output path that is not an input"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(fs::read_to_string(&art).unwrap(), article);
    #[cfg(unix)]
    {
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&art, &link).unwrap();
        let (code, _, err) = run(&["tag", s(&art), "-o", s(&link)]);
        assert_eq!(code, 2, "{err}");
        assert_eq!(fs::read_to_string(&art).unwrap(), article);
    }
    // build: a manifest where an output goes.
    let out = dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    let manifest = out.join("timeline.csv");
    let rows = "file,published\nart.txt,2016-07-15\n";
    fs::write(&manifest, rows).unwrap();
    let (code, _, err) = run(&["build", s(&art), "--manifest", s(&manifest), "-o", s(&out)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("expected an output path that is not an input"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&manifest).unwrap(), rows);
    // TimeML for a folder into that same folder would put a.tml beside a.txt
    // (and over an input a.tml).
    let (code, _, err) = run(&[
        "tag",
        s(dir.path()),
        "--format",
        "timeml",
        "-o",
        s(dir.path()),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("expected an output folder outside the input folder"),
        "{err}"
    );
}

/// Runs `chronicler args…` with standard output going to `file`.
fn run_into(args: &[&str], file: &Path) -> (i32, String) {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("chronicler"))
        .args(args)
        .stdout(fs::File::create(file).unwrap())
        .output()
        .expect("runs");
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `tag DIR -o DIR/tags.jsonl` run twice read its own earlier output as a
/// document the second time (a bad JSON line per record, exit 1). A run
/// never reads what it writes: its `-o` file, its TimeML folder, or the
/// file its standard output goes to.
#[test]
fn tag_never_reads_its_own_output_in_the_input_folder() {
    let article = format!("Date: 2016-07-15\n\n{NEWS}");
    let dir = folder(&[("a.txt", &article), ("b.txt", &article)]);
    let tags = dir.path().join("tags.jsonl");
    let first = run(&["tag", s(dir.path()), "-o", s(&tags)]);
    let once = fs::read_to_string(&tags).unwrap();
    let second = run(&["tag", s(dir.path()), "-o", s(&tags)]);
    assert_eq!((first.0, second.0), (0, 0), "{}", second.2);
    assert_eq!(fs::read_to_string(&tags).unwrap(), once);
    assert_eq!(once.lines().count(), 2);

    let dir = folder(&[("a.txt", &article), ("b.txt", &article)]);
    let tml = dir.path().join("tml");
    for _ in 0..2 {
        let (code, _, err) = run(&["tag", s(dir.path()), "--format", "timeml", "-o", s(&tml)]);
        assert_eq!(code, 0, "{err}");
    }
    let written: Vec<String> = fs::read_dir(&tml)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 2, "{written:?}");

    // With a file of error records beside the output, twice.
    let bad = "{\"id\":\"x\",\"text\":\"on Friday\"}\nnot json\n";
    let dir = folder(&[("a.txt", &article), ("w.jsonl", bad)]);
    let (tags, errors) = (
        dir.path().join("tags.jsonl"),
        dir.path().join("errors.jsonl"),
    );
    let args = [
        "tag",
        s(dir.path()),
        "-o",
        s(&tags),
        "--error-file",
        s(&errors),
    ];
    let first = run(&args);
    let written = (
        fs::read_to_string(&tags).unwrap(),
        fs::read_to_string(&errors).unwrap(),
    );
    let second = run(&args);
    assert_eq!((first.0, second.0), (0, 0), "{}", second.2);
    assert_eq!(
        (
            fs::read_to_string(&tags).unwrap(),
            fs::read_to_string(&errors).unwrap()
        ),
        written
    );

    // Standard output into the folder: `tag DIR > DIR/out.jsonl`, twice.
    let dir = folder(&[("a.txt", &article), ("b.txt", &article)]);
    let redirected = dir.path().join("out.jsonl");
    for _ in 0..2 {
        let (code, err) = run_into(&["tag", s(dir.path())], &redirected);
        assert_eq!(code, 0, "{err}");
    }
    assert_eq!(fs::read_to_string(&redirected).unwrap(), once);
}

/// A run that reads no document replaced earlier outputs with empty ones;
/// it leaves them as they were now, and says so.
#[test]
fn a_run_that_reads_nothing_writes_nothing() {
    let dir = folder(&[("bad.txt", "\u{0}binary")]);
    let empty = tempfile::tempdir().unwrap();
    let outputs = tempfile::tempdir().unwrap();
    let out = outputs.path().to_path_buf();
    for name in [
        "timeline.csv",
        "timeline.json",
        "tags.jsonl",
        "timeline.html",
    ] {
        fs::write(out.join(name), "earlier run").unwrap();
    }
    for input in [dir.path(), empty.path()] {
        for args in [
            vec!["build", s(input), "-o", s(&out)],
            vec!["build", s(input), "-o", s(&out), "--html"],
            vec!["tag", s(input), "-o", s(&out.join("tags.jsonl"))],
            vec![
                "tag",
                s(input),
                "-o",
                s(&out.join("tags.jsonl")),
                "--format",
                "timeml",
            ],
        ] {
            let (code, _, err) = run(&args);
            // build: no article to build from is a run that could not be
            // made (2, as tests/inputs.rs); tag: 1 if a document was
            // skipped, else 0 (an empty input is no error in a map step)
            match args[0] {
                "build" => assert_eq!(code, 2, "{args:?}: {err}"),
                _ => assert!(code <= 1, "{args:?}: {err}"),
            }
            assert!(err.contains("nothing written"), "{args:?}: {err}");
            // each file that could not be read is named, with why
            if input == dir.path() {
                assert!(
                    err.contains("bad.txt: binary file (NUL byte at byte 0)"),
                    "{args:?}: {err}"
                );
            }
            for name in [
                "timeline.csv",
                "timeline.json",
                "tags.jsonl",
                "timeline.html",
            ] {
                assert_eq!(
                    fs::read_to_string(out.join(name)).unwrap(),
                    "earlier run",
                    "{args:?} replaced {name}"
                );
            }
        }
    }
}

/// `build --html` then `build` into the same folder left the first run's
/// `timeline.html` beside the second run's files; an optional output not
/// written this run is removed now, so the folder is one run's.
#[test]
fn an_optional_output_of_an_earlier_run_is_not_left_beside_new_files() {
    let dir = folder(&[("a.txt", &format!("Date: 2016-07-15\n\n{NEWS}"))]);
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("timeline.html");
    let (code, _, err) = run(&["build", s(dir.path()), "-o", s(out.path()), "--html"]);
    assert_eq!(code, 0, "{err}");
    assert!(page.exists());
    let (code, _, err) = run(&["build", s(dir.path()), "-o", s(out.path())]);
    assert_eq!(code, 0, "{err}");
    assert!(!page.exists(), "the earlier page is still there");
    assert!(err.contains("timeline.html"), "{err}");
    let names: Vec<String> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        chronicler::output::timeline::FILES.len(),
        "{names:?}"
    );
}

/// One document whose id makes an impossible file name (longer than the
/// 255 bytes a name may have) stopped `tag --format timeml -o DIR` for
/// every document after it. Names are cut to fit now, and a document that
/// still cannot be written is reported and skipped; the rest are written.
#[test]
fn one_bad_id_does_not_stop_the_timeml_files_of_the_others() {
    let long = "x".repeat(5000);
    let lines = format!(
        "{{\"id\":\"a\",\"text\":\"on Friday\"}}\n\
         {{\"id\":\"{long}\",\"text\":\"on Friday\"}}\n\
         {{\"id\":\"{}\",\"text\":\"on Friday\"}}\n\
         {{\"id\":\"blocked/inside\",\"text\":\"on Friday\"}}\n\
         {{\"id\":\"c\",\"text\":\"on Friday\"}}\n",
        "é".repeat(3000)
    );
    let dir = folder(&[("w.jsonl", &lines)]);
    let out = tempfile::tempdir().unwrap();
    // A file where the folder `blocked/` would go.
    fs::write(out.path().join("blocked"), "in the way").unwrap();
    let (code, _, err) = run(&[
        "tag",
        s(&dir.path().join("w.jsonl")),
        "--format",
        "timeml",
        "--dct",
        "2016-07-15",
        "-o",
        s(out.path()),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("blocked"), "{err}");
    let names: Vec<String> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for want in ["a.tml", "c.tml"] {
        assert!(names.iter().any(|n| n == want), "{want} missing: {names:?}");
    }
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.iter().all(|n| n.len() <= 255), "{names:?}");
}

// ---- wrong values ---------------------------------------------------------------------

/// "2:30 a.m." on the Sunday New York springs forward does not exist, and
/// "1:30 a.m." on the Sunday it falls back happens twice; both were
/// emitted as if nothing were odd. They carry a note now; other times and
/// fixed offsets do not.
#[test]
fn a_time_in_a_daylight_saving_gap_or_overlap_says_so() {
    let g = Grammar::embedded();
    let note = |text: &str, dct: &str| -> Vec<String> {
        let dct = Dct::parse(dct, DctSource::Cli).unwrap();
        let ms = annotate(text, Some(&dct), g);
        let m = ms
            .iter()
            .find(|m| m.text.contains("a.m."))
            .expect("the time");
        m.assumptions.clone()
    };
    let gap = note(
        "The blast came at 2:30 a.m. on Sunday.",
        "2016-03-13T09:00 America/New_York",
    );
    assert!(
        gap.iter()
            .any(|a| a.contains("does not exist in America/New_York")),
        "{gap:?}"
    );
    let overlap = note(
        "The blast came at 1:30 a.m. on Sunday.",
        "2016-11-06T09:00 America/New_York",
    );
    assert!(
        overlap
            .iter()
            .any(|a| a.contains("happened twice in America/New_York")),
        "{overlap:?}"
    );
    for (text, dct) in [
        (
            "The blast came at 2:30 a.m. on Sunday.",
            "2016-03-20T09:00 America/New_York",
        ),
        (
            "The blast came at 2:30 a.m. on Sunday.",
            "2016-03-13T09:00-05:00",
        ),
    ] {
        let plain = note(text, dct);
        assert!(
            !plain
                .iter()
                .any(|a| a.contains("does not exist") || a.contains("twice")),
            "{dct}: {plain:?}"
        );
    }
}

/// "a b.txt" and "a?b.txt" both became the anchor `doc-a-b-txt`, so a
/// citation of one linked to the other. Anchors are injective now.
#[test]
fn different_file_names_get_different_anchors() {
    let article = format!("Date: 2016-07-15\n\n{NEWS}");
    let names = ["a b.txt", "a?b.txt", "a-b.txt", "a_b.txt", "a_2Eb.txt"];
    let files: Vec<(&str, &str)> = names.iter().map(|n| (*n, article.as_str())).collect();
    let dir = folder(&files);
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["build", s(dir.path()), "-o", s(out.path()), "--html"]);
    assert_eq!(code, 0, "{err}");
    let page = fs::read_to_string(out.path().join("timeline.html")).unwrap();
    let anchors: Vec<&str> = page
        .split("<tr id=\"doc-")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(anchors.len(), names.len(), "{anchors:?}");
    let unique: std::collections::BTreeSet<&&str> = anchors.iter().collect();
    assert_eq!(unique.len(), names.len(), "{anchors:?}");
    // Every citation links to an anchor that exists.
    for link in page.split("href=\"#doc-").skip(1) {
        let a = &link[..link.find('"').unwrap()];
        assert!(anchors.contains(&a), "{a} is no article's anchor");
    }
}

// ---- found by fuzzing -----------------------------------------------------------------

/// The inputs of `fuzz/fuzz_targets/page.rs`: the bytes cut at each NUL,
/// four pieces an article (id, text, source, url), the first byte picking
/// which articles are dated.
fn page_fuzz_inputs(data: &[u8]) -> Vec<chronicler::story::build::Input> {
    use chronicler::story::build::{Input, Meta};
    let (&pick, rest) = data.split_first().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let pieces: Vec<&[u8]> = rest.split(|&b| b == 0).collect();
    pieces
        .chunks(4)
        .take(8)
        .enumerate()
        .map(|(i, p)| {
            let field = |k: usize| p.get(k).map(|b| text(b)).filter(|s| !s.is_empty());
            Input {
                document: chronicler::Document {
                    id: field(0).unwrap_or_else(|| format!("doc{i}")),
                    id_number: false,
                    path: None,
                    text: field(1).unwrap_or_default(),
                    dct: match (pick >> (i % 8)) & 1 {
                        1 => Dct::parse(&format!("2016-07-{}", 10 + i), DctSource::Manifest).ok(),
                        _ => None,
                    },
                    page: None,
                },
                meta: Meta {
                    source: field(2),
                    url: field(3),
                    ..Meta::default()
                },
            }
        })
        .collect()
}

/// Two clusters of references by name ("this week's attack") joining one
/// cluster after them on the same day: the merge removed the first and
/// shifted the target's index by one only, so the second move indexed past
/// the end and the build panicked (found by the `page` fuzz target).
#[test]
fn two_named_references_joining_one_later_cluster_do_not_panic() {
    let data = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/page-merge-named.bin"),
    )
    .unwrap();
    let opts = chronicler::story::build::BuildOptions::default();
    let story =
        chronicler::story::build::analyse(page_fuzz_inputs(&data), &opts, Grammar::embedded());
    let report = chronicler::story::check::check_story(&story);
    let page = chronicler::output::html::page(&story.timeline, &report, None);
    assert!(page.ends_with("</html>\n"));
    assert!(!story.timeline.events.is_empty());
}
