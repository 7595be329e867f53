import RedisLint

enum Usage {
    static func text(for subcommand: String) -> String {
        switch subcommand {
        case "rules":
            return """
                Usage: redislint rules [--format text|json]

                Prints every rule: id, name, default severity, languages and summary.

                """
        case "explain":
            return """
                Usage: redislint explain RULE

                Prints a rule's documentation with examples. RULE is an id (RL101) or a name (keys-command).

                """
        case "slot":
            return """
                Usage: redislint slot KEY...

                Prints each key's Redis Cluster hash slot (CRC16 of the key's {hash tag}, or of the whole
                key, mod 16384), one per line: the slot, a tab, the key.

                """
        default:
            return """
                redislint \(Tool.version): finds Redis mistakes that cause outages, races and data loss.

                Usage: redislint [check] [options] [PATH ...]     scan files and folders (default: .)
                       redislint rules [--format text|json]       list the rules
                       redislint explain RULE                     document one rule
                       redislint slot KEY...                      print each key's cluster hash slot

                Options:
                  -f, --format FORMAT     text (default), sarif, json or github
                  -o, --output FILE       write the report to FILE instead of stdout
                      --fail-on LEVEL     exit 1 on findings at or above LEVEL: error, warning (default) or note
                      --exit-zero         exit 0 even when there are findings (errors still exit 2)
                  -q, --quiet             print findings only: no summary
                      --color WHEN        auto (default: only on a terminal, never with NO_COLOR), always, never
                  -j, --jobs N            threads to scan with (default: the number of cores)
                      --exclude GLOB      skip paths matching GLOB (.gitignore syntax; repeatable)
                      --force-exclude     apply excludes and ignore files to paths named explicitly too
                      --max-file-size N   skip files larger than N bytes (K, M, G suffixes; default 10M)
                      --cluster MODE      cluster rules (RL6xx): auto (default: on when the project constructs a
                                          cluster client), on, off
                      --version           print the version
                  -h, --help              print this help

                Exit status: 0 no findings at or above --fail-on; 1 such findings; 2 usage or internal
                error, or a named path that does not exist (the rest is still scanned).

                """
        }
    }
}
