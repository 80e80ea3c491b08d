//! `jidi timeline POLICY HISTORY... --as-of DATE` and `jidi notice POLICY --start DATE`: the life
//! of titled bases, and the last day of a public notice in working days.

use super::Exit;
use super::{check::load, output};
use chrono::NaiveDate;
use clap::ValueEnum;
use jidi::diag::catalogue::{timeline_lines, timeline_words};
use jidi::i18n::Lang;
use jidi::{data, report};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn timeline(
    policy: &Path,
    histories: &[PathBuf],
    as_of: NaiveDate,
    format: Format,
    lang: Lang,
) -> Exit {
    let Ok((policy, _)) = load(policy, lang) else {
        return Exit::InputErrors;
    };
    let Some(view) = policy.history_view() else {
        let shown = timeline_lines::no_lifecycle(policy.source.name());
        output::err!("{}", shown.render(lang));
        return Exit::InputErrors;
    };
    let (bases, had_errors) = bases(&view, histories, as_of, lang);
    let (all, places): (Vec<_>, Vec<_>) = bases.into_iter().unzip();
    // Written at once, and a closed pipe (`| head`) is no error: the run is complete.
    let mut out = String::new();
    match format {
        Format::Json => {
            out.push_str(&report::timeline::document(&view, &all));
        }
        Format::Table => {
            out.push_str(&format!("{} {as_of}\n", timeline_words::as_of(lang)));
            for (t, place) in all.iter().zip(&places) {
                out.push_str(&report::timeline::table(&view, t, place, lang));
            }
            out.push_str(&report::timeline::summary(&all, lang));
            if let Some(cal) = &policy.calendar {
                if let Some((first, last)) = cal.span() {
                    let year = chrono::Datelike::year(&as_of);
                    if year < first || year > last {
                        let shown = timeline_lines::outside_calendar(as_of, &cal.file, first, last);
                        output::err!("{}", shown.render(lang));
                    }
                }
            }
        }
    }
    output::out!("{out}");
    if had_errors {
        Exit::InputErrors
    } else {
        Exit::Ok
    }
}

/// The timeline of every base in the history files on `as_of`, each with where it was read; a
/// record that cannot be read or breaks a `require` rule is reported on stderr and left out.
/// Whether any was.
pub fn bases(
    view: &jidi::check::Policy,
    histories: &[PathBuf],
    as_of: NaiveDate,
    lang: Lang,
) -> (Vec<(jidi::timeline::BaseTimeline, String)>, bool) {
    let mut all = Vec::new();
    let had_errors = super::records::each_file(histories, lang, |file| {
        let loaded = data::load_file(view, file);
        let mut diagnostics = Vec::new();
        for judged in jidi::timeline::histories::judge_file(view, loaded, as_of) {
            diagnostics.extend(judged.diagnostics);
            if let Some(t) = judged.timeline {
                all.push((t, judged.place));
            }
        }
        diagnostics
    });
    (all, had_errors)
}

pub fn notice(policy: &Path, start: NaiveDate, name: Option<&str>, lang: Lang) -> Exit {
    let Ok((policy, _)) = load(policy, lang) else {
        return Exit::InputErrors;
    };
    let Some(calendar) = &policy.calendar else {
        let shown = timeline_lines::no_calendar(policy.source.name());
        output::err!("{}", shown.render(lang));
        return Exit::InputErrors;
    };
    let notices: Vec<&jidi::check::Notice> = policy
        .notices
        .iter()
        .filter(|n| name.is_none_or(|w| w == n.name))
        .collect();
    if notices.is_empty() {
        let shown = match name {
            Some(n) => timeline_lines::no_notice_named(n, policy.source.name()),
            None => timeline_lines::no_notice(policy.source.name()),
        };
        output::err!("{}", shown.render(lang));
        return Exit::Usage;
    }
    let mut code = Exit::Ok;
    for n in notices {
        let article = n.article.as_deref().unwrap_or("");
        let counting = if n.start_counts {
            timeline_lines::start_counts()
        } else {
            timeline_lines::start_not_counted()
        };
        match calendar.last_working_day(start, n.working_days, n.start_counts) {
            Ok(last) => {
                let shown = timeline_lines::notice_last_day(
                    article,
                    &n.name,
                    n.working_days,
                    start,
                    counting,
                    last,
                    weekday(last),
                );
                output::outln!("{}", shown.render(lang));
            }
            Err(jidi::calendar::CountError::Uncovered(day)) => {
                let shown = timeline_lines::notice_uncovered(article, &n.name, day, &calendar.file);
                output::err!("{}", shown.render(lang));
                code = Exit::InputErrors;
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
