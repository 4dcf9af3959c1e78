//! What `tag` found in one document: the document and its mentions.

use crate::article::document::Document;
use crate::engine::timex::Mention;

/// A document and the mentions found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub document: Document,
    pub mentions: Vec<Mention>,
}
