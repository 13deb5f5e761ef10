import Foundation
import MuninnNotifiers

/// `caFile` and `insecureSkipVerify`, for every destination type that has them.
extension DestinationsParser {
    /// `caFile` (read now, relative to the configuration file) and `insecureSkipVerify`.
    func tls(_ members: [String: YAMLConfigNode]) throws -> DestinationTLSSettings {
        var settings = DestinationTLSSettings()
        if let node = members["insecureSkipVerify"] { settings.insecureSkipVerify = try node.bool() }
        if let node = members["caFile"] {
            let path = try node.nonEmptyString()
            let resolved = secrets.resolve(path)
            guard let data = FileManager.default.contents(atPath: resolved) else { throw node.error("cannot read \(resolved)") }
            settings.caFile = path
            settings.caPEM = Array(data)
            if settings.insecureSkipVerify { throw node.error("give either caFile or insecureSkipVerify: true, not both") }
        }
        do throws(TLSOptionsError) {
            _ = try settings.options.makeConfiguration()
        } catch {
            guard let node = members["caFile"] ?? members["insecureSkipVerify"] else { throw error }
            throw node.error(error.message)
        }
        return settings
    }
}
