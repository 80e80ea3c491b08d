//! The printable report for an expert panel: a summary across parks, then one section per park
//! with its verdict, its rules by group and a radar chart of the groups, as one self-contained
//! HTML page (inline CSS and SVG, no script, a page break per park when printed).
//!
//! The batch model ([`Batch`]) and the group measure ([`group_scores`]) are shared with the
//! Markdown report.

use super::{
    explain, figure_text, kind_name, margin_text, rule_figure_text, threshold_text, verdict_name,
    Summary,
};
use crate::check::ir::{Policy, RuleDef, RuleRole};
use crate::eval::{Judgement, RuleResult, Status};
use crate::syntax::ast::{RuleClass, Verdict};
use std::fmt::Write;

/// What a report covers: the parks judged, in input order, and the records that could not be.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub parks: Vec<Park>,
    pub unread: Vec<Unread>,
}

/// One judged park and where its record came from (`申报表.xlsx#3`, `examples/01.json`).
#[derive(Debug, Clone)]
pub struct Park {
    pub place: String,
    pub judgement: Judgement,
}

/// A record that could not be evaluated, with its errors.
#[derive(Debug, Clone)]
pub struct Unread {
    pub place: String,
    pub name: Option<String>,
    pub problems: Vec<String>,
}

impl Batch {
    /// Counts per tier and verdict, and the blocking rules that fail most often.
    pub fn summary(&self, policy: &Policy) -> Summary {
        let mut s = Summary::default();
        for p in &self.parks {
            s.add(policy, &p.judgement);
        }
        for _ in &self.unread {
            s.add_rejected();
        }
        s
    }
}

/// How far a park is from a group's thresholds: of the group's indicators that apply to it
/// (constraint and guidance alike), how many pass. An unknown indicator is not passed.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupScore {
    pub group: String,
    pub passed: usize,
    pub applicable: usize,
}

impl GroupScore {
    /// The share passed, 0 to 1; `None` when no indicator of the group applies.
    pub fn share(&self) -> Option<f64> {
        (self.applicable > 0).then(|| self.passed as f64 / self.applicable as f64)
    }

    /// `3/4`, or `n/a`.
    pub fn ratio(&self) -> String {
        if self.applicable == 0 {
            "n/a".into()
        } else {
            format!("{}/{}", self.passed, self.applicable)
        }
    }

    /// `75%`, or `n/a`.
    pub fn percent(&self) -> String {
        self.share()
            .map_or_else(|| "n/a".into(), |s| format!("{:.0}%", s * 100.0))
    }
}

/// The policy's indicator groups, in the order the policy first names them.
pub fn groups(policy: &Policy) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &policy.rules {
        if let (RuleRole::Indicator, Some(g)) = (r.role, &r.group) {
            if !out.contains(g) {
                out.push(g.clone());
            }
        }
    }
    out
}

/// The score of each group of the policy for one park (the radar chart's axes).
pub fn group_scores(policy: &Policy, j: &Judgement) -> Vec<GroupScore> {
    groups(policy)
        .into_iter()
        .map(|g| {
            let applicable: Vec<&RuleResult> = j
                .results
                .iter()
                .filter(|r| {
                    policy.rules.get(r.rule).is_some_and(|rule| {
                        rule.role == RuleRole::Indicator && rule.group.as_ref() == Some(&g)
                    }) && r.status != Status::NotApplicable
                })
                .collect();
            GroupScore {
                passed: applicable
                    .iter()
                    .filter(|r| r.status == Status::Pass)
                    .count(),
                applicable: applicable.len(),
                group: g,
            }
        })
        .collect()
}

/// The name of a park as reports show it.
pub fn park_name(j: &Judgement) -> &str {
    j.name.as_deref().unwrap_or("(unnamed)")
}

/// The tier of a judgement, by name.
pub fn tier_name<'p>(policy: &'p Policy, j: &Judgement) -> &'p str {
    j.tier
        .and_then(|t| policy.tiers.get(t))
        .map_or("?", |t| t.name.as_str())
}

/// A verdict with its Chinese gloss: `eligible · 符合`.
pub fn verdict_label(v: Verdict) -> String {
    let gloss = match v {
        Verdict::Eligible => "符合",
        Verdict::NotEligible => "不符合",
        Verdict::Undetermined => "待定",
    };
    format!("{} · {gloss}", verdict_name(v))
}

/// A status with its Chinese gloss: `fail · 未通过`.
pub fn status_label(s: Status) -> String {
    let (name, gloss) = match s {
        Status::Pass => ("pass", "通过"),
        Status::Fail => ("fail", "未通过"),
        Status::Unknown => ("unknown", "未知"),
        Status::NotApplicable => ("n/a", "不适用"),
    };
    format!("{name} · {gloss}")
}

/// The verdicts a summary counts, in the order it shows them.
pub const VERDICTS: [Verdict; 3] = [
    Verdict::Eligible,
    Verdict::NotEligible,
    Verdict::Undetermined,
];

/// The rows of a rule's table: the rule's own line, then one line per check when it has
/// several. Each row: the label, then figure, threshold and margin (or the test and what it read).
pub struct Line {
    pub label: String,
    pub status: Status,
    pub figure: String,
    pub threshold: String,
    pub margin: String,
}

/// The lines of one indicator: its figure, threshold and margin, or one line per check.
pub fn indicator_lines(policy: &Policy, rule: &RuleDef, r: &RuleResult) -> Vec<Line> {
    let mut out = Vec::new();
    let single = match r.checks.as_slice() {
        [one] => Some(one),
        _ => None,
    };
    let figure = single
        .and_then(|c| figure_text(policy, c))
        .or_else(|| rule_figure_text(policy, rule, r))
        .unwrap_or_default();
    let (threshold, margin) = match single {
        Some(c) => (
            threshold_text(policy, c).unwrap_or_else(|| {
                if c.op.is_none() {
                    c.text.clone()
                } else {
                    String::new()
                }
            }),
            margin_text(policy, c).unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    let margin = match single {
        Some(c) if c.status == Status::Unknown && margin.is_empty() => {
            let gaps = super::missing(policy, c);
            if gaps.is_empty() {
                margin
            } else {
                format!("missing {}", gaps.join(", "))
            }
        }
        _ => margin,
    };
    let mut label = rule.name.clone();
    if let Some(case) = &r.case {
        label = format!("{label}（{case}）");
    }
    out.push(Line {
        label,
        status: r.status,
        figure,
        threshold,
        margin,
    });
    if r.checks.len() > 1 {
        for c in &r.checks {
            out.push(Line {
                label: c.text.clone(),
                status: c.status,
                figure: figure_text(policy, c).unwrap_or_default(),
                threshold: threshold_text(policy, c).unwrap_or_default(),
                margin: margin_text(policy, c).unwrap_or_default(),
            });
        }
    }
    let note = r.note.as_deref().map(crate::i18n::note);
    if let (Some(n), Some(first)) = (&note, out.first_mut()) {
        if first.threshold.is_empty() {
            first.threshold = n.clone();
        } else {
            first.threshold = format!("{}; {n}", first.threshold);
        }
    }
    out
}

/// What decided a verdict other than eligible: the blocking rules that fail (not eligible) or
/// are unknown (undetermined), as `第九条 重大生产安全事故 (veto): triggered by …`.
pub fn deciding(policy: &Policy, j: &Judgement) -> Vec<String> {
    let want = match j.verdict {
        Verdict::NotEligible => Status::Fail,
        Verdict::Undetermined => Status::Unknown,
        Verdict::Eligible => return Vec::new(),
    };
    j.results
        .iter()
        .filter(|r| r.status == want && blocking(policy, r))
        .filter_map(|r| {
            let rule = policy.rules.get(r.rule)?;
            let detail = explain(policy, r);
            let head = format!(
                "{} {} ({}, {})",
                rule.article,
                rule.name,
                kind_name(rule, r),
                r.status.as_str()
            );
            Some(if detail.is_empty() {
                head
            } else {
                format!("{head}: {detail}")
            })
        })
        .collect()
}

/// The conditions and vetoes of a judgement, with their results.
pub fn gates<'a>(policy: &'a Policy, j: &'a Judgement) -> Vec<(&'a RuleDef, &'a RuleResult)> {
    j.results
        .iter()
        .filter_map(|r| policy.rules.get(r.rule).map(|rule| (rule, r)))
        .filter(|(rule, _)| rule.role != RuleRole::Indicator)
        .collect()
}

/// The indicators of a judgement that apply, by group in the policy's order (ungrouped last,
/// under `None`), and those that do not apply.
#[allow(clippy::type_complexity)]
pub fn indicators_by_group<'a>(
    policy: &'a Policy,
    j: &'a Judgement,
) -> (
    Vec<(Option<String>, Vec<(&'a RuleDef, &'a RuleResult)>)>,
    Vec<&'a RuleDef>,
) {
    let mut out: Vec<(Option<String>, Vec<(&RuleDef, &RuleResult)>)> = groups(policy)
        .into_iter()
        .map(|g| (Some(g), Vec::new()))
        .collect();
    out.push((None, Vec::new()));
    let mut skipped = Vec::new();
    for r in &j.results {
        let Some(rule) = policy.rules.get(r.rule) else {
            continue;
        };
        if rule.role != RuleRole::Indicator {
            continue;
        }
        if r.status == Status::NotApplicable {
            skipped.push(rule);
            continue;
        }
        if let Some((_, list)) = out.iter_mut().find(|(g, _)| *g == rule.group) {
            list.push((rule, r));
        }
    }
    out.retain(|(_, list)| !list.is_empty());
    (out, skipped)
}

/// Whether a result blocks the verdict when it fails (everything but guidance).
pub fn blocking(policy: &Policy, r: &RuleResult) -> bool {
    !matches!(policy.class_of(r), Some(RuleClass::Guidance))
}

pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn verdict_class(v: Verdict) -> &'static str {
    verdict_name(v)
}

fn status_class(s: Status) -> &'static str {
    s.as_str()
}

const STYLE: &str = r#"
:root { --pass: #1b7f3b; --fail: #b3261e; --unknown: #9a6700; --na: #777; --ink: #1f2328; --rule: #d0d7de; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans SC", "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; font-size: 14px; line-height: 1.5; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
h4 { font-size: 14px; margin: 12px 0 4px; }
.meta { color: #555; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
table.indicators { table-layout: fixed; }
table.indicators th:nth-child(1) { width: 30%; }
table.indicators th:nth-child(2) { width: 10%; }
table.indicators th:nth-child(3) { width: 9%; }
table.indicators th:nth-child(4) { width: 11%; }
table.indicators th:nth-child(5) { width: 14%; }
table.indicators th:nth-child(6) { width: 14%; }
table.indicators th:nth-child(7) { width: 12%; }
.status { white-space: nowrap; }
tr.check td:first-child { padding-left: 22px; color: #444; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.verdict.eligible, .status.pass { color: var(--pass); }
.verdict.not_eligible, .status.fail { color: var(--fail); }
.verdict.undetermined, .status.unknown { color: var(--unknown); }
.status.not_applicable { color: var(--na); }
h2 .verdict { font-size: 14px; vertical-align: middle; margin-left: 8px; }
.overview { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
.overview svg { flex: 0 0 auto; }
.overview table { flex: 1 1 300px; width: auto; }
svg.radar text { font-size: 11px; fill: var(--ink); }
svg.radar .ring { fill: none; stroke: var(--rule); }
svg.radar .axis { stroke: var(--rule); }
svg.radar .score { fill: rgba(31, 111, 235, 0.25); stroke: #1f6feb; stroke-width: 2; }
svg.radar .dot { fill: #1f6feb; }
.skipped { color: var(--na); font-size: 12px; }
.why { border-left: 4px solid currentColor; padding: 4px 12px; margin: 0 0 12px; background: #fafafa; }
.why.not_eligible { color: var(--fail); }
.why.undetermined { color: var(--unknown); }
.why ul { margin: 4px 0; padding-left: 18px; color: var(--ink); }
.unread { color: var(--fail); }
section { margin-bottom: 32px; }
section.park { border-top: 1px solid var(--rule); padding-top: 16px; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  section.park { break-before: page; border-top: none; padding-top: 0; }
  h3, h4 { break-after: avoid; }
  .overview { flex-wrap: nowrap; gap: 12px; }
  .overview svg { width: 300px; height: auto; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The whole report as one self-contained HTML page.
pub fn render(policy: &Policy, batch: &Batch) -> String {
    let mut out = String::new();
    let mut title = policy.meta.title.clone();
    if let Some(v) = &policy.meta.version {
        title = format!("{title}（{v}）");
    }
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — 评审报告 report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"meta\">评审报告 · report on {} parks</p></header>",
        esc(&title),
        batch.parks.len() + batch.unread.len()
    );
    summary(&mut out, policy, batch);
    for (i, p) in batch.parks.iter().enumerate() {
        park(&mut out, policy, i, p);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn summary(out: &mut String, policy: &Policy, batch: &Batch) {
    let s = batch.summary(policy);
    out.push_str("<section class=\"summary\" id=\"summary\">\n<h2>汇总 Summary</h2>\n");
    out.push_str("<table class=\"counts\"><thead><tr><th>tier</th>");
    for v in VERDICTS {
        let _ = write!(out, "<th>{}</th>", esc(&verdict_label(v)));
    }
    out.push_str("<th>total</th></tr></thead><tbody>\n");
    let mut totals = [0usize; 3];
    for (tier, counts) in &s.by_tier {
        let _ = write!(out, "<tr><td>{}</td>", esc(tier));
        let mut row = 0;
        for (v, total) in VERDICTS.iter().zip(totals.iter_mut()) {
            let n = counts.get(verdict_name(*v)).copied().unwrap_or(0);
            *total += n;
            row += n;
            let _ = write!(out, "<td class=\"num\">{n}</td>");
        }
        let _ = writeln!(out, "<td class=\"num\">{row}</td></tr>");
    }
    if s.rejected > 0 {
        let _ = writeln!(
            out,
            "<tr class=\"unread\"><td>未能读取 rejected</td><td></td><td></td><td></td>\
             <td class=\"num\">{}</td></tr>",
            s.rejected
        );
    }
    out.push_str("<tr><th>all</th>");
    for n in totals {
        let _ = write!(out, "<th class=\"num\">{n}</th>");
    }
    let _ = writeln!(
        out,
        "<th class=\"num\">{}</th></tr></tbody></table>",
        s.records
    );
    if !batch.unread.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"unread\">{} record(s) rejected: they could not be read, so have no \
             verdict (listed below with their errors).</p>",
            batch.unread.len()
        );
    }

    let fails = s.most_frequent_failures();
    out.push_str("<h3>最常未达到的规则 Most frequent blocking failures</h3>\n");
    if fails.is_empty() {
        out.push_str("<p>No condition, veto or constraint fails for any park.</p>\n");
    } else {
        out.push_str(
            "<table class=\"failures\"><thead><tr><th>rule</th><th>article</th><th>kind</th>\
             <th>parks</th></tr></thead><tbody>\n",
        );
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
                "<tr><td>{}</td><td>{}</td><td>{kind}</td><td class=\"num\">{n}</td></tr>",
                esc(&def.name),
                esc(&def.article)
            );
        }
        out.push_str("</tbody></table>\n");
    }

    out.push_str("<h3>园区 Parks</h3>\n<table class=\"parks\"><thead><tr><th>#</th><th>park</th><th>tier</th><th>verdict</th><th>record</th></tr></thead><tbody>\n");
    for (i, p) in batch.parks.iter().enumerate() {
        let j = &p.judgement;
        let _ = writeln!(
            out,
            "<tr><td class=\"num\">{}</td><td><a href=\"#park-{}\">{}</a></td><td>{}</td>\
             <td><span class=\"badge verdict {}\">{}</span></td><td>{}</td></tr>",
            i + 1,
            i + 1,
            esc(park_name(j)),
            esc(tier_name(policy, j)),
            verdict_class(j.verdict),
            esc(&verdict_label(j.verdict)),
            esc(&p.place)
        );
    }
    out.push_str("</tbody></table>\n");
    if !batch.unread.is_empty() {
        out.push_str("<h3>未能读取 Rejected records</h3>\n<ul class=\"unread\">\n");
        for u in &batch.unread {
            let name = u
                .name
                .as_ref()
                .map_or_else(String::new, |n| format!(" {}", esc(n)));
            let _ = write!(out, "<li>{}{name}<ul>", esc(&u.place));
            for p in &u.problems {
                let _ = write!(out, "<li>{}</li>", esc(p));
            }
            out.push_str("</ul></li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn park(out: &mut String, policy: &Policy, i: usize, p: &Park) {
    let j = &p.judgement;
    let _ = writeln!(
        out,
        "<section class=\"park\" id=\"park-{}\" data-verdict=\"{}\">",
        i + 1,
        verdict_name(j.verdict)
    );
    let _ = writeln!(
        out,
        "<h2>{}. {} <span class=\"badge verdict {}\">{}</span></h2>",
        i + 1,
        esc(park_name(j)),
        verdict_class(j.verdict),
        esc(&verdict_label(j.verdict))
    );
    let mut meta = vec![
        format!("申报类型 tier: {}", esc(tier_name(policy, j))),
        format!("record: {}", esc(&p.place)),
    ];
    if let Some(t) = &j.title {
        meta.push(format!("称号 title: {}", esc(t)));
    }
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    let why = deciding(policy, j);
    if !why.is_empty() {
        let _ = write!(
            out,
            "<div class=\"why {}\"><strong>判定依据 Decided by</strong><ul>",
            verdict_class(j.verdict)
        );
        for w in &why {
            let _ = write!(out, "<li>{}</li>", esc(w));
        }
        out.push_str("</ul></div>\n");
    }

    let scores = group_scores(policy, j);
    if !scores.is_empty() {
        out.push_str("<div class=\"overview\">\n");
        let charted: Vec<GroupScore> = scores
            .iter()
            .filter(|g| g.applicable > 0)
            .cloned()
            .collect();
        if !charted.is_empty() {
            out.push_str(&radar(&charted, &format!("{} — groups", park_name(j))));
        }
        out.push_str(
            "<table class=\"groups\"><thead><tr><th>group 一级指标</th><th>passed</th><th>share</th>\
             </tr></thead><tbody>\n",
        );
        for g in &scores {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&g.group),
                g.ratio(),
                g.percent()
            );
        }
        out.push_str(
            "</tbody></table>\n</div>\n<p class=\"skipped\">Chart: for each group, the share of its \
             indicators that apply to this park and pass (constraint and guidance alike; unknown \
             counts as not passed). The outer ring is 100%; groups with no indicator for this park \
             are left out.</p>\n",
        );
    }

    let gates = gates(policy, j);
    if !gates.is_empty() {
        out.push_str(
            "<h3>条件与否决 Conditions and vetoes</h3>\n<table class=\"gates\"><thead><tr><th>rule</th>\
             <th>article</th><th>kind</th><th>status</th><th>detail</th></tr></thead><tbody>\n",
        );
        for (rule, r) in gates {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td><span class=\"status {}\">{}</span></td><td>{}</td></tr>",
                esc(&rule.name),
                esc(&rule.article),
                kind_name(rule, r),
                status_class(r.status),
                esc(&status_label(r.status)),
                esc(&explain(policy, r))
            );
        }
        out.push_str("</tbody></table>\n");
    }

    let (groups, skipped) = indicators_by_group(policy, j);
    out.push_str("<h3>指标 Indicators</h3>\n");
    for (group, rules) in groups {
        let _ = writeln!(
            out,
            "<h4>{}</h4>",
            esc(group.as_deref().unwrap_or("other indicators"))
        );
        out.push_str(
            "<table class=\"indicators\"><thead><tr><th>indicator</th><th>article</th><th>kind</th>\
             <th>status</th><th>figure</th><th>threshold</th><th>margin</th></tr></thead><tbody>\n",
        );
        for (rule, r) in rules {
            for (k, line) in indicator_lines(policy, rule, r).into_iter().enumerate() {
                let (class, article, kind) = if k == 0 {
                    ("rule", esc(&rule.article), kind_name(rule, r))
                } else {
                    ("check", String::new(), "")
                };
                let _ = writeln!(
                    out,
                    "<tr class=\"{class}\"><td>{}</td><td>{article}</td><td>{kind}</td>\
                     <td><span class=\"status {}\">{}</span></td><td class=\"num\">{}</td>\
                     <td>{}</td><td class=\"num\">{}</td></tr>",
                    esc(&line.label),
                    status_class(line.status),
                    esc(&status_label(line.status)),
                    esc(&line.figure),
                    esc(&line.threshold),
                    esc(&line.margin)
                );
            }
        }
        out.push_str("</tbody></table>\n");
    }
    if !skipped.is_empty() {
        let names: Vec<String> = skipped.iter().map(|r| esc(&r.name)).collect();
        let _ = writeln!(
            out,
            "<p class=\"skipped\">不适用 Not applicable to this park: {}</p>",
            names.join("、")
        );
    }
    out.push_str("</section>\n");
}

/// A radar chart of group scores as inline SVG: one axis per group, the outer ring 100%.
pub fn radar(scores: &[GroupScore], title: &str) -> String {
    let (w, h) = (440.0_f64, 340.0_f64);
    let (cx, cy, radius) = (w / 2.0, h / 2.0, 118.0_f64);
    let n = scores.len().max(1) as f64;
    let point = |i: usize, r: f64| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
        (cx + r * angle.cos(), cy + r * angle.sin(), angle)
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"radar\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" role=\"img\"><title>{}</title>",
        esc(title)
    );
    for ring in [0.25, 0.5, 0.75, 1.0] {
        let pts: Vec<String> = (0..scores.len())
            .map(|i| {
                let (x, y, _) = point(i, radius * ring);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            "<polygon class=\"ring\" points=\"{}\"/>",
            pts.join(" ")
        );
    }
    for (i, g) in scores.iter().enumerate() {
        let (x, y, angle) = point(i, radius);
        let _ = write!(
            svg,
            "<line class=\"axis\" x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\"/>"
        );
        let (lx, ly, _) = point(i, radius + 14.0);
        let (c, s) = (angle.cos(), angle.sin());
        let anchor = if c > 0.3 {
            "start"
        } else if c < -0.3 {
            "end"
        } else {
            "middle"
        };
        let dy = if s > 0.3 {
            0.8
        } else if s < -0.3 {
            -1.0
        } else {
            -0.1
        };
        let _ = write!(
            svg,
            "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\"><tspan x=\"{lx:.1}\" dy=\"{dy}em\">{}</tspan><tspan x=\"{lx:.1}\" dy=\"1.2em\">{} · {}</tspan></text>",
            esc(&g.group),
            g.ratio(),
            g.percent()
        );
    }
    let pts: Vec<String> = scores
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let (x, y, _) = point(i, radius * g.share().unwrap_or(0.0));
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let _ = write!(
        svg,
        "<polygon class=\"score\" points=\"{}\"/>",
        pts.join(" ")
    );
    for (i, g) in scores.iter().enumerate() {
        if g.share().is_some() {
            let (x, y, _) = point(i, radius * g.share().unwrap_or(0.0));
            let _ = write!(
                svg,
                "<circle class=\"dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\"/>"
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}
