#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
//! The what-if library against the one evaluator: after every override, undo and reset the
//! session's verdicts equal judging every park from scratch, and a sweep equals overriding.

use jidi::check::{self, Type};
use jidi::syntax::ast::Verdict;
use jidi::value::Value;
use jidi::whatif::{self, judge_all, Park, Session, ThresholdRef, TierSpec};
use jidi::Source;
use rust_decimal::Decimal;
use std::path::PathBuf;

fn corpus(n: usize) -> (check::Policy, Vec<Park>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let source = Source::read(&root.join("policies/sichuan-2023-draft.jidi")).unwrap();
    let policy = check::check(&source).policy.unwrap();
    let examples = whatif::load_parks(&policy, &[root.join("examples")]).parks;
    let parks = (0..n)
        .map(|i| {
            let mut park = examples[i % examples.len()].clone();
            let factor = Decimal::new(800 + i64::try_from((i * 7919) % 401).unwrap(), 3);
            for (slot, input) in park.record.values.iter_mut().zip(&policy.inputs) {
                if let (Value::Num(v), Type::Num(_)) = (&*slot, &input.ty) {
                    let scaled = (*v * factor).round_dp(4);
                    *slot = Value::Num(match input.range {
                        Some((_, Some(hi))) if scaled > hi => hi,
                        _ => scaled,
                    });
                }
            }
            park
        })
        .collect();
    (policy, parks)
}

fn from_scratch(s: &Session) -> Vec<Verdict> {
    let records: Vec<_> = (0..s.parks().len()).map(|i| s.record(i).unwrap()).collect();
    judge_all(s.policy(), &records)
        .iter()
        .map(|j| j.verdict)
        .collect()
}

fn threshold(s: &Session, rule: &str, tier: TierSpec, value: &str) -> whatif::Override {
    let p = s.policy();
    let target = ThresholdRef::resolve(p, p.rule_index(rule).unwrap(), tier, None, None).unwrap();
    s.threshold_override(target, &Source::new("v", value))
        .unwrap()
}

/// Four what-ifs in a row: a 示范基地 threshold, one for every tier, one for the tier the rule leaves
/// unsaid, and the first threshold again.
fn steps(s: &Session) -> Vec<whatif::Override> {
    let demo = TierSpec::One(s.policy().tier_index("示范基地").unwrap());
    vec![
        threshold(s, "工业用地地均收入", demo, "3500 万元/公顷"),
        threshold(
            s,
            "主导产业营业收入占产业集聚区营业收入比重",
            TierSpec::All,
            "62 %",
        ),
        threshold(s, "实际到位省外资金增速", TierSpec::Unsaid, "9 %"),
        threshold(s, "工业用地地均收入", demo, "4600"),
    ]
}

#[test]
fn incremental_what_if_equals_judging_from_scratch() {
    let (policy, parks) = corpus(600);
    let mut s = Session::new(policy, parks);
    let steps = steps(&s);
    let mut flips = 0;
    for o in steps {
        let before = s.verdicts().to_vec();
        let changes = s.push(o);
        let after = from_scratch(&s);
        assert_eq!(s.verdicts(), after.as_slice());
        let expected: Vec<usize> = (0..after.len())
            .filter(|&i| before[i] != after[i])
            .collect();
        let got: Vec<usize> = changes.flips.iter().map(|f| f.park).collect();
        assert_eq!(got, expected);
        flips += got.len();
        assert_eq!(
            s.judgements().iter().map(|j| j.verdict).collect::<Vec<_>>(),
            after
        );
    }
    assert!(flips > 10, "the steps should flip parks: {flips}");
    let park = 5;
    let input = s.policy().input_index("工业用地面积").unwrap();
    let o = s
        .figure_override(park, input, &Source::new("v", "1 公顷"))
        .unwrap();
    s.push(o);
    assert_eq!(s.verdicts(), from_scratch(&s).as_slice());
    s.undo(Some(1)).unwrap();
    assert_eq!(s.verdicts(), from_scratch(&s).as_slice());
    let since = s.since_loaded();
    assert!(!since.flips.is_empty());
    s.reset();
    assert_eq!(s.verdicts(), from_scratch(&s).as_slice());
    assert!(s.since_loaded().flips.is_empty());
}

#[test]
fn a_sweep_equals_overriding_at_each_value() {
    let (policy, parks) = corpus(400);
    let demo = TierSpec::One(policy.tier_index("示范基地").unwrap());
    let rule = policy.rule_index("工业用地地均收入").unwrap();
    let target = ThresholdRef::resolve(&policy, rule, demo, None, None).unwrap();
    let mut s = Session::new(policy, parks);
    let o = threshold(
        &s,
        "主导产业营业收入占产业集聚区营业收入比重",
        TierSpec::All,
        "60 %",
    );
    s.push(o);
    let values: Vec<Decimal> = (0..9).map(|i| Decimal::from(3000 + 250 * i)).collect();
    let sweep = s.sweep(&target, &values).unwrap();
    for (point, v) in sweep.points.iter().zip(&values) {
        let mut t = s.clone();
        let o = t
            .threshold_override(target.clone(), &Source::new("v", v.to_string()))
            .unwrap();
        t.push(o);
        let eligible = t
            .verdicts()
            .iter()
            .zip(t.tiers())
            .filter(|(v, tier)| **v == Verdict::Eligible && **tier == Some(target.locs[0].tier))
            .count();
        assert_eq!(point.counts[0].eligible, eligible, "at {v}");
    }
}

/// A flip: the park, its verdicts before and after, and the rules whose status changed.
type FlipSeen = (usize, Verdict, Verdict, Vec<String>);

/// The flips and quiet changes found by judging every park in full in both states.
fn judged_apart(
    old: &check::Policy,
    old_records: &[jidi::value::Record],
    s: &Session,
) -> (Vec<FlipSeen>, usize) {
    let before = judge_all(old, &old_records.iter().collect::<Vec<_>>());
    let records: Vec<_> = (0..s.parks().len()).map(|i| s.record(i).unwrap()).collect();
    let after = judge_all(s.policy(), &records);
    let mut flips = Vec::new();
    let mut quiet = 0;
    for (p, (b, a)) in before.iter().zip(&after).enumerate() {
        let rules: Vec<String> = b
            .results
            .iter()
            .zip(&a.results)
            .filter(|(x, y)| x.status != y.status)
            .map(|(x, y)| format!("{x:?} -> {y:?}"))
            .collect();
        if b.verdict != a.verdict {
            flips.push((p, b.verdict, a.verdict, rules));
        } else if !rules.is_empty() {
            quiet += 1;
        }
    }
    (flips, quiet)
}

#[test]
fn what_if_changes_equal_judging_every_park_in_both_states() {
    let (policy, mut parks) = corpus(700);
    // Some figures unknown, so that bounds, not the figure, decide some comparisons.
    let numbers: Vec<usize> = (0..policy.inputs.len())
        .filter(|&i| matches!(policy.inputs[i].ty, Type::Num(_)))
        .collect();
    for (k, park) in parks.iter_mut().enumerate().filter(|(k, _)| k % 5 == 0) {
        let i = numbers[(k / 5) % numbers.len()];
        park.record.values[i] = Value::Unknown;
    }
    let mut s = Session::new(policy, parks);
    let steps = steps(&s);
    let mut flipped = 0;
    for o in steps {
        let old = s.policy().clone();
        let records: Vec<_> = (0..s.parks().len())
            .map(|i| s.record(i).unwrap().clone())
            .collect();
        let changes = s.push(o);
        let (flips, quiet) = judged_apart(&old, &records, &s);
        let got: Vec<FlipSeen> = changes
            .flips
            .iter()
            .map(|f| {
                let rules = f.rules.iter().map(|(x, y)| format!("{x:?} -> {y:?}"));
                (f.park, f.before, f.after, rules.collect())
            })
            .collect();
        assert_eq!(got, flips);
        assert_eq!(changes.quiet, quiet);
        flipped += flips.len();
    }
    assert!(flipped > 10, "the steps should flip parks: {flipped}");
}
