mod authorization;
mod embedded;
mod http;
