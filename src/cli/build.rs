//! `chronicler build`: one merged, source-cited timeline from many articles.

use super::common::{Outcome, load_grammar, parse_dct};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::output;
use std::io::{self, Write};
use std::path::PathBuf;

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

pub fn run(a: BuildArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let zone =
        a.tz.as_deref()
            .map(|z| {
                z.parse::<chronicler::article::document::Zone>()
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
    let progress = chronicler::progress::Progress::new();
    let bar = super::bar::Bar::start(&progress, "build", a.quiet);
    let opts = chronicler::story::timeline::BuildOptions {
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
        true => Some(chronicler::story::check::check(
            &a.paths,
            &chronicler::story::timeline::BuildOptions {
                top: None,
                ..opts.clone()
            },
            grammar,
        )?),
        false => None,
    };
    let timeline = match &review {
        Some(r) if opts.top.is_none() => r.timeline.clone(),
        _ => chronicler::story::timeline::build(&a.paths, &opts, grammar)?,
    };
    bar.finish();
    {
        let stderr = io::stderr();
        let mut err = stderr.lock();
        for w in &timeline.warnings {
            let _ = writeln!(err, "chronicler: {w}");
        }
    }
    output::timeline::write_dir(&a.output, &timeline)?;
    if let Some(r) = &review {
        output::html::write(&a.output, &timeline, r)?;
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
