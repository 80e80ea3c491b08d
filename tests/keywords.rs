//! Chinese keywords: one table of English/Chinese pairs, read from the grammar and kept in step with
//! every rule of it; `jidi fmt --keywords zh|en` converts losslessly; the shipped policy's two forms
//! check and evaluate identically; the editor grammar knows every keyword.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::syntax::format::{convert_keywords, format, format_with_keywords};
use jidi::syntax::keywords::{self, is_word, literals, rule_body, KeywordSet, GRAMMAR};
use jidi::syntax::{parse_policy, JidiParser, Rule};
use jidi::{check, Source};
use pest::Parser;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Output;

mod common;
use common::{jidi, read, root, stdout};

const EN: &str = "policies/sichuan-2023-draft.jidi";
const ZH: &str = "policies/sichuan-2023-draft.zh.jidi";

/// Every rule of the grammar with its body.
fn grammar_rules() -> Vec<(&'static str, &'static str)> {
    GRAMMAR
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(name, _)| name.trim()))
        .filter(|name| {
            !name.is_empty()
                && !name.starts_with("//")
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .filter_map(|name| rule_body(GRAMMAR, name).map(|body| (name, body)))
        .collect()
}

fn is_chinese(w: &str) -> bool {
    w.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The build script's tables are the grammar's pairs, as `rule_body` and `literals` read them:
/// each rule's word literals taken two by two.
#[test]
fn the_built_tables_are_the_grammars_pairs() {
    for (rule, table) in [
        ("keyword", keywords::all()),
        ("builtin_name", keywords::builtins()),
        ("contextual", keywords::contextual()),
    ] {
        let words: Vec<&str> = literals(rule_body(GRAMMAR, rule).unwrap())
            .into_iter()
            .filter(|l| is_word(l))
            .collect();
        let pairs: Vec<(&str, &str)> = words
            .chunks(2)
            .filter_map(|pair| match pair {
                [en, zh] => Some((*en, *zh)),
                _ => None,
            })
            .collect();
        let built: Vec<(&str, &str)> = table.iter().map(|k| (k.en, k.zh)).collect();
        assert_eq!(built, pairs, "`{rule}`");
    }
}

#[test]
fn every_keyword_has_exactly_one_counterpart() {
    let all = keywords::all();
    assert!(all.len() >= 100, "{} keywords", all.len());
    let mut en = BTreeSet::new();
    let mut zh = BTreeSet::new();
    for k in all {
        assert!(
            k.en.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{k:?}: the English form is a lower-case ASCII word"
        );
        assert!(is_chinese(k.zh), "{k:?}: the Chinese form is Chinese");
        assert!(en.insert(k.en), "`{}` is listed twice", k.en);
        assert!(
            zh.insert(k.zh),
            "`{}` is the counterpart of two keywords",
            k.zh
        );
    }
    // The built-in functions pair up the same way, and agree with the keyword of the same name
    // where there is one; a Chinese name that is not that keyword's is no keyword at all.
    let mut builtin_zh = BTreeSet::new();
    for b in keywords::builtins() {
        assert!(
            b.en.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{b:?}"
        );
        assert!(is_chinese(b.zh), "{b:?}");
        assert!(builtin_zh.insert(b.zh), "{b:?}");
        match keywords::lookup(b.en) {
            Some(k) => assert!(
                b.zh == k.zh || !zh.contains(b.zh),
                "{b:?}: its Chinese name is another keyword's"
            ),
            None => assert!(!zh.contains(b.zh), "{b:?}: its Chinese name is a keyword"),
        }
    }
    let names: Vec<&str> = keywords::builtins().iter().map(|b| b.en).collect();
    assert_eq!(
        names,
        ["min", "max", "year", "date", "growth", "passed", "figure"]
    );
}

/// Every word any grammar rule matches is a keyword (or a built-in's name), and wherever a rule
/// lists one form it lists the other right beside it, so the two sets cannot drift apart.
#[test]
fn every_rule_lists_both_forms_side_by_side() {
    let builtin_words: BTreeMap<&str, &str> = keywords::builtins()
        .iter()
        .flat_map(|b| [(b.en, b.zh), (b.zh, b.en)])
        .collect();
    let mut rules_with_words = 0;
    for (name, body) in grammar_rules() {
        let words: Vec<&str> = literals(body).into_iter().filter(|l| is_word(l)).collect();
        if words.is_empty() || name == "keyword" {
            continue;
        }
        rules_with_words += 1;
        assert!(words.len() % 2 == 0, "{name}: {words:?} are not pairs");
        for pair in words.chunks(2) {
            let (en, zh) = (pair[0], pair[1]);
            if name == "builtin_name" {
                assert_eq!(builtin_words.get(en), Some(&zh), "{name}: {en} | {zh}");
            } else if builtin_words.get(en) == Some(&zh) && keywords::lookup(en).is_none() {
                // A built-in's own pair, in the rule that reads its argument (`rule_fn`).
            } else {
                let k = keywords::lookup(en)
                    .unwrap_or_else(|| panic!("{name}: `{en}` is not in the `keyword` rule"));
                assert_eq!(
                    (k.en, k.zh),
                    (en, zh),
                    "{name}: `{en}` is paired with `{zh}`, the `keyword` rule says `{}`",
                    k.zh
                );
            }
        }
    }
    assert!(rules_with_words > 100, "{rules_with_words}");
    // And every keyword is matched by some rule: none is listed but unusable.
    let used: BTreeSet<&str> = grammar_rules()
        .into_iter()
        .filter(|(name, _)| *name != "keyword")
        .flat_map(|(_, body)| literals(body))
        .collect();
    for k in keywords::all() {
        assert!(used.contains(k.en), "`{}` is used by no rule", k.en);
        assert!(used.contains(k.zh), "`{}` is used by no rule", k.zh);
    }
}

/// The words a name is checked against, `reserved` and `contextual`, are together exactly the
/// `keyword` table, pair for pair, and share none.
#[test]
fn reserved_and_contextual_words_split_the_keyword_table() {
    let pairs = |rule: &str| -> BTreeSet<(&str, &str)> {
        let words: Vec<&str> = literals(rule_body(GRAMMAR, rule).unwrap())
            .into_iter()
            .filter(|l| is_word(l))
            .collect();
        words.chunks(2).map(|p| (p[0], p[1])).collect()
    };
    let reserved = pairs("reserved");
    let contextual = pairs("contextual");
    assert!(reserved.is_disjoint(&contextual));
    let all: BTreeSet<(&str, &str)> = keywords::all().iter().map(|k| (k.en, k.zh)).collect();
    let both: BTreeSet<(&str, &str)> = reserved.union(&contextual).copied().collect();
    assert_eq!(both, all);
}

/// The word forms of grammar rule `rule`, in order.
fn words_of(rule: &str) -> Vec<&'static str> {
    literals(rule_body(GRAMMAR, rule).unwrap())
        .into_iter()
        .filter(|l| is_word(l))
        .collect()
}

/// `words` as the alternatives of a trie, one literal per edge: each alternative matches the
/// rest of some word, and a word that ends here ends at `!XID_CONTINUE`.
fn trie_alternatives(words: &[&str]) -> Vec<String> {
    let mut firsts: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    let mut out: Vec<String> = firsts
        .into_iter()
        .map(|c| {
            let mut rests: Vec<&str> = words.iter().filter_map(|w| w.strip_prefix(c)).collect();
            // One edge as long as no word ends or branches along it.
            let mut edge = c.to_string();
            while !rests.iter().any(|r| r.is_empty()) {
                let Some(next) = rests[0].chars().next() else {
                    break;
                };
                if !rests.iter().all(|r| r.starts_with(next)) {
                    break;
                }
                edge.push(next);
                rests = rests.iter().map(|r| &r[next.len_utf8()..]).collect();
            }
            let below = trie_alternatives(&rests);
            match &below[..] {
                [one] => format!("\"{edge}\" ~ {one}"),
                _ => format!("\"{edge}\" ~ ({})", below.join(" | ")),
            }
        })
        .collect();
    if words.iter().any(|w| w.is_empty()) {
        out.push("!XID_CONTINUE".to_string());
    }
    out
}

/// The trie's first step as a search over ranges of first characters, so that a word no keyword
/// begins with is refused after a few comparisons rather than one for every keyword.
fn trie_root(alternatives: &[(char, String)], indent: usize) -> String {
    let pad = " ".repeat(indent);
    if alternatives.len() <= 4 {
        let lines: Vec<&str> = alternatives.iter().map(|(_, a)| a.as_str()).collect();
        return format!("{pad}  {}", lines.join(&format!("\n{pad}| ")));
    }
    let (low, high) = alternatives.split_at(alternatives.len() / 2);
    let (from, to) = (low[0].0, low[low.len() - 1].0);
    format!(
        "{pad}  &('{from}'..'{to}') ~ (\n{}\n{pad}  )\n{pad}| (\n{}\n{pad}  )",
        trie_root(low, indent + 4),
        trie_root(high, indent + 4)
    )
}

fn trie_rule(name: &str, words: &[&str]) -> String {
    let alternatives: Vec<(char, String)> = trie_alternatives(words)
        .into_iter()
        .map(|a| (a.chars().nth(1).unwrap(), a))
        .collect();
    format!("{name} = @{{\n{}\n}}\n", trie_root(&alternatives, 2))
}

/// What grammar/words.pest holds: `reserved`, and all the keywords, as tries.
fn word_tries() -> String {
    let reserved = words_of("reserved");
    let mut all = reserved.clone();
    all.extend(words_of("contextual"));
    format!(
        "// Generated from the rules `reserved` and `contextual` of grammar/jidi.pest by\n\
         // tests/keywords.rs (`the_word_tries_are_the_tables`); do not edit. After changing those\n\
         // rules, run `JIDI_WRITE_WORDS=1 cargo test --test keywords word_tries`.\n\
         //\n\
         // A name is checked against these before it is read (`ident`, `unit_word`): a trie finds\n\
         // whether a word is a keyword in a few steps, where the tables try every keyword in turn.\n\
         // Each matches a whole word that is one of its keywords.\n\n{}\n{}",
        trie_rule("reserved_word", &reserved),
        trie_rule("keyword_word", &all)
    )
}

#[test]
fn the_word_tries_are_the_tables() {
    let expected = word_tries();
    if std::env::var_os("JIDI_WRITE_WORDS").is_some() {
        std::fs::write(root().join("grammar/words.pest"), &expected).unwrap();
    }
    assert_eq!(
        read("grammar/words.pest"),
        expected,
        "grammar/words.pest is out of date: run `JIDI_WRITE_WORDS=1 cargo test --test keywords \
         word_tries`"
    );
    // And they agree with the tables on every keyword, on every keyword with a letter more, and
    // on every proper beginning of one.
    let mut probes: BTreeSet<String> = BTreeSet::new();
    for word in keywords::words() {
        probes.insert(word.to_string());
        probes.insert(format!("{word}x"));
        probes.insert(format!("{word} x"));
        for (i, _) in word.char_indices().skip(1) {
            probes.insert(word[..i].to_string());
        }
    }
    for probe in &probes {
        let whole = |rule: Rule| {
            JidiParser::parse(rule, probe)
                .ok()
                .map(|p| p.as_str().len())
        };
        assert_eq!(whole(Rule::reserved_word), whole(Rule::reserved), "{probe}");
        let either = whole(Rule::reserved).or(whole(Rule::contextual));
        assert_eq!(whole(Rule::keyword_word), either, "{probe}");
    }
}

#[test]
fn every_form_is_a_whole_keyword_and_a_name_only_where_contextual() {
    let mut contextual = 0;
    for word in keywords::words() {
        let whole = JidiParser::parse(Rule::keyword, word)
            .map(|p| p.as_str().len())
            .unwrap_or(0);
        assert_eq!(
            whole,
            word.len(),
            "`{word}` is not matched whole by `keyword`"
        );
        // Declaration and status words are names where a name is expected; the others never.
        let as_name = JidiParser::parse(Rule::ident, word).map(|p| p.as_str().to_string());
        if keywords::is_contextual(word) {
            contextual += 1;
            assert_eq!(
                as_name.ok().as_deref(),
                Some(word),
                "`{word}` is not a name"
            );
        } else {
            assert!(as_name.is_err(), "`{word}` is taken as a name");
        }
        // No keyword is ever a unit or a tier.
        assert!(
            JidiParser::parse(Rule::unit_word, word).is_err(),
            "`{word}` is taken as a unit"
        );
        // A longer name that begins with a keyword is a name.
        let longer = format!("{word}x");
        let name = JidiParser::parse(Rule::ident, &longer).map(|p| p.as_str().to_string());
        assert_eq!(name.ok().as_deref(), Some(longer.as_str()), "{longer}");
    }
    assert!(contextual >= 100, "{contextual} contextual forms");
    // The atomic word rules match every word they list, whole (no word hides a longer one).
    for rule in [
        Rule::builtin_type,
        Rule::nature,
        Rule::rule_kind,
        Rule::rule_class,
        Rule::outcome,
        Rule::verdict,
        Rule::quantifier,
        Rule::direction,
        Rule::time_unit,
        Rule::bool_lit,
        Rule::none_lit,
        Rule::as_of_lit,
        Rule::start_rule,
        Rule::status_word,
        Rule::event_outcome,
        Rule::renewal_base,
        Rule::state_lit,
        Rule::entered_lit,
        Rule::effective_lit,
    ] {
        let name = format!("{rule:?}");
        let body = rule_body(GRAMMAR, &name).unwrap();
        for word in literals(body).into_iter().filter(|l| is_word(l)) {
            let got = JidiParser::parse(rule, word).map(|p| p.as_str().to_string());
            assert_eq!(got.ok().as_deref(), Some(word), "{name} on `{word}`");
        }
    }
}

#[test]
fn the_chinese_policy_is_the_english_one_converted() {
    let en = read(EN);
    let zh = read(ZH);
    assert_eq!(
        format_with_keywords(&en, Some(KeywordSet::Zh)),
        zh,
        "{ZH} is out of date: run `jidi fmt --keywords zh` on a copy of {EN}"
    );
    assert_eq!(format_with_keywords(&zh, Some(KeywordSet::En)), en);
    assert!(zh.contains("指标 工业用地地均收入 = 营业收入 / 工业用地面积 折合 万元/公顷 {"));
    assert!(zh.contains(
        "  不符合 当 任一 条件 为 不满足 或 任一 否决 为 不满足 或 任一 约束性 为 不满足"
    ));
    // Not one English keyword is left outside comments and strings.
    let ast_words = zh
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .flat_map(|l| l.split('"').step_by(2).collect::<Vec<_>>())
        .flat_map(|l| l.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|w| keywords::all().iter().any(|k| k.en == *w))
        .collect::<Vec<_>>();
    assert!(ast_words.is_empty(), "{ast_words:?}");
}

#[test]
fn converting_to_chinese_and_back_is_the_identity_on_every_shipped_policy() {
    let mut n = 0;
    let entries = std::fs::read_dir(root().join("policies"))
        .unwrap()
        .chain(std::fs::read_dir(root().join("policies/examples")).unwrap());
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "jidi") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let zh = format_with_keywords(&text, Some(KeywordSet::Zh));
        let en = format_with_keywords(&zh, Some(KeywordSet::En));
        let original = format_with_keywords(&text, Some(KeywordSet::En));
        assert_eq!(en, original, "{}", path.display());
        assert_eq!(
            format_with_keywords(&en, Some(KeywordSet::Zh)),
            zh,
            "{}",
            path.display()
        );
        assert_eq!(format(&zh), zh, "{}: idempotent", path.display());
        if !path.to_string_lossy().ends_with(".zh.jidi") {
            assert_eq!(en, text, "{}", path.display());
        }
        n += 1;
    }
    assert!(n >= 7);
}

#[test]
fn conversion_keeps_comments_strings_and_names() {
    let text = "// indicator when all 指标\nunit 元\ntier A\ninput 名称: name\ninput t: tier\n\
                input 条件成熟: bool  /* constraint in a comment */\ninput 日期: date\n\
                article \"indicator 条款\" {\n  quote \"when any constraint is fail\"\n  \
                condition c = 条件成熟 and year(日期) > 2020 and 日期 - 3年 < 日期\n}\n\
                decision {\n  otherwise eligible\n}\n";
    let zh = format_with_keywords(text, Some(KeywordSet::Zh));
    assert_eq!(
        zh,
        "// indicator when all 指标\n单位 元\n类别 A\n字段 名称: 名称型\n字段 t: 类别\n\
         字段 条件成熟: 布尔型  /* constraint in a comment */\n字段 日期: 日期型\n\
         条款 \"indicator 条款\" {\n  原文 \"when any constraint is fail\"\n  \
         条件 c = 条件成熟 且 年份(日期) > 2020 且 日期 - 3年 < 日期\n}\n\
         判定 {\n  其余 符合\n}\n"
    );
    let back = format_with_keywords(&zh, Some(KeywordSet::En));
    assert_eq!(back, text.replace("3年", "3years"));
    assert_eq!(format_with_keywords(&back, Some(KeywordSet::Zh)), zh);
    // All three forms mean the same.
    let meaning = |t: &str| {
        let checked = check::check(&Source::new("p.jidi", t));
        assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
        let ast = parse_policy(&Source::new("p.jidi", t)).unwrap();
        strip_spans(&format!("{ast:?}"))
    };
    assert_eq!(meaning(text), meaning(&zh));
    assert_eq!(meaning(text), meaning(&back));
}

#[test]
fn a_file_may_mix_both_sets() {
    let mixed = "unit 元\n类别 A\ntier B\ninput 名称: 名称型\n字段 t: tier\ninput x: 元 范围 0..\n\
                 条款 第一条 {\n  quote \"x\"\n  指标 X = x {\n    A constraint >= 1 元\n    \
                 B 引导性\n      当 x > 5 元 => >= 2 元\n      否则 => >= 3 元\n  }\n}\n\
                 decision {\n  不符合 when any 约束性 is 不满足\n  其余 eligible\n}\n"
        .to_string();
    let checked = check::check(&Source::new("mixed.jidi", mixed.as_str()));
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let en = format_with_keywords(&mixed, Some(KeywordSet::En));
    let zh = format_with_keywords(&mixed, Some(KeywordSet::Zh));
    assert!(
        en.contains("tier A\ntier B\ninput 名称: name\ninput t: tier"),
        "{en}"
    );
    assert!(
        zh.contains("类别 A\n类别 B\n字段 名称: 名称型\n字段 t: 类别"),
        "{zh}"
    );
    assert_eq!(
        strip_spans(&format!(
            "{:?}",
            parse_policy(&Source::new("a", en.as_str())).unwrap()
        )),
        strip_spans(&format!(
            "{:?}",
            parse_policy(&Source::new("b", zh.as_str())).unwrap()
        ))
    );
}

/// The parsed tree with every span removed.
fn strip_spans(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('}').unwrap();
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn both_forms_check_with_identical_diagnostics() {
    let codes = |rel: &str| {
        let checked = check::check(&Source::new(rel, read(rel)));
        assert!(checked.policy.is_some(), "{rel}");
        let src = Source::new(rel, read(rel));
        checked
            .diagnostics
            .iter()
            .map(|d| {
                let line = d.labels.first().map(|(s, _)| src.line_col(s.start).0);
                (d.code, d.severity, line)
            })
            .collect::<Vec<_>>()
    };
    let en = codes(EN);
    assert!(!en.is_empty());
    assert_eq!(en, codes(ZH));
    // And on the command line.
    let strip = |o: &Output, from: &str| String::from_utf8_lossy(&o.stderr).replace(from, "POLICY");
    let a = jidi(&["check", EN]);
    let b = jidi(&["check", ZH]);
    assert_eq!(a.status.code(), b.status.code());
    assert_eq!(
        stdout(&a).replace(EN, "POLICY"),
        stdout(&b).replace(ZH, "POLICY")
    );
    let codes_of = |s: String| {
        s.lines()
            .filter(|l| l.contains("jidi::"))
            .map(|l| l.trim().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes_of(strip(&a, EN)), codes_of(strip(&b, ZH)));
}

/// The texts a result quotes from the policy (a condition's test, the case taken, when an
/// indicator applies) are in the policy's own keywords; everything else is the same in both forms.
fn in_english(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    serde_json::Value::String(s)
                        if ["test", "note", "case"].contains(&k.as_str()) =>
                    {
                        *s = convert_keywords(s, KeywordSet::En);
                    }
                    _ => in_english(x),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(in_english),
        _ => {}
    }
}

#[test]
fn both_forms_evaluate_every_example_identically() {
    let run = |args: &[&str], policy: &str| {
        let mut all = args.to_vec();
        all.push(policy);
        all.push("examples/");
        let o = jidi(&all);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{all:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        stdout(&o)
    };
    for args in [
        &["eval", "--format", "json"][..],
        &["stars", "--format", "json"][..],
    ] {
        let json = |policy: &str| {
            let mut v: serde_json::Value = serde_json::from_str(&run(args, policy)).unwrap();
            in_english(&mut v);
            v
        };
        let en = json(EN);
        assert!(en.as_array().is_some_and(|a| a.len() >= 14), "{args:?}");
        assert!(en == json(ZH), "{args:?}: the two forms judge differently");
    }
    // The verdicts, statuses, figures and margins people read are the same too.
    let table = |args: &[&str], policy: &str| convert_keywords(&run(args, policy), KeywordSet::En);
    for args in [&["eval"][..], &["explain"][..]] {
        let en = table(args, EN);
        assert!(en.contains("not_eligible"), "{args:?}");
        let zh = table(args, ZH);
        let differ: Vec<_> = en
            .lines()
            .zip(zh.lines())
            .filter(|(a, b)| a != b)
            .take(3)
            .collect();
        assert!(
            differ.is_empty() && en.lines().count() == zh.lines().count(),
            "{args:?}: {differ:#?}"
        );
    }
    let notice = |policy: &str| stdout(&jidi(&["notice", policy, "--start", "2024-09-27"]));
    assert_eq!(notice(EN), notice(ZH));
    assert!(!notice(EN).is_empty());
}

#[test]
fn both_forms_give_every_base_the_same_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let histories = [
        r#"{"名称":"甲","申报类型":"示范基地","主导产业":"电子信息","所在市州":"成都市","认定日期":"2023-03-01","评价":[{"年度":2023,"星级":2},{"年度":2024,"星级":1}],"复核":[],"变更":[],"事件":[]}"#,
        r#"{"名称":"乙","申报类型":"产业基地","主导产业":"食品轻纺","所在市州":"巴中市","认定日期":"2022-05-10","评价":[],"复核":[{"日期":"2025-05-01","结果":"合格"}],"变更":[{"日期":"2024-02-01","内容":"更名"}],"事件":[{"类型":"弄虚作假","日期":"2026-01-05"}]}"#,
        r#"{"名称":"丙","申报类型":"示范基地","主导产业":"装备制造","所在市州":"德阳市","认定日期":"2021-01-01","旧办法认定":true,"旧办法有效期至":"2024-01-01","评价":[],"复核":[],"变更":[],"事件":[]}"#,
    ];
    let mut files = Vec::new();
    for (i, h) in histories.iter().enumerate() {
        let path = dir.path().join(format!("h{i}.json"));
        std::fs::write(&path, h).unwrap();
        files.push(path);
    }
    for as_of in ["2024-06-01", "2026-03-01", "2027-12-31"] {
        let run = |policy: &str| {
            let mut args = vec!["timeline", policy, "--as-of", as_of, "--format", "json"];
            args.extend(files.iter().map(|p| p.to_str().unwrap()));
            let o = jidi(&args);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            stdout(&o)
        };
        let en = run(EN);
        assert!(en.contains("甲") && en.contains("丙"), "{en}");
        assert_eq!(en, run(ZH), "{as_of}");
    }
}

#[test]
fn fmt_keywords_converts_files_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jidi");
    std::fs::copy(root().join(ZH), &path).unwrap();
    let p = path.to_str().unwrap();
    let o = jidi(&["fmt", "--keywords", "en", p]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), read(EN));
    let o = jidi(&["fmt", "--keywords", "zh", p]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), read(ZH));
    assert_eq!(jidi(&["fmt", "--check", p]).status.code(), Some(0));
    assert_eq!(jidi(&["fmt", "--keywords", "fr", p]).status.code(), Some(2));
}

#[test]
fn a_misspelt_chinese_keyword_gets_a_chinese_suggestion() {
    let text = format!("{}\n指票 X = 营业收入 {{\n}}\n", read(ZH));
    let checked = check::check(&Source::new("p.jidi", text));
    let d = &checked.diagnostics[0];
    assert_eq!(d.code, "jidi::syntax");
    assert!(
        d.help
            .as_ref()
            .map(|h| h.render(jidi::i18n::Lang::Zh))
            .unwrap_or_default()
            .contains("指标"),
        "{:?}",
        d.help
    );
}

/// The language reference lists every pair.
#[test]
fn the_reference_lists_every_keyword() {
    let doc = std::fs::read_to_string(root().join("docs/language.md")).unwrap();
    for k in keywords::all() {
        assert!(
            doc.contains(&format!("| `{}` | `{}` |", k.en, k.zh)),
            "docs/language.md does not list `{}` | `{}`",
            k.en,
            k.zh
        );
    }
}

/// The TextMate grammar is valid JSON and highlights every keyword in both languages.
#[test]
fn the_editor_grammar_knows_every_keyword() {
    let text = std::fs::read_to_string(root().join("editors/jidi.tmLanguage.json")).unwrap();
    let grammar: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(grammar["scopeName"], "source.jidi");
    // Every `match` is a regular expression; the keyword alternations name every word.
    let mut words = BTreeSet::new();
    collect_words(&grammar, &mut words);
    for w in keywords::words().chain(keywords::builtins().iter().flat_map(|b| [b.en, b.zh])) {
        assert!(
            words.contains(w),
            "`{w}` is not highlighted by editors/jidi.tmLanguage.json"
        );
    }
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("editors/vscode/package.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(package["contributes"]["languages"][0]["id"], "jidi");
    let _: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("editors/vscode/language-configuration.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(root().join("editors/vscode/syntaxes/jidi.tmLanguage.json"))
            .unwrap(),
        text,
        "the VS Code extension's copy of the grammar differs from editors/jidi.tmLanguage.json"
    );
    assert!(Path::new(&root().join("editors/README.md")).exists());
}

/// The words of every `(?:a|b|c)` alternation in the grammar's patterns.
fn collect_words(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "match" || k == "begin" {
                    if let Some(re) = x.as_str() {
                        for group in re.split("(?:").skip(1) {
                            let inner = group.split(')').next().unwrap_or("");
                            out.extend(inner.split('|').map(str::to_string));
                        }
                    }
                }
                collect_words(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_words(x, out)),
        _ => {}
    }
}
