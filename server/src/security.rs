//! What every response carries and what every request must pass, whatever route it takes:
//! security headers, the cross-site request check (CSRF), a body limit and a timeout.

use axum::{
    Router,
    extract::Request,
    http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use std::{sync::Arc, time::Duration};
use tower_http::{set_header::SetResponseHeaderLayer, timeout::TimeoutLayer};

/// The largest request body accepted, but on the paths that take files.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// The paths that take files (a directory's CSV), and their limit.
pub const UPLOAD_PATHS: [&str; 2] = [
    "/api/coordinator/directory/import",
    "/api/coordinator/directory/logo",
];
pub const UPLOAD_LIMIT: usize = 16 * 1024 * 1024;
/// Slow clients and stuck handlers are cut off after this.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The policy of responses that are not pages (files, JSON): nothing may run or embed them.
/// Pages set their own, with the nonce of their inline scripts (`app::content_security_policy`).
const NON_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// Wraps `router` in the security layers. `public_origin` is the site's own origin
/// (`https://loomeklaster.ee`); HSTS is sent when it is https.
pub fn secure(router: Router, public_origin: &str) -> Router {
    let https = public_origin.starts_with("https://");
    let origin: Arc<str> = public_origin.into();
    let router = router
        .layer(middleware::from_fn(move |request, next| {
            refuse_cross_site(origin.clone(), request, next)
        }))
        .layer(middleware::from_fn(limit_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(header_layer(
            header::CONTENT_SECURITY_POLICY,
            NON_PAGE_POLICY,
            false,
        ))
        .layer(header_layer(
            header::X_CONTENT_TYPE_OPTIONS,
            "nosniff",
            true,
        ))
        .layer(header_layer(
            header::REFERRER_POLICY,
            "strict-origin-when-cross-origin",
            true,
        ))
        .layer(header_layer(header::X_FRAME_OPTIONS, "DENY", true));
    if https {
        router.layer(header_layer(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
            true,
        ))
    } else {
        router
    }
}

/// Refuses a body declared longer than the path's limit (413) and cuts off one that turns out
/// longer while it is read.
async fn limit_body(request: Request, next: Next) -> Response {
    let limit = if UPLOAD_PATHS.contains(&request.uri().path()) {
        UPLOAD_LIMIT
    } else {
        BODY_LIMIT
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The request is too large.").into_response();
    }
    let (parts, body) = request.into_parts();
    let limited = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, limited)).await
}

fn header_layer(
    name: HeaderName,
    value: &'static str,
    overriding: bool,
) -> SetResponseHeaderLayer<HeaderValue> {
    let value = HeaderValue::from_static(value);
    if overriding {
        SetResponseHeaderLayer::overriding(name, value)
    } else {
        SetResponseHeaderLayer::if_not_present(name, value)
    }
}

/// Refuses a request that changes something (any method but GET, HEAD and OPTIONS) when the
/// browser says it comes from another site: `Sec-Fetch-Site: cross-site`, or an `Origin` (else a
/// `Referer`) that is neither the site's public origin nor the host the request was sent to.
/// Server functions carry no CSRF token, and a form-encoded POST needs no CORS preflight, so
/// this is what stops another site's hidden form from acting as a logged-in coordinator.
/// A request with none of those headers is not from a browser, which always sends `Origin` on
/// POST, so it cannot carry a victim's cookies by accident and passes.
/// Reads under the protected prefixes (the coordinator's downloads, which may write an audit
/// line, and private data) are held to the same check: another site's link or image must not
/// fetch them with the coordinator's cookie.
async fn refuse_cross_site(public_origin: Arc<str>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let protected = crate::sessions::PROTECTED_PREFIXES
        .iter()
        .any(|(prefix, _)| request.uri().path().starts_with(prefix));
    // RFC 8058: a mail provider posts the one-click unsubscribe from its own servers; the
    // link's signed token is its only credential, and it can do nothing but unsubscribe.
    let one_click = request.method() == Method::POST
        && request.uri().path() == crate::newsletter::ONE_CLICK_PATH;
    if (safe && !protected) || one_click || is_same_site(request.headers(), &public_origin) {
        next.run(request).await
    } else {
        tracing::warn!(
            method = %request.method(),
            path = request.uri().path(),
            origin = ?request.headers().get(header::ORIGIN),
            "refused a cross-site request"
        );
        (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response()
    }
}

fn is_same_site(headers: &HeaderMap, public_origin: &str) -> bool {
    let text = |name: HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    // `same-site` is a sibling host (another subdomain), which may be anyone's.
    if matches!(
        text(HeaderName::from_static("sec-fetch-site")),
        Some("cross-site" | "same-site")
    ) {
        return false;
    }
    let Some(claimed) = text(header::ORIGIN).or_else(|| text(header::REFERER)) else {
        return true;
    };
    let Ok(claimed) = claimed.parse::<axum::http::Uri>() else {
        return false;
    };
    let Some(authority) = claimed.authority() else {
        return false; // "null" and other opaque origins
    };
    let own_host = text(header::HOST) == Some(authority.as_str());
    let public = public_origin
        .parse::<axum::http::Uri>()
        .is_ok_and(|own| own.scheme() == claimed.scheme() && own.authority() == Some(authority));
    own_host || public
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (HeaderName::from_static(k), HeaderValue::from_static(v)))
            .collect()
    }

    const SITE: &str = "https://loomeklaster.example";

    #[test]
    fn the_sites_own_origin_and_host_pass() {
        assert!(is_same_site(&headers(&[("origin", SITE)]), SITE));
        assert!(is_same_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            SITE
        ));
        assert!(is_same_site(
            &headers(&[("referer", "https://loomeklaster.example/et/admin")]),
            SITE
        ));
        assert!(is_same_site(&headers(&[]), SITE), "not a browser");
    }

    #[test]
    fn other_sites_fail() {
        for forged in [
            headers(&[
                ("origin", "https://evil.example"),
                ("host", "loomeklaster.example"),
            ]),
            headers(&[("origin", "http://loomeklaster.example")]), // downgraded scheme
            headers(&[("origin", "null")]),
            headers(&[("referer", "https://evil.example/form")]),
            headers(&[("sec-fetch-site", "cross-site"), ("origin", SITE)]),
            headers(&[("sec-fetch-site", "same-site")]),
            headers(&[("origin", "https://loomeklaster.example.evil.example")]),
        ] {
            assert!(!is_same_site(&forged, SITE), "{forged:?}");
        }
    }
}
