//! The JSON lines reader on arbitrary bytes: one document or error per
//! non-blank line, never a panic, and errors name a line within the input.
#![no_main]

use chronicler::article::ingest;
use libfuzzer_sys::fuzz_target;
use std::ops::ControlFlow;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    let mut seen = 0usize;
    let _ = ingest::read_jsonl(data, Path::new("<fuzz>"), None, &mut |item| {
        seen += 1;
        if let Err(chronicler::error::Error::Jsonl { line, .. }) = item {
            assert!(line >= 1 && line <= lines);
        }
        ControlFlow::Continue(())
    });
    assert!(seen <= lines);
});
