//! The report for an expert panel as Markdown: the same summary and sections as the HTML
//! report, with the groups' scores as a table instead of a chart.

use super::html::{
    deciding, gates, group_scores, indicator_lines, indicators_by_group, park_name, status_label,
    tier_name, verdict_label, Batch, Park, VERDICTS,
};
use super::{explain, kind_name, verdict_name};
use crate::check::ir::{Policy, RuleRole};
use std::fmt::Write;

/// Text from a record or a policy, in a table cell or anywhere else: literal, on one line, with
/// no HTML or Markdown of its own.
fn cell(s: &str) -> String {
    crate::escape::markdown(s)
}

/// The whole report as Markdown.
pub fn render(policy: &Policy, batch: &Batch) -> String {
    let mut out = String::new();
    let mut title = policy.meta.title.clone();
    if let Some(v) = &policy.meta.version {
        title = format!("{title}（{v}）");
    }
    let _ = writeln!(out, "# {}\n", cell(&title));
    let _ = writeln!(
        out,
        "评审报告 · report on {} parks\n",
        batch.parks.len() + batch.unread.len()
    );
    summary(&mut out, policy, batch);
    for (i, p) in batch.parks.iter().enumerate() {
        park(&mut out, policy, i, p);
    }
    out
}

fn summary(out: &mut String, policy: &Policy, batch: &Batch) {
    let s = batch.summary(policy);
    out.push_str("## 汇总 Summary\n\n| tier |");
    for v in VERDICTS {
        let _ = write!(out, " {} |", verdict_label(v));
    }
    out.push_str(" total |\n|---|---:|---:|---:|---:|\n");
    let mut totals = [0usize; 3];
    for (tier, counts) in &s.by_tier {
        let _ = write!(out, "| {} |", cell(tier));
        let mut row = 0;
        for (v, total) in VERDICTS.iter().zip(totals.iter_mut()) {
            let n = counts.get(verdict_name(*v)).copied().unwrap_or(0);
            *total += n;
            row += n;
            let _ = write!(out, " {n} |");
        }
        let _ = writeln!(out, " {row} |");
    }
    if s.rejected > 0 {
        let _ = writeln!(out, "| 未能读取 rejected | | | | {} |", s.rejected);
    }
    let [eligible, not_eligible, undetermined] = totals;
    let _ = writeln!(
        out,
        "| **all** | **{eligible}** | **{not_eligible}** | **{undetermined}** | **{}** |\n",
        s.records
    );
    if !batch.unread.is_empty() {
        let _ = writeln!(
            out,
            "{} record(s) rejected: they could not be read, so have no verdict (listed below with \
             their errors).\n",
            batch.unread.len()
        );
    }

    let fails = s.most_frequent_failures();
    out.push_str("### 最常未达到的规则 Most frequent blocking failures\n\n");
    if fails.is_empty() {
        out.push_str("No condition, veto or constraint fails for any park.\n\n");
    } else {
        out.push_str("| rule | article | kind | parks |\n|---|---|---|---:|\n");
        for (rule, n) in fails.iter().take(10) {
            let Some(def) = policy.rules.get(*rule) else {
                continue;
            };
            let kind = match def.role {
                RuleRole::Condition => "condition",
                RuleRole::Veto => "veto",
                RuleRole::Indicator => "constraint",
            };
            let _ = writeln!(
                out,
                "| {} | {} | {kind} | {n} |",
                cell(&def.name),
                cell(&def.article)
            );
        }
        out.push('\n');
    }

    out.push_str(
        "### 园区 Parks\n\n| # | park | tier | verdict | record |\n|---:|---|---|---|---|\n",
    );
    for (i, p) in batch.parks.iter().enumerate() {
        let j = &p.judgement;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            i + 1,
            cell(park_name(j)),
            cell(tier_name(policy, j)),
            verdict_label(j.verdict),
            cell(&p.place)
        );
    }
    out.push('\n');
    if !batch.unread.is_empty() {
        out.push_str("### 未能读取 Rejected records\n\n");
        for u in &batch.unread {
            let name = u
                .name
                .as_ref()
                .map_or_else(String::new, |n| format!(" {}", cell(n)));
            let _ = writeln!(out, "- {}{name}", cell(&u.place));
            for p in &u.problems {
                let _ = writeln!(out, "  - {}", cell(p));
            }
        }
        out.push('\n');
    }
}

fn park(out: &mut String, policy: &Policy, i: usize, p: &Park) {
    let j = &p.judgement;
    let _ = writeln!(
        out,
        "## {}. {} — **{}**\n",
        i + 1,
        cell(park_name(j)),
        verdict_label(j.verdict)
    );
    let _ = writeln!(out, "- 申报类型 tier: {}", cell(tier_name(policy, j)));
    let _ = writeln!(out, "- record: {}", cell(&p.place));
    if let Some(t) = &j.title {
        let _ = writeln!(out, "- 称号 title: {}", cell(t));
    }
    for (k, (d, v)) in policy.decisions.iter().zip(&j.decisions).enumerate() {
        let because: Vec<String> = super::decision_reasons(policy, j, k)
            .into_iter()
            .map(|r| r.text(policy, true))
            .collect();
        let _ = writeln!(
            out,
            "- 判定 decision {} ({}): **{}**{}",
            cell(d.name.as_deref().unwrap_or("")),
            cell(d.article.as_deref().unwrap_or("")),
            verdict_label(*v),
            if because.is_empty() {
                String::new()
            } else {
                format!(" — {}", cell(&because.join("; ")))
            }
        );
    }
    out.push('\n');
    let why = deciding(policy, j);
    if !why.is_empty() {
        out.push_str("**判定依据 Decided by**\n\n");
        for w in &why {
            let _ = writeln!(out, "- {}", cell(w));
        }
        out.push('\n');
    }

    let scores = group_scores(policy, j);
    if !scores.is_empty() {
        out.push_str(
            "**Groups** — the share of each group's indicators that apply and pass (unknown counts \
             as not passed):\n\n| group 一级指标 | passed | share |\n|---|---:|---:|\n",
        );
        for g in &scores {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&g.group),
                g.ratio(),
                g.percent()
            );
        }
        out.push('\n');
    }

    let gates = gates(policy, j);
    if !gates.is_empty() {
        out.push_str("### 条件与否决 Conditions and vetoes\n\n| rule | article | kind | status | detail |\n|---|---|---|---|---|\n");
        for (rule, r) in gates {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&rule.name),
                cell(&rule.article),
                kind_name(rule, r),
                status_label(r.status),
                cell(&explain(policy, r))
            );
        }
        out.push('\n');
    }

    let (groups, skipped) = indicators_by_group(policy, j);
    out.push_str("### 指标 Indicators\n\n");
    for (group, rules) in groups {
        let _ = writeln!(
            out,
            "#### {}\n\n| indicator | article | kind | status | figure | threshold | margin |\n|---|---|---|---|---:|---|---:|",
            cell(group.as_deref().unwrap_or("other indicators"))
        );
        for (rule, r) in rules {
            for (k, line) in indicator_lines(policy, rule, r).into_iter().enumerate() {
                let (label, article, kind) = if k == 0 {
                    (cell(&line.label), cell(&rule.article), kind_name(rule, r))
                } else {
                    (format!("↳ {}", cell(&line.label)), String::new(), "")
                };
                let _ = writeln!(
                    out,
                    "| {label} | {article} | {kind} | {} | {} | {} | {} |",
                    status_label(line.status),
                    cell(&line.figure),
                    cell(&line.threshold),
                    cell(&line.margin)
                );
            }
        }
        out.push('\n');
    }
    if !skipped.is_empty() {
        let names: Vec<String> = skipped.iter().map(|r| cell(&r.name)).collect();
        let _ = writeln!(
            out,
            "不适用 Not applicable to this park: {}\n",
            names.join("、")
        );
    }
}
