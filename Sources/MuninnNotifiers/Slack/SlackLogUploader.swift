import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

/// Uploads a log as a file: files.getUploadURLExternal, POST of the bytes to the upload URL,
/// files.completeUploadExternal into a channel (and thread). files.upload is retired.
struct SlackLogUploader: Sendable {
    let api: SlackWebAPI
    let http: NotifierHTTP

    /// Snippets (shown inline with syntax highlighting) are limited to 1 MB.
    private static let snippetLimit = 1_000_000

    /// - Returns: the file ID.
    func upload(_ content: String, filename: String, title: String, channelID: String, threadTS: String?, logger: Logger) async throws(NotifierError) -> String {
        let bytes = Array(content.utf8)
        var form = [("filename", filename), ("length", String(bytes.count))]
        if bytes.count <= Self.snippetLimit { form.append(("snippet_type", "text")) }
        let ticket = try await api.call("files.getUploadURLExternal", form: form, logger: logger)
        guard let uploadURL = ticket["upload_url"]?.stringValue, let fileID = ticket["file_id"]?.stringValue else {
            throw .retryable(reason: "Slack files.getUploadURLExternal: answer without upload_url or file_id", retryAfter: nil)
        }
        // The upload URL is pre-authorised: the bot token must not be sent there.
        let answer = try await http.post(uploadURL, headers: HTTPHeaders(), body: bytes, logger: logger)
        guard answer.status == 200 else {
            throw .retryable(reason: "Slack file upload: HTTP \(answer.status)", retryAfter: nil)
        }
        let files: JSONValue = [["id": .string(fileID), "title": .string(title)]]
        var complete = [("files", files.serializedString()), ("channel_id", channelID)]
        if let threadTS { complete.append(("thread_ts", threadTS)) }
        _ = try await api.call("files.completeUploadExternal", form: complete, logger: logger)
        return fileID
    }
}
