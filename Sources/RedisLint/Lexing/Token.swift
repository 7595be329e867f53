/// Tokens produced by the host-language lexers (Ruby, Python, TypeScript/JavaScript, Swift).
///
/// The lexers are complete (every literal and comment form of their language) so that nothing inside
/// a string, comment or regex is ever mistaken for code; the island parsers then read only tokens.
/// Offsets are `Int32` byte offsets into the file to keep tokens small (16 bytes).
public enum TokenKind: UInt8, Sendable {
    /// Names and keywords alike; parsers compare the bytes.
    case identifier
    case number
    /// A complete string literal with no interpolation (quotes, heredocs, `%q{}`, raw strings, `%w[]`).
    case string
    /// An interpolated literal is split around its holes, like TypeScript's template tokens:
    /// `"a#{x}b#{y}c"` lexes as stringHead `"a#{`, x, stringMiddle `}b#{`, y, stringTail `}c"`.
    case stringHead
    case stringMiddle
    case stringTail
    /// Ruby symbols (`:name`, `:"quoted"`, `name:` hash keys are identifiers followed by `:`) and `?a`.
    case symbol
    /// A regular-expression literal, whole (its interpolations included).
    case regex
    /// Operators and punctuation, longest match (`.`, `&.`, `?.`, `::`, `=>`, `**`, `(`, `{`, ...).
    case punct
    /// A line end that may end a statement. Python: logical NEWLINE (not inside brackets or after `\`);
    /// the other languages: every line end outside literals and comments.
    case newline
    /// Python block structure.
    case indent
    case dedent
}

public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    /// Language-specific detail (see `TokenFlags`).
    public var flags: TokenFlags
    /// The bytes of the token as written: for a heredoc, its opener (`<<~SQL`).
    public var start: Int32
    public var end: Int32
    /// For string tokens: the literal's text between its delimiters (a heredoc's body, which sits
    /// on later lines). Equal to `start..<end` for other tokens.
    public var contentStart: Int32
    public var contentEnd: Int32

    public init(kind: TokenKind, flags: TokenFlags = [], start: Int, end: Int, contentStart: Int? = nil, contentEnd: Int? = nil) {
        self.kind = kind
        self.flags = flags
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.contentStart = Int32(truncatingIfNeeded: contentStart ?? start)
        self.contentEnd = Int32(truncatingIfNeeded: contentEnd ?? end)
    }

    public var range: Range<Int> { Int(start)..<Int(end) }
    public var contentRange: Range<Int> { Int(contentStart)..<Int(contentEnd) }
}

public struct TokenFlags: OptionSet, Sendable, Equatable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Escapes are not processed in the content (Python `r""`, Ruby `'…'` except `\\` `\'`, Swift `#"…"#`).
    public static let raw = TokenFlags(rawValue: 1 << 0)
    /// Content is a heredoc body (Ruby) or a multi-line literal (Python `"""`, Swift `"""`).
    public static let multiline = TokenFlags(rawValue: 1 << 1)
    /// A word list (`%w[]`, `%i[]`): content holds several words.
    public static let wordList = TokenFlags(rawValue: 1 << 2)
    /// A bytes literal (Python `b""`).
    public static let bytes = TokenFlags(rawValue: 1 << 3)
    /// The literal is not closed before end of file (a problem is reported too).
    public static let unterminated = TokenFlags(rawValue: 1 << 4)
    /// The token starts a line (first token after a newline, ignoring whitespace).
    public static let lineStart = TokenFlags(rawValue: 1 << 5)
    /// Whitespace precedes the token (Ruby `foo -1` vs `foo-1`, `foo [1]` vs `foo[1]`).
    public static let spaceBefore = TokenFlags(rawValue: 1 << 6)
}

/// A problem found while lexing (unterminated literal, invalid byte, too-deep nesting).
public struct LexProblem: Sendable, Equatable {
    public var offset: Int
    public var message: String
    public init(offset: Int, message: String) { self.offset = offset; self.message = message }
}

/// What a lexer produces for one file.
public struct LexedFile: Sendable {
    public var tokens: [Token]
    /// Byte ranges of every comment (suppression comments are read from here).
    public var comments: [Range<Int>]
    public var problems: [LexProblem]
    /// The tokens' bracket partners as the lexer noted them (`BracketPartners`, `TokenView.partner`);
    /// nil when it could not (more tokens than it reserved room for, a file lexed in two parts).
    var partners: [Int32]?
    /// The INDENT/DEDENT pairs as the lexer recorded them (`IndentBlocks`; none in other languages than
    /// Python); nil for a file lexed in two parts.
    var indentBlocks: IndentBlocks?

    public init(tokens: [Token] = [], comments: [Range<Int>] = [], problems: [LexProblem] = []) {
        self.tokens = tokens
        self.comments = comments
        self.problems = problems
    }
}

/// The decoded value of a string token, with the source offset of every value byte so that a Lua
/// script inside a literal maps back to exact host positions.
public struct DecodedString: Sendable, Equatable {
    public var value: [UInt8]
    /// `sourceOffsets[i]` is the byte offset in the host file of `value[i]`.
    public var sourceOffsets: [Int32]
    public init(value: [UInt8], sourceOffsets: [Int32]) {
        self.value = value
        self.sourceOffsets = sourceOffsets
    }
}

/// A host-language lexer.
/// (`SendableMetatype`: the front end hands `Lexer.decode` to a second thread for large files.)
public protocol HostLexer: SendableMetatype {
    /// The file's tokens, comments and problems; a file of `minimumBytes` or more is lexed on two threads
    /// (`SplitLexing`: the same result).
    static func lex(_ bytes: [UInt8], splitFrom minimumBytes: Int) -> LexedFile
    /// Decodes the content of a `.string`, `.stringHead`, `.stringMiddle` or `.stringTail` token:
    /// escapes processed (unless raw), delimiters and interpolation openers/closers removed,
    /// heredoc indentation removed for squiggly heredocs.
    static func decode(_ token: Token, in bytes: [UInt8]) -> DecodedString
}

extension HostLexer {
    /// Split from `SplitLexing.minimumBytes` on.
    public static func lex(_ bytes: [UInt8]) -> LexedFile { lex(bytes, splitFrom: SplitLexing.minimumBytes) }
}
