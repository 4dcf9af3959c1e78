//! Chronicler: finds temporal expressions in news text, resolves them against
//! the article's date, and builds source-cited timelines.
//!
//! The pipeline runs one way, and the folders follow it:
//!
//! 1. [`article`]: files, manifests, TimeML and JSON lines in; documents with
//!    their article dates, sentences and page furniture out.
//! 2. [`engine`]: the nom grammar ([`engine::tag`]) finds temporal
//!    expressions; [`engine::resolve`] turns them into TIMEX3 values against
//!    the article date.
//! 3. [`story`]: dated statements, merged across articles into rows, ranked;
//!    the `check` report.
//! 4. [`output`]: JSON lines, CSV, TimeML, the timeline files, the review
//!    page; streaming and atomic files.
//! 5. [`eval`]: scores against gold annotations and newsroom timelines.
//!
//! [`error`], [`summary`] and [`progress`] are shared by every stage. Each
//! stage uses only the ones before it.

pub mod article;
pub mod engine;
pub mod error;
pub mod eval;
pub mod output;
pub mod progress;
pub mod story;
pub mod summary;

pub use article::document::{Dct, DctSource, Document, Zone};
pub use engine::annotate;
pub use engine::tag::Grammar;
pub use engine::timex::{Granularity, Interval, Mention, Timex, TimexMod, TimexType};
pub use story::build::{BuildOptions, build};
pub use story::timeline::Timeline;
