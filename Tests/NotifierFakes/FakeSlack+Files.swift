import Foundation
import KubeJSON

/// The file upload flow: files.getUploadURLExternal, the upload URL, files.completeUploadExternal.
extension FakeSlack {
    static func getUploadURL(_ request: RecordedRequest, _ state: inout State) -> FakeAnswer {
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
        state.uploads.append(FakeSlackUpload(fileID: fileID, ticket: ticket, filename: filename, declaredLength: length, snippetType: form["snippet_type"]))
        return .json(["ok": true, "upload_url": .string("http://127.0.0.1:\(state.port)/upload/v1/\(ticket)"), "file_id": .string(fileID)])
    }

    static func receiveUpload(_ request: RecordedRequest, _ state: inout State) -> FakeAnswer {
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

    static func completeUpload(_ request: RecordedRequest, _ state: inout State) -> FakeAnswer {
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
