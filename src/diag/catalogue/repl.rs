//! The catalogue's texts of the REPL: each command's usage, summary and help, and the lines of
//! its replies (what-if changes, sweeps, counterfactuals, listings, `show`, `calc`, `where`,
//! `save`), in English and Chinese. The REPL's diagnostics are in [`super::front`].

catalogue! {
    /// The usage, one-line summary and help of each REPL command. Usage words in capitals are
    /// what the user writes; `all`, `case`, `check`, `from`, `to`, `step`, `count` and `within`
    /// are typed as they stand in either language.
    repl_commands {
        text parks_args() "" "";
        text parks_summary() "list the parks with their number, tier and current verdict" "列出各园区的编号、类别和当前结论";
        text parks_help()
            "Parks are numbered #1, #2, … in the order they were read; any command that takes a PARK accepts `#N`, the full name, or a part of the name only one park has. A `*` marks a park whose figures are overridden."
            "园区按读入顺序编号为 #1、#2……；凡要写园区的命令，都可以写 `#N`、园区全称，\n或只有一个园区名称包含的一部分。带 `*` 的园区有数值被覆盖。";
        text eval_args() "[PARK]" "[园区]";
        text eval_summary() "one park's verdict and blocking rules; without PARK, the counts per tier" "一个园区的结论及导致不符合的规则；不写园区时，按类别统计结论";
        text eval_help()
            "Judges with the overrides in force, exactly as `jidi eval` would judge a policy file with them written in."
            "按当前生效的覆盖项评判，与把覆盖项写入政策文件后用 `jidi eval` 评判的结果完全相同。";
        text explain_args() "PARK" "园区";
        text explain_summary() "every rule for one park, with article, figure, threshold and margin" "一个园区的每条规则，含条款、数值、阈值和差额";
        text explain_help() "The same report as `jidi explain`, with the overrides in force." "与 `jidi explain` 的报告相同，按当前生效的覆盖项计算。";
        text show_args() "NAME" "名称";
        text show_summary() "an indicator, condition or veto as the policy writes it; or an input or a let" "政策文件所写的指标、条件或否决项；或某个字段、派生值（`let`）";
        text show_help()
            "Prints the declaration from the policy text (quotes, thresholds per tier, cases) and any what-if in force on it."
            "显示政策文本中的声明（引文、各类别的阈值、情形），以及对它生效的假设调整。";
        text calc_args() "PARK EXPR" "园区 表达式";
        text calc_summary() "evaluate an expression of the language against one park" "对一个园区计算本语言的表达式";
        text calc_help()
            "Any expression of the policy language, with the policy's inputs, lets and sets: `calc #3 营业收入 / 工业用地面积 as 万元/公顷`. The type and unit are checked like in a policy file."
            "可写政策语言的任意表达式，使用政策文件的字段、派生值和集合：\n`calc #3 营业收入 / 工业用地面积 as 万元/公顷`。类型和单位的检查与政策文件相同。";
        text where_args() "EXPR" "表达式";
        text where_summary() "the parks for which a condition holds (and those for which it is unknown)" "满足某个条件的园区（以及无法判断的园区）";
        text where_help()
            "EXPR is a true/false expression of the language: `where 营业收入 >= 300 亿元 and not 欠发达县域`. Brackets may span several lines."
            "表达式须为本语言的是非表达式：`where 营业收入 >= 300 亿元 and not 欠发达县域`。\n括号内可跨多行书写。";
        text threshold_args()
            "INDICATOR [TIER|all] [case N|case else|case \"GUARD\"] [check N] = VALUE"
            "指标 [类别|all] [case N|case else|case \"条件\"] [check N] = 值";
        text threshold_summary() "what if a threshold were VALUE: which parks change verdict, and why" "假设阈值改为某值：哪些园区的结论改变，原因是什么";
        text threshold_help()
            "Overrides the threshold for the session and lists the parks whose verdict changes, with the rule that made the difference. Name the tier when the indicator has one threshold per tier (or `all`), the case when it has `when` branches (by number, `else`, or the guard's text) and the check when it compares several figures. VALUE is a constant such as `3500 万元/公顷`; a plain number is taken in the figure's unit. Overrides stack: see `overrides`, `undo`, `reset`, `save`."
            "在本次会话中覆盖该阈值，并列出结论改变的园区及起作用的规则。\n指标对各类别阈值不同时须写类别（或 `all`）；有 `when` 分支时须写情形\n（编号、`else` 或条件原文）；比较多个数值时须写第几项检查（`check N`）。\n值为常数，如 `3500 万元/公顷`；不带单位的数按该数值的单位理解。\n覆盖项可叠加：见 `overrides`、`undo`、`reset`、`save`。";
        text let_args() "NAME = VALUE" "名称 = 值";
        text let_summary() "what if a derived value (`let`) were the constant VALUE" "假设某个派生值（`let`）为常数";
        text let_help() "Replaces the `let` for every park. `save` writes the value into the policy." "对所有园区替换该 `let`。`save` 会把这个值写入政策文件。";
        text figure_args() "PARK INPUT = VALUE" "园区 字段 = 值";
        text figure_summary() "what if one park's figure were VALUE (or `unknown`)" "假设某个园区的某项数值为某值（或 `unknown`）";
        text figure_help() "Changes a park's record for the session only; `save` does not write records." "只在本次会话中修改园区的记录；`save` 不写入记录。";
        text overrides_args() "" "";
        text overrides_summary() "the overrides in force, numbered, and what they change together" "列出生效的覆盖项（带编号），以及它们合起来带来的变化";
        text overrides_help() "Numbers are those `undo N` takes." "编号即 `undo N` 所用的编号。";
        text undo_args() "[N]" "[N]";
        text undo_summary() "drop the last override (or override N) and show what changes back" "撤销最后一个覆盖项（或第 N 个），并显示随之恢复的变化";
        text undo_help() "See `overrides` for the numbers." "编号见 `overrides`。";
        text reset_args() "" "";
        text reset_summary() "drop every override" "撤销全部覆盖项";
        text reset_help() "Back to the policy and records as loaded." "恢复到载入时的政策文件和记录。";
        text save_args() "FILE" "文件";
        text save_summary() "write the policy with the threshold and let overrides as a new, checked file" "把含阈值和派生值覆盖项的政策文件另存为经过检查的新文件";
        text save_help()
            "Edits the policy text where each overridden threshold or let is written (the old value kept in a comment), checks the result like `jidi check`, and only then writes FILE. `jidi check FILE` and `jidi eval FILE …` accept it."
            "在政策文本中被覆盖的阈值或派生值所在之处修改（原值保留在注释中），\n按 `jidi check` 检查结果，通过后才写入文件。\n`jidi check 文件` 和 `jidi eval 文件 …` 都能读取它。";
        text sweep_args()
            "INDICATOR [TIER|all] [case …] [check N] from A to B (step S | count N)"
            "指标 [类别|all] [case …] [check N] from A to B (step S | count N)";
        text sweep_summary() "vary one threshold over a range: eligible parks per value, with a bar chart" "让一个阈值在某个范围内变化：每个取值下符合的园区数，附条形图";
        text sweep_help()
            "A, B and S are values like `3000 万元/公顷`; plain numbers are in the figure's unit. `count N` takes N evenly spaced values, both ends included. Other overrides stay in force."
            "A、B、S 为 `3000 万元/公顷` 这样的值；不带单位的数按该数值的单位理解。\n`count N` 取 N 个等间距的值，含两端。其他覆盖项仍然生效。";
        text lacks_args() "PARK" "园区";
        text lacks_summary() "what a park lacks: the smallest change of each failing figure that would pass" "园区还差什么：每项未通过的数值至少要改变多少才能通过";
        text lacks_help()
            "For each failing comparison: the figure needed (the threshold itself, or the next step at the figures' precision for a strict comparison), and the same reached by changing one input alone. Tests that are not comparisons and unknown rules are listed with what they read."
            "对每项未通过的比较：给出所需的数值（即阈值本身；严格比较时为按数值精度的下一档），\n以及只改变一个字段时的同样结果。不是比较的条件和结果未知的规则，\n列出它们读取的字段。";
        text nearest_args() "[INDICATOR] [within P%]" "[指标] [within P%]";
        text nearest_summary() "parks whose figure lies within P % (default 5 %) of a threshold" "数值距阈值在 P %（默认 5 %）以内的园区";
        text nearest_help() "Relative distance is |margin| ÷ |threshold|, on either side of the threshold." "相对距离为 |差额| ÷ |阈值|，阈值两侧都算。";
        text load_args() "POLICY [RECORDS…]" "政策文件 [记录…]";
        text load_summary() "load a policy (and records: files or directories), dropping every override" "载入政策文件（及记录：文件或文件夹），撤销全部覆盖项";
        text load_help() "A policy with errors is reported and not loaded." "有错误的政策文件会报告错误，不会载入。";
        text add_args() "RECORDS…" "记录…";
        text add_summary() "add park records (files or directories) to the corpus" "把园区记录（文件或文件夹）加入当前记录集";
        text add_help() "Bad records are reported and left out." "有问题的记录会报告并略去。";
        text help_args() "[COMMAND]" "[命令]";
        text help_summary() "this list, or one command in detail" "本列表，或某个命令的详细说明";
        text help_help()
            "Tab completes commands and names (Chinese names by their first characters); brackets left open continue on the next line; Ctrl-C cancels the line; Ctrl-D leaves."
            "按 Tab 可补全命令和名称（中文名称按开头几个字补全）；括号未闭合时在下一行继续；\n按 `Ctrl-C` 取消本行；按 `Ctrl-D` 退出。";
        text quit_args() "" "";
        text quit_summary() "leave (Ctrl-D too)" "退出（也可按 `Ctrl-D`）";
        text quit_help() "History is kept for the next session." "命令历史会保留到下次会话。";
    }

    /// The lines of the REPL's replies.
    repl_words {
        text help_head(usage) "{usage}" "`{usage}`";
        text help_footer()
            "`help COMMAND` says more. PARK is #N or a name; plain numbers are in the figure's unit."
            "`help 命令` 可查看详细说明。园区写 #N 或名称；不带单位的数按该数值的单位理解。";
        text park(count) "{count} park" "{count} 个园区";
        text parks(count) "{count} parks" "{count} 个园区";
        text rejected_note(count) ", {count} rejected" "，{count} 条记录未能读取";
        text loaded(path, parks, rejected) "loaded {path}; {parks}{rejected}" "已载入 {path}；{parks}{rejected}";
        text added(count, total) "added {count} parks; {total} in all" "已添加 {count} 个园区，共 {total} 个";
        text no_parks() "no parks loaded: `add RECORDS…` reads some" "尚未载入园区：可用 `add 记录…` 读入";
        text override_in_force() "(with 1 override in force)" "（1 个覆盖项生效中）";
        text overrides_in_force(count) "(with {count} overrides in force)" "（{count} 个覆盖项生效中）";
        text selected_one(total) "1 park of {total}:" "{total} 个园区中有 1 个：";
        text selected(count, total) "{count} parks of {total}:" "{total} 个园区中有 {count} 个：";
        text unknown_for(count, parks) "unknown for {count}: {parks}" "无法判断的 {count} 个：{parks}";
        text override_line(number, what) "override #{number}: {what}" "覆盖项 #{number}：{what}";
        text undone(number, what) "undone: #{number}: {what}" "已撤销：#{number}：{what}";
        text let_change(name, was, now) "let {name} = {was} → {now}" "派生值 {name} = {was} → {now}";
        text figure_change(park, input, was, now) "{park} {input}: {was} → {now}" "{park} {input}：{was} → {now}";
        text dropped_one() "dropped 1 override" "已撤销 1 个覆盖项";
        text dropped(count) "dropped {count} overrides" "已撤销 {count} 个覆盖项";
        text no_flip() "no park changes verdict" "没有园区的结论改变";
        text flip_one() "1 park changes verdict" "1 个园区的结论改变";
        text flips(count) "{count} parks change verdict" "{count} 个园区的结论改变";
        text quiet_one() " (1 more park changes a rule's status, not the verdict)" "（另有 1 个园区的规则状态改变，结论不变）";
        text quiet(count) " ({count} more parks change a rule's status, not the verdict)" "（另有 {count} 个园区的规则状态改变，结论不变）";
        text list_follows() ":" "：";
        text rule_change(kind, article, rule, before, after, detail) "{kind} {article}  {rule}: {before} → {after} — {detail}" "{kind} {article}  {rule}：{before} → {after} — {detail}";
        text no_overrides() "no overrides: the policy and records as loaded" "没有覆盖项：政策文件和记录均为载入时的原样";
        text together() "together, against the policy as loaded:" "与载入时的政策文件相比，合计：";
        text place(count) "{count} place" "{count} 处";
        text places(count) "{count} places" "{count} 处";
        text saved(file, places) "saved {file}: {places} edited in the policy text" "已保存 {file}：在政策文本中修改了 {places}";
        text rule(count) "{count} rule" "{count} 条规则";
        text rules(count) "{count} rules" "{count} 条规则";
        text tier(count) "{count} tier" "{count} 个类别";
        text tiers(count) "{count} tiers" "{count} 个类别";
        text warning(count) "{count} warning" "{count} 个警告";
        text warnings(count) "{count} warnings" "{count} 个警告";
        text save_checked(rules, tiers, warnings) "checked like `jidi check`: ok — {rules}, {tiers}; {warnings}" "已按 `jidi check` 检查：通过 — {rules}，{tiers}；{warnings}";
        text figure_override(count) "{count} park figure override" "{count} 个园区数值覆盖项";
        text figure_overrides(count) "{count} park figure overrides" "{count} 个园区数值覆盖项";
        text not_saved(overrides) "not saved: {overrides} (records are not part of the policy)" "未保存：{overrides}（记录不属于政策文件）";
        text same_verdicts() "the saved policy gives every loaded park the session's verdict" "保存的政策文件对每个已载入园区的结论都与本次会话相同";
        text same_verdicts_without_figures()
            "the saved policy gives every loaded park the session's verdict (without the figure overrides)"
            "保存的政策文件对每个已载入园区的结论都与本次会话相同（不计数值覆盖项）";
        text judged_differently(parks) "warning: the saved policy judges these parks differently: {parks}" "警告：保存的政策文件对以下园区的结论与本次会话不同：{parks}";
        text nothing_edited()
            "(no threshold or let override is in force: the file is the policy as loaded)"
            "（没有阈值或派生值的覆盖项生效：保存的文件即载入时的政策文件）";
        text sweep_head(target, op, unit, now) "sweep of {target} {op} X{unit}, now {op} {now}" "扫描 {target} {op} X{unit}，当前为 {op} {now}";
        text sweep_unit(unit) " ({unit})" "（{unit}）";
        text sweep_now(value) "{value} ◀ now" "{value} ◀ 当前";
        text sweep_value() "value" "取值";
        text sweep_column(tier, total) "{tier} eligible (of {total})" "{tier} 符合（共 {total}）";
        text sweep_moved(tier, first, last, from, to) "{tier}: {first} → {last} eligible from {from} to {to}" "{tier}：阈值从 {from} 到 {to}，符合 {first} → {last} 个";
        text lacks_nothing(park, tier, verdict) "{park} [{tier}] is {verdict}: no blocking rule fails or is unknown" "{park} [{tier}] 为{verdict}：起决定作用的规则没有未通过或未知的";
        text lacks_needs(park, tier, verdict) "{park} [{tier}] is {verdict}. All else equal, it would need:" "{park} [{tier}] 为{verdict}。其他条件不变时，需要：";
        text lacks_figure(article, rule, figure, needed, op, threshold, change) "{article} {rule}: {figure} → {needed} (needs {op} {threshold}, {change})" "{article} {rule}：{figure} → {needed}（须 {op} {threshold}，{change}）";
        text lacks_input(input, from, to, change) "or {input} {from} → {to} ({change})" "或 {input} {from} → {to}（{change}）";
        text lacks_test(article, rule, status, detail) "{article} {rule}: {status} — {detail} (not a figure to move)" "{article} {rule}：{status} — {detail}（不是可调整的数值）";
        text lacks_unknown(article, rule, detail) "{article} {rule}: unknown — {detail}" "{article} {rule}：未知 — {detail}";
        text nearest_none(percent) "no park's figure lies within {percent} % of a threshold" "没有园区的数值距阈值在 {percent} % 以内";
        text nearest_head(percent) "figures within {percent} % of a threshold (|margin| ÷ threshold):" "距阈值 {percent} % 以内的数值（|差额| ÷ 阈值）：";
        text nearest_guidance() " (guidance)" "（引导性）";
        text nearest_margin(margin) "margin {margin}" "差额 {margin}";
        text show_let(name, value) "let {name} = {value}" "派生值 {name} = {value}";
        text show_type(ty) "  type: {ty}" "  类型：{ty}";
        text show_let_what_if(value) "  what-if in force: {value}" "  生效中的假设调整：{value}";
        text show_input(name, ty) "input {name}: {ty}" "字段 {name}：{ty}";
        text show_optional() " optional" "，可缺省";
        text show_range(range) " range {range}" "，范围 {range}";
        text show_given(known, total) "  given by {known} of {total} parks" "  {total} 个园区中有 {known} 个给出";
        text show_figure(ty) "figure: {ty}" "指标值：{ty}";
        text show_what_ifs() "what-if in force:" "生效中的假设调整：";
        text show_threshold(target, op, value) "  {target}: {op} {value}" "  {target}：{op} {value}";
        text indicator() "indicator" "指标";
        text condition() "condition" "条件";
        text veto() "veto" "否决项";
        text calc_value(value, ty, park) "{value}    ({ty}, {park})" "{value}    （{ty}，{park}）";
        text calc_unknown(why, park) "unknown: {why}    ({park})" "未知：{why}    （{park}）";
        text greeting(loaded) "jidi repl — {loaded}. `help` lists the commands; Tab completes; Ctrl-D leaves." "`jidi repl` — {loaded}。`help` 列出所有命令；按 Tab 补全；按 `Ctrl-D` 退出。";
        text greeting_loaded(policy, parks) "{policy}, {parks} parks" "{policy}，{parks} 个园区";
        text greeting_empty() "no policy loaded (`load POLICY [RECORDS…]`)" "尚未载入政策文件（`load 政策文件 [记录…]`）";
        text unsaved(count) "warning: {count} threshold or let what-ifs are not saved; `save FILE` writes them" "警告：{count} 项阈值或派生值的假设调整尚未保存；`save 文件` 可将其写入文件";
        text unsaved_again(warning) "{warning}; leave again to drop them" "{warning}；再次退出则放弃这些调整";
    }

    /// The names of types, as `show` and `calc` write them.
    type_words {
        text bool() "bool" "是/否";
        text date() "date" "日期";
        text text() "text" "文本";
        text number() "number" "数值";
        text number_in(unit) "number in {unit}" "数值（{unit}）";
        text enumeration() "enumeration" "枚举";
        text tier() "tier" "类别";
        text record() "record" "记录";
        text list_of(ty) "list of {ty}" "{ty}的列表";
        text map_of(ty) "map of {ty}" "{ty}的映射";
        text duration() "duration" "期限";
        text none() "none" "无";
        text named(name) "{name}" "{name}";
    }
}
