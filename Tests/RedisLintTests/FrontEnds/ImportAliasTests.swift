import Testing
@testable import RedisLint

/// JavaScript's import aliases keep only the modules a reader can take for Redis (`JavaScriptStructure.module(at:into:)`),
/// and a later import of a name from another module still replaces an earlier binding of it.
@Suite struct ImportAliasTests {
    /// The aliases `JavaScriptStructure.parse` keeps from the source `bytes`.
    private static func aliases(_ bytes: [UInt8]) -> [String: String] {
        let view = TokenView(bytes: bytes, tokens: JavaScriptLexer.lex(bytes).tokens)
        return JavaScriptStructure(view: view).parse().importAliases
    }

    @Test func keepsRedisAndNonASCIIModules() {
        #expect(Self.aliases(Array("import a from \"ioredis\"\n".utf8)) == ["a": "ioredis"])
        #expect(Self.aliases(Array("import a from \"@Redis/client\"\n".utf8)) == ["a": "@Redis/client"])
        #expect(Self.aliases(Array("import a from \"@valkey/client\"\n".utf8)) == ["a": "@valkey/client"])
        #expect(Self.aliases(Array("import a from \"lodash\"\nimport o from \"os\"\nconst e = require(\"\")\n".utf8)).isEmpty)
        // The Kelvin sign lower-cases to "k": `isRedisModule` takes this for iovalkey.
        #expect(Self.aliases(Array("import x from \"ioval\u{212A}ey\"\n".utf8)) == ["x": "ioval\u{212A}ey"])
        #expect(ClientEvidence.isRedisModule("ioval\u{212A}ey"))
        // Invalid UTF-8 is non-ASCII both as bytes and as the repaired string.
        let invalid: [UInt8] = Array("re".utf8) + [0xC3] + Array("dis".utf8)
        let source = Array("import y from \"".utf8) + invalid + Array("\"\n".utf8)
        #expect(Self.aliases(source) == ["y": String(decoding: invalid, as: UTF8.self)])
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
        #expect(structure.importsRedisModule)
        let others = ChainScreenTests.tokenView("import { a } from \"lodash\"\nconst o = require(\"os\")\nimport \"./redis-polyfill\"\n", .javascript)
        #expect(JavaScriptStructure(view: others).parse().importsRedisModule)
        let none = ChainScreenTests.tokenView("import { a } from \"lodash\"\nconst o = require(\"os\")\n", .javascript)
        #expect(!JavaScriptStructure(view: none).parse().importsRedisModule)
    }
}
