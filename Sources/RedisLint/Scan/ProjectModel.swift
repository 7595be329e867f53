/// Facts linked across all files of the project in phase 2, computed once so rules never walk every
/// file for every file.
public struct ProjectModel: Sendable {
    /// Every scanned file's model, by path.
    public let files: [FileModel]
    /// Some file constructs a Redis Cluster client (`cluster = auto` turns the cluster rules on).
    /// Computed once here so rules do not walk every file for every file.
    public let constructsClusterClient: Bool
    /// Distinct client key prefixes set anywhere in the project, per language (clients are often
    /// built in one configuration file and used everywhere).
    public let keyPrefixesByLanguage: [Language: [[UInt8]]]
    /// Commands by name across all files (see `ops(_:)`).
    public let index: ProjectCommandIndex
    /// Base names (no folder, no `.lua`) of the Lua fragments other scripts include (`--- @include
    /// "includes/removeLock"`, ERB `include_partial "shared/_delete.lua"`): a fragment's free names are
    /// defined by the scripts that include it.
    public let includedLuaFragments: Set<String>
    /// Facts rules derive from the whole project, computed once (`derived(_:_:)`).
    @usableFromInline let derivedFacts = DerivedFacts()

    /// `jobs`: threads for the command index (the rest is cheap).
    public init(files: [FileModel], jobs: Int = 1) {
        self.init(files: files, index: ProjectCommandIndex(files: files, jobs: jobs))
    }

    /// `index`: the command index of `files` (gathered by the scan in phase 1).
    init(files: [FileModel], index: ProjectCommandIndex) {
        self.files = files
        // One pass, each model read in place (`for file in files` copied every model: a retain of each of its
        // fields, on the thread that runs alone before the rules).
        var constructsClusterClient = false
        var prefixes: [Language: [[UInt8]]] = [:]
        var fragments = Set<String>()
        for position in files.indices {
            if !files[position].clusterClients.isEmpty { constructsClusterClient = true }
            if !files[position].keyPrefixes.isEmpty {
                let language = files[position].source.language
                for prefix in files[position].keyPrefixes where !(prefixes[language] ?? []).contains(prefix.bytes) {
                    prefixes[language, default: []].append(prefix.bytes)
                }
            }
            if !files[position].luaIncludeNames.isEmpty { fragments.formUnion(files[position].luaIncludeNames) }
        }
        self.constructsClusterClient = constructsClusterClient
        self.keyPrefixesByLanguage = prefixes
        self.index = index
        self.includedLuaFragments = fragments
    }

    /// Is this `.lua` file a fragment that other scripts include (or, by the partials convention,
    /// named `_name.lua`)?
    public func isIncludedLuaFragment(_ file: FileModel) -> Bool {
        guard file.source.language == .lua else { return false }
        let name = LuaIncludes.baseName(file.source.path)
        return name.hasPrefix("_") || includedLuaFragments.contains(name)
    }
}

/// Include directives of templated Lua scripts.
enum LuaIncludes {
    /// Names referenced by `@include "x"` / `include_partial "x"` / `include "x"` directives.
    static func referencedNames(in bytes: [UInt8]) -> [String] {
        // Both directives contain `include`: only its places are looked at (the `i` and `@` a byte at a time
        // were most of the cost on a large file with scripts).
        let word = Array("include".utf8), partial = Array("_partial".utf8)
        var names: [String] = []
        var from = 0
        while let found = firstIndex(of: word, in: bytes, from: from) {
            var cursor = found + word.count
            let isDirective: Bool
            if found > 0 && bytes[found - 1] == UInt8(ascii: "@") {
                isDirective = true  // `@include`
            } else if bytes[cursor...].starts(with: partial) {
                cursor += partial.count  // `include_partial`
                isDirective = true
            } else {
                isDirective = false
            }
            guard isDirective else { from = found + 1; continue }
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x28 { cursor += 1 }  // spaces, `(`
            guard cursor < bytes.count, bytes[cursor] == 0x22 || bytes[cursor] == 0x27 else { from = cursor; continue }
            let quote = bytes[cursor]
            var end = cursor + 1
            while end < bytes.count, bytes[end] != quote, bytes[end] != 0x0A, end - cursor < 300 { end += 1 }
            names.append(baseName(String(decoding: bytes[cursor + 1..<min(end, bytes.count)], as: UTF8.self)))
            from = end
        }
        return names
    }

    /// The first place at or after `from` where `bytes` holds `word` (a few letters), sixteen starts at a
    /// time (`WordSearch`): a byte loop on the first letter stopped at every `i` of the file.
    private static func firstIndex(of word: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            word.withUnsafeBufferPointer { WordSearch.firstIndex(of: $0, in: buffer, from: from) }
        }
    }

    /// `includes/removeLock.lua` → `removeLock`; `shared/_delete.lua` → `_delete`. By bytes for an ASCII path:
    /// splitting it into Characters cost ~24,000 instructions a call (1% of bullmq's scan: rules ask it of every
    /// Lua file, and every include names one).
    static func baseName(_ path: String) -> String {
        let bytes = path.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return baseNameByCharacters(path) }
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == 0x2F { end = bytes.index(before: end) }  // `a/b/`: `b`
        guard end > bytes.startIndex else { return path }  // only slashes (or empty): no component, the path itself
        let start = bytes[..<end].lastIndex(of: 0x2F).map { bytes.index(after: $0) } ?? bytes.startIndex
        if bytes.distance(from: start, to: end) >= 4, bytes[bytes.index(end, offsetBy: -4)..<end].elementsEqual(".lua".utf8) {
            end = bytes.index(end, offsetBy: -4)
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `baseName` by Characters, for a path that is not ASCII (a combining mark after `/` is part of its Character).
    static func baseNameByCharacters(_ path: String) -> String {
        var name = Substring(path.split(separator: "/").last ?? Substring(path))
        if name.hasSuffix(".lua") { name = name.dropLast(4) }
        return String(name)
    }
}
