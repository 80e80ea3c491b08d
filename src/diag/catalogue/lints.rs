//! The catalogue's entries for the lints: warnings about a policy that checks but may not say
//! what the measure says.

catalogue! {
    /// An input no rule reads.
    unused_input = "jidi::unused_input" Warning {
        message never_read(input) "input `{input}` is declared but never read" "字段 `{input}` 已声明但从未使用";
        text never_read_label() "never read" "从未使用";
        text use_it() "use it in a rule, remove it, or mark it `recorded` if records carry it for information only" "请在规则中使用它、删除它，或在记录仅作备查时标为 `recorded`";
    }

    /// Two indicators quoting one criterion.
    duplicate_criterion = "jidi::duplicate_criterion" Warning {
        message identical(name, other) "`{name}` and `{other}` quote the identical criterion" "`{name}` 与 `{other}` 引用了完全相同的标准";
        text same_text() "same text" "相同的文本";
        text as_here() "as here" "与此处相同";
        text copied_by_mistake() "two indicators with one criterion usually means one was copied by mistake; check the measure" "两个指标引用同一标准，通常是误复制；请核对办法原文";
    }

    /// An article or citation used twice.
    duplicate_article = "jidi::duplicate_article" Warning {
        message article_twice(article) "article {article} appears twice" "条款 {article} 出现了两次";
        message both_cite(name, other, article) "`{name}` and `{other}` both cite {article}" "`{name}` 与 `{other}` 都引用 {article}";
        text cited_again() "cited again here" "此处再次引用";
        text first_here() "first here" "首次出现于此";
        text one_citation() "one citation should stand for one rule; check the measure's numbering" "一个出处应只对应一条规则；请核对办法的编号";
    }

    /// A group spelt two ways.
    group_spelling = "jidi::group_spelling" Warning {
        message spelt(group, variant) "group `{group}` is spelt `{variant}`" "一级指标 `{group}` 写成了 `{variant}`";
        message spelt_in(group, variant, article) "group `{group}` is spelt `{variant}` in {article}" "一级指标 `{group}` 在 {article} 中写成了 `{variant}`";
        text variant_here(variant) "`{variant}` here" "此处为 `{variant}`";
        text one_spelling(group) "if both mean the group `{group}`, the measure's text should use one spelling" "若两者都指一级指标 `{group}`，办法原文应使用同一写法";
    }

    /// A rule with no quote and no assumption.
    unquoted_rule = "jidi::unquoted_rule" Warning {
        message no_quote(name) "`{name}` quotes no text of the measure" "`{name}` 未引用办法原文";
        text no_quote_label() "no quote, no assumption" "没有引文，也没有假设";
        text quote_or_assume() "quote the measure's words (`quote \"…\"`), or state it as an assumption (`assume NAME \"…\"`) if the measure does not say it" "请引用办法原文（`quote \"…\"`）；办法未作规定时，请写成假设（`assume 名称 \"…\"`）";
    }

    /// A threshold every value in the input's range meets.
    trivial_threshold = "jidi::trivial_threshold" Warning {
        message always_met(rule, text, input) "`{rule}`: `{text}` is a threshold every value meets ({input})" "`{rule}`：`{text}` 是任何取值都满足的阈值（{input}）";
        text always_within(input) "every value meets within {input}" "在 {input} 内任何取值都满足";
        text check_threshold() "check the threshold's figure and unit against the measure, and the input's `range`" "请对照办法核对阈值的数值与单位，以及字段的 `range`";
    }

    /// A threshold no value in the input's range meets.
    unsatisfiable_threshold = "jidi::unsatisfiable_threshold" Warning {
        message never_met(rule, text, input) "`{rule}`: `{text}` is a threshold no value can meet ({input})" "`{rule}`：`{text}` 是任何取值都无法满足的阈值（{input}）";
        text never_within(input) "no value can meet within {input}" "在 {input} 内任何取值都无法满足";
    }

    /// A threshold written in another unit of the same kind than the one its quote states.
    quote_unit = "jidi::quote_unit" Warning {
        message disagrees(rule, threshold, quoted) "`{rule}`: the threshold is written in {threshold}, but its quote states {quoted}" "`{rule}`：阈值以 {threshold} 书写，而其引文写的是 {quoted}";
        text written_in(unit) "in {unit}" "以 {unit} 书写";
        text quote_states(unit) "the quote states {unit}" "引文写的是 {unit}";
        text convert(larger, factor, smaller, quoted) "1 {larger} = {factor} {smaller}: write the threshold in {quoted}, as the quote does, and check its figure against the measure" "1 {larger} = {factor} {smaller}：请像引文一样以 {quoted} 书写阈值，并对照办法核对其数值";
    }

    /// `unit 万元 = 10000` with no unit after the factor: money or an area made a plain number.
    unit_made_plain = "jidi::unit_made_plain" Warning {
        message made_plain(unit) "`{unit}` is declared a plain number: no unit follows its factor" "`{unit}` 被声明为不带单位的数：系数后没有单位";
        text no_base_unit() "no unit after the factor" "系数后没有单位";
        text give_base_unit(unit) "{unit} reads as money or an area: write the unit it is counted in (`unit 万元 = 10000 元`), or `unit {unit}` for a dimension of its own" "{unit} 看来是金额或面积单位：请写出它所折合的单位（如 `unit 万元 = 10000 元`），或写 `unit {unit}` 作为独立量纲";
    }

    /// An assumption the policy states.
    assumption = "jidi::assumption" Note {
        message stated(name, text) "assumption {name}: {text}" "假设 {name}：{text}";
        message stated_in(name, article, text) "assumption {name} ({article}): {text}" "假设 {name}（{article}）：{text}";
        text stated_here() "stated here" "在此声明";
        text policy_decides() "the measure is silent or ambiguous here; the policy decides" "办法在此未作规定或表述不明；由政策文件决定";
    }

    /// A state no base can reach.
    unreachable_state = "jidi::unreachable_state" Warning {
        message unreachable(state) "no base can reach the state `{state}`" "没有基地能进入状态 `{state}`";
        text nothing_leads_here() "no transition or term that can fire leads here" "没有可能发生的转换或期限通向这里";
        text add_transition_to() "add a transition `to` it from a state a base can be in, or remove the state" "请从基地可能处于的状态添加一条 `to` 该状态的转换，或删除该状态";
    }

    /// A state a base never leaves.
    unleavable_state = "jidi::unleavable_state" Warning {
        message never_leaves(state) "a base in `{state}` never leaves it" "处于 `{state}` 的基地永远不会离开该状态";
        text nothing_starts_here() "no transition starts here and no term runs here" "没有转换从这里开始，也没有期限在这里运行";
        text add_transition_from() "add a transition `from` this state (a revocation, an expiry), or a term that runs in it" "请添加一条 `from` 该状态的转换（撤销、期满等），或一个在该状态下运行的期限";
    }

    /// A transition that can never fire.
    transition_never_fires = "jidi::transition_never_fires" Warning {
        message never_fires(transition, why) "the transition `{transition}` can never fire: {why}" "转换 `{transition}` 永远不会发生：{why}";
        text never_fires_label() "never fires" "永远不会发生";
        text when_never_holds() "its `when` never holds" "其 `when` 条件永远不成立";
        text date_is_none() "its date is `none`" "其日期为 `none`";
        text no_base_in(states) "no base can be in {states}" "没有基地能处于 {states}";
        text check_states() "check the states it starts from and its `when`; a transition that cannot fire changes no status" "请检查其起始状态和 `when`；不可能发生的转换不会改变任何状态";
    }

    /// A transition an earlier one always pre-empts.
    shadowed_transition = "jidi::shadowed_transition" Warning {
        message shadowed(transition, by) "the transition `{transition}` is shadowed by `{by}`: it can never fire" "转换 `{transition}` 被 `{by}` 遮蔽：永远不会发生";
        message shadowed_in(transition, by, states) "the transition `{transition}` is shadowed by `{by}` in {states}" "转换 `{transition}` 在 {states} 中被 `{by}` 遮蔽";
        text never_fires_from(states) "never fires from {states}" "从 {states} 出发永远不会发生";
        text put_specific_first(by) "`{by}`, written before it, moves on the same events from the same state whenever this one would: put the more specific transition first, or narrow the earlier one's `from` or `when`" "写在前面的 `{by}` 依据同样的事件、从同样的状态，在本转换会发生时总是先发生：请把更具体的转换写在前面，或收窄前者的 `from` 或 `when`";
    }

    /// An exit that leaves some active states out.
    exit_skips_state = "jidi::exit_skips_state" Warning {
        message skips(transition, target, skipped) "`{transition}` moves bases to `{target}` but not those in {skipped}, which are active too" "`{transition}` 把基地转入 `{target}`，但不包括同样在册的 {skipped}";
        text not_from(skipped) "not from {skipped}" "不含 {skipped}";
        text add_to_from() "add those states to `from`, or leave `from` out to move bases in every active state" "请把这些状态加入 `from`，或省略 `from`，使所有在册状态的基地都转换";
    }

    /// Star schemes.
    duplicate_scheme = "jidi::duplicate_name" Error {
        message two_named(name) "the policy has two star schemes named `{name}`" "政策文件有两个名为 `{name}` 的评星方案";
        text second_scheme() "second scheme" "第二个方案";
        text own_name() "give each star scheme its own name" "请为每个评星方案取不同的名称";
    }

    /// A star scheme that scores nothing.
    empty_scheme = "jidi::empty_scheme" Error {
        message scores_nothing(name) "the star scheme `{name}` scores nothing" "评星方案 `{name}` 没有任何计分项";
        text no_weight() "no `weight` or `points`" "没有 `weight` 或 `points`";
        text give_weight() "give groups or indicators a weight (`weight 规模效益 25`), or grade an indicator (`points NAME { … }`)" "请为一级指标或指标设权重（`weight 规模效益 25`），或对指标分档计分（`points 名称 { … }`）";
    }

    /// Star bands out of order.
    star_bands_order = "jidi::star_bands_order" Warning {
        message highest_first() "star bands should go from the highest score down" "星级分档应从最高分往下排列";
        text not_lower() "not lower than the band above" "不低于上一档";
        text band_taken() "a band is taken when the score reaches it, trying bands in order" "得分达到某一档即取该档，按顺序逐档判断";
    }

    /// A weight naming both a group and an indicator.
    ambiguous_weight = "jidi::ambiguous_name" Error {
        message group_and_indicator(name) "`{name}` is both a group and an indicator" "`{name}` 既是一级指标又是指标";
        text rename() "rename the group or the indicator so a weight names one of them" "请重命名一级指标或指标，使权重只指其中之一";
    }

    /// A weight naming nothing.
    undefined_scored = "jidi::undefined_name" Error {
        message no_such(name) "no indicator or group is named `{name}`" "没有名为 `{name}` 的指标或一级指标";
        text not_indicator_or_group() "not an indicator or a group" "不是指标或一级指标";
        text weights_name() "weights name the `group` of indicators, or an indicator" "权重须写指标的一级指标（`group`）名，或指标名";
        text weights_name_group() "weights name the `group` of indicators" "权重须写指标的一级指标（`group`）名";
    }

    /// Points for an indicator without a figure.
    no_figure_to_grade = "jidi::no_figure" Error {
        message nothing_to_grade(indicator) "`{indicator}` has no figure to grade" "`{indicator}` 没有可分档计分的数值";
        text graded_by_what() "graded by what?" "依据什么计分？";
        text grade_with_figure() "grade an indicator that has a figure (`indicator NAME = 营业收入 { … }`)" "请对有数值的指标分档计分（`indicator 名称 = 营业收入 { … }`）";
    }

    /// Points compared with something that reads the record.
    points_threshold = "jidi::type_mismatch" Error {
        message constant_threshold() "graded points compare with a constant threshold" "分档计分须与常数阈值比较";
        text reads_record() "reads the record" "读取了记录";
        text write_threshold() "write the threshold as a number with its unit, e.g. `10 when >= 6000 万元/公顷`" "请把分档阈值写成带单位的数，如 `10 when >= 6000 万元/公顷`";
    }
}
