//! What the commands share: exit outcomes, loading the grammar, reading
//! `--dct`, printing, and the summary of what was read.

use chronicler::article::document::{Dct, DctSource};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::summary::Summary;
use clap::ValueEnum;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// How a run that did not fail outright went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was processed.
    Done,
    /// Some documents could not be read (and were reported); the rest were processed.
    SomeFailed,
    /// `check` found conflicts.
    Conflicts,
    /// `check` could not read some input (exit status 2, as for usage errors).
    BadInput,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Done => ExitCode::SUCCESS,
            Outcome::SomeFailed | Outcome::Conflicts => ExitCode::from(1),
            Outcome::BadInput => ExitCode::from(2),
        }
    }
}

pub fn load_grammar(dir: Option<&Path>) -> Result<Option<Grammar>, Error> {
    use chronicler::engine::grammar::GrammarError;
    dir.map(|d| {
        Grammar::load_dir(d).map_err(|e| match e {
            // Name the file itself, and the line of the bad row in it.
            GrammarError::Malformed {
                file,
                line,
                message,
            } => Error::Grammar {
                path: d.join(file),
                message: format!("line {line}: {message}"),
            },
            GrammarError::Io { file, source } => Error::io(file, source),
        })
    })
    .transpose()
}

pub fn parse_dct(s: Option<&str>) -> Result<Option<Dct>, Error> {
    s.map(|s| {
        Dct::parse(s, DctSource::Cli).map_err(|message| Error::BadDct {
            origin: "--dct".into(),
            message,
        })
    })
    .transpose()
}

/// Says on standard error what a run read and skipped, unless it read
/// everything cleanly; the outcome it makes for the exit status.
pub fn report_summary(summary: &Summary) -> Outcome {
    if !summary.is_clean() || summary.repaired > 0 {
        let _ = writeln!(io::stderr(), "chronicler: {summary}");
    }
    match summary.is_clean() {
        true => Outcome::Done,
        false => Outcome::SomeFailed,
    }
}

/// The stream names its output `<output>`; say which it was.
pub fn name_output(e: Error, path: &Path) -> Error {
    match e {
        Error::Io { path: p, source } if p.as_os_str() == "<output>" => Error::io(path, source),
        other => other,
    }
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    chronicler::output::atomic::write_atomically(path, bytes)
}

pub fn print(s: &str) -> Result<(), Error> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(s.as_bytes())
        .and_then(|()| {
            if s.ends_with('\n') {
                Ok(())
            } else {
                out.write_all(b"\n")
            }
        })
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("<stdout>", e))
}

pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(value).map_err(|e| Error::io("<stdout>", io::Error::other(e)))
}
