//! Times `annotate` over every .txt file under a folder, in process (no
//! JSON): `PASSES=N target/release/examples/speed DIR` (default 3 passes).
//! Under `valgrind --tool=callgrind` with `PASSES=1` it gives a
//! repeatable instruction count for comparing tagger changes.

use chronicler::*;
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut texts = Vec::new();
    fn walk(p: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(p).unwrap() {
            let e = e.unwrap().path();
            if e.is_dir() {
                walk(&e, out)
            } else if e.extension().is_some_and(|x| x == "txt") {
                out.push(std::fs::read_to_string(&e).unwrap());
            }
        }
    }
    walk(std::path::Path::new(&dir), &mut texts);
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let dct = Dct::parse("2010-06-01", DctSource::Cli).unwrap();
    let g = Grammar::embedded();
    let t = Instant::now();
    let mut n = 0;
    let passes: usize = std::env::var("PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3);
    for _ in 0..passes {
        for x in &texts {
            n += annotate(x, Some(&dct), g).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{} docs, {:.1} MB x{passes}, {} mentions, {:.2}s, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        n,
        s,
        passes as f64 * bytes as f64 / 1e6 / s
    );
}
