//! Accounts: the user as the wire shows it, and the parsed sign-up/sign-in input.
use serde::{Deserialize, Serialize};

use super::DomainError;

/// A user as the API and the pages show it. Never carries credentials.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub created_at: String,
}

/// An email address, trimmed and lower-cased so that uniqueness is case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let email = raw.trim().to_lowercase();
        let invalid = || DomainError::new("email", "Enter a valid email address, like name@example.com.");
        if email.is_empty() {
            return Err(DomainError::new("email", "Enter your email address."));
        }
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        if local.is_empty()
            || domain.contains('@')
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
        {
            return Err(invalid());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 8..=256 bytes, any characters, never truncated, not one of the commonest.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

pub const PASSWORD_MIN_BYTES: usize = 8;
pub const PASSWORD_MAX_BYTES: usize = 256;

/// The commonest passwords of breach corpora that are 8 characters or longer.
const COMMON_PASSWORDS: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "password",
    "password1",
    "password123",
    "qwertyuiop",
    "qwerty123",
    "11111111",
    "00000000",
    "iloveyou",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "welcome1",
    "abc12345",
    "1q2w3e4r",
    "1qaz2wsx",
    "qwerty12",
    "88888888",
    "87654321",
    "superman",
    "trustno1",
    "passw0rd",
    "starwars",
    "whatever",
    "computer",
    "michelle",
    "jennifer",
    "12341234",
    "aa123456",
    "123123123",
    "987654321",
    "qazwsxedc",
    "letmein1",
    "zaq12wsx",
    "q1w2e3r4",
    "password!",
    "changeme",
    "administrator",
    "asdfghjkl",
    "1234qwer",
    "11223344",
    "123qweasd",
    "iloveyou1",
    "monkey123",
    "dragon123",
    "master123",
];

impl NewPassword {
    pub fn parse(raw: String) -> Result<Self, DomainError> {
        if raw.len() < PASSWORD_MIN_BYTES {
            return Err(DomainError::new(
                "password",
                "Use at least 8 characters for your password.",
            ));
        }
        if raw.len() > PASSWORD_MAX_BYTES {
            return Err(DomainError::new(
                "password",
                "Use at most 256 characters for your password.",
            ));
        }
        if COMMON_PASSWORDS.contains(&raw.to_lowercase().as_str()) {
            return Err(DomainError::new(
                "password",
                "This password is one of the most common ones and easy to guess. Choose another.",
            ));
        }
        Ok(Self(raw))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A display name: optional, trimmed, at most 100 characters.
pub fn parse_name(raw: &str) -> Result<String, DomainError> {
    let name = raw.trim();
    if name.chars().count() > 100 {
        return Err(DomainError::new("name", "Use at most 100 characters for your name."));
    }
    if name.chars().any(char::is_control) {
        return Err(DomainError::new("name", "Your name cannot contain control characters."));
    }
    Ok(name.to_owned())
}

/// Where to go after signing in: only a same-site path, never another origin.
pub fn safe_next_path(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(|c| c.is_control() || c == '\\')
                && !path.starts_with("/api/") =>
        {
            path.to_owned()
        }
        _ => "/tasks".to_owned(),
    }
}

/// A signed-in browser, as the settings page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveSession {
    pub id: String,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: String,
    pub last_seen_at: String,
    pub current: bool,
}

/// An API token without its value (which is shown once, at creation).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
}

/// An app connected through OAuth (an MCP client), as `/settings` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectedApp {
    /// The grant's id: revoking it disconnects the app.
    pub id: String,
    /// The name the app registered with (its own claim).
    pub name: String,
    pub connected_at: String,
    pub last_used_at: Option<String>,
}

/// A token just created: the only time its value is shown.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub token: ApiToken,
    pub value: String,
}

/// The user's private calendar feed. `url` holds the secret address only in the answer that
/// made it (it is stored hashed, like a token); afterwards the feed shows as on since `created_at`.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeed {
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A token's name: trimmed, 1..=100 characters.
pub fn parse_token_name(raw: &str) -> Result<String, DomainError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(DomainError::new(
            "name",
            "Give the token a name, like \"laptop script\".",
        ));
    }
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(DomainError::new(
            "name",
            "Use at most 100 ordinary characters for the token name.",
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Ann@Example.COM ").unwrap().as_str(), "ann@example.com");
        for bad in [
            "",
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "a b@example.com",
            "a@@b.com",
            "a@b..com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn passwords_have_bounds_and_no_common_ones() {
        assert!(NewPassword::parse("short".into()).is_err());
        assert!(NewPassword::parse("password".into()).is_err());
        assert!(NewPassword::parse("x".repeat(257)).is_err());
        assert!(NewPassword::parse("x".repeat(256)).is_ok());
        assert!(NewPassword::parse("correct horse battery".into()).is_ok());
        // multi-byte characters count as bytes, and are kept whole
        assert_eq!(NewPassword::parse("ééééé".into()).unwrap().expose(), "ééééé");
    }

    #[test]
    fn next_paths_stay_on_site() {
        assert_eq!(safe_next_path(Some("/settings")), "/settings");
        assert_eq!(safe_next_path(Some("/tasks?status=open")), "/tasks?status=open");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "tasks",
            "/api/v1/me",
        ] {
            assert_eq!(safe_next_path(Some(bad)), "/tasks", "{bad}");
        }
        assert_eq!(safe_next_path(None), "/tasks");
    }
}
