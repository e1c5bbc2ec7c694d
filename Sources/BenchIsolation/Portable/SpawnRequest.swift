import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `ChildSpec` checked and turned into what posix_spawn takes: the program found on the spec's
/// own PATH (posix_spawnp would search benchboard's), and the environment as "KEY=value".
struct SpawnRequest {
    let spec: ChildSpec
    let arguments: [String]
    let environment: [String]
    /// The executable's path, or why there is none (errno and the failure's sentence).
    let program: Result<String, SpawnFailure>

    struct SpawnFailure: Error {
        var errno: Int32
        var message: String
    }

    /// The same refusals as the launcher's request (`LauncherRequest`): an empty command, a kill
    /// signal that is not one, an environment name no program can receive, a NUL byte.
    init(_ spec: ChildSpec) throws(IsolationError) {
        guard let first = spec.arguments.first, !first.isEmpty else { throw .invalidSpec("the command is empty") }
        guard (1..<65).contains(spec.killSignal) else {
            throw .invalidSpec("kill signal \(spec.killSignal) is not a signal number")
        }
        let environment = spec.effectiveEnvironment.sorted { $0.key < $1.key }
        for (key, _) in environment where key.isEmpty || key.contains("=") {
            throw .invalidSpec("environment variable name \"\(key)\" is empty or contains \"=\"")
        }
        let strings = environment.map { "\($0.key)=\($0.value)" }
        for string in spec.arguments + strings + [spec.workingDirectory ?? ""] where string.utf8.contains(0) {
            throw .invalidSpec("\"\(string.replacingOccurrences(of: "\0", with: "\\0"))\" contains a NUL byte, which no program can receive")
        }
        self.spec = spec
        self.arguments = spec.arguments
        self.environment = strings
        self.program = Self.locate(first, spec: spec)
    }

    /// A name without "/" is looked up in the child's PATH, as the launcher does.
    private static func locate(_ name: String, spec: ChildSpec) -> Result<String, SpawnFailure> {
        if let directory = spec.workingDirectory, !isDirectory(directory) {
            return .failure(SpawnFailure(
                errno: ENOENT,
                message: "\(SystemError.text(ENOENT)): cannot start \"\(name)\" in working directory \"\(directory)\""))
        }
        if name.contains("/") { return .success(name) }
        let path = spec.environment["PATH"]
        var denied = false
        for entry in (path ?? "/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (entry.isEmpty ? "." : String(entry)) + "/" + name
            if CompanionExecutable.isExecutableFile(candidate) { return .success(candidate) }
            if access(candidate, F_OK) == 0 { denied = true }
        }
        let searched = path.map { "PATH=\($0)" } ?? "the default PATH (no PATH in its environment)"
        let code = denied ? EACCES : ENOENT
        let what = denied ? "found in \(searched) but not executable" : "command not found in \(searched)"
        return .failure(SpawnFailure(errno: code, message: "\(SystemError.text(code)): cannot start \"\(name)\": \(what)"))
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
