//! The `round` entry of a record's JSON: where it stands under each round rule of the policy.

use crate::check::ir::Policy;
use crate::eval::{RoundRecord, RoundResult};
use crate::report::verdict_name;
use serde_json::{json, Value as Json};

/// A record's round: its verdict on its own and after the round, the rule that cut it, and one
/// entry per round rule that ranked it.
pub fn round(policy: &Policy, r: &RoundRecord) -> Json {
    let cut_by = r
        .cut_by
        .and_then(|k| policy.rounds.get(k))
        .map(|d| json!({"rule": d.name, "article": d.article}));
    json!({
        "own_verdict": verdict_name(r.own),
        "verdict": verdict_name(r.verdict),
        "cut_by": cut_by,
        "rules": r.results.iter().map(|x| result(policy, x)).collect::<Vec<_>>(),
    })
}

/// A number when decided, `{"from", "to"}` when the unknowns leave a range.
fn range((from, to): (usize, usize)) -> Json {
    if from == to {
        json!(from)
    } else {
        json!({"from": from, "to": to})
    }
}

fn result(policy: &Policy, x: &RoundResult) -> Json {
    let def = policy.rounds.get(x.round);
    json!({
        "rule": def.map(|d| d.name.as_str()),
        "article": def.and_then(|d| d.article.as_deref()),
        "outcome": x.outcome.as_str(),
        "group": def.and_then(|d| d.per.as_ref().map(|_| policy.value_text(&x.group, &d.group_ty))),
        "rank": range(x.rank),
        "count": range(x.count),
        "limit": range(x.limit),
    })
}
