#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc

/// The five named pipes that connect benchboard with its fork server, and the private folder
/// they are made in.
///
/// The server is started through the launcher, which hands its children only descriptors 0-5,
/// so benchboard cannot pass it a socket or pipe ends directly. Named pipes in a folder only
/// this user can enter (mkdtemp, mode 0700) carry them instead; both sides open them once, at
/// start-up, and benchboard removes the folder as soon as the server has greeted, so nothing is
/// left on disk whatever happens later.
enum ForkServerChannels {
    /// benchboard → server: requests ("R …" as for the launcher) and interrupts ("I").
    /// End of file on it tells the server that benchboard is gone.
    static let requests = "requests"
    /// server → benchboard: report lines in the launcher's format ("H", "S", "F", "X", "D").
    static let reports = "reports"
    /// Every forked child's fd 1, 2 and 3.
    static let stdout = "stdout"
    static let stderr = "stderr"
    static let results = "results"

    static let all = [requests, reports, stdout, stderr, results]

    /// Makes a private folder under `temporaryDirectory` holding the five pipes.
    static func makeFolder(in temporaryDirectory: String) throws(IsolationError) -> String {
        var template = Array((temporaryDirectory + "/benchboard-worker-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw .systemCall("mkdtemp(\(temporaryDirectory))", errno: errno) }
        let folder = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for name in all where mkfifo(folder + "/" + name, 0o600) != 0 {
            let code = errno
            removeFolder(folder)
            throw .systemCall("mkfifo(\(folder)/\(name))", errno: code)
        }
        return folder
    }

    /// Removes the pipes and the folder; the open descriptors stay usable.
    static func removeFolder(_ folder: String) {
        for name in all { unlink(folder + "/" + name) }
        rmdir(folder)
    }

    /// Opens a pipe of the folder; -1 with errno set on failure.
    static func open(_ folder: String, _ name: String, _ flags: Int32) -> Int32 {
        Glibc.open(folder + "/" + name, flags | O_CLOEXEC)
    }
}
#endif
