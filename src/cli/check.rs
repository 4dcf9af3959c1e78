//! `chronicler check`: arguments and printing (the checks are in
//! `chronicler::check`).

use super::common::Outcome;
use chronicler::article::document::{Dct, DctSource, Zone};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::story::check;
use chronicler::story::timeline::BuildOptions;
use clap::ValueEnum;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Reports cross-source conflicts (one happening dated differently by different articles), \
weekdays that do not match their date, impossible dates, dates on the wrong side of the article date for \
the tense, order and arithmetic that contradict the dates, and the assumptions the dates rest on, ranked by \
how much rides on them. Every finding cites document, line, character offsets and the words.\n\n\
Exit status: 0 when no conflict is found, 1 when conflicts are found, 2 on usage or input errors \
(including a document that cannot be read). Assumptions alone do not change it.\n\n\
Text output is coloured only when standard output is a terminal and NO_COLOR is not set."
)]
pub struct CheckArgs {
    /// Files, folders (searched for .txt, .md, .tml, .jsonl; README files skipped), or - for JSON lines on stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// CSV with columns file,published[,source,title,url,timezone].
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Output format: text for a terminal, json for tools, md to paste into a ticket.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Article date for documents nothing else dates, e.g. 2016-07-15.
    #[arg(long, value_name = "DATE")]
    pub dct: Option<String>,
    /// Time zone for articles whose zone is not known otherwise (IANA name or offset).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Do not take article dates from parent folders named YYYY-MM-DD.
    #[arg(long)]
    pub no_folder_dates: bool,
    /// Directory with an edited copy of the grammar's word lists.
    #[arg(long, value_name = "DIR")]
    pub grammar: Option<PathBuf>,
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
    let loaded = match &a.grammar {
        Some(d) => Some(Grammar::load_dir(d).map_err(|e| Error::Grammar {
            path: d.clone(),
            message: e.to_string(),
        })?),
        None => None,
    };
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let zone =
        a.tz.as_deref()
            .map(|z| {
                z.parse::<Zone>().map_err(|message| Error::BadDct {
                    origin: "--tz".into(),
                    message,
                })
            })
            .transpose()?;
    let dct = a
        .dct
        .as_deref()
        .map(|s| {
            Dct::parse(s, DctSource::Cli).map_err(|message| Error::BadDct {
                origin: "--dct".into(),
                message,
            })
        })
        .transpose()?;
    let opts = BuildOptions {
        manifest: a.manifest.clone(),
        dct,
        zone,
        dates_from_folders: !a.no_folder_dates,
        ..BuildOptions::default()
    };
    let report = check::check(&a.paths, &opts, grammar)?;
    {
        let stderr = io::stderr();
        let mut err = stderr.lock();
        for w in &report.warnings {
            let _ = writeln!(err, "chronicler: {w}");
        }
    }
    let body = match a.format {
        CheckFormat::Text => report.to_text(colour()),
        CheckFormat::Json => serde_json::to_string_pretty(&report)
            .map_err(|e| Error::io("<stdout>", io::Error::other(e)))?,
        CheckFormat::Md => report.to_markdown(),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(body.as_bytes())
        .and_then(|()| {
            if body.ends_with('\n') {
                Ok(())
            } else {
                out.write_all(b"\n")
            }
        })
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(if report.failed > 0 {
        Outcome::BadInput
    } else if report.is_clean() {
        Outcome::Done
    } else {
        Outcome::Conflicts
    })
}
