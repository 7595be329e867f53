import LuaParse

/// A Lua script found in a file: a whole `.lua` file, or a literal passed to EVAL, `register_script`,
/// `defineCommand`… in host code.
public struct EmbeddedScript: Sendable {
    public var script: LuaScript
    /// `sourceOffsets[i]` is the host-file byte offset of script byte `i` (empty for `.lua` files: identity).
    public var sourceOffsets: ScriptOffsets
    /// Host span of the literal that holds the script.
    public var span: Range<Int>
    /// Where host code runs this script (filled by the front-ends and the project link).
    public var callSites: [ScriptCallSite] = []

    public init(script: LuaScript, sourceOffsets: [Int32], span: Range<Int>) {
        self.script = script
        self.sourceOffsets = ScriptOffsets(sourceOffsets)
        self.span = span
    }

    /// A whole `.lua` file: script offsets are file offsets.
    public init(wholeFile script: LuaScript, length: Int) {
        self.init(script: script, sourceOffsets: [], span: 0..<length)
    }

    /// Maps a byte range of the script into the host file.
    public func hostRange(_ range: Range<Int>) -> Range<Int> {
        guard !sourceOffsets.isEmpty else { return range }
        let lo = Int(sourceOffsets[max(0, min(range.lowerBound, sourceOffsets.count - 1))])
        let lastIndex = max(range.lowerBound, range.upperBound - 1)
        let hi = Int(sourceOffsets[max(0, min(lastIndex, sourceOffsets.count - 1))]) + (range.isEmpty ? 0 : 1)
        return lo..<max(lo, hi)
    }
}

/// A place in host code that runs a script: `EVAL`/`EVALSHA`/`FCALL`, a `register_script` object
/// called with `keys=`, an ioredis `defineCommand` method, a node-redis `defineScript` function.
public struct ScriptCallSite: Sendable {
    /// Number of keys passed (`numkeys`), when known at lint time.
    public var numberOfKeys: Int?
    /// The keys passed, when they can be read.
    public var keys: [KeyExpr]
    /// Arguments after the keys, when their count is known.
    public var argumentCount: Int?
    public var span: Range<Int>
    public init(numberOfKeys: Int?, keys: [KeyExpr], argumentCount: Int?, span: Range<Int>) {
        self.numberOfKeys = numberOfKeys
        self.keys = keys
        self.argumentCount = argumentCount
        self.span = span
    }
}
