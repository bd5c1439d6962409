//! Closing the terminal (the window, the SSH connection, tmux kill) must end recall, not leave
//! it spinning on a terminal that is gone.

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn a_hung_up_terminal_ends_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let store = recall::store::Store::open(&db).unwrap();
    let session = store.create_session("Hang-up check").unwrap();
    store.add_events(&session.id, &[serde_json::json!({"role": "user", "content": "hangupmarker"})]).unwrap();
    drop(store);

    let pair = native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_recall"));
    command.arg("--db");
    command.arg(&db);
    command.env("TERM", "xterm-256color");
    command.env_remove("RECALL_TEST_PANIC");
    let mut child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);

    // launch: wait until the first frame shows the session. Read on this thread: a reader
    // thread would keep a copy of the terminal's master open and the hang-up would never come.
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("hangupmarker") {
        match reader.read(&mut buf) {
            Ok(n @ 1..) => seen.extend_from_slice(&buf[..n]),
            _ => panic!("launch: the output ended before the first frame"),
        }
    }

    // hang_up: closing the master hangs the terminal up; the kernel sends SIGHUP.
    drop(reader);
    drop(pair.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("after_hang_up: recall kept running on a terminal that is gone");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
