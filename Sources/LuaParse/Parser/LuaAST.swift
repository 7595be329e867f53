/// The syntax tree. Every node carries a byte span into the parsed source.
///
/// Expressions live in flat per-chunk storage: `expressions` holds every expression node, addressed by
/// `LuaExpressionRef`, and each node's lists (a call's arguments, a table's fields, a chain's links)
/// are ranges of shared arrays. A node's payload is plain data, so the parser grows a handful of
/// arrays instead of allocating a box per node and an array per list, and the tree is freed as a
/// handful of buffers, with no recursion however deep the expressions nest. Functions live in
/// `functions`, by id; statements keep their blocks.
public struct LuaChunk: Sendable {
    public let block: LuaBlock
    /// Functions are numbered 1... in source order; 0 is the main chunk.
    public let functionCount: Int
    /// The text of each name symbol, by `LuaSymbol.index`.
    public let names: [String]
    let tree: LuaExpressionTree

    var storage: LuaExpressionStorage { tree.storage }

    public func text(_ symbol: LuaSymbol) -> String { names[Int(symbol.index)] }

    /// The expression node `ref` names.
    public subscript(_ ref: LuaExpressionRef) -> LuaExpression { storage[ref] }

    /// The function numbered `id` (1...`functionCount`).
    public func function(_ id: Int) -> LuaFunction { storage.functions[id - 1] }
}

/// The finished storage, shared by reference: a tree walker reads it through this one reference while
/// it mutates itself (a struct property read around a closure that mutates the walker was copied,
/// its seven arrays retained and released, at every visit).
final class LuaExpressionTree: Sendable {
    let storage: LuaExpressionStorage

    init(_ storage: LuaExpressionStorage) { self.storage = storage }
}

/// The arrays an expression tree is stored in (see `LuaChunk`).
struct LuaExpressionStorage: Sendable {
    var expressions: [LuaExpression] = []
    /// The elements of every expression list (`LuaExpressionList`).
    var lists: [LuaExpressionRef] = []
    var tableFields: [LuaTableField] = []
    var chainLinks: [LuaChainLink] = []
    var suffixes: [LuaSuffix] = []
    /// The decoded bytes of every string constant and field name (`LuaBytes`).
    var stringBytes: [UInt8] = []
    /// By function id - 1.
    var functions: [LuaFunction] = []

    subscript(_ ref: LuaExpressionRef) -> LuaExpression { expressions[Int(ref.index)] }

    func bytes(_ bytes: LuaBytes) -> ArraySlice<UInt8> { stringBytes[Int(bytes.start)..<Int(bytes.end)] }
}

/// An expression node of a chunk (`LuaChunk[ref]`).
public struct LuaExpressionRef: Sendable, Hashable {
    let index: Int32
}

/// A range of one of `LuaExpressionStorage`'s list arrays; which one its holder says.
public struct LuaExpressionList: Sendable {
    let start: Int32
    let end: Int32

    static let empty = LuaExpressionList(start: 0, end: 0)

    public var count: Int { Int(end - start) }
    public var isEmpty: Bool { start == end }
    var indices: Range<Int> { Int(start)..<Int(end) }
}

/// A string constant's decoded bytes in `LuaExpressionStorage.stringBytes`.
public struct LuaBytes: Sendable {
    let start: Int32
    let end: Int32
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

    static let empty = LuaBlock(.list([]), span: 0..<0)

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

    /// Holds a function's place in `LuaExpressionStorage.functions` until its `end` is parsed (and
    /// stays there if an error abandons it).
    static let placeholder = LuaFunction(id: 0, parameterList: .none, isVararg: false, hasSelf: false, body: .empty,
                                         span: 0..<0, line: 0)
}

public struct LuaConditionalBlock: Sendable {
    public let condition: LuaExpressionRef
    public let block: LuaBlock
}

public struct LuaStatement: Sendable {
    public let kind: Kind
    public let span: Range<Int>
    public let line: Int

    /// Boxed whole: a statement is then one reference to copy out of its block (boxing only the cases
    /// with blocks made the others' payloads, name lists and blocks, copied field by field at every visit).
    public indirect enum Kind: Sendable {
        case local(names: LuaNameList, values: LuaExpressionList)
        /// `function` is an id (`LuaChunk.function(_:)`).
        case localFunction(name: LuaName, function: Int)
        case function(name: LuaFunctionName, function: Int)
        case assignment(targets: LuaExpressionList, values: LuaExpressionList)
        case call(LuaExpressionRef)
        case doBlock(LuaBlock)
        case whileLoop(condition: LuaExpressionRef, body: LuaBlock)
        case repeatLoop(body: LuaBlock, condition: LuaExpressionRef)
        case ifThen(clauses: [LuaConditionalBlock], elseBlock: LuaBlock?)
        /// `if` without `elseif`: no array of clauses.
        case singleIf(clause: LuaConditionalBlock, elseBlock: LuaBlock?)
        case numericFor(variable: LuaName, start: LuaExpressionRef, limit: LuaExpressionRef, step: LuaExpressionRef?, body: LuaBlock)
        case genericFor(names: LuaNameList, expressions: LuaExpressionList, body: LuaBlock)
        case returnValues(LuaExpressionList)
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

/// A named field's and a method's name are kept as their symbols (no span: nothing asks where they are),
/// so that nodes stay small.
public enum LuaTableField: Sendable {
    case positional(LuaExpressionRef)
    case named(LuaSymbol, LuaExpressionRef)
    case keyed(LuaExpressionRef, LuaExpressionRef)
}

/// 32 bytes: the span as two `Int32` (the parser takes no source of `Int32.max` bytes or more). The
/// parser's arrays grow by copying, so a node's size is paid again at every doubling.
public struct LuaExpression: Sendable {
    public let kind: Kind
    let start: Int32
    let end: Int32

    init(kind: Kind, span: Range<Int>) {
        self.kind = kind
        self.start = Int32(span.lowerBound)
        self.end = Int32(span.upperBound)
    }

    public var span: Range<Int> { Int(start)..<Int(end) }

    /// Plain data: children are references and ranges into the chunk's storage (`LuaChunk`).
    public enum Kind: Sendable {
        case nilValue, trueValue, falseValue, vararg
        case number(Double)
        case string(LuaBytes)
        /// A function id (`LuaChunk.function(_:)`).
        case function(Int)
        /// A range of `LuaExpressionStorage.tableFields`.
        case table(LuaExpressionList)
        case binary(LuaBinaryOperator, LuaExpressionRef, LuaExpressionRef)
        case unary(LuaUnaryOperator, LuaExpressionRef)
        /// Its text is `LuaChunk.text(symbol)` (and the source's bytes at the expression's span).
        case name(LuaSymbol)
        /// `a[k]`; `a.b` is stored with a `.string` key spanning the name, and `isField` set.
        case index(LuaExpressionRef, LuaExpressionRef, isField: Bool)
        case call(LuaExpressionRef, LuaExpressionList)
        case methodCall(LuaExpressionRef, LuaSymbol, LuaExpressionList)
        case paren(LuaExpressionRef)
        /// A left-associative operator chain longer than `LuaParser.flatteningThreshold`, kept flat
        /// so hostile input (`1+1+…` 100,000 times) cannot nest the tree deep enough to overflow the
        /// stack when it is walked. Evaluates as `((first op1 e1) op2 e2) …`; `rest` is a range of
        /// `LuaExpressionStorage.chainLinks`.
        case binaryChain(first: LuaExpressionRef, rest: LuaExpressionList)
        /// Likewise for a long run of fields, indexings and calls: `base` then each suffix in order
        /// (a range of `LuaExpressionStorage.suffixes`).
        case suffixChain(base: LuaExpressionRef, suffixes: LuaExpressionList)
    }
}

public struct LuaChainLink: Sendable {
    public let op: LuaBinaryOperator
    public let operand: LuaExpressionRef
}

/// One suffix of a flattened `suffixChain`.
public enum LuaSuffix: Sendable {
    case index(LuaExpressionRef, isField: Bool)
    case call(LuaExpressionList)
    case methodCall(LuaSymbol, LuaExpressionList)
}
