/// Everything redislint needs to know about one Lua script: its tree, its syntax errors as luac
/// reports them, its Redis metadata, scopes and the Redis view.
public struct LuaScript: Sendable {
    /// The syntax tree; nil in a `withoutSyntaxTree()` copy.
    public private(set) var chunk: LuaChunk?
    /// In source order; the first is the one luac reports. Empty for templates.
    public let syntaxErrors: [LuaSyntaxError]
    public let shebang: LuaShebang?
    public let isTemplate: Bool
    /// Empty in a `withoutSyntaxTree()` copy.
    public private(set) var scopes: LuaScopes
    public let redisCalls: [LuaRedisCall]
    /// Assignments to non-local names: Redis rejects them at run time.
    public let globalWrites: [LuaNameUse]
    /// Reads of globals the sandbox does not provide and the script does not assign.
    public let undefinedGlobalReads: [LuaNameUse]
    public let sandboxViolations: [LuaSandboxUse]
    public let redisAPIUses: [LuaRedisAPIUse]
    public let nondeterministicUses: [LuaNondeterminismUse]
    /// Use of the KEYS and ARGV globals (aliases included) across the script.
    public let keysUsage: LuaKeysUsage
    /// `redis.register_function` registrations of a Functions library.
    public let registeredFunctions: [LuaRegisteredFunction]

    /// Never traps, whatever the bytes.
    public init(source: [UInt8]) {
        let shebang = LuaShebang.parse(source)
        let start = shebang?.span.upperBound ?? 0
        // One screening pass serves both template checks (markers are rare).
        let mayHaveMarkers = LuaTemplateDetector.mayContainMarkers(source)
        var isTemplate = mayHaveMarkers && LuaTemplateDetector.hasDefiniteMarkers(source)
        var parsed = isTemplate ? LuaTemplateDetector.substitute(source) : source
        // A template's placeholders keep its line breaks, so lines counted in `parsed` are the source's.
        var (chunk, errors, mayRegister, nameCount, localCount, lines) = Self.parse(parsed, from: start)
        if !isTemplate, !errors.isEmpty, mayHaveMarkers, LuaTemplateDetector.hasMustache(source) {
            isTemplate = true
            parsed = LuaTemplateDetector.substitute(source)
            (chunk, errors, mayRegister, nameCount, localCount, lines) = Self.parse(parsed, from: start)
        }
        // The local functions are looked up only for `register_function` callbacks.
        var resolver = LuaScopeResolver(lines: lines, nameExpressionCount: nameCount, declaredLocalCount: localCount,
                                        keepsLocalFunctions: mayRegister)
        let scopes = resolver.resolve(chunk)
        var view = LuaRedisView(scopes: scopes, lines: lines)
        view.analyse(chunk, mayRegisterFunctions: mayRegister, localSymbols: resolver.localSymbols.isEmpty ? nil : resolver.localSymbols)

        self.chunk = chunk
        self.syntaxErrors = isTemplate ? [] : errors
        self.shebang = shebang
        self.isTemplate = isTemplate
        self.scopes = scopes
        self.redisCalls = view.calls
        self.redisAPIUses = view.apiUses
        self.nondeterministicUses = view.nondeterminism
        self.keysUsage = view.usage
        self.registeredFunctions = view.registrations
        self.globalWrites = scopes.globalWrites

        let isLibrary = shebang?.isFunctionLibrary ?? false || !view.registrations.isEmpty
        let provided = isLibrary ? LuaSandbox.functionLibraryGlobals : LuaSandbox.evalGlobals
        let (sandbox, undefined) = LuaGlobalReadSorter.sort(
            scopes.globalReads, readSymbols: resolver.globalReadSymbols, writeSymbols: resolver.globalWriteSymbols,
            symbolCount: chunk.names.count, provided: provided)
        self.sandboxViolations = sandbox
        self.undefinedGlobalReads = undefined
    }

    /// The facts alone, without the tree and the scope tables they were computed from (most of a
    /// script's memory): what a scan keeps for the rules while every other file is analysed.
    public func withoutSyntaxTree() -> LuaScript {
        var copy = self
        copy.chunk = nil
        copy.scopes = LuaScopes()
        return copy
    }

    static func parse(_ bytes: [UInt8], from start: Int)
        -> (LuaChunk, [LuaSyntaxError], mayRegisterFunctions: Bool, nameExpressionCount: Int, declaredLocalCount: Int,
            lines: LuaLineTable) {
        // Redis's dialect: nested `[[` in long strings is accepted (checked against redis-server 7.0).
        var options = LuaParser.Options()
        options.rejectsNestedLongBrackets = false
        var parser = LuaParser(bytes: bytes, startingAt: start, options: options)
        let chunk = parser.parseChunk()
        return (chunk, parser.errors, parser.mayRegisterFunctions, parser.nameExpressionCount, parser.declaredLocalCount,
                parser.lines)
    }
}
