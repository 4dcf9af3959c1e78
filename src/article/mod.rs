//! The first stage: articles as they arrive, made into documents.
//!
//! Takes in paths and bytes (plain text, Markdown, TimeML, JSON lines, web
//! pages, WARC files) and a manifest; gives out [`document::Document`]s — an
//! id, the text, and the article date (DCT) with where it came from — plus
//! the reading aids every later stage uses on that text: sentence and block
//! boundaries ([`sentences`]), page furniture ([`furniture`],
//! [`boilerplate`], [`widgets`]). Nothing here knows about temporal
//! expressions.

pub mod boilerplate;
pub mod document;
pub mod furniture;
pub mod html;
pub mod ingest;
pub mod manifest;
pub mod reading;
pub mod sentences;
pub mod timeml;
pub mod warc;
pub mod widgets;
