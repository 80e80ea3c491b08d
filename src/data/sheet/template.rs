//! The blank form: a workbook with exactly the inputs a policy reads, in the layout the reader
//! reads — headers with units, the criterion as a header note, drop-down lists and date checks —
//! optionally filled with records.

use super::{header_text, placement, Placement, LIST_SEPARATOR, MAIN_SHEET};
use crate::check::ir::{IExpr, Policy, RuleDef, Type};
use crate::diag::Diagnostic;
use crate::value::{Record, Value};
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// The hidden sheet holding the drop-down lists.
const LISTS_SHEET: &str = "选项";
/// The sheet explaining how to fill the form.
const HELP_SHEET: &str = "说明";
/// Rows that get drop-down lists and checks (after the header).
const LAST_ROW: u32 = 2000;
/// How yes and no are written in the form.
const YES: &str = "是";
const NO: &str = "否";
const DATE_FORMAT: &str = "yyyy-mm-dd";

/// Writes the form for `policy` as `.xlsx` bytes, with one row per record of `fill` (in the
/// policy's units, so that it reads back into the same records).
pub fn workbook(policy: &Policy, fill: &[Record]) -> Result<Vec<u8>, Diagnostic> {
    build(policy, fill).map_err(|e| {
        crate::diag::catalogue::template::cannot_write(e)
            .help(crate::diag::catalogue::template::report_bug())
    })
}

/// The formats the form uses.
struct Formats {
    header: Format,
    date: Format,
    text: Format,
    wrap: Format,
    title: Format,
}

fn formats() -> Formats {
    Formats {
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0x00DD_EBF7))
            .set_border(FormatBorder::Thin),
        date: Format::new().set_num_format(DATE_FORMAT),
        text: Format::new().set_num_format("@"),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        title: Format::new().set_bold().set_font_size(14),
    }
}

/// What the policy says about each input and each map key: the rules whose figure it is, and
/// the other rules that read it.
#[derive(Default)]
struct Uses<'p> {
    figure_of: BTreeMap<usize, Vec<&'p RuleDef>>,
    read_by: BTreeMap<usize, Vec<&'p RuleDef>>,
    key_figure_of: BTreeMap<(usize, String), Vec<&'p RuleDef>>,
    /// Map keys the policy reads, per map input, in the order rules read them.
    keys: BTreeMap<usize, Vec<String>>,
}

fn unscaled(e: &IExpr) -> &IExpr {
    match e {
        IExpr::Scale(inner, _) => unscaled(inner),
        other => other,
    }
}

fn map_key(e: &IExpr) -> Option<(usize, String)> {
    match unscaled(e) {
        IExpr::Index(m, k) => match (&**m, &**k) {
            (IExpr::Input(m), IExpr::Const(Value::Text(k))) => Some((*m, k.to_string())),
            _ => None,
        },
        _ => None,
    }
}

fn uses(policy: &Policy) -> Uses<'_> {
    let mut u = Uses::default();
    for read in &policy.reads {
        if let Some((m, k)) = map_key(&read.expr) {
            let keys = u.keys.entry(m).or_default();
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    for rule in &policy.rules {
        let mut direct = None;
        if let Some((fig, _)) = &rule.figure {
            match unscaled(fig) {
                IExpr::Input(i) => {
                    u.figure_of.entry(*i).or_default().push(rule);
                    direct = Some(*i);
                }
                other => {
                    if let Some(key) = map_key(other) {
                        let keys = u.keys.entry(key.0).or_default();
                        if !keys.contains(&key.1) {
                            keys.push(key.1.clone());
                        }
                        u.key_figure_of.entry(key).or_default().push(rule);
                    }
                }
            }
        }
        let mut reads = Vec::new();
        if let Some((fig, _)) = &rule.figure {
            fig.record_reads(&mut reads);
        }
        for c in rule.per_tier.iter().flatten() {
            for b in &c.branches {
                if let Some(g) = &b.guard {
                    g.record_reads(&mut reads);
                }
                for check in &b.checks {
                    for r in &check.reads {
                        if let Some(read) = policy.reads.get(*r) {
                            read.expr.record_reads(&mut reads);
                        }
                    }
                }
            }
        }
        if let Some((a, _)) = &rule.applies {
            a.record_reads(&mut reads);
        }
        for e in reads {
            let input = match &e {
                IExpr::Input(i) => Some(*i),
                IExpr::Index(m, _) => match &**m {
                    IExpr::Input(i) => Some(*i),
                    _ => None,
                },
                _ => None,
            };
            if let Some(i) = input.filter(|i| Some(*i) != direct) {
                let list = u.read_by.entry(i).or_default();
                if !list.iter().any(|r| std::ptr::eq(*r, rule)) {
                    list.push(rule);
                }
            }
        }
    }
    u
}

/// A rule as a note shows it: `附件 指标1 产业聚集区营业收入（规模效益）: ≥200亿元…`.
fn rule_line(rule: &RuleDef) -> String {
    let group = rule
        .group
        .as_ref()
        .map_or_else(String::new, |g| format!("（{g}）"));
    match &rule.criterion {
        Some(c) => format!("{} {}{group}：{c}", rule.article, rule.name),
        None => format!("{} {}{group}", rule.article, rule.name),
    }
}

/// How a value of `ty` is written in a cell, for notes and the help sheet.
fn type_line(policy: &Policy, ty: &Type) -> String {
    match ty {
        Type::Bool => format!("{YES} / {NO}"),
        Type::Date => "日期 YYYY-MM-DD".into(),
        Type::Text => "文本".into(),
        Type::Num(_) => match super::unit_of(policy, ty) {
            Some(u) if u == "%" => "数值，单位 %（55 表示 55%）".into(),
            Some(u) => format!("数值，单位 {u}（也可写明单位，如 \"12.5{u}\"）"),
            None => "数值".into(),
        },
        Type::Enum(e) => policy
            .enums
            .get(*e as usize)
            .map_or_else(String::new, |d| d.values.join(" / ")),
        Type::Tier => {
            let names: Vec<&str> = policy.tiers.iter().map(|t| t.name.as_str()).collect();
            names.join(" / ")
        }
        Type::List(inner) => format!(
            "多个值以 {LIST_SEPARATOR} 分隔，无则填 无；{}",
            type_line(policy, inner)
        ),
        other => policy.type_name(other),
    }
}

fn range_line(
    range: &Option<(Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>)>,
) -> Option<String> {
    match range {
        Some((Some(lo), Some(hi))) => Some(format!("范围 {lo}–{hi}")),
        Some((Some(lo), None)) => Some(format!("≥ {lo}")),
        Some((None, Some(hi))) => Some(format!("≤ {hi}")),
        _ => None,
    }
}

/// A header note, sized to its text.
fn note(text: &str) -> Note {
    let lines: u32 = text
        .lines()
        .map(|l| u32::try_from(l.chars().count() / 22 + 1).unwrap_or(1))
        .sum();
    Note::new(text)
        .add_author_prefix(false)
        .set_width(340)
        .set_height(20 + 17 * lines.min(40))
}

/// The drop-down lists: one column of the hidden sheet per enumeration, plus tiers and yes/no.
struct Lists {
    sheet: Worksheet,
    columns: Vec<(String, u16, usize)>,
}

impl Lists {
    fn new() -> Result<Self, XlsxError> {
        let mut sheet = Worksheet::new();
        sheet.set_name(LISTS_SHEET)?;
        sheet.set_hidden(true);
        Ok(Lists {
            sheet,
            columns: Vec::new(),
        })
    }

    /// The formula of the list named `key` holding `values`, added on first use.
    fn formula(&mut self, key: &str, values: &[String]) -> Result<Formula, XlsxError> {
        let (col, len) = match self.columns.iter().find(|(k, _, _)| k == key) {
            Some((_, c, n)) => (*c, *n),
            None => {
                let col = u16::try_from(self.columns.len()).unwrap_or(u16::MAX);
                self.sheet.write_string(0, col, key)?;
                for (i, v) in values.iter().enumerate() {
                    self.sheet
                        .write_string(u32::try_from(i + 1).unwrap_or(0), col, v)?;
                }
                self.columns.push((key.to_string(), col, values.len()));
                (col, values.len())
            }
        };
        let letters = super::column_letters(u32::from(col));
        Ok(Formula::new(format!(
            "='{LISTS_SHEET}'!${letters}$2:${letters}${}",
            len.max(1) + 1
        )))
    }
}

/// The drop-down list or check for cells of `ty`, if any.
fn validation(
    policy: &Policy,
    ty: &Type,
    range: &Option<(Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>)>,
    lists: &mut Lists,
) -> Result<Option<DataValidation>, XlsxError> {
    let decimal = |d: &rust_decimal::Decimal| d.to_string().parse::<f64>().ok();
    Ok(match ty {
        Type::Enum(e) => {
            let Some(def) = policy.enums.get(*e as usize) else {
                return Ok(None);
            };
            let f = lists.formula(&def.name, &def.values)?;
            let style = if def.aliases.is_empty() {
                DataValidationErrorStyle::Stop
            } else {
                DataValidationErrorStyle::Warning
            };
            Some(
                DataValidation::new()
                    .allow_list_formula(f)
                    .set_error_style(style)
                    .set_error_title(def.name.chars().take(32).collect::<String>())?
                    .set_error_message(format!("请从下拉列表选择 {}", def.name))?,
            )
        }
        Type::Tier => {
            let names: Vec<String> = policy.tiers.iter().map(|t| t.name.clone()).collect();
            let f = lists.formula("tier", &names)?;
            Some(DataValidation::new().allow_list_formula(f))
        }
        Type::Bool => {
            let f = lists.formula("bool", &[YES.to_string(), NO.to_string()])?;
            Some(
                DataValidation::new()
                    .allow_list_formula(f)
                    .set_error_style(DataValidationErrorStyle::Warning),
            )
        }
        Type::Date => {
            let lo = ExcelDateTime::from_ymd(1900, 1, 1)?;
            let hi = ExcelDateTime::from_ymd(9999, 12, 31)?;
            Some(
                DataValidation::new()
                    .allow_date(DataValidationRule::Between(lo, hi))
                    .set_error_title("日期")?
                    .set_error_message("请填写日期，如 2025-03-20")?,
            )
        }
        Type::Num(_) => {
            let rule = match range {
                Some((Some(lo), Some(hi))) => decimal(lo)
                    .zip(decimal(hi))
                    .map(|(lo, hi)| DataValidationRule::Between(lo, hi)),
                Some((Some(lo), None)) => decimal(lo).map(DataValidationRule::GreaterThanOrEqualTo),
                Some((None, Some(hi))) => decimal(hi).map(DataValidationRule::LessThanOrEqualTo),
                _ => None,
            };
            match rule {
                Some(rule) => Some(
                    DataValidation::new()
                        .allow_decimal_number(rule)
                        .set_error_style(DataValidationErrorStyle::Warning)
                        .set_error_message(format!(
                            "{}{}",
                            range_line(range).unwrap_or_default(),
                            super::unit_of(policy, ty)
                                .map_or_else(String::new, |u| format!(" {u}"))
                        ))?,
                ),
                None => None,
            }
        }
        _ => None,
    })
}

/// One column of a sheet of the form.
struct Col<'a> {
    header: String,
    note: String,
    ty: &'a Type,
    range: Option<(Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>)>,
}

fn lay_out(
    policy: &Policy,
    sheet: &mut Worksheet,
    cols: &[Col<'_>],
    f: &Formats,
    lists: &mut Lists,
) -> Result<(), XlsxError> {
    for (j, c) in cols.iter().enumerate() {
        let col = u16::try_from(j).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, &c.header, &f.header)?;
        sheet.insert_note(0, col, &note(&c.note))?;
        let width = c
            .header
            .chars()
            .map(|ch| if ch.is_ascii() { 1.1 } else { 2.1 })
            .sum::<f64>();
        sheet.set_column_width(col, width.clamp(10.0, 40.0) + 2.0)?;
        match c.ty {
            Type::Date => {
                sheet.set_column_format(col, &f.date)?;
            }
            Type::Text | Type::Enum(_) | Type::Tier | Type::List(_) => {
                sheet.set_column_format(col, &f.text)?;
            }
            _ => {}
        }
        if let Some(v) = validation(policy, c.ty, &c.range, lists)? {
            sheet.add_data_validation(1, col, LAST_ROW, col, &v)?;
        }
    }
    sheet.set_row_height(0, 36)?;
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// Writes one value in the form's conventions; unknown and none stay blank.
fn write_value(
    policy: &Policy,
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    ty: &Type,
    v: &Value,
    f: &Formats,
) -> Result<(), XlsxError> {
    match (v, ty) {
        (Value::Unknown | Value::None, _) => {}
        // A figure goes in as a number when a spreadsheet keeps it exactly (15 significant
        // digits, as the reader reads cells back); a longer one as its text, never rounded.
        (Value::Num(n), _) => match super::excel_number(*n) {
            Some(x) => {
                sheet.write_number(row, col, x)?;
            }
            None => {
                sheet.write_string_with_format(row, col, n.normalize().to_string(), &f.text)?;
            }
        },
        (Value::Bool(b), _) => {
            sheet.write_string(row, col, if *b { YES } else { NO })?;
        }
        (Value::Date(d), _) => {
            let day = ExcelDateTime::from_ymd(
                u16::try_from(d.year()).unwrap_or(1900),
                u8::try_from(d.month()).unwrap_or(1),
                u8::try_from(d.day()).unwrap_or(1),
            )?;
            sheet.write_date_with_format(row, col, &day, &f.date)?;
        }
        (Value::List(items), Type::List(inner)) => {
            let text = if items.is_empty() {
                "无".to_string()
            } else {
                items
                    .iter()
                    .map(|i| policy.value_text(i, inner))
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR)
            };
            sheet.write_string_with_format(row, col, text, &f.text)?;
        }
        (other, _) => {
            sheet.write_string_with_format(row, col, policy.value_text(other, ty), &f.text)?;
        }
    }
    Ok(())
}

fn build(policy: &Policy, fill: &[Record]) -> Result<Vec<u8>, XlsxError> {
    let f = formats();
    let u = uses(policy);
    let mut lists = Lists::new()?;
    let mut book = Workbook::new();
    let name_input = policy.name_input.and_then(|i| policy.inputs.get(i));
    let name_of = |r: &Record| -> Option<String> {
        match policy.name_input.and_then(|i| r.values.get(i)) {
            Some(Value::Text(t)) => Some(t.to_string()),
            _ => None,
        }
    };

    // The parks' sheet: one column per input that fits in a cell.
    let mut main = Worksheet::new();
    main.set_name(MAIN_SHEET)?;
    let slots: Vec<usize> = (0..policy.inputs.len())
        .filter(|i| {
            policy
                .inputs
                .get(*i)
                .is_some_and(|d| placement(&d.ty) == Placement::Column)
        })
        .collect();
    let cols: Vec<Col<'_>> = slots
        .iter()
        .filter_map(|i| policy.inputs.get(*i).map(|d| (*i, d)))
        .map(|(i, d)| {
            let mut lines = vec![format!("{}：{}", d.name, type_line(policy, &d.ty))];
            if let Some(r) = range_line(&d.range) {
                lines.push(r);
            }
            lines.push(if d.optional {
                "可不填：不填即“无”".to_string()
            } else {
                "不填即“未知”，不是零".to_string()
            });
            for rule in u.figure_of.get(&i).into_iter().flatten() {
                lines.push(rule_line(rule));
            }
            let others: Vec<String> = u
                .read_by
                .get(&i)
                .into_iter()
                .flatten()
                .map(|r| format!("{} {}", r.article, r.name))
                .collect();
            if !others.is_empty() {
                lines.push(format!("用于：{}", others.join("；")));
            }
            Col {
                header: header_text(policy, &d.name, &d.ty),
                note: lines.join("\n"),
                ty: &d.ty,
                range: d.range,
            }
        })
        .collect();
    lay_out(policy, &mut main, &cols, &f, &mut lists)?;
    for (r, record) in fill.iter().enumerate() {
        let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (j, slot) in slots.iter().enumerate() {
            let (Some(d), Some(v)) = (policy.inputs.get(*slot), record.values.get(*slot)) else {
                continue;
            };
            let col = u16::try_from(j).unwrap_or(u16::MAX);
            write_value(policy, &mut main, (row, col), &d.ty, v, &f)?;
        }
    }
    main.autofilter(
        0,
        0,
        0,
        u16::try_from(cols.len().saturating_sub(1)).unwrap_or(0),
    )?;
    main.set_active(true);
    book.push_worksheet(main);

    // A sheet per list of records and per map, joined to the parks by name.
    let name_header = name_input.map_or_else(String::new, |n| n.name.clone());
    let text = Type::Text;
    for (slot, d) in policy.inputs.iter().enumerate() {
        let mut sheet = Worksheet::new();
        sheet.set_name(&d.name)?;
        let name_col = Col {
            header: name_header.clone(),
            note: format!("{name_header}：与「{MAIN_SHEET}」表中的写法一致"),
            ty: &text,
            range: None,
        };
        match (placement(&d.ty), &d.ty) {
            (Placement::ListSheet, Type::List(inner)) => {
                let Type::Shape(s) = &**inner else { continue };
                let Some(shape) = policy.shapes.get(*s as usize) else {
                    continue;
                };
                let mut name_col = name_col;
                name_col.note = format!(
                    "{}\n每行一个{}；没有{}的园区填一行：名称 + 无；本表中没有行的园区，{}视为“未知”",
                    name_col.note, shape.name, d.name, d.name
                );
                let mut cols = vec![name_col];
                for field in &shape.fields {
                    let mut lines =
                        vec![format!("{}：{}", field.name, type_line(policy, &field.ty))];
                    if field.optional {
                        lines.push("可不填：不填即“无”".into());
                    }
                    cols.push(Col {
                        header: header_text(policy, &field.name, &field.ty),
                        note: lines.join("\n"),
                        ty: &field.ty,
                        range: None,
                    });
                }
                lay_out(policy, &mut sheet, &cols, &f, &mut lists)?;
                let mut row = 1u32;
                for record in fill {
                    let (Some(name), Some(Value::List(items))) =
                        (name_of(record), record.values.get(slot))
                    else {
                        continue;
                    };
                    if items.is_empty() {
                        sheet.write_string_with_format(row, 0, &name, &f.text)?;
                        sheet.write_string_with_format(row, 1, "无", &f.text)?;
                        row += 1;
                    }
                    for item in items.iter() {
                        sheet.write_string_with_format(row, 0, &name, &f.text)?;
                        if let Value::Record(fields) = item {
                            for (j, (fd, v)) in shape.fields.iter().zip(fields.iter()).enumerate() {
                                let col = u16::try_from(j + 1).unwrap_or(u16::MAX);
                                write_value(policy, &mut sheet, (row, col), &fd.ty, v, &f)?;
                            }
                        }
                        row += 1;
                    }
                }
            }
            (Placement::MapSheet, Type::Map(inner)) => {
                let mut keys: Vec<String> = u.keys.get(&slot).cloned().unwrap_or_default();
                for record in fill {
                    if let Some(Value::Map(entries)) = record.values.get(slot) {
                        for (k, _) in entries.iter() {
                            if !keys.iter().any(|x| x.as_str() == &**k) {
                                keys.push(k.to_string());
                            }
                        }
                    }
                }
                let mut name_col = name_col;
                name_col.note = format!("{}\n每个园区一行，每项一列；空格即“未知”", name_col.note);
                let mut cols = vec![name_col];
                for key in &keys {
                    let mut lines = vec![format!("{key}：{}", type_line(policy, inner))];
                    for rule in u
                        .key_figure_of
                        .get(&(slot, key.clone()))
                        .into_iter()
                        .flatten()
                    {
                        lines.push(rule_line(rule));
                    }
                    cols.push(Col {
                        header: header_text(policy, key, inner),
                        note: lines.join("\n"),
                        ty: inner,
                        range: None,
                    });
                }
                lay_out(policy, &mut sheet, &cols, &f, &mut lists)?;
                let mut row = 1u32;
                for record in fill {
                    let (Some(name), Some(Value::Map(entries))) =
                        (name_of(record), record.values.get(slot))
                    else {
                        continue;
                    };
                    sheet.write_string_with_format(row, 0, &name, &f.text)?;
                    for (k, v) in entries.iter() {
                        if let Some(j) = keys.iter().position(|x| x.as_str() == &**k) {
                            let col = u16::try_from(j + 1).unwrap_or(u16::MAX);
                            write_value(policy, &mut sheet, (row, col), inner, v, &f)?;
                        }
                    }
                    row += 1;
                }
            }
            _ => continue,
        }
        book.push_worksheet(sheet);
    }

    book.push_worksheet(help_sheet(policy, &f)?);
    book.push_worksheet(lists.sheet);
    book.save_to_buffer()
}

/// How to fill the form, and every input with its type, unit and sheet.
fn help_sheet(policy: &Policy, f: &Formats) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(HELP_SHEET)?;
    let mut title = policy.meta.title.clone();
    if let Some(v) = &policy.meta.version {
        title = format!("{title}（{v}）");
    }
    sheet.write_string_with_format(0, 0, format!("{title} 申报数据表"), &f.title)?;
    let name = policy
        .name_input
        .and_then(|i| policy.inputs.get(i))
        .map_or("名称", |d| d.name.as_str());
    let example = policy.inputs.iter().find(|d| {
        placement(&d.ty) == Placement::Column
            && super::unit_of(policy, &d.ty).is_some_and(|u| u != "%")
    });
    let units = example.map_or_else(String::new, |d| {
        let unit = super::unit_of(policy, &d.ty).unwrap_or_default();
        format!(
            "带单位的表头（如 {}）按该单位填写数值，也可在单元格中写明单位（如 12.5{unit}），程序精确换算；",
            header_text(policy, &d.name, &d.ty)
        )
    });
    let sides: Vec<String> = policy
        .inputs
        .iter()
        .filter(|d| placement(&d.ty) != Placement::Column)
        .map(|d| format!("「{}」", d.name))
        .collect();
    let mut lines = vec![
        format!("「{MAIN_SHEET}」表每行一个园区，表头即字段名；{units}表头中的单位可改为同量纲的其他单位。"),
        "空格表示“未知”，不是零也不是“否”；可不填的字段空格表示“无”。百分比字段填百分数：55 表示 55%。".to_string(),
        format!("多个值填在一个单元格内，以 {LIST_SEPARATOR} 分隔；没有则填 无。日期填 YYYY-MM-DD 或设置为日期格式。是否字段填 {YES} / {NO}。"),
    ];
    if !sides.is_empty() {
        lines.push(format!(
            "{} 表的第一列「{name}」须与「{MAIN_SHEET}」表中的写法一致；列表类工作表每行一项，没有该项的园区填一行“名称 + 无”，没有行的园区该项视为“未知”；映射类工作表每个园区一行，每项一列。",
            sides.join("、")
        ));
    }
    lines.extend([
        "表头批注列出字段类型、取值范围及所依据的条款与指标原文。".to_string(),
        "运行：jidi eval 政策文件 本表.xlsx；jidi report 政策文件 本表.xlsx -o report.html"
            .to_string(),
    ]);
    for (i, l) in lines.iter().enumerate() {
        sheet.write_string_with_format(u32::try_from(i + 2).unwrap_or(0), 0, l, &f.wrap)?;
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 36)?;
    sheet.set_column_width(2, 12)?;
    sheet.set_column_width(3, 60)?;
    let start = u32::try_from(lines.len() + 3).unwrap_or(0);
    for (j, h) in ["字段", "类型", "工作表", "说明"].iter().enumerate() {
        sheet.write_string_with_format(start, u16::try_from(j).unwrap_or(0), *h, &f.header)?;
    }
    for (i, d) in policy.inputs.iter().enumerate() {
        let row = start + 1 + u32::try_from(i).unwrap_or(0);
        let where_ = match placement(&d.ty) {
            Placement::Column => MAIN_SHEET.to_string(),
            _ => d.name.clone(),
        };
        let mut about = Vec::new();
        if d.optional {
            about.push("可不填".to_string());
        }
        if let Some(r) = range_line(&d.range) {
            about.push(r);
        }
        sheet.write_string(row, 0, header_text(policy, &d.name, &d.ty))?;
        sheet.write_string_with_format(row, 1, type_line(policy, &d.ty), &f.wrap)?;
        sheet.write_string(row, 2, where_)?;
        sheet.write_string(row, 3, about.join("；"))?;
    }
    Ok(sheet)
}
