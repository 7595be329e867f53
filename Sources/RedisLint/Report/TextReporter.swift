/// Human output: `path:line:col: severity[RLxxx] message`, the source line with the span
/// underlined, a one-line hint, and a summary.
public struct TextReporter: Reporter, Sendable {
    public var color: Bool
    public var quiet: Bool
    /// Threads building a long report.
    public var jobs: Int

    public init(color: Bool = false, quiet: Bool = false, jobs: Int = 1) {
        self.color = color
        self.quiet = quiet
        self.jobs = jobs
    }

    public func render(_ report: Report) -> String {
        var text: [UInt8] = []
        write(report) { text += $0 }
        return String(decoding: text, as: UTF8.self)
    }

    /// The report in pieces, in order, to `sink` (stdout, a file): a report of tens of thousands of findings is
    /// never held whole (it was the largest allocation of a run, and the peak memory was at its end).
    ///
    /// Built as UTF-8 bytes from the findings' strings (string interpolation spent most of its time making and
    /// freeing small strings). Each finding's lines depend on it alone, so a long report is built a few slices
    /// at a time on `jobs` threads.
    public func write(_ report: Report, to sink: ([UInt8]) -> Void) {
        let findings = report.findings
        let sliceSize = 2048
        let slices = (findings.count + sliceSize - 1) / sliceSize
        var next = 0
        while next < slices {
            let round = next..<min(slices, next + max(1, jobs))
            let parts = parallelMap(count: round.count, jobs: jobs) { offset -> [UInt8] in
                let slice = round.lowerBound + offset
                let range = slice * sliceSize..<min(findings.count, (slice + 1) * sliceSize)
                var out = TextBuffer(color: color, capacity: range.count * 256)
                for finding in findings[range] { append(finding, to: &out) }
                return out.bytes
            }
            parts.forEach(sink)
            next = round.upperBound
        }
        if !quiet {
            var out = TextBuffer(color: color)
            if !findings.isEmpty { out.byte("\n") }
            out.append(report.summary); out.byte("\n")
            sink(out.bytes)
        }
    }

    /// One finding: location, severity, rule and message; the snippet; related places; the hint.
    private func append(_ finding: Finding, to out: inout TextBuffer) {
        out.open("1"); out.location(finding.path, finding.start); out.byte(":"); out.close()
        out.byte(" ")
        out.open(severityColor(finding.severity)); out.append(finding.severity.rawValue); out.byte("["); out.append(finding.ruleID); out.byte("]"); out.close()
        out.byte(" ")
        out.open("1"); out.append(finding.message); out.close()
        if finding.suppressed { out.append(" (suppressed)") }
        out.byte("\n")
        snippet(finding, into: &out)
        for related in finding.related {
            out.append("    ")
            out.open("2")
            out.location(related.path, related.start); out.append(": "); out.append(related.message)
            out.close()
            out.byte("\n")
        }
        if let hint = finding.hint {
            out.append("    ")
            out.open("36"); out.append("hint:"); out.close()
            out.byte(" "); out.append(hint); out.byte("\n")
        }
    }

    /// The source line with a gutter and a caret/underline under the span (to end of line for
    /// multi-line spans). Tabs in the prefix are kept so the underline lines up.
    private func snippet(_ finding: Finding, into out: inout TextBuffer) {
        var line = finding.sourceLine
        let endColumn = finding.end.line == finding.start.line ? finding.end.column : Int.max
        let number = finding.start.line
        out.byte(" "); out.number(number); out.append(" | "); out.append(line); out.byte("\n")
        out.byte(" "); out.repeating(" ", count: TextBuffer.digitCount(number)); out.append(" | ")
        // An ASCII line (almost every line) is read as bytes: a byte is a column.
        let underlineWidth: Int? = line.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            let prefixLength = min(utf8.count, max(0, finding.start.column - 1))
            for byte in utf8[..<prefixLength] { out.byte(byte == 0x09 ? "\t" : " ") }
            return max(0, min(utf8.count, endColumn - 1) - prefixLength)
        }
        let width = underlineWidth ?? unicodePrefix(line, start: finding.start.column, endColumn: endColumn, into: &out)
        out.open(severityColor(finding.severity)); out.repeating("^", count: max(1, width)); out.close()
        out.byte("\n")
    }

    /// The snippet's prefix for a line with non-ASCII text (a space per scalar before the start column, tabs
    /// kept), and the underline's width in scalars.
    private func unicodePrefix(_ line: String, start: Int, endColumn: Int, into out: inout TextBuffer) -> Int {
        var prefixLength = 0  // prefix bytes: a space per column, tabs kept
        var underlineWidth = 0
        var unit = 1
        for scalar in line.unicodeScalars {
            if unit < start {
                prefixLength += 1
            } else if unit < endColumn {
                underlineWidth += 1
            }
            unit += scalar.value > 0xFFFF ? 2 : 1  // columns count UTF-16 code units
        }
        var scalars = line.unicodeScalars.makeIterator()
        for _ in 0..<prefixLength { out.byte(scalars.next() == "\t" ? "\t" : " ") }
        return underlineWidth
    }

    private func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .note: return "1;36"
        }
    }

    private func style(_ code: String, _ text: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func style(bold: Bool, _ text: String) -> String {
        bold ? style("1", text) : text
    }

    /// A file diagnostic as a stderr line: `path: warning: message`.
    public func diagnosticLine(_ diagnostic: FileDiagnostic) -> String {
        var location = diagnostic.path
        if let position = diagnostic.position { location += ":\(position.line):\(position.column)" }
        return "\(location): \(style(diagnostic.level == .error ? "1;31" : "1;33", diagnostic.level.rawValue)): \(diagnostic.message)"
    }
}

/// UTF-8 output under construction (`MessageText`), with ANSI styling when colour is on.
private struct TextBuffer {
    let color: Bool
    private var text: MessageText

    init(color: Bool, capacity: Int = 192) {
        self.color = color
        text = MessageText(capacity: capacity)
    }

    var bytes: [UInt8] { text.bytes }

    mutating func append(_ string: String) { text.add(string) }
    mutating func byte(_ character: Unicode.Scalar) { text.add(byte: UInt8(ascii: character)) }
    /// Decimal digits, written in place (no String per number).
    mutating func number(_ value: Int) { text.add(value) }
    /// Digits of a number in decimal (`String(value).utf8.count` for one that is not negative).
    static func digitCount(_ value: Int) -> Int {
        guard value >= 0 else { return String(value).utf8.count }
        var count = 1
        var rest = value / 10
        while rest > 0 { count += 1; rest /= 10 }
        return count
    }
    /// `path:line:column`.
    mutating func location(_ path: String, _ position: Position) {
        append(path); byte(":"); number(position.line); byte(":"); number(position.column)
    }
    mutating func repeating(_ character: Unicode.Scalar, count: Int) { text.add(repeating: UInt8(ascii: character), count: count) }

    /// Styled text is wrapped in `ESC[codem … ESC[0m` when colour is on.
    mutating func open(_ code: String) { if color { append("\u{1B}[" + code + "m") } }
    mutating func close() { if color { append("\u{1B}[0m") } }
}
