//! Opening a foreign SQLite file read-only, leaving it and its folder exactly as they were.
//!
//! - WAL mode without a `-wal`: everything is in the main file; `immutable=1` reads it without
//!   creating the `-shm`/`-wal` a WAL reader otherwise leaves behind.
//! - A `-wal` beside it with its `-shm` (a live or crashed app): `mode=ro` reads the WAL through
//!   the app's shared memory and never checkpoints it; `readonly_shm=1` opens that memory
//!   read-only, so not even a reader's mark is written into the app's `-shm` (SQLite then reads
//!   the WAL index into private memory when it cannot take a mark of its own).
//! - A `-wal` without its `-shm` (a copied backup), or a WAL `mode=ro` cannot open (stale
//!   shared memory, a folder we may not write in): the file and its WAL are copied to a
//!   private temporary folder and read there.
//! - Anything else that fails to open is read `immutable`, as the main file alone holds it.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{Connection, OpenFlags};

use super::Result;
use super::error::io_error;
use super::sql::sqlite_error;

/// A read-only connection, and the temporary copy it reads when it needed one.
pub(crate) struct ReadOnlyDb {
    conn: Connection,
    // Dropped after `conn`: fields drop in declaration order.
    _snapshot: Option<Snapshot>,
}

impl Deref for ReadOnlyDb {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.conn
    }
}

pub(crate) fn open(path: &Path) -> Result<ReadOnlyDb> {
    // SQLite opens these files itself, and its open(2) would wait forever on a FIFO.
    crate::files::open_regular(path).map_err(io_error(path))?;
    let wal = sidecar(path, "-wal");
    for beside in [&wal, &sidecar(path, "-shm")] {
        if let Ok(metadata) = std::fs::metadata(beside) {
            crate::files::require_regular(&metadata).map_err(io_error(beside))?;
        }
    }
    let direct = |query: &str| open_uri(path, query).map(|conn| ReadOnlyDb { conn, _snapshot: None });
    if !wal.exists() {
        let first = if is_wal_mode(path) { direct("immutable=1") } else { direct("mode=ro") };
        return first.or_else(|_| direct("immutable=1")).map_err(sqlite_error(path, "opening read-only"));
    }
    if sidecar(path, "-shm").exists()
        && let Ok(db) = direct("mode=ro&readonly_shm=1")
    {
        return Ok(db);
    }
    match snapshot(path, &wal) {
        Ok(db) => Ok(db),
        Err(e) => direct("immutable=1").map_err(|_| e),
    }
}

fn snapshot(path: &Path, wal: &Path) -> Result<ReadOnlyDb> {
    static TAKEN: AtomicU64 = AtomicU64::new(0);
    let unique = format!("recall-import-{}-{}", std::process::id(), TAKEN.fetch_add(1, Ordering::Relaxed));
    let snapshot = Snapshot { dir: std::env::temp_dir().join(unique) };
    std::fs::create_dir_all(&snapshot.dir).map_err(io_error(&snapshot.dir))?;
    let copy = snapshot.dir.join("source.db");
    std::fs::copy(path, &copy).map_err(io_error(path))?;
    std::fs::copy(wal, sidecar(&copy, "-wal")).map_err(io_error(wal))?;
    let conn = open_uri(&copy, "mode=ro").map_err(sqlite_error(path, "reading a copy of it and its WAL"))?;
    Ok(ReadOnlyDb { conn, _snapshot: Some(snapshot) })
}

/// A private copy of a database, removed when the connection reading it is done.
struct Snapshot {
    dir: PathBuf,
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn open_uri(path: &Path, query: &str) -> rusqlite::Result<Connection> {
    let uri = format!("file:{}?{query}", crate::files::uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(uri, flags)?;
    // Opening is lazy: read the schema now so a locked or unreadable file fails here.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    Ok(conn)
}

/// Bytes 18 and 19 of the header are 2 in a WAL-mode database.
fn is_wal_mode(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 20];
    crate::files::open_regular(path).and_then(|mut f| f.read_exact(&mut header)).is_ok()
        && header[18] == 2
        && header[19] == 2
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
