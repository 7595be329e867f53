/// The argument list Redis would receive for an op, as the key-spec walk reads it (`KeyWalkArguments`):
/// the command, the subcommand when there is one, then the values the builder read, each turned into a
/// `CommandArgument` only when the walk asks for it (a literal is its bytes, a number its text's bytes,
/// anything else unknown). (A list of them made per op retained every value, made a byte list of every
/// number's text and of a command word the table had no answers for, and was emptied at the next op.)
struct OpKeyArguments: KeyWalkArguments {
    let command: String
    let subcommand: String?
    let values: [ArgumentValue]

    /// How many arguments precede the values (the command, and the subcommand).
    var headCount: Int { subcommand == nil ? 1 : 2 }

    var count: Int { headCount + values.count }

    subscript(keyWalk index: Int) -> CommandArgument {
        if index == 0 { return .text(command) }
        if index == 1, let subcommand { return .text(subcommand) }
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
