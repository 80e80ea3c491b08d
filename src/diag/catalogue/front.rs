//! The catalogue's entries for the front ends: the REPL, the language server, the web workbench
//! and the command line.

catalogue! {
    /// A REPL command written the wrong way.
    repl_usage = "jidi::repl::usage" Error {
        text usage(command, args) "usage: {command} {args}" "用法：`{command} {args}`";
        text name_policy() "name a policy file" "请写政策文件名";
        text name_park() "name a park" "请写园区";
        text name_show() "name an indicator, input or let" "请写指标、字段或 let 的名称";
        text name_park_expression() "name a park and an expression" "请写园区和表达式";
        text expression_after_park() "write an expression after the park" "请在园区之后写表达式";
        text write_condition() "write a condition" "请写条件";
        text write_value_at_end() "write `= VALUE` at the end" "请在末尾写 `= 值`";
        text value_after_eq() "write a value after `=`" "请在 `=` 之后写值";
        text name_let() "name a let" "请写 let 的名称";
        text name_park_input() "name a park and an input" "请写园区和字段";
        text undo_number() "`undo N` takes an override's number" "`undo N` 须写覆盖项的编号";
        text name_file() "name the file to write" "请写要保存的文件名";
        text within_percentage() "`within` takes a percentage such as `5%`" "`within` 须写百分比，如 `5%`";
        text name_records() "name record files or directories" "请写记录文件或文件夹";
        text sweep_from_to() "write `from A to B step S` (or `count N`)" "请写 `from A to B step S`（或 `count N`）";
        text sweep_end() "end with `step S` or `count N`" "请以 `step S` 或 `count N` 结尾";
        text sweep_order() "write `from A to B` then `step S` or `count N`" "请先写 `from A to B`，再写 `step S` 或 `count N`";
        text count_whole() "`count` takes a whole number" "`count` 须写整数";
        message case_needs() "`case` needs a number, `else` or a guard" "`case` 须写编号、`else` 或条件";
        text case_example() "e.g. `case 1`, `case else`, `case \"细分领域 in 新兴领域\"`" "如 `case 1`、`case else`、`case \"细分领域 in 新兴领域\"`";
        text case_what() "case what?" "哪个情形？";
        message check_needs() "`check` needs a number" "`check` 须写编号";
        text checks_numbered() "checks are numbered from 1 in the order the policy writes them" "检查按政策文件书写的顺序从 1 开始编号";
        text check_which() "check which?" "哪项检查？";
        message name_indicator() "name an indicator" "请写指标名称";
        text tab_completes() "Tab completes names" "按 Tab 可补全名称";
        text which_indicator() "which indicator?" "哪个指标？";
        message sweep_numbers() "a sweep needs numbers" "扫描需要数值";
        message sweep_problem(problem) "{problem}" "{problem}";
        message wrong(problem) "{problem}" "{problem}";
        text sweep_points(max) "a sweep takes 1 to {max} values" "扫描取 1 到 {max} 个值";
        text step_positive() "the step must be positive" "步长须为正数";
        text range_too_large() "the range is too large" "范围过大";
        text too_many_steps(max) "the range takes more than {max} steps; use a larger step" "范围超过 {max} 步；请使用更大的步长";
        text this_threshold() "this threshold" "该阈值";
        text listing(checks) "{checks}" "{checks}";
    }

    /// A REPL command that does not exist.
    repl_unknown_command = "jidi::repl::unknown_command" Error {
        message unknown(command) "unknown command `{command}`" "未知命令 `{command}`";
        text did_you_mean_command(command) "did you mean `{command}`? `help` lists the commands" "是否想写 `{command}`？`help` 列出所有命令";
        text help_lists() "`help` lists the commands" "`help` 列出所有命令";
        text not_a_command() "not a command" "不是命令";
    }

    /// A policy the REPL cannot read.
    repl_unreadable = "jidi::repl::unreadable" Error {
        message cannot_read_policy(path, why) "cannot read policy {path}: {why}" "无法读取政策文件 {path}：{why}";
        text check_path() "check the path" "请检查路径";
        message script_after(line, why) "cannot read the script after line {line}: {why}" "第 {line} 行之后的脚本无法读取：{why}";
        text check_pipe() "check the input the commands are piped from" "请检查通过管道输入的命令";
    }

    /// A policy with no selection rules loaded into the REPL.
    repl_no_selection = "jidi::repl::no_selection" Error {
        message lifecycle_only(path) "{path} states only a lifecycle: there are no rules to judge parks by" "{path} 只写明生命周期，没有可用来评判园区的规则";
        text load_selection() "load a policy with selection rules; follow titled bases with `jidi timeline`" "请载入含遴选规则的政策文件；已认定基地请用 `jidi timeline` 跟踪";
    }

    /// A command that needs a policy.
    repl_no_policy = "jidi::repl::no_policy" Error {
        message none() "no policy is loaded" "尚未载入政策文件";
        text load_one() "load one with `load POLICY [RECORDS…]`" "请用 `load 政策文件 [记录…]` 载入";
        text needs_policy() "needs a policy" "需要政策文件";
    }

    /// A rule name that matches several rules.
    repl_ambiguous_name = "jidi::repl::ambiguous_name" Error {
        message several(count, name) "{count} rules match `{name}`" "有 {count} 条规则与 `{name}` 匹配";
        text say_which(names) "say which: {names}" "请指明是哪一条：{names}";
    }

    /// Names the REPL does not know.
    repl_unknown_name = "jidi::undefined_name" Error {
        message no_rule(name) "no indicator, condition or veto is named `{name}`" "没有名为 `{name}` 的指标、条件或否决项";
        text tab_or_show() "Tab completes names; `show NAME` shows one" "按 Tab 可补全名称；`show 名称` 可查看";
        text which_rule() "which rule?" "哪条规则？";
        text which_park() "which park?" "哪个园区？";
        message no_let(name) "no `let` is named `{name}`" "没有名为 `{name}` 的 `let`";
        text no_lets() "this policy declares no `let`" "本政策文件没有声明 `let`";
        text lets_are(names) "the lets are: {names}" "let 有：{names}";
        text not_a_let() "not a let" "不是 let";
        message no_input(name) "no input is named `{name}`" "没有名为 `{name}` 的字段";
        text tab_inputs() "Tab completes input names" "按 Tab 可补全字段名";
    }

    /// A tier the REPL does not know.
    repl_unknown_tier = "jidi::undefined_tier" Error {
        message not_a_tier(name) "`{name}` is not a tier" "`{name}` 不是类别";
        text not_a_tier_label() "not a tier" "不是类别";
        text after_indicator(tiers) "after the indicator come a tier ({tiers}) or `all`, `case …`, `check N`" "指标之后可写类别（{tiers}）或 `all`、`case …`、`check N`";
    }

    /// `undo` with nothing to undo.
    repl_nothing_to_undo = "jidi::repl::nothing_to_undo" Error {
        message none_in_force() "no override is in force" "当前没有覆盖项";
        message no_such(n) "there is no override {n}" "没有第 {n} 个覆盖项";
        text overrides_lists() "`overrides` lists them" "`overrides` 可列出覆盖项";
    }

    /// A draft that cannot be saved.
    repl_cannot_save = "jidi::repl::cannot_save" Error {
        message not_a_directory() "name a file, not a directory" "请写文件名，而不是文件夹";
        message cannot_write(path, why) "cannot write {path}: {why}" "无法写入 {path}：{why}";
        text check_directory() "check the directory exists and is writable" "请检查文件夹是否存在且可写";
    }

    /// A threshold that cannot be swept.
    repl_no_threshold = "jidi::repl::no_threshold" Error {
        message cannot_sweep() "this threshold cannot be swept" "该阈值不能扫描";
    }

    /// Lines of a REPL script.
    repl_unclosed = "jidi::repl::unclosed" Error {
        message bracket_open(line) "the command on line {line} leaves a bracket open" "第 {line} 行的命令有括号未闭合";
        text close_brackets() "close every bracket; the next command starts on a line of its own" "请闭合所有括号；下一条命令从新的一行开始";
    }

    /// A script line too long to read.
    repl_line_too_long = "jidi::repl::line_too_long" Error {
        message too_long(line, kib) "line {line} is longer than {kib} KiB" "第 {line} 行超过 {kib} KiB";
        text skipped() "the line is skipped; write one command per line" "该行已跳过；每行写一条命令";
    }

    /// A script line that is not UTF-8.
    repl_not_utf8 = "jidi::repl::not_utf8" Error {
        message not_utf8(line, byte) "line {line} is not valid UTF-8 (at byte {byte})" "第 {line} 行不是有效的 UTF-8（第 {byte} 字节）";
        text save_utf8() "the line is skipped; save the script as UTF-8 (it may be in GBK)" "该行已跳过；请将脚本保存为 UTF-8（它可能是 GBK 编码）";
    }

    /// Words of the command line's own lines.
    cli {
        text cannot_write_stdout(why) "cannot write to standard output: {why}" "无法写入标准输出：{why}";
        text jobs_capped(jobs, max) "--jobs {jobs} is more than {max}: using {max} threads" "`--jobs {jobs}` 超过上限 {max}：改用 {max} 个线程";
        text more_not_shown(count, code, shown) "{count} more {code} like the {shown} above are not shown" "另有 {count} 条与上面 {shown} 条相同的 {code} 未显示";
        text more_not_shown_field(count, code, field, shown) "{count} more {code} about field `{field}` like the {shown} above are not shown" "另有 {count} 条与上面 {shown} 条相同的关于字段 `{field}` 的 {code} 未显示";
        text records_considered(elements, from, to, figures) "records considered: lists of at most {elements} elements; dates in the years {from}–{to}; figures within {figures} of their unit" "所考察的记录：列表最多 {elements} 项；日期在 {from}–{to} 年之间；数值在其单位的 {figures} 以内";
        text help_line(help) "help: {help}" "提示：{help}";
        text cannot_read_policy(path, why) "error: cannot read policy {path}: {why}" "错误：无法读取政策文件 {path}：{why}";
        text assumptions_not_shown(count) "the policy states {count} assumptions where the measure is silent or ambiguous (`jidi check --verbose` lists them)" "政策文件在办法未作规定或表述不明之处声明了 {count} 项假设（`jidi check --verbose` 可列出）";
        text assumptions_hint(count) "the policy states {count} assumptions where the measure is silent or ambiguous (each is listed with its place)" "政策文件在办法未作规定或表述不明之处声明了 {count} 项假设（逐项列出其位置）";
        text assumptions_heading() "assumptions the policy states where the measure is silent or ambiguous:" "政策文件在办法未作规定或表述不明之处声明的假设：";
        text assumption_line(name, article, line, text) "  ☞ {name}{article} (line {line}): {text}" "  ☞ {name}{article}（第 {line} 行）：{text}";
        text check_ok(path, rules, indicators, tiers, warnings, assumptions) "{path}: ok — {rules} rules ({indicators} indicators), {tiers} tiers; {warnings} warnings, {assumptions} assumptions" "{path}：通过 — {rules} 条规则（{indicators} 项指标），{tiers} 个类别；{warnings} 个警告，{assumptions} 项假设";
        text cannot_read(path, why) "error: cannot read {path}: {why}" "错误：无法读取 {path}：{why}";
        text cannot_write(path, why) "error: cannot write {path}: {why}" "错误：无法写入 {path}：{why}";
        text wrote(path) "wrote {path}" "已写入 {path}";
        text wrote_parks(path, parks) "wrote {path} ({parks} parks)" "已写入 {path}（{parks} 个园区）";
        text wrote_parks_rejected(path, parks, rejected) "wrote {path} ({parks} parks, {rejected} rejected)" "已写入 {path}（{parks} 个园区，{rejected} 条记录未能读取）";
        text formatted(path) "formatted {path}" "已格式化 {path}";
        text not_formatted(path) "{path} is not formatted; run `jidi fmt {path}`" "{path} 未按规范格式书写；请运行 `jidi fmt {path}`";
        text shares_out_of_range() "error: shares are between 0 and 1" "错误：`--malformed-share` 与 `--missing-share` 须在 0 到 1 之间";
        text cannot_write_corpus(why) "error: cannot write the corpus: {why}" "错误：无法写入生成的记录：{why}";
        text no_lifecycle(policy) "error: {policy} states no lifecycle, so `--history` cannot be read" "错误：{policy} 未声明生命周期，因此无法读取 `--history`";
        text lsp_failed(why) "jidi lsp: {why}" "`jidi lsp`：语言服务器出错（信息：“{why}”）";
        text lsp_cannot_write(why) "jidi lsp: {why}" "`jidi lsp`：无法写入标准输出：{why}";
    }

    /// The lines of `jidi serve` before and after it serves.
    serve_run {
        text bad_addr(addr, why) "error: --addr {addr}: {why}" "错误：`--addr {addr}` 不是可用的地址（系统信息：“{why}”）";
        text no_addr(addr) "error: --addr {addr} names no address" "错误：`--addr {addr}` 未指明任何地址";
        text not_loopback(addr) "error: {addr} is not a loopback address; serving it needs --token TOKEN, which every API request must then carry" "错误：{addr} 不是本机回环地址；在此地址上提供服务须写 `--token TOKEN`，此后每个接口请求都须携带该令牌";
        text short_token() "error: --token must have at least 8 characters" "错误：`--token` 至少须有 8 个字符";
        text same_id(first, second, id) "error: {first} and {second} have the same id `{id}` (the file stem); rename one" "错误：{first} 与 {second} 的标识相同，均为 `{id}`（取自文件名）；请将其中一个改名";
        text cannot_start(why) "error: cannot start the server: {why}" "错误：无法启动服务器：{why}";
        text cannot_listen(addr, why) "error: cannot listen on {addr}: {why}" "错误：无法在 {addr} 上监听：{why}";
        text stopped(why) "error: the server stopped: {why}" "错误：服务器已停止：{why}";
    }

    /// A park the REPL does not know.
    repl_unknown_park = "jidi::repl::unknown_park" Error {
        message no_number(park) "there is no park {park}" "没有园区 {park}";
        text numbered(count) "parks are numbered #1 to #{count}" "园区编号为 #1 至 #{count}";
        message no_name(park) "no park is named `{park}`" "没有名为 `{park}` 的园区";
        text parks_lists() "`parks` lists them; `#N` names a park by number" "`parks` 列出所有园区；`#N` 按编号指定园区";
    }

    /// A park name that matches several parks.
    repl_ambiguous_park = "jidi::repl::ambiguous_park" Error {
        message several(count, park) "{count} parks match `{park}`" "有 {count} 个园区与 `{park}` 匹配";
    }

    /// An override that is not a constant.
    repl_not_constant = "jidi::repl::not_constant" Error {
        message cannot_evaluate(why) "{why}" "{why}";
        message needs_constant() "an override needs a constant value" "覆盖须为常数值";
        text reads_figures() "this reads a park's figures" "此处读取了园区的数据";
        text write_value() "write a value such as `3500 万元/公顷`, `true` or `2025-01-01`" "请写一个值，如 `3500 万元/公顷`、`true` 或 `2025-01-01`";
    }

    /// Thresholds the REPL cannot change.
    repl_threshold = "jidi::repl::no_threshold" Error {
        message gone() "this threshold no longer exists" "该阈值已不存在";
        message no_rule_for(rule, tier) "`{rule}` has no rule for {tier}" "`{rule}` 没有针对 {tier} 的规则";
        text rules_for(tiers) "it has rules for: {tiers}" "它有针对以下类别的规则：{tiers}";
        message check_not_comparison(n, rule, tier) "check {n} of `{rule}` for {tier} is not a comparison with a threshold" "`{rule}` 对 {tier} 的第 {n} 项检查不是与阈值的比较";
        message test_is(rule, tier, test) "`{rule}` has no threshold for {tier}: its test is `{test}`" "`{rule}` 对 {tier} 没有阈值：其条件为 `{test}`";
        text only_comparisons() "only comparisons with a number (`>= 4000 万元/公顷`) have a threshold to change" "只有与数值的比较（`>= 4000 万元/公顷`）才有可修改的阈值";
        message none(rule) "`{rule}` has no threshold" "`{rule}` 没有阈值";
        text check_listing(n, text) "check {n}: {text}" "第 {n} 项检查：{text}";
    }

    /// Names the what-if session looks up that are gone.
    repl_unknown_item = "jidi::repl::unknown_rule" Error {
        message no_rule() "no such rule" "没有这条规则";
    }

    /// A `let` the session does not know.
    repl_unknown_let = "jidi::repl::unknown_let" Error {
        message no_let() "no such derived value" "没有这个派生值";
    }

    /// An input the session does not know.
    repl_unknown_input = "jidi::repl::unknown_input" Error {
        message no_input() "no such input" "没有这个字段";
    }

    /// Several cases where one is needed.
    repl_which_case = "jidi::repl::which_case" Error {
        message several_cases(rule, tier) "`{rule}` has several cases for {tier}" "`{rule}` 对 {tier} 有多个情形";
        text say_which_case(cases) "say which with `case N`, `case else` or `case \"GUARD\"`: {cases}" "请用 `case N`、`case else` 或 `case \"条件\"` 指明：{cases}";
    }

    /// Several figures where one is needed.
    repl_which_check = "jidi::repl::which_check" Error {
        message several_figures(rule, tier) "`{rule}` compares several figures for {tier}" "`{rule}` 对 {tier} 比较多个数值";
        text say_which_check(checks) "say which with `check N`: {checks}" "请用 `check N` 指明：{checks}";
    }

    /// Several tiers where one is needed.
    repl_which_tier = "jidi::repl::which_tier" Error {
        message per_tier(rule) "`{rule}` has a threshold per tier" "`{rule}` 每个类别各有阈值";
        text say_which_tier(options) "say which tier: {options}, or `all` for every one" "请指明类别：{options}，或写 `all` 表示全部";
    }

    /// A draft that cannot be written.
    repl_save = "jidi::repl::cannot_save" Error {
        message written_once(rule, line, tiers) "the threshold of `{rule}` on line {line} is written once for {tiers}, but the overrides give them different values" "第 {line} 行 `{rule}` 的阈值对 {tiers} 只写了一次，但各覆盖项给出的值不同";
        text override_all(rule) "override it for every one of them (`threshold {rule} all = …`), or edit the policy by hand" "请对全部类别一并覆盖（`threshold {rule} all = …`），或手工修改政策文件";
        message overlapping() "two overrides edit overlapping text" "两个覆盖项修改了重叠的文本";
        text undo_one() "undo one of them" "请撤销其中之一";
    }

    /// A base history that breaks a `require`.
    history_require = "jidi::history::require" Error {
        message breaks(who, field, rule) "{who}, field {field}: breaks `{rule}`" "{who}，字段 {field}：违反 `{rule}`";
        message breaks_in(who, field, rule, article) "{who}, field {field}: breaks `{rule}` ({article})" "{who}，字段 {field}：违反 `{rule}`（{article}）";
        text correct_history() "correct the history record; the other bases are still processed" "请更正该历史记录；其他基地照常处理";
    }

    /// A file the server refuses to read.
    serve_file_refused = "jidi::serve::file_refused" Error {
        message refused(file, mib) "the server reads no file `{file}`: only regular files of at most {mib} MiB inside the policy's folder" "服务器不读取文件 `{file}`：只读取政策文件所在文件夹中不超过 {mib} MiB 的普通文件";
        text beside_policy() "name a file beside the policy, such as `calendar/cn-workdays.toml`" "请引用政策文件所在文件夹中的文件，例如 `calendar/cn-workdays.toml`";
    }

    /// Lines of `jidi test` and `jidi compare` about named decisions.
    decision_lines {
        text test_expected(decision, want, got) "decision `{decision}`: expected {want}, got {got}" "判定 `{decision}`：应为 {want}，实际为 {got}";
        text test_no_such(decision) "decision `{decision}`: the policy has no such decision" "判定 `{decision}`：政策文件中没有该判定";
        text test_uncovered(decisions) "  note: no case asserts the decision {decisions}" "  注：没有用例断言判定 {decisions}";
        text coverage_decision(decision, missing) "    decision {decision}: {missing}" "    判定 {decision}：{missing}";
        text compare_changed(decision, count) "  decision {decision}: {count} records decided differently" "  判定 {decision}：{count} 条记录结论不同";
        text compare_record(decision, old, new) "    decision {decision}: {old} → {new}" "    判定 {decision}：{old} → {new}";
    }

    /// The words of a record's round, in tables, explanations, reports and the REPL.
    round_words {
        text round() "round" "限额";
        text made_cut() "made the cut" "入选";
        text cut() "cut" "落选";
        text undetermined() "undetermined" "待定";
        text eligible() "eligible" "符合";
        text not_eligible() "not eligible" "不符合";
        text within_guide() "within the guide" "在指导数内";
        text beyond_guide() "beyond the guide" "超出指导数";
        text in_group(rule, outcome, rank, count, group, limit) "{rule}: {outcome} — rank {rank} of {count} in {group}, which keeps {limit}" "{rule}：{outcome} — 在 {group} 的 {count} 个中排第 {rank}，名额 {limit}";
        text in_round(rule, outcome, rank, count, limit) "{rule}: {outcome} — rank {rank} of {count} in the round, which keeps {limit}" "{rule}：{outcome} — 在本轮 {count} 个中排第 {rank}，名额 {limit}";
        text guide_in_group(rule, outcome, rank, count, group, limit) "{rule}: {outcome} — rank {rank} of {count} in {group}, guide about {limit}" "{rule}：{outcome} — 在 {group} 的 {count} 个中排第 {rank}，指导数约 {limit}";
        text guide_in_round(rule, outcome, rank, count, limit) "{rule}: {outcome} — rank {rank} of {count} in the round, guide about {limit}" "{rule}：{outcome} — 在本轮 {count} 个中排第 {rank}，指导数约 {limit}";
        text cut_by(rule, own) "cut by {rule}; on its own: {own}" "因 {rule} 落选；单独评价：{own}";
        text open_by(own) "left open by the round; on its own: {own}" "因本轮排名待定；单独评价：{own}";
        text not_ranked(own) "not ranked: on its own {own}" "未参与排名：单独评价为 {own}";
        text unknown_group() "an unknown group" "未知分组";
        text compare_change(old, new) "round: {old} → {new}" "限额：{old} → {new}";
        text compare_count(count) "round outcome changed for {count} records" "限额结果有变化的记录：{count} 个";
        text summary_line(made, cut, open) "round: {made} made the cut, {cut} cut, {open} left open" "限额：入选 {made} 个，落选 {cut} 个，待定 {open} 个";
    }
}
