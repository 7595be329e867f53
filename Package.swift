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
        .target(name: "RedisLint", dependencies: ["LuaParse"]),
        .target(name: "Rules", dependencies: ["RedisLint"]),
        .executableTarget(name: "RedisLintCLI", dependencies: ["RedisLint", "Rules"]),
        // Private redis-server and a small RESP client, shared by the oracle tests.
        .target(name: "RedisTestSupport", path: "Tests/RedisTestSupport"),
        .testTarget(name: "LuaParseTests", dependencies: ["LuaParse", "RedisTestSupport"]),
        .testTarget(name: "RedisLintTests", dependencies: ["RedisLint", "RedisTestSupport"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "RedisLint", "RedisTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["RedisLintCLI", "RedisTestSupport"]),
    ]
)
