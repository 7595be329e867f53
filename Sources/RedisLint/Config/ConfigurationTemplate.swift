/// The commented starter file `redislint init` writes. A test parses it, so it stays valid.
public enum ConfigurationTemplate {
    public static let text = """
        # redislint configuration. redislint reads the .redislint.toml nearest to each file, walking up
        # to the repository root; keys in a nested file override the outer file's for the files below it.
        # Every key is optional: delete what you do not need. `redislint rules` lists the rules.

        # Rules to run: ids (RL101), names (keys-command), id prefixes (RL1 = operations and
        # performance) or "ALL". Without `select`, the default rules run.
        # select = ["RL1", "RL2", "RL3"]

        # Rules to leave out.
        # ignore = ["RL101"]

        # Paths not to scan (.gitignore syntax, relative to this file's folder).
        exclude = [
            # "generated/**",
        ]

        # Does the code talk to a Redis Cluster? "auto" decides from the client constructors found.
        cluster = "auto"

        # The oldest Redis server the code must work with: no rule suggests a newer command.
        min-redis-version = "7.0"

        # Severity per rule: "error", "warning" or "note".
        [severity]
        # keys-command = "error"

        # Rules to leave out under some paths (globs relative to this file's folder).
        [per-path-ignores]
        # "tests/**" = ["RL101"]

        # Teach redislint the codebase's own Redis code.
        [clients]
        # Variables and members that hold a Redis client although nothing else shows it.
        # receivers = ["cache", "self.store"]

        # Wrapper functions and methods that send one Redis command; `key` is the position (from 1)
        # of the argument that is the key.
        [clients.wrappers]
        # "CacheStore.fetch" = { command = "GET", key = 1 }
        # "expire_later" = { command = "EXPIRE", key = 1 }

        """
}
