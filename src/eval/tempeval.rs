//! TempEval-3 Task A scoring: how well the tagger finds and normalises
//! TIMEX3s, against gold TimeML.
//!
//! Gold and system annotations of a document are aligned one-to-one: first
//! every pair with identical char spans (a *strict* match), then, greedily by
//! largest overlap, pairs whose spans overlap (together with the strict ones,
//! the *relaxed* matches). Precision is matches over system annotations,
//! recall matches over gold ones. Type, value and mod accuracy are the share
//! of relaxed matches whose attribute is the same string; value F1 (and type
//! F1) is that accuracy times relaxed F1, as TempEval-3 reports it.
//!
//! A ratio whose denominator is zero is reported as 0.

use crate::article::ingest;
use crate::article::timeml::{self, GoldTimex, TimeMlDocument};
use crate::engine::narrative::Reference;
use crate::engine::tag::Grammar;
use crate::engine::timex::Mention;
use crate::error::Error;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// One TIMEX3, gold or system, reduced to what is scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// Char offset, inclusive.
    pub start: usize,
    /// Char offset, exclusive.
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// `None` for a gold TIMEX3 written without a value: it matches no value.
    pub value: Option<String>,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

impl From<&GoldTimex> for Annotation {
    fn from(g: &GoldTimex) -> Annotation {
        Annotation {
            start: g.start,
            end: g.end,
            text: g.text.clone(),
            kind: g.kind.clone(),
            value: g.value.clone(),
            modifier: g.modifier.clone(),
        }
    }
}

impl From<&Mention> for Annotation {
    fn from(m: &Mention) -> Annotation {
        Annotation {
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            kind: m.timex.kind.as_str().to_string(),
            value: Some(m.timex.value.clone()),
            modifier: m.timex.modifier.map(|x| x.as_str().to_string()),
        }
    }
}

impl Annotation {
    fn overlap(&self, other: &Annotation) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }
}

/// A one-to-one alignment of gold and system annotations (indices into each).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    /// `(gold, system)` pairs whose spans overlap, sorted by gold index.
    pub pairs: Vec<(usize, usize)>,
    /// Gold annotations left unmatched.
    pub missed: Vec<usize>,
    /// System annotations left unmatched.
    pub false_alarms: Vec<usize>,
}

/// Aligns `gold` with `system`: identical spans first, then the remaining
/// overlapping pairs, largest overlap first (ties: earlier gold, then earlier
/// system). Each annotation is in at most one pair.
pub fn align(gold: &[Annotation], system: &[Annotation]) -> Alignment {
    let mut gold_used = vec![false; gold.len()];
    let mut sys_used = vec![false; system.len()];
    let mut pairs = Vec::new();

    let mut by_span: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (j, s) in system.iter().enumerate().rev() {
        by_span.entry((s.start, s.end)).or_default().push(j);
    }
    for (i, g) in gold.iter().enumerate() {
        if let Some(j) = by_span.get_mut(&(g.start, g.end)).and_then(Vec::pop) {
            gold_used[i] = true;
            sys_used[j] = true;
            pairs.push((i, j));
        }
    }

    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, g) in gold.iter().enumerate().filter(|(i, _)| !gold_used[*i]) {
        for (j, s) in system.iter().enumerate().filter(|(j, _)| !sys_used[*j]) {
            let o = g.overlap(s);
            if o > 0 {
                candidates.push((o, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in candidates {
        if !gold_used[i] && !sys_used[j] {
            gold_used[i] = true;
            sys_used[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    Alignment {
        pairs,
        missed: (0..gold.len()).filter(|&i| !gold_used[i]).collect(),
        false_alarms: (0..system.len()).filter(|&j| !sys_used[j]).collect(),
    }
}

/// Raw counts; add them up over documents, then [`Counts::scores`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    /// Matches with identical spans.
    pub strict: usize,
    /// Matches with overlapping spans (strict ones included).
    pub relaxed: usize,
    /// Relaxed matches with the same `type`.
    pub type_correct: usize,
    /// Relaxed matches with the same `value`.
    pub value_correct: usize,
    /// Relaxed matches with the same `mod` (both absent counts as the same).
    pub mod_correct: usize,
}

impl Counts {
    /// The counts for one document's alignment.
    pub fn of(gold: &[Annotation], system: &[Annotation], alignment: &Alignment) -> Counts {
        let mut c = Counts {
            gold: gold.len(),
            system: system.len(),
            ..Counts::default()
        };
        for &(i, j) in &alignment.pairs {
            let (g, s) = (&gold[i], &system[j]);
            c.relaxed += 1;
            c.strict += usize::from(g.start == s.start && g.end == s.end);
            c.type_correct += usize::from(g.kind == s.kind);
            c.value_correct += usize::from(g.value.is_some() && g.value == s.value);
            c.mod_correct += usize::from(g.modifier == s.modifier);
        }
        c
    }

    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_correct += o.type_correct;
        self.value_correct += o.value_correct;
        self.mod_correct += o.mod_correct;
    }

    pub fn scores(&self) -> Scores {
        let strict = Prf::new(self.strict, self.system, self.gold);
        let relaxed = Prf::new(self.relaxed, self.system, self.gold);
        let type_accuracy = ratio(self.type_correct, self.relaxed);
        let value_accuracy = ratio(self.value_correct, self.relaxed);
        Scores {
            strict,
            relaxed,
            type_accuracy,
            value_accuracy,
            mod_accuracy: ratio(self.mod_correct, self.relaxed),
            type_f1: type_accuracy * relaxed.f1,
            value_f1: value_accuracy * relaxed.f1,
        }
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// Precision, recall and F1, each in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(matched: usize, system: usize, gold: usize) -> Prf {
        let precision = ratio(matched, system);
        let recall = ratio(matched, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// The scores that follow from [`Counts`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub strict: Prf,
    pub relaxed: Prf,
    pub type_accuracy: f64,
    pub value_accuracy: f64,
    pub mod_accuracy: f64,
    /// `type_accuracy × relaxed.f1`.
    pub type_f1: f64,
    /// `value_accuracy × relaxed.f1`: TempEval-3's headline normalisation score.
    pub value_f1: f64,
}

/// The totals for a set of documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorpusScore {
    /// The sub-directory the documents came from, or `total`.
    pub name: String,
    pub documents: usize,
    pub counts: Counts,
    pub scores: Scores,
}

/// The counts for one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentScore {
    pub id: String,
    pub corpus: String,
    pub counts: Counts,
}

/// What kind of mistake an [`EvalError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A gold TIMEX3 the system did not find.
    Miss,
    /// A system TIMEX3 that overlaps no gold one.
    FalseAlarm,
    /// A relaxed match whose type, value or mod differs.
    Wrong,
}

/// One mistake, for `--errors`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalError {
    pub document: String,
    pub kind: ErrorKind,
    /// For [`ErrorKind::Wrong`]: which of `type`, `value`, `mod` differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold: Option<Annotation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<Annotation>,
    /// About 40 chars either side, the span in `[…]`, whitespace collapsed.
    pub context: String,
}

/// The result of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Every document together.
    pub total: CorpusScore,
    /// One entry per top-level sub-directory, when the documents came from more than one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corpora: Vec<CorpusScore>,
    pub documents: Vec<DocumentScore>,
    /// Filled only when errors were asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<EvalError>,
}

/// A gold document and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDocument {
    /// Path relative to the evaluated directory, `/`-separated.
    pub id: String,
    /// Top-level sub-directory of the evaluated directory ("" for files directly in it).
    pub corpus: String,
    pub doc: TimeMlDocument,
}

/// True for the files under an evaluated folder that hold gold TimeML: `.tml`
/// files, and files of another name that begin as TimeML does.
fn is_gold(p: &Path) -> bool {
    match ingest::InputKind::of(p) {
        Some(ingest::InputKind::TimeMl) => true,
        Some(ingest::InputKind::Jsonl) => false,
        _ => timeml::sniff_file(p),
    }
}

/// Reads every gold TimeML file under `dir` (recursively, sorted). A file that
/// cannot be read fails the whole load: scores over part of a corpus mislead.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldDocument>, Error> {
    if !dir.is_dir() {
        let doc = timeml::read_file(dir)?;
        let id = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return Ok(vec![GoldDocument {
            id,
            corpus: String::new(),
            doc,
        }]);
    }
    let mut out = Vec::new();
    for path in ingest::walk(dir, is_gold) {
        let path = path?;
        let id = ingest::relative_id(dir, &path);
        let corpus = match id.split_once('/') {
            Some((first, _)) => first.to_string(),
            None => String::new(),
        };
        out.push(GoldDocument {
            id,
            corpus,
            doc: timeml::read_file(&path)?,
        });
    }
    Ok(out)
}

/// Reads the gold TimeML under `dir` (or the file `dir`) like [`load_gold`],
/// but one result per file, so that a bad file is reported without sinking
/// the others. A document may come with notes: its invalid UTF-8 was
/// replaced (`opts.lossy`), its malformed article date repaired or ignored.
/// Empty and binary files are errors.
pub fn load_gold_lenient(
    dir: &Path,
    opts: ingest::ReadOptions,
) -> Vec<Result<(GoldDocument, Vec<Error>), Error>> {
    let read = |path: &Path, id: String| {
        let (xml, note) = ingest::read_text_bytes(path, opts)?;
        let doc = timeml::parse(&xml, path)?;
        let corpus = match id.split_once('/') {
            Some((first, _)) => first.to_string(),
            None => String::new(),
        };
        let dct_note = doc.dct_note.clone().map(|message| Error::DctNote {
            path: path.to_path_buf(),
            message,
        });
        let notes = note.into_iter().chain(dct_note).collect();
        Ok((GoldDocument { id, corpus, doc }, notes))
    };
    if !dir.is_dir() {
        let id = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return vec![read(dir, id)];
    }
    ingest::walk(dir, is_gold)
        .into_iter()
        .map(|path| {
            let path = path?;
            read(&path, ingest::relative_id(dir, &path))
        })
        .collect()
}

/// Tags every gold document with `grammar` and scores the result.
pub fn evaluate(docs: &[GoldDocument], grammar: &Grammar, collect_errors: bool) -> Report {
    evaluate_with(docs, grammar, collect_errors, Reference::default())
}

/// [`evaluate`] with year-less expressions counted from `reference`.
pub fn evaluate_with(
    docs: &[GoldDocument],
    grammar: &Grammar,
    collect_errors: bool,
    reference: Reference,
) -> Report {
    let mut documents = Vec::with_capacity(docs.len());
    let mut errors = Vec::new();
    for d in docs {
        let mentions =
            crate::engine::annotate_with(&d.doc.text, d.doc.dct.as_ref(), grammar, reference);
        let system: Vec<Annotation> = mentions.iter().map(Annotation::from).collect();
        let gold: Vec<Annotation> = d.doc.timexes.iter().map(Annotation::from).collect();
        let (counts, errs) = score_document(&d.id, &d.doc.text, &gold, &system, collect_errors);
        errors.extend(errs);
        documents.push(DocumentScore {
            id: d.id.clone(),
            corpus: d.corpus.clone(),
            counts,
        });
    }
    summarise(documents, errors)
}

/// [`load_gold`] then [`evaluate`].
pub fn evaluate_dir(dir: &Path, grammar: &Grammar, collect_errors: bool) -> Result<Report, Error> {
    Ok(evaluate(&load_gold(dir)?, grammar, collect_errors))
}

/// Scores one document's annotations; with `collect_errors`, lists its mistakes too.
pub fn score_document(
    id: &str,
    text: &str,
    gold: &[Annotation],
    system: &[Annotation],
    collect_errors: bool,
) -> (Counts, Vec<EvalError>) {
    let alignment = align(gold, system);
    let counts = Counts::of(gold, system, &alignment);
    if !collect_errors {
        return (counts, Vec::new());
    }
    let chars: Vec<char> = text.chars().collect();
    let mut errors = Vec::new();
    let mut push = |kind, fields, g: Option<&Annotation>, s: Option<&Annotation>| {
        let Some(span) = g.or(s) else { return };
        errors.push(EvalError {
            document: id.to_string(),
            kind,
            fields,
            gold: g.cloned(),
            system: s.cloned(),
            context: context(&chars, span.start, span.end),
        });
    };
    for &i in &alignment.missed {
        push(ErrorKind::Miss, Vec::new(), Some(&gold[i]), None);
    }
    for &j in &alignment.false_alarms {
        push(ErrorKind::FalseAlarm, Vec::new(), None, Some(&system[j]));
    }
    for &(i, j) in &alignment.pairs {
        let (g, s) = (&gold[i], &system[j]);
        let mut fields = Vec::new();
        if g.kind != s.kind {
            fields.push("type");
        }
        if g.value.is_none() || g.value != s.value {
            fields.push("value");
        }
        if g.modifier != s.modifier {
            fields.push("mod");
        }
        if !fields.is_empty() {
            push(ErrorKind::Wrong, fields, Some(g), Some(s));
        }
    }
    errors.sort_by_key(|e| {
        let a = e.gold.as_ref().or(e.system.as_ref());
        a.map(|a| (a.start, a.end))
    });
    (counts, errors)
}

/// Builds the report from per-document counts.
pub fn summarise(documents: Vec<DocumentScore>, errors: Vec<EvalError>) -> Report {
    let mut total = Counts::default();
    let mut groups: Vec<(String, usize, Counts)> = Vec::new();
    for d in &documents {
        total.add(&d.counts);
        match groups.iter_mut().find(|(name, _, _)| *name == d.corpus) {
            Some((_, n, c)) => {
                *n += 1;
                c.add(&d.counts);
            }
            None => groups.push((d.corpus.clone(), 1, d.counts)),
        }
    }
    let corpora = if groups.len() > 1 {
        groups
            .into_iter()
            .map(|(name, n, c)| CorpusScore {
                name: if name.is_empty() {
                    ".".to_string()
                } else {
                    name
                },
                documents: n,
                counts: c,
                scores: c.scores(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Report {
        total: CorpusScore {
            name: "total".to_string(),
            documents: documents.len(),
            counts: total,
            scores: total.scores(),
        },
        corpora,
        documents,
        errors,
    }
}

const CONTEXT: usize = 40;

/// `…left [span] right…` with runs of whitespace shown as one space.
fn context(chars: &[char], start: usize, end: usize) -> String {
    let start = start.min(chars.len());
    let end = end.clamp(start, chars.len());
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(chars.len());
    let mut raw = String::new();
    if from > 0 {
        raw.push('…');
    }
    raw.extend(&chars[from..start]);
    raw.push('[');
    raw.extend(&chars[start..end]);
    raw.push(']');
    raw.extend(&chars[end..to]);
    if to < chars.len() {
        raw.push('…');
    }
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pct(x: f64) -> String {
    format!("{:6.2}", x * 100.0)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "TempEval-3 Task A (percent; attribute accuracy over relaxed matches)"
        )?;
        writeln!(
            f,
            "{:<12} {:>5} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6}",
            "corpus",
            "docs",
            "gold",
            "system",
            "str P",
            "str R",
            "str F1",
            "rel P",
            "rel R",
            "rel F1",
            "type",
            "value",
            "mod",
            "typeF1",
            "valF1"
        )?;
        for c in self.corpora.iter().chain(std::iter::once(&self.total)) {
            let s = &c.scores;
            writeln!(
                f,
                "{:<12} {:>5} {:>6} {:>6} | {} {} {} | {} {} {} | {} {} {} | {} {}",
                c.name,
                c.documents,
                c.counts.gold,
                c.counts.system,
                pct(s.strict.precision),
                pct(s.strict.recall),
                pct(s.strict.f1),
                pct(s.relaxed.precision),
                pct(s.relaxed.recall),
                pct(s.relaxed.f1),
                pct(s.type_accuracy),
                pct(s.value_accuracy),
                pct(s.mod_accuracy),
                pct(s.type_f1),
                pct(s.value_f1),
            )?;
        }
        if !self.errors.is_empty() {
            writeln!(f)?;
            writeln!(f, "{} errors", self.errors.len())?;
            for e in &self.errors {
                writeln!(f)?;
                writeln!(f, "{e}")?;
            }
        }
        Ok(())
    }
}

fn describe(a: &Annotation) -> String {
    let value = a.value.as_deref().unwrap_or("(no value)");
    let mut s = format!("{}-{} {:?} {} {value}", a.start, a.end, a.text, a.kind);
    if let Some(m) = &a.modifier {
        s.push_str(" mod=");
        s.push_str(m);
    }
    s
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.kind {
            ErrorKind::Miss => "MISS".to_string(),
            ErrorKind::FalseAlarm => "FALSE ALARM".to_string(),
            ErrorKind::Wrong => format!("WRONG {}", self.fields.join("+")),
        };
        write!(f, "{}: {label}", self.document)?;
        if let Some(g) = &self.gold {
            write!(f, "\n  gold:   {}", describe(g))?;
        }
        if let Some(s) = &self.system {
            write!(f, "\n  system: {}", describe(s))?;
        }
        write!(f, "\n  {}", self.context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(start: usize, end: usize, value: &str) -> Annotation {
        Annotation {
            start,
            end,
            text: String::new(),
            kind: "DATE".into(),
            value: Some(value.into()),
            modifier: None,
        }
    }

    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() < 1e-9
    }

    #[test]
    fn identical_spans() {
        let gold = [a(0, 5, "2016"), a(10, 15, "P1D")];
        let sys = [a(0, 5, "2016"), a(10, 15, "P2D")];
        let al = align(&gold, &sys);
        assert_eq!(al.pairs, vec![(0, 0), (1, 1)]);
        let c = Counts::of(&gold, &sys, &al);
        assert_eq!(
            (
                c.strict,
                c.relaxed,
                c.value_correct,
                c.type_correct,
                c.mod_correct
            ),
            (2, 2, 1, 2, 2)
        );
        let s = c.scores();
        assert!(close(s.strict.f1, 1.0) && close(s.relaxed.f1, 1.0));
        assert!(close(s.value_accuracy, 0.5) && close(s.value_f1, 0.5));
    }

    #[test]
    fn overlapping_spans_are_relaxed_only() {
        let gold = [a(0, 10, "x")];
        let sys = [a(5, 12, "x")];
        let c = Counts::of(&gold, &sys, &align(&gold, &sys));
        assert_eq!((c.strict, c.relaxed), (0, 1));
        let s = c.scores();
        assert!(close(s.strict.f1, 0.0));
        assert!(close(s.relaxed.precision, 1.0) && close(s.relaxed.recall, 1.0));
    }

    #[test]
    fn touching_spans_do_not_overlap() {
        let gold = [a(0, 5, "x")];
        let sys = [a(5, 9, "x")];
        let al = align(&gold, &sys);
        assert!(al.pairs.is_empty());
        assert_eq!(
            (al.missed.clone(), al.false_alarms.clone()),
            (vec![0], vec![0])
        );
    }

    #[test]
    fn one_gold_many_system_is_one_to_one() {
        // Gold "last Friday morning"; system split it in two.
        let gold = [a(0, 20, "x")];
        let sys = [a(0, 5, "y"), a(8, 20, "x")];
        let al = align(&gold, &sys);
        assert_eq!(al.pairs, vec![(0, 1)]); // the larger overlap wins
        assert_eq!(al.false_alarms, vec![0]);
        let c = Counts::of(&gold, &sys, &al);
        assert_eq!(
            (c.gold, c.system, c.strict, c.relaxed, c.value_correct),
            (1, 2, 0, 1, 1)
        );
        let s = c.scores();
        assert!(close(s.relaxed.precision, 0.5) && close(s.relaxed.recall, 1.0));
        assert!(close(s.relaxed.f1, 2.0 / 3.0));
        assert!(close(s.value_f1, 2.0 / 3.0));
    }

    #[test]
    fn many_gold_one_system_is_one_to_one() {
        let gold = [a(0, 5, "x"), a(6, 20, "y")];
        let sys = [a(0, 20, "y")];
        let al = align(&gold, &sys);
        assert_eq!(al.pairs, vec![(1, 0)]);
        assert_eq!(al.missed, vec![0]);
        let s = Counts::of(&gold, &sys, &al).scores();
        assert!(close(s.relaxed.precision, 1.0) && close(s.relaxed.recall, 0.5));
    }

    #[test]
    fn exact_match_beats_larger_overlap() {
        // Gold A = 0..10 and B = 5..10; system X = 5..10 matches B exactly,
        // though it overlaps A by as much; A is then missed.
        let gold = [a(0, 10, "a"), a(5, 10, "b")];
        let sys = [a(5, 10, "b"), a(0, 12, "a")];
        let al = align(&gold, &sys);
        assert_eq!(al.pairs, vec![(0, 1), (1, 0)]);
        let c = Counts::of(&gold, &sys, &al);
        assert_eq!((c.strict, c.relaxed, c.value_correct), (1, 2, 2));
    }

    #[test]
    fn gold_without_a_value_matches_the_span_but_never_the_value() {
        let mut no_value = a(0, 5, "x");
        no_value.value = None;
        let gold = [no_value, a(6, 9, "2016")];
        let sys = [a(0, 5, "x"), a(6, 9, "2016")];
        let al = align(&gold, &sys);
        let c = Counts::of(&gold, &sys, &al);
        assert_eq!((c.strict, c.relaxed, c.value_correct), (2, 2, 1));
        let (_, errors) = score_document("d", "abcde fgh", &gold, &sys, true);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().contains("(no value)"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn duplicate_system_spans_match_once() {
        let gold = [a(0, 5, "x")];
        let sys = [a(0, 5, "x"), a(0, 5, "x")];
        let al = align(&gold, &sys);
        assert_eq!(al.pairs, vec![(0, 0)]);
        assert_eq!(al.false_alarms, vec![1]);
    }

    #[test]
    fn empty_inputs_score_zero_not_nan() {
        let c = Counts::of(&[], &[], &align(&[], &[]));
        let s = c.scores();
        assert_eq!(s.strict.f1, 0.0);
        assert_eq!(s.value_accuracy, 0.0);
        assert!(serde_json::to_string(&s).is_ok());
    }

    #[test]
    fn counts_add_up_over_documents() {
        let d1 = Counts {
            gold: 3,
            system: 2,
            strict: 1,
            relaxed: 2,
            type_correct: 2,
            value_correct: 1,
            mod_correct: 2,
        };
        let d2 = Counts {
            gold: 1,
            system: 2,
            strict: 1,
            relaxed: 1,
            type_correct: 1,
            value_correct: 1,
            mod_correct: 1,
        };
        let report = summarise(
            vec![
                DocumentScore {
                    id: "a".into(),
                    corpus: "A".into(),
                    counts: d1,
                },
                DocumentScore {
                    id: "b".into(),
                    corpus: "B".into(),
                    counts: d2,
                },
            ],
            Vec::new(),
        );
        let t = &report.total;
        assert_eq!(t.counts.gold, 4);
        assert_eq!(t.counts.system, 4);
        assert!(close(t.scores.strict.precision, 0.5));
        assert!(close(t.scores.relaxed.recall, 0.75));
        assert!(close(t.scores.value_accuracy, 2.0 / 3.0));
        assert!(close(t.scores.value_f1, 2.0 / 3.0 * 0.75));
        assert_eq!(report.corpora.len(), 2);
        assert_eq!(report.corpora[0].name, "A");
        let text = report.to_string();
        assert!(text.contains("total"), "{text}");
    }

    #[test]
    fn errors_list_misses_false_alarms_and_wrong_values() {
        let text = "On Friday, July 15, 2016, it rained. Next week too.";
        let gold = [
            Annotation {
                text: "Friday, July 15, 2016".into(),
                ..a(3, 24, "2016-07-15")
            },
            Annotation {
                text: "Next week".into(),
                ..a(37, 46, "2016-W29")
            },
        ];
        let sys = [
            Annotation {
                text: "July 15, 2016".into(),
                ..a(11, 24, "2016-07-16")
            },
            Annotation {
                text: "it".into(),
                ..a(26, 28, "PRESENT_REF")
            },
        ];
        let (counts, errors) = score_document("d", text, &gold, &sys, true);
        assert_eq!(
            (counts.strict, counts.relaxed, counts.value_correct),
            (0, 1, 0)
        );
        let kinds: Vec<ErrorKind> = errors.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![ErrorKind::Wrong, ErrorKind::FalseAlarm, ErrorKind::Miss]
        );
        assert_eq!(errors[0].fields, vec!["value"]);
        assert_eq!(
            errors[0].context,
            "On [Friday, July 15, 2016], it rained. Next week too."
        );
        let shown = errors[0].to_string();
        assert!(shown.contains("WRONG value"), "{shown}");
        assert!(
            shown.contains("2016-07-15") && shown.contains("2016-07-16"),
            "{shown}"
        );
    }

    #[test]
    fn context_is_clipped_and_marked() {
        let chars: Vec<char> = format!("{}X{}", "a".repeat(50), "b\n\n".repeat(30))
            .chars()
            .collect();
        let c = context(&chars, 50, 51);
        assert!(c.starts_with('…') && c.ends_with('…'));
        assert!(c.contains(&format!("{}[X]b b", "a".repeat(40))), "{c}");
    }
}
