//! Measuring haken: the harnesses behind `make eval`, the quality tests and the benchmarks.
//!
//! Kept out of the `haken` library so its public API is the product only:
//! - [`breach_sets`] reads the labelled breach notices and look-alikes;
//! - [`claims_gold`] reads the claims gold sets and their halves;
//! - [`consent`] scores the consent detector on labelled pages and label corpora;
//! - [`logistic`] fits the linear models (claims, breach notices) by logistic regression;
//! - [`shuffle`] is the deterministic shuffle of the model trainers;
//! - [`permissions`] scores the permission reader on labelled pages, on any
//!   [`haken::reader::Tree`] (natively here, on the live DOM in the browser tests);
//! - [`synthetic`] writes generated checkout pages of a given size for the benchmarks.
//!
//! The reports themselves are the examples in `tools/examples/`.

#[cfg(feature = "html")]
pub mod breach_sets;
pub mod claims_gold;
#[cfg(feature = "html")]
pub mod consent;
pub mod logistic;
pub mod permissions;
pub mod shuffle;
#[cfg(feature = "html")]
pub mod synthetic;
