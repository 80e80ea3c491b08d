//! The abstract syntax tree of a policy file; every node carries the span it was parsed from.

use crate::source::Span;
use rust_decimal::Decimal;

/// A name as written, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A whole policy file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyAst {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Measure(MeasureDecl),
    Unit(UnitDecl),
    Enum(EnumDecl),
    Set(SetDecl),
    Record(RecordDecl),
    Tier(TierDecl),
    Input(InputDecl),
    Let(LetDecl),
    Article(ArticleDecl),
    Assume(AssumeDecl),
    Decision(DecisionDecl),
    Rule(RuleDecl),
    Calendar(Name),
    Notice(NoticeDecl),
    Stars(StarsDecl),
    Lifecycle(LifecycleDecl),
    State(StateDecl),
    Life(Box<LifeRule>),
    Table(TableDecl),
    Exception(Box<ExceptionDecl>),
    Binding(Box<BindingDecl>),
    Round(Box<RoundDecl>),
}

/// `binding NAME to RULE by FIELD { VALUES => EFFECT … }`: how far an indicator binds, by the
/// value of an enumerated field.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingDecl {
    pub name: Name,
    pub target: Name,
    pub field: Name,
    pub cases: Vec<BindingCase>,
    pub span: Span,
}

/// `西部, 东北 => guidance`: the field's values and what the rule becomes for them.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingCase {
    pub values: Vec<Name>,
    pub effect: BindingEffect,
    pub span: Span,
}

/// What a binding makes of its rule for the values of one case.
#[derive(Debug, Clone, PartialEq)]
pub enum BindingEffect {
    /// `guidance` or `constraint`: the rule's criterion, binding so.
    Kind(RuleKind, Span),
    /// `{ TIERS KIND CRITERION … }`: another criterion (a relaxed threshold); a tier it does not
    /// name keeps the rule's.
    Rules(Vec<TierRule>),
    /// `undetermined`: left to the panel where the figure falls short of the rule's criterion.
    Panel(Span),
}

/// `quota NAME at most 3 per 所在省份 ranked by 营业收入 descending ties by 名称 { applies when … }`:
/// a rule across the records of a round.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundDecl {
    pub name: Name,
    pub bound: RoundBound,
    /// The number of records (or, with `share`, the percentage), as written.
    pub limit: Decimal,
    /// Written with `%`: a share of the group's count.
    pub share: bool,
    pub limit_span: Span,
    /// The value that forms the groups; `None`: the whole round is one group.
    pub per: Option<Expr>,
    pub ranking: Expr,
    pub descending: bool,
    pub ties: Option<Expr>,
    pub applies: Option<Expr>,
    pub span: Span,
}

/// How a round rule bounds its groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundBound {
    /// `at most N`: a quota.
    AtMost,
    /// `top N` / `top N%`: the first N, or the first share.
    Top,
    /// `about N`: guidance; ranks are shown, nobody is cut.
    About,
}

/// `exception NAME to RULE when TEST { … }`: replaces a rule (or another exception) where it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionDecl {
    pub name: Name,
    pub target: Name,
    pub when: Expr,
    pub body: ExceptionBody,
    pub span: Span,
}

/// What an exception puts in place of the rule it names.
#[derive(Debug, Clone, PartialEq)]
pub enum ExceptionBody {
    /// An indicator's tier rules, as in the indicator.
    Rules(Vec<TierRule>),
    /// A condition's or veto's test.
    Test(Expr),
    /// The rule does not bind.
    Waived(Span),
}

/// `table 能耗先进值: 吨标准煤/万元 by 行业 { 钢铁 = 0.6, … }`: constant values read by key.
#[derive(Debug, Clone, PartialEq)]
pub struct TableDecl {
    pub name: Name,
    pub value_ty: TypeExpr,
    pub key_ty: TypeExpr,
    pub rows: Vec<(Name, Expr)>,
    pub span: Span,
}

/// The star rating scheme: weights per indicator group, then bands of the score.
#[derive(Debug, Clone, PartialEq)]
pub struct StarsDecl {
    pub name: Name,
    pub weights: Vec<(Name, Decimal)>,
    /// `(stars, lowest score)`, in the order written.
    pub bands: Vec<(Decimal, Decimal, Span)>,
    pub otherwise: Decimal,
    /// Graded points of single indicators, `points 工业用地地均收入 { 10 when >= 6000 万元/公顷 … }`.
    pub points: Vec<PointsDecl>,
    /// `unknown is fail`: unknown indicators count as not passed.
    pub unknown_fails: bool,
    pub span: Span,
}

/// Points graded by an indicator's figure: tried in order, the first band the figure meets.
#[derive(Debug, Clone, PartialEq)]
pub struct PointsDecl {
    pub indicator: Name,
    /// `(points, op, threshold)` as written.
    pub bands: Vec<(Decimal, CmpOp, Expr, Span)>,
    pub otherwise: Decimal,
    pub span: Span,
}

/// `notice 公示期 = 5 working days excluded_start`.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeDecl {
    pub name: Name,
    pub working_days: u32,
    /// Whether the day the notice starts is itself counted.
    pub start_counts: bool,
    pub span: Span,
}

/// The base-history side of a policy: its inputs, derived values, states and rules.
#[derive(Debug, Clone, PartialEq)]
pub struct LifecycleDecl {
    pub items: Vec<Item>,
    pub span: Span,
}

/// The status a state reports in timelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseStatus {
    Pending,
    Active,
    Revoked,
    Lapsed,
    Excluded,
    /// Not a status a state declares: a timeline's status when the record cannot decide it.
    Undetermined,
}

impl BaseStatus {
    /// Every status, in the order a lifecycle runs through them.
    pub const ALL: [BaseStatus; 6] = [
        BaseStatus::Pending,
        BaseStatus::Active,
        BaseStatus::Revoked,
        BaseStatus::Lapsed,
        BaseStatus::Excluded,
        BaseStatus::Undetermined,
    ];

    /// The status as JSON, tables and test files name it (`active`, `lapsed`).
    pub fn name(self) -> &'static str {
        match self {
            BaseStatus::Pending => "pending",
            BaseStatus::Active => "active",
            BaseStatus::Revoked => "revoked",
            BaseStatus::Lapsed => "lapsed",
            BaseStatus::Excluded => "excluded",
            BaseStatus::Undetermined => "undetermined",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StateDecl {
    pub name: Name,
    pub status: BaseStatus,
    /// `holds 示范基地`: the tier a base holds while in this state.
    pub holds: Option<Name>,
    pub span: Span,
}

/// A rule of the life of a base.
#[derive(Debug, Clone, PartialEq)]
pub enum LifeRule {
    Term(Box<TermDecl>),
    Transition(TransitionDecl),
    Next { name: Name, value: Expr, span: Span },
    Suspend(SuspendDecl),
    List { name: Name, test: Expr, span: Span },
    Require { field: Name, test: Expr, span: Span },
    Assessment(AssessmentDecl),
}

/// A periodic assessment that is not a renewal review: `assessment 两年评估 = a in 评估 on a.日期
/// passes when a.结果 == 合格`.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentDecl {
    pub name: Name,
    pub var: Name,
    pub over: Expr,
    pub on: Expr,
    pub passes: Expr,
    pub span: Span,
}

/// A term of validity, renewable by reviews.
#[derive(Debug, Clone, PartialEq)]
pub struct TermDecl {
    pub name: Name,
    pub length: TermLength,
    /// `from DATE`: the term starts on a date.
    pub from: Option<Expr>,
    /// `starts on T, …`: the term (re)starts whenever one of these transitions fires.
    pub starts: Vec<Name>,
    /// `ends on T, …`: the term stops when one of these transitions fires.
    pub ends: Vec<Name>,
    /// `review r in 复核 on r.日期 passes when r.结果 == 合格`.
    pub review: Option<ReviewDecl>,
    /// `renewal from review|end`, with where it is written.
    pub renewal: Option<(Renewal, Span)>,
    /// `late review within 6 months`.
    pub late: Option<Duration>,
    pub failed: Option<Name>,
    pub expired: Name,
    pub span: Span,
}

/// How long a term runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermLength {
    /// To the same date that much later, that day included (`3 years`).
    Anniversary(Duration),
    /// To 31 December of the last calendar year, the year it starts counting as the first
    /// (`3 calendar_years`: 2023年至2025年).
    CalendarYears(u32),
}

/// Where a renewed term counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Renewal {
    /// From the passing review's date.
    FromReview,
    /// From the day after the old term's end: the terms follow on.
    FromEnd,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewDecl {
    pub var: Name,
    pub over: Expr,
    pub on: Expr,
    pub passes: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TransitionDecl {
    pub name: Name,
    /// The states it leaves; empty: every state whose status is active.
    pub from: Vec<Name>,
    pub to: Name,
    pub trigger: Trigger,
    pub when: Option<Expr>,
    pub span: Span,
}

/// The events a transition moves on.
#[derive(Debug, Clone, PartialEq)]
pub enum Trigger {
    /// `on DATE` (or the older `since DATE`): one event on that date; `none` never comes.
    Date(Expr),
    /// `on e in 事件 where TEST at e.日期`: one event per element of a list (those for which the
    /// filter holds), on its date.
    Each {
        var: Name,
        over: Box<Expr>,
        filter: Option<Box<Expr>>,
        at: Box<Expr>,
    },
    /// `on 两年评估 failed`: the outcomes of an assessment or of a term's reviews, or a term's end.
    Outcome { source: Name, outcome: EventOutcome },
}

/// Which outcome of an assessment or a term an `on NAME …` trigger moves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventOutcome {
    Passes,
    Failed,
    Expired,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SuspendDecl {
    pub name: Name,
    pub city: Expr,
    pub year: Expr,
    pub when: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeasureDecl {
    pub title: Name,
    pub version: Option<Name>,
    pub issuer: Option<Name>,
    /// `None` when the attribute is missing; a `None` date when written `effective unset`.
    pub effective: Option<(Option<chrono::NaiveDate>, Span)>,
    /// `effective unset from A to B`: the bounds of a date the measure leaves blank.
    pub effective_range: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    pub term: Option<Duration>,
    pub repeals: Vec<Name>,
    pub span: Span,
}

/// A rational factor written `10000` or `1/15`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratio {
    pub numer: Decimal,
    pub denom: Decimal,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitDecl {
    pub name: Name,
    /// `unit 万元 = 10000 元`: the factor and the unit it multiplies (absent: dimensionless).
    pub definition: Option<(Ratio, Option<UnitExpr>)>,
    pub span: Span,
}

/// `万元/公顷`: unit names joined by `*` and `/`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitExpr {
    pub factors: Vec<(Name, i8)>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumDecl {
    pub name: Name,
    pub values: Vec<EnumValue>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub name: Name,
    pub aliases: Vec<Name>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SetDecl {
    pub name: Name,
    pub members: Vec<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecordDecl {
    pub name: Name,
    pub fields: Vec<FieldDecl>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDecl {
    pub name: Name,
    pub ty: TypeExpr,
    pub optional: bool,
    pub range: Option<(Option<Decimal>, Option<Decimal>, Span)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TierDecl {
    pub name: Name,
    pub title: Option<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeExpr {
    Bool(Span),
    Date(Span),
    Text(Span),
    Number(Span),
    RecordName(Span),
    Tier(Span),
    /// A unit, an enumeration or a record shape, told apart by the checker.
    Named(UnitExpr),
    List(Box<TypeExpr>, Span),
    Map(Box<TypeExpr>, Span),
}

impl TypeExpr {
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Bool(s)
            | TypeExpr::Date(s)
            | TypeExpr::Text(s)
            | TypeExpr::Number(s)
            | TypeExpr::RecordName(s)
            | TypeExpr::Tier(s)
            | TypeExpr::List(_, s)
            | TypeExpr::Map(_, s) => *s,
            TypeExpr::Named(u) => u.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct InputDecl {
    pub name: Name,
    pub ty: TypeExpr,
    pub optional: bool,
    pub recorded: bool,
    pub range: Option<(Option<Decimal>, Option<Decimal>, Span)>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LetDecl {
    pub name: Name,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDecl {
    pub label: Name,
    pub quotes: Vec<Name>,
    pub items: Vec<Item>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssumeDecl {
    pub name: Name,
    pub text: Name,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleDecl {
    Indicator(Box<IndicatorDecl>),
    Condition(GateDecl),
    Veto(GateDecl),
}

/// An eligibility condition or a veto: a boolean rule, possibly limited to some tiers.
#[derive(Debug, Clone, PartialEq)]
pub struct GateDecl {
    pub name: Name,
    pub tiers: Option<TierList>,
    pub test: Expr,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TierList {
    All(Span),
    Named(Vec<Name>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nature {
    Quantitative,
    Qualitative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    Constraint,
    Guidance,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorDecl {
    pub name: Name,
    pub figure: Option<Expr>,
    pub group: Option<Name>,
    pub cite: Option<Name>,
    /// Names this indicator had in earlier versions of the measure, for `jidi diff`.
    pub formerly: Vec<Name>,
    pub quotes: Vec<Name>,
    pub nature: Option<(Nature, Span)>,
    pub scope: Option<TierList>,
    pub applies: Option<Expr>,
    pub assumptions: Vec<AssumeDecl>,
    pub rules: Vec<TierRule>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TierRule {
    pub tiers: TierList,
    pub kind: RuleKind,
    pub criterion: Criterion,
    pub span: Span,
}

/// What a tier must meet: checks that must all hold, possibly chosen by conditions in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Criterion {
    Checks(Vec<Check>),
    Branches {
        branches: Vec<(Expr, Vec<Check>)>,
        otherwise: Option<Vec<Check>>,
    },
}

/// One check: `>= 4000 万元/公顷` against the indicator's figure, or a test of its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    Against {
        op: CmpOp,
        threshold: Expr,
        span: Span,
    },
    Test(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionDecl {
    /// `decision 资金支持 { … }`; the verdict's decision may be unnamed.
    pub name: Option<Name>,
    pub lines: Vec<DecisionLine>,
    pub otherwise: (Verdict, Span),
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionLine {
    pub verdict: Verdict,
    pub tests: Vec<DecisionTest>,
    pub span: Span,
}

/// One test of a decision line.
#[derive(Debug, Clone, PartialEq)]
pub enum DecisionTest {
    /// `any CLASS is OUTCOME`.
    Rules(RuleClass, Outcome),
    /// `DECISION is VERDICT`: an earlier decision's verdict.
    Decision(Name, Verdict),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Eligible,
    NotEligible,
    Undetermined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleClass {
    Condition,
    Veto,
    Constraint,
    Guidance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Fail,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Duration {
    Years(u32),
    Months(u32),
    Days(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
    Ne,
}

impl CmpOp {
    /// The same comparison with its sides swapped: `a < b` is `b > a`.
    pub fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Ge => CmpOp::Le,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Lt => CmpOp::Gt,
            other => other,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Ge => "≥",
            CmpOp::Gt => ">",
            CmpOp::Le => "≤",
            CmpOp::Lt => "<",
            CmpOp::Eq => "=",
            CmpOp::Ne => "≠",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    And,
    Or,
    Cmp(CmpOp),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantifier {
    Any,
    All,
    Count,
    Min,
    Max,
    /// `sum x in LIST: VALUE`.
    Sum,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Number(Decimal, Option<UnitExpr>),
    Duration(Duration),
    Date(chrono::NaiveDate),
    Bool(bool),
    None,
    Text(String),
    Name(String),
    Set(Vec<Expr>),
    Field(Box<Expr>, Name),
    Index(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    In {
        negated: bool,
        elem: Box<Expr>,
        set: Box<Expr>,
    },
    Within {
        subject: Box<Expr>,
        length: Box<Expr>,
        before: bool,
        anchor: Box<Expr>,
    },
    Convert(Box<Expr>, UnitExpr),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Quant {
        quantifier: Quantifier,
        var: Name,
        over: Box<Expr>,
        filter: Option<Box<Expr>>,
        body: Box<Expr>,
    },
    /// The date a timeline is asked for.
    AsOf,
    /// In lifecycle rules, the base's current state.
    State,
    /// In lifecycle rules, the date the base entered its current state.
    Entered,
    /// The measure's effective date.
    Effective,
    /// A built-in function: `year(d)`, `date(y, m, d)`, `min(a, b)`, `workdays_after(d, n)`.
    Call(Name, Vec<Expr>),
    /// `passed(RULE)`, `passed(group GROUP)`, `figure(RULE)`: what another rule gave.
    RuleRef {
        read: RuleRead,
        target: Name,
        group: bool,
    },
}

/// What a rule reads of another rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleRead {
    /// Its status as a test: pass (or not applicable) is true, fail false, unknown unknown.
    Passed,
    /// Its figure.
    Figure,
}
