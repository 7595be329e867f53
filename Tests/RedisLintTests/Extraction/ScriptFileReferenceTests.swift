import Testing
@testable import RedisLint

/// Lua scripts read from `.lua` files by a literal path, their call sites, and the phase-2 link to
/// the scanned `.lua` file (issue 3, item 8).
@Suite struct ScriptFileReferenceTests {
    func model(_ language: Language, _ code: String, path: String? = nil) -> FileModel {
        FrontEnd.analyze(SourceFile(path: path ?? "app/x.\(language.exampleExtension)", language: language, bytes: Array(code.utf8)))
    }

    func summary(_ model: FileModel) -> [String] {
        model.scriptFileReferences.map { reference in
            reference.path + " " + reference.callSites.map { "\($0.numberOfKeys.map(String.init) ?? "?")/\($0.argumentCount.map(String.init) ?? "?")" }.joined(separator: ",")
        }
    }

    @Test func rubyConstantReadFromAFile() {
        let code = "SCRIPT = File.read(File.join(__dir__, \"lua\", \"release.lua\"))\n"
            + "def release(redis, k, t)\n  redis.eval(SCRIPT, keys: [k], argv: [t])\nend\n"
        #expect(summary(model(.ruby, code)) == ["lua/release.lua 1/1"])
    }

    @Test func pythonRegisteredScriptFromAFile() {
        let code = "import redis\nr = redis.Redis()\nrelease = r.register_script(open(\"scripts/release.lua\").read())\n"
            + "def f(k, t):\n    release(keys=[k], args=[t])\n"
        #expect(summary(model(.python, code)) == ["scripts/release.lua 1/1"])
    }

    @Test func classConstantRegisteredAndCalledWithPositionalLists() {
        // The shape of `limits`: a class attribute read by a package-data helper, registered in a
        // method, and run as `self.script([keys], [args])`.
        let code = "import redis\nclass Storage:\n    SCRIPT_WINDOW = get_package_data(f\"{RES_DIR}/moving_window.lua\")\n"
            + "    def __init__(self, r: redis.Redis):\n        self.lua_window = r.register_script(self.SCRIPT_WINDOW)\n"
            + "    def get(self, key, limit):\n        return self.lua_window([key], [limit, 1])\n"
        #expect(summary(model(.python, code)) == ["/moving_window.lua 1/2"])
    }

    @Test func ioredisDefinedCommandFromAFile() {
        let code = "const fs = require('fs');\nconst path = require('path');\nconst Redis = require('ioredis');\nconst redis = new Redis();\n"
            + "redis.defineCommand('release', { numberOfKeys: 1, lua: fs.readFileSync(path.join(__dirname, 'release.lua'), 'utf8') });\n"
            + "async function f(k, t) { await redis.release(k, t); }\n"
        #expect(summary(model(.javascript, code)) == ["release.lua 1/1"])
        let template = "const fs = require('fs');\nconst Redis = require('ioredis');\nconst redis = new Redis();\n"
            + "const LUA = fs.readFileSync(`${__dirname}/lua/x.lua`, 'utf8');\nredis.eval(LUA, 2, 'a', 'b');\n"
        #expect(summary(model(.javascript, template)) == ["/lua/x.lua 2/0"])
    }

    @Test func otherFilesAndComputedPathsAreNotScripts() {
        #expect(model(.ruby, "CONFIG = File.read(\"config.yml\")\ndef f(redis)\n  redis.eval(CONFIG)\nend\n").scriptFileReferences.isEmpty)
        #expect(model(.ruby, "def f(redis, path)\n  redis.eval(File.read(path), keys: [\"k\"])\nend\n").scriptFileReferences.isEmpty)
        #expect(model(.python, "import redis\nr = redis.Redis()\nr.eval(\"return 1\", 0)\n").scriptFileReferences.isEmpty)
    }

    @Test func projectLinksTheReferenceToTheNearestMatchingFile() throws {
        let host = model(.ruby, "SCRIPT = File.read(File.join(__dir__, \"lua\", \"release.lua\"))\ndef f(redis, k)\n  redis.eval(SCRIPT, keys: [k])\nend\n",
                         path: "app/locks/lock.rb")
        let lua = { (path: String) in self.model(.lua, "return redis.call('DEL', KEYS[1])\n", path: path) }
        let project = ProjectModel(files: [host, lua("app/locks/lua/release.lua"), lua("vendor/other/release.lua"), lua("app/locks/lua/acquire.lua")])
        let reference = try #require(host.scriptFileReferences.first)
        #expect(project.scriptFile(for: reference, from: host)?.source.path == "app/locks/lua/release.lua")
        let alone = ProjectModel(files: [host, lua("somewhere/release.lua")])
        #expect(alone.scriptFile(for: reference, from: host)?.source.path == "somewhere/release.lua", "a unique file name is enough")
        #expect(ProjectModel(files: [host, lua("a/acquire.lua")]).scriptFile(for: reference, from: host) == nil)
    }
}
