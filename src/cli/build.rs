//! `chronicler build`: one merged, source-cited timeline from many articles.

use super::common::{
    InputArgs, Outcome, SelectArgs, inside, load_grammar, refuse_input_as_output, say, warn_all,
    written,
};
use chronicler::article::ingest::{self, Exclude};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::output;
use chronicler::output::html;
use chronicler::progress::{Progress, Stage};
use chronicler::story::build::{self, BuildOptions};
use chronicler::story::check;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes timeline.csv, timeline.json, timelinejs.json, timelinejs.csv, vis-timeline.json and timeline.xlsx \
under the output folder, each atomically. Intervals are [start, end): start inclusive, end exclusive, local time.\n\n\
Article dates come from, in order: the manifest (--manifest, or manifest.csv at the top of an input folder), \
the document (JSONL dct, TimeML DCT, a leading 'Date:' line), a parent folder named YYYY-MM-DD \
(unless --no-folder-dates), --dct, else they are inferred from the text and marked inferred."
)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Also list statements whose time could not be placed on the calendar.
    #[arg(long)]
    pub include_undated: bool,
    /// Also write timeline.html: a self-contained review page with the findings of `check` (implies --check).
    #[arg(long)]
    pub html: bool,
    /// Also run `check`: its conflicts and assumptions fill their sheets of timeline.xlsx.
    #[arg(long)]
    pub check: bool,
}

pub fn run(a: BuildArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.input.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let selection = a.select.selection()?;
    let exclude = apart_from_inputs(&a)?;
    let progress = Progress::new();
    let opts = BuildOptions {
        include_undated: a.include_undated,
        exclude,
        ..a.input.options(grammar, progress.clone())?
    };
    let bar = super::bar::Bar::start(&progress, "build", a.input.quiet);
    // One analysis: the timeline, its --top selection and the review page's
    // findings are all read from it.
    let story = build::read(&a.input.paths, &opts, grammar)?;
    // A run that read nothing leaves earlier outputs as they were.
    if story.timeline.documents.is_empty() {
        bar.finish();
        warn_all(&story.timeline.warnings);
        say(format_args!(
            "no document read: nothing written, {} left as it was",
            a.output.display()
        ));
        say(&story.timeline.summary);
        return Ok(if story.timeline.failed > 0 {
            Outcome::SomeFailed
        } else {
            Outcome::Done
        });
    }
    progress.set_stage(Stage::Checking);
    let review = (a.html || a.check).then(|| check::check_story(&story));
    progress.set_stage(Stage::Writing);
    let (top, top_review) = match &selection {
        None => (None, None),
        Some(selection) => {
            let (timeline, ids) = story.select(selection);
            (Some(timeline), review.as_ref().map(|r| r.renumbered(&ids)))
        }
    };
    let timeline = top.as_ref().unwrap_or(&story.timeline);
    output::timeline::write_dir(&a.output, timeline, top_review.as_ref().or(review.as_ref()))?;
    // The page holds every row and opens on the --top selection (or the
    // default number of top days, for a big story).
    match review.as_ref().filter(|_| a.html) {
        Some(r) => {
            let opening = html::opening(&story, a.select.top, a.select.per_date);
            // the rows of a lead alone the page opens on are on it
            let page = match &opening {
                Some(o) => story.timeline_with_leads(&o.rows),
                None => std::borrow::Cow::Borrowed(&story.timeline),
            };
            html::write(&a.output, &page, r, opening.as_ref())?;
        }
        // The page of an earlier run would describe other files: the
        // folder holds one run's outputs.
        None => {
            let page = a.output.join(output::html::FILE);
            if page.is_file() {
                std::fs::remove_file(&page).map_err(|e| Error::io(&page, e))?;
                say(format_args!(
                    "{}: removed, an earlier run's page (written only with --html)",
                    page.display()
                ));
            }
        }
    }
    bar.finish();
    warn_all(&timeline.warnings);
    let inferred = timeline
        .documents
        .iter()
        .filter(|d| d.dct_source == "inferred")
        .count();
    let mut summary = written(timeline.events.len(), timeline.documents.len(), &a.output);
    if inferred > 0 {
        summary.push_str(&format!(
            " ({inferred} article date{} inferred; see timeline.json)",
            if inferred == 1 { "" } else { "s" }
        ));
    }
    say(summary);
    say(&timeline.summary);
    Ok(if timeline.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Done
    })
}

/// Refuses an output file that is an input (an article given by name, the
/// manifest); an output folder inside an input folder is not read.
fn apart_from_inputs(a: &BuildArgs) -> Result<Exclude, Error> {
    let mut inputs: Vec<&Path> = a
        .input
        .paths
        .iter()
        .filter(|p| p.as_os_str() != ingest::STDIN)
        .map(PathBuf::as_path)
        .collect();
    inputs.extend(a.input.manifest.as_deref());
    for name in output::timeline::FILES.iter().chain([&output::html::FILE]) {
        refuse_input_as_output(&a.output.join(name), &inputs)?;
    }
    let mut exclude = Exclude::default();
    if a.input.paths.iter().any(|p| inside(&a.output, p)) {
        exclude.add(&a.output);
    }
    Ok(exclude)
}
