/// The argument list Redis would receive for an op, as the key-spec walk reads it (`KeyWalkArguments`):
/// the command, the subcommand when there is one, then the values the builder read, each turned into a
/// `CommandArgument` only when the walk asks for it (a literal is its bytes, a number its text's bytes,
/// anything else unknown). (A list of them made per op retained every value, made a byte list of every
/// number's text and of a command word the table had no answers for, and was emptied at the next op.)
/// Read in place through pointers, valid only inside `reading`: holding the words and the values (as the
/// walk's generic code copies what it is handed) retained and released each two or three times per op.
struct OpKeyArguments: KeyWalkArguments {
    private let command: UnsafePointer<String>
    private let subcommand: UnsafePointer<String?>
    private let values: UnsafeBufferPointer<ArgumentValue>

    /// Calls `body` with the list of `command`, `subcommand` and `values`, read in place (not to be kept). (`inout`:
    /// the pointers are to the caller's own strings; a pointer to a borrowed value may be to a copy of it.)
    static func reading<Result>(command: inout String, subcommand: inout String?, values: [ArgumentValue],
                                _ body: (OpKeyArguments) -> Result) -> Result {
        withUnsafePointer(to: &command) { command in
            withUnsafePointer(to: &subcommand) { subcommand in
                values.withUnsafeBufferPointer { values in
                    body(OpKeyArguments(command: command, subcommand: subcommand, values: values))
                }
            }
        }
    }

    private init(command: UnsafePointer<String>, subcommand: UnsafePointer<String?>, values: UnsafeBufferPointer<ArgumentValue>) {
        self.command = command
        self.subcommand = subcommand
        self.values = values
    }

    /// How many arguments precede the values (the command, and the subcommand).
    var headCount: Int { subcommand.pointee == nil ? 1 : 2 }

    var count: Int { headCount + values.count }

    subscript(keyWalk index: Int) -> CommandArgument {
        // The buffer's reads are unchecked in a release build, where a list's subscript traps.
        precondition(index >= 0 && index < count, "key walk index out of range")
        if index == 0 { return .text(command.pointee) }
        if index == 1, let subcommand = subcommand.pointee { return .text(subcommand) }
        return switch values[index - headCount] {
        case .literal(let bytes): .known(bytes)
        case .number(let text): .text(text)
        case .dynamic: .unknown
        }
    }

    /// The builder's values hold no spread (a call's spreads are kept apart).
    var containsSpread: Bool { false }

    var commandArguments: [CommandArgument] { (0..<count).map { self[keyWalk: $0] } }
}
