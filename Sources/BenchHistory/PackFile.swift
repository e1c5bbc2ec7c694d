import BenchModel
import Foundation

/// A pack: the complete records of a period's older runs in one immutable, compressed file.
///
/// `pack-<yyyy-MM>-<part>.jsonl.gz` in the history folder is one gzip stream (`PackCompression`)
/// of JSON Lines: the first line is the `PackIndex`, and each run follows on a line of its own
/// as its canonical JSON (the run file's keys, sorted, without the indentation), in the index's
/// order. `zcat pack-2026-01-1.jsonl.gz | tail -n +2` gives the runs back to any JSON tool.
///
/// A record is kept whole, samples and per-process figures included: reading a pack gives the
/// very runs the loose files gave (`RunRecord` equality, tested), so every report figure and
/// every verdict against a packed baseline is the one the loose file gave. Dropping the raw
/// samples would save about half of a pack, but the verdict rules need them (per-process
/// medians, spread, the significance test), and gzip already takes the run files to a sixth.
enum PackFile {
    static let prefix = "pack-"
    static let suffix = ".jsonl.gz"

    /// "pack-2026-01-1.jsonl.gz": fixed by period and part, so two writers of the same pack race
    /// for one name and the second finds it taken instead of writing a second copy.
    static func name(period: String, part: Int) -> String {
        "\(prefix)\(period)-\(part)\(suffix)"
    }

    /// The period and part a pack's name gives, or nil for any other name.
    static func parse(name: String) -> (period: String, part: Int)? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let core = name.dropFirst(prefix.count).dropLast(suffix.count)
        let pieces = core.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2,
            pieces[0].allSatisfy(\.isASCII), pieces[1].allSatisfy(\.isASCII),
            Int(pieces[0]) != nil, let month = Int(pieces[1]), (1...12).contains(month),
            let part = Int(pieces[2]), part >= 1, String(part) == pieces[2]
        else { return nil }
        return ("\(pieces[0])-\(pieces[1])", part)
    }

    /// The UTC month a run belongs to: "2026-01".
    static func period(of run: RunRecord) -> String {
        let stamp = HistoryStore.timestamp(run.startedAt)
        return "\(stamp.prefix(4))-\(stamp.dropFirst(4).prefix(2))"
    }

    /// The canonical line of a run: the JSON a run file holds (compact, sorted keys), so a run
    /// written by an earlier, pretty-printing version packs to the same line as a new one.
    static func encoder() -> JSONEncoder {
        RunRecordCoding.encoder()
    }

    struct Member: Sendable {
        /// The run's file name in the history folder.
        var file: String
        var record: RunRecord
        /// Its canonical line, encoded once however often a too-large pack is split.
        var line: Data

        init(file: String, record: RunRecord, encoder: JSONEncoder) throws(HistoryError) {
            self.file = file
            self.record = record
            do {
                line = try encoder.encode(record)
            } catch {
                throw .cannotEncode(reason: "\(error)")
            }
        }
    }

    /// The uncompressed content of a pack of `members`, which must already be in pack order.
    static func lines(period: String, part: Int, members: [Member]) throws(HistoryError) -> Data {
        let entries = members.map { member in
            PackIndex.Entry(
                file: member.file, id: member.record.id, startNs: member.record.startNs, bytes: member.line.count,
                commit: member.record.git?.commit, branch: member.record.git?.branch, host: member.record.machine.hostname)
        }
        let index = PackIndex(schema: PackIndex.currentSchema, period: period, part: part, runs: entries)
        var data: Data
        do {
            data = try encoder().encode(index)
        } catch {
            throw .cannotEncode(reason: "\(error)")
        }
        data.append(UInt8(ascii: "\n"))
        for member in members {
            data.append(member.line)
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }

    /// A pack's file content, and the size it inflates to.
    static func encode(period: String, part: Int, members: [Member]) throws(HistoryError) -> (data: Data, inflated: Int) {
        let plain = try lines(period: period, part: part, members: members)
        do {
            return (try PackCompression.gzip(plain), plain.count)
        } catch {
            throw .cannotEncode(reason: error.reason)
        }
    }
}
