import ArgumentParser
import Foundation
import KubeAPI

/// Start-up validation shared by `run` and `check-config`: a mistake is printed once, plainly,
/// and the process exits 1 before anything is sent to the cluster.
enum CommandSupport {
    static func resolveOrExit(_ options: GlobalOptions) throws -> MuninnConfiguration {
        do {
            return try options.resolve()
        } catch let error as ConfigurationError {
            throw fail("\(error)")
        }
    }

    static func kubeConfigOrExit(_ configuration: MuninnConfiguration) throws -> KubeConfig {
        do {
            return try KubeConfig.load(kubeconfigPath: configuration.kubeconfig, context: configuration.context)
        } catch let error as KubeAPIError {
            throw fail("\(error)")
        }
    }

    /// Prints the message and returns the exit code to throw.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return .failure
    }
}
