//! Language-prefixed paths: `/et/about` ↔ `/ru/about`.

use super::Lang;

/// The language a path starts with, if any: `/ru/about` → Russian.
pub fn lang_of_path(path: &str) -> Option<Lang> {
    path.trim_start_matches('/').split('/').next()?.parse().ok()
}

/// The same page in another language. A path without a language prefix gets one.
pub fn path_in_lang(path: &str, lang: Lang) -> String {
    let trimmed = path.trim_start_matches('/');
    let rest = match trimmed.split_once('/') {
        Some((first, rest)) if first.parse::<Lang>().is_ok() => rest,
        None if trimmed.parse::<Lang>().is_ok() => "",
        _ => trimmed,
    };
    if rest.is_empty() {
        format!("/{lang}")
    } else {
        format!("/{lang}/{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_language_keeps_the_page() {
        assert_eq!(path_in_lang("/et/about", Lang::Ru), "/ru/about");
        assert_eq!(
            path_in_lang("/en/directory/some-studio", Lang::Et),
            "/et/directory/some-studio"
        );
        assert_eq!(path_in_lang("/ru", Lang::En), "/en");
        assert_eq!(path_in_lang("/ru/", Lang::En), "/en");
    }

    #[test]
    fn a_path_without_a_language_gets_one() {
        assert_eq!(path_in_lang("/", Lang::Et), "/et");
        assert_eq!(path_in_lang("/nowhere", Lang::En), "/en/nowhere");
        // "etc" is not a language code, so it is part of the page.
        assert_eq!(path_in_lang("/etc/x", Lang::Ru), "/ru/etc/x");
    }

    #[test]
    fn the_language_of_a_path_is_its_first_segment() {
        assert_eq!(lang_of_path("/ru/about"), Some(Lang::Ru));
        assert_eq!(lang_of_path("/en"), Some(Lang::En));
        assert_eq!(lang_of_path("/"), None);
        assert_eq!(lang_of_path("/about/et"), None);
    }
}
