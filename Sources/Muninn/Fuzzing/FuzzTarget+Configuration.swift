import ArgumentParser
import AsyncHTTPClient
import Foundation
import MuninnCore
import MuninnNotifiers

extension FuzzTarget {
    /// Muninn's YAML configuration as `muninn check-config` reads it: parsing, then the summary it prints and
    /// the notifiers it builds. Relative paths point into a directory that does not exist.
    static let configYAML = FuzzTarget(name: "config-yaml", summary: "muninn YAML configuration") { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        guard var configuration = try? MuninnConfiguration.parse(text, file: "/nonexistent-muninn-fuzz/muninn.yaml") else { return nil }
        configuration.scopeKwatchmanResources()
        inspect(configuration)
        return nil
    }

    /// kwatchman's TOML file, read unchanged.
    static let kwatchmanTOML = FuzzTarget(name: "kwatchman-toml", summary: "kwatchman TOML configuration") { bytes in
        _ = try? KwatchmanConfigParser.parse(String(decoding: bytes, as: UTF8.self), file: "/nonexistent-muninn-fuzz/config.toml")
        return nil
    }

    /// The environment a deployment sets: the bytes are `KEY=VALUE` lines, read as `muninn run` reads its
    /// environment (the replaced tools' variables, kwatchman's, then `MUNINN_*`).
    static let environment = FuzzTarget(name: "environment", summary: "environment variables (seed tools, KW_*, MUNINN_*)") { bytes in
        var environment: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        guard let options = try? GlobalOptions.parse([]), let configuration = try? options.resolve(environment: environment) else { return nil }
        inspect(configuration)
        return nil
    }

    /// What runs after a configuration is accepted: the check-config summary and the notifiers' own checks.
    private static func inspect(_ configuration: MuninnConfiguration) {
        _ = ConfigurationSummary(configuration: configuration).lines
        _ = try? NotifierFactory(httpClient: .notifiers, consoleWrite: { _ in }).notifiers(for: configuration.destinations)
    }
}
