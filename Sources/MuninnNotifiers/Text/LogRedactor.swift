import Foundation

/// Removes secrets from text before it leaves the cluster: bearer tokens, AWS access key IDs,
/// PEM private key blocks, and any patterns the operator adds.
///
/// ```swift
/// let redactor = try LogRedactor(extraPatterns: [#"password=\S+"#])
/// redactor.redact("Authorization: Bearer abc.def") // "Authorization: Bearer [REDACTED]"
/// ```
public struct LogRedactor: Sendable {
    /// What replaces each secret.
    public static let mask = "[REDACTED]"

    private let rules: [RedactionRule]

    /// - Parameter extraPatterns: regular expressions (ICU syntax); each whole match is replaced.
    /// - Throws: ``LogRedactorError`` naming the first pattern that does not compile.
    public init(extraPatterns: [String] = []) throws(LogRedactorError) {
        var rules = Self.builtInRules
        for (index, pattern) in extraPatterns.enumerated() {
            guard !pattern.isEmpty else { throw LogRedactorError(pattern: pattern, index: index, reason: "empty pattern") }
            do {
                rules.append(RedactionRule(expression: try NSRegularExpression(pattern: pattern), template: Self.mask))
            } catch {
                throw LogRedactorError(pattern: pattern, index: index, reason: "not a valid regular expression")
            }
        }
        self.rules = rules
    }

    /// A redactor with the built-in rules only.
    public static let standard = LogRedactor(rules: builtInRules)

    private init(rules: [RedactionRule]) { self.rules = rules }

    /// `text` with every secret replaced by ``mask``.
    public func redact(_ text: String) -> String {
        var result = text
        for rule in rules {
            let range = NSRange(result.startIndex..<result.endIndex, in: result)
            result = rule.expression.stringByReplacingMatches(in: result, range: range, withTemplate: rule.template)
        }
        return result
    }

    // The built-in patterns are constants: compiling them cannot fail, and a test covers each.
    private static let builtInRules: [RedactionRule] = [
        // A PEM private key, including one cut off by log truncation (no END line).
        (#"-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END[A-Z0-9 ]*PRIVATE KEY-----|[\s\S]*)"#, mask),
        // `Authorization: Bearer <token>` and a bare `Bearer <token>`.
        (#"(?i)\b(bearer\s+)[A-Za-z0-9\-._~+/]+=*"#, "$1" + mask),
        // `Authorization: Basic <base64>`.
        (#"(?i)\b(authorization\s*[:=]\s*"?basic\s+)[A-Za-z0-9+/]+=*"#, "$1" + mask),
        // AWS access key IDs (long-term AKIA, temporary ASIA).
        (#"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"#, mask),
        // AWS secret access keys written as a key/value pair.
        (#"(?i)(aws_secret_access_key\s*[:=]\s*"?)[A-Za-z0-9/+=]{40}"#, "$1" + mask),
    ].compactMap { pattern, template in
        (try? NSRegularExpression(pattern: pattern)).map { RedactionRule(expression: $0, template: template) }
    }
}

/// One compiled pattern and its replacement template.
struct RedactionRule: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as safe to share between threads.
    let expression: NSRegularExpression
    let template: String
}
