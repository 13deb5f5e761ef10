/// A `muninn test-notify` request that cannot be carried out as asked (an unknown destination, a channel for a
/// destination without channels); nothing has been sent when it is thrown.
struct TestNotifyError: Error, Equatable, CustomStringConvertible {
    var message: String

    var description: String { message }
}
