//! Confer's own PostgreSQL cluster, for running without `DATABASE_URL`.
//!
//! The cluster lives in `<data dir>/postgres`, listens only on a Unix socket in that folder,
//! is created with `initdb` on first start and stopped with `pg_ctl` on shutdown. PostgreSQL
//! refuses to run as root, so under root the cluster runs as the `postgres` system account.

use std::path::{Path, PathBuf};
use std::process::Output;

use sqlx::postgres::PgConnectOptions;
use tokio::process::Command;

const SUPERUSER: &str = "confer";
const SYSTEM_ACCOUNT: &str = "postgres";

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedPgError {
    #[error(
        "no PostgreSQL server binaries found (looked for initdb and pg_ctl in {searched}). \
         Install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql), \
         or set CONFER_PG_BIN to the folder that holds initdb and pg_ctl, \
         or set DATABASE_URL to use an existing PostgreSQL server"
    )]
    BinariesMissing { searched: String },
    #[error("{command} failed: {detail}")]
    Command { command: String, detail: String },
    #[error("could not prepare {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// Finds the folder holding `initdb` and `pg_ctl`: the one given, else the first candidate.
pub fn locate_binaries(explicit: Option<&Path>, candidates: &[PathBuf]) -> Result<PathBuf, EmbeddedPgError> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    let searched: Vec<PathBuf> = explicit.map(Path::to_path_buf).into_iter().chain(candidates.iter().cloned()).collect();
    let found = match explicit {
        Some(dir) => has_tools(dir).then(|| dir.to_path_buf()),
        None => candidates.iter().find(|dir| has_tools(dir)).cloned(),
    };
    found.ok_or_else(|| EmbeddedPgError::BinariesMissing {
        searched: if searched.is_empty() {
            "no folders".to_owned()
        } else {
            searched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        },
    })
}

/// Where PostgreSQL binaries usually are: `PATH`, then the distribution folders, newest first.
pub fn default_candidates() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    for root in ["/usr/lib/postgresql", "/usr/local/opt/postgresql/bin", "/opt/homebrew/opt/postgresql/bin"] {
        let mut versions: Vec<PathBuf> =
            std::fs::read_dir(root).map(|entries| entries.flatten().map(|e| e.path().join("bin")).collect()).unwrap_or_default();
        versions.sort();
        dirs.extend(versions.into_iter().rev());
    }
    dirs
}

pub struct EmbeddedPostgres {
    bin: PathBuf,
    cluster: PathBuf,
    as_system_account: bool,
}

impl EmbeddedPostgres {
    /// Creates the cluster if it does not exist yet, and starts it unless it already runs.
    pub async fn start(bin: PathBuf, data_dir: &Path) -> Result<Self, EmbeddedPgError> {
        let data_dir = absolute(data_dir)?;
        let cluster = data_dir.join("postgres");
        let as_system_account = is_root();
        let pg = Self { bin, cluster, as_system_account };
        if !pg.cluster.join("PG_VERSION").is_file() {
            pg.init().await?;
        }
        if !pg.is_running().await {
            let socket_opts = format!("-c listen_addresses='' -k {}", pg.cluster.display());
            let log = pg.cluster.join("server.log");
            pg.run("pg_ctl", &["-D", path_str(&pg.cluster), "-l", path_str(&log), "-o", &socket_opts, "-w", "-t", "60", "start"]).await?;
        }
        Ok(pg)
    }

    /// Connection options for a database of this cluster, over its Unix socket.
    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new().socket(&self.cluster).username(SUPERUSER).database(database)
    }

    pub async fn stop(&self) -> Result<(), EmbeddedPgError> {
        self.run("pg_ctl", &["-D", path_str(&self.cluster), "-m", "fast", "-w", "stop"]).await.map(|_| ())
    }

    async fn init(&self) -> Result<(), EmbeddedPgError> {
        std::fs::create_dir_all(&self.cluster).map_err(|source| EmbeddedPgError::Io { path: self.cluster.clone(), source })?;
        if self.as_system_account {
            self.hand_to_system_account().await?;
        }
        let args = ["-D", path_str(&self.cluster), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"];
        self.run("initdb", &args).await.map(|_| ())
    }

    async fn is_running(&self) -> bool {
        self.run("pg_ctl", &["-D", path_str(&self.cluster), "status"]).await.is_ok()
    }

    async fn hand_to_system_account(&self) -> Result<(), EmbeddedPgError> {
        let output = Command::new("chown").arg("-R").arg(SYSTEM_ACCOUNT).arg(&self.cluster).output().await;
        check("chown", output).map(|_| ())
    }

    async fn run(&self, tool: &str, args: &[&str]) -> Result<Output, EmbeddedPgError> {
        let program = self.bin.join(tool);
        let mut command = if self.as_system_account {
            let mut c = Command::new("runuser");
            c.args(["-u", SYSTEM_ACCOUNT, "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        // Its own process group: a Ctrl-C in the terminal reaches Confer, which then stops
        // the cluster in order, instead of reaching PostgreSQL directly.
        command.args(args).stdin(std::process::Stdio::null()).process_group(0);
        check(tool, command.output().await)
    }
}

fn check(command: &str, output: std::io::Result<Output>) -> Result<Output, EmbeddedPgError> {
    let failure = |detail: String| EmbeddedPgError::Command { command: command.to_owned(), detail };
    let output = output.map_err(|err| failure(err.to_string()))?;
    if output.status.success() {
        return Ok(output);
    }
    let text = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    Err(failure(if text.is_empty() { output.status.to_string() } else { text }))
}

fn absolute(path: &Path) -> Result<PathBuf, EmbeddedPgError> {
    std::fs::create_dir_all(path).map_err(|source| EmbeddedPgError::Io { path: path.to_path_buf(), source })?;
    path.canonicalize().map_err(|source| EmbeddedPgError::Io { path: path.to_path_buf(), source })
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap_or_default()
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_binaries_say_what_to_install_or_set() {
        let err = locate_binaries(None, &[PathBuf::from("/nowhere/bin")]).unwrap_err().to_string();
        assert!(err.contains("/nowhere/bin"), "{err}");
        assert!(err.contains("apt-get install postgresql"), "{err}");
        assert!(err.contains("CONFER_PG_BIN"), "{err}");
        assert!(err.contains("DATABASE_URL"), "{err}");
    }

    #[test]
    fn an_explicit_folder_without_the_tools_is_refused_even_if_others_have_them() {
        let real = default_candidates().into_iter().find(|d| d.join("initdb").is_file());
        let err = locate_binaries(Some(Path::new("/nowhere")), &real.into_iter().collect::<Vec<_>>());
        assert!(matches!(err, Err(EmbeddedPgError::BinariesMissing { .. })));
    }
}
