import RedisLint

/// Values a command keeps until the process exits instead of tearing them down when it returns: `main`
/// exits right after the command, and freeing a large report (every finding's strings, every file's paths)
/// was serial work on the main thread (~8M instructions for 10 MB of the synthetic corpus).
enum KeptUntilExit {
    /// The check command's values, typed: kept as `any Sendable` in a locked array, they made the runtime
    /// build that array's, the lock's and each boxed value's type metadata at the end of every run.
    private final class CheckValues {
        let report: Report
        let result: Scanner.Result
        let outcome: PolicyPass.Outcome
        let project: [Discovery.File]
        let discovered: Discovery.Result
        let policies: [FilePolicy]

        init(_ report: Report, _ result: Scanner.Result, _ outcome: PolicyPass.Outcome, _ project: [Discovery.File],
             _ discovered: Discovery.Result, _ policies: [FilePolicy]) {
            self.report = report
            self.result = result
            self.outcome = outcome
            self.project = project
            self.discovered = discovered
            self.policies = policies
        }
    }

    /// The kept values, reachable from this global until the process exits: an object retained and then
    /// forgotten (`Unmanaged.passRetained`) is a leak to LeakSanitizer, which failed every CLI test under
    /// AddressSanitizer. Written once, by the main thread at the end of the check command.
    nonisolated(unsafe) private static var kept: CheckValues?

    /// Keeps the check command's values until the process exits.
    static func keep(_ report: Report, _ result: Scanner.Result, _ outcome: PolicyPass.Outcome, _ project: [Discovery.File],
                     _ discovered: Discovery.Result, _ policies: [FilePolicy]) {
        kept = CheckValues(report, result, outcome, project, discovered, policies)
    }
}
