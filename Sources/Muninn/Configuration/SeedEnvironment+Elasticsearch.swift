import Foundation
import MuninnNotifiers

/// The Kubernetes Pod Monitor's Elasticsearch variables. `ELASTICSEARCH_DASHBOARD`, `_BUFFER_SIZE`, `_BATCH_SIZE`,
/// `_FLUSH_SECONDS`, `_DOC_TYPE` and `_V7` need no counterpart: Muninn sends each alert when it happens, through the
/// outbox, into typeless (7.x and later) indices.
extension SeedEnvironment {
    mutating func readElasticsearch(
        value: (String) -> String?, secret: (String) throws -> SecretValue?, fail: (String, String) -> ConfigurationError
    ) throws {
        if let raw = value("ELASTICSEARCH_URL") {
            var url = raw
            if !url.contains("://") { url = (value("ELASTICSEARCH_SCHEME") ?? "http") + "://" + url }
            if let port = value("ELASTICSEARCH_PORT") {
                guard let number = Int(port), (1...65535).contains(number) else { throw fail("ELASTICSEARCH_PORT", "expected a port number, got '\(port)'") }
                if URLComponents(string: url)?.port == nil {
                    while url.hasSuffix("/") { url.removeLast() }
                    url += ":\(number)"
                }
            }
            guard DestinationsParser.isHTTPURL(url) else { throw fail("ELASTICSEARCH_URL", "expected an http:// or https:// URL, got '\(raw)'") }
            elasticsearchURL = url
        }
        if let raw = value("ELASTICSEARCH_INDEX") {
            var prefix = raw
            while prefix.hasSuffix("-") { prefix.removeLast() }
            if let problem = ElasticsearchIndexName.prefixProblem(prefix) { throw fail("ELASTICSEARCH_INDEX", problem) }
            elasticsearchIndexPrefix = prefix
        }
        elasticsearchUsername = value("ELASTICSEARCH_USERNAME")
        elasticsearchPassword = try secret("ELASTICSEARCH_PASSWORD")
        if elasticsearchURL == nil, elasticsearchIndexPrefix != nil || elasticsearchUsername != nil || elasticsearchPassword != nil {
            throw fail("ELASTICSEARCH_URL", "not set, but other ELASTICSEARCH_ variables are")
        }
        if (elasticsearchUsername == nil) != (elasticsearchPassword == nil) {
            throw fail(elasticsearchUsername == nil ? "ELASTICSEARCH_USERNAME" : "ELASTICSEARCH_PASSWORD", "set ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD together")
        }
    }

    /// The `elasticsearch` destination these variables describe, nil without `ELASTICSEARCH_URL`.
    func elasticsearchDestination() -> DestinationConfiguration? {
        guard let elasticsearchURL else { return nil }
        var settings = ElasticsearchDestinationSettings(url: elasticsearchURL)
        if let elasticsearchIndexPrefix { settings.indexPrefix = elasticsearchIndexPrefix }
        if let elasticsearchUsername, let elasticsearchPassword {
            settings.credentials = .basic(username: elasticsearchUsername, password: elasticsearchPassword)
        }
        if let maxCrashLogLength { settings.maximumLogBytes = maxCrashLogLength }
        return DestinationConfiguration(name: "elasticsearch", settings: .elasticsearch(settings))
    }
}
