/// Splits a line into the JSON objects glued together in it.
///
/// Children of one batch share the result channel with nothing between them, so a harness that
/// leaves its last line unterminated runs straight into the next child's `{"sampleNs":…}`. The
/// split follows braces outside of strings; anything that is not a well-formed sequence of
/// objects comes back whole, for the JSON decoder to refuse.
public enum JSONObjects {
    public static func split(_ line: String) -> [Substring] {
        let bytes = Array(line.utf8)
        var objects: [Substring] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start: Int?
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"):
                if depth == 0 { start = offset }
                depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth < 0 { return [line[...]] }
                if depth == 0, let begin = start {
                    objects.append(substring(line, bytes: begin..<(offset + 1)))
                    start = nil
                }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            default:
                if depth == 0 { return [line[...]] }
            }
        }
        return depth == 0 && !objects.isEmpty ? objects : [line[...]]
    }

    private static func substring(_ line: String, bytes range: Range<Int>) -> Substring {
        let utf8 = line.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        return line[lower..<upper]
    }
}
