/// An in-memory profile "database" with the indexes a real service would keep.
struct ProfileStore: Sendable {
    let profiles: [Profile]
    let byID: [Int: Int]
    let byCity: [String: [Int]]

    init(_ profiles: [Profile]) {
        self.profiles = profiles
        var byID: [Int: Int] = [:]
        var byCity: [String: [Int]] = [:]
        for (index, profile) in profiles.enumerated() {
            byID[profile.id] = index
            byCity[profile.address.city, default: []].append(index)
        }
        self.byID = byID
        self.byCity = byCity
    }

    /// A profile page: the profile, its verified friends by score, friends in the same city, and
    /// "people you may know" (friends of friends ranked by mutual friends).
    struct ProfileView {
        var profile: Profile
        var topFriends: [String]
        var friendsNearby: Int
        var suggestions: [String]
    }

    func profileView(id: Int) -> ProfileView? {
        guard let index = byID[id] else { return nil }
        let profile = profiles[index]
        let friends = profile.friendIDs.compactMap { byID[$0].map { profiles[$0] } }
        let top = friends.filter(\.verified).sorted { $0.score > $1.score }.prefix(10).map(\.displayName)
        let nearby = friends.filter { $0.address.city == profile.address.city }.count
        let direct = Set(profile.friendIDs)
        var mutual: [Int: Int] = [:]
        for friend in friends {
            for candidate in friend.friendIDs where candidate != id && !direct.contains(candidate) {
                mutual[candidate, default: 0] += 1
            }
        }
        let suggestions = mutual.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10)
            .compactMap { byID[$0.key].map { profiles[$0].displayName } }
        return ProfileView(profile: profile, topFriends: Array(top), friendsNearby: nearby, suggestions: suggestions)
    }

    /// A search page: adults in a city with a tag, best score first, one page of 20.
    func search(city: String, tag: String, minimumAge: Int) -> [Profile] {
        let candidates = (byCity[city] ?? []).map { profiles[$0] }
        return Array(candidates.filter { $0.age >= minimumAge && $0.tags.contains(tag) }
            .sorted { $0.score > $1.score }.prefix(20))
    }
}
