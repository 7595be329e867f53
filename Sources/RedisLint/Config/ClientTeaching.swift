/// What a project teaches the front-ends about its own Redis code: extra receiver names that are
/// clients (`cache`, `store`), and wrapper functions or methods that issue one Redis command with a
/// key argument (`CacheStore.fetch(key)` sends `GET key`).
public struct ClientTeaching: Sendable, Equatable {
    public struct Wrapper: Sendable, Equatable {
        /// The receiver as written before the method (`CacheStore`, `self.cache`), or nil for a plain
        /// function or any receiver.
        public var receiver: String?
        public var method: String
        /// Upper-case Redis command the wrapper sends.
        public var command: String
        /// 1-based position of the key among the call's arguments.
        public var keyArgument: Int

        public init(receiver: String?, method: String, command: String, keyArgument: Int) {
            self.receiver = receiver
            self.method = method
            self.command = command
            self.keyArgument = keyArgument
        }
    }

    /// Receiver names (as written: `cache`, `self.cache`, `@cache`; the last component also matches).
    public var receivers: Set<String>
    public var wrappers: [Wrapper]

    public init(receivers: Set<String> = [], wrappers: [Wrapper] = []) {
        self.receivers = receivers
        self.wrappers = wrappers
    }

    public var isEmpty: Bool { receivers.isEmpty && wrappers.isEmpty }

    /// Is a receiver written as `text` one of the taught clients?
    public func isTaughtReceiver(_ text: String) -> Bool {
        guard !receivers.isEmpty else { return false }
        if receivers.contains(text) { return true }
        let bare = String(text.drop(while: { $0 == "@" || $0 == "$" }))
        if receivers.contains(bare) { return true }
        if let last = bare.split(separator: ".").last, receivers.contains(String(last)) { return true }
        return false
    }

    /// The wrapper a call `receiver.method(...)` matches.
    public func wrapper(receiver: String, method: String) -> Wrapper? {
        wrappers.first { $0.method == method && ($0.receiver == nil || $0.receiver == receiver) }
    }

    /// Later teaching adds to earlier teaching (nested configurations).
    public func merged(with other: ClientTeaching) -> ClientTeaching {
        ClientTeaching(receivers: receivers.union(other.receivers), wrappers: other.wrappers + wrappers)
    }
}
