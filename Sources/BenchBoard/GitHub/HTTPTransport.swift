/// Sends one request; the GitHub client knows nothing about how.
protocol HTTPTransport {
    func send(_ request: HTTPRequest) throws(GitHubError) -> HTTPResponse
}
