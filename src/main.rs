//! The `exitgraph` binary: parses arguments and hands over to `exitgraph::cli`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    exitgraph::cli::main(std::env::args_os())
}
