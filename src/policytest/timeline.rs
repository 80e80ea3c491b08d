//! Timeline and star-rating cases of policy test files: a base-history record on a date against
//! the status, state, since-date, tier, lists, next values, suspensions and moves the lifecycle
//! must give it; an annual record against the stars each scheme must award.

use super::{word, Case, Outcome};
use crate::check::ir::Policy;
use crate::data;
use crate::diag::catalogue::test_failure as fail;
use crate::diag::text::{Arg, Text};
use crate::eval::Judgement;
use crate::i18n::Lang;
use crate::report::timeline::status_name;
use crate::source::{Source, Span};
use crate::timeline::BaseTimeline;
use indexmap::IndexMap;

/// Runs a timeline case: the case's record read as a base history, judged on `as_of`.
pub fn run(policy: &Policy, case: &Case, as_of: chrono::NaiveDate, lang: Lang) -> Outcome {
    let mut failures = Vec::new();
    let done = |failures, reached| Outcome {
        name: case.name.clone(),
        failures,
        reached,
    };
    let Some(view) = policy.history_view() else {
        failures.push(fail::no_lifecycle().render(lang));
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
            .map(|d| d.message.render(lang))
            .collect();
        failures.push(fail::history_unreadable(Arg::series(errors)).render(lang));
        return done(failures, Vec::new());
    };
    for v in view.violations(record) {
        failures.push(fail::breaks_require(&v.field, &v.text).render(lang));
    }
    let Some(t) = view.timeline(record, as_of) else {
        failures.push(fail::no_lifecycle().render(lang));
        return done(failures, Vec::new());
    };
    compare(&view, &t, case, lang, &mut failures);
    let mut reached: Vec<String> = t.history.iter().map(|s| s.rule.clone()).collect();
    if let Some(term) = &t.term {
        reached.push(term.name.clone());
    }
    done(failures, reached)
}

/// What a timeline of `view` gives, each part as a test file writes it.
fn compare(view: &Policy, t: &BaseTimeline, case: &Case, lang: Lang, failures: &mut Vec<String>) {
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
        parts.extend(t.unknowns.iter().map(|u| u.render(lang)));
        if parts.is_empty() {
            String::new()
        } else {
            fail::reasons(Arg::series(parts)).render(lang)
        }
    };
    // `none` is how a test file writes a date or tier the timeline does not give.
    let none = |got: &str| {
        if got == "none" {
            fail::none().render(lang)
        } else {
            word(got, lang)
        }
    };
    let mut one = |what: Text, want: &Option<String>, got: String| {
        if let Some(w) = want {
            if *w != got {
                let line = fail::expected(what, none(w), none(&got)).render(lang);
                failures.push(format!("{line}{}", why()));
            }
        }
    };
    one(fail::status(), &want.status, status_name(t).to_string());
    one(fail::state(), &want.state, t.state.clone());
    let since = match (t.since, &t.since_between) {
        (Some(d), _) => d.to_string(),
        (None, Some(w)) => w.to_string(),
        (None, None) => "none".to_string(),
    };
    one(fail::since(), &want.since, since);
    one(
        fail::tier(),
        &want.tier,
        t.tier.clone().unwrap_or_else(|| "none".into()),
    );
    let mut set = |what: Text, want: &Option<Vec<String>>, mut got: Vec<String>| {
        if let Some(w) = want {
            let mut w = w.clone();
            w.sort();
            got.sort();
            if w != got {
                let (w, got) = (format!("{w:?}"), format!("{got:?}"));
                failures.push(fail::expected(what, w, got).render(lang));
            }
        }
    };
    set(
        fail::lists(),
        &want.lists,
        t.lists.iter().map(|(n, _)| n.clone()).collect(),
    );
    set(
        fail::undetermined(),
        &want.undetermined,
        t.undetermined.iter().map(|u| u.name.clone()).collect(),
    );
    set(
        fail::suspended(),
        &want.suspended,
        t.suspensions
            .iter()
            .map(|s| format!("{} {}", s.city, s.year))
            .collect(),
    );
    if let Some(w) = &want.history {
        let got: Vec<String> = t.history.iter().map(|s| s.rule.clone()).collect();
        if *w != got {
            let (w, got) = (format!("{w:?}"), format!("{got:?}"));
            failures.push(fail::expected(fail::history(), w, got).render(lang));
        }
    }
    for (name, value) in &want.next {
        match t.next.iter().find(|n| n.name == *name) {
            None => failures.push(fail::no_next(name).render(lang)),
            Some(n) => {
                let got = view.value_text(&n.value, &n.ty);
                if got != *value {
                    failures.push(fail::next(name, none(value), none(&got)).render(lang));
                }
            }
        }
    }
}

/// Checks the stars each named scheme awards a judged record.
pub fn check_stars(
    policy: &Policy,
    j: &Judgement,
    want: &IndexMap<String, String>,
    lang: Lang,
    failures: &mut Vec<String>,
) {
    if want.is_empty() {
        return;
    }
    let ratings = policy.ratings(j);
    for (scheme, stars) in want {
        let Some(r) = ratings.iter().find(|r| r.scheme == *scheme) else {
            failures.push(fail::no_scheme(scheme).render(lang));
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
            let (want, got) = (word(stars, lang), word(&got, lang));
            failures.push(fail::stars(scheme, want, got, score).render(lang));
        }
    }
}
