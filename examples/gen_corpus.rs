//! Writes a large JSON lines corpus for the whole-process benchmarks by
//! repeating real articles: every `.txt` file under the given folders (the
//! seeds, `../shared/corpora/timeline17-dev`, …), over and over, until the
//! output holds at least the asked number of megabytes.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT.jsonl MEGABYTES DIR...
//! cargo run --release --example gen_corpus -- target/bench/corpus-200.jsonl 200 seeds ../shared/corpora/timeline17-dev
//! ```
//!
//! Each line is `{"id": "<round>/<file>", "dct": <date>, "text": …}`, the
//! date from a parent folder named `YYYY-MM-DD` (Timeline17's layout) or
//! absent. Keep the output out of git: write it under `target/` or `/tmp`.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn folder_date(p: &Path) -> Option<String> {
    p.ancestors().skip(1).find_map(|d| {
        let name = d.file_name()?.to_str()?;
        let ok = name.len() == 10
            && name.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        ok.then(|| name.to_string())
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err("usage: gen_corpus OUT.jsonl MEGABYTES DIR...".into());
    }
    let out_path = PathBuf::from(&args[0]);
    let target: u64 = args[1].parse::<u64>()? * 1_000_000;
    let mut files = Vec::new();
    for d in &args[2..] {
        walk(Path::new(d), &mut files);
    }
    let mut docs = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        docs.push((f.display().to_string(), folder_date(f), text));
    }
    // A fixed shuffle, so that a small corpus samples every topic as a large one does.
    let fnv = |s: &str| {
        s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    docs.sort_by_key(|(name, _, _)| fnv(name));
    if docs.is_empty() {
        return Err("no .txt articles found".into());
    }
    if let Some(parent) = out_path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut out = BufWriter::new(std::fs::File::create(&out_path)?);
    let (mut written, mut lines, mut round) = (0u64, 0u64, 0u64);
    while written < target {
        for (name, dct, text) in &docs {
            let line = serde_json::json!({
                "id": format!("{round}/{name}"),
                "dct": dct,
                "text": text,
            })
            .to_string();
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
            written += line.len() as u64 + 1;
            lines += 1;
            if written >= target {
                break;
            }
        }
        round += 1;
    }
    out.flush()?;
    eprintln!(
        "{}: {lines} documents, {:.1} MB ({} distinct articles)",
        out_path.display(),
        written as f64 / 1e6,
        docs.len()
    );
    Ok(())
}
