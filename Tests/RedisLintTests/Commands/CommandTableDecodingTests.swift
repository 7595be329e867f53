import Testing
@testable import RedisLint
import RedisTestSupport
import Dispatch

/// What the decoder derives from the generated records, against the plain reading of the same text.
@Suite struct CommandTableDecodingTests {
    /// Container and subcommand names are cut at the first bar, as `split(separator: "|", maxSplits: 1)`
    /// cut them before (two non-empty pieces, or neither).
    @Test func containerAndSubcommandNamesAsSplitGivesThem() {
        let all = CommandTable.all
        #expect(all.filter { $0.containerName != nil }.count > 100, "the table has its subcommands")
        for spec in all {
            let pieces = spec.name.split(separator: "|", maxSplits: 1).map(String.init)
            #expect(spec.containerName == (pieces.count == 2 ? pieces[0] : nil), "\(spec.name)")
            #expect(spec.subcommandName == (pieces.count == 2 ? pieces[1] : nil), "\(spec.name)")
        }
    }

    /// The direct reader gives every spec, field by field, as the JSON tree and raw records did.
    @Test func directReadingGivesWhatTheTreeGave() throws {
        let direct = try CommandTableDecoding.read(GeneratedCommandTable.json)
        let tree = TreeCommandTableDecoding.decode(GeneratedCommandTable.json)
        #expect(direct.count == tree.count && direct.count > 300)
        #expect(direct.contains { !$0.overlayPatches.isEmpty } && direct.contains { $0.overlayVersion != nil })
        for (read, reference) in zip(direct, tree) { Self.expectSame(read, reference) }
        // Read record by record, as runs read them, the specs are the same again.
        let lazy = CommandTable.all
        #expect(lazy.count == direct.count && CommandTable.allNames == direct.map(\.name))
        for (read, reference) in zip(lazy, direct) { Self.expectSame(read, reference) }
        #expect(CommandTable.command(named: "get") === CommandTable.command(named: "GET"), "one spec per record")
    }

    static func expectSame(_ read: CommandSpec, _ reference: CommandSpec) {
        #expect(read.name == reference.name)
        #expect(read.containerName == reference.containerName && read.subcommandName == reference.subcommandName, "\(read.name)")
        #expect(read.arity == reference.arity && read.flags == reference.flags, "\(read.name)")
        #expect(read.aclCategories == reference.aclCategories && read.tips == reference.tips, "\(read.name)")
        #expect(read.keySpecs == reference.keySpecs, "\(read.name)")
        #expect(read.since == reference.since && read.deprecatedSince == reference.deprecatedSince, "\(read.name)")
        #expect(read.replacedBy == reference.replacedBy && read.group == reference.group, "\(read.name)")
        #expect(read.complexity == reference.complexity && read.docFlags == reference.docFlags, "\(read.name)")
        #expect(read.arguments == reference.arguments, "\(read.name)")
        #expect(read.overlayVersion == reference.overlayVersion && read.overlayPatches == reference.overlayPatches, "\(read.name)")
        #expect(read.upperCasedTokens == reference.upperCasedTokens, "\(read.name)")
    }

    /// Text that is not the generator's is refused, never read past its end and never a crash: every
    /// prefix of a few records, bytes changed at random, unknown keys, and arguments nested 10,000 deep.
    @Test func malformedTextIsRefused() {
        let lines = GeneratedCommandTable.json.split(separator: "\n")
        let sample = Array(("[\n" + lines.dropFirst().prefix(12).joined(separator: "\n").dropLast() + "\n]").utf8)
        #expect(throws: Never.self) { try CommandTableDecoding.read(String(decoding: sample, as: UTF8.self)) }
        for end in stride(from: 0, to: sample.count - 1, by: 7) {
            #expect(throws: CommandTableDecoding.Malformed.self) { try CommandTableDecoding.read(String(decoding: sample[..<end], as: UTF8.self)) }
        }
        var random = SeededRandom(seed: 0xDEC0_DE)
        let replacements = Array(#"{}[]:,"\u0-9az "#.utf8)
        var refused = 0
        var refusedByRecord = 0
        for _ in 0..<400 {
            var mutated = sample
            for _ in 0..<(1 + random.below(3)) { mutated[random.below(mutated.count)] = random.pick(replacements) }
            let text = String(decoding: mutated, as: UTF8.self)
            do { _ = try CommandTableDecoding.read(text) } catch { refused += 1 }
            // Record by record: the lines are found, then each record read alone.
            do {
                let lines = try CommandTableText(text)
                for index in lines.records.indices { _ = try lines.spec(at: index) }
            } catch { refusedByRecord += 1 }
        }
        #expect(refused > 200 && refusedByRecord > 200)
        let whole = try? CommandTableText(String(decoding: sample, as: UTF8.self))
        #expect(whole?.names.count == 12 && whole?.names.first == "acl")
        for end in stride(from: 0, to: sample.count - 1, by: 7) {
            #expect(throws: CommandTableDecoding.Malformed.self) { try CommandTableText(String(decoding: sample[..<end], as: UTF8.self)) }
        }
        #expect(throws: CommandTableDecoding.Malformed.self) {
            try CommandTableDecoding.read(#"[{"n":"get","a":2,"f":[],"c":[],"k":[],"zz":1}]"#)
        }
        // Escapes: a surrogate pair decodes; a high surrogate before anything but a low one, and an escape
        // JSON lacks, are refused (the first used to overflow and stop the process).
        #expect((try? CommandTableDecoding.read(#"[{"n":"g\uD83D\uDE00t","a":2,"f":[],"c":[],"k":[]}]"#))?.first?.name == "g\u{1F600}t")
        for name in [#"\uD83D\u0041"#, #"\uD83D\uE000"#, #"\uD800\uFFFF"#, #"a\xb"#] {
            #expect(throws: CommandTableDecoding.Malformed.self, "\(name)") {
                try CommandTableDecoding.read(#"[{"n":""# + name + #"","a":2,"f":[],"c":[],"k":[]}]"#)
            }
            #expect(throws: CommandTableDecoding.Malformed.self, "\(name)") {
                let text = try CommandTableText(#"[{"n":""# + name + #"","a":2,"f":[],"c":[],"k":[]}]"#)
                _ = try text.spec(at: 0)
            }
        }
        let deep = String(repeating: #"{"n":"a","t":"block","a":["#, count: 10_000)
        #expect(throws: CommandTableDecoding.Malformed.self) {
            try CommandTableDecoding.read(#"[{"n":"get","a":2,"f":[],"c":[],"k":[],"p":["# + deep + "]}]")
        }
    }
}

/// Command numbers: each command name (no subcommand), upper-cased, numbered by its place in name order.
@Suite struct CommandIDsTests {
    @Test func numbersAreTheSortedNamesPlaces() {
        let names = Set(CommandTable.all.map(\.name).filter { !$0.contains("|") }.map { $0.uppercased() }).sorted()
        #expect(names.count > 200 && CommandIDs.byName.count == names.count)
        for (number, name) in names.enumerated() {
            #expect(CommandIDs.byName[name] == Int32(number), "\(name)")
        }
        // `_` sorts between the cases: `eval_ro` before `evalsha`, `EVAL_RO` after `EVALSHA`.
        #expect(CommandIDs.id("EVALSHA") >= 0 && CommandIDs.id("EVALSHA") < CommandIDs.id("EVAL_RO"))
    }

    /// The comparison the numbering sorts by: ASCII letters upper-cased, then bytes; a prefix first.
    @Test func upperCasedBytesPrecedeAsUpperCasedStrings() {
        let words = ["eval", "eval_ro", "evalsha", "EVALSHA", "a", "A", "ab", "a-b", "a_b", "a9", "", "z", "Z_", "get"]
        for first in words {
            for second in words {
                #expect(CommandIDs.upperCasedBytesPrecede(first, second) == (first.uppercased() < second.uppercased()),
                        "\(first) \(second)")
            }
        }
    }
}

/// Records are read when first asked for, by whichever thread asks: every thread gets the one spec stored.
@Suite struct CommandTableLazyReadingTests {
    @Test func threadsAskingAtOnceGetOneSpecPerRecord() {
        let names = CommandTable.allNames
        // A lock object shared by reference (a `Mutex` on this thread's stack, captured by the workers, was
        // reported by ThreadSanitizer as a modifying access from two threads).
        let seen = Locked<[[ObjectIdentifier?]]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            // Each worker asks in its own order, so different records are read first on different threads.
            let order = worker % 2 == 0 ? names : names.reversed()
            var found: [String: ObjectIdentifier] = [:]
            for name in order { found[name] = CommandTable.command(named: name).map(ObjectIdentifier.init) }
            let identities = names.map { found[$0] }
            seen.withLock { $0.append(identities) }
        }
        let all = seen.withLock { $0 }
        #expect(all.count == 4 && all.allSatisfy { $0 == all[0] } && !all[0].contains(nil))
        #expect(names.allSatisfy { CommandTable.command(named: $0)?.name == $0 })
    }
}
