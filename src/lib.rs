//! jidi: a declarative policy language for provincial industrial-park titles, and its interpreter.
//!
//! Text flows one way: [`syntax`] parses a policy file into an AST, [`check`] resolves and types it
//! into a [`check::Policy`], [`data`] reads park records into typed values, [`eval`] judges them,
//! and [`report`] renders the results; [`serve`] answers them over HTTP. The library never prints.

pub mod calendar;
pub mod check;
pub mod compare;
pub mod corpus;
pub mod coverage;
pub mod data;
pub mod diag;
pub mod escape;
pub mod eval;
pub mod files;
pub mod i18n;
pub mod ir;
pub mod json_text;
pub mod lsp;
pub mod policytest;
pub mod repl;
pub mod report;
pub mod scan;
pub mod serve;
pub mod source;
pub mod stack;
pub mod syntax;
pub mod timeline;
pub mod units;
pub mod value;
pub mod verify;
pub mod whatif;

pub use diag::{Diagnostic, Severity};
pub use source::Source;
