import AsyncHTTPClient
import Logging

extension HTTPClient {
    /// The process-wide client notifiers use by default. It does not follow redirects: for a
    /// webhook a 3xx is a failure to report (Standard Webhooks), and a followed 301/302 would turn
    /// the POST into a GET. It lives as long as the process, like `HTTPClient.shared`.
    public static let notifiers: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.redirectConfiguration = .disallow
        return HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration,
            backgroundActivityLogger: Logger(label: "muninn.notifiers.http", factory: { _ in SwiftLogNoOpLogHandler() }))
    }()
}
