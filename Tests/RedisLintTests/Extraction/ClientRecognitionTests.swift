import Testing
@testable import RedisLint

/// Clients from a project's own getter (`ri = redis_instance()`, found on plane), from the valkey-py and
/// coredis libraries (found on limits), and Swift properties typed with a generic client (Vapor's queues driver).
@Suite struct ClientRecognitionTests {
    func commands(_ language: Language, _ code: String) -> [String] { commandsWithConfidence(language, code) }

    @Test func gettersAreNamedOnlyForAClient() {
        for name in ["redis_instance", "get_redis", "get_redis_connection", "getRedisClient", "createValkeyConnection", "redis",
                     "redis_conn", "getSharedRedis"] {
            #expect(ClientEvidence.isClientGetterName(name), "\(name)")
        }
        for name in ["redis_key", "get_redis_url", "redisInfo", "redis_pool", "redis_available", "get_redis_config", "redisKeyFor",
                     "fetch", "get_client", "", "_", "redis2", "rédis_client", "RedisClient", "RedisConnection", "REDIS_CLIENT",
                     "init_redis"] {
            #expect(!ClientEvidence.isClientGetterName(name), "\(name)")
        }
    }

    @Test func aGettersResultIsAClient() {
        #expect(commands(.python, "def f(k):\n    ri = redis_instance()\n    if ri.exists(k):\n        ri.delete(k)\n") == ["EXISTS medium", "DEL medium"])
        #expect(commands(.javascript, "async function f(k) {\n  await getRedisClient().incr(k);\n}\n") == ["INCR medium"])
        #expect(commands(.ruby, "def f(k)\n  c = redis_connection()\n  c.expire(k, 5)\nend\n") == ["EXPIRE medium"])
        // Not a getter by its name, or known not to be a client: nothing changes.
        #expect(commands(.python, "def f(k):\n    u = get_redis_url()\n    u.get(k)\n").allSatisfy { $0.hasSuffix("low") })
        #expect(commands(.python, "def f(k):\n    c = Cache()\n    c.redis_client().get(k)\n").allSatisfy { $0.hasSuffix("low") })
    }

    @Test func valkeyAndCoredisClientsAreClients() {
        #expect(commands(.python, "import valkey\nv = valkey.Valkey(host='h')\nv.expire('k', 5)\n") == ["EXPIRE high"])
        #expect(commands(.python, "from valkey import Valkey\nv = Valkey()\nv.ttl('k')\n") == ["TTL high"])
        #expect(commands(.python, "import coredis\nclass S:\n    def __init__(self):\n        self.r = coredis.Redis()\n    async def f(self, k):\n        await self.r.incrby(k, 1)\n        await self.r.expire(k, 5)\n")
                == ["INCRBY high", "EXPIRE high"])
    }

    @Test func aSwiftPropertyOfAGenericClientTypeIsAClient() {
        let property = "import RediStack\nstruct Q<Client: RedisClient> {\n    let client: Client\n}\n"
        let inExtension = "extension Q {\n    func pop() {\n        _ = self.client.rpoplpush(from: RedisKey(\"q\"), to: RedisKey(\"p\"))\n    }\n}\n"
        #expect(commands(.swift, property + inExtension) == ["RPOPLPUSH high"])
        let inBody = "import RediStack\nstruct Q<Client: RedisClient> {\n    let client: Client\n    func pop() {\n        _ = self.client.rpoplpush(from: RedisKey(\"q\"), to: RedisKey(\"p\"))\n    }\n}\n"
        #expect(commands(.swift, inBody) == ["RPOPLPUSH high"])
        // A generic parameter constrained to something else says nothing.
        let other = "import RediStack\nstruct Q<Store: Codable> {\n    let client: Store\n    func pop() {\n        _ = self.client.rpoplpush(from: RedisKey(\"q\"), to: RedisKey(\"p\"))\n    }\n}\n"
        #expect(commands(.swift, other).allSatisfy { !$0.hasSuffix("high") })
    }

    @Test func aTypeScriptTypeAssertionSaysWhatTheValueIs() {
        let asserted = "import { createClient, type RedisClientType } from 'redis';\nclass C {\n  client: RedisClientType;\n  constructor(url: string) {\n    const client = createClient({ url });\n    this.client = client as RedisClientType;\n  }\n  async hit(k: string) {\n    const n = await this.client.incr(k);\n    if (n === 1) await this.client.expire(k, 60);\n  }\n}\n"
        #expect(commands(.javascript, asserted) == ["INCR high", "EXPIRE high"])
        // Asserted to a type that names no client: the value decides (`ReturnType<typeof createClient>`).
        let other = "import { createClient } from 'redis';\nfunction f(k: string) {\n  const c = createClient() as ReturnType<typeof createClient>;\n  c.incr(k);\n}\n"
        #expect(commands(.javascript, other) == ["INCR high"])
        // A project's own class named like a client is not a getter: its `set` may add a TTL.
        #expect(commands(.python, "def f(k):\n    c = RedisClient()\n    c.incr(k)\n").allSatisfy { !$0.hasSuffix("medium") })
    }

    /// A type about Valkey that is no client (valkey-swift's `ValkeyNodeSelection`): its `select(nodeIDs:)` is no SELECT.
    @Test func aTypeNamedAfterValkeyThatIsNoClientSendsNothing() {
        let selection = "import Valkey\nfunc node(_ selection: ValkeyNodeSelection, ids: [Int]) -> Int {\n    selection.select(nodeIDs: ids)\n}\n"
        #expect(commands(.swift, selection).allSatisfy { $0.hasSuffix("low") })
        #expect(!ClientEvidence.isClientType("ValkeyClientStateMachine"))
        #expect(ClientEvidence.isClientType("ValkeyClient"))
        #expect(ClientEvidence.isClientType("ValkeyNodeClient"))
        #expect(commands(.swift, "import Valkey\nfunc db(_ client: ValkeyClient, index: Int) async throws {\n    try await client.select(index: index)\n}\n") == ["SELECT high"])
    }
}
