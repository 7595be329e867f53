// swift-tools-version:6.0
import PackageDescription

// No third-party packages: only the toolchain. Keeps `swift build` fast in every CI.
let package = Package(
    name: "redislint",
    products: [
        .executable(name: "redislint", targets: ["RedisLintCLI"]),
        .library(name: "RedisLint", targets: ["RedisLint"]),
        .library(name: "LuaParse", targets: ["LuaParse"]),
    ],
    targets: [
        .target(name: "LuaParse"),
        // glibc's malloc.h for the command-line tool (Swift's Glibc module leaves it out).
        .target(name: "CMalloc"),
        .target(name: "RedisLint", dependencies: ["LuaParse"]),
        .target(name: "Rules", dependencies: ["RedisLint"]),
        .executableTarget(name: "RedisLintCLI", dependencies: ["RedisLint", "Rules", "CMalloc"]),
        // Private redis-server and a small RESP client, shared by the oracle tests.
        .target(name: "RedisTestSupport", path: "Tests/RedisTestSupport"),
        .testTarget(name: "LuaParseTests", dependencies: ["LuaParse", "RedisTestSupport"]),
        .testTarget(name: "RedisLintTests", dependencies: ["RedisLint", "RedisTestSupport"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "RedisLint", "RedisTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["RedisLintCLI", "RedisTestSupport"]),
    ]
)

// libFuzzer targets, one per lexer, the island pipeline, LuaParse and the TOML parser. Declared only
// when `scripts/fuzz` asks (REDISLINT_FUZZ=1, own scratch path) so the default build never compiles
// or links them. `-parse-as-library`: libFuzzer supplies `main`, the targets only the entry point.
if Context.environment["REDISLINT_FUZZ"] == "1" {
    let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["RedisLint"], path: "Fuzz/FuzzSupport"))
    for name in ["FuzzRubyLexer", "FuzzPythonLexer", "FuzzJavaScriptLexer", "FuzzSwiftLexer", "FuzzFrontEnd", "FuzzTOML"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["FuzzSupport", "RedisLint"], path: "Fuzz/\(name)",
                                                 swiftSettings: fuzzFlags))
    }
    package.targets.append(.executableTarget(name: "FuzzLuaParse", dependencies: ["LuaParse"], path: "Fuzz/FuzzLuaParse",
                                             swiftSettings: fuzzFlags))
}
