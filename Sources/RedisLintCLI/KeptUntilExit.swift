import RedisLint

/// Values a command keeps until the process exits instead of tearing them down when it returns: `main`
/// exits right after the command, and freeing a large report (every finding's strings, every file's paths)
/// was serial work on the main thread (~8M instructions for 10 MB of the synthetic corpus).
enum KeptUntilExit {
    private static let values = Locked<[any Sendable]>([])

    static func keep(_ kept: any Sendable...) {
        values.withLock { $0 += kept }
    }
}
