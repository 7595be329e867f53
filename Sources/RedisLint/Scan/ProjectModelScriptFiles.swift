/// Phase-2 link of Lua scripts read from files by literal path (`File.read("lua/release.lua")`):
/// which scanned `.lua` file a host file's reference names.
extension ProjectModel {
    /// The `.lua` file a reference reads: among scanned `.lua` files with the same file name, the one
    /// whose path ends with the reference's path (`..`/`.` segments dropped), preferring the one
    /// nearest the host file; a unique file name is enough when no path matches. Nil when none or
    /// several equally good candidates exist.
    public func scriptFile(for reference: ScriptFileReference, from host: FileModel) -> FileModel? {
        let wanted = reference.path.split(separator: "/").filter { $0 != "." && $0 != ".." && !$0.isEmpty }.map(String.init)
        guard let name = wanted.last else { return nil }
        let candidates = files.filter { file in
            file.source.language == .lua && file.source.path.split(separator: "/").last.map(String.init) == name
        }
        guard !candidates.isEmpty else { return nil }
        if candidates.count == 1 { return candidates[0] }
        let suffix = "/" + wanted.joined(separator: "/")
        let matching = candidates.filter { ("/" + $0.source.path).hasSuffix(suffix) }
        let pool = matching.isEmpty ? candidates : matching
        // Nearest: the longest shared leading folder path with the host file.
        let hostFolders = host.source.path.split(separator: "/").dropLast()
        func shared(_ file: FileModel) -> Int {
            zip(hostFolders, file.source.path.split(separator: "/").dropLast()).prefix { $0 == $1 }.count
        }
        let ranked = pool.map { ($0, shared($0)) }.sorted { $0.1 > $1.1 }
        if ranked.count > 1, ranked[0].1 == ranked[1].1 { return nil }
        return ranked.first?.0
    }
}
