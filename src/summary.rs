//! The tally of a run over many inputs: how many documents were read, how
//! many were skipped and why, and what else went wrong along the way.
//!
//! Commands print it on standard error at the end of a run, so that nothing
//! is skipped silently; [`Summary::is_clean`] decides between exit status 0
//! and 1.

use crate::error::Error;
use std::collections::BTreeMap;
use std::fmt;

/// Counts of what a run read, skipped and noted, grouped by [`Error::reason`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents read and used.
    pub read: usize,
    /// Documents (or whole files) skipped, by reason.
    pub skipped: BTreeMap<&'static str, usize>,
    /// Problems that are not a skipped document (e.g. a manifest row), by reason.
    pub problems: BTreeMap<&'static str, usize>,
    /// Documents used after their invalid UTF-8 was replaced (`--lossy`).
    pub repaired: usize,
    /// Documents used after their malformed article date was repaired or
    /// ignored (TimeML `<DCT>`).
    pub dates: usize,
}

impl Summary {
    /// Counts one document read.
    pub fn document(&mut self) {
        self.read += 1;
    }

    /// Counts the document or file `e` stands in place of as skipped.
    pub fn skip(&mut self, e: &Error) {
        *self.skipped.entry(e.reason()).or_default() += 1;
    }

    /// Counts a problem that did not cost a document.
    pub fn problem(&mut self, e: &Error) {
        *self.problems.entry(e.reason()).or_default() += 1;
    }

    /// Counts a note on a document that was used (see [`Error::Replaced`],
    /// [`Error::DctNote`]).
    pub fn note(&mut self, e: &Error) {
        match e {
            Error::DctNote { .. } => self.dates += 1,
            _ => self.repaired += 1,
        }
    }

    /// True when some document was used with a repair worth saying.
    pub fn has_notes(&self) -> bool {
        self.repaired > 0 || self.dates > 0
    }

    /// Documents skipped, all reasons together.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// True when nothing was skipped and nothing else went wrong.
    pub fn is_clean(&self) -> bool {
        self.skipped.is_empty() && self.problems.is_empty()
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn reasons(map: &BTreeMap<&'static str, usize>) -> String {
    map.iter()
        .map(|(reason, n)| format!("{n} {reason}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Summary {
    /// `read 4 documents, skipped 3 (2 binary, 1 empty); 1 with invalid
    /// UTF-8 replaced (--lossy); 1 other problem (1 bad manifest row)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "read {}", plural(self.read, "document", "documents"))?;
        match self.skipped_total() {
            0 => f.write_str(", skipped none")?,
            n => write!(f, ", skipped {n} ({})", reasons(&self.skipped))?,
        }
        if self.repaired > 0 {
            write!(
                f,
                "; {} with invalid UTF-8 replaced (--lossy)",
                self.repaired
            )?;
        }
        if self.dates > 0 {
            write!(
                f,
                "; {} with a malformed article date repaired or ignored",
                self.dates
            )?;
        }
        let problems: usize = self.problems.values().sum();
        if problems > 0 {
            write!(
                f,
                "; {} ({})",
                plural(problems, "other problem", "other problems"),
                reasons(&self.problems)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn groups_reasons_and_reads_well() {
        let mut s = Summary::default();
        assert_eq!(s.to_string(), "read 0 documents, skipped none");
        assert!(s.is_clean());
        s.document();
        let empty = Error::Empty {
            path: PathBuf::from("a"),
        };
        let binary = Error::Binary {
            path: PathBuf::from("b"),
            byte_offset: 3,
        };
        s.skip(&empty);
        s.skip(&binary);
        s.skip(&binary);
        s.note(&empty);
        s.problem(&Error::Manifest {
            path: PathBuf::from("m.csv"),
            line: 2,
            message: String::new(),
        });
        assert_eq!(
            s.to_string(),
            "read 1 document, skipped 3 (2 binary, 1 empty); 1 with invalid UTF-8 replaced (--lossy); 1 other problem (1 bad manifest row)"
        );
        assert!(!s.is_clean());
    }
}
