/// The ignore patterns that apply inside one folder: its own `.gitignore` and `.ignore`, on top of
/// those of its parents. Deeper files take precedence, and within a file the last match wins;
/// `.ignore` overrides `.gitignore` at the same level (as ripgrep does).
public struct IgnoreRules: Sendable {
    struct Layer: Sendable {
        /// Components of the folder the patterns are relative to, from the walk's root.
        let base: [ArraySlice<UInt8>]
        let patterns: [GlobPattern]
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
            let relative = Array(components[layer.base.count...])
            for pattern in layer.patterns.reversed() where pattern.matches(relative, isDirectory: isDirectory) {
                return !pattern.negated
            }
        }
        return false
    }
}
