/// Finds the longest log tail that keeps a message within a destination's size limit: the
/// header and facts always go out whole, only the log (and its start first) gives way.
enum LogFitting {
    /// `build(characters)` renders the message with a log tail of at most `characters`; the result
    /// is the message with the largest budget in `0...maxCharacters` that `fits`, or the one without
    /// a log when even that does not fit.
    static func largest<Message>(maxCharacters: Int, fits: (Message) -> Bool, build: (Int) -> Message) -> Message {
        let whole = build(max(0, maxCharacters))
        if fits(whole) { return whole }
        var low = 0
        var high = max(0, maxCharacters)
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(build(middle)) { low = middle } else { high = middle - 1 }
        }
        return build(low)
    }
}
