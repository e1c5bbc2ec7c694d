#if os(Linux) && !BENCHBOARD_PORTABLE
import CBenchSystem
import Foundation
import Glibc

/// benchboard's own part in "nothing a benchmark starts outlives it". The launcher kills and reaps
/// each child's descendants while it lives; this covers the launcher dying first (SIGKILL, the OOM
/// killer): its children and their setsid'ed descendants are orphaned at that moment.
///
/// - As a child subreaper, benchboard (not init) inherits those orphans, so it can find them
///   (`/proc/self/task/*/children`), kill them and reap them.
/// - Where the launcher had a cgroup v2 folder, `cgroup.kill` there ends the whole tree at once,
///   fork bombs included.
public enum Containment {
    /// Makes this process the reaper of its orphaned descendants. False where the kernel refuses.
    @discardableResult
    public static func becomeSubreaper() -> Bool {
        cbench_set_child_subreaper() == 0
    }

    public static var isSubreaper: Bool { cbench_is_child_subreaper() == 1 }

    /// SIGKILLs everything in a cgroup v2 folder (its `cgroup.kill`). False when that cannot be written.
    @discardableResult
    public static func killCgroup(_ folder: String) -> Bool {
        let fd = open(folder + "/cgroup.kill", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "1", 1) == 1
    }

    /// Kills (with their process groups) and reaps every child of this process but `keeping`:
    /// orphans reparented here. Gives up after `timeout` seconds on one that will not die (it is
    /// then at least SIGKILLed). Returns how many were reaped.
    @discardableResult
    public static func killOrphans(keeping: Set<Int32> = [], timeout: Double = 2) -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        var reaped = 0
        while true {
            let orphans = children().subtracting(keeping)
            if orphans.isEmpty || Date() > deadline { return reaped }
            for pid in orphans {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { reaped += 1 }
            }
            usleep(1000)
        }
    }

    /// This process's children, from every thread's children list (an orphan is reparented to a
    /// living thread of the subreaper, not necessarily the main one).
    static func children() -> Set<Int32> {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        var pids = Set<Int32>()
        for task in tasks {
            guard let text = try? String(contentsOfFile: "/proc/self/task/\(task)/children", encoding: .utf8) else { continue }
            for field in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                if let pid = Int32(field), pid > 0 { pids.insert(pid) }
            }
        }
        return pids
    }
}
#endif
