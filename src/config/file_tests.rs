use ratatui::style::Color;

use super::*;

fn error(text: &str) -> String {
    Config::parse(text).expect_err("a bad config")
}

#[test]
fn no_settings_and_the_init_file_are_the_defaults() {
    assert_eq!(Config::parse("").expect("empty is fine"), Config::default());
    assert_eq!(Config::parse(crate::config::DEFAULT_TEXT).expect("the init file parses"), Config::default());
}

#[test]
fn the_init_file_names_every_style() {
    let listed: Vec<&str> = crate::config::DEFAULT_TEXT
        .split("The styles are")
        .nth(1)
        .and_then(|rest| rest.split("[colors]").next())
        .expect("the style list")
        .split_whitespace()
        .filter(|word| *word != "#")
        .collect();
    assert_eq!(listed, crate::tui::theme::STYLE_NAMES);
}

#[test]
fn every_key_is_read() {
    let text = r##"
theme = "light"
date_format = "%d/%m/%Y %H:%M"
default_scope = "project"

[colors]
role_user = "#5f87af"
search_match = "black on yellow"
status = "on 236"

[resume]
openai-agents = "python 'my agent.py' --session {source_id} --cwd {cwd}"
codex = "codex resume --last {id}"

[sources]
off = ["aider", "elia"]
"##;
    let config = Config::parse(text).expect("a good config");
    assert_eq!(config.theme, ThemeChoice::Light);
    assert_eq!(config.date_format.as_deref(), Some("%d/%m/%Y %H:%M"));
    assert_eq!(config.default_scope, Scope::Project);
    assert_eq!(
        config.colours,
        vec![
            ColourOverride { name: "role_user".into(), fg: Some(Color::Rgb(0x5f, 0x87, 0xaf)), bg: None },
            ColourOverride { name: "search_match".into(), fg: Some(Color::Black), bg: Some(Color::Yellow) },
            ColourOverride { name: "status".into(), fg: None, bg: Some(Color::Indexed(236)) },
        ]
    );
    assert_eq!(config.resume["openai-agents"], ["python", "my agent.py", "--session", "{source_id}", "--cwd", "{cwd}"]);
    assert_eq!(config.resume["codex"], ["codex", "resume", "--last", "{id}"]);
    assert_eq!(config.sources_off, ["aider", "elia"]);
    assert!(!config.source_is_on("aider"));
    assert!(config.source_is_on("codex"));
    assert_eq!(Config::parse("theme = \"dark\"").expect("dark").theme, ThemeChoice::Dark);
    assert_eq!(Config::parse("theme = \"auto\"").expect("auto").theme, ThemeChoice::Auto);
    assert_eq!(Config::parse("[colours]\ndim = \"red\"").expect("British spelling").colours[0].fg, Some(Color::Red));
}

#[test]
fn a_syntax_error_names_its_line() {
    let message = error("theme = \"dark\"\n\n[resume\ncodex = \"x\"\n");
    assert!(message.starts_with("config.toml line 3: "), "{message}");
    assert!(!message.contains('\n'), "one line: {message}");
}

#[test]
fn unknown_keys_and_values_name_their_line() {
    let message = error("# a comment\nthem = \"dark\"\n");
    assert!(message.starts_with("config.toml line 2: unknown field `them`"), "{message}");
    let message = error("\n\n\ntheme = \"dim\"\n");
    assert!(message.starts_with("config.toml line 4: unknown variant `dim`"), "{message}");
    assert!(message.contains("auto") && message.contains("light"), "{message}");
    let message = error("default_scope = \"here\"\n");
    assert!(message.starts_with("config.toml line 1: unknown variant `here`"), "{message}");
    let message = error("[sources]\nof = []\n");
    assert!(message.starts_with("config.toml line 2: unknown field `of`"), "{message}");
    let message = error("theme = 3\n");
    assert!(message.starts_with("config.toml line 1: "), "{message}");
}

#[test]
fn bad_colours_name_their_line() {
    assert_eq!(
        error("[colors]\n\nrole_user = \"blurple\"\n"),
        "config.toml line 3: colors: 'blurple' is not a colour (a name such as lightblue, #rrggbb, or 0-255)"
    );
    assert_eq!(
        error("[colors]\nrole_usr = \"red\"\n"),
        "config.toml line 2: colors: no style is called 'role_usr' (see `recall config init` for the names)"
    );
    assert_eq!(error("[colors]\ndim = \" \"\n"), "config.toml line 2: colors: an empty colour");
}

#[test]
fn a_bad_date_format_names_its_line() {
    assert_eq!(
        error("\ndate_format = \"%Y-%Q\"\n"),
        "config.toml line 2: date_format: '%Y-%Q' is not a strftime format such as %Y-%m-%d %H:%M"
    );
    assert!(error("date_format = \"\"").starts_with("config.toml line 1: date_format"));
}

#[test]
fn bad_resume_commands_name_their_line() {
    assert_eq!(
        error("[resume]\ncodex = \"codex resume {session}\"\n"),
        "config.toml line 2: resume.codex: unknown placeholder {session} (the placeholders are {source_id}, {cwd}, {id})"
    );
    assert_eq!(error("[resume]\ncodex = \"  \"\n"), "config.toml line 2: resume.codex: the command is empty");
    assert_eq!(
        error("[resume]\ncodex = \"codex 'resume\"\n"),
        "config.toml line 2: resume.codex: a ' quote is not closed"
    );
    let message = error("[resume]\nclaude = \"claude -r {source_id}\"\n");
    assert!(
        message.starts_with("config.toml line 2: resume: there is no source called 'claude' (the sources are recall, ")
    );
}

#[test]
fn an_unknown_source_turned_off_names_its_line() {
    let message = error("[sources]\noff = [\n  \"codex\",\n  \"clade-code\",\n]\n");
    assert!(
        message.starts_with("config.toml line 4: sources.off: there is no source called 'clade-code'"),
        "{message}"
    );
}
