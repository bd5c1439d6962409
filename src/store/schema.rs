//! The store's schema, as numbered migrations keyed by `PRAGMA user_version`.
//!
//! Forward only: migration N takes a store from version N-1 to N inside one transaction,
//! so a crash leaves the file at a version it fully reached.

use rusqlite::Connection;

use super::error::{Result, SqlContext, StoreError};

/// Marks a file as a recall store ("RCLL"), so a foreign SQLite file is never mistaken for one.
pub const APPLICATION_ID: i64 = 0x5243_4C4C;

const MIGRATIONS: &[&str] = &[
    // 1: sessions, events, full-text indexes.
    r#"
    CREATE TABLE sessions (
        pk            INTEGER PRIMARY KEY,
        id            TEXT    NOT NULL UNIQUE,
        title         TEXT    NOT NULL,
        created_at    INTEGER NOT NULL,          -- Unix milliseconds, UTC
        updated_at    INTEGER NOT NULL,
        source        TEXT    NOT NULL DEFAULT 'recall',
        source_id     TEXT,
        metadata      TEXT    NOT NULL DEFAULT '{}',
        event_count   INTEGER NOT NULL DEFAULT 0,
        title_renamed INTEGER NOT NULL DEFAULT 0, -- a person chose the title; imports keep it
        deleted_at    INTEGER,                    -- in the trash since
        UNIQUE (source, source_id)
    );
    -- The sidebar's newest-first pages, trash excluded, straight from the index.
    CREATE INDEX sessions_recent ON sessions (updated_at DESC, pk DESC) WHERE deleted_at IS NULL;
    CREATE INDEX sessions_trash ON sessions (deleted_at) WHERE deleted_at IS NOT NULL;

    CREATE TABLE events (
        id            INTEGER PRIMARY KEY,
        session_id    TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq           INTEGER NOT NULL,
        invocation_id TEXT,
        created_at    INTEGER NOT NULL,
        content       TEXT    NOT NULL,           -- the origin's JSON, byte for byte
        metadata      TEXT,
        UNIQUE (session_id, seq)                  -- also the index for tails and ranges
    );

    -- Contentless: the readable text is derived from events.content, not stored twice.
    -- detail=none keeps only which events hold a word (no positions): queries are words
    -- AND-ed together and snippets are cut in Rust, and indexing is about 1.4x faster.
    CREATE VIRTUAL TABLE events_fts USING fts5 (
        body, content = '', contentless_delete = 1, detail = none,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        DELETE FROM events_fts WHERE rowid = old.id;
    END;

    CREATE VIRTUAL TABLE titles_fts USING fts5 (
        title, content = 'sessions', content_rowid = 'pk', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER titles_fts_insert AFTER INSERT ON sessions BEGIN
        INSERT INTO titles_fts (rowid, title) VALUES (new.pk, new.title);
    END;
    CREATE TRIGGER titles_fts_delete AFTER DELETE ON sessions BEGIN
        INSERT INTO titles_fts (titles_fts, rowid, title) VALUES ('delete', old.pk, old.title);
    END;
    CREATE TRIGGER titles_fts_update AFTER UPDATE OF title ON sessions BEGIN
        INSERT INTO titles_fts (titles_fts, rowid, title) VALUES ('delete', old.pk, old.title);
        INSERT INTO titles_fts (rowid, title) VALUES (new.pk, new.title);
    END;
    "#,
    // 2: big writes go in without indexing; the search index catches up from a backlog.
    // An event is either in events_fts or in search_backlog, never both, so a deletion
    // takes it out of whichever holds it.
    r#"
    CREATE TABLE search_backlog (event_id INTEGER PRIMARY KEY);
    DROP TRIGGER events_fts_delete;
    CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        DELETE FROM events_fts WHERE rowid = old.id
            AND NOT EXISTS (SELECT 1 FROM search_backlog WHERE event_id = old.id);
        DELETE FROM search_backlog WHERE event_id = old.id;
    END;
    "#,
    // 3: followed sources and their per-file cursors; what was purged stays purged; a running
    // fingerprint of each imported session's events, to tell growth from a rewrite.
    r#"
    ALTER TABLE sessions ADD COLUMN import_fingerprint INTEGER;
    CREATE TABLE purged (
        source    TEXT    NOT NULL,
        source_id TEXT    NOT NULL,
        purged_at INTEGER NOT NULL,
        PRIMARY KEY (source, source_id)
    ) WITHOUT ROWID;
    CREATE TABLE sources (
        id          INTEGER PRIMARY KEY,
        path        BLOB    NOT NULL UNIQUE,      -- the path's bytes (paths need not be UTF-8)
        format      TEXT    NOT NULL,
        options     TEXT    NOT NULL DEFAULT '{}',
        auto        INTEGER NOT NULL DEFAULT 0,   -- found at a default location, not added by hand
        enabled     INTEGER NOT NULL DEFAULT 1,
        added_at    INTEGER NOT NULL,
        last_synced INTEGER,
        last_result TEXT                          -- JSON: state, sessions, events, problems
    );
    CREATE TABLE source_files (
        source      INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        path        BLOB    NOT NULL,
        size        INTEGER NOT NULL,
        mtime_ns    INTEGER NOT NULL,
        file_id     TEXT    NOT NULL,             -- device and inode: a replaced file is new
        consumed    INTEGER NOT NULL,             -- bytes read, up to the last whole line
        tail_hash   INTEGER NOT NULL,             -- of the bytes just before `consumed`
        session     TEXT,                         -- the source_id of the session it feeds
        events      INTEGER NOT NULL DEFAULT 0,   -- that session's events when `consumed` was read
        fingerprint INTEGER,                      -- and their fingerprint
        state       TEXT,                         -- what a reader needs to go on from `consumed`
        PRIMARY KEY (source, path)
    ) WITHOUT ROWID;
    "#,
    // 3: the index holds the words the conversation shows (content::shown_words), no longer
    // every string of the JSON (ids, keys, models). Everything indexed the old way goes
    // back to the backlog, and is indexed anew as any backlog is: in the background, or
    // before a search. The index is contentless, so 'delete-all' is the way to empty it.
    r#"
    INSERT INTO events_fts (events_fts) VALUES ('delete-all');
    INSERT OR IGNORE INTO search_backlog (event_id) SELECT id FROM events;
    "#,
    // 5: a session's subagents (sessions naming it as `parent_session`) are found without
    // reading every session's metadata: opening a session asks for them.
    r#"
    CREATE INDEX IF NOT EXISTS sessions_parent ON sessions (source, json_extract(metadata, '$.parent_session'))
        WHERE json_extract(metadata, '$.parent_session') IS NOT NULL;
    "#,
    // 6: subagents nest under their parent in the session list. `parent_pk` is kept by the
    // store (store::nesting) whenever a session or its parent arrives, so the list's pages and
    // count read an index instead of every session's metadata. A branch (`branch_of`) is a
    // session of its own, not a subagent.
    r#"
    ALTER TABLE sessions ADD COLUMN parent_pk INTEGER REFERENCES sessions (pk) ON DELETE SET NULL;
    UPDATE sessions SET parent_pk = (
        SELECT p.pk FROM sessions p
        WHERE p.source = sessions.source AND p.source_id = json_extract(sessions.metadata, '$.parent_session')
          AND p.pk <> sessions.pk
    )
    WHERE json_extract(metadata, '$.parent_session') IS NOT NULL AND json_extract(metadata, '$.branch_of') IS NULL;
    -- Two sessions naming each other would both vanish from the list.
    UPDATE sessions SET parent_pk = NULL
    WHERE parent_pk IS NOT NULL
      AND EXISTS (SELECT 1 FROM sessions p WHERE p.pk = sessions.parent_pk AND p.parent_pk = sessions.pk);
    -- Deleted before subagents went with their parent: they go to the trash with it now, as
    -- they would be hidden under it otherwise.
    UPDATE sessions SET deleted_at = (SELECT p.deleted_at FROM sessions p WHERE p.pk = sessions.parent_pk)
    WHERE deleted_at IS NULL AND parent_pk IS NOT NULL
      AND (SELECT p.deleted_at FROM sessions p WHERE p.pk = sessions.parent_pk) IS NOT NULL;
    CREATE INDEX sessions_top ON sessions (updated_at DESC, pk DESC) WHERE deleted_at IS NULL AND parent_pk IS NULL;
    CREATE INDEX sessions_children ON sessions (parent_pk) WHERE parent_pk IS NOT NULL;
    "#,
];

/// The newest schema this build knows.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0)).ctx("reading the schema version")
}

/// Brings the store up to `LATEST_VERSION`, one transaction per step.
///
/// The version is re-read under the write lock, so two processes opening a new store at
/// the same moment do not both run a step.
pub fn migrate(conn: &Connection) -> Result<()> {
    loop {
        conn.execute_batch("BEGIN IMMEDIATE").ctx("locking the store to upgrade it")?;
        let step = user_version(conn).and_then(|version| {
            if version >= LATEST_VERSION {
                return Ok(false);
            }
            let next = version + 1;
            // The version was checked on opening; a file changed since is refused, not indexed with.
            let Some(sql) = usize::try_from(version).ok().and_then(|step| MIGRATIONS.get(step)) else {
                return Err(StoreError::Invalid(format!(
                    "the store says it is at schema {version}, which no recall writes"
                )));
            };
            conn.execute_batch(&format!(
                "{sql}; PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {next};"
            ))
            .ctx(&format!("upgrading the store to schema {next}"))?;
            Ok(true)
        });
        match step {
            Ok(more) => {
                conn.execute_batch("COMMIT").ctx("saving the store upgrade")?;
                if !more {
                    return Ok(());
                }
            }
            Err(err) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(err);
            }
        }
    }
}
