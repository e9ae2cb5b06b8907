//! A repeat that moves with its task: "every Tue" moved to a Wednesday repeats every Wednesday,
//! "every month on the 15th" moved to the 17th on the 17th. A rule of several days, of a
//! position in the month ("the last Friday"), or of days of its own for a shorter month, stays.
use chrono::{Datelike, NaiveDate};

use super::{Freq, Rule};

impl Rule {
    /// This rule moved to repeat on `day`, when it names one day that is not that day's.
    pub fn moved_to(&self, day: NaiveDate) -> Option<Rule> {
        let mut moved = self.clone();
        match (self.freq, self.by_day.as_slice(), self.by_month_day.as_slice()) {
            (Freq::Weekly, [one], []) if one.ordinal.is_none() && self.by_set_pos.is_empty() => {
                let weekday = u8::try_from(day.weekday().num_days_from_monday()).ok()?;
                moved.by_day[0].weekday = weekday;
            }
            (Freq::Monthly, [], [one]) if *one > 0 && self.by_set_pos.is_empty() => {
                moved.set_month_day(i8::try_from(day.day()).ok()?);
            }
            _ => return None,
        }
        (moved != *self).then_some(moved)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Rule;

    fn moved(rule: &str, to: (i32, u32, u32)) -> Option<String> {
        let day = chrono::NaiveDate::from_ymd_opt(to.0, to.1, to.2).expect("a day");
        Rule::parse(rule).expect("a rule").moved_to(day).map(|r| r.to_string())
    }

    #[test]
    fn one_day_moves_with_the_task_and_more_stay() {
        // 2026-12-09 is a Wednesday
        assert_eq!(
            moved("FREQ=WEEKLY;BYDAY=TU", (2026, 12, 9)).as_deref(),
            Some("FREQ=WEEKLY;BYDAY=WE")
        );
        assert_eq!(
            moved("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", (2026, 12, 9)).as_deref(),
            Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")
        );
        assert_eq!(moved("FREQ=WEEKLY;BYDAY=WE", (2026, 12, 9)), None, "the same day");
        assert_eq!(
            moved("FREQ=MONTHLY;BYMONTHDAY=15", (2026, 12, 17)).as_deref(),
            Some("FREQ=MONTHLY;BYMONTHDAY=17")
        );
        // the 30th said of every month is its last day in a shorter one
        assert_eq!(
            moved("FREQ=MONTHLY;BYMONTHDAY=15", (2026, 12, 30)).as_deref(),
            Some("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1")
        );
        for stays in [
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "FREQ=MONTHLY;BYDAY=-1FR",
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "FREQ=DAILY",
            "FREQ=WEEKLY",
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3",
        ] {
            assert_eq!(moved(stays, (2026, 12, 9)), None, "{stays}");
        }
    }
}
