extension TokenView {
    /// The `name: value` properties of the object literal opening at `open` (`{ numberOfKeys: 1, lua: src }`),
    /// in order, each with its value's tokens; nil when `open` is not a `{` with its `}`. Nested brackets
    /// inside a value are skipped whole.
    func objectLiteralProperties(at open: Int) -> [(name: String, value: Range<Int>)]? {
        guard isPunct(open, "{"), let close = close(of: open) else { return nil }
        var properties: [(name: String, value: Range<Int>)] = []
        var index = open + 1
        while index < close {
            if kind(index) == .identifier, isPunct(index + 1, ":") {
                var end = index + 2
                while end < close, !isPunct(end, ",") {
                    if let inner = self.close(of: end), inner > end { end = inner + 1 } else { end += 1 }
                }
                properties.append((text(index), index + 2..<end))
                index = end
                continue
            }
            if let inner = self.close(of: index), inner > index { index = inner + 1 } else { index += 1 }
        }
        return properties
    }
}
