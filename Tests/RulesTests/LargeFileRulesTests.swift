import Testing
@testable import RedisLint
import Rules

/// A large file (1 MB or more; 64 KB here, to keep the test quick) has its rules shared out among the threads:
/// the report must be the one a single thread gives (same findings, order, fingerprints and suppressions).
@Suite struct LargeFileRulesTests {
    static let source: SourceFile = {
        var text = "import redis\nr = redis.Redis()\n"
        var n = 0
        while text.utf8.count < 70_000 {
            text += """
                def handler_\(n)(user):
                    count = r.incr(f"rate:{user}")
                    r.expire(f"rate:{user}", 60)
                    if not r.get("cache:\(n % 7)"):
                        r.set("cache:\(n % 7)", compute(user))
                    for key in r.keys("session:*"):  # redislint: disable=RL301
                        r.delete(key)
                    return count


                """
            n += 1
        }
        return SourceFile(path: "app/big.py", language: .python, bytes: Array(text.utf8))
    }()

    @Test func oneThreadOrManyGiveTheSameReport() {
        let one = Scanner(rules: RuleRegistry.all, options: Scanner.Options(jobs: 1)).scan(sources: [Self.source])
        var options = Scanner.Options(jobs: 4)
        options.splitRulesSize = 64 * 1024
        let four = Scanner(rules: RuleRegistry.all, options: options).scan(sources: [Self.source])
        #expect(one.findings.count > 500)
        #expect(Set(one.findings.map(\.ruleID)).count >= 3)
        #expect(four.findings == one.findings)
        #expect(four.findings.map(\.fingerprint) == one.findings.map(\.fingerprint))
        #expect(four.directives["app/big.py"]?.count == one.directives["app/big.py"]?.count && (one.directives["app/big.py"]?.count ?? 0) > 100)
    }

    /// `--jobs 1` means one thread: a large file is then lexed, parsed and traced on the calling thread too.
    @Test func oneJobSplitsNoFile() {
        #expect(Scanner.Options(jobs: 1).parallelFileMinimumBytes == .max)
        #expect(Scanner.Options(jobs: 2).parallelFileMinimumBytes == FrontEnd.parallelParseMinimumBytes)
    }
}
