//! Spreadsheets: park records as rows of `.xlsx`, `.xls`, `.ods` or `.csv`, and the blank form.
//!
//! The layout is the same for reading and for [`template`]:
//! - the first visible sheet holds one park per row; its headers are the policy's input names,
//!   a numeric one optionally with a unit (`营业收入（万元）`, `营业收入(亿元)`), and its cells
//!   are converted exactly into the input's unit;
//! - a list of records (events) or a map (expert verdicts) has a sheet named after the input,
//!   joined to the parks by the `name` input's column: one row per element for a list, one row
//!   per park with one column per key for a map;
//! - a list of values (materials) sits in one cell, separated by `、` (or `,` `;`), `无` for none;
//! - a blank cell is unknown (none, for an optional input), never zero. A park with no row on a
//!   list sheet has an unknown list, as a record without the field; a row with the park's name
//!   and `无` (or nothing else) says it has none.
//!
//! For CSV the first sheet is the file itself, and a list or map sits in a sidecar file beside it,
//! `申报.csv` → `申报.事件.csv`, `申报.定性评价.csv` (any main file name, any input name).

mod book;
mod read;
pub mod template;

pub use read::{decode_text, load_csv, load_path, load_workbook};

use crate::check::ir::{Policy, Type};

/// File extensions read as spreadsheets.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods", "csv"];

/// The name the template gives the sheet of parks (any first sheet is read as such).
pub const MAIN_SHEET: &str = "申报";

/// The separator the template writes between the values of a list in one cell.
pub const LIST_SEPARATOR: &str = "、";

/// Separators accepted between the values of a list in one cell.
const SEPARATORS: &[char] = &['、', ',', '，', ';', '；', '\n'];

/// Whether a path is read as a spreadsheet (by its extension).
pub fn is_sheet(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Where an input's values go in a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A column of the parks' sheet.
    Column,
    /// A sheet of its own, named after the input: a list of records, one row per element.
    ListSheet,
    /// A sheet of its own, named after the input: a map, one row per park, a column per key.
    MapSheet,
}

/// Where the values of an input of type `ty` go.
pub fn placement(ty: &Type) -> Placement {
    match ty {
        Type::List(inner) if matches!(**inner, Type::Shape(_)) => Placement::ListSheet,
        Type::Map(_) => Placement::MapSheet,
        _ => Placement::Column,
    }
}

/// The unit a column of `ty` is written in by default, if it has one: `亿元`, `%`.
pub fn unit_of(policy: &Policy, ty: &Type) -> Option<String> {
    match ty {
        Type::Num(u) => Some(policy.unit_text(u)).filter(|t| !t.is_empty()),
        Type::List(inner) => unit_of(policy, inner),
        _ => None,
    }
}

/// The header the template writes for a field: its name, with its unit in full-width brackets.
pub fn header_text(policy: &Policy, name: &str, ty: &Type) -> String {
    match unit_of(policy, ty) {
        Some(u) => format!("{name}（{u}）"),
        None => name.to_string(),
    }
}

/// Splits `营业收入（万元）` or `营业收入(万元)` into the name and the bracketed text.
pub fn split_header(header: &str) -> Option<(&str, &str)> {
    let h = header.trim();
    let close = h.chars().next_back()?;
    if !matches!(close, '）' | ')') {
        return None;
    }
    let body = h.strip_suffix(close)?;
    let at = body.rfind(['(', '（'])?;
    let name = body.get(..at)?.trim();
    let open_len = body.get(at..)?.chars().next()?.len_utf8();
    let unit = body.get(at + open_len..)?.trim();
    (!name.is_empty()).then_some((name, unit))
}

/// Significant digits a spreadsheet keeps of a number (Excel shows and computes with 15).
pub const SHEET_DIGITS: usize = 15;

/// A cell's number as the spreadsheet shows it: the double rounded to [`SHEET_DIGITS`]
/// significant digits, as shortest decimal text (`=128.2+0.2+71.64`, stored as
/// 200.03999999999996, is `200.04`). `None` for infinities and NaN.
pub fn shown_number(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    let rounded = format!("{:.*e}", SHEET_DIGITS - 1, f);
    Some(match rust_decimal::Decimal::from_scientific(&rounded) {
        Ok(d) => d.normalize().to_string(),
        Err(_) => rounded,
    })
}

/// A figure as a cell's double, if the cell keeps it exactly: at most [`SHEET_DIGITS`]
/// significant digits, so that it reads back ([`shown_number`]) as the same figure.
pub fn excel_number(n: rust_decimal::Decimal) -> Option<f64> {
    let text = n.normalize().to_string();
    let x = text.parse::<f64>().ok()?;
    let back = shown_number(x)?;
    (rust_decimal::Decimal::from_str_exact(&back).ok()? == n).then_some(x)
}

/// The column letters of a 0-based column: 0 → `A`, 26 → `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A cell reference from 0-based row and column: (6, 5) → `F7`.
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), u64::from(row) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_at_their_last_bracket() {
        assert_eq!(split_header("营业收入（万元）"), Some(("营业收入", "万元")));
        assert_eq!(split_header("营业收入(亿元)"), Some(("营业收入", "亿元")));
        assert_eq!(
            split_header("规上工业企业研发与实验（R&D）投入强度（%）"),
            Some(("规上工业企业研发与实验（R&D）投入强度", "%"))
        );
        assert_eq!(split_header("营业收入"), None);
        assert_eq!(split_header("（万元）"), None);
    }

    #[test]
    fn cell_numbers_are_what_the_spreadsheet_shows() {
        assert_eq!(shown_number(128.2 + 0.2 + 71.64).unwrap(), "200.04");
        assert_eq!(shown_number(0.1 + 0.2).unwrap(), "0.3");
        assert_eq!(shown_number(1e20).unwrap(), "100000000000000000000");
        assert_eq!(shown_number(-3.0).unwrap(), "-3");
        assert!(shown_number(f64::NAN).is_none());
        let d = |s: &str| rust_decimal::Decimal::from_str_exact(s).unwrap();
        assert_eq!(excel_number(d("200.04")), Some(200.04));
        assert_eq!(excel_number(d("123456789.0123456789")), None);
    }

    #[test]
    fn cells_are_named_like_a_spreadsheet() {
        assert_eq!(cell_ref(6, 5), "F7");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
