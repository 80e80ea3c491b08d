//! Reads parks from a workbook or CSV files: cells become a JSON record per park, which goes
//! through [`crate::data::record`] like any other record, and every problem names its cell.

use super::book::{Book, Budget};
use super::{cell_ref, placement, split_header, Placement, SEPARATORS};
use crate::check::ir::{Policy, Type};
use crate::data::{convert, Loaded};
use crate::diag::catalogue::{
    common, join, record as place, record_syntax, record_type, record_unit, unknown_field,
    unreadable,
};
use crate::diag::text::{Arg, Text};
use crate::diag::{did_you_mean, Diagnostic, Severity};
use crate::source::{Source, Span};
use chrono::NaiveDate;
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::path::Path;

/// One cell's content, whatever the file format.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Text(String),
    /// A number as the spreadsheet shows it ([`super::shown_number`]).
    Number(String),
    /// A number formatted as a percentage: the stored fraction, as shown (0.55 shows 55%).
    Percent(String),
    Bool(bool),
    Date(NaiveDate),
    /// An error value such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// The cell as text, for headers and names.
    fn text(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Number(s) | Cell::Error(s) => s.clone(),
            Cell::Percent(s) => match rust_decimal::Decimal::from_str_exact(s)
                .ok()
                .and_then(|d| d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED))
            {
                Some(p) => format!("{}%", p.normalize()),
                None => s.clone(),
            },
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// One row: its 0-based row number and its non-empty cells by 0-based column.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) row: u32,
    pub(super) cells: Vec<(u32, Cell)>,
}

impl Row {
    fn get(&self, col: u32) -> Option<&Cell> {
        self.cells.iter().find(|(c, _)| *c == col).map(|(_, v)| v)
    }
}

/// One sheet: the name cells are referred to by (`申报`, or a CSV file), and its non-empty rows.
#[derive(Debug, Clone)]
pub(super) struct Grid {
    pub(super) name: String,
    pub(super) rows: Vec<Row>,
}

/// A workbook, or a CSV file with its sidecars, before it is matched to the policy.
struct Sheets {
    file: String,
    csv: bool,
    main: Option<Grid>,
    /// Sheets of list and map inputs, by input slot.
    sides: Vec<(usize, Grid)>,
    /// Problems found while opening it (sheets not read).
    diagnostics: Vec<Diagnostic>,
}

impl Sheets {
    /// `申报表.xlsx 申报!F7`, or `申报.csv!F7`.
    fn at(&self, grid: &Grid, row: u32, col: u32) -> String {
        if self.csv {
            format!("{}!{}", grid.name, cell_ref(row, col))
        } else {
            format!("{} {}!{}", self.file, grid.name, cell_ref(row, col))
        }
    }
}

/// Reads a spreadsheet file: a workbook, or a CSV file with its sidecars. A CSV sidecar
/// (`申报.事件.csv` beside `申报.csv`) and an office lock file (`~$…`) yield nothing.
pub fn load_path(policy: &Policy, path: &Path) -> Vec<Loaded> {
    let file = path.display().to_string();
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if file_name.starts_with("~$") {
        return Vec::new();
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_string();
    if !ext.eq_ignore_ascii_case("csv") {
        return match std::fs::read(path) {
            Ok(bytes) => load_workbook(policy, &file, bytes),
            Err(e) => unreadable(&file, unreadable::cannot_read(&file, e)),
        };
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let dir = path.parent().unwrap_or(Path::new(""));
    if let Some((base, input)) = stem.rsplit_once('.') {
        let side = policy
            .input_index(input)
            .and_then(|i| policy.inputs.get(i))
            .is_some_and(|i| placement(&i.ty) != Placement::Column);
        if side && dir.join(format!("{base}.{ext}")).is_file() {
            return Vec::new();
        }
    }
    let main = match read_text(path) {
        Ok(t) => t,
        Err(e) => return unreadable(&file, unreadable::cannot_read(&file, e)),
    };
    let mut sidecars = Vec::new();
    for input in &policy.inputs {
        if placement(&input.ty) == Placement::Column {
            continue;
        }
        let side = dir.join(format!("{stem}.{}.{ext}", input.name));
        if side.is_file() {
            match read_text(&side) {
                Ok(t) => sidecars.push((input.name.clone(), side.display().to_string(), t)),
                Err(e) => return unreadable(&file, unreadable::cannot_read(side.display(), e)),
            }
        }
    }
    let sides: Vec<(&str, &str, &str)> = sidecars
        .iter()
        .map(|(i, n, t)| (i.as_str(), n.as_str(), t.as_str()))
        .collect();
    load_csv(policy, &file, &main, &sides)
}

/// Text of a CSV file: UTF-8 (with or without a byte-order mark), else GB18030 as Chinese
/// spreadsheet programs save it.
fn read_text(path: &Path) -> std::io::Result<String> {
    decode_text(std::fs::read(path)?)
}

/// CSV bytes as text: UTF-8 (with or without a byte-order mark), else GB18030.
pub fn decode_text(bytes: Vec<u8>) -> std::io::Result<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s.trim_start_matches('\u{feff}').to_string()),
        Err(e) => {
            let (text, _, bad) = encoding_rs::GB18030.decode(e.as_bytes());
            if bad {
                Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "neither UTF-8 nor GB18030 text",
                ))
            } else {
                Ok(text.into_owned())
            }
        }
    }
}

fn unreadable(file: &str, message: Diagnostic) -> Vec<Loaded> {
    vec![Loaded {
        source: Source::new(file, ""),
        index: 0,
        name: None,
        record: None,
        diagnostics: vec![message.help(unreadable::check_sheet_path())],
    }]
}

/// Reads the parks of a workbook (`.xlsx`, `.xls`, `.ods`) given as bytes; `file` names it.
/// A workbook that cannot be read is one bad entry, never a panic or an unbounded allocation.
pub fn load_workbook(policy: &Policy, file: &str, bytes: Vec<u8>) -> Vec<Loaded> {
    let mut book = match Book::open(bytes) {
        Ok(b) => b,
        Err(e) => return unreadable(file, unreadable::not_a_workbook(file, e)),
    };
    let mut out = Sheets {
        file: file.to_string(),
        csv: false,
        main: None,
        sides: Vec::new(),
        diagnostics: Vec::new(),
    };
    let side_names: Vec<&str> = policy
        .inputs
        .iter()
        .filter(|i| placement(&i.ty) != Placement::Column)
        .map(|i| i.name.as_str())
        .collect();
    let mut budget = Budget::default();
    for sheet in book.sheets() {
        let name = sheet.name.trim().to_string();
        let side = policy
            .input_index(&name)
            .filter(|i| side_names.contains(&name.as_str()) && *i < policy.inputs.len());
        if side.is_none() && (!sheet.visible || out.main.is_some()) {
            if sheet.visible {
                if let Some(m) = did_you_mean(&name, side_names.iter().copied()) {
                    out.diagnostics.push(
                        unknown_field::sheet_not_read(file, &name)
                            .help(unknown_field::did_you_mean_sheet(m)),
                    );
                }
            }
            continue;
        }
        let grid = match book.grid(&sheet, &name, &mut budget) {
            Ok(g) => g,
            Err(e) => return unreadable(file, unreadable::sheet_unreadable(file, &name, e)),
        };
        match side {
            Some(i) => out.sides.push((i, grid)),
            None => out.main = Some(grid),
        }
    }
    read_book(policy, out)
}

/// Reads the parks of CSV text. `sidecars` are the files of list and map inputs:
/// `(input name, file name, text)`.
pub fn load_csv(
    policy: &Policy,
    file: &str,
    text: &str,
    sidecars: &[(&str, &str, &str)],
) -> Vec<Loaded> {
    let mut book = Sheets {
        file: file.to_string(),
        csv: true,
        main: None,
        sides: Vec::new(),
        diagnostics: Vec::new(),
    };
    match csv_grid(file, text) {
        Ok(g) => book.main = Some(g),
        Err(d) => book.diagnostics.push(d),
    }
    for (input, name, text) in sidecars {
        let Some(i) = policy
            .input_index(input)
            .filter(|i| policy.inputs.get(*i).map(|d| placement(&d.ty)) != Some(Placement::Column))
        else {
            continue;
        };
        match csv_grid(name, text) {
            Ok(g) => book.sides.push((i, g)),
            Err(d) => book.diagnostics.push(d),
        }
    }
    read_book(policy, book)
}

fn csv_grid(file: &str, text: &str) -> Result<Grid, Diagnostic> {
    if let Some(at) = unclosed_quote(text) {
        let source = Source::new(file, text);
        let (line, _) = source.line_col(at);
        return Err(record_syntax::quote_never_closed(file, line)
            .label(Span::new(at, at + 1), record_syntax::no_closing_quote())
            .help(record_syntax::close_quote())
            .in_source(&source));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| {
            let line = e
                .position()
                .map_or(i + 1, |p| usize::try_from(p.line()).unwrap_or(i + 1));
            record_syntax::not_csv(file, line, e).help(record_syntax::fix_quoting())
        })?;
        let cells: Vec<(u32, Cell)> = rec
            .iter()
            .enumerate()
            .filter_map(|(j, f)| {
                let f = f.trim();
                (!f.is_empty())
                    .then(|| Some((u32::try_from(j).ok()?, Cell::Text(f.to_string()))))?
            })
            .collect();
        if let (false, Ok(row)) = (cells.is_empty(), u32::try_from(i)) {
            rows.push(Row { row, cells });
        }
    }
    Ok(Grid {
        name: file.to_string(),
        rows,
    })
}

/// Where a quoted CSV field opens that no quote closes (the CSV reader would take the rest of
/// the file as that one field).
fn unclosed_quote(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at_field_start = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if at_field_start && b == b'"' {
            let open = i;
            i += 1;
            loop {
                match (bytes.get(i), bytes.get(i + 1)) {
                    (None, _) => return Some(open),
                    (Some(b'"'), Some(b'"')) => i += 2,
                    (Some(b'"'), _) => break,
                    _ => i += 1,
                }
            }
        }
        at_field_start = matches!(bytes.get(i), Some(b',' | b'\n' | b'\r'));
        i += 1;
    }
    None
}

#[derive(Debug, Clone)]
struct Column {
    col: u32,
    header: String,
    /// The input it holds, on the parks' sheet.
    input: Option<usize>,
    /// The JSON key the value goes under: an input's, a record field's or a map key.
    key: String,
    ty: Type,
    unit: Option<String>,
}

/// Which of `names` a header names, and the unit it gives. `Err` when the unit is not one of
/// the policy's for that field.
fn resolve(
    policy: &Policy,
    header: &str,
    names: &[(&str, &Type)],
) -> Result<Option<(usize, Option<String>)>, Text> {
    let h = header.trim();
    if let Some(i) = names.iter().position(|(n, _)| *n == h) {
        return Ok(Some((i, None)));
    }
    let Some((base, unit)) = split_header(h) else {
        return Ok(None);
    };
    let Some((i, (_, ty))) = names.iter().enumerate().find(|(_, (n, _))| *n == base) else {
        return Ok(None);
    };
    let num = match ty {
        Type::List(inner) => inner,
        other => *other,
    };
    if !matches!(num, Type::Num(_)) || unit.is_empty() {
        return Ok(Some((i, None)));
    }
    check_unit(policy, num, unit)?;
    Ok(Some((i, Some(unit.to_string()))))
}

/// Whether figures in `unit` convert to the numeric type `ty`, by the records' own conversion.
fn check_unit(policy: &Policy, ty: &Type, unit: &str) -> Result<(), Text> {
    let probe = Json::String(format!("1{unit}"));
    convert::value(policy, ty, &probe, "", "")
        .map(|_| ())
        .map_err(|e| e.message)
}

/// The units of the same dimension as a numeric type, for help lines.
fn units_like(policy: &Policy, ty: &Type) -> Vec<String> {
    let Type::Num(u) = (match ty {
        Type::List(inner) => inner,
        other => other,
    }) else {
        return Vec::new();
    };
    policy
        .units
        .defs
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            u16::try_from(*i)
                .ok()
                .and_then(|id| policy.units.named(id))
                .is_some_and(|n| n.same_dimension(u))
        })
        .map(|(_, d)| d.name.clone())
        .collect()
}

/// Where each value of a park's record came from, to name its cell in a diagnostic.
#[derive(Debug, Default)]
struct Origins {
    /// The path as record diagnostics write it (`营业收入`, `事件[0].级别`), the cell, the header.
    paths: Vec<(String, String, String)>,
}

impl Origins {
    fn add(&mut self, path: String, at: String, header: &str) {
        self.paths.push((path, at, header.to_string()));
    }

    /// The cell and header a record's path (`事件[0].级别`) is about: the longest path recorded
    /// that is the path or leads to it.
    fn find(&self, path: &str) -> Option<(&str, &str)> {
        self.paths
            .iter()
            .filter(|(p, _, _)| {
                path.strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.']))
            })
            .max_by_key(|(p, _, _)| p.len())
            .map(|(_, at, header)| (at.as_str(), header.as_str()))
    }
}

/// A park being assembled from its row and the rows of the list and map sheets.
struct Park {
    row: u32,
    json: Map<String, Json>,
    origins: Origins,
    diagnostics: Vec<Diagnostic>,
}

fn header_columns(
    policy: &Policy,
    book: &Sheets,
    grid: &Grid,
    names: &[(&str, &Type)],
    keyed: Option<&Type>,
    skip: Option<u32>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    let Some(head) = grid.rows.first() else {
        return out;
    };
    for (col, cell) in &head.cells {
        if Some(*col) == skip {
            continue;
        }
        let header = cell.text().trim().to_string();
        let at = book.at(grid, head.row, *col);
        if let Some(inner) = keyed {
            let (key, unit) = match (inner, split_header(&header)) {
                (Type::Num(_), Some((k, u))) if check_unit(policy, inner, u).is_ok() => {
                    (k.to_string(), Some(u.to_string()))
                }
                _ => (header.clone(), None),
            };
            if out.iter().any(|c| c.key == key) {
                diagnostics.push(
                    record_syntax::key_two_columns(&at, header, &key)
                        .help(record_syntax::one_column_per_key()),
                );
                continue;
            }
            out.push(Column {
                col: *col,
                header: header.clone(),
                input: None,
                key,
                ty: inner.clone(),
                unit,
            });
            continue;
        }
        match resolve(policy, &header, names) {
            Ok(Some((i, unit))) => {
                let (name, ty) = names.get(i).copied().unwrap_or(("", &Type::Text));
                if let Some(first) = out.iter().find(|c| c.key == name) {
                    diagnostics.push(
                        record_syntax::field_two_columns(&at, header, name, &first.header)
                            .help(record_syntax::one_column_per_field()),
                    );
                    continue;
                }
                out.push(Column {
                    col: *col,
                    header: header.clone(),
                    input: None,
                    key: name.to_string(),
                    ty: ty.clone(),
                    unit,
                });
            }
            Ok(None) => {
                let sheet_of = policy
                    .input_index(&header)
                    .and_then(|i| policy.inputs.get(i))
                    .filter(|i| placement(&i.ty) != Placement::Column);
                let help = match (
                    sheet_of,
                    did_you_mean(&header, names.iter().map(|(n, _)| *n)),
                ) {
                    (Some(i), _) => unknown_field::own_sheet(&i.name),
                    (None, Some(m)) => unknown_field::did_you_mean_column(m),
                    (None, None) => unknown_field::column_ignored(),
                };
                diagnostics.push(unknown_field::not_a_column(&at, &header).help(help));
            }
            Err(problem) => {
                let ty = names
                    .iter()
                    .find(|(n, _)| split_header(&header).is_some_and(|(b, _)| b == *n));
                let like = ty.map(|(_, t)| units_like(policy, t)).unwrap_or_default();
                diagnostics.push(
                    Diagnostic::new(convert::UNIT, place::at_cell(&at, &header, problem)).help(
                        if like.is_empty() {
                            record_unit::write_unit_as_declared()
                        } else {
                            record_unit::write_in_one_of(Arg::list(like))
                        },
                    ),
                );
            }
        }
    }
    out
}

/// Turns one cell into the JSON the record conversion reads, by the type of its field.
/// `Err` is a problem the conversion cannot see (an error value, a structure in a cell).
fn to_json(policy: &Policy, ty: &Type, unit: Option<&str>, cell: &Cell) -> Result<Json, Text> {
    let with_unit = |s: &str| match unit {
        Some(u) => Json::String(format!("{s}{u}")),
        None => Json::String(s.to_string()),
    };
    if let Cell::Error(e) = cell {
        return Err(record_type::cell_error_value(e));
    }
    Ok(match ty {
        Type::Num(u) => match cell {
            Cell::Number(s) => with_unit(s),
            Cell::Percent(s) => {
                percent_cell(&unit.map_or_else(|| policy.unit_text(u), str::to_string), s)?
            }
            Cell::Text(s) if plain_number(s) => with_unit(s),
            Cell::Text(s)
                if unit.is_some()
                    && !s.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c)) =>
            {
                return Err(record_type::cell_not_number_in(s, unit.unwrap_or_default()));
            }
            Cell::Bool(b) => Json::Bool(*b),
            other => Json::String(other.text()),
        },
        Type::Bool => match cell {
            Cell::Bool(b) => Json::Bool(*b),
            Cell::Text(s) if s.eq_ignore_ascii_case("true") => Json::Bool(true),
            Cell::Text(s) if s.eq_ignore_ascii_case("false") => Json::Bool(false),
            other => Json::String(other.text()),
        },
        Type::Date => match cell {
            Cell::Date(d) => Json::String(d.format("%Y-%m-%d").to_string()),
            Cell::Number(s) => return Err(record_type::cell_number_not_date(s)),
            Cell::Text(s) => Json::String(
                date_text(s).map_or_else(|| s.clone(), |d| d.format("%Y-%m-%d").to_string()),
            ),
            other => Json::String(other.text()),
        },
        Type::List(inner) => {
            if let Cell::Text(s) = cell {
                let s = s.trim();
                if s == "无" || s == "[]" {
                    return Ok(Json::Array(Vec::new()));
                }
                let parts: Result<Vec<Json>, Text> = s
                    .split(SEPARATORS)
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| to_json(policy, inner, unit, &Cell::Text(p.to_string())))
                    .collect();
                Json::Array(parts?)
            } else {
                Json::Array(vec![to_json(policy, inner, unit, cell)?])
            }
        }
        Type::Shape(_) | Type::Map(_) | Type::Duration | Type::Nothing => {
            return Err(record_type::not_in_one_cell())
        }
        Type::Text | Type::Enum(_) | Type::Tier => Json::String(cell.text()),
    })
}

/// A percentage cell (0.55, shown as 55%) in a field written in `unit`: that percent when the
/// unit is `%`; in any other unit the cell cannot be read as meant.
fn percent_cell(unit: &str, fraction: &str) -> Result<Json, Text> {
    let shown = rust_decimal::Decimal::from_str_exact(fraction)
        .ok()
        .and_then(|d| d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED))
        .map(|d| d.normalize().to_string());
    match shown {
        Some(p) if unit == "%" => Ok(Json::String(format!("{p}%"))),
        Some(p) if unit.is_empty() => Err(record_unit::percentage_cell_plain(p)),
        Some(p) => Err(record_unit::percentage_cell(p, unit)),
        None => Err(record_type::not_a_percentage(fraction)),
    }
}

/// Digits with an optional sign, decimal point, exponent or thousands separators: no unit.
fn plain_number(s: &str) -> bool {
    let s = s.trim();
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E' | ','))
}

/// A date as spreadsheets write it as text: `2025-03-20`, `2025/3/20`, `2025.3.20`,
/// `2025年3月20日`, or an ISO date-time.
fn date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let day = s
        .split(['T', ' '])
        .next()
        .unwrap_or(s)
        .replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y年%m月%d日"))
        .ok()
}

/// Drops title rows above the header: the header is the first of the first rows with a cell
/// that `is_header`; when none has, the first row is.
fn skip_title_rows(grid: &mut Grid, is_header: impl Fn(&str) -> bool) {
    let head = grid
        .rows
        .iter()
        .take(10)
        .position(|r| r.cells.iter().any(|(_, c)| is_header(c.text().trim())));
    if let Some(head) = head {
        grid.rows.drain(..head);
    }
}

fn read_book(policy: &Policy, mut book: Sheets) -> Vec<Loaded> {
    let is_input = |h: &str| {
        policy.input_index(h).is_some()
            || split_header(h).is_some_and(|(base, _)| policy.input_index(base).is_some())
    };
    if let Some(main) = book.main.as_mut() {
        skip_title_rows(main, is_input);
    }
    if let Some(name) = policy.name_input.and_then(|i| policy.inputs.get(i)) {
        for (_, grid) in &mut book.sides {
            skip_title_rows(grid, |h| h == name.name);
        }
    }
    let source = Source::new(&book.file, "");
    let mut file_diags = book.diagnostics.clone();
    let Some(main) = book.main.as_ref() else {
        file_diags.push(record_syntax::no_sheet(&book.file).help(record_syntax::first_sheet()));
        return vec![file_entry(&source, file_diags)];
    };
    if main.rows.is_empty() {
        file_diags.push(
            record_syntax::empty_sheet(&book.file, &main.name).help(record_syntax::first_row()),
        );
        return vec![file_entry(&source, file_diags)];
    }
    let column_inputs: Vec<(&str, &Type)> = policy
        .inputs
        .iter()
        .filter(|i| placement(&i.ty) == Placement::Column)
        .map(|i| (i.name.as_str(), &i.ty))
        .collect();
    let mut columns = header_columns(
        policy,
        &book,
        main,
        &column_inputs,
        None,
        None,
        &mut file_diags,
    );
    for c in &mut columns {
        if let Some(slot) = policy.input_index(&c.key) {
            c.input = Some(slot);
        }
    }
    let name_input = policy.name_input.and_then(|i| policy.inputs.get(i));
    let name_col = name_input.and_then(|n| columns.iter().find(|c| c.key == n.name).map(|c| c.col));

    // The list and map sheets' columns.
    struct Side<'g> {
        input: usize,
        grid: &'g Grid,
        name_col: u32,
        columns: Vec<Column>,
    }
    let mut sides = Vec::new();
    for (input, grid) in &book.sides {
        let Some(def) = policy.inputs.get(*input) else {
            continue;
        };
        let Some(head) = grid.rows.first() else {
            sides.push(Side {
                input: *input,
                grid,
                name_col: 0,
                columns: Vec::new(),
            });
            continue;
        };
        let Some(name_def) = name_input else {
            file_diags.push(
                record_syntax::no_name_input(&book.file, &grid.name)
                    .help(record_syntax::declare_name_input()),
            );
            continue;
        };
        let Some(ncol) = head
            .cells
            .iter()
            .find(|(_, c)| c.text().trim() == name_def.name)
            .map(|(c, _)| *c)
        else {
            file_diags.push(
                record_syntax::no_name_column(&book.file, &grid.name, &name_def.name)
                    .help(record_syntax::add_name_column(&name_def.name)),
            );
            continue;
        };
        let columns = match &def.ty {
            Type::List(inner) => match &**inner {
                Type::Shape(s) => {
                    let fields: Vec<(&str, &Type)> = policy
                        .shapes
                        .get(*s as usize)
                        .map(|sh| sh.fields.iter().map(|f| (f.name.as_str(), &f.ty)).collect())
                        .unwrap_or_default();
                    header_columns(
                        policy,
                        &book,
                        grid,
                        &fields,
                        None,
                        Some(ncol),
                        &mut file_diags,
                    )
                }
                _ => Vec::new(),
            },
            Type::Map(inner) => header_columns(
                policy,
                &book,
                grid,
                &[],
                Some(inner),
                Some(ncol),
                &mut file_diags,
            ),
            _ => Vec::new(),
        };
        sides.push(Side {
            input: *input,
            grid,
            name_col: ncol,
            columns,
        });
    }
    if file_diags.iter().any(Diagnostic::is_error) {
        return vec![file_entry(&source, file_diags)];
    }

    // The parks, each from its row.
    let mut parks: Vec<Park> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for row in main.rows.iter().skip(1) {
        let mut park = Park {
            row: row.row,
            json: Map::new(),
            origins: Origins::default(),
            diagnostics: Vec::new(),
        };
        for c in &columns {
            let Some(slot) = c.input else {
                continue;
            };
            let Some(def) = policy.inputs.get(slot) else {
                continue;
            };
            let Some(cell) = row.get(c.col) else {
                continue;
            };
            let at = book.at(main, row.row, c.col);
            match to_json(policy, &def.ty, c.unit.as_deref(), cell) {
                Ok(j) => {
                    park.json.insert(def.name.clone(), j);
                }
                Err(problem) => park.diagnostics.push(cell_error(&at, &c.header, problem)),
            }
            park.origins.add(def.name.clone(), at, &c.header);
        }
        if let Some(name) = name_col
            .and_then(|c| row.get(c))
            .map(|c| c.text().trim().to_string())
        {
            match by_name.get(&name) {
                Some(first) if !sides.is_empty() => {
                    let first_row = parks.get(*first).map_or(0, |p| p.row);
                    park.diagnostics.push(
                        join::name_twice(
                            book.at(main, row.row, name_col.unwrap_or(0)),
                            &name,
                            first_row + 1,
                            Arg::list(sides.iter().map(|s| s.grid.name.as_str())),
                        )
                        .help(join::own_name()),
                    );
                }
                Some(_) => {}
                None => {
                    by_name.insert(name, parks.len());
                }
            }
        }
        parks.push(park);
    }
    let names: Vec<String> = {
        let mut v: Vec<(&String, &usize)> = by_name.iter().collect();
        v.sort_by_key(|(_, i)| **i);
        v.into_iter().map(|(n, _)| n.clone()).collect()
    };

    // The list and map sheets, joined to the parks by name.
    for side in &sides {
        let Some(def) = policy.inputs.get(side.input) else {
            continue;
        };
        let is_map = placement(&def.ty) == Placement::MapSheet;
        // A park's list is known once the sheet has a row for it; with no row it is unknown.
        let mut lists: Vec<Option<Vec<Json>>> = vec![None; parks.len()];
        let mut seen_map: HashMap<usize, u32> = HashMap::new();
        for row in side.grid.rows.iter().skip(1) {
            let name_at = book.at(side.grid, row.row, side.name_col);
            let Some(name) = row.get(side.name_col).map(|c| c.text().trim().to_string()) else {
                file_diags.push(join::names_no_park(&name_at, &side.grid.name).help(
                    join::write_park_name(name_input.map_or("", |n| n.name.as_str())),
                ));
                continue;
            };
            let Some(&p) = by_name.get(&name) else {
                let help = match did_you_mean(&name, names.iter().map(String::as_str)) {
                    Some(m) => common::did_you_mean(m),
                    None => join::as_on_sheet(&main.name),
                };
                file_diags.push(join::no_park_named(&name_at, &name, &main.name).help(help));
                continue;
            };
            let Some(park) = parks.get_mut(p) else {
                continue;
            };
            if is_map {
                if let Some(first) = seen_map.get(&p) {
                    park.diagnostics.push(
                        join::already_has_row(&name_at, &name, &side.grid.name, first + 1)
                            .help(join::one_row_per_park()),
                    );
                    continue;
                }
                seen_map.insert(p, row.row);
                park.origins
                    .add(def.name.clone(), name_at.clone(), &side.grid.name);
            }
            let none = row
                .cells
                .iter()
                .filter(|(c, _)| *c != side.name_col)
                .all(|(_, cell)| matches!(cell, Cell::Text(t) if t == "无"));
            if !is_map && none {
                // `名称 | 无` (or the name alone) says the park has none.
                if let Some(list) = lists.get_mut(p) {
                    list.get_or_insert_with(Vec::new);
                }
                continue;
            }
            let index = lists.get(p).and_then(Option::as_ref).map_or(0, Vec::len);
            let prefix = if is_map {
                def.name.clone()
            } else {
                format!("{}[{index}]", def.name)
            };
            if !is_map {
                park.origins
                    .add(prefix.clone(), name_at.clone(), &side.grid.name);
            }
            let mut object = Map::new();
            for c in &side.columns {
                let Some(cell) = row.get(c.col) else {
                    continue;
                };
                let at = book.at(side.grid, row.row, c.col);
                match to_json(policy, &c.ty, c.unit.as_deref(), cell) {
                    Ok(j) => {
                        object.insert(c.key.clone(), j);
                    }
                    Err(problem) => park.diagnostics.push(cell_error(&at, &c.header, problem)),
                }
                park.origins
                    .add(format!("{prefix}.{}", c.key), at, &c.header);
            }
            if is_map {
                park.json.insert(def.name.clone(), Json::Object(object));
            } else if let Some(list) = lists.get_mut(p) {
                list.get_or_insert_with(Vec::new).push(Json::Object(object));
            }
        }
        if !is_map {
            for (park, list) in parks.iter_mut().zip(lists) {
                if let Some(list) = list {
                    park.json.insert(def.name.clone(), Json::Array(list));
                }
            }
        }
    }

    // Each park through the records' own conversion.
    let mut out: Vec<Loaded> = parks
        .into_iter()
        .map(|park| {
            let index = park.row as usize;
            let mut loaded = crate::data::record(
                policy,
                &source,
                index,
                &Json::Object(park.json),
                Span::new(0, 0),
            );
            let row_at = format!("{}#{}", book.file, index + 1);
            let mut diags: Vec<Diagnostic> = loaded
                .diagnostics
                .drain(..)
                .map(|d| relocate(d, &park.origins, &row_at))
                .collect();
            diags.extend(park.diagnostics);
            if diags.iter().any(Diagnostic::is_error) {
                loaded.record = None;
            }
            loaded.diagnostics = diags;
            loaded
        })
        .collect();
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = file_diags
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    match out.first_mut() {
        Some(first) => {
            let mut w = warnings;
            w.append(&mut first.diagnostics);
            first.diagnostics = w;
        }
        None if !warnings.is_empty() => out.push(file_entry(&source, warnings)),
        None => {}
    }
    if !errors.is_empty() {
        out.push(file_entry(&source, errors));
    }
    out
}

fn cell_error(at: &str, header: &str, problem: Text) -> Diagnostic {
    let percentage = problem.is(&record_unit::templates::percentage_cell)
        || problem.is(&record_unit::templates::percentage_cell_plain);
    if percentage {
        return Diagnostic::new(convert::UNIT, place::at_cell(at, header, problem))
            .help(record_unit::type_in_unit());
    }
    Diagnostic::new(convert::TYPE, place::at_cell(at, header, problem))
        .help(record_type::fix_cell())
}

/// A diagnostic of the record conversion, pointed at the cell it is about.
fn relocate(d: Diagnostic, origins: &Origins, row_at: &str) -> Diagnostic {
    let in_field = match d.message.args() {
        [_, Arg::Plain(path), Arg::Text(problem)] if d.message.is(&place::templates::in_field) => {
            origins
                .find(path)
                .map(|(at, header)| (at, header, problem.clone()))
        }
        _ => None,
    };
    let message = match in_field {
        Some((at, header, problem)) => place::at_cell(at, header, problem),
        None => place::at_row(row_at, d.message.clone()),
    };
    Diagnostic {
        message,
        labels: Vec::new(),
        source: None,
        ..d
    }
}

fn file_entry(source: &Source, diagnostics: Vec<Diagnostic>) -> Loaded {
    Loaded {
        source: source.clone(),
        index: 0,
        name: None,
        record: None,
        diagnostics,
    }
}
