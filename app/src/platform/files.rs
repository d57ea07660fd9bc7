//! Stored files (avatars, later attachments): bytes in an object store, a local folder in the
//! data directory by default.

use std::path::Path;
use std::sync::Arc;

use object_store::local::LocalFileSystem;
use object_store::ObjectStore;

pub type Files = Arc<dyn ObjectStore>;

pub fn local(data_dir: &Path) -> Result<Files, std::io::Error> {
    let root = data_dir.join("files");
    std::fs::create_dir_all(&root)?;
    let store = LocalFileSystem::new_with_prefix(&root).map_err(std::io::Error::other)?;
    Ok(Arc::new(store))
}
