import Foundation

/// What came back for an HTTP request.
struct HTTPResponse: Sendable {
    var status: Int
    /// Header names in lower case; a header sent twice keeps its last value.
    var headers: [String: String]
    var body: Data

    /// Parses a status line and header block followed by the body, as `benchboard-github` writes
    /// them; header blocks of interim responses (`100 Continue`), should any come, are skipped.
    static func parse(_ data: Data) -> HTTPResponse? {
        var rest = data[...]
        let separator = Data("\r\n\r\n".utf8)
        while let end = rest.range(of: separator) {
            let head = String(decoding: rest[rest.startIndex..<end.lowerBound], as: UTF8.self)
            let body = rest[end.upperBound...]
            var lines = head.components(separatedBy: "\r\n")
            let statusLine = lines.removeFirst()
            // "HTTP/1.1 200 OK" or "HTTP/2 200"
            let parts = statusLine.split(separator: " ")
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else { return nil }
            if (100..<200).contains(status) {
                rest = body
                continue
            }
            var headers: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return HTTPResponse(status: status, headers: headers, body: Data(body))
        }
        return nil
    }
}
