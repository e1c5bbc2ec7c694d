#if os(Linux) && !BENCHBOARD_PORTABLE
import Glibc

/// The running launcher and benchboard's ends of its six descriptors.
struct LauncherProcess {
    let pid: pid_t
    /// Our end of the socket that carries requests to the launcher (its fd 0) and reports back
    /// (its fd 1). Blocking: requests are sent whole with MSG_NOSIGNAL, reports read with MSG_DONTWAIT.
    /// Its end of the socket closing is how we learn that the launcher died.
    let channel: Int32
    /// Read ends, non-blocking and close-on-exec.
    let stdout: Int32
    let stderr: Int32
    let result: Int32

    /// Spawns the launcher with its descriptors 0-5 in place (see the protocol in its main.c), an
    /// empty signal mask, default signal handlers and an empty environment.
    static func start(executablePath: String, arguments: [String] = []) throws(IsolationError) -> LauncherProcess {
        var cleanup: [Int32] = []
        defer { FileDescriptorIO.closeAll(cleanup) }
        func track<T>(_ body: () throws(IsolationError) -> T, _ fds: (T) -> [Int32]) throws(IsolationError) -> T {
            let value = try body()
            cleanup += fds(value)
            return value
        }
        let channel = try track(FileDescriptorIO.socketPair) { [$0.0, $0.1] }
        let result = try track(FileDescriptorIO.pipe) { [$0.read, $0.write] }
        let out = try track(FileDescriptorIO.pipe) { [$0.read, $0.write] }
        let err = try track(FileDescriptorIO.pipe) { [$0.read, $0.write] }

        // Numbered >= 10 first, so that placing them on 0...5 never overwrites one not yet placed.
        var placed: [Int32] = []
        for source in [channel.1, channel.1, STDERR_FILENO, result.write, out.write, err.write] {
            let copy: Int32
            if source == STDERR_FILENO && fcntl(source, F_GETFD) < 0 {
                copy = open("/dev/null", O_WRONLY | O_CLOEXEC)  // benchboard runs without a stderr
            } else {
                copy = try FileDescriptorIO.duplicate(source, atLeast: 10)
            }
            guard copy >= 0 else { throw .systemCall("open(/dev/null)", errno: errno) }
            cleanup.append(copy)
            placed.append(copy)
        }

        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        for (target, source) in placed.enumerated() {
            posix_spawn_file_actions_adddup2(&actions, source, Int32(target))
        }
        // Swift's threads block most signals; the launcher (and through it every child) must not inherit that.
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let status = CStringArray.with([executablePath] + arguments) { argv in
            CStringArray.with([]) { envp in
                posix_spawn(&pid, executablePath, &actions, &attributes, argv, envp)
            }
        }
        guard status == 0 else {
            if status == ENOENT { throw .launcherNotFound(searched: [executablePath]) }
            throw .launcherFailed("cannot start \(executablePath): \(SystemError.text(status))")
        }
        let pipes = [out.read, err.read, result.read]
        cleanup.removeAll { $0 == channel.0 || pipes.contains($0) }
        pipes.forEach(FileDescriptorIO.setNonBlocking)
        return LauncherProcess(pid: pid, channel: channel.0, stdout: out.read, stderr: err.read, result: result.read)
    }

    var descriptors: [Int32] { [channel, stdout, stderr, result] }
}

/// A NULL-terminated array of C strings that lives for the duration of `body`.
enum CStringArray {
    static func with<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
#endif
