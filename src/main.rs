//! The `jidi` command line: check, evaluate and explain policies and park records.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
