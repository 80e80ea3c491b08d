//! The IR: the resolved, typed form of a policy that `check` produces and every later stage
//! (eval, verify, compare, whatif, timeline, the generator) reads: names are slots, units are factors.

use crate::source::{Source, Span};
use crate::syntax::ast::{
    CmpOp, Duration, Nature, Outcome, Quantifier, RuleClass, RuleKind, Verdict,
};
use crate::units::{Rational, Unit, UnitTable};
use crate::value::Value;
use rust_decimal::Decimal;

mod lifecycle;
mod walk;

pub use lifecycle::*;
pub use walk::{Children, Subexpressions};

/// Decimal places shown in reports; arithmetic itself is exact.
pub const DISPLAY_DECIMALS: u32 = 6;

/// A checked policy, ready to evaluate records.
#[derive(Debug, Clone)]
pub struct Policy {
    pub source: Source,
    pub meta: Meta,
    pub units: UnitTable,
    pub enums: Vec<EnumDef>,
    /// Named sets (`set 新兴领域 = { … }`), for `jidi diff`; uses are lowered in place.
    pub sets: Vec<SetDef>,
    pub shapes: Vec<Shape>,
    pub tiers: Vec<TierDef>,
    pub inputs: Vec<InputDef>,
    /// The input that names a record (type `name`), if any.
    pub name_input: Option<usize>,
    /// The input that says which tier a record applies for (type `tier`).
    pub tier_input: usize,
    /// Derived values, in an order where each only reads earlier ones.
    pub lets: Vec<LetDef>,
    pub rules: Vec<RuleDef>,
    /// The order rules are judged in: each after the rules it reads (`passed(…)`, `figure(…)`).
    pub rule_order: Vec<usize>,
    pub decision: Decision,
    /// Further decisions, each in its own article over that article's rules (`decision 资金支持
    /// { … }`), in the order written.
    pub decisions: Vec<Decision>,
    pub assumptions: Vec<Assumption>,
    /// Every distinct value that checks read from records, for explanations.
    pub reads: Vec<Read>,
    /// Periods counted in working days (`notice 公示期 = 5 working days`).
    pub notices: Vec<Notice>,
    /// The official calendar of holidays and make-up working days, when the policy names one.
    pub calendar: Option<crate::calendar::Calendar>,
    /// The life of a titled base, when the policy states it.
    pub lifecycle: Option<Box<Lifecycle>>,
    /// How annual star ratings are computed from an annual record: every scheme the policy states.
    pub stars: Vec<StarScheme>,
    /// Constant tables read by key (`table 能耗先进值: 吨标准煤/万元 by 行业 { … }`).
    pub tables: Vec<TableDef>,
    /// The program [`Policy::trace`] runs, compiled on first use.
    pub compiled: crate::eval::Compiled,
    /// Rules across the records of a round (`quota 每省限额 at most 3 per 所在省份 …`), in the
    /// order written; judged after every record is judged on its own.
    pub rounds: Vec<RoundDef>,
}

/// A rule across the records of a round: within each group, the records eligible on their own
/// are ranked and those beyond the limit are cut (for `about`, only ranked).
#[derive(Debug, Clone)]
pub struct RoundDef {
    pub name: String,
    /// The citation of the rule: its article.
    pub article: Option<String>,
    pub bound: crate::syntax::ast::RoundBound,
    /// How many records each group keeps, or with `share` the percentage of its count.
    pub limit: rust_decimal::Decimal,
    pub share: bool,
    /// The value that forms the groups; `None`: the whole round is one group.
    pub per: Option<IExpr>,
    /// The type of the group's value, for reports (`bool` when the round is one group).
    pub group_ty: Type,
    /// A number: the records are ranked by it.
    pub ranking: IExpr,
    pub descending: bool,
    /// Breaks ties in ranking, ascending; without it, a tie across the cut is undetermined.
    pub ties: Option<IExpr>,
    /// The records the rule ranks, beyond being eligible on their own.
    pub applies: Option<IExpr>,
    pub span: Span,
}

/// A constant table: one value per key, in the table's unit.
#[derive(Debug, Clone)]
pub struct TableDef {
    pub name: String,
    pub article: Option<String>,
    pub key_ty: Type,
    pub value_ty: Type,
    /// `(key, value)`, in the order written; values converted to the table's unit.
    pub rows: std::sync::Arc<[(Value, Value)]>,
    /// Whether every value of an enumeration key has a row.
    pub complete: bool,
    pub span: Span,
}

/// `notice 公示期 = 5 working days excluded_start`, under its article.
#[derive(Debug, Clone)]
pub struct Notice {
    pub name: String,
    pub article: Option<String>,
    pub working_days: u32,
    pub start_counts: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: String,
    pub version: Option<String>,
    pub issuer: Option<String>,
    pub effective: Option<chrono::NaiveDate>,
    /// When the date is unset but bounded (`effective unset from A to B`), its bounds.
    pub effective_range: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    pub term: Option<Duration>,
    pub repeals: Vec<String>,
}

/// A type known to the checker.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    Bool,
    Date,
    Text,
    Num(Unit),
    Enum(u32),
    Tier,
    Shape(u32),
    List(Box<Type>),
    Map(Box<Type>),
    Duration,
    /// The literal `none`, comparable with any optional value.
    Nothing,
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub name: String,
    pub values: Vec<String>,
    /// Other spellings accepted in records (`II` for `Ⅱ`), with the value they stand for.
    pub aliases: Vec<(String, u32)>,
}

impl EnumDef {
    /// The value a record's text stands for, by name or alias.
    pub fn lookup(&self, text: &str) -> Option<u32> {
        self.values
            .iter()
            .position(|v| v == text)
            .and_then(|i| u32::try_from(i).ok())
            .or_else(|| {
                self.aliases
                    .iter()
                    .find(|(a, _)| a == text)
                    .map(|(_, i)| *i)
            })
    }
}

/// `set 新兴领域 = { 工业互联网, 数据中心, 大数据 }`: its name and its members as written.
#[derive(Debug, Clone)]
pub struct SetDef {
    pub name: String,
    pub members: Vec<String>,
}

/// A record shape such as 事件: named, typed fields.
#[derive(Debug, Clone)]
pub struct Shape {
    pub name: String,
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub name: String,
    pub ty: Type,
    pub optional: bool,
    pub range: Option<(Option<Decimal>, Option<Decimal>)>,
}

#[derive(Debug, Clone)]
pub struct TierDef {
    pub name: String,
    /// The title of 第十一条, with `{input}` holes filled from the record.
    pub title: Option<Vec<TitlePart>>,
}

#[derive(Debug, Clone)]
pub enum TitlePart {
    Text(String),
    Input(usize),
}

#[derive(Debug, Clone)]
pub struct InputDef {
    pub name: String,
    pub ty: Type,
    pub optional: bool,
    pub range: Option<(Option<Decimal>, Option<Decimal>)>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct LetDef {
    pub name: String,
    pub ty: Type,
    pub expr: IExpr,
    pub span: Span,
    /// Where the value is written, so a what-if can be saved as an edit.
    pub value_span: Span,
}

#[derive(Debug, Clone)]
pub struct Assumption {
    pub name: String,
    pub text: String,
    pub article: Option<String>,
    pub span: Span,
}

/// Which of the three kinds of rule a [`RuleDef`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleRole {
    Condition,
    Veto,
    Indicator,
}

/// A condition, veto or indicator with everything needed to judge and explain it.
#[derive(Debug, Clone)]
pub struct RuleDef {
    pub role: RuleRole,
    pub name: String,
    /// Names the rule had in earlier versions (`formerly`), for matching across versions.
    pub formerly: Vec<String>,
    /// The citation every result carries: `第九条`, `附件 指标3`.
    pub article: String,
    /// The measure's own words for this rule.
    pub criterion: Option<String>,
    pub group: Option<String>,
    pub nature: Option<Nature>,
    /// For applicable fields only (`applies when 细分领域 == 数据中心`), with its text.
    pub applies: Option<(IExpr, String)>,
    /// The figure thresholds compare against, with its unit for display.
    pub figure: Option<(IExpr, Type)>,
    /// One entry per tier, by tier index; `None` where the rule does not apply to that tier.
    pub per_tier: Vec<Option<TierCriterion>>,
    /// For a veto `any e in 事件: …`, the type of the element that triggers it, for reports.
    pub trigger_ty: Option<Type>,
    /// Exceptions that replace the rule where they hold, parents before the exceptions that
    /// refine them.
    pub exceptions: Vec<ExceptionDef>,
    /// How far the rule binds by a field's value (`binding … by 所在区域 { 西部 => guidance }`).
    pub binding: Option<Box<BindingDef>>,
    pub span: Span,
}

/// `binding NAME to RULE by FIELD { VALUES => EFFECT … }`, under its own article: how far an
/// indicator binds by the value of an enumerated input. A value no case lists keeps the rule's
/// own binding.
#[derive(Debug, Clone)]
pub struct BindingDef {
    pub name: String,
    /// The citation of the binding: its article.
    pub article: String,
    pub quote: Option<String>,
    /// The input it reads, by index into [`Policy::inputs`].
    pub field: usize,
    pub cases: Vec<BindingCase>,
    /// Whether the cases list every value of the field's enumeration.
    pub complete: bool,
    pub span: Span,
}

/// The values of one case of a binding and what the rule becomes for them.
#[derive(Debug, Clone)]
pub struct BindingCase {
    /// Values of the field's enumeration.
    pub values: Vec<u32>,
    /// As written: `所在区域 = 西部, 东北`.
    pub text: String,
    pub effect: BindingEffect,
}

/// What a binding makes of its rule for one case's values.
#[derive(Debug, Clone)]
pub enum BindingEffect {
    /// The rule's criterion (or the exception's that applies), binding as this kind.
    Kind(RuleKind),
    /// Another criterion per tier (a relaxed threshold); a tier with none keeps the rule's. An
    /// exception that holds still replaces it.
    Criteria(Vec<Option<TierCriterion>>),
    /// Left to the panel: a figure that meets the rule's criterion passes, one that falls short
    /// is undetermined, never failed.
    Panel,
}

impl BindingEffect {
    /// The effect as JSON and the trace name it: `guidance`, `constraint`, `relaxed`,
    /// `undetermined`.
    pub fn as_str(&self) -> &'static str {
        match self {
            BindingEffect::Kind(RuleKind::Guidance) => "guidance",
            BindingEffect::Kind(RuleKind::Constraint) => "constraint",
            BindingEffect::Criteria(_) => "relaxed",
            BindingEffect::Panel => "undetermined",
        }
    }
}

/// `exception NAME to RULE when TEST …`, under its own article.
#[derive(Debug, Clone)]
pub struct ExceptionDef {
    pub name: String,
    /// The citation of the exception: its article.
    pub article: String,
    pub quote: Option<String>,
    /// The exception it refines, by index in the rule's exceptions; `None`: the rule itself.
    pub parent: Option<usize>,
    pub when: IExpr,
    pub when_text: String,
    pub replacement: Replacement,
    pub span: Span,
}

/// What an exception puts in place of its rule.
#[derive(Debug, Clone)]
pub enum Replacement {
    /// One criterion per tier; a tier with none is one the exception does not speak to.
    Criteria(Vec<Option<TierCriterion>>),
    /// The rule does not bind: not applicable.
    Waived,
}

impl Replacement {
    /// Whether the exception speaks to records of `tier`.
    pub fn covers(&self, tier: usize) -> bool {
        match self {
            Replacement::Criteria(c) => c.get(tier).is_some_and(Option::is_some),
            Replacement::Waived => true,
        }
    }
}

impl RuleDef {
    /// The criterion for `tier`: the rule's own (or its binding case's relaxed one), or the
    /// exception's that applied.
    pub fn criterion(
        &self,
        tier: usize,
        exception: Option<usize>,
        binding: Option<usize>,
    ) -> Option<&TierCriterion> {
        match exception {
            None => self
                .binding_criterion(tier, binding)
                .or_else(|| self.per_tier.get(tier)?.as_ref()),
            Some(k) => match &self.exceptions.get(k)?.replacement {
                Replacement::Criteria(c) => c.get(tier)?.as_ref(),
                Replacement::Waived => None,
            },
        }
    }
}

impl RuleDef {
    /// The relaxed criterion of binding case `case` for `tier`, when it has one.
    pub fn binding_criterion(&self, tier: usize, case: Option<usize>) -> Option<&TierCriterion> {
        let case = self.binding.as_ref()?.cases.get(case?)?;
        match &case.effect {
            BindingEffect::Criteria(c) => c.get(tier)?.as_ref(),
            _ => None,
        }
    }
}

/// What one tier must meet for one rule.
#[derive(Debug, Clone)]
pub struct TierCriterion {
    pub kind: RuleKind,
    /// Tried in order; a branch with no guard is the `else`. No branch taken: the rule fails.
    pub branches: Vec<Branch>,
}

#[derive(Debug, Clone)]
pub struct Branch {
    pub guard: Option<IExpr>,
    pub guard_text: Option<String>,
    pub checks: Vec<ICheck>,
}

/// One check: a comparison with a figure, a threshold and a margin, or a test of its own.
#[derive(Debug, Clone)]
pub struct ICheck {
    pub text: String,
    pub test: CheckTest,
    /// What the check reads, by index into [`Policy::reads`]: shown beside a test's outcome
    /// (`批准机关级别 = 县`, `近三年有事故 = false`); the record's reads are named when missing.
    pub reads: Vec<usize>,
}

/// A value a check reads: an input, one entry of a map input, or a derived value (`let`).
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// As a drafter writes it: `批准机关级别`, `定性评价["品牌培育情况"]`, `近三年有事故`.
    pub label: String,
    pub expr: IExpr,
    pub ty: Type,
}

impl Read {
    /// Whether the record gives it (an input or a map entry), rather than the policy deriving
    /// it: only those are missing when unknown.
    pub fn from_record(&self) -> bool {
        !matches!(self.expr, IExpr::Let(_))
    }
}

#[derive(Debug, Clone)]
pub enum CheckTest {
    /// `figure op threshold` on numbers of one unit (the threshold converted to the figure's).
    Compare(Box<Comparison>),
    /// A boolean test; a veto's test holds when the veto is triggered.
    Holds(IExpr),
}

/// `figure op threshold`, with the figure's type for display.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub figure: IExpr,
    pub op: CmpOp,
    pub threshold: IExpr,
    pub figure_ty: Type,
    /// Where the threshold is written in the policy, so a what-if can be saved as an edit.
    pub threshold_span: Span,
}

/// How rules combine into a verdict: lines tried in order, then `otherwise`.
#[derive(Debug, Clone)]
pub struct Decision {
    pub name: Option<String>,
    /// The article it stands in (whose rules it reads); `None` for the verdict's decision.
    pub article: Option<String>,
    pub lines: Vec<(Verdict, Vec<DecisionTest>)>,
    pub otherwise: Verdict,
    /// Which rules it reads, by rule index; `None`: every rule.
    pub rules: Option<Vec<bool>>,
}

/// One test of a decision line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionTest {
    /// `any CLASS is OUTCOME` among the rules it reads.
    Rules(RuleClass, Outcome),
    /// An earlier decision's verdict: `None` is the verdict's decision, `Some(k)` the k-th of
    /// [`Policy::decisions`].
    Decision(Option<usize>, Verdict),
}

impl Decision {
    /// Whether it reads rule `i`.
    pub fn reads(&self, i: usize) -> bool {
        self.rules
            .as_ref()
            .is_none_or(|m| m.get(i).copied().unwrap_or(false))
    }
}

/// The typed expression tree the interpreter walks.
#[derive(Debug, Clone, PartialEq)]
pub enum IExpr {
    Const(Value),
    Input(usize),
    Let(usize),
    /// A variable bound by a quantifier, by its depth in the binding stack.
    Var(usize),
    Field(Box<IExpr>, FieldRef),
    Index(Box<IExpr>, Box<IExpr>),
    Neg(Box<IExpr>),
    Not(Box<IExpr>),
    And(Box<IExpr>, Box<IExpr>),
    Or(Box<IExpr>, Box<IExpr>),
    Arith(Arith, Box<IExpr>, Box<IExpr>),
    /// Multiplies a figure by an exact factor: a unit conversion.
    Scale(Box<IExpr>, Rational),
    Cmp(CmpOp, Box<IExpr>, Box<IExpr>),
    In {
        negated: bool,
        elem: Box<IExpr>,
        set: Box<IExpr>,
    },
    /// A date shifted by a duration (`申报日期 - 3 years`).
    Shift {
        date: Box<IExpr>,
        by: Box<IExpr>,
        forward: bool,
    },
    Within {
        subject: Box<IExpr>,
        length: Box<IExpr>,
        before: bool,
        anchor: Box<IExpr>,
    },
    If(Box<IExpr>, Box<IExpr>, Box<IExpr>),
    Quant {
        quantifier: Quantifier,
        over: Box<IExpr>,
        /// `where` test: elements for which it is not true are skipped (unknown makes `unknown`).
        filter: Option<Box<IExpr>>,
        body: Box<IExpr>,
    },
    /// A built-in function.
    Call(Builtin, Vec<IExpr>),
    Set(Vec<IExpr>),
    /// `growth(LIST)`: the compound average annual growth of yearly figures (oldest first), in
    /// the rate's unit (`scale` turns a fraction into it: 100 for %). It is irrational in
    /// general, so it is only compared — exactly, as `last / first` against `(1 + rate)^years` —
    /// or shown, rounded; the checker allows it nowhere else.
    Growth {
        list: Box<IExpr>,
        scale: Rational,
    },
    /// `passed(RULE)`: the status of a rule judged before, as a test (pass or not applicable
    /// true, fail false, unknown unknown).
    RulePassed(usize),
    /// `passed(group G)`: every rule of the group that binds the record (a constraint) passes.
    GroupPassed(Vec<usize>),
    /// `figure(RULE)`: the figure of an indicator judged before.
    RuleFigure(usize),
    /// `TABLE[key]`: the table's row for the key (unknown when it has none). The rows are held
    /// here so evaluation needs nothing else; `complete` says every key of its type has one.
    Lookup {
        table: usize,
        rows: std::sync::Arc<[(Value, Value)]>,
        complete: bool,
        key: Box<IExpr>,
    },
}

/// A field of a record shape: the shape and the field's index in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRef {
    pub shape: u32,
    pub index: usize,
}

/// The built-in functions of expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `year(date)`: the calendar year, a plain number.
    Year,
    /// `date(y, m, d)`.
    Date,
    /// `min(a, b, …)`, `max(a, b, …)` over numbers of one unit or dates; `none` arguments are skipped.
    Min,
    Max,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

impl IExpr {
    /// Whether this is `growth(…)`, which may only be compared.
    pub fn is_growth(&self) -> bool {
        matches!(self, IExpr::Growth { .. })
    }

    /// The value of a constant number, converted and negated as written (`4000 万元/公顷`,
    /// `0.5 亿元/公顷`, `-3 %`); `None` for anything else.
    pub fn constant_number(&self) -> Option<Decimal> {
        match self {
            IExpr::Const(Value::Num(n)) => Some(*n),
            IExpr::Scale(inner, f) => f.apply(inner.constant_number()?),
            IExpr::Neg(inner) => Some(-inner.constant_number()?),
            _ => None,
        }
    }

    /// Whether the expression reads nothing from a record: no input, no derived value, no bound
    /// variable, anywhere inside it. Its value is then the same for every record.
    pub fn is_constant(&self) -> bool {
        self.subexpressions().all(|e| {
            !matches!(
                e,
                IExpr::Input(_)
                    | IExpr::Let(_)
                    | IExpr::Var(_)
                    | IExpr::RulePassed(_)
                    | IExpr::GroupPassed(_)
                    | IExpr::RuleFigure(_)
            )
        })
    }

    /// Whether the expression reads another rule's outcome (whether it passed, its figure).
    pub fn reads_rules(&self) -> bool {
        self.subexpressions().any(|e| {
            matches!(
                e,
                IExpr::RulePassed(_) | IExpr::GroupPassed(_) | IExpr::RuleFigure(_)
            )
        })
    }

    /// What this expression reads from the record outside quantifier bodies: inputs, and map
    /// entries with a constant key, in order of first use.
    pub fn record_reads(&self, out: &mut Vec<IExpr>) {
        match self {
            IExpr::Input(_) => {
                if !out.contains(self) {
                    out.push(self.clone());
                }
            }
            IExpr::Index(m, k) if matches!((&**m, &**k), (IExpr::Input(_), IExpr::Const(_))) => {
                if !out.contains(self) {
                    out.push(self.clone());
                }
            }
            IExpr::Quant { over, .. } => over.record_reads(out),
            other => other.children().for_each(|e| e.record_reads(out)),
        }
    }
}

impl Policy {
    pub fn tier_index(&self, name: &str) -> Option<usize> {
        self.tiers.iter().position(|t| t.name == name)
    }

    pub fn input_index(&self, name: &str) -> Option<usize> {
        self.inputs.iter().position(|i| i.name == name)
    }

    /// The declaration of a record shape's field.
    pub fn field(&self, f: FieldRef) -> Option<&FieldDef> {
        self.shapes.get(f.shape as usize)?.fields.get(f.index)
    }

    pub fn rule_index(&self, name: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.name == name)
    }

    /// A unit written for people.
    pub fn unit_text(&self, unit: &Unit) -> String {
        self.units.display(unit)
    }

    /// The name of a type, for messages.
    pub fn type_name(&self, ty: &Type) -> String {
        self.type_name_in(ty, crate::i18n::Lang::En)
    }

    /// The name of a type for people reading `lang` (`number in 亿元`, `数值（亿元）`); enumerations
    /// and record shapes by their names.
    pub fn type_name_in(&self, ty: &Type, lang: crate::i18n::Lang) -> String {
        self.type_text(ty).render(lang)
    }

    /// The name of a type, in no language yet: [`Policy::type_name_in`] renders it.
    pub fn type_text(&self, ty: &Type) -> crate::diag::text::Text {
        use crate::diag::catalogue::type_words as w;
        match ty {
            Type::Bool => w::bool(),
            Type::Date => w::date(),
            Type::Text => w::text(),
            Type::Num(u) if u.terms.is_empty() && u.factor.is_one() => w::number(),
            Type::Num(u) => w::number_in(self.units.display(u)),
            Type::Enum(e) => self
                .enums
                .get(*e as usize)
                .map_or_else(w::enumeration, |d| w::named(&d.name)),
            Type::Tier => w::tier(),
            Type::Shape(s) => self
                .shapes
                .get(*s as usize)
                .map_or_else(w::record, |d| w::named(&d.name)),
            Type::List(t) => w::list_of(self.type_text(t)),
            Type::Map(t) => w::map_of(self.type_text(t)),
            Type::Duration => w::duration(),
            Type::Nothing => w::none(),
        }
    }

    /// The text of a value of `ty`, for reports and JSON: the words of the language (`true`,
    /// `unknown`, `3 years`) in English.
    pub fn value_text(&self, value: &Value, ty: &Type) -> String {
        self.value_text_in(value, ty, crate::i18n::Lang::En)
    }

    /// The text of a value of `ty` for people reading `lang`: names, numbers and units as
    /// written; `true`, `false`, `unknown`, `none` and durations in that language.
    pub fn value_text_in(&self, value: &Value, ty: &Type, lang: crate::i18n::Lang) -> String {
        let zh = lang == crate::i18n::Lang::Zh;
        let word = |en: &'static str, cn: &'static str| if zh { cn } else { en }.to_string();
        match (value, ty) {
            (Value::Unknown, _) => word("unknown", "未知"),
            (Value::None, _) => word("none", "无"),
            (Value::Bool(true), _) => word("true", "是"),
            (Value::Bool(false), _) => word("false", "否"),
            (Value::Num(n), Type::Num(u)) => {
                let unit = self.units.display(u);
                let n = n.round_dp(DISPLAY_DECIMALS).normalize();
                if unit.is_empty() {
                    n.to_string()
                } else if unit == "%" {
                    format!("{n}%")
                } else {
                    format!("{n} {unit}")
                }
            }
            (Value::Num(n), _) => n.round_dp(DISPLAY_DECIMALS).normalize().to_string(),
            (Value::Date(d), _) => d.to_string(),
            (Value::Text(t), _) => t.to_string(),
            (Value::Enum(i), Type::Tier) => self
                .tiers
                .get(*i as usize)
                .map_or("?".into(), |t| t.name.clone()),
            (Value::Enum(i), Type::Enum(e)) => self
                .enums
                .get(*e as usize)
                .and_then(|d| d.values.get(*i as usize))
                .cloned()
                .unwrap_or_else(|| "?".into()),
            (Value::Enum(i), _) => i.to_string(),
            (Value::List(items), Type::List(t)) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|v| self.value_text_in(v, t, lang))
                    .collect();
                format!("[{}]", parts.join(", "))
            }
            (Value::Record(fields), Type::Shape(s)) => {
                let shape = self.shapes.get(*s as usize);
                let parts: Vec<String> = fields
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| !matches!(v, Value::Unknown | Value::None))
                    .map(|(i, v)| match shape.and_then(|sh| sh.fields.get(i)) {
                        Some(f) => format!("{}={}", f.name, self.value_text_in(v, &f.ty, lang)),
                        None => format!("{v:?}"),
                    })
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            (Value::Map(entries), Type::Map(t)) => {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", self.value_text_in(v, t, lang)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            (Value::Duration(d), _) => match (d, zh) {
                (Duration::Years(n), false) => format!("{n} years"),
                (Duration::Months(n), false) => format!("{n} months"),
                (Duration::Days(n), false) => format!("{n} days"),
                (Duration::Years(n), true) => format!("{n} 年"),
                (Duration::Months(n), true) => format!("{n} 个月"),
                (Duration::Days(n), true) => format!("{n} 天"),
            },
            (other, _) => format!("{other:?}"),
        }
    }
}
