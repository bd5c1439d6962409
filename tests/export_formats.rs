//! `recall export` in each format: Markdown, a self-contained HTML page (rendered in a real
//! headless Chromium where one is installed), and JSON keeping the stored text; redaction.

use std::path::Path;
use std::process::Command;

use recall::export::{Format, Redaction, render};
use recall::store::{Event, Session, Store};
use serde_json::{Value, json};

/// A made-up GitHub token, built at run time.
fn token() -> String {
    format!("ghp_{}", "A1b2C3d4E5f6".repeat(3))
}

fn conversation(store: &Store) -> (Session, Vec<Event>) {
    let session = store.create_session("Dinner <b>in</b> Lyon").expect("session");
    let events = [
        json!({"role": "user", "content": "Where should we eat in Lyon? <script>alert(1)</script> <img src=\"https://evil.example/x.png\">"}),
        json!({"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
            "function": {"name": "search_places", "arguments": "{\"city\": \"Lyon\"}"}}]}),
        json!({"role": "tool", "tool_call_id": "call_1", "content": format!("Le Bouchon des Filles\nGITHUB_TOKEN={}", token())}),
        json!({"role": "assistant", "content": "Try **Le Bouchon des Filles** & book ahead."}),
    ];
    store.add_events(&session.id, &events).expect("events");
    let session = store.get_session(&session.id).expect("read back");
    let events = store.events(&session.id).expect("events");
    (session, events)
}

const SECRETS: Redaction = Redaction { secrets: true, paths: false };

#[test]
fn markdown_holds_every_block_and_redacts_when_asked() {
    let store = Store::open_in_memory().expect("store");
    let (session, events) = conversation(&store);
    let plain = render(&session, &events, Format::Markdown, Redaction::NONE).expect("md");
    assert!(plain.starts_with("# Dinner <b>in</b> Lyon\n"), "{plain}");
    for text in [
        "### You",
        "Where should we eat in Lyon?",
        "### Tool call: search_places (call_1) → result #3",
        "### Tool result: search_places (call #2)",
        "Try **Le Bouchon des Filles**",
    ] {
        assert!(plain.contains(text), "missing {text:?} in {plain}");
    }
    assert!(plain.contains(&token()));
    let redacted = render(&session, &events, Format::Markdown, SECRETS).expect("md");
    assert!(!redacted.contains(&token()) && redacted.contains("GITHUB_TOKEN=[REDACTED:github]"), "{redacted}");
}

#[test]
fn json_keeps_each_stored_event_byte_for_byte_and_adds_blocks() {
    let store = Store::open_in_memory().expect("store");
    let (session, events) = conversation(&store);
    let text = render(&session, &events, Format::Json, Redaction::NONE).expect("json");
    for event in &events {
        assert!(text.contains(&event.content), "event #{} re-serialised", event.seq);
    }
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["id"], json!(session.id));
    assert_eq!(value["events"].as_array().expect("events").len(), 4);
    assert_eq!(
        value["events"][1]["blocks"],
        json!([{"type": "tool_call", "id": "call_1", "name": "search_places", "arguments": "{\n  \"city\": \"Lyon\"\n}"}])
    );
    assert_eq!(value["events"][2]["blocks"][0]["type"], json!("tool_result"));
    let redacted: Value =
        serde_json::from_str(&render(&session, &events, Format::Json, SECRETS).expect("json")).expect("valid JSON");
    let tool = redacted["events"][2]["content"]["content"].as_str().expect("content");
    assert_eq!(tool, "Le Bouchon des Filles\nGITHUB_TOKEN=[REDACTED:github]");
    assert!(!redacted.to_string().contains(&token()));
}

fn html(redaction: Redaction) -> String {
    let store = Store::open_in_memory().expect("store");
    let (session, events) = conversation(&store);
    render(&session, &events, Format::Html, redaction).expect("html")
}

/// No markup that would run code or reach the network. Text is escaped, so every `<` opens
/// a real tag; the conversation's own text may mention URLs.
fn assert_inert(page: &str) {
    let lower = page.to_lowercase();
    for tag in lower.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or_default()) {
        for element in ["script", "img", "link", "iframe", "object", "embed", "audio", "video", "base"] {
            assert!(!tag.starts_with(element), "<{tag}> in the page");
        }
        let words = || tag.split_whitespace().skip(1);
        assert!(!words().any(|word| word.starts_with("src=") || word.starts_with("href=")), "<{tag}> in the page");
        assert!(!words().any(|word| word.starts_with("on") && word.contains('=')), "<{tag}> in the page");
        assert!(!tag.contains("://"), "<{tag}> in the page");
    }
    for forbidden in ["url(", "@import"] {
        assert!(!lower.contains(forbidden), "{forbidden} in the page");
    }
}

#[test]
fn html_is_one_inert_page_with_escaped_text_and_details() {
    let page = html(SECRETS);
    assert_inert(&page);
    assert!(page.contains("<title>Dinner &lt;b&gt;in&lt;/b&gt; Lyon</title>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("prefers-color-scheme: dark"));
    assert!(page.contains("default-src 'none'"));
    assert_eq!(page.matches("<details").count(), 2, "the tool call and its result fold");
    assert!(page.contains("Try **Le Bouchon des Filles** &amp; book ahead."));
    assert!(!page.contains(&token()) && page.contains("[REDACTED:github]"));
    assert!(html(Redaction::NONE).contains(&token()));
}

#[test]
fn html_renders_in_headless_chromium() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        println!("skipped: /usr/bin/chromium is missing (apt-get install chromium)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("page.html");
    std::fs::write(&file, html(SECRETS)).expect("write");
    let output = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu"])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && !dom.is_empty(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    for text in
        ["Where should we eat in Lyon?", "Tool call: search_places", "Le Bouchon des Filles", "[REDACTED:github]"]
    {
        assert!(dom.contains(text), "{text:?} not rendered");
    }
    // The hostile text is text in the document, not elements.
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_inert(&dom);
}

#[test]
fn html_draws_edits_as_escaped_redacted_diffs() {
    let store = Store::open_in_memory().expect("store");
    let session = store.create_session("Edit").expect("session");
    let edit = json!({"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "Edit", "input": {
        "file_path": "src/<x>.rs",
        "old_string": "fn main() {\n    let a = 1;\n}\n",
        "new_string": format!("fn main() {{\n    let a = \"<b>2</b>\";\n    let key = \"{}\";\n}}\n", token()),
    }}]});
    store.add_events(&session.id, &[edit]).expect("events");
    let (session, events) = (store.get_session(&session.id).expect("read"), store.events(&session.id).expect("events"));
    let page = render(&session, &events, Format::Html, SECRETS).expect("html");
    assert_inert(&page);
    assert!(
        page.contains(
            "<div class=\"diff-path\">src/&lt;x&gt;.rs <span class=\"add\">+2</span> <span class=\"del\">−1</span>"
        ),
        "{page}"
    );
    assert!(page.contains("<span class=\"ctx\"> fn main() {</span>"), "{page}");
    assert!(page.contains("<span class=\"del\">-    let a = 1;</span>"), "{page}");
    assert!(page.contains("<span class=\"add\">+    let a = &quot;&lt;b&gt;2&lt;/b&gt;&quot;;</span>"), "{page}");
    assert!(page.contains("<span class=\"add\">+    let key = &quot;[REDACTED:github]&quot;;</span>"), "{page}");
    assert!(!page.contains(&token()));
    assert!(!page.contains("old_string"), "the arguments' JSON is not shown as well");
}
