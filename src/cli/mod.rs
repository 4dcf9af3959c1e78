//! The `chronicler` command line, thin over the library: each command's
//! arguments are checked into the library's options, the library does the
//! work, and this layer prints and turns the result into an exit status.
//! One file per command; [`common`] holds what they share. Only this folder
//! and `main.rs` print.

pub mod bar;
pub mod build;
pub mod check;
pub mod common;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod furniture;
pub mod merge;
pub mod tag;

use chronicler::error::Error;
use clap::{Parser, Subcommand};
use common::Outcome;

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
    Tag(tag::TagArgs),
    /// Show how one expression is parsed and resolved.
    Explain(explain::ExplainArgs),
    /// Score the tagger against gold TimeML (TempEval-3 Task A).
    Eval(eval::EvalArgs),
    /// Build one merged, source-cited timeline from many articles.
    Build(build::BuildArgs),
    /// The per-article half of build: each article's dated statements, as JSON lines (the map step).
    Extract(extract::ExtractArgs),
    /// The story-wide half of build: extract's statements in, the timeline out (the reduce step).
    Merge(merge::MergeArgs),
    /// Check a chronology: conflicts between articles, impossible or mismatched dates, assumptions.
    Check(check::CheckArgs),
    /// Score `build --top N` against newsroom timelines (Timeline17, the published set-up: date F1 and ROUGE).
    TimelineEval(eval::TimelineEvalArgs),
    /// List the page furniture in documents and the rule that found each piece.
    Furniture(furniture::FurnitureArgs),
}

pub fn run(args: Args) -> Result<Outcome, Error> {
    match args.command {
        Command::Tag(a) => tag::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Build(a) => build::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Merge(a) => merge::run(a),
        Command::Check(a) => check::run(a),
        Command::TimelineEval(a) => eval::run_timeline(a),
        Command::Furniture(a) => furniture::run(a),
    }
}
