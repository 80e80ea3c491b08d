//! The language of messages (`--lang zh|en`), resolved once by the front end and passed to what
//! renders text, and the words of statuses, verdicts and kinds (`Status::word`, `Verdict::word`
//! …) from the catalogue's words ([`crate::diag::catalogue::status_words`]). JSON output is
//! never translated.

use crate::diag::catalogue::{status_words, timeline_words, verify_words};
use crate::eval::Status;
use crate::ir::BindingEffect;
use crate::syntax::ast::{BaseStatus, RuleClass, RuleKind, Verdict};
use crate::verify::Relation;

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

impl Status {
    /// The status in `lang`: `fail`, `未通过`; `not_applicable`, `不适用`.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Status::Pass => status_words::pass(lang),
            Status::Fail => status_words::fail(lang),
            Status::Unknown => status_words::unknown(lang),
            Status::NotApplicable => status_words::not_applicable(lang),
        }
    }

    /// The status in a table's narrow column: as [`Status::word`], but `n/a` for not applicable.
    pub fn column_word(self, lang: Lang) -> &'static str {
        match self {
            Status::NotApplicable => status_words::n_a(lang),
            other => other.word(lang),
        }
    }
}

impl Verdict {
    /// The verdict in `lang`: `not_eligible`, `不符合`.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Eligible => status_words::eligible(lang),
            Verdict::NotEligible => status_words::not_eligible(lang),
            Verdict::Undetermined => status_words::undetermined(lang),
        }
    }
}

impl RuleClass {
    /// The kind of a rule in `lang`: `constraint`, `约束性`.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            RuleClass::Condition => status_words::condition(lang),
            RuleClass::Veto => status_words::veto(lang),
            RuleClass::Constraint => status_words::constraint(lang),
            RuleClass::Guidance => status_words::guidance(lang),
        }
    }
}

impl BindingEffect {
    /// What a binding case makes of its rule, in `lang`: `guidance`, `relaxed`, `undetermined` …
    pub fn word(&self, lang: Lang) -> &'static str {
        match self {
            BindingEffect::Kind(RuleKind::Guidance) => status_words::guidance(lang),
            BindingEffect::Kind(RuleKind::Constraint) => status_words::constraint(lang),
            BindingEffect::Criteria(_) => status_words::relaxed(lang),
            BindingEffect::Panel => status_words::undetermined(lang),
        }
    }
}

impl BaseStatus {
    /// A titled base's status in `lang`: `active`, `在册`.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            BaseStatus::Pending => timeline_words::pending(lang),
            BaseStatus::Active => timeline_words::active(lang),
            BaseStatus::Revoked => timeline_words::revoked(lang),
            BaseStatus::Lapsed => timeline_words::lapsed(lang),
            BaseStatus::Excluded => timeline_words::excluded(lang),
            BaseStatus::Undetermined => status_words::undetermined(lang),
        }
    }
}

impl Relation {
    /// How a revision changes a tier's eligible parks, in `lang`: `narrower`, `收窄`.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Relation::Equivalent => verify_words::equivalent(lang),
            Relation::Narrower => verify_words::narrower(lang),
            Relation::Wider => verify_words::wider(lang),
            Relation::Both => verify_words::both(lang),
            Relation::Unknown => status_words::unknown(lang),
        }
    }
}

/// The word for a status, verdict or kind given by its name in machine-readable output
/// (`fail`, `not_eligible`, `guidance`, `absent`, `rejected`: `shared/spec/records.md`), in
/// `lang`; `None` for a name that is none of those.
pub fn word_of_name(name: &str, lang: Lang) -> Option<&'static str> {
    let statuses = [
        Status::Pass,
        Status::Fail,
        Status::Unknown,
        Status::NotApplicable,
    ];
    let verdicts = [
        Verdict::Eligible,
        Verdict::NotEligible,
        Verdict::Undetermined,
    ];
    statuses
        .into_iter()
        .find(|s| s.as_str() == name)
        .map(|s| s.word(lang))
        .or_else(|| {
            verdicts
                .into_iter()
                .find(|v| crate::report::verdict_name(*v) == name)
                .map(|v| v.word(lang))
        })
        .or_else(|| match name {
            "constraint" => Some(RuleClass::Constraint.word(lang)),
            "guidance" => Some(RuleClass::Guidance.word(lang)),
            "absent" => Some(status_words::absent(lang)),
            "rejected" => Some(status_words::rejected(lang)),
            _ => None,
        })
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh-Hans"), Lang::Zh);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("en_US"), Lang::En);
    }

    #[test]
    fn words_of_statuses() {
        assert_eq!(Verdict::Eligible.word(Lang::Zh), "符合");
        assert_eq!(Verdict::Eligible.word(Lang::En), "eligible");
        assert_eq!(Status::Fail.word(Lang::Zh), "未通过");
        assert_eq!(Status::NotApplicable.word(Lang::En), "not_applicable");
        assert_eq!(Status::NotApplicable.column_word(Lang::En), "n/a");
    }
}
