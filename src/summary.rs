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
    /// What input folders (and WARC files) held that is not read, by kind.
    pub ignored: BTreeMap<Ignored, usize>,
    /// Documents read but set aside as not news articles, by kind
    /// ("programme listings"); see `chronicler furniture`.
    pub set_aside: BTreeMap<&'static str, usize>,
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

    /// Counts a file of an input folder (or a WARC record) not read.
    pub fn ignore(&mut self, what: &Ignored) {
        *self.ignored.entry(what.clone()).or_default() += 1;
    }

    /// Counts a document read but set aside as not an article, by kind.
    pub fn set_aside(&mut self, kind: &'static str) {
        *self.set_aside.entry(kind).or_default() += 1;
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

/// Something an input held that is not read as an article, and is said so.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ignored {
    /// A file in an input folder with an extension no reader takes
    /// (".pdf"; empty for none).
    Extension(String),
    /// A README file in an input folder.
    Readme,
    /// A record of a WARC file that is not an HTML page: its WARC type, or
    /// the HTTP content type of a response ("request", "image/jpeg").
    WarcRecord(String),
}

impl Ignored {
    /// "14 files with extension .pdf", "1 README file", "3 WARC records of
    /// type request".
    pub fn describe(&self, n: usize) -> String {
        match self {
            Ignored::Extension(e) if e.is_empty() => {
                format!("{} without an extension", plural(n, "file", "files"))
            }
            Ignored::Extension(e) => format!("{} with extension {e}", plural(n, "file", "files")),
            Ignored::Readme => plural(n, "README file", "README files"),
            Ignored::WarcRecord(kind) => {
                format!(
                    "{} ({kind})",
                    plural(
                        n,
                        "WARC record that is not an HTML page",
                        "WARC records that are not HTML pages"
                    )
                )
            }
        }
    }
}

/// "1 event", "2 events".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 binary, 5 bad manifest rows": a reason that ends in a noun counts it.
fn reasons(map: &BTreeMap<&'static str, usize>) -> String {
    map.iter()
        .map(|(reason, n)| {
            let noun = reason.contains(' ')
                && matches!(
                    reason.rsplit(' ').next(),
                    Some("row" | "line" | "date" | "page" | "record" | "article")
                );
            let s = if noun && *n != 1 { "s" } else { "" };
            format!("{n} {reason}{s}")
        })
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
        if !self.ignored.is_empty() {
            let mut what: Vec<String> = Vec::new();
            let mut records: Vec<String> = Vec::new();
            let mut record_count = 0;
            for (kind, n) in &self.ignored {
                match kind {
                    Ignored::WarcRecord(k) => {
                        records.push(format!("{n} {k}"));
                        record_count += n;
                    }
                    other => what.push(other.describe(*n)),
                }
            }
            if record_count > 0 {
                what.push(format!(
                    "{} ({})",
                    plural(
                        record_count,
                        "WARC record that is not an HTML page",
                        "WARC records that are not HTML pages"
                    ),
                    records.join(", ")
                ));
            }
            write!(f, "; ignored {}", what.join(", "))?;
        }
        let aside: usize = self.set_aside.values().sum();
        if aside > 0 {
            write!(
                f,
                "; set aside {} ({})",
                plural(
                    aside,
                    "page that is not an article",
                    "pages that are not articles"
                ),
                reasons(&self.set_aside)
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
        s.problem(&Error::Manifest {
            path: PathBuf::from("m.csv"),
            line: 3,
            message: String::new(),
        });
        assert!(
            s.to_string()
                .ends_with("2 other problems (2 bad manifest rows)"),
            "{s}"
        );
        assert!(!s.is_clean());
    }

    #[test]
    fn ignored_files_and_pages_set_aside_are_said() {
        let mut s = Summary::default();
        s.document();
        for _ in 0..14 {
            s.ignore(&Ignored::Extension(".pdf".into()));
        }
        s.ignore(&Ignored::Readme);
        s.set_aside("programme listings");
        assert_eq!(
            s.to_string(),
            "read 1 document, skipped none; ignored 14 files with extension .pdf, 1 README file; set aside 1 page that is not an article (1 programme listings)"
        );
        // Neither is a failure.
        assert!(s.is_clean());
    }
}
