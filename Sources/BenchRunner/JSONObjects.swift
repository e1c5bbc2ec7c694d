import Foundation

/// Splits a line into the JSON objects glued together in it, and finds objects that name a key twice.
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

    /// Whether any object in `text` names the same key twice. JSONDecoder keeps one of the two
    /// values silently, so a line that says `{"sampleNs":5,"sampleNs":900}` would mean whatever
    /// the decoder picks: readers of the result channel refuse such an object instead. Keys are
    /// compared as decoded strings (`"a"` and `"\u0061"` are the same key), each object's on its
    /// own: one key in two objects, nested or glued, is no duplicate.
    public static func hasDuplicateKey(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        // One entry per open object or array; arrays hold no keys (nil).
        var open: [Set<String>?] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): open.append([])
            case UInt8(ascii: "["): open.append(nil)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if !open.isEmpty { open.removeLast() }
            case UInt8(ascii: "\""):
                let start = index + 1
                var escaped = false
                index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") || escaped {
                    escaped = !escaped && bytes[index] == UInt8(ascii: "\\")
                    index += 1
                }
                let raw = bytes[start..<min(index, bytes.count)]
                // A string followed by ':' is a key of the innermost object.
                var next = index + 1
                while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                if next < bytes.count, bytes[next] == UInt8(ascii: ":"), case var keys?? = open.last {
                    guard let key = decodedKey(raw) else { return false }
                    if !keys.insert(key).inserted { return true }
                    open[open.count - 1] = keys
                }
            default: break
            }
            index += 1
        }
        return false
    }

    /// A key's text as it means: escapes decoded; nil when it is not a valid JSON string (the
    /// decoder then refuses the object anyway).
    private static func decodedKey(_ raw: ArraySlice<UInt8>) -> String? {
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        return try? JSONDecoder().decode(String.self, from: Data([UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")]))
    }

    private static func substring(_ line: String, bytes range: Range<Int>) -> Substring {
        let utf8 = line.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        return line[lower..<upper]
    }
}
