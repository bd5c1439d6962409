//! `content::parse` on values nobody understands: never a panic, never dropped, shown as
//! pretty JSON; and lists of known shapes.

use proptest::prelude::*;
use recall::content::{Block, CallIndex, Role, Tally, describe, is_bookkeeping, parse};
use serde_json::{Value, json};

fn text(role: Role, text: &str) -> Block {
    Block::Text { role, text: text.to_owned() }
}

#[test]
fn a_list_of_messages_is_read_as_their_blocks() {
    let list = json!([{"role": "user", "content": "hi"}, {"type": "text", "text": "hello"}]);
    assert_eq!(parse(&list), vec![text(Role::User, "hi"), text(Role::Assistant, "hello")]);
}

#[test]
fn what_is_not_understood_is_raw_pretty_json() {
    for value in [
        json!(42),
        json!("just a string"),
        json!(null),
        json!(true),
        json!([1, 2]),
        json!([]),
        json!({}),
        json!({"type": "mystery"}),
        json!({"role": "critic", "content": "meh"}),
        json!([{"role": "user", "content": "hi"}, 3]),
    ] {
        let expected = serde_json::to_string_pretty(&value).unwrap_or_default();
        assert_eq!(parse(&value), vec![Block::Raw { json: expected }], "{value}");
    }
    let nested = parse(&json!({"a": {"b": [1]}}));
    assert_eq!(nested, vec![Block::Raw { json: "{\n  \"a\": {\n    \"b\": [\n      1\n    ]\n  }\n}".into() }]);
}

fn any_json() -> impl Strategy<Value = Value> {
    let words = prop_oneof![
        Just("type".to_owned()),
        Just("role".to_owned()),
        Just("content".to_owned()),
        Just("message".to_owned()),
        Just("payload".to_owned()),
        Just("timestamp".to_owned()),
        Just("output".to_owned()),
        Just("user".to_owned()),
        Just("assistant".to_owned()),
        Just("tool".to_owned()),
        Just("response_item".to_owned()),
        Just("text".to_owned()),
        Just("function_call".to_owned()),
        Just("tool_result".to_owned()),
        Just("Message".to_owned()),
        Just("created_at".to_owned()),
        Just("model".to_owned()),
        Just("call_id".to_owned()),
        Just("error".to_owned()),
        Just("tool_calls".to_owned()),
        Just("system".to_owned()),
        Just("uuid".to_owned()),
        ".{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        words.clone().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::vec((words.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_json_parses_without_panic_and_only_bookkeeping_parses_to_nothing(value in any_json()) {
        let blocks = parse(&value);
        prop_assert_eq!(blocks.is_empty(), is_bookkeeping(&value));
        if !value.is_object() && !value.is_array() {
            let single_raw = matches!(&blocks[..], [Block::Raw { .. }]);
            prop_assert!(single_raw, "{:?}", blocks);
        }
    }

    #[test]
    fn describing_counting_and_linking_any_json_never_panics(value in any_json()) {
        let _ = describe(&value);
        let mut tally = Tally::new();
        tally.add_event(&value);
        tally.add_event(&value);
        let mut index = CallIndex::new();
        index.record(1, &parse(&value));
    }
}
