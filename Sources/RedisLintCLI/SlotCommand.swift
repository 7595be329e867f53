import RedisLint

/// `redislint slot KEY...`: each key's Redis Cluster hash slot, as `CLUSTER KEYSLOT` answers.
/// Keys that start with `-` go after `--`.
enum SlotCommand {
    static func run(_ arguments: inout Arguments) throws -> ExitCode {
        var keys: [String] = []
        while let item = arguments.next() {
            if arguments.isOption(item) { throw UsageError("unknown option '\(item)' for 'slot' (put keys starting with '-' after '--')") }
            keys.append(item)
        }
        guard !keys.isEmpty else { throw UsageError("slot needs at least one key") }
        Output.write(keys.map { "\(HashSlot.slot(of: Array($0.utf8)))\t\($0)\n" }.joined())
        return .clean
    }
}
