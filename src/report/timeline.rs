//! Timeline reports: each base's status on a date with its reasons and what comes next, and the
//! lists across bases (suspended cities, bases to promote or that may upgrade).

use crate::timeline::BaseTimeline;
use serde_json::{json, Map, Value as Json};
use std::fmt::Write;

fn status_name(t: &BaseTimeline) -> &'static str {
    match t.status {
        crate::syntax::ast::BaseStatus::Pending => "pending",
        crate::syntax::ast::BaseStatus::Active => "active",
        crate::syntax::ast::BaseStatus::Revoked => "revoked",
        crate::syntax::ast::BaseStatus::Lapsed => "lapsed",
        crate::syntax::ast::BaseStatus::Excluded => "excluded",
    }
}

/// What `jidi timeline --format json` prints: one pretty-printed array, one object per base.
pub fn document(all: &[BaseTimeline]) -> String {
    let items: Vec<Json> = all.iter().map(json).collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_default();
    out.push('\n');
    out
}

/// One base as JSON: `name`, `status`, `reasons` (each with its article), and more.
pub fn json(t: &BaseTimeline) -> Json {
    let mut o = Map::new();
    o.insert("name".into(), json!(t.name));
    o.insert("tier".into(), json!(t.tier));
    o.insert("status".into(), json!(status_name(t)));
    o.insert("state".into(), json!(t.state));
    o.insert("since".into(), json!(t.since.map(|d| d.to_string())));
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
                        "text": r.text,
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
                "renewals": term.renewals,
            }),
        );
    }
    let next: Map<String, Json> = t
        .next
        .iter()
        .map(|(name, article, value)| (name.clone(), json!({ "value": value, "article": article })))
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
    o.insert(
        "suspensions".into(),
        Json::Array(
            t.suspensions
                .iter()
                .map(|s| json!({ "city": s.city, "year": s.year, "rule": s.rule, "article": s.article }))
                .collect(),
        ),
    );
    o.insert("unknowns".into(), json!(t.unknowns));
    Json::Object(o)
}

/// One base for people.
pub fn table(t: &BaseTimeline, place: &str) -> String {
    let mut out = String::new();
    let name = t.name.as_deref().unwrap_or("(unnamed)");
    let tier = t.tier.as_deref().unwrap_or("?");
    let since = t.since.map_or_else(String::new, |d| format!(" since {d}"));
    let _ = writeln!(
        out,
        "{name}  [{tier}]  {} ({}){since}  {place}",
        t.state,
        status_name(t)
    );
    for r in t.reasons.iter().filter(|_| t.term.is_none()) {
        let article = r.article.as_deref().unwrap_or("");
        let since = r.since.map_or_else(String::new, |d| format!(" from {d}"));
        let _ = writeln!(out, "    {article} {} → {}{since}", r.rule, r.state);
    }
    if let Some(term) = &t.term {
        let article = term.article.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "    {article} {} {} – {}, re-review due by {} ({} renewals)",
            term.name, term.start, term.end, term.end, term.renewals
        );
    }
    for (n, article, value) in &t.next {
        let _ = writeln!(
            out,
            "    next: {} {n} = {value}",
            article.as_deref().unwrap_or("")
        );
    }
    for (n, article) in &t.lists {
        let _ = writeln!(out, "    list: {} {n}", article.as_deref().unwrap_or(""));
    }
    for u in &t.unknowns {
        let _ = writeln!(out, "    unknown: {u}");
    }
    out
}

/// Across bases: suspended cities and the policy's lists.
pub fn summary(all: &[BaseTimeline]) -> String {
    let mut out = String::new();
    let mut counts: indexmap::IndexMap<&str, usize> = indexmap::IndexMap::new();
    for t in all {
        *counts.entry(status_name(t)).or_default() += 1;
    }
    let cells: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(out, "\n{} bases: {}", all.len(), cells.join(", "));
    let mut suspended: Vec<String> = all
        .iter()
        .flat_map(|t| t.suspensions.iter())
        .map(|s| {
            format!(
                "{} in {} ({} {})",
                s.city,
                s.year,
                s.article.as_deref().unwrap_or(""),
                s.rule
            )
        })
        .collect();
    suspended.sort();
    suspended.dedup();
    if !suspended.is_empty() {
        let _ = writeln!(out, "applications suspended: {}", suspended.join("; "));
    }
    let mut lists: indexmap::IndexMap<String, Vec<String>> = indexmap::IndexMap::new();
    for t in all {
        for (n, article) in &t.lists {
            let key = format!("{} {n}", article.as_deref().unwrap_or(""));
            lists
                .entry(key)
                .or_default()
                .push(t.name.clone().unwrap_or_default());
        }
    }
    for (list, names) in lists {
        let _ = writeln!(out, "{list}: {}", names.join(", "));
    }
    out
}
