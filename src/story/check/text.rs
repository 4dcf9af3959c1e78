//! The report for people: plain or coloured text for a terminal, Markdown
//! to paste into a ticket.

use super::analysis::{short, squash};
use super::report::{Cite, Finding, Report};
use std::fmt::Write as _;

pub(super) fn colourise(s: &str, code: &str, on: bool) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The sentence with the cited words marked, cut to about `max` characters around them.
pub(super) fn marked_sentence(c: &Cite, open: &str, close: &str, max: usize) -> String {
    let chars: Vec<char> = c.sentence.text.chars().collect();
    // Offsets of the words inside the (squashed) sentence: find them by text.
    let s = &c.sentence.text;
    // A lead has no words to mark: its sentence names no date.
    if c.words.text.is_empty() {
        return short(s, max);
    }
    let Some(at) = s.find(&squash(&c.words.text)) else {
        return short(s, max);
    };
    let a = s[..at].chars().count();
    let b = a + squash(&c.words.text).chars().count();
    let lo = a.saturating_sub(max / 2);
    let hi = (b + max / 2).min(chars.len());
    let mut out = String::new();
    if lo > 0 {
        out.push('…');
    }
    out.extend(&chars[lo..a]);
    out.push_str(open);
    out.extend(&chars[a..b]);
    out.push_str(close);
    out.extend(&chars[b..hi]);
    if hi < chars.len() {
        out.push('…');
    }
    out
}

pub(super) fn cite_head(c: &Cite) -> String {
    let mut s = c.document.clone();
    if let Some(src) = &c.source {
        let _ = write!(s, " ({src})");
    }
    let _ = write!(
        s,
        ", line {}, characters {}–{}",
        c.line, c.words.start, c.words.end
    );
    if let Some(r) = &c.row {
        let _ = write!(s, ", row {r}");
    }
    s
}

impl Report {
    /// The report for a terminal; `colour` adds ANSI colours.
    pub fn to_text(&self, colour: bool) -> String {
        let bold = |s: &str| colourise(s, "1", colour);
        let red = |s: &str| colourise(s, "1;31", colour);
        let green = |s: &str| colourise(s, "32", colour);
        let yellow = |s: &str| colourise(s, "33", colour);
        let dim = |s: &str| colourise(s, "2", colour);
        let (open, close) = if colour {
            ("\x1b[1;4m", "\x1b[0m")
        } else {
            ("[", "]")
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}",
            bold(&format!(
                "Chronology check: {} article{}, {} happening{}",
                self.articles.len(),
                plural(self.articles.len()),
                self.happenings,
                plural(self.happenings)
            ))
        );
        for a in &self.articles {
            let _ = writeln!(
                out,
                "  {}{}  dated {} ({})",
                a.id,
                a.source
                    .as_deref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default(),
                a.dct.as_deref().unwrap_or("—"),
                a.dct_source
            );
        }
        out.push('\n');
        if self.conflicts.is_empty() {
            let _ = writeln!(out, "{}", green("No conflicts found."));
        } else {
            let _ = writeln!(
                out,
                "{}",
                red(&format!(
                    "{} conflict{} found:",
                    self.conflicts.len(),
                    plural(self.conflicts.len())
                ))
            );
        }
        for (k, f) in self.conflicts.iter().enumerate() {
            self.text_finding(&mut out, k, f, &red, colour);
        }
        if !self.notes.is_empty() {
            out.push('\n');
            let _ = writeln!(
                out,
                "{}",
                yellow(&format!(
                    "{} note{}, lower confidence (kinds more often wrong than right when audited on real news; \
                     not counted as findings, exit status unchanged; README, \"Calibrating check\"):",
                    self.notes.len(),
                    plural(self.notes.len())
                ))
            );
        }
        for (k, f) in self.notes.iter().enumerate() {
            self.text_finding(&mut out, k, f, &yellow, colour);
        }
        if !self.consistent.is_empty() {
            out.push('\n');
            let _ = writeln!(out, "{}", green("Checked and consistent:"));
            for f in &self.consistent {
                let _ = writeln!(out, "  - {}", f.title);
                let _ = writeln!(out, "    {}", dim(&f.detail));
                for c in &f.cites {
                    let _ = writeln!(out, "    {}", dim(&cite_head(c)));
                }
            }
        }
        out.push('\n');
        if self.assumptions.is_empty() {
            let _ = writeln!(out, "{}", green("No assumptions: every date is stated."));
        } else {
            let _ = writeln!(
                out,
                "{}",
                yellow(&format!(
                    "{} assumption{}, riskiest first:",
                    self.assumptions.len(),
                    plural(self.assumptions.len())
                ))
            );
        }
        for a in &self.assumptions {
            let _ = writeln!(out, "{:>3}. [{}] {}", a.rank, a.kind.as_str(), a.guess);
            let corr = match (a.corroborated_by.is_empty(), a.corroborated_by_more) {
                (true, _) => "no other article dates it".to_string(),
                (false, 0) => format!("also dated so by {}", a.corroborated_by.join(", ")),
                (false, more) => format!(
                    "also dated so by {} and {more} more",
                    a.corroborated_by.join(", ")
                ),
            };
            let _ = writeln!(
                out,
                "     {}",
                dim(&format!(
                    "risk {:.1}, score {:.2}; {} statement{} in {}; {corr}",
                    a.risk,
                    a.score,
                    a.statements,
                    plural(a.statements),
                    a.rows.join(", ")
                ))
            );
            if let Some(c) = a.cites.first() {
                let _ = writeln!(out, "     {}", dim(&cite_head(c)));
                let _ = writeln!(out, "     “{}”", marked_sentence(c, open, close, 120));
            }
        }
        out
    }

    /// One finding or note of the text report, numbered from 1.
    fn text_finding(
        &self,
        out: &mut String,
        k: usize,
        f: &Finding,
        mark: &dyn Fn(&str) -> String,
        colour: bool,
    ) {
        let bold = |s: &str| colourise(s, "1", colour);
        let dim = |s: &str| colourise(s, "2", colour);
        let (open, close) = if colour {
            ("\x1b[1;4m", "\x1b[0m")
        } else {
            ("[", "]")
        };
        out.push('\n');
        let _ = writeln!(
            out,
            "{} {}",
            mark(&format!("{}. [{}]", k + 1, f.kind.as_str())),
            bold(&f.title)
        );
        let _ = writeln!(out, "   {}", f.detail);
        if !f.calibration.is_empty() {
            let _ = writeln!(out, "   {}", dim(&format!("measured: {}", f.calibration)));
        }
        for c in &f.cites {
            let _ = writeln!(out, "   - {}", dim(&cite_head(c)));
            let resolved = c
                .resolved
                .as_deref()
                .map(|r| format!(" → {r}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "     “{}”{}",
                marked_sentence(c, open, close, 160),
                resolved
            );
        }
    }

    /// The report as Markdown, to paste into a ticket.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "## Chronology check: {} article{}, {} happening{}\n",
            self.articles.len(),
            plural(self.articles.len()),
            self.happenings,
            plural(self.happenings)
        );
        let _ = writeln!(out, "| article | source | dated | date from |");
        let _ = writeln!(out, "| --- | --- | --- | --- |");
        for a in &self.articles {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                a.id,
                md(a.source.as_deref().unwrap_or("")),
                a.dct.as_deref().unwrap_or("—"),
                a.dct_source
            );
        }
        out.push('\n');
        if self.conflicts.is_empty() {
            let _ = writeln!(out, "**No conflicts found.**\n");
        } else {
            let _ = writeln!(
                out,
                "### {} conflict{}\n",
                self.conflicts.len(),
                plural(self.conflicts.len())
            );
        }
        for (k, f) in self.conflicts.iter().enumerate() {
            md_finding(&mut out, k, f);
        }
        if !self.notes.is_empty() {
            let _ = writeln!(
                out,
                "### {} note{}, lower confidence\n\n\
                 Kinds more often wrong than right when audited on real news: places to look, not \
                 counted as findings (README, \"Calibrating check\").\n",
                self.notes.len(),
                plural(self.notes.len())
            );
        }
        for (k, f) in self.notes.iter().enumerate() {
            md_finding(&mut out, k, f);
        }
        if !self.consistent.is_empty() {
            let _ = writeln!(out, "### Checked and consistent\n");
            for f in &self.consistent {
                let _ = writeln!(out, "- {} — {}", md(&f.title), md(&f.detail));
            }
            out.push('\n');
        }
        if self.assumptions.is_empty() {
            let _ = writeln!(out, "**No assumptions**: every date is stated.");
        } else {
            let _ = writeln!(
                out,
                "### {} assumption{} (riskiest first)\n",
                self.assumptions.len(),
                plural(self.assumptions.len())
            );
            let _ = writeln!(
                out,
                "| # | kind | guess | score | statements | rows | where |"
            );
            let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |");
            for a in &self.assumptions {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {:.2} | {} | {} | {} |",
                    a.rank,
                    a.kind.as_str(),
                    md(&a.guess).replace('|', "\\|"),
                    a.score,
                    a.statements,
                    a.rows.join(", "),
                    a.cites
                        .first()
                        .map(|c| format!("`{}`", cite_head(c)))
                        .unwrap_or_default()
                );
            }
        }
        out
    }
}

/// One finding or note of the Markdown report, numbered from 1.
fn md_finding(out: &mut String, k: usize, f: &Finding) {
    let _ = writeln!(
        out,
        "{}. **{}** — {}\n\n   {}\n",
        k + 1,
        f.kind.as_str(),
        md(&f.title),
        md(&f.detail)
    );
    if !f.calibration.is_empty() {
        let _ = writeln!(out, "   *Measured:* {}\n", md(f.calibration));
    }
    for c in &f.cites {
        let _ = writeln!(
            out,
            "   - `{}`: > “{}”{}",
            cite_head(c),
            md_marked(c),
            c.resolved
                .as_deref()
                .map(|r| format!(" → {}", md(r)))
                .unwrap_or_default()
        );
    }
    out.push('\n');
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Escapes Markdown's inline marks.
pub(super) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(super) fn md_marked(c: &Cite) -> String {
    let s = marked_sentence(c, "\u{1}", "\u{2}", 200);
    md(&s).replace(['\u{1}', '\u{2}'], "**")
}
