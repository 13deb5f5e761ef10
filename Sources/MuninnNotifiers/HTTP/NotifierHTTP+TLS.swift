import AsyncHTTPClient

extension NotifierHTTP {
    /// For destinations whose initialiser does not throw: options that cannot be used make every request fail
    /// permanently, naming the problem, instead of silently trusting the system's roots.
    init(client: HTTPClient, timeout: Duration, tls: TLSOptions) {
        self.init(client: client, timeout: timeout)
        do throws(TLSOptionsError) {
            tlsConfiguration = try tls.makeConfiguration()
        } catch {
            tlsProblem = error.message
        }
    }
}
