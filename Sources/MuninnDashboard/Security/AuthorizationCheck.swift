import Foundation

/// Whether an `Authorization` header satisfies the configured `DashboardAuth`.
enum AuthorizationCheck {
    static func allows(_ header: String?, auth: DashboardAuth) -> Bool {
        switch auth {
        case .none:
            return true
        case .bearerToken(let token):
            guard let header, let given = credentials(header, scheme: "bearer") else { return false }
            return ConstantTime.equal(given, token)
        case .basic(let username, let password):
            guard let header, let encoded = credentials(header, scheme: "basic"), let data = Data(base64Encoded: encoded),
                let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":")
            else { return false }
            // Both halves are always compared so a wrong username costs as long as a wrong password.
            let userMatches = ConstantTime.equal(String(decoded[..<colon]), username)
            let passwordMatches = ConstantTime.equal(String(decoded[decoded.index(after: colon)...]), password)
            return userMatches && passwordMatches
        }
    }

    /// The credentials after a case-insensitive scheme name.
    private static func credentials(_ header: String, scheme: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == scheme else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// The `WWW-Authenticate` challenge of a 401.
    static func challenge(_ auth: DashboardAuth) -> String {
        switch auth {
        case .basic: #"Basic realm="Muninn", charset="UTF-8""#
        case .bearerToken, .none: #"Bearer realm="Muninn""#
        }
    }
}
