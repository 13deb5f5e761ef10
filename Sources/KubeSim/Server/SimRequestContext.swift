import Hummingbird
import NIOCore

/// Per-request context: Hummingbird's core storage plus the connection's channel, which the
/// simulator needs for the client certificate and to notice disconnects of long streams.
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
