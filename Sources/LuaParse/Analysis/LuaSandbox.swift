/// The globals Redis's Lua sandbox provides, taken from a real `redis-server` 7.0.15
/// (`for k in pairs(_G)` inside EVAL). Reading any other global raises "Script attempted to access
/// nonexistent global variable", and every global write raises "Attempt to modify a readonly table".
public enum LuaSandbox {
    public static let evalGlobals: Set<String> = [
        "ARGV", "KEYS", "_G", "_VERSION", "__redis__err__handler", "assert", "bit", "cjson", "cmsgpack",
        "collectgarbage", "coroutine", "error", "gcinfo", "getmetatable", "ipairs", "load", "loadstring", "math",
        "next", "pairs", "pcall", "rawequal", "rawget", "rawset", "redis", "select", "setmetatable", "string",
        "struct", "table", "tonumber", "tostring", "type", "unpack", "xpcall",
    ]

    /// Functions libraries get no KEYS/ARGV globals: their callbacks receive them as parameters.
    public static let functionLibraryGlobals: Set<String> = evalGlobals.subtracting(["KEYS", "ARGV"])

    /// Standard Lua functions Redis deletes from the sandbox.
    public static let removedByRedis: Set<String> = ["print", "dofile", "loadfile"]

    /// Standard Lua libraries and functions Redis never loads (`os` gains only `os.clock` in 7.4).
    public static let notProvided: Set<String> = [
        "require", "module", "package", "io", "os", "debug", "getfenv", "setfenv", "newproxy", "jit", "utf8", "bit32",
    ]

    /// Commands whose reply differs between calls or replicas.
    public static let nondeterministicCommands: Set<String> = [
        "TIME", "RANDOMKEY", "SRANDMEMBER", "SPOP", "HRANDFIELD", "ZRANDMEMBER", "SCAN", "SSCAN", "HSCAN", "ZSCAN",
    ]
}
