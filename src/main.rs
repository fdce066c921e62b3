//! The `exitgraph` binary: parses arguments and hands over to `exitgraph::cli`.

fn main() -> std::process::ExitCode {
    exitgraph::cli::main(std::env::args_os())
}
