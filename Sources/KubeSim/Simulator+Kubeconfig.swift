import Foundation

extension Simulator {
    /// A kubeconfig for this simulator that kubectl, client-go, the Python client and Muninn
    /// accept: the server URL, the CA (HTTPS) and credentials for the configured auth mode. In
    /// client-certificate mode a fresh certificate is issued for `user` (CN) and `groups` (O).
    public func kubeconfigYAML(user: String? = nil, groups: [String] = ["system:masters"]) throws -> String {
        let userName = user ?? configuration.userName
        var cluster = "    server: \(quoted(baseURL.absoluteString))\n"
        if let tlsMaterial {
            cluster += "    certificate-authority-data: \(base64(tlsMaterial.caCertificatePEM))\n"
        }
        var credentials = ""
        switch configuration.auth {
        case .none:
            break
        case .token(let token):
            credentials = "    token: \(quoted(token))\n"
        case .tokenFile(let path):
            credentials = "    tokenFile: \(quoted(path))\n"
        case .clientCertificate:
            if let tlsMaterial {
                let issued = try tlsMaterial.issueClientCertificate(user: userName, groups: groups, now: configuration.now())
                credentials = "    client-certificate-data: \(base64(issued.certificatePEM))\n"
                    + "    client-key-data: \(base64(issued.keyPEM))\n"
            }
        }
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: kubesim
              cluster:
            \(cluster)contexts:
            - name: kubesim
              context:
                cluster: kubesim
                namespace: default
                user: \(quoted(userName))
            current-context: kubesim
            preferences: {}
            users:
            - name: \(quoted(userName))
              user:\(credentials.isEmpty ? " {}\n" : "\n" + credentials)
            """
    }

    /// Writes `kubeconfigYAML(user:)` to `path` (mode 0600).
    public func writeKubeconfig(to path: String, user: String? = nil) throws {
        let yaml = try kubeconfigYAML(user: user)
        let url = URL(fileURLWithPath: path)
        try Data(yaml.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    private func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// A YAML double-quoted scalar.
    private func quoted(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"\(escaped)\""
    }
}

extension Simulator {
    /// A client certificate signed by the simulator's CA (CN = `user`, O = `groups`), PEM, for
    /// clients configured without a kubeconfig. Nil for plain HTTP.
    public func issueClientCertificate(user: String, groups: [String] = []) throws -> (certificatePEM: String, keyPEM: String)? {
        try tlsMaterial?.issueClientCertificate(user: user, groups: groups, now: configuration.now())
    }
}
