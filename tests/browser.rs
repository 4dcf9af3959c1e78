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
use chronicler::output::html;
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
    assert!(
        page.contains("class=\"ok\">0 conflicts</span>"),
        "the header says no conflict"
    );
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

#[test]
fn notes_are_listed_apart_with_how_often_their_kind_was_right() {
    // A past-tense date after the article: a note of `check`, not a finding.
    let input = tempfile::tempdir().expect("temp dir");
    for e in fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".txt") || name == "manifest.csv" {
            let mut text = fs::read_to_string(&p).unwrap();
            if name.starts_with("004") {
                let from = "Thursday, White House spokesman Josh Earnest said";
                assert!(text.contains(from));
                text = text.replacen(
                    from,
                    "On July 18, 2016, White House spokesman Josh Earnest said",
                    1,
                );
            }
            fs::write(input.path().join(&name), text).unwrap();
        }
    }
    let out = tempfile::tempdir().expect("temp dir");
    build_html(input.path(), out.path());
    let page = fs::read_to_string(out.path().join("timeline.html")).unwrap();
    let check = cargo_bin_cmd!("chronicler")
        .args(["check", "-q", "--format", "json"])
        .arg(input.path())
        .assert()
        .code(0);
    let report: Value = serde_json::from_slice(&check.get_output().stdout).unwrap();
    let note = &report["notes"][0];
    assert_eq!(note["kind"], "past_after_article_date", "{report}");

    // Not a conflict: the header and the conflicts list say none.
    assert!(page.contains("class=\"ok\">0 conflicts</span>"));
    assert!(!page.contains("id=\"conflict-1\""));
    // Its own section, labelled, after the findings.
    let section = page
        .split("<details class=\"notes\">")
        .nth(1)
        .expect("a notes section")
        .split("</details>")
        .next()
        .unwrap();
    assert!(
        section.contains("Notes — lower confidence, not counted as findings"),
        "{section}"
    );
    let item = section
        .split("<li id=\"note-1\"")
        .nth(1)
        .expect("the note is listed")
        .split("</li>")
        .next()
        .unwrap();
    for part in ["title", "detail", "calibration"] {
        let text = s(&note[part]);
        assert!(!text.is_empty(), "{part}");
        assert!(item.contains(&escape(text)), "{part} {text:?} in {item}");
    }
    // It leads to the row it concerns.
    let row = s(&note["cites"][0]["row"]);
    assert!(
        item.contains(&format!("href=\"#ev-{row}\"")),
        "a link to {row}: {item}"
    );
    assert!(page.contains(&format!("id=\"ev-{row}\"")));
    // A page without notes has no such section.
    let plain = tempfile::tempdir().expect("temp dir");
    build_html(&root().join("seeds"), plain.path());
    let page = fs::read_to_string(plain.path().join("timeline.html")).unwrap();
    assert!(!page.contains("class=\"notes\""));
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

/// Runs `check.mjs` over `out` in `mode` (`full` or `page`), or `None`
/// when the browser is missing (and not required).
fn run_browser(out: &Path, shots: &str, mode: &str) -> Option<Value> {
    let (chromium, dir) = match browser() {
        Ok(found) => found,
        Err(why) => {
            if std::env::var("CHRONICLER_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!("CHRONICLER_REQUIRE_BROWSER=1 but the browser test cannot run: {why}");
            }
            eprintln!("skipping the browser test: {why}");
            return None;
        }
    };
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join(shots);
    let run = Command::new("node")
        .arg(dir.join("check.mjs"))
        .arg(out)
        .arg(&shots)
        .arg(&chromium)
        .arg(mode)
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
    for p in r["screenshots"].as_array().unwrap() {
        nonempty_png(s(p));
        eprintln!("screenshot: {}", s(p));
    }
    Some(r)
}

fn num(v: &Value) -> u64 {
    v.as_u64()
        .unwrap_or_else(|| panic!("expected a count, found {v}"))
}

/// The header's counts are those of the rows shown (`pageState` in check.mjs).
fn header_agrees(state: &Value, what: &str) {
    let (h, a) = (&state["header"], &state["actual"]);
    for k in ["shown", "days", "conflicts", "assumptions"] {
        assert_eq!(num(&h[k]), num(&a[k]), "{what}: header count of {k}");
    }
    assert_eq!(
        num(&a["table"]),
        num(&a["shown"]),
        "{what}: the table shows the same rows"
    );
    assert_eq!(
        num(&state["findings"]["conflicts"]),
        num(&a["conflicts"]),
        "{what}: conflicts listed"
    );
    assert_eq!(
        num(&state["findings"]["assumptions"]),
        num(&a["assumptions"]),
        "{what}: assumptions listed"
    );
}

fn fits(state: &Value, what: &str) {
    let width = num(&state["innerWidth"]);
    assert!(
        num(&state["scrollWidth"]) <= width,
        "{what}: content {} px wide on a {width} px screen",
        state["scrollWidth"]
    );
}

fn no_serious_violations(v: &Value, what: &str) {
    let bad: Vec<&Value> = v
        .as_array()
        .expect("axe ran")
        .iter()
        .filter(|x| matches!(s(&x["impact"]), "serious" | "critical"))
        .collect();
    assert!(bad.is_empty(), "{what}: axe-core found {bad:#?}");
}

fn no_overlap(v: &Value, what: &str) {
    assert_eq!(
        num(&v["count"]),
        0,
        "{what}: overlapping boxes {}",
        v["found"]
    );
    assert!(num(&v["boxes"]) > 0, "{what}: boxes measured");
}

/// The seeds with links in their manifest: real ones, and `javascript:` ones
/// in the forms an attacker would try, which must never become links.
fn seeds_with_links() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for e in fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let manifest = fs::read_to_string(root().join("seeds").join("manifest.csv")).unwrap();
    let urls = [
        "https://zeenews.india.com/world/us-russia-nice-syria",
        " JavaScript:alert(document.domain)",
        "https://www.example.org/lavrov-kerry-talks",
        "java\tscript:alert(1)",
        "javascript&#58;alert(1)",
    ];
    let mut out = String::new();
    for (k, line) in manifest.lines().enumerate() {
        if k == 0 {
            out.push_str(line);
            out.push_str(",url\n");
        } else {
            out.push_str(&format!("{line},\"{}\"\n", urls[k - 1]));
        }
    }
    fs::write(dir.path().join("manifest.csv"), out).unwrap();
    dir
}

#[test]
fn in_a_real_browser() {
    let input = seeds_with_links();
    let out = tempfile::tempdir().expect("temp dir");
    build_html(input.path(), out.path());
    let Some(r) = run_browser(out.path(), "browser-shots", "full") else {
        return;
    };
    let timeline = json(&out.path().join("timeline.json"));
    let rows = dated_rows(&timeline);

    // The review page: every event of a small story, in order, with its citations.
    let html = &r["html"];
    assert_eq!(html["problems"], Value::Array(vec![]), "browser errors");
    let events = html["events"].as_array().unwrap();
    let got: Vec<&str> = events.iter().map(|e| s(&e["id"])).collect();
    let want: Vec<&str> = rows.iter().map(|r| s(&r["id"])).collect();
    assert_eq!(got, want, "every event, in order");
    let mut last_top = f64::MIN;
    let mut last_start = "";
    for (e, row) in events.iter().zip(&rows) {
        let id = s(&row["id"]);
        assert_eq!(
            e["visible"], true,
            "{id} is shown (a small story opens on every row)"
        );
        let top = e["top"].as_f64().unwrap();
        if s(&e["start"]) > last_start {
            assert!(top > last_top, "{id} is below the events before it");
        }
        last_top = top;
        last_start = s(&e["start"]);
        let cites = row["citations"].as_array().unwrap();
        let words: Vec<String> = cites
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
        let docs: Vec<&str> = cites.iter().map(|c| s(&c["document"])).collect();
        let shown: Vec<&str> = e["documents"].as_array().unwrap().iter().map(s).collect();
        assert_eq!(shown, docs, "{id}: every citation's article");
        // Credits name outlets, not files, where the manifest names them.
        let credit = s(&e["credit"]);
        if docs.iter().any(|d| d.starts_with("001")) {
            assert!(credit.contains("Reuters"), "{id}: credit {credit:?}");
        }
        assert!(credit.contains("15 July 2016"), "{id}: credit {credit:?}");
    }
    // Only http(s) links and anchors on the page.
    for href in html["hrefs"].as_array().unwrap() {
        let href = s(href);
        assert!(
            href.starts_with('#') || href.starts_with("https://"),
            "a link to {href:?}"
        );
    }
    assert!(
        html["hrefs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| s(h) == "https://zeenews.india.com/world/us-russia-nice-syria"),
        "the real links are there"
    );
    header_agrees(&html["opening"], "opening");
    header_agrees(&html["all"], "every happening");
    header_agrees(&html["filtered"]["state"], "source filter");
    header_agrees(&html["assumptionFilter"], "assumption filter");
    header_agrees(&html["search"]["state"], "search");
    assert!(num(&html["assumptionFilter"]["actual"]["assumptions"]) > 0);
    assert_eq!(
        num(&html["assumptionFilter"]["actual"]["shown"]),
        dated_rows(&timeline)
            .iter()
            .filter(|r| {
                let id = s(&r["id"]);
                html["events"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| s(&e["id"]) == id && e["assumption"] == true)
            })
            .count() as u64,
        "the assumption filter shows the rows with one"
    );
    assert_eq!(
        html["search"]["found"], true,
        "search finds {}",
        html["search"]["target"]
    );
    no_overlap(&html["overlapOpening"], "opening");
    no_overlap(&html["overlapAll"], "every happening");
    no_serious_violations(&html["axe"], "the page");
    no_serious_violations(&html["axeTable"], "the table view");
    no_serious_violations(&html["phone"]["axe"], "the page at 360 px");
    for k in ["opening", "all", "table", "table360"] {
        fits(&html["phone"][k], k);
    }
    no_overlap(&html["phone"]["overlap"], "390 px");
    assert_eq!(
        html["revealed"]["visible"], true,
        "a row link shows its row"
    );
    assert_eq!(html["revealed"]["citesOpen"], true);
    assert!(!html["revealed"]["marks"].as_array().unwrap().is_empty());
    assert_eq!(
        num(&html["tableRows"]),
        timeline["events"].as_array().unwrap().len() as u64
    );

    // Print: the rows shown, each with its citations.
    let print = &html["print"];
    assert!(num(&print["cards"]) > 0);
    assert_eq!(print["cards"], print["cites"], "print spells out citations");
    assert_eq!(print["controls"], false, "no controls on paper");
    assert!(num(&html["pdfBytes"]) > 10_000, "prints to PDF");

    // The table sorts; the source filter keeps the rows citing that outlet.
    let sorted: Vec<u64> = html["sortedSources"]
        .as_array()
        .unwrap()
        .iter()
        .map(num)
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
        .map(|d| (s(&d["id"]), d["source"].as_str().unwrap_or("")))
        .collect();
    let want: BTreeSet<&str> = dated_rows(&timeline)
        .into_iter()
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

    // TimelineJS: a slide per event, each crediting its outlets, with links.
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
    for (credit, text) in t["credits"]
        .as_array()
        .unwrap()
        .iter()
        .zip(t["texts"].as_array().unwrap())
    {
        let (credit, text) = (s(credit), s(text));
        assert!(credit.ends_with("15 July 2016"), "credit line {credit:?}");
        assert!(
            !credit.contains(".txt") || credit.contains("004") || credit.contains("001"),
            "{credit:?}"
        );
        for private in ["characters", "confidence", "000_ea1be26c28b093df"] {
            assert!(
                !text.contains(private),
                "slide text shows {private:?}: {text}"
            );
        }
    }
    assert!(
        t["credits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| s(c).contains("Zee News"))
    );
    let links = t["links"].as_array().unwrap();
    assert!(!links.is_empty(), "slides link their articles");
    assert!(
        links.iter().all(|l| s(l).starts_with("https://")),
        "{links:?}"
    );
    assert_eq!(t["images"], 0);

    // vis-timeline: an item per event, no error.
    let vis = json(&out.path().join("vis-timeline.json"));
    let n = vis["items"].as_array().unwrap().len();
    let v = &r["vis"];
    assert_eq!(v["problems"], Value::Array(vec![]), "vis-timeline errors");
    assert_eq!(v["items"], n, "an item per event");
    assert_eq!(v["groups"], 2);
    eprintln!(
        "review page of {} rows: ready in {} ms, every happening in {} ms",
        rows.len(),
        html["readyMs"],
        html["allMs"]
    );
}

/// Syllables for made-up names: every generated statement is its own.
const SYLLABLES: [&str; 20] = [
    "ka", "lo", "mi", "ren", "tas", "vel", "dor", "pri", "sun", "bex", "mar", "tol", "zan", "quin",
    "hal", "fer", "gos", "lim", "nar", "pol",
];
const VERBS: [&str; 10] = [
    "signed",
    "rejected",
    "announced",
    "opened",
    "closed",
    "approved",
    "delayed",
    "funded",
    "inspected",
    "criticised",
];
const NOUNS: [&str; 12] = [
    "agreement",
    "bridge",
    "pipeline",
    "report",
    "inquiry",
    "budget",
    "treaty",
    "hospital",
    "port",
    "airport",
    "plant",
    "mission",
];
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

/// A deterministic pseudo-random sequence (a 64-bit LCG).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
    fn name(&mut self) -> String {
        let n = 2 + self.next(2);
        let w: String = (0..n).map(|_| SYLLABLES[self.next(20)]).collect();
        let mut c = w.chars();
        c.next().unwrap().to_uppercase().chain(c).collect()
    }
}

/// A story of 160 made-up articles from 52 outlets over 40 days, each with
/// six dated statements (1998–2015) and one about the story's main day
/// (1 March 2015): about 960 rows.
fn synthetic_story(dir: &Path) {
    let mut r = Lcg(7);
    let mut outlets: Vec<String> = [
        "Reuters",
        "BBC",
        "AP",
        "AFP",
        "Al Jazeera",
        "The Guardian",
        "CNN",
        "NPR",
        "Le Monde",
        "Der Spiegel",
        "NHK",
        "ABC News",
    ]
    .map(String::from)
    .to_vec();
    for _ in 0..40 {
        outlets.push(format!("Daily {}", r.name()));
    }
    let years = [
        1998, 2003, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2014, 2015, 2015,
    ];
    let base = chrono::NaiveDate::from_ymd_opt(2015, 3, 2).unwrap();
    let mut manifest = String::from("file,source,published,title,url\n");
    for i in 0..160 {
        let published = base + chrono::Duration::days(i as i64 / 4);
        let mut sentences = Vec::new();
        for _ in 0..6 {
            let mut y = years[r.next(years.len())];
            let (m, d) = (r.next(12), 1 + r.next(28));
            let date = chrono::NaiveDate::from_ymd_opt(y, m as u32 + 1, d as u32).unwrap();
            if date >= published {
                y = 2014;
            }
            sentences.push(format!(
                "{} {} the {} {} in {} on {} {d}, {y}.",
                r.name(),
                VERBS[r.next(10)],
                r.name(),
                NOUNS[r.next(12)],
                r.name(),
                MONTHS[m]
            ));
        }
        sentences.insert(
            2,
            format!(
                "{} officials in {} said the ceasefire took effect on March 1, 2015, after {} {} talks.",
                r.name(),
                r.name(),
                r.name(),
                NOUNS[r.next(12)]
            ),
        );
        let title = format!("{} {} {}", r.name(), NOUNS[r.next(12)], VERBS[r.next(10)]);
        let body: Vec<String> = sentences.chunks(2).map(|c| c.join(" ")).collect();
        fs::write(
            dir.join(format!("a{i:03}.txt")),
            format!("{title}\n\n{}\n", body.join("\n\n")),
        )
        .unwrap();
        manifest.push_str(&format!(
            "a{i:03}.txt,{},{published},{title},https://news.example/{i}\n",
            outlets[i % outlets.len()]
        ));
    }
    fs::write(dir.join("manifest.csv"), manifest).unwrap();
}

#[test]
fn a_900_row_story_in_a_real_browser() {
    let input = tempfile::tempdir().expect("temp dir");
    synthetic_story(input.path());
    let out = tempfile::tempdir().expect("temp dir");
    build_html(input.path(), out.path());
    let timeline = json(&out.path().join("timeline.json"));
    let rows = dated_rows(&timeline);
    assert!(rows.len() >= 900, "a story of {} rows", rows.len());
    let Some(r) = run_browser(out.path(), "browser-shots-900", "page") else {
        return;
    };
    let html = &r["html"];
    assert_eq!(html["problems"], Value::Array(vec![]), "browser errors");

    // It opens on the top dates: one row each, and the first screen shows them.
    let opening = &html["opening"];
    assert_eq!(s(&opening["scope"]), "top");
    let shown = num(&opening["actual"]["shown"]);
    assert_eq!(shown, html::DEFAULT_TOP as u64, "the default top dates");
    assert_eq!(num(&opening["top"]), shown, "only top rows are shown");
    let first = html["firstScreen"].as_array().unwrap();
    assert!(!first.is_empty(), "the first screen shows dates");
    assert!(first.iter().all(|g| g["top"] == true), "{first:?}");
    header_agrees(opening, "opening");

    // Every happening: all rows a click away, days collapsed, counts follow.
    let all = &html["all"];
    assert_eq!(s(&all["scope"]), "all");
    assert!(num(&all["actual"]["shown"]) > shown);
    header_agrees(all, "every happening");
    let expanded = &html["expanded"];
    assert!(
        num(&expanded["after"]) > num(&expanded["before"]),
        "a day expands"
    );
    header_agrees(&expanded["state"], "expanded day");

    // Search finds a row the opening did not show.
    assert_eq!(
        html["search"]["found"], true,
        "search finds {}",
        html["search"]["target"]
    );
    header_agrees(&html["search"]["state"], "search");
    header_agrees(&html["filtered"]["state"], "source filter");
    assert!(num(&html["filtered"]["state"]["actual"]["shown"]) > 0);

    // Labels and cards never overlap; a phone never scrolls sideways.
    no_overlap(&html["overlapOpening"], "opening");
    no_overlap(&html["overlapAll"], "every happening");
    assert!(
        num(&html["overlapAll"]["gaps"]) > 0,
        "long gaps are labelled"
    );
    for k in ["opening", "all", "table", "table360"] {
        fits(&html["phone"][k], k);
    }
    no_overlap(&html["phone"]["overlap"], "390 px");
    no_serious_violations(&html["axe"], "the page");
    assert_eq!(
        html["revealed"]["visible"], true,
        "a row link shows its row"
    );
    let print = &html["print"];
    assert_eq!(print["cards"], print["cites"], "print spells out citations");
    eprintln!(
        "review page of {} rows: ready in {} ms, every happening in {} ms",
        rows.len(),
        html["readyMs"],
        html["allMs"]
    );
}
