import Foundation
import KubeletModel

/// Reads a scenario file, naming the file in every error.
enum ScenarioFile {
    static func load(_ path: String) throws -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, line: nil, key: nil, message: "cannot read the scenario file (\(error.localizedDescription))")
        }
        do {
            return try Scenario(yaml: text)
        } catch {
            throw ConfigurationError(file: path, line: error.line, key: error.key, message: error.message)
        }
    }
}
