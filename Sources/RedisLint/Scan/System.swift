#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum System {
    static var activeProcessorCount: Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? n : 1
    }

    /// Hands the pages of freed heap memory back to the system (glibc returns only the free memory at
    /// the top of a heap by itself).
    static func returnFreedMemory() {
        _ = mallocTrim?(0)
    }

    static var canReturnFreedMemory: Bool { mallocTrim != nil }

    /// Whether a sanitizer's allocator (AddressSanitizer, ThreadSanitizer…) serves `malloc` in this process.
    static var sanitizerServesMalloc: Bool {
        #if canImport(Glibc)
        return dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__sanitizer_get_heap_size") != nil
        #else
        return false
        #endif
    }

    /// glibc's `malloc_trim`, looked up at run time: Swift's Glibc module does not import `malloc.h`.
    /// Not under a sanitizer: glibc's arenas then hold nothing of ours, and trimming them while other threads
    /// run crashed inside `mtrim` under AddressSanitizer in CI (and once, it seems, cleared memory in use).
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    private static let mallocTrim: MallocTrim? = {
        #if canImport(Glibc)
        if sanitizerServesMalloc { return nil }
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: MallocTrim.self)
        #else
        return nil
        #endif
    }()
}
