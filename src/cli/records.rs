//! The one way the commands read record files: the paths given expanded to files, each file read
//! in turn, every diagnostic written to stderr as it comes, and — on a terminal, over more than a
//! handful of files or a large one — a progress bar on stderr (never when stderr is not a
//! terminal, so pipes and logs stay clean).

use super::output;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jidi::check::Policy;
use jidi::data::{self, Loaded};
use jidi::i18n::Lang;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Fewer files than this, all small, are read without a bar.
const BAR_FROM_FILES: usize = 8;
/// A file at least this large gets a bar of its own.
const BAR_FROM_BYTES: u64 = 8 << 20;

/// A progress bar over bytes of the files to read, drawn only on a terminal.
fn progress(files: &[PathBuf]) -> ProgressBar {
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .collect();
    let total: u64 = sizes.iter().sum();
    let worth = files.len() >= BAR_FROM_FILES || sizes.iter().any(|&s| s >= BAR_FROM_BYTES);
    if !(worth && std::io::stderr().is_terminal()) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{bar:30}] {bytes}/{total_bytes} {wide_msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Reads every file the paths name, in order, handing each to `read` (which reads and uses it,
/// and returns the diagnostics to report); the diagnostics are written to stderr in `lang` as
/// they come. Whether any was an error.
pub fn each_file(
    paths: &[PathBuf],
    lang: Lang,
    mut read: impl FnMut(&Path) -> Vec<jidi::Diagnostic>,
) -> bool {
    let files = data::expand(paths);
    let bar = progress(&files);
    let mut had_errors = false;
    for file in &files {
        bar.set_message(file.display().to_string());
        let diagnostics = read(file);
        had_errors |= diagnostics.iter().any(jidi::Diagnostic::is_error);
        if !diagnostics.is_empty() {
            bar.suspend(|| output::report(&diagnostics, lang));
        }
        bar.inc(std::fs::metadata(file).map_or(0, |m| m.len()));
    }
    bar.finish_and_clear();
    had_errors
}

/// The records of every file the paths name, read under `policy`, one list per file; their
/// diagnostics are written to stderr in `lang`. Whether any was an error.
pub fn load(policy: &Policy, paths: &[PathBuf], lang: Lang) -> (Vec<Vec<Loaded>>, bool) {
    let mut files = Vec::new();
    let had_errors = each_file(paths, lang, |file| {
        let loaded = data::load_file(policy, file);
        let diagnostics = loaded
            .iter()
            .flat_map(|l| l.diagnostics.iter().cloned())
            .collect();
        files.push(loaded);
        diagnostics
    });
    (files, had_errors)
}
