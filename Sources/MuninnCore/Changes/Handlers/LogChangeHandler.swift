import Foundation
import Logging

/// kwatchman's `log`: one log line per change, with the change as structured metadata (the JSON log format writes it
/// as one JSON line). Field values are the diff's, so Secret values appear only as hashes.
public struct LogChangeHandler: ChangeHandler {
    public let name = "log"
    private let logger: Logger

    /// Field changes listed in the metadata; the rest is counted.
    static let maximumFieldChanges = 50

    public init(logger: Logger = Logger(label: "muninn.changes.log")) {
        self.logger = logger
    }

    public func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep {
        logger.info("manifest change", metadata: Self.metadata(for: change))
        return .continue
    }

    /// The metadata of the line logged for `change`.
    public static func metadata(for change: ManifestChange) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "change.id": "\(change.id)",
            "change.action": "\(change.action.rawValue)",
            "change.cluster": "\(change.cluster)",
            "change.resource": "\(change.resource)",
            "change.kind": "\(change.kind)",
            "change.namespace": "\(change.namespace)",
            "change.name": "\(change.name)",
            "change.observedAt": "\(ISO8601DateFormatter().string(from: change.observedAt))",
            "change.whileStopped": "\(change.whileStopped)",
            "change.fieldCount": "\(change.diff.fieldChanges.count)",
        ]
        if let uid = change.uid { metadata["change.uid"] = "\(uid)" }
        if let changedBy = change.changedBy { metadata["change.changedBy"] = "\(changedBy)" }
        if let workload = change.workload { metadata["change.workload"] = "\(workload.kind)/\(workload.name)" }
        let fields = change.diff.fieldChanges.prefix(maximumFieldChanges).map { field -> Logger.MetadataValue in
            switch field.operation {
            case .added: .string("\(field.path): + \(field.new ?? "")")
            case .removed: .string("\(field.path): - \(field.old ?? "")")
            case .changed: .string("\(field.path): \(field.old ?? "") -> \(field.new ?? "")")
            }
        }
        if !fields.isEmpty { metadata["change.fields"] = .array(Array(fields)) }
        return metadata
    }
}
