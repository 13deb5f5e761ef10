/// A failed direct operation on the simulator, carrying the Status the API would have answered.
public struct SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP status code (404, 409, 422, …).
    public var code: Int
    /// The Status `reason` (`NotFound`, `Conflict`, `AlreadyExists`, …).
    public var reason: String
    public var message: String

    public init(code: Int, reason: String, message: String) {
        self.code = code
        self.reason = reason
        self.message = message
    }

    init(_ status: APIStatus) {
        self.init(code: status.code, reason: status.reason, message: status.message)
    }

    public var description: String { "\(code) \(reason): \(message)" }
}
