//! What the server knows about the request being answered, beyond its arguments: the client's
//! address, whether it is a plain form post, and secrets for private links.

use crate::error::AppError;
use std::net::IpAddr;

/// The client's address as the server decided it (the peer, or a trusted proxy's header), put
/// into every request's extensions by the server.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub IpAddr);

/// The address of the current request's client, for the audit log and the sign-in limits.
pub async fn client_address() -> Result<IpAddr, AppError> {
    let axum::Extension(ClientAddress(address)) =
        leptos_axum::extract::<axum::Extension<ClientAddress>>()
            .await
            .map_err(|e| AppError::internal("no client address on the request", e))?;
    Ok(address)
}

/// A secret for a private link: 24 random bytes as 48 hex digits.
pub fn random_token() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 24];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Whether `text` could be a token from [`random_token`].
pub fn is_token(text: &str) -> bool {
    text.len() == 48
        && text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// True when the request is a plain HTML form post (no JavaScript yet): its answer must be a
/// page to go to, not data.
pub fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// The fields of a multipart form named in `wanted`, as bytes by name (others are skipped); an
/// empty field counts as absent.
pub async fn multipart_fields(
    data: leptos::server_fn::codec::MultipartData,
    wanted: &[&str],
) -> Result<std::collections::HashMap<String, Vec<u8>>, AppError> {
    let bad = |e: &dyn std::fmt::Display| AppError::BadRequest(e.to_string());
    let mut fields = data.into_inner().ok_or_else(|| bad(&"not a form"))?;
    let mut found = std::collections::HashMap::new();
    while let Some(field) = fields.next_field().await.map_err(|e| bad(&e))? {
        let Some(name) = field.name().filter(|name| wanted.contains(name)) else {
            continue;
        };
        let name = name.to_owned();
        let bytes = field.bytes().await.map_err(|e| bad(&e))?;
        if !bytes.is_empty() {
            found.insert(name, bytes.to_vec());
        }
    }
    Ok(found)
}

/// The site's public origin (`https://loomeklaster.ee`), for absolute links in mail and feeds.
pub fn origin() -> String {
    leptos::prelude::use_context::<crate::components::frame::SiteOrigin>()
        .map(|origin| origin.0)
        .unwrap_or_default()
}
