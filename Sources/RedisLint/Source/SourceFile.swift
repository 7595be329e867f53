/// One file's bytes, read once. Everything downstream works on byte offsets into `bytes`;
/// line and column numbers are computed only when a finding is reported.
public struct SourceFile: Sendable {
    /// Path shown to users: relative to the project root, with `/`.
    public let path: String
    public let language: Language
    public let bytes: [UInt8]
    public let lines: LineMap

    public init(path: String, language: Language, bytes: [UInt8]) {
        self.path = path
        self.language = language
        self.bytes = bytes
        self.lines = LineMap(bytes)
    }

    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }
}
