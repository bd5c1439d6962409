//! Opening a file as a store without ever writing to one that is not ours.

use std::fs;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::error::{Result, SqlContext, StoreError, sql_error};
use super::schema::{self, APPLICATION_ID, LATEST_VERSION};
use super::{OpenOptions, Store};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
pub(super) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

pub(super) fn open_file(path: &Path, options: OpenOptions) -> Result<Store> {
    let exists = match fs::metadata(path) {
        Ok(metadata) => {
            check_is_a_file(path, &metadata)?;
            check_is_sqlite(path)?;
            true
        }
        Err(_) => false,
    };
    if !exists && let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        fs::create_dir_all(dir)
            .map_err(|source| StoreError::Io { context: format!("creating the folder {}", dir.display()), source })?;
    }
    // Root ignores permission bits, so a read-only file is honoured here, not left to SQLite.
    let read_only = options.read_only || (exists && file_is_read_only(path));
    let (conn, read_only, lacked_space) = match connect_checked(path, read_only) {
        Ok((conn, read_only)) => (conn, read_only, false),
        // Setting a store up for changes writes (its WAL index); reading it needs no free space.
        Err(StoreError::NoSpace(_)) if exists && !read_only => (connect_checked(path, true)?.0, true, true),
        Err(err) => return Err(err),
    };
    let identity = fs::metadata(path).ok().map(|metadata| crate::files::FileId::of(path, &metadata));
    Ok(Store {
        conn,
        path: Some(path.to_path_buf()),
        read_only,
        lacked_space,
        identity,
        clock: Box::new(chrono::Utc::now),
        busy_timeout: std::cell::Cell::new(BUSY_TIMEOUT),
        bytes_written: std::cell::Cell::new(0),
    })
}

/// A connection to the store file, checked to be ours and brought up to date unless read-only;
/// with whether it is read-only.
fn connect_checked(path: &Path, read_only: bool) -> Result<(Connection, bool)> {
    let conn = connect(path, read_only)?;
    let read_only = read_only || conn.is_readonly("main").unwrap_or(false);
    configure(&conn, read_only)?;
    // Everything above only reads; nothing is written before the file is known to be ours.
    check_is_ours(&conn, path)?;
    if read_only {
        if schema::user_version(&conn)? < LATEST_VERSION {
            return Err(StoreError::Invalid(format!(
                "{} needs upgrading to this version of recall, but it is read-only",
                path.display()
            )));
        }
    } else {
        conn.pragma_update(None, "journal_mode", "WAL").ctx("switching the store to WAL mode")?;
        schema::migrate(&conn)?;
    }
    Ok((conn, read_only))
}

/// Connection settings every store gets, before anything is read.
pub(super) fn configure(conn: &Connection, read_only: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT).ctx("setting the busy timeout")?;
    conn.pragma_update(None, "foreign_keys", true).ctx("enabling foreign keys")?;
    if !read_only {
        // WAL makes NORMAL durable across application crashes; only power loss can drop
        // the last commits, never corrupt the file.
        conn.pragma_update(None, "synchronous", "NORMAL").ctx("setting synchronous mode")?;
    }
    Ok(())
}

fn connect(path: &Path, read_only: bool) -> Result<Connection> {
    let context = format!("opening {}", path.display());
    if !read_only {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        return Connection::open_with_flags(path, flags).ctx(&context);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).ctx(&context)?;
    // A WAL file needs its -shm; where that cannot be created (a read-only folder), read
    // the file as an immutable snapshot instead.
    if conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())).is_ok() {
        return Ok(conn);
    }
    let uri = format!("file:{}?immutable=1", crate::files::uri_path(path));
    Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI).ctx(&context)
}

fn file_is_read_only(path: &Path) -> bool {
    fs::metadata(path).map(|meta| meta.permissions().readonly()).unwrap_or(false)
}

/// The store is a regular file. Anything else is refused before SQLite sees it: SQLite would
/// wait forever opening a FIFO, and take a device such as /dev/null for a new database.
fn check_is_a_file(path: &Path, metadata: &fs::Metadata) -> Result<()> {
    if metadata.is_dir() {
        return Err(StoreError::Invalid(format!(
            "{} is a folder; the store is a file, such as {}/recall.db",
            path.display(),
            path.display()
        )));
    }
    if !metadata.is_file() {
        return Err(StoreError::Invalid(format!(
            "{} is not a regular file ({}); the store is a file, such as ~/recall.db",
            path.display(),
            crate::files::kind(metadata)
        )));
    }
    Ok(())
}

/// An empty file is a new SQLite database; anything else must start with SQLite's magic.
fn check_is_sqlite(path: &Path) -> Result<()> {
    let io_error = |source| StoreError::Io { context: format!("reading {}", path.display()), source };
    let mut file = crate::files::open_regular(path).map_err(io_error)?;
    let mut header = Vec::with_capacity(16);
    file.by_ref().take(16).read_to_end(&mut header).map_err(io_error)?;
    if header.is_empty() || header == SQLITE_MAGIC {
        Ok(())
    } else {
        Err(StoreError::NotSqlite { path: path.to_path_buf() })
    }
}

fn check_is_ours(conn: &Connection, path: &Path) -> Result<()> {
    let not_sqlite = |source: rusqlite::Error| {
        if source.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
            StoreError::NotSqlite { path: path.to_path_buf() }
        } else {
            sql_error(&format!("reading {}", path.display()), source)
        }
    };
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |row| row.get(0)).map_err(not_sqlite)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0)).map_err(not_sqlite)?;
    let found = schema::user_version(conn)?;
    let unknown_version = || {
        StoreError::Invalid(format!(
            "{} says it is at schema {found}, which no recall writes; it is left untouched",
            path.display()
        ))
    };
    if application_id != APPLICATION_ID {
        return match (tables, application_id, found) {
            (0, 0, 0) => Ok(()), // a new, empty database
            (0, 0, _) => Err(unknown_version()),
            _ => Err(StoreError::ForeignDatabase { path: path.to_path_buf() }),
        };
    }
    if found > LATEST_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found, supported: LATEST_VERSION });
    }
    if found < 0 {
        return Err(unknown_version());
    }
    Ok(())
}

/// Whether the file at `path` is a recall store, judged from its header alone.
pub fn is_recall_store(path: &Path) -> bool {
    let mut header = [0u8; 72];
    let read = crate::files::open_regular(path).and_then(|mut file| file.read_exact(&mut header));
    read.is_ok() && &header[..16] == SQLITE_MAGIC && header[68..72] == (APPLICATION_ID as u32).to_be_bytes()
}
