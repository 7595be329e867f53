/// One method or function call as written: `receiver.method(arguments)`.
/// Plain data (numbers, no `String` or list): a file's call list is freed without a destroy per call. Its
/// texts are the file's (`CallNames`), its arguments in the file's list (`FileCalls.arguments(of:)`).
/// Token numbers are kept in 32 bits (token offsets are 32-bit, so a file has fewer tokens) and read as
/// `Int`: twelve 32-bit numbers and two flags a call instead of 96 bytes, about half of what a large file's
/// call list holds and its sort moves.
struct CallSite {
    private var receiverLower: Int32
    private var receiverUpper: Int32
    /// The receiver text's number among the file's distinct receivers (`NameNumbers`; the empty text
    /// has one too): equal numbers, equal texts. The text, white space removed (`self.redis`), is
    /// `CallNames.receiver(_:)`.
    var receiverID: Int32
    /// `receiverCall`, -1 for none.
    private var receiverCallIndex: Int32
    /// The method name's number among the file's distinct names (`NameNumbers`): equal numbers, equal
    /// names, so per-name facts are kept in an array. The name (`keys`, `hSet`, `set`; `new` for
    /// `new X(...)`) is `CallNames.method(_:)`.
    var methodID: Int32
    private var nameTokenIndex: Int32
    /// Where the call's arguments are in the file's argument list (`FileCalls.arguments(of:)`): one list
    /// per file, not one per call, which was an allocation and a destroy per call.
    var argumentStart: Int32
    var argumentCount: Int32
    private var firstTokenIndex: Int32
    private var lastTokenIndex: Int32
    private var argumentLower: Int32
    private var argumentUpper: Int32
    /// Written with an argument list (`x.foo()` rather than `x.foo`).
    var hasArgumentList: Bool
    /// `new X(...)` (JavaScript).
    var isConstruction: Bool

    init(receiverTokens: Range<Int>, receiverID: Int32, receiverCall: Int?, methodID: Int32, nameToken: Int, argumentStart: Int32,
         argumentCount: Int32, hasArgumentList: Bool, isConstruction: Bool, firstToken: Int, lastToken: Int, argumentTokens: Range<Int>) {
        receiverLower = Int32(receiverTokens.lowerBound)
        receiverUpper = Int32(receiverTokens.upperBound)
        self.receiverID = receiverID
        receiverCallIndex = receiverCall.map { Int32($0) } ?? -1
        self.methodID = methodID
        nameTokenIndex = Int32(nameToken)
        self.argumentStart = argumentStart
        self.argumentCount = argumentCount
        firstTokenIndex = Int32(firstToken)
        lastTokenIndex = Int32(lastToken)
        argumentLower = Int32(argumentTokens.lowerBound)
        argumentUpper = Int32(argumentTokens.upperBound)
        self.hasArgumentList = hasArgumentList
        self.isConstruction = isConstruction
    }

    /// Tokens of the receiver expression (`self.redis`, `redis.multi()`); empty for a bare call `foo(x)`.
    var receiverTokens: Range<Int> { Int(receiverLower)..<Int(receiverUpper) }
    /// When the receiver is the result of an earlier call in the same chain, that call's index in
    /// the file's call list (`redis.multi().set(...)`: the `set` call's receiver is the `multi` call).
    var receiverCall: Int? {
        get { receiverCallIndex < 0 ? nil : Int(receiverCallIndex) }
        set { receiverCallIndex = newValue.map { Int32($0) } ?? -1 }
    }
    var nameToken: Int { Int(nameTokenIndex) }
    /// First and last token of the whole call, receiver included.
    var firstToken: Int { Int(firstTokenIndex) }
    var lastToken: Int { Int(lastTokenIndex) }
    /// Token range of the argument list's content (for finding closures passed as arguments).
    var argumentTokens: Range<Int> { Int(argumentLower)..<Int(argumentUpper) }
}

/// The method names and receiver texts of a file's calls, each once, by number (`CallSite.methodID`,
/// `receiverID`).
struct CallNames {
    var methods: [String]
    var receivers: [String]

    @inline(__always) func method(_ call: CallSite) -> String { methods[Int(call.methodID)] }
    @inline(__always) func receiver(_ call: CallSite) -> String { receivers[Int(call.receiverID)] }
}

/// A file's calls, ordered by where they end (`ChainParser.allCalls`), their texts and all their arguments in one list.
struct FileCalls {
    var sites: [CallSite]
    var names: CallNames
    /// Each call's arguments, one call's after another (`CallSite.argumentStart`, `argumentCount`).
    var argumentList: [ArgumentSyntax]

    func arguments(of call: CallSite) -> CallArguments {
        CallArguments(list: argumentList, start: Int(call.argumentStart), count: Int(call.argumentCount))
    }
}

/// One call's arguments: its part of the file's argument list.
typealias CallArguments = ListPart<ArgumentSyntax>

/// One argument: its label (`ex:` in Ruby and Swift, `ex=` in Python) and its value's tokens.
/// Plain data (token numbers, no `String`): a list of them is freed without a destroy per argument. The
/// label is read from its token when asked (`label(in:)`, `isLabelled(_:in:)`).
struct ArgumentSyntax {
    private var lower: Int32
    private var upper: Int32
    /// The label's token, -1 for none.
    private var labelToken: Int32
    private var flags: UInt8

    private static let splat: UInt8 = 1
    private static let keywordSplat: UInt8 = 2
    /// The label is a Ruby symbol (`:ex => 10`): its text is the token's without the colon.
    private static let symbolLabel: UInt8 = 4

    /// An argument without a label.
    init(tokens: Range<Int>, isSplat: Bool, isKeywordSplat: Bool = false) {
        self.init(labelToken: nil, labelIsSymbol: false, tokens: tokens, isSplat: isSplat, isKeywordSplat: isKeywordSplat)
    }

    /// `labelToken`: the label's token (an identifier, or a symbol when `labelIsSymbol`).
    init(labelToken: Int?, labelIsSymbol: Bool, tokens: Range<Int>, isSplat: Bool, isKeywordSplat: Bool = false) {
        lower = Int32(tokens.lowerBound)
        upper = Int32(tokens.upperBound)
        self.labelToken = labelToken.map { Int32($0) } ?? -1
        flags = (isSplat ? Self.splat : 0) | (isKeywordSplat ? Self.keywordSplat : 0) | (labelIsSymbol ? Self.symbolLabel : 0)
    }

    /// The value's tokens.
    var tokens: Range<Int> {
        get { Int(lower)..<Int(upper) }
        set { lower = Int32(newValue.lowerBound); upper = Int32(newValue.upperBound) }
    }

    /// Ruby `*keys`, Python `*names`, JavaScript `...keys`: spreads several arguments.
    var isSplat: Bool { flags & Self.splat != 0 }
    /// Python `**kwargs`, Ruby `**opts`: spreads keyword arguments (never keys).
    var isKeywordSplat: Bool { flags & Self.keywordSplat != 0 }

    var hasLabel: Bool { labelToken >= 0 }

    /// The label's text (a symbol's without its colon), nil without one.
    func label(in view: TokenView) -> String? {
        guard labelToken >= 0 else { return nil }
        let text = view.text(Int(labelToken))
        return flags & Self.symbolLabel != 0 ? String(text.dropFirst()) : text
    }

    /// Is the label `word`? Compared as bytes, which is `label(in:) == word` for the ASCII words asked
    /// (none holds K, ; or `, the only ASCII characters another character is canonically equivalent to).
    /// A symbol label (rare) is compared as text: its colon and a combining mark after it are one character.
    func isLabelled(_ word: StaticString, in view: TokenView) -> Bool {
        guard labelToken >= 0 else { return false }
        if flags & Self.symbolLabel != 0 {
            return label(in: view) == word.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        }
        let token = view.tokens[Int(labelToken)]
        let start = Int(token.start)
        guard Int(token.end) - start == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { word in
            for offset in 0..<word.count where view.bytes[start + offset] != word[offset] { return false }
            return true
        }
    }
}
