import Testing
import RedisTestSupport
@testable import RedisLint

/// The bytewise paths of `ClientEvidence` (ASCII type names) and `ByteWords.contains(String)` replaced
/// `Character`-based splitting and `Set<String>` look-ups for speed: they must answer exactly as the
/// `Character` forms below (the code they replaced) on every input, edge cases and non-ASCII included.
@Suite struct ClientEvidenceFastPathTests {
    static let types = [
        "", "::", ".", "A::", "A.", "::A", "redis.Redis", "Optional[Redis]", "Redis | None", "RedisConnectionPool?",
        "Promise<RedisClientType>", "[RedisConnection]", "EventLoopFuture<RedisConnection>", "Resque::Failure::RedisMultiQueue",
        "RateLimiterRedis", "django_redis.cache.RedisCache", "RedisStore.", "Redis\r\nCache", "Redis\tLock_2", "redis_1.Valkey9",
        "ValkeyClient", "RedisKey", "Ünïcode::RedisQueue", "RedisÉtat", "Redis·Queue", "Redis→Cache", "ＲｅｄｉｓQueue",
        "A:B.C:D", "Q", "q", "_", "RedisQueueWorker", "My.Redis::", "Redis..Job",
    ]

    /// What `isAboutRedisButNotAClient` did before its ASCII path.
    static func referenceIsAboutRedisButNotAClient(_ type: String) -> Bool {
        let name = type.split(whereSeparator: { $0 == ":" || $0 == "." }).last ?? Substring(type)
        var start = name.startIndex
        for index in name.indices.dropFirst() + [name.endIndex] where index == name.endIndex || name[index].isUppercase {
            if ClientEvidence.notClientClassWords.contains(name[start..<index]) { return true }
            start = index
        }
        return false
    }

    /// `Tracer.firstDottedPart` replaced `split(separator: ".").first` (binding's import roots, aliased
    /// constructors): the same part on every input, dots at either end, empty parts, combining marks
    /// after a dot and non-ASCII text included.
    @Test func firstDottedPartSplitsLikeCharacters() {
        let texts = Self.types + ["a.b.c", ".a", "..a..b", "a..", "...", "this.redis.client", "e\u{301}.x", ".\u{301}a.b", "é.b",
                                  "redis", "Redis.defaultClient.del", "a.\u{301}", "ＲｅｄｉｓQueue.x"]
        for text in texts {
            let expected = text.split(separator: ".").first.map(String.init)
            #expect(Tracer.firstDottedPart(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func identifierWordsSplitLikeCharacters() {
        for type in Self.types {
            let expected = type.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
            #expect(ClientEvidence.identifierWords(type).map(String.init) == expected, "\(type.debugDescription)")
        }
    }

    @Test func aboutRedisButNotAClientAgreesWithCharacterForm() {
        var trueCount = 0
        for type in Self.types {
            let expected = Self.referenceIsAboutRedisButNotAClient(type)
            #expect(ClientEvidence.isAboutRedisButNotAClient(type) == expected, "\(type.debugDescription)")
            if expected { trueCount += 1 }
        }
        // Both answers occur: the comparison is not vacuous.
        #expect(trueCount >= 5 && trueCount < Self.types.count - 5)
    }

    @Test func byteWordsMatchStringsLikeASet() {
        let words: Set<String> = ["new", "from_url", "Redis", "createClient", "ün", "Kelvin"]
        let matcher = ByteWords(words)
        let probes = ["new", "New", "ne", "neww", "", "from_url", "Redis", "redis", "createClient", "ün", "u\u{308}n",
                      "Kelvin", "\u{212A}elvin", "Redis ", "create"]
        for probe in probes {
            #expect(matcher.contains(probe) == words.contains(probe), "\(probe.debugDescription)")
        }
        #expect(matcher.contains("u\u{308}n"))  // canonically equal to "ün": found through the String set
    }

    /// `hasDot` and `contains(_:byte:)` search the contiguous bytes: they must answer as `utf8.contains`
    /// for small (inline) and large strings, substrings made into strings, and non-ASCII text.
    @Test func hasDotAnswersAsUTF8Contains() {
        var random = SeededRandom(seed: 0x2E2E)
        let pieces = ["a", ".", "é", "Redis", "\u{212A}", "_", "new", "\r\n", "ＲｅｄｉｓQueue", "·", "["]
        var texts = Self.types
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<random.below(12) { text += random.pick(pieces) }
            texts.append(text)
            texts.append(String(text.dropFirst(random.below(3))))
        }
        for text in texts {
            #expect(ClientEvidence.hasDot(text) == text.utf8.contains(0x2E), "\(text.debugDescription)")
            #expect(ClientEvidence.contains(text, byte: 0x5B) == text.utf8.contains(0x5B), "\(text.debugDescription)")
        }
    }
}

@Suite struct LineMapStartsTests {
    /// Every text of up to 6 bytes over `a`, CR and LF: line starts as the plain definition gives them.
    @Test func lineStartsMatchTheDefinition() {
        let alphabet: [UInt8] = [0x61, 0x0D, 0x0A]
        var texts: [[UInt8]] = [[]]
        var frontier: [[UInt8]] = [[]]
        for _ in 0..<6 {
            frontier = frontier.flatMap { text in alphabet.map { text + [$0] } }
            texts += frontier
        }
        for text in texts {
            var expected = [0]
            var i = 0
            while i < text.count {
                if text[i] == 0x0D, i + 1 < text.count, text[i + 1] == 0x0A { i += 1 }
                if text[i] == 0x0A || text[i] == 0x0D { expected.append(i + 1) }
                i += 1
            }
            #expect(LineMap(text).starts == expected, "\(text)")
        }
    }

    /// `mayBeConstructor` (two fields) screens calls before `isConstructor`: it may never turn one away.
    @Test(arguments: [Language.ruby, .python, .javascript, .swift])
    func constructorScreenNeverRejectsAConstructor(language: Language) {
        let receivers = ["", "Redis", "redis", "Redis::Cluster", "IORedis", "RediStack.RedisConnection", "ConnectionPool", "self", "x.y"]
        var methods = ["new", "Redis", "StrictRedis", "from_url", "createClient", "createCluster", "make", "connect", "Cluster",
                       "RedisConnection", "RedisConnectionPool", "get", "set", "init", "x", "a.b", "Redis.new"]
        for keys in ClientEvidence.constructorMethods.values { methods += keys }
        var constructors = 0
        for receiver in receivers {
            for method in methods {
                for isConstruction in [false, true] {
                    let names = CallNames(methods: [method], receivers: [receiver])
                    let call = CallSite(receiverTokens: 0..<0, receiverID: 0, receiverCall: nil,
                                        methodID: 0, nameToken: 0, argumentStart: 0, argumentCount: 0, hasArgumentList: true, isConstruction: isConstruction,
                                        firstToken: 0, lastToken: 0, argumentTokens: 0..<0)
                    for importsRedisModule in [false, true] {
                        guard ClientEvidence.isConstructor(call, names: names, language: language, importsRedisModule: importsRedisModule) else { continue }
                        constructors += 1
                        #expect(ClientEvidence.mayBeConstructor(method: method, isConstruction: isConstruction, language: language),
                                "\(receiver).\(method) construction \(isConstruction)")
                    }
                }
            }
        }
        #expect(constructors > 0)
    }

    /// `mayBeSwiftConfiguration` screens calls before the configuration key is built: every key's
    /// method (its last part) and `init` pass, and a key never ends in a method the screen rejects.
    @Test func swiftConfigurationScreenPassesEveryKeyMethod() {
        for key in ClientConstructions.swiftConfigurations {
            let method = String(key[key.index(after: key.lastIndex(of: ".")!)...])
            #expect(ClientConstructions.mayBeSwiftConfiguration(method: method), "\(key)")
        }
        #expect(ClientConstructions.mayBeSwiftConfiguration(method: "init"))
        #expect(ClientConstructions.mayBeSwiftConfiguration(method: "a.b"))
        for method in ["get", "Config", "configuration", "initialize", "", "RedisConnection", "\u{212A}"] {
            let rejected = !ClientConstructions.mayBeSwiftConfiguration(method: method)
            #expect(rejected, "\(method)")
            if rejected {
                for receiver in ["", ".", "RedisConnection", "RedisConnectionPool", "Redis"] {
                    #expect(!ClientConstructions.swiftConfigurations.contains(receiver + "." + method))
                }
            }
        }
    }

    /// The main pass searches a receiver for the mock attributes only when it is as long as the shortest of them.
    @Test func shortestMockAttributeWordIsTheShortestWord() {
        #expect(ClientEvidence.shortestMockAttributeWord == ClientEvidence.mockAttributeWords.map(\.count).min())
    }
}
