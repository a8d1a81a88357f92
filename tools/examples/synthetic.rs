//! Prints a generated checkout page: `cargo run --example synthetic -- [ELEMENTS] [CONTROLS]`.
//! The browser benchmark serves its output, so native and browser figures use the same page.

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let elements = args.next().and_then(Result::ok).unwrap_or(10_000);
    let controls = args.next().and_then(Result::ok).unwrap_or(300);
    print!("{}", haken_tools::synthetic::checkout(elements, controls));
}
