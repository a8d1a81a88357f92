// @ts-check
// Generated from src/finding.rs by `BLESS=1 cargo test --lib typescript`; do not edit.
// What the shell shows is decided in Rust (docs/findings.md), not here.

/** Severities, mildest first. @type {readonly import('./findings').Severity[]} */
export const SEVERITIES = ['info', 'low', 'medium', 'high'];
/** Severities marked in the page. @type {ReadonlySet<string>} */
export const MARKED = new Set(['medium', 'high']);
/** Severities listed in summaries. @type {ReadonlySet<string>} */
export const LISTED = new Set(['low', 'medium', 'high']);
