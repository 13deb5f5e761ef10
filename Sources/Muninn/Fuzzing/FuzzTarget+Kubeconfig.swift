import Foundation
import KubeAPI

extension FuzzTarget {
    /// kubeconfig loading and context resolution, from a file as kubectl reads it. Paths in it are relative to a
    /// directory that does not exist, so only absolute paths reach the file system.
    static let kubeconfig = FuzzTarget(name: "kubeconfig", summary: "kubeconfig YAML -> KubeConfig") { bytes in
        let path = FuzzScratch.file("kubeconfig")
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return nil }
        _ = try? KubeConfig.load(kubeconfigPath: path, environment: [:]).description
        return nil
    }
}
