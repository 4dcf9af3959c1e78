//! The manifest reader on arbitrary text: an error or a manifest, never a panic.
#![no_main]

use chronicler::article::manifest::Manifest;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Manifest::parse(Path::new("fuzz/manifest.csv"), text);
    }
});
