import Dispatch
import Foundation
import KubeJSON

/// Runs a kubeconfig exec credential plugin and parses its `ExecCredential` output.
struct ExecCredentialRunner: Sendable {
    struct Credential: Sendable {
        var token: String
        var expiration: Date?
    }

    let environment: [String: String]
    let now: @Sendable () -> Date

    func run(_ config: ExecConfig) async throws -> Credential {
        // Process and pipe reads block a thread until the plugin exits (a cloud plugin can take seconds): run them on
        // a Dispatch thread so the cooperative pool (two threads here) is not stalled. The continuation is the bridge.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Credential, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(config) })
            }
        }
    }

    private func runBlocking(_ config: ExecConfig) throws -> Credential {
        let process = Process()
        if config.command.contains("/") {
            process.executableURL = URL(fileURLWithPath: config.command)
            process.arguments = config.args
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [config.command] + config.args
        }
        var env = environment
        for variable in config.env { env[variable.name] = variable.value }
        env["KUBERNETES_EXEC_INFO"] = execInfo(config).serializedString()
        process.environment = env
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice

        let hint = config.installHint.map { " (\($0))" } ?? ""
        do {
            try process.run()
        } catch {
            throw KubeAPIError.credentials("exec plugin \(config.command) could not be started: \(error.localizedDescription)\(hint)")
        }
        // Plugins print a few hundred bytes and exit; reading to EOF before waiting avoids a full-pipe deadlock.
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: stderr.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw KubeAPIError.credentials("exec plugin \(config.command) exited with status \(process.terminationStatus): \(message)")
        }
        return try parse(Array(stdout), config: config)
    }

    func parse(_ bytes: [UInt8], config: ExecConfig) throws -> Credential {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            throw KubeAPIError.credentials("exec plugin \(config.command) printed invalid JSON: \(error)")
        }
        guard value["kind"]?.stringValue == "ExecCredential" else {
            throw KubeAPIError.credentials("exec plugin \(config.command) did not print an ExecCredential")
        }
        if let apiVersion = value["apiVersion"]?.stringValue, apiVersion != config.apiVersion {
            throw KubeAPIError.credentials("exec plugin \(config.command) answered \(apiVersion), expected \(config.apiVersion)")
        }
        guard let token = value[path: ["status", "token"]]?.stringValue, !token.isEmpty else {
            if value[path: ["status", "clientCertificateData"]] != nil {
                throw KubeAPIError.credentials("exec plugin \(config.command) returned a client certificate; only token credentials are supported")
            }
            throw KubeAPIError.credentials("exec plugin \(config.command) returned no status.token")
        }
        var expiration: Date?
        if let text = value[path: ["status", "expirationTimestamp"]]?.stringValue {
            guard let date = RFC3339.parse(text) else {
                throw KubeAPIError.credentials("exec plugin \(config.command) returned an invalid expirationTimestamp")
            }
            expiration = date
        }
        return Credential(token: token, expiration: expiration)
    }

    private func execInfo(_ config: ExecConfig) -> JSONValue {
        var spec = JSONObject()
        spec["interactive"] = .bool(false)
        if let cluster = config.clusterInfo { spec["cluster"] = cluster }
        var info = JSONObject()
        info["apiVersion"] = .string(config.apiVersion)
        info["kind"] = "ExecCredential"
        info["spec"] = .object(spec)
        return .object(info)
    }
}
