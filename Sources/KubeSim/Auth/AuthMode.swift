/// How requests are authenticated.
public enum AuthMode: Sendable, Equatable {
    /// Every request is accepted as `userName`.
    case none
    /// `Authorization: Bearer <token>` must carry exactly this token.
    case token(String)
    /// The bearer token must equal the file's current contents (trimmed), re-read on every
    /// request: for token-rotation tests.
    case tokenFile(String)
    /// A client certificate issued by the simulator's CA is required (HTTPS only); its CN is the
    /// user and its O entries the groups.
    case clientCertificate
}
