use super::*;

fn classes(language: &str, code: &str) -> Vec<(String, Option<CodeClass>)> {
    let highlighter = load();
    let language = highlighter.language(language).expect("a known language");
    highlighter.highlight(language, code).into_iter().map(|(range, class)| (code[range].to_owned(), class)).collect()
}

fn class_of(spans: &[(String, Option<CodeClass>)], text: &str) -> Option<CodeClass> {
    spans.iter().find(|(piece, _)| piece.contains(text)).and_then(|(_, class)| *class)
}

#[test]
fn rust_keywords_strings_and_comments_get_their_classes() {
    let code = "// greet\nfn main() {\n    let n = 42;\n    println!(\"hi {n}\");\n}\n";
    let spans = classes("rust", code);
    assert_eq!(spans.iter().map(|(piece, _)| piece.as_str()).collect::<String>(), code, "runs cover the text");
    assert_eq!(class_of(&spans, "// greet"), Some(CodeClass::Comment));
    assert_eq!(class_of(&spans, "fn"), Some(CodeClass::Keyword));
    assert_eq!(class_of(&spans, "main"), Some(CodeClass::Function));
    assert_eq!(class_of(&spans, "42"), Some(CodeClass::Constant));
    assert_eq!(class_of(&spans, "hi "), Some(CodeClass::String));
}

#[test]
fn python_by_fence_names_and_extension() {
    let highlighter = load();
    for fence in ["python", "py", "Python"] {
        assert_eq!(highlighter.language(fence).map(|l| l.name().to_owned()).as_deref(), Some("Python"), "{fence}");
    }
    let by_path = highlighter.language_of_path("/home/dev/app/main.py").expect("python by extension");
    assert_eq!(by_path.name(), "Python");
    let spans = classes("py", "def f(x):\n    return \"s\"  # note\n");
    assert_eq!(class_of(&spans, "def"), Some(CodeClass::Keyword));
    assert_eq!(class_of(&spans, "# note"), Some(CodeClass::Comment));
}

#[test]
fn files_are_known_by_name_or_extension_and_unknown_ones_are_not_guessed() {
    let highlighter = load();
    let name = |path: &str| highlighter.language_of_path(path).map(|l| l.name().to_owned());
    assert_eq!(name("Cargo.toml").as_deref(), Some("TOML"));
    assert_eq!(name("src/App.TSX").as_deref(), Some("TypeScriptReact"));
    assert_eq!(name("Makefile").as_deref(), Some("Makefile"));
    assert_eq!(name("notes.txt"), None);
    assert_eq!(name("README"), None);
    assert!(highlighter.language("").is_none());
    assert!(highlighter.language("not-a-language").is_none());
}

#[test]
fn a_multi_line_string_keeps_its_class_across_lines() {
    let spans = classes("python", "x = \"\"\"one\ntwo\"\"\"\ny = 1\n");
    assert_eq!(class_of(&spans, "two"), Some(CodeClass::String));
    assert_eq!(class_of(&spans, "1"), Some(CodeClass::Constant));
}

#[test]
fn warming_in_the_background_ends_with_the_highlighter_ready() {
    warm_in_background();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while warmed().is_none() {
        assert!(std::time::Instant::now() < deadline, "not warmed within a minute");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(loaded().is_some());
}
