import BenchIsolation
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends each request through `benchboard-github`, a small program of its own, rather than
/// FoundationNetworking in this binary: every exec of benchboard is also the worker of an isolated
/// Swift benchmark, and linking FoundationNetworking would load libcurl and its TLS stack at each
/// of those starts. The helper needs no curl program (the `swift` images remove it).
///
/// The token never appears on the helper's command line or in its environment (where `ps` and
/// /proc/PID/cmdline or environ show it): the request, token included, goes to the helper's
/// standard input. The wire format is documented in Sources/benchboard-github/main.swift.
struct HelperTransport: HTTPTransport {
    static let executableName = "benchboard-github"

    var token: String
    var helper: String
    /// The environment the helper starts with: benchboard's own, without the token.
    var environment: [String: String]
    /// Seconds for one request, connection included.
    var timeoutSeconds = 60
    /// The most of one answer (headers and body) that is read: a page of 100 comments of
    /// ordinary size is well under it, and an answer of any size (a misconfigured --api-url, a
    /// proxy's error page, a hostile server) costs no more memory than this.
    static let maxAnswerBytes = 10_000_000

    /// The wire request; `body` is encoded as base64.
    private struct WireRequest: Encodable {
        var method: String
        var url: String
        var token: String
        var body: Data?
        var timeoutSeconds: Int
        var maxAnswerBytes: Int
    }

    init(token: String, environment: [String: String]) throws(GitHubError) {
        let found = CompanionExecutable.locate(Self.executableName, environment: environment)
        guard let helper = found.path else { throw .helperMissing(searched: found.searched) }
        self.token = token
        self.helper = helper
        self.environment = environment.filter { $0.key != "GITHUB_TOKEN" }
    }

    func send(_ request: HTTPRequest) throws(GitHubError) -> HTTPResponse {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: helper)
        process.arguments = []
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let wire = WireRequest(
            method: request.method.rawValue, url: request.url, token: token, body: request.body,
            timeoutSeconds: timeoutSeconds, maxAnswerBytes: Self.maxAnswerBytes)
        // Strings and base64 always encode.
        let payload = (try? JSONEncoder().encode(wire)) ?? Data()
        do {
            try process.run()
        } catch {
            throw .transport(url: request.url, reason: "\(helper) could not be started: \(error.localizedDescription)")
        }
        // The helper reads its whole request before it sends anything, while the answer is
        // drained here concurrently, so neither pipe can fill up and stall the other side.
        // Should the helper end before reading all of it, the write fails with EPIPE instead of
        // the signal ending benchboard; the helper's own exit status then tells what happened.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: payload)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let errorText = ErrorCollector(errors.fileHandleForReading)
        let answer = BoundedRead.read(output.fileHandleForReading.fileDescriptor, limit: Self.maxAnswerBytes)
        if answer.overLimit {
            // The rest will not be used: stop the helper rather than read it.
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
            let status = process.terminationReason == .exit
                ? "exited with \(process.terminationStatus)" : "was ended by signal \(process.terminationStatus)"
            throw .transport(url: request.url, reason: reason.isEmpty ? "\(Self.executableName) \(status)." : reason)
        }
        guard let response = HTTPResponse.parse(answer.data) else {
            throw .unreadableResponse(url: request.url, reason: "no HTTP status line in \(Self.executableName)'s output.")
        }
        return response
    }
}

/// Reads a pipe to its end on a thread of its own, keeping its first 64 KiB (the helper's
/// messages are one line; the rest is read and dropped so it never blocks on it).
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
