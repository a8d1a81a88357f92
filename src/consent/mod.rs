//! Pre-ticked consent: which candidate controls of a page are on and agree to something the
//! shopper did not ask for.
//!
//! [`scan::scan_tree`] reads a page's candidates through any [`crate::reader::Tree`] into a
//! [`snapshot::Snapshot`], and the [`ConsentEngine`] applies the consent rules
//! (`rules/consent/`) to it.

pub mod engine;
pub mod model;
pub mod scan;
pub mod snapshot;

pub use engine::ConsentEngine;
pub use scan::{scan_tree, Scan};
pub use snapshot::{Control, ControlKind, Snapshot};
