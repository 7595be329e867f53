import RedisLint

enum Usage {
    static func text(for subcommand: String) -> String {
        switch subcommand {
        case "rules":
            return """
                Usage: redislint rules [--format text|json]

                Prints every rule: id, name, default severity, languages and summary.

                """
        case "init":
            return """
                Usage: redislint init [FOLDER] [--force]

                Writes a commented starter .redislint.toml in FOLDER (default: the current directory).
                An existing file is kept unless --force is given.

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
                       redislint init [FOLDER]                    write a starter .redislint.toml

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
                      --no-prefilter      parse files that never mention Redis too (slower; finds the same)

                Configuration and selection:
                      --config FILE       use FILE instead of the .redislint.toml files found upwards
                      --select RULES      run only these rules (ids, names, prefixes like RL1, ALL; comma-separated)
                      --ignore RULES      leave these rules out
                      --cluster MODE      auto (default: from client evidence), on or off
                      --min-redis-version V  oldest Redis server supported (default 7.0)
                      --statistics        print the number of findings per rule instead of each finding
                      --show-files        print the files that would be scanned, and exit
                      --include-suppressed  report findings silenced by redislint: disable comments too

                Adoption and scope:
                      --write-baseline FILE  record the current findings in FILE and exit 0
                      --baseline FILE     report only findings not recorded in FILE
                      --diff REV          report only findings on lines changed since git merge-base REV HEAD
                      --staged            report only findings on lines staged in the git index
                      --stdin-filename PATH  read one file from stdin and report it as PATH
                      --version           print the version
                  -h, --help              print this help

                Exit status: 0 no findings at or above --fail-on; 1 such findings; 2 usage or internal
                error, or a named path that does not exist (the rest is still scanned).

                """
        }
    }
}
