/// The --help text of `--filter`, shared by `run` and `list`; the rules are those of `NamePattern`.
enum NamePatternHelp {
    static let filter = """
        Only the benchmarks whose name or group matches this regular expression anywhere. It is matched \
        in linear time, so no pattern can hang: literals, ., [a-z], [^…], \\d \\w \\s (and \\D \\W \\S), \
        ^ $, ( ) (?: ), |, * + ? {n} {n,} {n,m} (n, m ≤ 1000), a leading (?i) for any case. \
        Backreferences, lookaround and \\b are refused.
        """
}
