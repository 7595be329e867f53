/// The ignore patterns that apply inside one folder: its own `.gitignore` and `.ignore`, on top of
/// those of its parents. Deeper files take precedence, and within a file the last match wins;
/// `.ignore` overrides `.gitignore` at the same level (as ripgrep does).
public struct IgnoreRules: Sendable {
    struct Layer: Sendable {
        /// Components of the folder the patterns are relative to, from the walk's root.
        let base: [ArraySlice<UInt8>]
        let patterns: [GlobPattern]
        /// Most lines name a file or folder at any depth with no wildcard (`node_modules`, `.DS_Store`):
        /// for each such name, the index of its last line. The walk asks about every entry of the tree,
        /// so these are looked up by name instead of matched one by one.
        let lastLiteral: [ArraySlice<UInt8>: Int]
        /// Indexes of the other lines, ascending.
        let others: [Int]

        init(base: [ArraySlice<UInt8>], patterns: [GlobPattern]) {
            self.base = base
            self.patterns = patterns
            var lastLiteral: [ArraySlice<UInt8>: Int] = [:]
            var others: [Int] = []
            for (index, pattern) in patterns.enumerated() {
                if let name = pattern.literalName { lastLiteral[name[...]] = index } else { others.append(index) }
            }
            self.lastLiteral = lastLiteral
            self.others = others
        }

        /// The last line matching `components` (below `base`), if any.
        func lastMatch(_ components: [ArraySlice<UInt8>], isDirectory: Bool) -> GlobPattern? {
            let literal = components.last.flatMap { lastLiteral[$0] }
            var relative: [ArraySlice<UInt8>]? = nil
            for index in others.reversed() {
                if let literal, index < literal { break }
                if relative == nil { relative = Array(components[base.count...]) }
                if patterns[index].matches(relative!, isDirectory: isDirectory) { return patterns[index] }
            }
            return literal.map { patterns[$0] }
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
