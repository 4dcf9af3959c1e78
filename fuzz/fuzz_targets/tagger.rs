//! The tagger and resolver on arbitrary text with an arbitrary DCT.
//!
//! The first 8 bytes choose the DCT (or none); the rest, read as UTF-8 with
//! invalid sequences replaced, is the text. Checks what every caller relies
//! on: spans lie inside the text on char boundaries and select their text.
#![no_main]

use chronicler::{Dct, DctSource, Grammar};
use chrono::{NaiveDate, NaiveTime};
use libfuzzer_sys::fuzz_target;

fn dct(b: &[u8; 8]) -> Option<Dct> {
    if b[0] & 1 == 0 {
        return None;
    }
    // Years -9999..=9999 reach chrono's edges and the resolver's arithmetic.
    let year = i32::from(i16::from_le_bytes([b[1], b[2]])) % 10_000;
    let ordinal = 1 + u32::from(u16::from_le_bytes([b[3], b[4]])) % 366;
    let date = NaiveDate::from_yo_opt(year, ordinal).or_else(|| NaiveDate::from_yo_opt(year, 1))?;
    let mut dct = Dct::on(date, DctSource::Cli);
    if b[0] & 2 != 0 {
        dct.time = NaiveTime::from_hms_opt(u32::from(b[5]) % 24, u32::from(b[6]) % 60, 0);
    }
    if b[0] & 4 != 0 {
        let zones = [
            "UTC",
            "Europe/Moscow",
            "America/New_York",
            "+14:00",
            "-12:00",
            "Asia/Kathmandu",
        ];
        dct.zone = zones[usize::from(b[7]) % zones.len()].parse().ok();
    }
    Some(dct)
}

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<8>() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let dct = dct(head);
    let mentions = chronicler::annotate(&text, dct.as_ref(), Grammar::embedded());
    for m in &mentions {
        assert!(m.byte_start <= m.byte_end && m.byte_end <= text.len());
        assert!(text.is_char_boundary(m.byte_start) && text.is_char_boundary(m.byte_end));
        assert_eq!(&text[m.byte_start..m.byte_end], m.text);
    }
});
