//! Identifiers that come from outside: registry codes and URL slugs.

/// Whether `code` is an Estonian business registry code: eight digits, the last a check digit
/// computed as the Business Register computes it (weights 1–7, else 3–9, modulo 11).
pub fn is_registry_code(code: &str) -> bool {
    if code.len() != 8 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits: Vec<u8> = code.bytes().map(|b| b - b'0').collect();
    registry_check_digit(&digits[..7]) == digits[7]
}

/// The check digit of the first seven digits of a registry code.
pub fn registry_check_digit(first_seven: &[u8]) -> u8 {
    let remainder = |first_weight: u32| {
        first_seven
            .iter()
            .zip(first_weight..)
            .map(|(&digit, weight)| u32::from(digit) * weight)
            .sum::<u32>()
            % 11
    };
    match remainder(1) {
        10 => match remainder(3) {
            10 => 0,
            r => r as u8,
        },
        r => r as u8,
    }
}

/// The longest slug an entry or event may have.
pub const MAX_SLUG_CHARS: usize = 100;

/// Whether `slug` can be a slug at all: lowercase ASCII letters, digits and inner hyphens.
/// Anything else in a URL is a 404 without asking the database.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_SLUG_CHARS
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_registry_codes_pass() {
        // Swedbank (first weights) and Eesti Energia (second weights): public registry codes.
        assert!(is_registry_code("10060701"));
        assert!(is_registry_code("10421629"));
    }

    #[test]
    fn a_wrong_check_digit_or_form_fails() {
        for code in [
            "10060702",
            "10421620",
            "1006070",
            "100607011",
            "1006070a",
            "",
            " 10060701",
        ] {
            assert!(!is_registry_code(code), "{code:?}");
        }
    }

    #[test]
    fn check_digits_round_trip() {
        for n in [1_000_000u32, 1_234_567, 8_000_017, 7_654_321, 9_999_999] {
            let first: Vec<u8> = format!("{n:07}").bytes().map(|b| b - b'0').collect();
            let code = format!("{n:07}{}", registry_check_digit(&first));
            assert!(is_registry_code(&code), "{code}");
        }
    }

    #[test]
    fn slugs_are_lowercase_ascii_words() {
        assert!(is_slug("narva-valguskoda"));
        assert!(is_slug("studio-s42-17"));
        for slug in [
            "",
            "-a",
            "a-",
            "Narva",
            "õlu",
            "a/b",
            "a b",
            "..",
            &"a".repeat(101),
        ] {
            assert!(!is_slug(slug), "{slug:?}");
        }
    }
}
