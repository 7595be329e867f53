/// Lua 5.1's recursive-descent parser (`lparser.c`), building an AST instead of bytecode.
///
/// It follows luac token by token so that acceptance, the first error's message and its line are
/// luac's. Recursion is bounded like luac's (`chunk has too many syntax levels` past 200 levels), so
/// hostile nesting cannot overflow the stack. After an error it skips to the next statement keyword
/// that starts a line and goes on, so one error does not hide the next.
public struct LuaParser {
    /// Thrown to unwind to the recovery point once an error is recorded.
    struct Abort: Error {}

    struct FunctionState {
        var isVararg: Bool
        var activeLocals: Int
        var line: Int
        var loopDepth: Int
    }

    public struct Options: Sendable {
        /// luac's `LUAI_MAXCCALLS`.
        public var maxSyntaxLevels = 200
        /// `L->nCcalls` when the parser starts: 0 when Redis loads a script from C; a `loadstring`
        /// called from a Lua script starts higher (2 under the `lua5.1` interpreter's main chunk).
        public var initialSyntaxLevel = 0
        /// Recovery stops after this many errors.
        public var maxErrors = 50
        /// `[[` inside a `[[…]]` long string is an error in Lua 5.1 as Debian builds it
        /// (`LUA_COMPAT_LSTR`), but not in Redis's Lua: `LuaScript` turns this off.
        public var rejectsNestedLongBrackets = true
        public init() {}
    }

    let bytes: [UInt8]
    let options: Options
    var lexer: LuaLexer
    var current: LuaToken
    var lookaheadToken: LuaToken?
    /// luac's `linenumber` (lexer line after the latest scanned token) and `lastline`.
    var lineNumber = 1
    var lastLine = 1
    var previousEnd = 0
    var level: Int
    /// The innermost function being parsed (luac's `fs`), kept apart from the enclosing ones: its locals
    /// and loops change at every block, local and loop, and as the last element of an array each change
    /// paid the array's uniqueness and bounds checks.
    var currentFunction = FunctionState(isVararg: true, activeLocals: 0, line: 0, loopDepth: 0)
    /// The functions enclosing `currentFunction`, outermost (the main chunk) first.
    var enclosingFunctions: [FunctionState] = []
    var functionCounter = 0
    var lastResumeOffset = -1
    var hasRecovered = false
    /// False when no field name or string constant is `register_function`: then no call can be
    /// `redis.register_function`, and the Redis view skips its search for registrations.
    private(set) var mayRegisterFunctions = false
    /// Name expressions parsed: a bound on the scope resolver's local references, so it can size
    /// its table once instead of rehashing it as it grows.
    var nameExpressionCount = 0
    /// Locals activated (declared names, parameters, implicit `self`/`arg`, and luac's hidden `for`
    /// control locals): a bound on the scope resolver's locals, so it can size its list once.
    var declaredLocalCount = 0
    public private(set) var errors: [LuaSyntaxError] = []
    /// The expression tree (see `LuaChunk`).
    var storage = LuaExpressionStorage()
    /// The lists being parsed, innermost last (`Array.moveList(from:to:)` moves each to `storage` when it ends).
    var pendingRefs: [LuaExpressionRef] = []
    var pendingFields: [LuaTableField] = []
    var pendingLinks: [LuaChainLink] = []
    var pendingSuffixes: [LuaSuffix] = []
    var pendingStatements: [LuaStatement] = []
    var pendingClauses: [LuaConditionalBlock] = []
    /// The script's names as symbols (`LuaChunk.names`).
    var names = LuaNameInterner()
    /// The line of every token taken (`LuaLineTable`).
    private(set) var lines = LuaLineTable()

    public init(bytes: [UInt8], startingAt offset: Int = 0, options: Options = Options()) {
        self.bytes = bytes
        self.options = options
        self.lexer = LuaLexer(bytes: bytes, startingAt: offset)
        self.lexer.rejectsNestedLongBrackets = options.rejectsNestedLongBrackets
        self.current = LuaToken(kind: .eof, start: offset, end: offset, line: 1, startLine: 1)
        self.previousEnd = min(max(offset, 0), bytes.count)
        self.level = options.initialSyntaxLevel
    }

    /// Parses the whole input as a main chunk. Never traps; errors are in `errors`.
    public mutating func parseChunk() -> LuaChunk {
        currentFunction = FunctionState(isVararg: true, activeLocals: 0, line: 0, loopDepth: 0)
        enclosingFunctions = []
        // Node indices and string offsets are `Int32` (see `node`): no script is that large.
        guard bytes.count < Int(Int32.max) else {
            record(LuaSyntaxError(offset: 0, line: 1, message: "source too large"))
            return LuaChunk(block: .empty, functionCount: 0, names: names.texts, tree: LuaExpressionTree(storage))
        }
        reserveStorage()
        // The main chunk's statements outlive recovery, which drops the pending lists the error cut short.
        var statements: [LuaStatement] = []
        let chunkStart = current.start
        var primed = false
        while errors.count < options.maxErrors {
            do throws(Abort) {
                if !primed {
                    primed = true
                    try advance()
                }
                try enterLevel()
                var isLast = false
                while true {
                    while !isLast && !Self.blockFollow(current.kind) {
                        let statement = try parseStatement()
                        isLast = statement.isLastStatement
                        statements.append(statement)
                        _ = try testNext(LuaTokenKind(byte: UInt8(ascii: ";")))
                    }
                    // After recovery, the `end`s of the block the error left behind are expected:
                    // skip them rather than report each one.
                    guard hasRecovered, !isLast, current.kind != .eof else { break }
                    try advance()
                }
                leaveLevel()
                if current.kind != .eof { try errorExpected(.eof) }
                break
            } catch {
                hasRecovered = true
                if !recover() { break }
            }
        }
        let first = storage.statements.count
        storage.statements.append(contentsOf: statements)
        let block = LuaBlock(statements: LuaExpressionList(start: Int32(first), end: Int32(storage.statements.count)),
                             span: chunkStart..<bytes.count)
        return LuaChunk(block: block, functionCount: functionCounter, names: names.texts, tree: LuaExpressionTree(storage))
    }

    /// Sizes the storage from the source's length, so that it seldom grows: each doubling copies the
    /// whole array (on the synthetic corpus, growing from empty cost more than the boxes the flat
    /// storage replaced). Scripts have about one node per 5 source bytes, one list element per 12 and
    /// one string byte per 5, a statement per 35 (a line is 24), an `if` clause per 190 and a declared name
    /// per 50, and a line per 24 (measured on the synthetic corpus and BullMQ); a larger script grows once.
    /// Capacity that is not used is address space the system never backs with memory. Sized for at most 4 MB of
    /// source (the default largest file, 10 MB, is mostly comments and strings when it is a script at all): a
    /// larger script grows, rather than ask for ten times its size at once.
    mutating func reserveStorage() {
        let count = min(bytes.count, 4 << 20)
        storage.expressions.reserveCapacity(count / 4)
        storage.lists.reserveCapacity(count / 8)
        storage.tableFields.reserveCapacity(count / 64)
        storage.stringBytes.reserveCapacity(count / 4)
        storage.statements.reserveCapacity(count / 32)
        storage.clauses.reserveCapacity(count / 128)
        storage.declaredNames.reserveCapacity(count / 32)
        lines.reserveCapacity(count / 24)
    }

    // MARK: tokens

    /// Inlined into `advance` and `lookahead`: as a call it cost ~20 instructions a token (saved registers,
    /// the 40-byte token returned through memory and copied into `current`).
    @inline(__always)
    mutating func scan() throws(Abort) -> LuaToken {
        let token = lexer.next()
        lineNumber = lexer.line
        if token.kind == .error, let error = lexer.lastError {
            record(LuaSyntaxError(offset: error.offset, line: error.line,
                                  message: error.nearText.map { "\(error.message) near '\($0)'" } ?? error.message))
            throw Abort()
        }
        return token
    }

    /// `luaX_next`.
    mutating func advance() throws(Abort) {
        lastLine = lineNumber
        previousEnd = current.end
        if let next = lookaheadToken {
            lookaheadToken = nil
            current = next
        } else {
            current = try scan()
        }
        lines.noteToken(start: current.start, line: current.startLine)
    }

    /// `luaX_lookahead`.
    mutating func lookahead() throws(Abort) -> LuaToken {
        if let next = lookaheadToken { return next }
        let next = try scan()
        lookaheadToken = next
        return next
    }

    mutating func testNext(_ kind: LuaTokenKind) throws(Abort) -> Bool {
        guard current.kind == kind else { return false }
        try advance()
        return true
    }

    mutating func check(_ kind: LuaTokenKind) throws(Abort) {
        if current.kind != kind { try errorExpected(kind) }
    }

    mutating func checkNext(_ kind: LuaTokenKind) throws(Abort) {
        try check(kind)
        try advance()
    }

    mutating func checkMatch(_ what: LuaTokenKind, _ who: LuaTokenKind, line: Int) throws(Abort) {
        if try testNext(what) { return }
        if line == lineNumber { try errorExpected(what) }
        try syntaxError("'\(what.displayName)' expected (to close '\(who.displayName)' at line \(line))")
    }

    mutating func checkName() throws(Abort) -> LuaName {
        try check(.name)
        let (start, end) = (current.start, current.end)
        let symbol = bytes.withUnsafeBufferPointer { names.symbol($0, start, end) }
        let name = LuaName(symbol: symbol, span: start..<end)
        try advance()
        return name
    }

    /// `checkName` for a name whose bytes are all the caller keeps (a field's key): no symbol is made for it.
    mutating func checkNameSpan() throws(Abort) -> Range<Int> {
        try check(.name)
        let span = current.span
        try advance()
        return span
    }

    func text(_ token: LuaToken) -> String { String(decoding: bytes[token.start..<token.end], as: UTF8.self) }

    static let registerFunction = Array("register_function".utf8)

    /// Notes a field name or string constant that may name `redis.register_function`.
    mutating func noteRegisterFunction(_ value: ArraySlice<UInt8>) {
        if value.count == Self.registerFunction.count, value.elementsEqual(Self.registerFunction) { mayRegisterFunctions = true }
    }

    static func blockFollow(_ kind: LuaTokenKind) -> Bool {
        kind == .else || kind == .elseif || kind == .end || kind == .until || kind == .eof
    }

    // MARK: errors

    mutating func record(_ error: LuaSyntaxError) {
        // Recovery may rescan the same bad token; report each place once.
        if let last = errors.last, last.offset == error.offset, last.message == error.message { return }
        errors.append(error)
    }

    /// The `near` text luac prints for the current token (`txtToken`).
    func nearText() -> String {
        switch current.kind {
        case .name, .number: return text(current)
        case .string: return LuaStringDecoder.tokenText(bytes, current)
        default: return current.kind.displayName
        }
    }

    /// `luaX_syntaxerror`.
    mutating func syntaxError(_ message: String) throws(Abort) -> Never {
        // The NUL byte's token code is 0, which luaX_lexerror takes for "no token": no `near` part.
        if current.kind.code == 0 { try plainError(message) }
        record(LuaSyntaxError(offset: current.start, line: lineNumber, message: "\(message) near '\(nearText())'"))
        throw Abort()
    }

    /// `luaX_lexerror` with no token: no `near` part.
    mutating func plainError(_ message: String) throws(Abort) -> Never {
        record(LuaSyntaxError(offset: current.start, line: lineNumber, message: message))
        throw Abort()
    }

    mutating func errorExpected(_ kind: LuaTokenKind) throws(Abort) -> Never {
        try syntaxError("'\(kind.displayName)' expected")
    }

    /// `errorlimit`.
    mutating func limitError(_ limit: Int, _ what: String) throws(Abort) -> Never {
        let line = currentFunction.line
        if line == 0 { try plainError("main function has more than \(limit) \(what)") }
        try plainError("function at line \(line) has more than \(limit) \(what)")
    }

    mutating func enterLevel() throws(Abort) {
        level += 1
        if level > options.maxSyntaxLevels { try plainError("chunk has too many syntax levels") }
    }

    mutating func leaveLevel() { level -= 1 }

    /// Skips to a statement keyword that starts a line, resetting to the main function's state.
    /// Returns false at end of input.
    mutating func recover() -> Bool {
        // Back to the main function (its locals stay declared).
        if !enclosingFunctions.isEmpty {
            currentFunction = enclosingFunctions[0]
            enclosingFunctions.removeAll(keepingCapacity: true)
        }
        currentFunction.loopDepth = 0
        level = options.initialSyntaxLevel
        // The lists the error cut short (their nodes stay in `storage`, unreferenced).
        pendingRefs.removeAll(keepingCapacity: true)
        pendingFields.removeAll(keepingCapacity: true)
        pendingLinks.removeAll(keepingCapacity: true)
        pendingSuffixes.removeAll(keepingCapacity: true)
        pendingStatements.removeAll(keepingCapacity: true)
        pendingClauses.removeAll(keepingCapacity: true)
        lookaheadToken = nil
        if errors.count >= options.maxErrors { return false }
        // The token the error was reported at may itself start the next statement.
        if current.kind != .error, current.start > lastResumeOffset, current.startLine > lastLine,
           Self.isStatementKeyword(current.kind) {
            lastResumeOffset = current.start
            return true
        }
        var previousLine = current.line
        while true {
            let token = lexer.next()
            lineNumber = lexer.line
            if token.kind == .error {
                if let error = lexer.lastError {
                    record(LuaSyntaxError(offset: error.offset, line: error.line,
                                          message: error.nearText.map { "\(error.message) near '\($0)'" } ?? error.message))
                }
                if errors.count >= options.maxErrors || lexer.position >= bytes.count { return false }
                continue
            }
            if token.kind == .eof { return false }
            let startsLine = token.startLine > previousLine
            previousLine = token.line
            if startsLine && Self.isStatementKeyword(token.kind) {
                current = token
                lines.noteToken(start: token.start, line: token.startLine)
                lastLine = lineNumber
                lastResumeOffset = token.start
                return true
            }
        }
    }

    static func isStatementKeyword(_ kind: LuaTokenKind) -> Bool {
        kind == .local || kind == .function || kind == .if || kind == .while || kind == .for
            || kind == .repeat || kind == .do || kind == .return
    }
}

extension LuaStatement {
    var isLastStatement: Bool {
        switch kind {
        case .returnValues, .breakLoop: return true
        default: return false
        }
    }
}
