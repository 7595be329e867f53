/// A Lua script that host code reads from a file named by a literal path (`File.read("lua/release.lua")`,
/// `open("release.lua").read()`, `fs.readFileSync(path.join(__dirname, "release.lua"))`) and runs:
/// the project link finds the `.lua` file (`ProjectModel.scriptFile(for:from:)`), so call sites
/// can be checked against the script's KEYS and ARGV.
public struct ScriptFileReference: Sendable {
    /// The literal path parts joined by `/` (`lua/release.lua`, `../scripts/x.lua`).
    public var path: String
    /// Host span of the expression that reads the file.
    public var span: Range<Int>
    /// Where host code runs the script, as for embedded scripts.
    public var callSites: [ScriptCallSite] = []

    public init(path: String, span: Range<Int>, callSites: [ScriptCallSite] = []) {
        self.path = path
        self.span = span
        self.callSites = callSites
    }
}
