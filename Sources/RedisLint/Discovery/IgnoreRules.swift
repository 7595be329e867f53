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
        /// The other lines, each with the cheapest test that answers for it: plain data (asking every line about
        /// every entry copied a pattern, and the bytes of its test, a retain and a release each). In groups, each
        /// ascending, so that an entry is asked only about the lines that may match it: a suffix line (`*.log`) by
        /// its suffix's last byte, a line of several components without `**` (`config/database.yml`) by their
        /// number, the rest (other wildcard names, `**` lines, `*`) together (`Group`). Every line asked about
        /// every entry was ~30 lines an entry on the 12 repositories (~1,300 instructions).
        let others: [Other]
        /// Where each group starts in `others`: group g is `groups[g]..<groups[g + 1]`.
        let groups: [Int32]
        /// The bytes the tests of `others` compare with, one after another.
        let testBytes: [UInt8]

        /// The group numbers of `others`.
        enum Group {
            static let general = 0
            /// A suffix line whose suffix ends with `byte`.
            static func suffix(endingWith byte: UInt8) -> Int { 1 + Int(byte) }
            /// A line without `**` of `depth` components.
            static func path(depth: Int) -> Int { 257 + depth }
        }

        struct Other: Sendable {
            let index: Int32
            let test: Test
            /// Only folders match (`build/`).
            let directoryOnly: Bool
            /// `.suffix`, `.name`: where the test's bytes are in `testBytes` (zero for `.path`).
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
            var others: [(group: Int, other: Other)] = []
            var testBytes: [UInt8] = []
            func other(_ index: Int, _ test: Test, _ bytes: ArraySlice<UInt8>) -> Other {
                defer { testBytes += bytes }
                return Other(index: Int32(index), test: test, directoryOnly: patterns[index].directoryOnly,
                             start: Int32(testBytes.count), count: Int32(bytes.count))
            }
            for (index, pattern) in patterns.enumerated() {
                guard let name = pattern.anyDepthName else {
                    let line = Other(index: Int32(index), test: .path, directoryOnly: pattern.directoryOnly, start: 0, count: 0)
                    // Without `**`, segment i matches component i: only entries of that many components can match.
                    others.append((pattern.hasDoubleStar ? Group.general : Group.path(depth: pattern.segments.count), line))
                    continue
                }
                if !name.contains(where: GlobPattern.isSpecial) {
                    if pattern.directoryOnly { folderLiterals.append((name, index)) } else { literals.append((name, index)) }
                } else if name.first == 0x2A, !name.dropFirst().contains(where: GlobPattern.isSpecial) {
                    // A bare `*` has no last byte: it matches every name.
                    others.append((name.count > 1 ? Group.suffix(endingWith: name[name.count - 1]) : Group.general,
                                   other(index, .suffix, name.dropFirst())))
                } else {
                    others.append((Group.general, other(index, .name, name[...])))
                }
            }
            // By group, and by line within one (the lines' numbers differ: the order is the one order).
            others.sort { ($0.group, $0.other.index) < ($1.group, $1.other.index) }
            var groups = [Int32](repeating: 0, count: (others.last.map { max($0.group, Group.general) } ?? 0) + 2)
            for entry in others { groups[entry.group + 1] += 1 }
            for group in groups.indices.dropFirst() { groups[group] += groups[group - 1] }
            self.groups = groups
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
            self.others = others.map(\.other)
            self.testBytes = testBytes
        }

        /// The index of the last line matching `components` (below `base`), if any.
        func lastMatch(_ components: [ArraySlice<UInt8>], isDirectory: Bool) -> Int? {
            guard let name = components.last else { return nil }
            // The name, the lines and their bytes are read in place: slices of `testBytes` and the copies of the
            // lines that `others.reversed()` made retained and released the arrays at every line asked about.
            let line = name.withUnsafeBufferPointer { name in
                // The last plain-name line that matches (-1: none), then the last line of each group that may.
                let folder = isDirectory ? lastLiteralFolder.value(ofBytes: name).map(Int.init) ?? -1 : -1
                let literal = max(lastLiteral.value(ofBytes: name).map(Int.init) ?? -1, folder)
                let depth = components.count - base.count
                var relative: [ArraySlice<UInt8>]? = nil
                return testBytes.withUnsafeBufferPointer { testBytes in
                    others.withUnsafeBufferPointer { others in
                        groups.withUnsafeBufferPointer { groups in
                            // The groups that may hold a match, each from its last line up: the first line that
                            // matches is the group's last that does, and a line before `found` cannot change it.
                            // (In one loop: a nested function writing `relative` made each access of it a checked
                            // one, ~60 instructions a line.)
                            var found = literal
                            for step in 0..<3 {
                                let group = step == 0 ? Group.general
                                    : step == 1 ? name.last.map { Group.suffix(endingWith: $0) } ?? -1 : Group.path(depth: depth)
                                guard group >= 0, group + 1 < groups.count else { continue }
                                var position = Int(groups[group + 1])
                                let first = Int(groups[group])
                                while position > first {
                                    position -= 1
                                    let other = others[position]
                                    if Int(other.index) < found { break }
                                    if other.directoryOnly && !isDirectory { continue }
                                    let matches: Bool
                                    switch other.test {
                                    case .suffix, .name:
                                        // `start` and `count` lie in `testBytes` (`init` appended the bytes they locate).
                                        let bytes = UnsafeBufferPointer(rebasing: testBytes[Int(other.start)..<Int(other.start + other.count)])
                                        matches = other.test == .suffix ? Layer.hasSuffix(name, bytes) : GlobPattern.matchSegment(bytes, name)
                                    case .path:
                                        // (A line of fixed depth is asked only at its depth: it is in that depth's group.)
                                        if relative == nil { relative = Array(components[base.count...]) }
                                        matches = patterns[Int(other.index)].matches(relative!, isDirectory: isDirectory)
                                    }
                                    if matches {
                                        found = Int(other.index)
                                        break
                                    }
                                }
                            }
                            return found
                        }
                    }
                }
            }
            return line >= 0 ? line : nil
        }

        private static func hasSuffix(_ name: UnsafeBufferPointer<UInt8>, _ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
            guard name.count >= suffix.count else { return false }
            var k = name.count - suffix.count
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
