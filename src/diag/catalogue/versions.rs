//! The catalogue's words for two versions of a policy: the lines of `jidi diff` (the parts of a
//! policy, what about them changed, how a rule or a lifecycle reads) and of `jidi compare`.

catalogue! {
    /// The lines of `jidi diff` and the parts of a policy it names where no article does.
    diff_lines {
        text no_differences() "no differences in meaning" "含义没有差别";
        text count(count) "{count} differences" "共 {count} 处差别";
        text change(subject, aspect, old, new) "  {subject} · {aspect}: {old}  →  {new}" "  {subject} · {aspect}：{old}  →  {new}";
        text measure() "measure" "办法";
        text units() "units" "单位";
        text inputs() "inputs" "字段";
        text enumerations() "enumerations" "枚举";
        text sets() "sets" "集合";
        text tiers() "tiers" "类别";
        text derived_values() "derived values" "派生值";
        text assumptions() "assumptions" "假设";
        text calendar() "calendar" "日历";
        text lifecycle() "lifecycle" "生命周期";
        text lifecycle_inputs() "lifecycle inputs" "生命周期字段";
        text decision() "decision" "判定";
        text decisions() "decisions" "判定";
    }

    /// The kinds of things a policy declares, as `jidi diff` names them added or removed.
    diff_items {
        text added(what) "{what} added" "新增{what}";
        text removed(what) "{what} removed" "删除{what}";
        text unit() "unit" "单位";
        text input() "input" "字段";
        text enumeration() "enumeration" "枚举";
        text set() "set" "集合";
        text tier() "tier" "类别";
        text derived_value() "let" "派生值";
        text assumption() "assumption" "假设";
        text decision() "decision" "判定";
        text notice() "notice" "公示期";
        text star_scheme() "star scheme" "星级方案";
        text lifecycle_rule() "lifecycle rule" "生命周期规则";
        text indicator() "indicator" "指标";
        text condition() "condition" "条件";
        text veto() "veto" "否决项";
    }

    /// What about a thing changed, in `jidi diff`.
    diff_aspects {
        text title() "title" "名称";
        text version() "version" "版本";
        text issuer() "issuer" "发布机关";
        text effective() "effective" "施行日期";
        text term() "term" "有效期限";
        text repeals() "repeals" "废止";
        text type_of() "type" "类型";
        text values() "values" "取值";
        text members() "members" "成员";
        text value() "value" "值";
        text text() "text" "文本";
        text definition() "definition" "定义";
        text rule() "rule" "规则";
        text file_and_years() "file and years" "文件与年份";
        text renamed() "renamed" "更名";
        text article() "article" "条款";
        text kind_of_rule() "kind of rule" "规则种类";
        text group() "group" "一级指标";
        text criterion_text() "criterion text" "标准原文";
        text nature() "nature" "性质";
        text applies_when() "applies when" "适用条件";
        text applies_when_reads(test) "applies when {test}" "适用条件 {test}";
        text figure() "figure" "指标值类型";
        text tier_removed(tier) "tier {tier} removed" "删除类别 {tier}";
        text all_tiers() "all tiers" "所有类别";
        text when_case(guard) " when {guard}" "（当 {guard}）";
        text now_applies(tier) "now applies to {tier}" "现适用于{tier}";
        text now_applies_shared() "now applies to" "现适用";
        text no_longer_applies(tier) "no longer applies to {tier}" "不再适用于{tier}";
        text no_longer_applies_shared() "no longer applies to" "不再适用";
        text kind(tier) "kind {tier}" "{tier}约束力";
        text kind_shared() "kind" "约束力";
        text criterion(tier) "criterion {tier}" "{tier}标准";
        text criterion_shared() "criterion" "标准";
        text case(tier, case) "case {tier}{case}" "{tier}情形{case}";
        text case_shared(case) "case{case}" "情形{case}";
        text threshold(tier, case) "threshold {tier}{case}" "{tier}门槛{case}";
        text threshold_shared(case) "threshold{case}" "门槛{case}";
        text test(tier, case) "test {tier}{case}" "{tier}条件{case}";
        text test_shared(case) "test{case}" "条件{case}";
    }

    /// How `jidi diff` writes a rule, a period, a star scheme or a state of a lifecycle.
    diff_values {
        text quoted(text) "\"{text}\"" "\"{text}\"";
        text plain(text) "{text}" "{text}";
        text years(count) "{count} years" "{count} 年";
        text months(count) "{count} months" "{count} 个月";
        text days(count) "{count} days" "{count} 日";
        text base_unit() "a base unit" "基本单位";
        text constraint() "constraint" "约束性";
        text guidance() "guidance" "引导性";
        text condition() "condition" "条件";
        text veto() "veto" "否决";
        text indicator() "indicator" "指标";
        text kind_checks(kind, branches) "{kind} {branches}" "{kind} {branches}";
        text one_of(first, second) "{first} / {second}" "{first} / {second}";
        text branch_when(guard, checks) "when {guard} => {checks}" "当 {guard} => {checks}";
        text in_old_unit(threshold, old) "{threshold} (= {old})" "{threshold}（= {old}）";
        text every_tier(criteria) "all tiers: {criteria}" "所有类别：{criteria}";
        text for_tier(tier, criteria) "{tier}: {criteria}" "{tier}：{criteria}";
        text applies_then(test, criteria) "applies when {test}; {criteria}" "仅当 {test} 时适用；{criteria}";
        text working_days(count, start) "{count} working days, {start}" "{count} 个工作日，{start}";
        text start_counts() "start day counts" "首日计入";
        text start_excluded() "start day excluded" "首日不计";
        text weights(items) "weights {items}" "权重 {items}";
        text points(rule, bands, otherwise) "points {rule} { {bands}; otherwise {otherwise} }" "{rule} 计分 { {bands}；其余 {otherwise} 分 }";
        text points_when(points, test) "{points} when {test}" "{test} 时 {points} 分";
        text bands(bands) "bands {bands}" "星级 {bands}";
        text band(stars, from) "{stars} from {from}" "{from} 分起 {stars} 星";
        text otherwise(stars) "otherwise {stars}" "其余 {stars} 星";
        text unknown_fails() "unknown is fail" "未知视为未通过";
        text state(status, holds, first) "{status}{holds}{first}" "{status}{holds}{first}";
        text holds(tier) " holds {tier}" "，持有 {tier}";
        text first_state() " (first state)" "（初始状态）";
        text pending() "pending" "待认定";
        text active() "active" "在册";
        text revoked() "revoked" "撤销";
        text lapsed() "lapsed" "失效";
        text excluded() "excluded" "移出";
        text undetermined() "undetermined" "待定";
    }

    /// The lines of `jidi compare`.
    compare_lines {
        text record(name, old, new, place) "{name}  {old} → {new}  ({place})" "{name}  {old} → {new}（{place}）";
        text unnamed() "(unnamed)" "（未命名）";
        text rejected() "rejected" "未能读取";
        text rule(article, name, old, new) "    {article} {name}: {old} → {new}" "    {article} {name}：{old} → {new}";
        text status_of_kind(status, kind) "{status} ({kind})" "{status}（{kind}）";
        text before(detail) "        before: {detail}" "        旧版：{detail}";
        text after(detail) "        after:  {detail}" "        新版：{detail}";
        text old_unreadable(record, policy) "{record}: the old version ({policy}) cannot read this record (see the errors above)" "{record}：旧版（{policy}）无法读取该记录（见上方错误）";
        text new_unreadable(record, policy) "{record}: the new version ({policy}) cannot read this record (see the errors above)" "{record}：新版（{policy}）无法读取该记录（见上方错误）";
        text totals(records, changed) "{records} records, {changed} judged differently" "共 {records} 条记录，{changed} 条结论不同";
        text tier_eligible(tier, before, after) "  {tier}: eligible {before} → {after}" "  {tier}：符合 {before} → {after}";
        text rejected_count(before, after) "  rejected: {before} → {after}" "  未能读取：{before} → {after}";
        text no_round() "-" "-";
        text cut_by(rule) "cut by {rule}" "因 {rule} 落选";
        text not_ranked() "not ranked" "未参与排名";
    }
}
