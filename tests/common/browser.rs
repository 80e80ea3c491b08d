//! Headless Chromium for the tests that look at pages as a browser lays them out: where it is,
//! and one run of it over a page (DOM dump, screenshot or PDF).
//!
//! Without Chromium (`/usr/bin/chromium`, or `JIDI_CHROMIUM`) a test says so and passes, so
//! `cargo test` works on a fresh machine — except in CI (`CI` set), where
//! `scripts/ci-setup.sh` installs it and its absence fails the test.

use base64::Engine;
use serde_json::{json, Value as Json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// Where Chromium is: `JIDI_CHROMIUM`, else the usual places.
pub fn find() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("JIDI_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Chromium for a test, or `None` after saying why the test is skipped. In CI a missing browser
/// fails the test instead: there it must have been installed.
pub fn for_test(test: &str) -> Option<PathBuf> {
    let found = find();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: chromium is not installed, and CI must run this test (scripts/ci-setup.sh \
             installs it)"
        );
        eprintln!(
            "notice: chromium is not installed (/usr/bin/chromium or $JIDI_CHROMIUM); {test} is \
             skipped. scripts/ci-setup.sh installs it."
        );
    }
    found
}

/// Chromium, ended when dropped.
pub struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts Chromium headless and returns it with the address of its DevTools socket.
pub fn launch(browser: &Path) -> (Browser, String) {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--remote-debugging-port=0",
            "--window-size=1400,1000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Chromium names its socket on standard error; the rest is drained so it never stalls.
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("ws://") {
                let _ = tx.send(line[at..].trim().to_string());
            }
        }
    });
    let ws = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("chromium names its DevTools socket");
    (
        Browser {
            child,
            _profile: profile,
        },
        ws,
    )
}

/// A DevTools protocol connection, attached to one page.
pub struct Cdp {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next: u64,
    pub session: Option<String>,
}

impl Cdp {
    pub fn connect(url: &str) -> Cdp {
        let (ws, _) = tungstenite::connect(url).expect("the DevTools socket");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(90))).unwrap();
        }
        Cdp {
            ws,
            next: 0,
            session: None,
        }
    }

    pub fn call(&mut self, method: &str, params: Json) -> Json {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = &self.session {
            msg["sessionId"] = json!(s);
        }
        self.ws.send(Message::text(msg.to_string())).unwrap();
        loop {
            let Message::Text(text) = self.ws.read().expect("an answer from chromium") else {
                continue;
            };
            let answer: Json = serde_json::from_str(&text).unwrap();
            if answer["id"] == json!(id) {
                assert!(answer.get("error").is_none(), "{method}: {answer}");
                return answer["result"].clone();
            }
        }
    }

    /// Evaluates JavaScript in the page; its value.
    pub fn eval(&mut self, expression: &str) -> Json {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(r.get("exceptionDetails").is_none(), "{expression}: {r}");
        r["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page.
    pub fn wait(&mut self, expression: &str, what: &str) {
        let started = Instant::now();
        while self.eval(expression) != json!(true) {
            if started.elapsed() > Duration::from_secs(90) {
                let shown = self.eval(
                    "Array.from(document.querySelectorAll('.view.shown .status')).map(s => s.textContent).join(' | ')",
                );
                panic!("timed out waiting for {what}; the page's status lines say: {shown}");
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    pub fn screenshot(&mut self, path: &Path) {
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap())
            .unwrap();
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 20_000,
            "a screenshot with content"
        );
        std::fs::write(path, png).unwrap();
    }
}

/// Runs Chromium headless on `page` with `extra` flags; its standard output.
pub fn run(browser: &Path, profile: &Path, extra: &[String], page: &Path) -> String {
    // Standard output goes to a file: a pipe nobody reads while waiting would fill and stall it.
    let captured = profile.join("stdout.txt");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(std::fs::File::create(&captured).expect("a file for chromium's output"))
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if child
            .try_wait()
            .expect("chromium can be waited for")
            .is_some()
        {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = child.wait().expect("chromium's status");
    assert!(status.success(), "chromium failed: {status:?}");
    String::from_utf8_lossy(&std::fs::read(&captured).expect("chromium's output")).into_owned()
}
