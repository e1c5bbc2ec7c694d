import BenchModel

/// Why talking to the GitHub API failed, as a sentence for the person reading the CI log.
enum GitHubError: Error, CustomStringConvertible {
    /// The API answered with an error status; `message` is the API's own `message`.
    case api(status: Int, method: String, url: String, message: String)
    /// A 3xx: the token is only sent to the API itself, so redirects are not followed.
    case redirect(status: Int, method: String, url: String, location: String?)
    /// The rate limit is used up; `retry` says when to try again where the API said so.
    case rateLimited(status: Int, message: String, retry: String?)
    /// `benchboard-github`, the program that sends the requests, is neither next to benchboard nor on PATH.
    case helperMissing(searched: [String])
    case transport(url: String, reason: String)
    case unreadableResponse(url: String, reason: String)
    /// The answer went on past `limitBytes`; reading stopped there.
    case answerTooLarge(url: String, limitBytes: Int)
    /// A `Link: rel="next"` pointing somewhere else than the API: the token is not sent there.
    case foreignNextPage(url: String, apiURL: String)
    case tooManyPages(limit: Int)

    var description: String {
        switch self {
        case let .api(status, method, url, message):
            let hint: String
            switch status {
            case 401: hint = " Check that GITHUB_TOKEN holds a valid token."
            case 403: hint = " The token needs the `pull-requests: write` (or `issues: write`) permission."
            case 404: hint = " Check --repository and --pull, and that the token can see the repository."
            default: hint = ""
            }
            return "GitHub answered \(status) to \(method) \(Self.printable(url)): \(Self.sentence(message))\(hint)"
        case let .redirect(status, method, url, location):
            let target = location.map { "a redirect to \(Self.printable($0))" } ?? "a redirect without a Location"
            return "GitHub answered \(status) to \(method) \(Self.printable(url)), \(target); the token is sent to the API "
                + "only, so redirects are not followed. Check --api-url (or GITHUB_API_URL): it is the REST API root, such as https://api.github.com."
        case let .rateLimited(status, message, retry):
            return "GitHub's rate limit is used up (\(status)): \(Self.sentence(message))"
                + (retry.map { " Try again \($0)." } ?? "")
        case let .helperMissing(searched):
            let places = searched.isEmpty ? "nowhere to look" : searched.map(Self.printable).joined(separator: ", ")
            return "benchboard comment talks to GitHub through benchboard-github, which was not found (looked at: \(places)). "
                + "Keep it next to the benchboard executable, as the release archive and `swift build` put it."
        case let .transport(url, reason):
            return "Could not reach \(Self.printable(url)): \(Self.sentence(reason))"
        case let .unreadableResponse(url, reason):
            return "The answer from \(Self.printable(url)) could not be read: \(reason)"
        case let .answerTooLarge(url, limitBytes):
            return "The answer from \(Self.printable(url)) is larger than \(limitBytes / 1_000_000) MB, more than any page of "
                + "comments; stopped reading it. Check --api-url (or GITHUB_API_URL): it is the REST API root, such as https://api.github.com."
        case let .foreignNextPage(url, apiURL):
            return "The next page of comments is at \(Self.printable(url)), outside \(apiURL); not following it with the token."
        case let .tooManyPages(limit):
            return "The pull request has more than \(limit) pages of comments; stopped looking for the summary comment."
        }
    }

    /// Text from the server or the helper through the one sanitizer, so it cannot repaint the terminal,
    /// forge log lines or hide characters.
    static func printable(_ text: String) -> String {
        SafeText.escaped(text)
    }

    /// Server or helper text as the end of a sentence: one full stop, whether or not it brought its own.
    private static func sentence(_ text: String) -> String {
        Reason.sentence(printable(text))
    }
}
