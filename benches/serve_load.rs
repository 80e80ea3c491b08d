//! A bounded load test of `jidi serve` on loopback: 200 clients at once, each sending 5
//! evaluations of the examples (one per record file, 17 records), every answer checked against
//! what `jidi eval --format json` prints for the same file; prints p50, p99 and the slowest
//! latency. Run with `cargo bench --bench serve_load`; figures are in BENCHMARKS.md.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "../tests/support/server.rs"]
mod server;

use server::{root, Server};
use std::io::Read;
use std::process::Command;
use std::time::{Duration, Instant};

const CLIENTS: usize = 200;
const EACH: usize = 5;
const POLICY: &str = "policies/sichuan-2023-draft.jidi";

fn main() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["json", "toml", "yaml", "ndjson"].contains(&e))
        })
        .map(|p| format!("examples/{}", p.file_name().unwrap().to_str().unwrap()))
        .collect();
    files.sort();
    let cases: Vec<(String, &str, Vec<u8>, String)> = files
        .iter()
        .map(|f| {
            let media = match f.rsplit('.').next() {
                Some("toml") => "application/toml",
                Some("yaml") => "application/yaml",
                Some("ndjson") => "application/x-ndjson",
                _ => "application/json",
            };
            let out = Command::new(env!("CARGO_BIN_EXE_jidi"))
                .args(["eval", "--format", "json", POLICY, f])
                .current_dir(root())
                .output()
                .unwrap();
            (
                f.clone(),
                media,
                std::fs::read(root().join(f)).unwrap(),
                String::from_utf8(out.stdout).unwrap(),
            )
        })
        .collect();
    let server = Server::start(&[POLICY]);
    let url = server.at("/api/v1/eval?policy=sichuan-2023-draft");
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .build();
    let started = Instant::now();
    let mut latencies: Vec<Duration> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|c| {
                let (agent, url, cases) = (agent.clone(), &url, &cases);
                scope.spawn(move || {
                    let mut mine = Vec::with_capacity(EACH);
                    for i in 0..EACH {
                        let (file, media, body, expected) = &cases[(c + i) % cases.len()];
                        let t = Instant::now();
                        let r = agent
                            .post(&format!("{url}&name={file}"))
                            .set("Content-Type", media)
                            .send_bytes(body)
                            .unwrap_or_else(|e| panic!("{file}: {e}"));
                        let mut text = String::new();
                        r.into_reader().read_to_string(&mut text).unwrap();
                        mine.push(t.elapsed());
                        assert_eq!(
                            &text, expected,
                            "{file}: the answer equals the command line's"
                        );
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let wall = started.elapsed();
    latencies.sort();
    let at = |q: f64| {
        latencies[((latencies.len() as f64 * q).ceil() as usize)
            .saturating_sub(1)
            .min(latencies.len() - 1)]
    };
    let n = latencies.len();
    println!(
        "serve_load: {n} evaluations from {CLIENTS} concurrent clients, all equal to the CLI's output, in {:.2} s ({:.0} req/s)",
        wall.as_secs_f64(),
        n as f64 / wall.as_secs_f64()
    );
    println!(
        "serve_load: latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        at(0.50).as_secs_f64() * 1e3,
        at(0.90).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        latencies[n - 1].as_secs_f64() * 1e3
    );
}
