//! Untrusted text on its way out: every writer that puts article, manifest
//! or page text into HTML, a link, a spreadsheet cell or TimelineJS goes
//! through these functions, so the rules live in one place.
//!
//! * [`escape_html`]: text for HTML element content and attribute values
//!   (the review page, TimelineJS's headline and text, vis-timeline's items).
//! * [`safe_url`]: a link only for `http:` and `https:` URLs, read the way a
//!   browser reads them (WHATWG URL parsing, which drops tabs and newlines and
//!   ignores case), so `JavaScript:alert(1)`, ` java\tscript:…` or
//!   `data:text/html,…` never become a link; everything else is plain text.
//! * [`spreadsheet_text`]: a CSV cell that a spreadsheet program would run as
//!   a formula (first character `=`, `+`, `-`, `@`, tab, carriage return,
//!   line feed, or their full-width forms) gets a leading apostrophe, as
//!   OWASP's CSV-injection guidance recommends: spreadsheets show the text and
//!   hide the apostrophe. A cell that is a plain number (`-12`, `+3.5`) cannot
//!   call anything and is left alone. [`is_formula_like`] is the test, which
//!   the xlsx writer uses to mark its (always textual) cells "quote prefix".

use std::borrow::Cow;

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The URL as a browser would follow it, if it is an absolute `http:` or
/// `https:` URL with a host; `None` for anything else (other schemes,
/// relative references, text that is not a URL).
pub fn safe_url(raw: &str) -> Option<String> {
    let url = url::Url::parse(raw).ok()?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Some(url.into()),
        _ => None,
    }
}

/// The host of a safe URL without a leading `www.`, for naming an outlet
/// when nothing better is known ("reuters.com").
pub fn url_host(raw: &str) -> Option<String> {
    let url = url::Url::parse(&safe_url(raw)?).ok()?;
    let host = url.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

/// Characters that make a spreadsheet read a cell as a formula when they
/// come first (OWASP: `=`, `+`, `-`, `@`, tab, carriage return; line feed
/// and the full-width forms, which some locales also accept, for safety).
const FORMULA_STARTS: [char; 11] = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (digits, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// True when a spreadsheet program would run `s` as a formula (or as the
/// start of one) if it were typed or imported into a cell. A plain number
/// (`-12`) is a value, not a formula.
pub fn is_formula_like(s: &str) -> bool {
    s.starts_with(FORMULA_STARTS) && !is_plain_number(s)
}

/// `s` as a CSV cell that no spreadsheet program runs: formula-like text
/// gets a leading apostrophe; everything else is unchanged.
pub fn spreadsheet_text(s: &str) -> Cow<'_, str> {
    if is_formula_like(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_urls_are_links() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(document.domain)",
            "  JAVASCRIPT:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "javascript&#58;alert(1)",
            "&#106;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//evil.example/x",
            "/relative/path",
            "reuters.com/article",
            "http://",
            "https:",
            "",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?} must not become a link");
        }
        assert_eq!(
            safe_url(" https://www.reuters.com/a?b=1&c=2 ").as_deref(),
            Some("https://www.reuters.com/a?b=1&c=2")
        );
        assert_eq!(
            safe_url("HTTP://Example.COM/x y").as_deref(),
            Some("http://example.com/x%20y")
        );
        assert_eq!(
            url_host("https://www.voanews.com/a").as_deref(),
            Some("voanews.com")
        );
        assert_eq!(url_host("javascript:alert(1)"), None);
    }

    #[test]
    fn formula_like_cells_are_neutralised() {
        for (cell, want) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1+1", "'+1+1"),
            ("- a list item", "'- a list item"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("＝1+1", "'＝1+1"),
            ("＠SUM(A1)", "'＠SUM(A1)"),
            ("-0044-03-15T00:00:00", "'-0044-03-15T00:00:00"),
        ] {
            assert_eq!(spreadsheet_text(cell), want, "{cell:?}");
            assert!(is_formula_like(cell), "{cell:?}");
        }
        for plain in [
            "Reuters",
            "2016-07-14",
            "-12",
            "+3.5",
            "-0044",
            " =1",
            "a=b",
            "",
        ] {
            assert_eq!(spreadsheet_text(plain), plain, "{plain:?}");
        }
        assert_eq!(
            escape_html("<a & \"b\" 'c'>"),
            "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;"
        );
    }
}
