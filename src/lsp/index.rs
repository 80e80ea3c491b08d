//! What a policy file declares, with where: every named thing (indicator, input, article …), its
//! article, citation and quoted text, nested as the file nests them — for hover, go to definition,
//! completion and the outline.

use crate::check::ir::{Policy, RuleRole};
use crate::source::Span;
use crate::syntax::ast::{self, Item, LifeRule, RuleDecl};
use std::collections::HashMap;

/// What kind of thing a name declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Measure,
    Unit,
    Enum,
    EnumValue,
    Set,
    Record,
    Field,
    Tier,
    Input,
    Let,
    Article,
    Assumption,
    Indicator,
    Condition,
    Veto,
    Decision,
    Calendar,
    Notice,
    Stars,
    Lifecycle,
    State,
    Term,
    Transition,
    Assessment,
    Next,
    Suspend,
    List,
    Require,
    Table,
    Exception,
    Binding,
    Quota,
}

impl Kind {
    /// The keyword that declares it (English); the outline and hovers show it in the file's language.
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Measure => "measure",
            Kind::Unit => "unit",
            Kind::Enum | Kind::EnumValue => "enum",
            Kind::Set => "set",
            Kind::Record | Kind::Field => "record",
            Kind::Tier => "tier",
            Kind::Input => "input",
            Kind::Let => "let",
            Kind::Article => "article",
            Kind::Assumption => "assume",
            Kind::Indicator => "indicator",
            Kind::Condition => "condition",
            Kind::Veto => "veto",
            Kind::Decision => "decision",
            Kind::Calendar => "calendar",
            Kind::Notice => "notice",
            Kind::Stars => "stars",
            Kind::Lifecycle => "lifecycle",
            Kind::State => "state",
            Kind::Term => "term",
            Kind::Transition => "transition",
            Kind::Assessment => "assessment",
            Kind::Next => "next",
            Kind::Suspend => "suspend",
            Kind::List => "list",
            Kind::Require => "require",
            Kind::Table => "table",
            Kind::Exception => "exception",
            Kind::Binding => "binding",
            Kind::Quota => "quota",
        }
    }

    /// Which of several things of one name a use most likely means: values before rules.
    fn priority(self) -> u8 {
        match self {
            Kind::Let => 0,
            Kind::Input => 1,
            Kind::EnumValue => 2,
            Kind::Set | Kind::Table => 3,
            Kind::Tier => 4,
            Kind::State => 5,
            Kind::Unit => 6,
            Kind::Enum => 7,
            Kind::Record => 8,
            Kind::Field => 9,
            Kind::Indicator => 10,
            Kind::Condition | Kind::Veto | Kind::Exception | Kind::Binding => 11,
            Kind::Article => 12,
            _ => 20,
        }
    }
}

/// One declared name.
#[derive(Debug, Clone)]
pub struct Symbol {
    pub name: String,
    pub kind: Kind,
    /// Where the name is written.
    pub name_span: Span,
    /// The whole declaration.
    pub span: Span,
    /// The label of the article it sits in.
    pub article: Option<String>,
    /// The citation its results carry: its own `cite`, else its article's label.
    pub cite: Option<String>,
    /// The measure's words: its own quotes, else its article's.
    pub quotes: Vec<String>,
    pub group: Option<String>,
    /// Declarations inside it (an article's rules, an enum's values, a record's fields).
    pub children: Vec<usize>,
    /// Inside `lifecycle { … }`.
    pub in_lifecycle: bool,
    /// Spans of the tier rules of an indicator.
    pub rules: Vec<Span>,
}

/// Every declared name of one file.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub symbols: Vec<Symbol>,
    /// The top of the outline.
    pub roots: Vec<usize>,
    /// Types and units as the checker resolved them, by kind and name, when the policy checked.
    pub types: HashMap<(Kind, String), String>,
}

#[derive(Clone, Default)]
struct Context {
    article: Option<String>,
    quotes: Vec<String>,
    lifecycle: bool,
}

impl Index {
    /// The index of a parsed file.
    pub fn new(ast: &ast::PolicyAst) -> Index {
        let mut index = Index::default();
        let roots = index.items(&ast.items, &Context::default());
        index.roots = roots;
        index
    }

    /// Adds the types and units the checker resolved: a figure shows its unit (`万元/公顷`).
    pub fn add_types(&mut self, policy: &Policy) {
        let name = |ty| {
            let full = policy.type_name(ty);
            full.strip_prefix("number in ")
                .map_or(full.clone(), str::to_string)
        };
        for i in &policy.inputs {
            self.types
                .insert((Kind::Input, i.name.clone()), name(&i.ty));
        }
        for l in &policy.lets {
            self.types.insert((Kind::Let, l.name.clone()), name(&l.ty));
        }
        for r in &policy.rules {
            let kind = match r.role {
                RuleRole::Indicator => Kind::Indicator,
                RuleRole::Condition => Kind::Condition,
                RuleRole::Veto => Kind::Veto,
            };
            if let Some((_, ty)) = &r.figure {
                self.types.insert((kind, r.name.clone()), name(ty));
            }
        }
    }

    fn push(&mut self, s: Symbol) -> usize {
        self.symbols.push(s);
        self.symbols.len() - 1
    }

    fn symbol(name: &ast::Name, kind: Kind, span: Span, cx: &Context) -> Symbol {
        Symbol {
            name: name.text.clone(),
            kind,
            name_span: name.span,
            span,
            article: cx.article.clone(),
            cite: cx.article.clone(),
            quotes: cx.quotes.clone(),
            group: None,
            children: Vec::new(),
            in_lifecycle: cx.lifecycle,
            rules: Vec::new(),
        }
    }

    fn items(&mut self, items: &[Item], cx: &Context) -> Vec<usize> {
        items.iter().filter_map(|it| self.item(it, cx)).collect()
    }

    fn item(&mut self, item: &Item, cx: &Context) -> Option<usize> {
        let named = |n: &ast::Name, kind, span| Self::symbol(n, kind, span, cx);
        let id = match item {
            Item::Measure(m) => self.push(named(&m.title, Kind::Measure, m.span)),
            Item::Unit(u) => self.push(named(&u.name, Kind::Unit, u.span)),
            Item::Enum(e) => {
                let values: Vec<usize> = e
                    .values
                    .iter()
                    .map(|v| self.push(named(&v.name, Kind::EnumValue, v.name.span)))
                    .collect();
                let mut s = named(&e.name, Kind::Enum, e.span);
                s.children = values;
                self.push(s)
            }
            Item::Set(x) => self.push(named(&x.name, Kind::Set, x.span)),
            Item::Record(r) => {
                let fields: Vec<usize> = r
                    .fields
                    .iter()
                    .map(|f| {
                        let span = f.name.span.to(f.ty.span());
                        self.push(named(&f.name, Kind::Field, span))
                    })
                    .collect();
                let mut s = named(&r.name, Kind::Record, r.span);
                s.children = fields;
                self.push(s)
            }
            Item::Tier(t) => self.push(named(&t.name, Kind::Tier, t.span)),
            Item::Input(i) => self.push(named(&i.name, Kind::Input, i.span)),
            Item::Let(l) => self.push(named(&l.name, Kind::Let, l.span)),
            Item::Assume(a) => self.push(named(&a.name, Kind::Assumption, a.span)),
            Item::Article(a) => {
                let inner = Context {
                    article: Some(a.label.text.clone()),
                    quotes: a.quotes.iter().map(|q| q.text.clone()).collect(),
                    lifecycle: cx.lifecycle,
                };
                let children = self.items(&a.items, &inner);
                let mut s = named(&a.label, Kind::Article, a.span);
                s.quotes = inner.quotes;
                s.article = Some(a.label.text.clone());
                s.cite = Some(a.label.text.clone());
                s.children = children;
                self.push(s)
            }
            Item::Decision(d) => {
                let name = ast::Name {
                    text: "decision".into(),
                    span: Span::new(d.span.start, d.span.start),
                };
                self.push(named(&name, Kind::Decision, d.span))
            }
            Item::Rule(RuleDecl::Indicator(ind)) => {
                let mut s = named(&ind.name, Kind::Indicator, ind.span);
                if let Some(c) = &ind.cite {
                    s.cite = Some(c.text.clone());
                }
                if !ind.quotes.is_empty() {
                    s.quotes = ind.quotes.iter().map(|q| q.text.clone()).collect();
                }
                s.group = ind.group.as_ref().map(|g| g.text.clone());
                s.rules = ind.rules.iter().map(|r| r.span).collect();
                self.push(s)
            }
            Item::Rule(RuleDecl::Condition(g)) => {
                self.push(named(&g.name, Kind::Condition, g.span))
            }
            Item::Rule(RuleDecl::Veto(g)) => self.push(named(&g.name, Kind::Veto, g.span)),
            Item::Calendar(path) => self.push(named(path, Kind::Calendar, path.span)),
            Item::Notice(n) => self.push(named(&n.name, Kind::Notice, n.span)),
            Item::Stars(st) => self.push(named(&st.name, Kind::Stars, st.span)),
            Item::Lifecycle(l) => {
                let inner = Context {
                    lifecycle: true,
                    ..cx.clone()
                };
                let children = self.items(&l.items, &inner);
                let name = ast::Name {
                    text: "lifecycle".into(),
                    span: Span::new(l.span.start, l.span.start),
                };
                let mut s = named(&name, Kind::Lifecycle, l.span);
                s.children = children;
                self.push(s)
            }
            Item::State(st) => self.push(named(&st.name, Kind::State, st.span)),
            Item::Table(t) => self.push(named(&t.name, Kind::Table, t.span)),
            Item::Exception(e) => self.push(named(&e.name, Kind::Exception, e.span)),
            Item::Binding(b) => self.push(named(&b.name, Kind::Binding, b.span)),
            Item::Round(r) => self.push(named(&r.name, Kind::Quota, r.span)),
            Item::Life(rule) => match rule.as_ref() {
                LifeRule::Term(t) => self.push(named(&t.name, Kind::Term, t.span)),
                LifeRule::Transition(t) => self.push(named(&t.name, Kind::Transition, t.span)),
                LifeRule::Assessment(a) => self.push(named(&a.name, Kind::Assessment, a.span)),
                LifeRule::Next { name, span, .. } => self.push(named(name, Kind::Next, *span)),
                LifeRule::Suspend(s) => self.push(named(&s.name, Kind::Suspend, s.span)),
                LifeRule::List { name, span, .. } => self.push(named(name, Kind::List, *span)),
                LifeRule::Require { field, span, .. } => {
                    self.push(named(field, Kind::Require, *span))
                }
            },
        };
        Some(id)
    }

    /// The declarations `name` may mean, most likely first. On a declaration's own name, that one.
    pub fn resolve(&self, name: &str, at: usize, after_dot: bool) -> Vec<&Symbol> {
        if let Some(own) = self
            .symbols
            .iter()
            .find(|s| s.name == name && s.name_span.start <= at && at <= s.name_span.end)
        {
            return vec![own];
        }
        let mut found: Vec<&Symbol> = self
            .symbols
            .iter()
            .filter(|s| s.name == name && s.name_span.start != s.name_span.end)
            .filter(|s| !matches!(s.kind, Kind::Require | Kind::Calendar))
            .collect();
        found.sort_by_key(|s| {
            let field_first = if after_dot {
                u8::from(s.kind != Kind::Field)
            } else {
                u8::from(s.kind == Kind::Field)
            };
            (field_first, s.kind.priority(), s.name_span.start)
        });
        found
    }
}
