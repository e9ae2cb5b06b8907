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

    /// What rate limits count this client under: its IPv4 address, or the /64 of its IPv6
    /// address (one household or server holds a whole /64, and can pick any address in it).
    pub fn rate_key(&self) -> String {
        match self.ip.as_deref().map(str::parse::<std::net::IpAddr>) {
            Some(Ok(std::net::IpAddr::V6(v6))) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
            Some(Ok(ip)) => ip.to_string(),
            _ => self.ip_or_unknown().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ClientInfo;

    fn key(ip: &str) -> String {
        ClientInfo {
            ip: Some(ip.into()),
            user_agent: None,
        }
        .rate_key()
    }

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:ffff:1:2:3"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(key("192.0.2.7"), "192.0.2.7");
        assert_eq!(key("not an address"), "not an address");
    }
}
