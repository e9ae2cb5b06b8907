//! What the OAuth consent page shows and posts: the authorization request's parameters as a
//! client sends them (RFC 6749 §4.1.1 with RFC 7636's PKCE and RFC 8707's resource), and what the
//! server found out about the client that asks.
use serde::{Deserialize, Serialize};

/// The query of `/oauth/authorize`, unparsed: the server checks every field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizeParams {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub state: Option<String>,
    pub scope: Option<String>,
    pub resource: Option<String>,
}

impl AuthorizeParams {
    /// The fields as `(name, value)` pairs, for hidden form inputs and query strings.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("response_type", &self.response_type),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
            ("state", &self.state),
            ("scope", &self.scope),
            ("resource", &self.resource),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.clone().map(|v| (name, v)))
        .collect()
    }
}

/// What the consent page asks the user about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentDetails {
    /// The name the client registered with: its own claim.
    pub client_name: String,
    /// Where the browser goes back to (the host of the redirect URI).
    pub redirect_host: String,
    /// What the app may do, in words.
    pub abilities: Vec<String>,
    /// The request as checked, to post back with the decision.
    pub params: AuthorizeParams,
    /// The signed-in user's email, so they know which account they connect.
    pub email: String,
}

/// What the consent page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Consent {
    Ask(Box<ConsentDetails>),
    /// The request cannot be answered to its client (unknown client, unregistered redirect).
    Refused(String),
    /// The browser is sent back to the client with an error.
    Redirecting,
}
