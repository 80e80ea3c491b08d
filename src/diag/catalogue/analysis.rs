//! The catalogue's entries for `jidi check --analyze`: what the solver proves about a policy.

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
}
