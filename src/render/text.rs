//! Plain-text helpers for terminal output: numbers, money, days.

/// Money with thousands separators and no decimals: `1,234,567`.
pub fn money(x: f64) -> String {
    group(x.round() as i64)
}

/// An integer with thousands separators.
pub fn group(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Days with one decimal: `182.6`.
pub fn days(x: f64) -> String {
    format!("{x:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(money(1234567.4), "1,234,567");
        assert_eq!(group(-1000), "-1,000");
        assert_eq!(group(999), "999");
        assert_eq!(money(0.0), "0");
    }
}
