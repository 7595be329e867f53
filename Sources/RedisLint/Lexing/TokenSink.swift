/// Where a lexer writes its tokens: through a pointer into storage reserved up front, so emitting a
/// token is a capacity compare and a store. (`Array.append` checked the array's uniqueness through a
/// runtime call and reloaded its header on every token: a fifth of the JavaScript lexer's work.)
///
/// The storage is normally the uninitialised buffer of the token array being built
/// (`LexerCore.lex`), which then takes the tokens without a copy. Should a file hold more tokens than
/// were reserved, they move to memory of the sink's own (`ownsStorage`) and are copied out at the end.
struct TokenSink {
    private(set) var base: UnsafeMutablePointer<Token>
    private(set) var count = 0
    private var capacity: Int
    /// The tokens outgrew the storage they started in and live in memory this sink allocated.
    private(set) var ownsStorage = false

    init(_ storage: UnsafeMutableBufferPointer<Token>) {
        // A zero-capacity buffer may have no address: start with memory of our own then.
        if let address = storage.baseAddress, storage.count > 0 {
            base = address
            capacity = storage.count
        } else {
            base = .allocate(capacity: 16)
            capacity = 16
            ownsStorage = true
        }
    }

    @inline(__always) mutating func append(_ token: Token) {
        if count == capacity { grow() }
        (base + count).initialize(to: token)
        count &+= 1  // below `capacity`: cannot overflow, so no trap check per token
    }

    @inline(never) private mutating func grow() {
        let larger = max(16, capacity * 2)
        let moved = UnsafeMutablePointer<Token>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        if ownsStorage { base.deallocate() }
        base = moved
        capacity = larger
        ownsStorage = true
    }

    var isEmpty: Bool { count == 0 }

    var last: Token? { count > 0 ? base[count - 1] : nil }

    subscript(_ index: Int) -> Token {
        get {
            precondition(index >= 0 && index < count, "token index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "token index out of range")
            base[index] = newValue
        }
    }

    /// The tokens as an array when they moved to the sink's own memory (which is freed); call once.
    mutating func takeOwnedTokens() -> [Token] {
        precondition(ownsStorage)
        let tokens = Array(UnsafeBufferPointer(start: base, count: count))
        base.deallocate()
        base = UnsafeMutablePointer(bitPattern: MemoryLayout<Token>.alignment)!
        count = 0
        capacity = 0
        ownsStorage = false
        return tokens
    }
}
