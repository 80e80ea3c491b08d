//! Timeline reports: each base's status on a date with its reasons and what comes next, and the
//! lists across bases (suspended cities, bases to promote or that may upgrade, and the bases a
//! list cannot decide for lack of a figure).

use crate::i18n::{label, phrase};
use crate::timeline::{BaseTimeline, When};
use serde_json::{json, Map, Value as Json};
use std::fmt::Write;

/// The status as JSON and tables name it.
pub fn status_name(t: &BaseTimeline) -> &'static str {
    match t.status {
        crate::syntax::ast::BaseStatus::Pending => "pending",
        crate::syntax::ast::BaseStatus::Active => "active",
        crate::syntax::ast::BaseStatus::Revoked => "revoked",
        crate::syntax::ast::BaseStatus::Lapsed => "lapsed",
        crate::syntax::ast::BaseStatus::Excluded => "excluded",
        crate::syntax::ast::BaseStatus::Undetermined => "undetermined",
    }
}

/// What `jidi timeline --format json` prints: one pretty-printed array, one object per base.
pub fn document(all: &[BaseTimeline]) -> String {
    let items: Vec<Json> = all.iter().map(json).collect();
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

/// One base as JSON: `name`, `status`, `reasons` (each with its article), and more.
pub fn json(t: &BaseTimeline) -> Json {
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
    o.insert("unknowns".into(), json!(t.unknowns));
    o.insert("notes".into(), json!(t.notes));
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
pub fn held_line(t: &BaseTimeline, as_of: chrono::NaiveDate) -> String {
    let since = t
        .since
        .map_or_else(String::new, |d| format!(" {} {d}", label("since")));
    let lists = if t.lists.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = t.lists.iter().map(|(n, _)| n.as_str()).collect();
        format!("; {}: {}", label("list"), names.join(", "))
    };
    format!(
        "    {} {as_of}: {} {} — {} ({}){since}{lists}\n",
        label("as of"),
        label("holds"),
        t.tier.as_deref().unwrap_or("?"),
        t.state,
        label(status_name(t)),
    )
}

/// One base for people.
pub fn table(t: &BaseTimeline, place: &str) -> String {
    let mut out = String::new();
    let name = t.name.as_deref().unwrap_or(label("(unnamed)"));
    let tier = t.tier.as_deref().unwrap_or("?");
    let since = match (t.since, &t.since_between) {
        (Some(d), _) => format!(" {} {d}", label("since")),
        (None, Some(w)) => format!(" {} {w}", label("since")),
        (None, None) => String::new(),
    };
    let _ = writeln!(
        out,
        "{name}  [{tier}]  {} ({}){since}  {place}",
        t.state,
        label(status_name(t))
    );
    for r in t.reasons.iter().filter(|_| t.term.is_none()) {
        let article = r.article.as_deref().unwrap_or("");
        let since = match (r.since, &r.between) {
            (Some(d), _) => format!(" {} {d}", label("from")),
            (None, Some(w)) => format!(" {} {w}", label("from")),
            (None, None) => String::new(),
        };
        let _ = writeln!(out, "    {article} {} → {}{since}", r.rule, r.state);
    }
    if let Some(term) = &t.term {
        let article = term.article.as_deref().unwrap_or("");
        let mut late = term.late_until.map_or_else(String::new, |d| {
            format!(", {} {d}", label("a late review counts until"))
        });
        if term.overdue {
            late.push_str(&format!(", {}", label("re-review overdue")));
        }
        let _ = writeln!(
            out,
            "    {article} {} {} – {}, {} {}{late} ({} {})",
            term.name,
            term.start,
            term.end,
            label("re-review due by"),
            term.end,
            term.renewals,
            label("renewals")
        );
    }
    for (n, article, value) in &t.next {
        let _ = writeln!(
            out,
            "    {}: {} {n} = {value}",
            label("next"),
            article.as_deref().unwrap_or("")
        );
    }
    for (n, article) in &t.lists {
        let _ = writeln!(
            out,
            "    {}: {} {n}",
            label("list"),
            article.as_deref().unwrap_or("")
        );
    }
    for u in &t.undetermined {
        let _ = writeln!(
            out,
            "    {}: {} {} {} — {}: {}",
            label("undetermined"),
            label(u.kind),
            u.article.as_deref().unwrap_or(""),
            u.name,
            label("missing"),
            if u.missing.is_empty() {
                "?".to_string()
            } else {
                u.missing.join(", ")
            }
        );
    }
    for u in &t.unknowns {
        let _ = writeln!(out, "    {}: {}", label("unknown"), phrase(u));
    }
    for n in &t.notes {
        let _ = writeln!(out, "    {}: {}", label("note"), phrase(n));
    }
    out
}

/// Across bases: counts by status, suspended cities and the policy's lists.
pub fn summary(all: &[BaseTimeline]) -> String {
    let mut out = String::new();
    let mut counts: indexmap::IndexMap<&str, usize> = indexmap::IndexMap::new();
    for t in all {
        *counts.entry(status_name(t)).or_default() += 1;
    }
    let cells: Vec<String> = counts
        .iter()
        .map(|(k, v)| format!("{} {v}", label(k)))
        .collect();
    let _ = writeln!(
        out,
        "\n{} {}: {}",
        all.len(),
        label("bases"),
        cells.join(", ")
    );
    let mut suspended: Vec<String> = all
        .iter()
        .flat_map(|t| t.suspensions.iter())
        .map(|s| {
            format!(
                "{} {} {} ({} {})",
                s.city,
                label("in"),
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
            label("applications suspended"),
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
            parts.push(format!("({}: {})", label("undetermined"), open.join(", ")));
        }
        let _ = writeln!(out, "{list}: {}", parts.join(" "));
    }
    out
}
