//! `chronicler extract`: the per-article half of `build` (the map step).

use super::common::{InputArgs, Outcome, load_grammar, warn_all};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::output::atomic::AtomicFile;
use chronicler::progress::{Progress, Stage};
use chronicler::story::build::{self, BuildOptions};
use chronicler::story::statements;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes JSON lines: per article, an article record (\"key\":\"\") and one record per dated statement \
(\"key\": its day YYYY-MM-DD, or START/END for a coarser stretch), with its sentence, offsets, expressions and terms. \
`chronicler merge` reads them back, in any order, and writes what `build` writes. Sorting the lines (LC_ALL=C sort) \
groups them by day, article records first. Articles are numbered in input order from --first.\n\n\
A map step: a document that cannot be read is reported on standard error and left out, and the exit status is \
0 unless the process itself failed (or --strict stopped it)."
)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Number articles from N (give each shard of an archive its own range, in input order).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub first: u64,
    /// Also extract statements whose time could not be placed on the calendar (for merge --include-undated).
    #[arg(long)]
    pub include_undated: bool,
}

/// Articles extracted at a time: memory holds one batch's analyses.
const BATCH: usize = 256;

pub fn run(a: ExtractArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.input.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    if a.input.about.is_some() {
        return Err(Error::Usage(
            "--about: expected with build only (it counts the articles of the whole story); \
             extract every article and build the subject's story with build --about"
                .into(),
        ));
    }
    let progress = Progress::new();
    let opts = BuildOptions {
        include_undated: a.include_undated,
        ..a.input.options(grammar, progress.clone())?
    };
    let bar = super::bar::Bar::start(&progress, "extract", a.input.quiet);
    let loaded = build::load_all(&a.input.paths, &opts)?;
    let (mut inputs, warnings, _failed) = loaded.into_parts();
    warn_all(&warnings);
    progress.set_total(inputs.len() as u64);
    progress.set_stage(Stage::Tagging);
    let nothing = inputs.is_empty();
    let target = a
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdout>"));
    let mut extract = |out: &mut dyn Write| -> Result<(usize, usize), Error> {
        let io_error = |e| Error::io(&target, e);
        let mut number = a.first;
        let (mut articles, mut written) = (0usize, 0usize);
        inputs.reverse();
        while !inputs.is_empty() {
            let batch: Vec<build::Input> = (0..BATCH).map_while(|_| inputs.pop()).collect();
            let work = build::read_articles(batch, &opts, grammar);
            for article in &work {
                let (record, statements) =
                    statements::records(number, article, a.include_undated, opts.zone);
                number += 1;
                articles += 1;
                written += statements.len();
                statements::write_line(out, &record).map_err(io_error)?;
                for s in &statements {
                    statements::write_line(out, s).map_err(io_error)?;
                }
            }
        }
        out.flush().map_err(io_error)?;
        Ok((articles, written))
    };
    let (articles, written) = match &a.output {
        // a run that reads nothing writes nothing
        _ if nothing => (0, 0),
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            let counts = extract(&mut file)?;
            file.commit()?;
            counts
        }
        None => extract(&mut BufWriter::new(io::stdout().lock()))?,
    };
    bar.finish();
    let _ = writeln!(
        io::stderr(),
        "chronicler: {written} statements from {articles} articles extracted"
    );
    Ok(Outcome::Done)
}
