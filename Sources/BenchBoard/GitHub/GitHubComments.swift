import Foundation

/// The comments of one pull request through the GitHub REST API.
struct GitHubComments {
    var apiURL: String
    var owner: String
    var repository: String
    var pull: Int
    var transport: any HTTPTransport
    /// 100 pages of 100 comments: more than any pull request conversation GitHub shows.
    var pageLimit = 100

    struct Comment {
        var id: Int
        var body: String
        var htmlURL: String?
    }

    private var repositoryPath: String { "\(apiURL)/repos/\(owner)/\(repository)" }

    /// Every comment, oldest first, following `Link: rel="next"` from page to page.
    func list() throws(GitHubError) -> [Comment] {
        var comments: [Comment] = []
        var next: String? = "\(repositoryPath)/issues/\(pull)/comments?per_page=100"
        var pages = 0
        while let url = next {
            guard pages < pageLimit else { throw .tooManyPages(limit: pageLimit) }
            // The token goes with every request: only to the API it was given for.
            guard url.hasPrefix(apiURL + "/") else { throw .foreignNextPage(url: url, apiURL: apiURL) }
            let response = try send(HTTPRequest(method: .get, url: url, body: nil))
            guard let array = try? JSONSerialization.jsonObject(with: response.body) as? [[String: Any]] else {
                throw .unreadableResponse(url: url, reason: "expected a JSON array of comments.")
            }
            comments += array.compactMap(Self.comment)
            next = LinkHeader.next(response.headers["link"])
            pages += 1
        }
        return comments
    }

    func create(body: String) throws(GitHubError) -> Comment {
        let url = "\(repositoryPath)/issues/\(pull)/comments"
        return try commentResponse(HTTPRequest(method: .post, url: url, body: Self.encode(body)))
    }

    func update(id: Int, body: String) throws(GitHubError) -> Comment {
        let url = "\(repositoryPath)/issues/comments/\(id)"
        return try commentResponse(HTTPRequest(method: .patch, url: url, body: Self.encode(body)))
    }

    private func commentResponse(_ request: HTTPRequest) throws(GitHubError) -> Comment {
        let response = try send(request)
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let comment = Self.comment(object)
        else {
            throw .unreadableResponse(url: request.url, reason: "expected the comment as a JSON object.")
        }
        return comment
    }

    /// Sends a request; any status but 2xx ends here, named as what it is (a redirect, a rate
    /// limit, the API's own message), before anyone tries to read the body as the answer.
    private func send(_ request: HTTPRequest) throws(GitHubError) -> HTTPResponse {
        let response = try transport.send(request)
        guard !(200..<300).contains(response.status) else { return response }
        if (300..<400).contains(response.status), response.status != 304 {
            throw .redirect(
                status: response.status, method: request.method.rawValue, url: request.url, location: response.headers["location"])
        }
        let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        var message = (object?["message"] as? String) ?? "no message"
        if let errors = object?["errors"] as? [[String: Any]] {
            let details = errors.compactMap { ($0["message"] as? String) ?? ($0["code"] as? String) }
            if !details.isEmpty { message += " (" + details.joined(separator: "; ") + ")" }
        }
        let exhausted = response.headers["x-ratelimit-remaining"] == "0"
        let retryAfter = response.headers["retry-after"]
        if response.status == 429 || ((response.status == 403) && (exhausted || retryAfter != nil)) {
            var retry: String?
            if let retryAfter, let seconds = Int(retryAfter) {
                retry = "in \(seconds) s"
            } else if let reset = response.headers["x-ratelimit-reset"].flatMap(TimeInterval.init) {
                retry = "after " + ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: reset))
            }
            throw .rateLimited(status: response.status, message: message, retry: retry)
        }
        throw .api(status: response.status, method: request.method.rawValue, url: request.url, message: message)
    }

    private static func comment(_ object: [String: Any]) -> Comment? {
        guard let id = object["id"] as? Int else { return nil }
        return Comment(id: id, body: (object["body"] as? String) ?? "", htmlURL: object["html_url"] as? String)
    }

    private static func encode(_ body: String) -> Data {
        // A dictionary of one string always encodes.
        (try? JSONSerialization.data(withJSONObject: ["body": body], options: [.sortedKeys])) ?? Data()
    }
}
