//! What the commands share: exit outcomes, loading the grammar, reading
//! `--dct`, printing, and the summary of what was read.

use chronicler::article::document::{Dct, DctSource, Zone};
use chronicler::article::ingest::FileId;
use chronicler::engine::explicit_date;

use chronicler::engine::narrative::{Reference, ReferenceMode};
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::progress::Progress;
use chronicler::story::build::BuildOptions;
use chronicler::story::select::Selection;
use chronicler::story::terms::Subject;
use chronicler::summary::Summary;
use clap::ValueEnum;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `--reference`: what year-less expressions ("In March", "on 8
/// September", "that spring") count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ReferenceArg {
    /// The article date, as news reports are read.
    Dct,
    /// The last date the text gave, as histories are read.
    Narrative,
    /// Decided per document and paragraph from the text.
    #[default]
    Auto,
}

impl From<ReferenceArg> for Reference {
    fn from(r: ReferenceArg) -> Reference {
        Reference::new(match r {
            ReferenceArg::Dct => ReferenceMode::Dct,
            ReferenceArg::Narrative => ReferenceMode::Narrative,
            ReferenceArg::Auto => ReferenceMode::Auto,
        })
    }
}

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

/// The most threads `--threads` may ask for: far above any machine's cores,
/// far below what makes starting them fail (100,000 aborted the process).
pub const MAX_THREADS: usize = 1024;

/// Reads `--threads N`: 0 (one per core) to [`MAX_THREADS`].
pub fn threads(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n <= MAX_THREADS => Ok(n),
        _ => Err(format!(
            "expected a number of threads from 0 to {MAX_THREADS} (0: one per core), found {s:?}"
        )),
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

/// `--top` and `--per-date`, taken alike by `build` and `merge`.
#[derive(Debug, clap::Args)]
pub struct SelectArgs {
    /// Keep only the N days the whole collection's evidence best supports, each with its best happening.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Keep at most K happenings per day (default with --top: 1).
    #[arg(long, value_name = "K")]
    pub per_date: Option<usize>,
}

impl SelectArgs {
    /// The rows to keep (`None`: every row); a 0 is a usage error.
    pub fn selection(&self) -> Result<Option<Selection>, Error> {
        if self.top == Some(0) {
            return Err(Error::Usage(
                "--top: expected a number of days of at least 1, found 0".into(),
            ));
        }
        if self.per_date == Some(0) {
            return Err(Error::Usage(
                "--per-date: expected a number of happenings of at least 1, found 0".into(),
            ));
        }
        Ok(
            (self.top.is_some() || self.per_date.is_some()).then(|| Selection {
                top: self.top,
                per_date: self.per_date,
                ..Selection::default()
            }),
        )
    }
}

/// The inputs of `build` and `check`, read the same way by both.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Files, folders (searched for .txt, .md, .tml, .jsonl, .html, .htm, .warc, .warc.gz; README files skipped), or - for JSON lines on stdin.
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
    /// Keep page furniture (stamps, comments, captions glued to text, pages that are not articles) as statements, each citation naming the rule that found it, for auditing.
    #[arg(long)]
    pub include_furniture: bool,
    /// Worker threads, 0 to 1024 (default and 0: one per core).
    #[arg(long, value_name = "N", value_parser = threads)]
    pub threads: Option<usize>,
    /// No progress bar (it shows only when standard error is a terminal).
    #[arg(short, long)]
    pub quiet: bool,
    /// What year-less expressions ("In March", "that spring") count from:
    /// the article date, the text's own last date, or decided per paragraph.
    #[arg(long, value_enum, default_value_t = ReferenceArg::Auto)]
    pub reference: ReferenceArg,
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
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global()
                .map_err(|e| {
                    Error::Usage(format!(
                        "--threads: expected to start {n} threads, found {e}"
                    ))
                })?;
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
            reference: self.reference.into(),
            include_furniture: self.include_furniture,
            ..BuildOptions::default()
        })
    }
}

/// Says the build's warnings (unreadable files, manifest rows set aside) on
/// standard error.
/// "21 events from 5 articles written to output" (one event, one article).
pub fn written(events: usize, articles: usize, to: &std::path::Path) -> String {
    use chronicler::summary::plural;
    format!(
        "{} from {} written to {}",
        plural(events, "event", "events"),
        plural(articles, "article", "articles"),
        to.display()
    )
}

pub fn warn_all(warnings: &[String]) {
    for w in warnings {
        say(w);
    }
}

/// Says on standard error what a run read and skipped, unless it read
/// everything cleanly; the outcome it makes for the exit status.
pub fn report_summary(summary: &Summary) -> Outcome {
    if !summary.is_clean() || summary.has_notes() || !summary.ignored.is_empty() {
        say(summary);
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

/// Refuses to write `output` when it is the same file as one of `inputs`
/// (another spelling of the path or a link included): the run would
/// replace what it reads.
pub fn refuse_input_as_output(output: &Path, inputs: &[&Path]) -> Result<(), Error> {
    let Some(out) = FileId::of(output) else {
        return Ok(());
    };
    match inputs.iter().find(|i| FileId::of(i).as_ref() == Some(&out)) {
        Some(input) => Err(Error::Usage(format!(
            "{}: expected an output path that is not an input, found the input {}",
            output.display(),
            input.display()
        ))),
        None => Ok(()),
    }
}

/// True when `path` lies inside the folder `dir` (not `dir` itself).
pub fn inside(path: &Path, dir: &Path) -> bool {
    match (std::fs::canonicalize(path), std::fs::canonicalize(dir)) {
        (Ok(p), Ok(d)) => p != d && p.starts_with(&d),
        // A path not made yet: judge by its folder.
        (Err(_), Ok(d)) => path
            .parent()
            .and_then(|parent| std::fs::canonicalize(parent).ok())
            .is_some_and(|parent| parent.starts_with(&d)),
        _ => false,
    }
}

/// The file standard output is sent to, when it is a regular file
/// (`chronicler tag DIR > DIR/out.jsonl`).
pub fn stdout_file() -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = io::stdout().as_fd().try_clone_to_owned().ok()?;
        let file = std::fs::File::from(fd);
        let regular = file.metadata().ok()?.is_file();
        regular.then(|| FileId::of_file(&file)).flatten()
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// What [`printable`] leaves as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// One line: a line feed in it is escaped too.
    Line,
    /// Lines of text: line feeds and tabs stay.
    Lines,
    /// Lines, and the few colour codes `check`'s own text report uses.
    LinesAndColour,
}

/// The colour codes the text report of `check` writes: bold, dim,
/// underline, red, green, yellow and reset. With [`Keep::LinesAndColour`]
/// these pass; any other escape sequence (cursor moves, clearing, titles,
/// hyperlinks, hidden text) is escaped.
const REPORT_COLOURS: [&str; 7] = [
    "\x1b[0m",
    "\x1b[1m",
    "\x1b[2m",
    "\x1b[1;4m",
    "\x1b[1;31m",
    "\x1b[32m",
    "\x1b[33m",
];

/// A character a terminal acts on instead of showing: C0 controls (ESC,
/// BEL, CR …), DEL, C1 controls (U+009B is a whole CSI), and the
/// bidirectional controls that reorder what is shown.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Text from an article, a manifest, a JSON line or a file name made safe
/// for a terminal: every character a terminal would act on is written as
/// `\u{1b}`, so an article cannot clear the screen, move the cursor, set
/// the window title, overwrite a line with a carriage return or reverse
/// the text around it. Every message and text report the command line
/// prints goes through here (JSON is escaped by serde instead).
pub fn printable(s: &str, keep: Keep) -> Cow<'_, str> {
    let escape = |c: char| match c {
        '\t' => false,
        '\n' => keep == Keep::Line,
        c => acts_on_terminal(c),
    };
    if !s.chars().any(escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b'
            && keep == Keep::LinesAndColour
            && let Some(code) = REPORT_COLOURS.iter().find(|code| rest.starts_with(*code))
        {
            out.push_str(code);
            rest = &rest[code.len()..];
            continue;
        }
        if escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// Says `message` on standard error as one line, `chronicler: …`, made
/// printable: the one way the command line reports errors and notes.
pub fn say(message: impl std::fmt::Display) {
    let line = format!("chronicler: {message}");
    let _ = writeln!(io::stderr(), "{}", printable(&line, Keep::Line));
}

/// Prints a text report on standard output, made printable.
pub fn print_text(s: &str) -> Result<(), Error> {
    print(&printable(s, Keep::Lines))
}

/// Prints `s` on standard output as it is: JSON, whose strings serde has
/// escaped, or text already made printable.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_what_a_terminal_acts_on() {
        let s = "a\x1b[2Jb\u{9b}31mc\rd\u{7}e\u{202e}f\tg\nh";
        assert_eq!(
            printable(s, Keep::Lines),
            "a\\u{1b}[2Jb\\u{9b}31mc\\u{d}d\\u{7}e\\u{202e}f\tg\nh"
        );
        assert_eq!(printable("x\ny", Keep::Line), "x\\u{a}y");
        assert!(matches!(
            printable("plain, é", Keep::Line),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn only_the_reports_own_colours_pass() {
        let s = "\x1b[1;31m1. [tense]\x1b[0m \x1b[8mhidden\x1b[0m \x1b]8;;http://x\x07";
        assert_eq!(
            printable(s, Keep::LinesAndColour),
            "\x1b[1;31m1. [tense]\x1b[0m \\u{1b}[8mhidden\x1b[0m \\u{1b}]8;;http://x\\u{7}"
        );
        assert_eq!(printable("\x1b[1m", Keep::Lines), "\\u{1b}[1m");
    }
}
