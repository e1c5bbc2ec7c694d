import CBenchSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// posix_spawn of one benchmark child: stdin from /dev/null, stdout, stderr and the result channel
/// on 1, 2 and 3, its working directory, a process group of its own (its kill signal reaches its
/// descendants that stay in it), an empty signal mask and default handlers (Swift's threads block
/// signals, and a child would inherit that).
enum ChildSpawn {
    /// The child's pid, or the errno of the spawn.
    static func start(_ path: String, _ request: SpawnRequest, outputs: [Int32]) -> Result<pid_t, SpawnRequest.SpawnFailure> {
        // Darwin's spawn types are opaque pointers, glibc's are structs.
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (index, source) in outputs.enumerated() {
            posix_spawn_file_actions_adddup2(&actions, source, Int32(index + 1))
        }
        if let directory = request.spec.workingDirectory {
            cbench_spawn_addchdir(&actions, directory)
        }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var pid: pid_t = 0
        let status = withCStrings(request.arguments) { argv in
            withCStrings(request.environment) { envp in
                posix_spawn(&pid, path, &actions, &attributes, argv, envp)
            }
        }
        guard status == 0 else {
            let program = request.arguments.first ?? path
            return .failure(SpawnRequest.SpawnFailure(
                errno: status, message: "\(SystemError.text(status)): cannot start \"\(program)\""))
        }
        return .success(pid)
    }

    /// A NULL-terminated array of C strings that lives for the duration of `body`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
