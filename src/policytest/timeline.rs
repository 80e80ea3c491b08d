//! Timeline and star-rating cases of policy test files: a base-history record on a date against
//! the status, state, since-date, tier, lists, next values, suspensions and moves the lifecycle
//! must give it; an annual record against the stars each scheme must award.

use super::{Case, Outcome};
use crate::check::ir::Policy;
use crate::data;
use crate::eval::Judgement;
use crate::report::timeline::status_name;
use crate::source::{Source, Span};
use crate::timeline::BaseTimeline;
use indexmap::IndexMap;

/// Runs a timeline case: the case's record read as a base history, judged on `as_of`.
pub fn run(policy: &Policy, case: &Case, as_of: chrono::NaiveDate) -> Outcome {
    let mut failures = Vec::new();
    let done = |failures, reached| Outcome {
        name: case.name.clone(),
        failures,
        reached,
    };
    let Some(view) = policy.history_view() else {
        failures.push("the policy states no lifecycle".to_string());
        return done(failures, Vec::new());
    };
    let source = Source::new(
        format!("{} ({})", case.name, case.origin),
        case.record.to_string(),
    );
    let loaded = data::record(&view, &source, 0, &case.record, Span::new(0, 0));
    let Some(record) = &loaded.record else {
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.render(crate::i18n::lang()))
            .collect();
        failures.push(format!("the history cannot be read: {}", errors.join("; ")));
        return done(failures, Vec::new());
    };
    for v in view.violations(record) {
        failures.push(format!(
            "the history breaks `require {}`: {}",
            v.field, v.text
        ));
    }
    let Some(t) = view.timeline(record, as_of) else {
        failures.push("the policy states no lifecycle".to_string());
        return done(failures, Vec::new());
    };
    compare(&t, case, &mut failures);
    let mut reached: Vec<String> = t.history.iter().map(|s| s.rule.clone()).collect();
    if let Some(term) = &t.term {
        reached.push(term.name.clone());
    }
    done(failures, reached)
}

/// What a timeline gives, each part as a test file writes it.
fn compare(t: &BaseTimeline, case: &Case, failures: &mut Vec<String>) {
    let want = &case.timeline;
    let why = || {
        let mut parts: Vec<String> = t
            .reasons
            .iter()
            .map(|r| {
                format!(
                    "{} {} → {}",
                    r.article.as_deref().unwrap_or(""),
                    r.rule,
                    r.state
                )
            })
            .collect();
        parts.extend(t.unknowns.iter().cloned());
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join("; "))
        }
    };
    let mut one = |what: &str, want: &Option<String>, got: String| {
        if let Some(w) = want {
            if *w != got {
                failures.push(format!("{what}: expected {w}, got {got}{}", why()));
            }
        }
    };
    one("status", &want.status, status_name(t).to_string());
    one("state", &want.state, t.state.clone());
    let since = match (t.since, &t.since_between) {
        (Some(d), _) => d.to_string(),
        (None, Some(w)) => w.to_string(),
        (None, None) => "none".to_string(),
    };
    one("since", &want.since, since);
    one(
        "tier",
        &want.tier,
        t.tier.clone().unwrap_or_else(|| "none".into()),
    );
    let mut set = |what: &str, want: &Option<Vec<String>>, mut got: Vec<String>| {
        if let Some(w) = want {
            let mut w = w.clone();
            w.sort();
            got.sort();
            if w != got {
                failures.push(format!("{what}: expected {w:?}, got {got:?}"));
            }
        }
    };
    set(
        "lists",
        &want.lists,
        t.lists.iter().map(|(n, _)| n.clone()).collect(),
    );
    set(
        "undetermined",
        &want.undetermined,
        t.undetermined.iter().map(|u| u.name.clone()).collect(),
    );
    set(
        "suspended",
        &want.suspended,
        t.suspensions
            .iter()
            .map(|s| format!("{} {}", s.city, s.year))
            .collect(),
    );
    if let Some(w) = &want.history {
        let got: Vec<String> = t.history.iter().map(|s| s.rule.clone()).collect();
        if *w != got {
            failures.push(format!("history: expected {w:?}, got {got:?}"));
        }
    }
    for (name, value) in &want.next {
        match t.next.iter().find(|(n, _, _)| n == name) {
            None => failures.push(format!("next `{name}`: the timeline gives no such value")),
            Some((_, _, got)) if got != value => {
                failures.push(format!("next `{name}`: expected {value}, got {got}"))
            }
            Some(_) => {}
        }
    }
}

/// Checks the stars each named scheme awards a judged record.
pub fn check_stars(
    policy: &Policy,
    j: &Judgement,
    want: &IndexMap<String, String>,
    failures: &mut Vec<String>,
) {
    if want.is_empty() {
        return;
    }
    let ratings = policy.ratings(j);
    for (scheme, stars) in want {
        let Some(r) = ratings.iter().find(|r| r.scheme == *scheme) else {
            failures.push(format!(
                "stars `{scheme}`: the policy has no such star scheme"
            ));
            continue;
        };
        let got = r
            .stars
            .map_or_else(|| "undetermined".to_string(), |s| s.normalize().to_string());
        if got != *stars {
            let score = match r.score_high {
                Some(h) => format!("{}–{}", r.score.normalize(), h.normalize()),
                None => r.score.normalize().to_string(),
            };
            failures.push(format!(
                "stars `{scheme}`: expected {stars}, got {got} (score {score})"
            ));
        }
    }
}
