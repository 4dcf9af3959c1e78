//! The review page (`build --html`) and the TimelineJS and vis-timeline
//! outputs, checked as files and then in a real, headless Chromium.
//!
//! The browser part runs `tests/browser/check.mjs` (playwright-core driving
//! Debian's chromium, with the real TimelineJS and vis-timeline from npm,
//! served from 127.0.0.1). Where chromium, node or `tests/browser/node_modules`
//! is missing it says so and skips, unless `CHRONICLER_REQUIRE_BROWSER=1`
//! (set by `.ci/run`), which makes that a failure. Screenshots are saved under
//! the target folder (`target/tmp/browser-shots/`), and their paths printed.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `chronicler build SEEDS --html -o DIR`.
fn build_html(input: &Path, out: &Path) {
    cargo_bin_cmd!("chronicler")
        .arg("build")
        .arg(input)
        .arg("--html")
        .arg("-q")
        .arg("-o")
        .arg(out)
        .assert()
        .success();
}

fn json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// Rows of timeline.json that have a place on the calendar.
fn dated_rows(timeline: &Value) -> Vec<&Value> {
    timeline["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|r| r["start"].is_string())
        .collect()
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn the_page_is_self_contained_and_holds_every_event_and_citation() {
    let dir = tempfile::tempdir().expect("temp dir");
    build_html(&root().join("seeds"), dir.path());
    let page = fs::read_to_string(dir.path().join("timeline.html")).expect("timeline.html");
    let timeline = json(&dir.path().join("timeline.json"));
    // The other outputs are what `build` alone writes.
    let plain = tempfile::tempdir().expect("temp dir");
    cargo_bin_cmd!("chronicler")
        .arg("build")
        .arg(root().join("seeds"))
        .args(["-q", "-o"])
        .arg(plain.path())
        .assert()
        .success();
    assert!(!plain.path().join("timeline.html").exists());
    for name in ["timeline.json", "timelinejs.json", "vis-timeline.json"] {
        assert_eq!(
            fs::read(plain.path().join(name)).unwrap(),
            fs::read(dir.path().join(name)).unwrap(),
            "{name} is the same with --html"
        );
    }

    // Nothing to fetch: no scripts, styles, images or fonts from elsewhere.
    for bad in [
        "src=\"http",
        "<link",
        "@import",
        "url(http",
        "url(//",
        "src=\"//",
    ] {
        assert!(!page.contains(bad), "the page must not load {bad:?}");
    }
    assert!(page.contains("<style>") && page.contains("<script>"));
    assert!(page.contains("@media print"), "a print style sheet");

    for r in dated_rows(&timeline) {
        let id = s(&r["id"]);
        assert!(
            page.contains(&format!("id=\"ev-{id}\"")),
            "card of {id} on the axis"
        );
        assert!(
            page.contains(&format!("data-row=\"{id}\"")),
            "row of {id} in the table"
        );
        assert!(
            page.contains(&escape(s(&r["headline"]))),
            "headline of {id}"
        );
        for c in r["citations"].as_array().unwrap() {
            let words = s(&c["expression"]["text"]);
            let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                page.contains(&format!("<mark>{}</mark>", escape(&words))),
                "{id}: the words {words:?} are marked"
            );
            assert!(
                page.contains(&format!("data-doc=\"{}\"", escape(s(&c["document"])))),
                "{id}: the article is named"
            );
        }
    }
    let undated = timeline["events"].as_array().unwrap().len() - dated_rows(&timeline).len();
    assert_eq!(undated, 0, "no undated rows without --include-undated");
    assert!(page.contains("No conflicts found"));
}

#[test]
fn conflicts_are_marked_on_the_events_they_concern() {
    let seeds = root().join("seeds");
    let input = tempfile::tempdir().expect("temp dir");
    for e in fs::read_dir(&seeds).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".txt") || name == "manifest.csv" {
            let mut text = fs::read_to_string(&p).unwrap();
            if name.starts_with("004") {
                text = text.replacen("met late Thursday night", "met late Wednesday night", 1);
            }
            fs::write(input.path().join(&name), text).unwrap();
        }
    }
    let out = tempfile::tempdir().expect("temp dir");
    build_html(input.path(), out.path());
    let page = fs::read_to_string(out.path().join("timeline.html")).unwrap();
    let timeline = json(&out.path().join("timeline.json"));
    assert!(page.contains("1 conflict</span>"), "the summary counts it");
    // Both datings of the talks carry the mark.
    let marked: Vec<&str> = dated_rows(&timeline)
        .into_iter()
        .filter(|r| {
            let id = s(&r["id"]);
            page.split(&format!("id=\"ev-{id}\""))
                .next()
                .and_then(|before| before.rsplit("<article class=\"").next())
                .is_some_and(|class| class.contains("has-conflict"))
        })
        .map(|r| s(&r["display_date"]))
        .collect();
    assert!(
        marked
            .iter()
            .any(|d| d.starts_with("Wednesday 13 July 2016")),
        "{marked:?}"
    );
    assert!(
        marked
            .iter()
            .any(|d| d.starts_with("Thursday 14 July 2016")),
        "{marked:?}"
    );
    assert!(page.contains("id=\"conflict-1\""));
}

/// Chromium, node and the npm packages, or why not.
fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| {
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
                .iter()
                .map(PathBuf::from)
                .find(|p| p.exists())
        })
        .ok_or("no chromium (apt-get install chromium, or set CHROMIUM)")?;
    let node = Command::new("node")
        .arg("--version")
        .output()
        .map_err(|e| format!("no node on PATH ({e})"))?;
    if !node.status.success() {
        return Err("node --version failed".into());
    }
    let dir = root().join("tests").join("browser");
    if !dir
        .join("node_modules")
        .join("playwright-core")
        .join("package.json")
        .exists()
    {
        return Err("no tests/browser/node_modules (cd tests/browser && npm ci)".into());
    }
    Ok((chromium, dir))
}

fn nonempty_png(path: &str) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(bytes.starts_with(b"\x89PNG"), "{path} is a PNG");
    assert!(bytes.len() > 5_000, "{path} shows something");
}

#[test]
fn in_a_real_browser() {
    let (chromium, dir) = match browser() {
        Ok(found) => found,
        Err(why) => {
            if std::env::var("CHRONICLER_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!("CHRONICLER_REQUIRE_BROWSER=1 but the browser test cannot run: {why}");
            }
            eprintln!("skipping the browser test: {why}");
            return;
        }
    };
    let out = tempfile::tempdir().expect("temp dir");
    build_html(&root().join("seeds"), out.path());
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-shots");
    let run = Command::new("node")
        .arg(dir.join("check.mjs"))
        .arg(out.path())
        .arg(&shots)
        .arg(&chromium)
        .current_dir(&dir)
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "check.mjs failed:\n{stderr}");
    let r: Value = serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|e| panic!("check.mjs printed no JSON ({e}):\n{stderr}"));
    assert!(r["failed"].is_null(), "parts failed: {}", r["failed"]);
    assert_eq!(
        r["external"],
        Value::Array(vec![]),
        "requests left 127.0.0.1"
    );

    let timeline = json(&out.path().join("timeline.json"));
    let rows = dated_rows(&timeline);

    // The review page: every event, where it should be, with its citations.
    let html = &r["html"];
    assert_eq!(html["problems"], Value::Array(vec![]), "browser errors");
    assert_eq!(html["laidOut"], true, "the script laid out the axis");
    let events = html["events"].as_array().unwrap();
    let got: Vec<&str> = events.iter().map(|e| s(&e["id"])).collect();
    let want: Vec<&str> = rows.iter().map(|r| s(&r["id"])).collect();
    assert_eq!(got, want, "every event, in order");
    let mut last_top = f64::MIN;
    let mut last_start = "";
    for (e, row) in events.iter().zip(&rows) {
        let id = s(&row["id"]);
        assert_eq!(e["visible"], true, "{id} is visible");
        let top = e["top"].as_f64().unwrap();
        if s(&e["start"]) > last_start {
            assert!(top > last_top, "{id} is below the events before it");
        }
        last_top = top;
        last_start = s(&e["start"]);
        let words: Vec<String> = row["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                s(&c["expression"]["text"])
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let shown: Vec<String> = e["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| s(w).to_string())
            .collect();
        assert_eq!(shown, words, "{id}: every citation's words");
        let docs: Vec<&str> = row["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| s(&c["document"]))
            .collect();
        let shown: Vec<&str> = e["documents"].as_array().unwrap().iter().map(s).collect();
        assert_eq!(shown, docs, "{id}: every citation's article");
    }
    let points = rows
        .iter()
        .filter(|r| {
            matches!(
                s(&r["granularity"]),
                "day" | "part_of_day" | "hour" | "minute" | "second"
            )
        })
        .count();
    assert_eq!(html["points"], points, "a dot per day-or-finer event");
    assert_eq!(
        html["spans"],
        rows.len() - points,
        "a bar per week, month or year"
    );
    assert_eq!(html["tableRows"], rows.len());
    assert_eq!(
        html["printCitesShown"],
        rows.len(),
        "print spells out citations"
    );
    assert!(
        html["pdfBytes"].as_u64().unwrap_or(0) > 10_000,
        "prints to PDF"
    );

    // Clicking opens the quoted words and their articles.
    let clicked = rows
        .iter()
        .find(|r| s(&r["id"]) == s(&html["detailFor"]))
        .expect("the clicked row");
    let marks: Vec<&str> = html["detail"]["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(s)
        .collect();
    let words: Vec<&str> = clicked["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| s(&c["expression"]["text"]))
        .collect();
    assert_eq!(marks, words);
    for w in &words {
        assert!(s(&html["hover"]).contains(w), "hover names {w:?}");
    }

    // The table sorts and filters by source.
    let sorted: Vec<u64> = html["sortedSources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert!(
        sorted.windows(2).all(|w| w[0] >= w[1]),
        "sorted by sources, most first: {sorted:?}"
    );
    let source = s(&html["filtered"]["source"]);
    let names: BTreeMap<&str, &str> = timeline["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let id = s(&d["id"]);
            (id, d["source"].as_str().unwrap_or(id))
        })
        .collect();
    let want: BTreeSet<&str> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["documents"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| names.get(s(d)) == Some(&source))
        })
        .map(|r| s(&r["id"]))
        .collect();
    let got: BTreeSet<&str> = html["filtered"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(s)
        .collect();
    assert_eq!(got, want, "rows citing {source}");
    assert!(!got.is_empty() && got.len() < rows.len());

    // TimelineJS: a slide per event, no error.
    let tljs = json(&out.path().join("timelinejs.json"));
    let ids: Vec<&str> = tljs["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| s(&e["unique_id"]))
        .collect();
    let t = &r["timelinejs"];
    assert_eq!(t["problems"], Value::Array(vec![]), "TimelineJS errors");
    assert_eq!(t["slides"], ids.len(), "a slide per event");
    let slides: Vec<&str> = t["ids"].as_array().unwrap().iter().map(s).collect();
    assert_eq!(slides, ids);
    assert_eq!(t["markers"], ids.len(), "a marker per event");

    // vis-timeline: an item per event, no error.
    let vis = json(&out.path().join("vis-timeline.json"));
    let n = vis["items"].as_array().unwrap().len();
    let v = &r["vis"];
    assert_eq!(v["problems"], Value::Array(vec![]), "vis-timeline errors");
    assert_eq!(v["items"], n, "an item per event");
    assert_eq!(v["groups"], 2);

    for p in r["screenshots"].as_array().unwrap() {
        nonempty_png(s(p));
        eprintln!("screenshot: {}", s(p));
    }
}
