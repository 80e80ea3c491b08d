//! The catalogue's texts of results: why a rule's status is what it is (the notes of rule
//! results), why a value could not be computed, and why the solver gave no answer. They are
//! made as texts with their arguments and rendered where they are shown; JSON keeps the English.

catalogue! {
    /// Notes of rule results.
    note {
        text tier_unknown() "the record's tier is unknown" "记录的申报类别未知";
        text not_for_tier() "not a rule for this tier" "不适用于该类别";
        text applies_when(test) "applies when {test}" "仅当 {test} 时适用";
        text cannot_tell(test) "cannot tell whether `{test}` holds" "无法判断 `{test}` 是否成立";
        text every_case_passes(test)
            "cannot tell whether `{test}` holds, but every case that may apply passes (shown: the strictest)"
            "无法判断 `{test}` 是否成立，但可能适用的各情形均满足（所示为最严格的情形）";
        text every_case_fails(test)
            "cannot tell whether `{test}` holds, but every case that may apply fails (shown: the most lenient)"
            "无法判断 `{test}` 是否成立，但可能适用的各情形均不满足（所示为最宽松的情形）";
        text no_case() "no case of the criterion applies" "标准中没有适用的情形";
        text exception(name, article) "`{name}` ({article})" "`{name}`（{article}）";
        text waived(exception, test) "waived by exception {exception} where `{test}`" "因例外 {exception} 免除（`{test}`）";
        text conflict(a, b)
            "exceptions {a} and {b} both apply: the measure gives no one answer"
            "例外 {a} 与 {b} 同时适用：办法未给出唯一结论";
        text exception_unknown_same(exception, test)
            "cannot tell whether exception {exception} applies (`{test}`), but with it or without it the result is the same"
            "无法判断例外 {exception} 是否适用（`{test}`），但适用与否结果相同";
        text exception_unknown(exception, test)
            "cannot tell whether exception {exception} applies (`{test}`)"
            "无法判断例外 {exception} 是否适用（`{test}`）";
        text binding(name, article) "`{name}` ({article})" "`{name}`（{article}）";
        text panel(binding, case)
            "left to the panel by binding {binding} where `{case}`: the figure falls short of the rule's criterion"
            "依约束力规定 {binding} 交由评审组确定（`{case}`）：数值未达到该规则的标准";
        text binding_unknown_same(field, binding)
            "`{field}` is unknown, so binding {binding} cannot be told, but under every binding it may have the result is the same"
            "`{field}` 未知，无法确定约束力规定 {binding} 如何适用，但在其各种可能的约束力下结果相同";
        text binding_unknown(field, binding)
            "`{field}` is unknown, so binding {binding} cannot be told: how far the rule binds is undetermined"
            "`{field}` 未知，无法确定约束力规定 {binding} 如何适用：该规则的约束力待定";
        text let_failed(name, error) "`{name}` cannot be computed: {error}" "`{name}` 无法计算：{error}";
    }
    /// Why a value could not be computed.
    eval_error {
        text overflow() "arithmetic overflow" "算术溢出";
        text division_by_zero() "division by zero" "除数为零";
        text date_out_of_range() "date out of range" "日期超出范围";
        text growth_undefined()
            "an average growth needs two yearly figures or more, from a first above zero"
            "年均增速需要两个或以上年度数值，且首年数值大于零";
    }
    /// The lines of `jidi template`.
    template_run {
        text wrote(path, inputs) "wrote {path} ({inputs} inputs)" "已写入 {path}（{inputs} 项输入）";
        text wrote_filled(path, inputs, parks) "wrote {path} ({inputs} inputs, {parks} parks)" "已写入 {path}（{inputs} 项输入，{parks} 个园区）";
    }
    /// The lines of `jidi test`.
    test_run {
        text file(path, cases, policy) "{path} ({cases} cases, policy {policy})" "{path}（{cases} 个用例，政策 {policy}）";
        text ok(name) "  ok    {name}" "  通过  {name}";
        text failed(name) "  FAIL  {name}" "  失败  {name}";
        text no_history(states) "  note: no case's history passes through {states}" "  说明：没有用例的历史经过 {states}";
        text no_assertion(articles) "  note: no case asserts a rule of {articles}" "  说明：没有用例断言 {articles} 的规则";
        text no_files() "error: no test files (*.test.yaml) found" "错误：未找到测试文件（`*.test.yaml`）";
        text unreadable(why) "error: {why}" "错误：{why}";
        text summary(passed, failed) "{passed} passed, {failed} failed" "{passed} 个通过，{failed} 个失败";
    }
    /// The lines of a failing case of `jidi test`: what the case expects and what the policy gives.
    test_failure {
        text record_unreadable(errors) "the record cannot be read: {errors}" "记录无法读取：{errors}";
        text verdict(want, got) "verdict: expected {want}, got {got}" "结论：应为 {want}，实际为 {got}";
        text because() " because" "，原因如下";
        text blocking(article, rule, status, why) "{article} {rule} {status}: {why}" "{article} {rule} {status}：{why}";
        text no_rule(rule) "rule `{rule}`: the policy has no such rule" "规则 `{rule}`：政策文件中没有该规则";
        text rule(rule, want, got, why) "rule `{rule}`: expected {want}, got {got} — {why}" "规则 `{rule}`：应为 {want}，实际为 {got} — {why}";
        text no_figure_rule(rule) "figure of `{rule}`: the policy has no such rule" "`{rule}` 的数值：政策文件中没有该规则";
        text figure(rule, want, got) "figure of `{rule}`: expected {want}, got {got}" "`{rule}` 的数值：应为 {want}，实际为 {got}";
        text none() "none" "无";
        text no_scheme(scheme) "stars `{scheme}`: the policy has no such star scheme" "星级 `{scheme}`：政策文件中没有该星级方案";
        text stars(scheme, want, got, score) "stars `{scheme}`: expected {want}, got {got} (score {score})" "星级 `{scheme}`：应为 {want}，实际为 {got}（得分 {score}）";
        text no_lifecycle() "the policy states no lifecycle" "政策文件没有规定生命周期";
        text history_unreadable(errors) "the history cannot be read: {errors}" "历史记录无法读取：{errors}";
        text breaks_require(field, text) "the history breaks `require {field}`: {text}" "历史记录不满足 `require {field}`：{text}";
        text expected(what, want, got) "{what}: expected {want}, got {got}" "{what}：应为 {want}，实际为 {got}";
        text reasons(reasons) " ({reasons})" "（{reasons}）";
        text status() "status" "状态";
        text state() "state" "阶段";
        text since() "since" "起始日期";
        text tier() "tier" "类别";
        text lists() "lists" "名单";
        text undetermined() "undetermined" "待定事项";
        text suspended() "suspended" "暂停申报";
        text history() "history" "历程";
        text no_next(name) "next `{name}`: the timeline gives no such value" "下一步 `{name}`：时间线没有该项";
        text next(name, want, got) "next `{name}`: expected {want}, got {got}" "下一步 `{name}`：应为 {want}，实际为 {got}";
        text round_unreadable(origin) "the record {origin} cannot be read" "记录 {origin} 无法读取";
        text no_round_rule() "the policy has no round rule (`quota`)" "政策文件没有限额规则（`quota`）";
        text cut_by(rule) "cut by {rule}" "因 {rule} 落选";
        text made_cut() "made the cut" "入选";
        text open() "undetermined" "待定";
        text unlisted(who, got) "`{who}` is ranked ({got}) but no list names it" "`{who}` 参与了排序（{got}），但没有名单列出它";
        text round_expected(who, want, got) "`{who}`: expected {want}, got {got}" "`{who}`：应为 {want}，实际为 {got}";
        text not_ranked(who) "`{who}` is not ranked by the round" "`{who}` 没有参与本轮排序";
    }
    /// Why a test file cannot be read: its place, and the reader's own words quoted.
    test_file {
        text cannot_read(path, why) "cannot read {path}: {why}" "无法读取 {path}：{why}";
        text invalid(path, why) "{path}: not a valid test file: {why}" "{path}：不是有效的测试文件：“{why}”";
        text unparsable(path, why) "{path}: {why}" "{path}：无法解析：“{why}”";
        text not_a_date(path, case, date) "{path}: case `{case}`: `as_of: {date}` is not a date (YYYY-MM-DD)" "{path}：用例 `{case}`：`as_of: {date}` 不是日期（YYYY-MM-DD）";
        text no_as_of(path, case) "{path}: case `{case}` expects a timeline but gives no `as_of` date" "{path}：用例 `{case}` 断言了时间线，却没有给出 `as_of` 日期";
        text round_records(path, case) "{path}: case `{case}` is a round: its records go under `round: { records: [...] }`" "{path}：用例 `{case}` 是一轮限额用例：其记录应写在 `round: { records: [...] }` 下";
        text no_record(path, case) "{path}: case `{case}` has no record and the file no base" "{path}：用例 `{case}` 没有记录，文件也没有 `base`";
        text not_object(case) "case `{case}`: its record is not an object" "用例 `{case}`：其记录不是对象";
        text not_json(why) "{why}" "无法转换为 JSON：“{why}”";
    }
}
