//! A page's URL query read into a struct, as forgivingly as a person typing URLs expects.

/// A page's URL query into `T` (a struct of optional text fields, as serde reads it): empty
/// values count as absent, a repeated key keeps its last value, unknown keys are ignored and a
/// value that does not fit leaves the whole query at its default. Values are kept as typed.
pub fn from_query_pairs<'a, T>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> T
where
    T: serde::de::DeserializeOwned + Default,
{
    let kept: std::collections::BTreeMap<&str, &str> = pairs
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .collect();
    serde_urlencoded::to_string(&kept)
        .ok()
        .and_then(|query| serde_urlencoded::from_str(&query).ok())
        .unwrap_or_default()
}

/// A path on this site: `/…`, but not `//host` or `/\host`, which browsers read as another
/// site, and nothing that could break out of a header.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.len() <= 2000
        && !path.chars().any(char::is_control)
}

/// A query value with everything but unreserved characters and `/` percent-encoded.
pub fn encode_query_value(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|pair| pair.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, serde::Deserialize)]
    struct Search {
        q: Option<String>,
        sector: Option<String>,
        municipality: Option<String>,
        #[serde(rename = "type")]
        kind: Option<String>,
    }

    #[test]
    fn a_url_query_keeps_what_is_typed_and_drops_empty_repeated_and_unknown_keys() {
        let query: Search = from_query_pairs([
            ("q", "keraamika "),
            ("sector", ""),
            ("municipality", "narva"),
            ("municipality", "johvi"),
            ("type", "training"),
            ("utm_source", "x"),
        ]);
        assert_eq!(query.q.as_deref(), Some("keraamika "));
        assert_eq!(query.sector, None);
        assert_eq!(query.municipality.as_deref(), Some("johvi"));
        assert_eq!(query.kind.as_deref(), Some("training"));
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            encode_query_value("/et/admin/audit?user=1&page=2"),
            "%2Fet%2Fadmin%2Faudit%3Fuser%3D1%26page%3D2"
        );
    }
}
