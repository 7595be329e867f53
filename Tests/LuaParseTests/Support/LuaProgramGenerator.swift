import RedisTestSupport

/// Generates random programs that Lua 5.1 accepts, as token lists (so they can be mutated token-wise).
struct LuaProgramGenerator {
    var random: SeededRandom
    private var depth = 0
    private var loopDepth = 0
    private var vararg = true
    private var tokens: [String] = []

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    static let names = ["a", "b", "c", "x", "y", "KEYS", "ARGV", "redis", "t", "self_", "n1", "_x"]
    static let numbers = ["0", "1", "42", "3.5", ".5", "1e3", "2E-2", "0x1F", "0XaB", "1.", "0x1p4", "5e+2", "007"]
    static let strings = [
        "\"s\"", "'q'", "\"a\\n\\t\\\"b\"", "'\\65\\066\\0067'", "\"\\x41\"", "[[long]]", "[==[ a ]] b ]==]",
        "[[\nfirst newline]]", "\"line\\\ncontinued\"", "''", "\"\\\\\"", "[=[]=]", "'\\z'", "\"é\"",
    ]

    mutating func program() -> [String] {
        tokens = []
        depth = 0
        loopDepth = 0
        vararg = true
        block(statements: 1 + random.below(3))
        return tokens
    }

    /// Joins tokens with varied spacing; a name-like pair always gets a separator.
    mutating func render(_ tokens: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for token in tokens {
            if !out.isEmpty {
                // A `(` on a new line after a call would be luac's "ambiguous syntax".
                switch token == "(" ? 11 : random.below(12) {
                case 0: out += Array("\n".utf8)
                case 1: out += Array("\r\n".utf8)
                case 2: out += Array(" --c\n".utf8)
                case 3: out += Array(" --[[x\n]] ".utf8)
                case 4: out += Array("\t".utf8)
                default: out.append(32)
                }
            }
            out += Array(token.utf8)
        }
        return out
    }

    private mutating func emit(_ items: String...) { tokens += items }

    private mutating func block(statements count: Int) {
        for index in 0..<count {
            statement()
            if random.chance(15) { emit(";") }
            _ = index
        }
        if random.chance(20) {
            emit("return")
            if random.chance(70) { expressionList() }
        } else if loopDepth > 0 && random.chance(10) {
            emit("break")
        }
    }

    private mutating func nestedBlock() {
        depth += 1
        block(statements: depth > 2 ? random.below(2) : random.below(3))
        depth -= 1
    }

    private mutating func statement() {
        let choice = depth > 2 ? random.below(4) : random.below(13)
        switch choice {
        case 0:
            emit("local", random.pick(Self.names))
            if random.chance(40) { emit(",", random.pick(Self.names)) }
            if random.chance(70) { emit("="); expressionList() }
        case 1:
            variable()
            if random.chance(25) { emit(","); variable() }
            emit("=")
            expressionList()
        case 2, 3:
            callExpression()
        case 4:
            emit("if"); expression(); emit("then"); nestedBlock()
            while random.chance(30) { emit("elseif"); expression(); emit("then"); nestedBlock() }
            if random.chance(40) { emit("else"); nestedBlock() }
            emit("end")
        case 5:
            emit("while"); expression(); emit("do"); loopBody(); emit("end")
        case 6:
            emit("for", random.pick(Self.names), "="); expression(); emit(","); expression()
            if random.chance(40) { emit(","); expression() }
            emit("do"); loopBody(); emit("end")
        case 7:
            emit("for", random.pick(Self.names))
            if random.chance(50) { emit(",", random.pick(Self.names)) }
            emit("in"); expressionList(); emit("do"); loopBody(); emit("end")
        case 8:
            emit("repeat"); loopBody(); emit("until"); expression()
        case 9:
            emit("do"); nestedBlock(); emit("end")
        case 10:
            emit("function", random.pick(Self.names))
            if random.chance(30) { emit(".", random.pick(Self.names)) }
            if random.chance(30) { emit(":", random.pick(Self.names)) }
            functionBody()
        case 11:
            emit("local", "function", random.pick(Self.names)); functionBody()
        default:
            emit("do", "end", "(", random.pick(Self.names), ")", "(", ")")
        }
    }

    private mutating func loopBody() {
        loopDepth += 1
        nestedBlock()
        loopDepth -= 1
    }

    private mutating func functionBody() {
        let (savedLoop, savedVararg) = (loopDepth, vararg)
        loopDepth = 0
        emit("(")
        var count = random.below(3)
        while count > 0 { emit(random.pick(Self.names)); count -= 1; if count > 0 { emit(",") } }
        vararg = random.chance(30)
        if vararg { if tokens.last != "(" { emit(",") }; emit("...") }
        emit(")")
        nestedBlock()
        emit("end")
        (loopDepth, vararg) = (savedLoop, savedVararg)
    }

    private mutating func variable() {
        emit(random.pick(Self.names))
        if random.chance(30) { emit(".", random.pick(Self.names)) }
        if random.chance(20) { emit("["); expression(); emit("]") }
    }

    private mutating func callExpression() {
        emit(random.pick(Self.names))
        if random.chance(30) { emit(".", random.pick(["call", "pcall", "log", "x"])) }
        switch random.below(5) {
        case 0: emit(random.pick(Self.strings))
        case 1: table()
        case 2: emit(":", random.pick(Self.names), "("); if random.chance(60) { expressionList() }; emit(")")
        default: emit("("); if random.chance(70) { expressionList() }; emit(")")
        }
    }

    private mutating func expressionList() {
        expression()
        while random.chance(30) { emit(","); expression() }
    }

    private mutating func expression() {
        depth += 1
        defer { depth -= 1 }
        if depth < 4 && random.chance(30) {
            if random.chance(20) { emit(random.pick(["not", "-", "#"])) }
            simpleExpression()
            emit(random.pick(["+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or"]))
            expression()
            return
        }
        if random.chance(10) { emit(random.pick(["not", "-", "#"])) }
        simpleExpression()
    }

    private mutating func simpleExpression() {
        let choice = depth > 3 ? random.below(6) : random.below(12)
        switch choice {
        case 0: emit(random.pick(Self.numbers))
        case 1: emit(random.pick(Self.strings))
        case 2: emit(random.pick(["nil", "true", "false"]))
        case 3: if vararg { emit("...") } else { emit("nil") }
        case 4, 5: variable()
        case 6: table()
        case 7: emit("function"); functionBody()
        case 8: callExpression()
        case 9: emit("(", random.pick(Self.names), ")")
        case 10: emit("KEYS", "[", random.pick(["1", "2", "#KEYS", "i"]), "]")
        default: emit("(") ; expression(); emit(")")
        }
    }

    private mutating func table() {
        emit("{")
        var count = random.below(4)
        while count > 0 {
            switch random.below(3) {
            case 0: emit(random.pick(Self.names), "="); expression()
            case 1: emit("["); expression(); emit("]", "="); expression()
            default: expression()
            }
            count -= 1
            if count > 0 || random.chance(20) { emit(random.pick([",", ";"])) }
        }
        emit("}")
    }
}

/// Token-level mutations: delete, swap adjacent, duplicate.
enum LuaProgramMutator {
    static func mutate(_ tokens: [String], random: inout SeededRandom) -> [String] {
        guard !tokens.isEmpty else { return ["x"] }
        var out = tokens
        let index = random.below(out.count)
        switch random.below(3) {
        case 0: out.remove(at: index)
        case 1: if index + 1 < out.count { out.swapAt(index, index + 1) } else { out.remove(at: index) }
        default: out.insert(out[index], at: index)
        }
        return out
    }
}
