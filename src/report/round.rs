//! A record's round: the `round` entry of its JSON, and the lines tables and explanations show —
//! where it stands under each round rule of the policy.

use crate::check::ir::{Policy, RoundDef};
use crate::diag::catalogue::round_words;
use crate::diag::text::{Arg, Text};
use crate::eval::{RoundOutcome, RoundRecord, RoundResult};
use crate::i18n::Lang;
use crate::report::verdict_name;
use crate::syntax::ast::{RoundBound, Verdict};
use crate::value::Value;
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

/// `4`, or `1–2` when the unknowns leave a range.
fn range_text((from, to): (usize, usize)) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    }
}

/// A round rule as people read it: its article, then its name.
fn rule_text(def: &RoundDef) -> String {
    match &def.article {
        Some(a) => format!("{a} {}", def.name),
        None => def.name.clone(),
    }
}

/// A record's round as lines people read, in `lang`: one per round rule that ranked it (its
/// outcome, rank, the group's count and what the group keeps), then the rule that cut it or the
/// round that left it open. A record not ranked (not eligible on its own) has one line, with
/// `explain` only.
pub fn lines(policy: &Policy, r: &RoundRecord, explain: bool, lang: Lang) -> Vec<String> {
    let own = || Arg::Text(verdict_word(r.own));
    let mut out = Vec::new();
    if r.results.is_empty() {
        if explain {
            out.push(round_words::not_ranked(own()).render(lang));
        }
        return out;
    }
    for x in &r.results {
        let Some(def) = policy.rounds.get(x.round) else {
            continue;
        };
        let outcome = match x.outcome {
            RoundOutcome::MadeCut => round_words::made_cut(),
            RoundOutcome::Cut => round_words::cut(),
            RoundOutcome::Undetermined => round_words::undetermined(),
            RoundOutcome::WithinGuide => round_words::within_guide(),
            RoundOutcome::BeyondGuide => round_words::beyond_guide(),
        };
        let (rule, rank, count, limit) = (
            rule_text(def),
            range_text(x.rank),
            range_text(x.count),
            range_text(x.limit),
        );
        let guide = def.bound == RoundBound::About;
        let text = match (def.per.is_some(), guide) {
            (true, _) => {
                let group = match x.group {
                    Value::Unknown => Arg::Text(round_words::unknown_group()),
                    _ => Arg::Plain(policy.value_text(&x.group, &def.group_ty)),
                };
                if guide {
                    round_words::guide_in_group(rule, outcome, rank, count, group, limit)
                } else {
                    round_words::in_group(rule, outcome, rank, count, group, limit)
                }
            }
            (false, true) => round_words::guide_in_round(rule, outcome, rank, count, limit),
            (false, false) => round_words::in_round(rule, outcome, rank, count, limit),
        };
        out.push(text.render(lang));
    }
    if let Some(def) = r.cut_by.and_then(|k| policy.rounds.get(k)) {
        out.push(round_words::cut_by(rule_text(def), own()).render(lang));
    } else if r.verdict != r.own {
        out.push(round_words::open_by(own()).render(lang));
    }
    out
}

/// A verdict as a word of the catalogue.
fn verdict_word(v: Verdict) -> Text {
    match v {
        Verdict::Eligible => round_words::eligible(),
        Verdict::NotEligible => round_words::not_eligible(),
        Verdict::Undetermined => round_words::undetermined(),
    }
}
