import Foundation

/// One process for as long as it lives: its pid together with when it started and in which boot.
/// A pid alone is reused once its process is gone, so "pid 4242 is running" says nothing about the
/// run that wrote a journal or a temporary file under that pid; the start time tells them apart.
///
/// This is the one rule for "is the writer of this file still running?", used by journal recovery
/// and by the cleanup of stale temporaries.
public struct ProcessIdentity: Codable, Sendable, Equatable {
    public var pid: Int32
    /// Field 22 of `/proc/<pid>/stat`: clock ticks from boot to the process's start.
    public var startTicks: UInt64
    /// `/proc/sys/kernel/random/boot_id`: start ticks count from this boot only.
    public var bootID: String

    public init(pid: Int32, startTicks: UInt64, bootID: String) {
        self.pid = pid
        self.startTicks = startTicks
        self.bootID = bootID
    }

    /// This process, or nil where `/proc` cannot say (then nothing is ever judged dead by it).
    public static func current() -> ProcessIdentity? {
        of(pid: getpid())
    }

    /// The process that runs under `pid` now, or nil when there is none (or it is a zombie).
    public static func of(pid: Int32) -> ProcessIdentity? {
        guard let bootID = ProcFS.bootID(), let status = ProcFS.status(of: pid), status.isRunning else { return nil }
        return ProcessIdentity(pid: pid, startTicks: status.startTicks, bootID: bootID)
    }

    /// Alive: the same boot, a process under the pid that is not a zombie (state Z or X) and that
    /// started at the same tick. Anything else (a reboot, no such pid, a zombie, a reused pid) is
    /// dead. Where `/proc` cannot be read at all, everyone counts as alive: deleting a live run's
    /// files is worse than keeping a dead one's.
    public var isAlive: Bool {
        guard let bootID = ProcFS.bootID() else { return true }
        guard bootID == self.bootID else { return false }
        guard let status = ProcFS.status(of: pid) else { return false }
        return status.isRunning && status.startTicks == startTicks
    }

    /// `<pid>.<start ticks>.<boot id without dashes>`: fits in a file name, parsed back by
    /// `init?(token:)`.
    public var token: String {
        "\(pid).\(startTicks).\(bootID.filter { $0 != "-" })"
    }

    public init?(token: some StringProtocol) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let pid = Int32(parts[0]), pid > 0, let ticks = UInt64(parts[1]),
            parts[2].count == 32, parts[2].allSatisfy(\.isHexDigit)
        else { return nil }
        // Back to the dashed form /proc prints: 8-4-4-4-12.
        var hex = Substring(parts[2])
        var groups: [Substring] = []
        for length in [8, 4, 4, 4, 12] {
            groups.append(hex.prefix(length))
            hex = hex.dropFirst(length)
        }
        self.init(pid: pid, startTicks: ticks, bootID: groups.joined(separator: "-"))
    }
}
