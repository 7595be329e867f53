/// A function named after the command it sends (django-redis's `def zrevrange(…)`, a Ruby `def rpoplpush`, a Swift
/// `func subscribe(to:…)` that forwards to `self.client.subscribe`): an API that offers the command to its callers.
/// What it sends is its callers' choice, on their client, so rules about choosing a command or a connection leave it be.
enum CommandWrapper {
    static func isWrapper(named function: String, of command: String) -> Bool {
        function.lowercased().filter({ $0 != "_" }) == command.lowercased()
    }
}
