import Foundation
import Synchronization

/// A `now` that only moves when a test moves it: drives the fakes' timestamp windows and rate
/// limits (and a notifier's `now`) without sleeping.
public final class SettableNow: Sendable {
    private let date: Mutex<Date>

    public init(_ date: Date) { self.date = Mutex(date) }

    public var now: Date { date.withLock { $0 } }

    /// The closure to hand to fakes and notifiers.
    public var closure: @Sendable () -> Date { { self.now } }

    public func advance(by seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
