//! Scoring against what people annotated.
//!
//! Takes in gold data — TimeML with `TIMEX3` tags ([`tempeval`], the
//! TempEval-3 Task A measures) or newsroom timelines in the Timeline17
//! layout ([`timeline`], date F1) — and the engine's or the story's output
//! for the same text; gives out scores and, on request, every disagreement.

pub mod rouge;
pub mod tempeval;
pub mod timeline;
