#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large, freshly reserved array with 2 MB pages where it can (Linux
/// transparent huge pages in `madvise` mode). Every 4 KB page of a fresh buffer costs a fault on
/// first write (about 2 µs on the machines measured); a 5 MB file's token array alone was ~6,600
/// of them. Only advice: contents, addresses and results do not change, and elsewhere it does nothing.
enum HugePages {
    /// Buffers smaller than this are left alone (a huge page is only used for whole aligned 2 MB runs).
    static let minimumBytes = 4 << 20

    static func advise<Element>(_ array: inout [Element]) {
        #if os(Linux)
        let bytes = array.capacity * MemoryLayout<Element>.stride
        guard bytes >= minimumBytes else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let start = UInt(bitPattern: base)
            let page = UInt(4096)
            let alignedStart = (start + page - 1) & ~(page - 1)
            let end = start + UInt(bytes)
            guard end > alignedStart, let pointer = UnsafeMutableRawPointer(bitPattern: alignedStart) else { return }
            _ = madvise(pointer, Int(end - alignedStart) & ~Int(page - 1), MADV_HUGEPAGE)
        }
        #endif
    }
}
