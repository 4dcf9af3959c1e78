//! `chronicler check`: the report a journalist acts on before a chronology is
//! published.
//!
//! It runs the build ([`crate::story::timeline::build_from`]) and then reads the
//! articles again, expression by expression, for what does not add up:
//!
//! * **cross-source conflicts** — two happenings of the timeline whose
//!   statements share their words (the merge's similarity,
//!   [`crate::story::merge::Vocabulary`], at least [`CONFLICT_SIMILARITY`]) but
//!   whose dates do not overlap, within [`CONFLICT_WINDOW_DAYS`] (or of the
//!   same kind: 1998 and 1999), when no article tells the two apart (none is
//!   cited by both), every article was in a position to know both dates (all
//!   written after both, or all before both) and they are not each an
//!   article's report of its own day's news. That is one happening dated
//!   differently by different articles.
//! * **weekday–date mismatches** and **impossible dates**, as the resolver
//!   records them ("the text says Friday but 2016-07-16 is a Saturday";
//!   rule "impossible date: …").
//! * **tense**: an explicit or article-relative date after the article's own
//!   day in a clause told in the past tense, or before it in the future tense.
//! * **order**: "A on Friday came two days after B on Thursday" where the
//!   dates say otherwise; "two days later, on July 20" where the count and
//!   the date disagree.
//! * **arithmetic**: "the five-year-old conflict" against the year the
//!   conflict broke out (consistent ones are listed too), and durations that
//!   contradict the start and end the same sentence gives.
//! * **assumptions**: every resolution that rests on a guess (an inferred
//!   article date, a year supplied, a past or future reading of a bare
//!   weekday …), ranked by how much of the timeline rides on it.
//!
//! Every finding cites document, line, sentence and the words, with Unicode
//! scalar offsets (end exclusive) as everywhere else in Chronicler.

use crate::article::document::Dct;
use crate::article::document::DctSource;
use crate::article::sentences::{CharMap, Sentence};
use crate::engine::tag::Grammar;
use crate::engine::timex::{Granularity, Interval, Mention, TimexMod, TimexType};
use crate::error::Error;
use crate::story::build::{self, BuildOptions, Story};
use crate::story::events::Event;
use crate::story::merge::{Vector, Vocabulary};
use crate::story::terms;
use crate::story::timeline::{self, Timeline};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Similarity above which two happenings on different dates, which no
/// article tells apart, are taken to be one happening dated differently.
pub const CONFLICT_SIMILARITY: f32 = 0.45;
/// How far apart (days) two datings of one happening may lie and still be
/// reported as a conflict; further apart they are taken as two happenings
/// (an anniversary, a follow-up) unless the dates are coarser than this.
pub const CONFLICT_WINDOW_DAYS: i64 = 7;

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One happening dated differently by different articles.
    CrossSource,
    /// A stated weekday that the date does not fall on.
    WeekdayMismatch,
    /// A date that does not exist ("June 31").
    ImpossibleDate,
    /// A date after the article's own day in a past-tense clause.
    PastAfterArticleDate,
    /// A date before the article's own day in a future-tense clause.
    FutureBeforeArticleDate,
    /// "after", "before", "two days later" contradicting the resolved dates.
    Order,
    /// An age or a duration contradicting the dates.
    Arithmetic,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CrossSource => "cross-source conflict",
            Kind::WeekdayMismatch => "weekday does not match the date",
            Kind::ImpossibleDate => "impossible date",
            Kind::PastAfterArticleDate => "past tense, date after the article",
            Kind::FutureBeforeArticleDate => "future tense, date before the article",
            Kind::Order => "order contradiction",
            Kind::Arithmetic => "arithmetic",
        }
    }
}

/// A stretch of an article's text. Offsets are Unicode scalar values, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Words of one article that a finding rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cite {
    pub document: String,
    /// The publisher, when the manifest names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// 1-based line of the sentence.
    pub line: usize,
    pub sentence: Span,
    /// The words in question (usually the temporal expression).
    pub words: Span,
    /// Its TIMEX3 value, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The value for people ("Thursday 14 July 2016, night").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    /// How the resolver got there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The timeline row (`e0001`) that cites these words, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
}

/// One problem (or, among `consistent`, one check that passed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    /// One line for people.
    pub title: String,
    /// Why it is a problem and what each side says.
    pub detail: String,
    pub cites: Vec<Cite>,
}

impl Finding {
    /// The timeline rows the finding concerns.
    pub fn rows(&self) -> BTreeSet<&str> {
        self.cites.iter().filter_map(|c| c.row.as_deref()).collect()
    }
}

/// What kind of guess an assumption is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AssumptionKind {
    /// The article's date was inferred from its text.
    InferredArticleDate,
    /// A year supplied for a date without one ("June 18").
    YearSupplied,
    /// Past assumed for lack of any tense cue ("on Wednesday").
    TenseDefault,
    /// A bare weekday or month placed by the sentence's tense.
    TenseReading,
    /// Counted from the article date for lack of an earlier date in the text.
    NarrativeAnchor,
    /// Another guess the resolver recorded.
    Other,
}

impl AssumptionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AssumptionKind::InferredArticleDate => "article date inferred",
            AssumptionKind::YearSupplied => "year supplied",
            AssumptionKind::TenseDefault => "past assumed (no tense cue)",
            AssumptionKind::TenseReading => "placed by the sentence's tense",
            AssumptionKind::NarrativeAnchor => "counted from the article date",
            AssumptionKind::Other => "other guess",
        }
    }

    /// How likely the guess is to be wrong, roughly.
    fn weight(self) -> f64 {
        match self {
            AssumptionKind::InferredArticleDate => 3.0,
            AssumptionKind::YearSupplied | AssumptionKind::TenseDefault => 2.0,
            AssumptionKind::NarrativeAnchor | AssumptionKind::Other => 1.5,
            AssumptionKind::TenseReading => 1.0,
        }
    }
}

/// A resolution that rests on a guess.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumption {
    /// 1 = most rides on it.
    pub rank: usize,
    pub kind: AssumptionKind,
    /// The guess in words.
    pub guess: String,
    /// How much rides on it: the guess's weight times the statements that
    /// depend on it, each counted less the more other articles date its
    /// happening the same way without the guess.
    pub score: f64,
    /// Cited statements whose date depends on the guess.
    pub statements: usize,
    /// Timeline rows they are in.
    pub rows: Vec<String>,
    /// Other articles that date the same happenings the same way.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corroborated_by: Vec<String>,
    pub cites: Vec<Cite>,
}

/// An article as checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub dct: Option<String>,
    pub dct_source: String,
}

/// What `check` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub articles: Vec<Article>,
    /// Happenings (rows) of the timeline.
    pub happenings: usize,
    pub conflicts: Vec<Finding>,
    /// Checks that found the dates consistent ("five-year-old" conflict vs 2011).
    pub consistent: Vec<Finding>,
    pub assumptions: Vec<Assumption>,
    /// Problems that did not stop the check (unreadable files …).
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Documents that could not be read.
    #[serde(skip)]
    pub failed: usize,
}

impl Report {
    /// True when no conflict was found (assumptions do not count).
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }

    /// The report as seen on a selection of the rows (`--top`): `ids` maps
    /// the full timeline's row ids to the selection's; a citation of a row
    /// left out names no row.
    pub fn renumbered(&self, ids: &BTreeMap<String, String>) -> Report {
        let mut r = self.clone();
        let map = |row: &mut Option<String>| {
            *row = row.as_ref().and_then(|old| ids.get(old).cloned());
        };
        for f in r.conflicts.iter_mut().chain(r.consistent.iter_mut()) {
            f.cites.iter_mut().for_each(|c| map(&mut c.row));
        }
        for a in &mut r.assumptions {
            a.cites.iter_mut().for_each(|c| map(&mut c.row));
            a.rows = a
                .rows
                .iter()
                .filter_map(|old| ids.get(old).cloned())
                .collect();
        }
        r
    }
}

/// Reads `paths` like `build` and checks the chronology they make.
pub fn check(paths: &[PathBuf], opts: &BuildOptions, grammar: &Grammar) -> Result<Report, Error> {
    let story = build::read(paths, opts, grammar)?;
    Ok(check_story(&story))
}

/// Checks the chronology of an analysed story; nothing is read or tagged
/// again.
pub fn check_story(story: &Story) -> Report {
    let a = Analysis::new(story);
    let mut conflicts = Vec::new();
    let mut consistent = Vec::new();
    a.cross_source(&mut conflicts);
    a.resolver_findings(&mut conflicts);
    a.tense(&mut conflicts);
    a.order(&mut conflicts);
    a.ages(&mut conflicts, &mut consistent);
    a.durations(&mut conflicts, &mut consistent);
    conflicts.sort_by(|x, y| {
        (x.kind, first_cite_key(x))
            .cmp(&(y.kind, first_cite_key(y)))
            .then_with(|| x.title.cmp(&y.title))
    });
    conflicts.dedup();
    let assumptions = a.assumptions();
    let articles = a
        .timeline
        .documents
        .iter()
        .map(|d| Article {
            id: d.id.clone(),
            source: d.source.clone(),
            dct: d.dct.clone(),
            dct_source: d.dct_source.clone(),
        })
        .collect();
    Report {
        articles,
        happenings: a.timeline.events.len(),
        conflicts,
        consistent,
        assumptions,
        warnings: a.timeline.warnings.clone(),
        failed: a.timeline.failed,
    }
}

fn first_cite_key(f: &Finding) -> (String, usize) {
    f.cites
        .first()
        .map(|c| (c.document.clone(), c.words.start))
        .unwrap_or_default()
}

/// One article as the build read it.
struct Doc<'s> {
    id: &'s str,
    source: Option<&'s String>,
    text: &'s str,
    dct: Option<&'s Dct>,
    /// The expressions in the article's own statements (furniture left out).
    mentions: Vec<&'s Mention>,
    sentences: Vec<Sentence>,
    chars: CharMap,
}

impl Doc<'_> {
    /// The sentence holding byte offset `at`.
    fn sentence_at(&self, at: usize) -> Option<&Sentence> {
        let k = self.sentences.partition_point(|s| s.end <= at);
        self.sentences.get(k).filter(|s| s.start <= at)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.chars.char_at(start),
            end: self.chars.char_at(end),
            text: self.text[start..end].to_string(),
        }
    }

    fn cite(&self, m: &Mention, row: Option<&str>) -> Cite {
        let (line, sentence) = match self.sentence_at(m.byte_start) {
            Some(s) => (s.line, self.span(s.start, s.end.max(m.byte_end))),
            None => (
                1 + self.text[..m.byte_start].matches('\n').count(),
                self.span(m.byte_start, m.byte_end),
            ),
        };
        let dated = m.timex.interval.is_some() && !m.timex.value.is_empty();
        Cite {
            document: self.id.to_string(),
            source: self.source.cloned(),
            line,
            sentence: Span {
                text: squash(&sentence.text),
                ..sentence
            },
            words: Span {
                start: m.start,
                end: m.end,
                text: m.text.clone(),
            },
            value: (!m.timex.value.is_empty()).then(|| m.timex.value.clone()),
            resolved: dated.then(|| {
                timeline::display_date(
                    &m.timex.value,
                    m.timex.modifier,
                    m.timex.granularity,
                    m.timex.interval,
                )
            }),
            rule: Some(m.rule.clone()),
            row: row.map(str::to_string),
        }
    }
}

/// White space runs (line breaks of hard-wrapped text) as one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The story as the checks read it.
struct Analysis<'s> {
    docs: Vec<Doc<'s>>,
    /// Every statement of every article, site furniture included.
    events: Vec<&'s Event>,
    /// The timeline row of each event, when the build cited it.
    row_of: Vec<Option<usize>>,
    /// The events of each row.
    members: Vec<Vec<usize>>,
    /// (document, mention byte start) → event, for every expression an event cites.
    event_of: HashMap<(usize, usize), usize>,
    vectors: Vec<Vector>,
    timeline: &'s Timeline,
}

impl<'s> Analysis<'s> {
    fn new(story: &'s Story) -> Analysis<'s> {
        let timeline = &story.timeline;
        let mut docs = Vec::with_capacity(story.articles.len());
        let mut events: Vec<&Event> = Vec::new();
        for a in &story.articles {
            let document = &a.document;
            let dct = document.dct.as_ref();
            if dct.is_some() {
                events.extend(&a.events);
            }
            // Site furniture and readers' comments are not the article's
            // statements: the build skips them, and so does the check.
            let sentences: Vec<Sentence> = a.reading.statements().copied().collect();
            let mentions: Vec<&Mention> = a
                .mentions
                .iter()
                .filter(|m| {
                    let k = sentences.partition_point(|s| s.end <= m.byte_start);
                    sentences.get(k).is_some_and(|s| s.start <= m.byte_start)
                })
                .collect();
            docs.push(Doc {
                id: &document.id,
                source: a.meta.source.as_ref(),
                chars: CharMap::new(&document.text),
                text: &document.text,
                dct,
                mentions,
                sentences,
            });
        }
        let mut key_row: HashMap<(&str, usize, usize), usize> = HashMap::new();
        for (r, row) in timeline.events.iter().enumerate() {
            for c in &row.citations {
                key_row.insert(
                    (c.document.as_str(), c.sentence.start, c.expression.start),
                    r,
                );
            }
        }
        let row_of: Vec<Option<usize>> = events
            .iter()
            .map(|e| {
                key_row
                    .get(&(docs[e.doc].id, e.sentence.start, e.mention.start))
                    .copied()
            })
            .collect();
        let mut members = vec![Vec::new(); timeline.events.len()];
        for (i, r) in row_of.iter().enumerate() {
            if let Some(r) = r {
                members[*r].push(i);
            }
        }
        let mut event_of = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            event_of.insert((e.doc, e.mention.byte_start), i);
            for m in &e.also {
                event_of.insert((e.doc, m.byte_start), i);
            }
        }
        let cited: Vec<&Event> = row_of
            .iter()
            .zip(&events)
            .filter(|(r, _)| r.is_some())
            .map(|(_, e)| *e)
            .collect();
        let vocab = Vocabulary::new(cited);
        let vectors = events.iter().map(|e| vocab.vector(e)).collect();
        Analysis {
            docs,
            events,
            row_of,
            members,
            event_of,
            vectors,
            timeline,
        }
    }

    fn row_id(&self, event: usize) -> Option<&str> {
        self.row_of[event].map(|r| self.timeline.events[r].id.as_str())
    }

    fn cite_event(&self, i: usize) -> Cite {
        let e = &self.events[i];
        self.docs[e.doc].cite(&e.mention, self.row_id(i))
    }

    /// The cite of mention `m` of document `d`, with its row when an event cites it.
    fn cite_mention(&self, d: usize, m: &Mention) -> Cite {
        let row = self
            .event_of
            .get(&(d, m.byte_start))
            .and_then(|&i| self.row_id(i));
        self.docs[d].cite(m, row)
    }

    /// Happenings dated differently by articles that do not tell them apart.
    fn cross_source(&self, out: &mut Vec<Finding>) {
        struct View {
            row: usize,
            members: Vec<usize>,
            docs: BTreeSet<usize>,
            start: NaiveDateTime,
            end: NaiveDateTime,
            /// Every statement dates it to its own article's day ("today", "on
            /// Friday" in a Friday article): a report of that day's news.
            own_day: bool,
        }
        let views: Vec<View> = self
            .members
            .iter()
            .enumerate()
            .filter_map(|(row, ms)| {
                let members: Vec<usize> = ms
                    .iter()
                    .copied()
                    .filter(|&i| self.events[i].relation.is_none())
                    .collect();
                let start = members.iter().map(|&i| self.events[i].span.start).min()?;
                let end = members.iter().map(|&i| self.events[i].span.end).max()?;
                let docs = members.iter().map(|&i| self.events[i].doc).collect();
                let own_day = members.iter().all(|&i| {
                    let e = &self.events[i];
                    e.day().is_some() && e.day() == self.docs[e.doc].dct.as_ref().map(|d| d.date)
                });
                Some(View {
                    row,
                    members,
                    docs,
                    start,
                    end,
                    own_day,
                })
            })
            .collect();
        let mut order: Vec<usize> = (0..views.len()).collect();
        order.sort_by_key(|&k| views[k].start);
        // No pair is further apart than the widest window: past it, stop.
        let widest = views
            .iter()
            .map(|v| v.end - v.start)
            .max()
            .unwrap_or_default()
            .max(Duration::days(CONFLICT_WINDOW_DAYS));
        for (x, &ka) in order.iter().enumerate() {
            let a = &views[ka];
            for &kb in &order[x + 1..] {
                let b = &views[kb];
                let window = Duration::days(CONFLICT_WINDOW_DAYS)
                    .max(a.end - a.start)
                    .max(b.end - b.start);
                if b.start - a.end > widest {
                    break;
                }
                if b.start - a.end > window {
                    continue;
                }
                // Articles that tell the two apart, or that each report their
                // own day's news (a daily briefing, a recurring event), are no conflict.
                if !a.docs.is_disjoint(&b.docs) || (a.own_day && b.own_day) {
                    continue;
                }
                // Every article must have been in a position to know both
                // dates: all written after both (looking back), or all before
                // both (looking ahead). An article dated between them may
                // simply report a later happening of the same kind.
                let (lo, hi) = (a.start.min(b.start).date(), a.start.max(b.start).date());
                let dcts: Vec<NaiveDate> = a
                    .docs
                    .iter()
                    .chain(&b.docs)
                    .filter_map(|&d| self.docs[d].dct.as_ref().map(|x| x.date))
                    .collect();
                if !(dcts.iter().all(|&d| d >= hi) || dcts.iter().all(|&d| d <= lo)) {
                    continue;
                }
                if !comparable(
                    self.timeline.events[a.row].granularity,
                    a.end - a.start,
                    self.timeline.events[b.row].granularity,
                    b.end - b.start,
                ) {
                    continue;
                }
                let overlap = a.members.iter().any(|&i| {
                    b.members.iter().any(|&j| {
                        let (s, t) = (&self.events[i].span, &self.events[j].span);
                        s.start < t.end && t.start < s.end
                    })
                });
                if overlap {
                    continue;
                }
                let Some((sim, i, j)) = self.best_pair(&a.members, &b.members) else {
                    continue;
                };
                if sim < CONFLICT_SIMILARITY {
                    continue;
                }
                out.push(self.conflict_finding(a.row, b.row, sim, i, j));
            }
        }
    }

    /// The most similar pair of events of two rows.
    fn best_pair(&self, a: &[usize], b: &[usize]) -> Option<(f32, usize, usize)> {
        let mut best: Option<(f32, usize, usize)> = None;
        for &i in a.iter().take(40) {
            for &j in b.iter().take(40) {
                let s = self.vectors[i].cosine(&self.vectors[j]);
                if best.is_none_or(|(bs, _, _)| s > bs) {
                    best = Some((s, i, j));
                }
            }
        }
        best
    }

    fn conflict_finding(&self, ra: usize, rb: usize, sim: f32, i: usize, j: usize) -> Finding {
        let (a, b) = (&self.timeline.events[ra], &self.timeline.events[rb]);
        let names = |docs: &[String]| -> String { docs.join(", ") };
        let side = |r: &crate::story::timeline::Row| -> String {
            format!(
                "{} ({} article{}: {})",
                r.display_date,
                r.documents.len(),
                if r.documents.len() == 1 { "" } else { "s" },
                names(&r.documents)
            )
        };
        let majority = match a.documents.len().cmp(&b.documents.len()) {
            std::cmp::Ordering::Greater => format!(
                " Most of the articles say {}; check {}.",
                a.display_date,
                names(&b.documents)
            ),
            std::cmp::Ordering::Less => format!(
                " Most of the articles say {}; check {}.",
                b.display_date,
                names(&a.documents)
            ),
            std::cmp::Ordering::Equal => String::new(),
        };
        let mut cites: Vec<Cite> = Vec::new();
        for &k in self.members[ra].iter().chain(&self.members[rb]) {
            cites.push(self.cite_event(k));
        }
        // The closest pair first: they are the words to compare.
        cites.sort_by_key(|c| {
            let key = |e: usize| {
                (
                    self.docs[self.events[e].doc].id.to_string(),
                    self.events[e].mention.start,
                )
            };
            let (ki, kj) = (key(i), key(j));
            let this = (c.document.clone(), c.words.start);
            (this != ki, this != kj)
        });
        Finding {
            kind: Kind::CrossSource,
            title: format!(
                "“{}” is dated {} and {}",
                short(&self.events[i].headline, 90),
                a.display_date,
                b.display_date
            ),
            detail: format!(
                "The same happening is dated {} and {}. The statements share their words (similarity {sim:.2}) \
                 and no article tells the two apart.{majority}",
                side(a),
                side(b)
            ),
            cites,
        }
    }

    /// What the resolver found impossible or self-contradictory.
    fn resolver_findings(&self, out: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            for m in &doc.mentions {
                if m.rule.starts_with("impossible date") {
                    let v = &m.timex.value;
                    let (y, mo) = (
                        v.get(..4).and_then(|s| s.parse::<i32>().ok()),
                        v.get(5..7).and_then(|s| s.parse::<u32>().ok()),
                    );
                    let days = match (y, mo) {
                        (Some(y), Some(mo)) => crate::article::document::days_in_month(y, mo)
                            .map(|n| {
                                format!(
                                    " ({} {y} has {n} days)",
                                    crate::story::timeline::MONTHS[mo as usize - 1]
                                )
                            })
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    out.push(Finding {
                        kind: Kind::ImpossibleDate,
                        title: format!("“{}” does not exist{days}", m.text),
                        detail: format!(
                            "“{}” would be {v}, a date that does not exist{days}; it is left out of the timeline. \
                             Check the day and the month against the source.",
                            m.text
                        ),
                        cites: vec![self.cite_mention(d, m)],
                    });
                }
                for a in &m.assumptions {
                    if let Some(rest) = a.strip_prefix("the text says ") {
                        out.push(weekday_finding(self.cite_mention(d, m), m, rest));
                    }
                }
            }
        }
    }

    /// Dates on the wrong side of the article date for the clause's tense.
    fn tense(&self, out: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            let Some(dct) = &doc.dct else { continue };
            let day_start = dct.date.and_hms_opt(0, 0, 0).unwrap_or_default();
            let day_end = day_start + Duration::days(1);
            for m in &doc.mentions {
                let Some(iv) = m.timex.interval else { continue };
                if !tense_free_rule(&m.rule) || !is_dating(m) {
                    continue;
                }
                let Some(s) = doc.sentence_at(m.byte_start) else {
                    continue;
                };
                let stext = &doc.text[s.start..s.end];
                let (rs, re) = (m.byte_start - s.start, m.byte_end.min(s.end) - s.start);
                if in_quotes(stext, rs) {
                    continue;
                }
                let tense = clause_tense(stext, rs, re);
                let kind = match tense {
                    Tense::Past if iv.start >= day_end => Kind::PastAfterArticleDate,
                    Tense::Future if iv.end <= day_start => Kind::FutureBeforeArticleDate,
                    _ => continue,
                };
                let when = timeline::display_date(
                    &m.timex.value,
                    m.timex.modifier,
                    m.timex.granularity,
                    Some(iv),
                );
                let article = format!("{} ({})", dct.date, dct.date.format("%A"));
                let inferred = if matches!(dct.source, DctSource::Inferred(_)) {
                    " The article date was inferred: it may be the article date that is wrong."
                } else {
                    ""
                };
                let (title, detail) = match kind {
                    Kind::PastAfterArticleDate => (
                        format!(
                            "“{}” ({when}) is after the article's date but told in the past tense",
                            m.text
                        ),
                        format!(
                            "The article is dated {article}; “{}” resolves to {when}, later, yet the clause is in the past tense. \
                             Either the date or the article date is wrong.{inferred}",
                            m.text
                        ),
                    ),
                    _ => (
                        format!(
                            "“{}” ({when}) is before the article's date but told in the future tense",
                            m.text
                        ),
                        format!(
                            "The article is dated {article}; “{}” resolves to {when}, earlier, yet the clause is in the future tense. \
                             Either the date or the article date is wrong.{inferred}",
                            m.text
                        ),
                    ),
                };
                out.push(Finding {
                    kind,
                    title,
                    detail,
                    cites: vec![self.cite_mention(d, m)],
                });
            }
        }
    }

    /// "A after B", "N days after", "two days later, on …" against the dates.
    fn order(&self, out: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            for s in &doc.sentences {
                let ms: Vec<&Mention> = doc
                    .mentions
                    .iter()
                    .filter(|m| m.byte_start >= s.start && m.byte_end <= s.end)
                    .copied()
                    .collect();
                let dated: Vec<&Mention> = ms
                    .iter()
                    .copied()
                    .filter(|m| is_dating(m) && m.timex.interval.is_some())
                    .collect();
                for (k, m1) in dated.iter().enumerate() {
                    for m2 in &dated[k + 1..] {
                        if let Some(f) = self.order_pair(d, doc.text, &ms, m1, m2) {
                            out.push(f);
                        }
                    }
                }
            }
        }
    }

    fn order_pair(
        &self,
        d: usize,
        text: &str,
        ms: &[&Mention],
        m1: &Mention,
        m2: &Mention,
    ) -> Option<Finding> {
        let (i1, i2) = (m1.timex.interval?, m2.timex.interval?);
        if m2.byte_start < m1.byte_end {
            return None;
        }
        let between = &text[m1.byte_end..m2.byte_start];
        // "Two days later, on July 20": a narrative count next to a date.
        if let Some(f) = self.count_next_to_date(d, between, m1, m2) {
            return Some(f);
        }
        // Nothing else dated in between: "1979: … after … 1983: … 1989".
        if ms.iter().any(|m| {
            m.byte_start >= m1.byte_end
                && m.byte_end <= m2.byte_start
                && is_dating(m)
                && m.timex.interval.is_some()
        }) {
            return None;
        }
        let lower = between.to_lowercase();
        let (pos, after) = connective(&lower)?;
        // The connective ties the two: close to the first, and the second in
        // its clause ("Friday came two days after the attack on Thursday").
        let tail = &between[pos..];
        if terms::words(&between[..pos]).len() > 6
            || between[..pos].contains([',', ';', ':', '—', '(', ')', '|'])
            || terms::words(tail).len() > 9
            || tail.contains([',', ';', ':', '—', '(', ')', '|'])
        {
            return None;
        }
        // A count right before the connective ("two days after").
        let count = ms
            .iter()
            .filter(|m| m.timex.kind == TimexType::Duration)
            .filter(|m| m.byte_start >= m1.byte_end && m.byte_end <= m1.byte_end + pos)
            .find(|m| text[m.byte_end..m1.byte_end + pos].trim().is_empty())
            .and_then(|m| duration_days(&m.timex.value).map(|n| (m, n)));
        let day = |iv: Interval| iv.start.date();
        let (first, second) = (m1.timex.granularity, m2.timex.granularity);
        let wrong = match count {
            Some((_, n)) if first >= Granularity::Day && second >= Granularity::Day && n >= 1.0 => {
                let expect = if after {
                    day(i2) + Duration::days(n.round() as i64)
                } else {
                    day(i2) - Duration::days(n.round() as i64)
                };
                (n.fract() == 0.0 && day(i1) != expect).then(|| {
                    format!(
                        "{} {} {} would be {}, not {}",
                        count.map(|(m, _)| m.text.as_str()).unwrap_or(""),
                        if after { "after" } else { "before" },
                        display(m2),
                        expect.format("%A %-d %B %Y"),
                        display(m1)
                    )
                })
            }
            _ if after && i1.end <= i2.start => Some(format!(
                "{} is before {}, but the sentence puts it after",
                display(m1),
                display(m2)
            )),
            _ if !after && i1.start >= i2.end => Some(format!(
                "{} is after {}, but the sentence puts it before",
                display(m1),
                display(m2)
            )),
            _ => None,
        }?;
        Some(Finding {
            kind: Kind::Order,
            title: format!(
                "“{}” … {} … “{}”: {wrong}",
                m1.text,
                squash(between),
                m2.text
            ),
            detail: format!(
                "The sentence orders two dated happenings, and the dates contradict it: {wrong}."
            ),
            cites: vec![self.cite_mention(d, m1), self.cite_mention(d, m2)],
        })
    }

    /// "Two days later, on July 20": a narrative count and a date for the same thing.
    fn count_next_to_date(
        &self,
        d: usize,
        between: &str,
        m1: &Mention,
        m2: &Mention,
    ) -> Option<Finding> {
        let glue = between
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| matches!(w.to_lowercase().as_str(), "on" | "the" | "in" | "at" | "of"));
        if !glue || between.len() > 12 {
            return None;
        }
        // "2 Day after the narrative's last date": a count, not "+0 Day from …".
        let counted = |m: &Mention| {
            m.rule.ends_with("the narrative's last date")
                && m.rule
                    .split_whitespace()
                    .next()
                    .is_some_and(|n| n.parse::<f64>().is_ok_and(|n| n > 0.0))
        };
        let (count, date) = match (counted(m1), counted(m2)) {
            (true, false) => (m1, m2),
            (false, true) => (m2, m1),
            _ => return None,
        };
        if count.timex.granularity < Granularity::Day || date.timex.granularity < Granularity::Day {
            return None;
        }
        let (ic, id) = (count.timex.interval?, date.timex.interval?);
        if ic.start.date() == id.start.date() {
            return None;
        }
        let from = anchor_text(&count.rule, ic.start.date());
        let wrong = format!(
            "“{}” counts from {from} to {}, but the same sentence says {}",
            count.text,
            ic.start.date().format("%A %-d %B %Y"),
            display(date)
        );
        Some(Finding {
            kind: Kind::Order,
            title: wrong.clone(),
            detail: format!(
                "{wrong}. One of the two is wrong, or the earlier date the count starts from is."
            ),
            cites: vec![self.cite_mention(d, count), self.cite_mention(d, date)],
        })
    }

    /// "The five-year-old conflict" against the year the conflict broke out.
    fn ages(&self, conflicts: &mut Vec<Finding>, consistent: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            let Some(dct) = &doc.dct else { continue };
            for m in &doc.mentions {
                if m.timex.kind != TimexType::Duration || !m.text.contains('-') {
                    continue;
                }
                let Some((n, unit)) = duration_parts(&m.timex.value) else {
                    continue;
                };
                if unit != 'Y' || n < 1.0 {
                    continue;
                }
                let phrase = noun_after(doc.text, m.byte_end);
                let Some(head) = phrase.last().map(|w| family(w)) else {
                    continue;
                };
                if phrase
                    .last()
                    .is_some_and(|w| NOT_AGES.contains(&w.to_lowercase().as_str()))
                {
                    continue;
                }
                let Some((sd, start)) = self.start_of(&head, &phrase, d, dct.date) else {
                    continue;
                };
                let Some(iv) = start.timex.interval else {
                    continue;
                };
                let years = |t: NaiveDateTime| (dct.date - t.date()).num_days() as f64 / 365.25;
                let (lo, hi) = (years(iv.end).max(0.0), years(iv.start));
                let ok = n >= lo.floor() && n <= hi.ceil();
                let elapsed = if (hi - lo) < 1.5 {
                    format!("{:.0}–{:.0} years", lo.floor(), hi.ceil())
                } else {
                    format!("{:.1}–{:.1} years", lo, hi)
                };
                let phrase_text = phrase.join(" ");
                let f = Finding {
                    kind: Kind::Arithmetic,
                    title: format!(
                        "“{} {phrase_text}” against “{}” ({}){}",
                        m.text,
                        start.text,
                        display(start),
                        if ok {
                            ": consistent"
                        } else {
                            ": does not add up"
                        }
                    ),
                    detail: format!(
                        "{} is dated {}; from {} to then is {elapsed}, and the text says {n} year{}.{}",
                        self.docs[d].id,
                        dct.date,
                        display(start),
                        if n == 1.0 { "" } else { "s" },
                        if ok {
                            ""
                        } else {
                            " Either the age or the date it started is wrong."
                        }
                    ),
                    cites: vec![self.cite_mention(d, m), self.cite_mention(sd, start)],
                };
                if ok {
                    consistent.push(f);
                } else {
                    conflicts.push(f);
                }
            }
        }
    }

    /// The dated start ("erupted in 2011") of the thing `head` names, in any article.
    fn start_of(
        &self,
        head: &str,
        phrase: &[String],
        from_doc: usize,
        before: NaiveDate,
    ) -> Option<(usize, &Mention)> {
        let mut best: Option<(usize, usize, &Mention)> = None;
        for (d, doc) in self.docs.iter().enumerate() {
            for m in &doc.mentions {
                let Some(iv) = m.timex.interval else { continue };
                if !is_dating(m)
                    || iv.start.date() >= before
                    || m.timex.granularity < Granularity::Year
                {
                    continue;
                }
                let Some(s) = doc.sentence_at(m.byte_start) else {
                    continue;
                };
                let words: Vec<String> = plain_words(&doc.text[s.start..s.end]);
                if !starts_near(&words, head) {
                    continue;
                }
                let shared = phrase
                    .iter()
                    .filter(|p| words.iter().any(|w| family(w) == family(p)))
                    .count();
                // Prefer other articles' statements of the start, then the most shared words.
                let score = shared * 2 + usize::from(d != from_doc);
                if best.is_none_or(|(bs, _, _)| score > bs) {
                    best = Some((score, d, m));
                }
            }
        }
        best.map(|(_, d, m)| (d, m))
    }

    /// Durations that contradict the start and end (or "since") of the same sentence.
    fn durations(&self, conflicts: &mut Vec<Finding>, consistent: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            for s in &doc.sentences {
                let ms: Vec<&Mention> = doc
                    .mentions
                    .iter()
                    .filter(|m| m.byte_start >= s.start && m.byte_end <= s.end)
                    .copied()
                    .collect();
                let durs: Vec<&Mention> = ms
                    .iter()
                    .copied()
                    .filter(|m| m.timex.kind == TimexType::Duration && !m.text.contains('-'))
                    .collect();
                if durs.len() != 1 {
                    continue;
                }
                let dur = durs[0];
                // "lasted five days", "for 16 years": a measure, not a rate ("a day").
                let before = doc.text[..dur.byte_start].trim_end().to_lowercase();
                let measures = [
                    "for", "lasted", "lasting", "last", "lasts", "took", "spanning", "spanned",
                    "spent", "over", "during",
                ]
                .iter()
                .any(|w| {
                    before.ends_with(w)
                        && !before[..before.len() - w.len()]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric)
                });
                if !measures {
                    continue;
                }
                let Some((n, unit)) = duration_parts(&dur.timex.value) else {
                    continue;
                };
                let Some(days) = duration_days(&dur.timex.value) else {
                    continue;
                };
                let start = ms.iter().find(|m| m.parse.starts_with("range/start"));
                let end = ms.iter().find(|m| m.parse.starts_with("range/end"));
                let (lo, hi, sides, what) = match (start, end) {
                    (Some(a), Some(b)) => {
                        let (Some(x), Some(y)) = (a.timex.interval, b.timex.interval) else {
                            continue;
                        };
                        (
                            (y.start - x.start).num_hours() as f64 / 24.0,
                            (y.end - x.start).num_hours() as f64 / 24.0,
                            vec![*a, *b],
                            format!("from {} to {}", display(a), display(b)),
                        )
                    }
                    _ => {
                        // "for 16 years, since 2000": since the date, up to the article date.
                        let Some(dct) = &doc.dct else { continue };
                        let since = ms.iter().find(|m| {
                            is_dating(m)
                                && m.timex.interval.is_some()
                                && doc.text[..m.byte_start]
                                    .trim_end()
                                    .to_lowercase()
                                    .ends_with("since")
                        });
                        let Some(since) = since else { continue };
                        let Some(x) = since.timex.interval else {
                            continue;
                        };
                        let now = dct.date.and_hms_opt(0, 0, 0).unwrap_or_default();
                        (
                            (now - x.end).num_hours().max(0) as f64 / 24.0,
                            (now - x.start).num_hours() as f64 / 24.0,
                            vec![*since],
                            format!(
                                "since {} up to the article date {}",
                                display(since),
                                dct.date
                            ),
                        )
                    }
                };
                let u = unit_days(unit);
                let ok = days >= lo - u / 2.0 && days <= hi + u / 2.0;
                let span = if (hi - lo).abs() < f64::EPSILON {
                    in_units(lo, unit)
                } else {
                    format!("{} to {}", in_units(lo, unit), in_units(hi, unit))
                };
                let mut cites = vec![self.cite_mention(d, dur)];
                cites.extend(sides.iter().map(|m| self.cite_mention(d, m)));
                let f = Finding {
                    kind: Kind::Arithmetic,
                    title: format!(
                        "“{}” {what}{}",
                        dur.text,
                        if ok {
                            ": consistent"
                        } else {
                            ": does not add up"
                        }
                    ),
                    detail: format!(
                        "The sentence says {} ({n} {}), and {what} is {span}.{}",
                        dur.text,
                        unit_name(unit, n),
                        if ok {
                            ""
                        } else {
                            " The duration or one of the dates is wrong."
                        }
                    ),
                    cites,
                };
                if ok {
                    consistent.push(f);
                } else {
                    conflicts.push(f);
                }
            }
        }
    }

    /// Every guess a cited date rests on, ranked by how much rides on it.
    fn assumptions(&self) -> Vec<Assumption> {
        let mut out: Vec<Assumption> = Vec::new();
        // Other articles dating a row the same way: each corroborates a
        // guess fully when it needs no guess of its own, half when it does.
        let others = |row: usize, except: usize| -> (BTreeSet<String>, f64) {
            let mut docs: BTreeMap<usize, bool> = BTreeMap::new();
            for &k in &self.members[row] {
                let e = &self.events[k];
                if e.doc != except && e.relation.is_none() {
                    let plain = guesses(&e.mention).is_empty();
                    let d = docs.entry(e.doc).or_insert(plain);
                    *d |= plain;
                }
            }
            let weight = docs.values().map(|&p| if p { 1.0 } else { 0.5 }).sum();
            let names = docs.keys().map(|&d| self.docs[d].id.to_string()).collect();
            (names, weight)
        };
        // Inferred article dates.
        for (d, doc) in self.docs.iter().enumerate() {
            let Some(Dct {
                source: DctSource::Inferred(basis),
                date,
                ..
            }) = &doc.dct
            else {
                continue;
            };
            let riding: Vec<usize> = (0..self.events.len())
                .filter(|&k| {
                    self.events[k].doc == d
                        && self.events[k].depends_on_dct
                        && self.row_of[k].is_some()
                })
                .collect();
            let rows: BTreeSet<usize> = riding.iter().filter_map(|&k| self.row_of[k]).collect();
            let mut corroborated = BTreeSet::new();
            let mut score = 0.0;
            for &k in &riding {
                let Some(r) = self.row_of[k] else { continue };
                let others: BTreeSet<String> = self.members[r]
                    .iter()
                    .filter(|&&j| self.events[j].doc != d)
                    .filter(|&&j| {
                        !matches!(
                            self.docs[self.events[j].doc]
                                .dct
                                .as_ref()
                                .map(|x| &x.source),
                            Some(DctSource::Inferred(_))
                        ) || !self.events[j].depends_on_dct
                    })
                    .map(|&j| self.docs[self.events[j].doc].id.to_string())
                    .collect();
                score += 1.0 / (1.0 + others.len() as f64);
                corroborated.extend(others);
            }
            let kind = AssumptionKind::InferredArticleDate;
            out.push(Assumption {
                rank: 0,
                kind,
                guess: format!("{} is dated {date}: {basis}", doc.id),
                score: round2(kind.weight() * score),
                statements: riding.len(),
                rows: rows
                    .iter()
                    .map(|&r| self.timeline.events[r].id.clone())
                    .collect(),
                corroborated_by: corroborated.into_iter().collect(),
                cites: riding
                    .iter()
                    .take(12)
                    .map(|&k| self.cite_event(k))
                    .collect(),
            });
        }
        // Guesses of single expressions that date a cited statement.
        for (k, e) in self.events.iter().enumerate() {
            let Some(r) = self.row_of[k] else { continue };
            for m in std::iter::once(&e.mention).chain(&e.also) {
                for (kind, guess) in guesses(m) {
                    let (others, weight) = others(r, e.doc);
                    let score = kind.weight() / (1.0 + weight);
                    out.push(Assumption {
                        rank: 0,
                        kind,
                        guess: format!("“{}” → {}: {guess}", m.text, display(m)),
                        score: round2(score),
                        statements: 1,
                        rows: vec![self.timeline.events[r].id.clone()],
                        corroborated_by: others.into_iter().collect(),
                        cites: vec![self.docs[e.doc].cite(m, self.row_id(k))],
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.kind.cmp(&b.kind))
                .then_with(|| first_key(a).cmp(&first_key(b)))
        });
        for (i, a) in out.iter_mut().enumerate() {
            a.rank = i + 1;
        }
        out
    }
}

fn first_key(a: &Assumption) -> (String, usize) {
    a.cites
        .first()
        .map(|c| (c.document.clone(), c.words.start))
        .unwrap_or_default()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Whether two datings could be one happening dated differently: two days
/// (or finer), a day and a week or month it may have been placed in, or two
/// stretches of the same kind (1998 and 1999) — not a day and a year.
fn comparable(ga: Granularity, la: Duration, gb: Granularity, lb: Duration) -> bool {
    let month = Duration::days(31);
    match (ga >= Granularity::Day, gb >= Granularity::Day) {
        (true, true) => true,
        (true, false) => lb <= month,
        (false, true) => la <= month,
        (false, false) => ga == gb,
    }
}

/// The guesses one expression's date rests on (not the article date's).
fn guesses(m: &Mention) -> Vec<(AssumptionKind, String)> {
    let mut out = Vec::new();
    for a in &m.assumptions {
        let kind = if a.starts_with("article date inferred")
            || a.starts_with("start of the range")
            || a.starts_with("end of the range")
            || a.starts_with("the text says")
        {
            continue;
        } else if a.starts_with("year not stated") || a.starts_with("century not stated") {
            AssumptionKind::YearSupplied
        } else if a.contains("past assumed") {
            AssumptionKind::TenseDefault
        } else if a.starts_with("no earlier date in the text") {
            AssumptionKind::NarrativeAnchor
        } else {
            AssumptionKind::Other
        };
        out.push((kind, a.clone()));
    }
    if out.is_empty() && (m.rule.contains("-tense sentence") || m.rule.contains("sentence's tense"))
    {
        out.push((AssumptionKind::TenseReading, m.rule.clone()));
    }
    out
}

/// "the text says Friday but 2016-07-16 is a Saturday; the date is kept"
fn weekday_finding(cite: Cite, m: &Mention, rest: &str) -> Finding {
    let said = rest.split_whitespace().next().unwrap_or("");
    let date = rest
        .split_whitespace()
        .find_map(|w| NaiveDate::parse_from_str(w, "%Y-%m-%d").ok());
    let nearest = date.and_then(|date| {
        (-3..=3)
            .map(|k| date + Duration::days(k))
            .find(|x| x.format("%A").to_string() == said)
    });
    let hint = match (date, nearest) {
        (Some(date), Some(n)) => format!(
            " {} is a {}; the nearest {said} is {}. Either the weekday or the date is wrong.",
            date.format("%-d %B %Y"),
            date.format("%A"),
            n.format("%-d %B %Y")
        ),
        _ => String::new(),
    };
    Finding {
        kind: Kind::WeekdayMismatch,
        title: format!("“{}”: {}", m.text, rest.split(';').next().unwrap_or(rest)),
        detail: format!("The text says {rest}; the timeline uses the date.{hint}"),
        cites: vec![cite],
    }
}

/// Rules whose value does not depend on the sentence's tense.
fn tense_free_rule(rule: &str) -> bool {
    rule.starts_with("explicit")
        || rule.contains("from the article date")
        || rule.ends_with("the article date")
}

/// True for DATE and TIME expressions that date rather than bound.
fn is_dating(m: &Mention) -> bool {
    matches!(m.timex.kind, TimexType::Date | TimexType::Time)
        && !m.timex.modifier.is_some_and(TimexMod::is_bound)
        && m.timex.granularity != Granularity::None
}

fn display(m: &Mention) -> String {
    if m.timex.interval.is_none() {
        return m.timex.value.clone();
    }
    timeline::display_date(
        &m.timex.value,
        m.timex.modifier,
        m.timex.granularity,
        m.timex.interval,
    )
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    if let Some(cut) = out.rfind(' ') {
        out.truncate(cut);
    }
    out.push('…');
    out
}

/// True when byte `at` of a sentence is inside quoted speech.
fn in_quotes(s: &str, at: usize) -> bool {
    let before = &s[..at];
    let straight = before.matches('"').count();
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    straight % 2 == 1 || open > close
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// Words that open a new clause.
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "that", "which", "who", "when", "while", "after", "before", "because", "as",
    "where", "although", "though", "if", "until", "since",
];

/// What a word says of the tense of its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Past,
    /// "will", "is to", "due to" …
    Future,
    /// Present tense, modals and infinitives: not past, not surely future.
    Other,
}

fn cue(w: &str, next: Option<&str>) -> Option<Cue> {
    if matches!(w, "will" | "shall" | "won't") || w.ends_with("'ll") {
        return Some(Cue::Future);
    }
    if matches!(
        w,
        "is" | "are" | "going" | "due" | "scheduled" | "expected" | "set"
    ) && next == Some("to")
    {
        return Some(Cue::Future);
    }
    if matches!(
        w,
        "would"
            | "could"
            | "may"
            | "might"
            | "can"
            | "must"
            | "should"
            | "upcoming"
            | "scheduled"
            | "expected"
            | "planned"
            | "plans"
            | "plan"
            | "due"
            | "set"
            | "next"
            | "intends"
            | "aims"
            | "hopes"
            | "is"
            | "are"
            | "am"
            | "be"
            | "says"
            | "say"
            | "tells"
            | "to"
    ) {
        return Some(Cue::Other);
    }
    // the resolver's past cues, plus reporting verbs and a few more events
    let past = crate::engine::resolve::PAST_FORMS.contains(&w)
        || matches!(
            w,
            "said" | "told" | "flew" | "arrived" | "signed" | "struck" | "broke" | "ended" | "died"
        )
        || (crate::engine::resolve::regular_past(w) && !matches!(w, "proposed" | "united"));
    past.then_some(Cue::Past)
}

/// The tense cues of `s`, with the index of their word.
fn cues(s: &str) -> Vec<(usize, Cue)> {
    let words: Vec<String> = terms::words(s)
        .into_iter()
        .map(|w| w.text.to_lowercase().replace('’', "'"))
        .collect();
    words
        .iter()
        .enumerate()
        .filter_map(|(k, w)| cue(w, words.get(k + 1).map(String::as_str)).map(|c| (k, c)))
        .collect()
}

/// The tense of the clause holding bytes `start..end` of sentence `s`, read
/// conservatively: past only when a past-tense verb and no present or future
/// cue is in the clause; future only for "will" and the like without a past
/// verb. A fronted date ("On July 18, 2016, the spokesman said …") takes the
/// tense of the first verb of the clause that follows it.
fn clause_tense(s: &str, start: usize, end: usize) -> Tense {
    // Clause bounds: punctuation, or a word that opens a clause.
    let is_mark = |c: char| {
        matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '—' | '–' | '"' | '“' | '”' | '|'
        )
    };
    let mut from = s[..start].rfind(is_mark).map_or(0, |i| i + 1);
    let mut to = s[end..].find(is_mark).map_or(s.len(), |i| end + i);
    let base = from;
    if let Some(w) = terms::words(&s[base..start])
        .into_iter()
        .rfind(|w| CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()))
    {
        from = base + w.end;
    }
    if let Some(w) = terms::words(&s[end..to])
        .into_iter()
        .find(|w| CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()))
    {
        to = end + w.start;
    }
    // Cues with their distance in words from the expression.
    let before_words = terms::words(&s[from..start]).len();
    let mut found: Vec<(usize, Cue)> = cues(&s[from..start])
        .into_iter()
        .map(|(k, c)| (before_words - k, c))
        .collect();
    for (k, c) in cues(&s[end..to]) {
        found.push((k + 1, c));
    }
    let fronted = terms::words(&s[from..start]).iter().all(|w| {
        matches!(
            w.text.to_lowercase().as_str(),
            "on" | "in" | "at" | "during" | "by"
        )
    }) && before_words == 1;
    if found.is_empty() {
        if !fronted {
            return Tense::Unknown;
        }
        // A fronted date ("On July 18, 2016, …"): the next clause's first verb.
        let rest = s[to..].trim_start_matches(is_mark);
        let next_end = rest.find(is_mark).unwrap_or(rest.len());
        return match cues(&rest[..next_end]).first() {
            Some((_, Cue::Past)) => Tense::Past,
            Some((_, Cue::Future)) => Tense::Future,
            _ => Tense::Unknown,
        };
    }
    // The verb must be near: "lost my vote for … the presidency in 2012" is
    // about the presidency, not the losing.
    let near = found.iter().map(|&(d, _)| d).min().unwrap_or(usize::MAX) <= 8;
    let past = found.iter().any(|&(_, c)| c == Cue::Past);
    if found.iter().any(|&(_, c)| c == Cue::Future) && !past && near {
        Tense::Future
    } else if past && found.iter().all(|&(_, c)| c == Cue::Past) && near {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

/// The last ordering word in `between` (lower case): its byte offset and
/// whether it says "after".
fn connective(between: &str) -> Option<(usize, bool)> {
    const AFTER: &[&str] = &["after", "following", "later than"];
    const BEFORE: &[&str] = &[
        "before",
        "ahead of",
        "prior to",
        "earlier than",
        "preceding",
    ];
    let mut best: Option<(usize, bool)> = None;
    for (list, after) in [(AFTER, true), (BEFORE, false)] {
        for w in list {
            for (i, _) in between.match_indices(w) {
                let left_ok = i == 0
                    || !between[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                let j = i + w.len();
                let right_ok = !between[j..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if left_ok && right_ok && best.is_none_or(|(b, _)| i > b) {
                    best = Some((i, after));
                }
            }
        }
    }
    best
}

/// The words of a count's anchor for people: "the last date before it" or
/// the day it counts from.
fn anchor_text(rule: &str, landed: NaiveDate) -> String {
    // "2 Day after the narrative's last date"
    let mut it = rule.split_whitespace();
    let n = it.next().and_then(|x| x.parse::<f64>().ok());
    let unit = it.next();
    let dir = it.next();
    match (n, unit, dir) {
        (Some(n), Some("Day"), Some(dir)) => {
            let k = n.round() as i64;
            let from = if dir == "after" {
                landed - Duration::days(k)
            } else {
                landed + Duration::days(k)
            };
            format!("{} (the date before it)", from.format("%A %-d %B %Y"))
        }
        _ => "the date before it".to_string(),
    }
}

/// "P5Y" → (5, 'Y'); "PT8H" → (8, 'h'); "PT2M" → (2, 'm').
fn duration_parts(v: &str) -> Option<(f64, char)> {
    let (time, body) = match v.strip_prefix("PT") {
        Some(b) => (true, b),
        None => (false, v.strip_prefix('P')?),
    };
    let unit = body.chars().last()?;
    let n: f64 = body[..body.len() - unit.len_utf8()].parse().ok()?;
    let unit = match (time, unit) {
        (false, u @ ('Y' | 'M' | 'W' | 'D')) => u,
        (true, 'H') => 'h',
        (true, 'M') => 'm',
        (true, 'S') => 's',
        _ => return None,
    };
    Some((n, unit))
}

fn unit_days(u: char) -> f64 {
    match u {
        'Y' => 365.25,
        'M' => 30.44,
        'W' => 7.0,
        'D' => 1.0,
        'h' => 1.0 / 24.0,
        'm' => 1.0 / 1440.0,
        _ => 1.0 / 86400.0,
    }
}

fn unit_name(u: char, n: f64) -> &'static str {
    let one = n == 1.0;
    match (u, one) {
        ('Y', true) => "year",
        ('Y', false) => "years",
        ('M', true) => "month",
        ('M', false) => "months",
        ('W', true) => "week",
        ('W', false) => "weeks",
        ('D', true) => "day",
        ('D', false) => "days",
        ('h', true) => "hour",
        ('h', false) => "hours",
        ('m', true) => "minute",
        ('m', false) => "minutes",
        (_, true) => "second",
        _ => "seconds",
    }
}

fn in_units(days: f64, u: char) -> String {
    let n = days / unit_days(u);
    let n = (n * 10.0).round() / 10.0;
    format!("{n} {}", unit_name(u, n))
}

/// A duration's length in days.
fn duration_days(v: &str) -> Option<f64> {
    let (n, u) = duration_parts(v)?;
    Some(n * unit_days(u))
}

fn plain_words(s: &str) -> Vec<String> {
    terms::words(s)
        .iter()
        .map(|w| w.text.to_lowercase().replace('’', "'"))
        .collect()
}

/// The noun phrase right after byte `at`: "conflict", "Syrian civil war".
fn noun_after(text: &str, at: usize) -> Vec<String> {
    let rest = &text[at..];
    let stop = rest
        .find(|c: char| {
            matches!(
                c,
                ',' | '.' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '\n'
            )
        })
        .unwrap_or(rest.len());
    let mut out = Vec::new();
    for w in terms::words(&rest[..stop]).iter().take(4) {
        let lower = w.text.to_lowercase();
        if terms::is_stopword(&lower) || CLAUSE_WORDS.contains(&lower.as_str()) {
            break;
        }
        out.push(w.text.to_string());
    }
    out
}

/// Words that name the same kind of thing count as one.
fn family(w: &str) -> String {
    let lower = w.to_lowercase();
    let w = lower.trim_end_matches("'s").trim_end_matches('’');
    match w {
        "war" | "wars" | "conflict" | "conflicts" | "fighting" | "crisis" | "uprising"
        | "revolt" | "revolution" | "insurgency" | "rebellion" | "civil-war" => "war".into(),
        "syrian" | "syria" => "syria".into(),
        other => terms::stem(other),
    }
}

/// True when the sentence's `words` say the thing `head` names started:
/// "the civil war erupted", "the outbreak of the war".
fn starts_near(words: &[String], head: &str) -> bool {
    const TIED: &[&str] = &[
        "against", "of", "to", "for", "on", "with", "over", "from", "in",
    ];
    words.iter().enumerate().any(|(k, w)| {
        if !is_start_word(w) {
            return false;
        }
        // "the civil war erupted": the head just before, as the subject — not
        // "protests against his 41-year rule erupted".
        let subject = (k.saturating_sub(3)..k).any(|h| {
            family(&words[h]) == head
                && words[h.saturating_sub(4)..h]
                    .iter()
                    .all(|x| !TIED.contains(&x.as_str()) && !x.contains("-year"))
        });
        // "the outbreak of the war": the head just after a start noun.
        let object = words[k + 1..(k + 4).min(words.len())]
            .iter()
            .any(|x| family(x) == head);
        subject || object
    })
}

/// Heads of "N-year" phrases that are not ages ("a five-year plan", "the
/// five-year anniversary", "a 10-year high").
const NOT_AGES: &[&str] = &[
    "anniversary",
    "high",
    "low",
    "plan",
    "deal",
    "term",
    "contract",
    "sentence",
    "agreement",
    "bond",
    "note",
    "period",
    "program",
    "programme",
    "budget",
    "ban",
    "moratorium",
    "span",
    "window",
    "horizon",
    "extension",
    "lease",
    "loan",
];

fn is_start_word(w: &str) -> bool {
    matches!(
        w,
        "erupted"
            | "began"
            | "begun"
            | "started"
            | "broke"
            | "outbreak"
            | "launched"
            | "erupt"
            | "beginning"
            | "start"
            | "began,"
            | "sparked"
            | "triggered"
    )
}

fn colourise(s: &str, code: &str, on: bool) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The sentence with the cited words marked, cut to about `max` characters around them.
fn marked_sentence(c: &Cite, open: &str, close: &str, max: usize) -> String {
    let chars: Vec<char> = c.sentence.text.chars().collect();
    // Offsets of the words inside the (squashed) sentence: find them by text.
    let s = &c.sentence.text;
    let Some(at) = s.find(&squash(&c.words.text)) else {
        return short(s, max);
    };
    let a = s[..at].chars().count();
    let b = a + squash(&c.words.text).chars().count();
    let lo = a.saturating_sub(max / 2);
    let hi = (b + max / 2).min(chars.len());
    let mut out = String::new();
    if lo > 0 {
        out.push('…');
    }
    out.extend(&chars[lo..a]);
    out.push_str(open);
    out.extend(&chars[a..b]);
    out.push_str(close);
    out.extend(&chars[b..hi]);
    if hi < chars.len() {
        out.push('…');
    }
    out
}

fn cite_head(c: &Cite) -> String {
    let mut s = c.document.clone();
    if let Some(src) = &c.source {
        let _ = write!(s, " ({src})");
    }
    let _ = write!(
        s,
        ", line {}, characters {}–{}",
        c.line, c.words.start, c.words.end
    );
    if let Some(r) = &c.row {
        let _ = write!(s, ", row {r}");
    }
    s
}

impl Report {
    /// The report for a terminal; `colour` adds ANSI colours.
    pub fn to_text(&self, colour: bool) -> String {
        let bold = |s: &str| colourise(s, "1", colour);
        let red = |s: &str| colourise(s, "1;31", colour);
        let green = |s: &str| colourise(s, "32", colour);
        let yellow = |s: &str| colourise(s, "33", colour);
        let dim = |s: &str| colourise(s, "2", colour);
        let (open, close) = if colour {
            ("\x1b[1;4m", "\x1b[0m")
        } else {
            ("[", "]")
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}",
            bold(&format!(
                "Chronology check: {} article{}, {} happening{}",
                self.articles.len(),
                plural(self.articles.len()),
                self.happenings,
                plural(self.happenings)
            ))
        );
        for a in &self.articles {
            let _ = writeln!(
                out,
                "  {}{}  dated {} ({})",
                a.id,
                a.source
                    .as_deref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default(),
                a.dct.as_deref().unwrap_or("—"),
                a.dct_source
            );
        }
        out.push('\n');
        if self.conflicts.is_empty() {
            let _ = writeln!(out, "{}", green("No conflicts found."));
        } else {
            let _ = writeln!(
                out,
                "{}",
                red(&format!(
                    "{} conflict{} found:",
                    self.conflicts.len(),
                    plural(self.conflicts.len())
                ))
            );
        }
        for (k, f) in self.conflicts.iter().enumerate() {
            out.push('\n');
            let _ = writeln!(
                out,
                "{} {}",
                red(&format!("{}. [{}]", k + 1, f.kind.as_str())),
                bold(&f.title)
            );
            let _ = writeln!(out, "   {}", f.detail);
            for c in &f.cites {
                let _ = writeln!(out, "   - {}", dim(&cite_head(c)));
                let resolved = c
                    .resolved
                    .as_deref()
                    .map(|r| format!(" → {r}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "     “{}”{}",
                    marked_sentence(c, open, close, 160),
                    resolved
                );
            }
        }
        if !self.consistent.is_empty() {
            out.push('\n');
            let _ = writeln!(out, "{}", green("Checked and consistent:"));
            for f in &self.consistent {
                let _ = writeln!(out, "  - {}", f.title);
                let _ = writeln!(out, "    {}", dim(&f.detail));
                for c in &f.cites {
                    let _ = writeln!(out, "    {}", dim(&cite_head(c)));
                }
            }
        }
        out.push('\n');
        if self.assumptions.is_empty() {
            let _ = writeln!(out, "{}", green("No assumptions: every date is stated."));
        } else {
            let _ = writeln!(
                out,
                "{}",
                yellow(&format!(
                    "{} assumption{}, most riding on it first:",
                    self.assumptions.len(),
                    plural(self.assumptions.len())
                ))
            );
        }
        for a in &self.assumptions {
            let _ = writeln!(out, "{:>3}. [{}] {}", a.rank, a.kind.as_str(), a.guess);
            let corr = if a.corroborated_by.is_empty() {
                "no other article dates it".to_string()
            } else {
                format!("also dated so by {}", a.corroborated_by.join(", "))
            };
            let _ = writeln!(
                out,
                "     {}",
                dim(&format!(
                    "score {:.2}; {} statement{} in {}; {corr}",
                    a.score,
                    a.statements,
                    plural(a.statements),
                    a.rows.join(", ")
                ))
            );
            if let Some(c) = a.cites.first() {
                let _ = writeln!(out, "     {}", dim(&cite_head(c)));
                let _ = writeln!(out, "     “{}”", marked_sentence(c, open, close, 120));
            }
        }
        out
    }

    /// The report as Markdown, to paste into a ticket.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "## Chronology check: {} article{}, {} happening{}\n",
            self.articles.len(),
            plural(self.articles.len()),
            self.happenings,
            plural(self.happenings)
        );
        let _ = writeln!(out, "| article | source | dated | date from |");
        let _ = writeln!(out, "| --- | --- | --- | --- |");
        for a in &self.articles {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                a.id,
                md(a.source.as_deref().unwrap_or("")),
                a.dct.as_deref().unwrap_or("—"),
                a.dct_source
            );
        }
        out.push('\n');
        if self.conflicts.is_empty() {
            let _ = writeln!(out, "**No conflicts found.**\n");
        } else {
            let _ = writeln!(
                out,
                "### {} conflict{}\n",
                self.conflicts.len(),
                plural(self.conflicts.len())
            );
        }
        for (k, f) in self.conflicts.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** — {}\n\n   {}\n",
                k + 1,
                f.kind.as_str(),
                md(&f.title),
                md(&f.detail)
            );
            for c in &f.cites {
                let _ = writeln!(
                    out,
                    "   - `{}`: > “{}”{}",
                    cite_head(c),
                    md_marked(c),
                    c.resolved
                        .as_deref()
                        .map(|r| format!(" → {}", md(r)))
                        .unwrap_or_default()
                );
            }
            out.push('\n');
        }
        if !self.consistent.is_empty() {
            let _ = writeln!(out, "### Checked and consistent\n");
            for f in &self.consistent {
                let _ = writeln!(out, "- {} — {}", md(&f.title), md(&f.detail));
            }
            out.push('\n');
        }
        if self.assumptions.is_empty() {
            let _ = writeln!(out, "**No assumptions**: every date is stated.");
        } else {
            let _ = writeln!(
                out,
                "### {} assumption{} (most riding on it first)\n",
                self.assumptions.len(),
                plural(self.assumptions.len())
            );
            let _ = writeln!(
                out,
                "| # | kind | guess | score | statements | rows | where |"
            );
            let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |");
            for a in &self.assumptions {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {:.2} | {} | {} | {} |",
                    a.rank,
                    a.kind.as_str(),
                    md(&a.guess).replace('|', "\\|"),
                    a.score,
                    a.statements,
                    a.rows.join(", "),
                    a.cites
                        .first()
                        .map(|c| format!("`{}`", cite_head(c)))
                        .unwrap_or_default()
                );
            }
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Escapes Markdown's inline marks.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_marked(c: &Cite) -> String {
    let s = marked_sentence(c, "\u{1}", "\u{2}", 200);
    md(&s).replace(['\u{1}', '\u{2}'], "**")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(duration_parts("P5Y"), Some((5.0, 'Y')));
        assert_eq!(duration_parts("PT8H"), Some((8.0, 'h')));
        assert_eq!(duration_parts("P2D"), Some((2.0, 'D')));
        assert_eq!(duration_parts("PXY"), None);
        assert_eq!(duration_days("P1W"), Some(7.0));
    }

    #[test]
    fn clause_tense_reads_the_verbs() {
        let t = |s: &str, w: &str| {
            let i = s.find(w).unwrap();
            clause_tense(s, i, i + w.len())
        };
        assert_eq!(
            t("Kerry met Putin on July 20, 2016.", "July 20, 2016"),
            Tense::Past
        );
        assert_eq!(
            t("Kerry will meet Lavrov on July 10, 2016.", "July 10, 2016"),
            Tense::Future
        );
        assert_eq!(
            t(
                "UN envoy de Mistura urged Russia to push for a resumption of the talks next month.",
                "next month"
            ),
            Tense::Unknown
        );
        assert_eq!(
            t("Kerry said on July 20 that he will return.", "July 20"),
            Tense::Past
        );
        assert_eq!(
            t(
                "On July 18, 2016, White House spokesman Josh Earnest said the US is not ready.",
                "July 18, 2016"
            ),
            Tense::Past
        );
    }

    #[test]
    fn connectives_are_whole_words() {
        assert_eq!(
            connective(" came two days after the attack on "),
            Some((15, true))
        );
        assert_eq!(connective(" the afternoon "), None);
        assert_eq!(connective(" ahead of the talks on "), Some((1, false)));
    }

    #[test]
    fn quotes() {
        assert!(in_quotes("He said \"we met on", 17));
        assert!(!in_quotes("He said \"we met\" on", 18));
        assert!(in_quotes("He said “we met on", 17));
    }

    #[test]
    fn nouns_after_an_age() {
        let t = "the bloody five-year-old conflict, but they";
        let at = t.find("conflict").unwrap() - 1;
        assert_eq!(noun_after(t, at), vec!["conflict"]);
        let t = "during the five-year Syrian civil war.";
        let at = t.find(" Syrian").unwrap();
        assert_eq!(noun_after(t, at), vec!["Syrian", "civil", "war"]);
        assert_eq!(family("conflict"), family("war"));
    }
}
