mod page;

pub use page::HomePage;
