//! The panel report as one self-contained HTML page (inline CSS and SVG, no script, a page break
//! per park when printed on A4): a thin writer over the document [`Panel`], with the groups'
//! scores drawn as a radar chart.

use super::panel::measure::GroupScore;
use super::panel::model::{Block, Cell, Panel, RowKind, Table};
use super::verdict_name;
use crate::i18n::Lang;
use std::fmt::Write;

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
td, th { overflow-wrap: anywhere; }
tr { break-inside: avoid; }
table.indicators { table-layout: fixed; }
table.indicators th:nth-child(1) { width: 22%; }
table.indicators th:nth-child(2) { width: 24%; }
table.indicators th:nth-child(3) { width: 8%; }
table.indicators th:nth-child(4) { width: 9%; }
table.indicators th:nth-child(5) { width: 13%; }
table.indicators th:nth-child(6) { width: 12%; }
table.indicators th:nth-child(7) { width: 12%; }
.criterion { display: block; color: #555; font-size: 12px; }
.identity { color: #555; margin: 0 0 12px; font-size: 12px; }
.identity code { overflow-wrap: anywhere; }
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
  body { max-width: none; padding: 0; font-size: 10px; }
  table { width: 100%; max-width: 100%; }
  td.num { white-space: normal; }
  .criterion { font-size: 9px; }
  section.park { break-before: page; border-top: none; padding-top: 0; }
  h3, h4 { break-after: avoid; }
  .overview { flex-wrap: nowrap; gap: 12px; }
  .overview svg { width: 300px; max-width: 45%; height: auto; }
  .overview table { flex: 1 1 0; min-width: 0; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The whole report as one self-contained HTML page.
pub fn render(panel: &Panel) -> String {
    let mut out = String::new();
    let lang = match panel.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&panel.title),
        esc(&panel.subtitle)
    );
    let identity: Vec<String> = panel
        .identity
        .iter()
        .map(|(label, value)| format!("{}: <code>{}</code>", esc(label), esc(value)))
        .collect();
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"meta\">{}</p><p class=\"identity\">{}</p></header>",
        esc(&panel.title),
        esc(&panel.subtitle),
        identity.join(" · ")
    );
    let _ = writeln!(
        out,
        "<section class=\"summary\" id=\"summary\">\n<h2>{}</h2>",
        esc(&panel.summary.heading)
    );
    blocks(&mut out, &panel.summary.blocks);
    out.push_str("</section>\n");
    for p in &panel.parks {
        let verdict = verdict_name(p.verdict);
        let _ = writeln!(
            out,
            "<section class=\"park\" id=\"park-{}\" data-verdict=\"{verdict}\">",
            p.number
        );
        let _ = writeln!(
            out,
            "<h2>{}. {} <span class=\"badge verdict {verdict}\">{}</span></h2>",
            p.number,
            esc(&p.name),
            esc(&p.verdict_label)
        );
        blocks(&mut out, &p.blocks);
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(out, "<h3>{}</h3>", esc(h));
            }
            Block::Subheading(h) => {
                let _ = writeln!(out, "<h4>{}</h4>", esc(h));
            }
            Block::Facts(facts) => {
                let facts: Vec<String> = facts.iter().map(|f| esc(f)).collect();
                let _ = writeln!(out, "<p class=\"meta\">{}</p>", facts.join(" · "));
            }
            Block::Text(t) => {
                let _ = writeln!(out, "<p>{}</p>", esc(t));
            }
            Block::Note(t) => {
                let _ = writeln!(out, "<p class=\"skipped\">{}</p>", esc(t));
            }
            Block::Alert(t) => {
                let _ = writeln!(out, "<p class=\"unread\">{}</p>", esc(t));
            }
            Block::Why {
                verdict,
                title,
                items,
            } => {
                let _ = write!(
                    out,
                    "<div class=\"why {}\"><strong>{}</strong><ul>",
                    verdict_name(*verdict),
                    esc(title)
                );
                for i in items {
                    let _ = write!(out, "<li>{}</li>", esc(i));
                }
                out.push_str("</ul></div>\n");
            }
            Block::Table(t) => table(out, t),
            Block::Groups {
                chart_title,
                scores,
                table: t,
                note,
                ..
            } => {
                out.push_str("<div class=\"overview\">\n");
                if !scores.is_empty() {
                    out.push_str(&radar(scores, chart_title));
                }
                table(out, t);
                let _ = writeln!(out, "</div>\n<p class=\"skipped\">{}</p>", esc(note));
            }
            Block::List(items) => {
                out.push_str("<ul class=\"unread\">\n");
                for (head, subs) in items {
                    let _ = write!(out, "<li>{}<ul>", esc(head));
                    for s in subs {
                        let _ = write!(out, "<li>{}</li>", esc(s));
                    }
                    out.push_str("</ul></li>\n");
                }
                out.push_str("</ul>\n");
            }
        }
    }
}

fn table(out: &mut String, t: &Table) {
    let _ = write!(out, "<table class=\"{}\"><thead><tr>", t.class);
    for c in &t.columns {
        let _ = write!(out, "<th>{}</th>", esc(&c.title));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &t.rows {
        let (open, cell_tag) = match row.kind {
            RowKind::Plain if t.class == "indicators" => ("<tr class=\"rule\">", "td"),
            RowKind::Plain => ("<tr>", "td"),
            RowKind::Sub => ("<tr class=\"check\">", "td"),
            RowKind::Total => ("<tr>", "th"),
            RowKind::Unread => ("<tr class=\"unread\">", "td"),
        };
        out.push_str(open);
        for (cell, column) in row.cells.iter().zip(&t.columns) {
            let class = if column.numeric { " class=\"num\"" } else { "" };
            let inner = match cell {
                Cell::Text(s) => esc(s),
                Cell::Status(status, s) => {
                    format!(
                        "<span class=\"status {}\">{}</span>",
                        status.as_str(),
                        esc(s)
                    )
                }
                Cell::Verdict(v, s) => format!(
                    "<span class=\"badge verdict {}\">{}</span>",
                    verdict_name(*v),
                    esc(s)
                ),
                Cell::Park(n, s) => format!("<a href=\"#park-{n}\">{}</a>", esc(s)),
                Cell::Criterion(article, None) => esc(article),
                Cell::Criterion(article, Some(q)) => format!(
                    "{}<span class=\"criterion\">“{}”</span>",
                    esc(article),
                    esc(q)
                ),
            };
            let _ = write!(out, "<{cell_tag}{class}>{inner}</{cell_tag}>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
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
