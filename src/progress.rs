//! Counters a long run advances (documents and bytes done, and the stage it
//! is in) for a progress display on another thread to poll. The library
//! never prints; the command line draws the bar.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

/// What a long run is doing, for the display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Stage {
    Reading = 0,
    Tagging = 1,
    Merging = 2,
    Checking = 3,
    Writing = 4,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Tagging => "tagging",
            Stage::Merging => "merging",
            Stage::Checking => "checking",
            Stage::Writing => "writing",
        }
    }

    fn from_u8(n: u8) -> Stage {
        match n {
            1 => Stage::Tagging,
            2 => Stage::Merging,
            3 => Stage::Checking,
            4 => Stage::Writing,
            _ => Stage::Reading,
        }
    }
}

/// Counters that a long run advances and a progress display may poll from
/// another thread. Clones share the counters.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<Counters>);

#[derive(Debug, Default)]
struct Counters {
    documents: AtomicU64,
    bytes: AtomicU64,
    /// Documents the run will process, when known (0: not known).
    total: AtomicU64,
    stage: AtomicU8,
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Counts `documents` more documents holding `bytes` bytes of text.
    pub fn add(&self, documents: u64, bytes: u64) {
        self.0.documents.fetch_add(documents, Ordering::Relaxed);
        self.0.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Documents done so far.
    pub fn documents(&self) -> u64 {
        self.0.documents.load(Ordering::Relaxed)
    }

    /// Bytes of text done so far.
    pub fn bytes(&self) -> u64 {
        self.0.bytes.load(Ordering::Relaxed)
    }

    /// Says how many documents the run will process.
    pub fn set_total(&self, documents: u64) {
        self.0.total.store(documents, Ordering::Relaxed);
    }

    /// The documents the run will process, when known.
    pub fn total(&self) -> Option<u64> {
        Some(self.0.total.load(Ordering::Relaxed)).filter(|&n| n > 0)
    }

    /// Says what the run is doing now.
    pub fn set_stage(&self, stage: Stage) {
        self.0.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// What the run is doing now.
    pub fn stage(&self) -> Stage {
        Stage::from_u8(self.0.stage.load(Ordering::Relaxed))
    }
}

/// Clones share the counters, so two progress handles are equal when they
/// count the same run.
impl PartialEq for Progress {
    fn eq(&self, other: &Progress) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Steps of work, counted where the code walks text or rows in a loop
/// that could be repeated (per sentence, per manifest row, per XML
/// element), so that tests can check that work grows in proportion to the
/// input: counted, never timed. Per thread; one addition per loop, not
/// per byte, so it costs nothing measurable.
pub mod work {
    use std::cell::Cell;

    thread_local! {
        static STEPS: Cell<u64> = const { Cell::new(0) };
    }

    /// Records `n` steps (bytes scanned, items visited) on this thread.
    #[inline]
    pub fn add(n: usize) {
        STEPS.with(|s| s.set(s.get().wrapping_add(n as u64)));
    }

    /// The steps this thread recorded while running `f`, and its result.
    pub fn count<T>(f: impl FnOnce() -> T) -> (u64, T) {
        let before = STEPS.with(Cell::get);
        let out = f();
        (STEPS.with(Cell::get).wrapping_sub(before), out)
    }
}
