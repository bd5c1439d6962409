//! `recall man`: a manual page that man and groff read, naming every subcommand.

use std::process::Command;

const SUBCOMMANDS: &[&str] = &[
    "list",
    "show",
    "export",
    "rename",
    "delete",
    "undo",
    "purge",
    "log",
    "mcp",
    "import",
    "stats",
    "search",
    "resume",
    "index",
    "sync",
    "sources",
    "completions",
    "man",
    "config",
];

fn recall(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(args)
        .env("RECALL_DB", "/nonexistent/dir/x.db")
        .output()
        .expect("runs")
}

#[test]
fn the_page_is_roff_naming_every_subcommand() {
    let out = recall(&["man"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = String::from_utf8(out.stdout).expect("utf-8");
    assert!(page.starts_with(".ie \\n(.g .ds Aq") || page.starts_with(".TH"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains(".TH recall 1"), "a title line");
    for name in SUBCOMMANDS {
        assert!(page.contains(&format!("recall\\-{name}(1)")), "{name} is not in the page");
    }
}

#[test]
fn the_page_goes_to_a_file_and_groff_reads_it_without_warnings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("recall.1");
    let out = recall(&["man", "-o", file.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let page = std::fs::read_to_string(&file).expect("written");
    assert!(page.contains(".SH NAME"));
    let Ok(groff) = Command::new("groff").args(["-man", "-Tutf8", "-ww", "-z"]).arg(&file).output() else {
        println!("skipped the groff check: groff is not installed");
        return;
    };
    assert!(groff.status.success(), "groff failed");
    assert_eq!(String::from_utf8_lossy(&groff.stderr), "", "groff warns");
    if let Ok(man) = Command::new("man").arg("-l").arg(&file).env("MANPAGER", "cat").env("MANWIDTH", "80").output() {
        let text = String::from_utf8_lossy(&man.stdout);
        assert!(man.status.success() && text.contains("SUBCOMMANDS"), "man -l: {text}");
    }
}
