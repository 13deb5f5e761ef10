import Foundation
import Synchronization

/// Container logs keyed by container instance (`containerID`), as the kubelet keeps one log file
/// per instance. Each instance keeps at most `maximumBytesPerInstance` (older lines rotate away,
/// like the kubelet's log rotation: only the current file is visible).
final class LogStore: Sendable {
    enum FollowSignal: Sendable {
        case line(LogLine)
        /// The container instance stopped or the simulator is shutting down.
        case end
    }

    private struct Instance {
        var lines: [LogLine] = []
        var byteCount = 0
    }

    private struct Follower {
        var containerID: String
        var continuation: AsyncStream<FollowSignal>.Continuation
    }

    private struct State {
        var instances: [String: Instance] = [:]
        /// Container instances per `<namespace>/<pod>/<container>`, oldest first. The kubelet
        /// keeps the current and the previous instance's logs; older ones are dropped here too.
        var instancesByContainer: [String: [String]] = [:]
        var followers: [Int: Follower] = [:]
        var nextFollowerID = 1
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date
    private let maximumBytesPerInstance: Int
    private let followBufferSize: Int

    init(now: @escaping @Sendable () -> Date, maximumBytesPerInstance: Int = 10 << 20, followBufferSize: Int = 10_000) {
        self.now = now
        self.maximumBytesPerInstance = maximumBytesPerInstance
        self.followBufferSize = followBufferSize
    }

    func append(namespace: String, pod: String, container: String, containerID: String, text: String) {
        let time = now()
        state.withLock { state in
            if state.instances[containerID] == nil {
                let containerKey = "\(namespace)/\(pod)/\(container)"
                var ids = state.instancesByContainer[containerKey] ?? []
                ids.append(containerID)
                while ids.count > 2 { state.instances[ids.removeFirst()] = nil }
                state.instancesByContainer[containerKey] = ids
            }
            var instance = state.instances[containerID] ?? Instance()
            var newLines: [LogLine] = []
            var bytes = Array(text.utf8)[...]
            // Continue an unfinished last line first.
            if let last = instance.lines.last, !last.isComplete, !bytes.isEmpty {
                let end = bytes.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.endIndex
                instance.lines[instance.lines.count - 1].text.append(contentsOf: bytes[..<end])
                instance.byteCount += end - bytes.startIndex
                newLines.append(LogLine(time: last.time, text: Array(bytes[..<end])))
                bytes = bytes[end...]
            }
            while !bytes.isEmpty {
                let end = bytes.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.endIndex
                let line = LogLine(time: time, text: Array(bytes[..<end]))
                instance.lines.append(line)
                instance.byteCount += line.text.count
                newLines.append(line)
                bytes = bytes[end...]
            }
            var dropped = 0
            while instance.byteCount > maximumBytesPerInstance, dropped < instance.lines.count {
                instance.byteCount -= instance.lines[dropped].text.count
                dropped += 1
            }
            if dropped > 0 { instance.lines.removeFirst(dropped) }
            state.instances[containerID] = instance
            for (id, follower) in state.followers where follower.containerID == containerID {
                for line in newLines {
                    if case .dropped = follower.continuation.yield(.line(line)) {
                        follower.continuation.finish()
                        state.followers[id] = nil
                        break
                    }
                }
            }
        }
    }

    func lines(containerID: String) -> [LogLine] {
        state.withLock { $0.instances[containerID]?.lines ?? [] }
    }

    /// The current lines and a stream of the lines appended after them.
    func follow(containerID: String) -> (id: Int, lines: [LogLine], stream: AsyncStream<FollowSignal>) {
        state.withLock { state in
            let (stream, continuation) = AsyncStream.makeStream(
                of: FollowSignal.self, bufferingPolicy: .bufferingOldest(followBufferSize))
            let id = state.nextFollowerID
            state.nextFollowerID += 1
            state.followers[id] = Follower(containerID: containerID, continuation: continuation)
            return (id, state.instances[containerID]?.lines ?? [], stream)
        }
    }

    func endFollower(_ id: Int) {
        let follower = state.withLock { $0.followers.removeValue(forKey: id) }
        follower?.continuation.yield(.end)
        follower?.continuation.finish()
    }

    func endAllFollowers() {
        let all = state.withLock { state in
            let all = state.followers.values
            state.followers.removeAll()
            return Array(all)
        }
        for follower in all {
            follower.continuation.yield(.end)
            follower.continuation.finish()
        }
    }
}
