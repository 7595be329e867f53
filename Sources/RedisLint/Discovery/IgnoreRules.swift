/// The ignore patterns that apply inside one folder: its own `.gitignore` and `.ignore`, on top of
/// those of its parents. Deeper files take precedence, and within a file the last match wins;
/// `.ignore` overrides `.gitignore` at the same level (as ripgrep does).
public struct IgnoreRules: Sendable {
    // A class: the walk asks every layer about every entry, and each step of that loop copied the struct's
    // seven references out of the list, a retain and a release each (one each for a class).
    final class Layer: Sendable {
        /// Components of the folder the patterns are relative to, from the walk's root.
        let base: [ArraySlice<UInt8>]
        let patterns: [GlobPattern]
        /// Most lines name a file or folder at any depth with no wildcard (`node_modules`, `.DS_Store`,
        /// `build/`): for each such name, the index of its last line (folders only: `build/`, apart). The walk
        /// asks about every entry of the tree, so these are looked up by name instead of matched one by one,
        /// in tables hashed with a multiply per byte (SipHash over the name was a tenth of the walk).
        let lastLiteral: ASCIINameTable
        let lastLiteralFolder: ASCIINameTable
        /// The other lines, ascending, each with the cheapest test that answers for it: plain data (asking every
        /// line about every entry copied a pattern, and the bytes of its test, a retain and a release each).
        let others: [Other]
        /// The bytes the tests of `others` compare with, one after another.
        let testBytes: [UInt8]

        struct Other: Sendable {
            let index: Int32
            let test: Test
            /// Only folders match (`build/`).
            let directoryOnly: Bool
            /// `.suffix`, `.name`: where the test's bytes are in `testBytes`. `.path`: the number of components the
            /// line matches (`start`), or -1 when it has a `**` and so matches any number.
            let start: Int32
            let count: Int32
        }

        enum Test: UInt8, Sendable {
            /// `*.log`: the name ends with these bytes (the commonest wildcard line, compared without the
            /// general matcher).
            case suffix
            /// Another one-component pattern (`*.min.*`, `b?`): the name matches it.
            case name
            /// Anchored or several components: the path below `base` matches.
            case path
        }

        init(base: [ArraySlice<UInt8>], patterns: [GlobPattern]) {
            self.base = base
            self.patterns = patterns
            var literals: [(name: [UInt8], index: Int)] = []
            var folderLiterals: [(name: [UInt8], index: Int)] = []
            var others: [Other] = []
            var testBytes: [UInt8] = []
            func other(_ index: Int, _ test: Test, _ bytes: ArraySlice<UInt8>) -> Other {
                defer { testBytes += bytes }
                return Other(index: Int32(index), test: test, directoryOnly: patterns[index].directoryOnly,
                             start: Int32(testBytes.count), count: Int32(bytes.count))
            }
            for (index, pattern) in patterns.enumerated() {
                guard let name = pattern.anyDepthName else {
                    others.append(Other(index: Int32(index), test: .path, directoryOnly: pattern.directoryOnly,
                                        start: pattern.hasDoubleStar ? -1 : Int32(pattern.segments.count), count: 0))
                    continue
                }
                if !name.contains(where: GlobPattern.isSpecial) {
                    if pattern.directoryOnly { folderLiterals.append((name, index)) } else { literals.append((name, index)) }
                } else if name.first == 0x2A, !name.dropFirst().contains(where: GlobPattern.isSpecial) {
                    others.append(other(index, .suffix, name.dropFirst()))
                } else {
                    others.append(other(index, .name, name[...]))
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
            self.testBytes = testBytes
        }

        /// The index of the last line matching `components` (below `base`), if any.
        func lastMatch(_ components: [ArraySlice<UInt8>], isDirectory: Bool) -> Int? {
            guard let name = components.last else { return nil }
            var literal: Int? = nil
            name.withUnsafeBufferPointer { bytes in
                literal = lastLiteral.value(ofBytes: bytes).map(Int.init)
                if isDirectory, let folder = lastLiteralFolder.value(ofBytes: bytes).map(Int.init), folder > literal ?? -1 { literal = folder }
            }
            let depth = components.count - base.count
            var relative: [ArraySlice<UInt8>]? = nil
            for other in others.reversed() {
                if let literal, Int(other.index) < literal { break }
                if other.directoryOnly && !isDirectory { continue }
                switch other.test {
                case .suffix:
                    if Layer.hasSuffix(name, testBytes[Int(other.start)..<Int(other.start + other.count)]) { return Int(other.index) }
                case .name:
                    // The last component decides; no path to build.
                    if GlobPattern.matchSegment(testBytes[Int(other.start)..<Int(other.start + other.count)], name) { return Int(other.index) }
                case .path:
                    if other.start >= 0 && Int(other.start) != depth { continue }  // no `**`: one segment per component
                    if relative == nil { relative = Array(components[base.count...]) }
                    if patterns[Int(other.index)].matches(relative!, isDirectory: isDirectory) { return Int(other.index) }
                }
            }
            return literal
        }

        private static func hasSuffix(_ name: ArraySlice<UInt8>, _ suffix: ArraySlice<UInt8>) -> Bool {
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
            if let line = layer.lastMatch(components, isDirectory: isDirectory) { return !layer.patterns[line].negated }
        }
        return false
    }
}
