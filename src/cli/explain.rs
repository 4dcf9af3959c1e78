//! `chronicler explain`: how one expression is parsed and resolved.

use super::common::{
    Outcome, ReferenceArg, ReportFormat, load_grammar, parse_dct, print, print_text, to_json,
};
use chronicler::engine::explain;
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use std::path::PathBuf;

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
    /// What year-less expressions ("In March", "that spring") count from:
    /// the article date, the text's own last date, or decided per paragraph.
    #[arg(long, value_enum, default_value_t = ReferenceArg::Auto)]
    pub reference: ReferenceArg,
}

pub fn run(a: ExplainArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let dct = parse_dct(a.dct.as_deref(), grammar)?;
    let explanation = explain::explain_with(&a.expr, dct.as_ref(), grammar, a.reference.into());
    match a.format {
        ReportFormat::Text => print_text(&explanation.to_string())?,
        ReportFormat::Json => print(&to_json(&explanation)?)?,
    }
    Ok(Outcome::Done)
}
