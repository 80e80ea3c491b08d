//! Checks the time side of a policy: the working-day calendar, notice periods, and the lifecycle
//! of a titled base with its own inputs, states and rules.

use super::declare::{flatten, Flat};
use super::{Checker, LetState, ValueName};
use crate::check::ir::{
    IExpr, Lifecycle, ListDef, NextDef, Notice, StateDef, SuspendDef, TermDef, TransitionDef, Type,
};
use crate::diag::{did_you_mean, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{self, BaseStatus, Item, LifeRule};

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
                Diagnostic::error("jidi::no_calendar", "working days are counted, but the policy names no calendar")
                    .label(span, "counted in working days")
                    .help("add `calendar \"calendar/cn-workdays.toml\"`, the official holiday and make-up-day arrangement"),
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
                    Diagnostic::error(
                        "jidi::duplicate_name",
                        "the policy has two `lifecycle` blocks",
                    )
                    .label(second.span, "second lifecycle")
                    .help("state the whole life of a base in one block"),
                );
            }
            self.lower_lifecycle(first);
        }
    }

    fn lower_stars(&mut self, s: &ast::StarsDecl, article: Option<String>) {
        if self.policy.stars.is_some() {
            self.error(
                Diagnostic::error("jidi::duplicate_name", "the policy has two star schemes")
                    .label(s.name.span, "second scheme")
                    .help("keep one `stars` block"),
            );
            return;
        }
        let groups: Vec<String> = self
            .policy
            .rules
            .iter()
            .filter_map(|r| r.group.clone())
            .collect();
        for (g, _) in &s.weights {
            if !groups.contains(&g.text) {
                let mut d = Diagnostic::error(
                    "jidi::undefined_name",
                    format!("no indicator is in the group `{}`", g.text),
                )
                .label(g.span, "not a group of any indicator");
                d = match did_you_mean(&g.text, groups.iter().map(String::as_str)) {
                    Some(x) => d.help(format!("did you mean `{x}`?")),
                    None => d.help("weights name the `group` of indicators"),
                };
                self.error(d);
            }
        }
        for pair in s.bands.windows(2) {
            if let [(_, a, _), (_, b, span)] = pair {
                if b >= a {
                    self.error(
                        Diagnostic::warning(
                            "jidi::star_bands_order",
                            "star bands should go from the highest score down",
                        )
                        .label(*span, "not lower than the band above")
                        .help("a band is taken when the score reaches it, trying bands in order"),
                    );
                }
            }
        }
        self.policy.stars = Some(crate::check::ir::StarScheme {
            name: s.name.text.clone(),
            article,
            weights: s
                .weights
                .iter()
                .map(|(g, w)| (g.text.clone(), *w))
                .collect(),
            bands: s.bands.iter().map(|(st, min, _)| (*st, *min)).collect(),
            otherwise: s.otherwise,
        });
    }

    fn load_calendar(&mut self, file: &ast::Name) {
        let dir = std::path::Path::new(self.source.name())
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let path = dir.join(&file.text);
        let text = match crate::files::read_regular_text(&path, crate::files::POLICY_FILE_CAP) {
            Ok(t) => t,
            Err(e) => {
                self.error(
                    Diagnostic::warning(
                        "jidi::no_calendar",
                        format!("cannot read the calendar {}: {e}", path.display()),
                    )
                    .label(file.span, "this file")
                    .help("the path is relative to the policy file; without it no working days can be counted"),
                );
                return;
            }
        };
        match crate::calendar::Calendar::parse(&file.text, &text) {
            Ok(c) => self.policy.calendar = Some(c),
            Err(message) => self.error(
                Diagnostic::error("jidi::bad_calendar", message)
                    .label(file.span, "this calendar")
                    .help("each year is a table with `holidays` and `workdays`, dates as \"YYYY-MM-DD\""),
            ),
        }
    }

    /// Checks the lifecycle block in a namespace of its own: the history record's inputs and
    /// derived values replace the application's while it is lowered.
    fn lower_lifecycle(&mut self, decl: &ast::LifecycleDecl) {
        let saved_inputs = std::mem::take(&mut self.policy.inputs);
        let saved_used = std::mem::take(&mut self.used_inputs);
        let saved_lets = std::mem::take(&mut self.policy.lets);
        let saved_let_asts = std::mem::take(&mut self.let_asts);
        let saved_let_state = std::mem::take(&mut self.let_state);
        let saved_name = self.record_name_input.take();
        let saved_values = self.values.clone();
        self.values
            .retain(|_, (v, _)| !matches!(v, ValueName::Input(_) | ValueName::Let(_)));

        let flat = flatten(&decl.items);
        for f in &flat {
            match f.item {
                Item::Input(i) => self.declare_input(i),
                Item::Let(l) if self.claim_value(&l.name, ValueName::Let(self.let_asts.len())) => {
                    self.let_state.push(LetState::Pending(self.let_asts.len()));
                    self.let_asts.push(l.clone());
                }
                _ => {}
            }
        }
        let as_of_slot = self.policy.inputs.len();
        self.as_of_slot = Some(as_of_slot);
        self.lower_lets();
        let states = self.lifecycle_states(&flat);
        let mut lc = Lifecycle {
            inputs: Vec::new(),
            name_input: self.record_name_input,
            lets: Vec::new(),
            as_of_slot,
            states,
            terms: Vec::new(),
            transitions: Vec::new(),
            nexts: Vec::new(),
            suspensions: Vec::new(),
            lists: Vec::new(),
            requires: Vec::new(),
        };
        for f in &flat {
            let Item::Life(rule) = f.item else { continue };
            let article = f.article.map(|a| a.label.text.clone());
            self.lower_life_rule(
                rule,
                article,
                f.article
                    .and_then(|a| a.quotes.first())
                    .map(|q| q.text.clone()),
                &mut lc,
            );
        }
        for f in &flat {
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
        }
        self.as_of_slot = None;
        lc.inputs = std::mem::replace(&mut self.policy.inputs, saved_inputs);
        lc.lets = std::mem::replace(&mut self.policy.lets, saved_lets);
        self.used_inputs = saved_used;
        self.let_asts = saved_let_asts;
        self.let_state = saved_let_state;
        self.record_name_input = saved_name;
        self.values = saved_values;
        self.policy.lifecycle = Some(Box::new(lc));
    }

    fn lifecycle_states(&mut self, flat: &[Flat<'_>]) -> Vec<StateDef> {
        let mut states: Vec<StateDef> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for f in flat {
            let Item::State(s) = f.item else { continue };
            if let Some(i) = states.iter().position(|x| x.name == s.name.text) {
                let first = spans.get(i).copied().unwrap_or_default();
                self.duplicate("state", &s.name, first);
                continue;
            }
            states.push(StateDef {
                name: s.name.text.clone(),
                status: s.status,
            });
            spans.push(s.name.span);
        }
        if !states.iter().any(|s| s.status == BaseStatus::Active) {
            self.error(
                Diagnostic::error(
                    "jidi::no_active_state",
                    "the lifecycle has no state a base is in while its title holds",
                )
                .label(Span::new(0, 0), "")
                .help("declare one, e.g. `state 有效 is active`"),
            );
        }
        states
    }

    fn state_index(&mut self, states: &[StateDef], name: &ast::Name) -> Option<usize> {
        if let Some(i) = states.iter().position(|s| s.name == name.text) {
            return Some(i);
        }
        let mut d = Diagnostic::error(
            "jidi::undefined_name",
            format!("unknown state `{}`", name.text),
        )
        .label(name.span, "not a declared state");
        d = match did_you_mean(&name.text, states.iter().map(|s| s.name.as_str())) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => {
                d.help("declare it with `state NAME is active|revoked|lapsed|excluded|pending`")
            }
        };
        self.error(d);
        None
    }

    fn lower_date(&mut self, e: &ast::Expr, what: &str) -> Option<IExpr> {
        let (ie, ty) = self.lower(e, None)?;
        if !matches!(ty, Type::Date | Type::Nothing) {
            let t = self.policy.type_name(&ty);
            self.error(
                Diagnostic::error(
                    "jidi::type_mismatch",
                    format!("{what} must be a date, found {t}"),
                )
                .label(e.span, "not a date")
                .help("write a date input, or `min e in 事件 where …: e.日期`"),
            );
            return None;
        }
        Some(ie)
    }

    fn lower_life_rule(
        &mut self,
        rule: &LifeRule,
        article: Option<String>,
        quote: Option<String>,
        lc: &mut Lifecycle,
    ) {
        match rule {
            LifeRule::Term(t) => {
                let from = self.lower_date(&t.from, "a term's start");
                let review = t.review.as_ref().and_then(|r| {
                    let (over, oty) = self.lower(&r.over, None)?;
                    let Type::List(elem) = oty else {
                        let ty = self.policy.type_name(&oty);
                        self.error(
                            Diagnostic::error(
                                "jidi::type_mismatch",
                                format!("reviews must be a list, found {ty}"),
                            )
                            .label(r.over.span, "not a list")
                            .help("name a list input, e.g. `review r in 复核 …`"),
                        );
                        return None;
                    };
                    self.locals.push((r.var.text.clone(), *elem));
                    let on = self.lower_date(&r.on, "a review's date");
                    let passes = self.lower_bool(&r.passes);
                    self.locals.pop();
                    Some((over, on?, passes?))
                });
                let failed = t.failed.as_ref().map(|n| self.state_index(&lc.states, n));
                let expired = self.state_index(&lc.states, &t.expired);
                if let (Some(from), Some(expired)) = (from, expired) {
                    if t.review.is_some() && review.is_none() {
                        return;
                    }
                    lc.terms.push(TermDef {
                        name: t.name.text.clone(),
                        article,
                        source: self.text(t.span),
                        length: t.length,
                        from,
                        review,
                        failed: failed.flatten(),
                        expired,
                    });
                }
            }
            LifeRule::Transition(t) => {
                let to = self.state_index(&lc.states, &t.to);
                let since = self.lower_date(&t.since, "`since`");
                let when = t.when.as_ref().map(|w| self.lower_bool(w));
                if let (Some(to), Some(since)) = (to, since) {
                    let when = match when {
                        Some(Some(w)) => Some(w),
                        Some(None) => return,
                        None => None,
                    };
                    lc.transitions.push(TransitionDef {
                        name: t.name.text.clone(),
                        article,
                        source: self.text(t.span),
                        quote,
                        to,
                        since,
                        when,
                    });
                }
            }
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
                    let mut d = Diagnostic::error(
                        "jidi::undefined_name",
                        format!("`{}` is not an input of the lifecycle", field.text),
                    )
                    .label(field.span, "not an input");
                    d = match did_you_mean(
                        &field.text,
                        self.policy.inputs.iter().map(|i| i.name.as_str()),
                    ) {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None => d.help("`require` names the field a refused record is reported at"),
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
        }
    }
}
