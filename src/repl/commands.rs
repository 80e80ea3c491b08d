//! The REPL's commands: what each is called, its usage and help, and how it runs against a
//! [`Session`]. Running a command returns text and diagnostics; the loop prints them.

use super::line::{assignment, quote_if_needed, words, Word};
use super::render;
use crate::check::{self, Policy, RuleRole, Type};
use crate::diag::catalogue::{
    common, repl_ambiguous_name, repl_cannot_save, repl_no_policy, repl_no_selection,
    repl_no_threshold, repl_nothing_to_undo, repl_unknown_command, repl_unknown_name,
    repl_unknown_tier, repl_unreadable, repl_usage, undefined_title_hole,
};
use crate::diag::text::{Arg, Text};
use crate::diag::{did_you_mean, Diagnostic};
use crate::source::{Source, Span};
use crate::syntax::ast::{Item, RuleDecl};
use crate::value::Value;
use crate::whatif::{self, steps, CaseSpec, Session, Step, ThresholdRef, TierSpec};
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What a command does: one variant per command, so running one is an exhaustive match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Load,
    Help,
    Quit,
    /// A command that needs a loaded policy.
    Session(SessionVerb),
}

/// What a command that works on the loaded policy and parks does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionVerb {
    Parks,
    Eval,
    Explain,
    Show,
    Calc,
    Where,
    Threshold,
    Let,
    Figure,
    Overrides,
    Undo,
    Reset,
    Save,
    Sweep,
    Lacks,
    Nearest,
    Add,
}

/// One command of the REPL: what it does, what it is called, its usage and help.
pub struct Command {
    pub verb: Verb,
    pub name: &'static str,
    pub args: &'static str,
    pub summary: &'static str,
    pub help: &'static str,
}

/// Every command, in the order `help` lists them.
pub const COMMANDS: &[Command] = &[
    Command {
        verb: Verb::Session(SessionVerb::Parks),
        name: "parks",
        args: "",
        summary: "list the parks with their number, tier and current verdict",
        help: "Parks are numbered #1, #2, … in the order they were read; any command that takes a \
               PARK accepts `#N`, the full name, or a part of the name only one park has. A `*` \
               marks a park whose figures are overridden.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Eval),
        name: "eval",
        args: "[PARK]",
        summary: "one park's verdict and blocking rules; without PARK, the counts per tier",
        help:
            "Judges with the overrides in force, exactly as `jidi eval` would judge a policy file \
               with them written in.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Explain),
        name: "explain",
        args: "PARK",
        summary: "every rule for one park, with article, figure, threshold and margin",
        help: "The same report as `jidi explain`, with the overrides in force.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Show),
        name: "show",
        args: "NAME",
        summary: "an indicator, condition or veto as the policy writes it; or an input or a let",
        help:
            "Prints the declaration from the policy text (quotes, thresholds per tier, cases) and \
               any what-if in force on it.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Calc),
        name: "calc",
        args: "PARK EXPR",
        summary: "evaluate an expression of the language against one park",
        help: "Any expression of the policy language, with the policy's inputs, lets and sets: \
               `calc #3 营业收入 / 工业用地面积 as 万元/公顷`. The type and unit are checked \
               like in a policy file.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Where),
        name: "where",
        args: "EXPR",
        summary: "the parks for which a condition holds (and those for which it is unknown)",
        help: "EXPR is a true/false expression of the language: `where 营业收入 >= 300 亿元 and \
               not 欠发达县域`. Brackets may span several lines.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Threshold),
        name: "threshold",
        args: "INDICATOR [TIER|all] [case N|case else|case \"GUARD\"] [check N] = VALUE",
        summary: "what if a threshold were VALUE: which parks change verdict, and why",
        help: "Overrides the threshold for the session and lists the parks whose verdict changes, \
               with the rule that made the difference. Name the tier when the indicator has one \
               threshold per tier (or `all`), the case when it has `when` branches (by number, \
               `else`, or the guard's text) and the check when it compares several figures. \
               VALUE is a constant such as `3500 万元/公顷`; a plain number is taken in the \
               figure's unit. Overrides stack: see `overrides`, `undo`, `reset`, `save`.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Let),
        name: "let",
        args: "NAME = VALUE",
        summary: "what if a derived value (`let`) were the constant VALUE",
        help: "Replaces the `let` for every park. `save` writes the value into the policy.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Figure),
        name: "figure",
        args: "PARK INPUT = VALUE",
        summary: "what if one park's figure were VALUE (or `unknown`)",
        help: "Changes a park's record for the session only; `save` does not write records.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Overrides),
        name: "overrides",
        args: "",
        summary: "the overrides in force, numbered, and what they change together",
        help: "Numbers are those `undo N` takes.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Undo),
        name: "undo",
        args: "[N]",
        summary: "drop the last override (or override N) and show what changes back",
        help: "See `overrides` for the numbers.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Reset),
        name: "reset",
        args: "",
        summary: "drop every override",
        help: "Back to the policy and records as loaded.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Save),
        name: "save",
        args: "FILE",
        summary: "write the policy with the threshold and let overrides as a new, checked file",
        help: "Edits the policy text where each overridden threshold or let is written (the old \
               value kept in a comment), checks the result like `jidi check`, and only then \
               writes FILE. `jidi check FILE` and `jidi eval FILE …` accept it.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Sweep),
        name: "sweep",
        args: "INDICATOR [TIER|all] [case …] [check N] from A to B (step S | count N)",
        summary: "vary one threshold over a range: eligible parks per value, with a bar chart",
        help: "A, B and S are values like `3000 万元/公顷`; plain numbers are in the figure's \
               unit. `count N` takes N evenly spaced values, both ends included. Other \
               overrides stay in force.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Lacks),
        name: "lacks",
        args: "PARK",
        summary: "what a park lacks: the smallest change of each failing figure that would pass",
        help: "For each failing comparison: the figure needed (the threshold itself, or the next \
               step at the figures' precision for a strict comparison), and the same reached by \
               changing one input alone. Tests that are not comparisons and unknown rules are \
               listed with what they read.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Nearest),
        name: "nearest",
        args: "[INDICATOR] [within P%]",
        summary: "parks whose figure lies within P % (default 5 %) of a threshold",
        help: "Relative distance is |margin| ÷ |threshold|, on either side of the threshold.",
    },
    Command {
        verb: Verb::Load,
        name: "load",
        args: "POLICY [RECORDS…]",
        summary: "load a policy (and records: files or directories), dropping every override",
        help: "A policy with errors is reported and not loaded.",
    },
    Command {
        verb: Verb::Session(SessionVerb::Add),
        name: "add",
        args: "RECORDS…",
        summary: "add park records (files or directories) to the corpus",
        help: "Bad records are reported and left out.",
    },
    Command {
        verb: Verb::Help,
        name: "help",
        args: "[COMMAND]",
        summary: "this list, or one command in detail",
        help: "Tab completes commands and names (Chinese names by their first characters); \
               brackets left open continue on the next line; Ctrl-C cancels the line; Ctrl-D \
               leaves.",
    },
    Command {
        verb: Verb::Quit,
        name: "quit",
        args: "",
        summary: "leave (Ctrl-D too)",
        help: "History is kept for the next session.",
    },
];

/// What running one command gives back.
#[derive(Debug, Default)]
pub struct Reply {
    pub out: String,
    pub errors: Vec<Diagnostic>,
    pub quit: bool,
}

impl Reply {
    fn text(out: String) -> Reply {
        Reply {
            out,
            ..Reply::default()
        }
    }

    fn error(d: Diagnostic) -> Reply {
        Reply {
            errors: vec![d],
            ..Reply::default()
        }
    }

    fn errors(errors: Vec<Diagnostic>) -> Reply {
        Reply {
            errors,
            ..Reply::default()
        }
    }
}

/// The names Tab completes, refreshed after each command.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub names: Vec<String>,
}

/// The REPL's state: the session (once a policy is loaded) and how to render.
pub struct Repl {
    session: Option<Session>,
    colour: bool,
    /// Counts the changes to the overrides in force; `saved` is the count at the last `save`.
    changes: u64,
    saved: u64,
}

type Res<T> = Result<T, Vec<Diagnostic>>;

/// Re-points diagnostics about a part of the line (starting at `offset`) at the whole line.
fn relocate(diags: Vec<Diagnostic>, offset: usize, line: &Source) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .map(|mut d| {
            for (span, _) in &mut d.labels {
                *span = Span::new(span.start + offset, span.end + offset);
            }
            d.in_source(line)
        })
        .collect()
}

fn at(d: Diagnostic, span: Span, label: Text, line: &Source) -> Vec<Diagnostic> {
    vec![d.label(span, label).in_source(line)]
}

fn usage_error(cmd: &Command, span: Span, message: Text, line: &Source) -> Vec<Diagnostic> {
    at(
        repl_usage::wrong(message).help(repl_usage::usage(cmd.name, cmd.args)),
        span,
        common::here(),
        line,
    )
}

fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// A part of the line from `start` to `end`, trimmed, with its offset.
fn part(line: &str, start: usize, end: usize) -> (String, usize) {
    let raw = line.get(start..end).unwrap_or("");
    let lead = raw.len() - raw.trim_start().len();
    (raw.trim().to_string(), start + lead)
}

impl Repl {
    pub fn new(colour: bool) -> Repl {
        Repl {
            session: None,
            colour,
            changes: 0,
            saved: 0,
        }
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// How many threshold and `let` what-ifs in force have changed since the last `save` (or
    /// load): what leaving now would lose. Figure what-ifs are never saved, so never counted.
    pub fn unsaved(&self) -> usize {
        if self.changes == self.saved {
            return 0;
        }
        self.session.as_ref().map_or(0, |s| {
            s.overrides()
                .iter()
                .filter(|o| !matches!(o.target, whatif::Target::Figure { .. }))
                .count()
        })
    }

    /// Names for completion: commands, rules, inputs, lets, tiers, enumeration values, units,
    /// parks and the language's keywords.
    pub fn names(&self) -> Names {
        let mut names: Vec<String> = Vec::new();
        if let Some(s) = &self.session {
            let p = s.base();
            names.extend(p.rules.iter().map(|r| quote_if_needed(&r.name)));
            names.extend(p.inputs.iter().map(|i| quote_if_needed(&i.name)));
            names.extend(p.lets.iter().map(|l| quote_if_needed(&l.name)));
            names.extend(p.tiers.iter().map(|t| quote_if_needed(&t.name)));
            names.extend(
                p.enums
                    .iter()
                    .flat_map(|e| e.values.iter().map(|v| quote_if_needed(v))),
            );
            names.extend(p.units.defs.iter().map(|u| u.name.clone()));
            names.extend(s.parks().iter().map(|k| quote_if_needed(&k.name)));
        }
        names.extend(
            [
                "all", "case", "else", "check", "from", "to", "step", "count", "within", "unknown",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        names.extend(super::assist::keywords().map(str::to_string));
        names.sort();
        names.dedup();
        Names { names }
    }

    /// Loads a policy and records, replacing the session.
    pub fn load(&mut self, policy: &Path, records: &[PathBuf]) -> Reply {
        let source = match Source::read(policy) {
            Ok(s) => s,
            Err(e) => {
                return Reply::error(
                    repl_unreadable::cannot_read_policy(
                        policy.display(),
                        crate::diag::catalogue::io_why(&e),
                    )
                    .help(repl_unreadable::check_path()),
                )
            }
        };
        let checked = check::check(&source);
        let Some(p) = checked.policy else {
            return Reply::errors(checked.errors().cloned().collect());
        };
        if !p.selects() {
            return Reply::error(
                repl_no_selection::lifecycle_only(policy.display())
                    .help(repl_no_selection::load_selection()),
            );
        }
        let loaded = whatif::load_parks(&p, records);
        let out = format!(
            "loaded {}; {}{}\n",
            policy.display(),
            render::plural(loaded.parks.len(), "park", "parks"),
            render::rejected_note(loaded.rejected)
        );
        let mut session = Session::new(p, loaded.parks);
        session.add_rejected(loaded.rejected);
        self.session = Some(session);
        (self.changes, self.saved) = (0, 0);
        Reply {
            out,
            errors: loaded.diagnostics,
            quit: false,
        }
    }

    /// Runs one command (possibly spanning several lines).
    pub fn execute(&mut self, input: &str) -> Reply {
        let text = input.trim_end();
        if text.trim().is_empty() || text.trim_start().starts_with("//") {
            return Reply::default();
        }
        let line = Source::new("input", text);
        let ws = words(text);
        let Some(first) = ws.first() else {
            return Reply::default();
        };
        let Some(cmd) = command(&first.text) else {
            let mut d = repl_unknown_command::unknown(&first.text);
            d = match did_you_mean(&first.text, COMMANDS.iter().map(|c| c.name)) {
                Some(m) => d.help(repl_unknown_command::did_you_mean_command(m)),
                None => d.help(repl_unknown_command::help_lists()),
            };
            return Reply::errors(at(
                d,
                first.span,
                repl_unknown_command::not_a_command(),
                &line,
            ));
        };
        let args = ws.get(1..).unwrap_or_default();
        let result = match cmd.verb {
            Verb::Help => Ok(help(args)),
            Verb::Quit => {
                return Reply {
                    quit: true,
                    ..Reply::default()
                }
            }
            Verb::Load => {
                let Some((p, rest)) = args.split_first() else {
                    return Reply::errors(usage_error(
                        cmd,
                        first.span,
                        repl_usage::name_policy(),
                        &line,
                    ));
                };
                let records: Vec<PathBuf> = rest.iter().map(|w| PathBuf::from(&w.text)).collect();
                return self.load(Path::new(&p.text), &records);
            }
            Verb::Session(verb) => match self.session.as_mut() {
                None => Err(at(
                    repl_no_policy::none().help(repl_no_policy::load_one()),
                    first.span,
                    repl_no_policy::needs_policy(),
                    &line,
                )),
                Some(session) => {
                    let call = Call {
                        cmd,
                        first,
                        args,
                        text,
                        line: &line,
                    };
                    let result = run(session, verb, &call, self.colour);
                    if result.is_ok() {
                        match verb {
                            SessionVerb::Threshold
                            | SessionVerb::Let
                            | SessionVerb::Figure
                            | SessionVerb::Undo
                            | SessionVerb::Reset => self.changes += 1,
                            SessionVerb::Save => self.saved = self.changes,
                            _ => {}
                        }
                    }
                    result
                }
            },
        };
        match result {
            Ok(out) => Reply::text(out),
            Err(errors) => Reply::errors(errors),
        }
    }
}

fn help(args: &[Word]) -> String {
    let mut out = String::new();
    if let Some(w) = args.first() {
        if let Some(c) = command(&w.text) {
            let _ = writeln!(out, "{} {}\n  {}\n", c.name, c.args, c.summary);
            let _ = writeln!(out, "{}", wrap(c.help, 90, "  "));
            return out;
        }
    }
    let width = COMMANDS
        .iter()
        .map(|c| c.name.len() + 1 + c.args.len())
        .filter(|w| *w <= 34)
        .max()
        .unwrap_or(20);
    for c in COMMANDS {
        let head = format!("{} {}", c.name, c.args);
        if head.len() > width {
            let _ = writeln!(out, "  {head}\n  {:width$}  {}", "", c.summary);
        } else {
            let _ = writeln!(out, "  {head:width$}  {}", c.summary);
        }
    }
    out.push_str(
        "`help COMMAND` says more. PARK is #N or a name; plain numbers are in the figure's unit.\n",
    );
    out
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

/// Finds a rule by exact name, then by a unique prefix or part of the name.
fn find_rule(policy: &Policy, w: &Word, line: &Source) -> Res<usize> {
    if let Some(i) = policy.rule_index(&w.text) {
        return Ok(i);
    }
    let prefix: Vec<usize> = (0..policy.rules.len())
        .filter(|&i| {
            policy
                .rules
                .get(i)
                .is_some_and(|r| r.name.starts_with(&w.text))
        })
        .collect();
    let partial: Vec<usize> = (0..policy.rules.len())
        .filter(|&i| {
            policy
                .rules
                .get(i)
                .is_some_and(|r| r.name.contains(&w.text))
        })
        .collect();
    for found in [&prefix, &partial] {
        if let [one] = found.as_slice() {
            return Ok(*one);
        }
    }
    let many = if prefix.len() > 1 { &prefix } else { &partial };
    let d = if many.len() > 1 {
        let names: Vec<&str> = many
            .iter()
            .filter_map(|&i| policy.rules.get(i).map(|r| r.name.as_str()))
            .take(6)
            .collect();
        repl_ambiguous_name::several(many.len(), &w.text)
            .help(repl_ambiguous_name::say_which(Arg::list(names)))
    } else {
        let d = repl_unknown_name::no_rule(&w.text);
        match did_you_mean(&w.text, policy.rules.iter().map(|r| r.name.as_str())) {
            Some(m) => d.help(common::did_you_mean(m)),
            None => d.help(repl_unknown_name::tab_or_show()),
        }
    };
    Err(at(d, w.span, repl_unknown_name::which_rule(), line))
}

fn find_park(session: &Session, w: &Word, line: &Source) -> Res<usize> {
    session
        .find_park(&w.text)
        .map_err(|d| at(d, w.span, repl_unknown_name::which_park(), line))
}

/// `TIER|all`, `case …`, `check N` after an indicator.
fn target_spec(
    policy: &Policy,
    words: &[Word],
    line: &Source,
) -> Res<(TierSpec, Option<CaseSpec>, Option<usize>)> {
    let mut tier = TierSpec::Unsaid;
    let mut case = None;
    let mut check = None;
    let mut it = words.iter();
    while let Some(w) = it.next() {
        match w.text.as_str() {
            "all" if !w.quoted => tier = TierSpec::All,
            "case" if !w.quoted => {
                let Some(v) = it.next() else {
                    return Err(at(
                        repl_usage::case_needs().help(repl_usage::case_example()),
                        w.span,
                        repl_usage::case_what(),
                        line,
                    ));
                };
                case = Some(if v.text == "else" && !v.quoted {
                    CaseSpec::Else
                } else if let (false, Ok(n)) = (v.quoted, v.text.parse::<usize>()) {
                    CaseSpec::Index(n)
                } else {
                    CaseSpec::Guard(v.text.clone())
                });
            }
            "check" if !w.quoted => {
                let n = it.next().and_then(|v| v.text.parse::<usize>().ok());
                let Some(n) = n else {
                    return Err(at(
                        repl_usage::check_needs().help(repl_usage::checks_numbered()),
                        w.span,
                        repl_usage::check_which(),
                        line,
                    ));
                };
                check = Some(n);
            }
            name => match policy.tier_index(name) {
                Some(t) => tier = TierSpec::One(t),
                None => {
                    let d = repl_unknown_tier::not_a_tier(name);
                    let tiers: Vec<&str> = policy.tiers.iter().map(|t| t.name.as_str()).collect();
                    let d = match did_you_mean(name, tiers.iter().copied()) {
                        Some(m) => d.help(common::did_you_mean(m)),
                        None => d.help(repl_unknown_tier::after_indicator(Arg::list(tiers))),
                    };
                    return Err(at(d, w.span, repl_unknown_tier::not_a_tier_label(), line));
                }
            },
        }
    }
    Ok((tier, case, check))
}

/// Resolves `INDICATOR [TIER] [case …] [check N]`.
fn threshold_ref(
    session: &Session,
    words: &[Word],
    at_span: Span,
    line: &Source,
) -> Res<ThresholdRef> {
    let policy = session.policy();
    let Some((name, rest)) = words.split_first() else {
        return Err(at(
            repl_usage::name_indicator().help(repl_usage::tab_completes()),
            at_span,
            repl_usage::which_indicator(),
            line,
        ));
    };
    let rule = find_rule(policy, name, line)?;
    let (tier, case, check) = target_spec(policy, rest, line)?;
    let whole = rest
        .last()
        .map_or(name.span, |last| name.span.to(last.span));
    ThresholdRef::resolve(policy, rule, tier, case.as_ref(), check)
        .map_err(|d| at(d, whole, repl_usage::this_threshold(), line))
}

/// A command line being run: the command, its name's word, its arguments and the whole text.
struct Call<'a> {
    cmd: &'static Command,
    first: &'a Word,
    args: &'a [Word],
    text: &'a str,
    line: &'a Source,
}

/// Runs a command that needs a loaded policy.
fn run(session: &mut Session, verb: SessionVerb, call: &Call<'_>, colour: bool) -> Res<String> {
    let Call {
        cmd,
        first,
        args,
        text,
        line,
    } = *call;
    match verb {
        SessionVerb::Parks => Ok(render::parks(session, colour)),
        SessionVerb::Eval => match args.first() {
            None => Ok(render::summary(session, colour)),
            Some(w) => {
                let park = find_park(session, w, line)?;
                Ok(render::judgement(session, park, false, colour))
            }
        },
        SessionVerb::Explain => {
            let Some(w) = args.first() else {
                return Err(usage_error(cmd, first.span, repl_usage::name_park(), line));
            };
            let park = find_park(session, w, line)?;
            Ok(render::judgement(session, park, true, colour))
        }
        SessionVerb::Show => {
            let Some(w) = args.first() else {
                return Err(usage_error(cmd, first.span, repl_usage::name_show(), line));
            };
            show(session, w, line)
        }
        SessionVerb::Calc => {
            let Some(w) = args.first() else {
                return Err(usage_error(
                    cmd,
                    first.span,
                    repl_usage::name_park_expression(),
                    line,
                ));
            };
            let park = find_park(session, w, line)?;
            let (expr, offset) = part(text, w.span.end, text.len());
            if expr.is_empty() {
                return Err(usage_error(
                    cmd,
                    w.span,
                    repl_usage::expression_after_park(),
                    line,
                ));
            }
            let sub = Source::new("input", expr);
            let (ie, ty) = session
                .expr(&sub, None)
                .map_err(|d| relocate(d, offset, line))?;
            let record = session
                .record(park)
                .cloned()
                .unwrap_or(crate::eval::Record { values: Vec::new() });
            let value = session.policy().eval_expr(&record, &ie);
            let name = session.parks().get(park).map_or("", |p| p.name.as_str());
            Ok(match value {
                Ok(v) => {
                    let shown = session.policy().value_text(&v, &ty);
                    format!("{shown}    ({}, {name})\n", session.policy().type_name(&ty))
                }
                Err(e) => format!("unknown: {e}    ({name})\n"),
            })
        }
        SessionVerb::Where => {
            let (expr, offset) = part(text, first.span.end, text.len());
            if expr.is_empty() {
                return Err(usage_error(
                    cmd,
                    first.span,
                    repl_usage::write_condition(),
                    line,
                ));
            }
            let sub = Source::new("input", expr);
            let (ie, _) = session
                .expr(&sub, Some(&Type::Bool))
                .map_err(|d| relocate(d, offset, line))?;
            let (holds, unknown) = session.select(&ie);
            Ok(render::selection(session, &holds, &unknown))
        }
        SessionVerb::Threshold => what_if(session, call, colour, |session, before, value| {
            let target = threshold_ref(session, before, first.span, line)?;
            Ok(session.threshold_override(target, value))
        }),
        SessionVerb::Let => what_if(session, call, colour, |session, before, value| {
            let Some(w) = before.first() else {
                return Err(usage_error(cmd, first.span, repl_usage::name_let(), line));
            };
            let Some(i) = session.policy().lets.iter().position(|l| l.name == w.text) else {
                let d = repl_unknown_name::no_let(&w.text);
                let names: Vec<&str> = session
                    .policy()
                    .lets
                    .iter()
                    .map(|l| l.name.as_str())
                    .collect();
                let d = match did_you_mean(&w.text, names.iter().copied()) {
                    Some(m) => d.help(common::did_you_mean(m)),
                    None if names.is_empty() => d.help(repl_unknown_name::no_lets()),
                    None => d.help(repl_unknown_name::lets_are(Arg::list(names))),
                };
                return Err(at(d, w.span, repl_unknown_name::not_a_let(), line));
            };
            Ok(session.let_override(i, value))
        }),
        SessionVerb::Figure => what_if(session, call, colour, |session, before, value| {
            let (Some(p), Some(input)) = (before.first(), before.get(1)) else {
                return Err(usage_error(
                    cmd,
                    first.span,
                    repl_usage::name_park_input(),
                    line,
                ));
            };
            let park = find_park(session, p, line)?;
            let Some(i) = session.policy().input_index(&input.text) else {
                let d = repl_unknown_name::no_input(&input.text);
                let d = match did_you_mean(
                    &input.text,
                    session.policy().inputs.iter().map(|x| x.name.as_str()),
                ) {
                    Some(m) => d.help(common::did_you_mean(m)),
                    None => d.help(repl_unknown_name::tab_inputs()),
                };
                return Err(at(d, input.span, undefined_title_hole::not_input(), line));
            };
            Ok(session.figure_override(park, i, value))
        }),
        SessionVerb::Overrides => Ok(render::overrides(session, colour)),
        SessionVerb::Undo => {
            let index = match args.first() {
                None => None,
                Some(w) => match w.text.trim_start_matches('#').parse::<usize>() {
                    Ok(n) if n >= 1 => Some(n - 1),
                    _ => return Err(usage_error(cmd, w.span, repl_usage::undo_number(), line)),
                },
            };
            let numbered = index.map_or(session.overrides().len(), |i| i + 1);
            let shown = session
                .overrides()
                .get(numbered.wrapping_sub(1))
                .map(|o| render::override_line(session, o, numbered));
            match session.undo(index) {
                Some((_, changes)) => Ok(format!(
                    "undone: {}\n{}",
                    shown.unwrap_or_default().trim_start_matches("override "),
                    render::changes(session, &changes, colour)
                )),
                None => Err(at(
                    match index {
                        None => repl_nothing_to_undo::none_in_force(),
                        Some(i) => repl_nothing_to_undo::no_such(i + 1),
                    }
                    .help(repl_nothing_to_undo::overrides_lists()),
                    args.first().map_or(first.span, |w| w.span),
                    common::nothing(),
                    line,
                )),
            }
        }
        SessionVerb::Reset => {
            let n = session.overrides().len();
            let changes = session.reset();
            Ok(format!(
                "dropped {n} override{}\n{}",
                if n == 1 { "" } else { "s" },
                render::changes(session, &changes, colour)
            ))
        }
        SessionVerb::Save => {
            let Some(w) = args.first() else {
                return Err(usage_error(cmd, first.span, repl_usage::name_file(), line));
            };
            save(session, w, line)
        }
        SessionVerb::Sweep => sweep(session, cmd, first, args, text, line),
        SessionVerb::Lacks => {
            let Some(w) = args.first() else {
                return Err(usage_error(cmd, first.span, repl_usage::name_park(), line));
            };
            let park = find_park(session, w, line)?;
            Ok(render::lacks(session, park))
        }
        SessionVerb::Nearest => {
            let mut rule = None;
            let mut within = Decimal::new(5, 2);
            let mut it = args.iter().peekable();
            while let Some(w) = it.next() {
                if w.text == "within" && !w.quoted {
                    let mut spec = String::new();
                    let mut span = w.span;
                    while let Some(v) = it.peek() {
                        spec.push_str(&v.text);
                        span = span.to(v.span);
                        it.next();
                        if spec.ends_with('%') {
                            break;
                        }
                    }
                    let number = spec.trim_end_matches('%').trim();
                    within = match number.parse::<Decimal>() {
                        Ok(p) if p >= Decimal::ZERO => p / Decimal::ONE_HUNDRED,
                        _ => {
                            return Err(usage_error(
                                cmd,
                                span,
                                repl_usage::within_percentage(),
                                line,
                            ))
                        }
                    };
                } else {
                    rule = Some(find_rule(session.policy(), w, line)?);
                }
            }
            Ok(render::nearest(session, rule, within))
        }
        SessionVerb::Add => {
            if args.is_empty() {
                return Err(usage_error(
                    cmd,
                    first.span,
                    repl_usage::name_records(),
                    line,
                ));
            }
            let paths: Vec<PathBuf> = args.iter().map(|w| PathBuf::from(&w.text)).collect();
            let loaded = whatif::load_parks(session.base(), &paths);
            let n = loaded.parks.len();
            session.add_parks(loaded.parks);
            session.add_rejected(loaded.rejected);
            if loaded.diagnostics.iter().any(Diagnostic::is_error) {
                return Err(loaded.diagnostics);
            }
            Ok(format!(
                "added {n} parks; {} in all\n",
                session.parks().len()
            ))
        }
    }
}

/// `threshold`, `let` and `figure`: the target before `=` (resolved by `target`, whose errors
/// point into the line already), the value after it (whose errors point into the value and are
/// moved onto the line), then the override pushed and what it changes.
fn what_if(
    session: &mut Session,
    call: &Call<'_>,
    colour: bool,
    target: impl FnOnce(&Session, &[Word], &Source) -> Res<Res<whatif::Override>>,
) -> Res<String> {
    let Call {
        cmd,
        first,
        args,
        text,
        line,
    } = *call;
    let Some(eq) = assignment(text) else {
        return Err(usage_error(
            cmd,
            first.span,
            repl_usage::write_value_at_end(),
            line,
        ));
    };
    let (value, offset) = part(text, eq + 1, text.len());
    let eq_span = Span::new(eq, eq + 1);
    if value.is_empty() {
        return Err(usage_error(
            cmd,
            eq_span,
            repl_usage::value_after_eq(),
            line,
        ));
    }
    let value_src = Source::new("input", value);
    let before: Vec<Word> = args.iter().filter(|w| w.span.end <= eq).cloned().collect();
    let o = target(session, &before, &value_src)?.map_err(|d| relocate(d, offset, line))?;
    let title = render::override_line(session, &o, session.overrides().len() + 1);
    let changes = session.push(o);
    Ok(format!(
        "{title}\n{}",
        render::changes(session, &changes, colour)
    ))
}

/// The declaration a rule came from, as the policy writes it.
fn declaration(policy: &Policy, name_span: Span) -> Option<String> {
    let ast = crate::syntax::parse_policy(&policy.source).ok()?;
    fn find(items: &[Item], at: Span) -> Option<Span> {
        items.iter().find_map(|item| match item {
            Item::Article(a) => find(&a.items, at),
            Item::Rule(RuleDecl::Indicator(d)) if d.name.span == at => Some(d.span),
            Item::Rule(RuleDecl::Condition(d) | RuleDecl::Veto(d)) if d.name.span == at => {
                Some(d.span)
            }
            _ => None,
        })
    }
    let span = find(&ast.items, name_span)?;
    let text = policy.source.text().get(span.start..span.end)?;
    let (line, _) = policy.source.line_col(span.start);
    Some(format!("{}:{line}\n{text}", policy.source.name()))
}

fn show(session: &Session, w: &Word, line: &Source) -> Res<String> {
    let policy = session.base();
    let mut out = String::new();
    if let Some(i) = policy.lets.iter().position(|l| l.name == w.text) {
        if let Some(def) = policy.lets.get(i) {
            let value = policy
                .source
                .text()
                .get(def.value_span.start..def.value_span.end)
                .unwrap_or("?");
            let _ = writeln!(out, "let {} = {value}", def.name);
            let _ = writeln!(out, "  type: {}", policy.type_name(&def.ty));
            let last = session
                .overrides()
                .iter()
                .rev()
                .find(|o| o.target == whatif::Target::Let(i));
            if let Some(o) = last {
                let _ = writeln!(out, "  what-if in force: {}", o.shown);
            }
        }
        return Ok(out);
    }
    if let Some(def) = policy.inputs.iter().find(|i| i.name == w.text) {
        let _ = write!(out, "input {}: {}", def.name, policy.type_name(&def.ty));
        if def.optional {
            out.push_str(" optional");
        }
        if let Some((lo, hi)) = &def.range {
            let show = |d: &Option<Decimal>| d.map_or(String::new(), |d| d.to_string());
            let _ = write!(out, " range {}..{}", show(lo), show(hi));
        }
        out.push('\n');
        let known = session
            .parks()
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                let idx = policy.input_index(&def.name).unwrap_or(usize::MAX);
                session
                    .record(*i)
                    .and_then(|r| r.values.get(idx))
                    .is_some_and(Value::is_known)
            })
            .count();
        let _ = writeln!(out, "  given by {known} of {} parks", session.parks().len());
        return Ok(out);
    }
    let rule = find_rule(policy, w, line)?;
    let Some(def) = policy.rules.get(rule) else {
        return Ok(out);
    };
    let role = match def.role {
        RuleRole::Condition => "condition",
        RuleRole::Veto => "veto",
        RuleRole::Indicator => "indicator",
    };
    let mut facts = vec![role.to_string(), def.article.clone()];
    if let Some(g) = &def.group {
        facts.push(g.clone());
    }
    if let Some((_, ty)) = &def.figure {
        facts.push(format!("figure: {}", policy.type_name(ty)));
    }
    let _ = writeln!(out, "{} — {}", def.name, facts.join(" · "));
    if let Some(q) = &def.criterion {
        let _ = writeln!(out, "  “{q}”");
    }
    if let Some(text) = declaration(policy, def.span) {
        let _ = writeln!(out, "{text}");
    }
    let current = session.policy();
    let mut any = false;
    for (loc, cmp) in whatif::all_comparisons(current) {
        if loc.rule != rule {
            continue;
        }
        let Some(base_cmp) = whatif::comparison(policy, loc) else {
            continue;
        };
        if base_cmp.threshold != cmp.threshold {
            if !any {
                let _ = writeln!(out, "what-if in force:");
                any = true;
            }
            let tr = ThresholdRef {
                rule,
                locs: vec![loc],
            };
            let _ = writeln!(
                out,
                "  {}: {} {}",
                tr.describe(policy),
                cmp.op.symbol(),
                session.threshold_text(&tr)
            );
        }
    }
    Ok(out)
}

fn save(session: &Session, w: &Word, line: &Source) -> Res<String> {
    let path = PathBuf::from(&w.text);
    let draft = session.save(&w.text)?;
    if path.file_name().is_none() {
        return Err(at(
            repl_cannot_save::not_a_directory(),
            w.span,
            common::here(),
            line,
        ));
    };
    let written = crate::files::write_atomic(&path, |out| out.write_all(draft.text.as_bytes()));
    if let Err(e) = written {
        return Err(at(
            repl_cannot_save::cannot_write(path.display(), crate::diag::catalogue::io_why(&e))
                .help(repl_cannot_save::check_directory()),
            w.span,
            common::here(),
            line,
        ));
    }
    Ok(render::saved(session, &draft, &w.text))
}

fn sweep(
    session: &Session,
    cmd: &Command,
    first: &Word,
    args: &[Word],
    text: &str,
    line: &Source,
) -> Res<String> {
    let key = |name: &str| args.iter().position(|w| !w.quoted && w.text == name);
    let (Some(from), Some(to)) = (key("from"), key("to")) else {
        return Err(usage_error(
            cmd,
            first.span,
            repl_usage::sweep_from_to(),
            line,
        ));
    };
    let stepper = key("step").or_else(|| key("count"));
    let Some(stepper) = stepper else {
        return Err(usage_error(cmd, first.span, repl_usage::sweep_end(), line));
    };
    if !(from < to && to < stepper) {
        return Err(usage_error(
            cmd,
            first.span,
            repl_usage::sweep_order(),
            line,
        ));
    }
    let target = threshold_ref(
        session,
        args.get(..from).unwrap_or_default(),
        first.span,
        line,
    )?;
    let ty = target
        .locs
        .first()
        .and_then(|l| whatif::comparison(session.policy(), *l))
        .map(|c| c.figure_ty.clone())
        .unwrap_or(Type::Bool);
    let span_of = |i: usize| args.get(i).map_or(first.span, |w| w.span);
    let number = |start: usize, end: usize, ty: &Type| -> Res<Decimal> {
        let (value, offset) = part(text, span_of(start).end, end);
        let sub = Source::new("input", value);
        match session.constant(&sub, ty) {
            Ok(Value::Num(n)) => Ok(n),
            Ok(_) => Err(at(
                repl_usage::sweep_numbers(),
                span_of(start),
                common::here(),
                line,
            )),
            Err(d) => Err(relocate(d, offset, line)),
        }
    };
    let a = number(from, span_of(to).start, &ty)?;
    let b = number(to, span_of(stepper).start, &ty)?;
    let is_count = args.get(stepper).is_some_and(|w| w.text == "count");
    let step = if is_count {
        let n = args
            .get(stepper + 1)
            .and_then(|w| w.text.parse::<usize>().ok());
        match n {
            Some(n) => Step::Count(n),
            None => {
                return Err(usage_error(
                    cmd,
                    span_of(stepper),
                    repl_usage::count_whole(),
                    line,
                ))
            }
        }
    } else {
        Step::By(number(stepper, text.len(), &ty)?)
    };
    let values = steps(a, b, step).map_err(|m| {
        at(
            repl_usage::sweep_problem(m),
            span_of(stepper),
            common::here(),
            line,
        )
    })?;
    let Some(sw) = session.sweep(&target, &values) else {
        return Err(at(
            repl_no_threshold::cannot_sweep(),
            first.span,
            common::nothing(),
            line,
        ));
    };
    Ok(render::sweep(session, &sw))
}

/// A command's usage, for the editor's hints.
pub fn usage(name: &str) -> Option<&'static str> {
    command(name).map(|c| c.args)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_one_name_and_one_verb() {
        for (i, c) in COMMANDS.iter().enumerate() {
            assert!(
                COMMANDS
                    .iter()
                    .skip(i + 1)
                    .all(|o| o.name != c.name && o.verb != c.verb),
                "{} twice",
                c.name
            );
            assert_eq!(command(c.name).map(|x| x.verb), Some(c.verb));
        }
    }

    #[test]
    fn an_unknown_command_is_a_diagnostic_with_a_suggestion() {
        let mut repl = Repl::new(false);
        let reply = repl.execute("thresold x = 1");
        assert_eq!(reply.out, "");
        let d = &reply.errors[0];
        assert_eq!(d.code, "jidi::repl::unknown_command");
        assert!(d.help.as_ref().unwrap().en().contains("threshold"));
        // A command that needs a policy says so before one is loaded.
        let reply = repl.execute("parks");
        assert_eq!(reply.errors[0].code, "jidi::repl::no_policy");
    }

    #[test]
    fn threshold_what_ifs_are_unsaved_until_saved() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut repl = Repl::new(false);
        let _ = repl.load(
            &root.join("policies/sichuan-2023-draft.jidi"),
            &[root.join("examples/01-成都电子信息示范.json")],
        );
        assert_eq!(repl.unsaved(), 0);
        let reply = repl.execute("figure #1 营业收入 = unknown");
        assert!(reply.errors.is_empty(), "{:?}", reply.errors);
        assert_eq!(repl.unsaved(), 0, "figures are never saved");
        let reply = repl.execute("threshold 工业用地地均收入 all = 3000 万元/公顷");
        assert!(reply.errors.is_empty(), "{:?}", reply.errors);
        assert_eq!(repl.unsaved(), 1);
        let dir = tempfile::tempdir().unwrap();
        let reply = repl.execute(&format!("save {}", dir.path().join("d.jidi").display()));
        assert!(reply.errors.is_empty(), "{:?}", reply.errors);
        assert_eq!(repl.unsaved(), 0);
        let _ = repl.execute("undo");
        assert_eq!(repl.unsaved(), 0, "only the figure is left");
    }
}
