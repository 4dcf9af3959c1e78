//! Fixtures shared by more than one test file.

// each test file that includes this module uses only some of it
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The seed articles' files (`seeds/*.txt`), in name order.
pub fn seed_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seeds/ is there")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    names
}

/// Every seed article, in name order, one after the other.
pub fn seeds() -> String {
    let text: String = seed_files()
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed is UTF-8"))
        .collect();
    assert!(text.len() > 10_000, "the seed articles are missing");
    text
}
