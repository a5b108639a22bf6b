//! One place that turns any failure into a message and an exit code.

use std::io::Write;
use std::process::ExitCode;

/// A failed command: stable code, message, optional field path, exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: String,
    pub message: String,
    pub path: Option<String>,
    pub exit: u8,
    /// Print a JSON error object on standard output too.
    pub json: bool,
}

impl Failure {
    /// Bad input or usage (exit 2).
    pub fn input(code: &str, message: impl Into<String>) -> Failure {
        Failure {
            code: code.into(),
            message: message.into(),
            path: None,
            exit: 2,
            json: false,
        }
    }

    /// Marks the failure to be printed as JSON as well.
    pub fn json(mut self, json: bool) -> Failure {
        self.json = json;
        self
    }

    /// Prints the failure and gives the exit code.
    pub fn report(self) -> ExitCode {
        if self.json {
            let v = serde_json::json!({"error": {"code": self.code, "message": self.message, "path": self.path}});
            let _ = writeln!(std::io::stdout(), "{v}");
        }
        let _ = writeln!(std::io::stderr(), "error[{}]: {}", self.code, self.message);
        ExitCode::from(self.exit)
    }
}

impl From<dnd_core::Error> for Failure {
    fn from(e: dnd_core::Error) -> Failure {
        // Every core error today is about the input; rules refusals (exit 1) come with validation.
        Failure {
            code: e.code().to_string(),
            message: e.to_string(),
            path: e.path().map(str::to_string),
            exit: 2,
            json: false,
        }
    }
}
