/// A check over the Redis IR. Rules report everything they find; configuration, severities and
/// suppressions are applied afterwards by the policy pass (detection is separate from policy).
public protocol Rule: Sendable {
    var description: RuleDescription { get }
    /// Findings for one file. `context` gives the file model, project-wide facts and settings.
    func check(_ context: RuleContext) -> [Finding]
}

/// Settings rules read (the minimum Redis version the project supports, cluster mode).
public struct RuleSettings: Sendable, Equatable {
    public var minimumRedisVersion: RedisVersion
    /// Whether the project talks to a Redis Cluster: `auto` decides from client evidence, `on`/`off`
    /// are the user's word (configuration `cluster = ...` or `--cluster`).
    public var cluster: ClusterMode
    public init(minimumRedisVersion: RedisVersion = RedisVersion(7, 0), cluster: ClusterMode = .auto) {
        self.minimumRedisVersion = minimumRedisVersion
        self.cluster = cluster
    }
}

/// Cluster setting: decide from evidence (`auto`), or assume a cluster (`on`) or a single node (`off`).
public enum ClusterMode: String, Sendable, CaseIterable {
    case auto, on, off
}

/// A Redis version such as 7.0 or 6.2.
public struct RedisVersion: Sendable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public init(_ major: Int, _ minor: Int) { self.major = major; self.minor = minor }
    public init?(_ text: String) {
        let parts = text.split(separator: ".").map { Int($0) }
        guard (1...3).contains(parts.count), let major = parts[0] else { return nil }
        let minor = parts.count > 1 ? parts[1] : 0
        guard let minor else { return nil }
        self.init(major, minor)
    }
    public static func < (a: RedisVersion, b: RedisVersion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
    public var description: String { "\(major).\(minor)" }
}
