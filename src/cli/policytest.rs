//! `jidi test [PATH...] [--coverage]`: runs policy test files and shows each difference with its
//! explanation; with `--coverage`, the outcomes of each rule no case asserts.

use super::Exit;
use super::{check::load, output, versions::Format};
use jidi::diag::catalogue::test_run;
use jidi::diag::catalogue::{table_words, verify_words};
use jidi::diag::text::Arg;
use jidi::i18n::{word_of_name, Lang};
use jidi::policytest::{discover, run_case, uncovered, unreached, TestFile};
use std::path::PathBuf;

pub fn run(
    paths: &[PathBuf],
    coverage: Option<(Format, jidi::verify::Options)>,
    lang: Lang,
) -> Exit {
    let json = matches!(coverage, Some((Format::Json, _)));
    // With JSON coverage on stdout, the test results go to stderr.
    let say = |line: String| {
        if json {
            output::err!("{line}");
        } else {
            output::outln!("{line}");
        }
    };
    let mut uncovered_json = Vec::new();
    let mut unreachable_json = Vec::new();
    let mut decisions_json = Vec::new();
    let default = [PathBuf::from("policies")];
    let files = discover(if paths.is_empty() { &default } else { paths });
    if files.is_empty() {
        output::err!("{}", test_run::no_files().render(lang));
        return Exit::InputErrors;
    }
    let (mut passed, mut failed, mut broken) = (0usize, 0usize, 0usize);
    for path in files {
        let file = match TestFile::read(&path) {
            Ok(f) => f,
            Err(e) => {
                output::err!("{}", test_run::unreadable(e).render(lang));
                broken += 1;
                continue;
            }
        };
        let Ok((policy, _)) = load(&file.policy_path, lang) else {
            broken += 1;
            continue;
        };
        say(
            test_run::file(path.display(), file.cases.len(), file.policy_path.display())
                .render(lang),
        );
        let mut outcomes = Vec::new();
        for case in &file.cases {
            let outcome = run_case(&policy, case, lang);
            if outcome.failures.is_empty() {
                passed += 1;
                say(test_run::ok(&outcome.name).render(lang));
            } else {
                failed += 1;
                say(test_run::failed(&outcome.name).render(lang));
                for f in &outcome.failures {
                    say(format!("        {f}"));
                }
            }
            outcomes.push(outcome);
        }
        let missed = unreached(&policy, &outcomes, &file.cases);
        if !missed.is_empty() {
            say(test_run::no_history(Arg::list(missed)).render(lang));
        }
        let gaps = uncovered(&policy, &file.cases);
        if !gaps.is_empty() {
            say(test_run::no_assertion(Arg::list(gaps)).render(lang));
        }
        let undecided = jidi::policytest::uncovered_decisions(&policy, &file.cases);
        if !undecided.is_empty() {
            let text = jidi::diag::catalogue::decision_lines::test_uncovered(
                jidi::diag::text::Arg::list(&undecided),
            );
            say(text.render(lang));
        }
        if let Some((_, options)) = &coverage {
            let c = jidi::coverage::coverage(&policy, &file.cases, Some(options));
            let tagged = |e: &jidi::coverage::Entry| {
                let mut v = serde_json::to_value(e).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("file".into(), path.display().to_string().into());
                }
                v
            };
            uncovered_json.extend(c.uncovered.iter().map(tagged));
            unreachable_json.extend(c.unreachable.iter().map(tagged));
            decisions_json.extend(c.decisions.iter().map(|d| {
                let mut v = serde_json::to_value(d).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("file".into(), path.display().to_string().into());
                }
                v
            }));
            if !json {
                output::out!("{}", coverage_table(&c, lang));
            }
        }
    }
    if json {
        let v = serde_json::json!({
            "uncovered": uncovered_json,
            "unreachable": unreachable_json,
            "decisions": decisions_json,
        });
        output::outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    say(format!(
        "\n{}",
        test_run::summary(passed, failed).render(lang)
    ));
    if broken > 0 {
        Exit::InputErrors
    } else if failed > 0 {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

/// The coverage of one file for people.
fn coverage_table(c: &jidi::coverage::Coverage, lang: Lang) -> String {
    use std::fmt::Write;
    let label = |name: &'static str| word_of_name(name, lang).unwrap_or(name);
    let mut out = String::new();
    let line = |e: &jidi::coverage::Entry| {
        let case = e
            .case
            .as_ref()
            .map_or_else(String::new, |c| format!(" {c}"));
        let missing: Vec<&str> = e.missing.iter().map(|&m| label(m)).collect();
        format!(
            "    {} {} [{}]{case}: {}",
            e.article,
            e.rule,
            e.tier,
            missing.join(", ")
        )
    };
    if c.uncovered.is_empty() {
        let _ = writeln!(out, "  {}", verify_words::all_covered(lang));
    } else {
        let _ = writeln!(out, "  {}", verify_words::not_covered(lang));
        for e in &c.uncovered {
            let _ = writeln!(out, "{}", line(e));
        }
    }
    if !c.unreachable.is_empty() {
        let _ = writeln!(out, "  {}", verify_words::unreachable(lang));
        for e in &c.unreachable {
            let _ = writeln!(out, "{}", line(e));
        }
    }
    for d in &c.decisions {
        let missing = jidi::diag::text::Arg::list(d.missing.iter().map(|&m| label(m)));
        let text = jidi::diag::catalogue::decision_lines::coverage_decision(&d.decision, missing);
        let _ = writeln!(out, "{}", text.render(lang));
    }
    if let Some(n) = &c.note {
        let _ = writeln!(out, "  {}: {}", table_words::note(lang), n.render(lang));
    }
    out
}
