/// A cursor over command-line arguments that understands `--name value`, `--name=value`,
/// `-o value` and `--` (everything after it is a path).
struct Arguments {
    private var items: [String]
    private var index = 0
    private var pendingValue: String?
    private(set) var onlyPaths = false

    init(_ items: [String]) { self.items = items }

    var isAtEnd: Bool { index >= items.count }

    /// The next argument; an option given as `--name=value` comes back as `--name` with the value queued.
    mutating func next() -> String? {
        guard index < items.count else { return nil }
        let item = items[index]
        index += 1
        if !onlyPaths && item == "--" {
            onlyPaths = true
            return next()
        }
        if !onlyPaths, item.hasPrefix("--"), let equals = item.firstIndex(of: "=") {
            pendingValue = String(item[item.index(after: equals)...])
            return String(item[..<equals])
        }
        return item
    }

    /// The value of the option just read.
    mutating func value(for option: String) throws -> String {
        if let value = pendingValue {
            pendingValue = nil
            return value
        }
        guard index < items.count else { throw UsageError("\(option) needs a value") }
        let value = items[index]
        index += 1
        return value
    }

    /// Fails when `--flag=value` was given to an option that takes no value.
    mutating func noValue(for option: String) throws {
        if pendingValue != nil { throw UsageError("\(option) takes no value") }
    }

    func isOption(_ item: String) -> Bool { !onlyPaths && item.hasPrefix("-") && item != "-" }
}

struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Parses one of a fixed set of choices, naming the valid ones on error.
func choice<T: RawRepresentable>(_ value: String, for option: String, _ type: T.Type) throws -> T where T.RawValue == String, T: CaseIterable {
    guard let parsed = T(rawValue: value) else {
        let valid = T.allCases.map(\.rawValue).joined(separator: ", ")
        throw UsageError("invalid value '\(value)' for \(option) (valid: \(valid))")
    }
    return parsed
}
