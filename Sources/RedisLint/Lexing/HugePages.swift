#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Asks the kernel to back a large, freshly reserved array with 2 MB pages where it can (Linux
/// transparent huge pages in `madvise` mode). Every 4 KB page of a fresh buffer costs a fault on
/// first write (about 2 µs on the machines measured); a 5 MB file's token array alone was ~6,600
/// of them. Only advice: contents, addresses and results do not change, and elsewhere it does nothing.
/// The advice stays with the pages after the array is freed; when the allocator later hands them to
/// other memory, that memory may be backed by huge pages too (more resident memory, never other results).
enum HugePages {
    /// Buffers smaller than this are left alone (a huge page is only used for whole aligned 2 MB runs).
    static let minimumBytes = 4 << 20

    static func advise<Element>(_ array: inout [Element]) {
        let capacity = array.capacity
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            advise(UnsafeMutableBufferPointer(start: base, count: capacity))
        }
    }

    /// The same for storage not yet initialised (a token array being built in place).
    static func advise<Element>(_ storage: UnsafeMutableBufferPointer<Element>) {
        #if os(Linux) && (canImport(Glibc) || canImport(Musl))
        let bytes = storage.count * MemoryLayout<Element>.stride
        guard bytes >= minimumBytes, let base = storage.baseAddress,
              let range = pagesWithin(start: UInt(bitPattern: base), bytes: bytes, pageSize: UInt(sysconf(Int32(_SC_PAGESIZE)))),
              let pointer = UnsafeMutableRawPointer(bitPattern: range.start) else { return }
        _ = madvise(pointer, Int(range.length), MADV_HUGEPAGE)
        #endif
    }

    /// The whole pages inside `start..<start + bytes`: the kernel rounds an advice's length up to a
    /// page, so a range that is not whole pages would advise memory the array does not own.
    static func pagesWithin(start: UInt, bytes: Int, pageSize: UInt) -> (start: UInt, length: UInt)? {
        guard pageSize > 0, pageSize & (pageSize - 1) == 0, bytes > 0 else { return nil }
        let first = (start + pageSize - 1) & ~(pageSize - 1)
        let end = (start + UInt(bytes)) & ~(pageSize - 1)
        guard end > first else { return nil }
        return (first, end - first)
    }
}
