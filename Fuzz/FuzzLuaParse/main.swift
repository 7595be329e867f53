import LuaParse

/// LuaParse's facade: parser with error recovery, scopes and the Redis view, whatever the bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLuaParse(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let script = LuaScript(source: source)
    for error in script.syntaxErrors {
        precondition(error.offset >= 0 && error.offset <= source.count, "syntax error offset out of bounds")
    }
    return 0
}
