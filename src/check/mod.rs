//! Check: resolves names to slots, infers types and units, and lints a parsed policy into [`Policy`].

mod binding;
mod decisions;
mod declare;
mod exceptions;
mod expr;
mod growth;
mod lifecycle;
mod lifecycle_lints;
mod lifecycle_stars;
mod lints;
mod named;
mod quote_units;
mod refs;
mod rounds;
mod rules;
mod tables;

/// The IR this stage produces lives in its own module; `check::ir` names it for the callers.
pub use crate::ir;
pub use crate::ir::*;
pub use named::{Named, Read};

use crate::diag::catalogue::{common, expression_type, type_mismatch};
use crate::diag::text::Arg;
use crate::diag::Diagnostic;
use crate::source::{Source, Span};
use crate::syntax::{self, ast};
use std::collections::HashMap;

/// The outcome of checking a policy file: the policy, if it has no errors, and every diagnostic.
#[derive(Debug, Clone)]
pub struct Checked {
    pub policy: Option<Policy>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// Parses and checks a policy file on disk, reporting every problem at once; the files it names
/// are read beside it ([`crate::files::read_beside`]).
pub fn check(source: &Source) -> Checked {
    check_with(source, &|name| {
        crate::files::read_beside(source.name(), name)
    })
}

/// Parses and checks a policy, reporting every problem at once; the files it names (its
/// calendar) are read with `read`, which the caller provides.
pub fn check_with(source: &Source, read: Read<'_>) -> Checked {
    crate::stack::on_big_stack(|| check_here(source, read))
}

fn check_here(source: &Source, read: Read<'_>) -> Checked {
    match syntax::parse_policy(source) {
        Ok(ast) => check_ast_with(source, &ast, &Named::read(&ast, read)),
        Err(mut diagnostics) => {
            diagnostics.extend(
                syntax::fullwidth::warnings(source.text())
                    .into_iter()
                    .map(|d| d.in_source(source)),
            );
            Checked {
                policy: None,
                diagnostics,
            }
        }
    }
}

/// Checks an already parsed policy of a file on disk, as [`check`] does.
pub fn check_ast(source: &Source, ast: &ast::PolicyAst) -> Checked {
    let read = |name: &str| crate::files::read_beside(source.name(), name);
    check_ast_with(source, ast, &Named::read(ast, &read))
}

/// Checks an already parsed policy with the files it names, read by the caller.
pub fn check_ast_with(source: &Source, ast: &ast::PolicyAst, named: &Named) -> Checked {
    crate::stack::on_big_stack(|| check_ast_here(source, ast, named))
}

fn check_ast_here(source: &Source, ast: &ast::PolicyAst, named: &Named) -> Checked {
    let mut checker = Checker::new(source.clone());
    checker.named = named.clone();
    let policy = checker.run(ast);
    let mut diagnostics: Vec<Diagnostic> = checker
        .diags
        .into_iter()
        .chain(syntax::fullwidth::warnings(source.text()))
        .map(|d| d.in_source(source))
        .collect();
    diagnostics.sort_by_key(|d| {
        (
            std::cmp::Reverse(d.severity),
            d.labels.first().map(|l| l.0.start),
        )
    });
    let policy = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        policy
    };
    Checked {
        policy,
        diagnostics,
    }
}

/// Lowers one standalone expression (typed in the REPL, say) against a checked policy's names,
/// types and units, by the same lowering as the policy's own rules. With `expect`, the result is
/// converted to that type (a number to the expected unit) or refused. Diagnostics point into
/// `source`, the expression's own text. To lower many, build an [`ExprScope`] once.
pub fn expr(
    policy: &Policy,
    source: &Source,
    e: &ast::Expr,
    expect: Option<&Type>,
) -> Result<(IExpr, Type), Vec<Diagnostic>> {
    ExprScope::new(policy)?.expr(source, e, expect)
}

/// A checked policy's names, types and units declared once, so that many standalone expressions
/// (each `calc` and `where` of a REPL session) are lowered without parsing the policy again.
#[derive(Debug, Clone)]
pub struct ExprScope {
    checker: Checker,
}

impl ExprScope {
    /// Declares the policy's names; fails only if its text no longer parses.
    pub fn new(policy: &Policy) -> Result<ExprScope, Vec<Diagnostic>> {
        let ast = syntax::parse_policy(&policy.source)?;
        let mut checker = Checker::new(policy.source.clone());
        let flat = declare::flatten(&ast.items);
        checker.declare(&flat);
        checker.lower_lets();
        checker.diags.clear();
        Ok(ExprScope { checker })
    }

    /// Lowers one expression, as [`expr`] does, in a fresh copy of the declared scope.
    pub fn expr(
        &self,
        source: &Source,
        e: &ast::Expr,
        expect: Option<&Type>,
    ) -> Result<(IExpr, Type), Vec<Diagnostic>> {
        lower_standalone(self.checker.clone(), source, e, expect)
    }
}

fn lower_standalone(
    mut checker: Checker,
    source: &Source,
    e: &ast::Expr,
    expect: Option<&Type>,
) -> Result<(IExpr, Type), Vec<Diagnostic>> {
    let lowered = checker.lower(e, expect);
    let out = match (lowered, expect) {
        (Some((ie, Type::Num(from))), Some(Type::Num(to))) => checker
            .convert(ie, &from, to, e.span)
            .map(|ie| (ie, Type::Num(to.clone()))),
        (Some((ie, ty)), Some(want)) if ty == *want || ty == Type::Nothing => Some((ie, ty)),
        (Some((_, ty)), Some(want)) => {
            let (a, b) = (
                checker.policy.type_name(want),
                checker.policy.type_name(&ty),
            );
            let (a, help) = if *want == Type::Bool {
                (
                    Arg::Text(expression_type::true_false_test()),
                    type_mismatch::write_comparison(),
                )
            } else {
                (Arg::Plain(a.clone()), expression_type::write_value_of(a))
            };
            checker.error(
                type_mismatch::expected_found(a, b)
                    .label(e.span, common::here())
                    .help(help),
            );
            None
        }
        (other, None) | (other @ None, Some(_)) => other,
    };
    match out {
        Some(typed) if checker.diags.iter().all(|d| !d.is_error()) => Ok(typed),
        _ => {
            let mut errors: Vec<Diagnostic> = checker
                .diags
                .into_iter()
                .filter(Diagnostic::is_error)
                .map(|d| d.in_source(source))
                .collect();
            if errors.is_empty() {
                errors.push(
                    expression_type::cannot_use_here()
                        .label(e.span, common::here())
                        .in_source(source),
                );
            }
            Err(errors)
        }
    }
}

/// How deep a checked expression may nest; deeper is refused so evaluation cannot overflow.
pub const MAX_DEPTH: usize = 96;

/// A name in the value namespace and what it refers to.
#[derive(Debug, Clone)]
enum ValueName {
    Input(usize),
    Let(usize),
    Set(usize),
    Tier(u32),
    Table(usize),
}

#[derive(Debug, Clone)]
enum LetState {
    Pending(usize),
    InProgress,
    Failed,
    Done(usize),
}

/// The names a policy declares, by namespace, looked up while lowering.
#[derive(Debug, Clone, Default)]
struct Names {
    /// Enumerations: the index of each in [`Policy::enums`].
    enums: HashMap<String, u32>,
    /// Record shapes: the index of each in [`Policy::shapes`].
    shapes: HashMap<String, u32>,
    /// Inputs, `let`s, sets, tiers and tables.
    values: HashMap<String, (ValueName, Span)>,
    /// Every enumeration value by name: (enum, index).
    constants: HashMap<String, Vec<(u32, u32)>>,
}

/// Where lowering stands: the rule being lowered, the quantifier variables in scope, how deep
/// the expression nests, and inside the lifecycle its date and states. Entering a rule, a rule's
/// figure, a `let`, a set or the lifecycle puts a new one in place ([`Checker::within`]), and
/// leaving puts the outer one back.
#[derive(Debug, Clone, Default)]
struct Scope {
    /// The rule being lowered (an exception's: the rule it replaces).
    current_rule: Option<usize>,
    /// Quantifier variables in scope, innermost last.
    locals: Vec<(String, Type)>,
    /// How deep the expression being lowered nests ([`MAX_DEPTH`]).
    depth: usize,
    /// Set just before lowering an expression where `growth(…)` may stand: a comparison's
    /// operand or an indicator's figure. The call consumes it.
    growth_allowed: bool,
    /// Set when a tier list of the rule named an unknown tier, so follow-on errors are not
    /// reported.
    unresolved_tier: bool,
    /// In lifecycle rules, the hidden input slot that holds the date a timeline is asked for.
    as_of_slot: Option<usize>,
    /// In lifecycle rules, the enumeration of the lifecycle's states (`state == 预警`).
    state_enum: Option<u32>,
}

impl Scope {
    /// Lowering rule `rule` of the policy.
    fn rule(rule: usize) -> Scope {
        Scope {
            current_rule: Some(rule),
            ..Scope::default()
        }
    }

    /// The lifecycle's rules, with its date and its states.
    fn lifecycle(as_of_slot: usize, state_enum: u32) -> Scope {
        Scope {
            as_of_slot: Some(as_of_slot),
            state_enum: Some(state_enum),
            ..Scope::default()
        }
    }

    /// The same place without the quantifier variables: a `let`, a set or a rule's figure is
    /// lowered in its own terms, not in those of the expression that reads it.
    fn without_locals(&self) -> Scope {
        Scope {
            current_rule: self.current_rule,
            locals: Vec::new(),
            depth: self.depth,
            growth_allowed: self.growth_allowed,
            unresolved_tier: self.unresolved_tier,
            as_of_slot: self.as_of_slot,
            state_enum: self.state_enum,
        }
    }
}

/// The state of one checking run.
#[derive(Debug, Clone)]
struct Checker {
    source: Source,
    diags: Vec<Diagnostic>,
    policy: Policy,
    names: Names,
    scope: Scope,
    let_asts: Vec<ast::LetDecl>,
    let_state: Vec<LetState>,
    sets: Vec<(IExpr, Type)>,
    set_asts: Vec<ast::SetDecl>,
    /// Per set: not yet lowered (`None`), being lowered (`Some(false)`), done (`Some(true)`).
    set_done: Vec<Option<bool>>,
    used_inputs: Vec<bool>,
    record_name_input: Option<usize>,
    /// Names whose declarations failed: uses of them are not reported again.
    poisoned: std::collections::HashSet<String>,
    /// The files the policy names, read by the caller.
    named: Named,
    /// The rules, by the index each will have, for rules that read rules.
    rule_infos: Vec<refs::RuleInfo>,
    /// The article each lowered rule stands in, by rule index.
    rule_articles: Vec<Option<String>>,
}

impl Checker {
    fn new(source: Source) -> Self {
        let policy = Policy {
            source: source.clone(),
            meta: Meta::default(),
            units: Default::default(),
            enums: Vec::new(),
            sets: Vec::new(),
            shapes: Vec::new(),
            tiers: Vec::new(),
            inputs: Vec::new(),
            name_input: None,
            tier_input: 0,
            lets: Vec::new(),
            rules: Vec::new(),
            rule_order: Vec::new(),
            decision: Decision {
                name: None,
                article: None,
                lines: Vec::new(),
                otherwise: ast::Verdict::Eligible,
                rules: None,
            },
            decisions: Vec::new(),
            assumptions: Vec::new(),
            reads: Vec::new(),
            notices: Vec::new(),
            calendar: None,
            lifecycle: None,
            stars: Vec::new(),
            tables: Vec::new(),
            compiled: Default::default(),
            rounds: Vec::new(),
        };
        Checker {
            source,
            diags: Vec::new(),
            policy,
            names: Names::default(),
            scope: Scope::default(),
            let_asts: Vec::new(),
            let_state: Vec::new(),
            sets: Vec::new(),
            set_asts: Vec::new(),
            set_done: Vec::new(),
            used_inputs: Vec::new(),
            record_name_input: None,
            poisoned: Default::default(),
            named: Named::default(),
            rule_infos: Vec::new(),
            rule_articles: Vec::new(),
        }
    }

    /// Runs `lower` in `scope`, and puts the current scope back however `lower` returns.
    fn within<T>(&mut self, scope: Scope, lower: impl FnOnce(&mut Checker) -> T) -> T {
        let outer = std::mem::replace(&mut self.scope, scope);
        let out = lower(self);
        self.scope = outer;
        out
    }

    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn text(&self, span: Span) -> String {
        crate::syntax::format::one_line(self.source.text().get(span.start..span.end).unwrap_or(""))
    }

    fn run(&mut self, ast: &ast::PolicyAst) -> Option<Policy> {
        let flat = declare::flatten(&ast.items);
        self.declare(&flat);
        self.lower_sets();
        self.lower_lets();
        self.lower_rules(&flat);
        self.lower_exceptions(&flat);
        self.lower_bindings(&flat);
        self.order_rules();
        self.lower_decision(&flat);
        self.lower_rounds(&flat);
        self.lower_time(&flat);
        self.lint(&flat);
        Some(std::mem::replace(
            &mut self.policy,
            Checker::new(self.source.clone()).policy,
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn one_scope_lowers_many_expressions_as_a_fresh_check_would() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let source = Source::read(&root.join("policies/sichuan-2023-draft.jidi")).unwrap();
        let policy = check(&source).policy.unwrap();
        let scope = ExprScope::new(&policy).unwrap();
        for (text, expect) in [
            ("营业收入 / 工业用地面积", None),
            ("营业收入 >= 300 亿元", Some(Type::Bool)),
            ("营业收入 / 工业用地面积", None),
        ] {
            let line = Source::new("input", text);
            let e = syntax::parse_expr(&line).unwrap();
            let once = scope.expr(&line, &e, expect.as_ref()).unwrap();
            let fresh = expr(&policy, &line, &e, expect.as_ref()).unwrap();
            assert_eq!(format!("{once:?}"), format!("{fresh:?}"), "{text}");
        }
        let line = Source::new("input", "没有这个名字 + 1");
        let e = syntax::parse_expr(&line).unwrap();
        assert!(scope.expr(&line, &e, None).is_err());
    }
}
