//! One huge plain-text document tagged a window at a time
//! (`chronicler::output::window`) gives byte for byte what tagging it whole gives:
//! JSON lines and CSV, texts from the seed articles with and without line
//! breaks, multi-byte characters across window and block edges, a `Date:`
//! line, long runs of white space, invalid UTF-8 (strict and `--lossy`).
//! Windows here are small (down to 997 bytes) so each text of a few hundred
//! KB crosses dozens of them; the context either side stays
//! `tag::CONTEXT`. Memory is checked in `tests/window_memory.rs`.

mod common;

use chronicler::article::ingest::{self, DateLine, ReadOptions, TextDecoder};
use chronicler::error::Error;
use chronicler::output::StreamFormat;
use chronicler::output::window::{self, TextOptions};
use chronicler::output::{self, Tagged};
use chronicler::progress::Progress;
use chronicler::{Dct, DctSource, Grammar, annotate};
use common::seeds;
use proptest::prelude::*;
use std::fs;
use std::path::Path;

/// The seed articles repeated to at least `len` bytes, with `mark` put in
/// every `every` bytes (at the next char boundary).
fn generated(len: usize, every: usize, mark: &str) -> String {
    let seeds = seeds();
    let mut out = String::with_capacity(len + seeds.len());
    let mut next_mark = every;
    while out.len() < len {
        for c in seeds.chars() {
            out.push(c);
            if out.len() >= next_mark {
                out.push_str(mark);
                next_mark += every;
            }
        }
    }
    out
}

fn dct() -> Dct {
    Dct::parse("2016-07-15", DctSource::Cli).unwrap()
}

/// The record(s) of `path` read whole (as `chronicler tag` reads files
/// below the threshold), or the error that stands in their place.
fn whole(path: &Path, format: StreamFormat, lossy: bool) -> Result<Vec<u8>, String> {
    let id = "doc.txt".to_string();
    let (mut document, _) =
        ingest::read_text_file_with(path, id, ReadOptions { lossy }).map_err(|e| e.to_string())?;
    if document.dct.is_none() {
        document.dct = Some(dct());
    }
    let mentions = annotate(&document.text, document.dct.as_ref(), Grammar::embedded());
    let tagged = Tagged { document, mentions };
    let mut buf = Vec::new();
    match format {
        StreamFormat::Jsonl => output::jsonl::write_one(&mut buf, &tagged).unwrap(),
        StreamFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .has_headers(false)
                .from_writer(&mut buf);
            for m in &tagged.mentions {
                w.write_record(output::csv::row(&tagged.document.id, m))
                    .unwrap();
            }
            w.flush().unwrap();
        }
    }
    Ok(buf)
}

/// The record of `path` tagged in windows of `range` bytes, after the
/// check `chronicler tag` makes first, or the error.
fn windowed(
    path: &Path,
    format: StreamFormat,
    lossy: bool,
    range: usize,
) -> Result<Vec<u8>, String> {
    ingest::check_text_file(path, ReadOptions { lossy }).map_err(|e| e.to_string())?;
    let d = dct();
    let opts = TextOptions {
        range,
        lossy,
        dct: Some(&d),
        format,
        reference: Default::default(),
    };
    let mut out = Vec::new();
    let file = fs::File::open(path).unwrap();
    let progress = Progress::new();
    window::tag_text(
        file,
        "doc.txt",
        Some(path),
        &opts,
        Grammar::embedded(),
        &mut out,
        &progress,
    )
    .map_err(|e| e.error.to_string())?;
    assert_eq!(progress.documents(), 1);
    Ok(out)
}

/// Tags `bytes` whole and in windows of each size, both formats, and
/// checks that they agree; returns the JSON line.
fn agree(bytes: &[u8], lossy: bool, ranges: &[usize]) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.txt");
    fs::write(&path, bytes).unwrap();
    let mut first = None;
    for format in [StreamFormat::Jsonl, StreamFormat::Csv] {
        let want = whole(&path, format, lossy);
        for &range in ranges {
            let got = windowed(&path, format, lossy, range);
            match (&want, &got) {
                (Ok(w), Ok(g)) if w == g => {}
                (Ok(w), Ok(g)) => {
                    let at = w.iter().zip(g).position(|(a, b)| a != b).unwrap_or(0);
                    let show = |b: &[u8]| {
                        String::from_utf8_lossy(&b[at.saturating_sub(200)..(at + 200).min(b.len())])
                            .into_owned()
                    };
                    panic!(
                        "{format:?}, range {range}: outputs differ at byte {at} (lengths {} and {}):\nwhole:    {}\nwindowed: {}",
                        w.len(),
                        g.len(),
                        show(w),
                        show(g)
                    );
                }
                _ => assert_eq!(got, want, "{format:?}, range {range}"),
            }
        }
        if first.is_none() {
            first = Some(want);
        }
    }
    first.unwrap()
}

const RANGES: &[usize] = &[997, 4096, 70_001, 1 << 20];

fn mentions_in(jsonl: &[u8]) -> usize {
    let v: serde_json::Value = serde_json::from_slice(jsonl).unwrap();
    v["mentions"].as_array().unwrap().len()
}

#[test]
fn seed_articles_with_line_breaks_and_a_date_line() {
    let text = format!("Date: 2016-03-01\n{}", generated(400_000, 4999, ""));
    let out = agree(text.as_bytes(), false, RANGES).unwrap();
    assert!(mentions_in(&out) > 1000);
    // the Date: line, not the fallback DCT, dates the document
    assert!(String::from_utf8_lossy(&out).contains("\"dct\":{\"date\":\"2016-03-01\""));
}

#[test]
fn one_line_with_multi_byte_characters_everywhere() {
    // no line break at all; a 2-, 3- and 4-byte character every 61 bytes, so
    // some fall across every window edge and every 64 KiB block edge
    let text = generated(450_000, 61, "é日😀").replace('\n', " ");
    assert!(!text.contains('\n'));
    let out = agree(text.as_bytes(), false, RANGES).unwrap();
    assert!(mentions_in(&out) > 1000);
}

#[test]
fn a_byte_order_mark_and_blank_lines_before_the_date_line() {
    let text = format!(
        "\u{feff}\n \n\t\r\nDATE: 2015-12-31\r\n{}",
        generated(200_000, 7001, "\n\n")
    );
    let out = agree(text.as_bytes(), false, &[4096]).unwrap();
    assert!(String::from_utf8_lossy(&out).contains("\"date\":\"2015-12-31\""));
}

#[test]
fn long_runs_of_white_space_are_read_across() {
    // the grammar reads across white space of any length: "$" then 100,000
    // spaces then "1998" is money, and "May 5," then spaces then "2016" one date
    let spaces = " ".repeat(100_000);
    let mut text = generated(150_000, 9_999, "");
    text.push_str(&format!(
        "He paid ${spaces}1998. Talks began May 5,{spaces}2016."
    ));
    text.push_str(&"\n".repeat(70_000));
    text.push_str(&generated(150_000, 9_999, ""));
    text.push_str(&format!("Tuesday{spaces}\t{spaces}noon."));
    agree(text.as_bytes(), false, &[997, 65_536]).unwrap();
}

#[test]
fn a_narrative_decides_the_same_across_window_edges() {
    // a report (years near its date, "yesterday") with background
    // paragraphs and sections headed by a year: whether "In March" counts
    // from the article date or from 1990 depends on the paragraph and the
    // heading it is under, which fall on both sides of window edges
    let mut text = String::new();
    for k in 0..120 {
        text.push_str("The council met yesterday. In 2016 it voted twice.\n");
        text.push_str("The war began in 1990. In March the army took the city.\n");
        text.push_str(&format!("{}\n", "The siege went on. ".repeat(k % 7 * 30)));
        text.push_str("In March the council met again.\n\n");
        if k % 5 == 0 {
            text.push_str("1985\nIn June the plant opened.\n\n");
        }
    }
    let out = agree(text.as_bytes(), false, &[997, 4096, 70_001]).unwrap();
    let json = String::from_utf8_lossy(&out);
    for value in ["1990-03", "2016-03", "1985-06"] {
        assert!(json.contains(&format!("\"value\":\"{value}\"")), "{value}");
    }
}

#[test]
fn tense_cues_far_from_a_date_are_read_across_window_edges() {
    // the tense of "Monday" comes from "will" or "had" up to 600 bytes away,
    // in a sentence that never ends; each unit a different length, so the
    // dates fall everywhere relative to the window edges
    let words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu ";
    let mut text = String::new();
    let mut k = 0;
    while text.len() < 300_000 {
        let filler = &words.repeat(9)[..400 + (k * 37) % 190];
        let filler = &filler[..filler.rfind(' ').unwrap()];
        match k % 3 {
            0 => text.push_str(&format!("the envoy will {filler} meet Monday ")),
            1 => text.push_str(&format!("Monday {filler} the envoy had met ")),
            _ => text.push_str(&format!("{filler} on Monday {filler} ")),
        }
        k += 1;
    }
    let out = agree(text.as_bytes(), false, &[997, 4096]).unwrap();
    let out = String::from_utf8_lossy(&out);
    // both readings occur, so the cues were read
    assert!(
        out.contains("2016-07-18") && out.contains("2016-07-11"),
        "{}",
        &out[..2000]
    );
}

#[test]
fn a_bad_date_line_is_the_same_error() {
    let text = format!("Date: soon\n{}", generated(200_000, 9_999, ""));
    let err = agree(text.as_bytes(), false, &[4096]).unwrap_err();
    assert!(
        err.contains("line 1: expected a date like 2016-07-15"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_across_a_window_or_block_edge_is_the_same_error() {
    let text = generated(300_000, 9_999, "");
    // where a 64 KiB block ends, and where a 4096-byte window's range ends
    for at in [65_535usize, 65_536, 131_071, 4096 * 20 - 1, 250_000] {
        let mut bytes = text.as_bytes().to_vec();
        // a 3-byte character cut short, then a stray continuation byte
        bytes.splice(at..at, [0xe6, 0x97, b' ', 0x80]);
        let err = agree(&bytes, false, &[4096]).unwrap_err();
        assert!(err.contains("not valid UTF-8 at byte"), "{err}");
        // with --lossy each bad sequence is one U+FFFD, and the offsets of
        // the mentions after them count the replacement chars alike
        agree(&bytes, true, &[997, 4096]).unwrap();
    }
    // the file's very last bytes: an unfinished character
    let mut bytes = text.as_bytes().to_vec();
    bytes.extend([b' ', 0xf0, 0x9f, 0x98]);
    agree(&bytes, false, &[4096]).unwrap_err();
    agree(&bytes, true, &[4096]).unwrap();
}

#[test]
fn the_check_gives_the_same_errors_as_reading_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.txt");
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\xef\xbb\xbf \n\t ".to_vec(),
        b"text then \xff and later a NUL \x00".to_vec(),
        [&b" ".repeat(70_000)[..], b"ok \xc3( \xff"].concat(),
        b"\xef\xbb".to_vec(),
        "plain text".into(),
    ];
    for bytes in cases {
        fs::write(&path, &bytes).unwrap();
        for lossy in [false, true] {
            let opts = ReadOptions { lossy };
            let want = ingest::read_text_bytes(&path, opts).map(|(_, note)| note);
            let got = ingest::check_text_file(&path, opts);
            assert_eq!(
                format!("{got:?}"),
                format!("{want:?}"),
                "{:?}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }
}

#[test]
fn an_empty_or_binary_stream_writes_nothing() {
    let d = dct();
    let opts = TextOptions {
        range: 4096,
        lossy: false,
        dct: Some(&d),
        format: StreamFormat::Jsonl,
        reference: Default::default(),
    };
    let g = Grammar::embedded();
    let progress = Progress::new();
    for (bytes, want) in [(&b" \n \n"[..], "empty file"), (b"ab\x00cd", "binary file")] {
        let mut out = Vec::new();
        let err = window::tag_text(bytes, "x", None, &opts, g, &mut out, &progress).unwrap_err();
        assert!(err.error.to_string().contains(want), "{}", err.error);
        assert!(!err.wrote && out.is_empty());
    }
}

/// Decodes `bytes` handed over in pieces cut at `cuts`.
fn decode_in_pieces(bytes: &[u8], cuts: &[usize], lossy: bool) -> Result<(String, usize), Error> {
    let mut d = TextDecoder::new(Path::new("p"), lossy);
    let mut out = String::new();
    let mut from = 0;
    for &cut in cuts.iter().chain([&bytes.len()]) {
        let cut = cut.clamp(from, bytes.len());
        d.feed(&bytes[from..cut], &mut out)?;
        from = cut;
    }
    d.finish(&mut out)?;
    Ok((out, d.replaced().0))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Decoding block by block, wherever the blocks end, gives what
    /// decoding the whole file gives (text, replacement count, errors).
    #[test]
    fn decoding_in_pieces_equals_decoding_whole(
        bytes in prop::collection::vec(
            prop::sample::select(vec![b'a', b' ', b'\n', 0xef, 0xbb, 0xbf, 0xc3, 0xa9, 0xe6, 0x97, 0xa5, 0xf0, 0x9f, 0x98, 0x80, 0xff]),
            0..40,
        ),
        mut cuts in prop::collection::vec(0usize..40, 0..6),
        lossy in any::<bool>(),
    ) {
        cuts.sort_unstable();
        let whole = chronicler::error::decode(Path::new("p"), bytes.clone(), lossy).map(|(text, note)| {
            let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
            let count = match note {
                Some(Error::Replaced { count, .. }) => count,
                _ => 0,
            };
            (text, count)
        });
        let pieces = decode_in_pieces(&bytes, &cuts, lossy);
        prop_assert_eq!(format!("{pieces:?}"), format!("{whole:?}"));
    }

    /// The DCT of a `Date:` line found a piece at a time is the one found in
    /// the whole text.
    #[test]
    fn date_line_in_pieces_equals_date_line_whole(
        lines in prop::collection::vec(
            prop::sample::select(vec!["", " ", "\t \r", "Date: 2016-07-15", "date:2016-07-15 UTC",
                "DATE: soon", "Dat", "Datum: x", "  Date: 2016-02-30", "Date:", "é", "x"]),
            0..5,
        ),
        mut cuts in prop::collection::vec(0usize..80, 0..5),
    ) {
        let text = lines.join("\n");
        cuts.sort_unstable();
        let whole = ingest::text_document("d".into(), None, text.clone())
            .map(|d| d.dct)
            .map_err(|e| e.to_string());
        let mut finder = DateLine::new();
        let mut from = 0;
        for &cut in cuts.iter().chain([&text.len()]) {
            let cut = text.floor_char_boundary(cut.clamp(from, text.len()));
            finder.feed(&text[from..cut]);
            from = cut.max(from);
        }
        let pieces = finder
            .finish()
            .map_err(|e| ingest::bad_date_line("d", None, e).to_string());
        prop_assert_eq!(pieces, whole);
    }
}
