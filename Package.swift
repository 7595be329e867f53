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
        .testTarget(name: "LuaParseTests", dependencies: ["LuaParse"]),
        .testTarget(name: "RedisLintTests", dependencies: ["RedisLint"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "RedisLint"]),
        .testTarget(name: "CLITests", dependencies: ["RedisLintCLI"]),
    ]
)
