//! Compare: two versions of a policy — what the rules say ([`policy`]) and what they decide on the
//! same records ([`outcomes`]).

pub mod canon;
pub mod outcomes;
pub mod policy;
