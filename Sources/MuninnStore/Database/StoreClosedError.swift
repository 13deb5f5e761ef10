/// An operation on a store after `close()`.
struct StoreClosedError: Error, CustomStringConvertible {
    var description: String { "the store is closed" }
}
