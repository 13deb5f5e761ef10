/// What representation the client's `Accept` header allows (PROTOCOL.md §1.2–1.3, §14).
enum ResponseFormat: Equatable, Sendable {
    case json
    /// `application/json;as=Table;v=v1|v1beta1;g=meta.k8s.io`; `version` is the Table's.
    case table(version: String)
    /// Aggregated discovery (`as=APIGroupDiscoveryList`) was asked for; we answer legacy JSON.
    case notAcceptable

    /// The media types this server can produce, as listed in a 406 message.
    static let accepted = "application/json, application/yaml"

    init(accept: String?, allowTable: Bool) {
        guard let accept, !accept.trimmingSpaces.isEmpty else {
            self = .json
            return
        }
        var sawJSON = false
        for clause in accept.split(separator: ",") {
            let parts = clause.split(separator: ";").map { String($0).trimmingSpaces }
            guard let mediaType = parts.first?.lowercased() else { continue }
            var parameters: [String: String] = [:]
            for parameter in parts.dropFirst() {
                let kv = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                if kv.count == 2 { parameters[kv[0].lowercased()] = kv[1] }
            }
            switch mediaType {
            case "application/json":
                if let representation = parameters["as"] {
                    if representation == "Table", allowTable, parameters["g"] == "meta.k8s.io",
                       let version = parameters["v"], version == "v1" || version == "v1beta1"
                    {
                        self = .table(version: version)
                        return
                    }
                    continue  // another representation (aggregated discovery, PartialObjectMetadata): skip
                }
                sawJSON = true
            case "*/*", "application/*":
                sawJSON = true
            default:
                continue
            }
            if sawJSON {
                self = .json
                return
            }
        }
        self = .notAcceptable
    }
}
