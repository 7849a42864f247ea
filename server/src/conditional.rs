//! Conditional requests: every successful answer to a GET (pages, feeds, JSON) carries an
//! `ETag`, the hash of its body, and a request whose `If-None-Match` names it gets an empty
//! 304: a browser or feed reader that has the page already downloads nothing again.
//!
//! A page's body holds the nonce of its inline scripts, new for every response, so a page is
//! hashed without it; the 304 then carries no Content-Security-Policy, so that the client keeps
//! the policy whose nonce its stored copy holds.

use axum::{
    body::{Body, HttpBody},
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

/// Bodies larger than this go out without an ETag (the largest feed is a few megabytes).
const LARGEST_HASHED: usize = 32 * 1024 * 1024;

/// The middleware: see the module's documentation. A response that has its tag already (a
/// page kept in memory, tagged when it was rendered) is only compared.
pub async fn revalidate(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let asked = request.headers().get(header::IF_NONE_MATCH).cloned();
    let mut response = next.run(request).await;
    if worth_an_etag(&response) {
        response = match tagged(response).await {
            Ok(response) => response,
            Err(failed) => return failed,
        };
    }
    let tag = response.headers().get(header::ETAG).cloned();
    match (asked, tag) {
        (Some(asked), Some(tag))
            if response.status() == StatusCode::OK && matches(&asked, &tag) =>
        {
            not_modified(response.headers(), tag)
        }
        _ => response,
    }
}

/// `response` with its ETag, read whole to hash it.
async fn tagged(response: Response) -> Result<Response, Response> {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, LARGEST_HASHED)
        .await
        .map_err(|error| {
            tracing::error!(%error, "reading a response to hash it");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        })?;
    let tag = etag(&bytes, nonce(&parts.headers));
    parts.headers.insert(header::ETAG, tag);
    Ok(Response::from_parts(parts, Body::from(bytes)))
}

/// A whole 200 that no one asked not to store, and that has no validator of its own (files
/// from disk have Last-Modified; built files with hashed names are immutable).
fn worth_an_etag(response: &Response) -> bool {
    let headers = response.headers();
    // A body known to be larger is not read into memory (one that turns out larger fails).
    let known_size = usize::try_from(response.body().size_hint().lower()).unwrap_or(usize::MAX);
    let cache = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    response.status() == StatusCode::OK
        && known_size <= LARGEST_HASHED
        && !cache.contains("no-store")
        && !cache.contains("immutable")
        && !headers.contains_key(header::ETAG)
        && !headers.contains_key(header::LAST_MODIFIED)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && !headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream"))
}

/// The nonce in a page's Content-Security-Policy (`'nonce-…'`), if it has one.
pub fn nonce(headers: &HeaderMap) -> Option<&str> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(&policy[start..start + length]).filter(|nonce| !nonce.is_empty())
}

/// The first 128 bits of the SHA-256 of `body`, every `nonce` left out. Weak (`W/`): the
/// compression layer sends the same page brotli, gzip or plain, equal in meaning only.
pub fn etag(body: &[u8], nonce: Option<&str>) -> HeaderValue {
    let mut hasher = Sha256::new();
    match (nonce, std::str::from_utf8(body)) {
        (Some(nonce), Ok(text)) => text.split(nonce).for_each(|part| hasher.update(part)),
        _ => hasher.update(body),
    }
    let digest = hasher.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("W/\"{hex}\"")).expect("hex digits are a header value")
}

/// Whether an `If-None-Match` value names `tag`: a list of tags compared weakly, or `*`.
fn matches(asked: &HeaderValue, tag: &HeaderValue) -> bool {
    let (Ok(asked), Ok(tag)) = (asked.to_str(), tag.to_str()) else {
        return false;
    };
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    asked
        .split(',')
        .any(|candidate| candidate.trim() == "*" || opaque(candidate) == opaque(tag))
}

/// The empty answer, with the validators and caching headers the full one would have had.
fn not_modified(headers: &HeaderMap, tag: HeaderValue) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let kept = response.headers_mut();
    for name in [header::CACHE_CONTROL, header::VARY, header::EXPIRES] {
        if let Some(value) = headers.get(&name) {
            kept.insert(name, value.clone());
        }
    }
    kept.insert(header::ETAG, tag);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_hashes_the_same_whatever_its_nonce() {
        let first = etag(b"<script nonce=\"abc\">x</script>", Some("abc"));
        let second = etag(b"<script nonce=\"XYZ\">x</script>", Some("XYZ"));
        assert_eq!(first, second);
        assert_ne!(
            first,
            etag(b"<script nonce=\"XYZ\">y</script>", Some("XYZ"))
        );
    }

    #[test]
    fn the_nonce_comes_from_the_policy() {
        let mut headers = HeaderMap::new();
        assert_eq!(nonce(&headers), None);
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'self' 'nonce-Ab12+/=' 'wasm-unsafe-eval'"),
        );
        assert_eq!(nonce(&headers), Some("Ab12+/="));
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'"),
        );
        assert_eq!(nonce(&headers), None);
    }

    #[test]
    fn if_none_match_takes_lists_weak_tags_and_a_star() {
        let tag = HeaderValue::from_static("W/\"0123\"");
        for asked in ["\"0123\"", "\"x\", \"0123\"", "W/\"0123\"", "*"] {
            assert!(matches(&HeaderValue::from_static(asked), &tag), "{asked}");
        }
        for asked in ["\"012\"", "0123", ""] {
            assert!(!matches(&HeaderValue::from_static(asked), &tag), "{asked}");
        }
    }
}
