import Testing
@testable import RedisLint

/// JavaScript's import aliases keep only the modules a reader can take for Redis (`FileStructure.keepsAlias(of:)`),
/// and a later import of a name from another module still replaces an earlier binding of it.
@Suite struct ImportAliasTests {
    @Test func keepsRedisAndNonASCIIModules() {
        #expect(FileStructure.keepsAlias(of: "ioredis"))
        #expect(FileStructure.keepsAlias(of: "@Redis/client"))
        #expect(FileStructure.keepsAlias(of: "@valkey/client"))
        #expect(!FileStructure.keepsAlias(of: "lodash"))
        #expect(!FileStructure.keepsAlias(of: ""))
        // The Kelvin sign lower-cases to "k": `isRedisModule` takes this for iovalkey.
        #expect(FileStructure.keepsAlias(of: "ioval\u{212A}ey"))
        #expect(ClientEvidence.isRedisModule("ioval\u{212A}ey"))
        // Invalid UTF-8 is non-ASCII both as bytes and as the repaired string.
        let invalid: [UInt8] = Array("re".utf8) + [0xC3] + Array("dis".utf8)
        #expect(invalid.withUnsafeBufferPointer { FileStructure.keepsAlias(ofBytes: $0) })
        #expect(FileStructure.keepsAlias(of: String(decoding: invalid, as: UTF8.self)))
    }

    @Test func laterImportsReplaceEarlierOnes() {
        let source = """
        import { a, b as c } from "redis"
        import { a } from "lodash"
        const r = require("ioredis")
        const { x, y } = require("express")
        const { z } = require("redis")
        import z from "./util"

        """
        let view = ChainScreenTests.tokenView(source, .javascript)
        let structure = JavaScriptStructure(view: view).parse()
        #expect(structure.importAliases == ["c": "redis", "r": "ioredis"])
        // (Only the Redis-named modules: `FileStructure.imports`.)
        #expect(structure.imports == ["redis", "ioredis"])
    }
}
