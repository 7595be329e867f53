import Testing
@testable import RedisLint

/// A container and subcommand joined in one method name (`client_id`, `script_load`, `scriptLoad`)
/// is a Redis API only on a receiver known to be a client; accessors send nothing, and redis-py's
/// `pubsub()` object subscribes (eval2 N8, N9).
@Suite struct JoinedSubcommandTests {
    func found(_ language: Language, _ code: String) -> [String] {
        FrontEnd.analyze(SourceFile(path: "x.\(language.exampleExtension)", language: language, bytes: Array(code.utf8)))
            .traces.flatMap(\.ops).map { [$0.command, $0.subcommand].compactMap { $0 }.joined(separator: " ") }
    }

    @Test func joinedNameOnAnUnknownReceiverIsNoCommand() {
        #expect(found(.ruby, "def show(client)\n  render json: {client_id: client.client_id}\nend\n").isEmpty)
        #expect(found(.python, "def f(conn):\n    return conn.config_get('maxmemory')\n").isEmpty)
        #expect(found(.ruby, "Sidekiq.redis { |redis| redis.client.disconnect }\n").isEmpty)
    }

    @Test func joinedNameOnAKnownClientIsItsSubcommand() {
        #expect(found(.python, "import redis\nr = redis.Redis()\nr.client_id()\nr.script_load('return 1')\n") == ["CLIENT ID", "SCRIPT LOAD"])
        #expect(found(.python, "def f(self):\n    self.redis.config_get('maxmemory')\n") == ["CONFIG GET"])
        #expect(found(.javascript, "import { createClient } from 'redis';\nconst client = createClient();\nawait client.scriptLoad('return 1');\n") == ["SCRIPT LOAD"])
    }

    @Test func redisRbConnectionAccessorSendsWhatItIsGiven() {
        let code = "def f\n  redis = Redis.new\n  redis._client.disconnect\n  redis._client.call([:get, \"k\"])\nend\n"
        let ops = FrontEnd.analyze(SourceFile(path: "x.rb", language: .ruby, bytes: Array(code.utf8))).traces.flatMap(\.ops)
        #expect(ops.map(\.command) == ["GET"])
        #expect(ops.map(\.confidence) == [.high])
        #expect(found(.ruby, "def f(user)\n  user.client.call([:get, \"k\"])\nend\n").isEmpty, "the client of something else")
    }

    @Test func pubsubObjectSubscribes() {
        let code = "from redis import Redis\ndef f(client: Redis):\n    p = client.pubsub(ignore_subscribe_messages=True)\n    p.subscribe(\"ch\")\n"
        #expect(found(.python, code) == ["SUBSCRIBE"])
        #expect(found(.python, "from redis import Redis\ndef f(client: Redis):\n    p = client.pubsub()\n") == [])
    }
}
