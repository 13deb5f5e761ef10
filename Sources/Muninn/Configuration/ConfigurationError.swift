/// A configuration mistake, located precisely enough to fix it without guessing:
/// the file, the line when known, and the dotted key path.
struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    var file: String
    var line: Int?
    var key: String?
    var message: String

    var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let key, !key.isEmpty { return "\(location): \(key): \(message)" }
        return "\(location): \(message)"
    }
}
