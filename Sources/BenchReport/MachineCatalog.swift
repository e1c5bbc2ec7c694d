import BenchModel

/// The machines a history was measured on. Runs belong to one machine when their
/// `MachineInfo.fingerprint` matches (CPU model, cores, memory, OS, kernel, Swift version): what
/// changes the numbers. Host names do not: CI runners of one kind each have a name of their
/// own, and their runs form one series. Machines are numbered in the order they first appear,
/// so their anchors stay put as the history grows.
struct MachineCatalog: Sendable {
    struct Machine: Sendable {
        var fingerprint: String
        /// "machine-1", "machine-2", …
        var anchor: String
        /// The host names seen, in order of first appearance.
        var hostnames: [String]
        /// The newest run's description of the machine.
        var info: MachineInfo
        /// Indices (into the runs given) of this machine's runs, oldest first.
        var runIndices: [Int]
    }

    let machines: [Machine]

    init(_ records: [RunRecord]) {
        var machines: [Machine] = []
        var position: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            let fingerprint = record.machine.fingerprint
            if let at = position[fingerprint] {
                machines[at].info = record.machine
                machines[at].runIndices.append(index)
                if !machines[at].hostnames.contains(record.machine.hostname) {
                    machines[at].hostnames.append(record.machine.hostname)
                }
            } else {
                position[fingerprint] = machines.count
                machines.append(
                    Machine(
                        fingerprint: fingerprint, anchor: "machine-\(machines.count + 1)",
                        hostnames: [record.machine.hostname], info: record.machine, runIndices: [index]))
            }
        }
        self.machines = machines
    }

    /// The host names, up to three ("ci-1, ci-2 and 5 more").
    static func name(_ machine: Machine) -> String {
        let shown = machine.hostnames.prefix(3).map { $0.isEmpty ? "unnamed host" : $0 }.joined(separator: ", ")
        let more = machine.hostnames.count - 3
        return TextSafety.line(more > 0 ? "\(shown) and \(more) more" : shown)
    }

    /// "Xeon, 4 cores, 16.0 GB, Debian 12 6.1.0, Swift 6.3": the fingerprint in words.
    static func detail(_ machine: Machine) -> String {
        let info = machine.info
        return TextSafety.line(
            "\(info.cpuModel), \(info.cores) cores, \(UnitFormat.bytes(info.memoryBytes)), \(info.os) \(info.kernel)"
                + (info.swiftVersion.map { ", Swift \($0)" } ?? ""))
    }
}
