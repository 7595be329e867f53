#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX calls discovery needs: `stat`/`lstat` with inode identity (for
/// symlink loops), directory listing, and reading a file once into memory.
enum FileSystem {
    enum Kind { case regular, directory, symlink, other }

    struct Status {
        var kind: Kind
        var size: Int
        var device: UInt64
        var inode: UInt64
    }

    static func status(_ path: String, followLinks: Bool = true) -> Status? {
        var st = stat()
        let rc = followLinks ? stat(path, &st) : lstat(path, &st)
        guard rc == 0 else { return nil }
        return status(of: st)
    }

    private static func status(of st: stat) -> Status {
        let kind: Kind
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        return Status(kind: kind, size: Int(st.st_size), device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    static func errorMessage(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// A directory's entries (without `.` and `..`), sorted bytewise so walks are deterministic, each with its
    /// kind when the directory says it (`d_type`) and it is a regular file or a folder: walking a tree then
    /// needs no `stat` per file. Nil kinds for links and unknown types.
    static func listWithKinds(_ path: String) -> Result<FolderEntries, FileError> {
        guard let dir = opendir(path) else { return .failure(FileError(errno)) }
        defer { closedir(dir) }
        return .success(entries(of: dir))
    }

    /// `listWithKinds` and the folder's `status` (it followed links), from one opening of the folder: its
    /// `stat` is asked of the open descriptor instead of walking the path again (a walk of a large tree
    /// asks it of every folder). Nil when the folder cannot be opened or asked.
    static func openFolder(_ path: String) -> (status: Status, entries: FolderEntries)? {
        // `withCString` passes a native string's own bytes; the implicit conversion made a copy (`utf8CString`).
        guard let dir = path.withCString({ opendir($0) }) else { return nil }
        defer { closedir(dir) }
        var st = stat()
        guard fstat(dirfd(dir), &st) == 0 else { return nil }
        return (status(of: st), entries(of: dir))
    }

    /// Where `d_name` is in a `dirent`: read in place (copying the 256-byte field to the stack to take a
    /// pointer to it was done for every entry).
    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    private static func entries(of dir: OpaquePointer) -> FolderEntries {
        var entries = FolderEntries()
        while let entry = readdir(dir) {
            let name = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: UInt8.self)
            let length = strlen(name)
            if name[0] == 0x2E && (length == 1 || (length == 2 && name[1] == 0x2E)) { continue }  // `.` and `..`
            let kind: Kind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regular
            case Int32(DT_DIR): kind = .directory
            default: kind = nil
            }
            entries.append(name: UnsafeBufferPointer(start: name, count: length), kind: kind)
        }
        entries.sort()
        return entries
    }

    /// Reads a whole regular file. Opens with O_NONBLOCK so that a FIFO that slipped past the type check
    /// cannot hang the scan; checks the type again on the open descriptor.
    static func read(_ path: String, limit: Int) -> Result<[UInt8], FileError> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(FileError(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(FileError(errno)) }
        guard st.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegular) }
        let size = Int(st.st_size)
        if size > limit { return .failure(.tooLarge(size)) }
        // An empty file (`__init__.py`): an empty array. Made with no capacity, the uninitialised-capacity
        // initialiser writes the count into the one empty-array storage every thread shares.
        if size == 0 { return .success([]) }
        // Read straight into uninitialised memory: zero-filling first wrote every byte (and touched every page) twice.
        var failure: FileError?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            HugePages.advise(buffer)  // a 5 MB file is ~1,200 page faults on 4 KB pages
            var total = 0
            while total < size {
                let n = Glibc.read(fd, buffer.baseAddress! + total, size - total)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = FileError(errno)
                    break
                }
                if n == 0 { break }  // the file shrank while we read it
                total += n
            }
            count = total
        }
        if let failure { return .failure(failure) }
        return .success(bytes)
    }

    /// First bytes of a file, for shebang detection.
    static func head(_ path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, count) }
        guard n > 0 else { return nil }
        return Array(bytes[0..<n])
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

enum FileError: Error, Equatable {
    case system(Int32)
    case notRegular
    case tooLarge(Int)

    init(_ code: Int32) { self = .system(code) }

    var message: String {
        switch self {
        case .system(let code):
            switch code {
            case EACCES, EPERM: return "permission denied"
            case ENOENT: return "no such file or directory (it may have been removed during the scan)"
            default: return FileSystem.errorMessage(code)
            }
        case .notRegular: return "not a regular file (FIFO, socket or device); not read"
        case .tooLarge(let size): return "file is \(size) bytes, over the size limit; skipped"
        }
    }
}
