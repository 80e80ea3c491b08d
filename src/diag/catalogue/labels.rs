//! The catalogue's words: statuses, verdicts and kinds of rules, and the labels of tables,
//! summaries, explanations and timelines. A `word` is one `&'static str` in the language asked
//! for; statuses and verdicts are shown through their enums (`Status::word`, `Verdict::word` in
//! [`crate::i18n`]), so every front end says them the same way.

catalogue! {
    /// Rule statuses, verdicts and kinds of rules, one Chinese word each.
    status_words {
        word eligible() "eligible" "符合";
        word not_eligible() "not_eligible" "不符合";
        word undetermined() "undetermined" "待定";
        word pass() "pass" "通过";
        word fail() "fail" "未通过";
        word unknown() "unknown" "未知";
        word not_applicable() "not_applicable" "不适用";
        word n_a() "n/a" "不适用";
        word condition() "condition" "条件";
        word veto() "veto" "否决";
        word constraint() "constraint" "约束性";
        word guidance() "guidance" "引导性";
        word relaxed() "relaxed" "放宽标准";
        word absent() "absent" "不存在";
        word rejected() "rejected" "未能读取";
    }

    /// The labels of verdict tables, explanations of a rule and batch summaries.
    table_words {
        word unnamed() "(unnamed)" "（未命名）";
        word records() "records" "条记录";
        word most_frequent_failures() "most frequent blocking failures:" "最常导致不符合的规则：";
        word vs() "vs" "对比";
        word margin() "margin" "差额";
        word given() "given" "已知";
        word missing() "missing" "缺少";
        word triggered_by() "triggered by" "触发事件";
        word case() "case" "情形";
        word known_to_be() "known to be" "已知范围";
        word exception() "exception" "例外";
        word binding() "binding" "约束力";
        word decision() "decision" "判定";
        word is() "is" "为";
        word note() "note" "说明";
        word error() "error" "错误";
        word warning() "warning" "警告";
    }

    /// The labels of `jidi diff --witness` and `jidi test --coverage`.
    verify_words {
        word equivalent() "equivalent" "等价";
        word narrower() "narrower" "收窄";
        word wider() "wider" "放宽";
        word both() "both" "有收有放";
        word verdict() "verdict" "结论";
        word witnesses() "witnesses (each evaluated under both versions):" "见证记录（均已按新旧两版评价核实）：";
        word old_only() "eligible under the old version only" "仅旧版符合";
        word new_only() "eligible under the new version only" "仅新版符合";
        word all_covered() "coverage: every outcome of every rule is asserted" "覆盖：每条规则的每种结果都有用例断言";
        word not_covered() "coverage: outcomes no case asserts:" "覆盖：以下结果没有用例断言：";
        word unreachable() "outcomes no record can give (proved, not asked):" "不可能出现的结果（已证明，不要求用例）：";
    }

    /// The labels of timelines and star ratings.
    timeline_words {
        word as_of() "as of" "截至";
        word holds() "holds" "持有";
        word since() "since" "始于";
        word from() "from" "自";
        word review_due_by() "re-review due by" "复审截止";
        word late_review_until() "a late review counts until" "逾期复审截止";
        word review_overdue() "re-review overdue" "复审已逾期";
        word renewals() "renewals" "次续期";
        word next() "next" "预计";
        word list() "list" "名单";
        word suspend() "suspend" "暂停";
        word bases() "bases" "个基地";
        word in_year() "in" "于";
        word applications_suspended() "applications suspended" "暂停申报";
        word pending() "pending" "待认定";
        word active() "active" "在册";
        word revoked() "revoked" "撤销";
        word lapsed() "lapsed" "失效";
        word excluded() "excluded" "移出";
        word score() "score" "得分";
        word scheme_assumed() "the star scheme is an assumption" "星级计算方法是假设";
    }
}
