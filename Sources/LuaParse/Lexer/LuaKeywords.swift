/// Reserved-word recognition without building a String per identifier.
enum LuaKeywords {
    /// A name of 2 to 8 bytes packed into an integer (first byte lowest), then one `switch`: no table
    /// is read per identifier (reading a static array of arrays retained and released it every time).
    /// Name bytes are never 0, so each packed value stands for one name.
    @inline(__always)
    static func lookup(_ bytes: [UInt8], _ start: Int, _ end: Int) -> LuaTokenKind? {
        bytes.withUnsafeBufferPointer { lookup($0, start, end) }
    }

    /// The same over the lexer's buffer (`start < end <= buffer.count`).
    @inline(__always)
    static func lookup(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> LuaTokenKind? {
        let length = end &- start
        guard length >= 2, length <= 8 else { return nil }
        let packed = LuaNameHead.packed(buffer, start, end)
        switch packed {
        case 0x646e61: return .and  // and
        case 0x6b61657262: return .break  // break
        case 0x6f64: return .do  // do
        case 0x65736c65: return .else  // else
        case 0x666965736c65: return .elseif  // elseif
        case 0x646e65: return .end  // end
        case 0x65736c6166: return .false  // false
        case 0x726f66: return .for  // for
        case 0x6e6f6974636e7566: return .function  // function
        case 0x6669: return .if  // if
        case 0x6e69: return .in  // in
        case 0x6c61636f6c: return .local  // local
        case 0x6c696e: return .nil  // nil
        case 0x746f6e: return .not  // not
        case 0x726f: return .or  // or
        case 0x746165706572: return .repeat  // repeat
        case 0x6e7275746572: return .return  // return
        case 0x6e656874: return .then  // then
        case 0x65757274: return .true  // true
        case 0x6c69746e75: return .until  // until
        case 0x656c696877: return .while  // while
        default: return nil
        }
    }
}
