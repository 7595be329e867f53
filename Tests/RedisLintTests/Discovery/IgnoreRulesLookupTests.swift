import Testing
@testable import RedisLint
import RedisTestSupport

/// Ignore rules look literal names up by name; the answer must be the one the lines give in order
/// (last match wins, deeper ignore files first, negation re-includes, `dir/` only for folders).
@Suite struct IgnoreRulesLookupTests {
    /// The definition: every line of every layer, last first.
    func reference(_ layers: [(base: [ArraySlice<UInt8>], lines: [String])], _ components: [ArraySlice<UInt8>], isDirectory: Bool) -> Bool {
        for layer in layers.reversed() {
            guard components.count > layer.base.count, components.starts(with: layer.base) else { continue }
            let relative = Array(components[layer.base.count...])
            for line in layer.lines.reversed() {
                guard let pattern = GlobPattern(line), pattern.matches(relative, isDirectory: isDirectory) else { continue }
                return !pattern.negated
            }
        }
        return false
    }

    @Test func sameAnswerAsEveryLineInOrder() {
        let pool = ["node_modules", "build", "!build", "build/", "*.log", "!keep.log", "keep.log", "a", "!a", "a/b", "/a",
                    "docs/**", "**/tmp", "b?", "[ab]", "\\!x", "x", "!x", "tmp/", "*.min.js", "c", "c/", "!c/", "*s", "!*.js", "*.log/", "*",
                    "c/x/a", "/b/c/", "!a/x", "*b", "!*b", "*x/", "b/**/c"]
        let names = ["a", "b", "c", "x", "!x", "tmp", "build", "keep.log", "e.log", "node_modules", "docs", "bb", "app.min.js", "s", ".log", "xs.js"]
        var random = SeededRandom(seed: 0x9E37_79B9_7F4A_7C15)
        func next(_ bound: Int) -> Int { random.below(bound) }
        var checked = 0
        for _ in 0..<300 {
            var rules = IgnoreRules()
            var layers: [(base: [ArraySlice<UInt8>], lines: [String])] = []
            var base: [ArraySlice<UInt8>] = []
            for _ in 0..<(1 + next(3)) {
                let lines = (0..<(1 + next(8))).map { _ in pool[next(pool.count)] }
                rules = rules.adding(base: base, fileContents: [Array(lines.joined(separator: "\n").utf8)])
                layers.append((base, lines))
                base.append(Array(names[next(names.count)].utf8)[...])
            }
            for _ in 0..<40 {
                let depth = 1 + next(4)
                var components = next(2) == 0 ? Array(base.prefix(next(base.count + 1))) : []
                components += (0..<depth).map { _ in Array(names[next(names.count)].utf8)[...] }
                let isDirectory = next(2) == 0
                #expect(rules.isIgnored(components, isDirectory: isDirectory) == reference(layers, components, isDirectory: isDirectory),
                        "\(layers.map(\.lines)) \(components.map { String(decoding: $0, as: UTF8.self) }) dir=\(isDirectory)")
                checked += 1
            }
        }
        #expect(checked == 12_000)
    }

    /// Lines are asked by group (suffix lines by their last byte, fixed-depth lines at their depth): a line of 200
    /// components, a bare `*`, an empty file and entries 10,000 components deep answer as every line in order does.
    @Test func groupsAtExtremeDepths() {
        let deep = (0..<200).map { "d\($0)" }
        let layers: [(base: [ArraySlice<UInt8>], lines: [String])] = [
            ([], [deep.joined(separator: "/"), "*", "!*.py", "!d199", "*y"]), ([Array("d0".utf8)[...]], []),
        ]
        var rules = IgnoreRules()
        for layer in layers { rules = rules.adding(base: layer.base, fileContents: [Array(layer.lines.joined(separator: "\n").utf8)]) }
        let paths: [[ArraySlice<UInt8>]] = [
            deep.map { Array($0.utf8)[...] }, (0..<10_000).map { _ in Array("a.py".utf8)[...] },
            (0..<10_000).map { _ in Array("d199".utf8)[...] }, [Array("x".utf8)[...]], [Array("y".utf8)[...]],
        ]
        for components in paths {
            for isDirectory in [false, true] {
                #expect(rules.isIgnored(components, isDirectory: isDirectory) == reference(layers, components, isDirectory: isDirectory))
            }
        }
    }

    @Test func anyDepthNamesAreSingleComponentLines() {
        #expect(GlobPattern("node_modules")?.anyDepthName == Array("node_modules".utf8))
        #expect(GlobPattern("!keep.log")?.anyDepthName == Array("keep.log".utf8))
        #expect(GlobPattern("build/")?.anyDepthName == Array("build".utf8))
        #expect(GlobPattern("*.log")?.anyDepthName == Array("*.log".utf8))
        #expect(GlobPattern("\\!x")?.anyDepthName == Array("!x".utf8), "an escaped ! names a file called !x")
        for line in ["/build", "a/b", "**/tmp/**", "docs/**", "**"] {
            #expect(GlobPattern(line)?.anyDepthName == nil, "\(line)")
        }
    }
}
