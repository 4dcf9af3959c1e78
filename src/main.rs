//! `chronicler`: see `chronicler --help`.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// The tagger makes and drops many small values (specs, rule texts, JSON
/// strings) per expression; jemalloc's thread caches serve them faster than
/// glibc's malloc: `tag` 2-3 % fewer CPU seconds for 4-5 MB more resident
/// memory (mimalloc saved about as much but tripled the memory).
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(outcome) => outcome.exit_code(),
        // `chronicler tag … | head`: the reader has all it wanted.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // What made a run read nothing: each file, then the error.
            if let chronicler::error::Error::NoArticles { problems, .. } = &e {
                cli::common::warn_all(problems);
            }
            cli::common::say(&e);
            ExitCode::from(2)
        }
    }
}
