import BenchBoard
import BenchStats
import Foundation

/// The default suite: work a Swift team would recognise, on fixed, realistic inputs. Inputs are
/// built in `setup`, outside the measurement and only for the benchmark that runs.
enum ExampleBenchmarks {
    static var all: [Benchmark] {
        [jsonEncode, jsonDecode, sortIntegers, dictionaryBuild, stringProcessing, profileQuerySingle, profileQuerySearch]
    }

    static var jsonEncode: Benchmark {
        let profiles = Fixture { ProfileFixture.make(count: 500) }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return Benchmark(
            "json-encode-profiles",
            closure: { _ in blackHole(try encoder.encode(profiles.value)) },
            setup: { _ = profiles.value })
    }

    static var jsonDecode: Benchmark {
        let payload = Fixture { () -> Data in
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            return (try? encoder.encode(ProfileFixture.make(count: 500))) ?? Data()
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return Benchmark(
            "json-decode-profiles",
            closure: { _ in blackHole(try decoder.decode([Profile].self, from: payload.value)) },
            setup: { _ = payload.value })
    }

    static var sortIntegers: Benchmark {
        let numbers = Fixture { () -> [Int] in
            var random = SeededGenerator(seed: 7)
            return (0..<100_000).map { _ in Int.random(in: 0..<1_000_000, using: &random) }
        }
        // With a work scale above 1 (see `WorkScale`) it sorts that many times as many numbers in
        // all: whole sorts of the array, then the fraction left over as a sort of its prefix.
        let scale = Fixture { WorkScale.current }
        return Benchmark(
            "sort-integers",
            closure: { _ in
                let numbers = numbers.value
                blackHole(numbers.sorted())
                var extra = scale.value - 1
                while extra >= 1 {
                    blackHole(numbers.sorted())
                    extra -= 1
                }
                if extra > 0 { blackHole(numbers[..<Int(Double(numbers.count) * extra)].sorted()) }
            },
            setup: { _ = numbers.value; _ = scale.value })
    }

    static var dictionaryBuild: Benchmark {
        let keys = Fixture { (0..<50_000).map { "user:\($0):session" } }
        return Benchmark(
            "dictionary-build",
            closure: { _ in
                var sessions: [String: Int] = [:]
                for (index, key) in keys.value.enumerated() {
                    sessions[key, default: 0] += index
                }
                blackHole(sessions)
            },
            setup: { _ = keys.value })
    }

    static var stringProcessing: Benchmark {
        let text = Fixture { () -> String in
            var random = SeededGenerator(seed: 11)
            return (0..<4_000).map { _ in
                (0..<12).map { _ in ProfileFixture.word(syllables: 1...4, using: &random) }.joined(separator: " ") + "."
            }.joined(separator: " ")
        }
        return Benchmark(
            "string-word-frequency",
            closure: { _ in
                var counts: [Substring: Int] = [:]
                for word in text.value.split(whereSeparator: { !$0.isLetter }) {
                    counts[word, default: 0] += 1
                }
                blackHole(counts.sorted { $0.value > $1.value }.prefix(10))
            },
            setup: { _ = text.value })
    }

    static var profileQuerySingle: Benchmark {
        let store = Fixture { ProfileStore(ProfileFixture.make(count: 20_000)) }
        let ids = Fixture { () -> [Int] in
            var random = SeededGenerator(seed: 3)
            return (0..<64).map { _ in Int.random(in: 0..<20_000, using: &random) }
        }
        let cursor = Fixture { Counter() }
        return Benchmark(
            "profile-query-single",
            closure: { _ in
                let id = ids.value[cursor.value.next() % ids.value.count]
                blackHole(store.value.profileView(id: id))
            },
            setup: { _ = (store.value, ids.value) })
    }

    static var profileQuerySearch: Benchmark {
        let store = Fixture { ProfileStore(ProfileFixture.make(count: 20_000)) }
        return Benchmark(
            "profile-query-search",
            closure: { _ in blackHole(store.value.search(city: "Lisbon", tag: "swift", minimumAge: 30)) },
            setup: { _ = store.value })
    }
}

/// Cycles through query ids so one cached answer cannot stand in for the work.
final class Counter {
    private var current = 0

    func next() -> Int {
        current &+= 1
        return current
    }
}
