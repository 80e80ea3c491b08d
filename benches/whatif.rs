//! Benchmarks of the what-if engine (filled in below).

fn main() {}
