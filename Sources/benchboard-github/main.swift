// benchboard-github: sends one request to the GitHub REST API for `benchboard comment`.
//
// Why it is a program of its own: the benchboard binary is also the worker exec'd for every
// isolated Swift benchmark, so it must not link FoundationNetworking (which loads libcurl, its TLS
// stack and their dependencies at every start). The HTTP client lives here instead, started only
// by `comment`, once per request. It needs no curl program, only the libcurl FoundationNetworking
// links, which every Swift runtime image keeps.
//
// Protocol:
//   stdin   one JSON object, then EOF:
//           {"method": "GET|POST|PATCH", "url": "...", "token": "...", "body": "<base64>" (optional),
//            "timeoutSeconds": 60, "maxAnswerBytes": 10000000}
//           The token travels here only: never on the command line or in the environment, where
//           `ps` and /proc/PID/cmdline or environ show it.
//   stdout  the answer as "HTTP/1.1 <status>\r\n", one "<name>: <value>\r\n" per header, "\r\n",
//           then the body as it arrives. At most maxAnswerBytes + 1 bytes are written: reaching
//           that many ends the program, so an answer of any size costs bounded memory here and in
//           the reader, who sees from the extra byte that the answer went on.
//   stderr  one sentence when no answer came (connection refused, timeout, TLS...).
//   exit    0 an answer (of any status) was written; 1 no answer; 2 a malformed request.
//
// Redirects are never followed: the token is for the API host only, and `comment` names a 3xx
// as what it is (see GitHubComments.send).

import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct WireRequest: Decodable {
    var method: String
    var url: String
    var token: String
    var body: Data?
    var timeoutSeconds: Double
    var maxAnswerBytes: Int
}

/// Writes the answer to stdout as it arrives and stops the program once the limit is passed.
///
/// URLSession calls it on the session's delegate queue, which is serial (one operation at a
/// time), so `written` and `headWritten` are only ever touched by one thread at once; the main
/// thread reads nothing of it and only waits for `finished`.
final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let limit: Int
    private var written = 0
    private var headWritten = false
    let finished = DispatchSemaphore(value: 0)

    init(limit: Int) {
        self.limit = limit
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        // nil: the task ends with the 3xx itself, which the caller reports with its Location.
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        writeHead(response)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        emit(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error {
            fail(Self.reason(error, timeout: task.originalRequest?.timeoutInterval ?? 0))
        }
        // A refused redirect may end the task without a response callback.
        if let response = task.response { writeHead(response) }
        guard headWritten else { fail("the server closed the connection without an answer.") }
        finished.signal()
    }

    private func writeHead(_ response: URLResponse) {
        guard !headWritten, let http = response as? HTTPURLResponse else { return }
        headWritten = true
        var head = "HTTP/1.1 \(http.statusCode)\r\n"
        for (name, value) in http.allHeaderFields {
            // A value cannot end the header block early, whatever the server sent.
            let line = "\(name): \(value)".map { $0 == "\r" || $0 == "\n" ? " " : String($0) }.joined()
            head += line + "\r\n"
        }
        emit(Data((head + "\r\n").utf8))
    }

    private func emit(_ data: Data) {
        let room = limit + 1 - written
        let part = data.count > room ? data.prefix(room) : data
        do {
            try FileHandle.standardOutput.write(contentsOf: part)
        } catch {
            // The reader stopped reading; nothing is left to do.
            exit(1)
        }
        written += part.count
        // Past the limit: the reader knows from the extra byte; the rest is not downloaded.
        if written > limit { exit(0) }
    }

    private func fail(_ reason: String) -> Never {
        FileHandle.standardError.write(Data((reason + "\n").utf8))
        exit(1)
    }

    static func reason(_ error: Error, timeout: TimeInterval) -> String {
        guard let error = error as? URLError else { return error.localizedDescription }
        switch error.code {
        case .timedOut: return "no answer within \(Int(timeout)) s."
        case .cannotConnectToHost: return "the connection was refused."
        case .cannotFindHost, .dnsLookupFailed: return "the host name could not be resolved."
        case .notConnectedToInternet, .networkConnectionLost: return "the network connection was lost."
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return "the TLS connection failed (\(error.localizedDescription))."
        default: return error.localizedDescription
        }
    }
}

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("benchboard-github: \(message)\n").utf8))
    exit(2)
}

// Should the reader close the pipe, a write fails with EPIPE instead of the signal ending us.
signal(SIGPIPE, SIG_IGN)

let input: Data
do {
    input = try FileHandle.standardInput.readToEnd() ?? Data()
} catch {
    usage("cannot read the request from stdin: \(error.localizedDescription)")
}
guard let wire = try? JSONDecoder().decode(WireRequest.self, from: input) else {
    usage("stdin holds no request; this program is started by `benchboard comment`.")
}
guard let url = URL(string: wire.url), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
    usage("not an http(s) URL: \(wire.url.debugDescription).")
}

var request = URLRequest(url: url)
request.httpMethod = wire.method
request.timeoutInterval = wire.timeoutSeconds
request.setValue("Bearer \(wire.token)", forHTTPHeaderField: "Authorization")
request.setValue("application/vnd.github+json", forHTTPHeaderField: "Accept")
request.setValue("2022-11-28", forHTTPHeaderField: "X-GitHub-Api-Version")
request.setValue("benchboard", forHTTPHeaderField: "User-Agent")
if let body = wire.body {
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = body
}

let configuration = URLSessionConfiguration.ephemeral
configuration.timeoutIntervalForRequest = wire.timeoutSeconds
configuration.timeoutIntervalForResource = wire.timeoutSeconds
configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
configuration.urlCache = nil
configuration.httpShouldSetCookies = false
configuration.httpCookieStorage = nil

let exchange = Exchange(limit: wire.maxAnswerBytes)
let queue = OperationQueue()
queue.maxConcurrentOperationCount = 1
let session = URLSession(configuration: configuration, delegate: exchange, delegateQueue: queue)
session.dataTask(with: request).resume()
exchange.finished.wait()
exit(0)
