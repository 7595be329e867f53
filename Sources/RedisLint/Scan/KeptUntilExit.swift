/// Values kept until the process exits instead of torn down when their owner is done with them: a
/// command that exits right after its report need not free a large tree's models, report and file lists
/// (freeing them was serial work on the main thread: every op of a large tree, ~8M instructions of
/// findings' strings for 10 MB of the synthetic corpus).
public enum KeptUntilExit {
    private static let values = Locked<[any Sendable]>([])

    public static func keep(_ kept: any Sendable...) {
        values.withLock { $0 += kept }
    }
}
