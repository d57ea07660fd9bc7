mod authorization;
mod embedded;
mod http;
mod pages;
mod schema;
