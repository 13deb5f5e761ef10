/// johari-mirror's restart throttle, as an option: restarts 1 to 10 are announced, then every 24th
/// (34, 58, 82, ...: about every two hours at the five-minute back-off cap).
///
/// johari-mirror checks only the count it landed on, so a jump from 9 to 12 announces nothing
/// although 10 was due; Muninn announces a jump when any count in it is due.
public enum RestartThrottle {
    public static func isDue(_ restartCount: Int) -> Bool {
        restartCount >= 1 && (restartCount <= 10 || (restartCount - 10) % 24 == 0)
    }

    /// Whether a move from `previous` to `current` restarts covers a count that is due.
    public static func isDue(from previous: Int, to current: Int) -> Bool {
        guard current > previous else { return false }
        if previous < 10 { return true }
        // Past 10, a multiple of 24 above 10 must lie in (previous, current].
        let nextDue = 10 + ((previous - 10) / 24 + 1) * 24
        return nextDue <= current
    }
}
