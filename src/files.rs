//! Files jidi reads on a policy's say-so and files it writes: reads open only regular files, up to
//! a size cap; every write goes to a fresh temporary file beside the target and is renamed into
//! place, so a failure leaves the old file whole.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The largest file a policy may name (a calendar): far beyond any real one.
pub const POLICY_FILE_CAP: u64 = 16 << 20;

fn refused(path: &Path, why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{} {why}", path.display()),
    )
}

/// Reads a regular file of at most `cap` bytes. A device (`/dev/zero`), a FIFO or a directory is
/// refused before it is opened, so reading never blocks or runs forever.
pub fn read_regular(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(refused(path, "is not a regular file"));
    }
    let file = fs::File::open(path)?;
    // The path may have been swapped between the look and the open.
    if !file.metadata()?.is_file() {
        return Err(refused(path, "is not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(refused(
            path,
            &format!("is larger than {} MiB", cap.div_ceil(1 << 20)),
        ));
    }
    Ok(bytes)
}

/// Reads a file a policy names (its calendar): `name` is relative to the directory of the policy
/// file `policy`. The error is a sentence naming the file.
pub fn read_beside(policy: &str, name: &str) -> Result<String, String> {
    let dir = Path::new(policy)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let path = dir.join(name);
    read_regular_text(&path, POLICY_FILE_CAP).map_err(|e| format!("{}: {e}", path.display()))
}

/// [`read_regular`] as UTF-8 text.
pub fn read_regular_text(path: &Path, cap: u64) -> io::Result<String> {
    String::from_utf8(read_regular(path, cap)?).map_err(|_| refused(path, "is not UTF-8 text"))
}

/// Where a write to `path` really lands: the file a symbolic link points to, so that replacing
/// it keeps the link.
fn landing(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.into())
        }
        _ => path.to_path_buf(),
    }
}

/// Writes a file whole or not at all: `fill` writes into a new temporary file (a random name,
/// created exclusively, beside the target: never a file or link planted there), which is then
/// flushed to disk and renamed over `path`. An existing file keeps its permissions. A target
/// that exists and is not a regular file (`/dev/stdout`, `/dev/full`) is written directly.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let target = landing(path);
    if fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
        let mut device = io::BufWriter::new(fs::OpenOptions::new().write(true).open(&target)?);
        fill(&mut device)?;
        return device.flush();
    }
    replace(&target, |tmp| {
        let mut file = io::BufWriter::new(tmp.as_file_mut());
        fill(&mut file)?;
        file.flush()
    })
}

/// [`write_atomic`] for writers that want a path of their own to write (a line editor's history):
/// `fill` writes the temporary file at the path it is given. Only a regular file is replaced.
pub fn write_atomic_via(path: &Path, fill: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let target = landing(path);
    if fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
        return Err(refused(&target, "is not a regular file"));
    }
    replace(&target, |tmp| fill(tmp.path()))
}

/// Fills a temporary file beside `target` and renames it over `target`.
fn replace(
    target: &Path,
    fill: impl FnOnce(&mut tempfile::NamedTempFile) -> io::Result<()>,
) -> io::Result<()> {
    let existing = fs::metadata(target).ok();
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "jidi".into(), |n| n.to_string_lossy().into_owned());
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    match &existing {
        Some(m) => fs::set_permissions(tmp.path(), m.permissions())?,
        None => set_default_permissions(tmp.path())?,
    }
    let mut tmp = tmp;
    fill(&mut tmp)?;
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// A new file is readable by all and writable by its owner, as `File::create` would leave it under
/// the usual umask (the temporary file starts private).
#[cfg(unix)]
fn set_default_permissions(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        let failed = write_atomic(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
        write_atomic(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn devices_and_directories_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_regular(dir.path(), 10).is_err());
        let big = dir.path().join("big");
        fs::write(&big, "12345").unwrap();
        assert!(read_regular(&big, 4).is_err());
        assert_eq!(read_regular(&big, 5).unwrap(), b"12345");
        #[cfg(unix)]
        assert!(read_regular(Path::new("/dev/zero"), 10).is_err());
    }
}
