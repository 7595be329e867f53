@testable import LuaParse
import Testing

/// Statements, `if` clauses and declared names live in the chunk's flat storage: each block's
/// statements together (an inner block's are moved there before its enclosing block's), each `if`'s
/// clauses together and each list of names together, so every block, clause list and name list of
/// every size reads back in order.
@Suite struct StatementStorageTests {
    static func chunk(_ text: String) -> LuaChunk {
        var parser = LuaParser(bytes: Array(text.utf8))
        return parser.parseChunk()
    }

    @Test func blocksOfEverySizeKeepTheirOrder() {
        for count in 0..<7 {
            let text = (0..<count).map { "x\($0) = \($0)" }.joined(separator: "\n")
            let chunk = Self.chunk(text)
            #expect(chunk.statements(of: chunk.block).map(\.line) == Array(0..<count).map { $0 + 1 }, "\(count)")
            // Nested in a function, the same statements come back in the same order.
            let nested = Self.chunk("local function f()\n" + text + "\nend")
            let body = nested.statements(of: nested.function(1).body)
            #expect(body.map(\.line) == Array(0..<count).map { $0 + 2 }, "\(count)")
            #expect(nested.statements(of: nested.block).count == 1)
        }
    }

    @Test func innerBlocksDoNotInterleaveWithOuterOnes() {
        let text = "a = 1 while x do b = 2 do c = 3 d = 4 end e = 5 end f = 6 repeat g = 7 until h return i"
        let chunk = Self.chunk(text)
        #expect(chunk.sExpression == "(= (a) 1) (while x (= (b) 2) (do (= (c) 3) (= (d) 4)) (= (e) 5)) (= (f) 6) "
            + "(repeat (= (g) 7) until h) (return i)")
        #expect(chunk.storage.statements.count == 11)
    }

    @Test func ifClausesOfEveryCountKeepTheirOrder() {
        for count in 1..<6 {
            let clauses = (0..<count).map { "c\($0) then x = \($0)" }.joined(separator: " elseif ")
            for elsePart in ["", " else y = 0"] {
                let chunk = Self.chunk("if " + clauses + elsePart + " end")
                var expected = "(if " + (0..<count).map { "c\($0) ((= (x) \($0)))" }.joined(separator: " elseif ")
                if !elsePart.isEmpty { expected += " else ((= (y) 0))" }
                #expect(chunk.sExpression == expected + ")", "\(count) \(elsePart)")
            }
        }
        // An `if` nested in a clause stores its clauses before the enclosing `if` stores its own.
        let nested = Self.chunk("if a then if b then x = 1 elseif c then x = 2 end elseif d then x = 3 end")
        #expect(nested.sExpression == "(if a ((if b ((= (x) 1)) elseif c ((= (x) 2)))) elseif d ((= (x) 3)))")
    }

    @Test func functionNamesKeepFieldsAndMethod() {
        let chunk = Self.chunk("function a() end function a.b.c() end function a.b:m() end function a:m() end")
        #expect(chunk.sExpression.contains("(function-statement a (function ()"))
        #expect(chunk.sExpression.contains("(function-statement a.b.c (function ()"))
        #expect(chunk.sExpression.contains("(function-statement a.b:m (function (self)"))
        #expect(chunk.sExpression.contains("(function-statement a:m (function (self)"))
        let script = LuaScript(source: Array("function a() end function b.c() end".utf8))
        #expect(script.globalWrites.map(\.name) == ["a"])
        #expect(script.scopes.globalReads.map(\.name) == ["b"])
    }

    @Test func parametersAndLoopNamesOfEveryCountPrintAndResolve() {
        let names = ["a", "b", "c", "d", "e"]
        for count in 0...names.count {
            let list = names.prefix(count).joined(separator: ", ")
            let text = "local f = function(\(list)) for \(count == 0 ? "x" : list) in g do end end"
            let script = LuaScript(source: Array(text.utf8))
            #expect(script.syntaxErrors.isEmpty, "\(text)")
            let parameters = script.scopes.locals.filter { $0.kind == .parameter }.map(\.name)
            let loopNames = script.scopes.locals.filter { $0.kind == .forVariable }.map(\.name)
            #expect(parameters == Array(names.prefix(count)), "\(text)")
            #expect(loopNames == (count == 0 ? ["x"] : Array(names.prefix(count))), "\(text)")
            let printed = script.chunk.map { $0.sExpression } ?? ""
            #expect(printed.contains("(function (" + names.prefix(count).joined(separator: " ") + ")"), "\(printed)")
            #expect(printed.contains("(for-in (" + (count == 0 ? "x" : names.prefix(count).joined(separator: " ")) + ")"), "\(printed)")
        }
        // A local's initializers pair with its names by position.
        let script = LuaScript(source: Array("local p, q, r = 1, KEYS".utf8))
        #expect(script.scopes.locals.map(\.name) == ["p", "q", "r"])
        #expect(script.scopes.locals.map { $0.initializer != nil } == [true, true, false])
    }

    @Test func anErrorInANestedBlockKeepsTheMainChunksStatements() {
        var parser = LuaParser(bytes: Array("a = 1\nwhile x do if y then b = 2 +\nlocal c = 3\nd = 4".utf8))
        let chunk = parser.parseChunk()
        #expect(!parser.errors.isEmpty)
        #expect(chunk.sExpression == "(= (a) 1) (local (c) 3) (= (d) 4)")
    }

    @Test func deeplyNestedBlocksReadBackWhole() {
        // 190 levels is under luac's limit of 200 syntax levels; 10,000 is an error, not a trap.
        let depth = 190
        let chunk = Self.chunk(String(repeating: "do ", count: depth) + "x = 1" + String(repeating: " end", count: depth))
        var block = chunk.block
        for _ in 0..<depth {
            guard case .doBlock(let inner) = chunk.statements(of: block).first?.kind else { break }
            block = inner
        }
        #expect(chunk.statements(of: block).map(\.line) == [1])
        var parser = LuaParser(bytes: Array((String(repeating: "do ", count: 10_000) + String(repeating: " end", count: 10_000)).utf8))
        _ = parser.parseChunk()
        #expect(parser.errors.first?.message == "chunk has too many syntax levels")
    }
}
