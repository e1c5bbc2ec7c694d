import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Sends requests with the `curl` program rather than FoundationNetworking: every exec of the
/// benchboard binary is also the worker of an isolated Swift benchmark, and linking
/// FoundationNetworking would load libcurl and its TLS stack at each of those starts.
///
/// The token never appears on curl's command line (where `ps` and /proc/PID/cmdline show it):
/// the URL, headers and body go to curl as a config file on its standard input (`--config -`).
struct CurlTransport: HTTPTransport {
    var token: String
    var curl: URL
    /// Seconds for one request, connection included.
    var timeoutSeconds = 60
    /// The most of one answer (headers and body) that is read: a page of 100 comments of
    /// ordinary size is well under it, and an answer of any size (a misconfigured --api-url, a
    /// proxy's error page, a hostile server) costs no more memory than this.
    static let maxAnswerBytes = 10_000_000

    /// Finds curl on `PATH`.
    static func locate(environment: [String: String]) throws(GitHubError) -> URL {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appending(path: "curl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw .curlMissing
    }

    func send(_ request: HTTPRequest) throws(GitHubError) -> HTTPResponse {
        let process = Process()
        process.executableURL = curl
        // -q first: no ~/.curlrc. --dump-header - puts the headers before the body on stdout.
        process.arguments = ["-q", "--config", "-"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .transport(url: request.url, reason: "curl could not be started: \(error.localizedDescription)")
        }
        // curl reads its whole config before it sends anything, while the answer is drained here
        // concurrently, so neither pipe can fill up and stall the other side.
        let config = Data(configuration(for: request).utf8)
        // Should curl end before reading all of it, the write fails with EPIPE instead of the
        // signal ending benchboard; curl's own exit status then tells what happened.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: config)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let errorText = ErrorCollector(errors.fileHandleForReading)
        let answer = BoundedRead.read(output.fileHandleForReading.fileDescriptor, limit: Self.maxAnswerBytes)
        if answer.overLimit {
            // The rest will not be used: stop curl rather than read it.
            process.terminate()
            try? output.fileHandleForReading.close()
        }
        process.waitUntilExit()
        let stderr = errorText.finish()
        if answer.overLimit {
            throw .answerTooLarge(url: request.url, limitBytes: Self.maxAnswerBytes)
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let reason = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .transport(url: request.url, reason: reason.isEmpty ? "curl exited with \(process.terminationStatus)." : reason)
        }
        guard let response = HTTPResponse.parse(answer.data) else {
            throw .unreadableResponse(url: request.url, reason: "no HTTP status line in curl's output.")
        }
        return response
    }

    /// A curl config file (one `option = "value"` per line; `\\` and `\"` escaped in values).
    func configuration(for request: HTTPRequest) -> String {
        var lines = [
            "silent", "show-error", "dump-header = \"-\"",
            "max-time = \(timeoutSeconds)", "connect-timeout = 20",
            "request = \(quoted(request.method.rawValue))",
            "url = \(quoted(request.url))",
            "header = \(quoted("Authorization: Bearer \(token)"))",
            "header = \(quoted("Accept: application/vnd.github+json"))",
            "header = \(quoted("X-GitHub-Api-Version: 2022-11-28"))",
            "user-agent = \"benchboard\"",
            // No "Expect: 100-continue" round trip for larger bodies.
            "header = \"Expect:\"",
        ]
        if let body = request.body {
            lines.append("header = \(quoted("Content-Type: application/json"))")
            lines.append("data-binary = \(quoted(String(decoding: body, as: UTF8.self)))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func quoted(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"" + escaped + "\""
    }
}

/// Reads a pipe to its end on a thread of its own, keeping its first 64 KiB (curl's messages
/// are one line; the rest is read and dropped so curl never blocks on it).
private final class ErrorCollector: @unchecked Sendable {
    // Written by the reading thread before `done` is signalled, read only after waiting on it.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            let kept = BoundedRead.read(handle.fileDescriptor, limit: 64 << 10)
            if kept.overLimit { BoundedRead.drain(handle.fileDescriptor) }
            data = kept.data
            done.signal()
        }.start()
    }

    func finish() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
