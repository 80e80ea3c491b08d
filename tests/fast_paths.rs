//! The fast paths give what the full ones give: records read without a JSON tree equal the full
//! reader's, traces reused across records equal fresh judgements, and NDJSON written from a trace
//! is the same bytes as the JSON tree serialised.
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
                    assert!(
                        full.diagnostics.is_empty(),
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
        r#"{"名称": "甲", "备注": 1}"#,
        r#"{"名称": "甲", "申报日期": "2024-02-30"}"#,
        "\u{feff}{\"名称\": \"甲\"}",
        r#"{"名称": "甲"} x"#,
        r#"["名称"]"#,
    ] {
        assert!(fast.record(line).is_none(), "{line}");
    }
}

#[test]
fn traces_and_their_ndjson_match_fresh_judgements_and_the_json_tree() {
    let policy = shipped();
    let text = corpus_text(
        &policy,
        &Options {
            seed: 23,
            count: 1500,
            ..Options::default()
        },
    );
    let source = jidi::Source::new("c.ndjson", text);
    let mut trace = jidi::eval::Trace::new();
    let mut writer = jidi::report::ndjson::NdjsonWriter::new(&policy);
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
        let want = format!("{}\n", jidi::report::json::judgement(&policy, &judgement));
        assert_eq!(
            String::from_utf8(out.clone()).unwrap(),
            want,
            "record {}",
            loaded.index + 1
        );
    }
}
