//! The catalogue's entries for checking a policy: names, types, units and the policy's parts.

catalogue! {
    /// A value of one type where another is needed.
    type_mismatch = "jidi::type_mismatch" Error {
        message expected_found(expected, found) "expected {expected}, found {found}" "此处应为 {expected}，实际为 {found}";
        message expected_test(found) "expected a true/false test, found {found}" "此处应为真假判断，实际为 {found}";
        message set_of_numbers_holds(unit, found) "a set of numbers in {unit} cannot hold {found}" "以 {unit} 计的数的集合不能包含 {found}";
        message set_holds(member, found) "a set of {member} cannot hold {found}" "{member} 的集合不能包含 {found}";
        message field_of_non_record(field, found) "`.{field}` needs a record, found {found}" "`.{field}` 需要记录，实际为 {found}";
        message index_non_map(found) "only maps can be indexed, found {found}" "只有映射可以取值，实际为 {found}";
        message key_not_text(found) "map keys are text, found {found}" "映射的键须为文本，实际为 {found}";
        message cannot_negate(found) "cannot negate {found}" "不能对 {found} 取负";
        message cannot_look_in(element, set) "cannot look for {element} in {set}" "不能在 {set} 中查找 {element}";
        message unit_of_non_number(found) "only numbers have units, found {found}" "只有数才有单位，实际为 {found}";
        message quantifier_over_non_list(word, found) "`{word}` ranges over a list, found {found}" "`{word}` 须作用于列表，实际为 {found}";
        message needs_numbers_or_dates(word, found) "`{word}` needs numbers or dates, found {found}" "`{word}` 需要数或日期，实际为 {found}";
        message year_takes_date() "`year` takes one date" "`year` 只接受一个日期";
        message date_takes_three() "`date` takes a year, a month and a day" "`date` 接受年、月、日三个数";
        message needs_one_value(word) "`{word}` needs at least one value" "`{word}` 至少需要一个值";
        message cannot_add(left, right) "cannot add {left} and {right}" "不能把 {left} 与 {right} 相加";
        message cannot_subtract(left, right) "cannot subtract {left} and {right}" "不能把 {left} 与 {right} 相减";
        message cannot_multiply(left, right) "cannot multiply or divide {left} and {right}" "不能对 {left} 与 {right} 相乘或相除";
        message cannot_compare(left, right) "cannot compare {left} with {right}" "不能把 {left} 与 {right} 比较";
        text write_comparison() "write a comparison such as `x >= 5 家`, or a boolean input" "请写一个比较，如 `x >= 5 家`，或一个布尔字段";
        text same_type_members() "keep every member of a set the same type" "集合的成员须为同一类型";
        text fields_of_records() "fields belong to record values such as an event `e.日期`" "只有记录值才有字段，如事件的 `e.日期`";
        text index_a_map() "index a map input such as 定性评价[\"质量体系建设情况\"]" "请对映射字段取值，如 定性评价[\"质量体系建设情况\"]";
        text quote_the_key() "write the key as a quoted string" "键请写成带引号的文本";
        text only_numbers_negate() "only numbers can be negated" "只有数可以取负";
        text in_needs_set() "the right of `in` is a set or list of the same type, e.g. `{重大, 特别重大}`" "`in` 右边须为同类型的集合或列表，如 `{重大, 特别重大}`";
        text within_subject() "the subject of `within` must be a date" "`within` 的主语须为日期";
        text within_duration() "`within` needs a duration such as `3 years`" "`within` 需要一个时长，如 `3 years`";
        text within_anchor() "`within … before` needs a date to count from" "`within … before` 需要一个起算日期";
        text remove_as() "remove `as`" "请去掉 `as`";
        text quantify_over_list() "quantify over a list input, e.g. `any e in 事件: …`" "请对列表字段量化，如 `any e in 事件: …`";
        text write_figure_to_compare() "write the figure or date to compare, e.g. `min e in 事件: e.日期`" "请写出要比较的数或日期，如 `min e in 事件: e.日期`";
        message sum_adds_numbers(found) "`sum` adds numbers, found {found}" "`sum` 只能对数求和，实际为 {found}";
        text write_figure_to_add() "write the figure to add up, e.g. `sum e in 企业: e.营业收入`" "请写出要相加的数，如 `sum e in 企业: e.营业收入`";
        text write_year() "write `year(认定日期)`" "请写 `year(认定日期)`";
        text write_date_call() "write `date(2024, 12, 31)`" "请写 `date(2024, 12, 31)`";
        text write_min() "write `min(a, b)`" "请写 `min(a, b)`";
        text compare_figures_or_dates() "compare figures or dates" "请比较数或日期";
        text same_type_sides() "both sides must have the same type" "两边须为同一类型";
        text add_one_dimension() "add numbers of one dimension, or a duration to a date" "只能把同一量纲的数相加，或给日期加上时长";
        text only_numbers_multiply() "only numbers multiply and divide" "只有数可以相乘或相除";
        text order_needs() "order comparisons need two numbers of one dimension, or two dates" "大小比较需要同一量纲的两个数，或两个日期";
        text compare_same_type() "compare values of the same type" "请比较同一类型的值";
    }

    /// A figure in one unit where a unit of another dimension is needed.
    unit_mismatch = "jidi::unit_mismatch" Error {
        message cannot_use(found, expected) "cannot use {found} where {expected} is expected" "此处应为 {expected}，不能使用 {found}";
        text plain_number() "a plain number" "不带单位的数";
        text plain_has_no_unit() "a plain number has no unit" "不带单位的数没有单位";
        text this_is_in(unit) "this is in {unit}" "此处以 {unit} 计";
        text write_unit_after(written, unit) "write the unit after the number: `{written} {unit}`" "请在数字后写上单位：`{written} {unit}`";
        text plain_expected(unit) "a plain number is expected here; drop the unit, or divide by a figure in {unit}" "此处应为不带单位的数；请去掉单位，或除以一个以 {unit} 计的数";
        text different_dimensions(found, expected) "{found} and {expected} measure different things: only figures of one dimension can be added or compared" "{found} 与 {expected} 量纲不同：只有同一量纲的数才能相加或比较";
    }

    /// A unit or conversion beyond the exact decimals.
    overflow = "jidi::overflow" Error {
        message conversion_overflows() "this unit conversion overflows" "该单位换算溢出";
        message unit_overflows() "this unit overflows" "该单位溢出";
        text closer_units() "use units closer in size" "请使用大小更接近的单位";
        text smaller_units() "use smaller units" "请使用更小的单位";
    }

    /// A name used but not declared.
    undefined_name = "jidi::undefined_name" Error {
        message unknown_name(name) "unknown name `{name}`" "未知名称 `{name}`";
        text not_declared() "not declared" "未声明";
        text declare_it() "declare it as an input, a `let`, a set or an enumeration value" "请将其声明为字段（input）、派生值（let）、集合或枚举值";
        message no_field(record, field) "`{record}` has no field `{field}`" "`{record}` 没有字段 `{field}`";
        text no_such_field() "no such field" "没有这个字段";
        text fields_are(record, fields) "the fields of `{record}` are: {fields}" "`{record}` 的字段为：{fields}";
        message unknown_function(name) "unknown function `{name}`" "未知函数 `{name}`";
        text not_builtin() "not a built-in function" "不是内置函数";
        text functions_are(functions) "the functions are: {functions}" "内置函数有：{functions}";
    }

    /// A name that could mean several things.
    ambiguous_name = "jidi::ambiguous_name" Error {
        message several_enums(name) "`{name}` is a value of several enumerations" "`{name}` 是多个枚举的取值";
        text which_one() "which one?" "指哪一个？";
        text compare_with_one_of(enums) "compare it with a value of one of: {enums}" "请与以下枚举之一的取值比较：{enums}";
    }

    /// A definition that uses itself.
    cycle = "jidi::cycle" Error {
        message set_contains_itself(name) "set `{name}` contains itself" "集合 `{name}` 包含自身";
        text defined_by_itself() "defined in terms of itself" "用自身定义";
        text list_members() "list the set's members; a set cannot contain itself" "请列出集合的成员；集合不能包含自身";
        message defined_by_itself_name(name) "`{name}` is defined in terms of itself" "`{name}` 用自身定义";
        text used_while_defined() "used here while being defined" "在定义过程中于此处被使用";
        text break_cycle() "break the cycle: a derived value may only use inputs and other derived values" "请打破循环：派生值只能使用字段和其他派生值";
    }

    /// `as_of` outside the lifecycle.
    as_of_outside_lifecycle = "jidi::as_of_outside_lifecycle" Error {
        message only_in_lifecycle() "`as_of` is only known in lifecycle rules" "`as_of` 只能在生命周期规则中使用";
        text no_date_asked() "no date is asked for here" "此处不查询日期";
        text as_of_is() "`as_of` is the date a timeline is asked for; use it inside `lifecycle { … }`" "`as_of` 是查询时间线的日期，只能在 `lifecycle { … }` 中使用";
    }

    /// A name declared twice.
    duplicate_name = "jidi::duplicate_name" Error {
        message declared_twice(what, name) "{what} `{name}` is declared twice" "{what} `{name}` 声明了两次";
        text declared_again() "declared again here" "此处再次声明";
        text first_declared() "first declared here" "首次声明于此";
        text rename_one() "rename one of them or remove the copy" "请重命名其中之一，或删除重复的声明";
        message two_tier_inputs() "more than one input has type `tier`" "有多个 `tier` 类型的字段";
        text second_tier_input() "second tier input" "第二个类别字段";
        text keep_one_tier_input() "keep one input of type `tier`" "只保留一个 `tier` 类型的字段";
    }

    /// What a name declared twice is.
    declared_kind {
        text enumeration_value() "enumeration value" "枚举值";
        text field() "field" "字段";
        text lifecycle_rule() "lifecycle rule" "生命周期规则";
        text measure() "measure" "办法";
        text name() "name" "名称";
        text decision() "decision" "判定";
        text row() "row" "行";
        text rule() "rule" "规则";
        text state() "state" "状态";
        text type_() "type" "类型";
        text unit() "unit" "单位";
    }

    /// A policy without a `measure` block.
    no_measure = "jidi::no_measure" Warning {
        message no_measure_block() "the policy has no `measure` block" "政策文件没有 `measure` 块";
        text add_measure() "add `measure \"title\" { version \"…\" effective … term 5 years }` so results name the measure" "请添加 `measure \"标题\" { version \"…\" effective … term 5 years }`，结果才能注明所依据的办法";
    }

    /// A measure whose effective date is not known.
    effective_unset = "jidi::effective_unset" Warning {
        message not_set() "the measure's effective date is not set" "办法的施行日期尚未确定";
        text no_date() "no date" "没有日期";
        text set_when_known() "set `effective YYYY-MM-DD` once the date is known; results cannot be placed in time until then" "施行日期确定后请写 `effective YYYY-MM-DD`；在此之前结果无法确定时间";
        message not_said() "the measure does not say when it takes effect" "办法未写明何时施行";
        text no_effective_line() "no `effective` line" "缺少 `effective` 行";
        text write_effective() "write `effective YYYY-MM-DD`, or `effective unset` while the date is blank" "请写 `effective YYYY-MM-DD`；日期空缺时写 `effective unset`";
    }

    /// A range of dates that is empty.
    bad_effective_range = "jidi::bad_date" Error {
        message cannot_lie(from, to) "the effective date cannot lie from {from} to {to}" "施行日期不可能在 {from} 至 {to} 之间";
        text first_after_last() "the first day is after the last" "起始日晚于截止日";
        text earliest_first() "write the earliest day the measure can take effect first: `effective unset from 2023-01-01 to 2023-12-31`" "请先写办法最早可能施行的日期：`effective unset from 2023-01-01 to 2023-12-31`";
    }

    /// A unit's conversion factor that cannot be used.
    bad_unit_factor = "jidi::bad_unit_factor" Error {
        message zero_or_large() "this conversion factor is zero or too large" "该换算系数为零或过大";
        message factor_overflows() "this conversion factor overflows" "该换算系数溢出";
        text factor() "factor" "换算系数";
        text positive_factor() "write a positive factor such as `10000` or `1/15`" "请写一个正的换算系数，如 `10000` 或 `1/15`";
        text smaller_base() "use a smaller base unit" "请使用更小的基本单位";
    }

    /// A range on an input that is not a number.
    range_on_non_number = "jidi::type_mismatch" Error {
        message only_numbers() "only numbers can have a range" "只有数可以有取值范围";
        text range_here() "range on a non-number" "对非数的字段写了取值范围";
        text remove_range() "remove the range, or give the input a unit" "请删除取值范围，或为该字段指定单位";
    }

    /// A title's hole that names no input.
    undefined_title_hole = "jidi::undefined_name" Error {
        message not_an_input(hole) "the title names `{hole}`, which is not an input" "称号中的 `{hole}` 不是字段";
        text not_input() "not an input" "不是字段";
        text holes_are() "holes in a title are `{input name}`" "称号中的占位写作 `{字段名}`";
    }

    /// No input of type `tier`.
    no_tier_input = "jidi::no_tier_input" Error {
        message none() "no input says which tier a record applies for" "没有字段说明记录申报哪一类别";
        text declare_tier_input() "declare one input of type `tier`, e.g. `input 申报类型: tier`" "请声明一个 `tier` 类型的字段，如 `input 申报类型: tier`";
    }

    /// No tiers.
    no_tiers = "jidi::no_tiers" Error {
        message none() "the policy declares no tiers" "政策文件未声明任何类别";
        text declare_tiers() "declare the titles, e.g. `tier 示范基地`" "请声明称号类别，如 `tier 示范基地`";
    }

    /// A unit not declared.
    undefined_unit = "jidi::undefined_unit" Error {
        message unknown_unit(unit) "unknown unit `{unit}`" "未知单位 `{unit}`";
        text not_a_unit() "not a declared unit" "不是已声明的单位";
        text declare_unit(unit) "declare it first: `unit {unit}` for a new dimension, or `unit {unit} = FACTOR UNIT`" "请先声明：新量纲写 `unit {unit}`，否则写 `unit {unit} = 系数 单位`";
        message factor_overflows() "this unit's conversion factor overflows" "该单位的换算系数溢出";
        text too_large_factor() "too large a factor" "换算系数过大";
    }

    /// A type not declared.
    undefined_type = "jidi::undefined_type" Error {
        message unknown_type(name) "unknown type or unit `{name}`" "未知类型或单位 `{name}`";
        text types_are() "types are bool, date, text, number, name, tier, a unit, an enum or a record" "类型可为 bool、date、text、number、name、tier、单位、枚举或记录";
    }

    /// A tier not declared.
    undefined_tier = "jidi::undefined_tier" Error {
        message unknown_tier(tier) "unknown tier `{tier}`" "未知类别 `{tier}`";
        text not_a_tier() "not a declared tier" "不是已声明的类别";
        text tiers_are(tiers) "the tiers are: {tiers}" "类别有：{tiers}";
    }

    /// A rule outside any article.
    no_article = "jidi::no_article" Error {
        message cites_none(name) "`{name}` cites no article" "`{name}` 未注明出处条款";
        text no_citation() "no citation" "没有出处";
        text put_indicator() "put the indicator inside `article LABEL { … }`, or give it `cite \"LABEL\"`" "请把指标放进 `article 条款名 { … }`，或为其写 `cite \"出处\"`";
        text put_rule() "put the rule inside `article LABEL { … }` for the article it encodes" "请把规则放进它所对应条款的 `article 条款名 { … }` 中";
    }

    /// A threshold with no figure to compare.
    no_figure = "jidi::no_figure" Error {
        message nothing_to_compare(indicator) "`{indicator}` has no figure to compare" "`{indicator}` 没有可比较的数值";
        text compared_with_what() "compared with what?" "与什么比较？";
        text give_figure(indicator) "give the indicator a figure (`indicator {indicator} = 营业收入 { … }`) or write the whole comparison" "请给指标一个数值（`indicator {indicator} = 营业收入 { … }`），或写出完整的比较";
    }

    /// A threshold for a tier outside the indicator's scope.
    tier_out_of_scope = "jidi::tier_out_of_scope" Error {
        message outside_scope(indicator, tier) "`{indicator}` gives a threshold for {tier}, outside its scope" "`{indicator}` 为 {tier} 给出了阈值，但 {tier} 不在其适用范围内";
        text not_in_scope() "this tier is not in the indicator's scope" "该类别不在指标的适用范围内";
        text add_to_scope(tier) "add {tier} to `scope`, or remove this line" "请把 {tier} 加入 `scope`，或删除这一行";
    }

    /// Two thresholds for one tier.
    duplicate_threshold = "jidi::duplicate_threshold" Error {
        message two_thresholds(indicator, tier) "`{indicator}` has two thresholds for {tier}" "`{indicator}` 对 {tier} 有两个阈值";
        text second_threshold() "second threshold" "第二个阈值";
        text one_line_per_tier() "keep one line per tier; several checks that must all hold go in one `{ …; … }` block" "每个类别只写一行；须同时满足的多项检查写在一个 `{ …; … }` 块中";
    }

    /// A tier in scope with no threshold.
    missing_threshold = "jidi::missing_threshold" Error {
        message no_threshold(indicator, tier) "`{indicator}` applies to {tier} but has no threshold for it" "`{indicator}` 适用于 {tier}，但没有对应的阈值";
        text in_scope() "in scope for this tier" "适用于该类别";
        text add_line(tier) "add a line `{tier} constraint >= …` (or `guidance`), or narrow `scope`" "请添加一行 `{tier} constraint >= …`（或 `guidance`），或缩小 `scope`";
    }

    /// No decision block.
    no_decision = "jidi::no_decision" Error {
        message none() "the policy has no `decision` block" "政策文件没有 `decision` 块";
        text say_how() "say how rules combine, e.g. `decision { not_eligible when any constraint is fail  otherwise eligible }`" "请说明规则如何合成结论，如 `decision { not_eligible when any constraint is fail  otherwise eligible }`";
    }

    /// Two decision blocks.
    duplicate_decision = "jidi::duplicate_name" Error {
        message two_blocks() "the policy has two `decision` blocks" "政策文件有两个 `decision` 块";
        text second() "second decision" "第二个 decision 块";
        text first() "first decision" "第一个 decision 块";
        text keep_one() "keep one decision block" "只保留一个 decision 块";
    }

    /// An expression typed against a policy (in the REPL) of the wrong type.
    expression_type = "jidi::type_mismatch" Error {
        text true_false_test() "a true/false test" "真假判断";
        text write_value_of(ty) "write a value of type {ty}" "请写一个 {ty} 类型的值";
        message cannot_use_here() "this expression cannot be used here" "此处不能使用该表达式";
    }

    /// A table whose values are not figures, or whose keys are neither an enumeration nor text.
    table_type = "jidi::table_type" Error {
        message holds_figures(found) "a table holds figures, found {found}" "对照表的取值须为数，实际为 {found}";
        text values_type() "the type of the table's values" "对照表取值的类型";
        text give_unit() "give the unit of the figures: `table 名称: 亿元 by 区域 { … }`" "请写出数值的单位：`table 名称: 亿元 by 区域 { … }`";
        message read_by(found) "a table is read by an enumeration or by text, found {found}" "对照表须按枚举或文本取值，实际为 {found}";
        text keys_type() "the type of the table's keys" "对照表键的类型";
        text key_by() "key the table by an enumeration (`by 行业`) or by text (`by text`)" "对照表须按枚举（`by 行业`）或文本（`by text`）取值";
    }

    /// A table keyed by an enumeration without a row for some of its values.
    table_incomplete = "jidi::table_incomplete" Warning {
        message no_row(table, keys) "table `{table}` has no row for {keys}" "对照表 `{table}` 缺少 {keys} 的行";
        text gives_unknown() "reading one of those keys gives unknown" "读取这些键将得到未知";
        text add_rows() "add the missing rows, or state why the measure gives no value for them" "请补上缺少的行，或说明办法为何未给出这些取值";
    }

    /// A table's row keyed by a name that is not a value of the table's enumeration.
    table_key = "jidi::undefined_name" Error {
        message not_a_value(key, enumeration) "`{key}` is not a value of {enumeration}" "`{key}` 不是 {enumeration} 的取值";
        text not_a_key() "not a key of this table" "不是该对照表的键";
        text values_are(enumeration, values) "the values of {enumeration} are: {values}" "{enumeration} 的取值为：{values}";
    }

    /// A table's value that is not a figure, or a table read by a key of the wrong type.
    table_mismatch = "jidi::type_mismatch" Error {
        message expected_figure(found) "expected a figure, found {found}" "此处应为数，实际为 {found}";
        text write_figure() "write the figure, with its unit if it is not the table's" "请写出数值；单位与对照表不同时请写明单位";
        message read_by(table, want, found) "table `{table}` is read by {want}, found {found}" "对照表 `{table}` 须用 {want} 取值，实际为 {found}";
        text this_key() "this key" "此键";
        text read_with(want) "read it with a value of {want}" "请用 {want} 类型的值取值";
    }

    /// A table's value that is not a constant figure.
    table_value = "jidi::table_value" Error {
        message constant_figures() "a table holds constant figures" "对照表的取值须为常数";
        text not_constant() "this reads from a record or cannot be computed" "此处读取了记录，或无法计算";
        text write_itself() "write the figure itself; a value that depends on the record belongs in a `let` or a rule" "请直接写出数值；取决于记录的值应写在 `let` 或规则中";
    }

    /// A table used as a value, without a key.
    table_without_key = "jidi::table_without_key" Error {
        message read_by_key(table) "`{table}` is a table: read it by key" "`{table}` 是对照表：请按键取值";
        text which_row() "which row?" "哪一行？";
        text write_key(table) "write `{table}[KEY]`, e.g. with the input that holds the key" "请写 `{table}[键]`，如用保存该键的字段";
    }

    /// `growth(…)` given something other than one list of figures.
    growth_call = "jidi::type_mismatch" Error {
        message takes_one_list(function) "`{function}` takes one list of yearly figures" "`{function}` 只接受一个年度数值列表";
        message needs_figures(function, found) "`{function}` needs a list of figures, found {found}" "`{function}` 需要数值列表，实际为 {found}";
        text write_growth() "write `growth(近三年产值)`, the figures oldest first" "请写 `growth(近三年产值)`，数值按年份从早到晚排列";
    }

    /// An average growth rate used where it is not compared.
    growth_inexact = "jidi::growth_inexact" Error {
        message only_compared() "an average growth rate can only be compared" "年均增速只能用于比较";
        text in_computation() "used in a computation" "用于计算";
        text rule_figure_is_one() "the figure of this rule is one" "该规则的数值即为年均增速";
        text compare_directly() "compare it directly (`growth(近三年产值) > 3 %`) or make it an indicator's figure: its exact value is not a decimal" "请直接比较（`growth(近三年产值) > 3 %`）或作为指标的数值：其精确值不是有限小数";
    }

    /// A rule that reads itself, through its figure or the rules it reads.
    rule_cycle = "jidi::cycle" Error {
        message figure_itself(rule) "the figure of `{rule}` is defined in terms of itself" "`{rule}` 的数值以其自身定义";
        text read_while_defined() "read while it is being defined" "在定义过程中被读取";
        text figure_reads_others() "a figure may read other rules' figures, never its own" "指标数值可以读取其他规则的数值，但不能读取自身";
        message reads_itself(rule) "`{rule}` reads itself through the rules it reads" "`{rule}` 通过它读取的规则读取了自身";
        text in_cycle() "in a cycle of rules" "处于规则的循环中";
        text judged_before() "a rule may read rules judged before it, never itself" "规则可以读取先于它判定的规则，但不能读取自身";
    }

    /// A rule read outside any rule.
    rule_outside_rule = "jidi::rule_outside_rule" Error {
        message only_a_rule() "only a rule can read another rule" "只有规则才能读取其他规则";
        text outside_any() "outside any rule" "不在任何规则中";
        text judged_after() "rules are judged after derived values: use it in an indicator, a condition, a veto or an exception" "规则在派生值之后判定：请在指标、条件、否决项或例外中使用";
    }

    /// A rule or group read that does not exist.
    undefined_rule = "jidi::undefined_name" Error {
        message no_group(group) "no indicator is in group `{group}`" "没有指标属于一级指标 `{group}`";
        text not_a_group() "not a group" "不是一级指标";
        text name_a_group() "name the `group` of some indicators" "请写某些指标的一级指标（`group`）名";
        message no_rule(rule) "no rule is named `{rule}`" "没有名为 `{rule}` 的规则";
        text not_a_rule() "not a rule" "不是规则";
        text name_a_rule() "name an indicator, a condition or a veto" "请写一个指标、条件或否决项的名称";
    }

    /// A rule's figure read from a rule that has none.
    no_rule_figure = "jidi::no_figure" Error {
        message nothing_to_read(rule) "`{rule}` has no figure to read" "`{rule}` 没有可读取的数值";
        text no_figure() "no figure" "没有数值";
        text read_one_that_has(rule) "read a rule that has one, or give `{rule}` a figure" "请读取有数值的规则，或为 `{rule}` 指定数值";
    }

    /// A decision that reads a decision not made before it.
    decision_order = "jidi::decision_order" Error {
        message not_before(decision) "`{decision}` is not decided before this decision" "`{decision}` 未在本判定之前作出";
        text decided_later() "decided later, or this decision itself" "在其后作出，或即本判定自身";
        text move_after() "a decision reads the verdict and the decisions written before it; move this one after it" "判定只能读取总体结论和写在它之前的判定；请把它移到后面";
    }

    /// A decision read that does not exist.
    undefined_decision = "jidi::undefined_name" Error {
        message no_decision_named(decision) "no decision is named `{decision}`" "没有名为 `{decision}` 的判定";
        text not_a_decision() "not a decision" "不是判定";
        text name_the_verdict() "name the verdict's decision (`decision 名称 { … }`) to read it" "要读取总体结论，请为其判定命名（`decision 名称 { … }`）";
    }

    /// An article with two decisions.
    article_decisions = "jidi::duplicate_name" Error {
        message two_in_article(article) "article `{article}` has two decisions" "条款 `{article}` 有两个判定";
        text one_per_article() "keep one decision per article; put the other in the article it encodes" "每个条款只保留一个判定；另一个请放在它所对应的条款中";
    }

    /// An exception that leads back to itself.
    exception_cycle = "jidi::cycle" Error {
        message to_itself(exception) "exception `{exception}` is an exception to itself" "例外 `{exception}` 是它自身的例外";
        text through_named() "through the exceptions it names" "经由它所指向的例外";
        text names_what_it_replaces() "an exception names the rule it replaces, or an exception that does not lead back to it" "例外须写明它所替代的规则，或一个不会绕回自身的例外";
    }

    /// An exception to a rule that does not exist.
    undefined_exception_target = "jidi::undefined_name" Error {
        message no_rule(exception, target) "exception `{exception}` names no rule `{target}`" "例外 `{exception}` 所指的规则 `{target}` 不存在";
        text not_rule_or_exception() "not a rule or an exception" "不是规则或例外";
        text name_what_it_replaces() "name the indicator, condition, veto or exception it replaces" "请写明它所替代的指标、条件、否决项或例外";
    }

    /// An exception whose replacement is of another kind than its rule.
    exception_body = "jidi::exception_body" Error {
        message does_not_fit(exception, target) "exception `{exception}` does not fit `{target}`" "例外 `{exception}` 与 `{target}` 不相符";
        text other_kind() "its replacement is of another kind of rule" "其替代内容属于另一类规则";
        text replaced_by_test() "a condition or veto is replaced by a test: `= TEST`, or `waived`" "条件或否决项由一个判断替代：`= 判断`，或 `waived`";
        text replaced_by_tier_rules() "an indicator is replaced by tier rules: `{ all constraint >= … }`, or `waived`" "指标由各类别的规则替代：`{ all constraint >= … }`，或 `waived`";
    }

    /// Two exceptions to one rule with the same condition.
    exception_conflict = "jidi::exception_conflict" Warning {
        message same_condition(first, second) "exceptions `{first}` and `{second}` have the same condition" "例外 `{first}` 与 `{second}` 的条件相同";
        text the_same_condition() "the same condition" "相同的条件";
        text as_this_one() "as this one" "与此相同";
        text make_one_an_exception() "where both hold the rule is undetermined: make one an exception to the other, or merge them" "两者同时成立时该规则无法判定：请把其中一个写成另一个的例外，或合并二者";
    }

    /// A binding by field naming a rule or an input that does not exist, or a value its field
    /// does not have.
    undefined_binding = "jidi::undefined_name" Error {
        message no_rule(binding, target) "binding `{binding}` names no indicator `{target}`" "约束力规定 `{binding}` 所指的指标 `{target}` 不存在";
        text not_an_indicator() "not an indicator" "不是指标";
        text name_the_indicator() "name the indicator whose binding it states" "请写明其约束力所规定的指标";
        message no_input(binding, field) "binding `{binding}` reads no input `{field}`" "约束力规定 `{binding}` 所读取的字段 `{field}` 不存在";
        text not_an_input() "not an input" "不是字段";
        text name_an_input() "name an input of an enumeration type, such as the park's region" "请写一个枚举类型的字段，例如园区所在区域";
        message not_a_value(value, enumeration) "`{value}` is not a value of {enumeration}" "`{value}` 不是 {enumeration} 的取值";
        text not_a_value_here() "not a value of the field" "不是该字段的取值";
        text values_are(enumeration, values) "the values of {enumeration} are: {values}" "{enumeration} 的取值为：{values}";
    }

    /// A binding by field stated for a condition or a veto, which always bind.
    binding_target = "jidi::binding_target" Error {
        message not_indicator(binding, target) "binding `{binding}` names `{target}`, which is not an indicator" "约束力规定 `{binding}` 所指的 `{target}` 不是指标";
        text always_binds() "a condition or veto always binds" "条件和否决项总是具有约束力";
        text use_exception() "to relax a condition or veto for some records, write an exception (`exception 名称 to 规则 when 条件 = 判断`)" "如需对部分记录放宽条件或否决项，请写例外（`exception 名称 to 规则 when 条件 = 判断`）";
    }

    /// A binding by a field that is not an enumeration (or is the tier itself).
    binding_field = "jidi::binding_field" Error {
        message not_enumerated(binding, field, found) "binding `{binding}` reads `{field}`, which is {found}, not an enumeration" "约束力规定 `{binding}` 读取的 `{field}` 为 {found}，不是枚举";
        text not_enumeration() "not an enumeration" "不是枚举";
        text enumerate_it() "a binding lists the values of an enumerated field; declare the field's values with `enum`, or write the test as an exception's condition" "约束力规定须列出枚举字段的取值；请用 `enum` 声明该字段的取值，或把判断写成例外的条件";
        message by_tier(binding, field) "binding `{binding}` reads the tier `{field}`" "约束力规定 `{binding}` 读取的是申报类别 `{field}`";
        text the_tier() "the tier" "申报类别";
        text write_tier_rules() "how far a rule binds for each tier is written in its tier rules (`示范基地 constraint …`, `产业基地 guidance …`)" "规则对各类别的约束力写在其类别规则中（`示范基地 constraint …`、`产业基地 guidance …`）";
    }

    /// One value in two cases of a binding, or two bindings for one rule.
    binding_overlap = "jidi::binding_overlap" Error {
        message value_twice(binding, value) "binding `{binding}` lists `{value}` twice" "约束力规定 `{binding}` 两次列出 `{value}`";
        text listed_again() "listed again here" "此处再次列出";
        text first_listed() "first listed here" "首次列出于此";
        text one_case() "each value is in one case: which binding applies would be ambiguous" "每个取值只能属于一种情形，否则适用哪种约束力无法确定";
        message rule_twice(rule, first, second) "`{rule}` is bound by field twice, by `{first}` and `{second}`" "`{rule}` 有两项按字段的约束力规定：`{first}` 与 `{second}`";
        text second_binding() "a second binding" "第二项约束力规定";
        text the_first() "the first" "第一项";
        text merge_bindings() "a record could fall under both: merge them into one binding, or make one an exception" "一条记录可能同时落入两者：请合并为一项约束力规定，或把其中一项写成例外";
    }

    /// A case of a binding that changes nothing, or that no record it speaks to can reach.
    binding_no_effect = "jidi::binding_no_effect" Warning {
        message same_as_tiers(binding, rule, kind) "binding `{binding}` makes `{rule}` {kind} where its tier rules already do" "约束力规定 `{binding}` 使 `{rule}` 为 {kind}，而其类别规则已是如此";
        text changes_nothing() "changes nothing for any tier" "对任何类别都没有改变";
        text drop_or_change() "drop this case, or state the binding the measure gives these records" "请删去该情形，或写明办法对这些记录规定的约束力";
        message never_applies(binding, rule) "no record with these values is one `{rule}` applies to: this case of binding `{binding}` never applies" "取这些值的记录都不适用 `{rule}`：约束力规定 `{binding}` 的这一情形永远不会适用";
        text excluded_by_applies() "excluded by the rule's `applies when`" "被该规则的 `applies when` 排除";
        text check_values() "check the values against the rule's `applies when`" "请对照该规则的 `applies when` 核对这些取值";
    }

    /// A round rule grouping records by something other than a name, a text or an enumeration.
    round_group = "jidi::round_group" Error {
        message groups_by(found) "the groups of a round rule are formed by a name, a text or an enumeration, found {found}" "限额规则须按名称、文本或枚举分组，实际为 {found}";
        text group_by_field() "group by a field such as `per 所在省份`" "请按字段分组，如 `per 所在省份`";
        text of_type(found) "{found}" "{found}";
    }

    /// A round rule ranking records by something other than a number.
    round_ranking = "jidi::round_ranking" Error {
        message ranks_by(found) "a round rule ranks records by a number, found {found}" "限额规则须按数值排名，实际为 {found}";
        text rank_by_figure() "rank by a figure such as `ranked by 营业收入 descending`" "请按数值排名，如 `ranked by 营业收入 descending`";
    }

    /// A round rule breaking ties by something that has no order.
    round_ties = "jidi::round_ties" Error {
        message ties_by(found) "ties are broken by a number, a date, a text or an enumeration, found {found}" "并列名次须按数值、日期、文本或枚举决定，实际为 {found}";
        text ties_by_field() "break ties by a field such as `ties by 名称`" "请按字段决定并列名次，如 `ties by 名称`";
    }

    /// A round rule's limit that is not a number of records.
    round_limit = "jidi::round_limit" Error {
        message keeps(rule, limit) "`{rule}` keeps {limit} records" "`{rule}` 的名额为 {limit}";
        text not_a_count() "not a number of records" "不是名额数";
        text whole_or_share() "write a whole number of records above zero (`at most 3`), or a share up to 100% (`top 20%`)" "请写大于零的整数名额（`at most 3`），或不超过 100% 的比例（`top 20%`）";
    }

    /// A round rule written as guidance (`about N`): records are ranked, none is cut.
    round_guidance = "jidi::round_guidance" Warning {
        message is_guidance(rule) "`{rule}` is guidance: records are ranked, none is cut by it" "`{rule}` 仅为指导：记录参与排名，但不会因此落选";
        text a_guide() "a guide, not a limit" "指导数，不是上限";
        text write_limit() "write `at most N` or `top N` for a limit that cuts" "要按名额淘汰，请写 `at most N` 或 `top N`";
    }
}
