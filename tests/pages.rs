//! Web pages in (issue #14): HTML files, HTML in JSON lines, and WARC
//! files made here; each article's text, date and outlet, and the page
//! furniture kept out of the rows.
//!
//! The pages in `tests/fixtures/html/` are written in the styles of real
//! outlets (fictional places and people): metadata in `<meta>`, JSON-LD
//! (also inside `@graph`), `dc.*` and `<time>`; a live page; a page with
//! readers' comments. `expected.json` says what each must give.

use chronicler::article::ingest;
use chronicler::article::reading::Reading;
use chronicler::error::Error;
use chronicler::story::timeline::Timeline;
use chronicler::{BuildOptions, Grammar, build};
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

fn expected() -> Value {
    let text = fs::read_to_string(fixtures().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

fn build_paths(paths: &[PathBuf], opts: &BuildOptions) -> Timeline {
    build(paths, opts, Grammar::embedded()).expect("the build runs")
}

/// The pages copied to a fresh folder (without expected.json).
fn pages_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for e in fs::read_dir(fixtures()).expect("fixtures") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "html") {
            fs::copy(&p, dir.path().join(p.file_name().unwrap())).expect("copy");
        }
    }
    dir
}

#[test]
fn each_page_gives_its_text_date_outlet_and_credits() {
    let want = expected();
    for (name, w) in want.as_object().expect("an object of pages") {
        let docs = ingest::load_path(&fixtures().join(name)).expect("the page reads");
        assert_eq!(docs.len(), 1, "{name}");
        let d = &docs[0];
        for s in w["must_have"].as_array().unwrap() {
            let s = s.as_str().unwrap();
            assert!(
                d.text.contains(s),
                "{name}: the text lacks {s:?}:\n{}",
                d.text
            );
        }
        // What readability leaves of the page around the article, the
        // furniture rules take out of the statements.
        let reading = Reading::of(&d.text, &Grammar::embedded().abbreviations);
        let statements: String = reading
            .statements()
            .map(|s| &d.text[s.start..s.end])
            .collect::<Vec<_>>()
            .join("\n");
        for s in w["must_not"].as_array().unwrap() {
            let s = s.as_str().unwrap();
            assert!(!statements.contains(s), "{name}: the statements hold {s:?}");
        }
        let page = d.page.as_ref().expect("page metadata");
        let eq = |got: Option<&str>, key: &str| {
            assert_eq!(
                got.map(str::to_lowercase),
                w[key].as_str().map(str::to_lowercase),
                "{name}: {key}"
            );
        };
        eq(page.title.as_deref(), "title");
        eq(page.site_name.as_deref(), "site_name");
        eq(page.url.as_deref(), "canonical");
        eq(page.lang.as_deref(), "lang");
        let byline = (!page.authors.is_empty()).then(|| page.authors.join(", "));
        eq(byline.as_deref(), "byline");
        // The article date: the publication date, from the page's own metadata.
        let dct = d.dct.as_ref().expect("dated by the page");
        let published = w["published"].as_str().unwrap();
        assert_eq!(dct.date.to_string(), published[..10], "{name}");
        let source = serde_json::to_value(&dct.source).unwrap();
        assert_eq!(source["kind"], "page", "{name}: {source}");
    }
}

#[test]
fn a_build_of_pages_dates_credits_and_keeps_furniture_out() {
    let dir = pages_folder();
    let t = build_paths(&[dir.path().to_path_buf()], &BuildOptions::default());
    let want = expected();
    assert_eq!(t.documents.len(), 6);
    for d in &t.documents {
        let w = &want[&d.id];
        assert_eq!(d.dct_source, "page metadata", "{}", d.id);
        assert!(d.dct_basis.is_some(), "{}: the field is named", d.id);
        assert_eq!(
            d.source.as_deref().map(str::to_lowercase),
            w["site_name"].as_str().map(str::to_lowercase),
            "{}: the outlet",
            d.id
        );
        assert_eq!(d.url.as_deref(), w["canonical"].as_str(), "{}", d.id);
    }
    // Every citation says where its article date came from.
    for r in &t.events {
        for c in &r.citations {
            assert_eq!(c.dct_source, "page metadata");
            assert!(c.dct_basis.is_some());
        }
    }
    // No row is page furniture, and no headline carries it.
    for bad in [
        "Page last updated",
        "Image caption",
        "Population",
        "Train fares",
        "Dave in Mobile",
        "Sent by Maria",
        "We have waited 85 days",
        "contributed to this report",
        "NEW:",
        "Engineers postpone",
        "Key points",
        "61124",
    ] {
        for r in &t.events {
            assert!(
                !r.headline.contains(bad)
                    && !r.citations.iter().any(|c| c.sentence.text.contains(bad)),
                "{bad:?} in row {}: {}",
                r.id,
                r.headline
            );
        }
    }
    let row = |words: &str| {
        t.events
            .iter()
            .find(|r| r.citations.iter().any(|c| c.sentence.text.contains(words)))
            .unwrap_or_else(|| panic!("no row for {words:?}"))
    };
    // The live page: an entry's text is a statement, its stamp is not in it,
    // and no stamp is read as a year.
    let cap = row("The new, tighter-fitting cap was lowered");
    assert!(
        cap.headline.starts_with("The new, tighter-fitting cap"),
        "{}",
        cap.headline
    );
    for stamp in ["1058", "1305", "1330", "1545", "1630", "1658", "1702"] {
        assert!(
            t.events.iter().all(|r| r.date != stamp),
            "the stamp {stamp} became a row"
        );
    }
    // The page with comments: the story is there, dated by dc.date.
    let flowers = row("Fans began leaving flowers");
    assert_eq!(flowers.date, "2009-06-26");
    assert_eq!(
        flowers.citations[0].dct_basis.as_deref(),
        Some("meta dc.date")
    );
    // The photo caption is a caption, not glued to text.
    let caption = row("Residents queued for water");
    assert!(caption.citations.iter().all(|c| c.caption));
    assert!(
        caption.headline.starts_with("Residents queued"),
        "{}",
        caption.headline
    );
    // The CNN dateline of a place the dateline list lacks is not in a headline.
    assert!(t.events.iter().all(|r| !r.headline.contains("(CNN)")));
    let strikes = row("Coalition warplanes struck");
    assert!(
        strikes.headline.starts_with("Coalition warplanes"),
        "{}",
        strikes.headline
    );
    // The Reuters story, dated in UTC, is read in Houston's zone.
    let reuters = t.documents.iter().find(|d| d.id == "reuters.html").unwrap();
    assert_eq!(reuters.zone.as_deref(), Some("America/Chicago"));
    assert_eq!(reuters.dct.as_deref(), Some("2010-07-22T11:31"));
}

#[test]
fn furniture_is_kept_for_auditing_on_request() {
    let dir = pages_folder();
    let opts = BuildOptions {
        include_furniture: true,
        ..BuildOptions::default()
    };
    let t = build_paths(&[dir.path().to_path_buf()], &opts);
    let marked: Vec<&str> = t
        .events
        .iter()
        .flat_map(|r| &r.citations)
        .filter_map(|c| c.furniture.as_deref())
        .collect();
    for rule in ["list under a heading", "before the dateline"] {
        assert!(
            marked.iter().any(|m| m.starts_with(rule)),
            "{rule} not among {marked:?}"
        );
    }
}

#[test]
fn html_in_json_lines() {
    let html = fs::read_to_string(fixtures().join("guardian.html")).unwrap();
    let line =
        serde_json::json!({"id": "g", "html": html, "url": "https://example.org/g"}).to_string();
    let doc = ingest::jsonl_document(&line, "pages.jsonl", 1, None).expect("the line reads");
    assert!(
        doc.text
            .contains("Health ministers from 14 countries agreed")
    );
    assert_eq!(doc.dct.as_ref().unwrap().date.to_string(), "2009-04-30");
    // A "dct" of the line comes first.
    let line = serde_json::json!({"id": "g", "html": html, "dct": "2009-05-02"}).to_string();
    let doc = ingest::jsonl_document(&line, "pages.jsonl", 1, None).unwrap();
    assert_eq!(doc.dct.as_ref().unwrap().date.to_string(), "2009-05-02");
    let both = serde_json::json!({"id": "g", "html": html, "text": "x"}).to_string();
    let e = ingest::jsonl_document(&both, "pages.jsonl", 3, None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pages.jsonl: line 3: expected either a \"text\" or an \"html\" field, found both (id \"g\", byte 0)"
    );
}

#[test]
fn pathological_nesting_is_refused_with_its_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deep.html");
    let html = format!(
        "<html><body>{}<p>The quake struck on Sunday.</p></body></html>",
        "<div>".repeat(20_000)
    );
    fs::write(&p, html).unwrap();
    match ingest::load_path(&p) {
        Err(Error::Html {
            byte_offset: Some(at),
            message,
            ..
        }) => {
            // <html><body> are not counted; the 513th <div> is the first too deep.
            assert_eq!(at, 12 + 512 * 5);
            assert!(message.contains("nested at most 512 deep"), "{message}");
        }
        other => panic!("expected a refusal, found {other:?}"),
    }
}

/// One WARC record, gzipped as its own member when `gz`.
fn record(
    kind: warc::RecordType,
    date: &str,
    uri: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
) -> Vec<u8> {
    use warc::{RecordBuilder, WarcHeader, WarcWriter};
    let date = chrono::DateTime::parse_from_rfc3339(date)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut b = RecordBuilder::default()
        .warc_type(kind)
        .date(date)
        .warc_id("<urn:uuid:00000000-0000-0000-0000-000000000000>")
        .header(WarcHeader::ContentType, content_type)
        .body(body);
    if let Some(u) = uri {
        b = b.header(WarcHeader::TargetURI, u);
    }
    let mut out = Vec::new();
    {
        let mut w = WarcWriter::new(&mut out);
        w.write(&b.build().expect("a valid record")).expect("write");
    }
    out
}

fn http(content_type: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = libflate::gzip::Encoder::new(Vec::new()).unwrap();
    enc.write_all(data).unwrap();
    enc.finish().into_result().unwrap()
}

/// A crawl: warcinfo, a request, the BBC page (gzip-encoded, chunked), an
/// image, and a page that says nothing of its date.
fn crawl() -> Vec<Vec<u8>> {
    use warc::RecordType;
    let bbc = fs::read(fixtures().join("bbc-news.html")).unwrap();
    let encoded = gzip(&bbc);
    let mut chunked = format!("{:x}\r\n", encoded.len()).into_bytes();
    chunked.extend_from_slice(&encoded);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let undated = b"<html><head><title>Cap holds</title></head><body><article><p>Engineers said on Friday that the new cap on the well had held through the night, and that no oil had reached the sea floor since Thursday.</p><p>Clean-up ships returned to the area on Saturday after the storm passed.</p></article></body></html>".to_vec();
    vec![
        record(
            RecordType::WarcInfo,
            "2010-07-25T10:00:00Z",
            None,
            "application/warc-fields",
            b"software: chronicler-test\r\n".to_vec(),
        ),
        record(
            RecordType::Request,
            "2010-07-25T10:00:01Z",
            Some("https://www.bbc.co.uk/news/world-europe-10000001"),
            "application/http; msgtype=request",
            b"GET /news/world-europe-10000001 HTTP/1.1\r\nHost: www.bbc.co.uk\r\n\r\n".to_vec(),
        ),
        record(
            RecordType::Response,
            "2010-07-25T10:00:02Z",
            Some("https://www.bbc.co.uk/news/world-europe-10000001"),
            "application/http; msgtype=response",
            http(
                "text/html; charset=utf-8",
                "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
                &chunked,
            ),
        ),
        record(
            RecordType::Response,
            "2010-07-25T10:00:03Z",
            Some("https://ichef.example/news/1024/valmora.jpg"),
            "application/http; msgtype=response",
            http("image/jpeg", "", b"\xff\xd8\xff\xe0 not really a jpeg"),
        ),
        record(
            RecordType::Response,
            "2010-07-25T10:00:04Z",
            Some("https://news.example.org/cap-holds"),
            "application/http; msgtype=response",
            http("text/html", "", &undated),
        ),
    ]
}

#[test]
fn a_warc_made_here_gives_one_article_per_html_page() {
    for gz in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let name = if gz { "crawl.warc.gz" } else { "crawl.warc" };
        let bytes: Vec<u8> = crawl()
            .into_iter()
            .flat_map(|r| if gz { gzip(&r) } else { r })
            .collect();
        fs::write(dir.path().join(name), bytes).unwrap();
        let story = chronicler::story::build::read(
            &[dir.path().to_path_buf()],
            &BuildOptions::default(),
            Grammar::embedded(),
        )
        .expect("the build runs");
        let t = &story.timeline;
        let ids: Vec<&str> = t.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "https://www.bbc.co.uk/news/world-europe-10000001",
                "https://news.example.org/cap-holds"
            ],
            "{name}"
        );
        // The BBC page: dated by its own metadata, not by the crawl.
        let bbc = &t.documents[0];
        assert_eq!(bbc.dct.as_deref(), Some("2010-01-19T09:12"));
        assert_eq!(bbc.dct_source, "page metadata");
        assert_eq!(bbc.source.as_deref(), Some("BBC News"));
        assert_eq!(
            bbc.url.as_deref(),
            Some("https://www.bbc.co.uk/news/world-europe-10000001")
        );
        // The page that says nothing of its date: the crawl day, marked inferred.
        let cap = &t.documents[1];
        assert_eq!(cap.dct.as_deref(), Some("2010-07-25"));
        assert_eq!(cap.dct_source, "inferred");
        assert!(
            cap.dct_basis
                .as_deref()
                .unwrap()
                .contains("crawled (WARC-Date 2010-07-25T10:00:04"),
            "{:?}",
            cap.dct_basis
        );
        assert_eq!(
            cap.url.as_deref(),
            Some("https://news.example.org/cap-holds")
        );
        let row = t
            .events
            .iter()
            .find(|r| r.headline.contains("cap on the well had held"))
            .expect("a row from the undated page");
        assert_eq!(row.dct.as_str(), "inferred");
        // What was not read is said.
        let summary = t.summary.to_string();
        assert!(summary.contains("read 2 documents"), "{summary}");
        assert!(
            summary.contains(
                "ignored 3 WARC records that are not HTML pages (1 image/jpeg, 1 request, 1 warcinfo)"
            ),
            "{summary}"
        );
    }
}

#[test]
fn a_cut_short_warc_names_the_file_and_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = crawl().into_iter().flat_map(|r| gzip(&r)).collect();
    let p = dir.path().join("cut.warc.gz");
    fs::write(&p, &bytes[..bytes.len() - 40]).unwrap();
    let items = ingest::load_path_lenient(&p);
    let errors: Vec<String> = items
        .iter()
        .filter_map(|r| r.as_ref().err().map(ToString::to_string))
        .collect();
    assert_eq!(items.iter().filter(|r| r.is_ok()).count(), 1, "{errors:?}");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("{}: record 5 (byte ", p.display())),
        "{}",
        errors[0]
    );
}

/// Found by fuzzing (`fuzz/smoke.sh` in CI): a record whose body is
/// shorter than its Content-Length made the next record's error name a
/// byte past the end of the file.
#[test]
fn a_record_shorter_than_its_length_names_a_byte_within_the_file() {
    let data: &[u8] = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nWARC-Date: 2010-07-25T10:00:00Z\r\nWARC-Record-ID: <urn:x>\r\nWARC-Target-URI: https://example.org/a\r\nContent-Length: 100\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: <p>The cap held on Friday.</p></body></html>\r\n\r\n";
    let mut offsets = Vec::new();
    let _ = chronicler::article::warc::read_records(
        data,
        Path::new("short.warc"),
        "short",
        chronicler::article::warc::ReadOptions::default(),
        &mut |item| {
            if let chronicler::article::warc::Item::Skipped(chronicler::error::Error::Warc {
                byte_offset,
                ..
            }) = item
            {
                offsets.push(byte_offset);
            }
            std::ops::ControlFlow::Continue(())
        },
    );
    assert!(!offsets.is_empty(), "the cut record is reported");
    for at in offsets {
        assert!(at <= data.len() as u64, "byte {at} of {}", data.len());
    }
}

/// Found by fuzzing: a header value that is not UTF-8 made the warc crate
/// panic; it is read with the bad bytes replaced.
#[test]
fn a_header_that_is_not_utf8_is_read_not_a_panic() {
    let body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The cap held on Friday, 16 July 2010, officials said.</p></body></html>";
    let mut data: Vec<u8> = Vec::new();
    data.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nWARC-Date: 2010-07-25T10:00:00Z\r\nWARC-Record-ID: <urn:x>\r\nWARC-Target-URI: https://example.\x94\x8d/a\r\n");
    data.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    data.extend_from_slice(body);
    data.extend_from_slice(b"\r\n\r\n");
    let mut docs = Vec::new();
    let _ = chronicler::article::warc::read_records(
        &data[..],
        Path::new("bad-header.warc"),
        "bad",
        chronicler::article::warc::ReadOptions::default(),
        &mut |item| {
            if let chronicler::article::warc::Item::Document(d) = item {
                docs.push(d);
            }
            std::ops::ControlFlow::Continue(())
        },
    );
    assert_eq!(docs.len(), 1);
    assert!(docs[0].id.starts_with("https://example."), "{}", docs[0].id);
    assert!(docs[0].text.contains("The cap held"), "{}", docs[0].text);
}
