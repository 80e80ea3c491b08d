//! Checks the time side of a policy: the working-day calendar, notice periods, and the lifecycle
//! of a titled base with its own inputs, states, events, transitions and terms.

use super::declare::{flatten, Flat};
use super::{Checker, LetState, Names, Scope, ValueName};
use crate::check::ir::{
    AssessmentDef, EnumDef, EventSource, IExpr, InputDef, LetDef, Lifecycle, ListDef, NextDef,
    Notice, StateDef, SuspendDef, TermDef, TransitionDef, Type,
};
use crate::diag::catalogue::{
    bad_calendar, common, declared_kind, duplicate_lifecycle, life_part, life_type,
    no_active_state, no_calendar, state_outside_lifecycle, term_choice_unstated,
    undefined_life_name, undefined_tier, undefined_title_hole,
};
use crate::diag::text::{Arg, Text};
use crate::diag::{did_you_mean, Diagnostic, Severity};
use crate::source::Span;
use crate::syntax::ast::{self, BaseStatus, EventOutcome, ExprKind, Item, LifeRule, Renewal};
use crate::value::Value;

/// The application's record, set aside while the lifecycle's is checked: its inputs, `let`s and
/// names.
struct Application {
    inputs: Vec<InputDef>,
    used_inputs: Vec<bool>,
    name_input: Option<usize>,
    lets: Vec<LetDef>,
    let_asts: Vec<ast::LetDecl>,
    let_state: Vec<LetState>,
    names: Names,
}

/// The names lifecycle rules refer to each other by, gathered before any is lowered.
struct LifeNames<'a> {
    transitions: Vec<&'a ast::TransitionDecl>,
    terms: Vec<&'a ast::TermDecl>,
    assessments: Vec<&'a ast::AssessmentDecl>,
}

/// Whether a policy states only the life of titled bases: a lifecycle, and no inputs, rules or
/// decision of a selection. Such a policy needs no tier input or decision.
pub(super) fn lifecycle_only(flat: &[Flat<'_>]) -> bool {
    let top = |f: &&Flat<'_>| f.article.is_none();
    flat.iter().any(|f| matches!(f.item, Item::Lifecycle(_)))
        && !flat
            .iter()
            .filter(top)
            .any(|f| matches!(f.item, Item::Input(_) | Item::Decision(_)))
        && !flat.iter().any(|f| matches!(f.item, Item::Rule(_)))
}

impl Checker {
    pub(super) fn lower_time(&mut self, flat: &[Flat<'_>]) {
        for f in flat {
            match f.item {
                Item::Stars(s) => self.lower_stars(s, f.article.map(|a| a.label.text.clone())),
                Item::Calendar(file) => self.load_calendar(file),
                Item::Notice(n) => self.policy.notices.push(Notice {
                    name: n.name.text.clone(),
                    article: f.article.map(|a| a.label.text.clone()),
                    working_days: n.working_days,
                    start_counts: n.start_counts,
                }),
                _ => {}
            }
        }
        let named = flat.iter().any(|f| matches!(f.item, Item::Calendar(_)));
        if !self.policy.notices.is_empty() && !named {
            let span = flat
                .iter()
                .find_map(|f| match f.item {
                    Item::Notice(n) => Some(n.span),
                    _ => None,
                })
                .unwrap_or_default();
            self.error(
                no_calendar::none_named()
                    .label(span, no_calendar::counted_in_working_days())
                    .help(no_calendar::add_calendar()),
            );
        }
        let lifecycles: Vec<&ast::LifecycleDecl> = flat
            .iter()
            .filter_map(|f| match f.item {
                Item::Lifecycle(l) => Some(l),
                _ => None,
            })
            .collect();
        if let [first, rest @ ..] = lifecycles.as_slice() {
            if let Some(second) = rest.first() {
                self.error(
                    duplicate_lifecycle::two_blocks()
                        .label(second.span, duplicate_lifecycle::second())
                        .help(duplicate_lifecycle::one_block()),
                );
            }
            self.lower_lifecycle(first);
        }
    }

    fn load_calendar(&mut self, file: &ast::Name) {
        let text = match self.named.get(&file.text) {
            Some(Ok(t)) => t.clone(),
            Some(Err(why)) => {
                self.error(
                    no_calendar::cannot_read(why)
                        .with_severity(Severity::Warning)
                        .label(file.span, no_calendar::this_file())
                        .help(no_calendar::path_relative()),
                );
                return;
            }
            None => {
                self.error(
                    no_calendar::not_read(&file.text)
                        .with_severity(Severity::Warning)
                        .label(file.span, no_calendar::this_file())
                        .help(no_calendar::checked_without_files()),
                );
                return;
            }
        };
        match crate::calendar::Calendar::parse(&file.text, &text) {
            Ok(c) => self.policy.calendar = Some(c),
            Err(message) => self.error(
                bad_calendar::unreadable(message)
                    .label(file.span, bad_calendar::this_calendar())
                    .help(bad_calendar::calendar_format()),
            ),
        }
    }

    /// `state`, `entered` and `effective` in an expression.
    pub(super) fn lower_life_value(
        &mut self,
        kind: &ExprKind,
        span: Span,
    ) -> Option<(IExpr, Type)> {
        if let (ExprKind::Effective, None) = (kind, self.scope.as_of_slot) {
            let value = self
                .policy
                .meta
                .effective
                .map_or(Value::Unknown, Value::Date);
            return Some((IExpr::Const(value), Type::Date));
        }
        match (kind, self.scope.as_of_slot, self.scope.state_enum) {
            (ExprKind::State, Some(slot), Some(states)) => {
                Some((IExpr::Input(slot + 1), Type::Enum(states)))
            }
            (ExprKind::Entered, Some(slot), Some(_)) => Some((IExpr::Input(slot + 2), Type::Date)),
            (ExprKind::Effective, Some(slot), _) => Some((IExpr::Input(slot + 3), Type::Date)),
            _ => {
                self.error(
                    state_outside_lifecycle::only_in_lifecycle()
                        .label(span, state_outside_lifecycle::no_base_followed())
                        .help(state_outside_lifecycle::state_is()),
                );
                None
            }
        }
    }

    /// Checks the lifecycle block in a namespace of its own: the history record's inputs and
    /// derived values replace the application's while it is lowered, and the states are values.
    fn lower_lifecycle(&mut self, decl: &ast::LifecycleDecl) {
        let lc = self.in_own_namespace(|c| {
            let flat = flatten(&decl.items);
            for f in &flat {
                match f.item {
                    Item::Input(i) => c.declare_input(i),
                    Item::Let(l) if c.claim_value(&l.name, ValueName::Let(c.let_asts.len())) => {
                        c.let_state.push(LetState::Pending(c.let_asts.len()));
                        c.let_asts.push(l.clone());
                    }
                    _ => {}
                }
            }
            let as_of_slot = c.policy.inputs.len();
            let (states, state_enum) = c.lifecycle_states(&flat);
            c.within(Scope::lifecycle(as_of_slot, state_enum), |c| {
                c.lower_life(&flat, as_of_slot, states, state_enum)
            })
        });
        self.policy.lifecycle = Some(Box::new(lc));
    }

    /// Runs `lower` with no inputs and no `let`s, and of the names only those that are neither;
    /// then puts the application's back.
    fn in_own_namespace<T>(&mut self, lower: impl FnOnce(&mut Checker) -> T) -> T {
        let mut names = self.names.clone();
        names
            .values
            .retain(|_, (v, _)| !matches!(v, ValueName::Input(_) | ValueName::Let(_)));
        let application = Application {
            inputs: std::mem::take(&mut self.policy.inputs),
            used_inputs: std::mem::take(&mut self.used_inputs),
            name_input: self.record_name_input.take(),
            lets: std::mem::take(&mut self.policy.lets),
            let_asts: std::mem::take(&mut self.let_asts),
            let_state: std::mem::take(&mut self.let_state),
            names: std::mem::replace(&mut self.names, names),
        };
        let out = lower(self);
        self.policy.inputs = application.inputs;
        self.used_inputs = application.used_inputs;
        self.record_name_input = application.name_input;
        self.policy.lets = application.lets;
        self.let_asts = application.let_asts;
        self.let_state = application.let_state;
        self.names = application.names;
        out
    }

    /// The lifecycle's `let`s and rules, its inputs and states declared; the history record's
    /// inputs and `let`s are taken into it.
    fn lower_life(
        &mut self,
        flat: &[Flat<'_>],
        as_of_slot: usize,
        states: Vec<StateDef>,
        state_enum: u32,
    ) -> Lifecycle {
        self.lower_lets();
        let mut lc = Lifecycle {
            inputs: Vec::new(),
            name_input: self.record_name_input,
            lets: Vec::new(),
            as_of_slot,
            states,
            state_enum,
            assessments: Vec::new(),
            terms: Vec::new(),
            sources: Vec::new(),
            transitions: Vec::new(),
            nexts: Vec::new(),
            suspensions: Vec::new(),
            lists: Vec::new(),
            requires: Vec::new(),
        };
        let names = self.life_names(flat);
        // Assessments and terms first: transitions move on their outcomes; then transitions;
        // then what terms start and end on, which names transitions.
        let mut review_vars: Vec<Option<(String, Type)>> = Vec::new();
        for f in flat {
            let Item::Life(rule) = f.item else { continue };
            let article = f.article.map(|a| a.label.text.clone());
            match rule.as_ref() {
                LifeRule::Assessment(a) => {
                    let var = self.lower_assessment(a, article, &mut lc);
                    review_vars.push(var);
                }
                LifeRule::Term(t) => self.lower_term(t, article, &mut lc),
                _ => {}
            }
        }
        let assessment_vars = review_vars;
        for f in flat {
            let Item::Life(rule) = f.item else { continue };
            let article = f.article.map(|a| a.label.text.clone());
            let quote = f
                .article
                .and_then(|a| a.quotes.first())
                .map(|q| q.text.clone());
            match rule.as_ref() {
                LifeRule::Transition(t) => {
                    self.lower_transition(t, article, quote, &names, &assessment_vars, &mut lc)
                }
                LifeRule::Term(_) | LifeRule::Assessment(_) => {}
                other => self.lower_life_rule(other, article, &mut lc),
            }
        }
        self.link_terms(&names, &mut lc);
        for f in flat {
            if let Item::Assume(a) = f.item {
                self.policy.assumptions.push(crate::check::ir::Assumption {
                    name: a.name.text.clone(),
                    text: a.text.text.clone(),
                    article: f.article.map(|x| x.label.text.clone()),
                    span: a.span,
                });
            }
        }
        if !self.diags.iter().any(Diagnostic::is_error) {
            self.lint_unused_inputs();
            self.lint_state_machine(&lc);
        }
        lc.inputs = std::mem::take(&mut self.policy.inputs);
        lc.lets = std::mem::take(&mut self.policy.lets);
        lc
    }

    /// The states, as an enumeration of their own whose values expressions can name.
    fn lifecycle_states(&mut self, flat: &[Flat<'_>]) -> (Vec<StateDef>, u32) {
        let mut states: Vec<StateDef> = Vec::new();
        for f in flat {
            let Item::State(s) = f.item else { continue };
            if let Some(first) = states.iter().find(|x| x.name == s.name.text) {
                let first = first.span;
                self.duplicate(declared_kind::state(), &s.name, first);
                continue;
            }
            let tier = s.holds.as_ref().and_then(|t| self.held_tier(t));
            states.push(StateDef {
                name: s.name.text.clone(),
                status: s.status,
                tier,
                span: s.name.span,
            });
        }
        if !states.iter().any(|s| s.status == BaseStatus::Active) {
            self.error(
                no_active_state::none()
                    .label(Span::new(0, 0), common::nothing())
                    .help(no_active_state::declare_one()),
            );
        }
        let id = u32::try_from(self.policy.enums.len()).unwrap_or(u32::MAX);
        for (i, s) in states.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            self.names
                .constants
                .entry(s.name.clone())
                .or_default()
                .push((id, i));
        }
        self.policy.enums.push(EnumDef {
            name: "状态".into(),
            values: states.iter().map(|s| s.name.clone()).collect(),
            aliases: Vec::new(),
        });
        (states, id)
    }

    fn held_tier(&mut self, t: &ast::Name) -> Option<u32> {
        if let Some(i) = self.policy.tier_index(&t.text) {
            return u32::try_from(i).ok();
        }
        let names: Vec<&str> = self.policy.tiers.iter().map(|x| x.name.as_str()).collect();
        let mut d =
            undefined_tier::unknown_tier(&t.text).label(t.span, undefined_tier::not_a_tier());
        d = match did_you_mean(&t.text, names.iter().copied()) {
            Some(s) => d.help(common::did_you_mean(s)),
            None => d.help(undefined_tier::tiers_are(Arg::list(names))),
        };
        self.error(d);
        None
    }

    fn life_names<'a>(&mut self, flat: &[Flat<'a>]) -> LifeNames<'a> {
        let mut names = LifeNames {
            transitions: Vec::new(),
            terms: Vec::new(),
            assessments: Vec::new(),
        };
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for f in flat {
            let Item::Life(rule) = f.item else { continue };
            let name = match rule.as_ref() {
                LifeRule::Transition(t) => {
                    names.transitions.push(t);
                    &t.name
                }
                LifeRule::Term(t) => {
                    names.terms.push(t);
                    &t.name
                }
                LifeRule::Assessment(a) => {
                    names.assessments.push(a);
                    &a.name
                }
                _ => continue,
            };
            match seen.iter().find(|(n, _)| *n == name.text) {
                Some((_, first)) => {
                    let first = *first;
                    self.duplicate(declared_kind::lifecycle_rule(), name, first);
                }
                None => seen.push((&name.text, name.span)),
            }
        }
        names
    }

    fn state_index(&mut self, states: &[StateDef], name: &ast::Name) -> Option<usize> {
        if let Some(i) = states.iter().position(|s| s.name == name.text) {
            return Some(i);
        }
        let mut d = undefined_life_name::unknown_state(&name.text)
            .label(name.span, undefined_life_name::not_a_state());
        d = match did_you_mean(&name.text, states.iter().map(|s| s.name.as_str())) {
            Some(s) => d.help(common::did_you_mean(s)),
            None => d.help(undefined_life_name::declare_state()),
        };
        self.error(d);
        None
    }

    fn lower_date(&mut self, e: &ast::Expr, what: Text) -> Option<IExpr> {
        let (ie, ty) = self.lower(e, None)?;
        if !matches!(ty, Type::Date | Type::Nothing) {
            let t = self.policy.type_name(&ty);
            self.error(
                life_type::must_be_date(what, t)
                    .label(e.span, life_type::not_a_date())
                    .help(life_type::write_date_input()),
            );
            return None;
        }
        Some(ie)
    }

    /// A list to range over, with the type of its elements.
    fn lower_list(&mut self, e: &ast::Expr, what: Text) -> Option<(IExpr, Type)> {
        let (over, oty) = self.lower(e, None)?;
        let Type::List(elem) = oty else {
            let ty = self.policy.type_name(&oty);
            self.error(
                life_type::must_be_list(what, ty)
                    .label(e.span, life_type::not_a_list())
                    .help(life_type::name_list_input()),
            );
            return None;
        };
        Some((over, *elem))
    }

    /// `r in LIST on DATE passes when TEST`, the element bound as `var`.
    fn lower_dated_outcomes(
        &mut self,
        var: &ast::Name,
        over: &ast::Expr,
        on: &ast::Expr,
        passes: &ast::Expr,
        what: Text,
    ) -> Option<((IExpr, IExpr, IExpr), Type)> {
        let (over, elem) = self.lower_list(over, what)?;
        self.scope.locals.push((var.text.clone(), elem.clone()));
        let on = self.lower_date(on, life_part::date_of_each());
        let passes = self.lower_bool(passes);
        self.scope.locals.pop();
        Some(((over, on?, passes?), elem))
    }

    fn lower_assessment(
        &mut self,
        a: &ast::AssessmentDecl,
        article: Option<String>,
        lc: &mut Lifecycle,
    ) -> Option<(String, Type)> {
        let ((over, on, passes), elem) =
            self.lower_dated_outcomes(&a.var, &a.over, &a.on, &a.passes, life_part::assessments())?;
        lc.assessments.push(AssessmentDef {
            name: a.name.text.clone(),
            article,
            source: self.text(a.span),
            over,
            on,
            passes,
            span: a.name.span,
        });
        Some((a.var.text.clone(), elem))
    }

    fn lower_term(&mut self, t: &ast::TermDecl, article: Option<String>, lc: &mut Lifecycle) {
        let from = t
            .from
            .as_ref()
            .map(|f| self.lower_date(f, life_part::term_start()));
        let review = t.review.as_ref().map(|r| {
            self.lower_dated_outcomes(&r.var, &r.over, &r.on, &r.passes, life_part::reviews())
                .map(|(parts, _)| parts)
        });
        let failed = t.failed.as_ref().map(|n| self.state_index(&lc.states, n));
        let expired = self.state_index(&lc.states, &t.expired);
        let renewal = match (t.renewal, &t.review) {
            (Some((r, _)), _) => r,
            (None, Some(_)) => {
                self.error(
                    term_choice_unstated::renewal_unstated(&t.name.text)
                        .label(t.name.span, term_choice_unstated::renewed_by_reviews())
                        .help(term_choice_unstated::write_renewal()),
                );
                Renewal::FromReview
            }
            (None, None) => Renewal::FromReview,
        };
        let Some(expired) = expired else { return };
        let failed = match failed {
            Some(None) => return,
            Some(Some(i)) => Some(i),
            None => None,
        };
        let from = match from {
            Some(Some(f)) => Some(f),
            Some(None) => return,
            None => None,
        };
        let review = match review {
            Some(Some(r)) => Some(r),
            Some(None) => return,
            None => None,
        };
        lc.terms.push(TermDef {
            name: t.name.text.clone(),
            article,
            source: self.text(t.span),
            length: t.length,
            from,
            starts: Vec::new(),
            ends: Vec::new(),
            review,
            renewal,
            late: t.late,
            failed,
            expired,
            span: t.name.span,
        });
    }

    /// Resolves what each term starts and ends on, once every transition is lowered.
    fn link_terms(&mut self, names: &LifeNames<'_>, lc: &mut Lifecycle) {
        for decl in &names.terms {
            let Some(i) = lc.terms.iter().position(|x| x.name == decl.name.text) else {
                continue;
            };
            let resolve = |me: &mut Self, list: &[ast::Name]| -> Vec<usize> {
                list.iter()
                    .filter_map(|n| me.transition_index(lc, n))
                    .collect()
            };
            let starts = resolve(self, &decl.starts);
            let ends = resolve(self, &decl.ends);
            if let Some(term) = lc.terms.get_mut(i) {
                term.starts = starts;
                term.ends = ends;
            }
        }
    }

    fn transition_index(&mut self, lc: &Lifecycle, name: &ast::Name) -> Option<usize> {
        if let Some(i) = lc.transitions.iter().position(|t| t.name == name.text) {
            return Some(i);
        }
        let mut d = undefined_life_name::unknown_transition(&name.text)
            .label(name.span, undefined_life_name::not_a_transition());
        d = match did_you_mean(&name.text, lc.transitions.iter().map(|t| t.name.as_str())) {
            Some(s) => d.help(common::did_you_mean(s)),
            None => d.help(undefined_life_name::terms_on_transitions()),
        };
        self.error(d);
        None
    }

    /// The source of an `on NAME passes|failed|expired` trigger, and the variable its guard binds.
    fn outcome_source(
        &mut self,
        source: &ast::Name,
        outcome: EventOutcome,
        names: &LifeNames<'_>,
        assessment_vars: &[Option<(String, Type)>],
        lc: &Lifecycle,
    ) -> Option<(EventSource, Option<(String, Type)>)> {
        if let Some(i) = lc.assessments.iter().position(|a| a.name == source.text) {
            if outcome == EventOutcome::Expired {
                self.error(
                    life_type::assessment_does_not_expire(&source.text)
                        .label(source.span, life_type::an_assessment())
                        .help(life_type::passes_or_failed()),
                );
                return None;
            }
            let var = assessment_vars.get(i).cloned().flatten();
            return Some((EventSource::Assessment(i), var));
        }
        if let Some(i) = lc.terms.iter().position(|t| t.name == source.text) {
            let decl = names.terms.iter().find(|t| t.name.text == source.text)?;
            let var = match (&decl.review, outcome) {
                (_, EventOutcome::Expired) => None,
                (Some(r), _) => {
                    let (_, elem) = self.lower_list(&r.over, life_part::reviews())?;
                    Some((r.var.text.clone(), elem))
                }
                (None, _) => {
                    self.error(
                        life_type::term_without_review(&source.text)
                            .label(source.span, life_type::no_review())
                            .help(life_type::give_review()),
                    );
                    return None;
                }
            };
            return Some((EventSource::Term(i), var));
        }
        // A rule whose own lowering failed has been reported already.
        if names.assessments.iter().any(|a| a.name.text == source.text)
            || names.terms.iter().any(|t| t.name.text == source.text)
        {
            return None;
        }
        let known = names
            .assessments
            .iter()
            .map(|a| a.name.text.as_str())
            .chain(names.terms.iter().map(|t| t.name.text.as_str()));
        let mut d = undefined_life_name::no_assessment_or_term(&source.text)
            .label(source.span, undefined_life_name::outcome_of_what());
        d = match did_you_mean(&source.text, known) {
            Some(s) => d.help(common::did_you_mean(s)),
            None => d.help(undefined_life_name::declare_assessment()),
        };
        self.error(d);
        None
    }

    fn lower_transition(
        &mut self,
        t: &ast::TransitionDecl,
        article: Option<String>,
        quote: Option<String>,
        names: &LifeNames<'_>,
        assessment_vars: &[Option<(String, Type)>],
        lc: &mut Lifecycle,
    ) {
        let from: Vec<Option<usize>> = if t.from.is_empty() {
            lc.states
                .iter()
                .enumerate()
                .filter(|(_, s)| s.status == BaseStatus::Active)
                .map(|(i, _)| Some(i))
                .collect()
        } else {
            t.from
                .iter()
                .map(|n| self.state_index(&lc.states, n))
                .collect()
        };
        let to = self.state_index(&lc.states, &t.to);
        let (source, outcome, var) = match &t.trigger {
            ast::Trigger::Date(e) => (
                self.lower_date(e, life_part::transition_date())
                    .map(EventSource::Date),
                None,
                None,
            ),
            ast::Trigger::Each {
                var,
                over,
                filter,
                at,
            } => {
                let lowered = self
                    .lower_list(over, life_part::transition_events())
                    .and_then(|(o, elem)| {
                        self.scope.locals.push((var.text.clone(), elem.clone()));
                        let filter = filter.as_ref().map(|f| self.lower_bool(f));
                        let at = self.lower_date(at, life_part::event_date());
                        self.scope.locals.pop();
                        let filter = match filter {
                            Some(f) => Some(f?),
                            None => None,
                        };
                        Some((
                            EventSource::Each {
                                over: o,
                                filter,
                                at: at?,
                            },
                            elem,
                        ))
                    });
                match lowered {
                    Some((src, elem)) => (Some(src), None, Some((var.text.clone(), elem))),
                    None => (None, None, None),
                }
            }
            ast::Trigger::Outcome { source, outcome } => {
                match self.outcome_source(source, *outcome, names, assessment_vars, lc) {
                    Some((src, var)) => (Some(src), Some(*outcome), var),
                    None => (None, Some(*outcome), None),
                }
            }
        };
        let when = t.when.as_ref().map(|w| {
            if let Some(v) = &var {
                self.scope.locals.push(v.clone());
            }
            let lowered = self.lower_bool(w);
            if var.is_some() {
                self.scope.locals.pop();
            }
            lowered
        });
        let (Some(to), Some(source)) = (to, source) else {
            return;
        };
        let Some(from) = from.into_iter().collect::<Option<Vec<usize>>>() else {
            return;
        };
        let when = match when {
            Some(Some(w)) => Some(w),
            Some(None) => return,
            None => None,
        };
        let on = match lc.sources.iter().position(|s| *s == source) {
            Some(i) => i,
            None => {
                lc.sources.push(source);
                lc.sources.len() - 1
            }
        };
        lc.transitions.push(TransitionDef {
            name: t.name.text.clone(),
            article,
            source: self.text(t.span),
            quote,
            from,
            explicit_from: !t.from.is_empty(),
            to,
            on,
            outcome,
            when,
            span: t.name.span,
        });
    }

    fn lower_life_rule(&mut self, rule: &LifeRule, article: Option<String>, lc: &mut Lifecycle) {
        match rule {
            LifeRule::Next { name, value, span } => {
                if let Some((value, ty)) = self.lower(value, None) {
                    lc.nexts.push(NextDef {
                        name: name.text.clone(),
                        article,
                        source: self.text(*span),
                        value,
                        ty,
                    });
                }
            }
            LifeRule::Suspend(s) => {
                let city = self.lower(&s.city, None);
                let year = self.lower(&s.year, None);
                let when = s.when.as_ref().map(|w| self.lower_bool(w));
                if let (Some((city, _)), Some((year, _))) = (city, year) {
                    let when = match when {
                        Some(Some(w)) => Some(w),
                        Some(None) => return,
                        None => None,
                    };
                    lc.suspensions.push(SuspendDef {
                        name: s.name.text.clone(),
                        article,
                        source: self.text(s.span),
                        city,
                        year,
                        when,
                    });
                }
            }
            LifeRule::Require { field, test, .. } => {
                if !self.policy.inputs.iter().any(|i| i.name == field.text) {
                    let mut d = undefined_life_name::not_lifecycle_input(&field.text)
                        .label(field.span, undefined_title_hole::not_input());
                    d = match did_you_mean(
                        &field.text,
                        self.policy.inputs.iter().map(|i| i.name.as_str()),
                    ) {
                        Some(s) => d.help(common::did_you_mean(s)),
                        None => d.help(undefined_life_name::require_names()),
                    };
                    self.error(d);
                    return;
                }
                if let Some(ie) = self.lower_bool(test) {
                    lc.requires.push(crate::check::ir::RequireDef {
                        field: field.text.clone(),
                        article,
                        text: self.text(test.span),
                        test: ie,
                    });
                }
            }
            LifeRule::List { name, test, span } => {
                if let Some(test) = self.lower_bool(test) {
                    lc.lists.push(ListDef {
                        name: name.text.clone(),
                        article,
                        source: self.text(*span),
                        test,
                    });
                }
            }
            LifeRule::Term(_) | LifeRule::Transition(_) | LifeRule::Assessment(_) => {}
        }
    }
}
