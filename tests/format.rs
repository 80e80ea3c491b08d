//! `jidi fmt`: the canonical layout is idempotent, keeps every comment and never changes meaning.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::syntax::format::format;
use jidi::syntax::parse_policy;
use jidi::Source;
use proptest::prelude::*;

fn shipped() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jidi"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(!out.is_empty());
    out
}

/// The parsed tree with every span removed, so two layouts of one policy compare equal.
fn meaning(text: &str) -> String {
    let ast = parse_policy(&Source::new("p.jidi", text)).expect("parses");
    let debug = format!("{ast:?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('}').unwrap();
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_shipped_policy_is_already_formatted() {
    for (name, text) in shipped() {
        assert_eq!(
            format(&text),
            text,
            "{name} is not in the canonical layout: run `jidi fmt {name}`"
        );
    }
}

#[test]
fn formatting_normalises_spacing_and_indentation_and_keeps_comments() {
    let messy = "// head comment\nmeasure   \"m\"{\nversion \"v\"   // trailing\n      effective unset\n}\n\n\n\nunit 元\nunit 万元=10000 元\ntier A\ninput 名称 : name\ninput t:tier\ninput x :万元 range 0..\narticle \"第一条\"{\nquote \"q  with   spaces\"\n/* block\n   comment */\nindicator X=x{\nall constraint\nwhen x>=5 万元=>{x>=1 万元;x<=9 万元}\nelse=> >=2 万元\n}\n}\ndecision{\notherwise eligible\n}";
    let once = format(messy);
    insta::assert_snapshot!(once);
    assert_eq!(format(&once), once, "idempotent");
    assert_eq!(meaning(&once), meaning(messy));
    for comment in ["// head comment", "// trailing", "/* block\n   comment */"] {
        assert!(once.contains(comment), "{comment} kept");
    }
    assert!(once.contains("\"q  with   spaces\""), "strings untouched");
}

/// A binding's cases each start a line of their own, in either language: a case ending in its
/// kind (`西部 => guidance`) is not continued by the next.
#[test]
fn a_bindings_cases_stay_one_per_line_in_both_keyword_sets() {
    use jidi::syntax::format::format_with_keywords;
    use jidi::syntax::keywords::KeywordSet;
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/binding/policy.jidi"),
    )
    .unwrap();
    assert_eq!(format(&text), text);
    let zh = format_with_keywords(&text, Some(KeywordSet::Zh));
    assert!(
        zh.contains("\n    西部 => 引导性\n    东北 => { 示范基地 约束性 >= 1.5 % }\n"),
        "{zh}"
    );
    assert_eq!(format_with_keywords(&zh, Some(KeywordSet::En)), text);
}

/// Replaces whitespace outside strings and comments with `noise`, one run at a time.
fn perturb(text: &str, noise: &[String]) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    let mut k = 0;
    let (mut in_string, mut in_line, mut in_block, mut escaped) = (false, false, false, false);
    let mut prev = '\0';
    while let Some(c) = chars.next() {
        if in_string {
            in_string = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
        } else if in_line {
            in_line = c != '\n';
        } else if in_block {
            in_block = !(prev == '*' && c == '/');
        } else if c == '"' {
            in_string = true;
        } else if c == '/' && chars.peek() == Some(&'/') {
            in_line = true;
        } else if c == '/' && chars.peek() == Some(&'*') {
            in_block = true;
        } else if c == ' ' {
            out.push_str(&noise[k % noise.len()]);
            k += 1;
            prev = c;
            continue;
        }
        out.push(c);
        prev = c;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn fmt_is_idempotent_and_keeps_meaning(noise in prop::collection::vec(prop::sample::select(vec![
        " ".to_string(), "  ".to_string(), "\t".to_string(), " \n ".to_string(), "\n\n\n".to_string(), " \t ".to_string(),
    ]), 1..40)) {
        for (_, text) in shipped() {
            let messy = perturb(&text, &noise);
            let once = format(&messy);
            prop_assert_eq!(format(&once), once.clone());
            prop_assert_eq!(meaning(&once), meaning(&text));
        }
    }
}

/// Replaces ASCII marks outside strings and comments by the full-width marks a Chinese input
/// method types for them, the `k`-th mark when `pick(k)` says so.
fn full_width(text: &str, pick: &[bool]) -> String {
    let mut out = String::new();
    let mut k = 0;
    for token in jidi::scan::tokens(text, jidi::scan::POLICY) {
        match token {
            jidi::scan::Token::Code(_, c) if "<>=;(),:".contains(c) => {
                let wide = pick.get(k % pick.len().max(1)).copied().unwrap_or(false);
                k += 1;
                match char::from_u32(c as u32 + 0xFEE0).filter(|_| wide) {
                    Some(w) => out.push(w),
                    None => out.push(c),
                }
            }
            jidi::scan::Token::Code(_, c) => out.push(c),
            jidi::scan::Token::Str { span, .. } | jidi::scan::Token::Comment(span) => {
                out.push_str(&text[span.start..span.end])
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn fmt_writes_full_width_marks_half_width_and_keeps_meaning(pick in prop::collection::vec(any::<bool>(), 1..12)) {
        for (_, text) in shipped() {
            let typed = full_width(&text, &pick);
            prop_assert_eq!(meaning(&typed), meaning(&text));
            let once = format(&typed);
            prop_assert_eq!(&once, &format(&text));
            prop_assert_eq!(format(&once), once.clone());
        }
    }
}
