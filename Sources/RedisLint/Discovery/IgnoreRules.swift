/// The ignore patterns that apply inside one folder: its own `.gitignore` and `.ignore`, on top of
/// those of its parents. Deeper files take precedence, and within a file the last match wins;
/// `.ignore` overrides `.gitignore` at the same level (as ripgrep does).
public struct IgnoreRules: Sendable {
    struct Layer: Sendable {
        /// Components of the folder the patterns are relative to, from the walk's root.
        let base: [ArraySlice<UInt8>]
        let patterns: [GlobPattern]
        /// Most lines name a file or folder at any depth with no wildcard (`node_modules`, `.DS_Store`,
        /// `build/`): for each such name, the index of its last line (folders only: `build/`, apart). The walk
        /// asks about every entry of the tree, so these are looked up by name instead of matched one by one,
        /// in tables hashed with a multiply per byte (SipHash over the name was a tenth of the walk).
        let lastLiteral: ASCIINameTable
        let lastLiteralFolder: ASCIINameTable
        /// The other lines, ascending, each with the cheapest test that answers for it.
        let others: [Other]

        struct Other: Sendable {
            let index: Int
            let test: Test
        }

        enum Test: Sendable {
            /// `*.log`: the name ends with these bytes (the commonest wildcard line, compared without the
            /// general matcher).
            case suffix([UInt8])
            /// Another one-component pattern (`*.min.*`, `b?`): the name matches it.
            case name([UInt8])
            /// Anchored or several components: the path below `base` matches.
            case path
        }

        init(base: [ArraySlice<UInt8>], patterns: [GlobPattern]) {
            self.base = base
            self.patterns = patterns
            var literals: [(name: [UInt8], index: Int)] = []
            var folderLiterals: [(name: [UInt8], index: Int)] = []
            var others: [Other] = []
            for (index, pattern) in patterns.enumerated() {
                guard let name = pattern.anyDepthName else {
                    others.append(Other(index: index, test: .path))
                    continue
                }
                if !name.contains(where: GlobPattern.isSpecial) {
                    if pattern.directoryOnly { folderLiterals.append((name, index)) } else { literals.append((name, index)) }
                } else if name.first == 0x2A, !name.dropFirst().contains(where: GlobPattern.isSpecial) {
                    others.append(Other(index: index, test: .suffix(Array(name.dropFirst()))))
                } else {
                    others.append(Other(index: index, test: .name(name)))
                }
            }
            // A table keeps a name's first value: filled from the last line up, that is its last line.
            func table(_ entries: [(name: [UInt8], index: Int)]) -> ASCIINameTable {
                var table = ASCIINameTable(minimumCapacity: entries.count)
                for entry in entries.reversed() {
                    entry.name.withUnsafeBufferPointer { table.insert(bytes: $0, Int32(entry.index)) }
                }
                return table
            }
            lastLiteral = table(literals)
            lastLiteralFolder = table(folderLiterals)
            self.others = others
        }

        /// The last line matching `components` (below `base`), if any.
        func lastMatch(_ components: [ArraySlice<UInt8>], isDirectory: Bool) -> GlobPattern? {
            guard let name = components.last else { return nil }
            var literal: Int? = nil
            name.withUnsafeBufferPointer { bytes in
                literal = lastLiteral.value(ofBytes: bytes).map(Int.init)
                if isDirectory, let folder = lastLiteralFolder.value(ofBytes: bytes).map(Int.init), folder > literal ?? -1 { literal = folder }
            }
            var relative: [ArraySlice<UInt8>]? = nil
            for other in others.reversed() {
                if let literal, other.index < literal { break }
                let pattern = patterns[other.index]
                switch other.test {
                case .suffix(let suffix):
                    if (!pattern.directoryOnly || isDirectory) && Layer.hasSuffix(name, suffix) { return pattern }
                case .name(let glob):
                    // The last component decides; no path to build.
                    if (!pattern.directoryOnly || isDirectory) && GlobPattern.matchSegment(glob[...], name) { return pattern }
                case .path:
                    if relative == nil { relative = Array(components[base.count...]) }
                    if pattern.matches(relative!, isDirectory: isDirectory) { return pattern }
                }
            }
            return literal.map { patterns[$0] }
        }

        private static func hasSuffix(_ name: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Bool {
            guard name.count >= suffix.count else { return false }
            var k = name.endIndex - suffix.count
            for byte in suffix {
                if name[k] != byte { return false }
                k += 1
            }
            return true
        }
    }

    private var layers: [Layer] = []

    public init() {}

    /// Rules for a subfolder, adding the patterns of the ignore files found in it.
    func adding(base: [ArraySlice<UInt8>], fileContents: [[UInt8]]) -> IgnoreRules {
        var patterns: [GlobPattern] = []
        for contents in fileContents {
            for line in contents.split(separator: 0x0A, omittingEmptySubsequences: true) {
                if let pattern = GlobPattern(gitignoreLine: Array(line)) { patterns.append(pattern) }
            }
        }
        guard !patterns.isEmpty else { return self }
        var copy = self
        copy.layers.append(Layer(base: base, patterns: patterns))
        return copy
    }

    public var isEmpty: Bool { layers.isEmpty }

    /// Is the entry at `components` (from the walk's root) ignored?
    func isIgnored(_ components: [ArraySlice<UInt8>], isDirectory: Bool) -> Bool {
        for layer in layers.reversed() {
            guard components.count > layer.base.count,
                  components.starts(with: layer.base) else { continue }
            if let pattern = layer.lastMatch(components, isDirectory: isDirectory) { return !pattern.negated }
        }
        return false
    }
}
