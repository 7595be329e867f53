import Testing
@testable import RedisLint

/// The chain parser numbers method names and receiver texts by their bytes (`NameNumbers`) where the
/// tracer keyed its per-method facts and receiver bindings by the `String`: the numbers must say the
/// same as the strings.
@Suite struct NameNumbersTests {
    /// Many short words over a small alphabet (so most repeat), from a fixed seed, several table growths.
    @Test(arguments: [1, 2, 3])
    func numbersAgreeWithADictionaryOfTheNames(seed: Int) {
        var state = UInt64(seed)
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("ab_Zé".utf8)
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for _ in 0..<20_000 {
            let start = bytes.count
            for _ in 0..<(1 + next(7)) { bytes.append(alphabet[next(alphabet.count)]) }
            ranges.append(start..<bytes.count)
            bytes.append(0x20)
        }
        var table = NameNumbers()
        var reference: [[UInt8]: Int32] = [:]
        var distinct = Set<Int32>()
        for range in ranges {
            let number = table.number(of: range, in: bytes)
            let word = Array(bytes[range])
            #expect(table.names[Int(number)] == String(decoding: word, as: UTF8.self))
            if let known = reference[word] { #expect(number == known, "\(word)") } else { reference[word] = number }
            distinct.insert(number)
        }
        // Equal bytes, equal numbers, and different bytes, different numbers.
        #expect(distinct.count == reference.count)
        #expect(reference.count > 1_000)
    }

    /// Names of every length up to 40 bytes and, for each, the names that differ from it in one byte (at
    /// each position): the word-at-a-time hash and compare tell every one apart (the last bytes read by
    /// overlapping loads included) and find each again.
    @Test func namesDifferingInOneByteGetTheirOwnNumbers() {
        var table = NameNumbers()
        var numbers: [[UInt8]: Int32] = [:]
        for length in 0...40 {
            let base = (0..<length).map { UInt8(0x61 + $0 % 26) }
            var words = [base]
            for position in 0..<length {
                var word = base
                word[position] = 0x5F
                words.append(word)
            }
            for word in words {
                let number = word.withUnsafeBufferPointer { table.number(of: $0) }
                if let known = numbers[word] { #expect(number == known) } else { numbers[word] = number }
            }
        }
        for (word, number) in numbers {
            #expect(word.withUnsafeBufferPointer { table.number(of: $0) } == number)
            #expect(table.names[Int(number)] == String(decoding: word, as: UTF8.self))
        }
        #expect(Set(numbers.values).count == numbers.count)
        #expect(numbers.count == 1 + 40 * 41 / 2 + 40)
    }

    /// A name of up to 15 bytes is found by two words holding its bytes and its length: names whose
    /// packed bytes are equal (trailing zero bytes) and names around the 8- and 16-byte boundaries (one
    /// word, two words, the stored bytes) each get their own number, and the same one when asked again.
    @Test func shortNamesAreToldApartByLength() {
        var table = NameNumbers()
        var numbers: [[UInt8]: Int32] = [:]
        var words: [[UInt8]] = []
        for length in 0...20 {
            words.append([UInt8](repeating: 0, count: length))
            words.append([0x61] + [UInt8](repeating: 0, count: max(0, length - 1)))
            words.append([UInt8](repeating: 0xFF, count: length))
        }
        for round in 0..<2 {
            for word in words {
                let number = word.withUnsafeBufferPointer { table.number(of: $0) }
                if let known = numbers[word] { #expect(number == known, "\(word)") } else {
                    #expect(round == 0)
                    numbers[word] = number
                }
                #expect(table.names[Int(number)] == String(decoding: word, as: UTF8.self))
            }
        }
        #expect(Set(numbers.values).count == numbers.count)
        #expect(numbers.count == 3 * 21 - 2)  // `[]` three times, `[a]` twice
    }

    /// `PackedWord.load` packs 1 to 8 bytes first byte lowest, from any start.
    @Test func packedWordsHoldTheBytesFirstLowest() {
        let bytes: [UInt8] = [0x01, 0x82, 0x23, 0xF4, 0x45, 0x66, 0x07, 0x98, 0xA9, 0x3A]
        bytes.withUnsafeBufferPointer { buffer in
            for start in 0..<bytes.count {
                for count in 1...min(8, bytes.count - start) {
                    var expected: UInt64 = 0
                    for offset in 0..<count { expected |= UInt64(bytes[start + offset]) << UInt64(8 * offset) }
                    #expect(PackedWord.load(buffer.baseAddress! + start, count) == expected)
                }
            }
        }
    }

    /// A name's `String` is made from its bytes exactly as `String(decoding:as:)` makes it: the same
    /// UTF-8, invalid sequences repaired alike, small (inline) and long (allocated) names, and empty.
    @Test func namesAreTheDecodedBytes() {
        let cases: [[UInt8]] = [
            [], Array("get".utf8), Array("self.redis_client".utf8), Array("héllo.wörld_and_more_text".utf8),
            [0xFF], [0xC3], [0x61, 0xC3, 0x62], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF],
            Array(repeating: 0x80, count: 20), [0x61, 0xF0, 0x9F, 0x98] + Array(repeating: 0x62, count: 16),
        ]
        for bytes in cases {
            let made = bytes.withUnsafeBufferPointer { SourceString.make($0) }
            let decoded = String(decoding: bytes, as: UTF8.self)
            #expect(Array(made.utf8) == Array(decoded.utf8), "\(bytes)")
            #expect(made == decoded)
            var table = NameNumbers()
            let number = bytes.withUnsafeBufferPointer { table.number(of: $0) }
            #expect(Array(table.names[Int(number)].utf8) == Array(decoded.utf8))
        }
    }

    /// The capacity a table starts with changes no number: a small one grows its lists and slots many
    /// times, a large one never, and both number the same names alike, in order of first sight.
    @Test func startingCapacityChangesNoNumber() {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for index in 0..<5_000 {
            let start = bytes.count
            bytes.append(contentsOf: Array("name\(index % 1_700)".utf8))
            ranges.append(start..<bytes.count)
        }
        var small = NameNumbers(capacity: 1)
        var large = NameNumbers(capacity: 4_096)
        var firstSeen: [[UInt8]: Int32] = [:]
        for range in ranges {
            let number = small.number(of: range, in: bytes)
            #expect(large.number(of: range, in: bytes) == number)
            let word = Array(bytes[range])
            if firstSeen[word] == nil { firstSeen[word] = Int32(firstSeen.count) }
            #expect(firstSeen[word] == number)
            #expect(small.names[Int(number)] == String(decoding: word, as: UTF8.self))
        }
        #expect(small.names.count == 1_700 && large.names.count == 1_700)
    }

    /// Names that all hash to one slot fill a run of the table: past `maximumProbes` a name gets a fresh
    /// number without entering the table. Every number still spells its name, and different names
    /// never share one.
    @Test func collidingNamesStayCorrectPastTheProbeLimit() {
        var colliding: [[UInt8]] = []
        var candidate = 0
        while colliding.count < 3 * NameNumbers.maximumProbes {
            let word = Array("n\(candidate)".utf8)
            candidate += 1
            if word.withUnsafeBufferPointer({ NameNumbers.hash($0) }) & 63 == 7 { colliding.append(word) }
        }
        var table = NameNumbers()
        var numbers: [Int32] = []
        for _ in 0..<2 {
            for word in colliding {
                let number = word.withUnsafeBufferPointer { table.number(of: $0) }
                #expect(table.names[Int(number)] == String(decoding: word, as: UTF8.self))
                numbers.append(number)
            }
        }
        // Different names, different numbers (a name past the limit may get a second one).
        var nameOf: [Int32: [UInt8]] = [:]
        for (index, number) in numbers.enumerated() {
            let word = colliding[index % colliding.count]
            if let known = nameOf[number] { #expect(known == word) } else { nameOf[number] = word }
        }
        #expect(table.names.count >= colliding.count)
    }

    /// On generated Python, every call's number matches its name: the same number exactly for the
    /// same method, and the name is its token's text, as before numbering.
    @Test(arguments: [5, 6])
    func chainParserNumbersMatchTheNameNumbers(seed: Int) {
        let source = TracerLookupEquivalenceTests.generatedPython(seed: UInt64(seed), blocks: 60)
            + "pipe = r.pipeline()\npipe.set('a', 1).expire('a', 5).execute()\nnew_thing(x).new(y)\n"
        let bytes = Array(source.utf8)
        let view = TokenView(bytes: bytes, tokens: PythonLexer.lex(bytes).tokens)
        let parsed = ChainParser(view: view, syntax: FrontEnd.pythonSyntax).allCalls()
        let calls = parsed.sites
        #expect(calls.count > 50)
        var numberOf: [String: Int32] = [:]
        var receiverNumberOf: [String: Int32] = [:]
        for call in calls {
            let method = parsed.names.method(call), receiverText = parsed.names.receiver(call)
            #expect(method == view.text(call.nameToken))
            if let known = numberOf[method] { #expect(call.methodID == known, "\(method)") } else { numberOf[method] = call.methodID }
            // The receiver text as it was made before numbering.
            if call.receiverCall == nil && !call.receiverTokens.isEmpty && !view.isPunct(call.receiverTokens.lowerBound, "(") {
                #expect(receiverText == view.compactText(call.receiverTokens))
            }
            if let known = receiverNumberOf[receiverText] {
                #expect(call.receiverID == known, "\(receiverText)")
            } else {
                receiverNumberOf[receiverText] = call.receiverID
            }
        }
        #expect(Set(numberOf.values).count == numberOf.count)
        #expect(Set(receiverNumberOf.values).count == receiverNumberOf.count)
        #expect(receiverNumberOf.keys.contains("self.conn") && receiverNumberOf.keys.contains(""))
    }

    @Test func javaScriptConstructionsAreNamedNew() {
        let bytes = Array("const a = new Redis(); a.get(k); const b = new Redis.Cluster([]); b.new(1)\n".utf8)
        let view = TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes).tokens)
        let parsed = ChainParser(view: view, syntax: ChainSyntax(separators: [".", "?."], parenlessCalls: false, labels: .none, newKeyword: true, keywords: ["new", "const"])).allCalls()
        let news = parsed.sites.filter { parsed.names.method($0) == "new" }
        #expect(news.count == 3)
        #expect(Set(news.map(\.methodID)).count == 1)
        #expect(parsed.sites.filter(\.isConstruction).map(parsed.names.receiver) == ["Redis", "Redis.Cluster"])
    }
}
