//! Small readers shared by every family: fields, pretty JSON, text out of part lists, and the
//! short placeholders that stand in for media (never the media's bytes).

use serde_json::{Map, Value};

use crate::content::Block;

/// Placeholder URLs longer than this are cut: a link is shown to say where media lived, not
/// to be copied from a conversation view.
const MAX_URL_CHARS: usize = 200;

pub(crate) type Object = Map<String, Value>;

pub(crate) fn str_field<'a>(obj: &'a Object, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

pub(crate) fn string_field(obj: &Object, key: &str) -> Option<String> {
    str_field(obj, key).map(str::to_owned)
}

/// Whether `key` holds something other than null (absent counts as null).
pub(crate) fn is_set(obj: &Object, key: &str) -> bool {
    obj.get(key).is_some_and(|value| !value.is_null())
}

/// Two-space indented JSON, keys in the origin's order.
pub(crate) fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

pub(crate) fn raw(value: &Value) -> Block {
    Block::Raw { json: pretty(value) }
}

/// Tool arguments made readable. Origins send a JSON *string* (OpenAI) or a JSON value
/// (Anthropic, tower-llm, Director): an object or array, given either way, is pretty-printed;
/// any other string is shown exactly as given (it may be half-streamed or free-form input).
pub(crate) fn display_arguments(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => match crate::json::parse_value(text) {
            Ok(parsed) if parsed.is_object() || parsed.is_array() => pretty(&parsed),
            _ => text.clone(),
        },
        other => pretty(other),
    }
}

/// The readable text of a tool's output or a result block's content: a string as is, a list
/// of content parts as their texts (media as placeholders) one per line, anything else as
/// pretty JSON.
pub(crate) fn output_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(parts) => part_list_text(parts).unwrap_or_else(|| pretty(value)),
        other => pretty(other),
    }
}

/// `output` followed by `obj`'s `error` when that is not null (alone when there is no
/// output), and whether there was an error.
pub(crate) fn with_error(obj: &Object, output: String) -> (String, bool) {
    let Some(error) = obj.get("error").filter(|error| !error.is_null()).map(output_text) else {
        return (output, false);
    };
    let combined = if output.is_empty() { error } else { format!("{output}\n{error}") };
    (combined, true)
}

/// Texts of a list of typed content parts, or None when an element is not a part we can read
/// (then the whole list is better shown as JSON).
fn part_list_text(parts: &[Value]) -> Option<String> {
    if parts.is_empty() {
        return None;
    }
    let texts = parts.iter().map(part_text).collect::<Option<Vec<_>>>()?;
    Some(texts.join("\n"))
}

/// The text a single content part stands for, in any family's spelling.
fn part_text(part: &Value) -> Option<String> {
    match part {
        Value::String(text) => Some(text.clone()),
        Value::Object(obj) => typed_part_text(obj),
        _ => None,
    }
}

/// The text of a typed part: its words, or a placeholder for media.
pub(crate) fn typed_part_text(obj: &Object) -> Option<String> {
    match str_field(obj, "type")? {
        "text" | "input_text" | "output_text" | "summary_text" | "reasoning_text" => string_field(obj, "text"),
        "refusal" => Some(refusal_text(str_field(obj, "refusal").unwrap_or_default())),
        "web_search_result" => {
            let title = str_field(obj, "title").unwrap_or("(untitled)");
            let url = str_field(obj, "url").map(shorten_url).unwrap_or_default();
            Some(format!("{title} — {url}"))
        }
        _ => media_placeholder(obj),
    }
}

pub(crate) fn refusal_text(refusal: &str) -> String {
    format!("[refusal] {refusal}")
}

/// `[image: URL]`, `[audio: wav]`, `[file: name]`... for a media part of any family, or None
/// when `obj` is not a media part. Inline data is never copied, only named.
pub(crate) fn media_placeholder(obj: &Object) -> Option<String> {
    let kind = str_field(obj, "type")?;
    let (label, location) = match kind {
        "image_url" => ("image", image_url_location(obj.get("image_url"))),
        "input_image" => ("image", input_location(obj, &["image_url", "file_id"])),
        "image" | "document" => (kind, source_location(obj)),
        "input_audio" => {
            let audio = obj.get("input_audio").and_then(Value::as_object);
            let format = audio.and_then(|audio| string_field(audio, "format"));
            ("audio", format.unwrap_or_else(|| "inline data".to_owned()))
        }
        "file" => {
            let file = obj.get("file").and_then(Value::as_object).unwrap_or(obj);
            ("file", input_location(file, &["filename", "file_id", "file_data"]))
        }
        "input_file" => ("file", input_location(obj, &["filename", "file_url", "file_id"])),
        _ => return None,
    };
    Some(format!("[{label}: {location}]"))
}

fn image_url_location(image_url: Option<&Value>) -> String {
    let url = match image_url {
        Some(Value::String(url)) => Some(url.as_str()),
        Some(Value::Object(inner)) => str_field(inner, "url"),
        _ => None,
    };
    url.map_or_else(|| "inline data".to_owned(), url_location)
}

/// The first of `keys` that names the media; a data URL or base64 payload is "inline data".
fn input_location(obj: &Object, keys: &[&str]) -> String {
    keys.iter()
        .find_map(|key| {
            let value = str_field(obj, key)?;
            Some(if *key == "file_data" { "inline data".to_owned() } else { url_location(value) })
        })
        .unwrap_or_else(|| "inline data".to_owned())
}

/// Anthropic `source`: `{type: base64|url|file|text, ...}`; a document may have a title.
fn source_location(obj: &Object) -> String {
    if let Some(title) = str_field(obj, "title") {
        return title.to_owned();
    }
    let source = obj.get("source").and_then(Value::as_object);
    source
        .and_then(|source| {
            str_field(source, "url")
                .map(url_location)
                .or_else(|| str_field(source, "file_id").map(|id| format!("file {id}")))
        })
        .unwrap_or_else(|| "inline data".to_owned())
}

fn url_location(url: &str) -> String {
    if url.starts_with("data:") { "inline data".to_owned() } else { shorten_url(url) }
}

fn shorten_url(url: &str) -> String {
    match url.char_indices().nth(MAX_URL_CHARS) {
        Some((cut, _)) => format!("{}…", &url[..cut]),
        None => url.to_owned(),
    }
}
