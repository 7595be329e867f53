import RedisTestSupport
@testable import RedisLint

/// Builds syntactically plausible argument lists from a command's `COMMAND DOCS` argument specs,
/// for the `COMMAND GETKEYS` oracle test. Keys get unique names (`k<n>`) so the server's answer
/// (key names) maps back to positions.
struct ArgumentListGenerator {
    var random: SeededRandom
    /// Arguments newer than the oracle server are left out (it would not know their tokens).
    let serverVersion: [Int]
    private var counter = 0

    init(seed: UInt64, serverVersion: String) {
        random = SeededRandom(seed: seed)
        self.serverVersion = ArgumentListGenerator.version(serverVersion)
    }

    static func version(_ text: String) -> [Int] { text.split(separator: ".").map { Int($0) ?? 0 } }

    mutating func arguments(for spec: CommandSpec) -> [CommandArgument] {
        var out: [[UInt8]] = spec.name.split(separator: "|").map { Array($0.utf8) }
        out += sequence(spec.arguments)
        return out.map { .known($0) }
    }

    private mutating func fresh(_ prefix: String) -> [UInt8] {
        counter += 1
        return Array("\(prefix)\(counter)".utf8)
    }

    private func isSupported(_ argument: ArgumentSpec) -> Bool {
        guard let since = argument.since else { return true }
        return ArgumentListGenerator.version(since).lexicographicallyPrecedes(serverVersion)
            || ArgumentListGenerator.version(since) == serverVersion
    }

    /// A sequence of arguments; an integer right before a repeated argument counts it
    /// (`numkeys key [key …]`, `numfields field …`).
    private mutating func sequence(_ arguments: [ArgumentSpec]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.kind == .integer, argument.token == nil, !argument.isOptional,
               index + 1 < arguments.count, arguments[index + 1].isMultiple, arguments[index + 1].token == nil {
                let next = arguments[index + 1]
                let lower = next.isOptional ? 0 : 1
                let count = Int.random(in: lower...3, using: &random)
                out.append(Array(String(count).utf8))
                for _ in 0..<count { out += single(next) }
                index += 2
                continue
            }
            out += occurrences(argument)
            index += 1
        }
        return out
    }

    private mutating func occurrences(_ argument: ArgumentSpec) -> [[UInt8]] {
        guard isSupported(argument) else { return [] }
        if argument.isOptional && Bool.random(using: &random) { return [] }
        guard argument.isMultiple else { return withToken(argument, single(argument)) }
        let count = Int.random(in: 1...3, using: &random)
        if argument.isMultipleToken {
            return (0..<count).flatMap { _ in withToken(argument, single(argument)) }
        }
        var values: [[UInt8]] = []
        for _ in 0..<count { values += single(argument) }
        return withToken(argument, values)
    }

    private func withToken(_ argument: ArgumentSpec, _ values: [[UInt8]]) -> [[UInt8]] {
        guard argument.kind != .pureToken, let token = argument.token else { return values }
        return [Array(token.utf8)] + values
    }

    /// One value of the argument, without its token.
    private mutating func single(_ argument: ArgumentSpec) -> [[UInt8]] {
        switch argument.kind {
        case .key: return [fresh("k")]
        case .string, .pattern, .unknown: return [fresh("v")]
        case .integer: return [Array(String(Int.random(in: 1...3, using: &random)).utf8)]
        case .double: return [Array("1.5".utf8)]
        case .unixTime: return [Array("1700000000".utf8)]
        case .pureToken: return [Array((argument.token ?? argument.name).utf8)]
        case .oneOf:
            let choices = argument.arguments.filter(isSupported)
            guard let choice = choices.randomElement(using: &random) else { return [] }
            return withToken(choice, choice.kind == .pureToken ? single(choice) : sequenceOrSingle(choice))
        case .block:
            return sequence(argument.arguments)
        }
    }

    private mutating func sequenceOrSingle(_ argument: ArgumentSpec) -> [[UInt8]] {
        guard argument.isMultiple else { return single(argument) }
        return (0..<Int.random(in: 1...3, using: &random)).flatMap { _ in single(argument) }
    }
}
