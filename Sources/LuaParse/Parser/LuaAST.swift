/// The syntax tree. Every node carries a byte span into the parsed source.

public struct LuaChunk: Sendable {
    public let block: LuaBlock
    /// Functions are numbered 1... in source order; 0 is the main chunk.
    public let functionCount: Int
    /// The text of each name symbol, by `LuaSymbol.index`.
    public let names: [String]

    public func text(_ symbol: LuaSymbol) -> String { names[Int(symbol.index)] }
}

public struct LuaBlock: Sendable {
    /// A block of one statement (most `if`, loop and `else` bodies) keeps it without an array: the
    /// array was an allocation to make and to release with the tree.
    enum Statements: Sendable {
        case one(LuaStatement)
        case list([LuaStatement])
    }

    let storage: Statements
    public let span: Range<Int>

    init(_ storage: Statements, span: Range<Int>) {
        self.storage = storage
        self.span = span
    }

    /// In order (an array made for a one-statement block: the tree walkers use `forEachStatement`).
    public var statements: [LuaStatement] {
        switch storage {
        case .one(let statement): return [statement]
        case .list(let statements): return statements
        }
    }

    /// Calls `body` with each statement in place, in order.
    @inline(__always)
    func forEachStatement(_ body: (LuaStatement) -> Void) {
        switch storage {
        case .one(let statement): body(statement)
        case .list(let statements): statements.forEachInPlace(body)
        }
    }
}

/// Gathers a block's statements: the first alone, an array from the second on (see `LuaBlock.Statements`).
struct LuaStatementCollector {
    private var first: LuaStatement?
    private var list: [LuaStatement] = []

    mutating func append(_ statement: LuaStatement) {
        guard let earlier = first else {
            if list.isEmpty { first = statement } else { list.append(statement) }
            return
        }
        // Room for four once there are two: growing from empty reallocated at the second, third and fifth.
        list.reserveCapacity(LuaParser.initialListCapacity)
        list.append(earlier)
        list.append(statement)
        first = nil
    }

    func block(span: Range<Int>) -> LuaBlock {
        if let first { return LuaBlock(.one(first), span: span) }
        return LuaBlock(.list(list), span: span)
    }
}

public struct LuaName: Sendable, Hashable {
    /// The text is `LuaChunk.text(symbol)`.
    public let symbol: LuaSymbol
    public let span: Range<Int>
}

/// `a.b.c:m` in `function a.b.c:m() end`.
public struct LuaFunctionName: Sendable {
    public let base: LuaName
    public let fields: [LuaName]
    public let method: LuaName?
}

public struct LuaFunction: Sendable {
    /// Unique within a chunk, 1-based in source order.
    public let id: Int
    /// The declared parameters (not `self`, not `...`).
    public let parameterList: LuaNameList
    public let isVararg: Bool
    /// `function a:m()` declares an implicit `self`.
    public let hasSelf: Bool
    public let body: LuaBlock
    /// From `function` (or the name of a `function name()` statement) to `end`.
    public let span: Range<Int>
    /// luac's `linedefined`.
    public let line: Int

    /// `parameterList` as an array (made at each use: the scope resolver reads the list).
    public var parameters: [LuaName] { parameterList.all }
}

public struct LuaConditionalBlock: Sendable {
    public let condition: LuaExpression
    public let block: LuaBlock
}

public struct LuaStatement: Sendable {
    public let kind: Kind
    public let span: Range<Int>
    public let line: Int

    /// The `single…` cases are the common one-name, one-value forms of `local`, `=`, `return` and
    /// `if`, kept without one-element arrays: each array was an allocation to make and to release
    /// when the tree goes (the payload itself is boxed either way). They mean what the list forms
    /// with one element mean (`sExpression` prints them alike).
    public indirect enum Kind: Sendable {
        case local(names: [LuaName], values: [LuaExpression])
        /// `local name` or `local name = value`.
        case singleLocal(name: LuaName, value: LuaExpression?)
        case localFunction(name: LuaName, function: LuaFunction)
        case function(name: LuaFunctionName, function: LuaFunction)
        case assignment(targets: [LuaExpression], values: [LuaExpression])
        /// `target = value`.
        case singleAssignment(target: LuaExpression, value: LuaExpression)
        case call(LuaExpression)
        case doBlock(LuaBlock)
        case whileLoop(condition: LuaExpression, body: LuaBlock)
        case repeatLoop(body: LuaBlock, condition: LuaExpression)
        case ifThen(clauses: [LuaConditionalBlock], elseBlock: LuaBlock?)
        /// `if` without `elseif`.
        case singleIf(clause: LuaConditionalBlock, elseBlock: LuaBlock?)
        case numericFor(variable: LuaName, start: LuaExpression, limit: LuaExpression, step: LuaExpression?, body: LuaBlock)
        case genericFor(names: LuaNameList, expressions: [LuaExpression], body: LuaBlock)
        /// `for names in expression do`: one expression (`in pairs(t)`), no one-element array.
        case singleGenericFor(names: LuaNameList, expression: LuaExpression, body: LuaBlock)
        case returnValues([LuaExpression])
        /// `return value`.
        case singleReturn(LuaExpression)
        case breakLoop
    }
}

public enum LuaBinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^", concat = ".."
    case notEqual = "~=", equal = "==", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and, or

    /// Lua 5.1's `priority` table: (left, right).
    var priority: (left: Int, right: Int) {
        switch self {
        case .add, .subtract: return (6, 6)
        case .multiply, .divide, .modulo: return (7, 7)
        case .power: return (10, 9)
        case .concat: return (5, 4)
        case .notEqual, .equal, .less, .lessEqual, .greater, .greaterEqual: return (3, 3)
        case .and: return (2, 2)
        case .or: return (1, 1)
        }
    }
}

public enum LuaUnaryOperator: String, Sendable {
    case not, negate = "-", length = "#"
}

public enum LuaTableField: Sendable {
    case positional(LuaExpression)
    case named(LuaName, LuaExpression)
    case keyed(LuaExpression, LuaExpression)
}

public struct LuaExpression: Sendable {
    public let kind: Kind
    public let span: Range<Int>

    /// Only the recursive cases are boxed, so leaves (names, numbers, strings) cost no allocation.
    public enum Kind: Sendable {
        case nilValue, trueValue, falseValue, vararg
        case number(Double)
        case string([UInt8])
        indirect case function(LuaFunction)
        case table([LuaTableField])
        indirect case binary(LuaBinaryOperator, LuaExpression, LuaExpression)
        indirect case unary(LuaUnaryOperator, LuaExpression)
        /// Its text is `LuaChunk.text(symbol)` (and the source's bytes at the expression's span).
        case name(LuaSymbol)
        /// `a[k]`; `a.b` is stored with a `.string` key spanning the name, and `isField` set.
        indirect case index(LuaExpression, LuaExpression, isField: Bool)
        indirect case call(LuaExpression, [LuaExpression])
        /// A call with exactly one argument (`f(x)`, `f{...}`, `f"s"`), kept without a one-element
        /// array (an allocation to make and to release); means `.call(callee, [argument])`.
        indirect case singleCall(LuaExpression, LuaExpression)
        indirect case methodCall(LuaExpression, LuaName, [LuaExpression])
        indirect case paren(LuaExpression)
        /// A left-associative operator chain longer than `LuaParser.flatteningThreshold`, kept flat
        /// so hostile input (`1+1+…` 100,000 times) cannot nest the tree deep enough to overflow the
        /// stack when it is walked or released. Evaluates as `((first op1 e1) op2 e2) …`.
        indirect case binaryChain(first: LuaExpression, rest: [LuaChainLink])
        /// Likewise for a long run of fields, indexings and calls: `base` then each suffix in order.
        indirect case suffixChain(base: LuaExpression, suffixes: [LuaSuffix])
    }

    /// The literal string value, if this is a string constant.
    public var stringValue: [UInt8]? {
        if case .string(let value) = kind { return value }
        return nil
    }
}

public struct LuaChainLink: Sendable {
    public let op: LuaBinaryOperator
    public let operand: LuaExpression
}

/// One suffix of a flattened `suffixChain`.
public enum LuaSuffix: Sendable {
    case index(LuaExpression, isField: Bool)
    case call([LuaExpression])
    case methodCall(LuaName, [LuaExpression])
}
