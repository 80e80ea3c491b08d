//! The files a policy names (its working-day calendar): read by the caller before checking and
//! handed in, so the checker itself does no I/O — as jaq's `Loader::with_read` takes its reader.

use super::declare::flatten;
use crate::syntax::ast::{Item, PolicyAst};
use std::collections::HashMap;

/// How the caller reads a file a policy names, given the name as the policy writes it: its text,
/// or why not, in a sentence that names the file.
pub type Read<'a> = &'a (dyn Fn(&str) -> Result<String, String> + Sync);

/// The files a policy names, read: by the name the policy writes, the text or why not.
#[derive(Debug, Clone, Default)]
pub struct Named {
    texts: HashMap<String, Result<String, String>>,
}

impl Named {
    /// Reads, with `read`, every file the policy names (each once).
    pub fn read(ast: &PolicyAst, read: Read<'_>) -> Named {
        let mut texts = HashMap::new();
        for f in flatten(&ast.items) {
            if let Item::Calendar(file) = f.item {
                texts
                    .entry(file.text.clone())
                    .or_insert_with(|| read(&file.text));
            }
        }
        Named { texts }
    }

    /// The file the policy names `name`: its text or why it could not be read. `None` when the
    /// caller was not asked for it.
    pub(super) fn get(&self, name: &str) -> Option<&Result<String, String>> {
        self.texts.get(name)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::source::Source;

    const POLICY: &str = "policies/sichuan-2023-draft.jidi";

    fn sichuan() -> Source {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        Source::read(&root.join(POLICY)).unwrap()
    }

    #[test]
    fn the_calendar_comes_from_the_callers_reader() {
        let calendar = "[2024]\nholidays = [\"2024-10-01\"]\nworkdays = []\n";
        let asked = std::sync::Mutex::new(Vec::new());
        let read = |name: &str| {
            asked.lock().unwrap().push(name.to_string());
            Ok(calendar.to_string())
        };
        let checked = super::super::check_with(&Source::new("内存.jidi", sichuan().text()), &read);
        assert_eq!(*asked.lock().unwrap(), vec!["calendar/cn-workdays.toml"]);
        let policy = checked.policy.unwrap();
        assert!(policy.calendar.is_some());
    }

    #[test]
    fn a_calendar_the_caller_cannot_read_is_a_warning_naming_it() {
        let read = |name: &str| Err(format!("{name}: not in this upload"));
        let checked = super::super::check_with(&sichuan(), &read);
        let d = checked
            .diagnostics
            .iter()
            .find(|d| d.code == "jidi::no_calendar")
            .unwrap();
        assert!(d
            .message
            .en()
            .contains("calendar/cn-workdays.toml: not in this upload"));
        assert!(checked.policy.unwrap().calendar.is_none());
    }
}
