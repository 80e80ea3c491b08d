//! The round in the panel report: one section per round rule, listing the parks it ranked with
//! their group, rank, the group's count, the limit and the outcome; and each park's round lines.

use super::labels::t;
use super::measure::park_name;
use super::model::{Block, Cell, Column, Row, RowKind, Table};
use super::Batch;
use crate::check::ir::Policy;
use crate::diag::catalogue::round_words;
use crate::eval::{Judgement, RoundOutcome};
use crate::i18n::Lang;
use crate::value::Value;

/// The blocks of every round rule: its heading, then a table of the parks it ranked.
pub(super) fn sections(policy: &Policy, batch: &Batch, lang: Lang) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (k, def) in policy.rounds.iter().enumerate() {
        let rule = match &def.article {
            Some(a) => format!("{a} {}", def.name),
            None => def.name.clone(),
        };
        blocks.push(Block::Heading(format!("{} {rule}", t("Round", lang))));
        let rows = batch
            .parks
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let r = p.judgement.round.as_ref()?;
                let x = r.results.iter().find(|x| x.round == k)?;
                let group = match (&def.per, &x.group) {
                    (None, _) => String::new(),
                    (Some(_), Value::Unknown) => round_words::unknown_group().render(lang),
                    (Some(_), g) => policy.value_text(g, &def.group_ty),
                };
                let outcome = match x.outcome {
                    RoundOutcome::MadeCut => round_words::made_cut(),
                    RoundOutcome::Cut => round_words::cut(),
                    RoundOutcome::Undetermined => round_words::undetermined(),
                    RoundOutcome::WithinGuide => round_words::within_guide(),
                    RoundOutcome::BeyondGuide => round_words::beyond_guide(),
                };
                Some(Row {
                    kind: RowKind::Plain,
                    cells: vec![
                        Cell::Park(i + 1, park_name(&p.judgement, lang).to_string()),
                        Cell::Text(group),
                        Cell::Text(range(x.rank)),
                        Cell::Text(range(x.count)),
                        Cell::Text(range(x.limit)),
                        Cell::Text(outcome.render(lang)),
                    ],
                })
            })
            .collect();
        let columns = [
            ("park", false),
            ("round group", false),
            ("rank", true),
            ("count", true),
            ("limit", true),
            ("outcome", false),
        ]
        .iter()
        .map(|(title, numeric)| Column {
            title: t(title, lang).to_string(),
            numeric: *numeric,
        })
        .collect();
        blocks.push(Block::Table(Table {
            class: "round",
            columns,
            rows,
        }));
    }
    blocks
}

/// A park's round, as the facts of its section show it.
pub(super) fn facts(policy: &Policy, j: &Judgement, lang: Lang) -> Vec<String> {
    let Some(r) = &j.round else {
        return Vec::new();
    };
    let word = round_words::round().render(lang);
    crate::report::round::lines(policy, r, false, lang)
        .into_iter()
        .map(|line| format!("{word} {line}"))
        .collect()
}

/// `4`, or `1–2` when the unknowns leave a range.
fn range((from, to): (usize, usize)) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    }
}
