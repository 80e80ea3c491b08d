//! The panel report's words in both languages, by their English form: headings and column
//! titles. Statuses, verdicts and kinds are the catalogue's words, as every front end says them
//! ([`crate::diag::catalogue::status_words`]).

use crate::eval::Status;
use crate::i18n::Lang;
use crate::syntax::ast::Verdict;

/// Every label of the report: English, Chinese.
const LABELS: &[(&str, &str)] = &[
    ("report", "评审报告"),
    ("parks", "个园区"),
    ("report on", "评审园区"),
    ("version", "版本"),
    ("policy file", "政策文件"),
    ("SHA-256", "SHA-256"),
    ("generated", "生成日期"),
    ("effective", "施行日期"),
    ("Summary", "汇总"),
    ("tier", "申报类型"),
    ("total", "合计"),
    ("all", "全部"),
    ("rejected", "未能读取"),
    ("record(s) rejected: they could not be read, so have no verdict (listed below with their errors).",
     "份记录未能读取，没有判定结果（错误见下文）。"),
    ("Most frequent blocking failures", "最常未达到的规则"),
    ("No condition, veto or constraint fails for any park.", "没有园区未满足任何条件、否决项或约束性指标。"),
    ("rule", "规则"),
    ("Round", "限额"),
    ("round group", "分组"),
    ("rank", "名次"),
    ("count", "组内数量"),
    ("limit", "名额"),
    ("outcome", "结果"),
    ("article", "条款"),
    ("kind", "类别"),
    ("park count", "园区数"),
    ("Parks", "园区"),
    ("park", "园区"),
    ("verdict", "判定"),
    ("record", "记录"),
    ("Rejected records", "未能读取的记录"),
    ("Assumptions", "假设"),
    ("Where the measure does not say, the policy assumes:", "办法未作规定之处，本政策文件假设如下："),
    ("name", "名称"),
    ("assumption", "假设内容"),
    ("title", "称号"),
    ("decision", "判定"),
    ("Decided by", "判定依据"),
    ("group", "一级指标"),
    ("passed", "通过"),
    ("share", "比例"),
    ("groups", "一级指标"),
    ("For each group, the share of its indicators that apply to this park and pass (constraint and guidance alike; unknown counts as not passed). The outer ring is 100%; groups with no indicator for this park are left out.",
     "图示：每个一级指标下适用于本园区的二级指标中通过的比例（约束性与引导性同计；未知按未通过计）。外圈为 100%；无适用指标的一级指标不画出。"),
    ("The share of each group's indicators that apply and pass (unknown counts as not passed):",
     "每个一级指标下适用且通过的二级指标比例（未知按未通过计）："),
    ("Conditions and vetoes", "条件与否决"),
    ("status", "结果"),
    ("detail", "详情"),
    ("Indicators", "指标"),
    ("other indicators", "其他指标"),
    ("indicator", "指标"),
    ("article and criterion", "条款与评价标准"),
    ("figure", "数值"),
    ("threshold", "标准"),
    ("margin", "差额"),
    ("missing", "缺少"),
    ("Not applicable to this park", "不适用于本园区"),
    ("(unnamed)", "（未命名）"),
];

/// A label in `lang`; a label the table does not know stays as it is.
pub fn t(en: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => LABELS
            .iter()
            .find(|(e, _)| *e == en)
            .map_or(en, |(_, zh)| zh),
    }
}

/// A verdict in `lang`: `eligible`, `符合`, as every front end says it.
pub fn verdict(v: Verdict, lang: Lang) -> &'static str {
    v.word(lang)
}

/// A status in `lang`: `fail`, `未通过`; `n/a`, `不适用`.
pub fn status(s: Status, lang: Lang) -> &'static str {
    s.column_word(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_chinese() {
        for (en, zh) in LABELS {
            assert!(!zh.is_empty() && (*en == "SHA-256" || zh != en), "{en}");
        }
        assert_eq!(status(Status::Fail, Lang::Zh), "未通过");
        assert_eq!(verdict(Verdict::NotEligible, Lang::En), "not_eligible");
    }
}
