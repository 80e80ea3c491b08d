//! Synthetic corpora: deterministic NDJSON records derived from a policy's declared inputs alone.
//!
//! Everything a record holds follows from the policy: the inputs and their types, units, ranges,
//! enumerations and record shapes; the constant thresholds its comparisons use (figures are
//! centred on them, per tier, so many records sit near a boundary and some exactly on it); the
//! inputs compared with each other (advanced values, growth rates); ratio figures (a numerator or
//! denominator is derived from its partner so the ratio lands near its threshold); look-back
//! windows (list elements dated inside, on the edge of, and outside each window); map keys read
//! by the rules; and `applies when` conditions (fields of a sub-field appear mostly on records of
//! that sub-field). A share of fields is left out (unknown), a share of records is malformed in
//! one of several ways, and the same seed always gives the same bytes.

use crate::check::ir::{CheckTest, IExpr, Policy, Type};
use crate::eval::shift;
use crate::syntax::ast::{CmpOp, Duration};
use crate::units::Unit;
use crate::value::Value;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::{self, Write};
use std::str::FromStr;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub seed: u64,
    pub count: u64,
    /// Share of records (0..=1) that are malformed: broken JSON, wrong types, unknown values,
    /// figures out of range, impossible dates, non-objects, unknown fields of list elements.
    pub malformed_share: f64,
    /// Exact number of elements in every list of records (events), instead of the usual 0–5.
    pub list_len: Option<usize>,
    /// Share of fields (0..=1) left out of a record, making them unknown.
    pub missing_share: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            count: 1000,
            malformed_share: 0.01,
            list_len: None,
            missing_share: 0.01,
        }
    }
}

/// A small, fast, well-mixed generator (SplitMix64). Only integer and basic floating-point
/// arithmetic is used downstream, so output is identical on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Approximately standard normal (Irwin–Hall of four uniforms), without transcendental functions.
    pub fn normal(&mut self) -> f64 {
        let s = self.unit() + self.unit() + self.unit() + self.unit();
        (s - 2.0) * 1.732_050_807_568_877_2
    }
}

/// A constant threshold on one numeric input, in the input's own unit.
#[derive(Debug, Clone)]
struct Threshold {
    tier: Option<usize>,
    op: CmpOp,
    value: f64,
}

/// How one date relates to another: `d within L before a`, or `d > a - L`.
#[derive(Debug, Clone)]
struct DateRel {
    anchor: usize,
    length: Duration,
    /// A window (`within … before`) rather than a single edge.
    window: bool,
}

/// Which values of an enumeration input make a field relevant (`applies when 细分领域 == 数据中心`).
#[derive(Debug, Clone, PartialEq)]
struct Cond {
    input: usize,
    values: Vec<u32>,
}

/// Everything learnt about one input, or one field of a record shape.
#[derive(Debug, Clone, Default)]
struct Hints {
    thresholds: Vec<Threshold>,
    /// Compared with another input of the same unit: generated near it.
    partner: Option<(usize, CmpOp)>,
    /// Numerator (`true`) or denominator of a ratio figure with the other input, and the ratio's
    /// thresholds in the inputs' own units.
    ratio: Option<(usize, bool, Vec<Threshold>)>,
    negated: bool,
    texts: Vec<String>,
    dates: Vec<DateRel>,
    /// Map keys read by the rules, each with the conditions under which it is read.
    keys: Vec<(String, Vec<Option<Cond>>)>,
    /// Map or field values the rules test for (`== 达标`).
    wanted: Vec<u32>,
    /// How often a wanted value is chosen: high for experts' verdicts, even for plain fields.
    want_share: f64,
    /// The conditions of the rules that read this input; `None` is a rule read unconditionally.
    conds: Vec<Option<Cond>>,
}

/// A generator of records for one policy.
pub struct Generator<'p> {
    policy: &'p Policy,
    inputs: Vec<Hints>,
    /// Per shape, per field.
    fields: Vec<Vec<Hints>>,
    /// Inputs in generation order: those with their own hints first, derived ones after.
    order: Vec<usize>,
    base_date: NaiveDate,
}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Num(d) => d.to_string().parse::<f64>().ok(),
        _ => None,
    }
}

/// The constant an expression stands for, and the factor from its own unit to the figure's.
fn constant(e: &IExpr) -> Option<f64> {
    match e {
        IExpr::Const(v) => num(v),
        IExpr::Scale(inner, f) => {
            let c = constant(inner)?;
            Some(c * factor(f))
        }
        _ => None,
    }
}

fn factor(f: &crate::units::Rational) -> f64 {
    let text = f.to_string();
    match text.split_once('/') {
        Some((n, d)) => n.parse::<f64>().unwrap_or(1.0) / d.parse::<f64>().unwrap_or(1.0),
        None => text.parse::<f64>().unwrap_or(1.0),
    }
}

/// `Input(i)` possibly scaled: the input and the factor from its unit to the expression's.
fn scaled_input(e: &IExpr) -> Option<(usize, f64)> {
    match e {
        IExpr::Input(i) => Some((*i, 1.0)),
        IExpr::Scale(inner, f) => scaled_input(inner).map(|(i, g)| (i, g * factor(f))),
        _ => None,
    }
}

/// `a / b` of two inputs, possibly scaled: (a, b, factor).
fn ratio_of(e: &IExpr) -> Option<(usize, usize, f64)> {
    match e {
        IExpr::Arith(crate::check::ir::Arith::Div, a, b) => {
            let (a, fa) = scaled_input(a)?;
            let (b, fb) = scaled_input(b)?;
            Some((a, b, fa / fb))
        }
        IExpr::Scale(inner, f) => ratio_of(inner).map(|(a, b, g)| (a, b, g * factor(f))),
        _ => None,
    }
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Ge => CmpOp::Le,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Lt => CmpOp::Gt,
        other => other,
    }
}

/// What a place in an expression refers to: an input, or a field of the element of a list input.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Input(usize),
    Field(u32, usize),
}

struct Walker<'a> {
    policy: &'a Policy,
    inputs: Vec<Hints>,
    fields: Vec<Vec<Hints>>,
    /// Per quantifier depth, the shape of the elements it binds.
    bound: Vec<Option<u32>>,
    tier: Option<usize>,
    cond: Option<Cond>,
    /// Walking an `applies when`: the values it tests select records, they are not "wanted".
    selecting: bool,
}

impl Walker<'_> {
    fn place(&self, e: &IExpr) -> Option<Place> {
        match e {
            IExpr::Input(i) => Some(Place::Input(*i)),
            IExpr::Field(base, f) => match &**base {
                IExpr::Var(d) => self
                    .bound
                    .get(*d)
                    .copied()
                    .flatten()
                    .map(|s| Place::Field(s, f.index)),
                _ => None,
            },
            _ => None,
        }
    }

    fn hints(&mut self, p: Place) -> Option<&mut Hints> {
        match p {
            Place::Input(i) => self.inputs.get_mut(i),
            Place::Field(s, f) => self.fields.get_mut(s as usize)?.get_mut(f),
        }
    }

    fn list_shape(&self, e: &IExpr) -> Option<u32> {
        let IExpr::Input(i) = e else { return None };
        match &self.policy.inputs.get(*i)?.ty {
            Type::List(inner) => match &**inner {
                Type::Shape(s) => Some(*s),
                _ => None,
            },
            _ => None,
        }
    }

    fn compare(&mut self, op: CmpOp, l: &IExpr, r: &IExpr) {
        let tier = self.tier;
        if let (Some((i, f)), Some(c)) = (scaled_input(l), constant(r)) {
            if f != 0.0 {
                if let Some(h) = self.inputs.get_mut(i) {
                    h.thresholds.push(Threshold {
                        tier,
                        op,
                        value: c / f,
                    });
                }
            }
        } else if let (Some(c), Some(_)) = (constant(l), scaled_input(r)) {
            let _ = c;
            self.compare(flip(op), r, l);
        } else if let (Some((a, _)), Some((b, _))) = (scaled_input(l), scaled_input(r)) {
            if let Some(h) = self.inputs.get_mut(a) {
                h.partner.get_or_insert((b, op));
            }
        } else if let (Some((a, b, f)), Some(c)) = (ratio_of(l), constant(r)) {
            if f != 0.0 {
                let t = Threshold {
                    tier,
                    op,
                    value: c / f,
                };
                for (me, other, numer) in [(a, b, true), (b, a, false)] {
                    if let Some(h) = self.inputs.get_mut(me) {
                        let entry = h.ratio.get_or_insert((other, numer, Vec::new()));
                        if entry.0 == other {
                            entry.2.push(t.clone());
                        }
                    }
                }
            }
        } else if let (Some(p), IExpr::Shift { date, by, forward }) = (self.place(l), r) {
            if let (IExpr::Input(a), IExpr::Const(Value::Duration(d))) = (&**date, &**by) {
                if !*forward {
                    let rel = DateRel {
                        anchor: *a,
                        length: *d,
                        window: false,
                    };
                    if let Some(h) = self.hints(p) {
                        h.dates.push(rel);
                    }
                }
            }
        }
        // Tests for a value (`== 达标`, `绿色等级 == "4A"`).
        if matches!(op, CmpOp::Eq) {
            self.wanted(l, r);
        }
    }

    fn wanted(&mut self, l: &IExpr, r: &IExpr) {
        if self.selecting {
            return;
        }
        let target = match l {
            IExpr::Index(m, _) => self.place(m),
            other => self.place(other),
        };
        let Some(p) = target else { return };
        let Some(h) = self.hints(p) else { return };
        match r {
            IExpr::Const(Value::Enum(v)) if !h.wanted.contains(v) => h.wanted.push(*v),
            IExpr::Const(Value::Text(t)) if !h.texts.iter().any(|x| **x == **t) => {
                h.texts.push(t.to_string());
            }
            IExpr::Set(items) => {
                for item in items {
                    self.wanted(l, item);
                }
            }
            _ => {}
        }
    }

    /// Marks what an expression reads with the current rule's condition.
    fn reads(&mut self, e: &IExpr) {
        if let Some(p) = self.place(e) {
            let cond = self.cond.clone();
            if let Some(h) = self.hints(p) {
                if !h.conds.contains(&cond) {
                    h.conds.push(cond);
                }
            }
        }
        if let IExpr::Index(m, k) = e {
            if let (IExpr::Input(i), IExpr::Const(Value::Text(key))) = (&**m, &**k) {
                let cond = self.cond.clone();
                if let Some(h) = self.inputs.get_mut(*i) {
                    match h.keys.iter_mut().find(|(k, _)| **k == **key) {
                        Some((_, conds)) => {
                            if !conds.contains(&cond) {
                                conds.push(cond);
                            }
                        }
                        None => h.keys.push((key.to_string(), vec![cond])),
                    }
                }
            }
        }
    }

    fn walk(&mut self, e: &IExpr) {
        self.reads(e);
        match e {
            IExpr::Cmp(op, l, r) => self.compare(*op, l, r),
            IExpr::In { elem, set, .. } => self.wanted(elem, set),
            IExpr::Not(inner) => {
                if let Some(p) = self.place(inner) {
                    if let Some(h) = self.hints(p) {
                        h.negated = true;
                    }
                }
            }
            IExpr::Within {
                subject,
                length,
                before,
                anchor,
            } => {
                if let (Some(p), IExpr::Const(Value::Duration(d)), IExpr::Input(a), true) =
                    (self.place(subject), &**length, &**anchor, *before)
                {
                    let rel = DateRel {
                        anchor: *a,
                        length: *d,
                        window: true,
                    };
                    if let Some(h) = self.hints(p) {
                        h.dates.push(rel);
                    }
                }
            }
            _ => {}
        }
        if let IExpr::Quant { over, body, .. } = e {
            self.walk(over);
            let shape = self.list_shape(over);
            self.bound.push(shape);
            self.walk(body);
            self.bound.pop();
            return;
        }
        for c in e.children() {
            self.walk(c);
        }
    }
}

/// The condition an `applies when` states on an enumeration input, when it is that simple.
fn condition(e: &IExpr) -> Option<Cond> {
    match e {
        IExpr::Cmp(CmpOp::Eq, l, r) => match (&**l, &**r) {
            (IExpr::Input(i), IExpr::Const(Value::Enum(v))) => Some(Cond {
                input: *i,
                values: vec![*v],
            }),
            _ => None,
        },
        IExpr::In {
            negated: false,
            elem,
            set,
        } => {
            let IExpr::Input(i) = &**elem else {
                return None;
            };
            let IExpr::Set(items) = &**set else {
                return None;
            };
            let values: Option<Vec<u32>> = items
                .iter()
                .map(|x| match x {
                    IExpr::Const(Value::Enum(v)) => Some(*v),
                    _ => None,
                })
                .collect();
            Some(Cond {
                input: *i,
                values: values?,
            })
        }
        _ => None,
    }
}

/// Output precision: whole numbers for counts in a base unit, more decimals for small figures.
fn decimals(ty: &Type, policy: &Policy, scale: f64) -> usize {
    let base_unit = match ty {
        Type::Num(u) => u.factor.is_one() && u.terms.len() == 1 && !policy.unit_text(u).is_empty(),
        _ => false,
    };
    if base_unit && scale >= 1.0 && scale.fract() == 0.0 {
        return 0;
    }
    let mut dp = 2;
    let mut s = scale.abs();
    while s > 0.0 && s < 1.0 && dp < 6 {
        s *= 10.0;
        dp += 1;
    }
    dp
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Another declared unit of the same dimension as `unit`, with the conversion factor to it.
fn other_unit(
    policy: &Policy,
    unit: &Unit,
    rng: &mut Rng,
) -> Option<(String, crate::units::Rational)> {
    let same: Vec<(String, crate::units::Rational)> = (0..policy.units.defs.len())
        .filter_map(|id| {
            let u = policy.units.named(u16::try_from(id).ok()?)?;
            (u.same_dimension(unit))
                .then(|| Some((policy.unit_text(&u), unit.conversion_to(&u)?)))?
        })
        .collect();
    let n = same.len();
    same.into_iter().nth(rng.below(n))
}

impl<'p> Generator<'p> {
    /// Learns what it can from the policy's rules, derived values and inputs.
    pub fn new(policy: &'p Policy) -> Self {
        let mut w = Walker {
            policy,
            inputs: vec![Hints::default(); policy.inputs.len()],
            fields: policy
                .shapes
                .iter()
                .map(|s| vec![Hints::default(); s.fields.len()])
                .collect(),
            bound: Vec::new(),
            tier: None,
            cond: None,
            selecting: false,
        };
        // Derived values are read where they are used; their comparisons are found there too.
        for def in &policy.lets {
            w.walk(&def.expr);
        }
        for rule in &policy.rules {
            // What `applies when` reads is read on every record; what the rule reads, only when it applies.
            w.cond = None;
            if let Some((e, _)) = &rule.applies {
                w.selecting = true;
                w.walk(e);
                w.selecting = false;
            }
            w.cond = rule.applies.as_ref().and_then(|(e, _)| condition(e));
            for (tier, crit) in rule.per_tier.iter().enumerate() {
                let Some(crit) = crit else { continue };
                w.tier = Some(tier);
                for b in &crit.branches {
                    if let Some(g) = &b.guard {
                        w.walk(g);
                    }
                    for c in &b.checks {
                        match &c.test {
                            CheckTest::Holds(e) => w.walk(e),
                            CheckTest::Compare(cmp) => {
                                w.walk(&cmp.figure);
                                w.walk(&cmp.threshold);
                                w.compare(cmp.op, &cmp.figure, &cmp.threshold);
                            }
                        }
                    }
                }
            }
            w.tier = None;
        }
        let direct = |h: &Hints| h.ratio.is_none() || !h.thresholds.is_empty();
        let mut order: Vec<usize> = (0..policy.inputs.len())
            .filter(|&i| {
                w.inputs
                    .get(i)
                    .is_some_and(|h| direct(h) && h.partner.is_none())
            })
            .collect();
        order.extend((0..policy.inputs.len()).filter(|&i| {
            w.inputs
                .get(i)
                .is_some_and(|h| !direct(h) || h.partner.is_some())
        }));
        let base_date = policy
            .meta
            .effective
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default());
        Generator {
            policy,
            inputs: w.inputs,
            fields: w.fields,
            order,
            base_date,
        }
    }

    /// Writes `options.count` records, one JSON object per line.
    pub fn write(&self, options: &Options, out: &mut dyn Write) -> io::Result<()> {
        let mut line = String::new();
        for index in 0..options.count {
            line.clear();
            self.record(options, index, &mut line);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Appends record number `index` of the corpus `options` describes, without a newline.
    pub fn record(&self, options: &Options, index: u64, out: &mut String) {
        let mut rng = Rng::new(options.seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        let malformed = rng.chance(options.malformed_share);
        let mut values: Vec<Option<String>> = vec![None; self.policy.inputs.len()];
        let mut raw: Vec<Option<Value>> = vec![None; self.policy.inputs.len()];
        let tier = rng.below(self.policy.tiers.len());
        for &i in &self.order {
            let Some(h) = self.inputs.get(i) else {
                continue;
            };
            if !self.relevant(h, &raw, &mut rng) {
                continue;
            }
            let keep = self.policy.name_input == Some(i) || i == self.policy.tier_input;
            if !keep && rng.chance(options.missing_share) {
                continue;
            }
            let v = self.value(i, tier, index, options, &raw, &mut rng);
            if let Some((text, val)) = v {
                if let (Some(slot), false) = (values.get_mut(i), text.is_empty()) {
                    *slot = Some(text);
                }
                if let Some(slot) = raw.get_mut(i) {
                    *slot = val;
                }
            }
        }
        let mut fields: Vec<(String, String)> = self
            .policy
            .inputs
            .iter()
            .zip(values)
            .filter_map(|(input, v)| Some((input.name.clone(), v?)))
            .collect();
        if rng.chance(0.005) {
            fields.push(("remark".into(), json_str("synthetic")));
        }
        if malformed && self.malform(&mut fields, &mut rng, out) {
            return;
        }
        out.push('{');
        for (n, (k, v)) in fields.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(&json_str(k));
            out.push(':');
            out.push_str(v);
        }
        out.push('}');
        if malformed && !fields.is_empty() && rng.chance(0.2) {
            // Broken JSON: the line stops part-way.
            let cut = rng.below(out.len().saturating_sub(1)).max(1);
            let mut at = cut;
            while at > 0 && !out.is_char_boundary(at) {
                at -= 1;
            }
            out.truncate(at.max(1));
        }
    }

    /// Whether a field belongs on this record: fields read only under `applies when` conditions
    /// appear mostly on records that meet one of them.
    fn relevant(&self, h: &Hints, raw: &[Option<Value>], rng: &mut Rng) -> bool {
        let conds = &h.conds;
        if conds.is_empty() || conds.iter().any(Option::is_none) {
            return true;
        }
        let meets = conds.iter().flatten().any(|c| match raw.get(c.input) {
            Some(Some(Value::Enum(v))) => c.values.contains(v),
            _ => false,
        });
        rng.chance(if meets { 0.98 } else { 0.03 })
    }

    /// Spoils one record; `true` when the whole line has been written.
    fn malform(&self, fields: &mut [(String, String)], rng: &mut Rng, out: &mut String) -> bool {
        let pick = |rng: &mut Rng, want: &dyn Fn(&Type, bool) -> bool| -> Option<usize> {
            let cands: Vec<usize> = fields
                .iter()
                .enumerate()
                .filter(|(_, (k, _))| {
                    self.policy
                        .input_index(k)
                        .and_then(|i| self.policy.inputs.get(i))
                        .is_some_and(|d| want(&d.ty, d.range.is_some_and(|(lo, _)| lo.is_some())))
                })
                .map(|(n, _)| n)
                .collect();
            let n = cands.len();
            cands.get(rng.below(n)).copied()
        };
        let kind = rng.below(7);
        let target = match kind {
            0 => pick(rng, &|t, _| matches!(t, Type::Num(_))).map(|n| (n, json_str("n/a"))),
            1 => pick(rng, &|t, _| matches!(t, Type::Enum(_) | Type::Tier))
                .map(|n| (n, json_str("unknown-value"))),
            2 => pick(rng, &|t, lo| matches!(t, Type::Num(_)) && lo).map(|n| (n, "-1".to_string())),
            3 => pick(rng, &|t, _| matches!(t, Type::Date)).map(|n| (n, json_str("2024-02-30"))),
            4 => pick(rng, &|t, _| matches!(t, Type::Bool)).map(|n| (n, "17".to_string())),
            5 => pick(
                rng,
                &|t, _| matches!(t, Type::List(inner) if matches!(**inner, Type::Shape(_))),
            )
            .map(|n| (n, "[{\"unexpected\":1}]".to_string())),
            _ => None,
        };
        match target {
            Some((n, v)) => {
                if let Some(slot) = fields.get_mut(n) {
                    slot.1 = v;
                }
                false
            }
            None => {
                out.push_str("[\"not a record\"]");
                true
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn value(
        &self,
        i: usize,
        tier: usize,
        index: u64,
        options: &Options,
        raw: &[Option<Value>],
        rng: &mut Rng,
    ) -> Option<(String, Option<Value>)> {
        let input = self.policy.inputs.get(i)?;
        let h = self.inputs.get(i)?;
        match &input.ty {
            Type::Tier => {
                let name = &self.policy.tiers.get(tier)?.name;
                Some((json_str(name), Some(Value::Enum(tier as u32))))
            }
            Type::Text if self.policy.name_input == Some(i) => {
                Some((json_str(&format!("park-{index:07}")), None))
            }
            Type::Num(unit) => {
                let (d, text) = self.number(h, &input.ty, input.range, tier, raw, rng)?;
                let v = Value::Num(d);
                if rng.chance(0.03) {
                    if let Some((name, conv)) = other_unit(self.policy, unit, rng) {
                        if let Some(x) = conv.apply(d) {
                            return Some((json_str(&format!("{}{name}", x.normalize())), Some(v)));
                        }
                    }
                }
                Some((text, Some(v)))
            }
            Type::Date => {
                let d = self.date(&h.dates, raw, rng);
                Some((json_str(&d.to_string()), Some(Value::Date(d))))
            }
            _ => {
                let (text, v) = self.typed(&input.ty, h, input.optional, raw, options, rng);
                Some((text, v))
            }
        }
    }

    fn number(
        &self,
        h: &Hints,
        ty: &Type,
        range: Option<(Option<Decimal>, Option<Decimal>)>,
        tier: usize,
        raw: &[Option<Value>],
        rng: &mut Rng,
    ) -> Option<(Decimal, String)> {
        let lo = range.and_then(|r| r.0).and_then(|d| num(&Value::Num(d)));
        let hi = range.and_then(|r| r.1).and_then(|d| num(&Value::Num(d)));
        let for_tier = |ts: &[Threshold]| -> Vec<Threshold> {
            let mine: Vec<Threshold> = ts
                .iter()
                .filter(|t| t.tier == Some(tier))
                .cloned()
                .collect();
            if mine.is_empty() {
                ts.iter().filter(|t| t.tier.is_none()).cloned().collect()
            } else {
                mine
            }
        };
        let own = for_tier(&h.thresholds);
        let raw_num = |j: usize| match raw.get(j) {
            Some(Some(Value::Num(d))) => num(&Value::Num(*d)),
            _ => None,
        };
        let (x, scale) = if let Some(t) = demanding(&own, rng) {
            (around(t.value, t.op, rng), t.value)
        } else if let Some((other, op)) = h.partner.and_then(|(o, op)| Some((raw_num(o)?, op))) {
            (around(other, op, rng), other)
        } else if let Some((other, numer, ts)) = &h.ratio {
            let ts = for_tier(ts);
            match (raw_num(*other), demanding(&ts, rng)) {
                (Some(o), Some(t)) if t.value != 0.0 => {
                    let r = around(t.value, t.op, rng);
                    if *numer {
                        (o * r, o * t.value)
                    } else if r > 0.0 {
                        (o / r, o / t.value)
                    } else {
                        (o, o)
                    }
                }
                _ => fallback(lo, hi, rng),
            }
        } else {
            fallback(lo, hi, rng)
        };
        let mut x = x;
        if let Some(lo) = lo {
            x = x.max(lo);
        }
        if let Some(hi) = hi {
            x = x.min(hi);
        }
        let dp = decimals(ty, self.policy, scale);
        let text = format!("{x:.dp$}");
        let d = Decimal::from_str(&text).ok()?;
        Some((d, text))
    }

    fn date(&self, rels: &[DateRel], raw: &[Option<Value>], rng: &mut Rng) -> NaiveDate {
        let anchored = rels
            .get(rng.below(rels.len()))
            .and_then(|r| match raw.get(r.anchor) {
                Some(Some(Value::Date(a))) => Some((r, *a)),
                _ => None,
            });
        let days = |d: NaiveDate, n: i64| {
            d.checked_add_signed(chrono::TimeDelta::days(n))
                .unwrap_or(d)
        };
        match anchored {
            Some((rel, a)) => {
                let edge = shift(a, rel.length, false).unwrap_or(a);
                let span = (a - edge).num_days().max(1);
                let roll = rng.unit();
                if rel.window {
                    if roll < 0.45 {
                        days(edge, rng.below(span as usize + 1) as i64)
                    } else if roll < 0.55 {
                        edge
                    } else if roll < 0.6 {
                        a
                    } else if roll < 0.65 {
                        days(edge, -1)
                    } else if roll < 0.95 {
                        days(edge, -(1 + rng.below(2 * span as usize) as i64))
                    } else {
                        days(a, 1 + rng.below(365) as i64)
                    }
                } else if roll < 0.08 {
                    edge
                } else {
                    days(edge, rng.below(3 * span as usize) as i64 - 2 * span)
                }
            }
            None => days(self.base_date, rng.below(3 * 365) as i64),
        }
    }

    /// Booleans, enumerations, text, lists, maps and records.
    fn typed(
        &self,
        ty: &Type,
        h: &Hints,
        optional: bool,
        raw: &[Option<Value>],
        options: &Options,
        rng: &mut Rng,
    ) -> (String, Option<Value>) {
        match ty {
            Type::Bool => {
                let b = rng.chance(if h.negated { 0.05 } else { 0.9 });
                (b.to_string(), Some(Value::Bool(b)))
            }
            Type::Enum(e) => {
                let Some(def) = self.policy.enums.get(*e as usize) else {
                    return ("null".into(), None);
                };
                if optional && rng.chance(0.4) {
                    // Usually left out; now and then written as null.
                    return if rng.chance(0.8) {
                        (String::new(), Some(Value::None))
                    } else {
                        ("null".into(), Some(Value::None))
                    };
                }
                let v = if !h.wanted.is_empty() && rng.chance(h.want_share.max(0.5)) {
                    h.wanted
                        .get(rng.below(h.wanted.len()))
                        .copied()
                        .unwrap_or(0)
                } else {
                    rng.below(def.values.len()) as u32
                };
                let aliases: Vec<&String> = def
                    .aliases
                    .iter()
                    .filter(|(_, x)| *x == v)
                    .map(|(a, _)| a)
                    .collect();
                let text = match aliases.get(rng.below(aliases.len())) {
                    Some(a) if rng.chance(0.2) => (*a).clone(),
                    _ => def.values.get(v as usize).cloned().unwrap_or_default(),
                };
                (json_str(&text), Some(Value::Enum(v)))
            }
            Type::Text => {
                let t = if !h.texts.is_empty() && rng.chance(0.6) {
                    h.texts
                        .get(rng.below(h.texts.len()))
                        .cloned()
                        .unwrap_or_default()
                } else {
                    format!("t{}", rng.below(50))
                };
                (json_str(&t), None)
            }
            Type::Date => {
                let d = self.date(&h.dates, raw, rng);
                (json_str(&d.to_string()), Some(Value::Date(d)))
            }
            Type::Num(_) => match self.number(h, ty, None, 0, raw, rng) {
                Some((d, t)) => (t, Some(Value::Num(d))),
                None => ("0".into(), None),
            },
            Type::List(inner) => {
                let n = match (&**inner, options.list_len) {
                    (Type::Shape(_), Some(n)) => n,
                    (Type::Shape(_), None) => {
                        let r = rng.unit();
                        if r < 0.55 {
                            0
                        } else if r < 0.8 {
                            1
                        } else if r < 0.9 {
                            2
                        } else {
                            3 + rng.below(3)
                        }
                    }
                    (Type::Enum(e), _) => {
                        // A list of enumeration values: usually all of them, sometimes a subset.
                        let count = self
                            .policy
                            .enums
                            .get(*e as usize)
                            .map_or(0, |d| d.values.len());
                        let all = rng.chance(0.93);
                        let items: Vec<String> = (0..count)
                            .filter(|_| all || rng.chance(0.6))
                            .filter_map(|v| self.policy.enums.get(*e as usize)?.values.get(v))
                            .map(|s| json_str(s))
                            .collect();
                        return (format!("[{}]", items.join(",")), None);
                    }
                    _ => rng.below(4),
                };
                let items: Vec<String> = (0..n)
                    .map(|_| self.element(inner, raw, options, rng))
                    .collect();
                (format!("[{}]", items.join(",")), None)
            }
            Type::Map(inner) => {
                let mut parts = Vec::new();
                for (key, conds) in &h.keys {
                    let hk = Hints {
                        conds: conds.clone(),
                        ..Hints::default()
                    };
                    if !self.relevant(&hk, raw, rng) || rng.chance(options.missing_share) {
                        continue;
                    }
                    let vh = Hints {
                        wanted: h.wanted.clone(),
                        want_share: 0.9,
                        ..Hints::default()
                    };
                    let (text, _) = self.typed(inner, &vh, false, raw, options, rng);
                    parts.push(format!("{}:{text}", json_str(key)));
                }
                (format!("{{{}}}", parts.join(",")), None)
            }
            Type::Shape(_) => (self.element(ty, raw, options, rng), None),
            Type::Tier | Type::Duration | Type::Nothing => ("null".into(), None),
        }
    }

    /// One element of a list: a record of a shape, or a plain value.
    fn element(
        &self,
        ty: &Type,
        raw: &[Option<Value>],
        options: &Options,
        rng: &mut Rng,
    ) -> String {
        let Type::Shape(s) = ty else {
            return self
                .typed(ty, &Hints::default(), false, raw, options, rng)
                .0;
        };
        let (Some(shape), Some(hints)) = (
            self.policy.shapes.get(*s as usize),
            self.fields.get(*s as usize),
        ) else {
            return "{}".into();
        };
        let mut parts = Vec::new();
        for (f, h) in shape.fields.iter().zip(hints) {
            let skip = if f.optional {
                0.4
            } else {
                options.missing_share
            };
            if rng.chance(skip) {
                continue;
            }
            let (text, _) = self.typed(&f.ty, h, false, raw, options, rng);
            parts.push(format!("{}:{text}", json_str(&f.name)));
        }
        format!("{{{}}}", parts.join(","))
    }
}

/// A figure near a threshold: on it now and then, usually a little on the passing side.
fn around(t: f64, op: CmpOp, rng: &mut Rng) -> f64 {
    let roll = rng.unit();
    if roll < 0.06 {
        return t;
    }
    let dir = match op {
        CmpOp::Le | CmpOp::Lt => -1.0,
        _ => 1.0,
    };
    let spread = 0.25 + 0.15 * rng.normal();
    if t != 0.0 {
        t + dir * t.abs() * spread
    } else {
        dir * 10.0 * spread
    }
}

/// Usually the most demanding of several thresholds (so records meant to pass do), else any.
fn demanding<'t>(ts: &'t [Threshold], rng: &mut Rng) -> Option<&'t Threshold> {
    if rng.chance(0.3) {
        return ts.get(rng.below(ts.len()));
    }
    let key = |t: &Threshold| match t.op {
        CmpOp::Le | CmpOp::Lt => -t.value,
        _ => t.value,
    };
    ts.iter().reduce(|a, b| if key(b) > key(a) { b } else { a })
}

fn fallback(lo: Option<f64>, hi: Option<f64>, rng: &mut Rng) -> (f64, f64) {
    match (lo, hi) {
        (Some(lo), Some(hi)) => (lo + (hi - lo) * rng.unit(), hi - lo),
        (Some(lo), None) => (lo + 0.5 + 99.5 * rng.unit(), 100.0),
        (None, Some(hi)) => (hi - 100.0 * rng.unit(), 100.0),
        (None, None) => (-10.0 + 40.0 * rng.unit(), 10.0),
    }
}

/// Writes a corpus for `policy` to `out`.
pub fn write(policy: &Policy, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    Generator::new(policy).write(options, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/policies/sichuan-2023-draft.jidi"
        );
        let source = crate::Source::read(std::path::Path::new(path)).unwrap();
        crate::check::check(&source).policy.unwrap()
    }

    fn corpus(options: &Options) -> Vec<u8> {
        let mut out = Vec::new();
        write(&policy(), options, &mut out).unwrap();
        out
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let options = Options {
            seed: 42,
            count: 200,
            ..Options::default()
        };
        let a = corpus(&options);
        assert_eq!(a, corpus(&options));
        assert_ne!(
            a,
            corpus(&Options {
                seed: 43,
                ..options
            })
        );
        assert_eq!(a.iter().filter(|b| **b == b'\n').count(), 200);
    }

    #[test]
    fn records_are_json_objects_unless_malformed() {
        let options = Options {
            seed: 3,
            count: 300,
            malformed_share: 0.0,
            ..Options::default()
        };
        let text = String::from_utf8(corpus(&options)).unwrap();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(v.is_object(), "{line}");
        }
    }
}
