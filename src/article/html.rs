//! Web pages in: the article's text through a readability port, and the
//! page's own metadata (dates, title, outlet, byline, canonical URL,
//! language), each value with the field it came from.
//!
//! Crates: `dom_smoothie` (a port of Mozilla's readability.js) finds the
//! article in the page and gives its text one paragraph per line
//! (`TextMode::Formatted`), which is what the block splitter and the
//! furniture rules read. It does not read every place news sites put their
//! metadata (JSON-LD inside `@graph`, `dc.date`, `<time datetime>`,
//! `<link rel=canonical>`), so [`page_meta`] reads those with `dom_query`
//! (the DOM `dom_smoothie` is built on) and `serde_json`, on the same parse.
//!
//! Every parser built on html5ever is slow on pathological nesting (5,000
//! nested `<div>` took 17 s in the research for issue #14), so a page is
//! first scanned in linear time ([`guard`]) and refused, with the byte
//! offset, when it is too large, nested too deep or has a tag with too many
//! attributes.

pub use crate::article::document::{PageMeta, page_date};
use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

/// The largest page read, in bytes.
pub const MAX_PAGE_BYTES: usize = 32 << 20;
/// The deepest nesting of elements read (Chromium's parser flattens at 512).
pub const MAX_DEPTH: usize = 512;
/// The most attributes one tag may have.
pub const MAX_ATTRIBUTES: usize = 1_000;

/// A page's article text and metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub meta: PageMeta,
}

/// Scans `html` in linear time for what makes HTML parsers slow: the
/// offset of the problem and what was expected, if any.
pub fn guard(html: &[u8]) -> Result<(), (Option<usize>, String)> {
    if html.len() > MAX_PAGE_BYTES {
        return Err((
            None,
            format!(
                "expected a web page of at most {} MiB, found {} bytes",
                MAX_PAGE_BYTES >> 20,
                html.len()
            ),
        ));
    }
    let mut depth = 0usize;
    let mut i = 0;
    let n = html.len();
    while let Some(k) = memchr::memchr(b'<', &html[i..]) {
        let at = i + k;
        i = at + 1;
        let rest = &html[i..];
        if rest.starts_with(b"!--") {
            i = match memchr::memmem::find(&rest[3..], b"-->") {
                Some(e) => i + 3 + e + 3,
                None => n,
            };
            continue;
        }
        if rest.starts_with(b"!") || rest.starts_with(b"?") {
            i = memchr::memchr(b'>', rest).map_or(n, |e| i + e + 1);
            continue;
        }
        let closing = rest.starts_with(b"/");
        let name_from = i + usize::from(closing);
        let name_len = html[name_from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !html[name_from].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_from..name_from + name_len].to_ascii_lowercase();
        // To the end of the tag, counting attributes outside quotes.
        let mut j = name_from + name_len;
        let mut quote = None;
        let mut attributes = 0;
        let mut in_word = false;
        while j < n {
            let b = html[j];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => break,
                None if b.is_ascii_whitespace() || b == b'/' => in_word = false,
                None => {
                    if !in_word && b != b'=' {
                        attributes += 1;
                    }
                    in_word = b != b'=';
                }
            }
            j += 1;
        }
        if attributes > MAX_ATTRIBUTES {
            return Err((
                Some(at),
                format!(
                    "expected a tag with at most {MAX_ATTRIBUTES} attributes, found {attributes}"
                ),
            ));
        }
        let self_closing = j > 0 && j <= n && html.get(j - 1) == Some(&b'/');
        i = (j + 1).min(n);
        if closing {
            if counts_for_depth(&name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_slice()) {
            // Skip to the element's end tag: its content is not markup.
            i = end_tag(html, i, &name);
            continue;
        }
        if !self_closing && counts_for_depth(&name) {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err((
                    Some(at),
                    format!(
                        "expected elements nested at most {MAX_DEPTH} deep, found deeper nesting"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The offset of the end tag `</name` at or after `from` (any case), or the
/// end of `html`.
fn end_tag(html: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(k) = memchr::memmem::find(&html[i..], b"</") {
        let at = i + k;
        let tag = &html[at + 2..];
        if tag.len() >= name.len() && tag[..name.len()].eq_ignore_ascii_case(name) {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

/// Elements whose content is text, not markup.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"plaintext",
];

/// Elements that add a level of nesting: not void, and not closed by the
/// next sibling of their kind (so a run of unclosed `<p>` or `<li>` is not
/// taken for nesting).
fn counts_for_depth(name: &[u8]) -> bool {
    !matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"rb"
            | b"rt"
            | b"rtc"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// Reads the page `html`: its article text (one paragraph per line, blank
/// lines between) and its metadata. `url` is the page's address when known
/// (an absolute URL; relative links are resolved against it). The error is
/// the byte offset (if any) and what was expected.
pub fn read(html: &str, url: Option<&str>) -> Result<Page, (Option<usize>, String)> {
    guard(html.as_bytes())?;
    let dom = Dom::from(html);
    let mut meta = page_meta(&dom);
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let article = Readability::with_document(dom, url, Some(cfg))
        .and_then(|mut r| r.parse())
        .map_err(|e| {
            (
                None,
                format!("expected an article in the web page, found none readable ({e})"),
            )
        })?;
    let text = tidy_text(&article.text_content);
    if text.trim().is_empty() {
        return Err((
            None,
            "expected an article in the web page, found no text".to_string(),
        ));
    }
    // What readability found where our own reading found nothing.
    let fill = |mine: &mut Option<String>, theirs: Option<String>| {
        if mine.is_none() {
            *mine = theirs
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty());
        }
    };
    fill(&mut meta.title, Some(article.title.to_string()));
    fill(&mut meta.site_name, article.site_name.clone());
    fill(&mut meta.lang, article.lang.clone());
    fill(&mut meta.url, article.url.clone());
    if meta.authors.is_empty()
        && let Some(b) = &article.byline
    {
        let b = b
            .trim()
            .trim_start_matches("By ")
            .trim_start_matches("by ")
            .trim();
        if !b.is_empty() && meta.site_name.as_deref() != Some(b) {
            meta.authors.push(b.to_string());
        }
    }
    if let Some(p) = &article.published_time
        && !meta.published.iter().any(|(_, v)| v == p)
    {
        meta.published
            .push(("readability published time".into(), p.clone()));
    }
    if let Some(m) = &article.modified_time
        && !meta.modified.iter().any(|(_, v)| v == m)
    {
        meta.modified
            .push(("readability modified time".into(), m.clone()));
    }
    Ok(Page { text, meta })
}

/// The extracted text with white space at line ends trimmed and runs of
/// blank lines made one.
fn tidy_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line.trim_start());
    }
    out.push('\n');
    out
}

/// Publication-date fields of `<meta>`, by rank (lower is better).
const PUBLISHED_META: &[(&str, u8)] = &[
    ("article:published_time", 1),
    ("og:article:published_time", 1),
    ("datepublished", 2),
    ("pubdate", 2),
    ("publishdate", 2),
    ("publish-date", 2),
    ("parsely-pub-date", 2),
    ("sailthru.date", 2),
    ("dc.date.issued", 3),
    ("dcterms.issued", 3),
    ("dc.date", 3),
    ("dcterms.created", 3),
    ("dcterms.date", 3),
    ("date", 4),
];

/// Modification-date fields of `<meta>`.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
];

/// JSON-LD types whose dates are the article's.
fn article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "LiveBlogPosting" | "BlogPosting" | "Report")
}

/// The metadata `dom` gives: JSON-LD (also inside `@graph` and arrays),
/// `<meta>` by property, name or itemprop, the first `<time datetime>`,
/// `<link rel=canonical>`, `<html lang>`.
pub fn page_meta(dom: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    // (rank, field, value): sorted by rank at the end, document order kept.
    let mut published: Vec<(u8, String, String)> = Vec::new();
    let mut modified: Vec<(u8, String, String)> = Vec::new();
    let mut json_title = None;
    let mut json_publisher = None;
    let mut json_url = None;
    for script in dom.select(r#"script[type="application/ld+json"]"#).iter() {
        // serde_json's recursion limit turns hostile nesting into an error.
        let Ok(v) = serde_json::from_str::<Value>(script.text().trim()) else {
            continue;
        };
        let mut items = Vec::new();
        json_ld_items(&v, &mut items, 0);
        for it in items {
            let kinds = types(it);
            if !kinds.iter().any(|t| article_type(t)) {
                continue;
            }
            let kind = kinds.join(",");
            if let Some(d) = it.get("datePublished").and_then(Value::as_str) {
                published.push((0, format!("json-ld {kind}.datePublished"), d.to_string()));
            }
            if let Some(d) = it.get("dateModified").and_then(Value::as_str) {
                modified.push((0, format!("json-ld {kind}.dateModified"), d.to_string()));
            }
            if json_title.is_none() {
                json_title = it
                    .get("headline")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            if json_publisher.is_none() {
                json_publisher = names(it.get("publisher")).into_iter().next();
            }
            if json_url.is_none() {
                json_url = it
                    .get("url")
                    .and_then(Value::as_str)
                    .or_else(|| it.get("mainEntityOfPage").and_then(Value::as_str))
                    .map(str::to_string);
            }
            if m.authors.is_empty() {
                let list: Vec<&Value> = match it.get("author") {
                    Some(Value::Array(a)) => a.iter().collect(),
                    Some(x @ Value::Object(_)) => vec![x],
                    _ => Vec::new(),
                };
                m.authors = list
                    .into_iter()
                    .filter(|x| types(x).iter().any(|t| t == "Person"))
                    .flat_map(|x| names(Some(x)))
                    .collect();
            }
        }
    }
    let mut og_title = None;
    let mut site = None;
    let mut app_name = None;
    let mut meta_authors = Vec::new();
    for node in dom.select("meta[content]").iter() {
        let Some(key) = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("itemprop"))
        else {
            continue;
        };
        let k = key.to_ascii_lowercase();
        let v = node
            .attr("content")
            .map(|c| c.trim().to_string())
            .unwrap_or_default();
        if v.is_empty() {
            continue;
        }
        if let Some((_, rank)) = PUBLISHED_META.iter().find(|(f, _)| *f == k) {
            published.push((*rank, format!("meta {key}"), v));
        } else if MODIFIED_META.contains(&k.as_str()) {
            modified.push((1, format!("meta {key}"), v));
        } else if k == "og:site_name" {
            site.get_or_insert(v);
        } else if k == "dc.publisher" || k == "application-name" {
            app_name.get_or_insert(v);
        } else if (k == "author" || k == "dc.creator") && !v.starts_with("http") {
            meta_authors.extend(v.split(" and ").map(|s| s.trim().to_string()));
        } else if k == "og:title" || k == "dc.title" {
            og_title.get_or_insert(v);
        }
    }
    // A page's first <time> may be its modified time or a live entry's: last resort.
    if let Some(t) = dom.select("time[datetime]").iter().next()
        && let Some(d) = t.attr("datetime")
    {
        published.push((
            5,
            "time[datetime] (first on the page)".into(),
            d.to_string(),
        ));
    }
    published.sort_by_key(|p| p.0);
    modified.sort_by_key(|p| p.0);
    m.published = published.into_iter().map(|(_, f, v)| (f, v)).collect();
    m.modified = modified.into_iter().map(|(_, f, v)| (f, v)).collect();
    m.site_name = site.or(json_publisher).or(app_name);
    m.title = og_title
        .or(json_title)
        .or_else(|| {
            dom.select("title")
                .iter()
                .next()
                .map(|t| t.text().trim().to_string())
        })
        .filter(|t| !t.is_empty());
    if m.authors.is_empty() {
        m.authors = meta_authors;
    }
    // A byline in the page: "By Anna Marsh" in an element named for it.
    if m.authors.is_empty()
        && let Some(b) = dom
            .select(r#"[rel="author"], [itemprop="author"] [itemprop="name"], .byline__name, .author-name, .byline-name"#)
            .iter()
            .next()
    {
        let name = b.text().split_whitespace().collect::<Vec<_>>().join(" ");
        let name = name.trim_start_matches("By ").trim_start_matches("by ").trim();
        if !name.is_empty() && name.split_whitespace().count() <= 6 {
            m.authors.push(name.to_string());
        }
    }
    m.url = dom
        .select(r#"link[rel="canonical"]"#)
        .attr("href")
        .map(|s| s.to_string())
        .or_else(|| {
            dom.select(r#"meta[property="og:url"]"#)
                .attr("content")
                .map(|s| s.to_string())
        })
        .or(json_url)
        .filter(|u| !u.trim().is_empty());
    m.lang = dom
        .select("html[lang]")
        .attr("lang")
        .map(|s| s.to_string())
        .filter(|l| !l.trim().is_empty());
    m
}

/// The objects of a JSON-LD value: itself, array members, `@graph` members.
fn json_ld_items<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| json_ld_items(x, out, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                json_ld_items(g, out, depth + 1);
            }
            out.push(v);
        }
        _ => {}
    }
}

fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Object(o)) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
        Some(Value::Array(a)) => a.iter().flat_map(|x| names(Some(x))).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::document::DctSource;
    use chrono::{NaiveDate, NaiveTime};

    #[test]
    fn page_dates_in_every_form() {
        let src = || DctSource::Page("f".into());
        let d = page_date("2010-01-19T09:12:40.000Z", src()).unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2010, 1, 19).unwrap());
        assert_eq!(d.time, NaiveTime::from_hms_opt(9, 12, 40));
        assert_eq!(d.zone.unwrap().to_string(), "+00:00");
        let d = page_date("2009-06-26T14:13:00+01:00", src()).unwrap();
        assert_eq!(d.zone.unwrap().to_string(), "+01:00");
        let d = page_date("Tue, 19 Jan 2010 14:10:00 GMT", src()).unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2010, 1, 19).unwrap());
        assert!(
            page_date("2010-01-19 14:10:00", src())
                .unwrap()
                .zone
                .is_none()
        );
        assert!(page_date("2010-01-19", src()).unwrap().time.is_none());
        assert!(page_date("20100119", src()).is_some());
        for bad in [
            "",
            "soon",
            "2010-13-40",
            "19 January 2010",
            "2010-01-19junk",
        ] {
            assert!(page_date(bad, src()).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_guard_refuses_what_makes_parsers_slow() {
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        let (at, msg) = guard(deep.as_bytes()).unwrap_err();
        assert_eq!(at, Some(MAX_DEPTH * 5));
        assert!(msg.contains("nested at most 512 deep"), "{msg}");
        // Closed elements, unclosed paragraphs and void elements are not nesting.
        let flat = "<div><p>x</div>".repeat(10_000) + &"<p>a<li>b<br><img src=x>".repeat(10_000);
        assert!(guard(flat.as_bytes()).is_ok());
        // Markup inside scripts and comments is not markup.
        let script = format!(
            "<script>{}</script><!-- {} -->",
            "<div>".repeat(1000),
            "<div>".repeat(1000)
        );
        assert!(guard(script.as_bytes()).is_ok());
        let attrs = format!("<p {}>", "a=1 ".repeat(MAX_ATTRIBUTES + 1));
        assert!(
            guard(attrs.as_bytes())
                .unwrap_err()
                .1
                .contains("attributes")
        );
        let big = vec![b' '; MAX_PAGE_BYTES + 1];
        assert!(guard(&big).unwrap_err().1.contains("at most 32 MiB"));
    }

    #[test]
    fn metadata_from_json_ld_graph_meta_and_time() {
        let html = r#"<html lang="en-US"><head>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
{"@type":"NewsArticle","headline":"Cap holds","datePublished":"2010-07-22T14:05:00Z","dateModified":"2010-07-22T18:00:00Z",
"author":[{"@type":"Person","name":"Kristen Hays"}],"publisher":{"@type":"Organization","name":"Reuters"}}]}</script>
<meta name="DC.date.issued" content="2010-07-21">
<link rel="canonical" href="https://example.com/cap"></head>
<body><time datetime="2010-07-20">x</time><p>The cap held on Thursday.</p></body></html>"#;
        let m = page_meta(&Dom::from(html));
        assert_eq!(m.published[0].0, "json-ld NewsArticle.datePublished");
        assert_eq!(
            m.published[1],
            ("meta DC.date.issued".to_string(), "2010-07-21".to_string())
        );
        assert_eq!(m.published[2].0, "time[datetime] (first on the page)");
        assert_eq!(
            m.dct().unwrap().source,
            DctSource::Page("json-ld NewsArticle.datePublished".into())
        );
        assert_eq!(m.modified[0].1, "2010-07-22T18:00:00Z");
        assert_eq!(m.title.as_deref(), Some("Cap holds"));
        assert_eq!(m.site_name.as_deref(), Some("Reuters"));
        assert_eq!(m.authors, vec!["Kristen Hays".to_string()]);
        assert_eq!(m.url.as_deref(), Some("https://example.com/cap"));
        assert_eq!(m.lang.as_deref(), Some("en-US"));
    }
}
