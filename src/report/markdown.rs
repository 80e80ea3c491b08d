//! The panel report as Markdown: a thin writer over the document [`Panel`], the same sections as
//! the HTML page, with the groups' scores as a table instead of a chart.

use super::panel::model::{Block, Cell, Panel, RowKind, Table};
use std::fmt::Write;

/// Text from a record or a policy, in a table cell or anywhere else: literal, on one line, with
/// no HTML or Markdown of its own.
fn cell(s: &str) -> String {
    crate::escape::markdown(s)
}

/// The whole report as Markdown.
pub fn render(panel: &Panel) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", cell(&panel.title));
    let _ = writeln!(out, "{}\n", cell(&panel.subtitle));
    for (label, value) in &panel.identity {
        let _ = writeln!(out, "- {}: `{}`", cell(label), value.replace('`', "'"));
    }
    out.push('\n');
    let _ = writeln!(out, "## {}\n", cell(&panel.summary.heading));
    blocks(&mut out, &panel.summary.blocks);
    for p in &panel.parks {
        let _ = writeln!(
            out,
            "## {}. {} — **{}**\n",
            p.number,
            cell(&p.name),
            cell(&p.verdict_label)
        );
        blocks(&mut out, &p.blocks);
    }
    out
}

fn blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(out, "### {}\n", cell(h));
            }
            Block::Subheading(h) => {
                let _ = writeln!(out, "#### {}\n", cell(h));
            }
            Block::Facts(facts) => {
                for f in facts {
                    let _ = writeln!(out, "- {}", cell(f));
                }
                out.push('\n');
            }
            Block::Text(t) | Block::Alert(t) | Block::Note(t) => {
                let _ = writeln!(out, "{}\n", cell(t));
            }
            Block::Why { title, items, .. } => {
                let _ = writeln!(out, "**{}**\n", cell(title));
                for i in items {
                    let _ = writeln!(out, "- {}", cell(i));
                }
                out.push('\n');
            }
            Block::Table(t) => table(out, t),
            Block::Groups {
                table: t,
                table_note,
                ..
            } => {
                let _ = writeln!(out, "{}\n", cell(table_note));
                table(out, t);
            }
            Block::List(items) => {
                for (head, subs) in items {
                    let _ = writeln!(out, "- {}", cell(head));
                    for s in subs {
                        let _ = writeln!(out, "  - {}", cell(s));
                    }
                }
                out.push('\n');
            }
        }
    }
}

fn table(out: &mut String, t: &Table) {
    out.push('|');
    for c in &t.columns {
        let _ = write!(out, " {} |", cell(&c.title));
    }
    out.push_str("\n|");
    for c in &t.columns {
        out.push_str(if c.numeric { "---:|" } else { "---|" });
    }
    out.push('\n');
    for row in &t.rows {
        out.push('|');
        for (k, c) in row.cells.iter().enumerate() {
            let text = match c {
                Cell::Criterion(article, Some(q)) => format!("{}：“{}”", cell(article), cell(q)),
                other => cell(other.text()),
            };
            let text = match row.kind {
                RowKind::Sub if k == 0 => format!("↳ {text}"),
                RowKind::Total if !text.is_empty() => format!("**{text}**"),
                _ => text,
            };
            if text.is_empty() {
                out.push_str(" |");
            } else {
                let _ = write!(out, " {text} |");
            }
        }
        out.push('\n');
    }
    out.push('\n');
}
