//! Tagging one huge single-line document a window at a time holds a few
//! windows, not the document: the peak of live heap bytes, counted by a
//! global allocator, stays under a fixed bound while a generated text four
//! times that size streams through `chronicler::output::window::tag_text` (read from
//! a `Read` that makes it on the fly, written to `io::sink()`). Tagging it
//! whole would hold the text alone, more than the bound. Nothing is timed.
//!
//! The allocator counts for the whole test binary, so this file holds one test.

mod common;

use chronicler::output::StreamFormat;
use chronicler::output::window::{self, TextOptions, Windows};
use chronicler::progress::Progress;
use chronicler::{Dct, DctSource, Grammar};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{self, Read};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: the caller's layout is passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// `len` bytes of one line: the seed articles (line breaks made spaces)
/// between stretches of filler words, made as they are read.
struct Generated {
    unit: Vec<u8>,
    at: usize,
    left: usize,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.left).min(self.unit.len() - self.at);
        buf[..n].copy_from_slice(&self.unit[self.at..self.at + n]);
        self.at = (self.at + n) % self.unit.len();
        self.left -= n;
        Ok(n)
    }
}

fn seeds_on_one_line() -> String {
    common::seeds().replace(['\n', '\r'], " ")
}

#[test]
fn a_huge_single_line_document_is_tagged_in_bounded_memory() {
    const BOUND: usize = 16 << 20;
    const LEN: usize = 4 * BOUND;
    // Filler words scan fast, so the test spends its time on many bytes.
    let filler = "Waldeinsamkeitsgefuehlsbeschreibungen ".repeat(4000);
    let unit = format!("{}{filler}", seeds_on_one_line()).into_bytes();
    let source = Generated {
        unit,
        at: 0,
        left: LEN,
    };
    let dct = Dct::parse("2016-07-15", DctSource::Cli).unwrap();
    let opts = TextOptions {
        range: Windows::default().range,
        lossy: false,
        dct: Some(&dct),
        format: StreamFormat::Jsonl,
        reference: Default::default(),
    };
    let g = Grammar::embedded();
    let progress = Progress::new();
    let mut out = io::sink();

    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let done = window::tag_text(source, "huge.txt", None, &opts, g, &mut out, &progress)
        .map_err(|e| e.error)
        .unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;

    assert_eq!(done.bytes as usize, LEN);
    assert_eq!(progress.bytes() as usize, LEN);
    assert!(done.mentions > 1000, "{} mentions", done.mentions);
    assert!(
        peak < BOUND,
        "peak live heap {peak} bytes while tagging {LEN} bytes; expected under {BOUND}"
    );
}
