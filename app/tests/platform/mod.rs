mod embedded;
mod http;
