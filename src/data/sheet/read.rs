//! Reads parks from a workbook or CSV files: cells become a JSON record per park, which goes
//! through [`crate::data::record`] like any other record, and every problem names its cell.

use super::book::{Book, Budget};
use super::{cell_ref, placement, split_header, Placement, SEPARATORS};
use crate::check::ir::{Policy, Type};
use crate::data::{convert, record, Loaded};
use crate::diag::{did_you_mean, Diagnostic, Severity};
use crate::source::{Source, Span};
use chrono::NaiveDate;
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::path::Path;

const SYNTAX: &str = "jidi::record::syntax";
const UNREADABLE: &str = "jidi::record::unreadable";
const UNKNOWN_FIELD: &str = "jidi::record::unknown_field";
/// A row of a list or map sheet that names no park of the parks' sheet.
const JOIN: &str = "jidi::record::join";

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
            Err(e) => unreadable(&file, format!("cannot read {file}: {e}")),
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
        Err(e) => return unreadable(&file, format!("cannot read {file}: {e}")),
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
                Err(e) => return unreadable(&file, format!("cannot read {}: {e}", side.display())),
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

fn unreadable(file: &str, message: String) -> Vec<Loaded> {
    vec![Loaded {
        source: Source::new(file, ""),
        index: 0,
        name: None,
        record: None,
        diagnostics: vec![Diagnostic::error(UNREADABLE, message)
            .help("check the path, and that the file is an .xlsx, .ods or .csv file")],
    }]
}

/// Reads the parks of a workbook (`.xlsx`, `.xls`, `.ods`) given as bytes; `file` names it.
/// A workbook that cannot be read is one bad entry, never a panic or an unbounded allocation.
pub fn load_workbook(policy: &Policy, file: &str, bytes: Vec<u8>) -> Vec<Loaded> {
    let mut book = match Book::open(bytes) {
        Ok(b) => b,
        Err(e) => return unreadable(file, format!("{file} is not a readable workbook: {e}")),
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
                        Diagnostic::warning(
                            UNKNOWN_FIELD,
                            format!("{file}: sheet `{name}` is not read"),
                        )
                        .help(format!(
                            "did you mean `{m}`? a list or map sheet is named after its input"
                        )),
                    );
                }
            }
            continue;
        }
        let grid = match book.grid(&sheet, &name, &mut budget) {
            Ok(g) => g,
            Err(e) => {
                return unreadable(file, format!("{file}: sheet `{name}` cannot be read: {e}"))
            }
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
        return Err(Diagnostic::error(
            SYNTAX,
            format!("{file}, line {line}: a quoted field is never closed"),
        )
        .label(Span::new(at, at + 1), "this quote has no closing quote")
        .help("close the field's quote (a quote inside a field is written twice, \"\"); the other files are still evaluated")
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
            Diagnostic::error(SYNTAX, format!("{file}, line {line}: not valid CSV: {e}"))
                .help("fix the file's quoting; the other files are still evaluated")
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
) -> Result<Option<(usize, Option<String>)>, String> {
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
fn check_unit(policy: &Policy, ty: &Type, unit: &str) -> Result<(), String> {
    let probe = Json::String(format!("1{unit}"));
    convert::value(policy, ty, &probe, "", "")
        .map(|_| ())
        .map_err(|e| e.message)
}

/// The units of the same dimension as a numeric type, for help lines.
fn units_like(policy: &Policy, ty: &Type) -> String {
    let Type::Num(u) = (match ty {
        Type::List(inner) => inner,
        other => other,
    }) else {
        return String::new();
    };
    let names: Vec<&str> = policy
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
        .map(|(_, d)| d.name.as_str())
        .collect();
    names.join(", ")
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

    /// The cell a `path: problem` text is about, and the problem.
    fn find<'a>(&self, text: &'a str) -> Option<(&str, &str, &'a str)> {
        self.paths
            .iter()
            .filter(|(p, _, _)| {
                text.strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with([':', '[', '.']))
            })
            .max_by_key(|(p, _, _)| p.len())
            .and_then(|(p, at, header)| {
                let rest = text.get(p.len()..)?;
                let (_, problem) = rest.split_once(": ")?;
                Some((at.as_str(), header.as_str(), problem))
            })
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
                    Diagnostic::error(SYNTAX, format!("{at} {header}: `{key}` has two columns"))
                        .help("keep one column per key"),
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
                        Diagnostic::error(
                            SYNTAX,
                            format!(
                                "{at} {header}: {name} has two columns (the other is {})",
                                first.header
                            ),
                        )
                        .help("keep one column per field"),
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
                    (Some(i), _) => format!(
                        "{} goes on a sheet of its own named `{}`; the column is ignored",
                        i.name, i.name
                    ),
                    (None, Some(m)) => format!("did you mean `{m}`? the column is ignored"),
                    (None, None) => "this policy does not read it; the column is ignored".into(),
                };
                diagnostics.push(
                    Diagnostic::warning(
                        UNKNOWN_FIELD,
                        format!("{at} {header}: not a field of this policy"),
                    )
                    .help(help),
                );
            }
            Err(problem) => {
                let ty = names
                    .iter()
                    .find(|(n, _)| split_header(&header).is_some_and(|(b, _)| b == *n));
                let like = ty.map(|(_, t)| units_like(policy, t)).unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(convert::UNIT, format!("{at} {header}: {problem}")).help(
                        if like.is_empty() {
                            "write the unit as the policy declares it".to_string()
                        } else {
                            format!("write the figures in one of: {like}")
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
fn to_json(policy: &Policy, ty: &Type, unit: Option<&str>, cell: &Cell) -> Result<Json, String> {
    let with_unit = |s: &str| match unit {
        Some(u) => Json::String(format!("{s}{u}")),
        None => Json::String(s.to_string()),
    };
    if let Cell::Error(e) = cell {
        return Err(format!("the cell holds the error value {e}"));
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
                return Err(format!(
                    "`{s}` is not a number in {}",
                    unit.unwrap_or_default()
                ));
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
            Cell::Number(s) => {
                return Err(format!(
                    "`{s}` is a number, not a date: format the cell as a date, or write YYYY-MM-DD"
                ))
            }
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
                let parts: Result<Vec<Json>, String> = s
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
            return Err("this field cannot be written in one cell".into())
        }
        Type::Text | Type::Enum(_) | Type::Tier => Json::String(cell.text()),
    })
}

/// A percentage cell (0.55, shown as 55%) in a field written in `unit`: that percent when the
/// unit is `%`; in any other unit the cell cannot be read as meant.
fn percent_cell(unit: &str, fraction: &str) -> Result<Json, String> {
    let shown = rust_decimal::Decimal::from_str_exact(fraction)
        .ok()
        .and_then(|d| d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED))
        .map(|d| d.normalize().to_string());
    match shown {
        Some(p) if unit == "%" => Ok(Json::String(format!("{p}%"))),
        Some(p) => Err(format!(
            "the cell is formatted as a percentage (it shows {p}%), but the field is in {}",
            if unit.is_empty() {
                "plain numbers"
            } else {
                unit
            }
        )),
        None => Err(format!("`{fraction}` is not a representable percentage")),
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
        file_diags.push(
            Diagnostic::error(SYNTAX, format!("{}: no sheet of parks", book.file))
                .help("the first visible sheet holds one park per row, with the fields as headers"),
        );
        return vec![file_entry(&source, file_diags)];
    };
    if main.rows.is_empty() {
        file_diags.push(
            Diagnostic::error(
                SYNTAX,
                format!("{}: sheet `{}` is empty", book.file, main.name),
            )
            .help("the first row holds the fields' names, then one park per row"),
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
                Diagnostic::error(
                    SYNTAX,
                    format!(
                        "{}: sheet `{}` cannot be joined: the policy has no name input",
                        book.file, grid.name
                    ),
                )
                .help("declare an input of type `name` to join sheets by"),
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
                Diagnostic::error(
                    SYNTAX,
                    format!(
                        "{}: sheet `{}` has no column {} to join its rows to the parks",
                        book.file, grid.name, name_def.name
                    ),
                )
                .help(format!(
                    "add a column headed {} naming each row's park",
                    name_def.name
                )),
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
                Err(problem) => park.diagnostics.push(cell_error(&at, &c.header, &problem)),
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
                        Diagnostic::error(
                            JOIN,
                            format!(
                                "{}: the name `{name}` is also on row {}, so the rows of {} cannot be joined to it",
                                book.at(main, row.row, name_col.unwrap_or(0)),
                                first_row + 1,
                                sides
                                    .iter()
                                    .map(|s| s.grid.name.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )
                        .help("give every park its own name"),
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
                file_diags.push(
                    Diagnostic::error(
                        JOIN,
                        format!("{name_at}: a row of {} names no park", side.grid.name),
                    )
                    .help(format!(
                        "write the park's name in the column {}, as on the parks' sheet",
                        name_input.map_or("", |n| n.name.as_str())
                    )),
                );
                continue;
            };
            let Some(&p) = by_name.get(&name) else {
                let help = match did_you_mean(&name, names.iter().map(String::as_str)) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("the name must be written as on the sheet {}", main.name),
                };
                file_diags.push(
                    Diagnostic::error(
                        JOIN,
                        format!(
                            "{name_at}: no park named `{name}` on the sheet {}",
                            main.name
                        ),
                    )
                    .help(help),
                );
                continue;
            };
            let Some(park) = parks.get_mut(p) else {
                continue;
            };
            if is_map {
                if let Some(first) = seen_map.get(&p) {
                    park.diagnostics.push(
                        Diagnostic::error(
                            JOIN,
                            format!(
                                "{name_at}: `{name}` already has a row of {} (row {})",
                                side.grid.name,
                                first + 1
                            ),
                        )
                        .help("keep one row per park on a map sheet"),
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
                    Err(problem) => park.diagnostics.push(cell_error(&at, &c.header, &problem)),
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
            let mut loaded = record(
                policy,
                &source,
                index,
                &Json::Object(park.json),
                Span::new(0, 0),
            );
            let who = loaded.name.as_ref().map_or_else(
                || format!("record {}", index + 1),
                |n| format!("record {} ({n})", index + 1),
            );
            let prefix = format!("{who}, field ");
            let row_at = format!("{}#{}", book.file, index + 1);
            let mut diags: Vec<Diagnostic> = loaded
                .diagnostics
                .drain(..)
                .map(|d| relocate(d, &prefix, &park.origins, &row_at))
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

fn cell_error(at: &str, header: &str, problem: &str) -> Diagnostic {
    if problem.starts_with("the cell is formatted as a percentage") {
        return Diagnostic::error(convert::UNIT, format!("{at} {header}: {problem}")).help(
            "type the figure in the field's unit and format the cell as a number, not a percentage",
        );
    }
    Diagnostic::error(convert::TYPE, format!("{at} {header}: {problem}"))
        .help("fix the cell as the header says; the other parks are still evaluated")
}

/// A diagnostic of the record conversion, pointed at the cell it is about.
fn relocate(d: Diagnostic, prefix: &str, origins: &Origins, row_at: &str) -> Diagnostic {
    let rest = d.message.strip_prefix(prefix);
    let message = match rest.and_then(|r| origins.find(r)) {
        Some((at, header, problem)) => format!("{at} {header}: {problem}"),
        None => format!("{row_at}: {}", d.message),
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
