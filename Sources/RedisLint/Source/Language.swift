/// The languages redislint reads. TypeScript and JavaScript share one front-end.
public enum Language: String, Sendable, CaseIterable, Codable, Comparable {
    case ruby
    case python
    case javascript
    case swift
    case lua

    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Name shown to users (rule tables, `explain`).
    public var displayName: String {
        switch self {
        case .ruby: return "Ruby"
        case .python: return "Python"
        case .javascript: return "TypeScript/JavaScript"
        case .swift: return "Swift"
        case .lua: return "Lua"
        }
    }

    /// Language of a file from its name; nil when the extension is not one we scan.
    /// By bytes when the name is ASCII: every entry of every folder walked is asked. The extension is
    /// lower-cased into one word and looked up among the extensions' words (building a `String` for a
    /// `switch` cost ~1,000 instructions an entry, 0.5 % of a scan of 12 repositories).
    public static func forFileName(_ name: String) -> Language? {
        // On the name's own bytes (a name read from a folder is stored contiguously): through the UTF-8 view's
        // iterator, the ASCII test alone cost ~500 instructions a name.
        let answer = name.utf8.withContiguousStorageIfAvailable(forASCIIName) ?? Array(name.utf8).withUnsafeBufferPointer(forASCIIName)
        // Not ASCII: the Characters decide (a combining mark after the dot, a letter that lower-cases to ASCII).
        return answer.isASCII ? answer.language : forFileNameByCharacters(name)
    }

    /// `forFileName` of a name given as its bytes, all ASCII (the walk's names: no `String` is made for them).
    static func forASCIIFileName(_ bytes: UnsafeBufferPointer<UInt8>) -> Language? {
        forASCIIName(bytes).language
    }

    private static func forASCIIName(_ bytes: UnsafeBufferPointer<UInt8>) -> (isASCII: Bool, language: Language?) {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        guard any < 0x80 else { return (false, nil) }
        var dot = bytes.count - 1
        while dot >= 0 && bytes[dot] != UInt8(ascii: ".") { dot -= 1 }
        guard dot >= 0 else { return (true, nil) }
        var word: UInt64 = 0, shift: UInt64 = 0
        for byte in bytes[(dot + 1)...] {
            // Longer than any extension we scan (`gemspec`); a NUL would pack like nothing at all.
            guard shift < 56, byte != 0 else { return (true, nil) }
            word |= UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) << shift
            shift += 8
        }
        for (known, language) in extensionWords where known == word { return (true, language) }
        return (true, nil)
    }

    /// Each extension we scan as `forFileName` packs it: its bytes in a word, the first lowest.
    static let extensionWords: [(UInt64, Language)] = extensions.map { ext, language in
        (ext.utf8.reversed().reduce(0) { $0 << 8 | UInt64($1) }, language)
    }

    /// The extensions we scan, lower case.
    static let extensions: [(String, Language)] = [
        ("rb", .ruby), ("rake", .ruby), ("gemspec", .ruby), ("ru", .ruby), ("py", .python), ("pyi", .python),
        ("ts", .javascript), ("tsx", .javascript), ("mts", .javascript), ("cts", .javascript), ("js", .javascript),
        ("jsx", .javascript), ("mjs", .javascript), ("cjs", .javascript), ("swift", .swift), ("lua", .lua),
    ]

    /// `forFileName` by Characters, for a name that is not ASCII.
    static func forFileNameByCharacters(_ name: String) -> Language? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        return forExtension(name[name.index(after: dot)...].lowercased())
    }

    private static func forExtension(_ lowered: String) -> Language? {
        extensions.first { $0.0 == lowered }?.1
    }

    /// Language of an extension-less script from its `#!` line (`#!/usr/bin/env ruby`, `#!/usr/bin/python3`).
    public static func forShebang(_ firstLine: ArraySlice<UInt8>) -> Language? {
        guard firstLine.starts(with: [0x23, 0x21]) else { return nil }  // "#!"
        let line = String(decoding: firstLine, as: UTF8.self)
        // The interpreter is the last path component of the first word, or the word after `env`.
        var words = line.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return nil }
        if words[0].hasSuffix("/env") || words[0] == "env" {
            words.removeFirst()
            while let first = words.first, first.hasPrefix("-") { words.removeFirst() }
        }
        guard let interpreter = words.first?.split(separator: "/").last.map(String.init) else { return nil }
        let base = interpreter.prefix { $0.isLetter }
        switch base {
        case "ruby", "jruby", "truffleruby": return .ruby
        case "python", "pypy": return .python
        case "node", "nodejs", "deno", "bun", "tsx", "ts": return .javascript
        case "swift": return .swift
        case "lua", "luajit": return .lua
        default: return nil
        }
    }
}
