//! Timeline reports: each base's status on a date with its reasons and what comes next, and the
//! lists across bases (suspended cities, bases to promote or that may upgrade, and the bases a
//! list cannot decide for lack of a figure).

use crate::check::ir::Policy;
use crate::diag::catalogue::{status_words, table_words, timeline_words as words};
use crate::diag::text::Text;
use crate::i18n::Lang;
use crate::timeline::{BaseTimeline, Missing, When};
use serde_json::{json, Map, Value as Json};
use std::fmt::Write;

/// The status as JSON and tables name it.
pub fn status_name(t: &BaseTimeline) -> &'static str {
    t.status.name()
}

/// What `jidi timeline --format json` prints: one pretty-printed array, one object per base of
/// `policy` (the history view the timelines were judged by).
pub fn document(policy: &Policy, all: &[BaseTimeline]) -> String {
    let items: Vec<Json> = all.iter().map(|t| json(policy, t)).collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_default();
    out.push('\n');
    out
}

fn when_json(w: &When) -> Json {
    json!({
        "from": w.lo.map(|d| d.to_string()),
        "to": w.hi.map(|d| d.to_string()),
    })
}

/// Texts as JSON writes them: in English.
fn english(texts: &[Text]) -> Json {
    Json::Array(texts.iter().map(|t| Json::String(t.en())).collect())
}

/// One base as JSON: `name`, `status`, `reasons` (each with its article), and more.
pub fn json(policy: &Policy, t: &BaseTimeline) -> Json {
    let mut o = Map::new();
    o.insert("name".into(), json!(t.name));
    o.insert("tier".into(), json!(t.tier));
    o.insert("status".into(), json!(status_name(t)));
    o.insert("state".into(), json!(t.state));
    o.insert("since".into(), json!(t.since.map(|d| d.to_string())));
    o.insert(
        "since_between".into(),
        t.since_between.as_ref().map_or(Json::Null, when_json),
    );
    o.insert("possible".into(), json!(t.possible));
    o.insert(
        "reasons".into(),
        Json::Array(
            t.reasons
                .iter()
                .map(|r| {
                    json!({
                        "article": r.article,
                        "rule": r.rule,
                        "state": r.state,
                        "since": r.since.map(|d| d.to_string()),
                        "between": r.between.as_ref().map_or(Json::Null, when_json),
                        "text": r.text.en(),
                    })
                })
                .collect(),
        ),
    );
    if let Some(term) = &t.term {
        o.insert(
            "term".into(),
            json!({
                "name": term.name,
                "article": term.article,
                "start": term.start.to_string(),
                "end": term.end.to_string(),
                "review_due": term.end.to_string(),
                "late_review_until": term.late_until.map(|d| d.to_string()),
                "overdue": term.overdue,
                "renewals": term.renewals,
            }),
        );
    }
    o.insert(
        "history".into(),
        Json::Array(
            t.history
                .iter()
                .map(|s| {
                    json!({
                        "article": s.article,
                        "rule": s.rule,
                        "from": s.from,
                        "to": s.to,
                        "on": s.on.date().map(|d| d.to_string()),
                        "between": if s.on.date().is_some() { Json::Null } else { when_json(&s.on) },
                    })
                })
                .collect(),
        ),
    );
    let next: Map<String, Json> = t
        .next
        .iter()
        .map(|n| {
            let value = policy.value_text(&n.value, &n.ty);
            (
                n.name.clone(),
                json!({ "value": value, "article": n.article }),
            )
        })
        .collect();
    o.insert("next".into(), Json::Object(next));
    o.insert(
        "lists".into(),
        Json::Array(
            t.lists
                .iter()
                .map(|(n, a)| json!({ "name": n, "article": a }))
                .collect(),
        ),
    );
    o.insert("undetermined".into(), json!(t.undetermined));
    o.insert(
        "suspensions".into(),
        Json::Array(
            t.suspensions
                .iter()
                .map(|s| json!({ "city": s.city, "year": s.year, "rule": s.rule, "article": s.article }))
                .collect(),
        ),
    );
    o.insert("unknowns".into(), english(&t.unknowns));
    o.insert("notes".into(), english(&t.notes));
    Json::Object(o)
}

/// The tier and state a titled base holds, for an application it makes (`jidi eval --history`).
pub fn held_json(t: &BaseTimeline) -> Json {
    json!({
        "tier": t.tier,
        "state": t.state,
        "status": status_name(t),
        "since": t.since.map(|d| d.to_string()),
        "lists": t.lists.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
    })
}

/// The same for people: one line under the application's verdict.
pub fn held_line(t: &BaseTimeline, as_of: chrono::NaiveDate, lang: Lang) -> String {
    let since = t
        .since
        .map_or_else(String::new, |d| format!(" {} {d}", words::since(lang)));
    let lists = if t.lists.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = t.lists.iter().map(|(n, _)| n.as_str()).collect();
        format!("; {}: {}", words::list(lang), names.join(", "))
    };
    format!(
        "    {} {as_of}: {} {} — {} ({}){since}{lists}\n",
        words::as_of(lang),
        words::holds(lang),
        t.tier.as_deref().unwrap_or("?"),
        t.state,
        t.status.word(lang),
    )
}

/// One base of `policy` for people reading `lang`.
pub fn table(policy: &Policy, t: &BaseTimeline, place: &str, lang: Lang) -> String {
    let mut out = String::new();
    let name = t.name.as_deref().unwrap_or(table_words::unnamed(lang));
    let tier = t.tier.as_deref().unwrap_or("?");
    let since = match (t.since, &t.since_between) {
        (Some(d), _) => format!(" {} {d}", words::since(lang)),
        (None, Some(w)) => format!(" {} {w}", words::since(lang)),
        (None, None) => String::new(),
    };
    let _ = writeln!(
        out,
        "{name}  [{tier}]  {} ({}){since}  {place}",
        t.state,
        t.status.word(lang)
    );
    for r in t.reasons.iter().filter(|_| t.term.is_none()) {
        let article = r.article.as_deref().unwrap_or("");
        let since = match (r.since, &r.between) {
            (Some(d), _) => format!(" {} {d}", words::from(lang)),
            (None, Some(w)) => format!(" {} {w}", words::from(lang)),
            (None, None) => String::new(),
        };
        let _ = writeln!(out, "    {article} {} → {}{since}", r.rule, r.state);
    }
    if let Some(term) = &t.term {
        let article = term.article.as_deref().unwrap_or("");
        let mut late = term.late_until.map_or_else(String::new, |d| {
            format!(", {} {d}", words::late_review_until(lang))
        });
        if term.overdue {
            late.push_str(&format!(", {}", words::review_overdue(lang)));
        }
        let _ = writeln!(
            out,
            "    {article} {} {} – {}, {} {}{late} ({} {})",
            term.name,
            term.start,
            term.end,
            words::review_due_by(lang),
            term.end,
            term.renewals,
            words::renewals(lang)
        );
    }
    for n in &t.next {
        let _ = writeln!(
            out,
            "    {}: {} {} = {}",
            words::next(lang),
            n.article.as_deref().unwrap_or(""),
            n.name,
            policy.value_text_in(&n.value, &n.ty, lang)
        );
    }
    for (n, article) in &t.lists {
        let _ = writeln!(
            out,
            "    {}: {} {n}",
            words::list(lang),
            article.as_deref().unwrap_or("")
        );
    }
    for u in &t.undetermined {
        let _ = writeln!(
            out,
            "    {}: {} {} {} — {}: {}",
            status_words::undetermined(lang),
            undecided_word(u.kind, lang),
            u.article.as_deref().unwrap_or(""),
            u.name,
            table_words::missing(lang),
            if u.missing.is_empty() {
                "?".to_string()
            } else {
                Missing::list(&u.missing).shown(lang)
            }
        );
    }
    for u in &t.unknowns {
        let _ = writeln!(
            out,
            "    {}: {}",
            status_words::unknown(lang),
            u.render(lang)
        );
    }
    for n in &t.notes {
        let _ = writeln!(out, "    {}: {}", table_words::note(lang), n.render(lang));
    }
    out
}

/// The kind of rule a timeline cannot decide (`list`, `next`, `suspend`), in `lang`.
fn undecided_word(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "list" => words::list(lang),
        "next" => words::next(lang),
        _ => words::suspend(lang),
    }
}

/// Across bases: counts by status, suspended cities and the policy's lists.
pub fn summary(all: &[BaseTimeline], lang: Lang) -> String {
    let mut out = String::new();
    let mut counts: indexmap::IndexMap<crate::syntax::ast::BaseStatus, usize> =
        indexmap::IndexMap::new();
    for t in all {
        *counts.entry(t.status).or_default() += 1;
    }
    let cells: Vec<String> = counts
        .iter()
        .map(|(k, v)| format!("{} {v}", k.word(lang)))
        .collect();
    let _ = writeln!(
        out,
        "\n{} {}: {}",
        all.len(),
        words::bases(lang),
        cells.join(", ")
    );
    let mut suspended: Vec<String> = all
        .iter()
        .flat_map(|t| t.suspensions.iter())
        .map(|s| {
            format!(
                "{} {} {} ({} {})",
                s.city,
                words::in_year(lang),
                s.year,
                s.article.as_deref().unwrap_or(""),
                s.rule
            )
        })
        .collect();
    suspended.sort();
    suspended.dedup();
    if !suspended.is_empty() {
        let _ = writeln!(
            out,
            "{}: {}",
            words::applications_suspended(lang),
            suspended.join("; ")
        );
    }
    let mut lists: indexmap::IndexMap<String, (Vec<String>, Vec<String>)> =
        indexmap::IndexMap::new();
    for t in all {
        let name = t.name.clone().unwrap_or_default();
        for (n, article) in &t.lists {
            let key = format!("{} {n}", article.as_deref().unwrap_or(""));
            lists.entry(key).or_default().0.push(name.clone());
        }
        for u in t.undetermined.iter().filter(|u| u.kind == "list") {
            let key = format!("{} {}", u.article.as_deref().unwrap_or(""), u.name);
            lists.entry(key).or_default().1.push(name.clone());
        }
    }
    for (list, (names, open)) in lists {
        let mut parts = Vec::new();
        if !names.is_empty() {
            parts.push(names.join(", "));
        }
        if !open.is_empty() {
            parts.push(format!(
                "({}: {})",
                status_words::undetermined(lang),
                open.join(", ")
            ));
        }
        let _ = writeln!(out, "{list}: {}", parts.join(" "));
    }
    out
}
