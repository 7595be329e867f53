import FuzzSupport
import RedisLint

/// The configuration file parser: any bytes give a document or a `TOMLError`, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? TOMLParser.parse(bytes(data, size))
    return 0
}
