//! Untrusted input in the outputs (issue #12's injection items): nothing in
//! an article or a manifest becomes a link other than `http:`/`https:`,
//! HTML from an article never reaches TimelineJS raw, and no CSV or xlsx
//! cell is a live formula. The spreadsheets are also opened the way a data
//! desk would, with Python's `csv` and `openpyxl` (`tests/spreadsheets.py`),
//! which `.ci/run` installs; elsewhere that part says so and is skipped,
//! unless `CHRONICLER_REQUIRE_PYTHON=1`.

use assert_cmd::cargo::cargo_bin_cmd;
use chronicler::output::escape::is_formula_like;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(input: &Path, out: &Path, extra: &[&str]) {
    cargo_bin_cmd!("chronicler")
        .arg("build")
        .arg(input)
        .args(["-q", "-o"])
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

/// The seeds, with `manifest.csv` replaced by `manifest`.
fn seeds_with_manifest(manifest: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    fs::write(dir.path().join("manifest.csv"), manifest).unwrap();
    dir
}

/// `javascript:` in the forms that get past a naive check: any case,
/// leading white space, a tab inside, an HTML entity for the colon.
const HOSTILE_URLS: [&str; 5] = [
    "javascript:alert(document.domain)",
    " JavaScript:alert(1)",
    "JAVA\tSCRIPT:alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html,<script>alert(1)</script>",
];

fn hostile_manifest() -> String {
    let files = [
        "000_ea1be26c28b093df.txt",
        "001_dd15545884163b50.txt",
        "002_0759fc89812dbb0b.txt",
        "003_bebb996841db2655.txt",
        "004_bb72ae1f260fd278.txt",
    ];
    let mut m = String::from("file,source,published,url\n");
    for (f, u) in files.iter().zip(HOSTILE_URLS) {
        m.push_str(&format!("{f},Outlet,2016-07-15,\"{u}\"\n"));
    }
    m
}

#[test]
fn only_http_and_https_urls_become_links_anywhere() {
    let input = seeds_with_manifest(&hostile_manifest());
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &["--html"]);
    let lower = |name: &str| {
        fs::read_to_string(out.path().join(name))
            .unwrap()
            .to_lowercase()
    };
    let page = lower("timeline.html");
    // Every href on the page is an anchor or an http(s) link.
    for part in page.split("href=\"").skip(1) {
        let target = &part[..part.find('"').unwrap()];
        assert!(
            target.starts_with('#')
                || target.starts_with("http://")
                || target.starts_with("https://"),
            "timeline.html links to {target:?}"
        );
    }
    for name in [
        "timeline.json",
        "timelinejs.json",
        "timelinejs.csv",
        "vis-timeline.json",
        "timeline.csv",
    ] {
        let text = lower(name);
        for bad in ["javascript", "java\tscript", "java\\tscript", "data:text"] {
            assert!(!text.contains(bad), "{name} carries {bad:?}");
        }
    }
    let t: Value = serde_json::from_str(&lower("timeline.json")).unwrap();
    for d in t["documents"].as_array().unwrap() {
        assert!(d.get("url").is_none(), "{d}");
    }
    // A good link still is one.
    let good = seeds_with_manifest(
        "file,source,published,url\n001_dd15545884163b50.txt,Reuters,2016-07-15, https://www.reuters.com/article/x\n",
    );
    let out = tempfile::tempdir().unwrap();
    build(good.path(), out.path(), &["--html"]);
    let page = fs::read_to_string(out.path().join("timeline.html")).unwrap();
    assert!(page.contains("href=\"https://www.reuters.com/article/x\""));
    let tljs = fs::read_to_string(out.path().join("timelinejs.json")).unwrap();
    assert!(tljs.contains("https://www.reuters.com/article/x"));
}

/// Three articles whose dated sentences carry HTML and formulas, in files
/// whose names start like formulas.
fn hostile_articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("=cmd.txt"),
        "Talks\n\n<img src=\"http://tracker.example/p.png\"> The ministers met in Geneva on 14 July 2016.\n\n\
         =HYPERLINK(\"http://evil.example\",\"click\") The ceasefire began on 12 July 2016.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("@sum.txt"),
        "- Kerry met Putin in Moscow on 14 July 2016 to discuss Syria.\n\n\
         +1 the envoy arrived on 13 July 2016.\n\n\
         <script>alert(1)</script> Rebels shelled the city on 11 July 2016.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("-plain.txt"),
        "@Officials said the vote took place on 10 July 2016.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("manifest.csv"),
        "file,source,published,title\n=cmd.txt,=1+1,2016-07-15,@SUM(A1:A9)\n@sum.txt,+Reuters,2016-07-15,-2+3\n-plain.txt,,2016-07-16,\n",
    )
    .unwrap();
    dir
}

#[test]
fn article_html_never_reaches_timelinejs_raw() {
    let input = hostile_articles();
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    let tljs: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("timelinejs.json")).unwrap())
            .unwrap();
    let events = tljs["events"].as_array().unwrap();
    assert!(events.len() >= 4, "{events:?}");
    for e in events {
        for part in [&e["text"]["headline"], &e["text"]["text"]] {
            let s = part.as_str().unwrap();
            assert!(
                !s.contains("<img") && !s.contains("<script"),
                "raw HTML in TimelineJS: {s}"
            );
        }
    }
    let mut rdr = csv::Reader::from_path(out.path().join("timelinejs.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (head, text) = (col("Headline"), col("Text"));
    let mut saw_escaped = false;
    for r in rdr.records() {
        let r = r.unwrap();
        for s in [&r[head], &r[text]] {
            assert!(
                !s.contains("<img") && !s.contains("<script"),
                "raw HTML in timelinejs.csv: {s}"
            );
            saw_escaped |= s.contains("&lt;img") || s.contains("&lt;script");
        }
    }
    assert!(saw_escaped, "the article's markup is shown as text");
}

/// Every text of a vis-timeline item a template may show — the credit
/// line and each source's outlet and title, as well as `content` and
/// `title` — is escaped: a file named like markup shows as text.
#[test]
fn vis_timeline_item_texts_are_all_escaped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("<img src=x onerror=alert(1)>.txt"),
        "Date: 2016-07-15\n\nThe ministers met in Geneva on 14 July 2016 to discuss the truce.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("manifest.csv"),
        "file,published,source,title\n\"<img src=x onerror=alert(1)>.txt\",2016-07-15,<b>Outlet</b>,<script>alert(2)</script>\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    build(dir.path(), out.path(), &[]);
    let vis: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("vis-timeline.json")).unwrap())
            .unwrap();
    let items = vis["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let mut texts: Vec<String> = Vec::new();
    for it in items {
        for k in ["content", "title", "credit"] {
            texts.push(it[k].as_str().unwrap().to_string());
        }
        for s in it["sources"].as_array().unwrap() {
            for k in ["outlet", "title"] {
                if let Some(x) = s[k].as_str() {
                    texts.push(x.to_string());
                }
            }
        }
    }
    // (`title` is HTML of Chronicler's own: "<b>date</b><br>headline<br>credit")
    for t in &texts {
        assert!(
            !t.contains("<img") && !t.contains("<script") && !t.contains("<b>Outlet"),
            "raw markup in vis-timeline.json: {t}"
        );
    }
    assert!(
        texts.iter().any(|t| t.contains("&lt;b&gt;Outlet")),
        "the outlet is shown as text: {texts:?}"
    );
}

fn csv_cells(path: &Path) -> Vec<String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    rdr.records()
        .flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>())
        .collect()
}

#[test]
fn no_csv_cell_is_a_live_formula() {
    let input = hostile_articles();
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    let tagged = out.path().join("tagged.csv");
    cargo_bin_cmd!("chronicler")
        .arg("tag")
        .arg(input.path())
        .args(["--format", "csv", "--dct", "2016-07-15", "-o"])
        .arg(&tagged)
        .assert()
        .success();
    for path in [
        out.path().join("timeline.csv"),
        out.path().join("timelinejs.csv"),
        tagged,
    ] {
        let cells = csv_cells(&path);
        let live: Vec<&String> = cells.iter().filter(|c| is_formula_like(c)).collect();
        assert!(
            live.is_empty(),
            "{}: live formulas {live:?}",
            path.display()
        );
        // The hostile values are there, as text.
        assert!(
            cells
                .iter()
                .any(|c| c.starts_with("'=") || c.starts_with("'-") || c.starts_with("'@")),
            "{}: neutralised cells kept",
            path.display()
        );
    }
}

/// `tests/spreadsheets.py` over an output folder, or `None` without Python
/// and openpyxl (and `CHRONICLER_REQUIRE_PYTHON` unset).
fn open_spreadsheets(dir: &Path) -> Option<Value> {
    let probe = Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        if std::env::var("CHRONICLER_REQUIRE_PYTHON").as_deref() == Ok("1") {
            panic!("CHRONICLER_REQUIRE_PYTHON=1 but python3 with openpyxl is missing");
        }
        eprintln!("skipping the openpyxl check: no python3 with openpyxl (pip install openpyxl)");
        return None;
    }
    let run = Command::new("python3")
        .arg(root().join("tests").join("spreadsheets.py"))
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "spreadsheets.py: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    Some(serde_json::from_slice(&run.stdout).unwrap())
}

fn assert_opens_cleanly(r: &Value, what: &str) {
    for name in ["timeline.csv", "timelinejs.csv"] {
        assert_eq!(
            r[name]["formulas"],
            Value::Array(vec![]),
            "{what}: {name} has formulas"
        );
    }
    let book = r["timeline.xlsx"].as_object().unwrap();
    let sheets: Vec<&str> = book.keys().map(String::as_str).collect();
    for want in [
        "Timeline",
        "Citations",
        "Articles",
        "Conflicts",
        "Assumptions",
        "Notes",
    ] {
        assert!(sheets.contains(&want), "{what}: sheets {sheets:?}");
    }
    for (name, sheet) in book {
        assert_eq!(sheet["freeze"], "A2", "{what}: {name}'s header is frozen");
        assert_eq!(
            sheet["formulas"],
            Value::Array(vec![]),
            "{what}: {name} has formula cells"
        );
        assert_eq!(
            sheet["wrong_types"],
            Value::Array(vec![]),
            "{what}: {name} has cells of the wrong type"
        );
        for link in sheet["links"].as_array().unwrap() {
            let l = link.as_str().unwrap();
            assert!(
                l.starts_with("http://") || l.starts_with("https://"),
                "{what}: link {l}"
            );
        }
    }
    assert_eq!(
        r["timeline.csv"]["rows"], book["Timeline"]["rows"],
        "{what}: a sheet row per CSV row"
    );
}

#[test]
fn spreadsheets_open_with_the_right_types_and_no_formulas() {
    // The seeds, checked (conflicts and assumptions filled), with links.
    let input = seeds_with_manifest(
        "file,source,published,url\n001_dd15545884163b50.txt,Reuters,2016-07-15,https://www.reuters.com/a\n\
         004_bb72ae1f260fd278.txt,Voice of America,2016-07-15,javascript:alert(1)\n",
    );
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &["--check"]);
    let Some(r) = open_spreadsheets(out.path()) else {
        return;
    };
    assert_opens_cleanly(&r, "seeds");
    let book = &r["timeline.xlsx"];
    assert!(
        book["Assumptions"]["rows"].as_u64().unwrap() > 1,
        "check's assumptions are listed"
    );
    let types = &book["Timeline"]["types"];
    assert_eq!(types["start"], serde_json::json!(["datetime"]));
    assert_eq!(types["sources"], serde_json::json!(["int"]));
    let links = book["Citations"]["links"].as_array().unwrap();
    assert!(
        links.iter().any(|l| l == "https://www.reuters.com/a"),
        "{links:?}"
    );

    // Hostile articles and manifest.
    let input = hostile_articles();
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    let r = open_spreadsheets(out.path()).unwrap();
    assert_opens_cleanly(&r, "hostile input");
    let values = r["timeline.xlsx"]["Timeline"]["values"].to_string();
    assert!(
        values.contains("=HYPERLINK") || values.contains("+1 ") || values.contains("- Kerry"),
        "{values}"
    );
}

#[test]
fn notes_of_check_have_their_own_sheet_and_stay_text() {
    // The seeds with a past-tense date after the article (a note of
    // `check`, not a finding), cited from an article whose outlet is a
    // formula.
    let input = seeds_with_manifest(
        "file,source,published\n004_bb72ae1f260fd278.txt,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"VOA\"\")\",2016-07-15\n",
    );
    let article = input.path().join("004_bb72ae1f260fd278.txt");
    let text = fs::read_to_string(&article).unwrap();
    let from = "Thursday, White House spokesman Josh Earnest said";
    assert!(text.contains(from));
    fs::write(
        &article,
        text.replacen(
            from,
            "On July 18, 2016, White House spokesman Josh Earnest said",
            1,
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &["--check"]);
    let Some(r) = open_spreadsheets(out.path()) else {
        return;
    };
    assert_opens_cleanly(&r, "a note");
    let book = &r["timeline.xlsx"];
    // The Conflicts sheet keeps its columns (one more at the end) and lists
    // only findings: there are none.
    assert_eq!(
        book["Conflicts"]["header"],
        serde_json::json!([
            "number", "kind", "finding", "detail", "rows", "articles", "measured"
        ])
    );
    assert_eq!(book["Conflicts"]["rows"], 0, "{}", book["Conflicts"]);
    let notes = &book["Notes"];
    assert_eq!(
        notes["header"],
        serde_json::json!([
            "number", "kind", "note", "detail", "rows", "articles", "measured"
        ])
    );
    assert_eq!(notes["rows"], 1, "{notes}");
    let row = notes["values"][0].as_array().unwrap();
    assert_eq!(row[0], 1);
    assert_eq!(row[1], "past tense, date after the article");
    assert!(
        row[2].as_str().unwrap().contains("July 18, 2016"),
        "{row:?}"
    );
    let rows = row[4].as_str().unwrap();
    assert!(rows.starts_with('e'), "the note names its row: {row:?}");
    // The outlet stays the text it was, not a formula (assert_opens_cleanly
    // found no formula cell).
    assert_eq!(
        row[5], "=HYPERLINK(\"http://evil.example\",\"VOA\")",
        "{row:?}"
    );
    assert!(row[6].as_str().unwrap().contains("held-out"), "{row:?}");

    // Unchecked, the sheet says so.
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    let r = open_spreadsheets(out.path()).unwrap();
    let notes = &r["timeline.xlsx"]["Notes"];
    assert!(
        notes["values"].to_string().contains("not checked"),
        "{notes}"
    );
}

#[test]
fn a_workbook_with_inline_strings_holds_the_same_cells() {
    // What a timeline of more than INLINE_STRINGS_ARTICLES articles gets
    // (an archive merged on one machine), checked on the hostile articles:
    // the same sheets, rows, values, types and links as the usual workbook,
    // and still no formula.
    use chronicler::output::xlsx::{self, Strings};
    let input = hostile_articles();
    let t = chronicler::build(
        &[input.path().to_path_buf()],
        &chronicler::BuildOptions::default(),
        chronicler::Grammar::embedded(),
    )
    .expect("the build runs");
    assert_eq!(xlsx::Strings::for_timeline(&t), Strings::Shared);
    let shared = tempfile::tempdir().unwrap();
    chronicler::output::timeline::write_dir(shared.path(), &t, None).unwrap();
    let inline = tempfile::tempdir().unwrap();
    for f in ["timeline.csv", "timelinejs.csv"] {
        fs::copy(shared.path().join(f), inline.path().join(f)).unwrap();
    }
    let bytes = xlsx::workbook_with(&t, None, Strings::Inline).unwrap();
    assert_ne!(
        bytes,
        fs::read(shared.path().join("timeline.xlsx")).unwrap(),
        "the inline workbook is another file"
    );
    fs::write(inline.path().join("timeline.xlsx"), bytes).unwrap();
    let (Some(a), Some(b)) = (
        open_spreadsheets(shared.path()),
        open_spreadsheets(inline.path()),
    ) else {
        return;
    };
    assert_opens_cleanly(&b, "inline strings");
    assert_eq!(a["timeline.xlsx"], b["timeline.xlsx"]);
    assert!(a["timeline.xlsx"]["Timeline"]["rows"].as_u64().unwrap() > 0);
}
