//! Article records of `chronicler merge` kept on disk, so that a windowed
//! merge ([`crate::story::windowed`]) holds per article only what linking
//! and rows read (its number, id and date), not its record.
//!
//! Each record is written, as it is read, to a file of records (without its
//! sentence hashes; its words only when they are needed) and its sentence
//! hashes to a binary file; the site widgets ([`crate::article::widgets::find_keyed`]) are
//! then found from those files with the (hash, article) pairs sorted on
//! disk, so that what is held follows the sentences that could be widgets
//! (a sentence must be in 5% of the articles), not the archive. The records
//! are read again at the end, one at a time, for the timeline's documents.

use crate::article::document::Document;
use crate::article::widgets::MIN_ARTICLES;
use crate::engine::tag::Grammar;
use crate::error::Error;
use crate::story::build::{self, Article};
use crate::story::statements::{self, ArticleRecord};
use crate::story::timeline::DocumentInfo;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// (hash, article number) pairs sorted in memory before they are written as a run.
const PAIRS_PER_RUN: usize = 1 << 20;

/// Where an article's record is, and what checks it.
#[derive(Debug, Clone, Copy)]
struct Entry {
    number: u64,
    /// Byte offset of its line in the file of records.
    offset: u64,
    /// Dated statements its record says it has.
    statements: usize,
    /// Undated statements (extracted with `--include-undated`).
    undated: Option<usize>,
    /// Which input, and which line, for errors.
    source: u32,
    line: usize,
}

/// The records being read.
pub struct Spill {
    dir: PathBuf,
    records: BufWriter<std::fs::File>,
    records_path: PathBuf,
    written: u64,
    hashes: BufWriter<std::fs::File>,
    hashes_path: PathBuf,
    pairs: Vec<(u64, u64)>,
    pair_runs: Vec<PathBuf>,
    entries: Vec<Entry>,
    docs: Vec<Document>,
    keep_words: bool,
    pairs_per_run: usize,
}

/// The records read, in the order of their numbers.
pub struct Articles {
    records_path: PathBuf,
    hashes_path: PathBuf,
    pair_runs: Vec<PathBuf>,
    entries: Vec<Entry>,
    /// Each article's id and date (what rows read of it), by position.
    pub docs: Vec<Document>,
    /// Each article's number, ascending (by position).
    pub numbers: Vec<u64>,
}

fn create(path: &Path) -> Result<BufWriter<std::fs::File>, Error> {
    let f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    Ok(BufWriter::with_capacity(1 << 16, f))
}

impl Spill {
    /// Records to files in `dir` (a temporary folder the caller removes);
    /// `keep_words`: keep each article's word counts (for ranking days).
    pub fn create(dir: &Path, keep_words: bool) -> Result<Spill, Error> {
        let records_path = dir.join("articles");
        let hashes_path = dir.join("sentences");
        Ok(Spill {
            dir: dir.to_path_buf(),
            records: create(&records_path)?,
            records_path,
            written: 0,
            hashes: create(&hashes_path)?,
            hashes_path,
            pairs: Vec::new(),
            pair_runs: Vec::new(),
            entries: Vec::new(),
            docs: Vec::new(),
            keep_words,
            pairs_per_run: PAIRS_PER_RUN,
        })
    }

    /// Adds the record read at `line` of input `source`.
    pub fn add(&mut self, mut a: ArticleRecord, source: usize, line: usize) -> Result<(), Error> {
        let sentences = std::mem::take(&mut a.sentences);
        let hashes = &self.hashes_path;
        let w = &mut self.hashes;
        let put = |w: &mut BufWriter<std::fs::File>, b: &[u8]| {
            w.write_all(b).map_err(|e| Error::io(hashes, e))
        };
        put(w, &a.article.to_le_bytes())?;
        put(w, &(sentences.len() as u64).to_le_bytes())?;
        for &(at, h) in &sentences {
            put(w, &(at as u64).to_le_bytes())?;
            put(w, &h.to_le_bytes())?;
            self.pairs.push((h, a.article));
        }
        if self.pairs.len() >= self.pairs_per_run {
            self.write_pairs()?;
        }
        if !self.keep_words {
            a.words = Vec::new();
        }
        self.entries.push(Entry {
            number: a.article,
            offset: self.written,
            statements: a.statements,
            undated: a.undated,
            source: source as u32,
            line,
        });
        self.docs.push(Document {
            id: a.id.clone(),
            id_number: a.id_number,
            path: None,
            text: String::new(),
            dct: a.dct.clone(),
            page: None,
        });
        let mut line = serde_json::to_vec(&a).map_err(io::Error::other);
        if let Ok(l) = &mut line {
            l.push(b'\n');
        }
        let line = line
            .and_then(|l| self.records.write_all(&l).map(|()| l.len()))
            .map_err(|e| Error::io(&self.records_path, e))?;
        self.written += line as u64;
        Ok(())
    }

    fn write_pairs(&mut self) -> Result<(), Error> {
        if self.pairs.is_empty() {
            return Ok(());
        }
        self.pairs.par_sort_unstable();
        self.pairs.dedup();
        let path = self.dir.join(format!("pairs{:05}", self.pair_runs.len()));
        let mut w = create(&path)?;
        for &(h, n) in &self.pairs {
            w.write_all(&h.to_le_bytes())
                .and_then(|()| w.write_all(&n.to_le_bytes()))
                .map_err(|e| Error::io(&path, e))?;
        }
        w.flush().map_err(|e| Error::io(&path, e))?;
        self.pairs = Vec::new();
        self.pair_runs.push(path);
        Ok(())
    }

    /// The records in the order of their numbers; fails as merge does when
    /// an article number comes twice (naming the inputs by `sources`).
    pub fn finish(mut self, sources: &[String]) -> Result<Articles, Error> {
        self.write_pairs()?;
        for (w, path) in [
            (&mut self.records, &self.records_path),
            (&mut self.hashes, &self.hashes_path),
        ] {
            w.flush().map_err(|e| Error::io(path, e))?;
        }
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by_key(|&i| self.entries[i].number);
        // the first article number given again, in the order of reading
        let again = order
            .windows(2)
            .filter(|w| self.entries[w[0]].number == self.entries[w[1]].number)
            .map(|w| (w[0], w[1]))
            .min_by_key(|&(_, second)| (self.entries[second].source, self.entries[second].line));
        if let Some((first, second)) = again {
            let e = self.entries[second];
            return Err(statements::duplicate_article(
                &sources[e.source as usize],
                e.line,
                e.number,
                &self.docs[first].id,
                &self.docs[second].id,
            ));
        }
        let entries: Vec<Entry> = order.iter().map(|&i| self.entries[i]).collect();
        let mut docs: Vec<Option<Document>> = self.docs.into_iter().map(Some).collect();
        let docs: Vec<Document> = order.iter().map(|&i| docs[i].take().unwrap()).collect();
        Ok(Articles {
            records_path: self.records_path,
            hashes_path: self.hashes_path,
            pair_runs: self.pair_runs,
            numbers: entries.iter().map(|e| e.number).collect(),
            entries,
            docs,
        })
    }
}

/// Given an article's number and its sentences (byte offset, hash).
type EachSentences<'a> = dyn FnMut(u64, &[(u64, u64)]) -> Result<(), Error> + 'a;

/// Reads 16 bytes as two little-endian numbers; None at the end.
fn read_pair<R: Read>(r: &mut R) -> io::Result<Option<(u64, u64)>> {
    let mut b = [0u8; 16];
    match r.read_exact(&mut b) {
        Ok(()) => Ok(Some((
            u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
            u64::from_le_bytes(b[8..].try_into().expect("8 bytes")),
        ))),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

impl Articles {
    /// How many articles.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The position of the article numbered `number`.
    pub fn position(&self, number: u64) -> Option<usize> {
        self.numbers.binary_search(&number).ok()
    }

    /// Checks each article's count of statements against `seen` (by
    /// number) and, with `--include-undated`, of undated statements against
    /// `undated`, as [`statements::Collected::into_articles`] does.
    pub fn check_counts(
        &self,
        seen: &HashMap<u64, usize>,
        undated: Option<&HashMap<u64, usize>>,
    ) -> Result<(), Error> {
        if undated.is_some()
            && let Some((e, d)) =
                (self.entries.iter().zip(&self.docs)).find(|(e, _)| e.undated.is_none())
        {
            return Err(Error::Usage(format!(
                "--include-undated: expected statements extracted with --include-undated, \
                 found article {:?} (number {}) extracted without",
                d.id, e.number
            )));
        }
        let mut missing: Vec<u64> = (seen
            .keys()
            .chain(undated.into_iter().flat_map(|u| u.keys())))
        .copied()
        .filter(|&n| self.position(n).is_none())
        .collect();
        missing.sort_unstable();
        if let Some(n) = missing.first() {
            return Err(Error::Usage(format!(
                "expected the article record of every statement, found none for article number {n}"
            )));
        }
        for (e, d) in self.entries.iter().zip(&self.docs) {
            let count = |m: &HashMap<u64, usize>| m.get(&e.number).copied().unwrap_or(0);
            let (expected, got) = match undated {
                Some(u) => (
                    e.statements + e.undated.unwrap_or(0),
                    count(seen) + count(u),
                ),
                None => (e.statements, count(seen)),
            };
            if expected != got {
                return Err(statements::count_mismatch(&d.id, e.number, expected, got));
            }
        }
        Ok(())
    }

    /// Each article's sentence hashes, in the order they were read:
    /// (article number, [(byte offset, hash)]).
    fn each_sentences(&self, each: &mut EachSentences) -> Result<(), Error> {
        let path = &self.hashes_path;
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut r = BufReader::with_capacity(1 << 16, f);
        let mut list = Vec::new();
        while let Some((number, len)) = read_pair(&mut r).map_err(|e| Error::io(path, e))? {
            // a count, then that many pairs
            list.clear();
            for _ in 0..len {
                let pair = read_pair(&mut r).map_err(|e| Error::io(path, e))?;
                list.push(pair.ok_or_else(|| {
                    Error::io(path, io::Error::from(io::ErrorKind::UnexpectedEof))
                })?);
            }
            each(number, &list)?;
        }
        Ok(())
    }

    /// The site widgets [`crate::article::widgets::find_keyed`] finds among the articles'
    /// sentences: (article position, sentence offset) → in how many
    /// articles the sentence is. Holds the sentences in at least the
    /// threshold's articles and the sentences next to them.
    pub fn widgets(&self) -> Result<HashMap<(usize, usize), usize>, Error> {
        let n = self.len();
        let threshold = MIN_ARTICLES.max(n.div_ceil(20));
        let mut out = HashMap::new();
        if n < threshold {
            return Ok(out);
        }
        // how many articles carry each sentence, from the pairs merged in order
        let mut candidates: HashMap<u64, usize> = HashMap::new();
        {
            let mut readers = Vec::new();
            let mut heap = BinaryHeap::new();
            for (k, path) in self.pair_runs.iter().enumerate() {
                let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
                let mut r = BufReader::with_capacity(1 << 16, f);
                if let Some(p) = read_pair(&mut r).map_err(|e| Error::io(path, e))? {
                    heap.push(Reverse((p, k)));
                }
                readers.push(r);
            }
            let mut last: Option<(u64, u64)> = None;
            let mut count = 0usize;
            let mut flush = |h: u64, count: usize| {
                if count >= threshold {
                    candidates.insert(h, count);
                }
            };
            while let Some(Reverse((p, k))) = heap.pop() {
                let path = &self.pair_runs[k];
                if let Some(next) = read_pair(&mut readers[k]).map_err(|e| Error::io(path, e))? {
                    heap.push(Reverse((next, k)));
                }
                match last {
                    Some(l) if l == p => continue,
                    Some((h, _)) if h == p.0 => count += 1,
                    Some((h, _)) => {
                        flush(h, count);
                        count = 1;
                    }
                    None => count = 1,
                }
                last = Some(p);
            }
            if let Some((h, _)) = last {
                flush(h, count);
            }
        }
        if candidates.is_empty() {
            return Ok(out);
        }
        // the sentences next to a candidate
        let mut next_to: HashSet<(u64, u64)> = HashSet::new();
        self.each_sentences(&mut |_, list| {
            for (pos, &(_, w)) in list.iter().enumerate() {
                if candidates.contains_key(&w) {
                    for j in [pos.checked_sub(1), Some(pos + 1)].into_iter().flatten() {
                        if let Some(&(_, x)) = list.get(j) {
                            next_to.insert((w, x));
                        }
                    }
                }
            }
            Ok(())
        })?;
        // how many articles carry both a candidate and a sentence next to it (up to 2)
        let mut both: HashMap<(u64, u64), u8> = HashMap::new();
        self.each_sentences(&mut |_, list| {
            let carried: HashSet<u64> = list.iter().map(|&(_, h)| h).collect();
            for &w in carried.iter().filter(|w| candidates.contains_key(w)) {
                for &x in &carried {
                    if next_to.contains(&(w, x)) {
                        let c = both.entry((w, x)).or_default();
                        *c = (*c + 1).min(2);
                    }
                }
            }
            Ok(())
        })?;
        // a candidate is a widget where neither sentence next to it is
        // carried by another article that carries it
        self.each_sentences(&mut |number, list| {
            let Some(doc) = self.position(number) else {
                return Ok(());
            };
            for (pos, &(at, w)) in list.iter().enumerate() {
                let Some(&carriers) = candidates.get(&w) else {
                    continue;
                };
                let shared = |j: Option<usize>| {
                    j.and_then(|j| list.get(j))
                        .is_some_and(|&(_, x)| both.get(&(w, x)).is_some_and(|&c| c >= 2))
                };
                if shared(pos.checked_sub(1)) || shared(Some(pos + 1)) {
                    continue;
                }
                out.insert((doc, at as usize), carriers);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Each article's record read again, in the order of their numbers.
    pub fn each_record(
        &self,
        each: &mut dyn FnMut(usize, ArticleRecord) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let path = &self.records_path;
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut r = BufReader::with_capacity(1 << 16, f);
        let mut at = 0u64;
        let mut line = String::new();
        for (k, e) in self.entries.iter().enumerate() {
            if e.offset != at {
                r.seek(SeekFrom::Start(e.offset))
                    .map_err(|x| Error::io(path, x))?;
            }
            line.clear();
            let read = r.read_line(&mut line).map_err(|x| Error::io(path, x))?;
            at = e.offset + read as u64;
            let a: ArticleRecord = serde_json::from_str(&line).map_err(|x| {
                Error::Usage(format!(
                    "{}: expected an article record, found {x}",
                    path.display()
                ))
            })?;
            each(k, a)?;
        }
        Ok(())
    }

    /// How many statements the rows cite of each article's id (articles of
    /// one id share the count, as rows name documents by id), by position,
    /// from how many they cite of each article (`cited`, by position).
    pub fn cited_by_id(&self, cited: &[usize]) -> Vec<usize> {
        let mut by_id: Vec<usize> = (0..self.len()).collect();
        by_id.sort_by(|&a, &b| self.docs[a].id.cmp(&self.docs[b].id));
        let mut out = vec![0usize; self.len()];
        for group in by_id.chunk_by(|&a, &b| self.docs[a].id == self.docs[b].id) {
            let sum: usize = group
                .iter()
                .map(|&i| cited.get(i).copied().unwrap_or(0))
                .sum();
            for &i in group {
                out[i] = sum;
            }
        }
        out
    }

    /// The timeline's documents: each article as `build::document_info`
    /// gives it, with `cited(position, id)` of its statements cited.
    pub fn documents(
        &self,
        grammar: &Grammar,
        cited: &dyn Fn(usize, &str) -> usize,
    ) -> Result<Vec<DocumentInfo>, Error> {
        let mut out = Vec::with_capacity(self.len());
        self.each_record(&mut |k, mut a| {
            a.words = Vec::new();
            let article: Article = statements::article_of(a, grammar)?;
            let n = cited(k, &article.document.id);
            out.push(build::document_info(&article, n));
            Ok(())
        })?;
        Ok(out)
    }

    /// Whether an article has no date (only the others' statements could
    /// date it): its id.
    pub fn undated(&self) -> Option<&str> {
        self.docs
            .iter()
            .find(|d| d.dct.is_none())
            .map(|d| d.id.as_str())
    }

    /// The files, removed (the folder is the caller's).
    pub fn remove(&self) {
        for p in [&self.records_path, &self.hashes_path]
            .into_iter()
            .chain(&self.pair_runs)
        {
            let _ = std::fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::widgets;

    /// Articles whose sentences come from a few: some in most articles
    /// (widgets, or wire copy when their neighbours are shared too), some
    /// in a few, some in one.
    fn lists(n: usize, seed: u64) -> Vec<Vec<(usize, u64)>> {
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|a| {
                let len = 3 + (next() % 9) as usize;
                (0..len)
                    .map(|k| {
                        let r = next() % 100;
                        let h = match r {
                            0..30 => r % 4,                        // in many articles
                            30..60 => 100 + r % 25,                // in a few
                            _ => 1_000_000 + (a * 100 + k) as u64, // its own
                        };
                        (k * 10, h)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn widgets_from_disk_are_those_find_keyed_finds() {
        let grammar_free = |list: &[(usize, u64)], number: u64| -> ArticleRecord {
            serde_json::from_value(serde_json::json!({
                "key": "", "article": number, "id": format!("a{number}"), "dct": null,
                "statements": 0, "words": [], "sentences": list,
            }))
            .unwrap()
        };
        let mut found_any = 0;
        for (n, seed) in [(4, 1), (12, 2), (40, 3), (120, 4), (300, 5)] {
            let lists = lists(n, seed);
            let expected = widgets::find_keyed(&lists);
            let tmp = tempfile::tempdir().unwrap();
            let mut spill = Spill::create(tmp.path(), false).unwrap();
            spill.pairs_per_run = 50;
            // numbers out of order: positions follow the numbers
            let order: Vec<usize> = (0..n).rev().collect();
            for &a in &order {
                spill
                    .add(grammar_free(&lists[a], a as u64 * 3), 0, a + 1)
                    .unwrap();
            }
            let articles = spill.finish(&["t".to_string()]).unwrap();
            assert!(
                n < 40 || articles.pair_runs.len() > 1,
                "several runs merged"
            );
            let got = articles.widgets().unwrap();
            let mut want = HashMap::new();
            for (a, ws) in expected.iter().enumerate() {
                for w in ws {
                    let carriers: usize = w
                        .evidence
                        .split_whitespace()
                        .nth(5)
                        .unwrap()
                        .parse()
                        .unwrap();
                    want.insert((a, w.sentence), carriers);
                }
            }
            found_any += want.len();
            assert_eq!(got, want, "{n} articles");
        }
        assert!(found_any > 0, "some widgets were found");
    }

    #[test]
    fn an_article_number_twice_is_refused_where_it_comes_again() {
        let tmp = tempfile::tempdir().unwrap();
        let mut spill = Spill::create(tmp.path(), false).unwrap();
        for (k, (n, id)) in [(5, "x"), (2, "y"), (5, "z")].into_iter().enumerate() {
            let a: ArticleRecord = serde_json::from_value(serde_json::json!({
                "key": "", "article": n, "id": id, "dct": null, "statements": 0,
                "words": [], "sentences": [],
            }))
            .unwrap();
            spill.add(a, 0, k + 1).unwrap();
        }
        let e = spill
            .finish(&["in.jsonl".to_string()])
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("in.jsonl: line 3")
                && e.contains("found 5 again (articles \"x\" and \"z\")"),
            "{e}"
        );
    }
}
