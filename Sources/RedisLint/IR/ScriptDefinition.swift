/// A script object defined in host code (`r.register_script(src)`, `redis.defineCommand(name, { lua: src })`,
/// `defineScript({ SCRIPT: src })`), with its source argument as written, whether or not it is a literal:
/// rules ask whether the source is built at run time.
public struct ScriptDefinition: Sendable {
    /// `register_script`, `defineCommand`, `defineScript`, `createScript`.
    public var method: String
    /// The source argument: a literal, or the rendered expression (`"…${limit}…"`, `src`).
    public var source: ArgumentValue
    /// Byte range of the method name.
    public var nameSpan: Range<Int>

    public init(method: String, source: ArgumentValue, nameSpan: Range<Int>) {
        self.method = method
        self.source = source
        self.nameSpan = nameSpan
    }
}
