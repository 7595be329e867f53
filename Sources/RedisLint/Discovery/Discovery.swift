import Synchronization

/// Finds the files to scan: a recursive walk that honours `.gitignore` and `.ignore` files (nested,
/// negation, anchoring, directory-only patterns) and `.git/info/exclude`, never enters `.git`, skips
/// dependency and build folders by default, applies `--exclude`, detects languages by extension and
/// by `#!` line, and follows symbolic links without visiting a folder twice.
public struct Discovery: Sendable {
    public struct Options: Sendable {
        /// `--exclude` and configuration globs, relative to the project root.
        public var excludes: [GlobPattern] = []
        /// Apply excludes and ignore files to paths named on the command line too.
        public var forceExclude = false
        public var respectIgnoreFiles = true
        /// Folders never entered unless named explicitly.
        public var skippedFolderNames: Set<String> = ["node_modules", "vendor", ".build", "Pods", ".venv", "venv"]
        /// Minified JavaScript bundles (`jquery-3.6.0.min.js`) are vendored, generated code: skipped while
        /// walking, scanned when named.
        public var skipsMinifiedBundles = true
        /// Threads listing folders.
        public var jobs = System.activeProcessorCount
        public init() {}
    }

    public struct File: Sendable, Equatable {
        public var absolutePath: String
        /// Project-relative path with `/` (as reported).
        public var path: String
        public var language: Language
        /// Named on the command line (rather than found by walking).
        public var explicit: Bool

        public init(absolutePath: String, path: String, language: Language, explicit: Bool) {
            self.absolutePath = absolutePath
            self.path = path
            self.language = language
            self.explicit = explicit
        }
    }

    public struct Result: Sendable {
        public var files: [File] = []
        public var diagnostics: [FileDiagnostic] = []
        /// The folders the walk listed (absolute paths), and whether each holds a configuration file
        /// (`.redislint.toml`): the configuration is then looked up without a `stat` per folder.
        public var listedFolders = ListedFolders()
        public init() {}
    }

    public let root: String
    public let workingDirectory: String
    public let options: Options

    /// `options.skippedFolderNames` by their bytes; nil when one is not ASCII (then they are compared as strings).
    private let skippedNames: ASCIINameTable?
    /// The root's bytes, for reported paths worked out on bytes.
    private let rootBytes: [UInt8]
    private let rootIsASCII: Bool

    /// - Parameters:
    ///   - root: the project root (see `projectRoot`); reported paths are relative to it.
    ///   - workingDirectory: what relative command-line paths are relative to.
    public init(root: String, workingDirectory: String, options: Options) {
        self.root = Paths.normalize(root)
        self.workingDirectory = workingDirectory
        self.options = options
        rootBytes = Array(self.root.utf8)
        rootIsASCII = rootBytes.allSatisfy { $0 < 0x80 }
        skippedNames = options.skippedFolderNames.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
            ? ASCIINameTable(options.skippedFolderNames.map { ($0, Int32(0)) }) : nil
    }

    /// The repository root of `path` (the nearest folder upwards holding `.git`); outside a repository,
    /// `workingDirectory` when the path is inside it, else the path's own folder. (Falling back to the
    /// working directory for a path elsewhere made the scope, and so the findings, depend on where the
    /// command ran: a repository there was analysed along with the path.)
    public static func projectRoot(of path: String, workingDirectory: String) -> String {
        var current = Paths.absolute(path, relativeTo: workingDirectory)
        if let status = FileSystem.status(current), status.kind != .directory {
            current = Paths.parent(current)
        }
        let start = current
        while true {
            if FileSystem.status(current + (current == "/" ? "" : "/") + ".git") != nil { return current }
            let parent = Paths.parent(current)
            if parent == current { break }
            current = parent
        }
        let cwd = Paths.normalize(workingDirectory)
        return start == cwd || start.hasPrefix(cwd == "/" ? "/" : cwd + "/") ? cwd : start
    }

    /// `x.min.js`, `x.min.mjs`, `x.min.cjs`.
    static func isMinifiedBundle(_ name: String) -> Bool {
        name.hasSuffix(".min.js") || name.hasSuffix(".min.mjs") || name.hasSuffix(".min.cjs")
    }

    /// `isMinifiedBundle` on an ASCII name's bytes (its String answers the same: an ASCII string ends with
    /// another exactly when its bytes do; `hasSuffix` three times was ~300 instructions a file).
    static func isMinifiedBundle(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        func endsWith(_ suffix: StaticString) -> Bool {
            suffix.withUTF8Buffer { suffix in
                name.count >= suffix.count
                    && PathTable.equal(UnsafeBufferPointer(rebasing: name[(name.count - suffix.count)...]), suffix, count: suffix.count)
            }
        }
        return endsWith(".min.js") || endsWith(".min.mjs") || endsWith(".min.cjs")
    }

    /// Does `folder` hold a `.git` (folder or file, as in worktrees and submodules)?
    public static func isRepository(_ folder: String) -> Bool {
        FileSystem.status(folder + (folder == "/" ? "" : "/") + ".git") != nil
    }

    public func discover(_ paths: [String]) -> Result {
        var result = Result()
        var seenFiles = Set<String>()
        var visitedFolders = PathTable()
        for given in paths {
            let absolute = Paths.absolute(given, relativeTo: workingDirectory)
            guard let status = FileSystem.status(absolute) else {
                let reason = FileSystem.status(absolute, followLinks: false) != nil ? "broken symbolic link" : "no such file or directory"
                result.diagnostics.append(FileDiagnostic(path: given, level: .error, message: "\(reason)"))
                continue
            }
            let components = relativeComponents(absolute)
            switch status.kind {
            case .directory:
                if options.forceExclude, isExcludedWithParents(components, isDirectory: true, rules: ignoreRules(above: Paths.parent(absolute))) { continue }
                walk(absolute, components: components, into: &result, seen: &seenFiles, tracksPaths: paths.count > 1, visited: &visitedFolders)
            case .regular:
                guard !seenFiles.contains(absolute) else { continue }
                if options.forceExclude, isExcludedWithParents(components, isDirectory: false, rules: ignoreRules(above: Paths.parent(absolute))) { continue }
                if let language = language(ofFileAt: absolute, name: Paths.lastComponent(absolute)) {
                    seenFiles.insert(absolute)
                    result.files.append(File(absolutePath: absolute, path: display(absolute), language: language, explicit: true))
                } else {
                    result.diagnostics.append(FileDiagnostic(path: display(absolute), message: "not a Ruby, Python, TypeScript/JavaScript, Swift or Lua file (by extension or #! line); skipped"))
                }
            case .symlink, .other:
                result.diagnostics.append(FileDiagnostic(path: display(absolute), message: FileError.notRegular.message))
            }
        }
        result.files.sort { $0.path < $1.path }
        return result
    }

    // MARK: - Walking

    struct FolderID {
        let device: UInt64
        let inode: UInt64

        /// The sixteen bytes of the device and inode and their hash, as a key of a `PathTable` (a `Set<FolderID>`
        /// hashed each folder with SipHash on the thread that takes the listings in order).
        func withKey<R>(_ body: (UnsafeBufferPointer<UInt8>, UInt64) -> R) -> R {
            withUnsafeBytes(of: (device, inode)) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                return body(bytes, PathTable.hash(bytes))
            }
        }
    }

    /// A folder to list, with the ignore rules of the folders above it.
    private struct Folder: Sendable {
        var path: String
        var components: [ArraySlice<UInt8>]
        var rules: IgnoreRules
    }

    /// What listing one folder found.
    private struct Listing: Sendable {
        var id: FolderID
        var path: String
        /// The folder holds a configuration file (nil: not known from the listing, e.g. behind a link).
        var hasConfiguration: Bool?
        /// The hash of the path's bytes for `ListedFolders` (worked out on the thread that listed the folder), nil
        /// when they are not all ASCII.
        var pathHash: UInt64?
        var files: [File] = []
        var diagnostics: [FileDiagnostic] = []
        var subfolders: [Folder] = []
    }

    /// Breadth first: the folders of one depth are listed on `options.jobs` threads (listing, `stat` and
    /// ignore files are most of a large tree's start-up), and their results taken in order, so the outcome
    /// does not depend on scheduling. A folder reached twice (a link) counts at its first, shallowest path.
    private func walk(_ start: String, components: [ArraySlice<UInt8>], into result: inout Result,
                      seen: inout Set<String>, tracksPaths: Bool, visited: inout PathTable) {
        // A depth's folders, as the lists of subfolders the listings of the depth above made, in order: taking each
        // folder into one list was a copy (three retains) and then a release of every folder on this thread.
        var frontier = [[Folder(path: start, components: components, rules: ignoreRules(above: Paths.parent(start)))]]
        var leftovers: Leftovers? = nil
        while !frontier.isEmpty {
            let level = frontier
            let previous = leftovers
            var count = 0
            let starts = level.map { folders in  // where each list starts in the depth's order
                defer { count += folders.count }
                return count
            }
            let listings = parallelMap(count: count, jobs: options.jobs) { index in
                previous?.drop()
                // The last list starting at or before `index`.
                var low = 0, high = starts.count - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if starts[middle] <= index { low = middle } else { high = middle - 1 }
                }
                return list(level[low][index - starts[low]])
            }
            frontier = []
            // Each listing's parts are read where it is kept: taking a copy of it (`for listing in listings`, then
            // unwrapping it) was two copies, ~9 retains and as many releases a folder on this thread.
            listings.withUnsafeBufferPointer { listings in
                for index in listings.indices {
                    // Vanished; a link loop or a folder named twice.
                    guard let id = listings[index]?.id, id.withKey({ visited.insert($0, hash: $1) }) else { continue }
                    result.diagnostics += listings[index]!.diagnostics
                    if let known = listings[index]!.hasConfiguration {
                        result.listedFolders.record(listings[index]!.path, hash: listings[index]!.pathHash, holdsConfiguration: known)
                    }
                    // A folder is listed once (by device and inode), so a file can come twice only when several
                    // paths were named; the set of paths is kept only then (hashing every path was 9% of a walk).
                    if tracksPaths {
                        for file in listings[index]!.files where seen.insert(file.absolutePath).inserted { result.files.append(file) }
                    } else {
                        result.files += listings[index]!.files
                    }
                    if !listings[index]!.subfolders.isEmpty { frontier.append(listings[index]!.subfolders) }
                }
            }
            leftovers = Leftovers(level, listings)
        }
    }

    /// A depth's folders and listings once taken in order: freed by a worker listing the next depth, not on the
    /// thread that takes the listings in order while the others wait (their paths, components, names and lists
    /// were ~9M instructions of a walk of nb100, a third of its serial part).
    private final class Leftovers: @unchecked Sendable {
        // Written once, by the one worker that wins `taken`; read by no one else.
        private var level: [[Folder]]?
        private var listings: [Listing?]?
        private let taken = Atomic<Bool>(false)

        init(_ level: [[Folder]], _ listings: [Listing?]) {
            self.level = level
            self.listings = listings
        }

        func drop() {
            guard !taken.load(ordering: .relaxed), !taken.exchange(true, ordering: .acquiringAndReleasing) else { return }
            level = nil
            listings = nil
        }
    }

    /// One folder's files to scan and subfolders to enter (nil when it cannot be found any more).
    private func list(_ folder: Folder) -> Listing? {
        var listing: Listing
        let listed: FolderEntries
        if let opened = FileSystem.openFolder(folder.path) {
            listing = Listing(id: FolderID(device: opened.status.device, inode: opened.status.inode), path: folder.path)
            listed = opened.entries
        } else {
            // Gone, or not readable: asked again by path, to tell the two apart.
            guard let status = FileSystem.status(folder.path) else { return nil }
            listing = Listing(id: FolderID(device: status.device, inode: status.inode), path: folder.path)
            switch FileSystem.listWithKinds(folder.path) {
            case .success(let entries): listed = entries
            case .failure(let error):
                listing.diagnostics.append(FileDiagnostic(path: display(folder.path), message: "cannot read folder: \(error.message)"))
                return listing
            }
        }
        // The configuration file and the ignore files, told by their names' bytes before the entries are walked.
        listing.hasConfiguration = false
        var ignoreFiles = 0  // bit i: `ignoreFileNames[i]` is here
        for entry in listed.entries where listed.names[Int(entry.start)] == 0x2E || !entry.isASCII {
            if Discovery.name(of: entry, in: listed, is: Discovery.configurationName) {
                // A link, or an entry of unknown type, is asked with `stat` when the configuration is looked up.
                listing.hasConfiguration = entry.kind == .regular ? true : entry.kind == .directory ? false : nil
            }
            for (index, name) in Discovery.ignoreFileNameBytes.enumerated() where Discovery.name(of: entry, in: listed, is: name) {
                ignoreFiles |= 1 << index
            }
        }
        let rules = options.respectIgnoreFiles
            ? withIgnoreFiles(in: folder.path, present: ignoreFiles, components: folder.components, rules: folder.rules) : folder.rules
        // No exclude and no ignore pattern: nothing to ask about an entry (its components need not be made).
        let asksAboutEntries = !options.excludes.isEmpty || !rules.isEmpty
        // An entry's components are the folder's and its name: one list, its last element replaced per entry
        // (a copy of the folder's list per entry, then its release, cost ~1,200 instructions an entry), the name
        // a slice of the listing's bytes (an array per name was an allocation and a release per entry).
        var entryComponents: [ArraySlice<UInt8>] = []
        entryComponents.reserveCapacity(folder.components.count + 1)  // one allocation (a copy, then a larger one)
        entryComponents += folder.components
        entryComponents.append([])
        let last = entryComponents.count - 1
        // (The name, not a function setting `entryComponents`: a nested function writing it made every write a
        // dynamically checked access, swift_beginAccess, ~80 instructions an entry.)
        func component(_ entry: FolderEntries.Entry) -> ArraySlice<UInt8> {
            entry.isASCII ? listed.name(of: entry) : Array(String(decoding: listed.name(of: entry), as: UTF8.self).utf8)[...]
        }
        // Each entry's path and reported path are the folder's with the name added, made from the bytes in one
        // allocation each (the folder's prefixes as strings, and its reported path, were three more per folder).
        var folderPath = folder.path
        folderPath.withUTF8 { head in
            listing.pathHash = ListedFolders.asciiHash(head)
            let slash = !(head.count == 1 && head[0] == 0x2F)  // no `/` after the folder `/`
            let shownFrom = listing.pathHash != nil && rootIsASCII ? shownStart(of: head) : shownStart(of: folder.path, length: head.count)
            let shownHead = UnsafeBufferPointer(rebasing: head[shownFrom...])
            let shownSlash = slash && shownFrom < head.count
            listed.names.withUnsafeBufferPointer { bytes in
                for entry in listed.entries {
                    let nameBytes = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.start + entry.count)])
                    func path() -> String { Discovery.joined(head, slash: slash, nameBytes) }
                    func shown() -> String { Discovery.joined(shownHead, slash: shownSlash, nameBytes) }
                    // Links and unknown types are followed with `stat`; the listing's type is enough for the rest.
                    let kind: FileSystem.Kind
                    if let listedKind = entry.kind {
                        kind = listedKind
                    } else {
                        let path = path()
                        if let status = FileSystem.status(path) {
                            kind = status.kind
                        } else {
                            if FileSystem.status(path, followLinks: false)?.kind == .symlink { continue }  // dangling link
                            listing.diagnostics.append(FileDiagnostic(path: shown(), message: "cannot read: \(FileSystem.errorMessage())"))
                            continue
                        }
                    }
                    switch kind {
                    case .directory:
                        if isSkippedFolder(entry, in: listed) { continue }
                        entryComponents[last] = component(entry)
                        if isExcluded(entryComponents, isDirectory: true, rules: rules) { continue }
                        listing.subfolders.append(Folder(path: path(), components: entryComponents, rules: rules))
                    case .regular:
                        // An ASCII name is asked about as its bytes; another is made a string (its Characters decide).
                        // Making every file's name a string cost ~500 instructions a file.
                        let name = entry.isASCII ? nil : String(decoding: nameBytes, as: UTF8.self)
                        var filePath: String? = nil
                        var language = if let name { Language.forFileName(name) } else { Language.forASCIIFileName(nameBytes) }
                        if language == nil, name.map(Discovery.mayHaveShebang) ?? Discovery.mayHaveShebang(nameBytes) {
                            filePath = path()
                            language = shebangLanguage(ofFileAt: filePath!)
                        }
                        guard let language else { continue }
                        if options.skipsMinifiedBundles,
                           name.map(Discovery.isMinifiedBundle) ?? Discovery.isMinifiedBundle(nameBytes) { continue }
                        if asksAboutEntries {
                            entryComponents[last] = component(entry)
                            if isExcluded(entryComponents, isDirectory: false, rules: rules) { continue }
                        }
                        listing.files.append(File(absolutePath: filePath ?? path(), path: shown(), language: language, explicit: false))
                    case .symlink, .other:
                        // FIFOs, sockets and devices are never opened; say so only for files we would have read.
                        guard Language.forFileName(String(decoding: nameBytes, as: UTF8.self)) != nil else { continue }
                        if asksAboutEntries {
                            entryComponents[last] = component(entry)
                            if isExcluded(entryComponents, isDirectory: false, rules: rules) { continue }
                        }
                        listing.diagnostics.append(FileDiagnostic(path: shown(), message: FileError.notRegular.message))
                    }
                }
            }
        }
        return consume listing  // (a plain `return listing` copied it, then released the original)
    }

    /// Where the reported path of `folder` starts in its bytes (`display`, without making it): after the root and
    /// its `/` inside the root, at the end for the root itself, at the start outside it.
    private func shownStart(of folder: String, length: Int) -> Int {
        if folder == root { return length }
        if root == "/" { return folder.utf8.first == 0x2F ? 1 : 0 }
        return Paths.isInside(folder, root) ? root.utf8.count + 1 : 0
    }

    /// `shownStart(of:length:)` on the bytes of an ASCII folder path (the root's ASCII too: the strings then compare as
    /// their bytes do; comparing them as strings was ~500 instructions a folder).
    private func shownStart(of folder: UnsafeBufferPointer<UInt8>) -> Int {
        rootBytes.withUnsafeBufferPointer { root in
            if folder.count == root.count && PathTable.equal(folder, root, count: root.count) { return folder.count }
            if root.count == 1 && root[0] == 0x2F { return folder.first == 0x2F ? 1 : 0 }
            return Paths.afterPrefix(folder, root) ?? 0
        }
    }

    /// `head`, a `/` when `slash`, and `name`, made in one allocation.
    private static func joined(_ head: UnsafeBufferPointer<UInt8>, slash: Bool, _ name: UnsafeBufferPointer<UInt8>) -> String {
        let count = head.count + (slash ? 1 : 0) + name.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            guard let start = buffer.baseAddress else { return 0 }
            var at = start
            if let bytes = head.baseAddress { at.initialize(from: bytes, count: head.count) }
            at += head.count
            if slash { at.initialize(to: 0x2F); at += 1 }
            if let bytes = name.baseAddress { at.initialize(from: bytes, count: name.count) }
            return count
        }
    }

    /// `.git`, or a folder of `options.skippedFolderNames`: never entered while walking.
    private func isSkippedFolder(_ entry: FolderEntries.Entry, in listed: FolderEntries) -> Bool {
        if entry.isASCII, let skippedNames {
            let name = listed.name(of: entry)
            if name.count == 4 && name.elementsEqual(".git".utf8) { return true }
            return name.withUnsafeBufferPointer { skippedNames.value(ofBytes: $0) != nil }
        }
        let name = String(decoding: listed.name(of: entry), as: UTF8.self)
        return name == ".git" || options.skippedFolderNames.contains(name)
    }

    /// Is `entry`'s name `name` (as strings compare: on the bytes when the entry's are ASCII)?
    private static func name(of entry: FolderEntries.Entry, in listed: FolderEntries, is name: (bytes: [UInt8], string: String)) -> Bool {
        if entry.isASCII { return Int(entry.count) == name.bytes.count && listed.name(of: entry).elementsEqual(name.bytes) }
        return String(decoding: listed.name(of: entry), as: UTF8.self) == name.string
    }

    private static let configurationName = (bytes: Array(Configuration.fileName.utf8), string: Configuration.fileName)
    private static let ignoreFileNameBytes = ignoreFileNames.map { (bytes: Array($0.utf8), string: $0) }

    /// For paths named on the command line with `--force-exclude`: excluded when the path or any
    /// folder above it is (the walk never reaches files inside an excluded folder, so it need not ask).
    private func isExcludedWithParents(_ components: [ArraySlice<UInt8>], isDirectory: Bool, rules: IgnoreRules) -> Bool {
        for length in 1..<max(1, components.count) where isExcluded(Array(components.prefix(length)), isDirectory: true, rules: rules) {
            return true
        }
        return isExcluded(components, isDirectory: isDirectory, rules: rules)
    }

    private func isExcluded(_ components: [ArraySlice<UInt8>], isDirectory: Bool, rules: IgnoreRules) -> Bool {
        for pattern in options.excludes where pattern.matches(components, isDirectory: isDirectory) {
            return true
        }
        return rules.isIgnored(components, isDirectory: isDirectory)
    }

    /// `present`: bit i set when the folder holds `ignoreFileNames[i]`.
    private func withIgnoreFiles(in folder: String, present: Int, components: [ArraySlice<UInt8>], rules: IgnoreRules) -> IgnoreRules {
        var contents: [[UInt8]] = []
        if components.isEmpty, case .success(let exclude) = FileSystem.read(folder + "/.git/info/exclude", limit: 1 << 20) {
            contents.append(exclude)
        }
        for (index, name) in Discovery.ignoreFileNames.enumerated() where present & (1 << index) != 0 {
            if case .success(let bytes) = FileSystem.read(folder + "/" + name, limit: 1 << 22) { contents.append(bytes) }
        }
        return contents.isEmpty ? rules : rules.adding(base: components, fileContents: contents)
    }

    /// A folder's own ignore files, in the order their patterns apply (`.ignore` overrides `.gitignore`).
    static let ignoreFileNames = [".gitignore", ".ignore"]

    /// The ignore rules of every folder from the root down to `folder` (exclusive of `folder`'s own
    /// files, which the walk adds when it lists the folder).
    private func ignoreRules(above folder: String) -> IgnoreRules {
        guard options.respectIgnoreFiles, Paths.isInside(folder, root) else { return IgnoreRules() }
        var rules = IgnoreRules()
        var current = root
        var components: [ArraySlice<UInt8>] = []
        let target = relativeComponents(folder)
        for index in 0...target.count {
            // The ignore files are asked for by name: listing each folder above (and sorting its entries)
            // cost milliseconds when the root is a large folder such as /tmp.
            var present = 0
            for (index, name) in Discovery.ignoreFileNames.enumerated() where FileSystem.status(current + (current == "/" ? "" : "/") + name) != nil {
                present |= 1 << index
            }
            rules = withIgnoreFiles(in: current, present: present, components: components, rules: rules)
            guard index < target.count else { break }
            components.append(target[index])
            current += (current == "/" ? "" : "/") + String(decoding: target[index], as: UTF8.self)
        }
        return rules
    }

    // MARK: - Paths and languages

    private func relativeComponents(_ absolute: String) -> [ArraySlice<UInt8>] {
        guard let relative = Paths.relative(absolute, to: root) else {
            return Array(absolute.utf8).split(separator: 0x2F)
        }
        return relative == "." ? [] : Array(relative.utf8).split(separator: 0x2F)
    }

    /// Reported path: relative to the project root with `/`, or absolute when outside it.
    func display(_ absolute: String) -> String {
        Paths.relative(absolute, to: root) ?? absolute
    }

    private func language(ofFileAt path: String, name: String) -> Language? {
        Language.forFileName(name) ?? (Discovery.mayHaveShebang(name) ? shebangLanguage(ofFileAt: path) : nil)
    }

    /// Extension-less scripts (`bin/worker`) are recognised by their `#!` line.
    /// Only a name with no extension (a dot after the first byte) is read for a `#!` line. Asked before the
    /// entry's path is made: most files of a tree are of another language, and making it was ~900
    /// instructions each.
    static func mayHaveShebang(_ name: String) -> Bool {
        !name.utf8.dropFirst().contains(UInt8(ascii: "."))
    }

    /// `mayHaveShebang` of an ASCII name's bytes (its String's UTF-8).
    static func mayHaveShebang(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        !name.dropFirst().contains(UInt8(ascii: "."))
    }

    private func shebangLanguage(ofFileAt path: String) -> Language? {
        guard let head = FileSystem.head(path, count: 256) else { return nil }
        let firstLine = head.prefix { $0 != 0x0A && $0 != 0x0D }
        return Language.forShebang(firstLine)
    }
}
