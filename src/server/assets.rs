//! The static files under `/pkg` (the wasm bundle, its JavaScript loader, the stylesheet): the
//! brotli or gzip twin a release build made with `--precompress` goes to a browser that accepts
//! it, and files whose names carry a content hash (`hash-files`, read from `LEPTOS_HASH_FILES`)
//! are cached for a year as immutable. Without hashes (the tests, a debug build run by hand) a
//! browser revalidates them instead.
use std::path::PathBuf;
use std::sync::OnceLock;

use axum::Router;
use http::{header, HeaderValue};
use leptos::config::LeptosOptions;
use tower::Layer;
use tower_http::services::ServeDir;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

use super::state::AppState;

/// What never changes under its name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// What may change under its name: a browser asks first (a 304 is cheap).
pub const REVALIDATE: &str = "no-cache";

/// `/pkg/…`, served from the site's package directory.
pub fn router(options: &LeptosOptions) -> Router<AppState> {
    let dir = PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    Router::new().nest_service(&format!("/{}", options.site_pkg_dir), files(dir, options.hash_files))
}

/// The files of `dir`, their precompressed twins preferred, with the caching their names allow.
fn files(dir: PathBuf, hashed_names: bool) -> SetResponseHeader<ServeDir, HeaderValue> {
    let cache = if hashed_names { IMMUTABLE } else { REVALIDATE };
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(cache))
        .layer(ServeDir::new(dir).precompressed_br().precompressed_gzip())
}

/// The stylesheet's address, hashed name included: for pages rendered outside Leptos (the
/// error pages) and for the shell's `<link>`. The hash file is read once.
pub fn stylesheet_href(options: &LeptosOptions) -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        let hash = options
            .hash_files
            .then(|| read_hash(&options.hash_file, "css"))
            .flatten();
        match hash {
            Some(hash) => format!("/{}/{}.{hash}.css", options.site_pkg_dir, options.output_name),
            None => format!("/{}/{}.css", options.site_pkg_dir, options.output_name),
        }
    })
}

/// The wasm files a page loaded on demand needs (`cargo leptos --split`, src/app.rs): its chunk
/// and the chunks it shares with others, as addresses under `/pkg`, for the shell's
/// `<link rel="preload">`s, so the browser fetches them alongside the main bundle instead of
/// after it has started. `view` is the start of the split point's name in cargo-leptos'
/// manifest (`__chat_route_view_` for `ChatRoute`). Empty without a split build.
pub fn lazy_chunks(options: &LeptosOptions, view: &str) -> Vec<String> {
    static MANIFEST: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    let manifest = MANIFEST.get_or_init(|| {
        let name = match options
            .hash_files
            .then(|| read_hash(&options.hash_file, "manifest"))
            .flatten()
        {
            Some(hash) => format!("__wasm_split_manifest.{hash}.json"),
            None => "__wasm_split_manifest.json".to_owned(),
        };
        let path = PathBuf::from(options.site_root.as_ref())
            .join(options.site_pkg_dir.as_ref())
            .join(name);
        std::fs::read(&path)
            .ok()
            .and_then(|bytes| parse_manifest(&bytes))
            .unwrap_or_default()
    });
    manifest
        .iter()
        .filter(|(key, _)| key.starts_with(view))
        .flat_map(|(_, files)| files.iter())
        .map(|file| format!("/{}/{file}.wasm", options.site_pkg_dir))
        .collect()
}

/// cargo-leptos' split manifest: `{"<split point>": ["<wasm file without .wasm>", …], …}`.
fn parse_manifest(bytes: &[u8]) -> Option<Vec<(String, Vec<String>)>> {
    let map: std::collections::BTreeMap<String, Vec<String>> = serde_json::from_slice(bytes).ok()?;
    Some(map.into_iter().collect())
}

/// A page rendered without Leptos (when the app cannot answer, or a request cannot be shown at
/// all): the heading, one message (escaped here), one way on, and the stylesheet.
pub fn plain_page(
    options: &LeptosOptions,
    status: http::StatusCode,
    heading: &str,
    message: &str,
    link: (&str, &str),
) -> axum::response::Response {
    use axum::response::{Html, IntoResponse};
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Taskpilot</title><link rel=\"stylesheet\" href=\"{}\"></head>\
         <body><main class=\"card\"><h1>{}</h1><p role=\"alert\">{}</p>\
         <p><a class=\"button\" href=\"{}\">{}</a></p></main></body></html>",
        stylesheet_href(options),
        escape(heading),
        escape(message),
        escape(link.0),
        escape(link.1),
    );
    (status, Html(html)).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// With hashed names on, the hash file must be there: without it every page would point at
/// files that do not exist (and Leptos' own script tags would fail to render).
pub fn check(options: &LeptosOptions) -> anyhow::Result<()> {
    if !options.hash_files {
        return Ok(());
    }
    let exe = std::env::current_exe()?;
    let path = exe
        .parent()
        .map(|dir| dir.join(options.hash_file.as_ref()))
        .unwrap_or_default();
    if path.is_file() {
        Ok(())
    } else {
        anyhow::bail!(
            "LEPTOS_HASH_FILES is on but {} is missing: copy the hash file cargo-leptos wrote beside \
             the executable, or set LEPTOS_HASH_FILES=false",
            path.display()
        )
    }
}

/// One file's hash from cargo-leptos' hash file (`css: 1a2b…` lines), which sits beside the
/// server's executable.
fn read_hash(hash_file: &str, kind: &str) -> Option<String> {
    let path = std::env::current_exe().ok()?.parent()?.join(hash_file);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| tracing::warn!(path = %path.display(), error = %e, "no hash file: unhashed asset names"))
        .ok()?;
    text.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    async fn cache_control(hashed_names: bool) -> (http::StatusCode, String) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("taskpilot.0123abcd.js"), "export {}").unwrap();
        let request = http::Request::get("/taskpilot.0123abcd.js")
            .body(axum::body::Body::empty())
            .unwrap();
        let res = files(dir.path().to_owned(), hashed_names)
            .oneshot(request)
            .await
            .unwrap();
        (
            res.status(),
            res.headers()[header::CACHE_CONTROL].to_str().unwrap().to_owned(),
        )
    }

    #[tokio::test]
    async fn hashed_names_are_cached_for_a_year_others_revalidated() {
        assert_eq!(cache_control(true).await, (http::StatusCode::OK, IMMUTABLE.to_owned()));
        assert_eq!(
            cache_control(false).await,
            (http::StatusCode::OK, REVALIDATE.to_owned())
        );
    }

    #[test]
    fn a_split_manifest_names_each_page_s_files() {
        let manifest = br#"{"__chat_route_view_1241":["chunk_4.aa","split___chat_route_view_1241.bb"],
            "__settings_route_view_4840":["chunk_4.aa"]}"#;
        let parsed = parse_manifest(manifest).unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].0, "__chat_route_view_1241");
        assert_eq!(parsed[0].1, ["chunk_4.aa", "split___chat_route_view_1241.bb"]);
        assert_eq!(parse_manifest(b"not json"), None);
    }

    #[tokio::test]
    async fn plain_pages_escape_what_they_show() {
        let options = LeptosOptions::builder().output_name("taskpilot").build();
        let res = plain_page(
            &options,
            http::StatusCode::BAD_REQUEST,
            "<b>",
            "a \"quoted\" <script>",
            ("/x?a=1&b=2", "Back"),
        );
        assert_eq!(res.status(), http::StatusCode::BAD_REQUEST);
        let body = axum::body::to_bytes(res.into_body(), 1 << 16).await.unwrap();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(html.contains("<h1>&lt;b&gt;</h1>"), "{html}");
        assert!(html.contains("a &quot;quoted&quot; &lt;script&gt;"), "{html}");
        assert!(html.contains("href=\"/x?a=1&amp;b=2\""), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }
}
