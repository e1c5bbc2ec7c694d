import BenchModel
import Foundation

extension HistoryStore {
    /// The loader's one step that the cache takes over: each file's runs (a run file's one, a
    /// pack's all), from the cache where it holds the file as it is, read otherwise. Without a
    /// cache, every file is read, the packs first and then the run files, each spread over the cores.
    func read(files: [URL], packs: [URL], cache: HistoryCache?, deferring: Bool = false, now: Date)
        -> (files: [ReadSource], packs: [ReadSource], report: HistoryCacheReport?)
    {
        guard let cache else {
            let packed = packs.map { pack in
                ReadSource(result: PackReader.read(pack, maxFileBytes: maxFileBytes, now: now).map(\.runs), contentHash: nil)
            }
            let loose = Self.decodeAll(files, maxBytes: maxFileBytes, now: now).map { result in
                ReadSource(result: result.map { [SourceRun(member: nil, result: .success($0))] }, contentHash: nil)
            }
            return (loose, packed, nil)
        }
        let limit = maxFileBytes
        let (sources, report) = cache.resolve(packs + files, maxFileBytes: limit, deferring: deferring) { url, data in
            if PackFile.parse(name: url.lastPathComponent) != nil {
                return PackReader.read(compressed: data, maxFileBytes: limit, now: now).map(\.runs)
            }
            return RunFileDecoder.read(data, decoder: RunRecordCoding.decoder(), now: now).map {
                [SourceRun(member: nil, result: .success($0))]
            }
        }
        return (Array(sources[packs.count...]), Array(sources[..<packs.count]), report)
    }
}
