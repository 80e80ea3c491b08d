//! The catalogue of diagnostics: for every code (`jidi::…`) one entry, with its severity and the
//! templates of its messages, labels and help lines in English and Chinese, each with named,
//! typed holes. A diagnostic carries its code and the arguments of its templates; it becomes text
//! only where it is shown, in the language asked for there ([`crate::diag::Diagnostic::shown`]).
//!
//! Adding a diagnostic is one place: an entry (or a line of an entry) in the file of its stage.
//! `message` lines make a [`Diagnostic`](crate::diag::Diagnostic) of the entry's code; `text`
//! lines make a [`Text`](crate::diag::text::Text) for a label or help line; `word` lines
//! a word of tables and summaries (`&'static str`). Entries without a code
//! hold texts several codes share, and the words of the front ends.

use crate::diag::text::Template;
use crate::diag::Severity;

/// A code of the catalogue and the severity of its diagnostics.
#[derive(Debug)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
}

/// One entry of the catalogue: a code (or none, for shared texts) and its named templates.
#[derive(Debug)]
pub struct Entry {
    pub module: &'static str,
    pub code: Option<&'static Code>,
    pub templates: &'static [(&'static str, &'static Template)],
}

/// Declares entries of the catalogue. Each entry is a module named after its code, holding
/// `CODE`, and one function per line: `message NAME(holes) "English" "中文";` makes a
/// diagnostic, `text NAME(holes) "English" "中文";` a text.
macro_rules! catalogue {
    ($(
        $(#[doc = $doc:literal])*
        $module:ident $( = $code:literal $severity:ident )? {
            $( $kind:ident $name:ident ( $($arg:ident),* ) $en:literal $zh:literal ; )*
        }
    )*) => {
        $(
            $(#[doc = $doc])*
            pub mod $module {
                #[allow(unused_imports)]
                use $crate::diag::text::{Arg, Text};
                #[allow(unused_imports)]
                use $crate::diag::Diagnostic;
                $(
                    /// The entry's code and severity.
                    pub static CODE: $crate::diag::catalogue::Code = $crate::diag::catalogue::Code {
                        id: $code,
                        severity: $crate::diag::Severity::$severity,
                    };
                )?
                /// The entry's templates, by name.
                #[allow(non_upper_case_globals)]
                pub mod templates {
                    $(
                        #[doc = concat!("Says: ", $en)]
                        pub static $name: $crate::diag::text::Template = $crate::diag::text::Template {
                            en: $en,
                            zh: $zh,
                            holes: &[$(stringify!($arg)),*],
                        };
                    )*
                }
                $( $crate::diag::catalogue::item!($kind $name ($($arg),*) $en); )*
            }
        )*
        /// The entries of this part of the catalogue.
        pub static ENTRIES: &[$crate::diag::catalogue::Entry] = &[$(
            $crate::diag::catalogue::Entry {
                module: stringify!($module),
                code: $crate::diag::catalogue::code!($module $($code)?),
                templates: &[$( (stringify!($name), &$module::templates::$name) ),*],
            }
        ),*];
    };
}

macro_rules! code {
    ($module:ident $code:literal) => {
        Some(&$module::CODE)
    };
    ($module:ident) => {
        None
    };
}

macro_rules! item {
    (message $name:ident ($($arg:ident),*) $en:literal) => {
        #[doc = concat!("Says: ", $en)]
        pub fn $name($($arg: impl Into<Arg>),*) -> Diagnostic {
            Diagnostic::new(&CODE, Text::new(&templates::$name, vec![$($arg.into()),*]))
        }
    };
    (text $name:ident ($($arg:ident),*) $en:literal) => {
        #[doc = concat!("Says: ", $en)]
        pub fn $name($($arg: impl Into<Arg>),*) -> Text {
            Text::new(&templates::$name, vec![$($arg.into()),*])
        }
    };
    (word $name:ident () $en:literal) => {
        #[doc = concat!("Says: ", $en)]
        pub fn $name(lang: $crate::i18n::Lang) -> &'static str {
            templates::$name.in_lang(lang)
        }
    };
}

pub(crate) use {code, item};

mod analysis;
mod checking;
mod front;
mod labels;
mod lifecycle;
mod lints;
mod parsing;
mod records;
mod repl;
mod results;
mod shared;
mod timeline;
mod versions;

// Each part has its own `ENTRIES`, read through [`entries`]; the entries themselves are
// re-exported by name.
#[allow(ambiguous_glob_reexports)]
pub use analysis::*;
#[allow(ambiguous_glob_reexports)]
pub use checking::*;
#[allow(ambiguous_glob_reexports)]
pub use front::*;
#[allow(ambiguous_glob_reexports)]
pub use labels::*;
#[allow(ambiguous_glob_reexports)]
pub use lifecycle::*;
#[allow(ambiguous_glob_reexports)]
pub use lints::*;
#[allow(ambiguous_glob_reexports)]
pub use parsing::*;
#[allow(ambiguous_glob_reexports)]
pub use records::*;
#[allow(ambiguous_glob_reexports)]
pub use repl::*;
#[allow(ambiguous_glob_reexports)]
pub use results::*;
#[allow(ambiguous_glob_reexports)]
pub use shared::*;
#[allow(ambiguous_glob_reexports)]
pub use timeline::*;
#[allow(ambiguous_glob_reexports)]
pub use versions::*;

/// Every entry of the catalogue.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    [
        shared::ENTRIES,
        parsing::ENTRIES,
        checking::ENTRIES,
        lints::ENTRIES,
        lifecycle::ENTRIES,
        records::ENTRIES,
        results::ENTRIES,
        repl::ENTRIES,
        analysis::ENTRIES,
        front::ENTRIES,
        labels::ENTRIES,
        timeline::ENTRIES,
        versions::ENTRIES,
    ]
    .into_iter()
    .flatten()
}

/// The entry of a code, when the catalogue has one.
pub fn entry(code: &str) -> Option<&'static Entry> {
    entries().find(|e| e.code.is_some_and(|c| c.id == code))
}

#[cfg(test)]
mod tests;
