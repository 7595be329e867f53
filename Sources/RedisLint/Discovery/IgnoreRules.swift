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
        /// asks about every entry of the tree, so these are looked up by name instead of matched one by one.
        let lastLiteral: [ArraySlice<UInt8>: Int]
        let lastLiteralFolder: [ArraySlice<UInt8>: Int]
        /// Indexes of the other lines, ascending.
        let others: [Int]

        init(base: [ArraySlice<UInt8>], patterns: [GlobPattern]) {
            self.base = base
            self.patterns = patterns
            var lastLiteral: [ArraySlice<UInt8>: Int] = [:]
            var lastLiteralFolder: [ArraySlice<UInt8>: Int] = [:]
            var others: [Int] = []
            for (index, pattern) in patterns.enumerated() {
                if let name = pattern.anyDepthName, !name.contains(where: GlobPattern.isSpecial) {
                    if pattern.directoryOnly { lastLiteralFolder[name[...]] = index } else { lastLiteral[name[...]] = index }
                } else {
                    others.append(index)
                }
            }
            self.lastLiteral = lastLiteral
            self.lastLiteralFolder = lastLiteralFolder
            self.others = others
        }

        /// The last line matching `components` (below `base`), if any.
        func lastMatch(_ components: [ArraySlice<UInt8>], isDirectory: Bool) -> GlobPattern? {
            guard let name = components.last else { return nil }
            var literal = lastLiteral[name]
            if isDirectory, let folder = lastLiteralFolder[name], folder > literal ?? -1 { literal = folder }
            var relative: [ArraySlice<UInt8>]? = nil
            for index in others.reversed() {
                if let literal, index < literal { break }
                let pattern = patterns[index]
                if let patternName = pattern.anyDepthName {
                    // `*.log`: the last component decides; no path to build.
                    if (!pattern.directoryOnly || isDirectory) && GlobPattern.matchSegment(patternName[...], name) { return pattern }
                    continue
                }
                if relative == nil { relative = Array(components[base.count...]) }
                if pattern.matches(relative!, isDirectory: isDirectory) { return pattern }
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
