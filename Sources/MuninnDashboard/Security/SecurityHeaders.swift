import HTTPTypes

/// The headers on every response: no inline script or style, no sniffing, no referrer, no framing, no caching.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    // Names that HTTPTypes has no constant for; the literals are valid tokens, so the fallback is never used.
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy") ?? .contentSecurityPolicy
    private static let frameOptions = HTTPField.Name("X-Frame-Options") ?? .contentSecurityPolicy

    static let all: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, contentSecurityPolicy), (.xContentTypeOptions, "nosniff"), (referrerPolicy, "no-referrer"),
        (frameOptions, "DENY"), (.cacheControl, "no-store"),
    ]
}
