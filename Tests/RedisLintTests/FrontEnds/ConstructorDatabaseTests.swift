import Testing
import RedisLint

/// Database indexes given to client constructors (`FileModel.databaseSelections`).
@Suite struct ConstructorDatabaseTests {
    static func selections(_ language: Language, _ code: String) -> [Int] {
        let ext = ["ruby": "rb", "python": "py", "javascript": "ts", "swift": "swift"][language.rawValue] ?? "txt"
        return FrontEnd.analyze(SourceFile(path: "a.\(ext)", language: language, bytes: Array(code.utf8))).databaseSelections.map(\.index)
    }

    @Test func optionsAndURLsInEveryLanguage() {
        #expect(Self.selections(.ruby, "r = Redis.new(host: \"h\", db: 3)\ns = Redis.new(:db => 4)\nt = Redis.new(url: \"redis://h:6379/5\")\n") == [3, 4, 5])
        #expect(Self.selections(.python, "import redis\nr = redis.Redis(host=\"h\", db=1)\ns = redis.from_url(\"rediss://h:6379/6?ssl=true\")\n") == [1, 6])
        #expect(Self.selections(.javascript, "import Redis from \"ioredis\";\nconst a = new Redis({ db: 8 });\nconst b = createClient({ database: 9 });\nconst c = new Redis(\"redis://h:6379/10\");\n") == [8, 9, 10])
        #expect(Self.selections(.swift, "import RediStack\nlet c = RedisConnection.make(configuration: try .init(hostname: \"h\", database: 12), boundEventLoop: loop)\n") == [12])
    }

    @Test func databaseZeroOtherCallsCommentsAndStringsAreIgnored() {
        #expect(Self.selections(.ruby, "r = Redis.new(db: 0)\nconfigure(db: 2)\n# Redis.new(db: 2)\nx = \"Redis.new(db: 2)\"\n").isEmpty)
        #expect(Self.selections(.python, "import redis\nr = redis.Redis(db=0)\nsettings = dict(db=2)\nu = redis.from_url(\"redis://h:6379/\")\n").isEmpty)
        #expect(Self.selections(.javascript, "import Redis from \"ioredis\";\nconst a = new Redis({ port: 6379 });\nconst cfg = { db: 2 };\n").isEmpty)
    }
}
