import LuaParse

/// Phase 1 for one file: lex, find functions and Redis calls, and build the file's model.
public enum FrontEnd {
    /// `teaching`: the project's own client names and wrappers (configuration `[clients]`).
    /// `prefilter`: a host-language file with no Redis evidence (`RedisEvidence`) is not analysed.
    public static func analyze(_ source: SourceFile, teaching: ClientTeaching = ClientTeaching(), prefilter: Bool = true) -> FileModel {
        if prefilter, source.language != .lua, !RedisEvidence.isPresent(in: source.bytes, teaching: teaching) {
            return FileModel.unrelated(path: source.path, language: source.language, byteCount: source.bytes.count)
        }
        return analyzeRelated(source, teaching: teaching)
    }

    /// The same for bytes just read: the evidence check comes before the line map is built, as most
    /// files of a tree stop there.
    public static func analyze(path: String, language: Language, bytes: [UInt8], teaching: ClientTeaching = ClientTeaching(),
                               prefilter: Bool = true) -> FileModel {
        if prefilter, language != .lua, !RedisEvidence.isPresent(in: bytes, teaching: teaching) {
            return FileModel.unrelated(path: path, language: language, byteCount: bytes.count)
        }
        return analyzeRelated(SourceFile(path: path, language: language, bytes: bytes), teaching: teaching)
    }

    private static func analyzeRelated(_ source: SourceFile, teaching: ClientTeaching) -> FileModel {
        // Lexers see a byte-order mark as three spaces (offsets stay the same).
        if LineMap.hasByteOrderMark(source.bytes) {
            var bytes = source.bytes
            bytes.replaceSubrange(0..<3, with: [0x20, 0x20, 0x20])
            var model = analyzeRelated(SourceFile(path: source.path, language: source.language, bytes: bytes), teaching: teaching)
            model.source = source
            return model
        }
        var model = analyzeLanguage(source, teaching: teaching)
        // What other files' rules read from this one, taken now: the bytes may be released after phase 1.
        model.clusterClientTexts = model.clusterClients.map { source.text($0) }
        if source.language == .lua || !model.scripts.isEmpty { model.luaIncludeNames = LuaIncludes.referencedNames(in: source.bytes) }
        return model
    }

    private static func analyzeLanguage(_ source: SourceFile, teaching: ClientTeaching) -> FileModel {
        switch source.language {
        case .python:
            return host(source, lexer: PythonLexer.self, teaching: teaching, syntax: ChainSyntax(separators: ["."], parenlessCalls: false, labels: .equals, newKeyword: false)) {
                PythonStructure(view: $0).parse()
            }
        case .ruby:
            return host(source, lexer: RubyLexer.self, teaching: teaching, syntax: ChainSyntax(
                separators: [".", "&.", "::"], parenlessCalls: true, labels: .colon, newKeyword: false,
                argumentStoppers: ["do", "if", "unless", "while", "until", "rescue", "and", "or", "then", "end"],
                keywords: ["if", "unless", "while", "until", "def", "end", "do", "return", "class", "module", "and", "or", "not",
                           "then", "else", "elsif", "case", "when", "begin", "rescue", "ensure", "yield", "super", "in", "for"])) {
                RubyStructure(view: $0).parse()
            }
        case .javascript:
            // `.ts`, `.mts`, `.cts` never hold JSX: `<T>x` is a type assertion there.
            let jsx = !(source.path.hasSuffix(".ts") || source.path.hasSuffix(".mts") || source.path.hasSuffix(".cts"))
            return host(source, lexer: JavaScriptLexer.self, lex: { JavaScriptLexer.lex($0, jsx: jsx) }, teaching: teaching, syntax: ChainSyntax(
                separators: [".", "?."], parenlessCalls: false, labels: .none, newKeyword: true,
                keywords: ["if", "for", "while", "switch", "return", "typeof", "new", "function", "catch", "await", "async",
                           "yield", "delete", "void", "throw", "case", "in", "of", "instanceof", "import", "export", "class", "const", "let", "var"],
                braceAfterParametersIsDefinition: true)) {
                JavaScriptStructure(view: $0).parse()
            }
        case .swift:
            return host(source, lexer: SwiftLexer.self, teaching: teaching, syntax: ChainSyntax(
                separators: ["."], parenlessCalls: false, labels: .colon, newKeyword: false,
                keywords: ["if", "guard", "for", "while", "switch", "return", "func", "let", "var", "try", "await", "throw", "case", "in", "import"])) {
                SwiftStructure(view: $0).parse()
            }
        case .lua:
            let script = LuaScript(source: source.bytes).withoutSyntaxTree()
            return FileModel(source: source, scripts: [EmbeddedScript(wholeFile: script, length: source.bytes.count)],
                             comments: LuaComments.ranges(source.bytes))
        }
    }

    /// The pipeline shared by the host languages: lexer, island parser, call chains, tracer.
    static func host<Lexer: HostLexer>(_ source: SourceFile, lexer: Lexer.Type, lex: (([UInt8]) -> LexedFile)? = nil, teaching: ClientTeaching, syntax: ChainSyntax,
                                        structure parse: @escaping @Sendable (TokenView) -> FileStructure) -> FileModel {
        let lexed = lex?(source.bytes) ?? Lexer.lex(source.bytes)
        let view = TokenView(bytes: source.bytes, tokens: lexed.tokens)
        let (structure, calls) = structureAndCalls(view, syntax: syntax, parse: parse)
        let values = ValueReader(view: view) { Lexer.decode($0, in: source.bytes) }
        let (traces, scripts, scriptFiles) = Tracer(view: view, calls: calls, structure: structure, language: source.language, values: values, teaching: teaching).run()
        // Client constructors, found once for the three finders below (each looked at every call).
        let constructors = calls.filter { ClientEvidence.isConstructor($0, language: source.language, imports: structure.imports) }
        let clusterClients = constructors.filter {
            ClientEvidence.isClusterConstructor($0, language: source.language, imports: structure.imports)
        }.map { view.span($0.firstToken, $0.lastToken) }
        let notes = lexed.problems.map { problem in
            FileDiagnostic(path: source.path, message: problem.message, position: source.lines.position(of: problem.offset, in: source.bytes))
        }
        var model = FileModel(source: source, traces: traces, scripts: scripts, comments: lexed.comments, notes: notes)
        model.clusterClients = clusterClients
        model.scriptFileReferences = scriptFiles
        model.databaseSelections = ConstructorDatabases.find(constructors, view: view, values: values)
        model.keyPrefixes = ConstructorKeyPrefixes.find(constructors, view: view, values: values, language: source.language)
        model.clientConstructions = ClientConstructions(view: view, values: values).find(calls, language: source.language, imports: structure.imports)
        model.scriptDefinitions = ScriptDefinitions.find(calls, view: view, values: values)
        return model
    }

    /// Files from this size on are parsed on two threads (below, the thread hand-off is not worth it,
    /// and the scan already runs files side by side).
    static let parallelParseMinimumBytes = 1 << 20

    /// The island parser and the chain parser read the same tokens and nothing of each other's: on a
    /// large file, which alone can hold up a whole run, they run side by side. Same results either way.
    /// `parallelFrom`: the size from which to use two threads (tests lower it).
    static func structureAndCalls(_ view: TokenView, syntax: ChainSyntax, parallelFrom minimumBytes: Int = parallelParseMinimumBytes,
                                  parse: @escaping @Sendable (TokenView) -> FileStructure) -> (FileStructure, [CallSite]) {
        guard view.bytes.count >= minimumBytes else { return (parse(view), ChainParser(view: view, syntax: syntax).allCalls()) }
        enum Part: Sendable {
            case structure(FileStructure)
            case calls([CallSite])
        }
        let parts = parallelMap(count: 2, jobs: 2) { index -> Part in
            index == 0 ? .structure(parse(view)) : .calls(ChainParser(view: view, syntax: syntax).allCalls())
        }
        var structure = FileStructure()
        var calls: [CallSite] = []
        for part in parts {
            switch part {
            case .structure(let found): structure = found
            case .calls(let found): calls = found
            }
        }
        return (structure, calls)
    }
}
