import ArgumentParser
import Foundation
import KubeAPI
import Logging
import MuninnCore

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
        print("configuration: ok")
        print("  cluster name: \(configuration.clusterName)")
        print("  namespaces:   \(configuration.namespaces.isEmpty ? "all" : configuration.namespaces.joined(separator: ", "))")
        if let labelSelector = configuration.labelSelector { print("  labels:       \(labelSelector)") }
        if let fieldSelector = configuration.fieldSelector { print("  fields:       \(fieldSelector)") }
        print("  log:          \(configuration.logLevel.rawValue), \(configuration.logFormat.rawValue)")
        let seed = configuration.seed
        if !seed.tools.isEmpty {
            print("  environment of: \(seed.tools.map(\.rawValue).joined(separator: ", "))")
            if seed.slackToken != nil { print("    SLACK_TOKEN: set") }
            if let routes = seed.slackRoutes { print("    SLACK_NOTIFICATION_CONFIG: \(routes.routes.count) routing rule(s)") }
            if seed.dingTalkToken != nil { print("    DINGTALK_TOKEN: set") }
            if let channel = seed.slackChannel { print("    SLACK_CHANNEL: \(channel)") }
            if let flood = seed.floodExpire { print("    FLOOD_EXPIRE: \(flood)") }
            if let notReady = seed.notReadyMinTime { print("    NOT_READY_MIN_TIME: \(notReady)") }
            if let tick = seed.tickRate { print("    TICK_RATE: \(tick)") }
            print("    (alert delivery to these destinations is not wired yet: alerts are printed)")
        }
        print("kubernetes: ok")
        print("  server:       \(kube.server)")
        print("  from:         \(kube.origin)")
        print("  namespace:    \(kube.namespace)")
    }
}
