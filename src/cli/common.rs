//! What the commands share: exit outcomes, loading the grammar, reading
//! `--dct`, printing, and the summary of what was read.

use chronicler::article::document::{Dct, DctSource, Zone};
use chronicler::engine::explicit_date;
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::progress::Progress;
use chronicler::story::build::BuildOptions;
use chronicler::story::terms::Subject;
use chronicler::summary::Summary;
use clap::ValueEnum;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
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
    /// `check` found something to verify.
    Findings,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Done => ExitCode::SUCCESS,
            Outcome::SomeFailed | Outcome::Findings => ExitCode::from(1),
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

/// Reads `--dct`: an ISO date (`2016-07-15`, `2016-07-15T09:30+03:00`,
/// `2016-07-15 Europe/Moscow`) or a date the tagger reads ("15 July 2016",
/// "July 15, 2016 9:30 a.m."), optionally followed by a zone name.
pub fn parse_dct(s: Option<&str>, grammar: &Grammar) -> Result<Option<Dct>, Error> {
    let Some(s) = s else {
        return Ok(None);
    };
    let iso = Dct::parse(s, DctSource::Cli);
    let Err(message) = iso else {
        return Ok(iso.ok());
    };
    let in_words = |text: &str, zone: Option<Zone>| {
        explicit_date(text, grammar).map(|(date, time)| Dct {
            date,
            time,
            zone,
            source: DctSource::Cli,
        })
    };
    let zoned = s
        .trim()
        .rsplit_once(char::is_whitespace)
        .and_then(|(text, z)| {
            let zone = z.parse::<Zone>().ok()?;
            in_words(text, Some(zone))
        });
    match in_words(s, None).or(zoned) {
        Some(dct) => Ok(Some(dct)),
        None => Err(Error::BadDct {
            origin: "--dct".into(),
            message,
        }),
    }
}

/// Reads `--tz`.
pub fn parse_zone(s: Option<&str>) -> Result<Option<Zone>, Error> {
    s.map(|z| {
        z.parse::<Zone>().map_err(|message| Error::BadDct {
            origin: "--tz".into(),
            message,
        })
    })
    .transpose()
}

/// The inputs of `build` and `check`, read the same way by both.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Files, folders (searched for .txt, .md, .tml, .jsonl; README files skipped), or - for JSON lines on stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// CSV with columns file,published[,source,title,url,timezone].
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Article date for documents nothing else dates, e.g. 2016-07-15 or "15 July 2016".
    #[arg(long, value_name = "DATE")]
    pub dct: Option<String>,
    /// Time zone for articles whose zone is not known otherwise (IANA name or offset).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
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
    /// Keep only the articles that mention WORDS (every word, in any form) and their statements that do.
    #[arg(long, value_name = "WORDS")]
    pub about: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar (it shows only when standard error is a terminal).
    #[arg(short, long)]
    pub quiet: bool,
}

impl InputArgs {
    /// The build options these arguments ask for (the thread pool is set up
    /// here too: the first and only global pool of the process).
    pub fn options(&self, grammar: &Grammar, progress: Progress) -> Result<BuildOptions, Error> {
        let dct = parse_dct(self.dct.as_deref(), grammar)?;
        let zone = parse_zone(self.tz.as_deref())?;
        let about = match self.about.as_deref() {
            None => None,
            Some(words) => Some(Subject::new(words).ok_or_else(|| {
                Error::Usage(format!(
                    "--about: expected words naming a subject (a person, a place), found {words:?}"
                ))
            })?),
        };
        if let Some(n) = self.threads {
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global();
        }
        Ok(BuildOptions {
            progress,
            manifest: self.manifest.clone(),
            dct,
            zone,
            about,
            dates_from_folders: !self.no_folder_dates,
            strict: self.strict,
            lossy: self.lossy,
            ..BuildOptions::default()
        })
    }
}

/// Says the build's warnings (unreadable files, manifest rows set aside) on
/// standard error.
pub fn warn_all(warnings: &[String]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for w in warnings {
        let _ = writeln!(err, "chronicler: {w}");
    }
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
