/// Maps byte offsets to 1-based lines counted as Lua counts them (`\n`, `\r`, `\r\n`, `\n\r`).
struct LuaLineTable: Sendable {
    private var lineStarts: [Int] = [0]

    init(_ bytes: [UInt8]) {
        // Every script is counted: a buffer spares the array's checks per byte.
        lineStarts = bytes.withUnsafeBufferPointer { bytes in
            var starts = [0]
            var i = 0
            let count = bytes.count
            while true {
                i = ByteSearch.lineEnd(bytes, from: i, to: bytes.count)
                guard i < count else { break }
                let c = bytes[i]
                i += 1
                if i < count, bytes[i] == 10 || bytes[i] == 13, bytes[i] != c { i += 1 }
                starts.append(i)
            }
            return starts
        }
    }

    func line(at offset: Int) -> Int {
        var low = 0, high = lineStarts.count
        while low + 1 < high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle }
        }
        return low + 1
    }
}
