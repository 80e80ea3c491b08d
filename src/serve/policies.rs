//! The policies a server holds: those given on the command line, and the versions saved from the
//! editor — each written atomically beside the one it was edited from, and loaded at once.

use super::error::ApiError;
use crate::check::Policy;
use crate::Source;
use axum::http::StatusCode;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// One loaded policy.
#[derive(Debug)]
pub struct Entry {
    /// The file stem: `sichuan-2023-draft`.
    pub id: String,
    /// The path as given (or as saved).
    pub path: PathBuf,
    pub policy: Policy,
}

impl Entry {
    /// An entry for a checked policy read from `path`; its id is the file stem.
    pub fn new(path: PathBuf, policy: Policy) -> Entry {
        Entry {
            id: stem(&path),
            path,
            policy,
        }
    }

    /// The folder the policy's own files (its calendar) are found in.
    pub fn dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("policy")
        .to_string()
}

/// The policies, in the order given and then saved.
#[derive(Debug)]
pub struct Policies {
    entries: RwLock<Vec<Arc<Entry>>>,
    max: usize,
}

impl Policies {
    /// The policies given; two with the same id (file stem) are refused, naming both.
    pub fn new(entries: Vec<Entry>, max: usize) -> Result<Policies, crate::diag::text::Text> {
        for (i, e) in entries.iter().enumerate() {
            if let Some(other) = entries.iter().take(i).find(|o| o.id == e.id) {
                return Err(crate::diag::catalogue::serve_run::same_id(
                    other.path.display(),
                    e.path.display(),
                    &e.id,
                ));
            }
        }
        Ok(Policies {
            entries: RwLock::new(entries.into_iter().map(Arc::new).collect()),
            max: max.max(1),
        })
    }

    pub fn list(&self) -> Vec<Arc<Entry>> {
        self.entries.read().map(|e| e.clone()).unwrap_or_default()
    }

    pub fn get(&self, id: &str) -> Option<Arc<Entry>> {
        self.list().into_iter().find(|e| e.id == id)
    }

    /// The policy named by a query parameter: refused when it is missing or unknown.
    pub fn find(&self, param: &str, id: Option<&String>) -> Result<Arc<Entry>, ApiError> {
        let id = id.ok_or_else(|| ApiError::missing(param))?;
        self.get(id).ok_or_else(|| ApiError::unknown_policy(id))
    }

    /// Where a new version of `base` goes: `NAME.jidi` beside it, or the first free
    /// `STEM.vN.jidi`. A name is one file name (letters, digits, `-`, `_`, `.`; no path).
    pub fn version_path(&self, base: &Entry, name: Option<&str>) -> Result<PathBuf, ApiError> {
        let dir = base.dir();
        if let Some(n) = name {
            let n = n.strip_suffix(".jidi").unwrap_or(n);
            let fine = !n.is_empty()
                && n.chars().count() <= 80
                && !n.starts_with('.')
                && n.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !fine {
                return Err(ApiError::bad_request(
                    "bad_name",
                    format!("`{n}` is not a file name for a policy: use letters, digits, `-`, `_` and `.`"),
                ));
            }
            return Ok(dir.join(format!("{n}.jidi")));
        }
        let root = match base.id.rsplit_once(".v") {
            Some((r, n)) if !r.is_empty() && n.parse::<u32>().is_ok() => r.to_string(),
            _ => base.id.clone(),
        };
        (2..10_000)
            .map(|n| dir.join(format!("{root}.v{n}.jidi")))
            .find(|p| !p.exists() && self.get(&stem(p)).is_none())
            .ok_or_else(|| {
                ApiError::new(StatusCode::CONFLICT, "no_free_name", "no free version name")
            })
    }

    /// Writes a checked policy text to `path` — a temporary file in the same folder, then
    /// renamed into place, never over an existing file — and loads it.
    pub fn save(&self, path: &Path, text: &str, policy: Policy) -> Result<Arc<Entry>, ApiError> {
        let id = stem(path);
        if self.get(&id).is_some() || path.exists() {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "exists",
                format!(
                    "{} exists already; a saved version never replaces a file",
                    path.display()
                ),
            ));
        }
        if self.list().len() >= self.max {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "too_many_policies",
                format!("the server holds {} policies, its limit", self.max),
            ));
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        let cannot = |e: std::io::Error| {
            ApiError::new(
                StatusCode::CONFLICT,
                "cannot_save",
                format!("cannot write {}: {e}", path.display()),
            )
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".jidi-save-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(cannot)?;
        tmp.write_all(text.as_bytes()).map_err(cannot)?;
        tmp.as_file().sync_all().map_err(cannot)?;
        tmp.persist_noclobber(path).map_err(|e| cannot(e.error))?;
        let mut policy = policy;
        policy.source = Source::new(path.display().to_string(), text);
        let entry = Arc::new(Entry {
            id,
            path: path.to_path_buf(),
            policy,
        });
        if let Ok(mut all) = self.entries.write() {
            all.push(Arc::clone(&entry));
        }
        Ok(entry)
    }
}
