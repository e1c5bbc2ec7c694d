import BenchModel
import Foundation

extension HistoryStore {
    /// The loader's one step that the cache takes over: each run file's run, from the cache where
    /// it holds the file as it is, decoded otherwise. Without a cache, every file is decoded.
    func decode(_ urls: [URL], cache: HistoryCache?, now: Date)
        -> (results: [Result<RunRecord, RunFileProblem>], report: HistoryCacheReport?)
    {
        guard let cache else { return (Self.decodeAll(urls, maxBytes: maxFileBytes, now: now), nil) }
        let (sources, report) = cache.resolve(urls, maxFileBytes: maxFileBytes) { data in
            RunFileDecoder.read(data, decoder: RunRecordCoding.decoder(), now: now).map { [$0] }
        }
        // A run file holds one run; the cache only ever stores what this decoder returned.
        let results = sources.map { source in
            source.flatMap { runs -> Result<RunRecord, RunFileProblem> in
                guard runs.count == 1, let run = runs.first else { return .failure(.invalid("the cache holds \(runs.count) runs for one run file")) }
                return .success(run)
            }
        }
        return (results, report)
    }
}
