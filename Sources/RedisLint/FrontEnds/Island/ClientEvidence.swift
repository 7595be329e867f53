/// What makes a value a Redis client: constructors and factories of every supported library,
/// framework accessors, type annotations and, weakest, names.
enum ClientEvidence {
    /// `(receiver, method)` pairs that construct a client. An empty receiver is a bare call.
    static let constructors: [Language: Set<String>] = [
        .ruby: ["Redis.new", "RedisClient.new", "Redis::Cluster.new", "Redis::Namespace.new", "Redis::Distributed.new",
                "Redis.current", "RedisClient.config", "RedisClient.cluster", "RedisClient.sentinel", "Redis::Client.new",
                "RedisClient::Cluster.new"],
        .python: ["redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url", "Redis.from_url",
                  "StrictRedis.from_url", ".Redis", ".StrictRedis", "redis.RedisCluster", ".RedisCluster",
                  "redis.cluster.RedisCluster", "RedisCluster.from_url", "redis.asyncio.Redis", "redis.asyncio.from_url",
                  "aioredis.from_url", "aioredis.Redis", "aioredis.create_redis_pool", "redis.asyncio.RedisCluster",
                  ".get_redis_connection", "asyncio.Redis", "asyncio.from_url", "redis.sentinel.Sentinel", ".from_url",
                  // valkey-py (redis-py's fork for Valkey) and coredis (an async client with redis-py's method names).
                  "valkey.Valkey", "valkey.StrictValkey", ".Valkey", ".StrictValkey", "valkey.from_url", "valkey.Valkey.from_url",
                  "Valkey.from_url", "valkey.asyncio.Valkey", "valkey.ValkeyCluster", ".ValkeyCluster", "valkey.cluster.ValkeyCluster",
                  "valkey.asyncio.ValkeyCluster", "coredis.Redis", "coredis.RedisCluster", "coredis.Redis.from_url",
                  "coredis.RedisCluster.from_url"],
        .javascript: ["new:Redis", "new:IORedis", "new:Redis.Cluster", "new:IORedis.Cluster", "new:Cluster", "new:Valkey",
                      ".createClient", ".createCluster", ".createClientPool", ".createSentinel", "redis.createClient",
                      "redis.createCluster", "new:ioredis", "new:Redis.default"],
        .swift: ["RedisConnection.make", ".RedisConnectionPool", ".RedisConnection", ".ValkeyClient", "RedisConnectionPool.init",
                 ".RedisClient", ".ValkeyClusterClient"],
    ]

    /// Constructors that make a cluster client (cluster rules turn on in `auto` mode).
    static let clusterConstructors: Set<String> = ["Redis::Cluster.new", "RedisClient.cluster", "RedisClient::Cluster.new",
                                                   "redis.RedisCluster", ".RedisCluster", "redis.cluster.RedisCluster",
                                                   "RedisCluster.from_url", "redis.asyncio.RedisCluster", "new:Redis.Cluster",
                                                   "new:IORedis.Cluster", "new:Cluster", ".createCluster", "redis.createCluster",
                                                   ".ValkeyClusterClient", "valkey.ValkeyCluster", ".ValkeyCluster",
                                                   "valkey.cluster.ValkeyCluster", "valkey.asyncio.ValkeyCluster", "coredis.RedisCluster",
                                                   "coredis.RedisCluster.from_url"]

    /// A constructor that makes a cluster client: one of `clusterConstructors`, or redis-rb 4's
    /// `Redis.new(cluster: [...])`.
    static func isClusterConstructor(_ call: CallSite, names: CallNames, arguments: CallArguments, view: TokenView, language: Language,
                                     importsRedisModule: Bool) -> Bool {
        guard isConstructor(call, names: names, language: language, importsRedisModule: importsRedisModule) else { return false }
        let key = constructorKey(call, names: names)
        if clusterConstructors.contains(key) { return true }
        return language == .ruby && key == "Redis.new" && arguments.contains { $0.isLabelled("cluster", in: view) }
    }

    /// Constructors whose client talks to one server (or the primary a sentinel names), never to a cluster. Not
    /// here: those that may wrap or return a client made elsewhere (`Redis.current`, `Redis::Namespace.new`,
    /// django-redis `get_redis_connection`), `Redis::Distributed.new` (it shards keys over servers too) and
    /// Swift's `RedisClient(...)`, whose library is not known.
    static let standaloneConstructors: Set<String> = [
        "Redis.new", "RedisClient.new", "RedisClient.config", "RedisClient.sentinel", "Redis::Client.new",
        "redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url", "Redis.from_url", "StrictRedis.from_url",
        ".Redis", ".StrictRedis", "redis.asyncio.Redis", "redis.asyncio.from_url", "aioredis.from_url", "aioredis.Redis",
        "aioredis.create_redis_pool", "asyncio.Redis", "asyncio.from_url", "redis.sentinel.Sentinel", ".from_url",
        "new:Redis", "new:IORedis", "new:Valkey", ".createClient", "redis.createClient", "new:ioredis", "new:Redis.default",
        ".createClientPool", ".createSentinel",
        "valkey.Valkey", "valkey.StrictValkey", ".Valkey", ".StrictValkey", "valkey.from_url", "valkey.Valkey.from_url", "Valkey.from_url",
        "valkey.asyncio.Valkey", "coredis.Redis", "coredis.Redis.from_url",
        "RedisConnection.make", ".RedisConnectionPool", ".RedisConnection", "RedisConnectionPool.init", ".ValkeyClient",
    ]

    /// A constructor (`isConstructor`) of a standalone client: one of `standaloneConstructors` (asked after
    /// `isClusterConstructor`, which takes redis-rb 4's `Redis.new(cluster: [...])`), in a file that imports a module
    /// named like Redis (a client library's own tests import it from `../lib`: asking for the library by name brought
    /// their 38 findings back on ioredis, against the rarer local `Redis` that makes a cluster client). Not a Ruby
    /// `Redis.new(config)` whose options are a hash made elsewhere (it may say `cluster:`).
    static func isStandaloneConstructor(_ call: CallSite, names: CallNames, arguments: CallArguments, language: Language,
                                        importsRedisModule: Bool) -> Bool {
        guard standaloneConstructors.contains(constructorKey(call, names: names)) else { return false }
        return language == .ruby ? arguments.allSatisfy { $0.hasLabel } : importsRedisModule
    }

    /// The kind of client a client type (`isClientType`) declares: one naming a cluster (`RedisCluster`,
    /// `Redis | Cluster`, `RedisClusterType`) a cluster client; one naming a class of a single server's client
    /// (`redis.Redis`, `Optional[StrictRedis]`, `RedisClientType`, `RedisConnection`) a standalone one; nothing for
    /// others, which may hold either (an alias `type RedisClient = Redis | Cluster`, `ValkeyClientProtocol`).
    static func clientKind(ofClientType type: String) -> ClientKinds {
        if namesCluster(type) { return .cluster }
        return identifierWords(type).contains { standaloneClientTypes.contains($0) } ? .standalone : []
    }

    /// Does a client's type or assigned value name a cluster (`RedisCluster`, `Redis | Cluster`, `RedisCluster.from_url(…)`)?
    static func namesCluster(_ text: String) -> Bool { WordSearch.contains(text, "Cluster") }

    /// `namesCluster` of bytes (an assigned value's compact text, read in place).
    static func namesCluster(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let word: StaticString = "Cluster"
        return WordSearch.firstIndex(of: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount), in: bytes, from: 0) != nil
    }

    /// Classes and types of a single server's client, by their last name.
    static let standaloneClientTypes: Set<Substring> = ["Redis", "StrictRedis", "RedisClientType", "RedisConnection",
                                                        "RedisConnectionPool", "ValkeyClient"]

    static func constructorKey(_ call: CallSite, names: CallNames) -> String {
        call.isConstruction ? "new:" + names.receiver(call) : names.receiver(call) + "." + names.method(call)
    }

    /// Modules whose exports construct Redis clients.
    static func isRedisModule(_ module: String) -> Bool {
        let lower = module.lowercased()
        return ["ioredis", "redis", "@redis/client", "iovalkey", "@valkey/client", "redis-om", "ioredis-mock"].contains(lower)
            && lower != "ioredis-mock"
    }

    /// `new X(...)` or `X(...)` where X was imported from a Redis module under any local name
    /// (`const redis = require("ioredis"); new redis()`, `import { createClient as make } from "redis"`).
    static func isAliasedConstructor(_ call: CallSite, names: CallNames, aliases: [String: String]) -> Bool {
        let receiver = names.receiver(call), method = names.method(call)
        let root = call.isConstruction ? receiver : (receiver.isEmpty ? method : "")
        guard !root.isEmpty else { return false }
        // (The first dotted part bytewise: splitting made a list of substrings per call asked about.)
        let name = Tracer.firstDottedPart(root) ?? ""
        guard let module = aliases[name], isRedisModule(module) else { return false }
        if call.isConstruction { return true }
        return isClientFactory(method) || aliases[method] != nil
    }

    /// node-redis' client factories (a switch: the list literal was made and destroyed per question).
    static func isClientFactory(_ method: String) -> Bool {
        switch method {
        case "createClient", "createCluster", "createClientPool", "createSentinel": true
        default: false
        }
    }

    /// The method part (after the last `.`) of every constructor key: a call whose method is not one
    /// of these cannot be a constructor, which spares building a key string for every call.
    static let constructorMethods: [Language: Set<String>] = constructors.mapValues { keys in
        Set(keys.compactMap { key in key.lastIndex(of: ".").map { String(key[key.index(after: $0)...]) } })
    }

    /// `constructors` and `constructorMethods` of one language, picked by a switch: a `Language`
    /// dictionary key hashes its raw value, a `String`, on every look-up (this runs for every call).
    private struct ConstructorTable {
        let keys: Set<String>
        let methods: ByteWords
        init(_ language: Language) {
            keys = ClientEvidence.constructors[language] ?? []
            methods = ByteWords(ClientEvidence.constructorMethods[language] ?? [])
        }
    }
    private static let rubyConstructors = ConstructorTable(.ruby)
    private static let pythonConstructors = ConstructorTable(.python)
    private static let javaScriptConstructors = ConstructorTable(.javascript)
    private static let swiftConstructors = ConstructorTable(.swift)
    private static let luaConstructors = ConstructorTable(.lua)

    /// The first test of `isConstructor`, on two fields: false for most calls. Callers ask it of a call
    /// read in place before handing the call over (passing a whole call to a function copied it,
    /// retaining its strings and arguments).
    static func mayBeConstructor(method: String, isConstruction: Bool, language: Language) -> Bool {
        if isConstruction || hasDot(method) { return true }
        switch language {
        case .ruby: return rubyConstructors.methods.contains(method)
        case .python: return pythonConstructors.methods.contains(method)
        case .javascript: return javaScriptConstructors.methods.contains(method)
        case .swift: return swiftConstructors.methods.contains(method)
        case .lua: return luaConstructors.methods.contains(method)
        }
    }

    /// Does `text` hold `byte`? Asked of every call's method (a `.`) and receiver (a `[`): `utf8.contains`
    /// steps through the view's generic index one byte at a time; the contiguous bytes (a small string's
    /// are copied to the stack) are searched as a buffer.
    @inline(__always) static func contains(_ text: String, byte: UInt8) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? text.utf8.contains(byte)
    }

    @inline(__always) static func hasDot(_ text: String) -> Bool { contains(text, byte: 0x2E) }

    static func isConstructor(_ call: CallSite, names: CallNames, language: Language, importsRedisModule: Bool) -> Bool {
        // The table is passed, not returned: returning it copied (retained and released) its sets per call.
        switch language {
        case .ruby: return isConstructor(call, names, rubyConstructors, importsRedisModule: importsRedisModule)
        case .python: return isConstructor(call, names, pythonConstructors, importsRedisModule: importsRedisModule)
        case .javascript: return isConstructor(call, names, javaScriptConstructors, importsRedisModule: importsRedisModule)
        case .swift: return isConstructor(call, names, swiftConstructors, importsRedisModule: importsRedisModule)
        case .lua: return isConstructor(call, names, luaConstructors, importsRedisModule: importsRedisModule)
        }
    }

    private static func isConstructor(_ call: CallSite, _ names: CallNames, _ table: ConstructorTable, importsRedisModule: Bool) -> Bool {
        // `receiver.method` ends with the method; when the method has no dot, the key's last part is it.
        if !call.isConstruction, case let method = names.method(call), !hasDot(method), !table.methods.contains(method) {
            return false
        }
        let key = constructorKey(call, names: names)
        guard table.keys.contains(key) else { return false }
        // A bare `Redis(...)`/`from_url(...)` is only a client when the file imports a Redis library.
        if names.receiver(call).isEmpty && !call.isConstruction {
            return importsRedisModule
        }
        return true
    }

    /// Framework accessors that are Redis clients: Vapor's `req.redis`, `app.redis`.
    static func isFrameworkClient(_ text: String, language: Language) -> Bool {
        guard language == .swift else { return false }
        return ["req.redis", "request.redis", "app.redis", "application.redis", "req.application.redis", "self.app.redis"].contains(text)
            || text.hasPrefix("application.redis(") || text.hasPrefix("app.redis(")
    }

    /// A type annotation naming a Redis client (`redis.Redis`, `RedisConnection`, `RedisClientType`).
    static func isClientType(_ type: String) -> Bool { clientTypeKind(type) != nil }

    /// The kind of client a type annotation declares (`clientKind(ofClientType:)`, which may be none), nil when it
    /// names no Redis client (`isClientType`). A Redis-naming type's answer is remembered per type text for the
    /// process: a project writes its client types in file after file, and each answer splits the type into words
    /// and searches each (~9,000 instructions a type and file on the 12 repositories).
    static func clientTypeKind(_ type: String) -> ClientKinds? {
        guard RedisEvidence.names(type) else { return nil }  // most types (`string`, `[Item]`): bytewise, at once
        let answer = { namesClient(type) ? clientKind(ofClientType: type) : nil }
        // Only ASCII types are remembered: the cache tells names apart as `String`s, and a non-ASCII type equal to
        // an ASCII one (the Kelvin sign equals `K`) may be answered otherwise; remembered, the first file's
        // spelling would answer for the other's, whichever thread came first.
        guard type.utf8.allSatisfy({ $0 < 0x80 }) else { return answer() }
        return knownClientTypes.value(of: type, tag: 0, answer)
    }

    private static let knownClientTypes = Locked(NameCache<ClientKinds?>())

    /// `isClientType` of a type that names Redis (`RedisEvidence.names`).
    private static func namesClient(_ type: String) -> Bool {
        // `Optional[Redis]`, `Redis | None`, `redis.Redis`, `RedisConnectionPool?`, `Promise<RedisClientType>`.
        let words = identifierWords(type)
        // A collection or a promise of clients is not a client (`[RedisConnection]`, `ArraySlice<…>`,
        // `EventLoopPromise<RedisConnection>`, `List[Redis]`).
        if type.hasPrefix("[") || words.contains(where: { containerTypes.contains(String($0)) }) { return false }
        return words.contains { word in
            guard RedisEvidence.containsAny(word, clientTypeWords), !RedisEvidence.containsAny(word, notClientTypeWords) else { return false }
            // A class about Redis with another role: a cache backend over Redis (django-redis `RedisCache`, whose
            // `touch(k, timeout)` is PEXPIRE), a queue, a rate limiter. Cache abstractions are never Redis ops.
            return !isAboutRedisButNotAClient(String(word))
        }
    }

    /// The runs of letters, digits and `_` in `text` (the words of a type as written). Bytewise for
    /// ASCII text, where that is the same split: `Character.isLetter` looks up Unicode properties and
    /// was most of the type checks' time.
    static func identifierWords(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        }
        var words: [Substring] = []
        var wordStart: String.Index? = nil
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if ByteClass.isASCIIWordByte(byte) {
                if wordStart == nil { wordStart = index }
            } else if let start = wordStart {
                words.append(text[start..<index])
                wordStart = nil
            }
            index = utf8.index(after: index)
        }
        if let start = wordStart { words.append(text[start..<utf8.endIndex]) }
        return words
    }

    /// A function whose name says it returns a Redis client and nothing else: `redis_instance`, `get_redis`,
    /// `get_redis_connection`, `getRedisClient`, `createValkeyConnection`. Every word of it (snake_case or camelCase)
    /// is "redis"/"valkey" (one at least) or one of `clientGetterWords`: `get_redis_url`, `redis_key`, `redis_pool`,
    /// `redisInfo` return something else. A function, not a class: `RedisClient()` is a project's own class (a wrapper
    /// whose `set` may add a TTL), so a capitalised name is not one.
    static func isClientGetterName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 0x41 && first <= 0x5A), RedisEvidence.names(name),
              name.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        var sawRedis = false
        var word: [UInt8] = []
        var previousWasLower = false
        func endWord() -> Bool {
            defer { word.removeAll(keepingCapacity: true) }
            if word.isEmpty { return true }
            if redisWords.contains(word) { sawRedis = true; return true }
            return clientGetterWords.contains(word)
        }
        for byte in name.utf8 {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            if byte == UInt8(ascii: "_") || isUpper && previousWasLower {
                guard endWord() else { return false }
            }
            if byte != UInt8(ascii: "_") { word.append(isUpper ? byte + 0x20 : byte) }
            previousWasLower = byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39
        }
        return endWord() && sawRedis
    }

    static let redisWords: Set<[UInt8]> = [Array("redis".utf8), Array("valkey".utf8)]

    /// The words a client getter's name may have beside "redis" (`isClientGetterName`).
    static let clientGetterWords: Set<[UInt8]> = Set(["get", "make", "create", "new", "build", "open", "connect", "client", "connection",
        "conn", "instance", "cached", "shared", "default", "global", "async", "sync", "current", "main", "primary"]
        .map { Array($0.utf8) })

    /// Words of class names about Redis that are not clients (`RedisMultiQueue`, `RateLimiterRedis`, `RedisStore`).
    static let notClientClassWords: Set<Substring> = ["Queue", "Job", "Worker", "Backend", "Cache", "Store", "Lock", "Limiter",
        "Adapter", "Repository", "Serializer", "Error", "Failure", "Config", "Options", "Settings"]

    /// A class (`Resque::Failure::RedisMultiQueue`, `RateLimiterRedis`) whose name has one of those words.
    static func isAboutRedisButNotAClient(_ type: String) -> Bool {
        if type.utf8.allSatisfy({ $0 < 0x80 }) { return isAboutRedisButNotAClient(asciiBytes: Array(type.utf8)) }
        let name = type.split(whereSeparator: { $0 == ":" || $0 == "." }).last ?? Substring(type)
        var start = name.startIndex
        for index in name.indices.dropFirst() + [name.endIndex] where index == name.endIndex || name[index].isUppercase {
            if notClientClassWords.contains(name[start..<index]) { return true }
            start = index
        }
        return false
    }

    /// The same for ASCII text, on bytes: `Character.isUppercase` and hashing a `Substring` per
    /// segment were a percent of a scan. (For ASCII, upper case is `A`–`Z` and `:`/`.` split alike.)
    private static func isAboutRedisButNotAClient(asciiBytes type: [UInt8]) -> Bool {
        var nameStart = 0
        for (index, byte) in type.enumerated() where byte == 0x3A || byte == 0x2E { nameStart = index + 1 }
        // `split` drops empty pieces: a type ending in `:`/`.` names the last non-empty one.
        var nameEnd = type.count
        if nameStart == type.count {
            while nameEnd > 0, type[nameEnd - 1] == 0x3A || type[nameEnd - 1] == 0x2E { nameEnd -= 1 }
            nameStart = nameEnd
            while nameStart > 0, type[nameStart - 1] != 0x3A, type[nameStart - 1] != 0x2E { nameStart -= 1 }
            if nameStart == nameEnd { nameStart = 0; nameEnd = type.count }  // nothing but separators: the whole text
        }
        guard nameStart < nameEnd else { return false }
        var start = nameStart
        for index in nameStart + 1...nameEnd where index == nameEnd || (type[index] >= 0x41 && type[index] <= 0x5A) {
            let segment = type[start..<index]
            if notClientClassWordBytes.contains(where: { $0.count == segment.count && $0.elementsEqual(segment) }) { return true }
            start = index
        }
        return false
    }
    private static let notClientClassWordBytes = notClientClassWords.map { Array($0.utf8) }

    /// Attributes only `unittest.mock` doubles have.
    static let mockAttributeWords = ["return_value", "side_effect", "assert_called"].map { Array($0.utf8) }
    /// The length of the shortest of them (`side_effect`): a shorter text holds none. (A constant, not worked
    /// out from the list: asked for every op, a computed global is a one-time-initialisation call each time.)
    static let shortestMockAttributeWord = 11

    /// A function or method that makes a test double (`createMockClient()`, `MagicMock()`, `sinon.stub()`,
    /// RSpec's `double`/`instance_double`).
    static func isTestDouble(_ method: String) -> Bool {
        RedisEvidence.containsAny(method, testDoubleWords, ignoringCase: true) || method == "double" || method == "instance_double"
    }
    static let testDoubleWords = ["mock", "stub"].map { Array($0.utf8) }

    static let clientTypeWords = ["Redis", "Valkey"].map { Array($0.utf8) }
    /// Words in a type name that make it something about Redis other than a client (`RedisKey`, `RedisConfig`,
    /// valkey-swift's `ValkeyNodeSelection`, whose `select(nodeIDs:)` is not SELECT, and its client state machines).
    static let notClientTypeWords = ["Key", "Config", "Option", "Error", "Reply", "Value", "Data", "Command", "Response", "URL",
        "Url", "Settings", "Store", "Lock", "Listener", "Adapter", "Mock", "Fake", "Selection", "StateMachine"].map { Array($0.utf8) }

    /// A pipeline type of a Redis library (`Pipeline`, `redis.client.Pipeline`, `"Pipeline"`,
    /// `Optional[Pipeline]`, ioredis' `ChainableCommander`), not a collection of them.
    static func isPipelineType(_ type: String) -> Bool {
        let words = identifierWords(type)
        if type.hasPrefix("[") || words.contains(where: { containerTypes.contains(String($0)) }) { return false }
        return words.contains { $0 == "Pipeline" || $0 == "ChainableCommander" || $0 == "AsyncPipeline" || $0 == "ClusterPipeline" }
    }

    static let containerTypes: Set<String> = ["Array", "ArraySlice", "ContiguousArray", "Set", "Dictionary", "List", "list",
        "Sequence", "Collection", "EventLoopPromise", "EventLoopFuture", "Task", "Map", "Dict", "dict", "Tuple", "tuple",
        "Iterable", "Iterator", "Deque", "CircularBuffer"]

    /// Types that say nothing (`any`, `Any`, `object`, `unknown`): treated like no annotation.
    static func isUninformativeType(_ type: String) -> Bool {
        ["any", "Any", "object", "unknown", "AnyObject", "typing.Any"].contains(type)
    }

    /// A name declared with an uninformative type (`pubClient: any`): what its name says, and a name
    /// ending in `Client`/`_client` is medium — declared on purpose to hold any client library's client.
    static func declaredAnyConfidence(_ name: String) -> Confidence? {
        let byName = nameConfidence(name)
        guard name.hasSuffix("Client") || name.hasSuffix("_client") else { return byName }
        let lower = name.lowercased()
        if RedisEvidence.containsAny(lower, otherClientWords) { return byName }
        return max(byName ?? .medium, .medium)
    }

    /// Clients of other services, whose `get`/`set`/`publish` are not Redis commands.
    static let otherClientWords = ["http", "api", "rest", "graphql", "grpc", "apollo", "axios", "mongo", "sql", "pg",
                                   "db", "s3", "aws", "sqs", "sns", "kafka", "amqp", "rabbit", "mqtt", "nats", "sentry",
                                   "elastic", "search", "web", "oauth", "auth", "mail", "smtp", "slack", "stripe", "ws", "socket"]
        .map { Array($0.utf8) }
    static let otherServiceWords = ["memcache", "dalli", "elasticsearch", "mongo", "grpc"].map { Array($0.utf8) }

    static let settingsSuffixes = ["kwargs", "args", "options", "opts", "config", "conf", "settings", "params", "url", "uri",
                                   "info", "host", "port", "env", "dsn"]

    /// How much a receiver's name alone says.
    static func nameConfidence(_ text: String) -> Confidence? {
        // Printable ASCII (nearly every name) is one character a byte: its last part, lower-cased, and that
        // part's suffixes and words are the same read as bytes. Through `Substring` and `String.hasSuffix`,
        // the name was walked back a grapheme at a time and fifteen suffixes compared as strings (~8,800
        // instructions a name on the 12 repositories; the answers are remembered per process, but each
        // project brings its own names).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nameConfidence(printableASCII: Array(text.utf8)) }
        var last = Substring(text)
        if let dot = last.lastIndex(of: ".") { last = last[last.index(after: dot)...] }
        last = last.drop(while: { $0 == "@" || $0 == "$" || $0 == "_" })
        let lower = last.lowercased()
        // `redis_kwargs.get("retry")`, `redis_config.get(…)`, `redisUrl`: settings about Redis, not a client.
        if settingsSuffixes.contains(where: { lower.hasSuffix($0) }) { return nil }
        if RedisEvidence.names(lower) { return .medium }
        if weakNames.contains(lower) { return .low }
        // Role-named clients (`eclient`, `bclient`, `subClient`, `pub_client`), unless another
        // service's (`httpClient`, `s3Client`).
        if lower.hasSuffix("client"), lower.count <= 24, !RedisEvidence.containsAny(lower, otherClientWords),
           !RedisEvidence.containsAny(lower, otherServiceWords) { return .low }
        return nil
    }

    /// `nameConfidence` of a name of printable ASCII bytes (0x20–0x7E: no two of them make one character, so
    /// `lastIndex(of:)`, `lowercased()`, `hasSuffix` and `count` of the text agree with these byte steps).
    private static func nameConfidence(printableASCII text: [UInt8]) -> Confidence? {
        var start = (text.lastIndex(of: 0x2E) ?? -1) + 1
        while start < text.count, text[start] == 0x40 || text[start] == 0x24 || text[start] == 0x5F { start += 1 }  // @ $ _
        var lower = [UInt8](text[start...])
        for index in lower.indices where lower[index] >= 0x41 && lower[index] <= 0x5A { lower[index] |= 0x20 }
        if settingsSuffixBytes.contains(where: { hasSuffix(lower, $0) }) { return nil }
        return lower.withUnsafeBufferPointer { lower -> Confidence? in
            if RedisEvidence.names(lower) { return .medium }
            if weakNameBytes.contains(where: { $0.elementsEqual(lower) }) { return .low }
            if hasSuffix(lower, clientBytes), lower.count <= 24,
               !otherClientWords.contains(where: { RedisEvidence.contains(lower, $0, ignoringCase: false) }),
               !otherServiceWords.contains(where: { RedisEvidence.contains(lower, $0, ignoringCase: false) }) { return .low }
            return nil
        }
    }

    private static func hasSuffix(_ text: some Collection<UInt8>, _ suffix: [UInt8]) -> Bool {
        text.count >= suffix.count && text.suffix(suffix.count).elementsEqual(suffix)
    }

    private static let settingsSuffixBytes = settingsSuffixes.map { Array($0.utf8) }
    private static let clientBytes = Array("client".utf8)

    /// Names people give clients, pipelines and transactions that say little on their own.
    static let weakNames: Set<String> = ["r", "rds", "conn", "client", "connection", "rc", "red", "cli", "redis_conn",
                                         "pipe", "pipeline", "multi", "tx", "transaction", "trans", "batch"]
    private static let weakNameBytes = weakNames.map { Array($0.utf8) }
}
