//! `jidi timeline POLICY HISTORY... --as-of DATE` and `jidi notice POLICY --start DATE`: the life
//! of titled bases, and the last day of a public notice in working days.

use super::{check::load, exit, output};
use chrono::NaiveDate;
use clap::ValueEnum;
use jidi::{data, report, Diagnostic};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn timeline(policy: &Path, histories: &[PathBuf], as_of: NaiveDate, format: Format) -> u8 {
    let Ok((policy, _)) = load(policy) else {
        return exit::INPUT_ERRORS;
    };
    let Some(view) = policy.history_view() else {
        output::err!(
            "error: {} states no lifecycle (`lifecycle {{ … }}`)",
            policy.source.name()
        );
        return exit::INPUT_ERRORS;
    };
    let mut had_errors = false;
    let mut all = Vec::new();
    let mut places = Vec::new();
    for file in data::expand(histories) {
        let loaded = data::load_file(&view, &file);
        let several = loaded.len() > 1;
        for item in loaded {
            let mut diagnostics = item.diagnostics.clone();
            if let Some(record) = &item.record {
                let who = item.name.as_deref().map_or_else(
                    || format!("record {}", item.index + 1),
                    |n| format!("record {} ({n})", item.index + 1),
                );
                for v in view.violations(record) {
                    let span = data::locate::field(
                        item.source.text(),
                        jidi::source::Span::new(0, item.source.text().len()),
                        &v.field,
                    );
                    let article = v.article.map_or_else(String::new, |a| format!(" ({a})"));
                    diagnostics.push(
                        Diagnostic::error(
                            "jidi::history::require",
                            format!("{who}, field {}: breaks `{}`{article}", v.field, v.text),
                        )
                        .label(span, "this field")
                        .help("correct the history record; the other bases are still processed")
                        .in_source(&item.source),
                    );
                }
            }
            let refused = diagnostics.iter().any(Diagnostic::is_error);
            had_errors |= refused;
            output::report(&diagnostics);
            let Some(record) = item.record.as_ref().filter(|_| !refused) else {
                continue;
            };
            if let Some(t) = view.timeline(record, as_of) {
                places.push(item.place(several));
                all.push(t);
            }
        }
    }
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = all.iter().map(report::timeline::json).collect();
            output::outln!(
                "{}",
                serde_json::to_string_pretty(&items).unwrap_or_default()
            );
        }
        Format::Table => {
            output::outln!("as of {as_of}");
            for (t, place) in all.iter().zip(&places) {
                output::out!("{}", report::timeline::table(t, place));
            }
            output::out!("{}", report::timeline::summary(&all));
            if let Some(cal) = &policy.calendar {
                if let Some((first, last)) = cal.span() {
                    let year = chrono::Datelike::year(&as_of);
                    if year < first || year > last {
                        output::err!(
                            "warning: {as_of} is outside the calendar {} ({first}–{last})",
                            cal.file
                        );
                    }
                }
            }
        }
    }
    if had_errors {
        exit::INPUT_ERRORS
    } else {
        exit::OK
    }
}

pub fn notice(policy: &Path, start: NaiveDate, name: Option<&str>) -> u8 {
    let Ok((policy, _)) = load(policy) else {
        return exit::INPUT_ERRORS;
    };
    let Some(calendar) = &policy.calendar else {
        output::err!("error: {} names no calendar", policy.source.name());
        return exit::INPUT_ERRORS;
    };
    let notices: Vec<&jidi::check::Notice> = policy
        .notices
        .iter()
        .filter(|n| name.is_none_or(|w| w == n.name))
        .collect();
    if notices.is_empty() {
        output::err!(
            "error: no notice period{} in {}",
            name.map_or_else(String::new, |n| format!(" named {n}")),
            policy.source.name()
        );
        return exit::USAGE;
    }
    let mut code = exit::OK;
    for n in notices {
        let article = n.article.as_deref().unwrap_or("");
        let counting = if n.start_counts {
            "the start day counts"
        } else {
            "the start day does not count; counting begins the next day"
        };
        match calendar.last_working_day(start, n.working_days, n.start_counts) {
            Ok(last) => output::outln!(
                "{article} {}: {} working days from {start} ({counting}) — last day {last} ({})",
                n.name,
                n.working_days,
                weekday(last)
            ),
            Err(jidi::calendar::CountError::Uncovered(day)) => {
                output::err!(
                    "error: {article} {}: the count reaches {day}, a year the calendar {} does not cover; add that year's arrangement",
                    n.name, calendar.file
                );
                code = exit::INPUT_ERRORS;
            }
        }
    }
    code
}

fn weekday(d: NaiveDate) -> &'static str {
    match chrono::Datelike::weekday(&d) {
        chrono::Weekday::Mon => "星期一",
        chrono::Weekday::Tue => "星期二",
        chrono::Weekday::Wed => "星期三",
        chrono::Weekday::Thu => "星期四",
        chrono::Weekday::Fri => "星期五",
        chrono::Weekday::Sat => "星期六",
        chrono::Weekday::Sun => "星期日",
    }
}
