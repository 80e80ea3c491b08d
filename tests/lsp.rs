//! `jidi lsp`, driven as an editor drives it: LSP messages over the server's stdin and stdout.
//! The Chinese-keyword Sichuan policy is opened; hover, a misspelt name's diagnostic, completion,
//! go to definition and the outline are asked for; then shutdown and exit.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests fail by panicking

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod common;
use common::root;

/// A running server and the messages it sends.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jidi"))
            .env("LC_ALL", "C")
            .args(args)
            .arg("lsp")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || read_messages(stdout, &tx));
        Server {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (notifications meanwhile are kept aside).
    fn request(&mut self, method: &str, params: Value, aside: &mut Vec<Value>) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let m = self.receive();
            if m["id"] == json!(id) {
                assert!(m.get("error").is_none(), "{method}: {m}");
                return m["result"].clone();
            }
            aside.push(m);
        }
    }

    /// The hover at `position` of `uri`.
    fn hover(&mut self, uri: &str, position: &Value, aside: &mut Vec<Value>) -> Value {
        self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": position }),
            aside,
        )
    }

    /// Asks the server to shut down, tells it to exit, and checks it ended well.
    fn shut_down(mut self, aside: &mut Vec<Value>) {
        let done = self.request("shutdown", Value::Null, aside);
        assert_eq!(done, Value::Null);
        self.notify("exit", Value::Null);
        assert!(self.child.wait().unwrap().success());
    }

    fn receive(&self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers within a minute")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str, aside: &mut Vec<Value>) -> Vec<Value> {
        if let Some(i) = aside.iter().position(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        }) {
            let m = aside.remove(i);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.receive();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

fn read_messages(stdout: ChildStdout, tx: &mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        reader.read_exact(&mut body).unwrap();
        let value: Value = serde_json::from_slice(&body).expect("a JSON message");
        if tx.send(value).is_err() {
            return;
        }
    }
}

/// The LSP position (line, UTF-16 column) of the first `needle` in `text`, `skip` characters in.
fn position_of(text: &str, needle: &str, skip: usize) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = text[line_start..at]
        .chars()
        .chain(needle.chars().take(skip))
        .map(char::len_utf16)
        .sum();
    json!({ "line": line, "character": column })
}

fn uri(path: &std::path::Path) -> String {
    jidi::lsp::uri_for(path.to_str().unwrap())
        .unwrap()
        .as_str()
        .to_string()
}

#[test]
fn an_editor_session_on_the_chinese_policy() {
    let path = root().join("policies/sichuan-2023-draft.zh.jidi");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = uri(&path);
    let mut server = Server::start(&[]);
    let mut aside = Vec::new();

    let init = server.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        &mut aside,
    );
    let caps = &init["capabilities"];
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["definitionProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert!(caps["completionProvider"].is_object());
    assert_eq!(init["serverInfo"]["name"], "jidi");
    server.notify("initialized", json!({}));

    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "jidi", "version": 1, "text": text } }),
    );
    // The shipped policy has warnings and assumption notes, and no error.
    let diagnostics = server.diagnostics(&uri, &mut aside);
    assert!(!diagnostics.is_empty());
    assert!(
        diagnostics.iter().all(|d| d["severity"] != 1),
        "{diagnostics:#?}"
    );
    assert!(diagnostics
        .iter()
        .any(|d| d["code"] == "jidi::effective_unset" && d["range"]["start"]["line"] == 7));

    // Hover on 工业用地地均收入 where it is used … and where it is declared.
    let declared = position_of(&text, "指标 工业用地地均收入", 5);
    let hover = server.hover(&uri, &declared, &mut aside);
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("**指标** `工业用地地均收入` · 附件 指标3"),
        "{shown}"
    );
    assert!(
        shown.contains("营业收入 / 工业用地面积 折合 万元/公顷"),
        "{shown}"
    );
    assert!(
        shown.contains("示范基地 约束性 >= 4000 万元/公顷"),
        "{shown}"
    );
    assert!(
        shown.contains("> ≥4000万元/公顷（示范）；≥2500万元/公顷（产业）"),
        "{shown}"
    );
    assert!(shown.contains("一级指标: 规模效益"), "{shown}");
    assert!(shown.contains("unit: `万元/公顷`"), "{shown}");
    // The range is the name, in UTF-16 columns.
    let line = declared["line"].as_u64().unwrap();
    assert_eq!(
        hover["range"]["start"],
        json!({ "line": line, "character": 5 })
    );
    assert_eq!(
        hover["range"]["end"],
        json!({ "line": line, "character": 13 })
    );

    // Hover on an input where an expression reads it: its declaration and type.
    let used = position_of(&text, "/ 工业用地面积 折合", 3);
    let hover = server.hover(&uri, &used, &mut aside);
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("字段 工业用地面积: 公顷 范围 0.."),
        "{shown}"
    );
    assert!(shown.contains("type: `公顷`"), "{shown}");

    // Hover on an article: its quoted text and the rules it holds.
    let article = position_of(&text, "条款 第九条", 4);
    let hover = server.hover(&uri, &article, &mut aside);
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("近三年未发生重大或特别重大生产安全事故"),
        "{shown}"
    );
    assert!(shown.contains("`否决 重大生产安全事故`"), "{shown}");

    // Go to definition: from the use to the input's declaration.
    let found = server.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": used }),
        &mut aside,
    );
    let decl = position_of(&text, "字段 工业用地面积", 3);
    assert_eq!(found["uri"], uri);
    assert_eq!(found["range"]["start"], decl);

    // Misspell a name: the diagnostic says what was meant.
    let typo = text.replacen(
        "= 营业收入 / 工业用地面积 折合",
        "= 营业收入 / 工业用地面识 折合",
        1,
    );
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": typo }] }),
    );
    let diagnostics = server.diagnostics(&uri, &mut aside);
    let error = diagnostics
        .iter()
        .find(|d| d["severity"] == 1)
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(error["code"], "jidi::undefined_name");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("工业用地面识"), "{message}");
    assert!(
        message.contains("did you mean `工业用地面积`?"),
        "{message}"
    );
    let at = position_of(&typo, "工业用地面识", 0);
    assert_eq!(error["range"]["start"], at);
    assert_eq!(
        error["range"]["end"]["character"].as_u64(),
        at["character"].as_u64().map(|c| c + 6)
    );

    // Completion offers names (Chinese ones included) and keywords in both languages.
    let items = server.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": at }),
        &mut aside,
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    for want in [
        "工业用地面积",
        "工业用地地均收入",
        "新兴领域",
        "达标",
        "指标",
        "indicator",
        "约束性",
        "constraint",
    ] {
        assert!(labels.contains(&want), "{want} is not offered");
    }

    // The outline: articles, with their indicators, conditions and vetoes inside.
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
        &mut aside,
    );
    let symbols = symbols.as_array().unwrap();
    let article = |name: &str| {
        symbols
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in the outline"))
    };
    let annex = article("附件");
    assert_eq!(annex["kind"], 3, "a namespace");
    let inside: Vec<&str> = annex["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(inside.contains(&"工业用地地均收入"), "{inside:?}");
    assert_eq!(
        inside.iter().filter(|n| !n.is_empty()).count(),
        23,
        "{inside:?}"
    );
    let ninth = article("第九条");
    assert_eq!(
        ninth["children"].as_array().unwrap().len(),
        4,
        "an assumption and three vetoes"
    );
    assert!(symbols.iter().any(|s| s["name"] == "生命周期"));
    assert!(symbols.iter().any(|s| s["name"] == "判定"));

    // Closing clears the file's diagnostics.
    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(server.diagnostics(&uri, &mut aside).is_empty());

    let done = server.request("shutdown", Value::Null, &mut aside);
    assert_eq!(done, Value::Null);
    server.notify("exit", Value::Null);
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn help_lines_in_chinese_with_lang_zh() {
    let path = root().join("policies/sichuan-2023-draft.jidi");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "营业收入 / 工业用地面积 as",
        "营业收入 / 工业用地面识 as",
        1,
    );
    let uri = uri(&path);
    let mut server = Server::start(&["--lang", "zh"]);
    let mut aside = Vec::new();
    server.request(
        "initialize",
        json!({ "processId": null, "capabilities": {} }),
        &mut aside,
    );
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "jidi", "version": 1, "text": text } }),
    );
    let diagnostics = server.diagnostics(&uri, &mut aside);
    let error = diagnostics.iter().find(|d| d["severity"] == 1).unwrap();
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("是否想写 `工业用地面积`？"), "{message}");
    // A request the server does not know is an error, not a crash.
    let id = 99;
    server.send(
        &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/rename", "params": {} }),
    );
    let answer = loop {
        let m = server.receive();
        if m["id"] == id {
            break m;
        }
    };
    assert_eq!(answer["error"]["code"], -32601);
    server.shut_down(&mut aside);
}

#[test]
fn malformed_messages_are_answered_and_the_server_keeps_serving() {
    let mut server = Server::start(&[]);
    let mut aside = Vec::new();
    server.request(
        "initialize",
        json!({ "processId": null, "capabilities": {} }),
        &mut aside,
    );
    server.notify("initialized", json!({}));
    let mut raw = |bytes: &[u8]| {
        server.stdin.write_all(bytes).unwrap();
        server.stdin.flush().unwrap();
    };
    raw(b"Content-Length: 9\r\n\r\n{not json");
    raw(b"Content-Length: 4\r\n\r\nnull");
    raw(b"Content-Length: 3\r\n\r\n\xff\xfe\xfd");
    raw(b"Content-Length: abc\r\n\r\n{}");
    // Far over the cap: skipped unread, never allocated.
    raw(b"Content-Length: 999999999999999\r\n\r\n");
    let mut codes = Vec::new();
    while codes.len() < 5 {
        let m = server.receive();
        if let Some(code) = m["error"]["code"].as_i64() {
            assert!(m["id"].is_null(), "{m}");
            codes.push(code);
        }
    }
    assert_eq!(codes, [-32700, -32600, -32700, -32700, -32600]);
    // The server is alive: it would answer, but the huge frame swallows what follows, so a
    // second server shows a request after the bad frames answered.
    drop(server);

    let mut server = Server::start(&[]);
    server.request(
        "initialize",
        json!({ "processId": null, "capabilities": {} }),
        &mut aside,
    );
    server
        .stdin
        .write_all(b"Content-Length: 4\r\n\r\nnull")
        .unwrap();
    server
        .stdin
        .write_all(b"Content-Length: 9\r\n\r\n{not json")
        .unwrap();
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "file:///nowhere.jidi" } }),
        &mut aside,
    );
    assert!(symbols.is_null() || symbols.is_array(), "{symbols}");
    server.shut_down(&mut aside);
}

/// The policy's assumptions arrive as one hint listing each; a file opened with a syntax error
/// still answers hover from the items that parse.
#[test]
fn assumptions_are_one_hint_and_hover_survives_a_syntax_error() {
    let path = root().join("policies/sichuan-2023-draft.jidi");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = uri(&path);
    let mut server = Server::start(&[]);
    let mut aside = Vec::new();
    server.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        &mut aside,
    );
    server.notify("initialized", json!({}));
    // The first time the editor sees the file, it already has a slip in its first input.
    let broken = text.replacen("input 名称: name", "input 名称 name", 1);
    assert_ne!(broken, text);
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "jidi", "version": 1, "text": broken } }),
    );
    let diagnostics = server.diagnostics(&uri, &mut aside);
    assert!(
        diagnostics.iter().any(|d| d["code"] == "jidi::syntax"),
        "{diagnostics:#?}"
    );
    let at = position_of(&broken, "indicator 工业用地地均收入", 10);
    let hover = server.hover(&uri, &at, &mut aside);
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("工业用地地均收入"), "{hover:#?}");

    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] }),
    );
    let diagnostics = server.diagnostics(&uri, &mut aside);
    let hints: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "jidi::assumption")
        .collect();
    assert_eq!(hints.len(), 1, "{diagnostics:#?}");
    assert_eq!(hints[0]["severity"], 4, "a hint");
    assert_eq!(
        hints[0]["relatedInformation"].as_array().map(Vec::len),
        Some(23)
    );
    assert!(
        hints[0]["message"]
            .as_str()
            .unwrap()
            .contains("23 assumptions"),
        "{hints:#?}"
    );
    server.shut_down(&mut aside);
}

/// Two slips in one article are two diagnostics, and a rule of that article that parses still
/// answers hover.
#[test]
fn two_slips_in_one_article_are_two_diagnostics_and_its_good_rules_hover() {
    let path = root().join("policies/sichuan-2023-draft.jidi");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = uri(&path);
    let broken = text
        .replacen("all constraint >= 50 %", "all constraint >= >= 50 %", 1)
        .replacen("all guidance >= 1 %", "all guidance >= 1 %;", 1);
    assert_eq!(broken.len(), text.len() + 4);
    let mut server = Server::start(&[]);
    let mut aside = Vec::new();
    server.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        &mut aside,
    );
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "jidi", "version": 1, "text": broken } }),
    );
    let diagnostics = server.diagnostics(&uri, &mut aside);
    let lines: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "jidi::syntax")
        .map(|d| &d["range"]["start"]["line"])
        .collect();
    let line_of = |needle: &str| broken[..broken.find(needle).unwrap()].matches('\n').count();
    assert_eq!(
        lines,
        [
            &json!(line_of(">= >= 50 %")),
            &json!(line_of("all guidance >= 1 %;"))
        ],
        "{diagnostics:#?}"
    );
    // 工业用地地均收入 stands between the two broken indicators, in the same article.
    let at = position_of(&broken, "indicator 工业用地地均收入", 10);
    let hover = server.hover(&uri, &at, &mut aside);
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("工业用地地均收入"), "{hover:#?}");
    server.shut_down(&mut aside);
}
