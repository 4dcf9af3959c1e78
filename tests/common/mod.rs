//! Fixtures shared by more than one test file.

use std::path::{Path, PathBuf};

/// Every seed article, in name order, one after the other.
pub fn seeds() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seeds/ is there")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let text: String = names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed is UTF-8"))
        .collect();
    assert!(text.len() > 10_000, "the seed articles are missing");
    text
}
