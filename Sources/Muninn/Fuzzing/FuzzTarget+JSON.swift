import KubeJSON

extension FuzzTarget {
    /// KubeJSON's parser, and its writer on whatever the parser accepts: what is written parses back to the same
    /// value, and writing is stable.
    static let json = FuzzTarget(name: "json", summary: "KubeJSON parser and Go-compatible writer") { bytes in
        guard let value = try? JSONValue(parsing: bytes) else { return nil }
        let written = value.serialized()
        guard let reparsed = try? JSONValue(parsing: written) else {
            return "the writer's output does not parse: \(String(decoding: written.prefix(200), as: UTF8.self))"
        }
        guard JSONSameness.same(value, reparsed) else { return "writing and parsing again changed the value" }
        guard reparsed.serialized() == written else { return "writing is not stable" }
        return nil
    }
}
