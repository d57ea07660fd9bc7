mod sessions;
mod throttling;
