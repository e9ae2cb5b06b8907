//! The client's address and user agent, for rate limits and the sessions list.
use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use http::request::Parts;

#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl ClientInfo {
    /// With `trust_proxy`, the last address of `X-Forwarded-For` (the one our proxy added);
    /// otherwise the peer address of the connection.
    pub fn from_parts(parts: &Parts, trust_proxy: bool) -> Self {
        let forwarded = trust_proxy
            .then(|| parts.headers.get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty());
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string());
        let user_agent = parts
            .headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(512).collect());
        Self {
            ip: forwarded.or(peer),
            user_agent,
        }
    }

    pub fn ip_or_unknown(&self) -> &str {
        self.ip.as_deref().unwrap_or("unknown")
    }
}
