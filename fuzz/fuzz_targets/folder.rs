//! `build` (and the check and review page of `build --html`) over a small
//! folder made from arbitrary bytes: never a panic, and every output
//! renders.
//!
//! The bytes are cut at each NUL into up to six pieces. The first byte of
//! a piece, modulo 6, picks what it becomes (`0` the folder's
//! `manifest.csv`, once; `1` a `.txt` in a folder named `2016-07-15`; `2`
//! `.tml`; `3` `.jsonl`; `4` `.md`; `5` `.txt`), so `Date:` lines, TimeML,
//! JSON lines `dct`s and manifest rows are read as the command line reads
//! them; the rest is its content. The folder is rewritten for every input;
//! the first byte of the input also picks --dct, --include-undated and
//! --top.
#![no_main]

use chronicler::story::build::BuildOptions;
use chronicler::{Grammar, output};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fn folder() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronicler-fuzz-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("2016-07-15")).expect("a scratch folder");
    dir
}

fuzz_target!(|data: &[u8]| {
    let dir = folder();
    let mut manifest = false;
    for (i, piece) in data
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .take(6)
        .enumerate()
    {
        let (kind, body) = (piece[0], &piece[1..]);
        let name = match kind % 6 {
            0 if !manifest => {
                manifest = true;
                "manifest.csv".to_string()
            }
            1 => format!("2016-07-15/a{i}.txt"),
            2 => format!("b{i}.tml"),
            3 => format!("c{i}.jsonl"),
            4 => format!("d{i}.md"),
            _ => format!("e{i}.txt"),
        };
        let _ = std::fs::write(dir.join(name), body);
    }
    let opts = BuildOptions {
        dct: (data.first().is_some_and(|b| b & 1 == 1))
            .then(|| {
                chronicler::Dct::parse(
                    "2016-07-15T12:00 America/New_York",
                    chronicler::DctSource::Cli,
                )
                .ok()
            })
            .flatten(),
        include_undated: data.first().is_some_and(|b| b & 2 == 2),
        top: data
            .first()
            .filter(|b| *b & 4 == 4)
            .map(|b| usize::from(b >> 4) + 1),
        lossy: true,
        ..BuildOptions::default()
    };
    let g = Grammar::embedded();
    let paths = [dir.clone()];
    // As `build --html --check` does: one analysis, the report, the files
    // (of the --top selection when asked), and the page of every row.
    let Ok(story) = chronicler::story::build::read(&paths, &opts, g) else {
        return;
    };
    let report = chronicler::story::check::check_story(&story);
    let _ = report.to_text(true);
    let _ = report.to_markdown();
    let (timeline, top_report) = match opts.top {
        Some(n) => {
            let (t, ids) = story.top_renumbered(n);
            let r = report.renumbered(&ids);
            (t, r)
        }
        None => (story.timeline.clone(), report.clone()),
    };
    for name in output::timeline::FILES {
        output::timeline::render(name, &timeline, Some(&top_report)).expect("every file renders");
    }
    let opening = output::html::opening(&story, opts.top, None);
    let page = output::html::page(&story.timeline, &report, opening.as_ref());
    assert!(page.ends_with("</html>\n"));
});
