//! Which language `/` opens in: the switcher's cookie, else Accept-Language, else Estonian.

use app::components::language_switcher::LANGUAGE_COOKIE;
use app::i18n::Lang;
use axum::http::{
    HeaderMap, HeaderValue, StatusCode,
    header::{ACCEPT_LANGUAGE, COOKIE, LOCATION, VARY},
};
use axum::response::IntoResponse;

pub fn preferred_language(headers: &HeaderMap) -> Lang {
    from_cookie(headers)
        .or_else(|| from_accept_language(headers))
        .unwrap_or(Lang::DEFAULT)
}

fn from_cookie(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == LANGUAGE_COOKIE)
        .and_then(|cookie| cookie.value().parse().ok())
}

fn from_accept_language(headers: &HeaderMap) -> Option<Lang> {
    let header = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    // Ranked by q-value; a region subtag ("ru-RU") counts for its language; q=0 means "not this".
    accept_language::parse_with_quality(header)
        .into_iter()
        .filter(|(_, quality)| *quality > 0.0)
        .find_map(|(tag, _)| tag.split('-').next()?.parse().ok())
}

pub async fn redirect_to_preferred(headers: HeaderMap) -> impl IntoResponse {
    let lang = preferred_language(&headers);
    (
        StatusCode::TEMPORARY_REDIRECT,
        [
            (LOCATION, HeaderValue::from_static(home_path(lang))),
            (VARY, HeaderValue::from_static("Accept-Language, Cookie")),
        ],
    )
}

fn home_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Et => "/et",
        Lang::Ru => "/ru",
        Lang::En => "/en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.parse().unwrap(), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(
            preferred_language(&headers(&[("accept-language", "ru-RU,ru;q=0.9,en;q=0.8")])),
            Lang::Ru
        );
        assert_eq!(
            preferred_language(&headers(&[(
                "accept-language",
                "fi, en-GB;q=0.7, et;q=0.5"
            )])),
            Lang::En
        );
        assert_eq!(
            preferred_language(&headers(&[("accept-language", "de, fr")])),
            Lang::Et
        );
    }

    #[test]
    fn the_switcher_cookie_wins_over_accept_language() {
        let request = headers(&[("accept-language", "ru"), ("cookie", "theme=dark; lang=en")]);
        assert_eq!(preferred_language(&request), Lang::En);
    }

    #[test]
    fn a_broken_cookie_or_header_falls_back_to_estonian() {
        assert_eq!(
            preferred_language(&headers(&[
                ("cookie", "lang=xx"),
                ("accept-language", ";;;q=")
            ])),
            Lang::Et
        );
        assert_eq!(preferred_language(&HeaderMap::new()), Lang::Et);
    }
}
