/// The one pull-request comment that carries the summary, found by its marker line.
struct StickyComment {
    static let marker = "<!-- benchboard-summary -->"

    enum Outcome {
        case created(GitHubComments.Comment)
        /// `others` counts further comments that hold the marker too; they are left alone.
        case updated(GitHubComments.Comment, others: Int)
    }

    var comments: GitHubComments

    /// Updates the first comment holding the marker (the oldest, where readers already look),
    /// or creates one when none does. Never creates a second one.
    func upsert(body: String) throws(GitHubError) -> Outcome {
        let text = body.contains(Self.marker) ? body : Self.marker + "\n" + body
        let marked = try comments.list().filter { $0.body.contains(Self.marker) }
        guard let first = marked.first else {
            return .created(try comments.create(body: text))
        }
        return .updated(try comments.update(id: first.id, body: text), others: marked.count - 1)
    }
}
