//! The `anxi` command: the game, and the tools around it.

fn main() -> std::process::ExitCode {
    anxi::cli::main()
}
