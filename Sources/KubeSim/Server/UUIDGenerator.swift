import Foundation

/// Lower-case random UUID strings, the form Kubernetes uses for uids and audit IDs.
enum UUIDGenerator {
    static func next() -> String { UUID().uuidString.lowercased() }
}
