/// A prefix a client adds to every key it sends: ioredis `keyPrefix: "app:"`,
/// `Redis::Namespace.new(:app, …)` (`app:`). The prefix is part of the key, so it changes slots:
/// `keyPrefix: "{app}:"` puts every key of that client in one slot.
public struct KeyPrefix: Sendable, Hashable {
    public var bytes: [UInt8]
    /// Byte range of the option that sets it.
    public var span: Range<Int>

    public init(bytes: [UInt8], span: Range<Int>) {
        self.bytes = bytes
        self.span = span
    }
}
