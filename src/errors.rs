//! An error as the one line a person reads: each cause once.
//!
//! Errors wrap their causes and many also print them (`{context}: {source}`), and SQLite's
//! own error repeats its message under "Error code N: ...". Printing the whole chain then
//! says the same thing two or three times; here a cause already said is left out.

/// `err` and its causes, joined by ": ", leaving out each cause whose text was already said.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        let text = text.trim();
        if text.is_empty() || line.contains(text) || line.contains(without_error_code(text)) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(text);
    }
    line
}

/// SQLite's "Error code 26: file is not a database" -> "file is not a database".
fn without_error_code(text: &str) -> &str {
    text.strip_prefix("Error code ")
        .and_then(|rest| rest.split_once(": "))
        .filter(|(code, _)| code.bytes().all(|b| b.is_ascii_digit()))
        .map_or(text, |(_, message)| message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn each_cause_is_said_once() {
        let sqlite = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            Some("file is not a database".into()),
        );
        let wrapped = crate::import::ImportError::Sqlite {
            path: "x.db".into(),
            context: "opening read-only".into(),
            source: sqlite,
        };
        let err = Err::<(), _>(wrapped).context("cannot import").expect_err("an error");
        assert_eq!(one_line(&err), "cannot import: x.db: opening read-only: file is not a database");
        let plain = anyhow::anyhow!("disk full").context("saving");
        assert_eq!(one_line(&plain), "saving: disk full");
    }
}
