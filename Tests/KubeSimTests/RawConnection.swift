import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain blocking TCP client, to see exactly which bytes the server sends (chunk framing
/// included) and whether the connection ends without the terminating zero-length chunk.
/// Reads never block a thread of the cooperative pool (the server runs there too): they poll the
/// non-blocking socket and yield, and give up after 10 seconds so a test cannot hang.
final class RawConnection {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(socket) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
    }

    /// Reads until `predicate` holds for everything received, the peer closes, or 10 s pass.
    func read(until predicate: ([UInt8]) -> Bool = { _ in false }) async -> (bytes: [UInt8], closedByPeer: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(10)
        while !predicate(received), Date() < deadline {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count == 0 { return (received, true) }
            if count < 0 {
                guard errno == EAGAIN || errno == EWOULDBLOCK else { return (received, true) }
                // Nothing to read yet: give the thread back for a moment. A yield here kept one of the pool's two
                // threads spinning until the simulator answered, which it needs a pool thread to do.
                try? await Task.sleep(for: .milliseconds(2))  // try?: a cancelled read ends at the deadline check
                if Task.isCancelled { return (received, false) }
                continue
            }
            received.append(contentsOf: buffer[..<count])
        }
        return (received, false)
    }
}
