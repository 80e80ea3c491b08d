//! One difference of `jidi diff`, typed: its parts are words of the catalogue, names, the
//! policy's code or its strings, put into words only where they are shown ([`Change::line`]).
//! JSON writes each part in English as it always has (`shared/spec/records.md`).

use crate::diag::catalogue::{diff_aspects as aspects, diff_lines as lines, diff_values as values};
use crate::diag::text::{Arg, Text};
use crate::i18n::Lang;
use serde::{Serialize, Serializer};

/// One difference between two versions, with the article it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `第九条`, `附件 指标3`, or a part of the policy (`measure`, `units`) for what no article
    /// holds.
    pub article: Shown,
    /// The rule, input, unit or attribute that changed.
    pub subject: Shown,
    /// What about it changed: `threshold 示范基地`, `kind 产业基地`, `indicator added`, …
    pub aspect: Aspect,
    pub old: Option<Shown>,
    pub new: Option<Shown>,
}

impl Change {
    /// The change as `jidi diff` writes it under its article, in `lang`.
    pub fn line(&self, lang: Lang) -> String {
        let side = |s: &Option<Shown>| match s {
            Some(s) if !s.is_empty() => s.render(lang),
            _ => "—".to_string(),
        };
        lines::change(
            self.subject.render(lang),
            self.aspect.text(),
            side(&self.old),
            side(&self.new),
        )
        .render(lang)
    }
}

/// A part of a change as people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Words of the catalogue, with names and the policy's code in their holes.
    Words(Text),
    /// A name, a number with its unit, a date or a set of names: the same in every language.
    Name(String),
    /// The policy's code (a test, a declaration), written with English keywords.
    Code(String),
    /// A string of the policy (its title, an assumption): shown in quotes, as the policy writes
    /// it.
    Quoted(String),
}

impl Shown {
    /// The part in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.text().render(lang)
    }

    /// The part as a text of the catalogue.
    pub fn text(&self) -> Text {
        match self {
            Shown::Words(t) => t.clone(),
            Shown::Name(s) => values::plain(s),
            Shown::Code(s) => values::plain(Arg::Code(s.clone())),
            Shown::Quoted(s) => values::quoted(s),
        }
    }

    /// Whether there is nothing to show (an empty name or string).
    pub fn is_empty(&self) -> bool {
        match self {
            Shown::Words(_) => false,
            Shown::Name(s) | Shown::Code(s) | Shown::Quoted(s) => s.is_empty(),
        }
    }

    /// The part as JSON writes it: in English, a string without its quotes.
    pub fn json(&self) -> String {
        match self {
            Shown::Words(t) => t.en(),
            Shown::Name(s) | Shown::Code(s) | Shown::Quoted(s) => s.clone(),
        }
    }
}

impl From<Shown> for Arg {
    fn from(shown: Shown) -> Self {
        match shown {
            Shown::Words(t) => Arg::Text(t),
            Shown::Name(s) => Arg::Plain(s),
            Shown::Code(s) => Arg::Code(s),
            Shown::Quoted(_) => Arg::Text(shown.text()),
        }
    }
}

impl Serialize for Shown {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.json())
    }
}

/// What about a thing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aspect {
    /// An attribute or the description of the thing (`title`, `type`, `indicator added`).
    Of(Text),
    /// What one tier, or every tier, must meet.
    Tiered(Criterion, Tiers),
}

/// A part of what a tier must meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Criterion {
    NowApplies,
    NoLongerApplies,
    /// Constraint or guidance.
    Kind,
    /// The whole criterion, when its cases differ in number or shape.
    Whole,
    /// The guard of a `when` case, read the same but meaning something else.
    Case(Option<String>),
    /// An indicator's threshold, in the case of that guard.
    Threshold(Option<String>),
    /// The test of a condition or veto, in the case of that guard.
    Test(Option<String>),
}

/// The tiers a change of a criterion concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tiers {
    One(String),
    /// Every tier, each with the same change (an indicator).
    All,
    /// Every tier, for a rule written once for all of them (a condition or veto).
    Shared,
}

impl Aspect {
    /// The aspect as a text of the catalogue.
    pub fn text(&self) -> Text {
        match self {
            Aspect::Of(t) => t.clone(),
            Aspect::Tiered(what, tiers) => {
                let tier: Option<Arg> = match tiers {
                    Tiers::One(t) => Some(Arg::Plain(t.clone())),
                    Tiers::All => Some(Arg::Text(aspects::all_tiers())),
                    Tiers::Shared => None,
                };
                let case = |g: &Option<String>| match g {
                    Some(g) => Arg::Text(aspects::when_case(Arg::Code(g.clone()))),
                    None => Arg::Plain(String::new()),
                };
                match (what, tier) {
                    (Criterion::NowApplies, Some(t)) => aspects::now_applies(t),
                    (Criterion::NowApplies, None) => aspects::now_applies_shared(),
                    (Criterion::NoLongerApplies, Some(t)) => aspects::no_longer_applies(t),
                    (Criterion::NoLongerApplies, None) => aspects::no_longer_applies_shared(),
                    (Criterion::Kind, Some(t)) => aspects::kind(t),
                    (Criterion::Kind, None) => aspects::kind_shared(),
                    (Criterion::Whole, Some(t)) => aspects::criterion(t),
                    (Criterion::Whole, None) => aspects::criterion_shared(),
                    (Criterion::Case(g), Some(t)) => aspects::case(t, case(g)),
                    (Criterion::Case(g), None) => aspects::case_shared(case(g)),
                    (Criterion::Threshold(g), Some(t)) => aspects::threshold(t, case(g)),
                    (Criterion::Threshold(g), None) => aspects::threshold_shared(case(g)),
                    (Criterion::Test(g), Some(t)) => aspects::test(t, case(g)),
                    (Criterion::Test(g), None) => aspects::test_shared(case(g)),
                }
            }
        }
    }
}

impl Serialize for Aspect {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text().en())
    }
}
