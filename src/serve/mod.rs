//! `jidi serve`: the web workbench and the JSON API of `shared/spec/http.md`, over the same
//! library functions as the command line, on axum and tokio.
//!
//! Safe by default: bodies are size-capped (413 beyond), evaluation runs on the blocking pool
//! with a bound on how much runs at once, every request has a deadline, connections are capped
//! and must send their headers in time; with a token, every API request must carry it. Nothing
//! here prints: the command line says where it listens.

mod api;
mod conn;
mod error;
mod files;
mod guard;
mod openapi;
mod page;
mod policies;
mod upload;
mod workbench;

pub use conn::run;
pub use policies::{Entry, Policies};

use axum::routing::{get, post};
use axum::Router;
use error::ApiError;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The bounds every request is held to.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest record upload (a workbook, record files), in bytes.
    pub max_upload: usize,
    /// Largest policy text, in bytes.
    pub max_policy: usize,
    /// How much of a body past its limit is read and dropped, so that the client gets its 413.
    pub max_drain: usize,
    /// Requests handled at once; more wait for their turn (within their deadline).
    pub in_flight: usize,
    /// Evaluations run at once on the blocking pool.
    pub jobs: usize,
    /// Deadline of a request, from its headers to its answer.
    pub request_timeout: Duration,
    /// Time a connection has to send a request's headers.
    pub header_timeout: Duration,
    /// Connections open at once; more wait to be accepted.
    pub connections: usize,
    /// Policies loaded at once, those given and those saved.
    pub max_policies: usize,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Limits {
            max_upload: 16 << 20,
            max_policy: 1 << 20,
            max_drain: 256 << 20,
            in_flight: 16,
            jobs: cores,
            request_timeout: Duration::from_secs(60),
            header_timeout: Duration::from_secs(10),
            connections: 512,
            max_policies: 64,
        }
    }
}

/// How the server was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Every API request must carry `Authorization: Bearer TOKEN`.
    pub token: Option<String>,
    /// Bound to a loopback address: requests must name a loopback host (no DNS rebinding).
    pub loopback: bool,
    pub limits: Limits,
    /// The language of messages of a request that does not ask for one (`?lang=`).
    pub lang: crate::i18n::Lang,
}

/// What every handler shares: the policies, the options, and the permits that bound the work.
pub struct App {
    pub policies: Policies,
    pub options: Options,
    in_flight: Semaphore,
    jobs: Semaphore,
}

impl App {
    /// The records of a request's body (a workbook, record files or a multipart form), read
    /// within the upload limits; `?name=` names a single-file body.
    pub async fn upload(
        &self,
        req: axum::extract::Request,
        q: &api::Params,
    ) -> Result<upload::Upload, ApiError> {
        let limits = &self.options.limits;
        upload::records(
            req,
            limits.max_upload,
            limits.max_drain,
            q.get("name").map(String::as_str),
        )
        .await
    }

    pub fn new(policies: Policies, options: Options) -> Arc<App> {
        Arc::new(App {
            in_flight: Semaphore::new(options.limits.in_flight.max(1)),
            jobs: Semaphore::new(options.limits.jobs.max(1)),
            policies,
            options,
        })
    }

    /// The language of messages a request asks for (`lang=zh|en`), else the server's.
    pub fn lang(&self, q: &api::Params) -> crate::i18n::Lang {
        q.get("lang")
            .map_or(self.options.lang, |l| crate::i18n::Lang::from_locale(l))
    }

    /// Runs CPU-bound work on the blocking pool, at most `jobs` at once.
    async fn work<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self.jobs.acquire().await.map_err(|_| ApiError::busy())?;
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| ApiError::internal(format!("the evaluation stopped: {e}")))
    }
}

/// The routes: the page at `/`, the API under `/api/v1/`.
pub fn router(app: Arc<App>) -> Router {
    let api = Router::new()
        .route("/policies", get(api::policies))
        .route("/policies/{id}", get(workbench::policy))
        .route("/policies/{id}/doc", get(workbench::doc))
        .route("/policies/{id}/versions", post(workbench::save))
        .route("/eval", post(api::eval))
        .route("/check", post(api::check))
        .route("/timeline", post(api::timeline))
        .route("/compare", post(api::compare))
        .route("/load", post(workbench::load))
        .route("/whatif", post(workbench::whatif))
        .route("/report", post(workbench::report))
        .route("/template", post(workbench::template))
        .route("/openapi.json", get(openapi::document))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            guard::api,
        ));
    Router::new()
        .route("/", get(page::index))
        .route("/assets/{file}", get(page::asset))
        .nest("/api/v1", api)
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            guard::every,
        ))
        .with_state(app)
}
