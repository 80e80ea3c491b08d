//! The catalogue's entries for the solver: what `jidi check --analyze` proves about a policy, and
//! why a question got no answer (the constructs the encoder does not model among them).

catalogue! {
    /// Parts of a policy the solver could not analyse.
    analyze_undecided = "jidi::analyze::undecided" Warning {
        message not_analysed(what, why) "{what} were not analysed: {why}" "{what} 未能分析：{why}";
        text the_rules() "the rules" "规则";
        text the_lifecycle() "the lifecycle" "生命周期";
        text install_z3() "install Debian's z3 package for `--analyze`, or raise `--timeout`" "请安装 Debian 的 z3 软件包以使用 `--analyze`，或调高 `--timeout`";
    }

    /// A rule no record can pass.
    analyze_never_passes = "jidi::analyze::never_passes" Warning {
        message veto_always(veto, tiers) "veto `{veto}` triggers for every record the inputs allow ({tiers})" "否决项 `{veto}` 对字段允许的所有记录都成立（{tiers}）";
        message never_passes(rule, tiers) "`{rule}` can never pass for {tiers}: no record the inputs allow meets it" "`{rule}` 对 {tiers} 永远无法通过：字段允许的任何记录都不满足";
        text check_threshold() "check its threshold and the inputs' `range` against the measure" "请对照办法核对其阈值及字段的 `range`";
        text any_tier() "any tier" "任何类别";
    }

    /// A veto no record triggers.
    analyze_veto_never_triggers = "jidi::analyze::veto_never_triggers" Warning {
        message never_triggers(veto, tiers) "veto `{veto}` can never trigger for {tiers}: no record the inputs allow meets its test" "否决项 `{veto}` 对 {tiers} 永远不会成立：字段允许的任何记录都不满足其条件";
        text check_test() "check the veto's test against the measure: its conditions may contradict each other" "请对照办法核对该否决项的条件：其中的条件可能相互矛盾";
    }

    /// A rule no record fails.
    analyze_never_fails = "jidi::analyze::never_fails" Warning {
        message never_fails(rule, tiers) "`{rule}` can never fail for {tiers}: every record the inputs allow meets it or leaves it unknown" "`{rule}` 对 {tiers} 永远不会未通过：字段允许的记录都满足它或结果未知";
        text decides_nothing() "a rule that cannot fail decides nothing; check its threshold against the measure" "不可能不满足的规则不起作用；请对照办法核对其阈值";
    }

    /// A case of a rule no record reaches.
    analyze_case_never_taken = "jidi::analyze::case_never_taken" Warning {
        message never_taken(case, rule, tier) "case `when {case}` of `{rule}` ({tier}) is never taken: no record the inputs allow reaches it past the cases before it" "`{rule}`（{tier}）的情形 `when {case}` 永远不会被采用：字段允许的记录都会先落入前面的情形";
        text reorder() "reorder the cases, or remove this one" "请调整各情形的顺序，或删除此情形";
    }

    /// Two cases that overlap.
    analyze_case_overlap = "jidi::analyze::case_overlap" Warning {
        message overlap(earlier, case, rule, tier, example) "cases `when {earlier}` and `when {case}` of `{rule}` ({tier}) overlap, e.g. for {example}: the first is taken" "`{rule}`（{tier}）的情形 `when {earlier}` 与 `when {case}` 有重叠，如 {example}：采用前者";
        text make_exclusive() "make the cases exclusive, or put the more specific one first" "请使各情形互斥，或把更具体的情形放在前面";
    }

    /// Records no case covers.
    analyze_case_gap = "jidi::analyze::case_gap" Warning {
        message gap(rule, tier, example) "`{rule}` has no threshold for {tier} where none of its cases holds, e.g. for {example}: such a park fails it" "`{rule}` 在其各情形都不成立时对 {tier} 没有阈值，如 {example}：这样的园区不通过该规则";
        text add_else() "add an `else => …` case, or a case for these records" "请添加 `else => …` 情形，或为这些记录添加一个情形";
    }

    /// A transition no base history fires.
    analyze_transition_never_fires = "jidi::analyze::transition_never_fires" Warning {
        message never_fires(transition) "transition `{transition}` can never fire: no base-history record the inputs allow gives it a date" "转换 `{transition}` 永远不会发生：字段允许的任何基地历史记录都不会给出其日期";
        message never_fires_when(transition) "transition `{transition}` can never fire: no base-history record the inputs allow gives it a date with its `when` holding" "转换 `{transition}` 永远不会发生：字段允许的任何基地历史记录都不会在其 `when` 成立时给出日期";
        text check_since_when() "check its `since` and `when` against the measure" "请对照办法核对其 `since` 与 `when`";
    }

    /// Why the solver gave no answer (`diff --witness`, `check --analyze`, `test --coverage`).
    solver_reason {
        text no_solver(program, why)
            "no solver: cannot start `{program}` ({why}); install Debian's z3 package, or name the binary in JIDI_Z3"
            "没有求解器：无法启动 `{program}`（{why}）；请安装 Debian 的 z3 软件包，或用 JIDI_Z3 指定其路径";
        text timeout() "the solver found no answer within the time bound" "求解器未能在时限内作答";
        text failed(why) "the solver failed: {why}" "求解器出错：{why}";
        text two_versions() "two versions" "需要新旧两个版本";
        text not_modelled(what) "the encoder does not model {what}" "编码器尚不支持{what}";
        text did_not_hold(old, new)
            "the solver's record did not hold when evaluated: old {old}, new {new}"
            "求解器给出的记录经评价不成立：旧版 {old}，新版 {new}";
        text did_not_hold_rounded(old, new)
            "the solver's record did not hold when evaluated (a figure was rounded to a decimal): old {old}, new {new}"
            "求解器给出的记录经评价不成立（有数值被舍入为小数）：旧版 {old}，新版 {new}";
        text no_longer_found() "a record the solver no longer finds" "求解器再次求解时找不到的记录";
        text some_undecided() "some outcomes could not be decided in time" "部分结果未能在时限内判定";
        text eligible() "eligible" "符合";
        text not_eligible() "not_eligible" "不符合";
        text undetermined() "undetermined" "待定";
        text rejected() "rejected" "未能读取";
    }

    /// The constructs the solver's encoder does not model, named in its reasons.
    encoder_refuses {
        text in_non_list() "`in` a value that is not a list" "对非列表值使用 `in`";
        text within_unwritten() "`within` a duration that is not written out" "`within` 的期限不是直接写出的";
        text within_non_dates() "`within` on values that are not dates" "对非日期值使用 `within`";
        text binding() "a binding by field" "按字段确定的约束力规定";
        text builtin_arguments() "a built-in function with other arguments" "参数不同的内置函数";
        text choice_of_shapes() "a choice between values of different shapes" "在结构不同的值之间选择";
        text shift_unwritten() "a date shifted by a duration that is not written out" "按非直接写出的期限推移日期";
        text solver_date() "a date the solver gave" "求解器给出的日期";
        text decision_reading_another() "a decision reading another" "引用其他判定的判定";
        text field_of_non_record() "a field of a value that is not a record" "非记录值的字段";
        text field_read_as(ty) "a field read as {ty}" "按 {ty} 读取的字段";
        text solver_fraction() "a figure the solver gave that is not a fraction" "求解器给出的非分数数值";
        text too_large() "a figure too large for a decimal" "超出小数范围的数值";
        text no_unit() "a figure with no unit" "没有单位的数值";
        text as_of_order() "a lifecycle whose `as_of` is not after its inputs" "`as_of` 不在其输入之后的生命周期";
        text lookup_non_map() "a lookup in a value that is not a map" "在非映射值中查找";
        text lookup_key() "a map looked up with a key that is not a constant text" "以非常量文本为键的映射查找";
        text negation() "a negation of a value that is not a number" "对非数值取负";
        text quantifier_non_list() "a quantifier over a value that is not a list" "作用于非列表值的量词";
        text record_constant() "a record or map constant" "记录或映射常量";
        text record_shape() "a record shape" "记录结构";
        text tiers_not_policys() "a rule whose tiers are not the policy's" "类别与政策文件不一致的规则";
        text shift_non_date() "a shift of a value that is not a date" "对非日期值的推移";
        text shift_too_far() "a shift of more than 100 years" "超过 100 年的推移";
        text table_lookup() "a table read by key" "按键读取的表";
        text conversion() "a unit conversion of a value that is not a number" "对非数值的单位换算";
        text solver_enum() "an enumeration value the solver gave" "求解器给出的枚举值";
        text structured_equality() "an equality of lists, records or maps" "列表、记录或映射的相等比较";
        text exception() "an exception" "例外";
        text order_comparison() "an order comparison of values that are not numbers or dates" "非数值、非日期值的大小比较";
        text arithmetic() "arithmetic on values that are not numbers" "对非数值的算术运算";
        text date_of_non_numbers() "`date()` of values that are not numbers" "参数不是数值的 `date()`";
        text derived(index) "derived value #{index}" "派生值 #{index}";
        text field_index(index) "field #{index}" "字段 #{index}";
        text figure() "`figure(…)`" "`figure(…)`";
        text growth() "`growth(…)`" "`growth(…)`";
        text input_index(index) "input #{index}" "输入 #{index}";
        text passed() "`passed(…)`" "`passed(…)`";
        text rounds() "round rules (`quota`), which cut a record by the others in its round" "限额规则（`quota`），它按同一轮的其他记录筛选记录";
        text sum() "`sum`" "求和（`sum`）";
        text as_of_date() "the date a timeline is asked for" "生命周期所查询的日期";
        text untyped_field(name) "the field {name} with no type" "没有类型的字段 {name}";
        text unrecordable_field(name) "the field {name}, of a type records cannot carry" "类型无法在记录中出现的字段 {name}";
        text retyped_field(name, old, new)
            "the field {name}, which is {old} in one version and {new} in the other"
            "在一个版本中为 {old}、在另一个版本中为 {new} 的字段 {name}";
        text reunited_field(name)
            "the field {name}, whose unit measures different things in the versions"
            "单位在两个版本中度量不同量的字段 {name}";
        text input(name) "the input {name}" "输入 {name}";
        text record_field(name) "the record field {name}" "记录字段 {name}";
        text text_constant(text) "the text constant {text}" "文本常量 {text}";
        text tier_input() "the tier input" "类别字段";
        text variable(index) "variable #{index}" "变量 #{index}";
        text tier_inputs_differ() "versions whose tier inputs have different names" "类别字段名称不同的两个版本";
        text year_of_non_date() "`year()` of a value that is not a date" "参数不是日期的 `year()`";
    }
}
