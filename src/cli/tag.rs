//! `chronicler tag`: the expressions in each document, streamed.

use super::common::{
    Outcome, ReferenceArg, inside, load_grammar, name_output, parse_dct, refuse_input_as_output,
    report_summary, say, stdout_file, write_atomically,
};
use chronicler::article::document::Dct;
use chronicler::article::ingest;
use chronicler::article::ingest::{Exclude, FileId};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::output::{Format, Tagged, jsonl};
use chronicler::summary::Summary;
use clap::ValueEnum;
use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// A file, a directory (searched for .txt, .md, .tml and .jsonl), or - for JSON lines on stdin.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Creation date for documents that carry none, e.g. 2016-07-15 or "2016-07-15T09:30 Europe/Moscow".
    #[arg(long, value_name = "DATE")]
    pub dct: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TagFormat::Jsonl)]
    pub format: TagFormat,
    /// Directory with an edited copy of the grammar's word lists.
    #[arg(long, value_name = "DIR")]
    pub grammar: Option<PathBuf>,
    /// Write here instead of standard output (for TimeML with several documents: a directory).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Stop at the first document that cannot be read (exit status 2).
    #[arg(long)]
    pub strict: bool,
    /// Replace invalid UTF-8 with U+FFFD (and say so) instead of skipping the document.
    #[arg(long)]
    pub lossy: bool,
    /// Tagging threads, 0 to 1024 (default and 0: one per core).
    #[arg(long, value_name = "N", value_parser = super::common::threads)]
    pub threads: Option<usize>,
    /// No progress bar (it shows only when standard error is a terminal).
    #[arg(short, long)]
    pub quiet: bool,
    /// What year-less expressions ("In March", "that spring") count from:
    /// the article date, the text's own last date, or decided per paragraph.
    #[arg(long, value_enum, default_value_t = ReferenceArg::Auto)]
    pub reference: ReferenceArg,
    /// Where a bad JSON line is reported: `stderr` (a message; exit status 1), or `records` (an
    /// error record {"id", "error": {"offset", "line", "kind", "reason"}} in its place in the
    /// output, so that every input line gives one output line; exit status 0). The map-step
    /// contract of cluster jobs uses `records`.
    #[arg(long, value_enum, value_name = "WHERE", default_value_t = ErrorsTo::Stderr)]
    pub errors: ErrorsTo,
    /// Also write each bad line's error record to FILE (JSON lines); exit status 0.
    #[arg(long, value_name = "FILE")]
    pub error_file: Option<PathBuf>,
}

/// Where `tag` reports bad lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ErrorsTo {
    Stderr,
    Records,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TagFormat {
    Jsonl,
    Csv,
    Timeml,
}

impl From<TagFormat> for Format {
    fn from(f: TagFormat) -> Format {
        match f {
            TagFormat::Jsonl => Format::Jsonl,
            TagFormat::Csv => Format::Csv,
            TagFormat::Timeml => Format::TimeMl,
        }
    }
}

pub fn run(a: TagArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let cli_dct = parse_dct(a.dct.as_deref(), grammar)?;

    // A missing input is a failure of the whole run, not of one document.
    if a.path.as_os_str() != ingest::STDIN {
        fs::metadata(&a.path).map_err(|e| Error::io(&a.path, e))?;
    }
    let exclude = apart_from_input(&a)?;
    if a.format != TagFormat::Timeml {
        return tag_streaming(a, grammar, cli_dct, &exclude);
    }

    let mut summary = Summary::default();
    let mut documents = Vec::new();
    let mut failure = None;
    let read = ingest::ReadOptions { lossy: a.lossy };
    ingest::for_each_item_except(&a.path, read, &exclude, |item| {
        match item {
            ingest::Item::Document(d) => {
                summary.document();
                documents.push(d);
            }
            ingest::Item::Skipped(e) if a.strict => {
                failure = Some(e);
                return ControlFlow::Break(());
            }
            ingest::Item::Ignored { what, .. } => summary.ignore(&what),
            ingest::Item::Skipped(e) | ingest::Item::Note(e) => {
                say(&e);
                match e {
                    Error::Replaced { .. } | Error::DctNote { .. } => summary.note(&e),
                    _ => summary.skip(&e),
                }
            }
        }
        ControlFlow::Continue(())
    });
    if let Some(e) = failure {
        return Err(e);
    }
    let outcome = report_summary(&summary);
    if documents.is_empty() {
        if let Some(path) = &a.output {
            nothing_written(path);
        }
        return Ok(outcome);
    }

    let tagged: Vec<Tagged> = documents
        .into_iter()
        .map(|mut document| {
            if document.dct.is_none() {
                document.dct.clone_from(&cli_dct);
            }
            let mentions = chronicler::engine::annotate_with(
                &document.text,
                document.dct.as_ref(),
                grammar,
                a.reference.into(),
            );
            Tagged { document, mentions }
        })
        .collect();

    let format = Format::from(a.format);
    if format == Format::TimeMl {
        let to_dir = match &a.output {
            Some(o) => {
                tagged.len() > 1 || o.is_dir() || o.as_os_str().to_string_lossy().ends_with('/')
            }
            None if tagged.len() > 1 => {
                return Err(Error::Usage(format!(
                    "expected -o DIR to write TimeML for {} documents (one file each), found no -o",
                    tagged.len()
                )));
            }
            None => false,
        };
        if let (true, Some(dir)) = (to_dir, &a.output) {
            let failed = write_timeml_dir(dir, &tagged, a.strict)?;
            return Ok(if failed > 0 {
                Outcome::SomeFailed
            } else {
                outcome
            });
        }
    }

    match &a.output {
        Some(path) => {
            let mut buf = Vec::new();
            chronicler::output::write(&mut buf, format, &tagged).map_err(|e| Error::io(path, e))?;
            write_atomically(path, &buf)?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            chronicler::output::write(&mut out, format, &tagged)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    Ok(outcome)
}

/// `tag` as JSON lines or CSV: streamed in input order, in bounded memory,
/// on `--threads` cores (see `chronicler::stream`). With `--strict` nothing is
/// written unless every document reads, so stdout output is held in a
/// temporary file until the end.
fn tag_streaming(
    a: TagArgs,
    grammar: &Grammar,
    dct: Option<Dct>,
    exclude: &Exclude,
) -> Result<Outcome, Error> {
    use chronicler::output::stream::{self, StreamOptions};
    use chronicler::output::{AtomicFile, StreamFormat};
    // A plain-text file above `windows.above` bytes is tagged a window at a time.
    let windows = chronicler::output::window::Windows::from_env();
    if a.errors == ErrorsTo::Records && a.format == TagFormat::Csv {
        return Err(Error::Usage(
            "--errors records: expected --format jsonl (error records are JSON lines), found --format csv; use --error-file FILE with CSV".into(),
        ));
    }
    let opts = StreamOptions {
        error_records: a.errors == ErrorsTo::Records,
        window_range: windows.range,
        reference: a.reference.into(),
        threads: a.threads.unwrap_or(0),
        dct,
        format: match a.format {
            TagFormat::Csv => StreamFormat::Csv,
            _ => StreamFormat::Jsonl,
        },
        ..StreamOptions::default()
    };
    let path = a.path.clone();
    let read = ingest::ReadOptions { lossy: a.lossy };
    // Counted as the reader thread reads; notes (--lossy) are said as they come.
    let (read_docs, repaired) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (docs_seen, notes_seen) = (Arc::clone(&read_docs), Arc::clone(&repaired));
    let exclude = exclude.clone();
    let dates = Arc::new(AtomicUsize::new(0));
    let dates_seen = Arc::clone(&dates);
    let ignored = Arc::new(std::sync::Mutex::new(Summary::default()));
    let ignored_seen = Arc::clone(&ignored);
    let source: stream::InputSource = Box::new(move |f| {
        ingest::for_each_input_except(&path, read, windows.above, &exclude, |input| match input {
            ingest::Input::Item(ingest::Item::Document(d)) => {
                docs_seen.fetch_add(1, Ordering::Relaxed);
                f(stream::Input::Document(Ok(d)))
            }
            ingest::Input::Large(large) => {
                docs_seen.fetch_add(1, Ordering::Relaxed);
                f(stream::Input::Large(large))
            }
            ingest::Input::Item(ingest::Item::Skipped(e)) => f(stream::Input::Document(Err(e))),
            ingest::Input::Item(ingest::Item::Note(note)) => {
                say(&note);
                match note {
                    Error::DctNote { .. } => dates_seen.fetch_add(1, Ordering::Relaxed),
                    _ => notes_seen.fetch_add(1, Ordering::Relaxed),
                };
                ControlFlow::Continue(())
            }
            ingest::Input::Item(ingest::Item::Ignored { what, .. }) => {
                if let Ok(mut s) = ignored_seen.lock() {
                    s.ignore(&what);
                }
                ControlFlow::Continue(())
            }
        })
    });
    let mut summary = Summary::default();
    let progress = chronicler::progress::Progress::new();
    progress.set_stage(chronicler::progress::Stage::Tagging);
    if let Some(n) = documents_in(&a.path) {
        progress.set_total(n);
    }
    let strict = a.strict;
    let records = a.errors == ErrorsTo::Records;
    let mut error_file = a
        .error_file
        .as_deref()
        .map(AtomicFile::create)
        .transpose()?;
    let mut on_error = |e: Error| {
        if strict {
            return Err(e);
        }
        say(&e);
        if let (Some(f), Some(name)) = (&mut error_file, &a.error_file) {
            jsonl::write_error(f, &e, false).map_err(|io| Error::io(name, io))?;
        }
        summary.skip(&e);
        Ok(())
    };
    let bar = super::bar::Bar::start(&progress, "tag", a.quiet);
    let result = match &a.output {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            stream::tag_stream_inputs(source, &opts, grammar, &mut file, &progress, &mut on_error)
                .map_err(|e| name_output(e, path))
                .and_then(|_| match read_docs.load(Ordering::Relaxed) {
                    // A run that read nothing leaves an earlier output as it was.
                    0 => {
                        nothing_written(path);
                        Ok(())
                    }
                    _ => file.commit(),
                })
        }
        None if strict => {
            let mut spill = AtomicFile::spill()?;
            stream::tag_stream_inputs(source, &opts, grammar, &mut spill, &progress, &mut on_error)
                .and_then(|_| {
                    let stdout = io::stdout();
                    let mut out = io::BufWriter::new(stdout.lock());
                    spill.copy_to(&mut out)?;
                    out.flush().map_err(|e| Error::io("<stdout>", e))
                })
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
            stream::tag_stream_inputs(source, &opts, grammar, &mut out, &progress, &mut on_error)
                .map(|_| ())
                .map_err(|e| name_output(e, Path::new("<stdout>")))
        }
    };
    bar.finish();
    if let Err(e) = result {
        // --strict in a pipe: the bad line's record, marked fatal, says in
        // the output itself that the rest is missing, even to a framework
        // that does not check exit codes.
        if strict && records && a.output.is_none() {
            let mut out = io::stdout().lock();
            let _ = jsonl::write_error(&mut out, &e, true).and_then(|_| out.flush());
        }
        return Err(e);
    }
    if let (Some(f), Some(name)) = (error_file, &a.error_file) {
        f.commit().map_err(|e| name_output(e, name))?;
    }
    summary.read = read_docs.load(Ordering::Relaxed);
    summary.repaired = repaired.load(Ordering::Relaxed);
    summary.dates = dates.load(Ordering::Relaxed);
    if let Ok(s) = ignored.lock() {
        summary.ignored.clone_from(&s.ignored);
    }
    let outcome = report_summary(&summary);
    // bad lines reported as data are not a failure of the run
    Ok(match (records || a.error_file.is_some(), outcome) {
        (true, Outcome::SomeFailed) => Outcome::Done,
        (_, outcome) => outcome,
    })
}

/// How many documents a folder holds, when that is known before reading:
/// every file found is one document unless there is a JSON-lines file.
fn documents_in(path: &Path) -> Option<u64> {
    if path.as_os_str() == ingest::STDIN || !path.is_dir() {
        return None;
    }
    let mut n = 0;
    for file in ingest::walk(path, |p| ingest::InputKind::of(p).is_some()) {
        match file {
            Ok(f)
                if matches!(
                    ingest::InputKind::of(&f),
                    Some(ingest::InputKind::Jsonl | ingest::InputKind::Warc)
                ) =>
            {
                return None;
            }
            _ => n += 1,
        }
    }
    Some(n)
}

/// Says that a run that read no document left `path` as it was.
fn nothing_written(path: &Path) {
    say(format_args!(
        "no document read: nothing written, {} left as it was",
        path.display()
    ));
}

/// What `tag` must not read or overwrite: its output is never its input
/// (refused: `tag a.txt -o a.txt`, TimeML for a folder into that folder,
/// an article of the folder named as `-o`), and what it writes inside the
/// input folder (its `-o` file or folder from an earlier run, the file
/// standard output goes to) is passed over when reading.
fn apart_from_input(a: &TagArgs) -> Result<Exclude, Error> {
    let mut exclude = Exclude::default();
    if a.path.as_os_str() == ingest::STDIN {
        return Ok(exclude);
    }
    let input_is_dir = a.path.is_dir();
    if let Some(id) = stdout_file().filter(|_| input_is_dir && a.output.is_none()) {
        exclude.add_id(id);
    }
    if let (Some(o), Some(e)) = (&a.output, &a.error_file)
        && (FileId::of(o).is_some_and(|id| FileId::of(e) == Some(id))
            || std::path::absolute(o).ok() == std::path::absolute(e).ok())
    {
        return Err(Error::Usage(format!(
            "{}: expected --error-file to be another file than -o, found the same",
            e.display()
        )));
    }
    // What the run writes: its output and its file of error records.
    let outputs: Vec<&Path> = a
        .output
        .iter()
        .chain(a.error_file.iter())
        .map(PathBuf::as_path)
        .collect();
    for out in outputs {
        if !input_is_dir {
            refuse_input_as_output(out, &[&a.path])?;
        } else if out.is_dir() {
            if FileId::of(out) == FileId::of(&a.path) {
                return Err(Error::Usage(format!(
                    "{}: expected an output folder outside the input folder, found the input folder itself",
                    out.display()
                )));
            }
            exclude.add(out);
        } else if out.is_file() && inside(out, &a.path) && ingest::InputKind::of(out).is_some() {
            // An earlier run's output is passed over; an article is not replaced.
            if !is_tag_output(out) {
                return Err(Error::Usage(format!(
                    "{}: expected an output path that is not an input, found a document of {}",
                    out.display(),
                    a.path.display()
                )));
            }
            exclude.add(out);
        }
    }
    Ok(exclude)
}

/// True when the JSON lines file `path` is what `tag` writes: records with
/// `mentions` (or an `error`) and no `text`, which no input document is.
fn is_tag_output(path: &Path) -> bool {
    use std::io::{BufRead, Read};
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    let mut line = String::new();
    let mut reader = io::BufReader::new(file.take(64 << 20));
    while line.trim().is_empty() {
        line.clear();
        if !matches!(reader.read_line(&mut line), Ok(n) if n > 0) {
            return false;
        }
    }
    // A document record, or the error record of a bad line (`--errors records`).
    serde_json::from_str::<serde_json::Value>(&line).is_ok_and(|v| {
        (v.get("mentions").is_some_and(serde_json::Value::is_array)
            || v.get("error").is_some_and(serde_json::Value::is_object))
            && v.get("text").is_none()
    })
}

/// Writes each document to `dir/<id>.tml` (its extension replaced), keeping
/// sub-directories of the id and making names unique. A document that
/// cannot be written is reported and skipped (with `strict`, the error);
/// returns how many were skipped.
fn write_timeml_dir(dir: &Path, docs: &[Tagged], strict: bool) -> Result<usize, Error> {
    let mut used = HashSet::new();
    let mut failed = 0;
    for d in docs {
        let rel = unique(timeml_name(&d.document.id), &mut used);
        let path = dir.join(&rel);
        let written = path
            .parent()
            .map_or(Ok(()), |parent| {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))
            })
            .and_then(|()| {
                let mut buf = Vec::new();
                chronicler::output::format::write_timeml(&mut buf, d)
                    .map_err(|e| Error::io(&path, e))?;
                write_atomically(&path, &buf)
            });
        match written {
            Ok(()) => {}
            Err(e) if strict => return Err(e),
            Err(e) => {
                say(&e);
                failed += 1;
            }
        }
    }
    Ok(failed)
}

/// The longest name (in bytes) a part of an id keeps in a TimeML file
/// name: file systems allow 255, and `-N.tml` must still fit.
const NAME_BYTES: usize = 200;

/// `s` cut to at most [`NAME_BYTES`] bytes, at a character boundary.
fn cut_name(mut s: String) -> String {
    if s.len() > NAME_BYTES {
        let mut end = NAME_BYTES;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// A safe relative file name for a document id: `sub/a.txt` → `sub/a.tml`;
/// characters other than letters, digits, `.`, `-` and `_` become `_`, and
/// `.`/`..` components are dropped.
fn timeml_name(id: &str) -> PathBuf {
    let parts: Vec<String> = id
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .map(|p| {
            p.chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect()
        })
        .collect();
    let mut parts: Vec<String> = parts.into_iter().map(cut_name).collect();
    let last = parts.pop().unwrap_or_else(|| "document".to_string());
    let stem = match last.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty() && ["txt", "md", "tml", "jsonl", "xml"].contains(&ext) =>
        {
            stem.to_string()
        }
        _ => last,
    };
    let stem = stem.trim_start_matches('.');
    let stem = if stem.is_empty() { "document" } else { stem };
    parts.push(format!("{}.tml", cut_name(stem.to_string())));
    parts.iter().collect()
}

fn unique(name: PathBuf, used: &mut HashSet<PathBuf>) -> PathBuf {
    if used.insert(name.clone()) {
        return name;
    }
    let stem = name.with_extension("");
    for n in 2.. {
        let candidate = PathBuf::from(format!("{}-{n}.tml", stem.display()));
        if used.insert(candidate.clone()) {
            return candidate;
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeml_names_are_safe() {
        assert_eq!(timeml_name("sub/a.txt"), PathBuf::from("sub/a.tml"));
        assert_eq!(
            timeml_name("../../etc/passwd"),
            PathBuf::from("etc/passwd.tml")
        );
        assert_eq!(timeml_name("story 1: é?"), PathBuf::from("story_1__é_.tml"));
        assert_eq!(timeml_name("x.tml"), PathBuf::from("x.tml"));
        assert_eq!(timeml_name(""), PathBuf::from("document.tml"));
        assert_eq!(timeml_name(".hidden"), PathBuf::from("hidden.tml"));
    }

    #[test]
    fn unique_names() {
        let mut used = HashSet::new();
        assert_eq!(unique("a.tml".into(), &mut used), PathBuf::from("a.tml"));
        assert_eq!(unique("a.tml".into(), &mut used), PathBuf::from("a-2.tml"));
        assert_eq!(unique("a.tml".into(), &mut used), PathBuf::from("a-3.tml"));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        fs::write(&p, "old").unwrap();
        write_atomically(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
