import ArgumentParser
import AsyncHTTPClient
import Foundation
import KubeAPI
import Logging
import MuninnCore
import MuninnNotifiers

/// `muninn check-config`: the same validation `muninn run` does at start-up, without touching the cluster.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration and the kubeconfig, then exit.",
        discussion: """
            Reads the configuration file (--config), MUNINN_* environment variables and flags, and the \
            kubeconfig or in-cluster credentials, exactly as `muninn run` would. Prints the effective \
            settings (secrets redacted) and exits 0, or names the file, line and key of the first \
            mistake and exits 1. Nothing is sent to the cluster.
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let configuration = try CommandSupport.resolveOrExit(options)
        let kube = try CommandSupport.kubeConfigOrExit(configuration)
        // Building the notifiers checks what only they check (a DingTalk URL's access_token); nothing is sent.
        do {
            _ = try NotifierFactory(httpClient: .notifiers).notifiers(for: configuration.destinations)
        } catch let error as ConfigurationError {
            throw CommandSupport.fail("\(error)")
        }
        print("configuration: ok")
        print("  cluster name: \(configuration.clusterName)")
        print("  namespaces:   \(configuration.namespaces.isEmpty ? "all" : configuration.namespaces.joined(separator: ", "))")
        if let labelSelector = configuration.labelSelector { print("  labels:       \(labelSelector)") }
        if let fieldSelector = configuration.fieldSelector { print("  fields:       \(fieldSelector)") }
        let format = configuration.logFormat == .auto ? "auto (text on a terminal, JSON otherwise)" : configuration.logFormat.rawValue
        print("  log:          \(configuration.logLevel.rawValue), \(format)")
        for line in ConfigurationSummary(configuration: configuration).lines { print(line) }
        print("kubernetes: ok")
        print("  server:       \(kube.server)")
        print("  from:         \(kube.origin)")
        print("  namespace:    \(kube.namespace)")
        let warnings = TLSWarnings.lines(for: configuration, kube: kube)
        if !warnings.isEmpty { print("warnings:") }
        for warning in warnings { print("  \(warning)") }
    }
}
