//! Digits: Persian (۰–۹), Arabic-Indic (٠–٩) and ASCII (0–9).

/// The ASCII value of a digit in any of the three scripts.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        _ => None,
    }
}

/// `s` with every digit written in Persian digits.
pub fn to_persian(s: &str) -> String {
    s.chars()
        .map(|c| {
            digit_value(c)
                .and_then(|v| char::from_u32(0x06F0 + v))
                .unwrap_or(c)
        })
        .collect()
}

/// `s` with every digit written in ASCII digits.
pub fn to_ascii(s: &str) -> String {
    s.chars()
        .map(|c| {
            digit_value(c)
                .and_then(|v| char::from_digit(v, 10))
                .unwrap_or(c)
        })
        .collect()
}

/// A number in Persian digits.
pub fn num_fa(n: impl std::fmt::Display) -> String {
    to_persian(&n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_all_scripts() {
        for (input, fa, ascii) in [
            ("2024", "۲۰۲۴", "2024"),
            ("۱۴۰۳/۰۷/۱۲", "۱۴۰۳/۰۷/۱۲", "1403/07/12"),
            ("٢٠٢٢ and 5", "۲۰۲۲ and ۵", "2022 and 5"),
            ("", "", ""),
        ] {
            assert_eq!(to_persian(input), fa, "{input}");
            assert_eq!(to_ascii(input), ascii, "{input}");
        }
        assert_eq!(num_fa(-45), "-۴۵");
    }
}
