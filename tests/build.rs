//! Acceptance of `chronicler build` on the five seed articles, with their
//! manifest and again without it (every article date then inferred), plus the
//! output formats and the committed `output/` folder.
//!
//! Each expected happening names its date (as the row's TIMEX3 value or the
//! calendar day it falls on), words that one of its cited sentences holds,
//! and the articles it must cite. A happening must match exactly one row:
//! two rows for the same happening on the same day fail, and so does none.

use assert_cmd::cargo::cargo_bin_cmd;
use chronicler::story::timeline::{DctStatus, Row, Timeline};
use chronicler::{BuildOptions, Grammar, Granularity, build};
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn build_dir(dir: &Path) -> Timeline {
    build(
        &[dir.to_path_buf()],
        &BuildOptions::default(),
        Grammar::embedded(),
    )
    .expect("the build runs")
}

/// The seed articles copied to a temporary folder without the manifest (and
/// without the README).
fn seeds_without_manifest() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for e in fs::read_dir(seeds()).expect("seeds/ is readable") {
        let p = e.expect("entry").path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            fs::copy(&p, dir.path().join(&name)).expect("copy");
        }
    }
    dir
}

/// How an expected happening is dated.
#[derive(Debug, Clone, Copy)]
enum When {
    /// The row's value is exactly this ("2015-09", "2011").
    Value(&'static str),
    /// The row falls on this calendar day (value of the day or finer).
    Day(&'static str),
}

struct Expected {
    what: &'static str,
    when: When,
    /// Every word must be in one cited sentence (case-insensitive).
    words: &'static [&'static str],
    /// Articles (by file-name prefix) the row must cite.
    cites: &'static [&'static str],
    /// At least this many distinct articles.
    min_sources: usize,
    /// An extra check on the row.
    check: fn(&Row) -> Result<(), String>,
}

fn ok(_: &Row) -> Result<(), String> {
    Ok(())
}

fn night_or_late(r: &Row) -> Result<(), String> {
    if r.date.ends_with("NI") || r.modifier.as_deref() == Some("END") {
        Ok(())
    } else {
        Err(format!(
            "expected a night or late value, found {} {:?}",
            r.date, r.modifier
        ))
    }
}

/// The attack row also holds 002's "this week’s terrorist attack in Nice":
/// a week-level mention naming a happening of a day inside that week.
fn nice_attack(r: &Row) -> Result<(), String> {
    night_or_late(r)?;
    let named = r.citations.iter().any(|c| {
        c.document.starts_with("002")
            && c.expression.text.to_lowercase() == "this week"
            && c.sentence.text.contains("terrorist attack in Nice")
    });
    if named {
        Ok(())
    } else {
        Err("expected 002's \"this week’s terrorist attack in Nice\" among its citations".into())
    }
}

/// The talks row also holds the Kremlin's "had not been addressed in
/// Thursday's talks" (003) and "… in yesterday's talks" (000).
fn putin_talks(r: &Row) -> Result<(), String> {
    night_or_late(r)?;
    for (doc, words) in [("000", "yesterday's talks"), ("003", "Thursday's talks")] {
        let found = r
            .citations
            .iter()
            .any(|c| c.document.starts_with(doc) && c.sentence.text.contains(words));
        if !found {
            return Err(format!("expected {doc}'s \"{words}\" among its citations"));
        }
    }
    Ok(())
}

fn mid(r: &Row) -> Result<(), String> {
    if r.modifier.as_deref() == Some("MID") && r.display_date == "mid-2014" {
        Ok(())
    } else {
        Err(format!(
            "expected mid-2014, found {:?} {:?}",
            r.modifier, r.display_date
        ))
    }
}

const EXPECTED: &[Expected] = &[
    Expected {
        what: "the Nice truck attack",
        when: When::Day("2016-07-14"),
        words: &["truck", "Nice"],
        cites: &["001", "002", "004"],
        min_sources: 3,
        check: nice_attack,
    },
    Expected {
        what: "the Kerry–Putin talks",
        when: When::Day("2016-07-14"),
        words: &["Kerry", "Putin"],
        cites: &[],
        min_sources: 4,
        check: putin_talks,
    },
    Expected {
        what: "the Kerry–Lavrov talks in Moscow",
        when: When::Day("2016-07-15"),
        words: &["Kerry", "Lavrov"],
        cites: &[],
        min_sources: 3,
        check: ok,
    },
    Expected {
        what: "the Washington Post's publication of the leaked proposal",
        when: When::Day("2016-07-14"),
        words: &["Washington Post"],
        cites: &["001", "002"],
        min_sources: 2,
        check: ok,
    },
    Expected {
        what: "Kremlin spokesman Peskov's statement",
        when: When::Day("2016-07-15"),
        words: &["Peskov"],
        cites: &[],
        min_sources: 1,
        check: ok,
    },
    Expected {
        what: "Kerry to meet EU foreign ministers",
        when: When::Value("2016-07-18"),
        words: &["European Union", "ministers"],
        cites: &["002"],
        min_sources: 1,
        check: ok,
    },
    Expected {
        what: "Russia's military intervention",
        when: When::Value("2015-09"),
        words: &["military intervention"],
        cites: &["004"],
        min_sources: 1,
        check: ok,
    },
    Expected {
        what: "Putin's withdrawal announcement",
        when: When::Value("2016-03"),
        words: &["Putin", "withdraw"],
        cites: &["004"],
        min_sources: 1,
        check: ok,
    },
    Expected {
        what: "the partial ceasefire",
        when: When::Value("2016-02"),
        words: &["partial ceasefire"],
        cites: &["003"],
        min_sources: 1,
        check: ok,
    },
    Expected {
        what: "Islamic State's seizure of territory",
        when: When::Value("2014"),
        words: &["Islamic State", "seized"],
        cites: &["003"],
        min_sources: 1,
        check: mid,
    },
    Expected {
        what: "the war's outbreak",
        when: When::Value("2011"),
        words: &["war", "erupted"],
        cites: &["003"],
        min_sources: 1,
        check: ok,
    },
    Expected {
        what: "talks urged for next month",
        when: When::Value("2016-08"),
        words: &["resumption of the talks"],
        cites: &["003"],
        min_sources: 1,
        check: ok,
    },
    Expected {
        what: "Assad and Shoigu in Damascus",
        when: When::Value("2016-06-18"),
        words: &["Assad", "Shoigu", "Damascus"],
        cites: &["004"],
        min_sources: 1,
        check: ok,
    },
];

fn day_of(r: &Row) -> Option<NaiveDate> {
    (r.granularity >= Granularity::Day)
        .then(|| NaiveDate::parse_from_str(r.date.get(..10)?, "%Y-%m-%d").ok())
        .flatten()
}

fn dated(r: &Row, when: When) -> bool {
    match when {
        When::Value(v) => r.date == v,
        When::Day(d) => day_of(r) == NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(),
    }
}

fn says(r: &Row, words: &[&str]) -> bool {
    r.citations.iter().any(|c| {
        let s = c.sentence.text.to_lowercase();
        words.iter().all(|w| s.contains(&w.to_lowercase()))
    })
}

fn cites(r: &Row, prefix: &str) -> bool {
    r.documents.iter().any(|d| d.starts_with(prefix))
}

fn describe(r: &Row) -> String {
    format!(
        "{} {} {:?} ({} sources: {})",
        r.id,
        r.date,
        r.headline,
        r.sources,
        r.documents.join(", ")
    )
}

/// Checks every expected happening; returns the problems.
fn acceptance(t: &Timeline) -> Vec<String> {
    let mut problems = Vec::new();
    for x in EXPECTED {
        let rows: Vec<&Row> = t
            .events
            .iter()
            .filter(|r| dated(r, x.when) && says(r, x.words))
            .collect();
        if rows.len() != 1 {
            problems.push(format!(
                "{}: expected one row dated {:?} citing {:?}, found {}: {:#?}",
                x.what,
                x.when,
                x.words,
                rows.len(),
                rows.iter().map(|r| describe(r)).collect::<Vec<_>>()
            ));
            continue;
        }
        let r = rows[0];
        for c in x.cites {
            if !cites(r, c) {
                problems.push(format!(
                    "{}: expected the row to cite {c}, found {}",
                    x.what,
                    describe(r)
                ));
            }
        }
        if r.sources < x.min_sources {
            problems.push(format!(
                "{}: expected at least {} sources, found {}",
                x.what,
                x.min_sources,
                describe(r)
            ));
        }
        if let Err(e) = (x.check)(r) {
            problems.push(format!("{}: {e}: {}", x.what, describe(r)));
        }
    }
    problems
}

fn stamp(s: &Option<String>) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(
        s.as_deref().expect("dated rows have an interval"),
        "%Y-%m-%dT%H:%M:%S",
    )
    .expect("interval stamps are ISO 8601")
}

/// No row outside 2011 – August 2016, none from furniture, all sorted.
fn sanity(t: &Timeline) -> Vec<String> {
    let mut problems = Vec::new();
    let lo = NaiveDate::from_ymd_opt(2011, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let hi = NaiveDate::from_ymd_opt(2016, 9, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let furniture = [
        "read latest news",
        "download the",
        "scroll to continue",
        "commercial break",
        "anuncio",
        "min read",
    ];
    for r in &t.events {
        let (s, e) = (stamp(&r.start), stamp(&r.end));
        if s < lo || e > hi {
            problems.push(format!("dated outside 2011–2016-08: {}", describe(r)));
        }
        if r.date.starts_with('P') || r.granularity == Granularity::None {
            problems.push(format!(
                "a duration or undated value as a row: {}",
                describe(r)
            ));
        }
        for c in &r.citations {
            let l = c.sentence.text.to_lowercase();
            if furniture.iter().any(|f| l.contains(f)) || l.trim() == "share" {
                problems.push(format!(
                    "boilerplate cited: {:?} in {}",
                    c.sentence.text, r.id
                ));
            }
        }
    }
    let keys: Vec<_> = t.events.iter().map(|r| r.sort_key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    if keys != sorted {
        problems.push("rows are not in chronological order".into());
    }
    problems
}

fn assert_no_problems(what: &str, problems: Vec<String>) {
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

#[test]
fn seeds_with_the_manifest() {
    let t = build_dir(&seeds());
    assert_eq!(t.documents.len(), 5, "README.md is not an article");
    for d in &t.documents {
        assert_eq!(d.dct.as_deref(), Some("2016-07-15"), "{}", d.id);
        assert_eq!(d.dct_source, "manifest", "{}", d.id);
    }
    let reuters = t
        .documents
        .iter()
        .find(|d| d.id.starts_with("001"))
        .unwrap();
    assert_eq!(reuters.source.as_deref(), Some("Reuters"));
    assert_eq!(
        reuters.zone.as_deref(),
        Some("Europe/Moscow"),
        "from the dateline"
    );
    assert_eq!(
        reuters.dateline.as_ref().map(|d| d.place.as_str()),
        Some("MOSCOW")
    );
    assert_no_problems("acceptance", acceptance(&t));
    assert_no_problems("sanity", sanity(&t));
    assert!(
        t.events
            .iter()
            .all(|r| r.dct != DctStatus::Inferred && r.dct != DctStatus::PartlyInferred)
    );
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn seeds_without_the_manifest_infer_every_date() {
    let dir = seeds_without_manifest();
    let t = build_dir(dir.path());
    assert_eq!(t.documents.len(), 5);
    for d in &t.documents {
        assert_eq!(d.dct.as_deref(), Some("2016-07-15"), "{}", d.id);
        assert_eq!(d.dct_source, "inferred", "{}", d.id);
        assert!(
            d.dct_basis.as_deref().is_some_and(|b| !b.is_empty()),
            "{}",
            d.id
        );
    }
    // 003 and 004 state the date; the others agree with them.
    let basis = |p: &str| {
        t.documents
            .iter()
            .find(|d| d.id.starts_with(p))
            .and_then(|d| d.dct_basis.clone())
            .unwrap_or_default()
    };
    assert!(basis("003").contains("15 July, 2016"), "{}", basis("003"));
    assert!(basis("004").contains("July 15, 2016"), "{}", basis("004"));
    assert!(
        basis("000").starts_with("agreement with other articles"),
        "{}",
        basis("000")
    );
    assert_no_problems("acceptance", acceptance(&t));
    assert_no_problems("sanity", sanity(&t));
    for r in &t.events {
        let depends = r.citations.iter().any(|c| c.depends_on_dct);
        if depends {
            assert_eq!(r.dct, DctStatus::Inferred, "{}", describe(r));
            assert!(!r.dct_basis.is_empty(), "{}", describe(r));
            assert!(
                r.citations.iter().filter(|c| c.depends_on_dct).all(|c| c
                    .expression
                    .assumptions
                    .iter()
                    .any(|a| a.starts_with("article date inferred"))),
                "{}",
                describe(r)
            );
        } else {
            assert_eq!(r.dct, DctStatus::NotNeeded, "{}", describe(r));
        }
    }
}

#[test]
fn durations_attach_to_the_event_they_measure() {
    let t = build_dir(&seeds());
    let talks = t
        .events
        .iter()
        .find(|r| r.date == "2016-07-15" && says(r, &["eight hours"]))
        .expect("the Kerry–Lavrov talks row");
    let c = talks
        .citations
        .iter()
        .find(|c| c.sentence.text.contains("eight hours"))
        .unwrap();
    assert_eq!(c.durations.len(), 1);
    assert_eq!(c.durations[0].text, "eight hours");
    assert_eq!(c.durations[0].value, "PT8H");
}

#[test]
fn citations_point_at_their_words() {
    let t = build_dir(&seeds());
    for r in &t.events {
        for c in &r.citations {
            let text = fs::read_to_string(seeds().join(&c.document)).unwrap();
            let chars: Vec<char> = text.chars().collect();
            let sentence: String = chars[c.sentence.start..c.sentence.end].iter().collect();
            assert_eq!(sentence, c.sentence.text, "{}", r.id);
            let expr: String = chars[c.expression.start..c.expression.end].iter().collect();
            assert_eq!(expr, c.expression.text, "{}", r.id);
            assert!(c.sentence.start <= c.expression.start && c.expression.end <= c.sentence.end);
        }
    }
}

#[test]
fn output_formats_honour_granularity() {
    let dir = tempfile::tempdir().unwrap();
    let t = build_dir(&seeds());
    chronicler::output::timeline::write_dir(dir.path(), &t, None).unwrap();

    // timeline.csv: RFC 4180 with the documented header, one row per event.
    let mut rdr = csv::Reader::from_path(dir.path().join("timeline.csv")).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, chronicler::output::timeline::CSV_HEADER);
    assert_eq!(rdr.records().count(), t.events.len());

    // TimelineJS: a month is {year, month}, a year {year}, a day {year, month, day}.
    let tjs: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("timelinejs.json")).unwrap())
            .unwrap();
    let events = tjs["events"].as_array().unwrap();
    let by_display = |d: &str| {
        events
            .iter()
            .find(|e| e["display_date"] == d)
            .unwrap_or_else(|| panic!("no TimelineJS event shown as {d}"))
    };
    assert_eq!(
        by_display("September 2015")["start_date"],
        serde_json::json!({"year": 2015, "month": 9})
    );
    assert_eq!(
        by_display("2011")["start_date"],
        serde_json::json!({"year": 2011})
    );
    // "mid-2014" is May to August: a range of months, not 1 January
    assert_eq!(
        by_display("mid-2014")["start_date"],
        serde_json::json!({"year": 2014, "month": 5})
    );
    assert_eq!(
        by_display("mid-2014")["end_date"],
        serde_json::json!({"year": 2014, "month": 8})
    );
    assert_eq!(
        by_display("Saturday 18 June 2016")["start_date"],
        serde_json::json!({"year": 2016, "month": 6, "day": 18})
    );
    for e in events {
        assert!(e["unique_id"].as_str().is_some_and(|s| s.starts_with('e')));
        assert!(
            e["text"]["headline"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
    }
    let week = events
        .iter()
        .find(|e| e["display_date"] == "week of 11 July 2016")
        .unwrap();
    assert_eq!(
        week["end_date"],
        serde_json::json!({"year": 2016, "month": 7, "day": 17})
    );

    // TimelineJS spreadsheet template.
    let mut rdr = csv::Reader::from_path(dir.path().join("timelinejs.csv")).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, chronicler::output::timeline::TIMELINEJS_HEADER);
    let month_row = rdr
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[8] == "September 2015")
        .unwrap();
    assert_eq!(
        (&month_row[0], &month_row[1], &month_row[2]),
        ("2015", "9", "")
    );

    // vis-timeline: ranges over the whole stretch, end exclusive.
    let vis: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("vis-timeline.json")).unwrap())
            .unwrap();
    let items = vis["items"].as_array().unwrap();
    let sept = items
        .iter()
        .find(|i| i["start"] == "2015-09-01")
        .expect("September 2015 as a range");
    assert_eq!(sept["end"], "2015-10-01");
    assert_eq!(sept["type"], "range");
    assert_eq!(sept["group"], "background");
    let groups: Vec<&str> = vis["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert!(
        items
            .iter()
            .all(|i| groups.contains(&i["group"].as_str().unwrap()))
    );
}

#[test]
fn committed_output_is_current() {
    // Regenerate with the binary, as the README says, and compare byte for byte.
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    cargo_bin_cmd!("chronicler")
        .current_dir(root)
        .args(["build", "seeds", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    for name in chronicler::output::timeline::FILES {
        let fresh = fs::read(dir.path().join(name)).unwrap();
        let committed = fs::read(root.join("output").join(name))
            .unwrap_or_else(|e| panic!("output/{name}: {e}; run `chronicler build seeds`"));
        assert!(
            fresh == committed,
            "output/{name} is stale: run `cargo run --release -- build seeds` and commit output/"
        );
    }
}

#[test]
fn binary_reports_a_bad_manifest_by_file_and_line() {
    let dir = seeds_without_manifest();
    fs::write(
        dir.path().join("manifest.csv"),
        "file,published\n000_ea1be26c28b093df.txt,2016-07-15\n001_dd15545884163b50.txt,mid-July\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    // A bad row is reported and the build goes on (tests/robustness.rs);
    // with --strict it is fatal and nothing is written.
    let assert = cargo_bin_cmd!("chronicler")
        .arg("build")
        .arg("--strict")
        .arg(dir.path())
        .arg("-o")
        .arg(out.path())
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(
            "manifest.csv: line 3: published: expected a date like 2016-07-15, found \"mid-July\""
        ),
        "{stderr}"
    );
    assert!(
        fs::read_dir(out.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn binary_top_keeps_the_best_supported_days() {
    let out = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    cargo_bin_cmd!("chronicler")
        .current_dir(root)
        .args(["build", "seeds", "--top", "2", "-o"])
        .arg(out.path())
        .assert()
        .success();
    let t: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("timeline.json")).unwrap())
            .unwrap();
    let dates: Vec<&str> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["date"].as_str().unwrap()[..10])
        .collect();
    assert_eq!(dates, vec!["2016-07-14", "2016-07-15"]);
}

#[test]
fn folder_dates_are_used_and_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let day = dir.path().join("2010-05-24");
    fs::create_dir(&day).unwrap();
    fs::write(
        day.join("1.htm.txt"),
        "BP pledged $ 500m -LRB- # 346m -RRB- to study the spill on Monday .\nThe rig exploded on 20 April , killing 11 workers .\n",
    )
    .unwrap();
    let t = build_dir(dir.path());
    assert_eq!(t.documents[0].dct_source, "folder");
    let dates: Vec<&str> = t.events.iter().map(|r| r.date.as_str()).collect();
    assert_eq!(dates, vec!["2010-04-20", "2010-05-24"]);
    assert_eq!(
        t.events[1].headline,
        "BP pledged $500m (£346m) to study the spill"
    );

    let opts = BuildOptions {
        dates_from_folders: false,
        ..BuildOptions::default()
    };
    let t = build(&[dir.path().to_path_buf()], &opts, Grammar::embedded()).unwrap();
    assert_eq!(t.documents[0].dct_source, "none");
    assert!(!t.warnings.is_empty());
}
