import LuaParse

/// Phase 1 for one file: lex, find functions and Redis calls, and build the file's model.
public enum FrontEnd {
    /// `teaching`: the project's own client names and wrappers (configuration `[clients]`).
    /// `prefilter`: a host-language file with no Redis evidence (`RedisEvidence`) is not analysed.
    /// `parallelFrom`: the size from which a file is lexed, parsed and traced on two threads (`Int.max`: one
    /// thread, as `--jobs 1` asks).
    public static func analyze(_ source: SourceFile, teaching: ClientTeaching = ClientTeaching(), prefilter: Bool = true,
                               parallelFrom: Int = parallelParseMinimumBytes) -> FileModel {
        if prefilter, source.language != .lua, !RedisEvidence.isPresent(in: source.bytes, teaching: teaching) {
            return FileModel.unrelated(path: source.path, language: source.language, byteCount: source.bytes.count)
        }
        return analyzeRelated(source, teaching: teaching, parallelFrom: parallelFrom)
    }

    /// The same for bytes just read: the evidence check comes before the line map is built, as most
    /// files of a tree stop there.
    public static func analyze(path: String, language: Language, bytes: [UInt8], teaching: ClientTeaching = ClientTeaching(),
                               prefilter: Bool = true, parallelFrom: Int = parallelParseMinimumBytes) -> FileModel {
        if prefilter, language != .lua, !RedisEvidence.isPresent(in: bytes, teaching: teaching) {
            return FileModel.unrelated(path: path, language: language, byteCount: bytes.count)
        }
        return analyzeRelated(SourceFile(path: path, language: language, bytes: bytes), teaching: teaching, parallelFrom: parallelFrom)
    }

    private static func analyzeRelated(_ source: SourceFile, teaching: ClientTeaching, parallelFrom: Int) -> FileModel {
        // Lexers see a byte-order mark as three spaces (offsets stay the same).
        if LineMap.hasByteOrderMark(source.bytes) {
            var bytes = source.bytes
            bytes.replaceSubrange(0..<3, with: [0x20, 0x20, 0x20])
            var model = analyzeRelated(SourceFile(path: source.path, language: source.language, bytes: bytes), teaching: teaching, parallelFrom: parallelFrom)
            model.source = source
            return model
        }
        var model = analyzeLanguage(source, teaching: teaching, parallelFrom: parallelFrom)
        // What other files' rules read from this one, taken now: the bytes may be released after phase 1.
        model.clusterClientTexts = model.clusterClients.map { source.text($0) }
        if source.language == .lua || !model.scripts.isEmpty { model.luaIncludeNames = LuaIncludes.referencedNames(in: source.bytes) }
        return model
    }

    /// One chain syntax per host language, built once (each holds byte tables of its word sets); tests
    /// parse with the same ones.
    static let pythonSyntax = ChainSyntax(separators: ["."], parenlessCalls: false, labels: .equals, newKeyword: false)
    static let rubySyntax = ChainSyntax(
        separators: [".", "&.", "::"], parenlessCalls: true, labels: .colon, newKeyword: false,
        argumentStoppers: ["do", "if", "unless", "while", "until", "rescue", "and", "or", "then", "end"],
        keywords: ["if", "unless", "while", "until", "def", "end", "do", "return", "class", "module", "and", "or", "not",
                   "then", "else", "elsif", "case", "when", "begin", "rescue", "ensure", "yield", "super", "in", "for"])
    static let javaScriptSyntax = ChainSyntax(
        separators: [".", "?."], parenlessCalls: false, labels: .none, newKeyword: true,
        keywords: ["if", "for", "while", "switch", "return", "typeof", "new", "function", "catch", "await", "async",
                   "yield", "delete", "void", "throw", "case", "in", "of", "instanceof", "import", "export", "class", "const", "let", "var"],
        braceAfterParametersIsDefinition: true)
    static let swiftSyntax = ChainSyntax(
        separators: ["."], parenlessCalls: false, labels: .colon, newKeyword: false,
        keywords: ["if", "guard", "for", "while", "switch", "return", "func", "let", "var", "try", "await", "throw", "case", "in", "import"])

    private static func analyzeLanguage(_ source: SourceFile, teaching: ClientTeaching, parallelFrom: Int) -> FileModel {
        switch source.language {
        case .python:
            return host(source, lexer: PythonLexer.self, teaching: teaching, syntax: pythonSyntax, parallelFrom: parallelFrom) {
                PythonStructure(view: $0, indentBlocks: $1).parse()
            }
        case .ruby:
            return host(source, lexer: RubyLexer.self, teaching: teaching, syntax: rubySyntax, parallelFrom: parallelFrom) { view, _ in
                RubyStructure(view: view).parse()
            }
        case .javascript:
            // `.ts`, `.mts`, `.cts` never hold JSX: `<T>x` is a type assertion there.
            let jsx = !(source.path.hasSuffix(".ts") || source.path.hasSuffix(".mts") || source.path.hasSuffix(".cts"))
            return host(source, lexer: JavaScriptLexer.self, lex: { JavaScriptLexer.lex($0, jsx: jsx, splitFrom: $1) }, teaching: teaching,
                        syntax: javaScriptSyntax, parallelFrom: parallelFrom) { view, _ in
                JavaScriptStructure(view: view).parse()
            }
        case .swift:
            return host(source, lexer: SwiftLexer.self, teaching: teaching, syntax: swiftSyntax, parallelFrom: parallelFrom) { view, _ in
                SwiftStructure(view: view).parse()
            }
        case .lua:
            let script = LuaScript(source: source.bytes).withoutSyntaxTree()
            return FileModel(source: source, scripts: [EmbeddedScript(wholeFile: script, length: source.bytes.count)],
                             comments: LuaComments.ranges(source.bytes))
        }
    }

    /// The pipeline shared by the host languages: lexer, island parser, call chains, tracer.
    static func host<Lexer: HostLexer>(_ source: SourceFile, lexer: Lexer.Type, lex: (([UInt8], Int) -> LexedFile)? = nil, teaching: ClientTeaching,
                                        syntax: ChainSyntax, parallelFrom: Int,
                                        structure parse: @escaping @Sendable (TokenView, IndentBlocks?) -> FileStructure) -> FileModel {
        let lexed = lex?(source.bytes, parallelFrom) ?? Lexer.lex(source.bytes, splitFrom: parallelFrom)
        let view = TokenView(bytes: source.bytes, tokens: lexed.tokens, partners: lexed.partners)
        // Python's blocks as the lexer recorded them go to the parser beside the view (held in the view, they
        // were retained and released with every copy of it).
        let blocks = lexed.indentBlocks
        let (structure, calls) = structureAndCalls(view, syntax: syntax, parallelFrom: parallelFrom) { parse($0, blocks) }
        let bytes = source.bytes
        let language = source.language
        let decode: @Sendable (Token) -> DecodedString = { Lexer.decode($0, in: bytes) }
        // The traces and the client constructions read the same calls and nothing of each other's: a large
        // file's are worked out on two threads.
        let (traced, constructions) = Tracer.run(view: view, calls: calls, structure: structure, language: language,
                                                 values: ValueReader(view: view, decode: decode), teaching: teaching,
                                                 inParts: view.bytes.count >= parallelFrom) {
            ClientConstructionFacts(calls, view: view, values: ValueReader(view: view, decode: decode), language: language, importsRedisModule: structure.importsRedisModule)
        }
        let notes = lexed.problems.map { problem in
            FileDiagnostic(path: source.path, message: problem.message, position: source.lines.position(of: problem.offset, in: source.bytes))
        }
        var model = FileModel(source: source, traces: traced.traces, scripts: traced.scripts, comments: lexed.comments, notes: notes)
        model.clusterClients = constructions.clusterClients
        model.standaloneClients = constructions.standaloneClients
        model.clientKinds = constructions.clientKinds.union(traced.typedClientKinds)
        model.scriptFileReferences = traced.scriptFiles
        model.databaseSelections = constructions.databaseSelections
        model.keyPrefixes = constructions.keyPrefixes
        model.clientConstructions = constructions.clientConstructions
        model.scriptDefinitions = constructions.scriptDefinitions
        return model
    }

    /// What a file's model takes from its client constructors and script definitions (beside the traces).
    struct ClientConstructionFacts: Sendable {
        var clusterClients: [Range<Int>]
        var standaloneClients: [Range<Int>] = []
        var clientKinds: ClientKinds = []
        var databaseSelections: [DatabaseSelection]
        var keyPrefixes: [KeyPrefix]
        var clientConstructions: [ClientConstruction]
        var scriptDefinitions: [ScriptDefinition]

        init(_ fileCalls: FileCalls, view: TokenView, values: ValueReader, language: Language, importsRedisModule: Bool) {
            let calls = fileCalls.sites
            // Client constructors and script definitions, found once for the finders below (each looked at
            // every call). What the method name says is asked once per method number (`CallSite.methodID`):
            // asked per call, it was a hash of the name each time.
            // (By index, the fields tested in place first: `filter` handed every call over as a copy.)
            var constructorIndexes: [Int] = []
            var definitionIndexes: [Int] = []
            var nameFacts = [NameFact](filled: [], count: fileCalls.names.methods.count)
            var constructorAnswers = ConstructorAnswers(receiverCount: fileCalls.names.receivers.count)
            for index in calls.indices {
                let method = Int(calls[index].methodID)
                if nameFacts[method].isEmpty { nameFacts[method] = NameFact(fileCalls.names.method(calls[index]), language: language) }
                if nameFacts[method].contains(.definesScript) { definitionIndexes.append(index) }
                if calls[index].isConstruction || nameFacts[method].contains(.mayConstruct), constructorAnswers.answer(calls[index], {
                    ClientEvidence.isConstructor(calls[index], names: fileCalls.names, language: language, importsRedisModule: importsRedisModule)
                }) {
                    constructorIndexes.append(index)
                }
            }
            let constructors = constructorIndexes.map { calls[$0] }
            clusterClients = []
            for constructor in constructors {
                let arguments = fileCalls.arguments(of: constructor)
                if ClientEvidence.isClusterConstructor(constructor, names: fileCalls.names, arguments: arguments, view: view,
                                                       language: language, importsRedisModule: importsRedisModule) {
                    clusterClients.append(view.span(constructor.firstToken, constructor.lastToken))
                    clientKinds.insert(.cluster)
                } else if ClientEvidence.isStandaloneConstructor(constructor, names: fileCalls.names, arguments: arguments,
                                                                 language: language, importsRedisModule: importsRedisModule) {
                    standaloneClients.append(view.span(constructor.firstToken, constructor.lastToken))
                    clientKinds.insert(.standalone)
                }
            }
            databaseSelections = ConstructorDatabases.find(constructors, view: view, values: values)
            keyPrefixes = ConstructorKeyPrefixes.find(constructors, in: fileCalls, view: view, values: values, language: language)
            clientConstructions = ClientConstructions(view: view, values: values).find(fileCalls, constructors: constructorIndexes, language: language)
            scriptDefinitions = ScriptDefinitions.find(fileCalls, at: definitionIndexes, view: view, values: values)
        }

        /// What a method name says to the finders (empty: not asked yet).
        private struct NameFact: OptionSet {
            let rawValue: UInt8
            static let asked = NameFact(rawValue: 1)
            /// `ClientEvidence.mayBeConstructor` without the call's own `new`.
            static let mayConstruct = NameFact(rawValue: 2)
            /// `ScriptExtractor.isDefinition`.
            static let definesScript = NameFact(rawValue: 4)

            init(rawValue: UInt8) { self.rawValue = rawValue }

            init(_ method: String, language: Language) {
                var facts: NameFact = .asked
                // (Most names pass neither test, which the screen says at once.)
                if NameFact.mayPassTests(method, language: language) {
                    if ClientEvidence.mayBeConstructor(method: method, isConstruction: false, language: language) { facts.insert(.mayConstruct) }
                    if ScriptExtractor.isDefinition(method) { facts.insert(.definesScript) }
                }
                self = facts
            }

            /// The words the two tests above accept, per language (beside names with a `.`, which the screen passes).
            private static func screen(_ language: Language) -> MethodNameScreen {
                MethodNameScreen((ClientEvidence.constructorMethods[language] ?? []).union(ScriptExtractor.definitions))
            }
            private static let rubyScreen = screen(.ruby)
            private static let pythonScreen = screen(.python)
            private static let javaScriptScreen = screen(.javascript)
            private static let swiftScreen = screen(.swift)
            private static let luaScreen = screen(.lua)

            /// `MethodNameScreen.mayPass` of the language's screen (asked in place: a screen returned from a
            /// switch was a copy, a retain and a release).
            private static func mayPassTests(_ method: String, language: Language) -> Bool {
                switch language {
                case .ruby: rubyScreen.mayPass(method)
                case .python: pythonScreen.mayPass(method)
                case .javascript: javaScriptScreen.mayPass(method)
                case .swift: swiftScreen.mayPass(method)
                case .lua: luaScreen.mayPass(method)
                }
            }
        }
    }

    /// `first()` and `second()`, on two threads when `parallel` (results in that order either way).
    static func sideBySide<First: Sendable, Second: Sendable>(_ parallel: Bool, _ first: @Sendable () -> First,
                                                               _ second: @Sendable () -> Second) -> (First, Second) {
        guard parallel else { return (first(), second()) }
        let parts = parallelMap(count: 2, jobs: 2) { index -> SideBySidePart<First, Second> in
            index == 0 ? .first(first()) : .second(second())
        }
        // parallelMap returns the results in index order.
        guard case .first(let firstResult) = parts[0], case .second(let secondResult) = parts[1] else {
            preconditionFailure("parallelMap returned its results out of order")
        }
        return (firstResult, secondResult)
    }

    /// Files from this size on are parsed, and then traced, on two threads (below, the thread hand-off is
    /// not worth it, and the scan already runs files side by side).
    public static let parallelParseMinimumBytes = 1 << 20

    /// The island parser and the chain parser read the same tokens and nothing of each other's: on a
    /// large file, which alone can hold up a whole run, they run side by side. Same results either way.
    /// `parallelFrom`: the size from which to use two threads (tests lower it).
    static func structureAndCalls(_ view: TokenView, syntax: ChainSyntax, parallelFrom minimumBytes: Int = parallelParseMinimumBytes,
                                  parse: @escaping @Sendable (TokenView) -> FileStructure) -> (FileStructure, FileCalls) {
        // The chain parser first, which the calling thread (usually) takes: for a single large file that is
        // the main thread, whose allocations come from the main heap, grown by brk. A worker thread's malloc
        // arena grows by an mprotect call per step (splitting and merging mappings), a fifth to a quarter of
        // the chain parser's samples on big.py; the island parser allocates little.
        let (calls, structure) = sideBySide(view.bytes.count >= minimumBytes, { ChainParser(view: view, syntax: syntax).allCalls() }, { parse(view) })
        return (structure, calls)
    }
}

/// One of the two results of `FrontEnd.sideBySide`.
private enum SideBySidePart<First: Sendable, Second: Sendable>: Sendable {
    case first(First)
    case second(Second)
}
