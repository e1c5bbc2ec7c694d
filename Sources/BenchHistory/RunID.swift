/// Short random run ids: unique enough for one project's history, short enough to type in
/// `--baseline RUN-ID` and to read in a file name.
public enum RunID {
    /// 8 lowercase hex characters.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = UInt32.random(in: .min ... .max, using: &generator)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
