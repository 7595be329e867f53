@testable import LuaParse
import RedisTestSupport
import Testing

/// The Redis view skips its search for `redis.register_function` when the parser saw no field name or
/// string constant `register_function`, and the scope resolver then keeps no local functions (the search's
/// only use of them). Skipping must change nothing: the view built with the screen equals the one built
/// without it, on registrations spelled every way and on generated programs.
@Suite struct RegistrationScreenTests {
    struct Outcome: Equatable {
        var registrations: [String]
        var calls: [String]
        var usage: String
    }

    static func analyse(_ source: [UInt8], screened: Bool) -> (Outcome, mayRegister: Bool) {
        let (chunk, _, mayRegister, _, _, lines) = LuaScript.parse(source, from: 0)
        var resolver = LuaScopeResolver(lines: lines, keepsLocalFunctions: screened ? mayRegister : true)
        var view = LuaRedisView(scopes: resolver.resolve(chunk), lines: lines)
        view.analyse(chunk, mayRegisterFunctions: screened ? mayRegister : true)
        let outcome = Outcome(
            registrations: view.registrations.map { "\($0.name ?? "-") \($0.span) \($0.flags) \(String(describing: $0.callbackSpan)) \($0.usage)" },
            calls: view.calls.map { "\($0.registeredFunction ?? "-") \($0.span)" },
            usage: "\(view.usage)")
        return (outcome, mayRegister)
    }

    static let registrations = [
        "redis.register_function('f', function(keys, args) return redis.call('GET', keys[1]) end)",
        "redis.register_function{function_name='g', callback=function(k, a) return a[1] end, flags={'no-writes'}}",
        "local function h(keys) return redis.call('INCR', keys[1]) end\nredis.register_function('h', h)",
        "redis['register_function']('i', function(keys) return #keys end)",
        "redis[\"register\\095function\"]('j', function(keys) return keys[2] end)",
        "redis[ [[register_function]] ]('k', function() return redis.call('TIME') end)",
        "local r = redis\nr.register_function('l', function(keys) return keys[1] end)",
        "redis.register_functions('m', function(keys) return keys[1] end)",
    ]

    @Test func registrationsAreFoundWhateverTheSpelling() {
        for text in Self.registrations {
            let source = Array(text.utf8)
            let (screened, mayRegister) = Self.analyse(source, screened: true)
            let (full, _) = Self.analyse(source, screened: false)
            #expect(screened == full, "\(text)")
            if !full.registrations.isEmpty { #expect(mayRegister, "\(text)") }
        }
        // The spellings the view recognises are all found (the last two are not registrations).
        #expect(Self.registrations.filter { !Self.analyse(Array($0.utf8), screened: true).0.registrations.isEmpty }.count == 6)
    }

    @Test func generatedProgramsAgree() {
        var generator = LuaProgramGenerator(seed: 77)
        for index in 0..<400 {
            var source = generator.render(generator.program())
            if index % 3 == 0 { source += Array(("\n" + Self.registrations[index % Self.registrations.count]).utf8) }
            #expect(Self.analyse(source, screened: true).0 == Self.analyse(source, screened: false).0,
                    "\(String(decoding: source, as: UTF8.self))")
        }
    }
}
