//! Reads the sheets of a workbook into [`Grid`]s of non-empty cells, in bounded memory: `.xlsx`
//! and `.ods` are streamed from their XML (zip + quick-xml), with each cell's number format (a
//! percentage is not a plain number). An Excel 97–2003 `.xls` file is refused with a message
//! to save it as `.xlsx`: its number formats cannot be told here, and the reader available for it
//! (calamine) panics or aborts on malformed files.
//!
//! Nothing is allocated by a declared size: a workbook's `<dimension>`, a cell reference far
//! out (`XFD1048576`) or an ODS repeat count costs nothing until cells are filled, filled cells
//! are capped at [`MAX_CELLS`], each part's XML at [`MAX_PART_BYTES`], and every reference and
//! shared-string index is checked before it is used.

use super::read::{Cell, Grid, Row};
use super::shown_number;
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Read};

/// Filled cells read from one workbook, all sheets together.
pub const MAX_CELLS: usize = 1_000_000;
/// Bytes of XML read from one part of a workbook (a sheet, the shared strings…), uncompressed.
pub const MAX_PART_BYTES: u64 = 256 << 20;
/// Rows and columns of a sheet, as in Excel.
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLS: u32 = 1 << 14;
/// Spaces one `<text:s text:c="…">` of an ODS cell may stand for.
const MAX_SPACES: usize = 1024;

/// Why a workbook or a sheet cannot be read; said in a diagnostic with the file's name.
pub type Problem = String;

/// A sheet of a workbook, as its list of sheets gives it.
#[derive(Debug, Clone)]
pub struct SheetInfo {
    pub name: String,
    /// Visible, and a sheet of cells (not a chart).
    pub visible: bool,
    /// Where its cells are: the zip part of an `.xlsx` sheet, the position of an `.ods` table.
    at: String,
}

/// An open workbook.
pub enum Book {
    Xlsx(Xlsx),
    Ods(Ods),
}

/// Why an Excel 97–2003 workbook is not read.
pub const XLS: &str = "an Excel 97-2003 (.xls) workbook, which jidi does not read: its percentage \
    cells cannot be told from plain numbers; save it as .xlsx (Excel workbook) and evaluate that";

/// Counts the cells read, against [`MAX_CELLS`].
#[derive(Debug, Default)]
pub struct Budget {
    cells: usize,
}

impl Budget {
    fn take(&mut self, n: usize) -> Result<(), Problem> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > MAX_CELLS {
            return Err(format!(
                "the workbook has more than {MAX_CELLS} filled cells; split it into several files"
            ));
        }
        Ok(())
    }
}

impl Book {
    /// Opens a workbook by its content (a zip holding `xl/` or `content.xml`, or an OLE file).
    pub fn open(bytes: Vec<u8>) -> Result<Book, Problem> {
        if bytes.starts_with(b"PK") {
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
                .map_err(|e| format!("not a readable zip archive: {e}"))?;
            if zip.by_name("content.xml").is_ok() {
                return Ods::open(zip).map(Book::Ods);
            }
            return Xlsx::open(zip).map(Book::Xlsx);
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(XLS.into());
        }
        Err("neither an .xlsx nor an .ods workbook".into())
    }

    /// The sheets, in the workbook's order.
    pub fn sheets(&self) -> Vec<SheetInfo> {
        match self {
            Book::Xlsx(x) => x.sheets.clone(),
            Book::Ods(o) => o.sheets.clone(),
        }
    }

    /// The non-empty cells of one sheet, named `name` in the grid.
    pub fn grid(
        &mut self,
        sheet: &SheetInfo,
        name: &str,
        budget: &mut Budget,
    ) -> Result<Grid, Problem> {
        match self {
            Book::Xlsx(x) => x.grid(sheet, name, budget),
            Book::Ods(o) => o.grid(sheet, name, budget),
        }
    }
}

// ---------------------------------------------------------------- reading XML parts

/// Reads at most `left` bytes, then fails: a zip bomb is refused, not read to the end.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::other(format!(
                "a part of the workbook is larger than {} MiB",
                MAX_PART_BYTES >> 20
            ))
        })?;
        Ok(n)
    }
}

type Zip = zip::ZipArchive<Cursor<Vec<u8>>>;
type Xml<'z> = quick_xml::Reader<BufReader<Capped<zip::read::ZipFile<'z, Cursor<Vec<u8>>>>>>;

/// An XML reader over one part of the archive; `None` when the part is missing.
fn part<'z>(zip: &'z mut Zip, path: &str) -> Result<Option<Xml<'z>>, Problem> {
    match zip.by_name(path) {
        Ok(file) => {
            let mut xml = quick_xml::Reader::from_reader(BufReader::new(Capped {
                inner: file,
                left: MAX_PART_BYTES,
            }));
            xml.config_mut().trim_text(false);
            Ok(Some(xml))
        }
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        Err(e) => Err(format!("{path} cannot be read: {e}")),
    }
}

fn next<'b, R: BufRead>(
    xml: &mut quick_xml::Reader<R>,
    buf: &'b mut Vec<u8>,
    path: &str,
) -> Result<Event<'b>, Problem> {
    buf.clear();
    xml.read_event_into(buf)
        .map_err(|e| format!("{path} is not valid XML: {e}"))
}

/// An attribute's value by its local name (`r:id` → `id`), unescaped.
fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            let raw = String::from_utf8_lossy(&a.value);
            quick_xml::escape::unescape(&raw)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn text_of(t: &quick_xml::events::BytesText<'_>) -> String {
    t.unescape()
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| String::from_utf8_lossy(t).into_owned())
}

// ---------------------------------------------------------------- .xlsx

/// How a number format shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Plain,
    Percent,
    Date,
}

pub struct Xlsx {
    zip: Zip,
    sheets: Vec<SheetInfo>,
    strings: Vec<String>,
    /// By cell style (`s`), how its number format shows numbers.
    styles: Vec<Shown>,
    date1904: bool,
}

impl Xlsx {
    fn open(mut zip: Zip) -> Result<Xlsx, Problem> {
        let workbook = office_document(&mut zip)?;
        let dir = workbook.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let rels_path = format!(
            "{}_rels/{}.rels",
            if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            },
            workbook.rsplit('/').next().unwrap_or("")
        );
        let rels = relationships(&mut zip, &rels_path, &dir)?;
        let (sheets, date1904) = workbook_sheets(&mut zip, &workbook, &rels)?;
        let target = |kind: &str, default: &str| {
            rels.values()
                .find(|(_, t)| t.ends_with(kind))
                .map_or_else(|| format!("{dir}/{default}"), |(p, _)| p.clone())
        };
        let strings = shared_strings(&mut zip, &target("/sharedStrings", "sharedStrings.xml"))?;
        let styles = styles(&mut zip, &target("/styles", "styles.xml"))?;
        Ok(Xlsx {
            zip,
            sheets,
            strings,
            styles,
            date1904,
        })
    }

    fn grid(
        &mut self,
        sheet: &SheetInfo,
        name: &str,
        budget: &mut Budget,
    ) -> Result<Grid, Problem> {
        let path = sheet.at.clone();
        let Xlsx {
            zip,
            strings,
            styles,
            date1904,
            ..
        } = self;
        let cells = Cells {
            strings,
            styles,
            date1904: *date1904,
        };
        let Some(mut xml) = part(zip, &path)? else {
            return Err(format!(
                "sheet `{}` is missing from the archive ({path})",
                sheet.name
            ));
        };
        let mut rows: Vec<Row> = Vec::new();
        let mut buf = Vec::new();
        let (mut row, mut col) = (0u32, 0u32);
        // The cell being read: its place, type, style, and its value's text.
        let mut cell: Option<(u32, u32, String, usize)> = None;
        let mut value = String::new();
        let mut in_value = false;
        let mut in_inline = false;
        let mut in_phonetic = false;
        let at = |r: u32, c: u32| format!("{name}!{}", super::cell_ref(r, c));
        loop {
            let ev = next(&mut xml, &mut buf, &path)?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"row" => {
                    if let Some(r) = attr(&e, b"r") {
                        row = r
                            .parse::<u32>()
                            .ok()
                            .filter(|r| (1..=MAX_ROWS).contains(r))
                            .ok_or_else(|| format!("{name}: row `{r}` is outside a sheet"))?
                            - 1;
                    }
                    col = 0;
                    if empty {
                        row = row.saturating_add(1);
                    }
                }
                Event::End(e) if e.local_name().as_ref() == b"row" => {
                    row = row.saturating_add(1);
                }
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"c" => {
                    if let Some(r) = attr(&e, b"r") {
                        (row, col) = cell_position(&r)
                            .ok_or_else(|| format!("{name}: cell `{r}` is outside a sheet"))?;
                    } else if col >= MAX_COLS || row >= MAX_ROWS {
                        return Err(format!("{name}: a cell lies outside a sheet"));
                    }
                    let style = attr(&e, b"s").and_then(|s| s.parse().ok()).unwrap_or(0);
                    let kind = attr(&e, b"t").unwrap_or_default();
                    value.clear();
                    if empty {
                        col += 1;
                    } else {
                        cell = Some((row, col, kind, style));
                    }
                }
                Event::End(e) if e.local_name().as_ref() == b"c" => {
                    if let Some((r, c, kind, style)) = cell.take() {
                        if let Some(v) = cells.cell(&kind, style, &value, &at(r, c))? {
                            budget.take(1)?;
                            push(&mut rows, r, c, v);
                        }
                        col = c.saturating_add(1);
                    }
                }
                Event::Start(e) if cell.is_some() => match e.local_name().as_ref() {
                    b"v" => in_value = true,
                    b"is" => in_inline = true,
                    b"rPh" => in_phonetic = true,
                    b"t" if in_inline && !in_phonetic => in_value = true,
                    _ => {}
                },
                Event::End(e) if cell.is_some() => match e.local_name().as_ref() {
                    b"v" | b"t" => in_value = false,
                    b"is" => in_inline = false,
                    b"rPh" => in_phonetic = false,
                    _ => {}
                },
                Event::Text(t) if in_value => value.push_str(&text_of(&t)),
                Event::CData(t) if in_value => value.push_str(&String::from_utf8_lossy(&t)),
                Event::End(e) if e.local_name().as_ref() == b"sheetData" => break,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Grid {
            name: name.to_string(),
            rows,
        })
    }
}

/// What the cells of an `.xlsx` sheet refer to.
struct Cells<'b> {
    strings: &'b [String],
    styles: &'b [Shown],
    date1904: bool,
}

impl Cells<'_> {
    /// One cell from its type (`t`), style (`s`) and the text of its value.
    fn cell(&self, kind: &str, style: usize, v: &str, at: &str) -> Result<Option<Cell>, Problem> {
        Ok(Some(match kind {
            "s" => {
                let i: usize = v
                    .trim()
                    .parse()
                    .map_err(|_| format!("{at}: `{v}` is not a shared-string index"))?;
                let s = self.strings.get(i).ok_or_else(|| {
                    format!(
                        "{at}: the cell names shared string {i}, but the workbook has {}",
                        self.strings.len()
                    )
                })?;
                return Ok(text_cell(s));
            }
            "str" | "inlineStr" | "d" => return Ok(text_cell(v)),
            "b" => Cell::Bool(v.trim() == "1" || v.trim().eq_ignore_ascii_case("true")),
            "e" => Cell::Error(v.trim().to_string()),
            _ if v.trim().is_empty() => return Ok(None),
            _ => match v.trim().parse::<f64>() {
                Ok(f) => {
                    let shown = self.styles.get(style).copied().unwrap_or(Shown::Plain);
                    number_cell(f, shown, self.date1904)
                }
                Err(_) => return Ok(text_cell(v)),
            },
        }))
    }
}

/// A text cell, `None` when blank.
fn text_cell(s: &str) -> Option<Cell> {
    let t = s.trim();
    (!t.is_empty()).then(|| Cell::Text(t.to_string()))
}

/// A number cell, by how its format shows it.
fn number_cell(f: f64, shown: Shown, date1904: bool) -> Cell {
    let Some(text) = shown_number(f) else {
        return Cell::Error(format!("{f}"));
    };
    match shown {
        Shown::Plain => Cell::Number(text),
        Shown::Percent => Cell::Percent(text),
        Shown::Date => excel_date(f, date1904).map_or(Cell::Number(text), Cell::Date),
    }
}

/// The day of an Excel serial date (1900 system with its 29 February 1900, or 1904 system).
fn excel_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    if !(0.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let (base, days) = match (date1904, days) {
        (true, d) => (NaiveDate::from_ymd_opt(1904, 1, 1)?, d),
        (false, 60) | (false, 0) => return None,
        (false, d) if d < 60 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, d),
        (false, d) => (NaiveDate::from_ymd_opt(1899, 12, 30)?, d),
    };
    base.checked_add_days(chrono::Days::new(u64::try_from(days).ok()?))
}

/// Adds a cell to the rows, which arrive in order (a row number going back starts a new row).
fn push(rows: &mut Vec<Row>, row: u32, col: u32, cell: Cell) {
    match rows.last_mut() {
        Some(last) if last.row == row => last.cells.push((col, cell)),
        _ => rows.push(Row {
            row,
            cells: vec![(col, cell)],
        }),
    }
}

/// `F7` → (6, 5), within a sheet's bounds.
fn cell_position(r: &str) -> Option<(u32, u32)> {
    let r = r.trim().trim_start_matches('$');
    let split = r.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.bytes().try_fold(0u32, |n, b| {
        Some(n * 26 + u32::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1)
    })?;
    let row: u32 = digits.trim_start_matches('$').parse().ok()?;
    ((1..=MAX_COLS).contains(&col) && (1..=MAX_ROWS).contains(&row)).then(|| (row - 1, col - 1))
}

/// The workbook part named by the package's relationships (`xl/workbook.xml` by default).
fn office_document(zip: &mut Zip) -> Result<String, Problem> {
    let rels = relationships(zip, "_rels/.rels", "")?;
    Ok(rels
        .values()
        .find(|(_, t)| t.ends_with("/officeDocument"))
        .map_or_else(|| "xl/workbook.xml".to_string(), |(p, _)| p.clone()))
}

/// The relationships of a part: id → (path in the archive, type).
fn relationships(
    zip: &mut Zip,
    path: &str,
    dir: &str,
) -> Result<HashMap<String, (String, String)>, Problem> {
    let mut out = HashMap::new();
    let Some(mut xml) = part(zip, path)? else {
        return Ok(out);
    };
    let mut buf = Vec::new();
    loop {
        match next(&mut xml, &mut buf, path)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    let kind = attr(&e, b"Type").unwrap_or_default();
                    out.insert(id, (resolve(dir, &target), kind));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A relationship's target as a path in the archive: absolute (`/xl/…`) or relative to `dir`.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if dir.is_empty() => target.to_string(),
        None => format!("{dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The sheets the workbook lists, and whether it counts dates from 1904.
fn workbook_sheets(
    zip: &mut Zip,
    path: &str,
    rels: &HashMap<String, (String, String)>,
) -> Result<(Vec<SheetInfo>, bool), Problem> {
    let Some(mut xml) = part(zip, path)? else {
        return Err(format!("{path} is missing: not an .xlsx workbook"));
    };
    let mut sheets = Vec::new();
    let mut date1904 = false;
    let mut buf = Vec::new();
    loop {
        match next(&mut xml, &mut buf, path)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"workbookPr" => {
                    date1904 = attr(&e, b"date1904").is_some_and(|v| v == "1" || v == "true");
                }
                b"sheet" => {
                    let name = attr(&e, b"name").unwrap_or_default();
                    let state = attr(&e, b"state").unwrap_or_default();
                    let Some((at, kind)) = attr(&e, b"id").and_then(|id| rels.get(&id)) else {
                        continue;
                    };
                    sheets.push(SheetInfo {
                        name,
                        visible: (state.is_empty() || state == "visible")
                            && kind.ends_with("/worksheet"),
                        at: at.clone(),
                    });
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((sheets, date1904))
}

/// The shared strings: each `<si>`'s text runs, without phonetic guides.
fn shared_strings(zip: &mut Zip, path: &str) -> Result<Vec<String>, Problem> {
    let mut out = Vec::new();
    let Some(mut xml) = part(zip, path)? else {
        return Ok(out);
    };
    let mut buf = Vec::new();
    let (mut current, mut in_si, mut in_t, mut in_phonetic) = (String::new(), false, false, false);
    loop {
        match next(&mut xml, &mut buf, path)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"si" => {
                    in_si = true;
                    current.clear();
                }
                b"t" if in_si && !in_phonetic => in_t = true,
                b"rPh" => in_phonetic = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                b"si" => {
                    in_si = false;
                    out.push(std::mem::take(&mut current));
                }
                b"t" => in_t = false,
                b"rPh" => in_phonetic = false,
                _ => {}
            },
            Event::Text(t) if in_t => current.push_str(&text_of(&t)),
            Event::CData(t) if in_t => current.push_str(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// How each cell style shows numbers, from `styles.xml`'s number formats and cell formats.
fn styles(zip: &mut Zip, path: &str) -> Result<Vec<Shown>, Problem> {
    let mut out = Vec::new();
    let Some(mut xml) = part(zip, path)? else {
        return Ok(out);
    };
    let mut custom: HashMap<u32, Shown> = HashMap::new();
    let mut in_cell_xfs = false;
    let mut buf = Vec::new();
    loop {
        match next(&mut xml, &mut buf, path)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (
                        attr(&e, b"numFmtId").and_then(|i| i.parse().ok()),
                        attr(&e, b"formatCode"),
                    ) {
                        custom.insert(id, format_shows(&code));
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    let id: u32 = attr(&e, b"numFmtId")
                        .and_then(|i| i.parse().ok())
                        .unwrap_or(0);
                    out.push(
                        custom
                            .get(&id)
                            .copied()
                            .unwrap_or_else(|| builtin_shows(id)),
                    );
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The built-in number formats: 9 `0%` and 10 `0.00%`; dates and times, with the East Asian
/// date formats (27–36, 50–58).
fn builtin_shows(id: u32) -> Shown {
    match id {
        9 | 10 => Shown::Percent,
        14..=22 | 27..=36 | 45 | 47 | 50..=58 => Shown::Date,
        _ => Shown::Plain,
    }
}

/// How a custom number format (its first section) shows numbers: a `%` outside quotes and
/// escapes makes a percentage, a date or time letter a date.
fn format_shows(code: &str) -> Shown {
    let mut chars = code.chars();
    let mut quoted = false;
    let mut bracket = false;
    let mut date = false;
    while let Some(c) = chars.next() {
        match c {
            _ if quoted => quoted = c != '"',
            '"' => quoted = true,
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => break,
            '%' => return Shown::Percent,
            'y' | 'Y' | 'd' | 'D' | 'm' | 'M' | 'h' | 'H' | 's' | 'S' => date = true,
            _ => {}
        }
    }
    if date && !code.eq_ignore_ascii_case("general") {
        Shown::Date
    } else {
        Shown::Plain
    }
}

// ---------------------------------------------------------------- .ods

pub struct Ods {
    zip: Zip,
    sheets: Vec<SheetInfo>,
}

impl Ods {
    /// Lists the tables of `content.xml` and which are hidden, without keeping their cells.
    fn open(mut zip: Zip) -> Result<Ods, Problem> {
        let mut hidden_styles: Vec<String> = Vec::new();
        let mut sheets = Vec::new();
        {
            let Some(mut xml) = part(&mut zip, "content.xml")? else {
                return Err("content.xml is missing".into());
            };
            let mut buf = Vec::new();
            let mut style: Option<String> = None;
            let mut depth = 0usize;
            loop {
                let ev = next(&mut xml, &mut buf, "content.xml")?;
                let empty = matches!(ev, Event::Empty(_));
                match ev {
                    Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                        b"style:style" => style = attr(&e, b"name"),
                        b"style:table-properties"
                            if attr(&e, b"display").as_deref() == Some("false") =>
                        {
                            hidden_styles.extend(style.clone());
                        }
                        b"table:table" => {
                            if depth == 0 {
                                let s = attr(&e, b"style-name").unwrap_or_default();
                                sheets.push(SheetInfo {
                                    name: attr(&e, b"name").unwrap_or_default(),
                                    visible: !hidden_styles.contains(&s),
                                    at: sheets.len().to_string(),
                                });
                            }
                            if !empty {
                                depth += 1;
                            }
                        }
                        _ => {}
                    },
                    Event::End(e) if e.name().as_ref() == b"table:table" => {
                        depth = depth.saturating_sub(1);
                    }
                    Event::Eof => break,
                    _ => {}
                }
            }
        }
        Ok(Ods { zip, sheets })
    }

    fn grid(
        &mut self,
        sheet: &SheetInfo,
        name: &str,
        budget: &mut Budget,
    ) -> Result<Grid, Problem> {
        let index: usize = sheet.at.parse().unwrap_or(usize::MAX);
        let Some(mut xml) = part(&mut self.zip, "content.xml")? else {
            return Err("content.xml is missing".into());
        };
        let mut buf = Vec::new();
        let mut tables = 0usize;
        let mut depth = 0usize;
        // Skip to the table.
        loop {
            let ev = next(&mut xml, &mut buf, "content.xml")?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"table:table" => {
                    if depth == 0 {
                        if tables == index {
                            if empty {
                                return Ok(Grid {
                                    name: name.to_string(),
                                    rows: Vec::new(),
                                });
                            }
                            break;
                        }
                        tables += 1;
                    }
                    if !empty {
                        depth += 1;
                    }
                }
                Event::End(e) if e.name().as_ref() == b"table:table" => {
                    depth = depth.saturating_sub(1);
                }
                Event::Eof => return Err(format!("sheet `{}` is not in content.xml", sheet.name)),
                _ => {}
            }
        }
        let mut table = OdsTable {
            name,
            rows: Vec::new(),
            row: 0,
            row_repeat: 1,
            this_row: Vec::new(),
            col: 0,
            cell: None,
            text: String::new(),
            paragraphs: 0,
        };
        let mut skip = 0usize;
        loop {
            let ev = next(&mut xml, &mut buf, "content.xml")?;
            let empty = matches!(ev, Event::Empty(_));
            if skip > 0 {
                match ev {
                    Event::Start(_) => skip += 1,
                    Event::End(_) => skip -= 1,
                    Event::Eof => break,
                    _ => {}
                }
                continue;
            }
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    b"table:table-row" => {
                        table.row_repeat = repeat(&e, b"number-rows-repeated");
                        table.this_row.clear();
                        table.col = 0;
                        if empty {
                            table.end_row(budget)?;
                        }
                    }
                    b"table:table-cell" | b"table:covered-table-cell" => {
                        table.cell = Some((ods_value(&e), repeat(&e, b"number-columns-repeated")));
                        table.text.clear();
                        table.paragraphs = 0;
                        if empty {
                            table.end_cell(budget)?;
                        }
                    }
                    b"table:table" if !empty => skip = 1,
                    b"office:annotation" if !empty => skip = 1,
                    b"text:p" | b"text:h" if table.cell.is_some() => {
                        if table.paragraphs > 0 {
                            table.text.push('\n');
                        }
                        table.paragraphs += 1;
                    }
                    b"text:s" if table.cell.is_some() => {
                        let n = attr(&e, b"c")
                            .and_then(|c| c.parse().ok())
                            .unwrap_or(1usize);
                        table.text.push_str(&" ".repeat(n.min(MAX_SPACES)));
                    }
                    b"text:tab" if table.cell.is_some() => table.text.push('\t'),
                    b"text:line-break" if table.cell.is_some() => table.text.push('\n'),
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    b"table:table-row" => table.end_row(budget)?,
                    b"table:table-cell" | b"table:covered-table-cell" => table.end_cell(budget)?,
                    b"table:table" => break,
                    _ => {}
                },
                Event::Text(t) if table.cell.is_some() && table.paragraphs > 0 => {
                    table.text.push_str(&text_of(&t));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Grid {
            name: name.to_string(),
            rows: table.rows,
        })
    }
}

/// An `.ods` table being read.
struct OdsTable<'n> {
    name: &'n str,
    rows: Vec<Row>,
    row: u32,
    row_repeat: u32,
    this_row: Vec<(u32, Cell)>,
    col: u32,
    /// The cell being read: its value from its attributes, and how many columns it repeats.
    cell: Option<(Option<Cell>, u32)>,
    text: String,
    paragraphs: usize,
}

impl OdsTable<'_> {
    fn end_cell(&mut self, budget: &mut Budget) -> Result<(), Problem> {
        let Some((value, n)) = self.cell.take() else {
            return Ok(());
        };
        let value = value.or_else(|| text_cell(&self.text));
        if let Some(v) = value {
            if self.col.saturating_add(n) > MAX_COLS {
                return Err(format!("{}: cells beyond column {MAX_COLS}", self.name));
            }
            budget.take(n as usize)?;
            for k in 0..n {
                self.this_row.push((self.col + k, v.clone()));
            }
        }
        self.col = self.col.saturating_add(n);
        Ok(())
    }

    fn end_row(&mut self, budget: &mut Budget) -> Result<(), Problem> {
        if !self.this_row.is_empty() {
            if self.row.saturating_add(self.row_repeat) > MAX_ROWS {
                return Err(format!("{}: rows beyond row {MAX_ROWS}", self.name));
            }
            // The row's cells were counted once; its repeats count again.
            budget.take(
                self.this_row
                    .len()
                    .saturating_mul(self.row_repeat as usize - 1),
            )?;
            for k in 0..self.row_repeat {
                self.rows.push(Row {
                    row: self.row + k,
                    cells: self.this_row.clone(),
                });
            }
            self.this_row.clear();
        }
        self.row = self.row.saturating_add(self.row_repeat);
        self.row_repeat = 1;
        Ok(())
    }
}

/// A `number-…-repeated` count, at least 1.
fn repeat(e: &BytesStart<'_>, local: &[u8]) -> u32 {
    attr(e, local)
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

/// A cell's value from its attributes (`office:value-type` and its value); `None` for text,
/// which is in the cell's paragraphs.
fn ods_value(e: &BytesStart<'_>) -> Option<Cell> {
    let kind = attr(e, b"value-type")?;
    let number = || attr(e, b"value").and_then(|v| v.trim().parse::<f64>().ok());
    Some(match kind.as_str() {
        "float" | "currency" => match number() {
            Some(f) => number_cell(f, Shown::Plain, false),
            None => return None,
        },
        "percentage" => match number() {
            Some(f) => number_cell(f, Shown::Percent, false),
            None => return None,
        },
        "date" => {
            let v = attr(e, b"date-value")?;
            let day = v.split('T').next().unwrap_or(&v);
            match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                Ok(d) => Cell::Date(d),
                Err(_) => return text_cell(&v),
            }
        }
        "boolean" => Cell::Bool(matches!(
            attr(e, b"boolean-value").as_deref(),
            Some("true" | "TRUE" | "1")
        )),
        "string" => return attr(e, b"string-value").and_then(|s| text_cell(&s)),
        "time" => return attr(e, b"time-value").and_then(|s| text_cell(&s)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_tell_percentages_and_dates() {
        assert_eq!(format_shows("0.0%"), Shown::Percent);
        assert_eq!(format_shows("#,##0.00\"%\""), Shown::Plain);
        assert_eq!(format_shows("0.00\\%"), Shown::Plain);
        assert_eq!(format_shows("yyyy\"年\"m\"月\"d\"日\""), Shown::Date);
        assert_eq!(format_shows("[Red]0.00"), Shown::Plain);
        assert_eq!(format_shows("General"), Shown::Plain);
        assert_eq!(format_shows("0.00;[Red]-0.00%"), Shown::Plain);
        assert_eq!(builtin_shows(9), Shown::Percent);
        assert_eq!(builtin_shows(14), Shown::Date);
    }

    #[test]
    fn cell_references_stay_within_a_sheet() {
        assert_eq!(cell_position("F7"), Some((6, 5)));
        assert_eq!(cell_position("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_position("XFE1"), None);
        assert_eq!(cell_position("A1048577"), None);
        assert_eq!(cell_position("A0"), None);
        assert_eq!(cell_position("ZZZZ1"), None);
    }

    #[test]
    fn excel_serial_dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(excel_date(45366.0, false), d(2024, 3, 15));
        assert_eq!(excel_date(1.0, false), d(1900, 1, 1));
        assert_eq!(excel_date(61.0, false), d(1900, 3, 1));
        assert_eq!(excel_date(60.0, false), None);
        assert_eq!(excel_date(0.0, true), d(1904, 1, 1));
    }
}
