import Synchronization

/// The Redis command table: every command and subcommand a real server reports, plus the
/// overlay of newer commands, from the generated string literal: its names are indexed at first use (or by
/// `prepare()`), and each record is read into a `CommandSpec` when first asked for.
public enum CommandTable {
    /// Version of the redis-server the table was generated from.
    public static var serverVersion: String { GeneratedCommandTable.serverVersion }

    /// Indexes the table (and numbers its commands) now rather than at first use: the scan of a small tree
    /// waited for that at its first file; on a spare core it is done while the tree is walked.
    public static func prepare() {
        _ = storage
        _ = CommandIDs.count
    }

    /// Every command and subcommand, sorted by name (`acl`, `acl|cat`, …). (Reads every record.)
    public static var all: [CommandSpec] { storage.text.records.indices.map(storage.spec) }

    /// The name of every command and subcommand, sorted (`acl`, `acl|cat`, …), without reading the records.
    public static var allNames: [String] { storage.text.names }

    /// Looks a command up case-insensitively. With a subcommand (`CONFIG`, `SET`) it returns the
    /// subcommand's spec (`config|set`), or nil when the container has no such subcommand.
    /// A name written `CONFIG|SET` or `config set` also works.
    public static func command(named name: String, subcommand: String? = nil) -> CommandSpec? {
        // Ops name commands in upper case (`SET`, `CONFIG` + `SET`), looked up several times per op: the
        // table also holds every name upper-cased, so those are found as written, without lowering them.
        if let subcommand {
            if let index = storage.byName.value(of: name, UInt8(ascii: "|"), subcommand) { return storage.spec(Int(index)) }
            return spec(named: lowercased(name) + "|" + lowercased(subcommand))
        }
        if let found = spec(named: name) { return found }
        let lower = lowercased(name)
        // Most names asked about are no commands (the tracers ask about every method name): one already
        // in lower case was just looked up, and one with no space or bar has no two words to join.
        if lower != name, let found = spec(named: lower) { return found }
        guard lower.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "|") }) else { return nil }
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "|" })
        if words.count == 2 { return spec(named: words[0] + "|" + words[1]) }
        return nil
    }

    /// The spec of a name as the table holds it (as reported, or upper-cased).
    private static func spec(named name: String) -> CommandSpec? {
        storage.byName.value(of: name).map { storage.spec(Int($0)) }
    }

    /// Resolves the spec an argument list invokes: `["CONFIG", "SET", …]` gives `config|set`.
    /// Nil when the command name is unknown or not known at lint time. A container whose
    /// subcommand is unknown at lint time resolves to the container itself.
    public static func command(for arguments: [CommandArgument]) -> CommandSpec? {
        command(for: CommandArgumentList(arguments))
    }

    /// `command(for:)` of a list read as the key-spec walk reads it: only its first two arguments are asked for.
    static func command<Arguments: KeyWalkArguments>(for arguments: Arguments) -> CommandSpec? {
        guard let first = arguments.commandName, let top = command(named: first) else { return nil }
        if storage.containerFlag(of: top.name) == 1, arguments.count > 1 {
            guard let sub = arguments[keyWalk: 1].text else { return top }
            return command(named: top.name, subcommand: sub)
        }
        return top
    }

    /// True when `name` has subcommands (`CONFIG`, `XGROUP`, `SCRIPT`…).
    public static func hasSubcommands(_ name: String) -> Bool {
        // A name the table holds as written (`GET`, `get`, `CONFIG`) is answered by one look-up (asked twice
        // per op); other text is lowered first.
        if let known = storage.containerFlag(of: name) { return known == 1 }
        return storage.containerFlag(of: lowercased(name)) == 1
    }

    /// `hasSubcommands` of lower-case ASCII bytes, without making them a string (the client-method resolver
    /// asks it of most method names with `_` or, in JavaScript, a capital).
    static func hasSubcommands(lowerCaseASCII bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        storage.containerFlag(ofBytes: bytes) == 1
    }

    /// The tracers ask about every method name they meet, mostly lower-case ASCII already (`get`, `hset`):
    /// those are used as they are, and upper-case ASCII is lowered bytewise. Only other text takes
    /// `String.lowercased()` (Unicode case mapping, a fresh string each time).
    static func lowercased(_ name: String) -> String { mappedASCII(name, lowerASCII, otherwise: { $0.lowercased() }) }

    /// `name.uppercased()`, bytewise for ASCII (option words and labels, several per op), which is what
    /// Unicode case mapping gives there too; other text takes `String.uppercased()`.
    static func uppercased(_ name: String) -> String { mappedASCII(name, upperASCII, otherwise: { $0.uppercased() }) }

    /// `name` with each byte mapped when it is ASCII: itself when no byte changes, else written straight
    /// into the new string (no array in between); `otherwise(name)` for other text. (Over the contiguous
    /// bytes, a small string's copied to the stack: stepping the UTF-8 view's index twice over the name
    /// cost ~1,000 instructions a camel-case method name.)
    @inline(__always) private static func mappedASCII(_ name: String, _ transform: (UInt8) -> UInt8, otherwise: (String) -> String) -> String {
        var text = name
        var isASCII = true
        let mapped: String? = text.withUTF8 { bytes in
            var changes = false
            for byte in bytes {
                if byte >= 0x80 { isASCII = false; return nil }
                if transform(byte) != byte { changes = true }
            }
            guard changes else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in bytes.indices { buffer[index] = transform(bytes[index]) }
                return bytes.count
            }
        }
        if let mapped { return mapped }
        return isASCII ? name : otherwise(name)
    }

    private final class Storage: Sendable {
        let text: CommandTableText
        /// Names as Redis reports them (`get`, `config|set`) and the same upper-cased (`GET`, `CONFIG|SET`),
        /// each to its record: the names are ASCII, so an upper-cased name lowers back to the one it came from.
        let byName: ASCIINameTable
        /// Each record's: whether its name has subcommands (some record is `name|sub`, with both parts).
        private let hasSubcommands: [Bool]
        /// Container names that name no record, as reported and upper-cased (none in the generated table).
        private let otherContainers: ASCIINameTable
        /// Each record's spec once read. Threads may read one record at once: the first spec stored is
        /// the one every look-up hands out.
        private let specs: LazySpecs

        /// Every record's spec, each published once, in one buffer of atomic references (an object per record
        /// was 383 allocations, ~0.1M instructions, at the start of every run that scans a file).
        /// (`AtomicLazyReference` did the same, but its `load` is an unspecialised call into the library, ~650
        /// instructions per look-up: 9M on bench50's sample. An `Atomic` is specialised here: its load is one
        /// instruction.)
        private final class LazySpecs: @unchecked Sendable {
            // Unchecked: the slots are only reached through their atomics, and freed with the object.
            private let slots: UnsafeMutablePointer<Atomic<Unmanaged<CommandSpec>?>>
            private let count: Int

            init(count: Int) {
                self.count = count
                slots = .allocate(capacity: max(count, 1))
                for index in 0..<count { (slots + index).initialize(to: Atomic(nil)) }
            }

            func load(_ index: Int) -> CommandSpec? {
                precondition(index >= 0 && index < count, "no such command record")
                return slots[index].load(ordering: .acquiring)?.takeUnretainedValue()
            }

            /// Stores `spec` in slot `index` unless another thread stored one first: returns the one stored
            /// (held retained until the slots are freed).
            func storeIfNil(_ index: Int, _ spec: CommandSpec) -> CommandSpec {
                precondition(index >= 0 && index < count, "no such command record")
                let retained = Unmanaged.passRetained(spec)
                let (stored, current) = slots[index].compareExchange(expected: nil, desired: retained, ordering: .acquiringAndReleasing)
                if stored { return spec }
                retained.release()
                return current!.takeUnretainedValue()
            }

            deinit {
                for index in 0..<count { slots[index].load(ordering: .acquiring)?.release() }
                slots.deinitialize(count: count)
                slots.deallocate()
            }
        }

        init(_ text: CommandTableText) {
            self.text = text
            // Each name inserted from its bytes, the upper-cased ones through a scratch buffer: with a `String`
            // made per upper-cased name, a container name and a joined list of names, the tables cost
            // 1.46M instructions at the start of every run.
            var byName = ASCIINameTable(minimumCapacity: text.names.count * 2)
            for (index, name) in text.names.enumerated() { byName.insert(name, Int32(index)) }
            for (index, name) in text.names.enumerated() { byName.insertUppercased(name, Int32(index)) }
            self.byName = byName
            // A container is the part before the bar of `container|sub` with both parts (the decoding's rule for
            // a subcommand), marked on its own record: a second table of every name (as reported and upper-cased,
            // each container's first) cost ~0.35M instructions at the start of every run that scans a file.
            var hasSubcommands = [Bool](repeating: false, count: text.names.count)
            var otherContainers: [String] = []
            for var name in text.names {
                name.withUTF8 { name in
                    guard let bar = name.firstIndex(of: UInt8(ascii: "|")), bar > 0, bar != name.count - 1 else { return }
                    let container = UnsafeBufferPointer(rebasing: name[..<bar])
                    if let index = byName.value(ofBytes: container) {
                        hasSubcommands[Int(index)] = true
                    } else {
                        otherContainers.append(String(decoding: container, as: UTF8.self))
                    }
                }
            }
            self.hasSubcommands = hasSubcommands
            var otherTable = ASCIINameTable(minimumCapacity: otherContainers.count * 2)
            for name in otherContainers { otherTable.insert(name, 1) }
            for name in otherContainers { otherTable.insertUppercased(name, 1) }
            self.otherContainers = otherTable
            specs = LazySpecs(count: text.records.count)
        }

        /// 1 when `name`, as written, has subcommands; 0 for another name of the table; nil for a name outside it.
        func containerFlag(of name: String) -> Int32? {
            if let index = byName.value(of: name) { return hasSubcommands[Int(index)] ? 1 : 0 }
            return otherContainers.value(of: name)
        }

        /// The same for a name given as bytes.
        func containerFlag(ofBytes name: UnsafeBufferPointer<UInt8>) -> Int32? {
            if let index = byName.value(ofBytes: name) { return hasSubcommands[Int(index)] ? 1 : 0 }
            return otherContainers.value(ofBytes: name)
        }

        func spec(_ index: Int) -> CommandSpec {
            if let known = specs.load(index) { return known }
            do {
                return specs.storeIfNil(index, try text.spec(at: index))
            } catch {
                // The table is generated and checked by tests; failing loudly beats linting with no facts.
                fatalError("redislint: the generated command table does not decode: \(error)")
            }
        }
    }

    // A static let is initialised lazily and exactly once, thread-safely.
    private static let storage: Storage = {
        do {
            return Storage(try CommandTableText(GeneratedCommandTable.json))
        } catch {
            fatalError("redislint: the generated command table does not decode: \(error)")
        }
    }()
}
