//! `recall completions SHELL`: a script each shell accepts, written without any store.

use std::process::Command;

fn script(shell: &str, db: &std::path::Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["completions", shell, "--db"])
        .arg(db)
        .env_remove("RECALL_DB")
        .output()
        .expect("recall ran");
    assert!(output.status.success(), "{shell}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Checks `script` with `shell -n` (parse only) where that shell is installed.
fn parses(shell: &str, script: &str, dir: &std::path::Path) {
    let file = dir.join(format!("recall.{shell}"));
    std::fs::write(&file, script).expect("write");
    match Command::new(shell).arg("-n").arg(&file).output() {
        Ok(output) => assert!(output.status.success(), "{shell} -n: {}", String::from_utf8_lossy(&output.stderr)),
        Err(_) => println!("skipped: {shell} is not installed, its script was not parsed"),
    }
}

#[test]
fn each_shell_gets_a_script_that_parses_and_no_store_is_created() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("never/recall.db");
    let bash = script("bash", &db);
    assert!(bash.contains("complete -F _recall") && bash.contains("export") && bash.contains("--redact"), "{bash}");
    parses("bash", &bash, dir.path());
    let zsh = script("zsh", &db);
    assert!(zsh.starts_with("#compdef recall"));
    parses("zsh", &zsh, dir.path());
    let fish = script("fish", &db);
    assert!(fish.contains("complete -c recall"));
    parses("fish", &fish, dir.path());
    assert!(script("powershell", &db).contains("Register-ArgumentCompleter"));
    assert!(!db.exists() && !db.parent().expect("folder").exists(), "completions opened the store");
}
