//! API token values: `tp_` and 32 random bytes in base64url; only their SHA-256 is stored.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::error::AppError;

pub fn generate_token() -> Result<String, AppError> {
    Ok(format!("tp_{}", random_part(32)?))
}

/// `len` random bytes in base64url: the secret part of every token, code and client id.
pub fn random_part(len: usize) -> Result<String, AppError> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|e| {
        tracing::error!(error = %e, "no randomness for a token");
        AppError::Internal
    })?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

pub fn hash_token(value: &str) -> String {
    hex(&Sha256::digest(value.as_bytes()))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_random_and_hashed() {
        let a = super::generate_token().unwrap();
        let b = super::generate_token().unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("tp_") && a.len() == 46);
        assert_eq!(super::hash_token(&a).len(), 64);
        assert_ne!(super::hash_token(&a), super::hash_token(&b));
    }
}
