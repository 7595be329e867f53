import Testing
@testable import RedisLint
import RedisTestSupport

/// `Tracer.callbackLoopingFunctions` screens calls by the parameter names of the functions that hold a loop
/// (it hashed every function's parameters): checked against the screen by all functions' parameters, on
/// generated Python, JavaScript and Ruby whose functions take callbacks and call them inside and outside
/// loops, iteration blocks and nested functions. Also `NameCache` against a dictionary.
@Suite struct TracerCallbackLoopingTests {
    static let callees = ["cb", "f", "handler", "g", "blk"]

    static func generatedPython(seed: UInt64) -> String {
        var random = SeededRandom(seed: seed)
        var lines = ["import redis", "r = redis.Redis()"]
        func body(_ indent: String, _ depth: Int) {
            for _ in 0..<(1 + random.below(3)) {
                let inner = indent + "    "
                switch random.below(depth < 3 ? 6 : 2) {
                case 0: lines.append("\(indent)\(random.pick(callees))(k)")
                case 1: lines.append("\(indent)r.get(k)")
                case 2:
                    lines.append("\(indent)for k in ks:")
                    body(inner, depth + 1)
                case 3:
                    lines.append("\(indent)def h\(random.below(100))(\(random.pick(callees)), \(random.pick(callees))):")
                    body(inner, depth + 1)
                case 4:
                    lines.append("\(indent)while x:")
                    body(inner, depth + 1)
                default:
                    lines.append("\(indent)if x:")
                    body(inner, depth + 1)
                }
            }
        }
        for index in 0..<30 {
            if random.chance(30) {
                lines.append("class C\(index):")
                lines.append("    def m\(index)(self, \(random.pick(callees))):")
                body("        ", 1)
            } else {
                lines.append("def run\(index)(\(random.pick(callees)), \(random.pick(callees))):")
                body("    ", 1)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func generatedJavaScript(seed: UInt64) -> String {
        var random = SeededRandom(seed: seed)
        var lines = ["const redis = new Redis()"]
        func body(_ indent: String, _ depth: Int) {
            for _ in 0..<(1 + random.below(3)) {
                let inner = indent + "  "
                switch random.below(depth < 3 ? 6 : 2) {
                case 0: lines.append("\(indent)\(random.pick(callees))(k)")
                case 1: lines.append("\(indent)redis.get(k)")
                case 2:
                    lines.append("\(indent)for (const k of ks) {")
                    body(inner, depth + 1)
                    lines.append("\(indent)}")
                case 3:
                    lines.append("\(indent)ks.forEach((k) => {")
                    body(inner, depth + 1)
                    lines.append("\(indent)})")
                case 4:
                    lines.append("\(indent)function h\(random.below(100))(\(random.pick(callees)), \(random.pick(callees))) {")
                    body(inner, depth + 1)
                    lines.append("\(indent)}")
                default:
                    lines.append("\(indent)ks.then((k) => {")
                    body(inner, depth + 1)
                    lines.append("\(indent)})")
                }
            }
        }
        for index in 0..<30 {
            lines.append("function run\(index)(\(random.pick(callees)), \(random.pick(callees))) {")
            body("  ", 1)
            lines.append("}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func generatedRuby(seed: UInt64) -> String {
        var random = SeededRandom(seed: seed)
        var lines = ["redis = Redis.new"]
        func body(_ indent: String, _ depth: Int) {
            for _ in 0..<(1 + random.below(3)) {
                let inner = indent + "  "
                switch random.below(depth < 3 ? 6 : 3) {
                case 0: lines.append("\(indent)\(random.pick(callees)).call(k)")
                case 1: lines.append("\(indent)yield k")
                case 2: lines.append("\(indent)\(random.pick(callees))(k)")
                case 3:
                    lines.append("\(indent)ks.each do |k|")
                    body(inner, depth + 1)
                    lines.append("\(indent)end")
                case 4:
                    lines.append("\(indent)while x")
                    body(inner, depth + 1)
                    lines.append("\(indent)end")
                default:
                    lines.append("\(indent)if x")
                    body(inner, depth + 1)
                    lines.append("\(indent)end")
                }
            }
        }
        for index in 0..<30 {
            lines.append("def run\(index)(\(random.chance(50) ? "&" : "")\(random.pick(callees)))")
            body("  ", 1)
            lines.append("end")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func loopingFunctionsAgreeWithTheScreenByEveryParameter() {
        var found = 0
        for seed in UInt64(1)...6 {
            let cases = [("python \(seed)", TracerPartsTests.tracer(Self.generatedPython(seed: seed), language: .python)),
                         ("javascript \(seed)", TracerPartsTests.tracer(Self.generatedJavaScript(seed: seed), language: .javascript)),
                         ("ruby \(seed)", TracerPartsTests.tracer(Self.generatedRuby(seed: seed), language: .ruby))]
            for (name, tracer) in cases {
                let expected = Self.referenceCallbackLoopingFunctions(tracer)
                #expect(tracer.callbackLoopingFunctions == expected, "\(name)")
                found += expected.count
            }
        }
        #expect(found > 20)
    }

    /// `Tracer.callbackLoopingFunctions` as it was, screening by every function's parameters.
    static func referenceCallbackLoopingFunctions(_ tracer: Tracer) -> Set<String> {
        let scopes = tracer.structure.scopes, calls = tracer.calls, language = tracer.language, view = tracer.view
        func loopingFunction(around token: Int) -> Int? {
            var scope = token < tracer.scopeOfToken.count ? Int(tracer.scopeOfToken[token]) : -1
            var repeats = false
            var steps = 0
            while scope >= 0 && steps < 10_000 {
                steps += 1
                switch scopes[scope].kind {
                case .function: return repeats ? scope : nil
                case .classBody: return nil
                case .loop: repeats = true
                case .closure:
                    if tracer.iterationClosures.contains(scope)
                        || tracer.owners[scope].map({ Tracer.iterationMethods.contains(tracer.methodText(of: calls[$0])) }) == true { repeats = true }
                case .conditional: break
                }
                scope = tracer.parents[scope]
            }
            return nil
        }
        var parameterNames = Set<String>()
        for index in scopes.indices where scopes[index].kind == .function {
            for parameter in tracer.structure.parameters(ofScope: index) { parameterNames.insert(parameter.name.hasPrefix("&") ? String(parameter.name.dropFirst()) : parameter.name) }
        }
        var names = Set<String>()
        for call in calls where call.receiverCall == nil && call.hasArgumentList {
            let method = tracer.methodText(of: call), receiver = tracer.receiverText(of: call)
            let callee = receiver.isEmpty ? method : language == .ruby && method == "call" ? receiver : ""
            guard !callee.isEmpty, parameterNames.contains(callee), let function = loopingFunction(around: call.firstToken),
                  tracer.structure.parameters(ofScope: function).contains(where: { $0.name == callee || $0.name == "&" + callee }) else { continue }
            names.insert(scopes[function].name)
        }
        if language == .ruby {
            for token in 0..<view.count where view.isWord(token, "yield") {
                if let function = loopingFunction(around: token) { names.insert(scopes[function].name) }
            }
        }
        return names
    }

    /// `NameCache` gives what a dictionary gives for names of ASCII, combining marks and other scalars,
    /// under several tags, through growth; names it could not place are only worked out again.
    @Test func nameCacheAgreesWithADictionary() {
        let pieces = ["get", "set", "_", "x", "\u{301}", "é", "e", "Redis", "1", ""]
        var random = SeededRandom(seed: 0x9A3E)
        var cache = NameCache<Int>()
        var reference: [String: Int] = [:]
        var hits = 0
        // (A value that names equal as `String`s share, as the caches' values do.)
        func value(_ name: String, _ tag: UInt8) -> Int { name.hashValue &+ Int(tag) }
        for _ in 0..<20_000 {
            let name = (0..<random.below(5)).map { _ in random.pick(pieces) }.joined()
            let tag = UInt8(random.below(3))
            let hash = NameCache<Int>.hash(name, tag: tag)
            let key = "\(tag) \(name)"
            if let known = cache.value(of: name, tag: tag, hash: hash) {
                #expect(known == reference[key], "\(name.unicodeScalars.map { String($0.value, radix: 16) }) \(tag)")
                hits += 1
            } else {
                cache.remember(value(name, tag), for: name, tag: tag, hash: hash)
                if reference[key] == nil { reference[key] = value(name, tag) }
            }
        }
        #expect(hits > 15_000)
        #expect(reference.count > 300)
    }
}
