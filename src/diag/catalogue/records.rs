//! The catalogue's entries for reading records: files, formats, fields and spreadsheets.

catalogue! {
    /// Where in a record a problem is.
    record {
        text numbered(n) "record {n}" "第 {n} 条记录";
        text numbered_named(n, name) "record {n} ({name})" "第 {n} 条记录（{name}）";
        text in_field(who, field, problem) "{who}, field {field}: {problem}" "{who}，字段 {field}：{problem}";
        text at_cell(at, header, problem) "{at} {header}: {problem}" "{at} {header}：{problem}";
        text at_row(at, problem) "{at}: {problem}" "{at}：{problem}";
        text this_field() "this field" "该字段";
        text not_read() "not read" "未读取";
    }

    /// A file that cannot be read.
    unreadable = "jidi::record::unreadable" Error {
        message cannot_list(folder, why) "cannot list the folder {folder}: {why}" "无法列出文件夹 {folder}：{why}";
        message cannot_read(file, why) "cannot read {file}: {why}" "无法读取 {file}：{why}";
        message not_a_workbook(file, why) "{file} is not a readable workbook: {why}" "{file} 不是可读取的工作簿：{why}";
        message sheet_unreadable(file, sheet, why) "{file}: sheet `{sheet}` cannot be read: {why}" "{file}：无法读取工作表 `{sheet}`：{why}";
        text check_path() "check the path and its permissions" "请检查路径及其权限";
        text check_sheet_path() "check the path, and that the file is an .xlsx, .ods or .csv file" "请检查路径，以及文件是否为 .xlsx、.ods 或 .csv 文件";
        text save_as() "save the file as UTF-8 JSON, NDJSON, TOML or YAML, or as a spreadsheet" "请将文件保存为 UTF-8 编码的 JSON、NDJSON、TOML 或 YAML，或保存为电子表格";
    }

    /// A record file that does not parse.
    record_syntax = "jidi::record::syntax" Error {
        message no_record() "the file holds no record" "文件中没有记录";
        text what_a_file_holds() "a record file holds one record, a JSON array of records, or one JSON record per line" "记录文件可包含一条记录、一个记录的 JSON 数组，或每行一条 JSON 记录";
        message not_toml(why) "not valid TOML: {why}" "不是有效的 TOML：{why}";
        message not_yaml(why) "not valid YAML: {why}" "不是有效的 YAML：{why}";
        message not_json(why) "not valid JSON: {why}" "不是有效的 JSON：{why}";
        text fix_syntax() "fix the file's syntax; the other files are still evaluated" "请修正文件的语法；其他文件照常评价";
        message line_not_json(line, why) "line {line} is not valid JSON: {why}" "第 {line} 行不是有效的 JSON：{why}";
        text ndjson_line() "each line of an NDJSON file is one JSON record" "NDJSON 文件每行是一条 JSON 记录";
        message not_an_object(who) "{who}: a record must be an object of fields" "{who}：记录须为由字段组成的对象";
        text not_object() "not an object" "不是对象";
        text write_record() "write a record as { \"名称\": …, \"申报类型\": … }" "记录请写作 { \"名称\": …, \"申报类型\": … }";
        message quote_never_closed(file, line) "{file}, line {line}: a quoted field is never closed" "{file} 第 {line} 行：带引号的字段没有闭合";
        text no_closing_quote() "this quote has no closing quote" "此引号没有对应的右引号";
        text close_quote() "close the field's quote (a quote inside a field is written twice, \"\"); the other files are still evaluated" "请补上该字段的右引号（字段内的引号写作两个 \"\"）；其他文件照常评价";
        message not_csv(file, line, why) "{file}, line {line}: not valid CSV: {why}" "{file} 第 {line} 行：不是有效的 CSV：{why}";
        text fix_quoting() "fix the file's quoting; the other files are still evaluated" "请修正文件中的引号；其他文件照常评价";
        message key_two_columns(at, header, key) "{at} {header}: `{key}` has two columns" "{at} {header}：`{key}` 有两列";
        text one_column_per_key() "keep one column per key" "每个键只保留一列";
        message field_two_columns(at, header, field, other) "{at} {header}: {field} has two columns (the other is {other})" "{at} {header}：{field} 有两列（另一列为 {other}）";
        text one_column_per_field() "keep one column per field" "每个字段只保留一列";
        message no_sheet(file) "{file}: no sheet of parks" "{file}：没有园区工作表";
        text first_sheet() "the first visible sheet holds one park per row, with the fields as headers" "第一个可见工作表每行一个园区，表头为字段名";
        message empty_sheet(file, sheet) "{file}: sheet `{sheet}` is empty" "{file}：工作表 `{sheet}` 为空";
        text first_row() "the first row holds the fields' names, then one park per row" "第一行为字段名，之后每行一个园区";
        message no_name_input(file, sheet) "{file}: sheet `{sheet}` cannot be joined: the policy has no name input" "{file}：工作表 `{sheet}` 无法关联：政策文件没有名称字段";
        text declare_name_input() "declare an input of type `name` to join sheets by" "请声明一个 `name` 类型的字段，用来关联各工作表";
        message no_name_column(file, sheet, column) "{file}: sheet `{sheet}` has no column {column} to join its rows to the parks" "{file}：工作表 `{sheet}` 没有 {column} 列，无法把各行关联到园区";
        text add_name_column(column) "add a column headed {column} naming each row's park" "请添加表头为 {column} 的一列，写明每行所属园区";
    }

    /// A field of the wrong type.
    record_type = "jidi::record::type" Error {
        text expected_text(found) "expected text, found {found}" "此处应为文本，实际为 {found}";
        text quote_text() "write the text in quotes" "文本请加引号";
        text expected_bool(found) "expected true or false, found {found}" "此处应为 `true` 或 `false`，实际为 {found}";
        text write_bool() "write true or false (是 / 否 are accepted)" "请写 `true` 或 `false`（也可写 是 / 否）";
        text not_a_date(text) "`{text}` is not a date" "`{text}` 不是日期";
        text write_date() "write dates as YYYY-MM-DD, e.g. 2024-03-15" "日期请写作 YYYY-MM-DD，如 2024-03-15";
        text expected_date(found) "expected a date, found {found}" "此处应为日期，实际为 {found}";
        text write_quoted_date() "write dates as \"YYYY-MM-DD\"" "日期请写作 \"YYYY-MM-DD\"";
        text unknown_enumeration() "unknown enumeration" "未知枚举";
        text expected_one_of(values, found) "expected one of {values}, found {found}" "此处应为 {values} 之一，实际为 {found}";
        text write_value_as_text() "write the value as text" "取值请写成文本";
        text expected_tier(found) "expected a tier, found {found}" "此处应为类别，实际为 {found}";
        text write_one_of(values) "write one of: {values}" "请写其中之一：{values}";
        text expected_list(found) "expected a list, found {found}" "此处应为列表，实际为 {found}";
        text write_list() "write a list in [ … ]" "列表请写在 [ … ] 中";
        text expected_map(found) "expected a map, found {found}" "此处应为映射，实际为 {found}";
        text write_map() "write a map in { … }" "映射请写在 { … } 中";
        text unknown_shape() "unknown record shape" "未知记录结构";
        text expected_record(shape, found) "expected a {shape} record, found {found}" "此处应为 {shape} 记录，实际为 {found}";
        text write_record() "write the record in { … }" "记录请写在 { … } 中";
        text no_field(shape, field) "{shape} has no field `{field}`" "{shape} 没有字段 `{field}`";
        text fields_are(shape, fields) "the fields of {shape} are: {fields}" "{shape} 的字段为：{fields}";
        text not_readable_type() "this type cannot be read from a record" "该类型不能从记录中读取";
        text a_list() "a list" "列表";
        text a_map() "a map" "映射";
        text not_representable(number) "`{number}` is not a representable number" "`{number}` 超出可精确表示的范围";
        text exact_decimals() "numbers are exact decimals with at most 28 significant digits" "数为精确十进制数，最多 28 位有效数字";
        text not_a_number(text) "`{text}` is not a number" "`{text}` 不是数";
        text not_a_number_in(text, unit) "`{text}` is not a number in {unit}" "`{text}` 不是以 {unit} 计的数";
        text write_number_or_unit(example) "write a number, or a number with its unit such as \"{example}\"" "请写一个数，或带单位的数，如 \"{example}\"";
        text write_number_in_or_unit(unit, example) "write a number in {unit}, or a number with its unit such as \"{example}\"" "请写一个以 {unit} 计的数，或带单位的数，如 \"{example}\"";
        text overflows(text, unit) "`{text}` overflows when converted to {unit}" "`{text}` 换算为 {unit} 时溢出";
        text smaller_figure() "use a smaller figure" "请使用更小的数值";
        text expected_number(found) "expected a number, found {found}" "此处应为数，实际为 {found}";
        text expected_number_in(unit, found) "expected a number in {unit}, found {found}" "此处应为以 {unit} 计的数，实际为 {found}";
        text write_number() "write a number" "请写一个数";
        text write_number_in(unit) "write a number in {unit}" "请写一个以 {unit} 计的数";
        text cell_error_value(value) "the cell holds the error value {value}" "单元格中是错误值 {value}";
        text cell_not_number_in(text, unit) "`{text}` is not a number in {unit}" "`{text}` 不是以 {unit} 计的数";
        text cell_number_not_date(text) "`{text}` is a number, not a date: format the cell as a date, or write YYYY-MM-DD" "`{text}` 是数而不是日期：请把单元格格式设为日期，或写作 YYYY-MM-DD";
        text not_in_one_cell() "this field cannot be written in one cell" "该字段不能写在一个单元格中";
        text not_a_percentage(text) "`{text}` is not a representable percentage" "`{text}` 不是可表示的百分数";
        text fix_cell() "fix the cell as the header says; the other parks are still evaluated" "请按表头要求修正该单元格；其他园区照常评价";
    }

    /// A figure in a unit that cannot be converted to the field's.
    record_unit = "jidi::record::unit" Error {
        text unknown_unit(unit) "`{unit}` is not a unit this policy knows" "`{unit}` 不是本政策文件中的单位";
        text write_figure_or_declared() "write the figure, or in a declared unit of the same dimension" "请写数值，或使用已声明的同量纲单位";
        text write_figure_in_or_declared(unit) "write the figure in {unit}, or in a declared unit of the same dimension" "请写以 {unit} 计的数值，或使用已声明的同量纲单位";
        text cannot_convert(given, unit) "`{given}` cannot be converted to {unit}" "`{given}` 无法换算为 {unit}";
        text write_figure() "write the figure" "请写数值";
        text write_figure_in(unit) "write the figure in {unit}" "请写以 {unit} 计的数值";
        text percentage_cell(shown, unit) "the cell is formatted as a percentage (it shows {shown}%), but the field is in {unit}" "单元格格式为百分比（显示为 {shown}%），但该字段以 {unit} 计";
        text percentage_cell_plain(shown) "the cell is formatted as a percentage (it shows {shown}%), but the field is in plain numbers" "单元格格式为百分比（显示为 {shown}%），但该字段为不带单位的数";
        text type_in_unit() "type the figure in the field's unit and format the cell as a number, not a percentage" "请按该字段的单位填写数值，并将单元格格式设为数值而非百分比";
        text write_unit_as_declared() "write the unit as the policy declares it" "请按政策文件声明的写法写单位";
        text write_in_one_of(units) "write the figures in one of: {units}" "请用以下单位之一填写数值：{units}";
    }

    /// Text that is not a value of the field's enumeration or tier.
    unknown_value = "jidi::record::unknown_value" Error {
        text not_a_value(text, enumeration) "`{text}` is not a value of {enumeration}" "`{text}` 不是 {enumeration} 的取值";
        text did_you_mean_value(value, enumeration, values) "did you mean `{value}`? the values of {enumeration} are: {values}" "是否想写 `{value}`？{enumeration} 的取值为：{values}";
        text values_are(enumeration, values) "the values of {enumeration} are: {values}" "{enumeration} 的取值为：{values}";
        text not_a_tier(text) "`{text}` is not a tier of this policy" "`{text}` 不是本政策文件的类别";
    }

    /// A figure outside the declared range.
    out_of_range = "jidi::record::out_of_range" Error {
        text outside_field_range(value, low, high, field) "{value} is outside the range {low}..{high} of {field}" "{value} 超出 {field} 的取值范围 {low}..{high}";
        text outside_input_range(value, low, high, input) "{value} is outside the range {low}..{high} declared for {input}" "{value} 超出 {input} 声明的取值范围 {low}..{high}";
        text check_figure_unit() "check the figure and its unit" "请检查数值及其单位";
        text check_against_form() "check the figure against the record's form" "请对照申报表核对该数值";
    }

    /// A figure with more digits than an exact decimal holds.
    too_many_digits = "jidi::record::too_many_digits" Error {
        text more_digits(text) "`{text}` has more digits than an exact decimal holds" "`{text}` 的位数超出精确十进制数的范围";
    }

    /// A comma in a figure that is not a thousands separator.
    separator = "jidi::record::separator" Error {
        text only_thousands(text) "`{text}`: a comma in a figure may only separate thousands (1,260 or 12,605.5)" "`{text}`：数值中的逗号只能用作千位分隔符（如 1,260 或 12,605.5）";
        text decimal_point() "write the decimal point as `.` (1260.5), and commas only between groups of three digits" "小数点请写作 `.`（如 1260.5），逗号只能用作千位分隔符（每三位一组）";
    }

    /// A key written twice.
    duplicate_key = "jidi::record::duplicate_key" Error {
        text written_twice(key) "`{key}` is written more than once" "`{key}` 写了不止一次";
        text written_again() "written again here" "此处再次写出";
        text keep_one(key) "keep one `{key}`: which value is meant cannot be told, so the record is not evaluated" "只保留一个 `{key}`：无法判断应取哪个值，因此该记录未被评价";
    }

    /// A field or sheet this policy does not read.
    unknown_field = "jidi::record::unknown_field" Warning {
        message not_an_input(who, field) "{who}: field `{field}` is not an input of this policy" "{who}：字段 `{field}` 不是本政策文件的字段";
        text did_you_mean_field(name) "did you mean `{name}`? the field is ignored" "是否想写 `{name}`？该字段已忽略";
        text ignored() "this policy does not read it; it is ignored" "本政策不读取它；已忽略";
        message sheet_not_read(file, sheet) "{file}: sheet `{sheet}` is not read" "{file}：未读取工作表 `{sheet}`";
        text did_you_mean_sheet(name) "did you mean `{name}`? a list or map sheet is named after its input" "是否想写 `{name}`？列表或映射工作表以其字段命名";
        message not_a_column(at, header) "{at} {header}: not a field of this policy" "{at} {header}：不是本政策文件的字段";
        text own_sheet(input) "{input} goes on a sheet of its own named `{input}`; the column is ignored" "{input} 应放在名为 `{input}` 的单独工作表中；该列已忽略";
        text did_you_mean_column(name) "did you mean `{name}`? the column is ignored" "是否想写 `{name}`？该列已忽略";
        text column_ignored() "this policy does not read it; the column is ignored" "本政策不读取它；该列已忽略";
    }

    /// Rows of a sheet that cannot be joined to the parks.
    join = "jidi::record::join" Error {
        message name_twice(at, name, row, sheets) "{at}: the name `{name}` is also on row {row}, so the rows of {sheets} cannot be joined to it" "{at}：名称 `{name}` 也出现在第 {row} 行，因此 {sheets} 的行无法关联到它";
        text own_name() "give every park its own name" "请为每个园区取不同的名称";
        message names_no_park(at, sheet) "{at}: a row of {sheet} names no park" "{at}：{sheet} 的某行没有写园区名称";
        text write_park_name(column) "write the park's name in the column {column}, as on the parks' sheet" "请在 {column} 列写园区名称，与园区工作表一致";
        message no_park_named(at, name, sheet) "{at}: no park named `{name}` on the sheet {sheet}" "{at}：工作表 {sheet} 中没有名为 `{name}` 的园区";
        text as_on_sheet(sheet) "the name must be written as on the sheet {sheet}" "名称须与工作表 {sheet} 中的写法一致";
        message already_has_row(at, name, sheet, row) "{at}: `{name}` already has a row of {sheet} (row {row})" "{at}：`{name}` 在 {sheet} 中已有一行（第 {row} 行）";
        text one_row_per_park() "keep one row per park on a map sheet" "映射工作表中每个园区只保留一行";
    }

    /// The workbook template could not be written.
    template = "jidi::template" Error {
        message cannot_write(why) "cannot write the workbook: {why}" "无法生成工作簿：{why}";
        text report_bug() "this is a bug in jidi's template writer; please report it" "这是 jidi 模板生成的缺陷，请报告";
    }
}
