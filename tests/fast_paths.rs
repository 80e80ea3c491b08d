//! The fast paths give what the full ones give: records read without a JSON tree equal the full
//! reader's, traces reused across records equal fresh judgements, and NDJSON written from a trace
//! is the same bytes as the JSON tree serialised, compact or indented.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::corpus::{self, Options};
use jidi::data::fast::FastReader;
use jidi::data::locate;

fn shipped() -> jidi::check::Policy {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = jidi::Source::read(&root.join("policies/sichuan-2023-draft.jidi")).unwrap();
    jidi::check::check(&source).policy.unwrap()
}

fn corpus_text(policy: &jidi::check::Policy, options: &Options) -> String {
    let mut text = Vec::new();
    corpus::write(policy, options, &mut text).unwrap();
    String::from_utf8(text).unwrap()
}

#[test]
fn clean_records_read_fast_equal_the_full_reader_and_the_rest_fall_back() {
    let policy = shipped();
    let mut fast = FastReader::new(&policy);
    let (mut quick, mut slow) = (0, 0);
    for options in [
        Options {
            seed: 21,
            count: 2000,
            malformed_share: 0.05,
            ..Options::default()
        },
        Options {
            seed: 22,
            count: 500,
            list_len: Some(3),
            missing_share: 0.1,
            ..Options::default()
        },
    ] {
        let text = corpus_text(&policy, &options);
        let source = jidi::Source::new("c.ndjson", text.clone());
        for (n, span) in locate::lines(&text) {
            let full = jidi::data::ndjson_record(&policy, &source, n, span);
            match fast.record(&text[span.start..span.end]) {
                Some((record, name)) => {
                    quick += 1;
                    // Nothing but the undeclared fields the fast reader noted.
                    assert!(
                        full.diagnostics
                            .iter()
                            .all(|d| d.code == "jidi::record::unknown_field")
                            && full.diagnostics.len() == fast.undeclared().len(),
                        "line {}: {:?}",
                        n + 1,
                        full.diagnostics
                    );
                    assert_eq!(Some(&record), full.record.as_ref(), "line {}", n + 1);
                    assert_eq!(name, full.name, "line {}", n + 1);
                }
                None => slow += 1,
            }
        }
    }
    assert!(quick > 2200 && slow > 50, "fast {quick}, full {slow}");
    // What the fast reader must leave to the full one.
    for line in [
        r#"{"名称": "甲", "营业收入": 1, "营业收入": 2}"#,
        r#"{"名称": "甲", "营业收入": 1e2}"#,
        r#"{"名称": "甲", "营业收入": "2万里"}"#,
        r#"{"名称": "甲", "营业收入": -1}"#,
        r#"{"名称": "甲\n"}"#,
        r#"{"名称": "甲", "备注": 1, "备注": 2}"#,
        r#"{"名称": "甲", "备注": {"a": 1, "a": 2}}"#,
        r#"{"名称": "甲", "备注": "a\"b"}"#,
        r#"{"名称": "甲", "备注": 1e3}"#,
        r#"{"名称": "甲", "申报日期": "2024-02-30"}"#,
        // A repeated map key: one the rules read, one they do not, one too long to be kept.
        r#"{"名称": "甲", "定性评价": {"品牌培育情况": "达标", "品牌培育情况": "达标"}}"#,
        r#"{"名称": "甲", "定性评价": {"某项": "达标", "甲": "达标", "某项": "达标"}}"#,
        format!(
            r#"{{"名称": "甲", "定性评价": {{"{0}": "达标", "{0}": "达标"}}}}"#,
            "长".repeat(30)
        )
        .as_str(),
        "\u{feff}{\"名称\": \"甲\"}",
        r#"{"名称": "甲"} x"#,
        r#"["名称"]"#,
    ] {
        assert!(fast.record(line).is_none(), "{line}");
    }
}

/// A record with fields the policy does not declare is read on the fast path, with the same
/// record, the same warnings drawn from the same lines, as the full reader gives.
#[test]
fn undeclared_fields_are_noted_on_the_fast_path_with_the_full_readers_warnings() {
    use jidi::data::stream::{load_line, load_line_fast, Line};
    let policy = shipped();
    let text = corpus_text(
        &policy,
        &Options {
            seed: 24,
            count: 400,
            malformed_share: 0.0,
            ..Options::default()
        },
    );
    // Undeclared fields of every kind of value, at the start, in the middle and at the end;
    // one close to a declared name (`名称x`), so the warning's help suggests it.
    let extras = [
        r#""备注":"a""#,
        r#""名称x": 12.5"#,
        r#""附件" : [1, "二", {"k": [true, null]}]"#,
        r#""联系人":{"姓名":"张三","电话":"028"}"#,
    ];
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(n, body)| {
            let extra = extras[n % extras.len()];
            let raw = match n % 3 {
                0 => body.replacen('{', &format!("{{{extra},"), 1),
                1 => format!("{},{extra}}}", &body[..body.len() - 1]),
                _ => body.replacen(",", &format!(",{extra},"), 1),
            };
            Line {
                n,
                raw: format!("{raw}\n"),
            }
        })
        .collect();
    let mut fast = FastReader::new(&policy);
    let file = jidi::Source::new("c.ndjson", "");
    let mut warned = 0;
    for (i, line) in lines.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| lines.get(p));
        let next = lines.get(i + 1);
        assert!(fast.record(line.body()).is_some(), "line {}", i + 1);
        let quick = load_line_fast(&mut fast, &file, prev, line, next, &policy);
        let full = load_line(&policy, "c.ndjson", prev, line, next);
        assert_eq!(quick.record, full.record, "line {}", i + 1);
        assert_eq!(quick.name, full.name, "line {}", i + 1);
        assert_eq!(quick.index, full.index);
        assert_eq!(quick.source.text(), full.source.text(), "line {}", i + 1);
        assert_eq!(quick.source.first_line(), full.source.first_line());
        let shown = |l: &jidi::data::Loaded| {
            jidi::diag::render(&l.diagnostics, jidi::i18n::Lang::En, false, 100)
        };
        assert_eq!(shown(&quick), shown(&full), "line {}", i + 1);
        assert!(!quick.diagnostics.is_empty());
        warned += quick.diagnostics.len();
    }
    assert_eq!(warned, lines.len());
}

#[test]
fn traces_and_their_ndjson_match_fresh_judgements_and_the_json_tree() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // Every policy with selection rules that ships: tiers, exceptions, bindings, decisions.
    for name in [
        "policies/sichuan-2023-draft.jidi",
        "policies/sichuan-2023-draft.zh.jidi",
        "policies/sichuan-2015.jidi",
        "policies/examples/national-2021.jidi",
        "policies/examples/hunan-stars.jidi",
    ] {
        let source = jidi::Source::read(&root.join(name)).unwrap();
        let policy = jidi::check::check(&source).policy.unwrap();
        let text = corpus_text(
            &policy,
            &Options {
                seed: 23,
                count: 600,
                ..Options::default()
            },
        );
        let source = jidi::Source::new("c.ndjson", text);
        let mut trace = jidi::eval::Trace::new();
        let mut writer = jidi::report::ndjson::NdjsonWriter::new(&policy);
        let mut elements = jidi::report::ndjson::NdjsonWriter::indented(&policy);
        let mut out = Vec::new();
        for loaded in jidi::data::load_source(&policy, &source) {
            let Some(record) = &loaded.record else {
                continue;
            };
            policy.trace(record, &mut trace);
            let judgement = policy.judge(record);
            assert_eq!(trace.judgement(&policy, record), judgement);
            out.clear();
            writer.write(&trace, record, &mut out);
            let tree = jidi::report::json::judgement(&policy, &judgement);
            let want = format!("{tree}\n");
            let at = format!("{name}, record {}", loaded.index + 1);
            assert_eq!(String::from_utf8(out.clone()).unwrap(), want, "{at}");
            // `--format json` writes the element indented: the bytes of the tree pretty-printed.
            out.clear();
            elements.write(&trace, record, &mut out);
            let want = jidi::report::json::indented(&tree);
            assert_eq!(String::from_utf8(out.clone()).unwrap(), want, "{at}");
        }
    }
}

#[test]
fn verdict_lines_written_from_traces_are_the_bytes_of_the_json_value() {
    let policy = shipped();
    let mut trace = jidi::eval::Trace::new();
    let mut writer = jidi::report::verdicts::VerdictsWriter::new(&policy);
    let mut out = Vec::new();
    let mut failed = 0;
    for options in [
        Options {
            seed: 25,
            count: 1500,
            ..Options::default()
        },
        Options {
            seed: 26,
            count: 500,
            list_len: Some(2),
            missing_share: 0.1,
            ..Options::default()
        },
    ] {
        let source = jidi::Source::new("c.ndjson", corpus_text(&policy, &options));
        for loaded in jidi::data::load_source(&policy, &source) {
            let Some(record) = &loaded.record else {
                continue;
            };
            policy.trace(record, &mut trace);
            out.clear();
            writer.write(&trace, record, "c.ndjson", loaded.index, &mut out);
            let judgement = policy.judge(record);
            let place = jidi::report::source_name("c.ndjson", loaded.index);
            let want = jidi::report::verdicts::judgement(&policy, &judgement, &place);
            failed += want["failed"].as_array().map_or(0, Vec::len);
            assert_eq!(
                String::from_utf8(out.clone()).unwrap(),
                format!("{want}\n"),
                "record {}",
                loaded.index + 1
            );
        }
    }
    assert!(failed > 1000, "{failed} failed rules seen");
}

#[test]
fn indenting_compact_json_is_pretty_printing_the_tree() {
    for text in [
        r#"{"a":[],"b":{},"c":[1,{"d":"x,y:{z}[\"]\\"}],"e":null}"#,
        r#"[[[]],{"k":[{}]}]"#,
        r#""just a string""#,
    ] {
        let tree: serde_json::Value = serde_json::from_str(text).unwrap();
        let compact = serde_json::to_vec(&tree).unwrap();
        let mut pretty = b"  ".to_vec();
        jidi::report::json::Indenter::element().push(&compact, &mut pretty);
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            jidi::report::json::indented(&tree),
            "{text}"
        );
    }
}

/// The fast reader shares the texts records repeat: a map key the rules read is the compiled
/// program's own text (found by pointer when judging), and the same key or value in two records
/// is one allocation; the record's name is its own.
#[test]
fn repeated_texts_are_shared_and_map_keys_are_the_programs() {
    use jidi::value::Value;
    use std::sync::Arc;
    let policy = shipped();
    let program_keys: Vec<Arc<str>> = policy.compiled.map_keys(&policy).cloned().collect();
    assert!(!program_keys.is_empty());
    let text = corpus_text(
        &policy,
        &Options {
            seed: 5,
            count: 40,
            malformed_share: 0.0,
            missing_share: 0.0,
            ..Options::default()
        },
    );
    let mut fast = FastReader::new(&policy);
    let records: Vec<_> = text.lines().filter_map(|l| fast.record(l)).collect();
    assert!(records.len() > 30);
    let maps = |r: &jidi::value::Record| -> Vec<Arc<str>> {
        r.values
            .iter()
            .filter_map(|v| match v {
                Value::Map(entries) => Some(entries.iter().map(|(k, _)| Arc::clone(k))),
                _ => None,
            })
            .flatten()
            .collect()
    };
    let mut shared = 0;
    for (record, _) in &records {
        for key in maps(record) {
            if let Some(own) = program_keys.iter().find(|k| **k == key) {
                assert!(
                    Arc::ptr_eq(own, &key),
                    "{key} is a copy of the program's key"
                );
                shared += 1;
            }
        }
    }
    assert!(shared > 100, "{shared} keys shared");
    let name = policy.name_input.unwrap();
    let text_of = |r: &jidi::value::Record, i: usize| match &r.values[i] {
        Value::Text(t) => Some(Arc::clone(t)),
        _ => None,
    };
    let (a, b) = (&records[0].0, &records[1].0);
    assert!(!Arc::ptr_eq(
        &text_of(a, name).unwrap(),
        &text_of(b, name).unwrap()
    ));
    // Another text input repeated across records is one text.
    let repeated = (0..policy.inputs.len()).filter(|&i| i != name).any(|i| {
        records.iter().any(|(r, _)| {
            records
                .iter()
                .any(|(s, _)| match (text_of(r, i), text_of(s, i)) {
                    (Some(x), Some(y)) => !std::ptr::eq(r, s) && x == y && Arc::ptr_eq(&x, &y),
                    _ => false,
                })
        })
    });
    assert!(repeated);
}

/// A field of an event out of its declared range is the full reader's to refuse, as an input out
/// of range is; one within it is read fast, equal to the full reader's.
#[test]
fn an_event_field_out_of_its_range_is_left_to_the_full_reader() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("policies/sichuan-2023-draft.jidi")).unwrap();
    let field = "  整改完成日期: date optional  // absent: not yet rectified (records.md)\n";
    assert!(text.contains(field));
    let text = text.replacen(field, &format!("{field}  完成比例: % range 0..100\n"), 1);
    let source = jidi::Source::new("ranged.jidi", text);
    let policy = jidi::check::check(&source).policy.unwrap();
    let mut fast = FastReader::new(&policy);
    let line = |share: &str| {
        format!(
            r#"{{"名称":"甲","事件":[{{"类型":"生产安全事故","级别":"一般","日期":"2023-01-01","整改期限":"2023-06-01","完成比例":{share}}}]}}"#
        )
    };
    for (share, inside) in [("50", true), ("100", true), ("150", false), ("-1", false)] {
        let line = line(share);
        let records = jidi::Source::new("r.ndjson", line.clone());
        let full =
            jidi::data::ndjson_record(&policy, &records, 0, jidi::source::Span::new(0, line.len()));
        assert_eq!(
            full.record.is_some(),
            inside,
            "{share}: {:?}",
            full.diagnostics
        );
        match fast.record(&line) {
            Some((record, _)) => {
                assert!(inside, "{share} read fast, but the full reader refuses it");
                assert_eq!(Some(&record), full.record.as_ref());
            }
            None => assert!(!inside, "{share} is within range and clean"),
        }
    }
}

/// What the fast reader makes of `line`, checked against the full reader: a record read fast is
/// the full reader's, to the digits written (`Debug` shows a decimal's scale), with its name and
/// nothing but the undeclared fields the fast reader noted. Whether it was read fast.
fn agrees_with_the_full_reader(
    policy: &jidi::check::Policy,
    fast: &mut FastReader<'_>,
    line: &str,
) -> bool {
    let source = jidi::Source::new("p.ndjson", line.to_string());
    let full =
        jidi::data::ndjson_record(policy, &source, 0, jidi::source::Span::new(0, line.len()));
    let Some((record, name)) = fast.record(line) else {
        return false;
    };
    let only_undeclared = full
        .diagnostics
        .iter()
        .all(|d| d.code == "jidi::record::unknown_field");
    assert!(
        only_undeclared && full.diagnostics.len() == fast.undeclared().len(),
        "{line}: {:?}",
        full.diagnostics
    );
    assert_eq!(
        format!("{:?}", Some(&record)),
        format!("{:?}", full.record.as_ref()),
        "{line}"
    );
    assert_eq!(name, full.name, "{line}");
    true
}

/// Values of every kind the reader meets, clean and not: escapes, surrogate pairs, exponents,
/// negative zero, long and huge numbers, out-of-range figures, units, spaced enumeration texts,
/// impossible dates, repeated keys in maps and events, nested events, stray literals.
const VALUES: &[&str] = &[
    "0",
    "-0",
    "-0.0",
    "0.0",
    "1",
    "261.74",
    "1.50",
    "-1",
    "-12.5",
    "100",
    "100.0001",
    "1e2",
    "1E-2",
    "01",
    "1.",
    ".5",
    "+1",
    "-",
    "123456789012345678",
    "1234567890123456789",
    "-999999999999999999",
    "12345678901234567890123456789",
    "123456789012345678901234567890",
    "0.000000000000000001",
    "0.0000000000000000000000000001",
    "1.00000000000000000001",
    r#""""#,
    r#""达标""#,
    r#"" 达标 ""#,
    r#""未达标""#,
    r#""a\"b""#,
    r#""\u8fbe\u6807""#,
    r#""\ud83d\ude00""#,
    r#""😀""#,
    "\"\t\"",
    r#""2024-02-29""#,
    r#""2023-02-29""#,
    r#""2023-1-01""#,
    r#"" 2023-01-01""#,
    r#""2023-01-01""#,
    r#""2153000万元""#,
    r#""55%""#,
    r#"" 55 % ""#,
    r#""-3.50%""#,
    r#""1,260.5万元""#,
    r#""12.5斤""#,
    r#""1e2%""#,
    r#""79228162514264337593543950335万元""#,
    r#""%""#,
    r#""万元""#,
    r#""36.98％""#,
    r#""1,00万元""#,
    r#""12\u4e07\u5143""#,
    r#""0.5 亿元""#,
    r#""1,260""#,
    r#""-0""#,
    r#""true""#,
    r#""是""#,
    r#""否""#,
    r#""国家""#,
    r#""II""#,
    r#""Ⅱ""#,
    r#""示范基地""#,
    r#""产业基地""#,
    r#""推荐文件""#,
    r#""t1""#,
    r#""医药健康""#,
    "true",
    "false",
    "null",
    "nul",
    "tru",
    "[]",
    r#"["推荐文件","申报书"]"#,
    r#"[ "推荐文件" , null ]"#,
    "[1,2]",
    r#"["推荐文件",]"#,
    "{}",
    r#"{"品牌培育情况":"达标"}"#,
    r#"{"品牌培育情况":"达标","品牌培育情况":"达标"}"#,
    r#"{"质量体系建设情况":"未达标", "品牌培育情况" : "达标"}"#,
    r#"{"某项":"达标","甲":null}"#,
    r#"[{"类型":"生产安全事故","级别":"一般","日期":"2023-01-01","整改期限":"2023-06-01"}]"#,
    r#"[{"级别":"II","类型":"督查问题","整改期限":"2023-06-01","日期":"2023-01-01","整改完成日期":null}]"#,
    r#"[{"类型":"生产安全事故","类型":"督查问题"}]"#,
    r#"[{"类型":"生产安全事故","备注":1}]"#,
    r#"[{"类型":"生产安全事故"},{"类型":"弄虚作假","级别":"特别重大"}]"#,
    r#"[[{"类型":"督查问题"}]]"#,
    r#"{"a":[1,{"b":[true,null,"x"]}]}"#,
    r#"{"a":1,"a":2}"#,
];

/// Keys: the shipped policy's inputs, undeclared ones, and names written with escapes or spaces.
fn keys(policy: &jidi::check::Policy) -> Vec<String> {
    let mut keys: Vec<String> = policy
        .inputs
        .iter()
        .map(|i| format!("{:?}", i.name))
        .collect();
    keys.extend(
        [
            r#""备注""#,
            r#""名称x""#,
            r#""\u540d称""#,
            r#""名称 ""#,
            r#""""#,
            r#""营业收入\"""#,
        ]
        .map(String::from),
    );
    keys
}

/// A line of fields drawn from `keys` and [`VALUES`] by index, joined by `gaps`, around `ends`.
fn line_of(
    keys: &[String],
    fields: &[(usize, usize)],
    gaps: &[&str],
    ends: (&str, &str),
) -> String {
    let gap = |i: usize| gaps[i % gaps.len()];
    let body: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, (k, v))| {
            format!(
                "{}{}{}:{}{}",
                gap(i),
                keys[k % keys.len()],
                gap(i + 1),
                gap(i + 2),
                VALUES[v % VALUES.len()]
            )
        })
        .collect();
    format!("{}{{{}}}{}", ends.0, body.join(","), ends.1)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
        std::env::var("FAST_READER_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
    ))]

    /// Generated lines, several read in turn by one reader (its buffers and remembered keys
    /// carried from line to line): whatever it reads fast is what the full reader reads.
    #[test]
    fn generated_lines_read_fast_equal_the_full_reader(
        lines in proptest::collection::vec(
            (
                proptest::collection::vec((0usize..200, 0usize..200), 0..24),
                proptest::sample::select(vec![vec![""], vec![" "], vec!["", "\t", " "], vec!["\r", ""]]),
                proptest::sample::select(vec![("", ""), (" ", "  "), ("\u{feff}", ""), ("", " x"), ("", ",")]),
            ),
            1..6,
        )
    ) {
        let policy = shipped();
        let keys = keys(&policy);
        let mut fast = FastReader::new(&policy);
        for (fields, gaps, ends) in &lines {
            agrees_with_the_full_reader(&policy, &mut fast, &line_of(&keys, fields, gaps, *ends));
        }
    }
}

/// Corpus lines with one field's value replaced by each of [`VALUES`], read by one reader in turn:
/// every record read fast is the full reader's, and the clean edges are read fast.
#[test]
fn corpus_lines_with_edge_values_read_fast_equal_the_full_reader() {
    let policy = shipped();
    let text = corpus_text(
        &policy,
        &Options {
            seed: 27,
            count: 60,
            malformed_share: 0.0,
            ..Options::default()
        },
    );
    let mut fast = FastReader::new(&policy);
    let mut quick = 0;
    let fields = [
        "\"营业收入\":",
        "\"领域\":",
        "\"申报日期\":",
        "\"定性评价\":",
        "\"事件\":",
        "\"材料\":",
    ];
    for (n, line) in text.lines().enumerate() {
        for field in fields {
            let Some(at) = line.find(field) else { continue };
            let start = at + field.len();
            // The value ends at the next field (corpus lines are compact, keys come after `,"`).
            let end = line[start..]
                .find(",\"")
                .filter(|_| !matches!(field, "\"定性评价\":" | "\"事件\":" | "\"材料\":"))
                .map_or_else(|| closing(line, start), |e| start + e);
            let value = VALUES[n % VALUES.len()];
            let edited = format!("{}{}{}", &line[..start], value, &line[end..]);
            quick += usize::from(agrees_with_the_full_reader(&policy, &mut fast, &edited));
            let spaced = edited.replace(",\"", " ,\t\"").replace("\":", "\" : ");
            quick += usize::from(agrees_with_the_full_reader(&policy, &mut fast, &spaced));
        }
    }
    assert!(quick > 40, "{quick} read fast");
    for line in [
        r#"{"名称":"甲","营业收入":-0}"#,
        r#"{"名称":"甲","营业收入":-0.00}"#,
        r#"{"名称":"甲","营业收入":1.50,"研发投入强度":100}"#,
        r#"{"名称":"甲","营业收入":123456789012345678901234567}"#,
        r#"{"名称":"😀甲","领域":" 医药健康 ","事件":[]}"#,
        r#"{"名称":"甲","定性评价":{"品牌培育情况":"达标","某项":"未达标"}}"#,
        r#"{"名称":"甲","定性评价":{"某项":"未达标","品牌培育情况":"达标"}}"#,
        r#"{"名称":"甲","事件":[{"级别":"II","类型":"督查问题","日期":"2023-01-01","整改期限":"2023-06-01"}]}"#,
        " {\"名称\" :\t\"甲\" } ",
        "{}",
    ] {
        assert!(
            agrees_with_the_full_reader(&policy, &mut fast, line),
            "{line} is read fast"
        );
    }
    for line in [
        r#"{"名称":"甲","营业收入":-0.01}"#,
        r#"{"名称":"甲","研发投入强度":100.01}"#,
        r#"{"名称":"\u7532"}"#,
        r#"{"\u540d称":"甲"}"#,
        r#"{"名称":"甲","营业收入":1.0E2}"#,
        r#"{"名称":"甲","定性评价":{"某项":"达标","某项":"未达标"}}"#,
        r#"{"名称":"甲","事件":[{"类型":"督查问题","类型":"督查问题"}]}"#,
    ] {
        assert!(
            !agrees_with_the_full_reader(&policy, &mut fast, line),
            "{line} falls back"
        );
    }
}

/// Where the bracketed value starting at `start` closes (just after its `]` or `}`); corpus values
/// hold no brackets inside their strings.
fn closing(line: &str, start: usize) -> usize {
    let mut depth = 0i32;
    for (i, b) in line.bytes().enumerate().skip(start) {
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth <= 0 {
                    return i + usize::from(depth == 0);
                }
            }
            b',' if depth == 0 => return i,
            _ => {}
        }
    }
    line.len() - 1
}
