//! The catalogue's entries for a policy's lifecycle: calendars, states, terms and transitions.

catalogue! {
    /// Working days with no calendar.
    no_calendar = "jidi::no_calendar" Error {
        message none_named() "working days are counted, but the policy names no calendar" "按工作日计算期限，但政策文件未指定日历";
        text counted_in_working_days() "counted in working days" "按工作日计算";
        text add_calendar() "add `calendar \"calendar/cn-workdays.toml\"`, the official holiday and make-up-day arrangement" "请添加 `calendar \"calendar/cn-workdays.toml\"`，即官方的节假日与调休安排";
        message cannot_read(why) "cannot read the calendar {why}" "无法读取日历 {why}";
        message not_read(file) "the calendar {file} was not read" "未读取日历 {file}";
        text checked_without_files() "the caller checked the policy without its files; without the calendar no working days can be counted" "调用方检查政策文件时未提供其引用的文件；没有日历就无法计算工作日";
        text this_file() "this file" "该文件";
        text path_relative() "the path is relative to the policy file; without it no working days can be counted" "路径相对于政策文件；没有日历就无法计算工作日";
    }

    /// A calendar file that cannot be read as one.
    bad_calendar = "jidi::bad_calendar" Error {
        message unreadable(why) "{why}" "{why}";
        text this_calendar() "this calendar" "该日历";
        text calendar_format() "each year is a table with `holidays` and `workdays`, dates as \"YYYY-MM-DD\"" "每一年是一个含 `holidays` 和 `workdays` 的表，日期写作 \"YYYY-MM-DD\"";
    }

    /// Two lifecycle blocks.
    duplicate_lifecycle = "jidi::duplicate_name" Error {
        message two_blocks() "the policy has two `lifecycle` blocks" "政策文件有两个 `lifecycle` 块";
        text second() "second lifecycle" "第二个 lifecycle 块";
        text one_block() "state the whole life of a base in one block" "请在一个块中写明基地的整个生命周期";
    }

    /// `state` or `entered` outside the lifecycle.
    state_outside_lifecycle = "jidi::state_outside_lifecycle" Error {
        message only_in_lifecycle() "`state` and `entered` are only known in lifecycle rules" "`state` 和 `entered` 只能在生命周期规则中使用";
        text no_base_followed() "no base is being followed here" "此处没有跟踪的基地";
        text state_is() "`state` is a base's current state and `entered` the date it entered it; use them inside `lifecycle { … }`" "`state` 是基地当前的状态，`entered` 是进入该状态的日期；只能在 `lifecycle { … }` 中使用";
    }

    /// A lifecycle without an active state.
    no_active_state = "jidi::no_active_state" Error {
        message none() "the lifecycle has no state a base is in while its title holds" "生命周期中没有基地持有称号期间所处的状态";
        text declare_one() "declare one, e.g. `state 有效 is active`" "请声明一个，如 `state 有效 is active`";
    }

    /// Names of the lifecycle not declared.
    undefined_life_name = "jidi::undefined_name" Error {
        message unknown_state(state) "unknown state `{state}`" "未知状态 `{state}`";
        text not_a_state() "not a declared state" "不是已声明的状态";
        text declare_state() "declare it with `state NAME is active|revoked|lapsed|excluded|pending`" "请用 `state 名称 is active|revoked|lapsed|excluded|pending` 声明";
        message unknown_transition(transition) "unknown transition `{transition}`" "未知转换 `{transition}`";
        text not_a_transition() "not a transition of the lifecycle" "不是生命周期中的转换";
        text terms_on_transitions() "a term starts and ends on transitions: `starts on NAME` names a `transition NAME …`" "期限在转换发生时开始或终止：`starts on 名称` 须写一条 `transition 名称 …`";
        message no_assessment_or_term(name) "no assessment or term is named `{name}`" "没有名为 `{name}` 的定期评估或期限";
        text outcome_of_what() "moves on the outcome of what?" "依据什么的结果？";
        text declare_assessment() "declare `assessment NAME = a in LIST on DATE passes when TEST`, or name a term" "请声明 `assessment 名称 = a in 列表 on 日期 passes when 条件`，或写一个期限的名称";
        message not_lifecycle_input(field) "`{field}` is not an input of the lifecycle" "`{field}` 不是生命周期的字段";
        text require_names() "`require` names the field a refused record is reported at" "`require` 写明被拒记录报告在哪个字段";
    }

    /// Values of the lifecycle of the wrong type.
    life_type = "jidi::type_mismatch" Error {
        message must_be_date(what, found) "{what} must be a date, found {found}" "{what} 须为日期，实际为 {found}";
        text not_a_date() "not a date" "不是日期";
        text write_date_input() "write a date input, or `min e in 事件 where …: e.日期`" "请写一个日期字段，或 `min e in 事件 where …: e.日期`";
        message must_be_list(what, found) "{what} must be a list, found {found}" "{what} 须为列表，实际为 {found}";
        text not_a_list() "not a list" "不是列表";
        text name_list_input() "name a list input, e.g. `review r in 复核 …`" "请写一个列表字段，如 `review r in 复核 …`";
        message assessment_does_not_expire(name) "the assessment `{name}` does not expire" "定期评估 `{name}` 没有期满";
        text an_assessment() "an assessment" "定期评估";
        text passes_or_failed() "an assessment `passes` or is `failed`; a term is `expired`" "定期评估只有 `passes`（通过）或 `failed`（未通过）；`expired`（期满）用于期限";
        message term_without_review(name) "the term `{name}` has no review to pass or fail" "期限 `{name}` 没有可通过或未通过的复审";
        text no_review() "no `review` in this term" "该期限没有 `review`";
        text give_review() "give the term a `review r in … on … passes when …`, or move on `expired`" "请为该期限写 `review r in … on … passes when …`，或改为依据 `expired`";
    }

    /// What a date or list of the lifecycle is.
    life_part {
        text date_of_each() "the date of each" "每项的日期";
        text term_start() "a term's start" "期限的起始日";
        text reviews() "reviews" "复审";
        text assessments() "assessments" "定期评估";
        text transition_date() "the date of a transition" "转换的日期";
        text transition_events() "a transition's events" "转换所依据的事件";
        text event_date() "the date of each event" "每个事件的日期";
    }

    /// A renewal whose start is not stated.
    term_choice_unstated = "jidi::term_choice_unstated" Warning {
        message renewal_unstated(term) "`{term}` does not say where a renewed term counts from" "`{term}` 未写明续期后的期限从何时起算";
        text renewed_by_reviews() "renewed by reviews" "经复审续期";
        text write_renewal() "write `renewal from review` (a new term from the review's date) or `renewal from end` (from the old term's end); until then it counts from the review" "请写 `renewal from review`（新期限自复审之日起算）或 `renewal from end`（自原期限届满起算）；未写明时自复审之日起算";
    }
}
