//! The SMT solver: Debian's `z3` binary, driven over SMT-LIB 2 by `easy-smt`, with a time bound on
//! every query. Terms are built here and named with `define-fun` so shared parts are sent once.

use crate::diag::catalogue::{io_why, solver_reason};
use crate::diag::text::Text;
use easy_smt::{Context, ContextBuilder, Response, SExpr, SExprData};
use rust_decimal::Decimal;
use std::time::Duration;

/// Environment variable naming the solver binary (default: `z3` on the `PATH`).
pub const SOLVER_ENV: &str = "JIDI_Z3";

/// Why a question could not be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unanswered {
    /// The solver binary could not be started: the program and why.
    NoSolver(String, Text),
    /// The solver gave up (time bound, or a theory it cannot decide).
    Timeout,
    /// The solver said something unexpected, or stopped.
    Failed(Text),
}

impl Unanswered {
    /// The reason, for people in any language (and in English for JSON).
    pub fn reason(&self) -> Text {
        match self {
            Unanswered::NoSolver(program, why) => solver_reason::no_solver(program, why.clone()),
            Unanswered::Timeout => solver_reason::timeout(),
            Unanswered::Failed(why) => solver_reason::failed(why.clone()),
        }
    }
}

/// The answer to "is there such a record?".
pub enum Answer {
    /// Yes: the model is in the solver until the next query.
    Sat,
    /// No record at all.
    Unsat,
}

/// A running solver with the terms built so far.
pub struct Smt {
    ctx: Context,
    next: usize,
    /// Unknowns shared by name across the versions of one question ([`Smt::shared`]).
    shared: std::collections::HashMap<String, SExpr>,
}

fn failed(e: std::io::Error) -> Unanswered {
    Unanswered::Failed(io_why(&e))
}

impl Smt {
    /// Starts the solver; every query is bounded by `timeout`.
    pub fn start(timeout: Duration) -> Result<Smt, Unanswered> {
        let program = std::env::var_os(SOLVER_ENV).unwrap_or_else(|| "z3".into());
        let ms = timeout.as_millis().max(1);
        // A hard bound on the whole process as well, so nothing can hang.
        let hard = timeout.as_secs().saturating_mul(40).clamp(60, 3600);
        let ctx = ContextBuilder::new()
            .solver(program.clone())
            .solver_args(["-smt2", "-in", &format!("-T:{hard}")])
            .build()
            .map_err(|e| {
                Unanswered::NoSolver(program.to_string_lossy().into_owned(), io_why(&e))
            })?;
        let mut smt = Smt {
            ctx,
            next: 0,
            shared: std::collections::HashMap::new(),
        };
        let timeout = smt.ctx.numeral(u64::try_from(ms).unwrap_or(u64::MAX));
        smt.ctx.set_option(":timeout", timeout).map_err(failed)?;
        Ok(smt)
    }

    /// The term builder.
    pub fn t(&self) -> &Context {
        &self.ctx
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    /// A new unknown of `sort`.
    pub fn var(&mut self, prefix: &str, sort: SExpr) -> Result<SExpr, Unanswered> {
        let name = self.fresh(prefix);
        self.ctx.declare_const(name, sort).map_err(failed)
    }

    /// The boolean unknown named `key`, the same one each time it is asked for.
    pub fn shared(&mut self, key: String) -> Result<SExpr, Unanswered> {
        if let Some(v) = self.shared.get(&key) {
            return Ok(*v);
        }
        let bs = self.ctx.bool_sort();
        let v = self.var("shared", bs)?;
        self.shared.insert(key, v);
        Ok(v)
    }

    /// `term` under a name of its own, so it is sent once however often it is used.
    pub fn name(&mut self, term: SExpr, sort: SExpr) -> Result<SExpr, Unanswered> {
        if self.ctx.get_atom(term).is_some() {
            return Ok(term);
        }
        let name = self.fresh("t");
        self.ctx
            .define_fun(name, vec![], sort, term)
            .map_err(failed)
    }

    /// Holds for every question asked from now on.
    pub fn assert(&mut self, term: SExpr) -> Result<(), Unanswered> {
        self.ctx.assert(term).map_err(failed)
    }

    /// Whether some assignment makes every assertion and `goal` true.
    pub fn ask(&mut self, goal: SExpr) -> Result<Answer, Unanswered> {
        self.ctx.push().map_err(failed)?;
        let asked = self.ctx.assert(goal).map_err(failed).and_then(|()| {
            match self.ctx.check().map_err(failed)? {
                Response::Sat => Ok(Answer::Sat),
                Response::Unsat => Ok(Answer::Unsat),
                Response::Unknown => Err(Unanswered::Timeout),
            }
        });
        match asked {
            // The model is read before the scope is left.
            Ok(Answer::Sat) => Ok(Answer::Sat),
            other => {
                self.ctx.pop().map_err(failed)?;
                other
            }
        }
    }

    /// Leaves the scope of a satisfiable question, once its model has been read.
    pub fn done(&mut self) -> Result<(), Unanswered> {
        self.ctx.pop().map_err(failed)
    }

    /// The values of `terms` in the model of the last satisfiable question.
    pub fn values(&mut self, terms: &[SExpr]) -> Result<Vec<Model>, Unanswered> {
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let pairs = self.ctx.get_value(terms.to_vec()).map_err(failed)?;
        Ok(pairs.into_iter().map(|(_, v)| self.model(v)).collect())
    }

    fn model(&self, v: SExpr) -> Model {
        match self.ctx.get(v) {
            SExprData::Atom("true") => Model::Bool(true),
            SExprData::Atom("false") => Model::Bool(false),
            SExprData::Atom(a) => number(a).map_or(Model::Other, Model::Number),
            SExprData::List(items) => match items {
                [op, x] if self.ctx.get_atom(*op) == Some("-") => match self.model(*x) {
                    Model::Number(n) => Model::Number(n.negate()),
                    _ => Model::Other,
                },
                [op, a, b] if self.ctx.get_atom(*op) == Some("/") => {
                    match (self.model(*a), self.model(*b)) {
                        (Model::Number(a), Model::Number(b)) => {
                            a.over(&b).map_or(Model::Other, Model::Number)
                        }
                        _ => Model::Other,
                    }
                }
                _ => Model::Other,
            },
            SExprData::String(_) => Model::Other,
        }
    }
}

/// An exact rational the solver gave, `numer / denom`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ratio {
    numer: i128,
    denom: i128,
}

impl Ratio {
    fn negate(self) -> Ratio {
        Ratio {
            numer: self.numer.saturating_neg(),
            denom: self.denom,
        }
    }

    fn over(&self, o: &Ratio) -> Option<Ratio> {
        let numer = self.numer.checked_mul(o.denom)?;
        let denom = self.denom.checked_mul(o.numer)?;
        if denom == 0 {
            return None;
        }
        let (numer, denom) = if denom < 0 {
            (-numer, -denom)
        } else {
            (numer, denom)
        };
        Some(Ratio { numer, denom })
    }

    /// The fraction times `numer / denom`.
    pub fn times(&self, numer: i128, denom: i128) -> Option<Ratio> {
        Ratio {
            numer: self.numer.checked_mul(numer)?,
            denom: self.denom,
        }
        .over(&Ratio {
            numer: denom,
            denom: 1,
        })
    }

    /// The whole number, when it is one.
    pub fn integer(&self) -> Option<i128> {
        (self.denom != 0 && self.numer % self.denom == 0).then(|| self.numer / self.denom)
    }

    /// The decimal of the fraction: exact when it has one (`true`), else rounded to `places`
    /// decimal places (`false`; the caller must check the rounded figure by evaluating it).
    pub fn decimal(&self, places: u32) -> Option<(Decimal, bool)> {
        let g = gcd(self.numer, self.denom).max(1);
        let (numer, mut denom) = (self.numer / g, self.denom / g);
        // A denominator of twos and fives only has a finite decimal.
        let mut scale = 0u32;
        let mut rest = denom;
        while rest % 2 == 0 || rest % 5 == 0 {
            rest /= if rest % 2 == 0 { 2 } else { 5 };
        }
        let (digits, exact) = if rest == 1 {
            while 10i128.checked_pow(scale)? % denom != 0 {
                scale += 1;
            }
            (numer.checked_mul(10i128.checked_pow(scale)? / denom)?, true)
        } else {
            scale = places;
            let shifted = numer.checked_mul(10i128.checked_pow(places)?)?;
            // Round half away from zero.
            let q = shifted / denom;
            let r = shifted % denom;
            denom = denom.abs();
            let q = if r.abs().checked_mul(2)? >= denom {
                q + shifted.signum()
            } else {
                q
            };
            (q, false)
        };
        let d = Decimal::try_from_i128_with_scale(digits, scale).ok()?;
        Some((d.normalize(), exact))
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

/// A value read from a model.
#[derive(Debug, Clone, PartialEq)]
pub enum Model {
    Bool(bool),
    Number(Ratio),
    Other,
}

impl Model {
    pub fn truth(&self) -> bool {
        matches!(self, Model::Bool(true))
    }

    pub fn integer(&self) -> Option<i128> {
        match self {
            Model::Number(r) => r.integer(),
            _ => None,
        }
    }
}

/// `12`, `12.5`, `0.0` as an exact fraction.
fn number(atom: &str) -> Option<Ratio> {
    let (whole, frac) = atom.split_once('.').unwrap_or((atom, ""));
    let digits = format!("{whole}{frac}");
    let numer: i128 = digits.parse().ok()?;
    let denom = 10i128.checked_pow(u32::try_from(frac.len()).ok()?)?;
    Some(Ratio { numer, denom })
}

/// A decimal as an exact SMT-LIB real: `(/ 2153 10)`.
pub fn real(t: &Context, d: Decimal) -> SExpr {
    let scale = 10i128.checked_pow(d.scale()).unwrap_or(1);
    let numer = d.mantissa();
    rational(t, numer, scale)
}

/// `numer / denom` as an SMT-LIB real.
pub fn rational(t: &Context, numer: i128, denom: i128) -> SExpr {
    let lit = |n: i128| t.atom(format!("{}.0", n.unsigned_abs()));
    let magnitude = if denom == 1 {
        lit(numer)
    } else {
        t.list(vec![t.atom("/"), lit(numer), lit(denom)])
    };
    if numer < 0 {
        t.negate(magnitude)
    } else {
        magnitude
    }
}

/// An SMT-LIB integer literal (negative ones as `(- n)`).
pub fn int(t: &Context, n: i64) -> SExpr {
    let lit = t.atom(n.unsigned_abs().to_string());
    if n < 0 {
        t.negate(lit)
    } else {
        lit
    }
}

/// The conjunction of `items` (true when there are none).
pub fn all(t: &Context, items: Vec<SExpr>) -> SExpr {
    if items.is_empty() {
        t.true_()
    } else {
        t.and_many(items)
    }
}

/// The disjunction of `items` (false when there are none).
pub fn any(t: &Context, items: Vec<SExpr>) -> SExpr {
    if items.is_empty() {
        t.false_()
    } else {
        t.or_many(items)
    }
}
