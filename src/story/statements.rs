//! `build` as map and reduce: the statement stream between `chronicler
//! extract` (per article) and `chronicler merge` (story-wide).
//!
//! Extract writes JSON lines, each an object whose first field is `key`:
//!
//! * an **article record** (`"key":""`): the article's number in the input
//!   (`article`), id, date (`dct`, with where it came from), dateline and
//!   manifest facts, web-page metadata, whether it was set aside as not an
//!   article, how many statements it gave (`statements`, and `undated` with
//!   `--include-undated`), the counts of the words that rank its relevance
//!   ([`crate::story::rank::word_counts`]), and each sentence's byte offset
//!   with a hash of its words (`sentences`, for site widgets:
//!   [`crate::article::widgets::hashed`]). An article
//!   that neither its own text nor its folder, the manifest or `--dct` could
//!   date also carries its `text`: only the other articles' statements can
//!   date it ([`crate::story::infer::by_agreement`]), so merge tags it.
//! * a **statement record** (`"key":"2016-07-14"`, the statement's day; for a
//!   statement of a coarser stretch, `"START/END"`, its dates; for a
//!   statement with no place on the calendar, `"undated"`): the article's
//!   number, the statement's position among its article's (`n`), its
//!   sentence with offsets, the expressions that date it, headline, terms
//!   — everything [`crate::story::merge`] and [`crate::story::rows`] read.
//!
//! So `LC_ALL=C sort` puts article records first, then statements day by
//! day (a month's stretch `2016-07-01/2016-08-01` just after the day
//! `2016-07-01`), and a framework can partition and sort by `key`. Merge
//! puts articles in the order of their numbers and each article's
//! statements in order, whatever order the lines come in: the numbers are
//! the whole of the order `build` uses. Numbers only need to grow with the
//! input order (a cluster job may set them to an article's byte offset in
//! its file).
//!
//! Term weights are written as f64, which holds every f32 exactly, so a
//! weight comes back bit for bit.

use crate::article::document::{Dct, Document, PageMeta, Zone};
use crate::article::furniture::{PAGE_KINDS, PageKind};
use crate::article::reading::Reading;
use crate::article::widgets;
use crate::engine::tag::Grammar;
use crate::engine::timex::{Interval, Mention};
use crate::error::Error;
use crate::story::build::{Article, Meta, Texts, WidgetKeys};
use crate::story::dateline::{self, Dateline};
use crate::story::events::{Event, TextSpan};
use crate::story::happen;
use crate::story::rank;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The `key` of article records.
pub const ARTICLE_KEY: &str = "";
/// The `key` of statements with no place on the calendar.
pub const UNDATED_KEY: &str = "undated";

/// One article, as extract writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub key: String,
    /// The article's number: articles are merged in the order of their numbers.
    pub article: u64,
    pub id: String,
    /// The input gave the id as a number.
    #[serde(default, skip_serializing_if = "is_false")]
    pub id_number: bool,
    pub dct: Option<Dct>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The zone the manifest gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
    /// How many dated statements extract wrote for it.
    pub statements: usize,
    /// How many undated statements (only with `--include-undated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undated: Option<usize>,
    /// The words its relevance is ranked by, with their counts.
    pub words: rank::WordCounts,
    /// Each sentence of its text (byte offset) with a hash of its words,
    /// for finding site widgets across articles ([`widgets::hashed`]).
    pub sentences: WidgetKeys,
    /// What the page said of itself (web pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<Box<PageMeta>>,
    /// Not a news article (kind, evidence): set aside, no statements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_article: Option<(String, String)>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub set_aside: bool,
    /// An article without a date: its text, path and the `--tz` of the
    /// extract, for merge to date it by agreement and tag it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz: Option<Zone>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A stretch of text with both kinds of offsets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: String,
}

/// One statement ([`Event`]), as extract writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementRecord {
    pub key: String,
    pub article: u64,
    /// Its position among its article's statements (dated and undated apart).
    pub n: usize,
    pub line: usize,
    pub sentence: Span,
    pub mention: Mention,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Mention>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub durations: Vec<Mention>,
    pub headline: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub caption: bool,
    /// Page furniture kept for auditing (`--include-furniture`): why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub furniture: Option<String>,
    pub span: Interval,
    pub depends_on_dct: bool,
    pub terms: Vec<(String, f64)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<String>,
}

/// The key a statement is grouped by: its day, its stretch, or [`UNDATED_KEY`].
pub fn key_of(e: &Event, undated: bool) -> String {
    if undated {
        return UNDATED_KEY.to_string();
    }
    match e.day() {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => format!(
            "{}/{}",
            e.span.start.format("%Y-%m-%d"),
            e.span.end.format("%Y-%m-%d")
        ),
    }
}

fn statement(article: u64, n: usize, e: &Event, undated: bool) -> StatementRecord {
    StatementRecord {
        key: key_of(e, undated),
        article,
        n,
        line: e.line,
        sentence: Span {
            start: e.sentence.start,
            end: e.sentence.end,
            byte_start: e.sentence.byte_start,
            byte_end: e.sentence.byte_end,
            text: e.sentence.text.clone(),
        },
        mention: e.mention.clone(),
        also: e.also.clone(),
        durations: e.durations.clone(),
        headline: e.headline.clone(),
        relation: e.relation.clone(),
        caption: e.caption,
        furniture: e.furniture.clone(),
        span: e.span,
        depends_on_dct: e.depends_on_dct,
        terms: e
            .terms
            .iter()
            .map(|(t, w)| (t.clone(), *w as f64))
            .collect(),
        named: e.named.clone(),
    }
}

/// The statement of a record, of the article at position `doc`.
pub fn event(doc: usize, s: StatementRecord) -> Event {
    Event {
        doc,
        line: s.line,
        sentence: TextSpan {
            start: s.sentence.start,
            end: s.sentence.end,
            byte_start: s.sentence.byte_start,
            byte_end: s.sentence.byte_end,
            text: s.sentence.text,
        },
        mention: s.mention,
        also: s.also,
        durations: s.durations,
        headline: s.headline,
        relation: s.relation,
        caption: s.caption,
        furniture: s.furniture,
        span: s.span,
        depends_on_dct: s.depends_on_dct,
        terms: s.terms.into_iter().map(|(t, w)| (t, w as f32)).collect(),
        named: s.named,
    }
}

/// The records of one article (number `article`), article record first.
/// `tz` is the extract's `--tz`, kept for an article merge must date.
pub fn records(
    article: u64,
    a: &Article,
    include_undated: bool,
    tz: Option<Zone>,
) -> (ArticleRecord, Vec<StatementRecord>) {
    let d = &a.document;
    let undated_text = d.dct.is_none();
    let record = ArticleRecord {
        key: ARTICLE_KEY.to_string(),
        article,
        id: d.id.clone(),
        id_number: d.id_number,
        dct: d.dct.clone(),
        dateline: a.dateline.clone(),
        source: a.meta.source.clone(),
        title: a.meta.title.clone(),
        url: a.meta.url.clone(),
        zone: a.meta.zone,
        statements: a.events.len(),
        undated: include_undated.then_some(a.undated.len()),
        words: rank::word_counts(&d.text),
        sentences: widgets::hashed(&d.text, &a.reading),
        page: d.page.clone(),
        not_article: (a.reading.not_article.as_ref())
            .map(|p| (p.kind.to_string(), p.evidence.clone())),
        set_aside: a.set_aside,
        text: undated_text.then(|| d.text.clone()),
        path: if undated_text { d.path.clone() } else { None },
        tz: if undated_text { tz } else { None },
    };
    let mut out: Vec<StatementRecord> = (a.events.iter().enumerate())
        .map(|(n, e)| statement(article, n, e, false))
        .collect();
    out.extend((a.undated.iter().enumerate()).map(|(n, e)| statement(article, n, e, true)));
    (record, out)
}

/// Writes one record as a line of JSON.
pub fn write_line<W: std::io::Write + ?Sized, T: Serialize>(
    w: &mut W,
    record: &T,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, record)?;
    w.write_all(b"\n")
}

/// What merge has read: articles and their statements, checked whole.
#[derive(Debug, Default)]
pub struct Collected {
    articles: BTreeMap<u64, ArticleRecord>,
    statements: Vec<StatementRecord>,
    /// Keep the articles' word counts (only ranking days needs them).
    keep_words: bool,
    /// Keep statements without the words rows quote ([`slim`]).
    slim: bool,
}

/// A statement without what only its row reads: its sentence (kept when it
/// gives figures, which linking compares: [`happen::figures`]), headline,
/// the words of its expressions, how they were read and what was assumed,
/// and its durations. Merging and linking read
/// the rest; [`Texts`] put the words back for the rows.
fn slim(s: &mut StatementRecord) {
    let figures = happen::figures_in(&s.sentence.text, s.sentence.byte_start, &s.mention, &s.also);
    if figures.is_empty() {
        s.sentence.text = String::new();
        s.also = Vec::new();
    }
    s.headline = String::new();
    s.durations = Vec::new();
    thin_mention(&mut s.mention);
}

/// A mention without its words, how it was read and what was assumed: its
/// offsets and value stay (merging reads its granularity).
fn thin_mention(m: &mut Mention) {
    m.text = String::new();
    m.parse = String::new();
    m.rule = String::new();
    m.assumptions = Vec::new();
}

/// A dated statement's words, read again from a line of extract's output
/// ([`Collected::slim`]): its article's number, its position among the
/// article's statements, and the words. None for article records,
/// statements with no place on the calendar and blank lines.
pub fn texts_of_line(text: &str) -> Option<(u64, usize, Texts)> {
    if text.trim().is_empty() {
        return None;
    }
    let key: KeyOnly = serde_json::from_str(text).ok()?;
    if key.key == ARTICLE_KEY || key.key == UNDATED_KEY {
        return None;
    }
    let s: StatementRecord = serde_json::from_str(text).ok()?;
    Some((
        s.article,
        s.n,
        Texts {
            sentence: s.sentence.text,
            headline: s.headline,
            mention: s.mention,
            also: s.also,
            durations: s.durations,
        },
    ))
}

/// A line of the statement stream.
pub enum Record {
    Article(Box<ArticleRecord>),
    Statement(Box<StatementRecord>),
}

/// Line `line` (1-based) of `source` read as a record of extract; None for
/// a blank line.
pub fn parse_line(source: &str, line: usize, text: &str) -> Result<Option<Record>, Error> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let bad = |reason: String| Error::Usage(format!("{source}: line {line}: {reason}"));
    let key: KeyOnly = serde_json::from_str(text).map_err(|e| {
        bad(format!(
            "expected a statement or article record of chronicler extract, found {e}"
        ))
    })?;
    let parsed = if key.key == ARTICLE_KEY {
        serde_json::from_str::<ArticleRecord>(text).map(|a| Record::Article(Box::new(a)))
    } else {
        serde_json::from_str::<StatementRecord>(text).map(|s| Record::Statement(Box::new(s)))
    }
    .map_err(|e| {
        bad(format!(
            "expected {} record of chronicler extract, found {e}",
            if key.key == ARTICLE_KEY {
                "an article"
            } else {
                "a statement"
            }
        ))
    })?;
    Ok(Some(parsed))
}

/// The error of an article number given twice (`old` and `new` the two
/// articles' ids; the second at `line` of `source`).
pub fn duplicate_article(source: &str, line: usize, n: u64, old: &str, new: &str) -> Error {
    Error::Usage(format!(
        "{source}: line {line}: expected each article number once, found {n} again (articles {old:?} and {new:?}); \
         was an extract given twice, or two partitions numbered alike?"
    ))
}

impl Collected {
    /// Nothing read yet; `keep_words`: keep each article's word counts, for
    /// [`crate::story::build::Story::evidence`] (`--top`).
    pub fn new(keep_words: bool) -> Collected {
        Collected {
            keep_words,
            ..Collected::default()
        }
    }

    /// [`Collected::new`], keeping each statement without the words only its
    /// row quotes ([`Texts`]): the rows are made later, a few at a time, as
    /// the statements are read again ([`crate::story::build::finish_slim`]).
    pub fn slim(keep_words: bool) -> Collected {
        Collected {
            keep_words,
            slim: true,
            ..Collected::default()
        }
    }

    /// Adds one line (`line` of `source`, 1-based, for errors); blank lines
    /// are skipped.
    pub fn add_line(&mut self, source: &str, line: usize, text: &str) -> Result<(), Error> {
        if let Some(mut s) = self.add_article_line(source, line, text)? {
            if self.slim {
                slim(&mut s);
            }
            self.statements.push(*s)
        }
        Ok(())
    }

    /// [`Collected::add_line`] keeping only article records: a statement
    /// record comes back, checked, for the caller to keep.
    pub fn add_article_line(
        &mut self,
        source: &str,
        line: usize,
        text: &str,
    ) -> Result<Option<Box<StatementRecord>>, Error> {
        match parse_line(source, line, text)? {
            None => {}
            Some(Record::Article(mut a)) => {
                if !self.keep_words {
                    a.words = Vec::new();
                }
                let n = a.article;
                if let Some(old) = self.articles.insert(n, *a) {
                    return Err(duplicate_article(
                        source,
                        line,
                        n,
                        &old.id,
                        &self.articles[&n].id,
                    ));
                }
            }
            Some(Record::Statement(s)) => return Ok(Some(s)),
        }
        Ok(None)
    }

    /// The articles, in the order of their numbers, each with its
    /// statements in order (each event's `doc` its position); articles that
    /// need dating by agreement come back read again from their text. Also
    /// each article's word counts (empty unless kept). Fails when a statement's article is
    /// missing or an article's statements are not all there.
    pub fn into_articles(self, include_undated: bool, grammar: &Grammar) -> Result<Merged, Error> {
        self.into_articles_with(include_undated, grammar, None)
    }

    /// [`Collected::into_articles`] for articles whose dated statements were
    /// read elsewhere (a windowed merge sorts them on disk): `seen` counts
    /// them by article number. The articles come back without statements;
    /// fails as `into_articles` does when a statement's article is missing
    /// or an article's count is not its record's.
    pub fn into_articles_counted(
        self,
        grammar: &Grammar,
        seen: &HashMap<u64, usize>,
    ) -> Result<Merged, Error> {
        let mut missing: Vec<u64> = seen
            .keys()
            .copied()
            .filter(|n| !self.articles.contains_key(n))
            .collect();
        missing.sort_unstable();
        if let Some(n) = missing.first() {
            return Err(Error::Usage(format!(
                "expected the article record of every statement, found none for article number {n}"
            )));
        }
        self.into_articles_with(false, grammar, Some(seen))
    }

    fn into_articles_with(
        self,
        include_undated: bool,
        grammar: &Grammar,
        seen: Option<&HashMap<u64, usize>>,
    ) -> Result<Merged, Error> {
        let Collected {
            articles,
            statements,
            ..
        } = self;
        let index: BTreeMap<u64, usize> =
            articles.keys().enumerate().map(|(i, &n)| (n, i)).collect();
        let mut dated: Vec<Vec<Option<Event>>> = Vec::with_capacity(articles.len());
        let mut undated: Vec<Vec<Option<Event>>> = Vec::with_capacity(articles.len());
        for a in articles.values() {
            if include_undated && a.undated.is_none() {
                return Err(Error::Usage(format!(
                    "--include-undated: expected statements extracted with --include-undated, \
                     found article {:?} (number {}) extracted without",
                    a.id, a.article
                )));
            }
            dated.push(vec![None; if seen.is_some() { 0 } else { a.statements }]);
            undated.push(vec![
                None;
                if include_undated {
                    a.undated.unwrap_or(0)
                } else {
                    0
                }
            ]);
        }
        for s in statements {
            let Some(&doc) = index.get(&s.article) else {
                return Err(Error::Usage(format!(
                    "expected the article record of every statement, found none for article number {} \
                     (a statement of {:?})",
                    s.article, s.key
                )));
            };
            let is_undated = s.key == UNDATED_KEY;
            if is_undated && !include_undated {
                continue;
            }
            let list = if is_undated {
                &mut undated[doc]
            } else {
                &mut dated[doc]
            };
            let n = s.n;
            match list.get_mut(n) {
                Some(slot @ None) => *slot = Some(event(doc, s)),
                Some(Some(_)) => {
                    return Err(Error::Usage(format!(
                        "expected each statement once, found statement {n} of article number {} twice",
                        s.article
                    )));
                }
                None => {
                    return Err(Error::Usage(format!(
                        "expected at most {} statements of article number {}, found statement {n}",
                        list.len(),
                        s.article
                    )));
                }
            }
        }
        let mut out = Vec::with_capacity(articles.len());
        let mut counts = Vec::with_capacity(articles.len());
        let mut keys = Vec::with_capacity(articles.len());
        for ((a, dated), undated) in articles.into_values().zip(dated).zip(undated) {
            let found = |list: &[Option<Event>]| list.iter().filter(|e| e.is_some()).count();
            let (expected, got) = match seen {
                Some(seen) => (a.statements, seen.get(&a.article).copied().unwrap_or(0)),
                None => (dated.len() + undated.len(), found(&dated) + found(&undated)),
            };
            if expected != got {
                return Err(count_mismatch(&a.id, a.article, expected, got));
            }
            let mut a = a;
            counts.push(std::mem::take(&mut a.words));
            keys.push(std::mem::take(&mut a.sentences));
            let mut article = article_of(a, grammar)?;
            article.events = dated.into_iter().flatten().collect();
            article.undated = undated.into_iter().flatten().collect();
            out.push(article);
        }
        Ok(Merged {
            articles: out,
            word_counts: counts,
            widget_keys: keys,
            numbers: index.into_keys().collect(),
        })
    }

    /// The `--tz` an extract gave for the articles merge must date.
    pub fn zone_for_undated(&self) -> Option<Zone> {
        self.articles.values().find_map(|a| a.tz)
    }
}

/// The article of a record, without statements (words and sentence hashes
/// are not read): an article merge must date by agreement is read again
/// from its text. Fails when the record names a kind of page there is not.
pub fn article_of(a: ArticleRecord, grammar: &Grammar) -> Result<Article, Error> {
    let text = a.text.unwrap_or_default();
    let not_article = match a.not_article {
        None => None,
        Some((kind, evidence)) => {
            let Some(kind) = PAGE_KINDS.iter().find(|k| **k == kind) else {
                return Err(Error::Usage(format!(
                    "article {:?} (number {}): expected a kind of page among {PAGE_KINDS:?}, found {kind:?}",
                    a.id, a.article
                )));
            };
            Some(PageKind { kind, evidence })
        }
    };
    let (reading, dateline) = if a.dct.is_none() {
        let reading = Reading::of(&text, &grammar.abbreviations);
        let dateline = dateline::find(&text, &reading.blocks, grammar);
        (reading, dateline)
    } else {
        let reading = Reading {
            blocks: Vec::new(),
            sentences: Vec::new(),
            kinds: Vec::new(),
            evidence: Vec::new(),
            not_article,
        };
        (reading, a.dateline)
    };
    Ok(Article {
        document: Document {
            id: a.id,
            id_number: a.id_number,
            path: a.path,
            text,
            dct: a.dct,
            page: a.page,
        },
        meta: Meta {
            source: a.source,
            title: a.title,
            url: a.url,
            zone: a.zone,
        },
        dateline,
        reading,
        mentions: Vec::new(),
        events: Vec::new(),
        undated: Vec::new(),
        set_aside: a.set_aside,
    })
}

/// The articles merge read, with what it needs of their texts.
#[derive(Debug)]
pub struct Merged {
    /// In the order of their numbers; each event's `doc` is its article's position.
    pub articles: Vec<Article>,
    /// Each article's word counts (empty unless kept).
    pub word_counts: Vec<rank::WordCounts>,
    /// Each article's sentences, hashed, for site widgets.
    pub widget_keys: Vec<WidgetKeys>,
    /// Each article's number in extract's output, ascending (by position).
    pub numbers: Vec<u64>,
}

#[derive(Deserialize)]
struct KeyOnly {
    key: String,
}

/// The error of an article whose statements in extract's stream are not as
/// many as its record says.
pub(crate) fn count_mismatch(
    id: &str,
    number: impl std::fmt::Display,
    expected: usize,
    got: usize,
) -> Error {
    Error::Usage(format!(
        "article {id:?} (number {number}): expected {expected} statements, found {got}: {}",
        if got < expected {
            "part of the extract is missing"
        } else {
            "was a statement given twice?"
        }
    ))
}
