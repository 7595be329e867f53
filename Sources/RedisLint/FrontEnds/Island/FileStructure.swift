/// What a language's island parser finds besides calls: functions, blocks, loops and classes as
/// token ranges, assignments, parameters with their type annotations, and imports.
struct FileStructure {
    var scopes: [Scope] = []
    /// The scopes' parameters, one scope's after another (`Scope.parameterStart`, `parameterCount`): one
    /// list per file, not one per scope, which was an allocation and a destroy per function and block.
    var parameterList: [Parameter] = []
    var assignments: [Assignment] = []
    /// Does the file import or require a module whose name has Redis in it (`RedisEvidence.names`: `redis`,
    /// `ioredis`, `RediStack`)? Every reader asks only this (`ClientEvidence.isConstructor`,
    /// `Tracer.importsRedisLibrary`): a set of the modules was a `String` and a hashed insert per import.
    var importsRedisModule = false
    /// Local names bound to a module's export (`import IORedis from "ioredis"`, `const redis =
    /// require("ioredis")`, `import { createClient as make } from "redis"`): name → module. Only modules
    /// whose name has "redis" or "valkey" in it in any ASCII case, or any non-ASCII byte
    /// (`JavaScriptStructure.module(at:into:)`): every reader asks for a Redis module (`ClientEvidence.isRedisModule`,
    /// `RedisEvidence.names`), and a name and a dictionary entry were made for every import of every file.
    var importAliases: [String: String] = [:]

    /// Declared types of class members (`private cache: Map<string, X> = new Map()`).
    var memberTypes: [String: String] = [:]

    /// Empty lists with room for a file of `tokens` tokens (Redis-dense code has about one scope and
    /// one assignment per 20-25 tokens): grown by appending, a large file's lists were copied at every
    /// doubling, each copy into fresh pages (a fifth of a 5 MB file's page faults). Room not used is
    /// never written, so it costs no page.
    init(reservingFor tokens: Int) {
        scopes.reserveCapacity(tokens / 16)
        HugePages.advise(&scopes)
        assignments.reserveCapacity(tokens / 16)
        HugePages.advise(&assignments)
        // Parameters: about one per 60 tokens of Python and JavaScript, reserved at twice that so that a
        // file with more rarely grows (grown from empty, the list was copied 5.8k times on the 12
        // repositories, 4M instructions).
        parameterList.reserveCapacity(tokens / 32)
    }

    /// A scope's parameters (in the file's parameter list).
    @inline(__always) func parameters(of scope: Scope) -> ScopeParameters { scope.parameters(in: parameterList) }

    /// The parameters of scope number `index`.
    @inline(__always) func parameters(ofScope index: Int) -> ScopeParameters { parameters(of: scopes[index]) }
}

/// One scope's parameters: its part of the file's parameter list.
typealias ScopeParameters = ListPart<Parameter>

struct Scope {
    enum Kind: Equatable {
        /// A named function or method: its own trace.
        case function
        /// A block or closure that runs as part of the enclosing function (Ruby `do |x|`, an arrow
        /// function passed as an argument) unless its owner call makes it a handler.
        case closure
        /// `for`, `while`, `until`, `loop`, comprehensions.
        case loop
        case classBody
        /// Code that runs only when `condition` holds (or, `negated`, when it does not): an `if`
        /// body, an `else` body, a statement with a modifier `if`, the rest of a block after an early
        /// exit (`return if x`, `guard x else { return }`).
        case conditional
    }

    var kind: Kind
    var name: String
    /// Where the scope's parameters are in the file's parameter list (`FileStructure.parameters(of:)`).
    var parameterStart: Int32 = 0
    var parameterCount: Int32 = 0
    /// Tokens of the body: calls inside belong to this scope.
    var body: Range<Int>
    /// Explicit trace kind (decorators, controller classes, job methods); nil: plain function.
    var traceKind: Trace.Kind? = nil
    /// For closures: the call the block is attached to or passed to (`redis.multi do |tx|`,
    /// `app.get('/', (req, res) => …)`), an index into the file's call list. Set by the tracer when nil.
    var ownerCall: Int? = nil
    /// Ruby `do`/`{` blocks attach to the call that ends right before them.
    var attachedToPrecedingCall = false
    /// The token that opens an attached block: `do` binds to the outermost call before it, `{` to
    /// the innermost (`assert_nil @config.redis { |c| … }` gives the block to `redis`).
    var opener: Int? = nil
    /// Conditional scopes: the condition's tokens, and whether the body runs when it is false.
    var condition: Range<Int> = 0..<0
    var negated = false

    /// The scope's parameters, in `list` (its file's `FileStructure.parameterList`).
    @inline(__always) func parameters(in list: [Parameter]) -> ScopeParameters {
        ScopeParameters(list: list, start: Int(parameterStart), count: Int(parameterCount))
    }

    /// Where the scope's parameters are in the file's parameter list (`setParameters`), for reading them
    /// there in place.
    @inline(__always) var parameterPositions: Range<Int> { Int(parameterStart)..<Int(parameterStart) + Int(parameterCount) }

    /// Takes the parameters in `range` of the file's parameter list.
    mutating func setParameters(_ range: Range<Int>) {
        parameterStart = Int32(range.lowerBound)
        parameterCount = Int32(range.count)
    }

    static func conditional(_ condition: Range<Int>, body: Range<Int>, negated: Bool = false) -> Scope {
        var scope = Scope(kind: .conditional, name: "if", body: body)
        scope.condition = condition
        scope.negated = negated
        return scope
    }
}

struct Parameter {
    var name: String
    /// The type annotation's tokens (`typeStart..<typeEnd`; -1 and -1: none). Its text is made where it is
    /// read (`type(in:)`, in ParameterList.swift with the rest of the reading): a `String` per typed
    /// parameter was made at parse time, and most are never read (a bytewise screen, `typeNamesRedis(in:)`,
    /// passes them by).
    private(set) var typeStart: Int32 = -1
    private(set) var typeEnd: Int32 = -1
    /// The type is token `typeStart`'s text, whole (a Swift generic parameter's constraint), not the tokens'
    /// compact text: `compactText` stops at `TokenView.compactTextLimit` (200) bytes and a token's `text` does
    /// not, and the constraint was read whole (the `String` made at parse time was its token's text).
    private(set) var typeIsOneToken = false
    /// Tokens of the default value (`= Redis.new`).
    var defaultValue: Range<Int>? = nil

    /// A parameter named `name` whose type annotation is the tokens `typeTokens` (nil: untyped).
    @inline(__always) init(name: String, typeTokens: Range<Int>? = nil) {
        self.name = name
        if let typeTokens { setType(typeTokens) }
    }

    /// Is there a type annotation?
    @inline(__always) var hasType: Bool { typeStart >= 0 }

    /// Takes the tokens `range` as the type annotation.
    @inline(__always) mutating func setType(_ range: Range<Int>) {
        typeStart = Int32(range.lowerBound)
        typeEnd = Int32(range.upperBound)
        typeIsOneToken = false
    }

    /// Takes token `index`'s whole text as the type (a generic parameter's constraint).
    mutating func setType(token index: Int) {
        typeStart = Int32(index)
        typeEnd = Int32(index + 1)
        typeIsOneToken = true
    }
}

struct Assignment {
    /// Whitespace-free target (`redis`, `self.redis`, `@redis`, `this.client`).
    var target: String
    /// Tokens of the assigned value.
    var value: Range<Int>
    /// Token index of the target (assignment order).
    var position: Int
}
