//! Web pages on arbitrary text: the page is read (guard, readability, page
//! metadata) and its text read for furniture, or refused with an offset
//! inside the input; never a panic.
#![no_main]

use chronicler::article::html;
use chronicler::article::reading::Reading;
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;

fuzz_target!(|data: &[u8]| {
    let Ok(page) = std::str::from_utf8(data) else {
        return;
    };
    match html::read(page, Some("https://example.org/page")) {
        Ok(p) => {
            let _ = p.meta.dct();
            let _ = Reading::of(&p.text, &HashSet::new());
        }
        Err((at, _)) => assert!(at.is_none_or(|b| b <= data.len())),
    }
});
