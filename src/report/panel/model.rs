//! The panel report as a document, before any format: a header naming the policy (version,
//! file, SHA-256) and the date, a summary, the policy's assumptions, then one section per park —
//! headings, facts, tables and charts with every figure already written out in the report's
//! language. The HTML and Markdown writers only lay it out.

use super::labels::{self, t};
use super::measure::{
    deciding, gates, group_scores, indicator_lines, indicators_by_group, park_name, tier_name,
    GroupScore, VERDICTS,
};
use super::{Batch, Context, Park};
use crate::check::ir::{Policy, RuleRole};
use crate::i18n::Lang;
use crate::report::{explain, kind_word, verdict_name};
use crate::syntax::ast::{RuleClass, Verdict};

/// The whole report.
#[derive(Debug, Clone)]
pub struct Panel {
    pub lang: Lang,
    /// The measure's title, with its version.
    pub title: String,
    /// `评审报告 · 4 个园区`.
    pub subtitle: String,
    /// Label and value: version, policy file, SHA-256, effective date, generation date.
    pub identity: Vec<(String, String)>,
    pub summary: Section,
    pub parks: Vec<ParkSection>,
}

/// A titled run of blocks.
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// One park's section, which starts a printed page.
#[derive(Debug, Clone)]
pub struct ParkSection {
    /// 1-based, in input order; the section's anchor is `park-N`.
    pub number: usize,
    pub name: String,
    pub verdict: Verdict,
    /// The verdict in the report's language.
    pub verdict_label: String,
    pub blocks: Vec<Block>,
}

/// One piece of a section.
#[derive(Debug, Clone)]
pub enum Block {
    /// A heading under the section's (`h3`).
    Heading(String),
    /// A heading under that (`h4`).
    Subheading(String),
    /// Short facts on one line (HTML) or as a list (Markdown): `申报类型: 甲类`.
    Facts(Vec<String>),
    /// A paragraph.
    Text(String),
    /// Small print: how to read what is above.
    Note(String),
    /// A paragraph that warns (records not read).
    Alert(String),
    /// What decided a verdict other than eligible.
    Why {
        verdict: Verdict,
        title: String,
        items: Vec<String>,
    },
    Table(Table),
    /// The group scores: a radar chart beside their table.
    Groups {
        chart_title: String,
        scores: Vec<GroupScore>,
        table: Table,
        /// How to read the chart.
        note: String,
        /// How to read the table, where there is no chart.
        table_note: String,
    },
    /// Items, each with sub-items (the records not read, with their errors).
    List(Vec<(String, Vec<String>)>),
}

/// A table: its columns and rows; `class` names its kind for the page's style.
#[derive(Debug, Clone)]
pub struct Table {
    pub class: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// A column's title, and whether its cells are figures (set right-aligned).
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub numeric: bool,
}

/// A row of a table.
#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Plain,
    /// A check under its indicator's row.
    Sub,
    /// The totals.
    Total,
    /// A count of records not read.
    Unread,
}

/// A table cell.
#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    /// A rule's status, in words.
    Status(crate::eval::Status, String),
    /// A verdict, in words, as a badge.
    Verdict(Verdict, String),
    /// A park's name, linking to its section.
    Park(usize, String),
    /// A rule's article, and the measure's words for its criterion when the policy quotes them.
    Criterion(String, Option<String>),
}

impl Cell {
    /// The cell's words.
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(s)
            | Cell::Status(_, s)
            | Cell::Verdict(_, s)
            | Cell::Park(_, s)
            | Cell::Criterion(s, _) => s,
        }
    }
}

fn columns(lang: Lang, titles: &[(&'static str, bool)]) -> Vec<Column> {
    titles
        .iter()
        .map(|(title, numeric)| Column {
            title: t(title, lang).to_string(),
            numeric: *numeric,
        })
        .collect()
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// Builds the report of `batch` under `policy`, in `ctx.lang`.
pub fn build(policy: &Policy, batch: &Batch, ctx: &Context) -> Panel {
    let lang = ctx.lang;
    let mut title = policy.meta.title.clone();
    if let Some(v) = &policy.meta.version {
        title = format!("{title}（{v}）");
    }
    let count = batch.parks.len() + batch.unread.len();
    let subtitle = match lang {
        Lang::Zh => format!("{} · {count} {}", t("report", lang), t("parks", lang)),
        Lang::En => format!("report on {count} parks"),
    };
    let mut identity = Vec::new();
    if let Some(v) = &policy.meta.version {
        identity.push((t("version", lang).to_string(), v.clone()));
    }
    if let Some(d) = policy.meta.effective {
        identity.push((t("effective", lang).to_string(), d.to_string()));
    }
    identity.push((
        t("policy file", lang).to_string(),
        ctx.identity.file.clone(),
    ));
    identity.push(("SHA-256".to_string(), ctx.identity.sha256.clone()));
    identity.push((t("generated", lang).to_string(), ctx.generated.to_string()));
    Panel {
        lang,
        title,
        subtitle,
        identity,
        summary: summary(policy, batch, lang),
        parks: batch
            .parks
            .iter()
            .enumerate()
            .map(|(i, p)| park(policy, i, p, lang))
            .collect(),
    }
}

fn summary(policy: &Policy, batch: &Batch, lang: Lang) -> Section {
    let s = batch.summary(policy);
    let mut blocks = Vec::new();
    let mut head = vec![("tier", false)];
    head.extend(VERDICTS.iter().map(|v| (verdict_name(*v), true)));
    head.push(("total", true));
    let mut rows = Vec::new();
    let mut totals = [0usize; 3];
    for (tier, counts) in &s.by_tier {
        let mut cells = vec![text(tier.clone())];
        let mut row = 0;
        for (v, total) in VERDICTS.iter().zip(totals.iter_mut()) {
            let n = counts.get(verdict_name(*v)).copied().unwrap_or(0);
            *total += n;
            row += n;
            cells.push(text(n.to_string()));
        }
        cells.push(text(row.to_string()));
        rows.push(Row {
            kind: RowKind::Plain,
            cells,
        });
    }
    if s.rejected > 0 {
        let mut cells = vec![text(t("rejected", lang))];
        cells.extend(VERDICTS.iter().map(|_| text("")));
        cells.push(text(s.rejected.to_string()));
        rows.push(Row {
            kind: RowKind::Unread,
            cells,
        });
    }
    let mut cells = vec![text(t("all", lang))];
    cells.extend(totals.iter().map(|n| text(n.to_string())));
    cells.push(text(s.records.to_string()));
    rows.push(Row {
        kind: RowKind::Total,
        cells,
    });
    let mut verdict_columns = columns(lang, &head);
    for (c, v) in verdict_columns.iter_mut().skip(1).zip(VERDICTS) {
        c.title = labels::verdict(v, lang).to_string();
    }
    blocks.push(Block::Table(Table {
        class: "counts",
        columns: verdict_columns,
        rows,
    }));
    if !batch.unread.is_empty() {
        blocks.push(Block::Alert(format!(
            "{} {}",
            batch.unread.len(),
            t(
                "record(s) rejected: they could not be read, so have no verdict (listed below with their errors).",
                lang
            )
        )));
    }

    blocks.push(Block::Heading(
        t("Most frequent blocking failures", lang).to_string(),
    ));
    let fails = s.most_frequent_failures();
    if fails.is_empty() {
        blocks.push(Block::Text(
            t("No condition, veto or constraint fails for any park.", lang).to_string(),
        ));
    } else {
        let rows = fails
            .iter()
            .take(10)
            .filter_map(|(rule, n)| {
                let def = policy.rules.get(*rule)?;
                let kind = match def.role {
                    RuleRole::Condition => RuleClass::Condition,
                    RuleRole::Veto => RuleClass::Veto,
                    RuleRole::Indicator => RuleClass::Constraint,
                };
                Some(Row {
                    kind: RowKind::Plain,
                    cells: vec![
                        text(def.name.clone()),
                        text(def.article.clone()),
                        text(kind.word(lang)),
                        text(n.to_string()),
                    ],
                })
            })
            .collect();
        blocks.push(Block::Table(Table {
            class: "failures",
            columns: columns(
                lang,
                &[
                    ("rule", false),
                    ("article", false),
                    ("kind", false),
                    ("park count", true),
                ],
            ),
            rows,
        }));
    }

    blocks.extend(super::round::sections(policy, batch, lang));
    blocks.push(Block::Heading(t("Parks", lang).to_string()));
    let rows = batch
        .parks
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let j = &p.judgement;
            Row {
                kind: RowKind::Plain,
                cells: vec![
                    text((i + 1).to_string()),
                    Cell::Park(i + 1, park_name(j, lang).to_string()),
                    text(tier_name(policy, j)),
                    Cell::Verdict(j.verdict, labels::verdict(j.verdict, lang).to_string()),
                    text(p.place.clone()),
                ],
            }
        })
        .collect();
    blocks.push(Block::Table(Table {
        class: "parks",
        columns: columns(
            lang,
            &[
                ("#", true),
                ("park", false),
                ("tier", false),
                ("verdict", false),
                ("record", false),
            ],
        ),
        rows,
    }));
    if !batch.unread.is_empty() {
        blocks.push(Block::Heading(t("Rejected records", lang).to_string()));
        blocks.push(Block::List(
            batch
                .unread
                .iter()
                .map(|u| {
                    let head = match &u.name {
                        Some(n) => format!("{} {n}", u.place),
                        None => u.place.clone(),
                    };
                    (head, u.problems.iter().map(|p| p.render(lang)).collect())
                })
                .collect(),
        ));
    }
    if !policy.assumptions.is_empty() {
        blocks.push(Block::Heading(t("Assumptions", lang).to_string()));
        blocks.push(Block::Text(
            t("Where the measure does not say, the policy assumes:", lang).to_string(),
        ));
        let rows = policy
            .assumptions
            .iter()
            .map(|a| Row {
                kind: RowKind::Plain,
                cells: vec![
                    text(a.article.clone().unwrap_or_default()),
                    text(a.name.clone()),
                    text(a.text.clone()),
                ],
            })
            .collect();
        blocks.push(Block::Table(Table {
            class: "assumptions",
            columns: columns(
                lang,
                &[("article", false), ("name", false), ("assumption", false)],
            ),
            rows,
        }));
    }
    Section {
        heading: t("Summary", lang).to_string(),
        blocks,
    }
}

fn park(policy: &Policy, i: usize, p: &Park, lang: Lang) -> ParkSection {
    let j = &p.judgement;
    let mut blocks = Vec::new();
    let mut facts = vec![
        format!("{}: {}", t("tier", lang), tier_name(policy, j)),
        format!("{}: {}", t("record", lang), p.place),
    ];
    if let Some(title) = &j.title {
        facts.push(format!("{}: {title}", t("title", lang)));
    }
    for (k, (d, v)) in policy.decisions.iter().zip(&j.decisions).enumerate() {
        let because: Vec<String> = crate::report::decision_reasons(policy, j, k)
            .into_iter()
            .map(|r| r.text(policy, lang))
            .collect();
        let mut fact = format!(
            "{} {} ({}): {}",
            t("decision", lang),
            d.name.as_deref().unwrap_or(""),
            d.article.as_deref().unwrap_or(""),
            labels::verdict(*v, lang)
        );
        if !because.is_empty() {
            fact.push_str(" — ");
            fact.push_str(&because.join("; "));
        }
        facts.push(fact);
    }
    facts.extend(super::round::facts(policy, j, lang));
    blocks.push(Block::Facts(facts));
    let why = deciding(policy, j, lang);
    if !why.is_empty() {
        blocks.push(Block::Why {
            verdict: j.verdict,
            title: t("Decided by", lang).to_string(),
            items: why,
        });
    }

    let scores = group_scores(policy, j);
    if !scores.is_empty() {
        let rows = scores
            .iter()
            .map(|g| Row {
                kind: RowKind::Plain,
                cells: vec![text(g.group.clone()), text(g.ratio()), text(g.percent())],
            })
            .collect();
        blocks.push(Block::Groups {
            chart_title: format!("{} — {}", park_name(j, lang), t("groups", lang)),
            scores: scores.into_iter().filter(|g| g.applicable > 0).collect(),
            table: Table {
                class: "groups",
                columns: columns(lang, &[("group", false), ("passed", true), ("share", true)]),
                rows,
            },
            note: t(
                "For each group, the share of its indicators that apply to this park and pass (constraint and guidance alike; unknown counts as not passed). The outer ring is 100%; groups with no indicator for this park are left out.",
                lang,
            )
            .to_string(),
            table_note: t(
                "The share of each group's indicators that apply and pass (unknown counts as not passed):",
                lang,
            )
            .to_string(),
        });
    }

    let gates = gates(policy, j);
    if !gates.is_empty() {
        blocks.push(Block::Heading(t("Conditions and vetoes", lang).to_string()));
        let rows = gates
            .into_iter()
            .map(|(rule, r)| Row {
                kind: RowKind::Plain,
                cells: vec![
                    text(rule.name.clone()),
                    text(rule.article.clone()),
                    text(kind_word(rule, r, lang)),
                    Cell::Status(r.status, labels::status(r.status, lang).to_string()),
                    text(explain(policy, r, lang)),
                ],
            })
            .collect();
        blocks.push(Block::Table(Table {
            class: "gates",
            columns: columns(
                lang,
                &[
                    ("rule", false),
                    ("article", false),
                    ("kind", false),
                    ("status", false),
                    ("detail", false),
                ],
            ),
            rows,
        }));
    }

    let (groups, skipped) = indicators_by_group(policy, j);
    blocks.push(Block::Heading(t("Indicators", lang).to_string()));
    for (group, rules) in groups {
        blocks.push(Block::Subheading(
            group.unwrap_or_else(|| t("other indicators", lang).to_string()),
        ));
        let mut rows = Vec::new();
        for (rule, r) in rules {
            for (k, line) in indicator_lines(policy, rule, r, lang)
                .into_iter()
                .enumerate()
            {
                let first = k == 0;
                let article = if first {
                    Cell::Criterion(rule.article.clone(), rule.criterion.clone())
                } else {
                    text("")
                };
                let kind = if first { kind_word(rule, r, lang) } else { "" };
                rows.push(Row {
                    kind: if first { RowKind::Plain } else { RowKind::Sub },
                    cells: vec![
                        text(line.label),
                        article,
                        text(kind),
                        Cell::Status(line.status, labels::status(line.status, lang).to_string()),
                        text(line.figure),
                        text(line.threshold),
                        text(line.margin),
                    ],
                });
            }
        }
        blocks.push(Block::Table(Table {
            class: "indicators",
            columns: columns(
                lang,
                &[
                    ("indicator", false),
                    ("article and criterion", false),
                    ("kind", false),
                    ("status", false),
                    ("figure", true),
                    ("threshold", false),
                    ("margin", true),
                ],
            ),
            rows,
        }));
    }
    if !skipped.is_empty() {
        let names: Vec<&str> = skipped.iter().map(|r| r.name.as_str()).collect();
        blocks.push(Block::Note(format!(
            "{}: {}",
            t("Not applicable to this park", lang),
            names.join("、")
        )));
    }
    ParkSection {
        number: i + 1,
        name: park_name(j, lang).to_string(),
        verdict: j.verdict,
        verdict_label: labels::verdict(j.verdict, lang).to_string(),
        blocks,
    }
}
