//! The manifest: a CSV file that tells, per article, its publication date
//! and where it came from.
//!
//! The header names the columns, in any order: `file` and `published` are
//! required, `source`, `title`, `url` and `timezone` are optional, others are
//! ignored. `file` is a path relative to the manifest's folder (or a document
//! id); `published` is a date as `--dct` takes it (`2016-07-15`,
//! `2016-07-15T09:30+03:00`); `timezone` an IANA name or an offset. An empty
//! `published` leaves the date to the next source (document metadata, `--dct`,
//! inference). A `manifest.csv` at the top of an input folder is read
//! without being named.

use crate::error::Error;
use crate::{Dct, DctSource, Document, Zone};
use std::path::{Component, Path, PathBuf};

/// The file name looked for at the top of an input folder.
pub const FILE_NAME: &str = "manifest.csv";

/// One row of a manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub file: String,
    pub published: Option<Dct>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub timezone: Option<Zone>,
    /// 1-based line of the row in the manifest.
    pub line: u64,
}

/// A parsed manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
}

impl Manifest {
    /// Reads and parses the manifest at `path`.
    pub fn read(path: &Path) -> Result<Manifest, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = crate::error::utf8(path, bytes)?;
        Manifest::parse(path, &text)
    }

    /// Parses manifest text; `path` is used for error messages and to
    /// resolve the `file` column.
    pub fn parse(path: &Path, text: &str) -> Result<Manifest, Error> {
        let err = |line: u64, message: String| Error::Manifest {
            path: path.to_path_buf(),
            line,
            message,
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| err(1, format!("expected a CSV header row, found {e}")))?
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let col = |name: &str| header.iter().position(|h| h == name);
        let (Some(file_col), Some(published_col)) = (col("file"), col("published")) else {
            return Err(err(
                1,
                format!(
                    "expected a header with the columns file and published (and optionally source, title, url, timezone), found {:?}",
                    header.join(",")
                ),
            ));
        };
        let optional = [col("source"), col("title"), col("url"), col("timezone")];
        let mut entries = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                err(line, format!("expected a CSV row, found {e}"))
            })?;
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() != header.len() {
                return Err(err(
                    line,
                    format!(
                        "expected {} fields like the header, found {}",
                        header.len(),
                        record.len()
                    ),
                ));
            }
            let field = |i: Option<usize>| {
                i.and_then(|i| record.get(i))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let file = field(Some(file_col))
                .ok_or_else(|| err(line, "expected a file name, found an empty field".into()))?;
            let timezone = match field(optional[3]) {
                None => None,
                Some(z) => Some(
                    z.parse::<Zone>()
                        .map_err(|m| err(line, format!("timezone: {m}")))?,
                ),
            };
            let published = match field(Some(published_col)) {
                None => None,
                Some(p) => {
                    let mut dct = Dct::parse(&p, DctSource::Manifest)
                        .map_err(|m| err(line, format!("published: {m}")))?;
                    if timezone.is_some() {
                        dct.zone = timezone;
                    }
                    Some(dct)
                }
            };
            entries.push(Entry {
                file,
                published,
                source: field(optional[0]),
                title: field(optional[1]),
                url: field(optional[2]),
                timezone,
                line,
            });
        }
        Ok(Manifest {
            path: path.to_path_buf(),
            entries,
        })
    }

    /// The entry for `doc`: its path relative to the manifest's folder, else
    /// its id, else its file name.
    pub fn lookup(&self, doc: &Document) -> Option<&Entry> {
        let dir = self.path.parent().unwrap_or(Path::new(""));
        let doc_path = doc.path.as_deref().map(normalise);
        if let Some(p) = &doc_path
            && let Some(e) = self
                .entries
                .iter()
                .find(|e| normalise(&dir.join(&e.file)) == *p)
        {
            return Some(e);
        }
        if let Some(e) = self.entries.iter().find(|e| e.file == doc.id) {
            return Some(e);
        }
        let name = doc_path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| doc.id.rsplit('/').next().unwrap_or("").to_string());
        let mut by_name = self
            .entries
            .iter()
            .filter(|e| Path::new(&e.file).file_name().is_some_and(|n| *n == *name));
        match (by_name.next(), by_name.next()) {
            (Some(e), None) => Some(e),
            _ => None,
        }
    }
}

/// `a/./b/../c` → `a/c`, lexically.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn doc(id: &str, path: &str) -> Document {
        Document {
            id: id.into(),
            path: Some(path.into()),
            text: String::new(),
            dct: None,
        }
    }

    #[test]
    fn parses_and_looks_up() {
        let m = Manifest::parse(
            Path::new("seeds/manifest.csv"),
            "file,source,published,timezone\na.txt,Reuters,2016-07-15,Europe/Moscow\nsub/b.txt,,,\n",
        )
        .unwrap();
        assert_eq!(m.entries.len(), 2);
        let a = m.lookup(&doc("a.txt", "seeds/./a.txt")).unwrap();
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        let dct = a.published.as_ref().unwrap();
        assert_eq!(dct.date, NaiveDate::from_ymd_opt(2016, 7, 15).unwrap());
        assert_eq!(dct.source, DctSource::Manifest);
        assert_eq!(dct.zone.unwrap().to_string(), "Europe/Moscow");
        let b = m.lookup(&doc("sub/b.txt", "seeds/sub/b.txt")).unwrap();
        assert!(b.published.is_none());
        assert!(m.lookup(&doc("c.txt", "seeds/c.txt")).is_none());
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = |text: &str| {
            Manifest::parse(Path::new("m.csv"), text)
                .unwrap_err()
                .to_string()
        };
        assert!(
            e("name,date\n").starts_with(
                "m.csv: line 1: expected a header with the columns file and published"
            ),
            "{}",
            e("name,date\n")
        );
        assert_eq!(
            e("file,published\na.txt,2016-07-15\nb.txt,July\n"),
            "m.csv: line 3: published: expected a date like 2016-07-15, found \"July\""
        );
        assert_eq!(
            e("file,published\na.txt\n"),
            "m.csv: line 2: expected 2 fields like the header, found 1"
        );
        assert!(
            e("file,published,timezone\na.txt,2016-07-15,Mars/Base\n")
                .starts_with("m.csv: line 2: timezone: expected an IANA")
        );
    }
}
