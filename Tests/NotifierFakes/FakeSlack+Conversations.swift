import KubeJSON

/// conversations.list: paginated, filtered by type, scoped by `channels:read`/`groups:read`.
extension FakeSlack {
    static func conversationsList(_ request: RecordedRequest, _ state: inout State) -> FakeAnswer {
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
}
