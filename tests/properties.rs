//! Property tests: judging is deterministic and independent of record order; raising a `>=`
//! threshold never turns a fail into a pass; unit conversions round-trip exactly; the
//! three-valued logic keeps Kleene's laws.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::check::{check, CheckTest, Policy, RuleRole};
use jidi::data::load_source;
use jidi::eval::{Status, Trace};
use jidi::syntax::ast::{CmpOp, Verdict};
use jidi::units::Rational;
use jidi::value::{Record, Value};
use jidi::Source;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value as Json;
use std::str::FromStr;
use std::sync::OnceLock;

mod common;
use common::{read, root};

const SICHUAN: &str = "policies/sichuan-2023-draft.jidi";

fn checked(name: &str, text: &str) -> Policy {
    let c = check(&Source::new(name, text));
    let errors: Vec<String> = c.errors().map(|d| format!("{}: {d}", d.code)).collect();
    assert!(c.policy.is_some(), "{name} does not check: {errors:?}");
    c.policy.unwrap()
}

fn sichuan() -> &'static Policy {
    static P: OnceLock<Policy> = OnceLock::new();
    P.get_or_init(|| checked("sichuan.jidi", &read(SICHUAN)))
}

// ---------------------------------------------------------------- records to judge

/// The example applications as JSON objects: realistic records near the thresholds.
fn examples() -> &'static [Json] {
    static E: OnceLock<Vec<Json>> = OnceLock::new();
    E.get_or_init(|| {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(root().join("examples")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) == Some("json") {
                out.push(serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap());
            }
        }
        out.sort_by_key(|j: &Json| j["名称"].to_string());
        out
    })
}

/// One change to a record: drop a field, scale a figure by `percent`/100, or swap the tier.
#[derive(Debug, Clone)]
enum Change {
    Drop(usize),
    Scale(usize, u32),
    SwapTier,
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0usize..64).prop_map(Change::Drop),
        (0usize..64, 50u32..150).prop_map(|(f, p)| Change::Scale(f, p)),
        Just(Change::SwapTier),
    ]
}

/// An example with some changes applied.
fn record_json() -> impl Strategy<Value = Json> {
    (
        0usize..examples().len(),
        prop::collection::vec(change(), 0..6),
    )
        .prop_map(|(which, changes)| {
            let mut j = examples()[which].clone();
            let obj = j.as_object_mut().unwrap();
            for c in changes {
                let keys: Vec<String> = obj.keys().cloned().collect();
                match c {
                    Change::Drop(f) => {
                        let k = &keys[f % keys.len()];
                        if k != "名称" {
                            obj.shift_remove(k);
                        }
                    }
                    Change::Scale(f, percent) => {
                        let numbers: Vec<&String> = keys
                            .iter()
                            .filter(|k| obj[k.as_str()].is_number())
                            .collect();
                        if numbers.is_empty() {
                            continue;
                        }
                        let k = numbers[f % numbers.len()].clone();
                        let v = Decimal::from_str(&obj[&k].to_string()).unwrap();
                        let scaled = v * Decimal::from(percent) / Decimal::from(100);
                        obj[&k] = serde_json::from_str(&scaled.normalize().to_string()).unwrap();
                    }
                    Change::SwapTier => {
                        let tier = if obj.get("申报类型").and_then(Json::as_str) == Some("示范基地")
                        {
                            "产业基地"
                        } else {
                            "示范基地"
                        };
                        obj.insert("申报类型".into(), tier.into());
                    }
                }
            }
            j
        })
}

/// Loads records given as JSON values, as one JSON array file; `None` for a bad record.
fn load(policy: &Policy, records: &[Json]) -> Vec<Option<Record>> {
    let text = serde_json::to_string_pretty(&Json::Array(records.to_vec())).unwrap();
    let loaded = load_source(policy, &Source::new("batch.json", text));
    assert_eq!(loaded.len(), records.len(), "one result per record");
    loaded.into_iter().map(|l| l.record).collect()
}

/// Each rule's status.
fn statuses(policy: &Policy, record: &Record) -> (Verdict, Vec<Status>) {
    let j = policy.judge(record);
    (j.verdict, j.results.iter().map(|r| r.status).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The same record gets the same judgement whatever its place in the batch, however often it is
    /// judged, and whether it is judged alone or into a trace reused across the batch.
    #[test]
    fn judging_is_deterministic_and_independent_of_record_order(
        (records, order) in prop::collection::vec(record_json(), 1..10).prop_flat_map(|rs| {
            let n = rs.len();
            (Just(rs), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let policy = sichuan();
        let first = load(policy, &records);
        let shuffled: Vec<Json> = order.iter().map(|&i| records[i].clone()).collect();
        let second = load(policy, &shuffled);
        let mut trace = Trace::new();
        for (j, &i) in order.iter().enumerate() {
            prop_assert_eq!(&second[j], &first[i], "the same record loads the same");
            let Some(record) = &first[i] else { continue };
            let alone = policy.judge(record);
            prop_assert_eq!(&alone, &policy.judge(record), "judging twice");
            policy.trace(record, &mut trace);
            prop_assert_eq!(&trace.judgement(policy, record), &alone, "a reused trace");
            prop_assert_eq!(trace.verdict(), alone.verdict);
        }
    }
}

// ---------------------------------------------------------------- thresholds

/// Where the indicators' `>=` and `>` thresholds are written as a number: (start, end) of it.
fn raisable_thresholds(policy: &Policy, text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for rule in policy
        .rules
        .iter()
        .filter(|r| r.role == RuleRole::Indicator)
    {
        for criterion in rule.per_tier.iter().flatten() {
            for branch in &criterion.branches {
                for check in &branch.checks {
                    let CheckTest::Compare(c) = &check.test else {
                        continue;
                    };
                    if !matches!(c.op, CmpOp::Ge | CmpOp::Gt) {
                        continue;
                    }
                    let start = c.threshold_span.start;
                    let len = text[start..]
                        .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                        .unwrap_or(0);
                    if len > 0 && !out.contains(&(start, start + len)) {
                        out.push((start, start + len));
                    }
                }
            }
        }
    }
    out.sort_unstable();
    out
}

#[test]
fn the_shipped_policy_has_thresholds_to_raise() {
    let text = read(SICHUAN);
    let found = raisable_thresholds(sichuan(), &text);
    assert!(found.len() >= 20, "{found:?}");
    for &(s, e) in &found {
        Decimal::from_str(&text[s..e]).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Raising one `>=` (or `>`) threshold of an indicator, in a copy of the policy text, never turns
    /// a failing rule into a passing one, and never makes a record eligible that was not.
    #[test]
    fn raising_a_threshold_never_turns_a_fail_into_a_pass(
        pick in any::<prop::sample::Index>(),
        raise in 1u32..5000,
        decimals in 0u32..3,
        records in prop::collection::vec(record_json(), 1..6),
    ) {
        let text = read(SICHUAN);
        let before = sichuan();
        let spots = raisable_thresholds(before, &text);
        let (s, e) = spots[pick.index(spots.len())];
        let old = Decimal::from_str(&text[s..e]).unwrap();
        let new = old + Decimal::new(i64::from(raise), decimals);
        let edited = format!("{}{}{}", &text[..s], new, &text[e..]);
        let after = checked("raised.jidi", &edited);
        prop_assert_eq!(after.rules.len(), before.rules.len());
        let loaded_before = load(before, &records);
        let loaded_after = load(&after, &records);
        for (a, b) in loaded_before.iter().zip(&loaded_after) {
            prop_assert_eq!(a, b, "the records read the same");
            let Some(record) = a else { continue };
            let (v0, s0) = statuses(before, record);
            let (v1, s1) = statuses(&after, record);
            for (i, (x, y)) in s0.iter().zip(&s1).enumerate() {
                let rule = &before.rules[i].name;
                prop_assert!(
                    !(*x == Status::Fail && *y != Status::Fail),
                    "{rule}: fail became {y:?} when {old} was raised to {new}"
                );
                prop_assert!(
                    !(*y == Status::Pass && *x != Status::Pass),
                    "{rule}: {x:?} became pass when {old} was raised to {new}"
                );
            }
            prop_assert!(
                !(v1 == Verdict::Eligible && v0 != Verdict::Eligible),
                "{v0:?} became eligible when {old} was raised to {new}"
            );
        }
    }
}

// ---------------------------------------------------------------- units

/// Every pair of declared units of one dimension in the shipped and the small policy.
fn unit_pairs() -> Vec<(String, String, Rational, Rational)> {
    let small = checked("small.jidi", &read("tests/data/robustness/small.jidi"));
    let mut out = Vec::new();
    for policy in [sichuan(), &small] {
        let n = policy.units.defs.len();
        for a in 0..n {
            for b in 0..n {
                let ua = policy.units.named(a as u16).unwrap();
                let ub = policy.units.named(b as u16).unwrap();
                if a != b && ua.same_dimension(&ub) {
                    out.push((
                        policy.units.defs[a].name.clone(),
                        policy.units.defs[b].name.clone(),
                        ua.conversion_to(&ub).unwrap(),
                        ub.conversion_to(&ua).unwrap(),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn conversion_factors_there_and_back_multiply_to_exactly_one() {
    let pairs = unit_pairs();
    assert!(pairs.iter().any(|(a, b, ..)| a == "亩" && b == "公顷"));
    for (a, b, there, back) in pairs {
        assert_eq!(there.times(back), Some(Rational::ONE), "{a} → {b} → {a}");
    }
}

/// A policy that converts `x` from unit `a` to unit `b` and back, in one let.
fn round_trip_policy(units: &str, a: &str, b: &str) -> Policy {
    let text = format!(
        "{units}\ntier T\ninput 名称: name\ninput 类型: tier\ninput x: {a}\n\
         let back = (x as {b}) as {a}\nlet same = back == x\n\
         article 第一条 {{\n  quote \"q\"\n  condition 同 = same\n}}\n\
         decision {{ not_eligible when any condition is fail otherwise eligible }}\n"
    );
    checked("round-trip.jidi", &text)
}

const UNITS: &str =
    "unit 元\nunit 万元 = 10000 元\nunit 亿元 = 10000 万元\nunit 亩\nunit 公顷 = 15 亩\n\
                     unit 小亩 = 1/3 亩\nunit % = 1/100";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn rationals_times_their_inverse_are_one(p in -1_000_000i128..1_000_000, q in 1i128..1_000_000) {
        prop_assume!(p != 0);
        let r = Rational::new(p, q).unwrap();
        prop_assert_eq!(r.times(Rational::ONE.over(r).unwrap()), Some(Rational::ONE));
    }

    /// Converting to a smaller unit and back gives the figure exactly, for every declared pair.
    #[test]
    fn converting_down_and_back_is_exact(mantissa in -1_000_000_000_000i64..1_000_000_000_000, scale in 0u32..8) {
        let v = Decimal::new(mantissa, scale);
        for (a, b, there, back) in unit_pairs() {
            // Only to a smaller unit: a whole number of them per one of the larger.
            let per = there.apply(Decimal::ONE).unwrap();
            if per < Decimal::ONE || !per.fract().is_zero() {
                continue;
            }
            let Some(down) = there.apply(v) else { continue };
            prop_assert_eq!(back.apply(down), Some(v), "{} {} → {} → {}", v, a, b, a);
        }
    }

    /// `(x as B) as A` is exactly x, in every direction, as the interpreter computes it.
    #[test]
    fn the_language_round_trips_conversions_exactly(mantissa in -1_000_000_000_000i64..1_000_000_000_000, scale in 0u32..8) {
        static POLICIES: OnceLock<Vec<Policy>> = OnceLock::new();
        let policies = POLICIES.get_or_init(|| {
            [("亩", "公顷"), ("公顷", "亩"), ("元", "亿元"), ("亿元", "元"), ("亩", "小亩"), ("小亩", "公顷")]
                .iter()
                .map(|(a, b)| round_trip_policy(UNITS, a, b))
                .collect()
        });
        let v = Decimal::new(mantissa, scale);
        for policy in policies {
            let x = policy.inputs.iter().position(|i| i.name == "x").unwrap();
            let mut values = vec![Value::Unknown; policy.inputs.len()];
            values[policy.tier_input] = Value::Enum(0);
            values[x] = Value::Num(v);
            let record = Record { values };
            let lets = policy.derive(&record);
            prop_assert_eq!(&lets[0], &Value::Num(v));
            prop_assert_eq!(&lets[1], &Value::Bool(true));
        }
    }
}

// ---------------------------------------------------------------- three-valued logic

/// Kleene's three-valued logic, as a reference: `None` is unknown.
fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

fn not(a: Option<bool>) -> Option<bool> {
    a.map(|x| !x)
}

/// Laws as (name, left, right): each must give the same value for every a, b, c.
const LAWS: &[(&str, &str, &str)] = &[
    ("double negation", "not not a", "a"),
    ("and commutes", "a and b", "b and a"),
    ("or commutes", "a or b", "b or a"),
    ("and associates", "(a and b) and c", "a and (b and c)"),
    ("or associates", "(a or b) or c", "a or (b or c)"),
    (
        "and distributes",
        "a and (b or c)",
        "(a and b) or (a and c)",
    ),
    ("or distributes", "a or (b and c)", "(a or b) and (a or c)"),
    ("De Morgan (and)", "not (a and b)", "not a or not b"),
    ("De Morgan (or)", "not (a or b)", "not a and not b"),
    ("and absorbs", "a and (a or b)", "a"),
    ("or absorbs", "a or (a and b)", "a"),
    ("and is idempotent", "a and a", "a"),
    ("true is and's identity", "a and true", "a"),
    ("false is or's identity", "a or false", "a"),
    ("false annihilates and", "a and false", "false"),
    ("true annihilates or", "a or true", "true"),
];

fn logic_policy() -> &'static Policy {
    static P: OnceLock<Policy> = OnceLock::new();
    P.get_or_init(|| {
        let mut text = String::from(
            "tier T\ninput 名称: name\ninput 类型: tier\ninput a: bool\ninput b: bool\ninput c: bool\n\
             record 项 { p: bool }\ninput 项目: list of 项\n",
        );
        for (i, (_, l, r)) in LAWS.iter().enumerate() {
            text.push_str(&format!("let l{i} = {l}\nlet r{i} = {r}\n"));
        }
        text.push_str(
            "let reference_and = a and b\nlet reference_or = a or b\nlet reference_not = not a\n\
             let excluded_middle = a or not a\nlet compare = a == true\n\
             let choice = if a then b else c\n\
             let any_p = any e in 项目: e.p\nlet all_p = all e in 项目: e.p\n\
             let count_p = count e in 项目: e.p\n\
             article 第一条 {\n  quote \"q\"\n  condition 甲 = a\n}\n\
             decision { not_eligible when any condition is fail otherwise eligible }\n",
        );
        checked("logic.jidi", &text)
    })
}

fn truth(v: Option<bool>) -> Value {
    v.map_or(Value::Unknown, Value::Bool)
}

fn logic_record(
    policy: &Policy,
    a: Option<bool>,
    b: Option<bool>,
    c: Option<bool>,
    items: &[Option<bool>],
) -> Record {
    let mut values = vec![Value::Unknown; policy.inputs.len()];
    values[policy.tier_input] = Value::Enum(0);
    for (name, v) in [("a", a), ("b", b), ("c", c)] {
        let i = policy.inputs.iter().position(|x| x.name == name).unwrap();
        values[i] = truth(v);
    }
    let list = policy.inputs.iter().position(|x| x.name == "项目").unwrap();
    values[list] = Value::List(
        items
            .iter()
            .map(|p| Value::Record(vec![truth(*p)].into()))
            .collect::<Vec<_>>()
            .into(),
    );
    Record { values }
}

fn let_value(policy: &Policy, lets: &[Value], name: &str) -> Value {
    let i = policy.lets.iter().position(|l| l.name == name).unwrap();
    lets[i].clone()
}

const THREE: [Option<bool>; 3] = [Some(true), Some(false), None];

#[test]
fn kleene_laws_hold_for_every_combination() {
    let policy = logic_policy();
    for a in THREE {
        for b in THREE {
            for c in THREE {
                let lets = policy.derive(&logic_record(policy, a, b, c, &[]));
                for (i, (law, l, r)) in LAWS.iter().enumerate() {
                    assert_eq!(
                        let_value(policy, &lets, &format!("l{i}")),
                        let_value(policy, &lets, &format!("r{i}")),
                        "{law}: `{l}` vs `{r}` for a={a:?} b={b:?} c={c:?}"
                    );
                }
                assert_eq!(let_value(policy, &lets, "reference_and"), truth(and(a, b)));
                assert_eq!(let_value(policy, &lets, "reference_or"), truth(or(a, b)));
                assert_eq!(let_value(policy, &lets, "reference_not"), truth(not(a)));
                // Unknown is not a third truth that makes `a or not a` hold.
                assert_eq!(
                    let_value(policy, &lets, "excluded_middle"),
                    truth(or(a, not(a)))
                );
                assert_eq!(let_value(policy, &lets, "compare"), truth(a));
                // An unknown condition makes `if` unknown, unless both branches agree.
                let choice = match a {
                    Some(true) => b,
                    Some(false) => c,
                    None if b == c => b,
                    None => None,
                };
                assert_eq!(let_value(policy, &lets, "choice"), truth(choice));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `any` is a chain of `or`, `all` a chain of `and`; `count` is unknown when any element is.
    #[test]
    fn quantifiers_fold_the_three_valued_connectives(
        items in prop::collection::vec(prop::sample::select(THREE.to_vec()), 0..8)
    ) {
        let policy = logic_policy();
        let lets = policy.derive(&logic_record(policy, None, None, None, &items));
        let (mut any, mut all) = (Some(false), Some(true));
        for &x in &items {
            any = or(any, x);
            all = and(all, x);
        }
        prop_assert_eq!(let_value(policy, &lets, "any_p"), truth(any));
        prop_assert_eq!(let_value(policy, &lets, "all_p"), truth(all));
        let count = if items.contains(&None) {
            Value::Unknown
        } else {
            Value::Num(Decimal::from(items.iter().filter(|x| **x == Some(true)).count() as u64))
        };
        prop_assert_eq!(let_value(policy, &lets, "count_p"), count);
    }
}

// ---------------------------------------------------------------- decided under unknowns

/// Rules that bound what unknowns can do: counts, sums, extremes, `if`, arithmetic, derived
/// values and cases under an unknown guard.
fn bounds_policy() -> &'static Policy {
    static P: OnceLock<Policy> = OnceLock::new();
    P.get_or_init(|| {
        checked(
            "bounds.jidi",
            "unit 亿元\ntier T\ninput 名称: name\ninput 类型: tier\n\
             input a: 亿元 range 0..100\ninput b: 亿元 range 0..100\ninput f: bool\n\
             record 企业 { 营业收入: 亿元 range 0..  达标: bool }\ninput 企业: list of 企业\n\
             let s = sum e in 企业: e.营业收入\n\
             article 第一条 {\n  quote \"q\"\n\
               condition c1 = (count e in 企业: e.达标) >= 2\n\
               condition c2 = (sum e in 企业: e.营业收入) >= 100 亿元\n\
               condition c3 = (min e in 企业: e.营业收入) <= 10 亿元\n\
               condition c4 = (max e in 企业: e.营业收入) >= 50 亿元\n\
               condition c5 = (if f then a else a + 10 亿元) >= 40 亿元\n\
               condition c6 = a * 2 - b >= 60 亿元\n\
               condition c7 = (count e in 企业 where e.营业收入 >= 20 亿元: e.达标) < 2\n\
               condition c8 = s / 3 > a\n\
               condition c9 = max(a, b) <= 30 亿元\n\
               condition c10 = any e in 企业: e.营业收入 > a\n\
               condition c11 = (a + b) / (b + 1 亿元) * 1 亿元 >= 2 亿元\n\
               indicator i1 = a {\n    all constraint when f => >= 30 亿元 else => >= 50 亿元\n  }\n\
               indicator i2 = sum e in 企业 where e.达标: e.营业收入 {\n    all constraint >= 60 亿元\n  }\n\
             }\n\
             decision {\n  not_eligible when any condition is fail or any constraint is fail\n  \
             undetermined when any condition is unknown or any constraint is unknown\n  otherwise eligible\n}\n",
        )
    })
}

/// A figure in 0..=100 亿元 (whole, half or an odd fraction), or a truth.
fn amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0i64..=100).prop_map(Decimal::from),
        (0i64..=200).prop_map(|n| Decimal::new(n * 5, 1)),
        Just(Decimal::from_str("33.3333").unwrap()),
    ]
}

/// A value and whether the record leaves it out (unknown).
fn maybe<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = (T, bool)> {
    (s, prop::bool::weighted(0.35))
}

#[derive(Debug, Clone)]
struct Partial {
    a: (Decimal, bool),
    b: (Decimal, bool),
    f: (bool, bool),
    firms: Vec<((Decimal, bool), (bool, bool))>,
}

fn partial() -> impl Strategy<Value = Partial> {
    (
        maybe(amount()),
        maybe(amount()),
        maybe(any::<bool>()),
        prop::collection::vec((maybe(amount()), maybe(any::<bool>())), 0..5),
    )
        .prop_map(|(a, b, f, firms)| Partial { a, b, f, firms })
}

/// The record with the left-out values unknown (`filled` false), or every value given.
fn bounds_record(policy: &Policy, p: &Partial, filled: bool) -> Record {
    let slot = |name: &str| policy.inputs.iter().position(|x| x.name == name).unwrap();
    let num = |(v, out): (Decimal, bool)| {
        if out && !filled {
            Value::Unknown
        } else {
            Value::Num(v)
        }
    };
    let boolean = |(v, out): (bool, bool)| {
        if out && !filled {
            Value::Unknown
        } else {
            Value::Bool(v)
        }
    };
    let mut values = vec![Value::Unknown; policy.inputs.len()];
    values[policy.tier_input] = Value::Enum(0);
    values[slot("a")] = num(p.a);
    values[slot("b")] = num(p.b);
    values[slot("f")] = boolean(p.f);
    values[slot("企业")] = Value::List(
        p.firms
            .iter()
            .map(|(r, ok)| Value::Record(vec![num(*r), boolean(*ok)].into()))
            .collect::<Vec<_>>()
            .into(),
    );
    Record { values }
}

#[test]
fn bounds_decide_what_the_known_values_force() {
    let policy = bounds_policy();
    let status = |p: &Partial, rule: &str| {
        let (_, s) = statuses(policy, &bounds_record(policy, p, false));
        s[policy.rule_index(rule).unwrap()]
    };
    let firm = |r: i64, out: bool, ok: bool, ok_out: bool| ((Decimal::from(r), out), (ok, ok_out));
    let p = Partial {
        a: (Decimal::from(55), false),
        b: (Decimal::from(0), true),
        f: (true, true),
        firms: vec![
            firm(60, false, true, false),
            firm(45, false, true, false),
            firm(5, true, false, true),
        ],
    };
    // Two firms known to meet the test, one unknown: the count is 2 or 3.
    assert_eq!(status(&p, "c1"), Status::Pass);
    // 60 + 45 亿元 known, the third is at least 0: the sum is at least 105 亿元.
    assert_eq!(status(&p, "c2"), Status::Pass);
    // The least is at most 45 亿元, but may be more than 10 亿元: not forced.
    assert_eq!(status(&p, "c3"), Status::Unknown);
    assert_eq!(status(&p, "c4"), Status::Pass);
    // 55 亿元 passes both cases (≥ 30 亿元, ≥ 50 亿元) whatever f is.
    assert_eq!(status(&p, "i1"), Status::Pass);
    assert_eq!(status(&p, "c5"), Status::Pass);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Filling in every unknown with a value its range allows never contradicts a status that
    /// was decided while it was unknown.
    #[test]
    fn filling_in_an_unknown_never_contradicts_a_decided_status(p in partial()) {
        let policy = bounds_policy();
        let (_, partial) = statuses(policy, &bounds_record(policy, &p, false));
        let (_, full) = statuses(policy, &bounds_record(policy, &p, true));
        for (i, (got, known)) in partial.iter().zip(&full).enumerate() {
            if matches!(got, Status::Pass | Status::Fail) {
                prop_assert_eq!(got, known, "rule {} for {:?}", policy.rules[i].name, p);
            }
        }
    }
}
