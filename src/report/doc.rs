//! The measure view: a policy as a document a lawyer can check line by line — each article with
//! its quoted text, the rules that encode it (as the policy writes them), its assumptions, and
//! the articles no rule encodes. One self-contained HTML page, in Chinese or English; `jidi doc`
//! writes it and the workbench shows it.

use super::html::esc;
use crate::check::ir::{Policy, RuleDef, RuleRole};
use crate::i18n::Lang;
use crate::source::Span;
use crate::syntax::ast::{ArticleDecl, Item, LifeRule, PolicyAst, RuleDecl, RuleKind};
use std::fmt::Write;

/// The page's words, English and Chinese.
const LABELS: &[(&str, &str)] = &[
    ("Measure view", "条文对照"),
    ("version", "版本"),
    ("issuer", "发布机关"),
    ("effective", "施行日期"),
    ("not set", "未定"),
    ("term", "有效期"),
    ("repeals", "废止"),
    ("articles", "条款"),
    ("rules", "条规则"),
    ("assumptions", "项假设"),
    ("Articles no rule encodes", "未编码为规则的条款"),
    (
        "Every article quoted in the policy has a rule.",
        "政策文件引用的每一条款都已编码为规则。",
    ),
    ("Contents", "目录"),
    ("quoted text", "原文"),
    ("rules encoding it", "编码规则"),
    ("no rule encodes this article", "本条款没有编码规则"),
    ("assumption", "假设"),
    (
        "where the measure is silent or ambiguous",
        "办法未作规定或表述不明之处",
    ),
    ("indicator", "指标"),
    ("condition", "条件"),
    ("veto", "否决"),
    ("derived value", "派生值"),
    ("lifecycle rule", "生命周期规则"),
    ("notice period", "公示期"),
    ("star scheme", "星级计算"),
    ("state", "状态"),
    ("citation", "出处"),
    ("group", "分组"),
    ("constraint", "约束性"),
    ("guidance", "引导性"),
    ("applies when", "适用条件"),
    ("as the policy writes it", "政策文件原文"),
    ("line", "行"),
    ("all tiers", "所有类别"),
    ("Outside any article", "不属于任何条款"),
    ("Assumptions outside any article", "不属于任何条款的假设"),
];

fn t(en: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => LABELS
            .iter()
            .find(|(e, _)| *e == en)
            .map_or(en, |(_, zh)| zh),
    }
}

/// The measure view of `policy` (parsed as `ast`) as a whole HTML page in `lang`.
pub fn page(policy: &Policy, ast: &PolicyAst, lang: Lang) -> String {
    let title = &policy.meta.title;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        match lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        },
        esc(title),
        t("Measure view", lang)
    );
    out.push_str(&body(policy, ast, lang));
    out.push_str("</body>\n</html>\n");
    out
}

/// The measure view without the page around it: a `<main class="measure">` element.
pub fn body(policy: &Policy, ast: &PolicyAst, lang: Lang) -> String {
    let articles: Vec<&ArticleDecl> = ast
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Article(a) => Some(a),
            _ => None,
        })
        .collect();
    let mut out = String::from("<main class=\"measure\">\n");
    header(&mut out, policy, &articles, lang);
    let bare: Vec<&ArticleDecl> = articles
        .iter()
        .copied()
        .filter(|a| !a.items.iter().any(is_rule))
        .collect();
    let _ = write!(
        out,
        "<section class=\"unencoded\"><h2>{}</h2>",
        t("Articles no rule encodes", lang)
    );
    if bare.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p>",
            t("Every article quoted in the policy has a rule.", lang)
        );
    } else {
        out.push_str("<ul>");
        for (i, a) in articles.iter().enumerate() {
            if bare.iter().any(|b| std::ptr::eq(*b, *a)) {
                let _ = write!(
                    out,
                    "<li><a href=\"#article-{i}\">{}</a></li>",
                    esc(&a.label.text)
                );
            }
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>\n");
    let _ = write!(out, "<nav><h2>{}</h2><ol>", t("Contents", lang));
    for (i, a) in articles.iter().enumerate() {
        let rules = a.items.iter().filter(|x| is_rule(x)).count();
        let _ = write!(
            out,
            "<li><a href=\"#article-{i}\">{}</a> <span class=\"count\">{rules} {}</span></li>",
            esc(&a.label.text),
            t("rules", lang)
        );
    }
    out.push_str("</ol></nav>\n");
    for (i, a) in articles.iter().enumerate() {
        article(&mut out, policy, a, i, lang);
    }
    let loose: Vec<&Item> = ast.items.iter().filter(|i| is_rule(i)).collect();
    if !loose.is_empty() {
        let _ = write!(
            out,
            "<section class=\"article\"><h2>{}</h2>",
            t("Outside any article", lang)
        );
        for item in loose {
            rule(&mut out, policy, item, lang);
        }
        out.push_str("</section>\n");
    }
    let free: Vec<_> = policy
        .assumptions
        .iter()
        .filter(|a| a.article.is_none())
        .collect();
    if !free.is_empty() {
        let _ = write!(
            out,
            "<section class=\"article\"><h2>{}</h2>",
            t("Assumptions outside any article", lang)
        );
        for a in free {
            assumption(&mut out, &a.name, &a.text, lang);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    out
}

fn header(out: &mut String, policy: &Policy, articles: &[&ArticleDecl], lang: Lang) {
    let m = &policy.meta;
    let _ = write!(
        out,
        "<header><p class=\"kicker\">{}</p><h1>{}</h1><dl class=\"meta\">",
        t("Measure view", lang),
        esc(&m.title)
    );
    let mut field = |label: &'static str, value: String| {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", t(label, lang), esc(&value));
    };
    if let Some(v) = &m.version {
        field("version", v.clone());
    }
    if let Some(v) = &m.issuer {
        field("issuer", v.clone());
    }
    field(
        "effective",
        m.effective
            .map_or_else(|| t("not set", lang).to_string(), |d| d.to_string()),
    );
    if let Some(term) = m.term {
        field("term", duration(term, lang));
    }
    if !m.repeals.is_empty() {
        field("repeals", m.repeals.join("、"));
    }
    let rules: usize = articles
        .iter()
        .map(|a| a.items.iter().filter(|x| is_rule(x)).count())
        .sum();
    let _ = writeln!(
        out,
        "</dl><p class=\"totals\">{} {} · {rules} {} · {} {}</p></header>",
        articles.len(),
        t("articles", lang),
        t("rules", lang),
        policy.assumptions.len(),
        t("assumptions", lang)
    );
}

fn duration(d: crate::syntax::ast::Duration, lang: Lang) -> String {
    use crate::syntax::ast::Duration::{Days, Months, Years};
    match (d, lang) {
        (Years(n), Lang::Zh) => format!("{n} 年"),
        (Months(n), Lang::Zh) => format!("{n} 个月"),
        (Days(n), Lang::Zh) => format!("{n} 日"),
        (Years(n), Lang::En) => format!("{n} years"),
        (Months(n), Lang::En) => format!("{n} months"),
        (Days(n), Lang::En) => format!("{n} days"),
    }
}

/// Whether an item inside an article encodes something (is not a quote or an assumption).
fn is_rule(item: &Item) -> bool {
    matches!(
        item,
        Item::Rule(_)
            | Item::Let(_)
            | Item::Life(_)
            | Item::Notice(_)
            | Item::Stars(_)
            | Item::State(_)
            | Item::Lifecycle(_)
    )
}

fn article(out: &mut String, policy: &Policy, a: &ArticleDecl, i: usize, lang: Lang) {
    let bare = !a.items.iter().any(is_rule);
    let _ = write!(
        out,
        "<section class=\"article{}\" id=\"article-{i}\"><h2>{}</h2>",
        if bare { " bare" } else { "" },
        esc(&a.label.text)
    );
    for q in &a.quotes {
        let _ = write!(
            out,
            "<blockquote><span class=\"label\">{}</span>{}</blockquote>",
            t("quoted text", lang),
            esc(&q.text)
        );
    }
    for item in &a.items {
        if let Item::Assume(x) = item {
            assumption(out, &x.name.text, &x.text.text, lang);
        }
    }
    if bare {
        let _ = write!(
            out,
            "<p class=\"none\">{}</p>",
            t("no rule encodes this article", lang)
        );
    } else {
        let _ = write!(out, "<h3>{}</h3>", t("rules encoding it", lang));
        for item in &a.items {
            if is_rule(item) {
                rule(out, policy, item, lang);
            }
        }
    }
    out.push_str("</section>\n");
}

fn assumption(out: &mut String, name: &str, text: &str, lang: Lang) {
    let _ = write!(
        out,
        "<aside class=\"assumption\"><span class=\"label\" title=\"{}\">☞ {}</span> <b>{}</b> {}</aside>",
        t("where the measure is silent or ambiguous", lang),
        t("assumption", lang),
        esc(name),
        esc(text)
    );
}

/// What an item is called and its span in the policy text.
fn describe(item: &Item) -> Option<(&'static str, String, Span)> {
    Some(match item {
        Item::Rule(RuleDecl::Indicator(i)) => ("indicator", i.name.text.clone(), i.span),
        Item::Rule(RuleDecl::Condition(g)) => ("condition", g.name.text.clone(), g.span),
        Item::Rule(RuleDecl::Veto(g)) => ("veto", g.name.text.clone(), g.span),
        Item::Let(l) => ("derived value", l.name.text.clone(), l.span),
        Item::Notice(n) => ("notice period", n.name.text.clone(), n.span),
        Item::Stars(s) => ("star scheme", s.name.text.clone(), s.span),
        Item::State(s) => ("state", s.name.text.clone(), s.span),
        Item::Lifecycle(l) => ("lifecycle rule", String::new(), l.span),
        Item::Life(l) => match &**l {
            LifeRule::Term(x) => ("lifecycle rule", x.name.text.clone(), x.span),
            LifeRule::Transition(x) => ("lifecycle rule", x.name.text.clone(), x.span),
            LifeRule::Next { name, span, .. } | LifeRule::List { name, span, .. } => {
                ("lifecycle rule", name.text.clone(), *span)
            }
            LifeRule::Suspend(x) => ("lifecycle rule", x.name.text.clone(), x.span),
            LifeRule::Assessment(x) => ("lifecycle rule", x.name.text.clone(), x.span),
            LifeRule::Require { field, span, .. } => ("lifecycle rule", field.text.clone(), *span),
        },
        _ => return None,
    })
}

fn rule(out: &mut String, policy: &Policy, item: &Item, lang: Lang) {
    let Some((kind, name, span)) = describe(item) else {
        return;
    };
    let def = policy.rule_index(&name).and_then(|i| policy.rules.get(i));
    let _ = write!(
        out,
        "<div class=\"rule {}\"><h4><span class=\"kind\">{}</span> {}</h4>",
        kind.replace(' ', "-"),
        t(kind, lang),
        esc(&name)
    );
    if let Some(def) = def {
        facts(out, policy, def, lang);
    }
    if let Item::Rule(RuleDecl::Indicator(i)) = item {
        for q in &i.quotes {
            let _ = write!(
                out,
                "<blockquote class=\"criterion\"><span class=\"label\">{}</span>{}</blockquote>",
                t("quoted text", lang),
                esc(&q.text)
            );
        }
        for a in &i.assumptions {
            assumption(out, &a.name.text, &a.text.text, lang);
        }
    }
    let text = policy.source.text();
    let (line, _) = policy.source.line_col(span.start);
    let _ = write!(
        out,
        "<details><summary>{} · {} {line}</summary><pre><code>{}</code></pre></details></div>",
        t("as the policy writes it", lang),
        t("line", lang),
        esc(text.get(span.start..span.end).unwrap_or(""))
    );
}

/// The citation, group and per-tier criteria of a checked rule.
fn facts(out: &mut String, policy: &Policy, def: &RuleDef, lang: Lang) {
    out.push_str("<dl class=\"facts\">");
    let _ = write!(
        out,
        "<dt>{}</dt><dd>{}</dd>",
        t("citation", lang),
        esc(&def.article)
    );
    if let Some(g) = &def.group {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", t("group", lang), esc(g));
    }
    if let Some((_, text)) = &def.applies {
        let _ = write!(
            out,
            "<dt>{}</dt><dd><code>{}</code></dd>",
            t("applies when", lang),
            esc(text)
        );
    }
    out.push_str("</dl>");
    if def.role != RuleRole::Indicator {
        return;
    }
    out.push_str("<table class=\"tiers\"><tbody>");
    for (tier, crit) in policy.tiers.iter().zip(&def.per_tier) {
        let Some(crit) = crit else { continue };
        let kind = match crit.kind {
            RuleKind::Constraint => t("constraint", lang),
            RuleKind::Guidance => t("guidance", lang),
        };
        let cases: Vec<String> = crit
            .branches
            .iter()
            .map(|b| {
                let checks: Vec<String> = b.checks.iter().map(|c| esc(&c.text)).collect();
                match &b.guard_text {
                    Some(g) => format!("<code>{}</code> ⇒ {}", esc(g), checks.join("；")),
                    None if crit.branches.len() > 1 => format!("⋯ ⇒ {}", checks.join("；")),
                    None => checks.join("；"),
                }
            })
            .collect();
        let _ = write!(
            out,
            "<tr><th>{}</th><td class=\"k\">{kind}</td><td>{}</td></tr>",
            esc(&tier.name),
            cases.join("<br>")
        );
    }
    out.push_str("</tbody></table>");
}

const STYLE: &str = "
body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei','PingFang SC','Microsoft YaHei',sans-serif;margin:0;background:#f6f5f1;color:#1d1d1f;line-height:1.6}
main.measure{max-width:60rem;margin:0 auto;padding:1.5rem}
header h1{margin:.2rem 0;font-size:1.6rem}
.kicker{color:#8a1c1c;font-weight:600;margin:0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
dl.meta dt{color:#666}dl.meta dd{margin:0}
.totals{color:#444}
nav ol{columns:2;padding-left:1.5rem}
.count{color:#888;font-size:.85em}
section.article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}
section.article.bare{border-left:4px solid #c98a00}
section.unencoded{background:#fff8e6;border:1px solid #e8c872;border-radius:6px;padding:.5rem 1.25rem}
blockquote{margin:.5rem 0;padding:.5rem .75rem;border-left:4px solid #8a1c1c;background:#faf7f2}
blockquote .label,aside .label{display:inline-block;font-size:.75em;color:#fff;background:#8a1c1c;border-radius:3px;padding:0 .35rem;margin-right:.5rem}
aside.assumption{margin:.5rem 0;padding:.4rem .75rem;background:#eef4fb;border-left:4px solid #2f6db5}
aside .label{background:#2f6db5}
.rule{border-top:1px dashed #ddd;padding:.5rem 0}
.rule h4{margin:.2rem 0}
.kind{font-size:.75em;background:#444;color:#fff;border-radius:3px;padding:0 .35rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:.25rem 0}
dl.facts dt{color:#666}dl.facts dd{margin:0}
table.tiers{border-collapse:collapse;margin:.25rem 0}
table.tiers th,table.tiers td{border:1px solid #ddd;padding:.15rem .5rem;text-align:left;vertical-align:top}
td.k{white-space:nowrap;color:#555}
pre{background:#272822;color:#f8f8f2;padding:.6rem;border-radius:4px;overflow-x:auto;font-size:.85em}
p.none{color:#a06a00;font-style:italic}
";

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]
    use super::*;

    const POLICY: &str = r#"measure "测试办法" { version "1" }
unit 元
unit 万元 = 10000 元
tier 甲
tier 乙
input 名称: name
input 申报类型: tier
input 收入: 万元
article 第一条 {
  quote "收入不低于100万元（乙类50万元）。"
  assume 收入口径 "收入 is the operating revenue of the year before the application."
  indicator 收入 = 收入 {
    cite "第一条"
    甲 constraint >= 100 万元
    乙 guidance >= 50 万元
  }
}
article 第二条 {
  quote "本办法由某厅负责解释。"
}
decision {
  not_eligible when any constraint is fail
  undetermined when any constraint is unknown
  otherwise eligible
}
"#;

    #[test]
    fn each_article_shows_its_text_rules_and_assumptions_and_the_bare_ones_are_listed() {
        let source = crate::Source::new("测试.jidi", POLICY);
        let policy = crate::check::check(&source)
            .policy
            .expect("the test policy checks");
        let ast = crate::syntax::parse_policy(&source).expect("it parses");
        insta::assert_snapshot!("measure_view_en", body(&policy, &ast, Lang::En));
        let zh = body(&policy, &ast, Lang::Zh);
        assert!(zh.contains("未编码为规则的条款") && zh.contains("本条款没有编码规则"));
    }
}
