import Foundation

/// A value behind a lock that ThreadSanitizer understands. `NSLock` is a pthread mutex, which TSan
/// intercepts; the Synchronization module's `Mutex` is prebuilt without TSan instrumentation, so TSan
/// saw no ordering between its critical sections and reported them as races.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
