mod import_support;
use import_support::*;
use recall::import::Format;

#[test]
#[ignore]
fn dump() {
    for (path, format) in [
        ("openai-agents/openai_agents_sqlite.db", Format::OpenaiAgents),
        ("dasshh/dasshh.db", Format::Dasshh),
        ("director/director.db", Format::Director),
        ("tenets/tenets.db", Format::Tenets),
        ("tower-llm/tower_llm.db", Format::TowerLlm),
        ("llm/logs-llm-0.36.db", Format::Llm),
        ("claude-code/2.1.330/dot-claude/projects", Format::ClaudeCode),
        ("codex-cli/0.169.0/codex-home", Format::Codex),
        ("elia/elia.sqlite", Format::Elia),
        ("oterm/store.db", Format::Oterm),
    ] {
        let p = fixture(path);
        let detected = recall::import::detect(&p);
        let (sessions, skipped) = read_all(&p, format);
        println!("== {format} detected={detected:?} skipped={skipped:?}\n{:?}", count(&sessions));
        for s in &sessions {
            println!(
                "  {} | {:?} | {} .. {} | {} events | {}",
                s.source_id,
                s.title,
                s.created_at,
                s.updated_at,
                s.events.len(),
                serde_json::Value::Object(s.metadata.clone()).to_string().chars().take(200).collect::<String>()
            );
            if std::env::var("SHOW").ok().as_deref() == Some(format.name()) {
                for e in &s.events {
                    println!(
                        "     {:?} {:?} {:?} {}",
                        e.created_at,
                        e.invocation_id,
                        e.metadata,
                        e.content.chars().take(250).collect::<String>()
                    );
                }
            }
        }
    }
}
