/// Where each command is sent across the project, built once when the project is linked so that
/// project-wide rules (an XACK in another worker, an EXPIRE in another module) ask in O(1) instead of
/// walking every file for every file.
public struct ProjectCommandIndex: Sendable {
    /// One op of one trace of one file.
    public struct Location: Sendable {
        public var file: Int
        public var trace: Int
        public var op: Int
    }

    /// Host-code ops by upper-case command name.
    public private(set) var host: [String: [Location]] = [:]
    /// Files whose Lua scripts call the command.
    public private(set) var scripts: [String: [Int]] = [:]
    /// Keys some op gives a TTL (`RedisOp.givesTTL`), and keys passed to scripts that expire keys.
    public private(set) var keysGivenTTL: Set<KeyExpr> = []
    /// `KeyExpr.shape` of every key in `keysGivenTTL`.
    public private(set) var shapesGivenTTL: Set<String> = []

    public init(files: [FileModel]) {
        defer { shapesGivenTTL = Set(keysGivenTTL.compactMap(\.shape)) }
        for (fileIndex, file) in files.enumerated() {
            for (traceIndex, trace) in file.traces.enumerated() {
                for (opIndex, op) in trace.ops.enumerated() {
                    host[op.command, default: []].append(Location(file: fileIndex, trace: traceIndex, op: opIndex))
                    if op.givesTTL, let key = op.keys.first { keysGivenTTL.insert(key) }
                }
            }
            var seen: Set<String> = []
            for script in file.scripts where script.givesTTL {
                for site in script.callSites { keysGivenTTL.formUnion(site.keys) }
            }
            for script in file.scripts {
                for call in script.script.redisCalls {
                    guard let command = call.command, seen.insert(command).inserted else { continue }
                    scripts[command, default: []].append(fileIndex)
                }
            }
        }
    }
}

extension ProjectModel {
    /// Host-code ops of the project sending `command` (upper case).
    public func ops(_ command: String) -> [RedisOp] {
        (index.host[command] ?? []).map { files[$0.file].traces[$0.trace].ops[$0.op] }
    }

    /// Every script of the project (with its file) that calls `command` at least once.
    public func scripts(calling command: String) -> [EmbeddedScript] {
        (index.scripts[command] ?? []).flatMap { files[$0].scripts }
    }
}
