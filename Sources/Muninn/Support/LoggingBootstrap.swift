import Logging

/// Sets up swift-log once per process, from the resolved configuration.
enum LoggingBootstrap {
    static func bootstrap(level: Logger.Level, format: MuninnConfiguration.LogFormat) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch format.resolved() {
                case .text, .auto: StreamLogHandler.standardError(label: label)
                case .json: JSONLogHandler(label: label)
                }
            handler.logLevel = level
            return handler
        }
    }
}
