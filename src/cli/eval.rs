//! `chronicler eval` (TempEval-3 Task A) and `chronicler timeline-eval`
//! (Timeline17 date F1).

use super::common::{
    Outcome, ReferenceArg, ReportFormat, load_grammar, print, print_text, report_summary, say,
    to_json,
};
use chronicler::article::ingest;
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::eval::tempeval as eval;
use chronicler::summary::Summary;
use std::fs;
use std::path::PathBuf;

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
    /// What year-less expressions ("In March", "that spring") count from:
    /// the article date, the text's own last date, or decided per paragraph.
    #[arg(long, value_enum, default_value_t = ReferenceArg::Auto)]
    pub reference: ReferenceArg,
}

pub fn run(a: EvalArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    // A missing folder is a failure of the whole run, not of one document.
    fs::metadata(&a.dir).map_err(|e| Error::io(&a.dir, e))?;
    let mut summary = Summary::default();
    let mut gold = Vec::new();
    let read = ingest::ReadOptions { lossy: a.lossy };
    for item in eval::load_gold_lenient(&a.dir, read) {
        match item {
            Ok((doc, notes)) => {
                for note in notes {
                    say(&note);
                    summary.note(&note);
                }
                summary.document();
                gold.push(doc);
            }
            Err(e) if a.strict => return Err(e),
            Err(e) => {
                say(&e);
                summary.skip(&e);
            }
        }
    }
    let report = eval::evaluate_with(&gold, grammar, a.errors, a.reference.into());
    let outcome = report_summary(&summary);
    match a.format {
        ReportFormat::Text => print_text(&report.to_string())?,
        ReportFormat::Json => print(&to_json(&report)?)?,
    }
    Ok(outcome)
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
    /// Also fit the ranking weights: on all topics (in-sample) and leaving each topic out.
    #[arg(long)]
    pub loo: bool,
}

pub fn run_timeline(a: TimelineEvalArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let report = chronicler::eval::timeline::evaluate(&a.dir, grammar, a.loo)?;
    match a.format {
        ReportFormat::Text => print_text(&report.to_string())?,
        ReportFormat::Json => print(&to_json(&report)?)?,
    }
    Ok(Outcome::Done)
}
