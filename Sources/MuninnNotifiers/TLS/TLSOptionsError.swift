/// TLS options that cannot be used.
public struct TLSOptionsError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
