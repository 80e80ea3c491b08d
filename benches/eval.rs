//! Evaluation benchmarks (BENCHMARKS.md): the shipped policy on already-parsed records — jidi's
//! full judgement, its allocation-free trace (compiled, and by the interpreter alone), the trace
//! written as NDJSON, and the hand-written baseline — then how the cost scales with records,
//! events per record and indicators.
//! The setup asserts that the baseline agrees with jidi on every record.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod baseline;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jidi::check::Policy;
use jidi::corpus::Options;
use jidi::eval::Trace;
use jidi::value::Record;
use std::hint::black_box;

fn policy_from(text: &str) -> Policy {
    let checked = jidi::check::check(&jidi::Source::new("bench.jidi", text));
    checked.policy.expect("the policy checks")
}

fn shipped() -> Policy {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("policies/sichuan-2023-draft.jidi")).unwrap();
    policy_from(&text)
}

fn records(policy: &Policy, options: &Options) -> Vec<Record> {
    let mut text = Vec::new();
    jidi::corpus::write(policy, options, &mut text).unwrap();
    let src = jidi::Source::new("corpus.ndjson", String::from_utf8(text).unwrap());
    jidi::data::load_source(policy, &src)
        .into_iter()
        .filter_map(|l| l.record)
        .collect()
}

fn corpus(count: u64) -> Options {
    Options {
        seed: 2024,
        count,
        malformed_share: 0.0,
        ..Options::default()
    }
}

fn sichuan(c: &mut Criterion) {
    let policy = shipped();
    let records = records(&policy, &corpus(10_000));
    let base = baseline::Baseline::new(&policy);
    let mut trace = Trace::new();
    for r in &records {
        policy.trace(r, &mut trace);
        assert_eq!(base.verdict(r), trace.verdict(), "the baseline disagrees");
    }
    let mut g = c.benchmark_group("sichuan");
    g.throughput(Throughput::Elements(records.len() as u64));
    g.bench_function("jidi_trace", |b| {
        b.iter(|| {
            for r in &records {
                policy.trace(r, &mut trace);
                black_box(trace.verdict());
            }
        })
    });
    // The same trace by the tree interpreter alone: what the compiled program saves.
    g.bench_function("jidi_trace_interpreted", |b| {
        b.iter(|| {
            for r in &records {
                policy.trace_interpreted(r, &mut trace);
                black_box(trace.verdict());
            }
        })
    });
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for r in &records {
                black_box(base.verdict(r));
            }
        })
    });
    g.bench_function("jidi_judge", |b| {
        b.iter(|| {
            for r in &records {
                black_box(policy.judge(r));
            }
        })
    });
    let mut writer = jidi::report::ndjson::NdjsonWriter::new(&policy);
    let mut out = Vec::new();
    g.bench_function("jidi_trace_ndjson", |b| {
        b.iter(|| {
            for r in &records {
                out.clear();
                policy.trace(r, &mut trace);
                writer.write(&trace, r, &mut out);
                black_box(out.len());
            }
        })
    });
    let mut verdicts = jidi::report::verdicts::VerdictsWriter::new(&policy);
    g.bench_function("jidi_trace_verdicts", |b| {
        b.iter(|| {
            for (i, r) in records.iter().enumerate() {
                out.clear();
                policy.trace(r, &mut trace);
                verdicts.write(&trace, r, "bench.ndjson", i, &mut out);
                black_box(out.len());
            }
        })
    });
    // Reading: the fast NDJSON reader over the same records' lines, clean and with one
    // undeclared field each (noted, not a fallback to the full reader).
    let text = {
        let mut text = Vec::new();
        jidi::corpus::write(&policy, &corpus(10_000), &mut text).expect("corpus");
        String::from_utf8(text).expect("UTF-8")
    };
    let extra: String = text
        .lines()
        .map(|l| format!("{},\"备注\":\"x\"}}\n", l.strip_suffix('}').unwrap_or(l)))
        .collect();
    let mut fast = jidi::data::fast::FastReader::new(&policy);
    for (label, lines) in [("read_fast", &text), ("read_fast_undeclared", &extra)] {
        g.bench_function(label, |b| {
            b.iter(|| {
                for line in lines.lines() {
                    black_box(fast.record(line).is_some());
                }
            })
        });
    }
    g.finish();
}

/// Cost per record as the corpus, the events per record and the indicators grow.
fn scaling(c: &mut Criterion) {
    let policy = shipped();
    let mut trace = Trace::new();
    let mut g = c.benchmark_group("scaling_records");
    for n in [1_000u64, 10_000, 100_000] {
        let rs = records(&policy, &corpus(n));
        g.throughput(Throughput::Elements(rs.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &rs, |b, rs| {
            b.iter(|| {
                for r in rs {
                    policy.trace(r, &mut trace);
                }
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("scaling_events");
    for k in [0usize, 8, 64] {
        let rs = records(
            &policy,
            &Options {
                list_len: Some(k),
                ..corpus(2_000)
            },
        );
        g.throughput(Throughput::Elements(rs.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(k), &rs, |b, rs| {
            b.iter(|| {
                for r in rs {
                    policy.trace(r, &mut trace);
                }
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("scaling_indicators");
    for n in [10usize, 100, 1000] {
        let p = synthetic(n);
        let rs = records(&p, &corpus(2_000));
        g.throughput(Throughput::Elements(rs.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &rs, |b, rs| {
            b.iter(|| {
                for r in rs {
                    p.trace(r, &mut trace);
                }
            })
        });
    }
    g.finish();
}

/// A policy with `n` threshold indicators over ten figures, for the indicator-count scaling.
fn synthetic(n: usize) -> Policy {
    let mut text = String::from(
        "measure \"bench\" { version \"1\" effective 2024-01-01 }\nunit 元\nunit 万元 = 10000 元\n\
         tier A\ntier B\ninput 名称: name\ninput 类型: tier\n",
    );
    for f in 0..10 {
        text.push_str(&format!("input x{f}: 万元 range 0..\n"));
    }
    text.push_str("article 一 {\n  quote \"q\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "  indicator i{i} = x{} {{\n    quote \"q{i}\"\n    A constraint >= {} 万元\n    B guidance >= {} 万元\n  }}\n",
            i % 10,
            100 + i,
            50 + i
        ));
    }
    text.push_str(
        "}\ndecision {\n  not_eligible when any constraint is fail\n  undetermined when any constraint is unknown\n  otherwise eligible\n}\n",
    );
    policy_from(&text)
}

criterion_group!(benches, sichuan, scaling);
criterion_main!(benches);
