#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The scan driver. Phase 1 turns every file into a `FileModel` in parallel; phase 2 links the
/// models into a `ProjectModel` and runs the rules. Output is sorted, so it does not depend on
/// scheduling.
public struct Scanner: Sendable {
    public struct Options: Sendable {
        public var jobs: Int
        /// Files larger than this are skipped with a diagnostic.
        public var sizeLimit: Int
        public var settings: RuleSettings
        /// Per-file settings and client teaching from the configuration (by project-relative path);
        /// `settings` and no teaching when nil.
        public var fileSettings: (@Sendable (String) -> RuleSettings)?
        public var teaching: (@Sendable (String) -> ClientTeaching)?
        /// Skip the analysis of host files with no Redis evidence (`RedisEvidence`); off only to
        /// check that the prefilter loses nothing.
        public var prefilter = true
        /// Files at least this large have their rules shared out among the threads.
        var splitRulesSize = 1 << 20
        /// Files at least this large are lexed, parsed and traced on two threads, unless one thread was
        /// asked for (`--jobs 1` means one thread, for a 5 MB file too).
        var parallelFileMinimumBytes: Int { jobs > 1 ? FrontEnd.parallelParseMinimumBytes : Int.max }
        /// Bytes of reported files kept in memory, uncompacted, from phase 1 to their rules
        /// (`KeptContents`); the other files are released and compacted. Nil: `KeptContents.budget`, from the
        /// tree's estimated size. Tests set 0 to release all.
        var keptContentsBytes: Int? = nil
        /// The models are kept when the scan returns (the process ends right after its report, which
        /// is small or written as it is built): freeing them is wasted work then.
        public var keepsModelsUntilExit = false
        public init(jobs: Int = Scanner.defaultJobs, sizeLimit: Int = 10 * 1024 * 1024, settings: RuleSettings = RuleSettings()) {
            self.jobs = jobs
            self.sizeLimit = sizeLimit
            self.settings = settings
        }
    }

    public struct Result: Sendable {
        public var findings: [Finding]
        public var diagnostics: [FileDiagnostic]
        /// Files read and analysed.
        public var filesScanned: Int
        public var bytesScanned: Int
        /// Inline suppressions of the reported files, by path (read by the policy pass).
        public var directives: [String: [SuppressionDirective]] = [:]
    }

    public static var defaultJobs: Int { System.activeProcessorCount }

    public let rules: [any Rule]
    public let options: Options

    public init(rules: [any Rule], options: Options = Options()) {
        self.rules = rules
        self.options = options
    }

    /// Scans `files` (the analysis scope) and reports findings and diagnostics for the files whose
    /// paths are in `reporting` (all of them when nil).
    public func scan(_ files: [Discovery.File], reporting: Set<String>? = nil) -> Result {
        let sizeLimit = options.sizeLimit
        let teaching = options.teaching
        let prefilter = options.prefilter
        let parallelFrom = options.parallelFileMinimumBytes
        let sharedKeys = SharedKeyLists()
        let sharedIndexKeys = ProjectCommandIndex.SharedKeys()
        let sizes = Scanner.sizes(files, jobs: options.jobs)
        let order = sizes.map(Scanner.descending)
        let kept = KeptContents(budget: options.keptContentsBytes ?? KeptContents.budget(forTreeBytes: Scanner.estimatedBytes(files, sizes: sizes)))
        var outcomes = parallelMap(count: files.count, jobs: options.jobs, order: order) { index -> PhaseOneOutcome in
            switch Scanner.summarise(files[index], sizeLimit: sizeLimit, teaching: teaching?(files[index].path) ?? ClientTeaching(), prefilter: prefilter,
                                     parallelFrom: parallelFrom) {
            case .skipped(let diagnostic):
                return PhaseOneOutcome(skipped: diagnostic)
            case .model(var model):
                if model.isUnrelated {
                    // Most files: no bytes are held and nothing is there to compact (an empty interner's
                    // tables and copies of empty lists cost more than the file's prefilter).
                } else if reporting?.contains(model.source.path) ?? true, kept.admits(model.byteCount) {
                    model.gatherCommandIDs()
                } else {
                    // The contents are read again when this file's rules run: memory holds models, not the tree,
                    // and the models are compacted as they are kept until then.
                    model.releaseContents(absolutePath: files[index].absolutePath)
                    model.compact(sharing: sharedKeys)
                }
                // The file's share of the command index, read while its ops are still in the cache.
                let part = ProjectCommandIndex.FilePart(model, sharing: sharedIndexKeys)
                return PhaseOneOutcome(model: model, part: part)
            }
        }
        var diagnostics: [FileDiagnostic] = []
        var models: [FileModel] = []
        var parts: [ProjectCommandIndex.FilePart] = []
        models.reserveCapacity(outcomes.count)
        parts.reserveCapacity(outcomes.count)
        // Taken out of the outcomes in place: a loop over the list copied every model (a retain of each of its
        // fields), and then destroyed the originals, on the thread that goes on alone.
        for index in outcomes.indices {
            if let model = outcomes[index].model.take() {
                if reporting?.contains(model.source.path) ?? true { diagnostics += model.notes }
                models.append(consume model)
                if let part = outcomes[index].part.take() { parts.append(part) }
            } else if let diagnostic = outcomes[index].skipped, reporting?.contains(diagnostic.path) ?? true {
                diagnostics.append(diagnostic)
            }
        }
        return link(consume models, diagnostics: diagnostics, reporting: reporting, index: ProjectCommandIndex(parts: parts, sharedKeys: sharedIndexKeys))
    }

    /// Every file's size (by `stat`; a file that cannot be asked counts as empty, and is reported when read)
    /// on a small tree with several threads, for phase 1's order: the largest files first (`descending`), so
    /// that none is left for one thread at the end while the others wait (in path order, rq's phase 1 was ~6%
    /// longer than its ideal share on two threads, bullmq's ~4%). Nil for one thread (path order), and for a
    /// tree of many files, where the last file is a small part of the whole and a `stat` per file would cost
    /// more than it saves.
    static func sizes(_ files: [Discovery.File], jobs: Int) -> [Int]? {
        guard jobs > 1, files.count > jobs, files.count <= largestFirstMaximumFiles else { return nil }
        return files.map { FileSystem.status($0.absolutePath)?.size ?? 0 }
    }

    /// The tree's bytes: the sum of `sizes`, or else worked out from at most `sizeSamples` files spread
    /// evenly over the list (a `stat` each).
    static func estimatedBytes(_ files: [Discovery.File], sizes: [Int]?) -> Int {
        if let sizes { return sizes.reduce(0, +) }
        let samples = min(files.count, sizeSamples)
        guard samples > 0 else { return 0 }
        let sampled = (0..<samples).reduce(0) { $0 + (FileSystem.status(files[$1 * files.count / samples].absolutePath)?.size ?? 0) }
        return sampled / samples * files.count
    }

    static let sizeSamples = 64

    /// The indices of `costs`, the largest cost first; equal costs keep index (path) order.
    static func descending(_ costs: [Int]) -> [Int] {
        costs.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
    }

    static let largestFirstMaximumFiles = 1_000

    /// Scans sources that are already in memory (stdin, rule examples, tests).
    public func scan(sources: [SourceFile]) -> Result {
        let models = sources.map {
            FrontEnd.analyze($0, teaching: options.teaching?($0.path) ?? ClientTeaching(), prefilter: options.prefilter, parallelFrom: options.parallelFileMinimumBytes)
        }
        return link(models, diagnostics: models.flatMap(\.notes))
    }

    /// One file's model (for `dump-ir`), or nil when the file cannot be read.
    public static func model(of file: Discovery.File, sizeLimit: Int = 10 * 1024 * 1024) -> FileModel? {
        if case .model(let model) = summarise(file, sizeLimit: sizeLimit) { return model }
        return nil
    }

    enum FileOutcome: Sendable {
        case model(FileModel)
        case skipped(FileDiagnostic)
    }

    /// One file's phase-1 result as the scan keeps it: a model and its share of the command index, or why
    /// the file was skipped.
    struct PhaseOneOutcome: Sendable {
        var model: FileModel?
        var part: ProjectCommandIndex.FilePart?
        var skipped: FileDiagnostic?
    }

    static func summarise(_ file: Discovery.File, sizeLimit: Int, teaching: ClientTeaching = ClientTeaching(), prefilter: Bool = true,
                          parallelFrom: Int = FrontEnd.parallelParseMinimumBytes) -> FileOutcome {
        let bytes: [UInt8]
        switch FileSystem.read(file.absolutePath, limit: sizeLimit) {
        case .success(let read): bytes = read
        case .failure(let error):
            return .skipped(FileDiagnostic(path: file.path, message: "cannot scan: \(error.message)"))
        }
        if Scanner.containsNUL(bytes) {
            return .skipped(FileDiagnostic(path: file.path, message: "binary file (contains NUL bytes); skipped"))
        }
        return .model(FrontEnd.analyze(path: file.path, language: file.language, bytes: bytes, teaching: teaching, prefilter: prefilter,
                                       parallelFrom: parallelFrom))
    }

    /// Whether `bytes` holds a NUL byte, by the C library's vectorised `memchr`: every file of the tree is
    /// screened, and `bytes.contains(0)` compiled to a loop reading a byte at a time.
    static func containsNUL(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, 0, buffer.count) != nil
        }
    }
}
