import Foundation

/// Reads credentials given inline (`token:`) or as a file (`tokenFile:`, as Kubernetes mounts
/// Secrets), trimmed of surrounding whitespace. A relative file path is relative to the
/// configuration file's directory, as kubeconfig paths are.
struct SecretReader {
    /// The directory relative paths start from; nil for the working directory.
    var baseDirectory: String?

    /// The secret under `key` or `key + "File"` of `members`; exactly one of them must be given
    /// when `required`.
    func secret(_ key: String, in members: [String: YAMLConfigNode], owner: YAMLConfigNode, required: Bool) throws -> SecretValue? {
        let fileKey = key + "File"
        switch (members[key], members[fileKey]) {
        case (let inline?, nil):
            let value = try inline.string().trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw inline.error("must not be empty") }
            return SecretValue(value: value, source: .inline)
        case (nil, let fileNode?):
            let path = try fileNode.nonEmptyString()
            let value: String
            do {
                value = try read(path)
            } catch let problem as Problem {
                throw fileNode.error(problem.message)
            }
            return SecretValue(value: value, source: .file(path))
        case (_?, let fileNode?):
            throw fileNode.error("give either \(key) or \(fileKey), not both")
        case (nil, nil):
            guard required else { return nil }
            throw owner.error("missing \(key) (or \(fileKey), a file holding it)")
        }
    }

    struct Problem: Error {
        var message: String
    }

    /// The trimmed contents of the file at `path`.
    func read(_ path: String) throws(Problem) -> String {
        let resolved = resolve(path)
        guard let data = FileManager.default.contents(atPath: resolved) else {
            let exists = FileManager.default.fileExists(atPath: resolved)
            throw Problem(message: exists ? "cannot read \(resolved)" : "no such file: \(resolved)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw Problem(message: "\(resolved) is not UTF-8 text") }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw Problem(message: "\(resolved) is empty") }
        return value
    }

    func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), let baseDirectory else { return path }
        return URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).path
    }
}
