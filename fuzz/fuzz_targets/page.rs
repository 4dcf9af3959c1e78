//! The review page writer (`build --html`) on arbitrary articles and
//! manifest fields, built in memory: never a panic, one page.
//!
//! The bytes are cut at each `\0` into pieces; each four make an article:
//! its id, its text, its source and its url (as a manifest would give
//! them), read as UTF-8 with bad sequences replaced. The first byte picks
//! the article dates.
#![no_main]

use chronicler::story::build::{BuildOptions, Input, Meta};
use chronicler::{Dct, DctSource, Document, Grammar, output};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let pieces: Vec<&[u8]> = rest.split(|&b| b == 0).collect();
    let inputs: Vec<Input> = pieces
        .chunks(4)
        .take(8)
        .enumerate()
        .map(|(i, p)| {
            let field = |k: usize| p.get(k).map(|b| text(b)).filter(|s| !s.is_empty());
            let dct = match (pick >> (i % 8)) & 1 {
                1 => Dct::parse(&format!("2016-07-{}", 10 + i), DctSource::Manifest).ok(),
                _ => None,
            };
            Input {
                document: Document {
                    id: field(0).unwrap_or_else(|| format!("doc{i}")),
                    id_number: false,
                    path: None,
                    text: field(1).unwrap_or_default(),
                    dct,
                    page: None,
                },
                meta: Meta {
                    source: field(2),
                    title: None,
                    url: field(3),
                    zone: None,
                },
            }
        })
        .collect();
    let story =
        chronicler::story::build::analyse(inputs, &BuildOptions::default(), Grammar::embedded());
    let report = chronicler::story::check::check_story(&story);
    let top = (pick & 0x80 != 0).then_some(usize::from(pick & 7) + 1);
    let opening = output::html::opening(&story, top, None);
    let page = output::html::page(&story.timeline, &report, opening.as_ref());
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
});
