//! The files a policy text sent to the server names (its calendar): read only when each is a
//! regular file of modest size inside the folder of the policy, so a request cannot make the
//! server read `/dev/zero`, a FIFO or a file elsewhere on the machine.

use crate::diag::catalogue::{no_calendar, serve_file_refused};
use crate::diag::Diagnostic;
use crate::syntax::ast::{Item, Name};
use crate::Source;
use std::path::Path;

/// Largest file a policy may name.
const MAX_FILE: u64 = 4 << 20;

/// The first file `source` names that the server will not read from `dir`, as a diagnostic at
/// its place; `None` when there is none (or the text does not parse: the checker says why).
pub fn refused(source: &Source, dir: &Path) -> Option<Diagnostic> {
    let ast = crate::syntax::parse_policy(source).ok()?;
    let mut named = Vec::new();
    collect(&ast.items, &mut named);
    let root = dir.canonicalize().ok();
    named.into_iter().find_map(|file| {
        let path = dir.join(&file.text);
        let fine = path.canonicalize().ok().is_some_and(|real| {
            root.as_ref().is_some_and(|r| real.starts_with(r))
                && std::fs::metadata(&real).is_ok_and(|m| m.is_file() && m.len() <= MAX_FILE)
        });
        (!fine).then(|| {
            serve_file_refused::refused(&file.text, MAX_FILE >> 20)
                .label(file.span, no_calendar::this_file())
                .help(serve_file_refused::beside_policy())
                .in_source(source)
        })
    })
}

fn collect<'a>(items: &'a [Item], out: &mut Vec<&'a Name>) {
    for item in items {
        match item {
            Item::Calendar(file) => out.push(file),
            Item::Article(a) => collect(&a.items, out),
            Item::Lifecycle(l) => collect(&l.items, out),
            _ => {}
        }
    }
}
