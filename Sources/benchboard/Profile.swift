import BenchStats
import Foundation

/// A user profile as a social or SaaS backend would store it: the payload of the JSON and
/// query benchmarks.
struct Profile: Codable, Sendable {
    struct Address: Codable, Sendable {
        var street: String
        var city: String
        var postalCode: String
        var country: String
    }

    var id: Int
    var username: String
    var displayName: String
    var email: String
    var age: Int
    var verified: Bool
    var createdAt: Date
    var tags: [String]
    var friendIDs: [Int]
    var address: Address
    var score: Double
}

enum ProfileFixture {
    static let cities = ["Berlin", "Lisbon", "Osaka", "Toronto", "Nairobi", "Lima", "Oslo", "Seoul"]
    static let tags = ["swift", "rust", "design", "ops", "ml", "music", "running", "books", "coffee", "travel"]
    static let syllables = ["ka", "lo", "mi", "ra", "ten", "su", "vo", "an", "el", "dor", "ix", "pe"]

    /// `count` profiles, each with up to 40 friends among the others.
    static func make(count: Int, seed: UInt64 = 42) -> [Profile] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { id in
            let first = word(syllables: 2...3, using: &random).capitalized
            let last = word(syllables: 2...4, using: &random).capitalized
            let username = (first + last).lowercased() + String(id)
            return Profile(
                id: id, username: username, displayName: "\(first) \(last)", email: "\(username)@example.com",
                age: Int.random(in: 18...80, using: &random), verified: Bool.random(using: &random),
                createdAt: Date(timeIntervalSince1970: Double(Int.random(in: 1_400_000_000...1_760_000_000, using: &random))),
                tags: (0..<Int.random(in: 1...5, using: &random)).map { _ in tags[Int.random(in: 0..<tags.count, using: &random)] },
                friendIDs: (0..<Int.random(in: 0...40, using: &random)).map { _ in Int.random(in: 0..<count, using: &random) },
                address: Profile.Address(
                    street: "\(Int.random(in: 1...999, using: &random)) \(word(syllables: 2...3, using: &random).capitalized) Street",
                    city: cities[Int.random(in: 0..<cities.count, using: &random)],
                    postalCode: String(Int.random(in: 10000...99999, using: &random)), country: "XX"),
                score: Double(Int.random(in: 0...100_000, using: &random)) / 100)
        }
    }

    static func word(syllables range: ClosedRange<Int>, using random: inout SeededGenerator) -> String {
        (0..<Int.random(in: range, using: &random)).map { _ in syllables[Int.random(in: 0..<syllables.count, using: &random)] }
            .joined()
    }
}
