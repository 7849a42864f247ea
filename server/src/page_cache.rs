//! Pages rendered once and sent many times: a visitor who is not signed in gets a public page
//! (a page, not a server function or a feed) from memory when the same address was rendered
//! since the last write to the database and less than [`FRESH_FOR`] ago.
//!
//! Every write commits through `app::platform::db::write`, which counts it; a page is kept
//! with the count it was rendered at and is only sent while the count is the same, so no one
//! sees a page older than the last change made through this server. Changes made by another
//! process (the command line's import) and the passing of time (an event that began, a
//! deadline that passed) show within [`FRESH_FOR`].
//!
//! A page holds the nonce of its inline scripts, which must be new for every response: a kept
//! page is sent with a new nonce in its body and in its Content-Security-Policy.

use app::components::language_switcher::LANGUAGE_COOKIE;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{
    sync::Arc,
    time::{Duration, Instant},
};

/// How long a kept page is sent before it is rendered again, whatever happened.
pub const FRESH_FOR: Duration = Duration::from_secs(10);
/// The memory all kept pages take at most, in bytes: the least used go first.
const CAPACITY: u64 = 64 * 1024 * 1024;
/// Pages larger than this are not kept.
const LARGEST: usize = 2 * 1024 * 1024;

/// The kept pages, by address (path and query: the language is in the path).
#[derive(Clone)]
pub struct PageCache(Arc<quick_cache::sync::Cache<String, Arc<Page>, BySize>>);

impl Default for PageCache {
    fn default() -> Self {
        // quick_cache sizes its table for about this many pages (about 30 KB each).
        let pages = (CAPACITY / (30 * 1024)) as usize;
        PageCache(Arc::new(quick_cache::sync::Cache::with_weighter(
            pages, CAPACITY, BySize,
        )))
    }
}

#[derive(Clone)]
struct BySize;

impl quick_cache::Weighter<String, Arc<Page>> for BySize {
    fn weight(&self, address: &String, page: &Arc<Page>) -> u64 {
        (address.len() + page.body.len() + 512) as u64
    }
}

/// A rendered page as it was sent, with where its nonce stands in it.
pub struct Page {
    /// The count of writes when it began to be rendered.
    writes: u64,
    rendered: Instant,
    headers: HeaderMap,
    body: Bytes,
    /// The nonce it was rendered with, and the byte offsets of the nonce in the body.
    nonce: Option<(String, Vec<usize>)>,
}

/// The middleware: see the module's documentation.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    if !may_share(&request) {
        return next.run(request).await;
    }
    let address = request.uri().to_string();
    let writes = app::platform::db::writes();
    if let Some(page) = cache.0.get(&address)
        && page.writes == writes
        && page.rendered.elapsed() < FRESH_FOR
        && let Some(response) = page.send()
    {
        metrics::counter!("kept_pages_sent_total").increment(1);
        return response;
    }
    let response = next.run(request).await;
    if !worth_keeping(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, LARGEST).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "reading a page to keep it");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // Tagged once here, not hashed again each time it is sent.
    let tag = crate::conditional::etag(&body, crate::conditional::nonce(&parts.headers));
    parts.headers.insert(header::ETAG, tag);
    if let Some(page) = Page::new(writes, parts.headers.clone(), body.clone()) {
        cache.0.insert(address, Arc::new(page));
    }
    Response::from_parts(parts, Body::from(body))
}

/// A GET whose answer is the same for everyone: no cookie but the language switcher's (a
/// session's visitor may see their own name, or a coordinator's links).
fn may_share(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET
        && !path.starts_with("/api/")
        && request
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(cookie::Cookie::split_parse)
            .all(|cookie| cookie.is_ok_and(|cookie| cookie.name() == LANGUAGE_COOKIE))
}

/// A whole HTML page (200) that no one asked not to store, that sets no cookie and does not
/// vary by what the request said.
fn worth_keeping(response: &Response) -> bool {
    let headers = response.headers();
    let says = |name: header::HeaderName| {
        let value = headers.get(name).and_then(|v| v.to_str().ok());
        value.unwrap_or_default().to_ascii_lowercase()
    };
    let known_size = usize::try_from(axum::body::HttpBody::size_hint(response.body()).lower());
    response.status() == StatusCode::OK
        && known_size.is_ok_and(|size| size <= LARGEST)
        && says(header::CONTENT_TYPE).starts_with("text/html")
        && !says(header::CACHE_CONTROL).contains("no-store")
        && !says(header::CACHE_CONTROL).contains("private")
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::VARY)
        && !headers.contains_key(header::CONTENT_ENCODING)
}

impl Page {
    /// `None` for a page that is not UTF-8 (no page is).
    fn new(writes: u64, headers: HeaderMap, body: Bytes) -> Option<Self> {
        let nonce = match crate::conditional::nonce(&headers) {
            Some(nonce) => {
                let text = std::str::from_utf8(&body).ok()?;
                let at = text.match_indices(nonce).map(|(at, _)| at).collect();
                Some((nonce.to_owned(), at))
            }
            None => None,
        };
        Some(Page {
            writes,
            rendered: Instant::now(),
            headers,
            body,
            nonce,
        })
    }

    /// The page as a new response, with a new nonce when it has one (`None` if that nonce
    /// cannot take the old one's place).
    fn send(&self) -> Option<Response> {
        let mut headers = self.headers.clone();
        let mut body = self.body.clone();
        if let Some((old, at)) = &self.nonce {
            let new = leptos::nonce::Nonce::new().to_string();
            let policy = headers
                .get(header::CONTENT_SECURITY_POLICY)?
                .to_str()
                .ok()?
                .replace(old.as_str(), &new);
            // Both are 16 random bytes in base64: the body keeps its length and offsets.
            if new.len() != old.len() {
                return None;
            }
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&policy).ok()?,
            );
            let mut bytes = body.to_vec();
            for &at in at {
                bytes[at..at + new.len()].copy_from_slice(new.as_bytes());
            }
            body = bytes.into();
        }
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        Some(response)
    }
}
