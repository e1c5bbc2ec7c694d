import BenchModel
import Dispatch
import Foundation

/// A pack as read: its index, and each run it holds or why that one cannot be used.
struct PackContents: Sendable {
    var index: PackIndex
    /// One per index entry, in its order.
    var members: [Result<RunRecord, RunFileProblem>]

    /// Each run with the name its run file had.
    var runs: [SourceRun] {
        zip(index.runs, members).map { SourceRun(member: $0.file, result: $1) }
    }
}

/// Reads packs with the limits of the history they are in.
enum PackReader {
    /// The compressed size a pack is kept under: 50 MiB (half of GitHub's file limit), or
    /// `[history] max_file_mb` when that is less, since the pack is read under it like any file.
    static func maxPackBytes(_ maxFileBytes: Int64) -> Int64 {
        min(50 * 1_048_576, maxFileBytes)
    }

    /// What a pack may inflate to: eight times its size limit. Run JSON compresses about six to
    /// one; the bound keeps a forged pack from inflating to gigabytes.
    static func maxInflatedBytes(_ maxFileBytes: Int64) -> Int64 {
        8 * maxPackBytes(maxFileBytes)
    }

    /// The whole pack fails (its file unreadable, over the limits, not gzip, damaged, or its
    /// lines not those its index announces); a single run that fails its checks (the run file
    /// rules: schema, figures, dates given `now`, `maxFileBytes`) fails alone.
    static func read(_ url: URL, maxFileBytes: Int64, now: Date?) -> Result<PackContents, RunFileProblem> {
        switch RunFileReader.contents(of: url, maxBytes: maxFileBytes) {
        case let .success(bytes): read(compressed: bytes, maxFileBytes: maxFileBytes, now: now)
        case let .failure(problem): .failure(problem)
        }
    }

    /// A pack's bytes as `RunFileReader` read them (the report cache reads and hashes them first).
    static func read(compressed: Data, maxFileBytes: Int64, now: Date?) -> Result<PackContents, RunFileProblem> {
        let plain: Data
        do {
            plain = try PackCompression.gunzip(compressed, limit: maxInflatedBytes(maxFileBytes))
        } catch {
            return .failure(.corruptPack(error.reason))
        }
        return parse(plain, maxFileBytes: maxFileBytes, now: now)
    }

    static func parse(_ plain: Data, maxFileBytes: Int64, now: Date?) -> Result<PackContents, RunFileProblem> {
        guard let newline = plain.firstIndex(of: UInt8(ascii: "\n")) else {
            return .failure(.corruptPack("no index line"))
        }
        let index: PackIndex
        do {
            index = try JSONDecoder().decode(PackIndex.self, from: plain[plain.startIndex..<newline])
        } catch {
            return .failure(.corruptPack("its index line cannot be read (\(error))"))
        }
        guard index.schema == PackIndex.currentSchema else {
            return .failure(
                index.schema.hasPrefix("benchboard.pack/")
                    ? .newer(index.schema) : .foreign("pack schema \"\(index.schema)\""))
        }
        // Where each run's line lies, from the lengths the index gives; every line must end where
        // announced and the last one at the end of the data.
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(index.runs.count)
        var offset = newline + 1
        for entry in index.runs {
            let end = offset + entry.bytes
            guard entry.bytes > 0, end < plain.endIndex, plain[end] == UInt8(ascii: "\n") else {
                return .failure(.corruptPack("its lines are not those its index announces (at run \(entry.id))"))
            }
            ranges.append(offset..<end)
            offset = end + 1
        }
        guard offset == plain.endIndex else {
            return .failure(.corruptPack("it holds more lines than its index announces"))
        }
        let slots = DecodeSlots(count: ranges.count)
        let lines = ranges
        DispatchQueue.concurrentPerform(iterations: lines.count) { position in
            slots.set(position, member(Data(plain[lines[position]]), entry: index.runs[position], maxFileBytes: maxFileBytes, now: now))
        }
        return .success(PackContents(index: index, members: slots.take(missing: .unreadable("not read"))))
    }

    /// One run's line, read as its run file would be.
    private static func member(_ line: Data, entry: PackIndex.Entry, maxFileBytes: Int64, now: Date?) -> Result<RunRecord, RunFileProblem> {
        if let problem = RunFileProblem.oversize(Int64(line.count), limit: maxFileBytes) { return .failure(problem) }
        let decoded = RunFileDecoder.decode(line, decoder: RunRecordCoding.decoder())
        guard case let .success(record) = decoded else { return decoded }
        guard record.id == entry.id else {
            return .failure(.invalid("the pack's index names run \(entry.id) here, but the line holds run \(record.id)"))
        }
        if let problem = RunPlausibility.problem(in: record, now: now) { return .failure(problem) }
        return .success(record)
    }
}
