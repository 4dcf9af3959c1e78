//! The last stage: what the other stages found, written for people and tools.
//!
//! Takes in tagged documents ([`tagged::Tagged`]: a document and its
//! mentions) from `tag`, and a built [`crate::story::timeline::Timeline`]
//! (with the `check` report for the page) from `build`; gives out files and
//! streams: JSON lines, CSV and TimeML per document ([`format`](mod@format), [`jsonl`],
//! [`csv`], [`timeml`]), the timeline files ([`timeline`]: CSV, JSON,
//! TimelineJS, vis-timeline) and the review page ([`html`]). [`stream`] tags
//! and writes many documents in bounded memory, in input order, on all
//! cores; [`window`] one huge text a window at a time. Every file is written
//! through [`atomic`], so it appears whole or not at all.

pub mod atomic;
pub mod credit;
pub mod csv;
pub mod escape;
pub mod format;
pub mod html;
pub mod jsonl;
pub mod marks;
pub mod stream;
pub mod tagged;
pub mod timeline;
pub mod timeml;
pub mod window;
pub mod xlsx;

pub use atomic::{AtomicFile, write_atomically};
pub use format::{Format, StreamFormat, write};
pub use tagged::Tagged;
