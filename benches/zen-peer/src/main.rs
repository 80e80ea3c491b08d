//! The peer benchmark: the shipped policy's thresholds as one GoRules zen-engine decision table
//! (hit policy `collect`: a row fires for each threshold a record misses), run on the same
//! generated records as jidi, side by side in one process. Run from the repository root:
//! `cargo run --release --manifest-path benches/zen-peer/Cargo.toml -- [COUNT]`.
//! Not a member of jidi's build: `cargo test` never compiles it.

use jidi::corpus::{self, Options};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Instant;
use zen_engine::model::DecisionContent;
use zen_engine::DecisionEngine;

/// Record fields by ASCII names for zen's expression language.
const FIELDS: &[(&str, &str)] = &[
    ("申报类型", "tier"),
    ("细分领域", "sub"),
    ("营业收入", "rev"),
    ("主导产业营业收入", "lead"),
    ("工业用地面积", "land"),
    ("省级以上创新平台数量", "plat"),
    ("单位工业增加值能耗", "energy"),
    ("单位工业增加值能耗先进值", "energyAdv"),
    ("单位工业增加值用水量", "water"),
    ("单位工业增加值用水量先进值", "waterAdv"),
    ("省外资金增速", "capital"),
    ("所在地省外资金增速", "capitalLocal"),
    ("批准机关级别", "approver"),
    ("欠发达县域", "under"),
    ("国家级示范基地", "national"),
    ("材料", "materials"),
    ("设计标准机架数", "racks"),
    ("IT设备负荷率", "itLoad"),
    ("运行年均PUE", "pue"),
];

/// (tier or "", failing condition, name) — the thresholds of the shipped policy's constraints.
const ROWS: &[(&str, &str, &str)] = &[
    (
        "示范基地",
        "rev < (sub in [\"工业互联网\", \"数据中心\", \"大数据\"] ? 100 : 200)",
        "指标1",
    ),
    ("产业基地", "rev < 75", "指标1"),
    ("", "lead / rev * 100 < 50", "指标2"),
    ("示范基地", "rev * 10000 / land < 4000", "指标3"),
    ("产业基地", "rev * 10000 / land < 2500", "指标3"),
    ("示范基地", "plat < 5", "指标5"),
    ("", "energy > energyAdv", "指标12"),
    ("", "water > waterAdv", "指标13"),
    ("", "capital <= capitalLocal", "指标20"),
    (
        "",
        "not (approver in [\"国家\", \"省\", \"市州\"])",
        "第八条",
    ),
    ("产业基地", "under == false", "第八条"),
    ("", "national == true", "第二十三条"),
    ("", "len(materials) < 3", "第十条"),
    (
        "",
        "sub == \"数据中心\" and racks >= 3000 and itLoad < 40",
        "特色指标15",
    ),
    (
        "",
        "sub == \"数据中心\" and racks >= 300 and racks < 3000 and itLoad < 50",
        "特色指标15",
    ),
    ("", "sub == \"数据中心\" and racks < 300", "特色指标15"),
    (
        "",
        "sub == \"数据中心\" and racks >= 3000 and pue > 1.3",
        "特色指标16",
    ),
    (
        "",
        "sub == \"数据中心\" and racks < 3000 and pue > 1.5",
        "特色指标16",
    ),
];

fn table() -> Value {
    let mut inputs =
        vec![json!({"id": "tier", "name": "tier", "type": "expression", "field": "tier"})];
    for (i, (_, cond, _)) in ROWS.iter().enumerate() {
        inputs.push(json!({"id": format!("c{i}"), "name": format!("c{i}"), "type": "expression", "field": cond}));
    }
    let rules: Vec<Value> = ROWS
        .iter()
        .enumerate()
        .map(|(i, (tier, _, name))| {
            let mut r = serde_json::Map::new();
            r.insert("_id".into(), json!(format!("r{i}")));
            r.insert(
                "tier".into(),
                json!(if tier.is_empty() {
                    String::new()
                } else {
                    format!("\"{tier}\"")
                }),
            );
            for k in 0..ROWS.len() {
                r.insert(format!("c{k}"), json!(if k == i { "true" } else { "" }));
            }
            r.insert("out".into(), json!(format!("\"{name}\"")));
            Value::Object(r)
        })
        .collect();
    json!({
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0}},
            {"id": "table", "type": "decisionTableNode", "name": "Thresholds", "position": {"x": 200, "y": 0},
             "content": {"hitPolicy": "collect", "inputs": inputs,
                         "outputs": [{"id": "out", "name": "fail", "type": "expression", "field": "fail"}],
                         "rules": rules}},
            {"id": "outNode", "type": "outputNode", "name": "Response", "position": {"x": 400, "y": 0}}
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "outNode", "type": "edge"}
        ]
    })
}

fn main() {
    let count: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let path = std::path::Path::new("policies/sichuan-2023-draft.jidi");
    let source = jidi::Source::read(path).expect("run from the repository root");
    let policy = jidi::check::check(&source)
        .policy
        .expect("the shipped policy checks");
    let options = Options {
        seed: 2024,
        count,
        malformed_share: 0.0,
        ..Options::default()
    };
    let mut text = Vec::new();
    corpus::write(&policy, &options, &mut text).expect("corpus");
    let text = String::from_utf8(text).expect("UTF-8");
    // The same records: jidi's typed values, and zen's JSON with ASCII keys.
    let src = jidi::Source::new("corpus.ndjson", text.clone());
    let records: Vec<_> = jidi::data::load_source(&policy, &src)
        .into_iter()
        .filter_map(|l| l.record)
        .collect();
    let zen_inputs: Vec<zen_engine::Variable> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| {
            let mut o = serde_json::Map::new();
            for (from, to) in FIELDS {
                if let Some(x) = v.get(*from) {
                    o.insert((*to).into(), x.clone());
                }
            }
            zen_engine::Variable::from(&Value::Object(o))
        })
        .collect();
    let content: DecisionContent = serde_json::from_value(table()).expect("a decision");
    let engine = DecisionEngine::default();
    let decision = engine.create_decision(Arc::new(content)).expect("a graph");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");

    let mut trace = jidi::eval::Trace::new();
    let t = Instant::now();
    let mut jidi_fail = 0usize;
    for r in &records {
        policy.trace(r, &mut trace);
        jidi_fail += usize::from(trace.verdict() == jidi::syntax::ast::Verdict::NotEligible);
    }
    let jidi_time = t.elapsed();

    let t = Instant::now();
    let mut zen_fail = 0usize;
    let mut errors = 0usize;
    rt.block_on(async {
        for input in &zen_inputs {
            match decision.evaluate(input.clone()).await {
                Ok(res) => {
                    let out = serde_json::to_value(&res.result).unwrap_or(Value::Null);
                    zen_fail += usize::from(out.as_array().is_some_and(|a| !a.is_empty()));
                }
                Err(_) => errors += 1,
            }
        }
    });
    let zen_time = t.elapsed();
    let per = |d: std::time::Duration, n: usize| n as f64 / d.as_secs_f64();
    println!(
        "records: {} (jidi) / {} (zen)",
        records.len(),
        zen_inputs.len()
    );
    println!("jidi trace (48 rules, three-valued, vetoes):  {:>10.0} records/s, not eligible {jidi_fail}", per(jidi_time, records.len()));
    println!("zen decision table ({} threshold rows):      {:>10.0} records/s, a row fired {zen_fail}, errors {errors}", ROWS.len(), per(zen_time, zen_inputs.len()));
    println!(
        "ratio: jidi is {:.1}x zen's throughput",
        per(jidi_time, records.len()) / per(zen_time, zen_inputs.len())
    );
}
