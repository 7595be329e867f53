/// The syntax tree. Every node carries a byte span into the parsed source.
///
/// The tree lives in flat per-chunk storage: `expressions` holds every expression node, addressed by
/// `LuaExpressionRef`, and each node's lists (a call's arguments, a table's fields, a chain's links)
/// are ranges of shared arrays; so are a block's statements, an `if`'s clauses and the declared names.
/// Every node is plain data, so the parser grows a handful of arrays instead of allocating a box per
/// node and an array per list, and the tree is freed as a handful of buffers, with no recursion however
/// deep it nests. Functions live in `functions`, by id.
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
/// its arrays retained and released, at every visit).
final class LuaExpressionTree: Sendable {
    let storage: LuaExpressionStorage

    init(_ storage: LuaExpressionStorage) { self.storage = storage }
}

/// The arrays a chunk's tree is stored in (see `LuaChunk`).
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
    /// Every block's statements, each block's together (`LuaBlock.statements`). As boxed statements in an
    /// array per block, making them and freeing them with the tree was a fifth of a script's analysis.
    var statements: [LuaStatement] = []
    /// Every `if`'s clauses, each `if`'s together.
    var clauses: [LuaConditionalBlock] = []
    /// Local, parameter and `for` names, and a `function a.b:c` statement's fields and method (`LuaNameList`).
    var declaredNames: [LuaName] = []

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

/// A block: its statements are a range of `LuaExpressionStorage.statements` (`LuaChunk.statements(of:)`).
public struct LuaBlock: Sendable {
    let statements: LuaExpressionList
    private let start: Int32
    private let end: Int32

    init(statements: LuaExpressionList, span: Range<Int>) {
        self.statements = statements
        self.start = Int32(span.lowerBound)
        self.end = Int32(span.upperBound)
    }

    public var span: Range<Int> { Int(start)..<Int(end) }

    static let empty = LuaBlock(statements: .empty, span: 0..<0)
}

/// A declared name. Offsets are `Int32` as a node's are (the parser takes no source of `Int32.max` bytes).
public struct LuaName: Sendable, Hashable {
    /// The text is `LuaChunk.text(symbol)`.
    public let symbol: LuaSymbol
    private let start: Int32
    private let end: Int32

    init(symbol: LuaSymbol, span: Range<Int>) {
        self.symbol = symbol
        self.start = Int32(span.lowerBound)
        self.end = Int32(span.upperBound)
    }

    public var span: Range<Int> { Int(start)..<Int(end) }
}

/// A range of `LuaExpressionStorage.declaredNames` (`LuaChunk.names(_:)`): the names are appended there
/// as they are parsed, one list at a time (nothing nests inside a list of names).
public struct LuaNameList: Sendable {
    let start: Int32
    let end: Int32

    static let none = LuaNameList(start: 0, end: 0)

    public var count: Int { Int(end - start) }
    public var isEmpty: Bool { start == end }
    var indices: Range<Int> { Int(start)..<Int(end) }
}

/// `a.b.c:m` in `function a.b.c:m() end`.
public struct LuaFunctionName: Sendable {
    public let base: LuaName
    /// The fields (`b`, `c`), then the method (`m`) when there is one.
    let rest: LuaNameList
    let hasMethod: Bool

    /// A plain name (`function f()`), which assigns `f`; any other reads its base.
    var isPlainName: Bool { rest.isEmpty }
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

    /// Holds a function's place in `LuaExpressionStorage.functions` until its `end` is parsed (and
    /// stays there if an error abandons it).
    static let placeholder = LuaFunction(id: 0, parameterList: .none, isVararg: false, hasSelf: false, body: .empty,
                                         span: 0..<0, line: 0)
}

public struct LuaConditionalBlock: Sendable {
    public let condition: LuaExpressionRef
    public let block: LuaBlock
}

/// Plain data, children as references and ranges into the chunk's storage.
public struct LuaStatement: Sendable {
    public let kind: Kind
    private let start: Int32
    private let end: Int32
    private let lineNumber: Int32

    /// Lines are at most the source's bytes, so they fit `Int32` as offsets do.
    init(kind: Kind, span: Range<Int>, line: Int) {
        self.kind = kind
        self.start = Int32(span.lowerBound)
        self.end = Int32(span.upperBound)
        self.lineNumber = Int32(line)
    }

    public var span: Range<Int> { Int(start)..<Int(end) }
    public var line: Int { Int(lineNumber) }

    public enum Kind: Sendable {
        case local(names: LuaNameList, values: LuaExpressionList)
        /// `function` is an id (`LuaChunk.function(_:)`).
        case localFunction(name: LuaName, function: Int)
        case function(name: LuaFunctionName, function: Int)
        case assignment(targets: LuaExpressionList, values: LuaExpressionList)
        case call(LuaExpressionRef)
        case doBlock(LuaBlock)
        case whileLoop(condition: LuaExpressionRef, body: LuaBlock)
        case repeatLoop(body: LuaBlock, condition: LuaExpressionRef)
        /// `clauses` is a range of `LuaExpressionStorage.clauses` (`LuaChunk.clauses(_:)`): `if`, then each `elseif`.
        case ifThen(clauses: LuaExpressionList, elseBlock: LuaBlock?)
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
