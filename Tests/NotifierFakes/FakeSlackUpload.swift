/// A file upload through files.getUploadURLExternal, the upload URL and files.completeUploadExternal.
public struct FakeSlackUpload: Sendable {
    public var fileID: String
    public var ticket: String
    public var filename: String
    /// `length` as declared to files.getUploadURLExternal, in bytes.
    public var declaredLength: Int
    public var snippetType: String?
    /// The bytes posted to the upload URL (nil until then).
    public var bytes: [UInt8]?
    /// Whether the upload request carried an Authorization header (it must not).
    public var uploadCarriedToken = false
    public var completed = false
    public var title: String?
    public var channelID: String?
    public var threadTS: String?
}
