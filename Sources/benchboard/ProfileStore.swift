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

    /// A profile page: the profile, its verified friends by score, and friends in the same city.
    struct ProfileView {
        var profile: Profile
        var topFriends: [String]
        var friendsNearby: Int
    }

    func profileView(id: Int) -> ProfileView? {
        guard let index = byID[id] else { return nil }
        let profile = profiles[index]
        let friends = profile.friendIDs.compactMap { byID[$0].map { profiles[$0] } }
        let top = friends.filter(\.verified).sorted { $0.score > $1.score }.prefix(10).map(\.displayName)
        let nearby = friends.filter { $0.address.city == profile.address.city }.count
        return ProfileView(profile: profile, topFriends: Array(top), friendsNearby: nearby)
    }

    /// A search page: adults in a city with a tag, best score first, one page of 20.
    func search(city: String, tag: String, minimumAge: Int) -> [Profile] {
        let candidates = (byCity[city] ?? []).map { profiles[$0] }
        return Array(candidates.filter { $0.age >= minimumAge && $0.tags.contains(tag) }
            .sorted { $0.score > $1.score }.prefix(20))
    }
}
