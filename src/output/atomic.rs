//! Files that appear whole or not at all: written to a hidden temporary file
//! beside the target (`.name.PID.N.tmp`), synced, then renamed over it.

use crate::error::Error;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`, so readers never see a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.commit()
}

/// A file written through a temporary file beside it and renamed into place
/// by [`AtomicFile::commit`]; dropped uncommitted, the temporary file is
/// removed and `path` is left as it was.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<io::BufWriter<fs::File>>,
}

impl AtomicFile {
    /// Creates the temporary file for `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let name = path.file_name().ok_or_else(|| {
            Error::Usage(format!(
                "expected a file name to write to, found {}",
                path.display()
            ))
        })?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Self::create_in(dir, &name.to_string_lossy(), path)
    }

    /// A temporary file in the system's temporary folder, to be read back
    /// (see [`AtomicFile::copy_to`]) rather than committed.
    pub fn spill() -> Result<AtomicFile, Error> {
        let dir = std::env::temp_dir();
        let path = dir.join("chronicler-spill");
        Self::create_in(&dir, "chronicler-spill", &path)
    }

    fn create_in(dir: &Path, name: &str, path: &Path) -> Result<AtomicFile, Error> {
        for attempt in 0u32..1000 {
            let tmp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
            match fs::OpenOptions::new()
                .write(true)
                .read(true)
                .create_new(true)
                .open(&tmp)
            {
                Ok(f) => {
                    return Ok(AtomicFile {
                        path: path.to_path_buf(),
                        tmp,
                        file: Some(io::BufWriter::with_capacity(1 << 16, f)),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        Err(Error::Usage(format!(
            "expected to create a temporary file in {}, found every name taken",
            dir.display()
        )))
    }

    /// Flushes, syncs and renames the temporary file over the target. When
    /// any step fails the temporary file is removed and the target left as
    /// it was.
    pub fn commit(mut self) -> Result<(), Error> {
        let Some(w) = self.file.take() else {
            return Ok(());
        };
        let path = self.path.clone();
        let result = w
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_all())
            .and_then(|()| fs::rename(&self.tmp, &path))
            .map_err(|e| Error::io(&path, e));
        if result.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        result
    }

    /// Copies everything written so far to `out`, then removes the file.
    pub fn copy_to(mut self, out: &mut dyn Write) -> Result<(), Error> {
        use std::io::Seek;
        let Some(w) = self.file.take() else {
            return Ok(());
        };
        let result = w
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|mut file| {
                file.seek(io::SeekFrom::Start(0))
                    .and_then(|_| io::copy(&mut file, out))
            })
            .map(|_| ())
            .map_err(|e| Error::io(&self.tmp, e));
        let _ = fs::remove_file(&self.tmp);
        result
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"hello").unwrap();
        assert!(!p.exists());
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "hello");
        let mut g = AtomicFile::create(&p).unwrap();
        g.write_all(b"other").unwrap();
        drop(g);
        assert_eq!(fs::read_to_string(&p).unwrap(), "hello");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn spill_copies_back_and_cleans_up() {
        let mut s = AtomicFile::spill().unwrap();
        s.write_all(b"abc\n").unwrap();
        let tmp = s.tmp.clone();
        let mut out = Vec::new();
        s.copy_to(&mut out).unwrap();
        assert_eq!(out, b"abc\n");
        assert!(!tmp.exists());
    }
}
