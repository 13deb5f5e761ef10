/// Settings a log-store export cannot work with (an index prefix Elasticsearch refuses, a label name Loki refuses, a CA that is not PEM).
public struct ExportConfigurationError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
