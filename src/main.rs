//! The binary. The command line lives in the library (`denkcoach::cli`), so
//! it is built, linted and unit-tested with everything else.

use std::process::ExitCode;

fn main() -> ExitCode {
    denkcoach::cli::main()
}
