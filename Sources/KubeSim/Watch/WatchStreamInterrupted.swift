/// Thrown from a watch or log body writer to drop the connection without finishing the chunked
/// response (fault injection, client gone).
struct WatchStreamInterrupted: Error {}
