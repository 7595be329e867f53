import Testing
@testable import RedisLint

/// TSX elements with TypeScript type arguments (`<PaginatedList<OAuthClient> …/>`): the inner `>`
/// closes the type arguments, not the tag, so the element ends where it does and later functions
/// keep their own ops (eval2 N13).
@Suite struct JSXTypeArgumentTests {
    func model(_ code: String) -> FileModel {
        FrontEnd.analyze(SourceFile(path: "x.tsx", language: .javascript, bytes: Array(code.utf8)))
    }

    static let tail = "export async function g() {\n  await redis.hset(\"h\", \"f\", 1);\n}\n"
    static let head = "import Redis from \"ioredis\";\nconst redis = new Redis();\n"

    @Test func elementWithTypeArgumentsEndsAtItsTag() {
        let found = model(Self.head + "const A = () => (\n  <List<Item> items={[]} />\n);\n" + Self.tail)
        #expect(found.notes.isEmpty)
        #expect(found.traces.map(\.name) == ["g"])
        #expect(found.traces.first?.ops.map(\.command) == ["HSET"])
    }

    @Test func nestedAndFunctionTypeArgumentsWithChildren() {
        let code = Self.head + "const A = () => (\n  <Table<Row, Map<string, () => void>> render={(r: { a: string }) => <b>{r.a}</b>}>\n"
            + "    <List<{ id: string }> items={[]} />text with redis.get(\"x\")\n  </Table>\n);\n" + Self.tail
        let found = model(code)
        #expect(found.notes.isEmpty)
        #expect(found.traces.flatMap(\.ops).map(\.command) == ["HSET"], "JSX text is not code")
        let hset = code.utf8.count - Self.tail.utf8.count + "export async function g() {\n  await ".utf8.count
        #expect(found.traces.first { $0.name == "g" }?.ops.first?.span.lowerBound == hset, "spans stay exact after the element")
    }

    @Test func comparisonsInAttributeContainersAreUnchanged() {
        let found = model(Self.head + "const A = (a: number, b: number) => <Foo on={a > b} off={a < b} />;\n" + Self.tail)
        #expect(found.notes.isEmpty)
        #expect(found.traces.first { $0.name == "g" }?.ops.map(\.command) == ["HSET"])
    }
}

/// A TypeScript return type with an object type inside type arguments (`Promise<{ logs: string[] }>`,
/// bullmq's redis-queue-backend.ts) is not the method's body: the method keeps its ops.
@Suite struct TypeScriptReturnTypeTests {
    @Test func objectTypesInReturnTypesAreNotBodies() {
        let code = """
            import Redis from 'ioredis';
            class Q {
              redis = new Redis();
              async logs(id: string): Promise<{ logs: string[]; count: number }> {
                const multi = this.redis.multi();
                multi.lrange('a', 0, 1);
                return multi.exec();
              }
              async list(): Promise<{ a: number }[]> { return this.redis.llen('c'); }
              async nested(): Promise<Map<string, { a: number }>> { return this.redis.llen('d'); }
              literal(): { a: number } { return { a: this.redis.llen('e') }; }
            }
            """
        let traces = FrontEnd.analyze(SourceFile(path: "x.ts", language: .javascript, bytes: Array(code.utf8))).traces
        #expect(traces.map(\.name) == ["logs", "list", "nested", "literal"])
        #expect(traces.first?.ops.map(\.context) == [.transaction])
    }
}
