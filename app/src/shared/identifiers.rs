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

/// Whether `text` is a phone number as people in Estonia write them: an Estonian number of 7 or
/// 8 digits (`5555 1234`, `+372 5555 1234`, `(+372) 33 12 345`, `00372 …`) or an international
/// one in E.164 (`+358 40 123 4567`: 8 to 15 digits after the `+` or `00`). Spaces, hyphens,
/// dots and parentheses may group the digits.
pub fn is_phone(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty()
        || text.len() > 40
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || " -.()+".contains(c))
        || text.matches('+').count() > 1
        || text.contains('+') && !text.trim_start_matches('(').starts_with('+')
    {
        return false;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let international = if text.contains('+') {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    match international {
        Some(number) => match number.strip_prefix("372") {
            Some(estonian) => (7..=8).contains(&estonian.len()),
            None => (8..=15).contains(&number.len()) && !number.starts_with('0'),
        },
        None => (7..=8).contains(&digits.len()) && !digits.starts_with('0'),
    }
}

/// The longest web address taken: far beyond any real page's, short enough to store and show.
pub const MAX_WEB_ADDRESS_BYTES: usize = 1000;

/// Whether `text` is a web address a page may link to: `http` or `https`, with a host name that
/// has a dot (not `localhost`, not a bare word), at most [`MAX_WEB_ADDRESS_BYTES`] long.
#[cfg(feature = "ssr")]
pub fn is_web_address(text: &str) -> bool {
    text.len() <= MAX_WEB_ADDRESS_BYTES
        && url::Url::parse(text).is_ok_and(|url| {
            matches!(url.scheme(), "https" | "http")
                && url
                    .host_str()
                    .is_some_and(|host| host.contains('.') && !host.ends_with('.'))
        })
}

/// The longest slug an entry or event may have.
pub const MAX_SLUG_CHARS: usize = 100;

/// A code the platform makes (a check-in's, a certificate's): 32 lowercase hex digits.
pub fn is_code(text: &str) -> bool {
    text.len() == 32
        && text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

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

/// An address that can receive mail, by the rules the mailer (lettre) applies to it
/// (`email_address`: a dot-atom or quoted local part, a valid domain), with a dotted domain and
/// at most 254 characters in all. Whether it exists only a message can tell.
pub fn is_email(text: &str) -> bool {
    use email_address::EmailAddress;
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    text.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('[')
        && EmailAddress::is_valid_local_part(local)
        && EmailAddress::is_valid_domain(domain)
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
    fn estonian_and_international_phone_numbers_pass_in_their_usual_forms() {
        for phone in [
            "5555 1234",
            "555 1234",
            "+372 5555 1234",
            "+3725551234",
            "(+372) 33 12 345",
            "00372 5555-1234",
            "+358 40 123 4567",
            "+1 (212) 555-0100",
            "0049 30 1234567",
        ] {
            assert!(is_phone(phone), "{phone}");
        }
    }

    #[test]
    fn what_is_not_a_phone_number_fails() {
        for phone in [
            "",
            "12345",
            "+372 123",
            "+372 5555 12345",
            "5555 1234 ext 2",
            "+0 555 1234",
            "55+55 1234",
            "++372 5555 1234",
            "+1234567890123456",
            "0555 1234",
            "phone me",
        ] {
            assert!(!is_phone(phone), "{phone}");
        }
        let padded = format!("5555{}1234", " ".repeat(100_000));
        assert!(!is_phone(&padded), "a number padded to any length");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn web_addresses_are_http_with_a_real_host() {
        for url in ["https://ivek.ee", "http://www.narva.ee/kultuur?x=1#y"] {
            assert!(is_web_address(url), "{url}");
        }
        for url in [
            "ivek.ee",
            "javascript:alert(1)",
            "https://localhost",
            "ftp://files.example.ee",
            "https://",
            "https://ivek.",
        ] {
            assert!(!is_web_address(url), "{url}");
        }
        let long = format!("https://ivek.ee/{}", "a".repeat(MAX_WEB_ADDRESS_BYTES));
        assert!(!is_web_address(&long));
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

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        for good in ["piia.tamm@ivek.ee", "a@b.example", "üks+kaks@näide.ee"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "piia",
            "@ivek.ee",
            "piia@ivek",
            "piia@@ivek.ee",
            "piia tamm@ivek.ee",
            "piia@.ee",
            "piia@ivek.",
            "<script>@x.ee\"onmouseover=",
            ".piia@ivek.ee",
            "piia..tamm@ivek.ee",
            "piia@-ivek.ee",
            "piia@[127.0.0.1]",
            "piia\r\nBcc: x@y.ee@ivek.ee",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(!is_email(&format!("{}@ivek.ee", "a".repeat(250))));
    }
}
