//! Dates for deprecation: `x-sunset` values and today's date as days since 1970-01-01
//! (civil-from-days arithmetic, so no date crate is needed).

use super::view::At;

pub fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    secs.div_euclid(86_400)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (a longer RFC 3339 timestamp is cut to
/// its date), or None when it is not one.
pub fn parse_date(s: &str) -> Option<i64> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = d[..4].parse().ok()?;
    let m: i64 = d[5..7].parse().ok()?;
    let day: i64 = d[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// What the old version said about retiring an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retirement {
    /// Not deprecated: removing it breaks clients without warning.
    NotDeprecated,
    /// Deprecated and its sunset date has passed (or it has none): removal is allowed.
    Retired,
    /// Deprecated, but the sunset date is still ahead.
    BeforeSunset,
    /// Deprecated with an `x-sunset` that is not a date.
    BadSunset,
}

pub fn retirement(el: At, today: i64) -> Retirement {
    if el.get("deprecated").and_then(|d| d.bool()) != Some(true) {
        return Retirement::NotDeprecated;
    }
    let Some(s) = el.get("x-sunset") else {
        return Retirement::Retired;
    };
    match s.str().and_then(parse_date) {
        None => Retirement::BadSunset,
        Some(d) if d <= today => Retirement::Retired,
        Some(_) => Retirement::BeforeSunset,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::parse_date("1970-01-01"), Some(0));
        assert_eq!(super::parse_date("2000-03-01"), Some(11_017));
        assert_eq!(super::parse_date("2024-01-01T00:00:00Z"), Some(19_723));
        assert_eq!(super::parse_date("soon"), None);
    }
}
