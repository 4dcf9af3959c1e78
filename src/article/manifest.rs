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

use crate::article::document::Dct;
use crate::article::document::DctSource;
use crate::article::document::Document;
use crate::article::document::Zone;
use crate::error::Error;
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

    /// Reads the manifest at `path`, setting bad rows aside: the rows that
    /// can be used, and an error for each row that cannot (a missing field, a
    /// bad date or zone, a file named twice). A file that cannot be read or
    /// a header without `file` and `published` is still the error.
    pub fn read_lenient(path: &Path) -> Result<(Manifest, Vec<Error>), Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = crate::error::utf8(path, bytes)?;
        Manifest::parse_lenient(path, &text)
    }

    /// Parses manifest text; `path` is used for error messages and to
    /// resolve the `file` column. The first bad row is the error.
    pub fn parse(path: &Path, text: &str) -> Result<Manifest, Error> {
        let (manifest, mut bad_rows) = Manifest::parse_lenient(path, text)?;
        match bad_rows.is_empty() {
            true => Ok(manifest),
            false => Err(bad_rows.swap_remove(0)),
        }
    }

    /// Parses manifest text, setting bad rows aside (see [`Manifest::read_lenient`]).
    pub fn parse_lenient(path: &Path, text: &str) -> Result<(Manifest, Vec<Error>), Error> {
        let err = |line: u64, message: String| Error::Manifest {
            path: path.to_path_buf(),
            line,
            message,
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // A quote left open would swallow every line after it into one
        // field: such a line is a bad row (blanked, so the lines after it
        // keep their numbers and are still read).
        let mut bad_rows = Vec::new();
        let unclosed: Vec<usize> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| l.bytes().filter(|&b| b == b'"').count() % 2 == 1)
            .map(|(i, _)| i)
            .collect();
        let blanked;
        let text = if unclosed.is_empty() {
            text
        } else {
            if unclosed[0] == 0 {
                return Err(err(
                    1,
                    "expected a CSV header row, found a quote (\") not closed on its line".into(),
                ));
            }
            for &i in &unclosed {
                bad_rows.push(err(
                    i as u64 + 1,
                    "expected a closing quote (\") on the line, found a quoted field left open (a field may not run over lines)".into(),
                ));
            }
            blanked = text
                .split('\n')
                .enumerate()
                .map(|(i, l)| {
                    if unclosed.binary_search(&i).is_ok() {
                        ""
                    } else {
                        l
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            &blanked
        };
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
        let mut entries: Vec<Entry> = Vec::new();
        let mut first_line: std::collections::HashMap<String, u64> = Default::default();
        // The csv crate's line numbers skip blank lines; count them from the
        // byte, going on from the previous record (records come in order).
        let mut counted = (0usize, 1u64);
        for record in reader.records() {
            let mut line_of = |p: Option<&csv::Position>| {
                p.map_or(0, |p| {
                    let mut byte = usize::try_from(p.byte())
                        .unwrap_or(usize::MAX)
                        .min(text.len());
                    // A record's position is where the blank lines before it begin.
                    while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
                        byte += 1;
                    }
                    let (from, line) = if byte >= counted.0 { counted } else { (0, 1) };
                    crate::progress::work::add(byte - from);
                    let line = line
                        + memchr::memchr_iter(b'\n', &text.as_bytes()[from..byte]).count() as u64;
                    counted = (byte, line);
                    line
                })
            };
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = line_of(e.position());
                    bad_rows.push(err(line, format!("expected a CSV row, found {e}")));
                    continue;
                }
            };
            let line = line_of(record.position());
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            match Manifest::entry(&record, line, &header, file_col, published_col, optional) {
                Ok(entry) => match first_line.get(&entry.file) {
                    Some(first) => bad_rows.push(err(
                        line,
                        format!(
                            "expected each file once, found {:?} again (first on line {first})",
                            entry.file
                        ),
                    )),
                    None => {
                        first_line.insert(entry.file.clone(), line);
                        entries.push(entry);
                    }
                },
                Err(message) => bad_rows.push(err(line, message)),
            }
        }
        bad_rows.sort_by_key(|e| match e {
            Error::Manifest { line, .. } => *line,
            _ => 0,
        });
        let manifest = Manifest {
            path: path.to_path_buf(),
            entries,
        };
        Ok((manifest, bad_rows))
    }

    /// One row as an entry, or what is wrong with it.
    fn entry(
        record: &csv::StringRecord,
        line: u64,
        header: &[String],
        file_col: usize,
        published_col: usize,
        optional: [Option<usize>; 4],
    ) -> Result<Entry, String> {
        if record.len() != header.len() {
            return Err(format!(
                "expected {} fields like the header, found {}",
                header.len(),
                record.len()
            ));
        }
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let file = field(Some(file_col))
            .ok_or_else(|| "expected a file name, found an empty field".to_string())?;
        let timezone = match field(optional[3]) {
            None => None,
            Some(z) => Some(z.parse::<Zone>().map_err(|m| format!("timezone: {m}"))?),
        };
        let published = match field(Some(published_col)) {
            None => None,
            Some(p) => {
                let mut dct =
                    Dct::parse(&p, DctSource::Manifest).map_err(|m| format!("published: {m}"))?;
                if timezone.is_some() {
                    dct.zone = timezone;
                }
                Some(dct)
            }
        };
        Ok(Entry {
            file,
            published,
            source: field(optional[0]),
            title: field(optional[1]),
            url: field(optional[2]),
            timezone,
            line,
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
            id_number: false,
            path: Some(path.into()),
            text: String::new(),
            dct: None,
            page: None,
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
        assert_eq!(
            e("file,published\na.txt,2016-07-15\n\na.txt,2016-07-16\n"),
            "m.csv: line 4: expected each file once, found \"a.txt\" again (first on line 2)"
        );
    }

    #[test]
    fn lenient_parse_sets_bad_rows_aside() {
        let (m, bad) = Manifest::parse_lenient(
            Path::new("m.csv"),
            "file,published\na.txt,2016-07-15\nb.txt,2016-02-30\nc.txt\na.txt,2016-07-16\nd.txt,2016-07-17\n",
        )
        .unwrap();
        let files: Vec<&str> = m.entries.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(files, ["a.txt", "d.txt"]);
        let lines: Vec<String> = bad.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[0].starts_with("m.csv: line 3: published: "),
            "{lines:?}"
        );
        assert!(lines[0].contains("2016-02-30"), "{lines:?}");
        assert!(
            lines[1].starts_with("m.csv: line 4: expected 2 fields"),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("m.csv: line 5: expected each file once"),
            "{lines:?}"
        );
        // A header without the required columns is still fatal.
        assert!(Manifest::parse_lenient(Path::new("m.csv"), "file,date\n").is_err());
    }

    #[test]
    fn a_quote_left_open_is_a_bad_row_not_the_rest_of_the_file() {
        let (m, bad) = Manifest::parse_lenient(
            Path::new("m.csv"),
            "file,published,title\na.txt,2016-07-15,\"Nice, open\nb.txt,2016-07-16,\"Quoted, \"\"fine\"\"\"\nc.txt,2016-07-17,x\n",
        )
        .unwrap();
        let files: Vec<&str> = m.entries.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(files, ["b.txt", "c.txt"]);
        assert_eq!(m.entries[0].title.as_deref(), Some("Quoted, \"fine\""));
        assert_eq!(m.entries[1].line, 4);
        let lines: Vec<String> = bad.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with("m.csv: line 2: expected a closing quote"),
            "{lines:?}"
        );
        assert!(Manifest::parse_lenient(Path::new("m.csv"), "file,\"published\n").is_err());
    }
}
