import LuaParse

/// A Lua script found in a file: a whole `.lua` file, or a literal passed to EVAL, `register_script`,
/// `defineCommand`… in host code.
public struct EmbeddedScript: Sendable {
    /// The fields, in one shared box: the Lua rules, the project index and the tracer each bind every
    /// script of a file, and a copy of the fields themselves retained and released two dozen references
    /// (the tree's lists, the offsets, the call sites). A copy of the box is one retain; a change to a
    /// shared box copies it first, so a script still behaves as a value.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline var script: LuaScript
        @usableFromInline var sourceOffsets: ScriptOffsets
        @usableFromInline var span: Range<Int>
        @usableFromInline var callSites: [ScriptCallSite]

        @usableFromInline
        init(script: LuaScript, sourceOffsets: ScriptOffsets, span: Range<Int>, callSites: [ScriptCallSite]) {
            self.script = script
            self.sourceOffsets = sourceOffsets
            self.span = span
            self.callSites = callSites
        }
    }

    @usableFromInline var storage: Storage

    /// The box, first copied when another script shares it.
    @inlinable
    var uniqueStorage: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) {
                storage = Storage(script: storage.script, sourceOffsets: storage.sourceOffsets, span: storage.span,
                                  callSites: storage.callSites)
            }
            return storage
        }
    }

    public var script: LuaScript {
        @inlinable _read { yield storage.script }
        @inlinable _modify { yield &uniqueStorage.script }
    }
    /// `sourceOffsets[i]` is the host-file byte offset of script byte `i` (empty for `.lua` files: identity).
    public var sourceOffsets: ScriptOffsets {
        @inlinable _read { yield storage.sourceOffsets }
        @inlinable _modify { yield &uniqueStorage.sourceOffsets }
    }
    /// Host span of the literal that holds the script.
    public var span: Range<Int> {
        @inlinable get { storage.span }
        @inlinable set { uniqueStorage.span = newValue }
    }
    /// Where host code runs this script (filled by the front-ends and the project link).
    public var callSites: [ScriptCallSite] {
        @inlinable _read { yield storage.callSites }
        @inlinable _modify { yield &uniqueStorage.callSites }
    }

    public init(script: LuaScript, sourceOffsets: [Int32], span: Range<Int>) {
        storage = Storage(script: script, sourceOffsets: ScriptOffsets(sourceOffsets), span: span, callSites: [])
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
