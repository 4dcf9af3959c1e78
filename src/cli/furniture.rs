//! `chronicler furniture`: which page furniture each document holds, and
//! which rule found it — the evidence behind what `build` and `check` leave
//! out (and what `--include-furniture` keeps).

use super::common::{InputArgs, Outcome, ReportFormat, load_grammar, print, to_json, warn_all};
use chronicler::article::reading::{Dropped, Reading};
use chronicler::article::widgets;
use chronicler::engine::tag::Grammar;
use chronicler::error::Error;
use chronicler::progress::Progress;
use chronicler::story::build;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Lists, for each document, the lines and spans that are page furniture rather than \
the article: update stamps, bylines, the headline and highlights before a dateline, captions, share \
bars, reporting credits, live-page entry stamps, readers' comments and messages, fact boxes, lists \
under headings such as \"Most Read\", sentences many articles carry alone (site widgets), and whole \
pages that are not articles. Each entry names the rule that found it and, for a section, the line \
that opened it. Reads its inputs as build does."
)]
pub struct FurnitureArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Also list documents with no furniture.
    #[arg(long)]
    pub all: bool,
}

/// One document's furniture.
#[derive(Debug, Serialize)]
struct Listing {
    document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_article: Option<String>,
    furniture: Vec<Dropped>,
}

pub fn run(a: FurnitureArgs) -> Result<Outcome, Error> {
    let loaded = load_grammar(a.input.grammar.as_deref())?;
    let grammar = loaded.as_ref().unwrap_or_else(|| Grammar::embedded());
    let opts = a.input.options(grammar, Progress::new())?;
    let loaded = build::load_all(&a.input.paths, &opts)?;
    let summary = loaded.summary();
    let (inputs, warnings, failed) = loaded.into_parts();
    if inputs.is_empty() {
        return Err(Error::NoArticles {
            summary: summary.to_string(),
            problems: warnings,
        });
    }
    let readings: Vec<Reading> = inputs
        .iter()
        .map(|i| Reading::of(&i.document.text, &grammar.abbreviations))
        .collect();
    let texts: Vec<&str> = inputs.iter().map(|i| i.document.text.as_str()).collect();
    let refs: Vec<&Reading> = readings.iter().collect();
    let found = widgets::find(&texts, &refs);
    let mut listings = Vec::new();
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for ((input, reading), ws) in inputs.iter().zip(&readings).zip(found) {
        let text = input.document.text.as_str();
        let mut furniture = reading.dropped(text);
        for w in ws {
            let s = reading.sentences[w.sentence];
            furniture.push(Dropped {
                first_line: s.line,
                last_line: s.line,
                rule: "site widget".into(),
                evidence: Some(w.evidence),
                pieces: 1,
                text: chronicler::article::boilerplate::quote(&text[s.start..s.end]),
            });
        }
        furniture.sort_by_key(|d| (d.first_line, d.last_line));
        for d in &furniture {
            *tally.entry(d.rule.clone()).or_default() += d.pieces;
        }
        let not_article = reading
            .not_article
            .as_ref()
            .map(|p| format!("{}: {}", p.kind, p.evidence));
        if a.all || not_article.is_some() || !furniture.is_empty() {
            listings.push(Listing {
                document: input.document.id.clone(),
                not_article,
                furniture,
            });
        }
    }
    match a.format {
        ReportFormat::Json => print(&to_json(&listings)?)?,
        ReportFormat::Text => print(&text_report(&listings, &tally, inputs.len()))?,
    }
    warn_all(&warnings);
    let _ = writeln_stderr(&summary.to_string());
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Done
    })
}

fn writeln_stderr(s: &str) -> std::io::Result<()> {
    use std::io::Write;
    writeln!(std::io::stderr(), "chronicler: {s}")
}

fn text_report(listings: &[Listing], tally: &BTreeMap<String, usize>, documents: usize) -> String {
    let mut out = String::new();
    for l in listings {
        let _ = writeln!(out, "{}", l.document);
        if let Some(why) = &l.not_article {
            let _ = writeln!(out, "  not an article, set aside: {why}");
        }
        for d in &l.furniture {
            let lines = if d.first_line == d.last_line {
                format!("line {}", d.first_line)
            } else {
                format!("lines {}-{}", d.first_line, d.last_line)
            };
            let _ = write!(out, "  {lines:<13} {}", d.rule);
            match &d.evidence {
                Some(e) if d.pieces > 1 => {
                    let _ = write!(out, " ({} pieces; {e})", d.pieces);
                }
                Some(e) => {
                    let _ = write!(out, " ({e})");
                }
                None => {}
            }
            let _ = writeln!(out, ": \"{}\"", d.text);
        }
    }
    let with = listings
        .iter()
        .filter(|l| !l.furniture.is_empty() || l.not_article.is_some())
        .count();
    let total: usize = tally.values().sum();
    let mut by: Vec<(&String, &usize)> = tally.iter().collect();
    by.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let by: Vec<String> = by.iter().map(|(r, n)| format!("{r} {n}")).collect();
    let _ = writeln!(
        out,
        "furniture in {with} of {documents} documents: {total} pieces ({})",
        by.join(", ")
    );
    out
}
