//! What-if benchmarks over 10 000 parks made by varying the example records deterministically:
//! one threshold override (goal: under 50 ms) and a sweep of 100 values (goal: under 1 s).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use jidi::check::{self, Type};
use jidi::value::Value;
use jidi::whatif::{self, Park, Session, ThresholdRef, TierSpec};
use jidi::Source;
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::time::Duration;

const PARKS: usize = 10_000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped policy and 10 000 parks: each example record in turn, its figures scaled by a
/// factor between 0.8 and 1.2 that depends only on the park's number.
fn corpus() -> (check::Policy, Vec<Park>) {
    let source = Source::read(&root().join("policies/sichuan-2023-draft.jidi")).unwrap();
    let policy = check::check(&source)
        .policy
        .expect("the shipped policy checks");
    let examples = whatif::load_parks(&policy, &[root().join("examples")]).parks;
    assert!(!examples.is_empty());
    let parks = (0..PARKS)
        .map(|i| {
            let mut park = examples[i % examples.len()].clone();
            let step = i64::try_from((i * 7919) % 401).unwrap();
            let factor = Decimal::new(800 + step, 3);
            for (slot, input) in park.record.values.iter_mut().zip(&policy.inputs) {
                if let (Value::Num(n), Type::Num(_)) = (&*slot, &input.ty) {
                    let scaled = (*n * factor).round_dp(4);
                    let capped = match input.range {
                        Some((_, Some(hi))) if scaled > hi => hi,
                        _ => scaled,
                    };
                    *slot = Value::Num(capped);
                }
            }
            park.name = format!("{} #{i}", park.name);
            park
        })
        .collect();
    (policy, parks)
}

fn benches(c: &mut Criterion) {
    let (policy, parks) = corpus();
    let rule = policy.rule_index("工业用地地均收入").expect("indicator 3");
    let tier = policy.tier_index("示范基地").expect("tier");
    let target = ThresholdRef::resolve(&policy, rule, TierSpec::One(tier), None, None).unwrap();
    let session = Session::new(policy, parks);
    let value = Source::new("value", "3500 万元/公顷");
    let o = session.threshold_override(target.clone(), &value).unwrap();

    let mut group = c.benchmark_group("whatif_10000_parks");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("threshold_override", |b| {
        b.iter_batched_ref(
            || session.clone(),
            |s| s.push(o.clone()),
            BatchSize::LargeInput,
        );
    });
    // A second what-if stacked on a first: the judgements before it are no longer cached.
    let mut stacked = session.clone();
    let first = stacked
        .threshold_override(
            ThresholdRef::resolve(
                stacked.policy(),
                stacked
                    .policy()
                    .rule_index("主导产业营业收入占产业集聚区营业收入比重")
                    .unwrap(),
                TierSpec::All,
                None,
                None,
            )
            .unwrap(),
            &Source::new("value", "55 %"),
        )
        .unwrap();
    stacked.push(first);
    group.bench_function("threshold_override_stacked", |b| {
        b.iter_batched_ref(
            || stacked.clone(),
            |s| s.push(o.clone()),
            BatchSize::LargeInput,
        );
    });
    let values: Vec<Decimal> = (0..100).map(|i| Decimal::from(3000 + 20 * i)).collect();
    group.bench_function("sweep_100_values", |b| {
        b.iter(|| session.sweep(&target, &values).unwrap());
    });
    group.finish();
}

criterion_group!(whatif_benches, benches);
criterion_main!(whatif_benches);
