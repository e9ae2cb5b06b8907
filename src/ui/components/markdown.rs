//! The assistant's replies as Markdown, safely: a small reader for the Markdown a chat reply
//! uses (paragraphs, line breaks, lists, headings, quotes, code, bold, italics, links) that
//! builds DOM nodes, never HTML text. Raw HTML stays text; images are shown as links and never
//! loaded; only http(s), mailto and same-site links are links at all. The same code renders on
//! the server and in the browser, so hydration matches.
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    Heading(Vec<Inline>),
    Quote(Vec<Inline>),
    List { ordered: bool, items: Vec<Vec<Inline>> },
    Code(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Code(String),
    /// `href` is checked: see [`safe_href`].
    Link {
        text: String,
        href: String,
    },
    Break,
}

/// Reads `source` into blocks.
pub fn parse(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut lines = source.lines().peekable();
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inline_lines(paragraph)));
            paragraph.clear();
        }
    };
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            flush(&mut paragraph, &mut blocks);
            let mut code = Vec::new();
            for inner in lines.by_ref() {
                if inner.trim_start().starts_with("```") {
                    break;
                }
                code.push(inner);
            }
            blocks.push(Block::Code(code.join("\n")));
        } else if trimmed.is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else if let Some(text) = heading(trimmed) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Heading(inline(text)));
        } else if let Some(text) = trimmed.strip_prefix('>') {
            flush(&mut paragraph, &mut blocks);
            let mut quoted = vec![text.trim_start()];
            while let Some(next) = lines.peek().and_then(|l| l.trim_start().strip_prefix('>')) {
                quoted.push(next.trim_start());
                lines.next();
            }
            blocks.push(Block::Quote(inline_lines(&quoted)));
        } else if let Some((ordered, text)) = list_item(trimmed) {
            flush(&mut paragraph, &mut blocks);
            let mut items = vec![inline(text)];
            while let Some((_, next)) = lines
                .peek()
                .and_then(|l| list_item(l.trim_start()))
                .filter(|(o, _)| *o == ordered)
            {
                items.push(inline(next));
                lines.next();
            }
            blocks.push(Block::List { ordered, items });
        } else {
            paragraph.push(line.trim());
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

fn heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    (1..=6)
        .contains(&hashes)
        .then(|| line[hashes..].strip_prefix(' '))
        .flatten()
}

/// `- item`, `* item`, `+ item` or `1. item` / `1) item`.
fn list_item(line: &str) -> Option<(bool, &str)> {
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some((false, rest.trim_start()));
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((true, rest.trim_start()));
        }
    }
    None
}

/// Lines of one paragraph, with a break between them (a chat's newline is meant).
fn inline_lines(lines: &[&str]) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push(Inline::Break);
        }
        out.extend(inline(line));
    }
    out
}

/// Reads bold, italics, code spans, links and escapes in one line.
pub fn inline(text: &str) -> Vec<Inline> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    let push_plain = |plain: &mut String, out: &mut Vec<Inline>| {
        if !plain.is_empty() {
            out.push(Inline::Text(std::mem::take(plain)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let rest = &chars[i..];
        if c == '\\' && i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() {
            plain.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '`' {
            if let Some(end) = find(&chars, i + 1, &['`']) {
                push_plain(&mut plain, &mut out);
                out.push(Inline::Code(chars[i + 1..end].iter().collect()));
                i = end + 1;
                continue;
            }
        }
        if starts(rest, &['*', '*']) || starts(rest, &['_', '_']) {
            let marker = [c, c];
            if let Some(end) = find(&chars, i + 2, &marker).filter(|end| *end > i + 2) {
                push_plain(&mut plain, &mut out);
                let inner: String = chars[i + 2..end].iter().collect();
                out.push(Inline::Strong(inline(&inner)));
                i = end + 2;
                continue;
            }
        }
        let opens_emphasis = (c == '*' || (c == '_' && (i == 0 || !chars[i - 1].is_alphanumeric())))
            && chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
        if opens_emphasis {
            let closing = find(&chars, i + 1, &[c]).filter(|end| {
                *end > i + 1
                    && !chars[end - 1].is_whitespace()
                    && (c == '*' || chars.get(end + 1).is_none_or(|n| !n.is_alphanumeric()))
            });
            if let Some(end) = closing {
                push_plain(&mut plain, &mut out);
                let inner: String = chars[i + 1..end].iter().collect();
                out.push(Inline::Emphasis(inline(&inner)));
                i = end + 1;
                continue;
            }
        }
        let image = c == '!' && chars.get(i + 1) == Some(&'[');
        if c == '[' || image {
            let open = if image { i + 1 } else { i };
            if let Some((label, href, end)) = link_at(&chars, open) {
                push_plain(&mut plain, &mut out);
                let label = if image && label.is_empty() {
                    "image".to_owned()
                } else {
                    label
                };
                match safe_href(&href) {
                    Some(href) => out.push(Inline::Link { text: label, href }),
                    None => out.push(Inline::Text(label)),
                }
                i = end;
                continue;
            }
        }
        plain.push(c);
        i += 1;
    }
    push_plain(&mut plain, &mut out);
    out
}

fn starts(chars: &[char], prefix: &[char]) -> bool {
    chars.len() >= prefix.len() && &chars[..prefix.len()] == prefix
}

/// The index where `marker` next starts at or after `from`.
fn find(chars: &[char], from: usize, marker: &[char]) -> Option<usize> {
    (from..chars.len()).find(|&j| starts(&chars[j..], marker))
}

/// `[label](href)` starting at `open` (the `[`): the label, the href and the index after `)`.
fn link_at(chars: &[char], open: usize) -> Option<(String, String, usize)> {
    let close = find(chars, open + 1, &[']'])?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    // the target may hold balanced parentheses: `[x](https://en.wikipedia.org/wiki/Rust_(language))`
    let mut depth = 0usize;
    let end = (close + 2..chars.len()).find(|&j| match chars[j] {
        '(' => {
            depth += 1;
            false
        }
        ')' if depth == 0 => true,
        ')' => {
            depth -= 1;
            false
        }
        _ => false,
    })?;
    let label: String = chars[open + 1..close].iter().collect();
    let href: String = chars[close + 2..end].iter().collect();
    Some((label, href.trim().to_owned(), end + 1))
}

/// A link target that is safe to follow: http(s), mailto, or a path on this site.
pub fn safe_href(href: &str) -> Option<String> {
    let lower = href.to_ascii_lowercase();
    let allowed = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || (href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/\\"));
    (allowed && !href.chars().any(|c| c.is_whitespace() || c.is_control())).then(|| href.to_owned())
}

fn render_inline(items: Vec<Inline>) -> AnyView {
    items
        .into_iter()
        .map(|item| match item {
            Inline::Text(text) => text.into_any(),
            Inline::Strong(inner) => view! { <strong>{render_inline(inner)}</strong> }.into_any(),
            Inline::Emphasis(inner) => view! { <em>{render_inline(inner)}</em> }.into_any(),
            Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
            Inline::Link { text, href } => {
                let external = !href.starts_with('/');
                view! {
                    <a href=href rel="noopener noreferrer nofollow" target=external.then_some("_blank")>{text}</a>
                }
                .into_any()
            }
            Inline::Break => view! { <br/> }.into_any(),
        })
        .collect_view()
        .into_any()
}

/// Renders `source` as Markdown, safely.
#[component]
pub fn Markdown(#[prop(into)] source: String) -> impl IntoView {
    parse(&source)
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(inline) => view! { <p>{render_inline(inline)}</p> }.into_any(),
            Block::Heading(inline) => view! { <p class="md-heading">{render_inline(inline)}</p> }.into_any(),
            Block::Quote(inline) => view! { <blockquote>{render_inline(inline)}</blockquote> }.into_any(),
            Block::Code(code) => view! { <pre><code>{code}</code></pre> }.into_any(),
            Block::List { ordered: true, items } => view! {
                <ol>{items.into_iter().map(|i| view! { <li>{render_inline(i)}</li> }).collect_view()}</ol>
            }
            .into_any(),
            Block::List { ordered: false, items } => view! {
                <ul>{items.into_iter().map(|i| view! { <li>{render_inline(i)}</li> }).collect_view()}</ul>
            }
            .into_any(),
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    fn text(s: &str) -> Inline {
        Text(s.to_owned())
    }

    #[test]
    fn blocks() {
        let doc = "# Today\nYou have **3** tasks:\n\n1. Buy milk\n2) Call mom\n- a\n* b\n\n> quoted\n> more\n```\n<b>x</b>\n```\nlast";
        assert_eq!(
            parse(doc),
            vec![
                Block::Heading(vec![text("Today")]),
                Block::Paragraph(vec![text("You have "), Strong(vec![text("3")]), text(" tasks:")]),
                Block::List {
                    ordered: true,
                    items: vec![vec![text("Buy milk")], vec![text("Call mom")]]
                },
                Block::List {
                    ordered: false,
                    items: vec![vec![text("a")], vec![text("b")]]
                },
                Block::Quote(vec![text("quoted"), Break, text("more")]),
                Block::Code("<b>x</b>".into()),
                Block::Paragraph(vec![text("last")]),
            ]
        );
        assert_eq!(
            parse("line one\nline two"),
            vec![Block::Paragraph(vec![text("line one"), Break, text("line two")])]
        );
        assert_eq!(parse(""), vec![]);
        assert_eq!(parse("```\nunclosed"), vec![Block::Code("unclosed".into())]);
    }

    #[test]
    fn inlines() {
        assert_eq!(
            inline("a *b* _c_ `d*e*`"),
            vec![
                text("a "),
                Emphasis(vec![text("b")]),
                text(" "),
                Emphasis(vec![text("c")]),
                text(" "),
                Code("d*e*".into())
            ]
        );
        assert_eq!(
            inline("**bold _and_ it**"),
            vec![Strong(vec![text("bold "), Emphasis(vec![text("and")]), text(" it")])]
        );
        // snake_case, lone stars, arithmetic and escapes stay text
        assert_eq!(inline("call my_task_list"), vec![text("call my_task_list")]);
        assert_eq!(inline("2 * 3 * 4"), vec![text("2 * 3 * 4")]);
        assert_eq!(inline("\\*not\\*"), vec![text("*not*")]);
        assert_eq!(inline("**"), vec![text("**")]);
        assert_eq!(
            inline("unclosed `code and [link"),
            vec![text("unclosed `code and [link")]
        );
    }

    #[test]
    fn links_are_checked_and_images_never_load() {
        assert_eq!(
            inline("see [docs](https://example.com/a)"),
            vec![
                text("see "),
                Link {
                    text: "docs".into(),
                    href: "https://example.com/a".into()
                }
            ]
        );
        assert_eq!(
            inline("[tasks](/tasks)"),
            vec![Link {
                text: "tasks".into(),
                href: "/tasks".into()
            }]
        );
        assert_eq!(
            inline("![x](http://evil.example/t.png)"),
            vec![Link {
                text: "x".into(),
                href: "http://evil.example/t.png".into()
            }]
        );
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,hi",
            "//evil.example",
            "vbscript:x",
            "/\\evil.example",
        ] {
            assert_eq!(inline(&format!("[click]({bad})")), vec![text("click")], "{bad}");
        }
    }

    #[test]
    fn html_is_text() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            vec![text("<script>alert(1)</script>")]
        );
        assert_eq!(
            inline("<img src=x onerror=alert(1)>"),
            vec![text("<img src=x onerror=alert(1)>")]
        );
    }
}
