import Foundation

/// One HTTP request of the GitHub client.
struct HTTPRequest: Sendable {
    enum Method: String, Sendable {
        case get = "GET", post = "POST", patch = "PATCH"
    }

    var method: Method
    var url: String
    /// A JSON body, for POST and PATCH.
    var body: Data?
}
