mod embedded;
mod http;
mod authorization;
