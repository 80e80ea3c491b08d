//! The language of messages (`--lang zh|en`) and the labels of tables and summaries. Diagnostics
//! have their own bilingual catalogue ([`crate::diag::catalogue`]), rendered where they are shown.
//! JSON output is never translated.

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
    ("fail", "未通过"),
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
    ("binding", "约束力"),
    ("absent", "不存在"),
    ("relaxed", "放宽标准"),
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
    ("the star scheme is an assumption", "星级计算方法是假设"),
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

/// Why the solver gave no answer (`diff --witness`, `check --analyze`, `test --coverage`), in
/// `lang`. The solver's reasons are still English text made in `verify`, matched here against
/// [`REASONS`]; a reason the table does not know stays as it is.
pub fn reason(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    REASONS
        .iter()
        .find_map(|(en, zh)| fill(en, text).map(|holes| substitute(zh, &holes)))
        .unwrap_or_else(|| text.to_string())
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

/// The solver's reasons: English template, Chinese.
const REASONS: &[(&str, &str)] = &[
    ("no solver: cannot start `{}` ({}); install Debian's z3 package, or name the binary in JIDI_Z3", "没有求解器：无法启动 `{}`（{}）；请安装 Debian 的 z3 软件包，或用 JIDI_Z3 指定其路径"),
    ("the solver found no answer within the time bound", "求解器未能在时限内作答"),
    ("the solver failed: {}", "求解器出错：{}"),
    ("the encoder does not model {}", "编码器尚不支持 {}"),
    ("the solver's record did not hold when evaluated (a figure was rounded to a decimal): old {}, new {}", "求解器给出的记录经评价不成立（有数值被舍入为小数）：旧版 {}，新版 {}"),
    ("the solver's record did not hold when evaluated: old {}, new {}", "求解器给出的记录经评价不成立：旧版 {}，新版 {}"),
    ("some outcomes could not be decided in time", "部分结果未能在时限内判定"),
];

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn reasons_fill_their_holes() {
        assert_eq!(
            reason("the solver failed: broken pipe", Lang::Zh),
            "求解器出错：broken pipe"
        );
        assert_eq!(reason("something new", Lang::Zh), "something new");
        assert_eq!(
            reason("the solver failed: x", Lang::En),
            "the solver failed: x"
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
        assert_eq!(label_in("fail", Lang::Zh), "未通过");
    }
}
