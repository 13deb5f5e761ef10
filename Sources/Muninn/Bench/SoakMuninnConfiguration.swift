import Foundation

/// The configuration file of the soak's `muninn run`: the simulator's kubeconfig, alerts to the sink's webhook,
/// the change watch on Deployments and ConfigMaps posting to the sink, the dashboard on a free port, the SQLite
/// store in the run's directory, JSON logs (the harness reads them to know when Muninn is in sync).
enum SoakMuninnConfiguration {
    static func yaml(kubeconfig: String, sinkURL: String, changesURL: String, storePath: String) -> String {
        """
        cluster:
          name: soak
        kubernetes:
          kubeconfig: \(quoted(kubeconfig))
        log:
          level: info
          format: json
        destinations:
          sink:
            type: webhook
            url: \(quoted(sinkURL))
        alerts:
          # Every crash is its own alert, so each one is counted at the sink.
          flood:
            expiry: 0
          # Readiness flaps for seconds; a pod not ready this long would be a real finding.
          notReadyAfter: 5m
        changes:
          resources:
            - deployments
            - configmaps
          chain:
            - diff
            - webhook:
                url: \(quoted(changesURL))
        dashboard:
          listen: 127.0.0.1:0
        store:
          path: \(quoted(storePath))

        """
    }

    /// A YAML double-quoted scalar (paths and URLs of the harness: no control characters).
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
