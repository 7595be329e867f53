import RedisLint
import Rules

/// Runs rule examples the way SwiftLint does: `↓` marks where each finding must start; the marker
/// is removed before linting. Variants check that the same code inside a comment or a string gives
/// nothing, and that text before it moves findings by exactly one line.
enum RuleExampleHarness {
    struct Outcome: Equatable {
        var expected: [Position]
        var actual: [Position]
    }

    /// Removes markers and returns the code and the positions they marked (1-based, UTF-16 columns).
    static func strip(_ code: String) -> (String, [Position]) {
        var positions: [Position] = []
        var out = ""
        var line = 1
        var column = 1
        for character in code {
            if String(character) == RuleExample.marker {
                positions.append(Position(line: line, column: column))
                continue
            }
            out.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.utf16.count
            }
        }
        return (out, positions)
    }

    static func findings(_ rule: any Rule, _ language: Language, _ code: String, settings: RuleSettings? = nil) -> [Finding] {
        let source = SourceFile(path: "example.\(language.exampleExtension)", language: language, bytes: Array(code.utf8))
        let options = Scanner.Options(settings: settings ?? RuleSettings())
        return Scanner(rules: [rule], options: options).scan(sources: [source]).findings
    }

    static func run(_ rule: any Rule, _ example: RuleExample) -> Outcome {
        let (code, expected) = strip(example.code)
        let actual = findings(rule, example.language, code, settings: example.settings).map(\.start)
        return Outcome(expected: expected, actual: actual)
    }

    /// The example hidden inside a comment of its language.
    static func inComment(_ code: String, _ language: Language) -> String {
        switch language {
        case .ruby: return "=begin\n" + code + "\n=end\n"
        case .python: return code.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n")
        case .javascript, .swift: return "/*\n" + code.replacingOccurrences("*/", "* /") + "\n*/\n"
        case .lua: return "--[==[\n" + code + "\n]==]\n"
        }
    }

    /// The example inside a string literal of its language.
    static func inString(_ code: String, _ language: Language) -> String {
        switch language {
        case .ruby: return "text = '" + code.replacingOccurrences("\\", "\\\\").replacingOccurrences("'", "\\'") + "'\n"
        case .python: return "text = " + doubleQuoted(code) + "\n"
        case .javascript: return "const text = " + doubleQuoted(code) + ";\n"
        case .swift: return "let text = " + doubleQuoted(code) + "\n"
        case .lua: return "local text = [==[\n" + code + "\n]==]\n"
        }
    }

    static func doubleQuoted(_ code: String) -> String {
        var out = "\""
        for scalar in code.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A comment line of multi-byte text (accents, CJK, an emoji outside the BMP) before the code.
    static func multibytePrefix(_ language: Language) -> String {
        let text = "héllo — 日本語 😀 ✓"
        switch language {
        case .ruby, .python: return "# " + text + "\n"
        case .javascript, .swift: return "// " + text + "\n"
        case .lua: return "-- " + text + "\n"
        }
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
