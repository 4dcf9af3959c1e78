//! `chronicler merge`: the story-wide half of `build` (the reduce step).

use super::common::{Outcome, ReferenceArg, SelectArgs, load_grammar, warn_all, written};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::output;
use chronicler::progress::{Progress, Stage};
use chronicler::story::build::Texts;
use chronicler::story::build::{self, BuildOptions};
use chronicler::story::statements::{Collected, texts_of_line};
use chronicler::story::windowed;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Reads the JSON lines of `chronicler extract` (files, or - for standard input), in any order, \
and writes what `build` writes from the same articles: timeline.csv, timeline.json, timelinejs.json, timelinejs.csv, \
vis-timeline.json and timeline.xlsx under the output folder, each atomically. The review page (--html) and --check \
need the articles' texts: run `build` for them.\n\n\
Memory: merge sorts the statements by day on disk (temporary files in $TMPDIR; standard input is kept there \
too), clusters them a day at a time (a coarse statement such as \"in March\" waits for the days of its stretch), \
links the clusters within the few days they can reach, and sorts the rows on disk before writing the files: \
what it holds follows the busiest stretch of days, not the archive. Article records wait on disk too. --per-date \
picks a day's rows when the day is written; --top ranks days by the whole collection's evidence (a few numbers \
per article and day) and then keeps the best rows of the days picked; --include-undated writes a row for each \
undated statement after them, in order. When an article can only be dated by the others' statements, or a \
happening is wider than a window of days can show, merge holds the whole story (statements without the words \
only rows quote, read again for the rows)."
)]
pub struct MergeArgs {
    /// Files of extract's JSON lines, or - for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Also list statements whose time could not be placed on the calendar (extracted with --include-undated).
    #[arg(long)]
    pub include_undated: bool,
    /// Keep page furniture as statements, for auditing (give it to extract too).
    #[arg(long)]
    pub include_furniture: bool,
    /// What year-less expressions count from, in articles only merge can date (as given to extract).
    #[arg(long, value_enum, default_value_t = ReferenceArg::Auto)]
    pub reference: ReferenceArg,
    /// Directory with an edited copy of the grammar's word lists (for articles only merge can date).
    #[arg(long, value_name = "DIR")]
    pub grammar: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar (it shows only when standard error is a terminal).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Reads `path` (named `name` in errors) into `collected`.
fn read_into(collected: &mut Collected, name: &str, path: &Path) -> Result<(), Error> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let reader = io::BufReader::with_capacity(1 << 16, f);
    for (k, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        collected.add_line(name, k + 1, &line)?;
    }
    Ok(())
}

/// Standard input kept in a temporary file (in `$TMPDIR`) to be read again;
/// removed when dropped.
struct Spool {
    path: PathBuf,
    file: Option<io::BufWriter<std::fs::File>>,
}

impl Spool {
    fn create() -> Result<Spool, Error> {
        let dir = std::env::temp_dir();
        for attempt in 0u32..1000 {
            let path = dir.join(format!(
                ".chronicler-merge.{}.{attempt}.tmp",
                std::process::id()
            ));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(f) => {
                    return Ok(Spool {
                        path,
                        file: Some(io::BufWriter::with_capacity(1 << 16, f)),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        Err(Error::Usage(format!(
            "expected to create a temporary file in {}, found every name taken",
            dir.display()
        )))
    }

    /// The file, flushed, to read again.
    fn finished(&mut self) -> Result<&Path, Error> {
        if let Some(mut f) = self.file.take() {
            f.flush().map_err(|e| Error::io(&self.path, e))?;
        }
        Ok(&self.path)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        self.file = None;
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Reads the inputs again, giving each dated statement's words to `each`
/// with its article's position (by `numbers`) and its own position among the
/// article's statements.
fn read_texts(
    inputs: &[(String, PathBuf)],
    numbers: &[u64],
    each: &mut dyn FnMut(usize, usize, Texts),
) -> Result<(), Error> {
    for (_, path) in inputs {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        for line in io::BufReader::with_capacity(1 << 16, f).lines() {
            let line = line.map_err(|e| Error::io(path, e))?;
            if let Some((number, n, texts)) = texts_of_line(&line)
                && let Ok(doc) = numbers.binary_search(&number)
            {
                each(doc, n, texts);
            }
        }
    }
    Ok(())
}

/// Standard input copied whole into `spool`.
fn copy_stdin(spool: &mut Spool) -> Result<(), Error> {
    let mut stdin = io::stdin().lock();
    let f = spool
        .file
        .as_mut()
        .expect("spool written before it is read");
    io::copy(&mut stdin, f).map_err(|e| Error::io("<stdin>", e))?;
    Ok(())
}

pub fn run(a: MergeArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let selection = a.select.selection()?;
    if let Some(n) = a.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let progress = Progress::new();
    let bar = super::bar::Bar::start(&progress, "merge", a.quiet);
    // Standard input is kept in a temporary file: every way of merging
    // reads its input more than once.
    let mut spool = match a.paths.iter().any(|p| p.as_os_str() == "-") {
        true => {
            let mut s = Spool::create()?;
            copy_stdin(&mut s)?;
            s.finished()?;
            Some(s)
        }
        false => None,
    };
    let inputs: Vec<(String, PathBuf)> = a
        .paths
        .iter()
        .map(|p| match (p.as_os_str() == "-", &spool) {
            (true, Some(s)) => ("<stdin>".to_string(), s.path.clone()),
            _ => (p.display().to_string(), p.clone()),
        })
        .collect();
    let opts = BuildOptions {
        include_undated: a.include_undated,
        include_furniture: a.include_furniture,
        reference: a.reference.into(),
        progress: progress.clone(),
        ..BuildOptions::default()
    };
    // A window of days at a time, unless merge must hold the whole story
    // (it says when).
    {
        progress.set_stage(Stage::Merging);
        let windowed_opts = BuildOptions {
            top: a.select.top,
            per_date: a.select.per_date,
            ..opts.clone()
        };
        let windowed = windowed::merge(&inputs, &windowed_opts, grammar, &std::env::temp_dir())?;
        if let Err(why) = &windowed
            && !a.quiet
        {
            let _ = writeln!(
                io::stderr(),
                "chronicler: merging the whole story at once: {why}"
            );
        }
        if let Ok((timeline, rows, stats)) = windowed {
            if !a.quiet {
                let _ = writeln!(
                    io::stderr(),
                    "chronicler: merged a window of days at a time: {} days and stretches (the most \
                     statements of one: {}), at most {} statements at once (of one linked component: \
                     {}; the widest happening spans {} days)",
                    stats.chunks,
                    stats.largest_chunk,
                    stats.most_held,
                    stats.largest_component,
                    stats.widest + 1
                );
            }
            drop(spool.take());
            progress.set_stage(Stage::Writing);
            output::timeline::write_dir_rows(&a.output, &timeline, &|f| rows.each(f), None)?;
            windowed::memory_note("written");
            bar.finish();
            warn_all(&timeline.warnings);
            let _ = writeln!(
                io::stderr(),
                "chronicler: {}",
                written(stats.rows, timeline.documents.len(), &a.output)
            );
            return Ok(Outcome::Done);
        }
    }
    // Statements are kept without the words only rows quote, and read
    // again for the rows, unless undated statements are listed (their rows
    // are made from whole statements) or an article must be dated by the
    // others' statements (then everything is read whole again).
    let mut slim = !a.include_undated;
    let keep_words = a.select.top.is_some();
    let mut collected = if slim {
        Collected::slim(keep_words)
    } else {
        Collected::new(keep_words)
    };
    for (name, path) in &inputs {
        read_into(&mut collected, name, path)?;
    }
    let zone = collected.zone_for_undated();
    let mut merged = collected.into_articles(a.include_undated, grammar)?;
    if slim && merged.articles.iter().any(|x| x.document.dct.is_none()) {
        slim = false;
        let mut whole = Collected::new(keep_words);
        for (name, path) in &inputs {
            read_into(&mut whole, name, path)?;
        }
        merged = whole.into_articles(a.include_undated, grammar)?;
    }
    let opts = BuildOptions { zone, ..opts };
    let mut articles = merged.articles;
    if articles.is_empty() {
        return Err(Error::Usage(format!(
            "expected article records of chronicler extract, found none in {}",
            a.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    build::date_by_agreement(&mut articles, &opts, grammar);
    let story = if slim {
        let numbers = merged.numbers;
        build::finish_slim(
            articles,
            &merged.widget_keys,
            Vec::new(),
            &opts,
            &mut |each| read_texts(&inputs, &numbers, each),
            selection.is_some(),
        )?
        .0
    } else {
        build::finish_moving(articles, &merged.widget_keys, Vec::new(), &opts)
    };
    drop(spool);
    // only ranking days (--top) reads the articles' words
    let story = match a.select.top {
        Some(_) => story.with_word_counts(merged.word_counts),
        None => story,
    };
    progress.set_stage(Stage::Writing);
    let top = selection.map(|selection| story.select(&selection).0);
    let timeline = top.as_ref().unwrap_or(&story.timeline);
    output::timeline::write_dir(&a.output, timeline, None)?;
    bar.finish();
    warn_all(&timeline.warnings);
    let _ = writeln!(
        io::stderr(),
        "chronicler: {}",
        written(timeline.events.len(), timeline.documents.len(), &a.output)
    );
    Ok(Outcome::Done)
}
