//! Opening files that input names, so that nothing blocks or reads without end.
//!
//! Only regular files are opened: open(2) on a FIFO waits for a writer forever, and a device
//! such as `/dev/zero` never ends. The type is checked before opening (a symlink is followed),
//! and the open itself is non-blocking, so a FIFO swapped in between the two is refused too.

use std::fs::{File, Metadata};
use std::io;
use std::path::Path;

/// Opens `path` for reading if it is a regular file; otherwise an error saying what it is.
pub(crate) fn open_regular(path: &Path) -> io::Result<File> {
    require_regular(&std::fs::metadata(path)?)?;
    let file = open_without_blocking(path)?;
    require_regular(&file.metadata()?)?;
    Ok(file)
}

/// The whole of a regular file (see [`open_regular`]): never blocks on a FIFO or reads a device.
pub(crate) fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut open_regular(path)?, &mut bytes)?;
    Ok(bytes)
}

/// [`read_regular`] as text; bytes that are not UTF-8 are an error, as with `fs::read_to_string`.
pub(crate) fn read_regular_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read_regular(path)?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// An error unless `metadata` is a regular file's; says what it is instead.
pub(crate) fn require_regular(metadata: &Metadata) -> io::Result<()> {
    if metadata.is_file() {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::InvalidInput, format!("not a regular file ({})", kind(metadata))))
    }
}

/// What a file that is not regular is, in words.
pub(crate) fn kind(metadata: &Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_file() { "a regular file" } else { "a special file" }
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK changes nothing for a regular file's reads; it only stops a FIFO's open waiting.
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// `path` made absolute, as the path of an SQLite `file:` URI: built from the path's bytes,
/// so a name that is not UTF-8 still names the same file, and percent-encoding every byte a
/// URI path may not hold literally (`?`, `#`, `%`, spaces, non-ASCII).
pub(crate) fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &byte in path_bytes(&absolute).iter() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

/// Elsewhere SQLite takes UTF-8 paths; a Windows path (UTF-16) converts losslessly unless
/// it holds a lone surrogate.
#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    match path.to_string_lossy() {
        std::borrow::Cow::Borrowed(text) => std::borrow::Cow::Borrowed(text.as_bytes()),
        std::borrow::Cow::Owned(text) => std::borrow::Cow::Owned(text.into_bytes()),
    }
}

/// What identifies a file whatever path leads to it: device and inode where there are such.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] std::path::PathBuf);

impl FileId {
    pub(crate) fn of(path: &Path, metadata: &Metadata) -> FileId {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            FileId((metadata.dev(), metadata.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            FileId(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_open() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("a.jsonl");
        std::fs::write(&file, b"{}\n").expect("write");
        assert!(open_regular(&file).is_ok());
        let pipe = dir.path().join("pipe.jsonl");
        assert!(std::process::Command::new("mkfifo").arg(&pipe).status().expect("mkfifo").success());
        let refused = |path: &Path| open_regular(path).expect_err("refused").to_string();
        assert_eq!(refused(&pipe), "not a regular file (a FIFO)");
        assert_eq!(refused(Path::new("/dev/zero")), "not a regular file (a character device)");
        assert_eq!(refused(dir.path()), "not a regular file (a folder)");
        let link = dir.path().join("zero.jsonl");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        assert_eq!(refused(&link), "not a regular file (a character device)");
    }
}
