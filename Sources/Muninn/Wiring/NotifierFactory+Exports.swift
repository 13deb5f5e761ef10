import MuninnCore
import MuninnNotifiers

extension NotifierFactory {
    /// Builds an export notifier, turning its refusal of the settings into a configuration error naming the destination.
    func exportNotifier(_ name: String, _ make: () throws -> any Notifier) throws -> any Notifier {
        do {
            return try make()
        } catch let error as ExportConfigurationError {
            throw ConfigurationError(file: "configuration", line: nil, key: "destinations.\(name)", message: error.message)
        }
    }
}

extension ElasticsearchDestinationSettings {
    var configuration: ElasticsearchConfiguration {
        ElasticsearchConfiguration(
            url: url, indexPrefix: indexPrefix, authentication: credentials.authentication, tls: tls.options, installIndexTemplate: indexTemplate,
            maximumLogBytes: maximumLogBytes, requestTimeout: requestTimeout)
    }
}

extension LokiDestinationSettings {
    var configuration: LokiConfiguration {
        LokiConfiguration(
            url: url, tenant: tenant, authentication: credentials.authentication, tls: tls.options, extraLabels: extraLabels,
            maximumLineBytes: maximumLineBytes, maximumLogBytes: maximumLogBytes, requestTimeout: requestTimeout)
    }
}
