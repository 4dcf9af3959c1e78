//! `chronicler explain`: why an expression resolved the way it did.

use crate::article::document::Dct;
use crate::engine::narrative::Reference;
use crate::engine::tag::Grammar;
use crate::engine::timex::Mention;
use serde::Serialize;
use std::fmt;

/// The parse and resolution of one expression, for a person asking "why this date?".
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub input: String,
    pub dct: Option<Dct>,
    pub mentions: Vec<Mention>,
    /// The runs of words of the input that no expression took ("in the
    /// arvo" of "5 o'clock in the arvo"): said, not dropped silently.
    pub unused: Vec<String>,
}

/// Tags `input` as a text of its own and keeps every step of each mention.
pub fn explain(input: &str, dct: Option<&Dct>, grammar: &Grammar) -> Explanation {
    explain_with(input, dct, grammar, Reference::default())
}

/// [`explain`] with year-less expressions counted from `reference`.
pub fn explain_with(
    input: &str,
    dct: Option<&Dct>,
    grammar: &Grammar,
    reference: Reference,
) -> Explanation {
    let mentions = crate::engine::annotate_with(input, dct, grammar, reference);
    let mut unused = Vec::new();
    let mut from = 0;
    let gaps = mentions
        .iter()
        .map(|m| (m.byte_start, m.byte_end))
        .chain([(input.len(), input.len())]);
    for (start, end) in gaps {
        let gap = input[from..start.max(from)]
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        if !gap.is_empty() {
            unused.push(gap.to_string());
        }
        from = from.max(end);
    }
    Explanation {
        input: input.to_string(),
        dct: dct.cloned(),
        mentions,
        unused,
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "input:        {}", self.input)?;
        match &self.dct {
            Some(d) => {
                write!(f, "article date: {} ({})", d.date, d.date.format("%A"))?;
                if let Some(t) = d.time {
                    write!(f, " {t}")?;
                }
                if let Some(z) = &d.zone {
                    write!(f, " {z}")?;
                }
                writeln!(f)?;
            }
            None => writeln!(
                f,
                "article date: none given (relative expressions stay unresolved)"
            )?,
        }
        if self.mentions.is_empty() {
            return writeln!(f, "no temporal expression found");
        }
        let unused = || -> String {
            self.unused
                .iter()
                .map(|u| format!("\"{u}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for m in &self.mentions {
            writeln!(f)?;
            writeln!(
                f,
                "expression:   \"{}\" (characters {}..{})",
                m.text, m.start, m.end
            )?;
            writeln!(f, "parse:        {}", m.parse)?;
            writeln!(f, "rule:         {}", m.rule)?;
            write!(f, "value:        {} {}", m.timex.kind, m.timex.value)?;
            if let Some(md) = m.timex.modifier {
                write!(f, " mod={md}")?;
            }
            if let Some(q) = &m.timex.quant {
                write!(f, " quant={q}")?;
            }
            if let Some(q) = &m.timex.freq {
                write!(f, " freq={q}")?;
            }
            writeln!(f)?;
            writeln!(f, "granularity:  {}", m.timex.granularity)?;
            if let Some(i) = &m.timex.interval {
                write!(
                    f,
                    "interval:     [{}, {}) local time",
                    i.start.format("%Y-%m-%d %H:%M"),
                    i.end.format("%Y-%m-%d %H:%M")
                )?;
                if let Some(z) = &m.timex.zone {
                    write!(f, ", zone {z}")?;
                }
                writeln!(f)?;
            }
            if m.assumptions.is_empty() {
                writeln!(f, "assumptions:  none")?;
            } else {
                for (k, a) in m.assumptions.iter().enumerate() {
                    let label = if k == 0 {
                        "assumptions: "
                    } else {
                        "             "
                    };
                    writeln!(f, "{label} {a}")?;
                }
            }
        }
        if !self.unused.is_empty() {
            writeln!(f)?;
            writeln!(f, "not used:     {}", unused())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::document::DctSource;

    #[test]
    fn explains_the_rule_and_interval() {
        let dct = Dct::parse("2016-07-15", DctSource::Cli).unwrap();
        let e = explain("the early hours of Friday", Some(&dct), Grammar::embedded());
        let text = e.to_string();
        assert!(text.contains("2016-07-15TMO"), "{text}");
        assert!(
            text.contains("interval:     [2016-07-15 00:00, 2016-07-15 05:00)"),
            "{text}"
        );
        assert!(
            text.contains("rule:         weekday equal to the article date's"),
            "{text}"
        );
    }

    #[test]
    fn says_which_words_it_could_not_use() {
        let dct = Dct::parse("2016-07-15", DctSource::Cli).unwrap();
        let e = explain("5 o'clock in the arvo", Some(&dct), Grammar::embedded());
        assert_eq!(e.mentions[0].text, "5 o'clock");
        assert_eq!(e.unused, vec!["in the arvo"]);
        assert!(
            e.to_string().contains("not used:     \"in the arvo\""),
            "{e}"
        );
        let e = explain(
            "around 5 o'clock in the afternoon",
            Some(&dct),
            Grammar::embedded(),
        );
        assert!(e.unused.is_empty(), "{:?}", e.unused);
        assert_eq!(e.mentions.len(), 1);
        assert_eq!(e.mentions[0].timex.value, "2016-07-15T17:00");
    }

    #[test]
    fn says_when_a_guess_was_made() {
        let dct = Dct::parse("2016-07-15", DctSource::Cli).unwrap();
        let e = explain("They talked on Tuesday", Some(&dct), Grammar::embedded());
        assert_eq!(e.mentions[0].timex.value, "2016-07-12");
        let e = explain("Tuesday", Some(&dct), Grammar::embedded());
        assert!(e.to_string().contains("news default"), "{e}");
    }
}
