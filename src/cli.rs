//! The `chronicler` command line: argument definitions and the three
//! subcommands. Only this module and `main.rs` print.

use chronicler::error::Error;
use chronicler::render::{self, Format, Tagged};
use chronicler::summary::Summary;
use chronicler::{Dct, DctSource, Grammar, eval, explain, ingest};
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Finds temporal expressions in news text and resolves them to TIMEX3 values.
#[derive(Debug, Parser)]
#[command(name = "chronicler", version, about)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find and resolve the temporal expressions in documents.
    Tag(TagArgs),
    /// Show how one expression is parsed and resolved.
    Explain(ExplainArgs),
    /// Score the tagger against gold TimeML (TempEval-3 Task A).
    Eval(EvalArgs),
    /// Build one merged, source-cited timeline from many articles.
    Build(BuildArgs),
    /// Check a chronology: conflicts between articles, impossible or mismatched dates, assumptions.
    Check(crate::cli_check::CheckArgs),
    /// Score `build --top N` against newsroom timelines (Timeline17 layout).
    TimelineEval(TimelineEvalArgs),
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes timeline.csv, timeline.json, timelinejs.json, timelinejs.csv and vis-timeline.json \
under the output folder, each atomically. Intervals are [start, end): start inclusive, end exclusive, local time.\n\n\
Article dates come from, in order: the manifest (--manifest, or manifest.csv at the top of an input folder), \
the document (JSONL dct, TimeML DCT, a leading 'Date:' line), a parent folder named YYYY-MM-DD \
(unless --no-folder-dates), --dct, else they are inferred from the text and marked inferred."
)]
pub struct BuildArgs {
    /// Files, folders (searched for .txt, .md, .tml, .jsonl; README files skipped), or - for JSON lines on stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    /// CSV with columns file,published[,source,title,url,timezone].
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Article date for documents nothing else dates, e.g. 2016-07-15.
    #[arg(long, value_name = "DATE")]
    pub dct: Option<String>,
    /// Time zone for articles whose zone is not known otherwise (IANA name or offset).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Keep only the N days best supported across articles, each with its best-supported row.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Also list statements whose time could not be placed on the calendar.
    #[arg(long)]
    pub include_undated: bool,
    /// Do not take article dates from parent folders named YYYY-MM-DD.
    #[arg(long)]
    pub no_folder_dates: bool,
    /// Stop at the first document that cannot be read (exit status 2).
    #[arg(long)]
    pub strict: bool,
    /// Replace invalid UTF-8 with U+FFFD (and say so) instead of skipping the document.
    #[arg(long)]
    pub lossy: bool,
    /// Directory with an edited copy of the grammar's word lists.
    #[arg(long, value_name = "DIR")]
    pub grammar: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar (it shows only when standard error is a terminal).
    #[arg(short, long)]
    pub quiet: bool,
    /// Also write timeline.html: a self-contained review page with the findings of `check`.
    #[arg(long)]
    pub html: bool,
}

#[derive(Debug, clap::Args)]
pub struct TimelineEvalArgs {
    /// A topic folder (InputDocs/ and timelines/) or a folder of topics,
    /// e.g. ../shared/corpora/timeline17-dev.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Directory with an edited copy of the grammar's word lists.
    #[arg(long, value_name = "DIR")]
    pub grammar: Option<PathBuf>,
}

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
    /// Tagging threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar (it shows only when standard error is a terminal).
    #[arg(short, long)]
    pub quiet: bool,
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

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The expression, e.g. "last Friday night".
    #[arg(value_name = "EXPR")]
    pub expr: String,
    /// The document creation time to resolve against (none if not given).
    #[arg(long, value_name = "DATE")]
    pub dct: Option<String>,
    /// Directory with an edited copy of the grammar's word lists.
    #[arg(long, value_name = "DIR")]
    pub grammar: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// A directory of gold TimeML (.tml) files, searched recursively.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// List every miss, false alarm and wrong type/value/mod.
    #[arg(long)]
    pub errors: bool,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Directory with an edited copy of the grammar's word lists.
    #[arg(long, value_name = "DIR")]
    pub grammar: Option<PathBuf>,
    /// Stop at the first gold file that cannot be read (exit status 2).
    #[arg(long)]
    pub strict: bool,
    /// Replace invalid UTF-8 with U+FFFD (and say so) instead of skipping the document.
    #[arg(long)]
    pub lossy: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// How a run that did not fail outright went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was processed.
    Done,
    /// Some documents could not be read (and were reported); the rest were processed.
    SomeFailed,
    /// `check` found conflicts.
    Conflicts,
    /// `check` could not read some input (exit status 2, as for usage errors).
    BadInput,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Done => ExitCode::SUCCESS,
            Outcome::SomeFailed | Outcome::Conflicts => ExitCode::from(1),
            Outcome::BadInput => ExitCode::from(2),
        }
    }
}

pub fn run(args: Args) -> Result<Outcome, Error> {
    match args.command {
        Command::Tag(a) => tag(a),
        Command::Explain(a) => explain_cmd(a),
        Command::Eval(a) => eval_cmd(a),
        Command::Build(a) => build_cmd(a),
        Command::Check(a) => crate::cli_check::check_cmd(a),
        Command::TimelineEval(a) => timeline_eval_cmd(a),
    }
}

fn load_grammar(dir: Option<&Path>) -> Result<Option<Grammar>, Error> {
    use chronicler::grammar::GrammarError;
    dir.map(|d| {
        Grammar::load_dir(d).map_err(|e| match e {
            // Name the file itself, and the line of the bad row in it.
            GrammarError::Malformed {
                file,
                line,
                message,
            } => Error::Grammar {
                path: d.join(file),
                message: format!("line {line}: {message}"),
            },
            GrammarError::Io { file, source } => Error::io(file, source),
        })
    })
    .transpose()
}

fn parse_dct(s: Option<&str>) -> Result<Option<Dct>, Error> {
    s.map(|s| {
        Dct::parse(s, DctSource::Cli).map_err(|message| Error::BadDct {
            origin: "--dct".into(),
            message,
        })
    })
    .transpose()
}

fn tag(a: TagArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let cli_dct = parse_dct(a.dct.as_deref())?;

    // A missing input is a failure of the whole run, not of one document.
    if a.path.as_os_str() != ingest::STDIN {
        fs::metadata(&a.path).map_err(|e| Error::io(&a.path, e))?;
    }
    if a.format != TagFormat::Timeml {
        return tag_streaming(a, grammar, cli_dct);
    }

    let mut summary = Summary::default();
    let mut documents = Vec::new();
    let mut failure = None;
    let read = ingest::ReadOptions { lossy: a.lossy };
    ingest::for_each_item(&a.path, read, |item| {
        match item {
            ingest::Item::Document(d) => {
                summary.document();
                documents.push(d);
            }
            ingest::Item::Skipped(e) if a.strict => {
                failure = Some(e);
                return ControlFlow::Break(());
            }
            ingest::Item::Skipped(e) | ingest::Item::Note(e) => {
                let _ = writeln!(io::stderr(), "chronicler: {e}");
                match e {
                    Error::Replaced { .. } => summary.note(&e),
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

    let tagged: Vec<Tagged> = documents
        .into_iter()
        .map(|mut document| {
            if document.dct.is_none() {
                document.dct.clone_from(&cli_dct);
            }
            let mentions = chronicler::annotate(&document.text, document.dct.as_ref(), grammar);
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
            write_timeml_dir(dir, &tagged)?;
            return Ok(outcome);
        }
    }

    match &a.output {
        Some(path) => {
            let mut buf = Vec::new();
            render::write(&mut buf, format, &tagged).map_err(|e| Error::io(path, e))?;
            write_atomically(path, &buf)?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            render::write(&mut out, format, &tagged)
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
fn tag_streaming(a: TagArgs, grammar: &Grammar, dct: Option<Dct>) -> Result<Outcome, Error> {
    use chronicler::stream::{self, AtomicFile, StreamFormat, StreamOptions};
    // A plain-text file above `windows.above` bytes is tagged a window at a time.
    let windows = chronicler::window::Windows::from_env();
    let opts = StreamOptions {
        window_range: windows.range,
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
    let source: stream::InputSource = Box::new(move |f| {
        ingest::for_each_input(&path, read, windows.above, |input| match input {
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
                let _ = writeln!(io::stderr(), "chronicler: {note}");
                notes_seen.fetch_add(1, Ordering::Relaxed);
                ControlFlow::Continue(())
            }
        })
    });
    let mut summary = Summary::default();
    let progress = stream::Progress::new();
    let strict = a.strict;
    let mut on_error = |e: Error| {
        if strict {
            return Err(e);
        }
        let _ = writeln!(io::stderr(), "chronicler: {e}");
        summary.skip(&e);
        Ok(())
    };
    let bar = crate::bar::Bar::start(&progress, "tag", a.quiet);
    let result = match &a.output {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            stream::tag_stream_inputs(source, &opts, grammar, &mut file, &progress, &mut on_error)
                .map_err(|e| name_output(e, path))
                .and_then(|_| file.commit())
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
    result?;
    summary.read = read_docs.load(Ordering::Relaxed);
    summary.repaired = repaired.load(Ordering::Relaxed);
    Ok(report_summary(&summary))
}

/// Says on standard error what a run read and skipped, unless it read
/// everything cleanly; the outcome it makes for the exit status.
fn report_summary(summary: &Summary) -> Outcome {
    if !summary.is_clean() || summary.repaired > 0 {
        let _ = writeln!(io::stderr(), "chronicler: {summary}");
    }
    match summary.is_clean() {
        true => Outcome::Done,
        false => Outcome::SomeFailed,
    }
}

/// The stream names its output `<output>`; say which it was.
fn name_output(e: Error, path: &Path) -> Error {
    match e {
        Error::Io { path: p, source } if p.as_os_str() == "<output>" => Error::io(path, source),
        other => other,
    }
}

/// Writes each document to `dir/<id>.tml` (its extension replaced), keeping
/// sub-directories of the id and making names unique.
fn write_timeml_dir(dir: &Path, docs: &[Tagged]) -> Result<(), Error> {
    let mut used = HashSet::new();
    for d in docs {
        let rel = unique(timeml_name(&d.document.id), &mut used);
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let mut buf = Vec::new();
        render::write_timeml(&mut buf, d).map_err(|e| Error::io(&path, e))?;
        write_atomically(&path, &buf)?;
    }
    Ok(())
}

/// A safe relative file name for a document id: `sub/a.txt` → `sub/a.tml`;
/// characters other than letters, digits, `.`, `-` and `_` become `_`, and
/// `.`/`..` components are dropped.
fn timeml_name(id: &str) -> PathBuf {
    let mut parts: Vec<String> = id
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
    parts.push(format!("{stem}.tml"));
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

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    render::write_atomically(path, bytes)
}

fn print(s: &str) -> Result<(), Error> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(s.as_bytes())
        .and_then(|()| {
            if s.ends_with('\n') {
                Ok(())
            } else {
                out.write_all(b"\n")
            }
        })
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("<stdout>", e))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(value).map_err(|e| Error::io("<stdout>", io::Error::other(e)))
}

fn explain_cmd(a: ExplainArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let dct = parse_dct(a.dct.as_deref())?;
    let explanation = explain::explain(&a.expr, dct.as_ref(), grammar);
    match a.format {
        ReportFormat::Text => print(&explanation.to_string())?,
        ReportFormat::Json => print(&to_json(&explanation)?)?,
    }
    Ok(Outcome::Done)
}

fn eval_cmd(a: EvalArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    // A missing folder is a failure of the whole run, not of one document.
    fs::metadata(&a.dir).map_err(|e| Error::io(&a.dir, e))?;
    let mut summary = Summary::default();
    let mut gold = Vec::new();
    let read = ingest::ReadOptions { lossy: a.lossy };
    for item in eval::load_gold_lenient(&a.dir, read) {
        match item {
            Ok((doc, note)) => {
                if let Some(note) = note {
                    let _ = writeln!(io::stderr(), "chronicler: {note}");
                    summary.note(&note);
                }
                summary.document();
                gold.push(doc);
            }
            Err(e) if a.strict => return Err(e),
            Err(e) => {
                let _ = writeln!(io::stderr(), "chronicler: {e}");
                summary.skip(&e);
            }
        }
    }
    let report = eval::evaluate(&gold, grammar, a.errors);
    let outcome = report_summary(&summary);
    match a.format {
        ReportFormat::Text => print(&report.to_string())?,
        ReportFormat::Json => print(&to_json(&report)?)?,
    }
    Ok(outcome)
}

fn build_cmd(a: BuildArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let zone =
        a.tz.as_deref()
            .map(|z| {
                z.parse::<chronicler::Zone>()
                    .map_err(|message| Error::BadDct {
                        origin: "--tz".into(),
                        message,
                    })
            })
            .transpose()?;
    if a.top == Some(0) {
        return Err(Error::Usage(
            "--top: expected a number of days of at least 1, found 0".into(),
        ));
    }
    if let Some(n) = a.threads {
        // The first and only global pool of this process.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let progress = chronicler::stream::Progress::new();
    let bar = crate::bar::Bar::start(&progress, "build", a.quiet);
    let opts = chronicler::BuildOptions {
        progress,
        manifest: a.manifest.clone(),
        dct: parse_dct(a.dct.as_deref())?,
        zone,
        top: a.top,
        include_undated: a.include_undated,
        dates_from_folders: !a.no_folder_dates,
        strict: a.strict,
        lossy: a.lossy,
    };
    // --html: the review page marks what `check` finds (on every row, not only the top N).
    let review = match a.html {
        true => Some(chronicler::check::check(
            &a.paths,
            &chronicler::BuildOptions {
                top: None,
                ..opts.clone()
            },
            grammar,
        )?),
        false => None,
    };
    let timeline = match &review {
        Some(r) if opts.top.is_none() => r.timeline.clone(),
        _ => chronicler::build(&a.paths, &opts, grammar)?,
    };
    bar.finish();
    {
        let stderr = io::stderr();
        let mut err = stderr.lock();
        for w in &timeline.warnings {
            let _ = writeln!(err, "chronicler: {w}");
        }
    }
    render::timeline::write_dir(&a.output, &timeline)?;
    if let Some(r) = &review {
        render::html::write(&a.output, &timeline, r)?;
    }
    let inferred = timeline
        .documents
        .iter()
        .filter(|d| d.dct_source == "inferred")
        .count();
    let mut summary = format!(
        "{} events from {} articles written to {}",
        timeline.events.len(),
        timeline.documents.len(),
        a.output.display()
    );
    if inferred > 0 {
        summary.push_str(&format!(
            " ({inferred} article date{} inferred; see timeline.json)",
            if inferred == 1 { "" } else { "s" }
        ));
    }
    let _ = writeln!(io::stderr(), "chronicler: {summary}");
    let _ = writeln!(io::stderr(), "chronicler: {}", timeline.summary);
    Ok(if timeline.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Done
    })
}

fn timeline_eval_cmd(a: TimelineEvalArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let report = chronicler::timeline_eval::evaluate(&a.dir, grammar)?;
    match a.format {
        ReportFormat::Text => print(&report.to_string())?,
        ReportFormat::Json => print(&to_json(&report)?)?,
    }
    Ok(Outcome::Done)
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
