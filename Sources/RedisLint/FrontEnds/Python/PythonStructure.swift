/// Python's island parser: functions (`def`, `async def`) with decorators and parameters, classes,
/// loops (`for`, `while`, comprehensions), `with … as name` bindings, assignments and imports,
/// with blocks delimited by INDENT/DEDENT.
struct PythonStructure {
    let view: TokenView
    /// The INDENT/DEDENT pairs as the lexer recorded them (`LexedFile.indentBlocks`), else nil.
    let indentBlocks: IndentBlocks?

    init(view: TokenView, indentBlocks: IndentBlocks? = nil) {
        self.view = view
        self.indentBlocks = indentBlocks
    }

    static let routeDecorators: Set<String> = ["route", "get", "post", "put", "patch", "delete", "api_route", "websocket", "api_view", "view_config"]
    static let jobDecorators: Set<String> = ["task", "shared_task", "job", "actor", "periodic_task", "cron", "background"]
    /// The two sets matched on a decorator's bytes (plain ASCII words: bytewise equality is `String` equality).
    private static let routeDecoratorWords = ByteWords(routeDecorators)
    private static let jobDecoratorWords = ByteWords(jobDecorators)

    func parse() -> FileStructure {
        var structure = FileStructure(reservingFor: view.count)
        // As the lexer recorded them, else matched here.
        let blockEnd = indentBlocks ?? IndentBlocks.match(view.tokens)
        // The pending decorators' tokens (their texts were made as `String`s, about 530 instructions each,
        // only to be read on their bytes: `decoratorKinds(of:)`).
        var decorators: [Range<Int>] = []
        var lastConditionByBodyEnd = BodyEndConditions()
        var index = 0
        while index < view.count {
            index = PythonStructure.nextCandidate(in: view.tokens, bytes: view.bytes, from: index)
            guard index < view.count else { break }
            let token = view[index]
            let previous = index == 0 ? TokenKind.newline : view[index - 1].kind
            let statementStart = previous == .newline || previous == .indent || previous == .dedent
            guard token.kind == .identifier || (token.kind == .punct && statementStart) else { index += 1; continue }
            // The words below all start with one of `c d e f i w`: other names can only begin an assignment.
            // (Each name was compared with up to nine words in turn.)
            if token.kind == .identifier && !PythonStructure.mayStartKeyword(view.bytes[Int(token.start)]) {
                if statementStart { assignment(at: index, into: &structure) }
                index += 1
                continue
            }

            if statementStart && view.isPunct(index, "@") {
                var end = index + 1
                while end < view.count, view[end].kind != .newline { end += 1 }
                decorators.append(index + 1..<end)
                index = end
                continue
            }
            if view.isWord(index, "def") && (statementStart || view.isWord(index - 1, "async")) {
                if let scope = function(at: index, decorators: decorators, blockEnd: blockEnd, parameters: &structure.parameterList) {
                    structure.scopes.append(scope)
                }
                decorators = []
                index += 1
                continue
            }
            if statementStart && view.isWord(index, "class") {
                if let header = headerEnd(from: index), let body = body(after: header, blockEnd: blockEnd) {
                    // (The base classes are not kept: nothing reads them.)
                    structure.scopes.append(Scope(kind: .classBody, name: view.kind(index + 1) == .identifier ? view.text(index + 1) : "", body: body))
                }
                decorators = []
                index += 1
                continue
            }
            if statementStart && (view.isWord(index, "if") || view.isWord(index, "elif")) {
                if let header = headerEnd(from: index), let body = body(after: header, blockEnd: blockEnd) {
                    let condition = index + 1..<header
                    structure.scopes.append(.conditional(condition, body: body))
                    lastConditionByBodyEnd.record(condition, bodyEnd: body.upperBound)
                    if EarlyExit.endsWithExit(view, body) {
                        // `if cached: return cached`: the rest of the block runs only when the condition is false.
                        let restStart = body.upperBound + (view.kind(body.upperBound) == .dedent ? 1 : 0)
                        structure.scopes.append(.conditional(condition, body: safeRange(restStart, enclosingBlockEnd(of: index, blockEnd: blockEnd)), negated: true))
                    }
                }
                index += 1
                continue
            }
            if statementStart && view.isWord(index, "else"), view.isPunct(index + 1, ":"),
               let condition = lastConditionByBodyEnd[index - 1] ?? lastConditionByBodyEnd[index],
               let body = body(after: index + 1, blockEnd: blockEnd) {
                structure.scopes.append(.conditional(condition, body: body, negated: true))
                index += 1
                continue
            }
            if view.isWord(index, "for") || view.isWord(index, "while") {
                if statementStart || view.isWord(index - 1, "async") {
                    if let header = headerEnd(from: index), let body = body(after: header, blockEnd: blockEnd) {
                        structure.scopes.append(Scope(kind: .loop, name: view.text(index), body: body))
                    }
                } else if view.isWord(index, "for"), let open = enclosingBracket(of: index) , let close = view.close(of: open) {
                    // A comprehension: the whole bracket runs once per element, except the first `for`'s
                    // iterable (`[f(x) for x in r.smembers(k)]` sends SMEMBERS once).
                    if let iterable = firstIterable(of: index, open: open, close: close) {
                        structure.scopes.append(Scope(kind: .loop, name: "comprehension", body: safeRange(open + 1, iterable.lowerBound)))
                        structure.scopes.append(Scope(kind: .loop, name: "comprehension", body: safeRange(iterable.upperBound, close)))
                    } else {
                        structure.scopes.append(Scope(kind: .loop, name: "comprehension", body: safeRange(open + 1, close)))
                    }
                }
                index += 1
                continue
            }
            if statementStart && view.isWord(index, "with") || view.isWord(index, "with") && view.isWord(index - 1, "async") {
                withItems(from: index, into: &structure)
                index += 1
                continue
            }
            if statementStart && (view.isWord(index, "import") || view.isWord(index, "from")) {
                imports(from: index, into: &structure)
                index += 1
                continue
            }
            if statementStart && token.kind == .identifier {
                assignment(at: index, into: &structure)
            }
            index += 1
        }
        return structure
    }

    /// The first token at or after `start` that `parse` may act on: a name or operator starting a
    /// statement, or inside one a name that may be `def`, `for`, `while` or `with` by its first byte and
    /// length (after `async`, or a comprehension's `for`). `parse` passes over every other token, which it did one round of its
    /// loop each, re-reading the token before it; here they cost a few loads over the buffer.
    static func nextCandidate(in tokens: [Token], bytes: [UInt8], from start: Int) -> Int {
        tokens.withUnsafeBufferPointer { tokens in
            bytes.withUnsafeBufferPointer { bytes in
                var index = start
                guard index < tokens.count else { return index }
                var previous = index == 0 ? TokenKind.newline : tokens[index - 1].kind
                while index < tokens.count {
                    let token = tokens[index]
                    if previous == .newline || previous == .indent || previous == .dedent {
                        if token.kind == .identifier || token.kind == .punct { return index }
                    } else if token.kind == .identifier, Int(token.start) < bytes.count,
                              mayContinueStatement(bytes[Int(token.start)], length: token.end &- token.start) {
                        return index
                    }
                    previous = token.kind
                    index += 1
                }
                return index
            }
        }
    }

    /// Can a word `parse` looks for inside a statement (`def`, `for`, `while`, `with`) start with `byte`
    /// and have `length` bytes? (By the first byte alone, every other name starting with d, f or w
    /// (`data`, `f`, `write`) cost `parse` a round of its loop.)
    @inline(__always) static func mayContinueStatement(_ byte: UInt8, length: Int32) -> Bool {
        (byte == UInt8(ascii: "d") || byte == UInt8(ascii: "f")) && length == 3 || byte == UInt8(ascii: "w") && (length == 4 || length == 5)
    }

    /// Can a word `parse` looks for (`class`, `def`, `elif`, `else`, `for`, `from`, `if`, `import`,
    /// `while`, `with`) start with `byte`?
    @inline(__always) static func mayStartKeyword(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "f"), UInt8(ascii: "i"), UInt8(ascii: "w"): return true
        default: return false
        }
    }

    /// Where the indented block holding token `index` ends (the end of the file at top level).
    private func enclosingBlockEnd(of index: Int, blockEnd: IndentBlocks) -> Int {
        var depth = 0
        var i = index - 1
        var steps = 0
        while i >= 0 && steps < 1_000_000 {
            steps += 1
            if view[i].kind == .dedent { depth += 1 }
            if view[i].kind == .indent {
                if depth == 0 { return blockEnd[i] ?? view.count }
                depth -= 1
            }
            i -= 1
        }
        return view.count
    }

    /// The `:` ending a compound statement's header.
    private func headerEnd(from start: Int) -> Int? {
        var index = start + 1
        while index < view.count, view[index].kind != .newline {
            if let close = view.close(of: index) { index = close + 1; continue }
            if view.isPunct(index, ":") { return index }
            index += 1
        }
        return nil
    }

    /// Body tokens after a header's `:`: an indented block, or the rest of the line.
    private func body(after colon: Int, blockEnd: IndentBlocks) -> Range<Int>? {
        if view.kind(colon + 1) == .newline, view.kind(colon + 2) == .indent {
            return colon + 3..<(blockEnd[colon + 2] ?? view.count)
        }
        var end = colon + 1
        while end < view.count, view[end].kind != .newline { end += 1 }
        return colon + 1..<end
    }

    /// Its parameters are appended to `parameters` (the file's list).
    private func function(at def: Int, decorators: [Range<Int>], blockEnd: IndentBlocks, parameters: inout [Parameter]) -> Scope? {
        guard view.kind(def + 1) == .identifier, view.isPunct(def + 2, "("), let close = view.close(of: def + 2),
              let colon = headerEnd(from: close), let body = body(after: colon, blockEnd: blockEnd) else { return nil }
        var scope = Scope(kind: .function, name: view.text(def + 1), body: body)
        scope.setParameters(ParameterList.parse(view, def + 3..<close, language: .python, into: &parameters))
        for decorator in decorators {
            let (route, job) = decoratorKinds(of: decorator)
            if route { scope.traceKind = .requestHandler }
            if job { scope.traceKind = .job }
        }
        return scope
    }

    /// Whether the decorator's name is a route decorator's, and whether it is a job decorator's or the
    /// decorator ends in `.task`. An ASCII decorator is read on its bytes (its name's `String`, two
    /// hashed look-ups and the suffix test by characters cost ~1,300 instructions a decorator): ASCII
    /// characters are its bytes, so the name, the words and the suffix compare the same.
    static func decoratorKinds(_ decorator: String) -> (route: Bool, job: Bool) {
        var text = decorator
        if let ascii = text.withUTF8({ asciiDecoratorKinds($0) }) { return ascii }
        let name = decoratorName(decorator)
        return (routeDecorators.contains(name), jobDecorators.contains(name) || decorator.hasSuffix(".task"))
    }

    /// `decoratorKinds` of the decorator written in tokens `range` (the text `TokenView.compactText` makes of
    /// them), read on those bytes where they are the source as written (`TokenView.writtenSpan`), else on
    /// the compact bytes; a `String` is made only of a decorator that is not ASCII.
    private func decoratorKinds(of range: Range<Int>) -> (route: Bool, job: Bool) {
        view.withCompactTextBytes(range) { bytes in
            PythonStructure.asciiDecoratorKinds(bytes) ?? PythonStructure.decoratorKinds(SourceString.make(bytes))
        }
    }

    /// `decoratorKinds` of an ASCII decorator's bytes; nil for other text.
    private static func asciiDecoratorKinds(_ bytes: UnsafeBufferPointer<UInt8>) -> (route: Bool, job: Bool)? {
        guard let name = asciiDecoratorName(bytes) else { return nil }
        let token = Token(kind: .identifier, start: name.lowerBound, end: name.upperBound)
        let suffix: StaticString = ".task"
        let endsInTask = bytes.count >= suffix.utf8CodeUnitCount
            && UnsafeBufferPointer(rebasing: bytes[(bytes.count - suffix.utf8CodeUnitCount)...])
                .elementsEqual(UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount))
        return (routeDecoratorWords.contains(token, in: bytes), jobDecoratorWords.contains(token, in: bytes) || endsInTask)
    }

    /// Where an ASCII decorator's name is in its bytes (`decoratorName`); nil for other text.
    private static func asciiDecoratorName(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        // Split by `Character`s, a `(` or `.` followed by a combining mark is no separator: only
        // ASCII text is read by bytes (every decorator in practice).
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var lower = 0
        while lower < bytes.count && bytes[lower] == ASCII.lparen { lower += 1 }
        var upper = lower
        while upper < bytes.count && bytes[upper] != ASCII.lparen { upper += 1 }
        while upper > lower && bytes[upper - 1] == ASCII.dot { upper -= 1 }
        var begin = upper
        while begin > lower && bytes[begin - 1] != ASCII.dot { begin -= 1 }
        return begin..<upper
    }

    /// A decorator's name: the last dotted part before its arguments (`app.route("/x")` → `route`), as
    /// `split(separator: "(").first` then `split(separator: ".").last` give it (empty pieces skipped).
    static func decoratorName(_ decorator: String) -> String {
        var text = decorator
        let ascii: String? = text.withUTF8 { bytes in
            asciiDecoratorName(bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
        return ascii ?? decorator.split(separator: "(").first.map { String($0.split(separator: ".").last ?? "") } ?? ""
    }

    /// The token range of the iterable of a comprehension's first `for` (from `in` to the next
    /// top-level `for`, `if` or the closing bracket), or nil when `forIndex` is not the first `for`.
    private func firstIterable(of forIndex: Int, open: Int, close: Int) -> Range<Int>? {
        var i = open + 1
        while i < forIndex {
            if view.isWord(i, "for") { return nil }
            if let inner = view.close(of: i), inner > i { i = inner + 1 } else { i += 1 }
        }
        i = forIndex + 1
        var inIndex: Int?
        while i < close {
            if inIndex == nil, view.isWord(i, "in") { inIndex = i }
            else if inIndex != nil, view.isWord(i, "for") || view.isWord(i, "if") { break }
            if let inner = view.close(of: i), inner > i { i = inner + 1 } else { i += 1 }
        }
        guard let start = inIndex else { return nil }
        return start..<min(i, close)
    }

    private func enclosingBracket(of index: Int) -> Int? {
        var depth = 0
        var i = index - 1
        var steps = 0
        while i >= 0 && steps < 100_000 {
            steps += 1
            if view[i].kind == .punct {
                if view.close(of: i) != nil {
                    if depth == 0 { return i }
                    depth -= 1
                } else if view.partner[i] >= 0 {
                    depth += 1
                }
            }
            if view[i].kind == .newline { return nil }
            i -= 1
        }
        return nil
    }

    /// `with r.pipeline() as pipe, lock as l:`: each `as` name is assigned its item.
    private func withItems(from start: Int, into structure: inout FileStructure) {
        guard let colon = headerEnd(from: start) else { return }
        var itemStart = start + 1
        var index = start + 1
        while index < colon {
            if let close = view.close(of: index) { index = close + 1; continue }
            if view.isWord(index, "as"), view.kind(index + 1) == .identifier {
                structure.assignments.append(Assignment(target: view.text(index + 1), value: itemStart..<index, position: index + 1))
            }
            if view.isPunct(index, ",") { itemStart = index + 1 }
            index += 1
        }
    }

    private func imports(from start: Int, into structure: inout FileStructure) {
        var index = start + 1
        while index < view.count, view[index].kind == .identifier || view.isPunct(index, ".") { index += 1 }
        guard index > start + 1 else { return }
        // The tokens' texts joined: ASCII bytes are their text, so they are read as gathered, with no
        // `String` made. Other bytes are decoded token by token as before, where an invalid sequence is
        // repaired per token.
        let tokens = start + 1..<index
        let named = withASCIIText(tokens) { RedisEvidence.names($0) } ?? RedisEvidence.names(tokens.map { view.text($0) }.joined())
        if named { structure.importsRedisModule = true }
    }

    /// `body` over the texts of `tokens` joined, when their bytes are all ASCII; else nil. The bytes are
    /// gathered in a temporary buffer (on the stack when small): made into a `String`, a module path (most
    /// are over the 15 bytes a string holds inline) cost an allocation and a validating pass, about 560
    /// instructions an import.
    func withASCIIText<Result>(_ tokens: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        var count = 0
        for token in tokens { count += view[token].range.count }
        return view.bytes.withUnsafeBufferPointer { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { target -> Result? in
                var k = 0
                var union: UInt8 = 0
                for token in tokens {
                    for offset in view[token].range {
                        let byte = bytes[offset]
                        union |= byte
                        target[k] = byte
                        k += 1
                    }
                }
                guard union < 0x80 else { return nil }
                return body(UnsafeBufferPointer(start: target.baseAddress, count: k))
            }
        }
    }

    /// `name = value`, `self.name = value`, `name: Type = value`.
    private func assignment(at start: Int, into structure: inout FileStructure) {
        var index = start
        while view.isPunct(index + 1, "."), view.kind(index + 2) == .identifier { index += 2 }
        let targetEnd = index + 1
        var equals = index + 1
        if view.isPunct(equals, ":") {
            var typeEnd = equals + 1
            while typeEnd < view.count, view[typeEnd].kind != .newline, !view.isPunct(typeEnd, "=") {
                if let close = view.close(of: typeEnd) { typeEnd = close + 1 } else { typeEnd += 1 }
            }
            equals = typeEnd
        }
        guard view.isPunct(equals, "=") else { return }
        var end = equals + 1
        while end < view.count, view[end].kind != .newline {
            if let close = view.close(of: end) { end = close + 1 } else { end += 1 }
        }
        // The target's text only now: most statements are no assignment.
        structure.assignments.append(Assignment(target: view.compactText(start..<targetEnd), value: equals + 1..<end, position: start))
    }
}
