//! The TimeML reader on arbitrary text: an error or a document whose gold
//! spans lie inside its plain text, never a panic.
#![no_main]

use chronicler::article::timeml;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(xml) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(doc) = timeml::parse(xml, Path::new("fuzz.tml")) {
        let chars = doc.text.chars().count();
        for t in &doc.timexes {
            assert!(t.start <= t.end && t.end <= chars);
        }
    }
});
