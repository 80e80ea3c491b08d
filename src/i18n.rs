//! Messages in English or Chinese (`--lang zh|en`): the catalogue of diagnostics' help lines and of
//! the labels of tables, in one place. Diagnostics are built in English; [`help`] translates a help
//! line by matching it against the catalogue's templates. JSON output is never translated.

use crate::diag::Diagnostic;
use std::sync::atomic::{AtomicU8, Ordering};

/// The language of messages for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `zh`, `zh_CN.UTF-8`, `zh-Hans` … are Chinese; anything else is English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of the environment's locale: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set and not empty, as POSIX orders them.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.trim().is_empty())
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of messages for the whole process (the command line does, once).
pub fn set_lang(lang: Lang) {
    CURRENT.store(
        match lang {
            Lang::En => 0,
            Lang::Zh => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language of messages: English unless [`set_lang`] said otherwise.
pub fn lang() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == 1 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// A label of tables and summaries (`eligible`, `margin`, `records` …) in the current language.
pub fn label(en: &'static str) -> &'static str {
    label_in(en, lang())
}

/// A label in `lang`; a label the catalogue does not know stays as it is.
pub fn label_in(en: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => LABELS
            .iter()
            .find(|(e, _)| *e == en)
            .map_or(en, |(_, zh)| zh),
    }
}

/// The labels of tables, summaries and one-line reports.
const LABELS: &[(&str, &str)] = &[
    ("eligible", "符合"),
    ("not_eligible", "不符合"),
    ("undetermined", "待定"),
    ("pass", "通过"),
    ("fail", "不通过"),
    ("unknown", "未知"),
    ("n/a", "不适用"),
    ("not_applicable", "不适用"),
    ("constraint", "约束性"),
    ("guidance", "引导性"),
    ("condition", "条件"),
    ("veto", "否决"),
    ("称号", "称号"),
    ("records", "条记录"),
    ("record", "条记录"),
    ("most frequent blocking failures:", "最常导致不符合的规则："),
    ("(unnamed)", "（未命名）"),
    ("vs", "对比"),
    ("margin", "差额"),
    ("given", "已知"),
    ("missing", "缺少"),
    ("triggered by", "触发事件"),
    ("case", "情形"),
    ("known to be", "已知范围"),
    ("exception", "例外"),
    ("decision", "判定"),
    ("is", "为"),
    ("ok", "通过"),
    ("rules", "条规则"),
    ("indicators", "项指标"),
    ("tiers", "个类别"),
    ("errors", "个错误"),
    ("warnings", "个警告"),
    ("assumptions", "项假设"),
    ("assumptions stated by the policy:", "政策文件声明的假设："),
    ("line", "行"),
    ("unknown tier", "未知类别"),
    // ---- jidi diff --witness, check --analyze, test --coverage
    ("equivalent", "等价"),
    ("narrower", "收窄"),
    ("wider", "放宽"),
    ("both", "有收有放"),
    ("verdict", "结论"),
    (
        "witnesses (each evaluated under both versions):",
        "见证记录（均已按新旧两版评价核实）：",
    ),
    ("eligible under the old version only", "仅旧版符合"),
    ("eligible under the new version only", "仅新版符合"),
    (
        "records considered: lists of at most",
        "所考察的记录：列表最多",
    ),
    ("dates in the years", "项；日期在年份"),
    ("figures within", "之间；数值在"),
    (
        "coverage: every outcome of every rule is asserted",
        "覆盖：每条规则的每种结果都有用例断言",
    ),
    (
        "coverage: outcomes no case asserts:",
        "覆盖：以下结果没有用例断言：",
    ),
    (
        "outcomes no record can give (proved, not asked):",
        "不可能出现的结果（已证明，不要求用例）：",
    ),
    // timelines and star ratings
    ("as of", "截至"),
    ("holds", "持有"),
    ("since", "始于"),
    ("from", "自"),
    ("re-review due by", "复审截止"),
    ("a late review counts until", "逾期复审截止"),
    ("re-review overdue", "复审已逾期"),
    ("renewals", "次续期"),
    ("next", "预计"),
    ("list", "名单"),
    ("suspend", "暂停"),
    ("note", "说明"),
    ("bases", "个基地"),
    ("in", "于"),
    ("applications suspended", "暂停申报"),
    ("pending", "待认定"),
    ("active", "在册"),
    ("revoked", "撤销"),
    ("lapsed", "失效"),
    ("excluded", "移出"),
    ("score", "得分"),
];

/// A phrase a timeline writes (why a record leaves a status open, a review not counted) in the
/// current language; one the catalogue does not know stays as it is.
pub fn phrase(text: &str) -> String {
    match lang() {
        Lang::En => text.to_string(),
        Lang::Zh => PHRASES
            .iter()
            .find_map(|(en, zh)| fill(en, text).map(|holes| substitute(zh, &holes)))
            .unwrap_or_else(|| text.to_string()),
    }
}

/// The phrases of timelines: English template, Chinese; more specific templates first.
const PHRASES: &[(&str, &str)] = &[
    ("whether `{}` applies on {} (missing {})", "无法判断 `{}` 在 {} 是否适用（缺少 {}）"),
    ("whether `{}` applies on {}", "无法判断 `{}` 在 {} 是否适用"),
    ("whether `{}` on {} (its date depends on {}) came by {}", "无法判断 `{}`（{}，其日期取决于 {}）是否在 {} 之前发生"),
    ("whether `{}` on {} came by {}", "无法判断 `{}`（{}）是否在 {} 之前发生"),
    ("whether {} is an event `{}` moves on (missing {})", "无法判断 {} 是否为 `{}` 所依据的事件（缺少 {}）"),
    ("whether {} is an event `{}` moves on", "无法判断 {} 是否为 `{}` 所依据的事件"),
    ("whether the assessment of {} passed (missing {})", "无法判断 {} 的评估是否通过（缺少 {}）"),
    ("whether the assessment of {} passed", "无法判断 {} 的评估是否通过"),
    ("whether the review of {} passed (missing {})", "无法判断 {} 的复审是否通过（缺少 {}）"),
    ("whether the review of {} passed", "无法判断 {} 的复审是否通过"),
    ("whether the review of {} falls within {}", "无法判断 {} 的复审是否在 {} 之内"),
    ("the order of `{}` on {} (its date depends on {}) among the other events", "`{}`（{}，其日期取决于 {}）与其他事件的先后无法判断"),
    ("the order of `{}` on {} among the other events", "`{}`（{}）与其他事件的先后无法判断"),
    ("{}: the review of {} is not counted: the term is not running", "{}：{} 的复审不计：该期限不在运行"),
    ("{}: the review of {} is not counted: it is before the term began on {}", "{}：{} 的复审不计：早于期限起始日 {}"),
    ("{}: the review of {} is not counted: it came after the term ended on {} and the time allowed for a late review", "{}：{} 的复审不计：晚于期限届满日 {} 及逾期复审的时限"),
    ("{}: the review of {} is not counted: it came after the term ended on {}, and the term counts no late review", "{}：{} 的复审不计：晚于期限届满日 {}，且该期限不计逾期复审"),
    ("{}: the review of {} did not pass, and the policy says nothing of a failed review", "{}：{} 的复审未通过，而政策未规定复审未通过的后果"),
    ("{}: whether it applies is unknown", "{}：无法判断是否适用"),
    ("error: {} states only a lifecycle, no selection rules to judge records by; use `jidi timeline`", "错误：{} 只写明生命周期，没有可用来评判记录的遴选规则；请使用 `jidi timeline`"),
    ("the record leaves more than {} histories possible", "记录可能对应的历史超过 {} 种"),
    ("error", "错误"),
    ("rejected", "未能读取"),
    ("warning", "警告"),
];

/// A note of a rule's result (why its status is what it is) in the current language; JSON keeps
/// the English. A note the catalogue does not know stays as it is.
pub fn note(text: &str) -> String {
    note_in(text, lang())
}

/// A note in `lang`.
pub fn note_in(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    NOTES
        .iter()
        .find_map(|(en, zh)| fill(en, text).map(|holes| substitute(zh, &holes)))
        .unwrap_or_else(|| text.to_string())
}

/// The notes of rule results: English template, Chinese. More specific templates come first.
const NOTES: &[(&str, &str)] = &[
    ("the record's tier is unknown", "记录的申报类别未知"),
    ("not a rule for this tier", "不适用于该类别"),
    ("cannot tell whether `{}` holds, but every case that may apply passes (shown: the strictest)", "无法判断 `{}` 是否成立，但可能适用的各情形均满足（所示为最严格的情形）"),
    ("cannot tell whether `{}` holds, but every case that may apply fails (shown: the most lenient)", "无法判断 `{}` 是否成立，但可能适用的各情形均不满足（所示为最宽松的情形）"),
    ("cannot tell whether `{}` holds", "无法判断 `{}` 是否成立"),
    ("applies when {}", "仅当 {} 时适用"),
    ("no case of the criterion applies", "标准中没有适用的情形"),
    ("waived by exception {} where `{}`", "因例外 {} 免除（`{}`）"),
    ("exceptions {} and {} both apply: the measure gives no one answer", "例外 {} 与 {} 同时适用：办法未给出唯一结论"),
    ("cannot tell whether exception {} applies (`{}`), but with it or without it the result is the same", "无法判断例外 {} 是否适用（`{}`），但适用与否结果相同"),
    ("cannot tell whether exception {} applies (`{}`)", "无法判断例外 {} 是否适用（`{}`）"),
    ("an average growth needs two yearly figures or more, from a first above zero", "年均增速需要两个或以上年度数值，且首年数值大于零"),
    ("arithmetic overflow", "算术溢出"),
    ("division by zero", "除数为零"),
    ("date out of range", "日期超出范围"),
];

/// A diagnostic with its help line in `lang`.
pub fn localise(d: &Diagnostic, lang: Lang) -> Diagnostic {
    let mut out = d.clone();
    out.help = d.help.as_deref().map(|h| help(h, lang));
    out
}

/// A help line in `lang`. Lines the catalogue does not know stay in English.
pub fn help(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    translate(text).unwrap_or_else(|| text.to_string())
}

/// The Chinese of an English help line, when a template of the catalogue matches it.
pub fn translate(text: &str) -> Option<String> {
    HELP.iter()
        .find_map(|(en, zh)| fill(en, text).map(|holes| substitute(zh, &holes)))
}

/// The texts standing in the `{}` holes of `template` when it matches `text` whole.
fn fill<'t>(template: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let pieces: Vec<&str> = template.split("{}").collect();
    let (first, rest) = pieces.split_first()?;
    if rest.is_empty() {
        return (text == *first).then(Vec::new);
    }
    let mut at = text.strip_prefix(first).map(|_| first.len())?;
    let mut holes = Vec::new();
    for (i, piece) in rest.iter().enumerate() {
        let tail = text.get(at..)?;
        let last = i + 1 == rest.len();
        let found = if last {
            tail.strip_suffix(piece).map(str::len)?
        } else if piece.is_empty() {
            0
        } else {
            tail.find(piece)?
        };
        holes.push(tail.get(..found)?);
        at += found + piece.len();
    }
    Some(holes)
}

/// `zh` with its `{}` holes (or `{0}`, `{1}` … to reorder) filled in.
fn substitute(zh: &str, holes: &[&str]) -> String {
    let mut out = String::with_capacity(zh.len() + 16);
    let mut next = 0;
    let mut rest = zh;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        let close = after.find('}');
        let index = close.and_then(|c| {
            let inside = after.get(..c)?;
            if inside.is_empty() {
                next += 1;
                Some(next - 1)
            } else {
                inside.parse::<usize>().ok()
            }
        });
        match (index, close) {
            (Some(i), Some(c)) => {
                out.push_str(holes.get(i).copied().unwrap_or(""));
                rest = after.get(c + 1..).unwrap_or("");
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Help lines of the checker, the syntax and the data loader: English template, Chinese. `{}` is
/// a hole; the Chinese may reorder them as `{0}`, `{1}`. More specific templates come first.
const HELP: &[(&str, &str)] = &[
    // ---- names
    ("did you mean the keyword `{}`?", "是否想写关键字 `{}`？"),
    ("did you mean `{}`? the field is ignored", "是否想写 `{}`？该字段已忽略"),
    ("did you mean `{}`? the column is ignored", "是否想写 `{}`？该列已忽略"),
    ("did you mean `{}`? a list or map sheet is named after its input", "是否想写 `{}`？列表或映射工作表以其字段命名"),
    ("did you mean `{}`? the values of {} are: {}", "是否想写 `{}`？{} 的取值为：{}"),
    ("did you mean `{}`?", "是否想写 `{}`？"),
    ("the fields of `{}` are: {}", "`{}` 的字段为：{}"),
    ("the fields of {} are: {}", "{} 的字段为：{}"),
    ("the values of {} are: {}", "{} 的取值为：{}"),
    ("the functions are: {}", "内置函数有：{}"),
    ("the tiers are: {}", "类别有：{}"),
    ("write one of: {}", "请写其中之一：{}"),
    ("compare it with a value of one of: {}", "请与以下枚举之一的取值比较：{}"),
    ("declare it as an input, a `let`, a set or an enumeration value", "请将其声明为字段（input）、派生值（let）、集合或枚举值"),
    ("rename one of them or remove the copy", "请重命名其中之一，或删除重复的声明"),
    ("declare it first: `unit {}` for a new dimension, or `unit {} = FACTOR UNIT`", "请先声明：新量纲写 `unit {0}`，否则写 `unit {1} = 系数 单位`"),
    ("types are bool, date, text, number, name, tier, a unit, an enum or a record", "类型可为 bool、date、text、number、name、tier、单位、枚举或记录"),
    ("holes in a title are `{input name}`", "称号中的占位写作 `{字段名}`"),
    ("`as_of` is the date a timeline is asked for; use it inside `lifecycle { … }`", "`as_of` 是查询时间线的日期，只能在 `lifecycle { … }` 中使用"),
    ("list the set's members; a set cannot contain itself", "请列出集合的成员；集合不能包含自身"),
    ("break the cycle: a derived value may only use inputs and other derived values", "请打破循环：派生值只能使用字段和其他派生值"),
    // ---- units and types
    ("use units closer in size", "请使用大小更接近的单位"),
    ("use smaller units", "请使用更小的单位"),
    ("use a smaller base unit", "请使用更小的基本单位"),
    ("write a positive factor such as `10000` or `1/15`", "请写一个正的换算系数，如 `10000` 或 `1/15`"),
    ("write the unit after the number: `{}`", "请在数字后写上单位：`{}`"),
    ("a plain number is expected here; drop the unit, or divide by a figure in {}", "此处应为不带单位的数；请去掉单位，或除以一个以 {} 计的数"),
    ("{} and {} measure different things: only figures of one dimension can be added or compared", "{} 与 {} 量纲不同：只有同一量纲的数才能相加或比较"),
    ("write a comparison such as `x >= 5 家`, or a boolean input", "请写一个比较，如 `x >= 5 家`，或一个布尔字段"),
    ("write a value of type {}", "请写一个 {} 类型的值"),
    ("keep every member of a set the same type", "集合的成员须为同一类型"),
    ("fields belong to record values such as an event `e.日期`", "只有记录值才有字段，如事件的 `e.日期`"),
    ("index a map input such as 定性评价[\"质量体系建设情况\"]", "请对映射字段取值，如 定性评价[\"质量体系建设情况\"]"),
    ("write the key as a quoted string", "键请写成带引号的文本"),
    ("only numbers can be negated", "只有数可以取负"),
    ("the right of `in` is a set or list of the same type, e.g. `{重大, 特别重大}`", "`in` 右边须为同类型的集合或列表，如 `{重大, 特别重大}`"),
    ("the subject of `within` must be a date", "`within` 的主语须为日期"),
    ("`within` needs a duration such as `3 years`", "`within` 需要一个时长，如 `3 years`"),
    ("`within … before` needs a date to count from", "`within … before` 需要一个起算日期"),
    ("remove `as`", "请去掉 `as`"),
    ("quantify over a list input, e.g. `any e in 事件: …`", "请对列表字段量化，如 `any e in 事件: …`"),
    ("write the figure or date to compare, e.g. `min e in 事件: e.日期`", "请写出要比较的数或日期，如 `min e in 事件: e.日期`"),
    ("write the figure to add up, e.g. `sum e in 企业: e.营业收入`", "请写出要相加的数，如 `sum e in 企业: e.营业收入`"),
    ("both sides must have the same type", "两边须为同一类型"),
    ("add numbers of one dimension, or a duration to a date", "只能把同一量纲的数相加，或给日期加上时长"),
    ("only numbers multiply and divide", "只有数可以相乘或相除"),
    ("order comparisons need two numbers of one dimension, or two dates", "大小比较需要同一量纲的两个数，或两个日期"),
    ("compare values of the same type", "请比较同一类型的值"),
    ("remove the range, or give the input a unit", "请删除取值范围，或为该字段指定单位"),
    // ---- tables
    ("give the unit of the figures: `table 名称: 亿元 by 区域 { … }`", "请写出数值的单位：`table 名称: 亿元 by 区域 { … }`"),
    ("key the table by an enumeration (`by 行业`) or by text (`by text`)", "对照表须按枚举（`by 行业`）或文本（`by text`）取值"),
    ("add the missing rows, or state why the measure gives no value for them", "请补上缺少的行，或说明办法为何未给出这些取值"),
    ("write the figure, with its unit if it is not the table's", "请写出数值；单位与对照表不同时请写明单位"),
    ("write the figure itself; a value that depends on the record belongs in a `let` or a rule", "请直接写出数值；取决于记录的值应写在 `let` 或规则中"),
    ("read it with a value of {}", "请用 {} 类型的值取值"),
    ("write `{}[KEY]`, e.g. with the input that holds the key", "请写 `{}[键]`，如用保存该键的字段"),
    // ---- growth
    ("write `growth(近三年产值)`, the figures oldest first", "请写 `growth(近三年产值)`，数值按年份从早到晚排列"),
    ("compare it directly (`growth(近三年产值) > 3 %`) or make it an indicator's figure: its exact value is not a decimal", "请直接比较（`growth(近三年产值) > 3 %`）或作为指标的数值：其精确值不是有限小数"),
    // ---- rules reading rules
    ("a figure may read other rules' figures, never its own", "指标数值可以读取其他规则的数值，但不能读取自身"),
    ("rules are judged after derived values: use it in an indicator, a condition, a veto or an exception", "规则在派生值之后判定：请在指标、条件、否决项或例外中使用"),
    ("name the `group` of some indicators", "请写某些指标的一级指标（`group`）名"),
    ("name an indicator, a condition or a veto", "请写一个指标、条件或否决项的名称"),
    ("read a rule that has one, or give `{}` a figure", "请读取有数值的规则，或为 `{}` 指定数值"),
    ("a rule may read rules judged before it, never itself", "规则可以读取先于它判定的规则，但不能读取自身"),
    // ---- decisions
    ("keep one decision per article; put the other in the article it encodes", "每个条款只保留一个判定；另一个请放在它所对应的条款中"),
    ("a decision reads the verdict and the decisions written before it; move this one after it", "判定只能读取总体结论和写在它之前的判定；请把它移到后面"),
    ("name the verdict's decision (`decision 名称 { … }`) to read it", "要读取总体结论，请为其判定命名（`decision 名称 { … }`）"),
    // ---- round rules
    ("write `at most N` or `top N` for a limit that cuts", "要按名额淘汰，请写 `at most N` 或 `top N`"),
    ("write a whole number of records above zero (`at most 3`), or a share up to 100% (`top 20%`)", "请写大于零的整数名额（`at most 3`），或不超过 100% 的比例（`top 20%`）"),
    ("group by a field such as `per 所在省份`", "请按字段分组，如 `per 所在省份`"),
    ("rank by a figure such as `ranked by 营业收入 descending`", "请按数值排序，如 `ranked by 营业收入 descending`"),
    ("break ties by a field such as `ties by 名称`", "请按字段决定并列名次，如 `ties by 名称`"),
    // ---- exceptions
    ("an exception names the rule it replaces, or an exception that does not lead back to it", "例外须写明它所替代的规则，或一个不会绕回自身的例外"),
    ("name the indicator, condition, veto or exception it replaces", "请写明它所替代的指标、条件、否决项或例外"),
    ("a condition or veto is replaced by a test: `= TEST`, or `waived`", "条件或否决项由一个判断替代：`= 判断`，或 `waived`"),
    ("an indicator is replaced by tier rules: `{ all constraint >= … }`, or `waived`", "指标由各类别的规则替代：`{ all constraint >= … }`，或 `waived`"),
    ("where both hold the rule is undetermined: make one an exception to the other, or merge them", "两者同时成立时该规则无法判定：请把其中一个写成另一个的例外，或合并二者"),
    // ---- the measure and the policy's parts
    ("add `measure \"title\" { version \"…\" effective … term 5 years }` so results name the measure", "请添加 `measure \"标题\" { version \"…\" effective … term 5 years }`，结果才能注明所依据的办法"),
    ("set `effective YYYY-MM-DD` once the date is known; results cannot be placed in time until then", "施行日期确定后请写 `effective YYYY-MM-DD`；在此之前结果无法确定时间"),
    ("write `effective YYYY-MM-DD`, or `effective unset` while the date is blank", "请写 `effective YYYY-MM-DD`；日期空缺时写 `effective unset`"),
    ("declare one input of type `tier`, e.g. `input 申报类型: tier`", "请声明一个 `tier` 类型的字段，如 `input 申报类型: tier`"),
    ("keep one input of type `tier`", "只保留一个 `tier` 类型的字段"),
    ("declare the titles, e.g. `tier 示范基地`", "请声明称号类别，如 `tier 示范基地`"),
    ("give the indicator a figure (`indicator {} = 营业收入 { … }`) or write the whole comparison", "请给指标一个数值（`indicator {} = 营业收入 { … }`），或写出完整的比较"),
    ("add {} to `scope`, or remove this line", "请把 {} 加入 `scope`，或删除这一行"),
    ("keep one line per tier; several checks that must all hold go in one `{ …; … }` block", "每个类别只写一行；须同时满足的多项检查写在一个 `{ …; … }` 块中"),
    ("add a line `{} constraint >= …` (or `guidance`), or narrow `scope`", "请添加一行 `{} constraint >= …`（或 `guidance`），或缩小 `scope`"),
    ("say how rules combine, e.g. `decision { not_eligible when any constraint is fail  otherwise eligible }`", "请说明规则如何合成结论，如 `decision { not_eligible when any constraint is fail  otherwise eligible }`"),
    ("say how rules combine, e.g. `decision { not_eligible when any constraint is fail otherwise eligible }`", "请说明规则如何合成结论，如 `decision { not_eligible when any constraint is fail otherwise eligible }`"),
    ("keep one decision block", "只保留一个 decision 块"),
    ("put the indicator inside `article LABEL { … }`, or give it `cite \"LABEL\"`", "请把指标放进 `article 条款名 { … }`，或为其写 `cite \"出处\"`"),
    ("put the rule inside `article LABEL { … }` for the article it encodes", "请把规则放进它所对应条款的 `article 条款名 { … }` 中"),
    // ---- time and the life of a base
    ("add `calendar \"calendar/cn-workdays.toml\"`, the official holiday and make-up-day arrangement", "请添加 `calendar \"calendar/cn-workdays.toml\"`，即官方的节假日与调休安排"),
    ("state the whole life of a base in one block", "请在一个块中写明基地的整个生命周期"),
    ("keep one `stars` block", "只保留一个 `stars` 块"),
    ("weights name the `group` of indicators", "权重须写指标的一级指标（`group`）名"),
    ("a band is taken when the score reaches it, trying bands in order", "得分达到某一档即取该档，按顺序逐档判断"),
    ("the path is relative to the policy file; without it no working days can be counted", "路径相对于政策文件；没有日历就无法计算工作日"),
    ("each year is a table with `holidays` and `workdays`, dates as \"YYYY-MM-DD\"", "每一年是一个含 `holidays` 和 `workdays` 的表，日期写作 \"YYYY-MM-DD\""),
    ("declare one, e.g. `state 有效 is active`", "请声明一个，如 `state 有效 is active`"),
    ("declare it with `state NAME is active|revoked|lapsed|excluded|pending`", "请用 `state 名称 is active|revoked|lapsed|excluded|pending` 声明"),
    ("write a date input, or `min e in 事件 where …: e.日期`", "请写一个日期字段，或 `min e in 事件 where …: e.日期`"),
    ("name a list input, e.g. `review r in 复核 …`", "请写一个列表字段，如 `review r in 复核 …`"),
    ("`require` names the field a refused record is reported at", "`require` 写明被拒记录报告在哪个字段"),
    ("write `term NAME { length 3 years  from DATE  expired => STATE }`", "请写 `term 名称 { length 3 years  from 日期  expired => 状态 }`"),
    ("write a whole number: `5 working days`", "请写整数：`5 working days`"),
    ("`state` is a base's current state and `entered` the date it entered it; use them inside `lifecycle { … }`", "`state` 是基地当前的状态，`entered` 是进入该状态的日期；只能在 `lifecycle { … }` 中使用"),
    ("a term starts and ends on transitions: `starts on NAME` names a `transition NAME …`", "期限在转换发生时开始或终止：`starts on 名称` 须写一条 `transition 名称 …`"),
    ("an assessment `passes` or is `failed`; a term is `expired`", "定期评估只有 `passes`（通过）或 `failed`（未通过）；`expired`（期满）用于期限"),
    ("give the term a `review r in … on … passes when …`, or move on `expired`", "请为该期限写 `review r in … on … passes when …`，或改为依据 `expired`"),
    ("declare `assessment NAME = a in LIST on DATE passes when TEST`, or name a term", "请声明 `assessment 名称 = a in 列表 on 日期 passes when 条件`，或写一个期限的名称"),
    ("write `renewal from review` (a new term from the review's date) or `renewal from end` (from the old term's end); until then it counts from the review", "请写 `renewal from review`（新期限自复审之日起算）或 `renewal from end`（自原期限届满起算）；未写明时自复审之日起算"),
    ("write the earliest day the measure can take effect first: `effective unset from 2023-01-01 to 2023-12-31`", "请先写办法最早可能施行的日期：`effective unset from 2023-01-01 to 2023-12-31`"),
    ("give each star scheme its own name", "请为每个评星方案取不同的名称"),
    ("give groups or indicators a weight (`weight 规模效益 25`), or grade an indicator (`points NAME { … }`)", "请为一级指标或指标设权重（`weight 规模效益 25`），或对指标分档计分（`points 名称 { … }`）"),
    ("rename the group or the indicator so a weight names one of them", "请重命名一级指标或指标，使权重只指其中之一"),
    ("weights name the `group` of indicators, or an indicator", "权重须写指标的一级指标（`group`）名，或指标名"),
    ("grade an indicator that has a figure (`indicator NAME = 营业收入 { … }`)", "请对有数值的指标分档计分（`indicator 名称 = 营业收入 { … }`）"),
    ("write the threshold as a number with its unit, e.g. `10 when >= 6000 万元/公顷`", "请把分档阈值写成带单位的数，如 `10 when >= 6000 万元/公顷`"),
    ("add a transition `to` it from a state a base can be in, or remove the state", "请从基地可能处于的状态添加一条 `to` 该状态的转换，或删除该状态"),
    ("add a transition `from` this state (a revocation, an expiry), or a term that runs in it", "请添加一条 `from` 该状态的转换（撤销、期满等），或一个在该状态下运行的期限"),
    ("check the states it starts from and its `when`; a transition that cannot fire changes no status", "请检查其起始状态和 `when`；不可能发生的转换不会改变任何状态"),
    ("`{}`, written before it, moves on the same events from the same state whenever this one would: put the more specific transition first, or narrow the earlier one's `from` or `when`", "写在前面的 `{}` 依据同样的事件、从同样的状态，在本转换会发生时总是先发生：请把更具体的转换写在前面，或收窄前者的 `from` 或 `when`"),
    ("load a policy with selection rules; follow titled bases with `jidi timeline`", "请载入含遴选规则的政策文件；已认定基地请用 `jidi timeline` 跟踪"),
    ("add those states to `from`, or leave `from` out to move bases in every active state", "请把这些状态加入 `from`，或省略 `from`，使所有在册状态的基地都转换"),
    // ---- lints
    ("use it in a rule, remove it, or mark it `recorded` if records carry it for information only", "请在规则中使用它、删除它，或在记录仅作备查时标为 `recorded`"),
    ("two indicators with one criterion usually means one was copied by mistake; check the measure", "两个指标引用同一标准，通常是误复制；请核对办法原文"),
    ("one citation should stand for one rule; check the measure's numbering", "一个出处应只对应一条规则；请核对办法的编号"),
    ("if both mean the group `{}`, the measure's text should use one spelling", "若两者都指一级指标 `{}`，办法原文应使用同一写法"),
    ("quote the measure's words (`quote \"…\"`), or state it as an assumption (`assume NAME \"…\"`) if the measure does not say it", "请引用办法原文（`quote \"…\"`）；办法未作规定时，请写成假设（`assume 名称 \"…\"`）"),
    ("check the threshold's figure and unit against the measure, and the input's `range`", "请对照办法核对阈值的数值与单位，以及字段的 `range`"),
    ("the measure is silent or ambiguous here; the policy decides", "办法在此未作规定或表述不明；由政策文件决定"),
    // ---- why the solver could not answer (diff --witness, check --analyze, test --coverage)
    ("no solver: cannot start `{}` ({}); install Debian's z3 package, or name the binary in JIDI_Z3", "没有求解器：无法启动 `{}`（{}）；请安装 Debian 的 z3 软件包，或用 JIDI_Z3 指定其路径"),
    ("the solver found no answer within the time bound", "求解器未能在时限内作答"),
    ("the solver failed: {}", "求解器出错：{}"),
    ("the encoder does not model {}", "编码器尚不支持 {}"),
    ("the solver's record did not hold when evaluated (a figure was rounded to a decimal): old {}, new {}", "求解器给出的记录经评价不成立（有数值被舍入为小数）：旧版 {}，新版 {}"),
    ("the solver's record did not hold when evaluated: old {}, new {}", "求解器给出的记录经评价不成立：旧版 {}，新版 {}"),
    ("some outcomes could not be decided in time", "部分结果未能在时限内判定"),
    ("records considered: lists of at most {} elements; dates in the years {}–{}; figures within {} of their unit", "所考察的记录：列表最多 {} 项；日期在 {}–{} 年之间；数值在其单位的 {} 以内"),
    // ---- check --analyze
    ("install Debian's z3 package for `--analyze`, or raise `--timeout`", "请安装 Debian 的 z3 软件包以使用 `--analyze`，或调高 `--timeout`"),
    ("check its threshold and the inputs' `range` against the measure", "请对照办法核对其阈值及字段的 `range`"),
    ("check the veto's test against the measure: its conditions may contradict each other", "请对照办法核对该否决项的条件：其中的条件可能相互矛盾"),
    ("a rule that cannot fail decides nothing; check its threshold against the measure", "不可能不满足的规则不起作用；请对照办法核对其阈值"),
    ("reorder the cases, or remove this one", "请调整各情形的顺序，或删除此情形"),
    ("make the cases exclusive, or put the more specific one first", "请使各情形互斥，或把更具体的情形放在前面"),
    ("add an `else => …` case, or a case for these records", "请添加 `else => …` 情形，或为这些记录添加一个情形"),
    ("check its `since` and `when` against the measure", "请对照办法核对其 `since` 与 `when`"),
    // ---- syntax
    ("check that every `{`, `(` and `\"` is closed and that checks in a `{ … }` block are separated by `;`", "请检查每个 `{`、`(` 和 `\"` 都已闭合，`{ … }` 块中的各项检查以 `;` 分隔"),
    ("`{}` cannot stand here: is a `}` or `;` missing before it? (A name spelt like a keyword must be quoted: \"{}\")", "`{}` 不能出现在这里：前面是否缺少 `}` 或 `;`？（与关键字同形的名称须加引号：\"{}\"）"),
    ("this construct is not valid here", "此处不能使用这种写法"),
    ("numbers are exact decimals with at most 28 significant digits", "数为精确十进制数，最多 28 位有效数字"),
    ("write dates as YYYY-MM-DD, e.g. 2023-10-01", "日期请写作 YYYY-MM-DD，如 2023-10-01"),
    ("write dates as YYYY-MM-DD, e.g. 2024-03-15", "日期请写作 YYYY-MM-DD，如 2024-03-15"),
    ("write dates as \"YYYY-MM-DD\"", "日期请写作 \"YYYY-MM-DD\""),
    ("durations are whole years, months or days, e.g. `3 years`", "时长为整年、整月或整日，如 `3 years`"),
    ("split the expression with `let` declarations", "请用 `let` 声明拆分该表达式"),
    ("split it with `let` declarations", "请用 `let` 声明拆分"),
    ("compare with the declarations in policies/sichuan-2023-draft.jidi", "请参照 policies/sichuan-2023-draft.jidi 中的声明"),
    ("write `condition NAME = EXPRESSION`", "请写 `condition 名称 = 表达式`"),
    ("end the decision with `otherwise eligible`", "请以 `otherwise eligible` 结束 decision 块"),
    // ---- output, files and front ends
    ("cannot write to standard output: {}", "无法写入标准输出：{}"),
    ("--jobs {} is more than {}: using {} threads", "--jobs {} 超过上限 {}：改用 {} 个线程"),
    ("{} more {} like the {} above are not shown", "另有 {} 条与上面 {2} 条相同的 {1} 未显示"),
    ("close every bracket; the next command starts on a line of its own", "请闭合所有括号；下一条命令从新的一行开始"),
    ("check the input the commands are piped from", "请检查通过管道输入的命令"),
    ("the line is skipped; write one command per line", "该行已跳过；每行写一条命令"),
    ("the line is skipped; save the script as UTF-8 (it may be in GBK)", "该行已跳过；请将脚本保存为 UTF-8（它可能是 GBK 编码）"),
    // ---- records
    ("check the path and its permissions", "请检查路径及其权限"),
    ("check the path, and that the file is an .xlsx, .ods or .csv file", "请检查路径，以及文件是否为 .xlsx、.ods 或 .csv 文件"),
    ("save the file as UTF-8 JSON, NDJSON, TOML or YAML, or as a spreadsheet", "请将文件保存为 UTF-8 编码的 JSON、NDJSON、TOML 或 YAML，或保存为电子表格"),
    ("the caller checked the policy without its files; without the calendar no working days can be counted", "调用方检查政策时未提供其引用的文件；没有日历就无法计算工作日"),
    ("name a file beside the policy, such as `calendar/cn-workdays.toml`", "请引用政策文件所在文件夹中的文件，例如 `calendar/cn-workdays.toml`"),
    ("each line of an NDJSON file is one JSON record", "NDJSON 文件每行是一条 JSON 记录"),
    ("write a record as { \"名称\": …, \"申报类型\": … }", "记录请写作 { \"名称\": …, \"申报类型\": … }"),
    ("check the figure and its unit", "请检查数值及其单位"),
    ("check the figure against the record's form", "请对照申报表核对该数值"),
    ("keep one `{}`: which value is meant cannot be told, so the record is not evaluated", "只保留一个 `{}`：无法判断应取哪个值，因此该记录未被评价"),
    ("write the text in quotes", "文本请加引号"),
    ("write true or false (是 / 否 are accepted)", "请写 true 或 false（也可写 是 / 否）"),
    ("write the value as text", "取值请写成文本"),
    ("write a list in [ … ]", "列表请写在 [ … ] 中"),
    ("write a map in { … }", "映射请写在 { … } 中"),
    ("write the record in { … }", "记录请写在 { … } 中"),
    ("write a number in {}, or a number with its unit such as \"{}\"", "请写一个以 {} 计的数，或带单位的数，如 \"{}\""),
    ("write the figure in {}, or in a declared unit of the same dimension", "请写以 {} 计的数值，或使用已声明的同量纲单位"),
    ("write the figure in {}", "请写以 {} 计的数值"),
    ("write a number in {}", "请写一个以 {} 计的数"),
    ("write a number{}, or a number with its unit such as \"{}\"", "请写一个数{}，或带单位的数，如 \"{}\""),
    ("write the figure{}, or in a declared unit of the same dimension", "请写数值{}，或使用已声明的同量纲单位"),
    ("write the figure{}", "请写数值{}"),
    ("write a number{}", "请写一个数{}"),
    ("use a smaller figure", "请使用更小的数值"),
    ("fix the file's quoting; the other files are still evaluated", "请修正文件中的引号；其他文件照常评价"),
    ("close the field's quote (a quote inside a field is written twice, \"\"); the other files are still evaluated", "请补上该字段的右引号（字段内的引号写作两个 \"\"）；其他文件照常评价"),
    ("type the figure in the field's unit and format the cell as a number, not a percentage", "请按该字段的单位填写数值，并将单元格格式设为数值而非百分比"),
    ("write the decimal point as `.` (1260.5), and commas only between groups of three digits", "小数点请写作 `.`（如 1260.5），逗号只能用作千位分隔符（每三位一组）"),
    ("keep one column per key", "每个键只保留一列"),
    ("keep one column per field", "每个字段只保留一列"),
    ("{} goes on a sheet of its own named `{}`; the column is ignored", "{} 应放在名为 `{}` 的单独工作表中；该列已忽略"),
    ("this policy does not read it; the column is ignored", "本政策不读取它；该列已忽略"),
    ("this policy does not read it; it is ignored", "本政策不读取它；已忽略"),
    ("write the unit as the policy declares it", "请按政策文件声明的写法写单位"),
    ("write the figures in one of: {}", "请用以下单位之一填写数值：{}"),
    ("the first visible sheet holds one park per row, with the fields as headers", "第一个可见工作表每行一个园区，表头为字段名"),
    ("the first row holds the fields' names, then one park per row", "第一行为字段名，之后每行一个园区"),
    ("declare an input of type `name` to join sheets by", "请声明一个 `name` 类型的字段，用来关联各工作表"),
    ("add a column headed {} naming each row's park", "请添加表头为 {} 的一列，写明每行所属园区"),
    ("give every park its own name", "请为每个园区取不同的名称"),
    ("write the park's name in the column {}, as on the parks' sheet", "请在 {} 列写园区名称，与园区工作表一致"),
    ("the name must be written as on the sheet {}", "名称须与工作表 {} 中的写法一致"),
    ("keep one row per park on a map sheet", "映射工作表中每个园区只保留一行"),
    ("fix the cell as the header says; the other parks are still evaluated", "请按表头要求修正该单元格；其他园区照常评价"),
    ("this is a bug in jidi's template writer; please report it", "这是 jidi 模板生成的缺陷，请报告"),
];

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_their_holes() {
        assert_eq!(
            help("did you mean `工业用地地均收入`?", Lang::Zh),
            "是否想写 `工业用地地均收入`？"
        );
        assert_eq!(
            help(
                "declare it first: `unit 吨 ` for a new dimension, or `unit 吨  = FACTOR UNIT`",
                Lang::Zh
            ),
            "请先声明：新量纲写 `unit 吨 `，否则写 `unit 吨  = 系数 单位`"
        );
        assert_eq!(help("something new", Lang::Zh), "something new");
        assert_eq!(help("did you mean `x`?", Lang::En), "did you mean `x`?");
        assert_eq!(
            help("the fields of 事件 are: 类型, 级别", Lang::Zh),
            "事件 的字段为：类型, 级别"
        );
    }

    #[test]
    fn locales() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh-Hans"), Lang::Zh);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("en_US"), Lang::En);
        assert_eq!(label_in("eligible", Lang::Zh), "符合");
        assert_eq!(label_in("eligible", Lang::En), "eligible");
    }

    /// Every help line the checker, the syntax and the data loader can write is in the catalogue:
    /// each string literal given to `.help(…)` (format strings with their holes filled) translates.
    #[test]
    fn every_help_line_in_the_source_is_translated() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        for dir in ["check", "data", "data/sheet", "syntax", "verify"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        let mut missing = Vec::new();
        let mut seen = 0;
        let mut all = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for lit in help_literals(&text) {
                seen += 1;
                all.push(lit.clone());
                if translate(&lit).is_none() {
                    missing.push(format!("{}: {lit}", path.display()));
                }
            }
        }
        assert!(seen > 100, "{seen}");
        // The scan finds help lines in each way they are written.
        for known in [
            "write true or false (是 / 否 are accepted)",
            "write a numberX, or a number with its unit such as \"12.5X\"",
            "the subject of `within` must be a date",
            "order comparisons need two numbers of one dimension, or two dates",
            "put the rule inside `article LABEL { … }` for the article it encodes",
            "did you mean `X`? the values of X are: X",
            "numbers are exact decimals with at most 28 significant digits",
            "write the decimal point as `.` (1260.5), and commas only between groups of three digits",
        ] {
            assert!(all.iter().any(|l| l == known), "the scan misses {known:?}");
        }
        assert!(
            missing.is_empty(),
            "help lines with no translation:\n{}",
            missing.join("\n")
        );
    }

    /// The string literals in help position: `.help("…")`, `.help(format!("…"))`, the help argument
    /// of the checker's type-mismatch helpers, and `let help = …` bindings.
    fn help_literals(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        // Calls whose last argument is the help line; the others hold nothing but help.
        let last_arg = [
            "mismatch(",
            "lower_typed(",
            "err(",
            "fail(",
            "TYPE,",
            "UNIT,",
            "SEPARATOR,",
            "TOO_MANY_DIGITS,",
        ];
        for marker in last_arg.iter().chain(&[
            ".help(",
            "let help = ",
            "let (label, help) = ",
            "let (a, help) = ",
        ]) {
            let mut rest = text;
            while let Some(i) = rest.find(marker) {
                let after = &rest[i + marker.len()..];
                rest = after;
                let preceded = text.len() - after.len() - marker.len();
                if marker.ends_with("err(")
                    && text[..preceded].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                {
                    continue; // map_err( and the like
                }
                let mut region = region(after, marker.starts_with("let"));
                if last_arg.contains(marker) {
                    region = last_argument(region);
                }
                for (lit, formatted) in literals(region) {
                    let lit = if formatted { fill_format(&lit) } else { lit };
                    let is_message = lit.starts_with("this is in")
                        || lit.starts_with("a plain number has")
                        || lit.starts_with("a true/false test");
                    if lit.chars().filter(|c| c.is_alphabetic()).count() > 8 && !is_message {
                        out.push(lit);
                    }
                }
            }
        }
        out
    }

    /// The last top-level argument of a call's arguments.
    fn last_argument(args: &str) -> &str {
        let mut depth = 0i32;
        let mut in_str = false;
        let mut escaped = false;
        let mut start = 0;
        for (i, c) in args.char_indices() {
            if in_str {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '(' | '{' | '[' => depth += 1,
                ')' | '}' | ']' => depth -= 1,
                ',' if depth == 0 && !args[i + 1..].trim().is_empty() => start = i + 1,
                _ => {}
            }
        }
        &args[start..]
    }

    /// The text of a call's arguments (to the closing bracket) or of a `let` (to its `;`).
    fn region(after: &str, statement: bool) -> &str {
        let mut depth = 1i32;
        let mut in_str = false;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            if in_str {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '(' | '{' | '[' => depth += 1,
                ')' | '}' | ']' => {
                    depth -= 1;
                    if depth == 0 && !statement {
                        return &after[..i];
                    }
                }
                ';' if statement && depth == 1 => return &after[..i],
                _ => {}
            }
        }
        after
    }

    /// The string literals of a region, unescaped, each with whether it is a `format!` string.
    fn literals(region: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut chars = region.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '"' {
                continue;
            }
            let formatted = region[..i].trim_end().ends_with("format!(");
            let mut s = String::new();
            let mut escaped = false;
            for (_, c) in chars.by_ref() {
                if escaped {
                    s.push(match c {
                        'n' => '\n',
                        other => other,
                    });
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    break;
                } else {
                    s.push(c);
                }
            }
            out.push((s, formatted));
        }
        out
    }

    /// A format string with every hole filled with `X` and its `{{`/`}}` unescaped.
    fn fill_format(f: &str) -> String {
        let mut out = String::new();
        let mut chars = f.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push('}');
                }
                '{' => {
                    for d in chars.by_ref() {
                        if d == '}' {
                            break;
                        }
                    }
                    out.push('X');
                }
                _ => out.push(c),
            }
        }
        out
    }
}
