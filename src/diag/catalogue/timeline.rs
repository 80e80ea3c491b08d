//! The catalogue's entries for timelines: why the record leaves a base's status open, the
//! records a replay does not count, and the reasons of a base's moves.

catalogue! {
    /// What the record leaves unknown that a base's status depends on.
    timeline_unknown {
        text event_at(rule, on, depends) "`{rule}` on {on}{depends}" "`{rule}`（{on}{depends}）";
        text date_depends(fields) " (its date depends on {fields})" "，其日期取决于 {fields}";
        text missing(fields) " (missing {fields})" "（缺少 {fields}）";
        text came_by(event, date) "whether {event} came by {date}" "无法判断 {event} 是否在 {date} 当日或之前发生";
        text order(event) "the order of {event} among the other events" "{event} 与其他事件的先后无法判断";
        text is_event(record, rule, missing) "whether {record} is an event `{rule}` moves on{missing}" "无法判断 {record} 是否为 `{rule}` 所依据的事件{missing}";
        text a_record() "a record" "某条记录";
        text assessment_passed(on, missing) "whether the assessment of {on} passed{missing}" "无法判断 {on} 的评估是否通过{missing}";
        text review_within(on, term) "whether the review of {on} falls within {term}" "无法判断 {on} 的复审是否在 {term} 之内";
        text review_passed(on, missing) "whether the review of {on} passed{missing}" "无法判断 {on} 的复审是否通过{missing}";
        text applies(transition, on, missing) "whether `{transition}` applies on {on}{missing}" "无法判断 `{transition}` 在 {on} 是否适用{missing}";
        text failed_unsaid(term, on) "{term}: the review of {on} did not pass, and the policy says nothing of a failed review" "{term}：{on} 的复审未通过，而政策文件未规定复审未通过的后果";
        text suspension(rule) "{rule}: whether it applies is unknown" "{rule}：无法判断是否适用";
        text too_many(max) "the record leaves more than {max} histories possible" "记录可能对应的历史超过 {max} 种";
        text effective() "effective" "施行日期";
        text entered() "entered" "进入日";
    }

    /// Records a replay does not count, and why.
    timeline_note {
        text not_running(term, on) "{term}: the review of {on} is not counted: the term is not running" "{term}：{on} 的复审不计：该期限不在运行";
        text before_start(term, on, start) "{term}: the review of {on} is not counted: it is before the term began on {start}" "{term}：{on} 的复审不计：早于期限起始日 {start}";
        text after_late(term, on, end) "{term}: the review of {on} is not counted: it came after the term ended on {end} and the time allowed for a late review" "{term}：{on} 的复审不计：晚于期限届满日 {end} 及逾期复审的时限";
        text after_end(term, on, end) "{term}: the review of {on} is not counted: it came after the term ended on {end}, and the term counts no late review" "{term}：{on} 的复审不计：晚于期限届满日 {end}，且该期限不计逾期复审";
    }

    /// Why a base moved, when the policy quotes no text for the move.
    timeline_reason {
        text valid(term, start, end) "{term}: valid from {start} until {end}" "{term}：有效期自 {start} 至 {end}";
        text expired(term, end) "{term}: valid until {end}, with no passing review by then" "{term}：有效期至 {end}，届时没有通过的复审";
        text review_failed(term, on) "{term}: the review of {on} did not pass" "{term}：{on} 的复审未通过";
        text quoted(text) "{text}" "{text}";
    }

    /// Lines of `jidi timeline`, `jidi notice` and `jidi stars`, and of the commands that judge
    /// applications.
    timeline_lines {
        text no_lifecycle(policy) "error: {policy} states no lifecycle (`lifecycle { … }`)" "错误：{policy} 没有写明生命周期（`lifecycle { … }`）";
        text lifecycle_only(policy) "error: {policy} states only a lifecycle, no selection rules to judge records by; use `jidi timeline`" "错误：{policy} 只写明生命周期，没有可用来评判记录的遴选规则；请使用 `jidi timeline`";
        text outside_calendar(date, calendar, first, last) "warning: {date} is outside the calendar {calendar} ({first}–{last})" "警告：{date} 不在日历 {calendar} 所涵盖的年份内（{first}–{last}）";
        text no_stars(policy) "error: {policy} states no star scheme (`stars NAME { … }`)" "错误：{policy} 没有写明星级计算方法（`stars 名称 { … }`）";
        text no_calendar(policy) "error: {policy} names no calendar" "错误：{policy} 未指定日历";
        text no_notice(policy) "error: no notice period in {policy}" "错误：{policy} 中没有公示期";
        text no_notice_named(name, policy) "error: no notice period named {name} in {policy}" "错误：{policy} 中没有名为 {name} 的公示期";
        text start_counts() "the start day counts" "起始日计入";
        text start_not_counted() "the start day does not count; counting begins the next day" "起始日不计入，自次日起算";
        text notice_last_day(article, notice, days, start, counting, last, weekday) "{article} {notice}: {days} working days from {start} ({counting}) — last day {last} ({weekday})" "{article} {notice}：自 {start} 起 {days} 个工作日（{counting}）— 最后一日 {last}（{weekday}）";
        text notice_uncovered(article, notice, day, calendar) "error: {article} {notice}: the count reaches {day}, a year the calendar {calendar} does not cover; add that year's arrangement" "错误：{article} {notice}：计算到 {day}，日历 {calendar} 不涵盖该年；请添加该年的安排";
    }
}
