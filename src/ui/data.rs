//! The pages' data: resources that load through server functions and are carried into the page
//! for hydration.
//!
//! The browser reads a resource's value twice over: from the page, when it hydrates, and from a
//! server function's answer, when it loads it again. Leptos' default codec reads the first with
//! `serde_json::from_str` and server functions read the second with `serde_json::from_slice`:
//! two readers, so every type a page shows (the dashboard, its tasks, the projects, the
//! notifications, the user) had its JSON decoding compiled into the bundle twice. [`Json`] reads
//! the page's copy with `from_slice` too, and the bundle carries each decoder once.
use std::future::Future;

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};

/// JSON, written as Leptos' default codec writes it and read as server functions read theirs.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

/// A page's resource, in [`Json`].
pub type Data<T> = Resource<T, Json>;

/// [`Resource::new`] in [`Json`]: loads `fetcher(source())` again whenever `source()` changes.
#[track_caller]
pub fn data<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Data<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_what_the_default_codec_writes() {
        let value: Result<Option<Vec<(String, i64)>>, String> = Ok(Some(vec![("é \"x\"\n".into(), -3)]));
        let written = <Json as Encoder<_>>::encode(&value).expect("encode");
        let default = <leptos::server::codee::string::JsonSerdeCodec as Encoder<_>>::encode(&value).expect("encode");
        assert_eq!(written, default);
        let read: Result<Option<Vec<(String, i64)>>, String> = <Json as Decoder<_>>::decode(&written).expect("decode");
        assert_eq!(read, value);
        assert!(<Json as Decoder<Vec<i64>>>::decode("[1,").is_err());
    }
}
