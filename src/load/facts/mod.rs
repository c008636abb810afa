//! The sourced fact base: statistics, quotations, guidance and reporting channels.
//!
//! Every figure, phone number, web address and quotation a kit prints comes from here, by id,
//! with its source. Lookups refuse unverified entries and entries not meant for the audience, so
//! a content file cannot print them by mistake; translations must state the same figures.

mod base;
mod counts;
#[cfg(test)]
mod tests;
mod translation;
mod wording;

pub use base::{Fact, FactBase, RESOURCE_ROLES, Resource, Source};
pub use translation::Translation;
pub use wording::SeriesPoint;
