fn main() -> std::process::ExitCode {
    recall::cli::main()
}
