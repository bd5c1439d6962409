//! A running fingerprint of a session's imported events, so a re-import can tell "the origin
//! grew" (the stored events are a prefix of what it says now) from "the origin was rewritten",
//! without reading the stored events back.
//!
//! Written here rather than taken from `std`'s hasher, whose output may change between Rust
//! releases: the value is kept in the store and must mean the same thing to every build.

/// The fingerprint of no events.
pub const EMPTY: i64 = 0x51_7cc1_b727_220a;

const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// Continues `state` over the text of more events, in order.
pub fn extend<'a>(state: i64, contents: impl IntoIterator<Item = &'a str>) -> i64 {
    contents.into_iter().fold(state, |hash, content| extend_bytes(hash, content.as_bytes()))
}

/// Continues `state` over one run of bytes (its length included, so runs do not run together).
pub fn extend_bytes(state: i64, bytes: &[u8]) -> i64 {
    let mut hash = mix(state as u64, bytes.len() as u64);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(word);
        hash = mix(hash, u64::from_le_bytes(buf));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        hash = mix(hash, u64::from_le_bytes(buf));
    }
    hash as i64
}

fn mix(hash: u64, word: u64) -> u64 {
    let mixed = (hash ^ word).wrapping_mul(MULTIPLIER);
    mixed ^ (mixed >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extending_in_steps_equals_extending_at_once() {
        let all = extend(EMPTY, ["one", "two three", "four"]);
        let stepped = extend(extend(EMPTY, ["one"]), ["two three", "four"]);
        assert_eq!(all, stepped);
    }

    #[test]
    fn order_content_and_boundaries_matter() {
        let base = extend(EMPTY, ["ab", "c"]);
        assert_ne!(base, extend(EMPTY, ["c", "ab"]));
        assert_ne!(base, extend(EMPTY, ["a", "bc"]));
        assert_ne!(base, extend(EMPTY, ["ab", "d"]));
        assert_ne!(extend(EMPTY, [""]), EMPTY);
    }

    #[test]
    fn stable_across_builds() {
        // Stored in users' files: a change here would make every import rewrite its sessions once.
        assert_eq!(extend(EMPTY, ["{\"role\":\"user\"}"]), extend(EMPTY, ["{\"role\":\"user\"}"]));
        assert_eq!(extend(EMPTY, ["x"]), -7_305_115_658_839_928_826);
    }
}
