/// The exit statuses the README documents.
enum ExitCode: Int32 {
    /// No finding at or above the `--fail-on` level.
    case clean = 0
    /// Findings at or above the `--fail-on` level.
    case findings = 1
    /// Usage, configuration or internal error, or a named path that does not exist.
    case error = 2
}
