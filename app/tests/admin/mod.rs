mod anonymous;
mod csv_import;
mod grid;
