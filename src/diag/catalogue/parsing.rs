//! The catalogue's entries for reading a policy file: syntax, numbers, dates and durations.

catalogue! {
    /// Text that does not follow the grammar.
    syntax = "jidi::syntax" Error {
        message expected(what) "expected {what}" "此处应为 {what}";
        text expected_here(what) "expected {what} here" "此处应为 {what}";
        message unexpected(what) "unexpected {what}" "不应出现 {what}";
        text not_valid_here() "this construct is not valid here" "此处不能使用这种写法";
        message incomplete() "incomplete declaration" "声明不完整";
        text something_missing() "something is missing here" "此处缺少内容";
        text compare_with_example() "compare with the declarations in policies/sichuan-2023-draft.jidi" "请参照 `policies/sichuan-2023-draft.jidi` 中的声明";
        message term_needs(what) "a term needs `{what}`" "期限须写明 `{what}`";
        text incomplete_term() "incomplete term" "期限不完整";
        text write_term() "write `term NAME { length 3 years  from DATE  expired => STATE }`" "请写 `term 名称 { length 3 years  from 日期  expired => 状态 }`";
        message gate_needs_test() "a condition or veto needs a test" "条件或否决项须写明判断条件";
        text no_test() "no `= …` test" "缺少 `= …` 条件";
        text write_condition() "write `condition NAME = EXPRESSION`" "请写 `condition 名称 = 表达式`";
        message decision_needs_otherwise() "a decision needs an `otherwise` line" "decision 块须有一行 `otherwise`";
        text no_otherwise() "no otherwise" "缺少 `otherwise`";
        text end_with_otherwise() "end the decision with `otherwise eligible`" "请以 `otherwise eligible` 结束 decision 块";
        message empty_expression() "empty expression" "表达式为空";
        message malformed_expression() "malformed expression" "表达式格式有误";
        text keyword_cannot_stand(word) "`{word}` cannot stand here: is a `}` or `;` missing before it? (A name spelt like a keyword must be quoted: \"{word}\")" "`{word}` 不能出现在这里：前面是否缺少 `}` 或 `;`？（与关键字同形的名称须加引号：\"{word}\"）";
        text did_you_mean_keyword(keyword) "did you mean the keyword `{keyword}`?" "是否想写关键字 `{keyword}`？";
        text check_brackets() "check that every `{`, `(` and `\"` is closed and that checks in a `{ … }` block are separated by `;`" "请检查每个 `{`、`(` 和 `\"` 都已闭合，`{ … }` 块中的各项检查以 `;` 分隔";
        message full_width(mark) "`{mark}` is a full-width mark typed with a Chinese input method" "`{mark}` 是用中文输入法输入的全角符号";
        text write_ascii(ascii) "write `{ascii}` instead (half-width); `jidi fmt` rewrites such marks" "请改写为半角的 `{ascii}`；`jidi fmt` 会自动改写这类符号";
        text full_width_here() "full-width" "全角符号";
    }

    /// A number with more digits than an exact decimal holds.
    number_too_large = "jidi::number_too_large" Error {
        message not_representable(number) "`{number}` is not a representable number" "`{number}` 超出可精确表示的范围";
        text too_many_digits() "too many digits" "位数过多";
        text at_most_28_digits() "numbers are exact decimals with at most 28 significant digits" "数为精确十进制数，最多 28 位有效数字";
    }

    /// A date that is no day of the calendar.
    bad_date = "jidi::bad_date" Error {
        message not_a_date(date) "`{date}` is not a calendar date" "`{date}` 不是有效的日期";
        text no_such_day() "no such day" "没有这一天";
        text write_date() "write dates as YYYY-MM-DD, e.g. 2023-10-01" "日期请写作 YYYY-MM-DD，如 2023-10-01";
    }

    /// A duration or count that is not a whole number.
    bad_duration = "jidi::bad_duration" Error {
        message not_whole_days(count) "`{count}` is not a whole number of days" "`{count}` 不是整数天";
        text write_whole_days() "write a whole number: `5 working days`" "请写整数：`5 working days`";
        message not_whole_periods(count) "`{count}` is not a whole number of periods" "`{count}` 不是整数个期间";
        text whole_periods() "durations are whole years, months or days, e.g. `3 years`" "时长为整年、整月或整日，如 `3 years`";
    }

    /// Text nested deeper than the parser follows.
    nesting_too_deep = "jidi::nesting_too_deep" Error {
        message chain_too_long(limit) "an expression built of more than {limit} nested operations" "表达式由超过 {limit} 层嵌套的运算构成";
        message types_too_deep(limit) "types (`list of`, `map of`) nested more than {limit} deep" "类型（`list of`、`map of`）嵌套超过 {limit} 层";
        message brackets_too_deep(limit) "`if`s, quantifiers and brackets nested more than {limit} deep" "`if`、量词和括号嵌套超过 {limit} 层";
        text expression_too_deep_here() "the expression is too deep here" "表达式在此处嵌套过深";
        text this_too_deep() "this is too deep" "此处嵌套过深";
        message expression_too_deep(limit) "expression nested more than {limit} deep" "表达式嵌套超过 {limit} 层";
        message parens_too_deep(limit) "brackets nested more than {limit} deep" "括号嵌套超过 {limit} 层";
        text bracket_too_deep() "this bracket is too deep" "此处括号嵌套过深";
        text too_deep() "too deep" "嵌套过深";
        text too_long() "too long" "过长";
        text split_with_let() "split the expression with `let` declarations" "请用 `let` 声明拆分该表达式";
        text split_it_with_let() "split it with `let` declarations" "请用 `let` 声明拆分";
    }

    /// What the parts of the grammar are called in messages.
    grammar {
        text end_of_file() "the end of the file" "文件结尾";
        text measure_block() "a `measure` block" "`measure` 块";
        text unit_decl() "a `unit` declaration" "`unit` 声明";
        text enum_decl() "an `enum` declaration" "`enum` 声明";
        text set_decl() "a `set` declaration" "`set` 声明";
        text record_decl() "a `record` declaration" "`record` 声明";
        text tier_decl() "a `tier` declaration" "`tier` 声明";
        text input_decl() "an `input` declaration" "`input` 声明";
        text let_decl() "a `let` declaration" "`let` 声明";
        text article_block() "an `article` block" "`article` 块";
        text assume_line() "an `assume` line" "`assume` 行";
        text decision_block() "a `decision` block" "`decision` 块";
        text indicator_decl() "an `indicator` declaration" "`indicator` 声明";
        text condition_decl() "a `condition` declaration" "`condition` 声明";
        text veto_decl() "a `veto` declaration" "`veto` 声明";
        text quote() "a `quote`" "`quote`";
        text tier_rule() "a tier rule (`示范基地 constraint >= …`)" "类别规则（`示范基地 constraint >= …`）";
        text tier_list() "a tier name or `all`" "类别名称或 `all`";
        text rule_kind() "`constraint` or `guidance`" "`constraint` 或 `guidance`";
        text threshold() "a threshold such as `>= 200 亿元`" "阈值，如 `>= 200 亿元`";
        text checks() "a `{ … }` block of checks" "检查块 `{ … }`";
        text branch() "a `when … =>` branch" "`when … =>` 分支";
        text else_branch() "an `else =>` branch" "`else =>` 分支";
        text for_tiers() "`for` and a tier" "`for` 及类别";
        text decision_line() "a decision line (`not_eligible when any constraint is fail`)" "结论规则行（`not_eligible when any constraint is fail`）";
        text otherwise_line() "`otherwise` and a verdict" "`otherwise` 及结论";
        text verdict() "a verdict (eligible, not_eligible, undetermined)" "结论（eligible、not_eligible、undetermined）";
        text outcome() "`fail` or `unknown`" "`fail` 或 `unknown`";
        text rule_class() "condition, veto, constraint or guidance" "condition、veto、constraint 或 guidance";
        text measure_attribute() "a measure attribute (version, issuer, effective, term, repeals)" "办法属性（`version`、`issuer`、`effective`、`term`、`repeals`）";
        text field_decl() "a field (`名称: type`)" "字段（`名称: 类型`）";
        text enum_value() "an enumeration value" "枚举值";
        text range() "`range LOW..HIGH`" "`range 下限..上限`";
        text type_or_unit() "a type or unit" "类型或单位";
        text unit() "a unit" "单位";
        text unit_op() "`/` or `*`" "`/` 或 `*`";
        text number() "a number" "数";
        text expression() "an expression" "表达式";
        text comparison() "a comparison (>=, <=, ==, >, <, !=)" "比较运算符（>=、<=、==、>、<、!=）";
        text arithmetic() "an arithmetic operator" "算术运算符";
        text direction() "`before` or `after`" "`before` 或 `after`";
        text conversion() "`as` and a unit" "`as` 及单位";
        text field_access() "`.field`" "`.字段`";
        text index_access() "`[key]`" "`[键]`";
        text string() "a quoted string" "带引号的文本";
        text name() "a name" "名称";
        text label() "a name or a quoted string" "名称或带引号的文本";
        text date() "a date (YYYY-MM-DD)" "日期（YYYY-MM-DD）";
        text duration() "a duration (`3 years`)" "时长（`3 years`）";
        text set() "a set `{ … }`" "集合 `{ … }`";
        text quantifier() "`any`, `all`, `count`, `min`, `max` or `sum`" "`any`、`all`、`count`、`min`、`max` 或 `sum`";
        text table() "a table (`table 名称: 单位 by 枚举 { 键 = 值, … }`)" "对照表（`table 名称: 单位 by 枚举 { 键 = 值, … }`）";
        text exception() "an exception (`exception 名称 to 规则 when 条件 { … }`)" "例外（`exception 名称 to 规则 when 条件 { … }`）";
        text rule_read() "a rule to read (`passed(规则)`, `passed(group 一级指标)`)" "要读取的规则（`passed(规则)`、`passed(group 一级指标)`）";
        text keyword() "a keyword" "关键字";
        text something_else() "something else" "其他内容";
    }
}
