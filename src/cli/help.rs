//! The command line in the user's language: clap's command tree with its help, headings and
//! usage errors in Chinese under `--lang zh` (the English is the doc comments of `cli/mod.rs`).
//!
//! The language is read from the arguments before clap parses them, so that `jidi --lang zh
//! eval --help` and a mistyped option are answered in Chinese too.

use super::{Cli, Exit};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};
use jidi::i18n::Lang;
use std::ffi::OsString;

/// The language asked for by `--lang` among `args`, else the locale's.
pub fn language(args: &[OsString]) -> Lang {
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|w| w.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => continue,
        };
        match value.as_deref() {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

/// The command tree for `lang`.
pub fn command(lang: Lang) -> Command {
    let command = Cli::command();
    match lang {
        Lang::En => command,
        Lang::Zh => {
            let mut command = in_chinese(command, "");
            command.build();
            chinese_usage(&mut command);
            command
        }
    }
}

/// Usage lines with Chinese placeholders, once the tree is built (each command's full name known).
fn chinese_usage(command: &mut Command) {
    let usage = command.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    *command = std::mem::take(command).override_usage(
        usage
            .replace("[OPTIONS]", "[选项]")
            .replace("<COMMAND>", "<命令>"),
    );
    for sub in command.get_subcommands_mut() {
        chinese_usage(sub);
    }
}

/// The Chinese help of a command (`path` is its name under `jidi`, empty for `jidi` itself) or of
/// one of its arguments (`path.id`).
fn zh(path: &str) -> Option<&'static str> {
    ZH.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

/// The placeholders of arguments' values, by id.
fn placeholder(id: &str) -> Option<&'static str> {
    PLACEHOLDERS
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, name)| *name)
}

const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

fn in_chinese(mut command: Command, path: &str) -> Command {
    if let Some(about) = zh(path) {
        let summary = about.split("\n\n").next().unwrap_or(about);
        command = command.about(summary).long_about(about);
    }
    command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if path.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        let key = if path.is_empty() {
            id.clone()
        } else {
            format!("{path}.{id}")
        };
        command = command.mut_arg(&id, |arg| chinese_arg(arg, &key));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| in_chinese(sub, &name));
    }
    command
}

fn chinese_arg(mut arg: Arg, key: &str) -> Arg {
    let positional = arg.is_positional();
    let mut help = zh(key).map_or_else(|| key.to_string(), str::to_string);
    let takes_values = arg.get_action().takes_values();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !values.is_empty() {
        help.push_str(&format!("（可选：{}）", quoted(&values)));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() {
        help.push_str(&format!("（默认：{}）", quoted(&defaults)));
    }
    arg = arg
        .help(help.clone())
        .long_help(help)
        .help_heading(if positional { "参数" } else { "选项" });
    if takes_values {
        arg = arg.hide_possible_values(true).hide_default_value(true);
        if let Some(name) = placeholder(arg.get_id().as_str()) {
            arg = arg.value_name(name);
        }
    }
    arg
}

/// Writes what a parse that yielded no command has to say: help and version as the command tree
/// for `lang` renders them, a usage error in `lang`.
pub fn print(error: &clap::Error, lang: Lang) -> std::io::Result<()> {
    match lang {
        Lang::Zh if error.use_stderr() => {
            std::io::Write::write_all(&mut std::io::stderr(), usage_error(error).as_bytes())
        }
        _ => error.print(),
    }
}

/// A usage error in Chinese: what is wrong, the command's usage and where to read more.
fn usage_error(error: &clap::Error) -> String {
    let get = |kind| error.get(kind).map(value_text);
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let headline = match error.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数 `{arg}`"),
        ErrorKind::InvalidSubcommand => format!(
            "没有命令 `{}`",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => match error.get(ContextKind::ValidValue).map(|v| match v {
            ContextValue::Strings(several) => quoted(several),
            other => value_text(other),
        }) {
            Some(valid) => format!("`{value}` 不是 `{arg}` 的可选值（可选：{valid}）"),
            None => format!("`{arg}` 缺少取值"),
        },
        // The reason clap carries is the parser's English; a date says how it is written.
        ErrorKind::ValueValidation if arg.contains("<日期>") => {
            format!("`{arg}` 的取值 `{value}` 不是有效日期，请写作 `YYYY-MM-DD`")
        }
        ErrorKind::ValueValidation => format!("`{arg}` 的取值 `{value}` 无效"),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "`{arg}` 不能与 `{}` 同时使用",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("`{arg}` 的取值个数不对")
        }
        ErrorKind::NoEquals => format!("`{arg}` 的取值须以 `=` 写出"),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    let mut out = format!("错误：{headline}\n");
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .find_map(|kind| match error.get(kind)? {
            ContextValue::String(one) => Some(vec![one.clone()]),
            ContextValue::Strings(several) => Some(several.clone()),
            _ => None,
        });
    if let Some(names) = suggested {
        let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        out.push_str(&format!("\n  提示：是否要用 {}？\n", names.join(" 或 ")));
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(usage);
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n更多信息请用 `--help`。\n");
    out
}

/// Values as code, each in backquotes: `` `table`、`json` ``.
fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join("、")
}

fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// The exit status of a parse that did not yield a command.
pub fn exit_of(error: &clap::Error) -> Exit {
    if error.use_stderr() {
        Exit::Usage
    } else {
        Exit::Ok
    }
}

const PLACEHOLDERS: &[(&str, &str)] = &[
    ("policy", "政策文件"),
    ("policies", "政策文件"),
    ("records", "记录"),
    ("histories", "历史记录"),
    ("old", "旧版政策"),
    ("new", "新版政策"),
    ("paths", "路径"),
    ("files", "文件"),
    ("format", "格式"),
    ("lang", "语言"),
    ("jobs", "线程数"),
    ("history", "历史记录"),
    ("as_of", "日期"),
    ("timeout", "秒数"),
    ("list_bound", "个数"),
    ("start", "日期"),
    ("name", "名称"),
    ("keywords", "语言"),
    ("seed", "种子"),
    ("count", "条数"),
    ("malformed_share", "比例"),
    ("missing_share", "比例"),
    ("list_len", "个数"),
    ("output", "文件"),
    ("fill", "记录"),
    ("addr", "地址"),
    ("token", "令牌"),
    ("max_upload_mib", "大小"),
];

/// The Chinese help, by command path and `command.argument` id.
const ZH: &[(&str, &str)] = &[
    ("", "基地 — 检查并适用省级产业园区称号政策"),
    ("lang", "提示与表格标签的语言（默认取自环境变量 `LC_ALL`、`LC_MESSAGES` 或 `LANG`，`zh*` 为中文）。两种语言的 JSON 输出相同"),
    ("check", "检查政策文件，列出每个错误、警告和假设"),
    ("check.policy", "政策文件（`.jidi`）"),
    ("check.analyze", "再请求解器在输入允许的所有记录上分析：永远不能通过或不能不通过的规则、永远不会触发的否决、从未取到的 `when` 分支及其重叠或缺口、永远不会发生的生命周期转换（需要 z3 求解器）"),
    ("check.verbose", "有错误时也逐条列出政策声明的每个假设（默认只计数）"),
    ("check.timeout", "求解器在每个问题上可用的秒数，超时则答案为 `unknown`"),
    ("check.list_bound", "所考虑记录中一个列表（事件、材料）最多的元素数"),
    ("eval", "按政策评价园区记录。\n\nNDJSON 记录按流处理：每条判定后立即写出。含轮次规则（`quota`，跨同一轮的记录）的政策不同：整批是一轮，读完所有记录后才判定，因此记录在本轮判定后才写出，各带其 `round` 条目，结论是本轮之后的结论"),
    ("eval.policy", "政策文件（`.jidi`）"),
    ("eval.records", "记录文件或目录（JSON、NDJSON、TOML、YAML）"),
    ("eval.format", "输出格式"),
    ("eval.explain", "列出每条记录的每条规则及其条款、数值、门槛和差额"),
    ("eval.jobs", "用这么多线程判定 NDJSON 记录；输出保持输入顺序"),
    ("eval.history", "基地历史记录（文件或目录）：已获称号的基地提出的申请，显示其在 `--as-of` 当日所持类别和状态（表格和 JSON）"),
    ("eval.as_of", "与 `--history` 一起使用：所持类别的查询日期"),
    ("diff", "修订在规则上改变了什么：指标、门槛、类型、范围、条件、否决和元数据，各附条款。版式、注释和顺序不算差异"),
    ("diff.old", "旧版政策文件"),
    ("diff.new", "新版政策文件"),
    ("diff.format", "输出格式"),
    ("diff.witness", "在输入允许的所有记录上判定：每个类别的符合园区是相同、更少、更多还是两者兼有，并给出见证记录（需要 z3 求解器）"),
    ("diff.timeout", "求解器在每个问题上可用的秒数，超时则答案为 `unknown`"),
    ("diff.list_bound", "所考虑记录中一个列表（事件、材料）最多的元素数"),
    ("compare", "修订在结果上改变了什么：判定不同的记录及其原因"),
    ("compare.old", "旧版政策文件"),
    ("compare.new", "新版政策文件"),
    ("compare.records", "记录文件或目录"),
    ("compare.format", "输出格式"),
    ("compare.fail_on_change", "有任何记录判定不同时以状态 3 退出（供持续集成使用）"),
    ("test", "运行政策测试文件（`*.test.yaml`）：预期的结论、规则状态和数值"),
    ("test.paths", "测试文件，或在其中查找 `*.test.yaml` 的目录（默认：policies/）"),
    ("test.coverage", "再为每条规则、类别和 `when` 分支列出没有用例断言的结果（通过、不通过、未知）；求解器证明不可能的结果另列"),
    ("test.format", "与 `--coverage` 一起使用：`json` 在标准输出上以 JSON 写出覆盖情况（测试结果写到标准错误）"),
    ("test.timeout", "求解器在每个问题上可用的秒数，超时则答案为 `unknown`"),
    ("test.list_bound", "所考虑记录中一个列表（事件、材料）最多的元素数"),
    ("timeline", "已获称号基地在某日的状态：有效、撤销、期满或排除，附决定它的条款和下一步"),
    ("timeline.policy", "政策文件（`.jidi`）"),
    ("timeline.histories", "基地历史记录（文件或目录）"),
    ("timeline.as_of", "判定日期（YYYY-MM-DD）"),
    ("timeline.format", "输出格式"),
    ("stars", "按政策的星级方案由年度记录评定年度星级（办法未规定星级计算方法之处为假设）"),
    ("stars.policy", "政策文件（`.jidi`）"),
    ("stars.records", "年度记录文件或目录"),
    ("stars.format", "输出格式"),
    ("notice", "按工作日计算的公示期最后一天（计入节假日和调休上班日）"),
    ("notice.policy", "政策文件（`.jidi`）"),
    ("notice.start", "公示发布日期（YYYY-MM-DD）"),
    ("notice.name", "政策有多个公示期时，指定哪一个"),
    ("fmt", "按规范版式重写政策文件（保留注释）"),
    ("fmt.check", "只检查：以状态 1 退出并列出未按规范版式的文件"),
    ("fmt.keywords", "同时把每个关键字写成英文（`indicator`）或中文（`指标`）；名称、字符串和注释不变"),
    ("fmt.files", "政策文件"),
    ("gen", "为政策写出确定的合成 NDJSON 记录集"),
    ("gen.policy", "其输入由记录填写的政策文件（`.jidi`）"),
    ("gen.seed", "种子：相同的种子、数量和选项给出相同的字节"),
    ("gen.count", "写出的记录数"),
    ("gen.malformed_share", "格式错误记录的比例，0 到 1"),
    ("gen.missing_share", "缺省（未知）字段的比例，0 到 1"),
    ("gen.list_len", "记录（事件）的每个列表恰好有这么多元素，而非 0 到 5 个"),
    ("gen.output", "NDJSON 写到何处（默认：标准输出）"),
    ("report", "为评审专家写出报告：先是汇总，再每个园区一节（HTML 或 Markdown）"),
    ("report.policy", "政策文件（`.jidi`）"),
    ("report.records", "记录文件或目录（JSON、NDJSON、TOML、YAML、XLSX、XLS、ODS、CSV）"),
    ("report.output", "报告写到何处；省略时写到标准输出"),
    ("report.format", "`html` 或 `md`；默认由输出文件的扩展名决定（`.md` 为 Markdown），否则为 HTML"),
    ("template", "写出政策记录的电子表格填报表（可用记录预先填写）"),
    ("template.policy", "政策文件（`.jidi`）"),
    ("template.output", "工作簿写到何处（`.xlsx`）"),
    ("template.fill", "用来填写表格的记录文件或目录，每个园区一行"),
    ("repl", "假设分析工作台：修改门槛、取值和数值，查看哪些园区结论改变，保存草案"),
    ("repl.policy", "政策文件（`.jidi`）；也可稍后用 `load` 载入"),
    ("repl.records", "记录文件或目录（JSON、NDJSON、TOML、YAML）"),
    ("repl.echo", "命令来自管道时，在输出前先显示每条命令（`» 命令`）"),
    ("repl.history", "历史文件（默认取自环境变量 `JIDI_HISTORY`，否则为 `~/.local/state/jidi/history`）"),
    ("lsp", "编辑器的语言服务器，经标准输入和输出通信：随输入给出诊断、悬停提示、跳转到定义、补全（两种语言的名称和关键字）和大纲"),
    ("serve", "基于所给政策的网页工作台和 HTTP 接口（`/api/v1/…`）"),
    ("serve.policies", "政策文件（`.jidi`）；各以文件名（不含扩展名）为标识提供"),
    ("serve.addr", "监听地址；端口 0 取任一空闲端口"),
    ("serve.token", "每个接口请求都须带 `Authorization: Bearer TOKEN`；非本机回环地址必须设置"),
    ("serve.max_upload_mib", "记录上传的最大大小，单位 MiB"),
    ("doc", "把办法视图写成一个 HTML 页面：每条条款及其引文、实现它的规则和假设，以及没有规则实现的条款"),
    ("doc.policy", "政策文件（`.jidi`）"),
    ("doc.output", "页面写到何处；省略时写到标准输出"),
    ("explain", "逐条记录解释每条规则：为何符合或不符合"),
    ("explain.policy", "政策文件（`.jidi`）"),
    ("explain.records", "记录文件或目录"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its Chinese help: a new option without one fails here.
    #[test]
    fn every_command_and_argument_has_chinese_help() {
        fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
            if zh(path).is_none() {
                missing.push(format!("(\"{path}\", \"\"),"));
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let key = if path.is_empty() {
                    id.to_string()
                } else {
                    format!("{path}.{id}")
                };
                if zh(&key).is_none() {
                    let en = arg.get_help().map(ToString::to_string).unwrap_or_default();
                    missing.push(format!("(\"{key}\", \"\"), // {en}"));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, sub.get_name(), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(
            missing.is_empty(),
            "no Chinese help for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |s: &str| s.split(' ').map(OsString::from).collect::<Vec<_>>();
        assert_eq!(language(&args("jidi --lang zh eval")), Lang::Zh);
        assert_eq!(language(&args("jidi eval --lang=zh --help")), Lang::Zh);
        assert_eq!(language(&args("jidi eval --lang en")), Lang::En);
    }
}
