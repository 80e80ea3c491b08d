//! `jidi eval POLICY RECORD...`: judge records; table for people, JSON, NDJSON or verdict lines for
//! programs.
//!
//! NDJSON files are streamed: read line by line, judged, and written as they go, so memory stays
//! flat whatever the file's size. With `--jobs N`, batches of lines are judged on N threads and
//! written in input order; output and diagnostics are the same bytes as with one job. A policy
//! with round rules (`quota`) judges the batch as one round: every file is read first, then the
//! records are written, each with its round ([`round`]).

use super::{output, Exit};
use clap::{Args, ValueEnum};
use jidi::check::Policy;
use jidi::data::fast::FastReader;
use jidi::data::stream::{self, Line, Lines};
use jidi::data::{self, Loaded};
use jidi::eval::{Judgement, Trace};
use jidi::i18n::Lang;
use jidi::report::ndjson::NdjsonWriter;
use jidi::report::verdicts::VerdictsWriter;
use jidi::{report, Diagnostic};
use std::collections::BTreeMap;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Ndjson,
    /// One compact JSON line per record: the verdict and only the rules that did not pass.
    Verdicts,
}

#[derive(Args)]
pub struct EvalArgs {
    /// The policy file (`.jidi`).
    pub policy: PathBuf,
    /// Record files or directories (JSON, NDJSON, TOML, YAML).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Show every rule of every record with its article, figure, threshold and margin.
    #[arg(long)]
    pub explain: bool,
    /// Judge NDJSON records on this many threads; output stays in input order.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
    /// Base-history records (files or directories): an application by a titled base is shown
    /// with the tier and state it holds on `--as-of` (table and JSON).
    #[arg(long, requires = "as_of")]
    pub history: Vec<PathBuf>,
    /// The date the tier held is asked for, with `--history`.
    #[arg(long = "as-of", requires = "history")]
    pub as_of: Option<chrono::NaiveDate>,
}

/// Record lines per batch handed to a thread: small, so memory stays flat.
const BATCH: usize = 64;

/// Batches per thread that may be out at once (being judged, or judged and waiting for an
/// earlier one to be written).
const WINDOW: usize = 4;

/// The most threads `--jobs` starts; more are refused with a message, not attempted.
pub const MAX_JOBS: u16 = 256;

mod round;

/// How records are rendered; shared by every thread.
struct Render<'p> {
    policy: &'p Policy,
    format: Format,
    explain: bool,
    colour: bool,
    colour_err: bool,
    /// The language of tables and messages.
    lang: Lang,
    /// With `--history`: the date asked and the timeline of each titled base, by name.
    held: Option<(
        chrono::NaiveDate,
        std::collections::HashMap<String, jidi::timeline::BaseTimeline>,
    )>,
}

/// What one batch of records gives: output in order, diagnostics, and judgements for the summary.
#[derive(Default)]
struct Out {
    stdout: Vec<u8>,
    /// Pretty-printed JSON array elements, for `--format json`.
    items: Elements,
    /// The records' diagnostics, in order, drawn by the [`Writer`] (which summarises repeats).
    diagnostics: Vec<Diagnostic>,
    had_errors: bool,
    judgements: Vec<Judgement>,
    /// Records rejected, for the table's summary.
    rejected: usize,
}

impl Render<'_> {
    /// The timeline of the titled base an application comes from, when `--history` gives one.
    fn held_by(&self, name: Option<&str>) -> Option<&jidi::timeline::BaseTimeline> {
        let (_, bases) = self.held.as_ref()?;
        bases.get(name?)
    }

    /// Judges one loaded record and renders it into `out`; a record that could not be read is
    /// rendered as rejected, at its place.
    fn one(&self, item: &Loaded, several: bool, scratch: &mut Scratch<'_>, out: &mut Out) {
        self.diagnostics(item, out);
        if self.format == Format::Json && self.held.is_none() {
            if let Some(record) = &item.record {
                // Written indented from the trace: the same bytes as the JSON tree.
                self.policy.trace(record, &mut scratch.trace);
                scratch
                    .json
                    .write(&scratch.trace, record, &mut out.items.bytes);
                out.items.end();
                return;
            }
        }
        if self.format == Format::Json {
            let mut json = report::json::element(self.policy, item, &mut scratch.trace);
            let held = self.held_by(json.get("name").and_then(serde_json::Value::as_str));
            if let (Some(t), Some(_), serde_json::Value::Object(o)) =
                (held, &item.record, &mut json)
            {
                o.insert("held".into(), report::timeline::held_json(t));
            }
            out.items.push(report::json::indented(&json).as_bytes());
            return;
        }
        let Some(record) = &item.record else {
            self.rejected(item, several, out);
            return;
        };
        let trace = &mut scratch.trace;
        self.policy.trace(record, trace);
        match self.format {
            Format::Ndjson => return scratch.ndjson.write(trace, record, &mut out.stdout),
            Format::Verdicts => {
                let file = item.source.name();
                return scratch
                    .verdicts
                    .write(trace, record, file, item.index, &mut out.stdout);
            }
            Format::Table | Format::Json => {}
        }
        self.table(item, trace.judgement(self.policy, record), several, out);
    }

    /// A record's diagnostics, for stderr; errors make the run's exit status 1.
    fn diagnostics(&self, item: &Loaded, out: &mut Out) {
        if item.diagnostics.iter().any(Diagnostic::is_error) {
            out.had_errors = true;
        }
        out.diagnostics.extend(item.diagnostics.iter().cloned());
    }

    /// A judged record as the table shows it, counted for the summary.
    fn table(&self, item: &Loaded, judgement: Judgement, several: bool, out: &mut Out) {
        let text = report::table::judgement(
            self.policy,
            &judgement,
            &item.place(several),
            self.explain,
            self.colour,
            self.lang,
        );
        out.stdout.extend_from_slice(text.as_bytes());
        if let (Some(t), Some((as_of, _))) = (self.held_by(judgement.name.as_deref()), &self.held) {
            out.stdout
                .extend_from_slice(report::timeline::held_line(t, *as_of, self.lang).as_bytes());
        }
        out.judgements.push(judgement);
    }

    /// A record that could not be read: an entry of its own in every format, counted as rejected.
    fn rejected(&self, item: &Loaded, several: bool, out: &mut Out) {
        let source = report::source_name(item.source.name(), item.index);
        let json = || report::json::rejected(&source, item.name.as_deref(), &item.diagnostics);
        match self.format {
            Format::Json => out.items.push(report::json::indented(&json()).as_bytes()),
            Format::Ndjson | Format::Verdicts => line(&json(), &mut out.stdout),
            Format::Table => {
                let text = report::table::rejected(
                    item.name.as_deref(),
                    &item.place(several),
                    &item.diagnostics,
                    self.colour,
                    self.lang,
                );
                out.stdout.extend_from_slice(text.as_bytes());
                out.rejected += 1;
            }
        }
    }

    /// Loads and renders a batch of NDJSON lines.
    fn batch(&self, batch: &Batch, scratch: &mut Scratch<'_>) -> Out {
        let mut out = Out::default();
        // As much room as the last batch took, so a batch's output is not copied as it grows.
        match self.format {
            Format::Json => out.items.bytes.reserve(scratch.batch_bytes),
            _ => out.stdout.reserve(scratch.batch_bytes),
        }
        let lines = &batch.lines;
        let file = jidi::Source::new(&*batch.name, "");
        for (i, line) in lines.iter().enumerate() {
            if !line.is_record() {
                continue;
            }
            let prev = match i.checked_sub(1) {
                Some(p) => lines.get(p),
                None => batch.prev.as_ref(),
            };
            let next = lines.get(i + 1).or(batch.next.as_ref());
            let item =
                stream::load_line_fast(&mut scratch.fast, &file, prev, line, next, self.policy);
            self.one(&item, batch.several, scratch, &mut out);
        }
        scratch.batch_bytes = out.stdout.len() + out.items.bytes.len();
        out
    }
}

/// The elements of `--format json`'s array a batch gives, one after another in one buffer (a
/// buffer per element made the allocator hand back and fault in fresh pages for every record).
#[derive(Default)]
struct Elements {
    bytes: Vec<u8>,
    /// Where each element ends in `bytes`.
    ends: Vec<usize>,
}

impl Elements {
    fn push(&mut self, element: &[u8]) {
        self.bytes.extend_from_slice(element);
        self.end();
    }

    /// Ends the element written into `bytes` since the last one.
    fn end(&mut self) {
        self.ends.push(self.bytes.len());
    }

    fn each(&self) -> impl Iterator<Item = &[u8]> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let element = self.bytes.get(start..end).unwrap_or_default();
            start = end;
            element
        })
    }
}

/// A JSON value as one line, with its newline.
fn line(json: &serde_json::Value, out: &mut Vec<u8>) {
    let _ = serde_json::to_writer(&mut *out, json);
    out.push(b'\n');
}

/// Buffers one thread reuses for every record.
struct Scratch<'p> {
    trace: Trace,
    ndjson: NdjsonWriter<'p>,
    verdicts: VerdictsWriter<'p>,
    fast: FastReader<'p>,
    /// Elements of `--format json`'s array.
    json: NdjsonWriter<'p>,
    /// The bytes the last batch wrote to standard output.
    batch_bytes: usize,
}

impl<'p> Scratch<'p> {
    fn new(policy: &'p Policy) -> Self {
        Scratch {
            trace: Trace::new(),
            ndjson: NdjsonWriter::new(policy),
            verdicts: VerdictsWriter::new(policy),
            json: NdjsonWriter::indented(policy),
            batch_bytes: 0,
            fast: FastReader::new(policy),
        }
    }
}

/// Consecutive lines of one NDJSON file, with the lines just before and after for context.
struct Batch {
    name: Arc<str>,
    several: bool,
    prev: Option<Line>,
    lines: Vec<Line>,
    next: Option<Line>,
}

/// Writes results in input order, whatever order they are computed in.
struct Writer<'w> {
    out: Box<dyn Write + 'w>,
    format: Format,
    json: report::json::Array,
    had_errors: bool,
    summary: report::Summary,
    colour_err: bool,
    lang: Lang,
    repeats: Repeats,
}

impl Writer<'_> {
    fn write(&mut self, policy: &Policy, o: Out) {
        let drawn: Vec<&Diagnostic> = o
            .diagnostics
            .iter()
            .filter(|d| self.repeats.draw(d))
            .collect();
        if !drawn.is_empty() {
            // Diagnostics go out after the records before them.
            let _ = self.out.flush();
            output::to_stderr(&jidi::diag::render(drawn, self.lang, self.colour_err, 100));
        }
        self.had_errors |= o.had_errors;
        let _ = self.out.write_all(&o.stdout);
        for item in o.items.each() {
            let _ = self.out.write_all(self.json.separator().as_bytes());
            let _ = self.out.write_all(item);
        }
        for j in &o.judgements {
            self.summary.add(policy, j);
        }
        for _ in 0..o.rejected {
            self.summary.add_rejected();
        }
    }
}

pub fn run(args: &EvalArgs, lang: Lang) -> Exit {
    let (policy, _) = match super::check::load_selection(&args.policy, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let files = data::expand(&args.records);
    let mut history_errors = false;
    let held = match args.as_of {
        Some(as_of) => {
            let Some(view) = policy.history_view() else {
                let line = jidi::diag::catalogue::cli::no_lifecycle(policy.source.name());
                output::err!("{}", line.render(lang));
                return Exit::Usage;
            };
            let (bases, errors) = super::timeline::bases(&view, &args.history, as_of, lang);
            history_errors = errors;
            let by_name = bases
                .into_iter()
                .filter_map(|(t, _)| Some((t.name.clone()?, t)))
                .collect();
            Some((as_of, by_name))
        }
        None => None,
    };
    let render = Render {
        policy: &policy,
        format: args.format,
        explain: args.explain,
        colour: output::colour_stdout(),
        colour_err: output::colour_stderr(),
        lang,
        held,
    };
    let mut writer = Writer {
        out: Box::new(io::BufWriter::with_capacity(1 << 16, output::stdout())),
        format: args.format,
        json: report::json::Array::default(),
        had_errors: false,
        summary: report::Summary::default(),
        colour_err: render.colour_err,
        lang,
        repeats: Repeats::default(),
    };
    let jobs = if args.jobs > MAX_JOBS {
        output::err!(
            "{}: {}",
            jidi::diag::catalogue::table_words::warning(lang),
            jidi::diag::catalogue::cli::jobs_capped(args.jobs, MAX_JOBS).render(lang)
        );
        MAX_JOBS
    } else {
        args.jobs
    };
    let mut scratch = Scratch::new(&policy);
    if !policy.rounds.is_empty() {
        round::judge(&render, &files, &mut writer);
    } else {
        for file in &files {
            if output::stdout_failed() {
                break;
            }
            if stream::is_ndjson(file) && streamable(file) {
                match stream_file(&render, file, usize::from(jobs), &mut writer, &mut scratch) {
                    Ok(()) => continue,
                    Err(done) if done => continue,
                    Err(_) => {}
                }
            }
            let loaded = data::load_file(&policy, file);
            let several = loaded.len() > 1;
            for item in loaded {
                let mut out = Out::default();
                render.one(&item, several, &mut scratch, &mut out);
                writer.write(&policy, out);
            }
        }
    }
    let tail = match writer.format {
        Format::Json => writer.json.end().to_string(),
        Format::Table => report::table::summary(&policy, &writer.summary, render.colour, lang),
        Format::Ndjson | Format::Verdicts => String::new(),
    };
    let _ = writer.out.write_all(tail.as_bytes());
    let _ = writer.out.flush();
    writer.repeats.report(lang);
    if writer.had_errors || history_errors {
        Exit::InputErrors
    } else {
        Exit::Ok
    }
}

/// Warnings and notes repeated across a run's records: each code (and field, for a diagnostic about
/// a field) is drawn in full [`jidi::diag::REPEATS_SHOWN`] times, the rest counted and summarised in
/// one line at the end. Errors are always drawn.
#[derive(Default)]
struct Repeats {
    seen: indexmap::IndexMap<(&'static str, Option<String>), usize>,
}

impl Repeats {
    /// Whether to draw `d`, counting it.
    fn draw(&mut self, d: &Diagnostic) -> bool {
        if d.is_error() {
            return true;
        }
        let n = self.seen.entry((d.code, d.field.clone())).or_default();
        *n += 1;
        *n <= jidi::diag::REPEATS_SHOWN
    }

    /// One line on stderr for each code drawn only in part.
    fn report(&self, lang: Lang) {
        let shown = jidi::diag::REPEATS_SHOWN;
        for ((code, field), n) in &self.seen {
            let Some(left_out) = n.checked_sub(shown).filter(|&m| m > 0) else {
                continue;
            };
            let line = match field {
                Some(f) => {
                    jidi::diag::catalogue::cli::more_not_shown_field(left_out, code, f, shown)
                }
                None => jidi::diag::catalogue::cli::more_not_shown(left_out, code, shown),
            };
            output::err!("{}\n", line.render(lang));
        }
    }
}

/// Whether a file can be streamed: it opens. Files that do not are left to the whole-file reader,
/// which reports them.
fn streamable(path: &Path) -> bool {
    std::fs::File::open(path).is_ok()
}

/// Streams one NDJSON file. `Err(false)` when nothing has been written yet and the file is to be
/// read whole instead (it holds no record); `Err(true)` when it stopped at a line that is not
/// UTF-8, after reporting the file as unreadable.
fn stream_file(
    render: &Render<'_>,
    path: &Path,
    jobs: usize,
    writer: &mut Writer<'_>,
    scratch: &mut Scratch<'_>,
) -> Result<(), bool> {
    let file = std::fs::File::open(path).map_err(|_| false)?;
    let mut lines = Lines::new(BufReader::with_capacity(1 << 20, file));
    let name: Arc<str> = Arc::from(path.display().to_string());
    let mut reader = BatchReader {
        lines: &mut lines,
        name,
        pending: None,
        prev: None,
        leading: true,
        started: false,
        several: false,
        bad_utf8: false,
    };
    // The first batch tells whether the file holds a record at all, and more than one.
    let first = reader.next_batch();
    if reader.bad_utf8 || !reader.started {
        // Nothing written yet: the whole-file reader reports it as it always has.
        return Err(false);
    }
    if jobs <= 1 {
        let mut batch = first;
        while let Some(b) = batch {
            if output::stdout_failed() {
                break;
            }
            writer.write(render.policy, render.batch(&b, scratch));
            batch = reader.next_batch();
        }
    } else {
        parallel(render, first, &mut reader, jobs, writer);
    }
    if reader.bad_utf8 {
        // The whole-file reader names the line, column and byte.
        for item in data::load_file(render.policy, path) {
            let mut out = Out::default();
            render.one(&item, false, scratch, &mut out);
            writer.write(render.policy, out);
        }
        return Err(true);
    }
    Ok(())
}

/// Judges batches on `jobs` threads and writes the results in order. At most [`WINDOW`] batches
/// per thread are out at once (read but not yet written), so a stalled worker holds memory flat:
/// reading waits for it instead of piling up results behind it.
fn parallel(
    render: &Render<'_>,
    first: Option<Batch>,
    reader: &mut BatchReader<'_>,
    jobs: usize,
    writer: &mut Writer<'_>,
) {
    let window = jobs.saturating_mul(WINDOW);
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Batch)>(jobs);
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Out)>(window);
    let work_rx = Arc::new(Mutex::new(work_rx));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            scope.spawn(move || {
                let mut scratch = Scratch::new(render.policy);
                loop {
                    let next = rx.lock().ok().and_then(|r| r.recv().ok());
                    let Some((seq, batch)) = next else { break };
                    if tx.send((seq, render.batch(&batch, &mut scratch))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut waiting: BTreeMap<usize, Out> = BTreeMap::new();
        let mut next_out = 0usize;
        let mut sent = 0usize;
        let flush =
            |waiting: &mut BTreeMap<usize, Out>, next_out: &mut usize, writer: &mut Writer<'_>| {
                while let Some(o) = waiting.remove(next_out) {
                    writer.write(render.policy, o);
                    *next_out += 1;
                }
            };
        let mut batch = first;
        while let Some(b) = batch {
            if output::stdout_failed() {
                break;
            }
            // Wait for the oldest batches before reading more than the window.
            while sent - next_out >= window {
                let Ok((seq, o)) = done_rx.recv() else { break };
                waiting.insert(seq, o);
                flush(&mut waiting, &mut next_out, writer);
            }
            if work_tx.send((sent, b)).is_err() {
                break;
            }
            sent += 1;
            while let Ok((seq, o)) = done_rx.try_recv() {
                waiting.insert(seq, o);
            }
            flush(&mut waiting, &mut next_out, writer);
            batch = reader.next_batch();
        }
        drop(work_tx);
        for (seq, o) in done_rx.iter() {
            waiting.insert(seq, o);
            flush(&mut waiting, &mut next_out, writer);
        }
        flush(&mut waiting, &mut next_out, writer);
    });
}

/// Cuts a file's lines into batches, holding back what the whole-file reader would treat
/// differently: a file that is blank (byte-order marks and white space only) holds no record.
struct BatchReader<'l> {
    lines: &'l mut Lines<BufReader<std::fs::File>>,
    name: Arc<str>,
    /// A line read ahead: the context after a batch, and the start of the next one.
    pending: Option<Line>,
    prev: Option<Line>,
    /// Still among the byte-order marks at the start of the file.
    leading: bool,
    /// A line with something other than byte-order marks and white space has been seen.
    started: bool,
    several: bool,
    bad_utf8: bool,
}

impl BatchReader<'_> {
    fn read(&mut self) -> Option<Line> {
        if let Some(l) = self.pending.take() {
            return Some(l);
        }
        match self.lines.next_line() {
            Ok(Some(l)) => {
                if !self.started {
                    let mut text = l.raw.as_str();
                    if self.leading {
                        text = text.trim_start_matches('\u{feff}');
                        self.leading = text.is_empty();
                    }
                    self.started = !text.trim().is_empty();
                }
                Some(l)
            }
            Ok(None) => None,
            Err(_) => {
                self.bad_utf8 = true;
                None
            }
        }
    }

    fn next_batch(&mut self) -> Option<Batch> {
        let first_batch = !self.started;
        let mut lines = Vec::new();
        let mut records = 0usize;
        while records < BATCH {
            let Some(l) = self.read() else { break };
            records += usize::from(l.is_record());
            lines.push(l);
        }
        if lines.is_empty() || self.bad_utf8 {
            return None;
        }
        self.pending = self.read();
        if first_batch {
            if !self.started {
                return None;
            }
            // The first batch stops early only at the end of the file.
            self.several = records > 1;
        }
        let prev = self.prev.take();
        self.prev = lines.last().cloned();
        Some(Batch {
            name: Arc::clone(&self.name),
            several: self.several,
            prev,
            lines,
            next: self.pending.clone(),
        })
    }
}
