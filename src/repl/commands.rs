//! The REPL's commands: what each is called, its usage and help, and how it runs against a
//! [`Session`]. Running a command returns text and diagnostics; the loop prints them.

use super::line::{assignment, quote_if_needed, words, Word};
use super::render;
use crate::check::{self, Policy, RuleRole, Type};
use crate::diag::catalogue::{
    common, repl_ambiguous_name, repl_cannot_save, repl_commands, repl_no_policy,
    repl_no_selection, repl_no_threshold, repl_nothing_to_undo, repl_unknown_command,
    repl_unknown_name, repl_unknown_tier, repl_unreadable, repl_usage, repl_words,
    undefined_title_hole,
};
use crate::diag::text::{Arg, Template, Text};
use crate::diag::{did_you_mean, Diagnostic};
use crate::i18n::Lang;
use crate::source::{Source, Span};
use crate::syntax::ast::{Item, RuleDecl};
use crate::value::Value;
use crate::whatif::{self, steps, CaseSpec, Session, Step, ThresholdRef, TierSpec};
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

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

/// One command of the REPL: what it does, what it is called, and its usage, summary and help
/// (catalogue texts, in both languages).
pub struct Command {
    pub verb: Verb,
    pub name: &'static str,
    pub args: &'static Template,
    pub summary: &'static Template,
    pub help: &'static Template,
}

/// Declares [`COMMANDS`]: each command's verb and name, its texts from
/// [`repl_commands`](crate::diag::catalogue::repl_commands) by the name's prefix.
macro_rules! commands {
    ($($name:literal $verb:expr, $args:ident $summary:ident $help:ident;)*) => {
        /// Every command, in the order `help` lists them.
        pub const COMMANDS: &[Command] = &[$(Command {
            verb: $verb,
            name: $name,
            args: &repl_commands::templates::$args,
            summary: &repl_commands::templates::$summary,
            help: &repl_commands::templates::$help,
        }),*];
    };
}

commands! {
    "parks" Verb::Session(SessionVerb::Parks), parks_args parks_summary parks_help;
    "eval" Verb::Session(SessionVerb::Eval), eval_args eval_summary eval_help;
    "explain" Verb::Session(SessionVerb::Explain), explain_args explain_summary explain_help;
    "show" Verb::Session(SessionVerb::Show), show_args show_summary show_help;
    "calc" Verb::Session(SessionVerb::Calc), calc_args calc_summary calc_help;
    "where" Verb::Session(SessionVerb::Where), where_args where_summary where_help;
    "threshold" Verb::Session(SessionVerb::Threshold), threshold_args threshold_summary threshold_help;
    "let" Verb::Session(SessionVerb::Let), let_args let_summary let_help;
    "figure" Verb::Session(SessionVerb::Figure), figure_args figure_summary figure_help;
    "overrides" Verb::Session(SessionVerb::Overrides), overrides_args overrides_summary overrides_help;
    "undo" Verb::Session(SessionVerb::Undo), undo_args undo_summary undo_help;
    "reset" Verb::Session(SessionVerb::Reset), reset_args reset_summary reset_help;
    "save" Verb::Session(SessionVerb::Save), save_args save_summary save_help;
    "sweep" Verb::Session(SessionVerb::Sweep), sweep_args sweep_summary sweep_help;
    "lacks" Verb::Session(SessionVerb::Lacks), lacks_args lacks_summary lacks_help;
    "nearest" Verb::Session(SessionVerb::Nearest), nearest_args nearest_summary nearest_help;
    "load" Verb::Load, load_args load_summary load_help;
    "add" Verb::Session(SessionVerb::Add), add_args add_summary add_help;
    "help" Verb::Help, help_args help_summary help_help;
    "quit" Verb::Quit, quit_args quit_summary quit_help;
}

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
    /// The language of its replies.
    lang: Lang,
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
        repl_usage::wrong(message).help(repl_usage::usage(cmd.name, Text::new(cmd.args, vec![]))),
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
    /// A REPL with no policy loaded, replying in `lang`, with terminal colours or not.
    pub fn new(colour: bool, lang: Lang) -> Repl {
        Repl {
            session: None,
            colour,
            lang,
            changes: 0,
            saved: 0,
        }
    }

    /// The language of its replies.
    pub fn lang(&self) -> Lang {
        self.lang
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
        let line = repl_words::loaded(
            policy.display(),
            render::parks_count(loaded.parks.len()),
            render::rejected_note(loaded.rejected),
        );
        let out = format!("{}\n", line.render(self.lang));
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
            Verb::Help => Ok(help(args, self.lang)),
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
                    let result = run(session, verb, &call, self.colour, self.lang);
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

fn help(args: &[Word], lang: Lang) -> String {
    let mut out = String::new();
    let head = |c: &Command| {
        let usage = format!("{} {}", c.name, c.args.in_lang(lang));
        repl_words::help_head(usage.trim_end()).render(lang)
    };
    if let Some(w) = args.first() {
        if let Some(c) = command(&w.text) {
            let _ = writeln!(out, "{}\n  {}\n", head(c), c.summary.in_lang(lang));
            let _ = writeln!(out, "{}", wrap(c.help.in_lang(lang), lang));
            return out;
        }
    }
    let heads: Vec<String> = COMMANDS.iter().map(head).collect();
    let width = heads
        .iter()
        .map(|h| UnicodeWidthStr::width(h.as_str()))
        .filter(|w| *w <= 34)
        .max()
        .unwrap_or(20);
    for (c, head) in COMMANDS.iter().zip(&heads) {
        let summary = c.summary.in_lang(lang);
        let pad = " ".repeat(width.saturating_sub(UnicodeWidthStr::width(head.as_str())));
        if UnicodeWidthStr::width(head.as_str()) > width {
            let _ = writeln!(out, "  {head}\n  {:width$}  {summary}", "");
        } else {
            let _ = writeln!(out, "  {head}{pad}  {summary}");
        }
    }
    let _ = writeln!(out, "{}", repl_words::help_footer().render(lang));
    out
}

/// A command's help, indented: English filled into lines of at most 90 characters; Chinese,
/// which has no spaces to break at, in the lines its text breaks itself.
fn wrap(text: &str, lang: Lang) -> String {
    const WIDTH: usize = 90;
    let mut out = String::new();
    if lang == Lang::Zh {
        for line in text.lines() {
            let _ = writeln!(out, "  {line}");
        }
        return out;
    }
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > WIDTH {
            let _ = writeln!(out, "  {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "  {line}");
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
fn run(
    session: &mut Session,
    verb: SessionVerb,
    call: &Call<'_>,
    colour: bool,
    lang: Lang,
) -> Res<String> {
    let Call {
        cmd,
        first,
        args,
        text,
        line,
    } = *call;
    match verb {
        SessionVerb::Parks => Ok(render::parks(session, colour, lang)),
        SessionVerb::Eval => match args.first() {
            None => Ok(render::summary(session, colour, lang)),
            Some(w) => {
                let park = find_park(session, w, line)?;
                Ok(render::judgement(session, park, false, colour, lang))
            }
        },
        SessionVerb::Explain => {
            let Some(w) = args.first() else {
                return Err(usage_error(cmd, first.span, repl_usage::name_park(), line));
            };
            let park = find_park(session, w, line)?;
            Ok(render::judgement(session, park, true, colour, lang))
        }
        SessionVerb::Show => {
            let Some(w) = args.first() else {
                return Err(usage_error(cmd, first.span, repl_usage::name_show(), line));
            };
            show(session, w, line, lang)
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
                .unwrap_or(crate::value::Record { values: Vec::new() });
            let value = session.policy().eval_expr(&record, &ie);
            let name = session.parks().get(park).map_or("", |p| p.name.as_str());
            Ok(match value {
                Ok(v) => {
                    let shown = session.policy().value_text_in(&v, &ty, lang);
                    let ty = session.policy().type_name_in(&ty, lang);
                    format!("{}\n", repl_words::calc_value(shown, ty, name).render(lang))
                }
                Err(e) => format!(
                    "{}\n",
                    repl_words::calc_unknown(e.message(), name).render(lang)
                ),
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
            Ok(render::selection(session, &holds, &unknown, lang))
        }
        SessionVerb::Threshold => {
            what_if(session, call, (colour, lang), |session, before, value| {
                let target = threshold_ref(session, before, first.span, line)?;
                Ok(session.threshold_override(target, value))
            })
        }
        SessionVerb::Let => what_if(session, call, (colour, lang), |session, before, value| {
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
        SessionVerb::Figure => what_if(session, call, (colour, lang), |session, before, value| {
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
        SessionVerb::Overrides => Ok(render::overrides(session, colour, lang)),
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
                .map(|o| render::override_change(session, o, lang));
            match session.undo(index) {
                Some((_, changes)) => Ok(format!(
                    "{}\n{}",
                    repl_words::undone(numbered, shown.unwrap_or_default()).render(lang),
                    render::changes(session, &changes, colour, lang)
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
            let dropped = if n == 1 {
                repl_words::dropped_one()
            } else {
                repl_words::dropped(n)
            };
            Ok(format!(
                "{}\n{}",
                dropped.render(lang),
                render::changes(session, &changes, colour, lang)
            ))
        }
        SessionVerb::Save => {
            let Some(w) = args.first() else {
                return Err(usage_error(cmd, first.span, repl_usage::name_file(), line));
            };
            save(session, w, line, lang)
        }
        SessionVerb::Sweep => sweep(session, call, lang),
        SessionVerb::Lacks => {
            let Some(w) = args.first() else {
                return Err(usage_error(cmd, first.span, repl_usage::name_park(), line));
            };
            let park = find_park(session, w, line)?;
            Ok(render::lacks(session, park, lang))
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
            Ok(render::nearest(session, rule, within, lang))
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
            let added = repl_words::added(n, session.parks().len());
            Ok(format!("{}\n", added.render(lang)))
        }
    }
}

/// `threshold`, `let` and `figure`: the target before `=` (resolved by `target`, whose errors
/// point into the line already), the value after it (whose errors point into the value and are
/// moved onto the line), then the override pushed and what it changes.
fn what_if(
    session: &mut Session,
    call: &Call<'_>,
    (colour, lang): (bool, Lang),
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
    let title = render::override_line(session, &o, session.overrides().len() + 1, lang);
    let changes = session.push(o);
    Ok(format!(
        "{title}\n{}",
        render::changes(session, &changes, colour, lang)
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

fn show(session: &Session, w: &Word, line: &Source, lang: Lang) -> Res<String> {
    let policy = session.base();
    let mut out = String::new();
    let say = |out: &mut String, text: Text| {
        let _ = writeln!(out, "{}", text.render(lang));
    };
    if let Some(i) = policy.lets.iter().position(|l| l.name == w.text) {
        if let Some(def) = policy.lets.get(i) {
            let value = policy
                .source
                .text()
                .get(def.value_span.start..def.value_span.end)
                .unwrap_or("?");
            say(&mut out, repl_words::show_let(&def.name, value));
            say(
                &mut out,
                repl_words::show_type(policy.type_name_in(&def.ty, lang)),
            );
            let last = session
                .overrides()
                .iter()
                .rev()
                .find(|o| o.target == whatif::Target::Let(i));
            if let Some(o) = last {
                say(
                    &mut out,
                    repl_words::show_let_what_if(render::override_value(session, o, lang)),
                );
            }
        }
        return Ok(out);
    }
    if let Some(def) = policy.inputs.iter().find(|i| i.name == w.text) {
        let mut head =
            repl_words::show_input(&def.name, policy.type_name_in(&def.ty, lang)).render(lang);
        if def.optional {
            head.push_str(&repl_words::show_optional().render(lang));
        }
        if let Some((lo, hi)) = &def.range {
            let show = |d: &Option<Decimal>| d.map_or(String::new(), |d| d.to_string());
            let range = format!("{}..{}", show(lo), show(hi));
            head.push_str(&repl_words::show_range(range).render(lang));
        }
        out.push_str(&head);
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
        say(
            &mut out,
            repl_words::show_given(known, session.parks().len()),
        );
        return Ok(out);
    }
    let rule = find_rule(policy, w, line)?;
    let Some(def) = policy.rules.get(rule) else {
        return Ok(out);
    };
    let role = match def.role {
        RuleRole::Condition => repl_words::condition(),
        RuleRole::Veto => repl_words::veto(),
        RuleRole::Indicator => repl_words::indicator(),
    };
    let mut facts = vec![role.render(lang), def.article.clone()];
    if let Some(g) = &def.group {
        facts.push(g.clone());
    }
    if let Some((_, ty)) = &def.figure {
        let figure = repl_words::show_figure(policy.type_name_in(ty, lang));
        facts.push(figure.render(lang));
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
                say(&mut out, repl_words::show_what_ifs());
                any = true;
            }
            let tr = ThresholdRef {
                rule,
                locs: vec![loc],
            };
            say(
                &mut out,
                repl_words::show_threshold(
                    tr.describe(policy),
                    cmp.op.symbol(),
                    session.threshold_text(&tr),
                ),
            );
        }
    }
    Ok(out)
}

fn save(session: &Session, w: &Word, line: &Source, lang: Lang) -> Res<String> {
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
    Ok(render::saved(session, &draft, &w.text, lang))
}

fn sweep(session: &Session, call: &Call<'_>, lang: Lang) -> Res<String> {
    let Call {
        cmd,
        first,
        args,
        text,
        line,
    } = *call;
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
    Ok(render::sweep(session, &sw, lang))
}

/// A command's usage in `lang`, for the editor's hints.
pub fn usage(name: &str, lang: Lang) -> Option<&'static str> {
    command(name).map(|c| c.args.in_lang(lang))
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
        let mut repl = Repl::new(false, Lang::En);
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
        let mut repl = Repl::new(false, Lang::En);
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
