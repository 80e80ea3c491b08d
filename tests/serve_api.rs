//! The HTTP API of `jidi serve` (shared/spec/http.md) with a real client against the server on an
//! ephemeral port: every endpoint, bad inputs answered with 4xx JSON errors, and results equal
//! byte for byte to what the command line prints for the same input.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests fail by panicking

#[path = "support/server.rs"]
mod server;

use serde_json::Value as Json;
use server::{multipart, root, Server};
use std::io::Read;
use std::process::Command;

const NEW: &str = "policies/sichuan-2023-draft.jidi";
const OLD: &str = "policies/sichuan-2015.jidi";

/// An answer: status, content type, body.
struct Answer {
    status: u16,
    media: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }
    fn json(&self) -> Json {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("JSON: {e}: {}", self.text()))
    }
    /// The error code of a 4xx answer, checking its shape.
    fn error(&self) -> String {
        assert!(
            (400..500).contains(&self.status),
            "{} {}",
            self.status,
            self.text()
        );
        assert!(self.media.starts_with("application/json"), "{}", self.media);
        let j = self.json();
        assert!(j["error"]["message"].is_string(), "{j}");
        j["error"]["code"].as_str().expect("a code").to_string()
    }
}

fn call(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Answer {
    let mut req = ureq::request(method, url);
    for (k, v) in headers {
        req = req.set(k, v);
    }
    let result = match body {
        Some(b) => req.send_bytes(b),
        None => req.call(),
    };
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: no answer: {e}"),
    };
    let status = response.status();
    let media = response.content_type().to_string();
    let mut body = Vec::new();
    response.into_reader().read_to_end(&mut body).unwrap();
    Answer {
        status,
        media,
        body,
    }
}

fn get(url: &str) -> Answer {
    call("GET", url, &[], None)
}

fn post(url: &str, media: &str, body: &[u8]) -> Answer {
    call("POST", url, &[("Content-Type", media)], Some(body))
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

/// What the command line prints (standard output) for the same input.
fn cli(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_jidi"))
        .args(args)
        .current_dir(root())
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

fn files_under(dir: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["json", "toml", "yaml", "ndjson"].contains(&e))
        })
        .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_str().unwrap()))
        .collect();
    out.sort();
    out
}

fn both() -> Server {
    Server::start(&[NEW, OLD])
}

#[test]
fn policies_are_listed_by_file_stem_with_measure_version_and_path() {
    let s = both();
    let a = get(&s.at("/api/v1/policies"));
    assert_eq!(a.status, 200);
    let list = a.json();
    assert_eq!(list[0]["id"], "sichuan-2023-draft");
    assert_eq!(
        list[0]["measure"],
        "四川省新型工业化产业示范基地服务促进办法"
    );
    assert_eq!(list[0]["version"], "2023 征求意见稿");
    assert_eq!(list[0]["path"], NEW);
    assert_eq!(list[1]["id"], "sichuan-2015");
}

#[test]
fn eval_answers_exactly_what_the_command_line_prints_for_each_record_format() {
    let s = both();
    let url = s.at("/api/v1/eval?policy=sichuan-2023-draft");
    for (file, media) in [
        ("examples/01-成都电子信息示范.json", "application/json"),
        (
            "examples/10-自贡装备制造示范-事故超三年.toml",
            "application/toml",
        ),
        (
            "examples/12-南充能源化工产业-非欠发达县域.yaml",
            "application/yaml",
        ),
        ("examples/batch.ndjson", "application/x-ndjson"),
    ] {
        let a = post(&format!("{url}&name={file}"), media, &read(file));
        assert_eq!(a.status, 200, "{file}: {}", a.text());
        assert!(a.media.starts_with("application/json"));
        assert_eq!(
            a.text(),
            cli(&["eval", "--format", "json", NEW, file]),
            "{file}"
        );
    }
}

#[test]
fn eval_of_several_files_in_one_upload_equals_the_command_line_over_them() {
    let s = both();
    let files = files_under("examples");
    let parts: Vec<(&str, Vec<u8>)> = files.iter().map(|f| (f.as_str(), read(f))).collect();
    let (media, body) = multipart(&parts, &[]);
    let a = post(
        &s.at("/api/v1/eval?policy=sichuan-2023-draft"),
        &media,
        &body,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let mut args = vec!["eval", "--format", "json", NEW];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(a.text(), cli(&args));
    assert!(a.json().as_array().unwrap().len() >= 14);
}

#[test]
fn eval_of_a_workbook_equals_the_command_line_on_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("申报表.xlsx");
    let book_arg = book.to_str().unwrap();
    let made = Command::new(env!("CARGO_BIN_EXE_jidi"))
        .args(["template", NEW, "-o", book_arg, "--fill", "examples/"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(made.status.success());
    let s = both();
    let a = post(
        &s.at("/api/v1/eval?policy=sichuan-2023-draft&name=申报表.xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &std::fs::read(&book).unwrap(),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.text(), cli(&["eval", "--format", "json", NEW, book_arg]));
    let verdicts: Vec<String> = a
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["verdict"].to_string())
        .collect();
    assert_eq!(verdicts.len(), 17, "the examples, one row per record");
}

#[test]
fn timeline_answers_what_the_command_line_prints() {
    let s = both();
    let files = files_under("histories");
    let parts: Vec<(&str, Vec<u8>)> = files.iter().map(|f| (f.as_str(), read(f))).collect();
    let (media, body) = multipart(&parts, &[]);
    let a = post(
        &s.at("/api/v1/timeline?policy=sichuan-2023-draft&as_of=2026-11-27"),
        &media,
        &body,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let mut args = vec!["timeline", "--format", "json", NEW, "--as-of", "2026-11-27"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(a.text(), cli(&args));
    let statuses: Vec<String> = a
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["status"].as_str().unwrap().to_string())
        .collect();
    assert!(
        statuses.iter().any(|s| s == "revoked") && statuses.iter().any(|s| s == "active"),
        "{statuses:?}"
    );
}

#[test]
fn compare_answers_what_the_command_line_prints() {
    let s = both();
    let files = files_under("examples");
    let parts: Vec<(&str, Vec<u8>)> = files.iter().map(|f| (f.as_str(), read(f))).collect();
    let (media, body) = multipart(&parts, &[]);
    let a = post(
        &s.at("/api/v1/compare?old=sichuan-2015&new=sichuan-2023-draft"),
        &media,
        &body,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let mut args = vec!["compare", "--format", "json", OLD, NEW];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(a.text(), cli(&args));
    assert!(!a.json()["changes"].as_array().unwrap().is_empty());
}

#[test]
fn check_gives_the_checkers_diagnostics_with_code_line_and_column() {
    let s = both();
    let text = String::from_utf8(read(NEW)).unwrap();
    let a = post(
        &s.at("/api/v1/check?policy=sichuan-2023-draft"),
        "text/plain",
        text.as_bytes(),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let j = a.json();
    assert_eq!(j["ok"], true);
    let source = jidi::Source::new(NEW, text.clone());
    let expected: Vec<String> = jidi::check::check(&source)
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    let got: Vec<String> = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, expected, "the same checker");
    assert!(got.contains(&"jidi::effective_unset".to_string()));

    // A unit mismatch planted on line 3 of a small policy.
    let broken = "measure \"m\" { version \"1\" }\nunit 元\ninput 名称: name\ninput 申报类型: tier\ntier 甲\ninput 收入: 元\nindicator 收入 = 收入 { 甲 constraint >= 5 公顷 }\n";
    let a = post(
        &s.at("/api/v1/check"),
        "text/plain; charset=utf-8",
        broken.as_bytes(),
    );
    assert_eq!(a.status, 200);
    let j = a.json();
    assert_eq!(j["ok"], false, "{j}");
    let first = &j["diagnostics"][0];
    assert_eq!(first["severity"], "error");
    assert!(
        first["code"].as_str().unwrap().starts_with("jidi::"),
        "{first}"
    );
    assert!(
        first["line"].as_u64().unwrap() >= 1 && first["column"].as_u64().unwrap() >= 1,
        "{first}"
    );
    assert!(first["message"].is_string() && first.get("help").is_some());
}

#[test]
fn check_never_reads_a_file_outside_the_policys_folder() {
    let s = both();
    for path in ["/dev/zero", "../../../etc/passwd", "/etc/hostname"] {
        let text = format!("measure \"m\" {{ version \"1\" }}\ncalendar \"{path}\"\n");
        let a = post(&s.at("/api/v1/check"), "text/plain", text.as_bytes());
        assert_eq!(a.status, 200);
        let j = a.json();
        assert_eq!(j["ok"], false);
        assert_eq!(
            j["diagnostics"][0]["code"], "jidi::serve::file_refused",
            "{j}"
        );
        assert_eq!(j["diagnostics"][0]["line"], 2);
    }
}

#[test]
fn openapi_describes_every_endpoint() {
    let s = both();
    let a = get(&s.at("/api/v1/openapi.json"));
    assert_eq!(a.status, 200);
    let j = a.json();
    assert!(j["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/policies",
        "/api/v1/eval",
        "/api/v1/check",
        "/api/v1/timeline",
        "/api/v1/compare",
        "/api/v1/openapi.json",
        "/api/v1/policies/{id}",
        "/api/v1/policies/{id}/doc",
        "/api/v1/policies/{id}/versions",
        "/api/v1/load",
        "/api/v1/whatif",
        "/api/v1/report",
        "/api/v1/template",
    ] {
        let item = &j["paths"][path];
        assert!(item.is_object(), "{path} is described");
        let op = item.as_object().unwrap().values().next().unwrap();
        assert!(op["responses"].is_object(), "{path}");
    }
    assert!(j["components"]["schemas"]["Error"].is_object());
}

#[test]
fn bad_requests_get_4xx_json_errors_with_codes() {
    let s = both();
    let eval = s.at("/api/v1/eval?policy=sichuan-2023-draft");
    assert_eq!(
        post(&eval, "application/json", "{\"名称\": ".as_bytes()).error(),
        "malformed_body"
    );
    assert_eq!(
        post(&eval, "application/json", b"").error(),
        "malformed_body"
    );
    assert_eq!(
        post(&eval, "image/png", b"{}").error(),
        "unsupported_media_type"
    );
    assert_eq!(
        call("POST", &eval, &[], Some(b"{}")).error(),
        "unsupported_media_type"
    );
    assert_eq!(
        post(&eval, "application/json", b"[1, 2]").error(),
        "malformed_body"
    );
    let unread = "{\"名称\": \"x\", \"营业收入\": \"很多\"}";
    assert_eq!(
        post(&eval, "application/json", unread.as_bytes()).error(),
        "unreadable_records"
    );
    assert_eq!(
        post(&s.at("/api/v1/eval?policy=nope"), "application/json", b"{}").error(),
        "unknown_policy"
    );
    assert_eq!(
        post(&s.at("/api/v1/eval"), "application/json", b"{}").error(),
        "missing_parameter"
    );
    let history = read("histories/01-有效-复核合格续期.json");
    for bad in ["2026-13-01", "yesterday", "2026/11/27", ""] {
        let url = s.at(&format!(
            "/api/v1/timeline?policy=sichuan-2023-draft&as_of={bad}"
        ));
        assert_eq!(
            post(&url, "application/json", &history).error(),
            "bad_date",
            "{bad}"
        );
    }
    assert_eq!(
        post(
            &s.at("/api/v1/timeline?policy=sichuan-2023-draft"),
            "application/json",
            &history
        )
        .error(),
        "missing_parameter"
    );
    assert_eq!(
        post(&s.at("/api/v1/check"), "application/json", b"{}").error(),
        "unsupported_media_type"
    );
    assert_eq!(
        post(&s.at("/api/v1/check"), "text/plain", &[0xff, 0xfe, 0x00]).error(),
        "not_utf8"
    );
    assert_eq!(
        post(
            &s.at("/api/v1/compare?old=sichuan-2015&new=x"),
            "application/json",
            b"{}"
        )
        .error(),
        "unknown_policy"
    );
    let (media, _) = multipart(&[], &[]);
    assert_eq!(post(&eval, &media, b"--nonsense").error(), "bad_multipart");
    let (media, body) = multipart(&[("evil.exe", b"MZ".to_vec())], &[]);
    assert_eq!(post(&eval, &media, &body).error(), "unsupported_media_type");
    assert_eq!(get(&s.at("/api/v1/nothing")).error(), "not_found");
    assert_eq!(get(&s.at("/nothing")).error(), "not_found");
    assert_eq!(get(&eval).error(), "method_not_allowed");
    assert_eq!(
        get(&s.at("/api/v1/policies/nope")).error(),
        "unknown_policy"
    );
    // Still serving after all of that.
    assert_eq!(get(&s.at("/api/v1/policies")).status, 200);
}

#[test]
fn a_body_over_the_limit_gets_413_and_the_client_hears_it() {
    let s = both();
    let huge = vec![b' '; 17 << 20];
    let a = post(
        &s.at("/api/v1/eval?policy=sichuan-2023-draft"),
        "application/json",
        &huge,
    );
    assert_eq!(a.status, 413, "{}", a.text());
    assert_eq!(a.error(), "body_too_large");
    let policy = vec![b' '; 2 << 20];
    assert_eq!(
        post(&s.at("/api/v1/check"), "text/plain", &policy).error(),
        "body_too_large"
    );
    assert_eq!(get(&s.at("/api/v1/policies")).status, 200);
}

#[test]
fn requests_naming_another_host_or_from_another_origin_are_refused() {
    let s = both();
    let a = call(
        "GET",
        &s.at("/api/v1/policies"),
        &[("Host", "evil.example")],
        None,
    );
    assert_eq!(a.error(), "bad_host");
    let a = call(
        "POST",
        &s.at("/api/v1/check"),
        &[
            ("Content-Type", "text/plain"),
            ("Origin", "http://evil.example"),
        ],
        Some(b"measure \"m\" {}"),
    );
    assert_eq!(a.error(), "cross_origin");
}

#[test]
fn with_a_token_every_api_request_needs_it_and_the_page_does_not() {
    let s = Server::start(&[NEW, "--token", "s3cret-token"]);
    let url = s.at("/api/v1/policies");
    assert_eq!(get(&url).error(), "unauthorized");
    let wrong = call(
        "GET",
        &url,
        &[("Authorization", "Bearer wrong-token")],
        None,
    );
    assert_eq!(wrong.error(), "unauthorized");
    let right = call(
        "GET",
        &url,
        &[("Authorization", "Bearer s3cret-token")],
        None,
    );
    assert_eq!(right.status, 200);
    assert_eq!(get(&s.at("/")).status, 200);
}

#[test]
fn a_non_loopback_address_needs_a_token() {
    let o = Command::new(env!("CARGO_BIN_EXE_jidi"))
        .args(["serve", NEW, "--addr", "0.0.0.0:0"])
        .current_dir(root())
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--token"));
}

#[test]
fn whatif_names_the_parks_that_flip_as_the_repl_does() {
    let s = both();
    let files = files_under("examples");
    let parts: Vec<(&str, Vec<u8>)> = files.iter().map(|f| (f.as_str(), read(f))).collect();
    // The README's first what-if: 工业用地地均收入 for 示范基地 at 3500 万元/公顷 (附件 指标3).
    let changes =
        r#"[{"threshold": "工业用地地均收入", "tier": "示范基地", "value": "3500 万元/公顷"}]"#;
    let (media, body) = multipart(&parts, &[("changes", changes)]);
    let a = post(
        &s.at("/api/v1/whatif?policy=sichuan-2023-draft"),
        &media,
        &body,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let j = a.json();
    let flips = j["flips"].as_array().unwrap();
    assert_eq!(flips.len(), 1, "{j}");
    assert_eq!(flips[0]["name"], "德阳旌东重型装备产业园");
    assert_eq!(flips[0]["before"], "not_eligible");
    assert_eq!(flips[0]["after"], "eligible");
    assert_eq!(flips[0]["rules"][0]["article"], "附件 指标3");
    assert_eq!(j["overrides"][0]["was"], "4000 万元/公顷");
    let bad = r#"[{"threshold": "没有这个指标", "value": "1"}]"#;
    let (media, body) = multipart(&parts, &[("changes", bad)]);
    assert_eq!(
        post(
            &s.at("/api/v1/whatif?policy=sichuan-2023-draft"),
            &media,
            &body
        )
        .error(),
        "bad_change"
    );
    let (media, body) = multipart(&parts, &[("changes", "not json")]);
    assert_eq!(
        post(
            &s.at("/api/v1/whatif?policy=sichuan-2023-draft"),
            &media,
            &body
        )
        .error(),
        "bad_changes"
    );
}

#[test]
fn report_template_load_and_doc_are_the_command_lines_pages() {
    let s = both();
    let file = "examples/03-德阳装备制造示范-地均收入不足.json";
    let url = |p: &str| s.at(&format!("{p}?policy=sichuan-2023-draft&name={file}"));
    let report = post(&url("/api/v1/report"), "application/json", &read(file));
    assert_eq!(report.status, 200);
    assert_eq!(report.text(), cli(&["report", NEW, file]));
    let book = post(&url("/api/v1/template"), "application/json", &read(file));
    assert_eq!(book.status, 200);
    assert!(book.body.starts_with(b"PK"), "an .xlsx is a zip");
    let blank = post(
        &s.at("/api/v1/template?policy=sichuan-2023-draft"),
        "application/json",
        b"",
    );
    assert!(blank.status == 200 && blank.body.starts_with(b"PK"));
    let load = post(
        &url("/api/v1/load"),
        "application/json",
        "{\"名称\": \"x\", \"营业收入\": \"很多\"}".as_bytes(),
    );
    assert_eq!(load.status, 200);
    let j = load.json();
    assert_eq!(j["records"][0]["read"], false);
    assert!(j["text"].as_str().unwrap().contains("营业收入"), "{j}");
    let doc = get(&s.at("/api/v1/policies/sichuan-2023-draft/doc?lang=en"));
    assert_eq!(doc.status, 200);
    assert_eq!(doc.text(), cli(&["doc", NEW]));
    assert!(doc.text().contains("Articles no rule encodes"));
    let zh = get(&s.at("/api/v1/policies/sichuan-2023-draft/doc?lang=zh")).text();
    assert!(zh.contains("未编码为规则的条款") && zh.contains("第十二条"));
    let page = get(&s.at("/"));
    assert!(page.media.starts_with("text/html") && page.text().contains("/assets/app.js"));
    for asset in ["app.js", "i18n.js", "app.css"] {
        assert_eq!(
            get(&s.at(&format!("/assets/{asset}"))).status,
            200,
            "{asset}"
        );
    }
}

#[test]
fn an_edited_policy_is_saved_as_a_new_version_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("calendar")).unwrap();
    std::fs::copy(root().join(NEW), dir.path().join("p.jidi")).unwrap();
    std::fs::copy(
        root().join("policies/calendar/cn-workdays.toml"),
        dir.path().join("calendar/cn-workdays.toml"),
    )
    .unwrap();
    let s = Server::start_in(dir.path(), &["p.jidi"]);
    let text = std::fs::read_to_string(dir.path().join("p.jidi")).unwrap();
    let edited = text.replace(
        "示范基地 constraint >= 4000 万元/公顷",
        "示范基地 constraint >= 3500 万元/公顷",
    );
    assert_ne!(edited, text);
    let a = post(
        &s.at("/api/v1/policies/p/versions"),
        "text/plain",
        edited.as_bytes(),
    );
    assert_eq!(a.status, 201, "{}", a.text());
    assert_eq!(a.json()["id"], "p.v2");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.v2.jidi")).unwrap(),
        edited
    );
    let ids: Vec<String> = get(&s.at("/api/v1/policies"))
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["p", "p.v2"]);
    // The saved version judges: 德阳 passes 附件 指标3 at 3500.
    let park = read("examples/03-德阳装备制造示范-地均收入不足.json");
    let v = post(&s.at("/api/v1/eval?policy=p.v2"), "application/json", &park).json();
    assert_eq!(v[0]["verdict"], "eligible");
    // A text with an error is not saved; a name in use is never written over.
    let broken = post(
        &s.at("/api/v1/policies/p/versions?name=broken"),
        "text/plain",
        b"measure {",
    );
    assert_eq!(broken.error(), "policy_errors");
    assert!(!dir.path().join("broken.jidi").exists());
    let again = post(
        &s.at("/api/v1/policies/p/versions?name=p.v2"),
        "text/plain",
        edited.as_bytes(),
    );
    assert_eq!(again.error(), "exists");
    let bad = post(
        &s.at("/api/v1/policies/p/versions?name=../escape"),
        "text/plain",
        edited.as_bytes(),
    );
    assert_eq!(bad.error(), "bad_name");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn concurrent_evaluations_are_all_answered_correctly() {
    let s = both();
    let file = "examples/batch.ndjson";
    let expected = cli(&["eval", "--format", "json", NEW, file]);
    let body = read(file);
    let url = s.at("/api/v1/eval?policy=sichuan-2023-draft");
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..40)
            .map(|_| scope.spawn(|| post(&url, "application/x-ndjson", &body).text()))
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), expected);
        }
    });
}
