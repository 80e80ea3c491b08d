//! Working days under China's official holiday and make-up working-day (调休) calendar, read from
//! a data file the policy names, so next year's calendar is a data edit.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet};

/// One year's days off and make-up working days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Year {
    /// Where the arrangement was published (国办发明电〔2023〕7号).
    pub source: String,
    /// Every day off of the public holidays, weekend days included.
    pub holidays: BTreeSet<NaiveDate>,
    /// Weekend days that are working days (调休上班).
    pub workdays: BTreeSet<NaiveDate>,
}

/// The calendar: the years it covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    pub file: String,
    pub years: BTreeMap<i32, Year>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct YearSpec {
    #[serde(default)]
    source: String,
    holidays: Vec<String>,
    workdays: Vec<String>,
}

/// Why a working-day count could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountError {
    /// The count reached a year the calendar does not cover: it cannot tell holidays there.
    Uncovered(NaiveDate),
}

impl Calendar {
    /// Reads a calendar file; every problem is a message naming the year and the entry.
    pub fn parse(file: &str, text: &str) -> Result<Calendar, String> {
        let raw: BTreeMap<String, YearSpec> =
            toml::from_str(text).map_err(|e| format!("{file}: {}", e.message()))?;
        let mut years = BTreeMap::new();
        for (key, spec) in raw {
            let year: i32 = key
                .parse()
                .map_err(|_| format!("{file}: `[{key}]` is not a year"))?;
            let dates = |list: &[String], what: &str| -> Result<BTreeSet<NaiveDate>, String> {
                list.iter()
                    .map(|d| {
                        let date = NaiveDate::parse_from_str(d, "%Y-%m-%d")
                            .map_err(|_| format!("{file}: [{year}] {what}: `{d}` is not a date"))?;
                        if date.year() != year {
                            return Err(format!("{file}: [{year}] {what}: {d} is not in {year}"));
                        }
                        Ok(date)
                    })
                    .collect()
            };
            let holidays = dates(&spec.holidays, "holidays")?;
            let workdays = dates(&spec.workdays, "workdays")?;
            if let Some(both) = holidays.intersection(&workdays).next() {
                return Err(format!(
                    "{file}: [{year}] {both} is both a holiday and a working day"
                ));
            }
            if let Some(weekday) = workdays.iter().find(|d| !is_weekend(**d)) {
                return Err(format!(
                    "{file}: [{year}] make-up working day {weekday} is not a Saturday or Sunday"
                ));
            }
            years.insert(
                year,
                Year {
                    source: spec.source,
                    holidays,
                    workdays,
                },
            );
        }
        Ok(Calendar {
            file: file.to_string(),
            years,
        })
    }

    /// Whether `d` is a working day; `None` when the calendar does not cover its year.
    pub fn is_working_day(&self, d: NaiveDate) -> Option<bool> {
        let year = self.years.get(&d.year())?;
        Some(year.workdays.contains(&d) || (!is_weekend(d) && !year.holidays.contains(&d)))
    }

    /// The last day of a period of `n` working days starting on `start`: the start day counts
    /// when `start_counts`, otherwise counting begins the next day.
    pub fn last_working_day(
        &self,
        start: NaiveDate,
        n: u32,
        start_counts: bool,
    ) -> Result<NaiveDate, CountError> {
        let mut day = if start_counts {
            start
        } else {
            start.succ_opt().ok_or(CountError::Uncovered(start))?
        };
        let mut counted = 0;
        loop {
            match self.is_working_day(day) {
                None => return Err(CountError::Uncovered(day)),
                Some(true) => {
                    counted += 1;
                    if counted >= n {
                        return Ok(day);
                    }
                }
                Some(false) => {}
            }
            day = day.succ_opt().ok_or(CountError::Uncovered(day))?;
        }
    }

    /// The first and last year covered.
    pub fn span(&self) -> Option<(i32, i32)> {
        Some((*self.years.keys().next()?, *self.years.keys().next_back()?))
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}
