//! The WARC reader on arbitrary bytes: records, pages and errors, never a
//! panic; an error's byte offset lies within the input.
#![no_main]

use chronicler::article::warc;
use libfuzzer_sys::fuzz_target;
use std::ops::ControlFlow;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let _ = warc::read_records(
        data,
        Path::new("<fuzz>"),
        "fuzz",
        warc::ReadOptions::default(),
        &mut |item| {
            if let warc::Item::Skipped(chronicler::error::Error::Warc { byte_offset, .. }) = item {
                assert!(byte_offset <= data.len() as u64);
            }
            ControlFlow::Continue(())
        },
    );
});
