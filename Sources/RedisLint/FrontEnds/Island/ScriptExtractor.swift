import LuaParse

/// Finds Lua scripts in host code: literals (or constants holding literals) passed to `EVAL`,
/// `SCRIPT LOAD`, redis-py `register_script`, ioredis `defineCommand`, node-redis `defineScript`,
/// and records where each is run. Each literal becomes one `EmbeddedScript` whose byte offsets map
/// back into the host file, whatever escapes and indentation the literal used.
struct ScriptExtractor {
    let view: TokenView
    let values: ValueReader
    let assignments: AssignmentTable

    /// Scripts found so far, by the first token of their literal.
    private(set) var scripts: [Int: EmbeddedScript] = [:]
    /// Scripts read from `.lua` files by literal path, by the first token of the reading expression.
    private(set) var fileReferences: [Int: ScriptFileReference] = [:]
    /// Scripts callable by name once defined: `release = r.register_script(…)` then `release(keys=…)`,
    /// `defineCommand("release", …)` then `redis.release(k, t)`, node-redis `scripts: { release: defineScript(…) }`.
    /// `isClientMethod`: called as a method of a client (`defineCommand`, `defineScript`), never bare.
    private(set) var named: [String: (script: Int, numberOfKeys: Int?, isClientMethod: Bool)] = [:]
    /// Scripts parsed so far, by their text: generated and copied code repeats one script in many
    /// places, what the parser finds depends on the script's bytes alone, and the copies share one
    /// analysis in memory until the rules run. (Keyed by `ScriptText`, which hashes a few of the bytes.)
    private var parsedByText: [ScriptText: LuaScript] = [:]

    /// redis-py `Script` objects: called as `script(keys=[…], args=[…])` or `script([…], […])`.
    let scriptObjectsTakeLists: Bool

    init(view: TokenView, values: ValueReader, assignments: AssignmentTable, scriptObjectsTakeLists: Bool = false) {
        self.view = view
        self.values = values
        self.assignments = assignments
        self.scriptObjectsTakeLists = scriptObjectsTakeLists
    }

    /// Assignments to a constant by its name, or by its class-level name (`self.SCRIPT` → `SCRIPT`).
    private func constantAssignments(_ name: String) -> AssignmentList {
        if let found = assignments[name] { return found }
        for prefix in ["self.", "cls.", "this.", "Self.", "@"] where name.hasPrefix(prefix) {
            if let found = assignments[String(name.dropFirst(prefix.count))] { return found }
        }
        return .empty
    }

    /// Methods that define a script without running it.
    static let definitions: Set<String> = ["register_script", "defineCommand", "defineScript", "createScript"]

    /// `definitions.contains(method)` by comparing with each (short strings compare without hashing):
    /// asked for every call of every file.
    static func isDefinition(_ method: String) -> Bool {
        switch method {
        case "register_script", "defineCommand", "defineScript", "createScript": return true
        default: return false
        }
    }

    /// Takes in what another extractor found in calls that all come after this one's: each script's call
    /// sites after this one's, and a name defined again there names the later definition.
    mutating func append(_ other: ScriptExtractor) {
        for (start, script) in other.scripts {
            if scripts[start] == nil { scripts[start] = script } else { scripts[start]!.callSites += script.callSites }
        }
        for (start, reference) in other.fileReferences {
            if fileReferences[start] == nil { fileReferences[start] = reference } else { fileReferences[start]!.callSites += reference.callSites }
        }
        named.merge(other.named) { _, later in later }
    }

    /// `EVAL script numkeys key… arg…` and `SCRIPT LOAD script`: the script is the first argument.
    /// `literal`: the script argument's literal as `resolveLiteral` would find it, when the caller decoded it already.
    mutating func record(command: String, subcommand: String?, scriptArgument: Range<Int>, literal known: (Int, DecodedString)? = nil,
                         numberOfKeys: Int?, argumentCount: Int?, keys: [KeyExpr], callSpan: Range<Int>) {
        guard command == "EVAL" || command == "EVAL_RO" || (command == "SCRIPT" && subcommand == "LOAD") else { return }
        let site = command == "SCRIPT" ? nil : ScriptCallSite(numberOfKeys: numberOfKeys, keys: keys, argumentCount: argumentCount, span: callSpan)
        if let (start, literal) = known ?? resolveLiteral(scriptArgument) {
            add(literal, at: start, callSite: site)
        } else if let (start, reference) = resolveFileRead(scriptArgument) {
            addReference(reference, at: start, callSite: site)
        }
    }

    /// `r.register_script(src)`, `redis.defineCommand("name", { numberOfKeys: 1, lua: src })`,
    /// `defineScript({ NUMBER_OF_KEYS: 1, SCRIPT: src })`.
    /// `arguments`: the call's (`FileCalls.arguments(of:)`).
    /// `method`: the call's method name.
    mutating func recordDefinition(_ call: CallSite, method: String, arguments: CallArguments, assignedTo: String?) {
        switch method {
        case "register_script", "createScript":
            guard let first = arguments.first(where: { !$0.hasLabel }) else { return }
            let start: Int
            if let (literalStart, literal) = resolveLiteral(first.tokens) {
                start = literalStart
                add(literal, at: start, callSite: nil)
            } else if let (referenceStart, reference) = resolveFileRead(first.tokens) {
                start = referenceStart
                addReference(reference, at: start, callSite: nil)
            } else {
                return
            }
            if let name = assignedTo { named[name.hasPrefix("self.") ? String(name.dropFirst(5)) : name] = (start, nil, false) }
        case "defineCommand", "defineScript":
            for argument in arguments {
                guard let properties = view.objectLiteralProperties(at: values.trimmed(argument.tokens).lowerBound) else { continue }
                var script: (Int, DecodedString)? = nil
                var file: (Int, ScriptFileReference)? = nil
                var numberOfKeys: Int? = nil
                for (name, value) in properties {
                    if name == "lua" || name == "SCRIPT" {
                        script = resolveLiteral(value)
                        if script == nil, let (start, reference) = resolveFileRead(value) { file = (start, reference) }
                    }
                    if name == "numberOfKeys" || name == "NUMBER_OF_KEYS", case .number(let text) = values.argument(value) {
                        numberOfKeys = Int(text)
                    }
                }
                if script == nil, let (start, reference) = file { addReference(reference, at: start, callSite: nil) }
                if let start = script?.0 ?? file?.0 {
                    if let literal = script?.1 { add(literal, at: start, callSite: nil) }
                    // The name it is called by: `defineCommand("name", …)`, or `name: defineScript(…)`.
                    if method == "defineCommand", let first = arguments.first, case .literal(let bytes) = values.argument(first.tokens) {
                        named[String(decoding: bytes, as: UTF8.self)] = (start, numberOfKeys, true)
                    } else if method == "defineScript", view.isPunct(call.firstToken - 1, ":"), view.kind(call.firstToken - 2) == .identifier || view.kind(call.firstToken - 2) == .string {
                        let key = view[call.firstToken - 2].kind == .string ? String(decoding: values.decode(view[call.firstToken - 2]).value, as: UTF8.self) : view.text(call.firstToken - 2)
                        named[key] = (start, numberOfKeys, true)
                    }
                }
            }
        default:
            break
        }
    }

    /// A call of a named script: `release(keys=[k], args=[t])` or `redis.release(k, t)`.
    /// `arguments`: the call's (`FileCalls.arguments(of:)`).
    /// `method`: the call's method name. `isBare`: the call has no receiver (`acquireLock()`), so it is not a
    /// client's command defined by `defineCommand` (medusa's local `const acquireLock = async () => …` beside one).
    mutating func recordNamedCall(_ call: CallSite, method: String, arguments: CallArguments, isBare: Bool) {
        guard let (script, numberOfKeys, isClientMethod) = named[method], !(isClientMethod && isBare),
              scripts[script] != nil || fileReferences[script] != nil else { return }
        let span = view.span(call.firstToken, call.lastToken)
        // redis-py script objects also take the lists positionally: `script([k], [t])`.
        let unlabelled = arguments.filter { !$0.hasLabel }
        let positionalLists = scriptObjectsTakeLists && !unlabelled.isEmpty && unlabelled.count <= 2
            && unlabelled.allSatisfy { !$0.isSplat && view.isPunct(values.trimmed($0.tokens).lowerBound, "[") }
        let argumentList = arguments.first(where: { $0.isLabelled("args", in: view) }) ?? (positionalLists ? unlabelled.dropFirst().first : nil)
        if let keyList = arguments.first(where: { $0.isLabelled("keys", in: view) }) ?? (positionalLists ? unlabelled.first : nil) {
            let range = values.trimmed(keyList.tokens)
            var keys: [KeyExpr] = []
            if view.isPunct(range.lowerBound, "["), let close = view.close(of: range.lowerBound) {
                keys = ChainParser(view: view, syntax: ChainSyntax.plain)
                    .splitArguments(range.lowerBound + 1..<close).map { values.keyExpr($0.tokens) }
                // `args=[…]` counts when it is a list literal; no `args` at all is zero arguments.
                var argumentCount: Int? = 0
                if let args = argumentList {
                    let list = values.trimmed(args.tokens)
                    if view.isPunct(list.lowerBound, "["), let end = view.close(of: list.lowerBound) {
                        argumentCount = ChainParser(view: view, syntax: ChainSyntax.plain)
                            .splitArguments(list.lowerBound + 1..<end).count
                    } else {
                        argumentCount = nil
                    }
                }
                appendCallSite(to: script, ScriptCallSite(numberOfKeys: keys.count, keys: keys, argumentCount: argumentCount, span: span))
            } else {
                appendCallSite(to: script, ScriptCallSite(numberOfKeys: nil, keys: [], argumentCount: nil, span: span))
            }
            return
        }
        let positional = arguments.filter { !$0.hasLabel && !$0.isSplat }
        // ioredis flattens array arguments and spreads: the counts are then unknown.
        let flattened = arguments.contains { argument in
            argument.isSplat || view.isPunct(values.trimmed(argument.tokens).lowerBound, "[")
        }
        if flattened {
            appendCallSite(to: script, ScriptCallSite(numberOfKeys: nil, keys: [], argumentCount: nil, span: span))
            return
        }
        guard let numberOfKeys else {
            appendCallSite(to: script, ScriptCallSite(numberOfKeys: positional.isEmpty ? 0 : nil, keys: [], argumentCount: nil, span: span))
            return
        }
        let keys = positional.prefix(numberOfKeys).map { values.keyExpr($0.tokens) }
        appendCallSite(to: script, ScriptCallSite(numberOfKeys: numberOfKeys, keys: keys,
                                                         argumentCount: max(0, positional.count - numberOfKeys), span: span))
    }

    /// A call site of the script (embedded or read from a file) that starts at `start`.
    private mutating func appendCallSite(to start: Int, _ site: ScriptCallSite) {
        if scripts[start] != nil { scripts[start]!.callSites.append(site) } else { fileReferences[start]?.callSites.append(site) }
    }

    private mutating func addReference(_ reference: ScriptFileReference, at start: Int, callSite: ScriptCallSite?) {
        if fileReferences[start] == nil { fileReferences[start] = reference }
        if let callSite { fileReferences[start]!.callSites.append(callSite) }
    }

    /// Words that read a file: Ruby `File.read`/`IO.read`/`Pathname#read`, Python `open(…).read()`,
    /// `Path.read_text`, `pkgutil.get_data`, Node `fs.readFileSync`/`readFile`, Swift `String(contentsOfFile:)`.
    static let fileReadWords: Set<String> = ["read", "read_text", "read_bytes", "binread", "readFileSync", "readFile", "get_data",
                                             "contentsOfFile", "contentsOf", "readlines"]

    /// An expression (or a constant holding one) that reads a `.lua` file named by literal parts:
    /// the parts before and including the first one ending in `.lua`, joined by `/`.
    func resolveFileRead(_ raw: Range<Int>, depth: Int = 0) -> (Int, ScriptFileReference)? {
        let range = values.trimmed(raw)
        guard !range.isEmpty, depth < 4 else { return nil }
        if range.count <= 3, view.kind(range.lowerBound) == .identifier {
            let name = view.compactText(range)
            for assignment in constantAssignments(name).reversed() {
                if let found = resolveFileRead(assignment.value, depth: depth + 1) { return found }
            }
            return nil
        }
        guard range.count <= 80 else { return nil }
        var reads = false
        var parts: [String] = []
        var found = false
        for index in range {
            let token = view[index]
            // A read (`File.read`, `readFileSync`) or any helper call (`get_package_data(f"{DIR}/x.lua")`).
            if token.kind == .identifier, ScriptExtractor.fileReadWords.contains(view.text(index)) || view.isPunct(index + 1, "(") { reads = true }
            guard !found, [.string, .stringHead, .stringMiddle, .stringTail].contains(token.kind) else { continue }
            let text = String(decoding: values.decode(token).value, as: UTF8.self)
            guard !text.isEmpty, text.utf8.count < 300 else { continue }
            parts.append(text)
            if text.hasSuffix(".lua") { found = true }
        }
        guard reads, found else { return nil }
        let path = parts.joined(separator: "/")
        return (range.lowerBound, ScriptFileReference(path: path, span: view.span(range.lowerBound, range.upperBound - 1)))
    }

    private mutating func add(_ literal: DecodedString, at start: Int, callSite: ScriptCallSite?) {
        if scripts[start] == nil {
            let first = Int(literal.sourceOffsets.first ?? Int32(view[start].start))
            let last = Int(literal.sourceOffsets.last ?? Int32(view[start].end - 1)) + 1
            // (Stored only when new: storing it again hashed the whole script text a second time.)
            let script: LuaScript
            let text = ScriptText(bytes: literal.value)
            if let parsed = parsedByText[text] {
                script = parsed
            } else {
                script = LuaScript(source: literal.value).withoutSyntaxTree()
                parsedByText[text] = script
            }
            scripts[start] = EmbeddedScript(script: script, sourceOffsets: literal.sourceOffsets, span: first..<max(first, last))
        }
        if let callSite { scripts[start]!.callSites.append(callSite) }
    }

    /// The literal text of an expression: string literals joined by `+` or adjacency, or a name
    /// assigned such a literal in this file. Nil when any part is computed at run time.
    func resolveLiteral(_ raw: Range<Int>, depth: Int = 0) -> (Int, DecodedString)? {
        let range = values.trimmed(raw)
        guard !range.isEmpty, depth < 4 else { return nil }
        if range.count <= 3, view.kind(range.lowerBound) == .identifier {
            // A constant: `SCRIPT`, `self.SCRIPT`, `LUA_RELEASE`.
            let name = view.compactText(range)
            for assignment in constantAssignments(name).reversed() {
                if let found = resolveLiteral(assignment.value, depth: depth + 1) { return found }
            }
            return nil
        }
        var value: [UInt8] = []
        var offsets: [Int32] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let token = view[index]
            switch token.kind {
            case .string:
                let decoded = values.decode(token)
                value += decoded.value
                offsets += decoded.sourceOffsets
            case .newline:
                break
            case .punct where view.is(index, "+") || view.is(index, "\\") || view.is(index, "(") || view.is(index, ")"):
                break
            case .identifier where view.is(index, "String") && view.isPunct(index + 1, ".") && view.isWord(index + 2, "raw"):
                // `String.raw` template tags.
                index += 3
                continue
            default:
                return nil
            }
            index += 1
        }
        guard !value.isEmpty else { return nil }
        return (range.lowerBound, DecodedString(value: value, sourceOffsets: offsets))
    }
}
