/// A configured resource the server does not serve, or cannot be watched.
public struct ResourceResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name as configured.
    public var name: String
    public var message: String
    /// Names the server does serve that are close to `name`.
    public var closeMatches: [String]

    public init(name: String, message: String, closeMatches: [String] = []) {
        self.name = name
        self.message = message
        self.closeMatches = closeMatches
    }

    public var description: String {
        var text = "change watch resource '\(name)': \(message)"
        if !closeMatches.isEmpty { text += "; did you mean \(closeMatches.map { "'\($0)'" }.joined(separator: " or "))?" }
        return text
    }
}
