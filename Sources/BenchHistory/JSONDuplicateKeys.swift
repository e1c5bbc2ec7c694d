import Foundation

/// Finds a key given twice in one object of a JSON document. JSONDecoder keeps one of the two
/// silently and the fast reader would keep the other, so a run file with one is refused, on the
/// fast path and the slow path alike, instead of loading differently depending on the path.
enum JSONDuplicateKeys {
    /// The first key found twice and the path of its object ("benchmarks[2].resources", "" for
    /// the top level); nil when there is none, or when the bytes are not JSON the pull reader
    /// reads (JSONDecoder then explains what is wrong).
    static func first(in data: Data) -> (key: String, path: String)? {
        data.withUnsafeBytes { raw -> (key: String, path: String)? in
            var reader = JSONPullReader(raw.bindMemory(to: UInt8.self))
            return try? scan(&reader, path: "")
        }
    }

    private static func scan(_ r: inout JSONPullReader, path: String) throws(JSONPullReader.Mismatch) -> (key: String, path: String)? {
        switch r.peek() {
        case UInt8(ascii: "{"):
            try r.beginObject()
            var first = true
            var seen: Set<String> = []
            while let key = try r.nextKey(&first) {
                guard seen.insert(key).inserted else { return (key, path) }
                if let found = try scan(&r, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
            return nil
        case UInt8(ascii: "["):
            try r.beginArray()
            var first = true
            var index = 0
            while try r.nextElement(&first) {
                if let found = try scan(&r, path: "\(path)[\(index)]") { return found }
                index += 1
            }
            return nil
        case UInt8(ascii: "\""):
            _ = try r.string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try r.bool()
        case UInt8(ascii: "n"):
            guard r.null() else { throw JSONPullReader.Mismatch() }
        default:
            _ = try r.numberToken()
        }
        return nil
    }
}
