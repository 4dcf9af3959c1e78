//! `chronicler check`: arguments and printing (the checks are in
//! `chronicler::check`).

use super::common::{
    InputArgs, Keep, Outcome, load_grammar, print, print_text, printable, to_json, warn_all,
};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::progress::{Progress, Stage};
use chronicler::story::{build, check};
use clap::ValueEnum;
use std::io::{self, IsTerminal};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Reports cross-source conflicts (one happening dated differently by different articles), \
likely wrong article dates, weekdays that do not match their date, impossible dates, years Chronicler supplied \
against the tense, and lengths that contradict the start and end their sentence gives; then, apart, lower-confidence \
notes (dates on the wrong side of the article date for the tense, order, ages, lengths since a date: kinds more \
often wrong than right when audited on real news); then the assumptions the dates rest on, riskiest first. Every \
finding and note cites document, line, character offsets and the words, and says how often its kind was right \
when audited (README, \"Calibrating check\").\n\n\
Exit status, as for build: 0 when no finding is made and every document was read; 1 when findings are made \
or a document could not be read (and was reported); 2 when the check could not run (usage errors, a missing \
input, an unusable manifest, or any problem with --strict). Notes and assumptions alone do not change it.\n\n\
Text output is coloured only when standard output is a terminal and NO_COLOR is not set."
)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: text for a terminal, json for tools, md to paste into a ticket.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Md,
}

/// True when text output may be coloured: a terminal, and no `NO_COLOR`.
fn colour() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn run(a: CheckArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.input.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let progress = Progress::new();
    let opts = a.input.options(grammar, progress.clone())?;
    let bar = super::bar::Bar::start(&progress, "check", a.input.quiet);
    let story = build::read(&a.input.paths, &opts, grammar)?;
    progress.set_stage(Stage::Checking);
    let report = check::check_story(&story);
    bar.finish();
    warn_all(&report.warnings);
    // Article text is in the report: escaped for the terminal (JSON by serde).
    match a.format {
        CheckFormat::Text => {
            let colour = colour();
            let keep = if colour {
                Keep::LinesAndColour
            } else {
                Keep::Lines
            };
            print(&printable(&report.to_text(colour), keep))?;
        }
        CheckFormat::Json => print(&to_json(&report)?)?,
        CheckFormat::Md => print_text(&report.to_markdown())?,
    }
    // The same input problems give the same status as `build` (1 when a
    // document was skipped); findings to verify give 1 too.
    Ok(if report.failed > 0 {
        Outcome::SomeFailed
    } else if report.is_clean() {
        Outcome::Done
    } else {
        Outcome::Findings
    })
}
