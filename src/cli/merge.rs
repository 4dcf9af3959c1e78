//! `chronicler merge`: the story-wide half of `build` (the reduce step).

use super::common::{Outcome, ReferenceArg, load_grammar, warn_all};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::output;
use chronicler::progress::{Progress, Stage};
use chronicler::story::build::{self, BuildOptions};
use chronicler::story::select::Selection;
use chronicler::story::statements::Collected;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Reads the JSON lines of `chronicler extract` (files, or - for standard input), in any order, \
and writes what `build` writes from the same articles: timeline.csv, timeline.json, timelinejs.json, timelinejs.csv, \
vis-timeline.json and timeline.xlsx under the output folder, each atomically. The review page (--html) and --check \
need the articles' texts: run `build` for them."
)]
pub struct MergeArgs {
    /// Files of extract's JSON lines, or - for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    /// Keep only the N days the whole collection's evidence best supports, each with its best happening.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Keep at most K happenings per day (default with --top: 1).
    #[arg(long, value_name = "K")]
    pub per_date: Option<usize>,
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

fn read_into(collected: &mut Collected, path: &Path) -> Result<(), Error> {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Box::new(io::BufReader::with_capacity(1 << 16, f))
    };
    for (k, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        collected.add_line(&name, k + 1, &line)?;
    }
    Ok(())
}

pub fn run(a: MergeArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    if a.top == Some(0) {
        return Err(Error::Usage(
            "--top: expected a number of days of at least 1, found 0".into(),
        ));
    }
    if a.per_date == Some(0) {
        return Err(Error::Usage(
            "--per-date: expected a number of happenings of at least 1, found 0".into(),
        ));
    }
    if let Some(n) = a.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let progress = Progress::new();
    let bar = super::bar::Bar::start(&progress, "merge", a.quiet);
    let mut collected = Collected::new(a.top.is_some());
    for path in &a.paths {
        read_into(&mut collected, path)?;
    }
    let opts = BuildOptions {
        include_undated: a.include_undated,
        include_furniture: a.include_furniture,
        reference: a.reference.into(),
        zone: collected.zone_for_undated(),
        progress: progress.clone(),
        ..BuildOptions::default()
    };
    let merged = collected.into_articles(a.include_undated, grammar)?;
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
    let story = build::finish_moving(articles, &merged.widget_keys, Vec::new(), &opts);
    // only ranking days (--top) reads the articles' words
    let story = match a.top {
        Some(_) => story.with_word_counts(merged.word_counts),
        None => story,
    };
    progress.set_stage(Stage::Writing);
    let top = match (a.top, a.per_date) {
        (None, None) => None,
        (top, per_date) => Some(
            story
                .select(&Selection {
                    top,
                    per_date,
                    ..Selection::default()
                })
                .0,
        ),
    };
    let timeline = top.as_ref().unwrap_or(&story.timeline);
    output::timeline::write_dir(&a.output, timeline, None)?;
    bar.finish();
    warn_all(&timeline.warnings);
    let _ = writeln!(
        io::stderr(),
        "chronicler: {} events from {} articles written to {}",
        timeline.events.len(),
        timeline.documents.len(),
        a.output.display()
    );
    Ok(Outcome::Done)
}
