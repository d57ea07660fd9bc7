mod authorization;
mod embedded;
mod http;
mod schema;
