//! Splits the embedded word lists (`grammar/*.csv`) into fields at compile
//! time, so a run does not parse CSV before its first document: the binary
//! carries each file's fields joined by control characters (one string per
//! file, so no relocations to apply at start-up), and `Grammar::embedded`
//! checks and indexes them (`src/grammar/mod.rs`).
//!
//! A file that is not valid CSV fails the build here, naming the file and
//! line. What the fields mean is still checked where a user's edited copy is
//! checked, in `Grammar::from_sources`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=grammar");
    let mut out = String::from(
        "/// Each embedded word list, split by `build.rs` with the same CSV\n\
         /// settings as a user's copy: fields end at U+001F, rows at U+001E.\n\
         static EMBEDDED_ROWS: &[Embedded] = &[\n",
    );
    // every word list in grammar/; `src/grammar/mod.rs` looks them up by name
    let mut names: Vec<String> = std::fs::read_dir("grammar")
        .expect("grammar/")
        .map(|e| {
            e.expect("grammar/")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    for name in &names {
        let path = Path::new("grammar").join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let joined = |record: &csv::StringRecord, line: u64| {
            if let Some(f) = record.iter().find(|f| f.contains(['\x1e', '\x1f'])) {
                panic!(
                    "{}:{line}: a field holds a control character: {f:?}",
                    path.display()
                );
            }
            record.iter().collect::<Vec<_>>().join("\x1f")
        };
        let header = reader
            .headers()
            .unwrap_or_else(|e| panic!("{}:1: expected a header row: {e}", path.display()))
            .clone();
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        for record in reader.records() {
            let record = record.unwrap_or_else(|e| {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                panic!("{}:{line}: {e}", path.display())
            });
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            rows.push(joined(&record, line));
            lines.push(u32::try_from(line).expect("fewer than 2^32 lines"));
        }
        writeln!(
            out,
            "    Embedded {{ name: {name:?}, header: {:?}, rows: {:?}, lines: &{lines:?} }},",
            joined(&header, 1),
            rows.join("\x1e"),
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("grammar_rows.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}
