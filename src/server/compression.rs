//! Answers built per request (pages, JSON, the calendar feed) go out compressed to clients that
//! accept it: brotli, else gzip.
//!
//! This replaces tower-http's `CompressionLayer` for one reason: it starts every brotli stream
//! with brotli's default 4 MiB window, and as soon as an answer reaches the encoder in more than
//! one piece (a page Leptos streams) the encoder allocates and zeroes an 8 MiB ring buffer — a
//! third of what compressing a 120 KB page cost (`benches/RESULTS.md`). Here the window fits
//! the answer: as large as a body of known length (at most 256 KiB), 256 KiB for a page streamed
//! as it renders. Brotli's quality stays 4 (what
//! nginx and tower-http use on the fly); gzip keeps its default level.
//!
//! Not compressed: answers under 1 KB, the event streams (each event must leave at once), what
//! is already encoded (the static files' precompressed twins, see `assets`), partial content,
//! and anything that is not text, JSON, XML, JavaScript or WebAssembly.
use std::io;

use async_compression::tokio::bufread::{BrotliEncoder, GzipEncoder};
use async_compression::Level;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use futures::TryStreamExt;
use http::header::{self, HeaderMap, HeaderValue};
use http::{Method, StatusCode};
use tokio_util::io::{ReaderStream, StreamReader};

/// Smaller answers are not worth compressing (the headers alone are a few hundred bytes).
const COMPRESS_ABOVE_BYTES: u64 = 1024;
/// Brotli's quality on the fly.
const BROTLI_QUALITY: i32 = 4;
/// The largest brotli window used (2^18 = 256 KiB): a page's repetitions are much closer than
/// that, and the encoder's buffers grow with it.
const MAX_WINDOW_BITS: i32 = 18;
/// The smallest window brotli allows.
const MIN_WINDOW_BITS: i32 = 10;

/// A content coding this server writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Brotli,
    Gzip,
}

impl Coding {
    fn name(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        }
    }
}

/// The coding to answer with, from the request's `Accept-Encoding` (RFC 9110 §12.5.3): the
/// accepted one with the highest weight, brotli on a tie; `None` when neither is accepted.
fn preferred(headers: &HeaderMap) -> Option<Coding> {
    let mut brotli: Option<f32> = None;
    let mut gzip: Option<f32> = None;
    let mut any: Option<f32> = None;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let mut weight = 1.0_f32;
            for param in parts {
                if let Some((key, value)) = param.split_once('=') {
                    if key.trim().eq_ignore_ascii_case("q") {
                        weight = value.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            if !(0.0..=1.0).contains(&weight) {
                weight = 0.0;
            }
            let slot = if name.eq_ignore_ascii_case("br") {
                &mut brotli
            } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                &mut gzip
            } else if name == "*" {
                &mut any
            } else {
                continue;
            };
            *slot = Some(slot.map_or(weight, |w: f32| w.max(weight)));
        }
    }
    let brotli = brotli.or(any).unwrap_or(0.0);
    let gzip = gzip.or(any).unwrap_or(0.0);
    if brotli > 0.0 && brotli >= gzip {
        Some(Coding::Brotli)
    } else if gzip > 0.0 {
        Some(Coding::Gzip)
    } else {
        None
    }
}

/// Whether an answer of this type is worth compressing: text (but not an event stream), JSON,
/// XML, JavaScript and WebAssembly (a static file without its precompressed twin, as in a debug
/// build).
fn compressible(headers: &HeaderMap) -> bool {
    let Some(kind) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = kind.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence == "text/event-stream" {
        return false;
    }
    essence.starts_with("text/")
        || essence == "application/json"
        || essence == "application/javascript"
        || essence == "application/xml"
        || essence == "application/wasm"
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
}

/// The answer's length, when it is known: its body's exact size (a body built in one piece) or
/// its `Content-Length`.
fn length(response: &Response) -> Option<u64> {
    use axum::body::HttpBody as _;
    response.body().size_hint().exact().or_else(|| {
        response
            .headers()
            .get(header::CONTENT_LENGTH)?
            .to_str()
            .ok()?
            .parse()
            .ok()
    })
}

/// The brotli window for a body of `length` bytes (`None`: streamed, length unknown).
fn window_bits(length: Option<u64>) -> i32 {
    match length {
        Some(n) => {
            // the smallest power of two holding the body (plus brotli's 16 bytes of slack)
            let bits = 64 - n.saturating_add(16).saturating_sub(1).leading_zeros() as i32;
            bits.clamp(MIN_WINDOW_BITS, MAX_WINDOW_BITS)
        }
        None => MAX_WINDOW_BITS,
    }
}

/// The middleware: compresses the answer when the client accepts it and it is worth it.
pub async fn compress(request: Request, next: Next) -> Response {
    let coding = if request.method() == Method::HEAD {
        None
    } else {
        preferred(request.headers())
    };
    let mut response = next.run(request).await;
    let headers = response.headers();
    let status = response.status();
    if !compressible(headers)
        || headers.contains_key(header::CONTENT_ENCODING)
        || headers.contains_key(header::CONTENT_RANGE)
        || status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED
    {
        return response;
    }
    let length = length(&response);
    if length.is_some_and(|n| n < COMPRESS_ABOVE_BYTES) {
        return response;
    }
    // the answer now depends on Accept-Encoding, whether or not this client gets it compressed
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    let Some(coding) = coding else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ACCEPT_RANGES);
    parts
        .headers
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding.name()));
    let reader = StreamReader::new(body.into_data_stream().map_err(io::Error::other));
    let body = match coding {
        Coding::Brotli => {
            let mut params = async_compression::brotli::EncoderParams::default()
                .quality(Level::Precise(BROTLI_QUALITY))
                .window_size(window_bits(length))
                .text_mode();
            if let Some(n) = length.and_then(|n| usize::try_from(n).ok()) {
                params = params.size_hint(n);
            }
            Body::from_stream(ReaderStream::new(BrotliEncoder::with_params(reader, params)))
        }
        Coding::Gzip => Body::from_stream(ReaderStream::new(GzipEncoder::new(reader))),
    };
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn the_coding_follows_the_clients_weights() {
        assert_eq!(preferred(&HeaderMap::new()), None);
        assert_eq!(preferred(&accept("br, gzip")), Some(Coding::Brotli));
        assert_eq!(preferred(&accept("gzip, deflate, br, zstd")), Some(Coding::Brotli));
        assert_eq!(preferred(&accept("gzip")), Some(Coding::Gzip));
        assert_eq!(preferred(&accept("GZIP")), Some(Coding::Gzip));
        assert_eq!(preferred(&accept("br;q=0.5, gzip;q=0.8")), Some(Coding::Gzip));
        assert_eq!(preferred(&accept("br;q=0, gzip")), Some(Coding::Gzip));
        assert_eq!(preferred(&accept("br; q=0 , gzip;q=0")), None);
        assert_eq!(preferred(&accept("identity")), None);
        assert_eq!(preferred(&accept("deflate, zstd")), None);
        assert_eq!(preferred(&accept("*")), Some(Coding::Brotli));
        assert_eq!(preferred(&accept("*;q=0.1, br;q=0")), Some(Coding::Gzip));
        assert_eq!(preferred(&accept("br;q=2, gzip;q=abc")), None);
        let mut two = accept("br;q=0");
        two.append(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        assert_eq!(preferred(&two), Some(Coding::Gzip));
    }

    #[test]
    fn the_window_fits_the_body() {
        assert_eq!(window_bits(None), 18);
        assert_eq!(window_bits(Some(0)), 10);
        assert_eq!(window_bits(Some(1008)), 10);
        assert_eq!(window_bits(Some(1009)), 11);
        assert_eq!(window_bits(Some(26_639)), 15);
        assert_eq!(window_bits(Some(120_000)), 17);
        assert_eq!(window_bits(Some(u64::MAX)), 18);
    }

    #[test]
    fn only_text_json_xml_javascript_and_wasm_are_compressible() {
        let typed = |kind: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            compressible(&headers)
        };
        assert!(typed("text/html; charset=utf-8"));
        assert!(typed("application/json"));
        assert!(typed("application/problem+json"));
        assert!(typed("text/calendar; charset=utf-8"));
        assert!(typed("application/javascript"));
        assert!(!typed("text/event-stream"));
        assert!(!typed("Text/Event-Stream; charset=utf-8"));
        assert!(!typed("image/png"));
        assert!(typed("application/wasm"));
        assert!(!typed("application/octet-stream"));
        assert!(!compressible(&HeaderMap::new()));
    }
}
