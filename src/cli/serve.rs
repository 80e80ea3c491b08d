//! `jidi serve POLICY… [--addr HOST:PORT] [--token TOKEN]`: the web workbench and the HTTP API.
//! Prints `listening on http://ADDR` as its first line of standard output.

use super::Exit;
use super::{check::load, output};
use clap::Args;
use jidi::diag::catalogue::{io_why, serve_run};
use jidi::serve::{App, Entry, Limits, Options, Policies};
use std::io::Write;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;

#[derive(Args)]
pub struct ServeArgs {
    /// Policy files (`.jidi`); each is served under its file stem as id.
    #[arg(required = true)]
    pub policies: Vec<PathBuf>,
    /// Address to listen on; port 0 takes any free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Every API request must carry `Authorization: Bearer TOKEN`; needed for a non-loopback
    /// address.
    #[arg(long)]
    pub token: Option<String>,
    /// Largest record upload, in MiB.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub max_upload_mib: u16,
}

pub fn run(args: &ServeArgs, lang: jidi::i18n::Lang) -> Exit {
    let addrs: Vec<SocketAddr> = match args.addr.to_socket_addrs() {
        Ok(a) => a.collect(),
        Err(e) => {
            output::err!("{}", serve_run::bad_addr(&args.addr, e).render(lang));
            return Exit::Usage;
        }
    };
    let Some(addr) = addrs.first().copied() else {
        output::err!("{}", serve_run::no_addr(&args.addr).render(lang));
        return Exit::Usage;
    };
    let loopback = addrs.iter().all(|a| a.ip().is_loopback());
    if !loopback && args.token.is_none() {
        output::err!("{}", serve_run::not_loopback(&args.addr).render(lang));
        return Exit::Usage;
    }
    if args.token.as_deref().is_some_and(|t| t.trim().len() < 8) {
        output::err!("{}", serve_run::short_token().render(lang));
        return Exit::Usage;
    }
    let limits = Limits {
        max_upload: usize::from(args.max_upload_mib) << 20,
        ..Limits::default()
    };
    let mut entries = Vec::new();
    for path in &args.policies {
        match load(path, lang) {
            Ok((policy, _)) => entries.push(Entry::new(path.clone(), policy)),
            Err(code) => return code,
        }
    }
    let policies = match Policies::new(entries, limits.max_policies) {
        Ok(p) => p,
        Err(e) => {
            output::err!("{}", e.render(lang));
            return Exit::Usage;
        }
    };
    let app = App::new(
        policies,
        Options {
            token: args.token.clone(),
            loopback,
            limits,
            lang,
        },
    );
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(8 << 20)
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            output::err!("{}", serve_run::cannot_start(io_why(&e)).render(lang));
            return Exit::InputErrors;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                let line = serve_run::cannot_listen(addr, io_why(&e));
                output::err!("{}", line.render(lang));
                return Exit::InputErrors;
            }
        };
        let bound = listener.local_addr().unwrap_or(addr);
        let mut out = output::stdout();
        let _ = writeln!(out, "listening on http://{bound}");
        let _ = out.flush();
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match jidi::serve::run(listener, app, shutdown).await {
            Ok(()) => Exit::Ok,
            Err(e) => {
                output::err!("{}", serve_run::stopped(io_why(&e)).render(lang));
                Exit::InputErrors
            }
        }
    })
}
