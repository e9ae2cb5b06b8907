//! A message draft kept in the browser's local storage, so text typed before a session expired
//! is still there after signing in again. Without JavaScript there is nothing to keep.

/// The draft saved under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten().filter(|d| !d.is_empty())
}

pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = if value.is_empty() {
            s.remove_item(key)
        } else {
            s.set_item(key, value)
        };
    }
}

pub fn clear(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Forgets every draft whose key starts with `prefix` (at sign-out: the next person on this
/// browser must not find them).
pub fn clear_all(prefix: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let keys: Vec<String> = (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .collect();
        for key in keys {
            let _ = s.remove_item(&key);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = prefix;
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(not(feature = "hydrate"))]
fn storage() -> Option<NoStorage> {
    None
}

/// Stands in for `web_sys::Storage` on the server, where there is none.
#[cfg(not(feature = "hydrate"))]
pub struct NoStorage;

#[cfg(not(feature = "hydrate"))]
impl NoStorage {
    fn get_item(&self, _: &str) -> Result<Option<String>, ()> {
        Ok(None)
    }
    fn set_item(&self, _: &str, _: &str) -> Result<(), ()> {
        Ok(())
    }
    fn remove_item(&self, _: &str) -> Result<(), ()> {
        Ok(())
    }
}
