import KubeJSON

/// Authentication and argument parsing, as Slack does them.
extension FakeSlack {
    enum Arguments {
        case json(JSONValue)
        case form([String: String])
    }

    static func error(_ code: String, _ extra: [(String, JSONValue)] = []) -> FakeAnswer {
        var object = JSONObject([("ok", false), ("error", .string(code))])
        for (key, value) in extra { object[key] = value }
        return .json(.object(object))
    }

    /// The token's scopes, or the error answer.
    static func authenticate(_ request: RecordedRequest, _ state: State, form: [String: String]?) -> Result<Set<String>, FakeAnswerError> {
        var token: String?
        if let header = request.header("Authorization"), header.hasPrefix("Bearer ") { token = String(header.dropFirst(7)) }
        if token == nil, let form { token = form["token"] }
        guard let token else { return .failure(FakeAnswerError(answer: error("not_authed"))) }
        guard let scopes = state.tokens[token] else { return .failure(FakeAnswerError(answer: error("invalid_auth"))) }
        return .success(scopes)
    }

    static func require(_ scope: String, in scopes: Set<String>) -> FakeAnswer? {
        scopes.contains(scope) ? nil : error("missing_scope", [("needed", .string(scope)), ("provided", .string(scopes.sorted().joined(separator: ",")))])
    }

    static func arguments(_ request: RecordedRequest, _ state: inout State) -> Result<Arguments, FakeAnswerError> {
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

    static func channel(named argument: String, _ state: State) -> FakeSlackChannel? {
        if let byID = state.channels.first(where: { $0.id == argument }) { return byID }
        let name = argument.hasPrefix("#") ? String(argument.dropFirst()) : argument
        return state.channels.first { $0.name == name && !$0.isPrivate }
    }
}
