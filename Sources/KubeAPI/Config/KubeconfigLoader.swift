import Foundation
import KubeJSON
import Yams

/// Reads and merges kubeconfig files with client-go's rules, then resolves one context into a `KubeConfig`.
///
/// Merge rules: for clusters, users and contexts the first file that defines a name wins; `current-context`
/// comes from the first file that sets it. Paths inside a file are relative to that file's directory.
struct KubeconfigLoader {
    private struct Located<Value> {
        var value: Value
        var file: String
        var index: Int
    }

    private var clusters: [String: Located<KubeconfigFile.Cluster>] = [:]
    private var users: [String: Located<KubeconfigFile.User>] = [:]
    private var contexts: [String: Located<KubeconfigFile.Context>] = [:]
    private var currentContext: (name: String, file: String)?
    private var files: [String] = []

    init(files: [String], requireAll: Bool) throws {
        var loaded: [String] = []
        for file in files {
            guard FileManager.default.fileExists(atPath: file) else {
                if requireAll { throw KubeAPIError.configuration(file: file, field: nil, message: "file does not exist") }
                continue
            }
            loaded.append(file)
            try merge(Self.parse(file: file), from: file)
        }
        guard !loaded.isEmpty else {
            throw KubeAPIError.configuration(file: files.joined(separator: ":"), field: nil, message: "none of the KUBECONFIG files exist")
        }
        self.files = loaded
    }

    private static func parse(file: String) throws -> KubeconfigFile {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw KubeAPIError.configuration(file: file, field: nil, message: "cannot read file: \(error.localizedDescription)")
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return KubeconfigFile() }
        do {
            return try YAMLDecoder().decode(KubeconfigFile.self, from: text)
        } catch let error as DecodingError {
            let (path, message) = describe(error)
            throw KubeAPIError.configuration(file: file, field: path.isEmpty ? nil : path, message: message)
        } catch {
            throw KubeAPIError.configuration(file: file, field: nil, message: "not valid YAML: \(error)")
        }
    }

    private mutating func merge(_ config: KubeconfigFile, from file: String) {
        if currentContext == nil, let name = config.currentContext, !name.isEmpty { currentContext = (name, file) }
        for (index, entry) in (config.clusters ?? []).enumerated() where clusters[entry.name] == nil {
            clusters[entry.name] = Located(value: entry.cluster, file: file, index: index)
        }
        for (index, entry) in (config.users ?? []).enumerated() where users[entry.name] == nil {
            users[entry.name] = Located(value: entry.user ?? KubeconfigFile.User(), file: file, index: index)
        }
        for (index, entry) in (config.contexts ?? []).enumerated() where contexts[entry.name] == nil {
            contexts[entry.name] = Located(value: entry.context, file: file, index: index)
        }
    }

    func resolve(context override: String?) throws -> KubeConfig {
        let firstFile = files.first
        guard let contextName = override ?? currentContext?.name else {
            throw KubeAPIError.configuration(file: firstFile, field: "current-context", message: "no current context is set and no context was given")
        }
        guard let context = contexts[contextName] else {
            let file = override == nil ? currentContext?.file : firstFile
            throw KubeAPIError.configuration(file: file, field: override == nil ? "current-context" : "contexts", message: "context \"\(contextName)\" not found")
        }
        let contextField = "contexts[\(context.index)].context"
        guard let clusterName = context.value.cluster, !clusterName.isEmpty else {
            throw KubeAPIError.configuration(file: context.file, field: "\(contextField).cluster", message: "missing")
        }
        guard let cluster = clusters[clusterName] else {
            throw KubeAPIError.configuration(file: context.file, field: "\(contextField).cluster", message: "cluster \"\(clusterName)\" not found")
        }
        var user: Located<KubeconfigFile.User>?
        if let userName = context.value.user, !userName.isEmpty {
            guard let found = users[userName] else {
                throw KubeAPIError.configuration(file: context.file, field: "\(contextField).user", message: "user \"\(userName)\" not found")
            }
            user = found
        }

        let clusterField = "clusters[\(cluster.index)].cluster"
        guard let server = cluster.value.server, !server.isEmpty else {
            throw KubeAPIError.configuration(file: cluster.file, field: "\(clusterField).server", message: "missing")
        }
        guard let serverURL = URL(string: server), let scheme = serverURL.scheme, ["http", "https"].contains(scheme.lowercased()), serverURL.host != nil else {
            throw KubeAPIError.configuration(file: cluster.file, field: "\(clusterField).server", message: "not an http(s) URL: \(server)")
        }

        var proxyURL: String?
        if let proxy = cluster.value.proxyURL, !proxy.isEmpty {
            guard ProxySettings(url: proxy) != nil else {
                throw KubeAPIError.configuration(file: cluster.file, field: "\(clusterField).proxy-url", message: "unsupported proxy URL (use http://host:port or socks5://host:port)")
            }
            proxyURL = proxy
        }

        var tls = TLSSettings()
        tls.serverName = cluster.value.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        tls.insecureSkipTLSVerify = cluster.value.insecureSkipTLSVerify ?? false
        tls.certificateAuthorityPEM = try pem(
            data: cluster.value.certificateAuthorityData, dataField: "\(clusterField).certificate-authority-data",
            path: cluster.value.certificateAuthority, pathField: "\(clusterField).certificate-authority", file: cluster.file)
        if tls.insecureSkipTLSVerify, tls.certificateAuthorityPEM != nil {
            throw KubeAPIError.configuration(
                file: cluster.file, field: "\(clusterField).insecure-skip-tls-verify",
                message: "specifying a root certificates file with the insecure flag is not allowed")
        }

        var credentials = Credentials.none
        if let user {
            let userField = "users[\(user.index)].user"
            let value = user.value
            tls.clientCertificatePEM = try pem(
                data: value.clientCertificateData, dataField: "\(userField).client-certificate-data",
                path: value.clientCertificate, pathField: "\(userField).client-certificate", file: user.file)
            tls.clientKeyPEM = try pem(
                data: value.clientKeyData, dataField: "\(userField).client-key-data",
                path: value.clientKey, pathField: "\(userField).client-key", file: user.file)
            if (tls.clientCertificatePEM == nil) != (tls.clientKeyPEM == nil) {
                let missing = tls.clientKeyPEM == nil ? "client-key" : "client-certificate"
                throw KubeAPIError.configuration(file: user.file, field: "\(userField).\(missing)", message: "a client certificate needs both a certificate and a key")
            }
            if let token = value.token, !token.isEmpty {
                credentials = .token(token)
            } else if let tokenFile = value.tokenFile, !tokenFile.isEmpty {
                credentials = .tokenFile(Self.absolute(tokenFile, relativeTo: user.file))
            } else if let exec = value.exec {
                credentials = .exec(try execConfig(exec, field: "\(userField).exec", file: user.file, cluster: cluster.value, caPEM: tls.certificateAuthorityPEM, server: server))
            } else if let username = value.username, let password = value.password {
                credentials = .basic(username: username, password: password)
            } else if let provider = value.authProvider {
                throw KubeAPIError.configuration(
                    file: user.file, field: "\(userField).auth-provider",
                    message: "auth-provider \"\(provider.name)\" is not supported; use an exec credential plugin (e.g. gke-gcloud-auth-plugin, kubelogin)")
            }
        }

        let namespace = context.value.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let trimmedServer = server.hasSuffix("/") ? String(server.dropLast()) : server
        return KubeConfig(server: trimmedServer, namespace: namespace, tls: tls, credentials: credentials, proxyURL: proxyURL, origin: "kubeconfig \(context.file), context \(contextName)")
    }

    private func execConfig(
        _ exec: KubeconfigFile.Exec, field: String, file: String, cluster: KubeconfigFile.Cluster, caPEM: [UInt8]?, server: String
    ) throws -> ExecConfig {
        guard let command = exec.command, !command.isEmpty else {
            throw KubeAPIError.configuration(file: file, field: "\(field).command", message: "missing")
        }
        let apiVersion = exec.apiVersion ?? ""
        guard ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"].contains(apiVersion) else {
            throw KubeAPIError.configuration(file: file, field: "\(field).apiVersion", message: "unsupported \"\(apiVersion)\" (use client.authentication.k8s.io/v1 or v1beta1)")
        }
        // As client-go: a command with a path separator is relative to the kubeconfig; a bare name is looked up in PATH.
        let resolvedCommand = command.contains("/") ? Self.absolute(command, relativeTo: file) : command
        var clusterInfo: JSONValue?
        if exec.provideClusterInfo == true {
            var info = JSONObject()
            info["server"] = .string(server)
            if let name = cluster.tlsServerName { info["tls-server-name"] = .string(name) }
            if cluster.insecureSkipTLSVerify == true { info["insecure-skip-tls-verify"] = .bool(true) }
            if let caPEM { info["certificate-authority-data"] = .string(Data(caPEM).base64EncodedString()) }
            if let proxy = cluster.proxyURL { info["proxy-url"] = .string(proxy) }
            clusterInfo = .object(info)
        }
        return ExecConfig(
            apiVersion: apiVersion, command: resolvedCommand, args: exec.args ?? [],
            env: (exec.env ?? []).map { (name: $0.name, value: $0.value) }, installHint: exec.installHint, clusterInfo: clusterInfo)
    }

    /// Decodes a `*-data` field (base64 of PEM) or reads the file a path field names.
    private func pem(data: String?, dataField: String, path: String?, pathField: String, file: String) throws -> [UInt8]? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data.filter { !$0.isWhitespace }) else {
                throw KubeAPIError.configuration(file: file, field: dataField, message: "not valid base64")
            }
            guard String(decoding: decoded, as: UTF8.self).contains("-----BEGIN") else {
                throw KubeAPIError.configuration(file: file, field: dataField, message: "does not contain PEM data")
            }
            return Array(decoded)
        }
        if let path, !path.isEmpty {
            let absolute = Self.absolute(path, relativeTo: file)
            guard let contents = FileManager.default.contents(atPath: absolute) else {
                throw KubeAPIError.configuration(file: file, field: pathField, message: "cannot read \(absolute)")
            }
            return Array(contents)
        }
        return nil
    }

    static func absolute(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (file as NSString).deletingLastPathComponent
        return (((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    /// `users[0].user.client-key-data` from a DecodingError's coding path.
    private static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }
        switch error {
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(type)")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "missing value (expected \(type))")
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "missing")
        case .dataCorrupted(let context):
            let detail = context.underlyingError.map { ": \($0)" } ?? ""
            return (path(context.codingPath), context.debugDescription + detail)
        @unknown default:
            return ("", "\(error)")
        }
    }
}
