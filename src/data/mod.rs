//! Data: park records in JSON, NDJSON, TOML or YAML → typed [`Record`]s, with located errors.

pub mod convert;
pub mod fast;
pub mod locate;
pub mod scalars;
pub mod sheet;
pub mod stream;
pub mod strict;
pub mod upload;

use crate::check::ir::Policy;
use crate::diag::catalogue::{
    common, duplicate_key, out_of_range, record, record_syntax, unknown_field, unreadable,
};
use crate::diag::text::Text;
use crate::diag::{did_you_mean, Diagnostic};
use crate::source::{Source, Span};
use crate::value::{Record, Value};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// One record read from a file: its place, its name, and either the record or why it is bad.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub source: Source,
    /// 0-based position of the record in its file (the line, for NDJSON).
    pub index: usize,
    pub name: Option<String>,
    /// `None` when the record could not be read; its errors are in `diagnostics`.
    pub record: Option<Record>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// `file` or `file#3` (1-based) when a file holds several records.
    pub fn place(&self, several: bool) -> String {
        if several {
            format!("{}#{}", self.source.name(), self.index + 1)
        } else {
            self.source.name().to_string()
        }
    }
}

/// File extensions read as records (spreadsheets too: [`sheet::EXTENSIONS`]).
pub const EXTENSIONS: &[&str] = &[
    "json", "ndjson", "jsonl", "toml", "yaml", "yml", "xlsx", "xlsm", "xls", "ods", "csv",
];

/// Expands directories (recursively, sorted) into record files; files are kept as given.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    walk(paths, &|f| {
        f.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
    })
}

/// Files given, and the files `keep` accepts under the directories given: each directory's
/// files in name order, then its subdirectories. Every directory and every file is visited once,
/// however symbolic links loop or repeat. A directory that cannot be listed is kept in the list
/// itself, so that reading it reports why ([`load_file`]); a FIFO or device in a directory is
/// left out.
pub fn walk(paths: &[PathBuf], keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen_dirs = std::collections::HashSet::new();
    let mut seen_files = std::collections::HashSet::new();
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        // Depth first, without recursion: a deep tree cannot overflow the stack.
        let mut stack = vec![p.clone()];
        while let Some(dir) = stack.pop() {
            if !seen_dirs.insert(real(&dir)) {
                continue;
            }
            let listed: Result<Vec<PathBuf>, _> =
                std::fs::read_dir(&dir).and_then(|rd| rd.map(|e| e.map(|e| e.path())).collect());
            let Ok(mut entries) = listed else {
                out.push(dir);
                continue;
            };
            entries.sort();
            let (dirs, files): (Vec<PathBuf>, Vec<PathBuf>) =
                entries.into_iter().partition(|e| e.is_dir());
            // A FIFO, socket or device inside a folder is no record file (reading it could block
            // for ever); a link that leads nowhere is kept, so that reading it reports it.
            let special = |f: &Path| std::fs::metadata(f).is_ok_and(|m| !m.is_file());
            for f in files.into_iter().filter(|f| keep(f) && !special(f)) {
                if seen_files.insert(real(&f)) {
                    out.push(f);
                }
            }
            stack.extend(dirs.into_iter().rev());
        }
    }
    out
}

/// Reads every record of one file. A file that cannot be read or parsed yields one bad entry.
pub fn load_file(policy: &Policy, path: &Path) -> Vec<Loaded> {
    read_file(policy, path).into_iter().map(excerpted).collect()
}

/// The diagnostics of a loaded record, each pointing at an excerpt of the file around its labels
/// ([`locate::excerpt`]).
fn excerpted(mut loaded: Loaded) -> Loaded {
    for d in &mut loaded.diagnostics {
        locate::excerpt(d);
    }
    loaded
}

fn read_file(policy: &Policy, path: &Path) -> Vec<Loaded> {
    if path.is_dir() {
        // `walk` keeps a directory it could not list: say why.
        let why = std::fs::read_dir(path).err().map_or_else(
            || "it changed while it was read".to_string(),
            |e| e.to_string(),
        );
        return vec![Loaded {
            source: Source::new(path.display().to_string(), ""),
            index: 0,
            name: None,
            record: None,
            diagnostics: vec![
                unreadable::cannot_list(path.display(), why).help(unreadable::check_path())
            ],
        }];
    }
    if sheet::is_sheet(path) {
        return sheet::load_path(policy, path);
    }
    match Source::read(path) {
        Ok(source) => read_source(policy, &source),
        Err(e) => {
            let source = Source::new(path.display().to_string(), "");
            vec![Loaded {
                source: source.clone(),
                index: 0,
                name: None,
                record: None,
                diagnostics: vec![unreadable::cannot_read(
                    path.display(),
                    crate::diag::catalogue::io_why(&e),
                )
                .help(unreadable::check_path())],
            }]
        }
    }
}

/// Reads every record of one source; the format follows the file's extension.
pub fn load_source(policy: &Policy, source: &Source) -> Vec<Loaded> {
    read_source(policy, source)
        .into_iter()
        .map(excerpted)
        .collect()
}

fn read_source(policy: &Policy, source: &Source) -> Vec<Loaded> {
    let name = source.name().to_ascii_lowercase();
    if name.ends_with(".csv") {
        return sheet::load_csv(policy, source.name(), source.text(), &[]);
    }
    let text = source.text().trim_start_matches('\u{feff}');
    let offset = source.text().len() - text.len();
    let broken = |message: Diagnostic, span: Span, help: Text| Loaded {
        source: source.clone(),
        index: 0,
        name: None,
        record: None,
        diagnostics: vec![message
            .label(span, common::here())
            .help(help)
            .in_source(source)],
    };
    if text.trim().is_empty() {
        return vec![broken(
            record_syntax::no_record(),
            Span::new(0, 0),
            record_syntax::what_a_file_holds(),
        )];
    }
    if name.ends_with(".ndjson") || name.ends_with(".jsonl") {
        return locate::lines(source.text())
            .into_iter()
            .map(|(n, span)| ndjson_record(policy, source, n, span))
            .collect();
    }
    let parsed: Result<(Json, Vec<strict::Path>), (Diagnostic, Span)> = if name.ends_with(".toml") {
        scalars::toml(text)
            .map(|v| (v, Vec::new()))
            .map_err(|(message, span)| {
                let span = span.map_or(Span::new(0, 0), |r| {
                    Span::new(r.start + offset, r.end + offset)
                });
                // TOML forbids a key written twice: say so with the code for it.
                let mut d = record_syntax::not_toml(&message);
                if message.contains("duplicate key") {
                    d.code = duplicate_key::CODE.id;
                }
                (d, span)
            })
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        strict::yaml(text).map_err(|(e, at)| {
            let at = at.map_or(0, |at| at + offset);
            (record_syntax::not_yaml(e), Span::new(at, at))
        })
    } else {
        strict::json(text).map_err(|e| {
            let at = line_col_offset(source.text(), e.line(), e.column());
            (record_syntax::not_json(e), Span::new(at, at))
        })
    };
    let (json, duplicates) = match parsed {
        Ok(j) => j,
        Err((m, span)) => {
            return vec![broken(m, span, record_syntax::fix_syntax())];
        }
    };
    let whole = Span::new(offset, source.text().len());
    match &json {
        Json::Array(items) => {
            let spans = if name.ends_with(".json") {
                locate::json_array_elements(source.text())
            } else {
                Vec::new()
            };
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let region = spans.get(i).copied().unwrap_or(whole);
                    let mut loaded = record(policy, source, i, item, region);
                    let paths: Vec<&[strict::Step]> = duplicates
                        .iter()
                        .filter_map(|p| match p.split_first() {
                            Some((strict::Step::Index(j), rest)) if *j == i => Some(rest),
                            _ => None,
                        })
                        .collect();
                    strict::flag_duplicates(&mut loaded, &paths, region);
                    loaded
                })
                .collect()
        }
        _ => {
            let mut loaded = record(policy, source, 0, &json, whole);
            let paths: Vec<&[strict::Step]> = duplicates.iter().map(Vec::as_slice).collect();
            strict::flag_duplicates(&mut loaded, &paths, whole);
            vec![loaded]
        }
    }
}

/// Reads the record on line `n` (0-based) of an NDJSON source, at `span` (the line without its
/// line end). [`load_source`] reads every line this way; `jidi eval` streams big files through it.
pub fn ndjson_record(policy: &Policy, source: &Source, n: usize, span: Span) -> Loaded {
    excerpted(read_ndjson_record(policy, source, n, span))
}

fn read_ndjson_record(policy: &Policy, source: &Source, n: usize, span: Span) -> Loaded {
    let line = source.text().get(span.start..span.end).unwrap_or("");
    match strict::json(line.trim_start_matches('\u{feff}')) {
        Ok((json, duplicates)) => {
            let mut loaded = record(policy, source, n, &json, span);
            let paths: Vec<&[strict::Step]> = duplicates.iter().map(Vec::as_slice).collect();
            strict::flag_duplicates(&mut loaded, &paths, span);
            loaded
        }
        Err(e) => Loaded {
            source: source.clone(),
            index: n,
            name: None,
            record: None,
            diagnostics: vec![record_syntax::line_not_json(n + 1, e)
                .label(span, common::here())
                .help(record_syntax::ndjson_line())
                .in_source(source)],
        },
    }
}

fn line_col_offset(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + col.saturating_sub(1)).min(text.len())
}

/// Converts one parsed record, collecting every field error.
pub fn record(policy: &Policy, source: &Source, index: usize, json: &Json, region: Span) -> Loaded {
    let mut loaded = Loaded {
        source: source.clone(),
        index,
        name: None,
        record: None,
        diagnostics: Vec::new(),
    };
    let Json::Object(fields) = json else {
        loaded.diagnostics.push(
            record_syntax::not_an_object(record::numbered(index + 1))
                .label(region, record_syntax::not_object())
                .help(record_syntax::write_record())
                .in_source(source),
        );
        return loaded;
    };
    loaded.name = policy
        .name_input
        .and_then(|i| policy.inputs.get(i))
        .and_then(|i| fields.get(&i.name))
        .and_then(Json::as_str)
        .map(str::to_string);
    let who = who(index, loaded.name.as_deref());
    let mut values = Vec::with_capacity(policy.inputs.len());
    let mut bad = false;
    for input in &policy.inputs {
        let v = match fields.get(&input.name) {
            Some(j) if !j.is_null() => {
                match convert::value(policy, &input.ty, j, &input.name, &input.name) {
                    Ok(v) => match out_of_range(policy, input, &v) {
                        Some(problem) => Err(convert::FieldError {
                            code: convert::OUT_OF_RANGE,
                            field: input.name.clone(),
                            path: input.name.clone(),
                            message: problem,
                            help: Some(out_of_range::check_figure_unit()),
                        }),
                        None => Ok(v),
                    },
                    Err(e) => Err(e),
                }
            }
            _ if input.optional => Ok(Value::None),
            _ => Ok(Value::Unknown),
        };
        match v {
            Ok(v) => values.push(v),
            Err(e) => {
                bad = true;
                let span = locate::field(source.text(), region, &e.field);
                loaded.diagnostics.push({
                    let d =
                        Diagnostic::new(e.code, record::in_field(who.clone(), &e.path, e.message))
                            .field(e.path.clone())
                            .label(span, record::this_field());
                    match e.help {
                        Some(h) => d.help(h),
                        None => d,
                    }
                    .in_source(source)
                });
                values.push(Value::Unknown);
            }
        }
    }
    for key in fields.keys() {
        if policy.input_index(key).is_none() {
            loaded.diagnostics.push(undeclared(
                source,
                region,
                who.clone(),
                key,
                did_you_mean(key, policy.inputs.iter().map(|i| i.name.as_str())),
            ));
        }
    }
    if !bad {
        loaded.record = Some(Record { values });
    }
    loaded
}

/// How a record's diagnostics name it: `record 3`, or `record 3 (甲园区)`.
pub(crate) fn who(index: usize, name: Option<&str>) -> Text {
    match name {
        Some(n) => record::numbered_named(index + 1, n),
        None => record::numbered(index + 1),
    }
}

/// The warning for field `key` of the record in `region` of `source`, which the policy does not
/// declare: it is ignored.
/// The warning about `key`, a field the policy does not declare, with the declared field it may
/// be a misspelling of.
fn undeclared(
    source: &Source,
    region: Span,
    who: Text,
    key: &str,
    suggestion: Option<&str>,
) -> Diagnostic {
    let span = locate::field(source.text(), region, key);
    let help = match suggestion {
        Some(m) => unknown_field::did_you_mean_field(m),
        None => unknown_field::ignored(),
    };
    unknown_field::not_an_input(who, key)
        .label(span, record::not_read())
        .help(help)
        .field(key)
        .in_source(source)
}

fn out_of_range(policy: &Policy, input: &crate::check::ir::InputDef, v: &Value) -> Option<Text> {
    let (Some((lo, hi)), Value::Num(n)) = (&input.range, v) else {
        return None;
    };
    let below = lo.is_some_and(|lo| *n < lo);
    let above = hi.is_some_and(|hi| *n > hi);
    (below || above).then(|| {
        let show = |d: &Option<rust_decimal::Decimal>| d.map_or(String::new(), |d| d.to_string());
        out_of_range::outside_input_range(
            policy.value_text(v, &input.ty),
            show(lo),
            show(hi),
            &input.name,
        )
    })
}
