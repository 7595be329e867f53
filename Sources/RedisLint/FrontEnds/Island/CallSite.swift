/// One method or function call as written: `receiver.method(arguments)`.
struct CallSite {
    /// Tokens of the receiver expression (`self.redis`, `redis.multi()`); empty for a bare call `foo(x)`.
    var receiverTokens: Range<Int>
    /// The receiver with white space removed (`self.redis`), for binding look-up and messages.
    var receiverText: String
    /// The receiver text's number among the file's distinct receivers (`NameNumbers`; the empty text
    /// has one too): equal numbers, equal texts.
    var receiverID: Int32
    /// When the receiver is the result of an earlier call in the same chain, that call's index in
    /// the file's call list (`redis.multi().set(...)`: the `set` call's receiver is the `multi` call).
    var receiverCall: Int?
    /// Method name (`keys`, `hSet`, `set`), or the constructed type for `new X(...)`.
    var method: String
    /// The method name's number among the file's distinct names (`NameNumbers`): equal numbers, equal
    /// names, so per-name facts are kept in an array.
    var methodID: Int32
    var nameToken: Int
    var arguments: [ArgumentSyntax]
    /// Written with an argument list (`x.foo()` rather than `x.foo`).
    var hasArgumentList: Bool
    /// `new X(...)` (JavaScript).
    var isConstruction: Bool
    /// First and last token of the whole call, receiver included.
    var firstToken: Int
    var lastToken: Int
    /// Token range of the argument list's content (for finding closures passed as arguments).
    var argumentTokens: Range<Int>
}

/// One argument: its label (`ex:` in Ruby and Swift, `ex=` in Python) and its value's tokens.
struct ArgumentSyntax {
    var label: String?
    var tokens: Range<Int>
    /// Ruby `*keys`, Python `*names`, JavaScript `...keys`: spreads several arguments.
    var isSplat: Bool
    /// Python `**kwargs`, Ruby `**opts`: spreads keyword arguments (never keys).
    var isKeywordSplat = false
}
