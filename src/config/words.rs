//! A command template split into words the way a POSIX shell would split it (quotes group,
//! backslash escapes), and nothing more: no variables, no globs, no shell at all.

/// The words of `text`; an error names an unclosed quote or a trailing backslash.
pub fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        match ch {
            ch if ch.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => current.push(ch),
                        None => return Err("a ' quote is not closed".into()),
                    }
                }
            }
            '"' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(next @ ('"' | '\\')) => current.push(next),
                            Some(next) => {
                                current.push('\\');
                                current.push(next);
                            }
                            None => return Err("a \" quote is not closed".into()),
                        },
                        Some(ch) => current.push(ch),
                        None => return Err("a \" quote is not closed".into()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(next) => word.get_or_insert_with(String::new).push(next),
                None => return Err("it ends with a lone backslash".into()),
            },
            ch => word.get_or_insert_with(String::new).push(ch),
        }
    }
    words.extend(word);
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::split_words;

    #[test]
    fn words_split_on_spaces_and_group_in_quotes() {
        assert_eq!(split_words("myagent --session {source_id}").unwrap(), ["myagent", "--session", "{source_id}"]);
        assert_eq!(split_words("  a   b\t c ").unwrap(), ["a", "b", "c"]);
        assert_eq!(split_words("'my agent' --x \"a b\" c\\ d").unwrap(), ["my agent", "--x", "a b", "c d"]);
        assert_eq!(split_words("say \"\\\"hi\\\"\" '' x").unwrap(), ["say", "\"hi\"", "", "x"]);
        assert_eq!(split_words("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn unclosed_quotes_are_errors() {
        assert_eq!(split_words("a 'b").unwrap_err(), "a ' quote is not closed");
        assert_eq!(split_words("a \"b").unwrap_err(), "a \" quote is not closed");
        assert_eq!(split_words("a \\").unwrap_err(), "it ends with a lone backslash");
    }
}
