import Foundation
import KubeJSON
import Synchronization

/// A local Slack Web API that enforces what Slack enforces (APIS.md §1.6) and records what it
/// accepted: chat.postMessage, conversations.list, the three-step file upload, incoming webhooks.
final class FakeSlack: Sendable {
    struct Channel: Sendable {
        var id: String
        var name: String
        var isPrivate = false
        var isMember = true
        var isArchived = false
    }

    struct PostedMessage: Sendable {
        var channel: String
        var ts: String
        var text: String?
        var blocks: [JSONValue]
        var body: JSONValue
    }

    struct Upload: Sendable {
        var fileID: String
        var ticket: String
        var filename: String
        var declaredLength: Int
        var snippetType: String?
        var bytes: [UInt8]?
        var uploadCarriedToken = false
        var completed = false
        var title: String?
        var channelID: String?
        var threadTS: String?
    }

    /// A scripted answer that replaces the next chat.postMessage outcome.
    enum Scripted: Sendable {
        case rateLimited(retryAfter: Int)
        case error(String)
        case status(Int)
    }

    struct State: Sendable {
        var tokens: [String: Set<String>]
        var channels: [Channel]
        var pageSize = 2
        var blocksTotalLimit = 12_000
        var scriptedPosts: [Scripted] = []
        var scriptedUploadStatus: Int?
        var scriptedGetUploadURLError: String?
        var messages: [PostedMessage] = []
        var uploads: [Upload] = []
        var conversationsListCalls = 0
        var requests: [RecordedRequest] = []
        var warnings: [String] = []
        /// `<...>` sequences found in mrkdwn that would ping or link.
        var pings: [String] = []
        var longTexts = 0
        var nextTS = 1_700_000_000_000_001
        var nextFile = 1
        var port = 0
    }

    static let allScopes: Set<String> = ["chat:write", "chat:write.public", "channels:read", "groups:read", "files:write"]

    let state: Mutex<State>

    init(tokens: [String: Set<String>] = ["xoxb-test": FakeSlack.allScopes], channels: [Channel] = FakeSlack.defaultChannels) {
        state = Mutex(State(tokens: tokens, channels: channels))
    }

    static let defaultChannels: [Channel] = [
        Channel(id: "C0GENERAL1", name: "general"),
        Channel(id: "C0RANDOM01", name: "random"),
        Channel(id: "C0ALERTS01", name: "alerts"),
        Channel(id: "G0SECRET01", name: "secret-ops", isPrivate: true),
        Channel(id: "C0OUTSIDE1", name: "outside", isMember: false),
        Channel(id: "C0ARCHIVE1", name: "old-alerts", isArchived: true),
    ]

    func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    var snapshot: State { state.withLock { $0 } }

    // MARK: Routing

    func handle(_ request: RecordedRequest) -> FakeAnswer {
        state.withLock { state in
            state.requests.append(request)
            if request.path.hasPrefix("/upload/v1/") { return Self.receiveUpload(request, &state) }
            guard request.path.hasPrefix("/api/") else { return .text("not found", status: 404) }
            let method = String(request.path.dropFirst("/api/".count))
            guard request.method == "POST" || method == "conversations.list" else { return .json(["ok": false, "error": "invalid_post_type"]) }
            switch method {
            case "chat.postMessage": return Self.postMessage(request, &state)
            case "conversations.list": return Self.conversationsList(request, &state)
            case "files.getUploadURLExternal": return Self.getUploadURL(request, &state)
            case "files.completeUploadExternal": return Self.completeUpload(request, &state)
            default: return .json(["ok": false, "error": "unknown_method"], status: 404)
            }
        }
    }

    // MARK: Arguments and auth

    private static func error(_ code: String, _ extra: [(String, JSONValue)] = []) -> FakeAnswer {
        var object = JSONObject([("ok", false), ("error", .string(code))])
        for (key, value) in extra { object[key] = value }
        return .json(.object(object))
    }

    /// The token's scopes, or the error answer.
    private static func authenticate(_ request: RecordedRequest, _ state: State, form: [String: String]?) -> Result<Set<String>, FakeAnswerError> {
        var token: String?
        if let header = request.header("Authorization"), header.hasPrefix("Bearer ") { token = String(header.dropFirst(7)) }
        if token == nil, let form { token = form["token"] }
        guard let token else { return .failure(FakeAnswerError(answer: error("not_authed"))) }
        guard let scopes = state.tokens[token] else { return .failure(FakeAnswerError(answer: error("invalid_auth"))) }
        return .success(scopes)
    }

    private static func require(_ scope: String, in scopes: Set<String>) -> FakeAnswer? {
        scopes.contains(scope) ? nil : error("missing_scope", [("needed", .string(scope)), ("provided", .string(scopes.sorted().joined(separator: ",")))])
    }

    private enum Arguments {
        case json(JSONValue)
        case form([String: String])
    }

    private static func arguments(_ request: RecordedRequest, _ state: inout State) -> Result<Arguments, FakeAnswerError> {
        let contentType = (request.header("Content-Type") ?? "").lowercased()
        if contentType.hasPrefix("application/json") {
            if !contentType.contains("charset") { state.warnings.append("missing_charset") }
            guard let json = try? JSONValue(parsing: request.body), json.objectValue != nil else {
                return .failure(FakeAnswerError(answer: error("invalid_json")))
            }
            return .success(.json(json))
        }
        if contentType.hasPrefix("application/x-www-form-urlencoded") || request.method == "GET" {
            let form = FormDecoding.decode(request.method == "GET" ? request.rawQuery : request.bodyText)
            return .success(.form(form))
        }
        return .failure(FakeAnswerError(answer: error("invalid_form_data")))
    }

    private static func channel(named argument: String, _ state: State) -> Channel? {
        if let byID = state.channels.first(where: { $0.id == argument }) { return byID }
        let name = argument.hasPrefix("#") ? String(argument.dropFirst()) : argument
        return state.channels.first { $0.name == name && !$0.isPrivate }
    }

    // MARK: Methods

    private static func postMessage(_ request: RecordedRequest, _ state: inout State) -> FakeAnswer {
        let parsed: JSONValue
        switch arguments(request, &state) {
        case .failure(let failure): return failure.answer
        case .success(.form): return error("invalid_arguments")
        case .success(.json(let json)): parsed = json
        }
        // A JSON body must carry the token in the header.
        guard request.header("Authorization") != nil else { return error("not_authed") }
        let scopes: Set<String>
        switch authenticate(request, state, form: nil) {
        case .failure(let failure): return failure.answer
        case .success(let granted): scopes = granted
        }
        if let missing = require("chat:write", in: scopes) { return missing }
        if !state.scriptedPosts.isEmpty {
            switch state.scriptedPosts.removeFirst() {
            case .rateLimited(let seconds):
                return .json(["ok": false, "error": "ratelimited"], status: 429, headers: [("Retry-After", String(seconds))])
            case .error(let code): return error(code)
            case .status(let status): return .text("upstream trouble", status: status)
            }
        }
        guard let channelArgument = parsed["channel"]?.stringValue, !channelArgument.isEmpty else { return error("channel_not_found") }
        guard let channel = channel(named: channelArgument, state) else { return error("channel_not_found") }
        if channel.isArchived { return error("is_archived") }
        if !channel.isMember && (channel.isPrivate || !scopes.contains("chat:write.public")) { return error("not_in_channel") }
        let text = parsed["text"]?.stringValue
        let blocks = parsed["blocks"]?.arrayValue
        if parsed["markdown_text"] != nil && (text != nil || blocks != nil) { return error("markdown_text_conflict") }
        if text == nil && blocks == nil && parsed["attachments"] == nil { return error("no_text") }
        if let blocks, let problem = SlackBlockRules.check(blocks, totalLimit: state.blocksTotalLimit) { return error(problem) }
        if (text?.unicodeScalars.count ?? 0) > 4_000 { state.longTexts += 1 }
        for mrkdwn in SlackBlockRules.mrkdwnTexts(blocks ?? []) + [text ?? ""] {
            state.pings.append(contentsOf: SlackBlockRules.pings(in: mrkdwn))
        }
        let ts = nextTS(&state)
        state.messages.append(PostedMessage(channel: channel.id, ts: ts, text: text, blocks: blocks ?? [], body: parsed))
        return .json(["ok": true, "channel": .string(channel.id), "ts": .string(ts), "message": ["text": .string(text ?? "")]])
    }

    private static func nextTS(_ state: inout State) -> String {
        let value = state.nextTS
        state.nextTS += 1
        return "\(value / 1_000_000).\(String(format: "%06d", value % 1_000_000))"
    }

    private static func conversationsList(_ request: RecordedRequest, _ state: inout State) -> FakeAnswer {
        let form: [String: String]
        switch arguments(request, &state) {
        case .failure(let failure): return failure.answer
        case .success(.json(let json)): form = Dictionary(uniqueKeysWithValues: (json.objectValue ?? JSONObject()).compactMap { member in member.value.stringValue.map { (member.key, $0) } })
        case .success(.form(let fields)): form = fields
        }
        let scopes: Set<String>
        switch authenticate(request, state, form: form) {
        case .failure(let failure): return failure.answer
        case .success(let granted): scopes = granted
        }
        if let missing = require("channels:read", in: scopes) { return missing }
        state.conversationsListCalls += 1
        let types = Set((form["types"] ?? "public_channel").split(separator: ",").map(String.init))
        if !types.isSubset(of: ["public_channel", "private_channel", "im", "mpim"]) { return error("invalid_types") }
        if types.contains("private_channel"), let missing = require("groups:read", in: scopes) { return missing }
        let limit = Int(form["limit"] ?? "100") ?? 0
        guard limit > 0, limit < 1_000 else { return error("invalid_limit") }
        let excludeArchived = form["exclude_archived"] == "true"
        let visible = state.channels.filter { channel in
            (channel.isPrivate ? types.contains("private_channel") && channel.isMember : types.contains("public_channel"))
                && !(excludeArchived && channel.isArchived)
        }
        var start = 0
        if let cursor = form["cursor"], !cursor.isEmpty {
            guard cursor.hasPrefix("page:"), let offset = Int(cursor.dropFirst(5)), offset <= visible.count else { return error("invalid_cursor") }
            start = offset
        }
        let end = min(visible.count, start + min(limit, state.pageSize))
        let page = visible[start..<end].map { channel -> JSONValue in
            ["id": .string(channel.id), "name": .string(channel.name), "name_normalized": .string(channel.name), "is_private": .bool(channel.isPrivate),
             "is_member": .bool(channel.isMember), "is_archived": .bool(channel.isArchived)]
        }
        let next = end < visible.count ? "page:\(end)" : ""
        return .json(["ok": true, "channels": .array(page), "response_metadata": ["next_cursor": .string(next)]])
    }

    private static func getUploadURL(_ request: RecordedRequest, _ state: inout State) -> FakeAnswer {
        let form: [String: String]
        switch arguments(request, &state) {
        case .failure(let failure): return failure.answer
        // Strict form-only mode: a JSON body is reported to give invalid_arguments.
        case .success(.json): return error("invalid_arguments")
        case .success(.form(let fields)): form = fields
        }
        let scopes: Set<String>
        switch authenticate(request, state, form: form) {
        case .failure(let failure): return failure.answer
        case .success(let granted): scopes = granted
        }
        if let missing = require("files:write", in: scopes) { return missing }
        if let scripted = state.scriptedGetUploadURLError {
            state.scriptedGetUploadURLError = nil
            return error(scripted)
        }
        guard let filename = form["filename"], !filename.isEmpty, let lengthText = form["length"], let length = Int(lengthText), length > 0 else {
            return error("missing_argument")
        }
        if form["snippet_type"] != nil && length > 1_000_000 { return error("snippet_too_large") }
        let fileID = String(format: "F%09d", state.nextFile)
        let ticket = "ticket\(state.nextFile)"
        state.nextFile += 1
        state.uploads.append(Upload(fileID: fileID, ticket: ticket, filename: filename, declaredLength: length, snippetType: form["snippet_type"]))
        return .json(["ok": true, "upload_url": .string("http://127.0.0.1:\(state.port)/upload/v1/\(ticket)"), "file_id": .string(fileID)])
    }

    private static func receiveUpload(_ request: RecordedRequest, _ state: inout State) -> FakeAnswer {
        let ticket = String(request.path.dropFirst("/upload/v1/".count))
        guard request.method == "POST", let index = state.uploads.firstIndex(where: { $0.ticket == ticket && $0.bytes == nil && !$0.completed }) else {
            return .text("unknown upload", status: 404)
        }
        if let status = state.scriptedUploadStatus {
            state.scriptedUploadStatus = nil
            return .text("upload failed", status: status)
        }
        state.uploads[index].bytes = request.body
        state.uploads[index].uploadCarriedToken = request.header("Authorization") != nil
        return .text("OK - \(request.body.count)")
    }

    private static func completeUpload(_ request: RecordedRequest, _ state: inout State) -> FakeAnswer {
        let form: [String: String]
        switch arguments(request, &state) {
        case .failure(let failure): return failure.answer
        case .success(.json(let json)):
            var fields: [String: String] = [:]
            for member in json.objectValue ?? JSONObject() { fields[member.key] = member.value.stringValue ?? member.value.serializedString() }
            form = fields
        case .success(.form(let fields)): form = fields
        }
        switch authenticate(request, state, form: form) {
        case .failure(let failure): return failure.answer
        case .success(let scopes): if let missing = require("files:write", in: scopes) { return missing }
        }
        guard let filesText = form["files"], let files = try? JSONValue(parsing: filesText), let list = files.arrayValue, !list.isEmpty else {
            return error("invalid_arguments")
        }
        var indices: [Int] = []
        for file in list {
            guard let id = file["id"]?.stringValue,
                let index = state.uploads.firstIndex(where: { $0.fileID == id && !$0.completed && $0.bytes != nil })
            else { return error("file_not_found") }
            indices.append(index)
        }
        var channelID: String?
        if let requested = form["channel_id"] {
            guard requested.range(of: "^[CGDZ][A-Z0-9]{8,}$", options: .regularExpression) != nil else { return error("invalid_arguments") }
            guard let channel = state.channels.first(where: { $0.id == requested }) else { return error("channel_not_found") }
            if !channel.isMember { return error("not_in_channel") }
            channelID = requested
        }
        for (file, index) in zip(list, indices) {
            state.uploads[index].completed = true
            state.uploads[index].title = file["title"]?.stringValue
            state.uploads[index].channelID = channelID
            state.uploads[index].threadTS = form["thread_ts"]
        }
        return .json(["ok": true, "files": .array(list)])
    }
}

/// An error answer carried through `Result`.
struct FakeAnswerError: Error {
    var answer: FakeAnswer
}

/// Runs `body` with a Slack fake and its API base URL (`http://127.0.0.1:<port>/api`).
@discardableResult
func withFakeSlack<Result: Sendable>(_ slack: FakeSlack = FakeSlack(), _ body: (FakeSlack, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in slack.handle(request) }) { port in
        slack.update { $0.port = port }
        return try await body(slack, "http://127.0.0.1:\(port)/api")
    }
}
