//! Compare: two versions of a policy — what the rules say ([`policy`]) and what they decide on the
//! same records ([`outcomes`], over a batch of files: [`batch`]).

pub mod batch;
pub mod canon;
pub mod change;
pub mod outcomes;
pub mod policy;
