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
        text cannot_write(path, why) "error: cannot write {path}: {why}" "错误：无法写入 {path}：{why}";
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
}
