//! The exit statuses scripts can rely on, one enum: every command returns one.

use std::process::ExitCode;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: the run completed, whatever the verdicts.
    Ok,
    /// 1: the policy or an input had errors (reported on stderr); good records were still
    /// evaluated. Also a write to standard output that failed for another reason than a closed
    /// pipe.
    InputErrors,
    /// 2: the command line was wrong.
    Usage,
    /// 3: a policy test failed (`jidi test`), or a record is judged differently
    /// (`jidi compare --fail-on-change`).
    Failed,
    /// 141 (128 + SIGPIPE): standard output was closed, as for `jidi eval … | head -1`.
    BrokenPipe,
}

impl Exit {
    /// The status the process exits with.
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::InputErrors => 1,
            Exit::Usage => 2,
            Exit::Failed => 3,
            Exit::BrokenPipe => 141,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Exit;

    #[test]
    fn the_codes_scripts_rely_on() {
        let all = [
            Exit::Ok,
            Exit::InputErrors,
            Exit::Usage,
            Exit::Failed,
            Exit::BrokenPipe,
        ];
        let codes: Vec<u8> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes, vec![0, 1, 2, 3, 141]);
    }
}
