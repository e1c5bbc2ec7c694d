/// Why talking to the GitHub API failed, as a sentence for the person reading the CI log.
enum GitHubError: Error, CustomStringConvertible {
    /// The API answered with an error status; `message` is the API's own `message`.
    case api(status: Int, method: String, url: String, message: String)
    /// The rate limit is used up; `retry` says when to try again where the API said so.
    case rateLimited(status: Int, message: String, retry: String?)
    case curlMissing
    case transport(url: String, reason: String)
    case unreadableResponse(url: String, reason: String)
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
            return "GitHub answered \(status) to \(method) \(Self.printable(url)): \(Self.printable(message)).\(hint)"
        case let .rateLimited(status, message, retry):
            return "GitHub's rate limit is used up (\(status)): \(Self.printable(message))."
                + (retry.map { " Try again \($0)." } ?? "")
        case .curlMissing:
            return "benchboard comment talks to GitHub through curl, which is not on PATH; install curl."
        case let .transport(url, reason):
            return "Could not reach \(Self.printable(url)): \(Self.printable(reason))"
        case let .unreadableResponse(url, reason):
            return "The answer from \(url) could not be read: \(reason)"
        case let .foreignNextPage(url, apiURL):
            return "The next page of comments is at \(Self.printable(url)), outside \(apiURL); not following it with the token."
        case let .tooManyPages(limit):
            return "The pull request has more than \(limit) pages of comments; stopped looking for the summary comment."
        }
    }

    /// Text from the server or curl with control characters escaped, so it cannot repaint the
    /// terminal or forge log lines.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
