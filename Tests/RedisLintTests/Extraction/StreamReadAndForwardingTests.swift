import Testing
@testable import RedisLint

/// XREAD/XREADGROUP stream names as keys in each client's typed signature, and Ruby's argument
/// forwarding (`def mget(...) = redis.mget(...)`) as unknown keys (eval3 R7, R8).
@Suite struct StreamReadAndForwardingTests {
    /// One line per op: `COMMAND keys | arguments | options`, keys and arguments comma-separated,
    /// options sorted.
    func ops(_ language: Language, _ code: String) -> [String] {
        let model = FrontEnd.analyze(SourceFile(path: "x.\(language.exampleExtension)", language: language, bytes: Array(code.utf8)),
                                     prefilter: false)
        return model.traces.flatMap(\.ops).map { op in
            let arguments = op.arguments.map { argument -> String in
                switch argument {
                case .literal(let bytes): return String(decoding: bytes, as: UTF8.self)
                case .number(let text): return text
                case .dynamic(let text): return "${" + text + "}"
                }
            }
            return "\(op.command) \(op.keys.map(\.display).joined(separator: ",")) | \(arguments.joined(separator: ",")) | \(op.options.sorted().joined(separator: ","))"
        }
    }

    // MARK: R7, typed stream reads

    @Test func redisRbKeysThenIds() {
        let code = """
            def read(k, ks, ids, opts)
              redis = Redis.new
              redis.xread("events", "0-0")
              redis.xread(["a", k], ["0", "$"], block: 100)
              redis.xread(%w[s1 s2], %w[0-0 0-0], count: 2)
              redis.xread("stream:#{k}", "$")
              redis.xread(ks, ids, count: 10, block: 100)
              redis.xreadgroup("g", "c", "orders", ">", count: 1, noack: true)
              redis.xreadgroup("g", "c", ks, ids, opts)
            end
            """
        #expect(ops(.ruby, code) == [
            "XREAD events | 0-0 | ",
            "XREAD a,${k} | 0,$ | BLOCK",
            "XREAD s1,s2 | 0-0,0-0 | COUNT",
            "XREAD stream:${k} | $ | ",
            "XREAD ${*ks} | ${ids} | BLOCK,COUNT",
            "XREADGROUP orders | g,c,> | COUNT,NOACK",
            "XREADGROUP ${*ks} | g,c,${ids},${opts} | ",
        ])
    }

    @Test func redisPyStreamsMapping() {
        let code = """
            import redis
            r = redis.Redis()
            def read(key, streams, ks):
                r.xread({key: '0-0'}, block=100)
                r.xread({"a": "0", "b": "$"}, count=5)
                r.xread({"a": "0"}, 5, 100)
                r.xread(streams=streams, count=1)
                r.xread(streams)
                r.xreadgroup("g", "c", {"orders": ">"}, noack=True)
                r.xreadgroup(groupname="g", consumername="c", streams={"orders": ">"}, count=1)
                r.xreadgroup("g", "c", {k: ">" for k in ks})
            """
        #expect(ops(.python, code) == [
            "XREAD ${key} | 0-0 | BLOCK",
            "XREAD a,b | 0,$ | COUNT",
            "XREAD a | 0 | BLOCK,COUNT",
            "XREAD ${*streams} |  | COUNT",
            "XREAD ${*streams} |  | ",
            "XREADGROUP orders | g,c,> | NOACK",
            "XREADGROUP orders | g,c,> | COUNT",
            "XREADGROUP ${*{k:\">\"for k in ks}} | g,c | ",
        ])
    }

    @Test func nodeRedisStreamObjects() {
        let code = """
            import { createClient } from 'redis';
            const client = createClient();
            export async function read(k: string, id: string, key: string, streams: any, one: any) {
              await client.xRead({ key: k, id: '$' }, { BLOCK: 0 });
              await client.xRead([{ key: 'a', id: '0' }, { key: k, id }], { COUNT: 1 });
              await client.xRead(streams);
              await client.xRead([one, ...streams]);
              await client.xReadGroup('g', 'c', { key: 'orders', id: '>' }, { NOACK: true, COUNT: 5 });
              await client.xReadGroup('g', 'c', [{ key, id }]);
              await client.xRead(commandOptions({ isolated: true }), { key: 'jobs', id: '$' }, { BLOCK: 0 });
              await client.xReadGroup(client.commandOptions({ isolated: true }), 'g', 'c', { key: 'jobs', id: '>' });
            }
            """
        #expect(ops(.javascript, code) == [
            "XREAD ${k} | $ | BLOCK",
            "XREAD a,${k} | 0,${id} | COUNT",
            "XREAD ${*streams} |  | ",
            "XREAD ${one},${*streams} |  | ",
            "XREADGROUP orders | g,c,> | COUNT,NOACK",
            "XREADGROUP ${key} | g,c,${id} | ",
            // node-redis v4's per-call options come first.
            "XREAD jobs | $ | BLOCK",
            "XREADGROUP jobs | g,c,> | ",
        ])
    }

    @Test func realRepositoryForms() {
        // bullmq redis-queue-backend.ts: its client interface takes node-redis's shape under `xread`.
        let bullmq = """
            import Redis from 'ioredis';
            export class Backend {
              async events(client: Redis, id: string) {
                const xread = client.xread([{ key: this.queue.keys.events, id }], { BLOCK: 1000 });
              }
            }
            """
        #expect(ops(.javascript, bullmq) == ["XREAD ${this.queue.keys.events} | ${id} | BLOCK"])
        // rq results.py:263.
        let rq = """
            def fetch_latest(cls, job, timeout_ms):
                response = job.connection.xread({cls.get_key(job.id): '0-0'}, block=timeout_ms)
            """
        #expect(ops(.python, rq) == ["XREAD ${cls.get_key(job.id)} | 0-0 | BLOCK"])
        // bullmq bun-redis-client.ts: `STREAMS`, the keys and the ids pushed onto a list sent raw.
        let bun = """
            import Redis from 'ioredis';
            export async function xread(client: Redis, args: string[]) {
              return await client.sendCommand('XREAD', args);
            }
            """
        #expect(ops(.javascript, bun) == ["XREAD ${*args} |  | "])
        // sidekiq-unique-jobs spec/support/sidekiq_unique_jobs/testing.rb:741.
        let sidekiq = """
            def xread(keys, ids, count: nil, block: nil)
              Sidekiq.redis { |conn| conn.xread(keys, ids, count: count, block: block) }
            end
            """
        #expect(ops(.ruby, sidekiq) == ["XREAD ${*keys} | ${ids} | BLOCK,COUNT"])
    }

    @Test func redisOwnOrderStillReadByTheKeySpec() {
        // ioredis spells STREAMS positionally; raw calls are Redis's own form.
        let ioredis = """
            import Redis from 'ioredis';
            const io = new Redis();
            export async function read(k: string, args: string[]) {
              await io.xread('BLOCK', 0, 'STREAMS', k, '$');
              await io.xreadgroup('GROUP', 'g', 'c', 'COUNT', 1, 'STREAMS', 'a', 'b', '>', '>');
              await io.xread(['STREAMS', k, '0']);
              await io.xread(...args);
              await io.sendCommand(['XREAD', 'STREAMS', k, '0']);
            }
            """
        #expect(ops(.javascript, ioredis) == [
            "XREAD ${k} | BLOCK,0,STREAMS,$ | BLOCK",
            "XREADGROUP a,b | GROUP,g,c,COUNT,1,STREAMS,>,> | COUNT",
            "XREAD ${k} | STREAMS,0 | ",
            "XREAD ${*args} |  | ",
            "XREAD ${k} | STREAMS,0 | ",
        ])
        let ruby = """
            def read(k)
              redis = Redis.new
              redis.call("XREAD", "STREAMS", k, "0")
              redis.call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s1", "s2", ">", ">")
              redis.call("XREAD", "COUNT", 1, "STREAMS", *streams_and_ids)
            end
            """
        #expect(ops(.ruby, ruby) == [
            "XREAD ${k} | STREAMS,0 | ",
            "XREADGROUP s1,s2 | GROUP,g,c,STREAMS,>,> | ",
            "XREAD ${*streams_and_ids} | COUNT,1,STREAMS | COUNT",
        ])
        let python = """
            import redis
            r = redis.Redis()
            def read(key):
                r.execute_command('XREAD', 'COUNT', 1, 'STREAMS', key, '0')
            """
        #expect(ops(.python, python) == ["XREAD ${key} | COUNT,1,STREAMS,0 | COUNT"])
    }

    @Test func otherStreamCommandsUnchanged() {
        #expect(ops(.ruby, "def f\n  redis = Redis.new\n  redis.xadd(\"s\", { a: 1 })\nend\n") == ["XADD s | ${{a:1}} | "])
        #expect(ops(.python, "import redis\nr = redis.Redis()\nr.xadd(\"s\", {\"a\": 1}, maxlen=10)\n") == ["XADD s | ${{\"a\":1}} | MAXLEN"])
    }

    // MARK: R8, Ruby argument forwarding

    @Test func rubyForwardingIsUnknownKeys() {
        let code = """
            class Helper
              def redis
                @redis ||= Redis.new
              end

              def mget(...)
                redis.mget(...)
              end

              def brpop(*args)
                redis.brpop(*args)
              end

              def del(*)
                redis.del(*)
              end

              def plain
                redis.mget("a", "b")
              end
            end
            """
        #expect(ops(.ruby, code) == [
            "MGET ${...} |  | ",
            "BRPOP ${*args} |  | ",
            "DEL ${*} |  | ",
            "MGET a,b |  | ",
        ])
    }

    @Test func rubyKeywordAndBlockForwardingAreNotKeys() {
        let code = """
            def f(k, **opts, &block)
              redis = Redis.new
              redis.set(k, "v", **opts, &block)
              redis.get(k, &block)
              redis.mget(k, &)
              redis.mget(k, **)
            end
            """
        #expect(ops(.ruby, code) == [
            "SET ${k} | v | ",
            "GET ${k} |  | ",
            "MGET ${k} |  | ",
            "MGET ${k} |  | ",
        ])
    }
}

extension StreamReadAndForwardingTests {
    /// A raw command given one list built at run time where it needs at least two arguments
    /// (`sendCommand('EVAL', evalLuaArgs)`, bullmq's bun client): the keys are in the list.
    @Test func rawCommandWithOneArgumentList() {
        let code = """
            import Redis from 'ioredis';
            class C { redis = new Redis();
              f(evalLuaArgs, args, key) {
                this.redis.call('EVAL', evalLuaArgs);
                this.redis.call('HSET', args);
                this.redis.call('GET', key);
                this.redis.call('PUBLISH', args);
              }
            }
            """
        #expect(ops(.javascript, code) == ["EVAL ${*evalLuaArgs} |  | ", "HSET ${*args} |  | ", "GET ${key} |  | ", "PUBLISH  | ${args} | "])
    }
}

extension StreamReadAndForwardingTests {
    /// `zunionstore(dest, keys)`: the clients count the keys of the list themselves (sidekiq-unique-jobs).
    @Test func countedKeyListsAreKeys() {
        let ruby = "def f(destination, keys)\n  conn = Redis.new\n  conn.zunionstore(destination, keys, weights: [1, 2])\n  conn.zinterstore(\"d\", [\"a\", \"b\"])\n  conn.zunionstore(\"d\", 2, \"a\", \"b\")\nend\n"
        #expect(ops(.ruby, ruby).map { $0.components(separatedBy: " | ")[0] } == ["ZUNIONSTORE ${destination},${*keys}", "ZINTERSTORE d,a,b", "ZUNIONSTORE d,a,b"])
        let python = "import redis\nr = redis.Redis()\nr.zunionstore(\"d\", {\"a\": 1, \"b\": 2})\nr.zinterstore(\"d\", [\"a\", \"b\"], aggregate=\"MAX\")\n"
        #expect(ops(.python, python).map { $0.components(separatedBy: " | ")[0] } == ["ZUNIONSTORE d,a,b", "ZINTERSTORE d,a,b"])
    }
}

extension StreamReadAndForwardingTests {
    /// `const args = [key, String(start), String(end)]; sendCommand('ZRANGE', args)`: the list literal the
    /// name holds gives the arguments, so only the key is a key (bullmq's bun client).
    @Test func rawCommandWithALocalListLiteral() {
        let code = """
            import Redis from 'ioredis';
            class C { redis = new Redis();
              async zrange(key, start, end, withScores) {
                const args = [key, String(start), String(end)];
                if (withScores) args.push('WITHSCORES');
                return this.redis.call('ZRANGE', args);
              }
            }
            """
        #expect(ops(.javascript, code).map { $0.components(separatedBy: " | ")[0] } == ["ZRANGE ${key}"])
    }
}

extension StreamReadAndForwardingTests {
    /// redis-py `hset(k, mapping={...})`, also through a name holding the literal: the fields are arguments.
    @Test func redisPyMappingFieldsAreArguments() {
        let python = "import redis\nr = redis.Redis()\ndef refresh(other):\n    status = {\"started_at\": 1, \"last\": 2}\n    r.hset(\"app:status\", mapping=status)\n    r.hset(\"b\", mapping={\"x\": 1})\n    r.hset(\"c\", mapping=other)\n"
        #expect(ops(.python, python) == ["HSET app:status | started_at,1,last,2 | ", "HSET b | x,1 | ", "HSET c | ${other} | "])
    }
}

extension StreamReadAndForwardingTests {
    /// `smove(source=…, destination=…, member=…)` by keyword (django-redis' sharded client): both keys.
    @Test func redisPyKeywordSourceAndDestination() {
        let python = "import redis\nr = redis.Redis()\ndef f(a, b, m):\n    r.smove(source=a, destination=b, member=m)\n    r.smove(destination=b, source=a, member=m)\n"
        #expect(ops(.python, python) == ["SMOVE ${a},${b} | ${m} | ", "SMOVE ${a},${b} | ${m} | "])
    }
}
