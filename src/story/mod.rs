//! From many articles' mentions to one story: happenings, rows, findings.
//!
//! Takes in documents (from [`crate::article`]) and the mentions the engine
//! finds in them; gives out a [`timeline::Timeline`] — article dates (given
//! or [`infer`]red), dated statements ([`events`]), the same happening from
//! several sources merged into one row ([`merge`], over content [`terms`]),
//! and rows ranked by the evidence for their day — and the [`check`] report
//! of what does not add up. Datelines ("MOSCOW (Reuters) -") give an
//! article its place and zone ([`dateline`]).

pub mod build;
pub mod check;
pub mod dateline;
pub mod events;
pub mod happen;
pub mod infer;
pub mod merge;
pub mod rank;
pub mod rows;
pub mod select;
pub mod spill;
pub mod statements;
pub mod terms;
pub mod timeline;
pub mod windowed;
