import Foundation
import Hummingbird
import NIOCore
import NIOSSL

/// Decides who a request is from, per `AuthMode` (PROTOCOL.md §15); nil means 401.
struct Authenticator: Sendable {
    let mode: AuthMode
    let defaultUser: String

    func authenticate(_ request: Request, channel: any Channel) async -> String? {
        switch mode {
        case .none:
            return defaultUser
        case .token(let expected):
            return bearerToken(request) == expected ? defaultUser : nil
        case .tokenFile(let path):
            // Re-read on every request so a rotated file takes effect at once and the old token stops working.
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            let expected = contents.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !expected.isEmpty else { return nil }
            return bearerToken(request) == expected ? defaultUser : nil
        case .clientCertificate:
            guard let certificate = try? await channel.nioSSL_peerCertificate().get(),
                  let der = try? certificate.toDERBytes(),
                  let identity = TLSMaterial.identity(ofDER: der)
            else { return nil }
            return identity.user
        }
    }

    private func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingSpaces
    }
}
