//! Calendar dates of the campaigns: Julian calendar, as the sources give
//! them, counted as days so that turns can add and compare them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A day in the Julian calendar, stored as a day number (day 0 is 1 January of year 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date(pub i64);

const MONTH_DAYS: [i64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

fn leap(year: i64) -> bool {
    year.rem_euclid(4) == 0
}

fn month_len(year: i64, month: i64) -> i64 {
    if month == 2 && leap(year) {
        29
    } else {
        MONTH_DAYS[(month - 1) as usize]
    }
}

fn year_start(year: i64) -> i64 {
    // Days before 1 January of `year`, counting from year 0 (a leap year).
    365 * year + (year + 3).div_euclid(4)
}

impl Date {
    /// Builds a date, or says why the parts are not a date.
    pub fn from_ymd(year: i64, month: i64, day: i64) -> Result<Date, String> {
        if !(0..=3000).contains(&year) {
            return Err(format!("year {year} is not between 0 and 3000"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is not between 1 and 12"));
        }
        let len = month_len(year, month);
        if !(1..=len).contains(&day) {
            return Err(format!("day {day} is not between 1 and {len}"));
        }
        let mut n = year_start(year);
        for m in 1..month {
            n += month_len(year, m);
        }
        Ok(Date(n + day - 1))
    }

    /// Parses `"YYYY-MM-DD"`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let expected =
            || format!("`{text}` is not a date: expected \"YYYY-MM-DD\", e.g. \"644-09-01\"");
        if parts.len() != 3 {
            return Err(expected());
        }
        let num = |s: &str| s.trim().parse::<i64>().map_err(|_| expected());
        Date::from_ymd(num(parts[0])?, num(parts[1])?, num(parts[2])?)
            .map_err(|why| format!("`{text}` is not a date: {why}"))
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i64, i64, i64) {
        let mut year = self.0.div_euclid(366);
        while year_start(year + 1) <= self.0 {
            year += 1;
        }
        while year_start(year) > self.0 {
            year -= 1;
        }
        let mut rest = self.0 - year_start(year);
        let mut month = 1;
        while rest >= month_len(year, month) {
            rest -= month_len(year, month);
            month += 1;
        }
        (year, month, rest + 1)
    }

    pub fn plus_days(self, days: i64) -> Date {
        Date(self.0 + days)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_counts_leap_days() {
        for text in [
            "644-09-01",
            "648-02-29",
            "670-05-03",
            "717-12-31",
            "0-01-01",
        ] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        let a = Date::parse("648-02-28").unwrap();
        assert_eq!(a.plus_days(1).to_string(), "648-02-29");
        assert_eq!(a.plus_days(2).to_string(), "648-03-01");
        assert_eq!(
            Date::parse("670-12-31").unwrap().plus_days(1).to_string(),
            "671-01-01"
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert!(Date::parse("649-02-29").unwrap_err().contains("day 29"));
        assert!(Date::parse("644-13-01").unwrap_err().contains("month 13"));
        assert!(
            Date::parse("autumn 644")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
    }
}
