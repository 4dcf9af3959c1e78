//! Counters a long run advances (documents and bytes done, and the stage it
//! is in) for a progress display on another thread to poll. The library
//! never prints; the command line draws the bar.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Counters that a long run advances and a progress display may poll from
/// another thread. Clones share the counters.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<Counters>);

#[derive(Debug, Default)]
struct Counters {
    documents: AtomicU64,
    bytes: AtomicU64,
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
}

/// Clones share the counters, so two progress handles are equal when they
/// count the same run.
impl PartialEq for Progress {
    fn eq(&self, other: &Progress) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
