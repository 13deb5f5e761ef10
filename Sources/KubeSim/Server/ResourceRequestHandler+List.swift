import Hummingbird
import KubeJSON
import NIOCore

extension ResourceRequestHandler {
    /// LIST with the RV semantics of PROTOCOL.md §3.2 and pagination of §3.4–3.6.
    func list(
        _ definition: ResourceDefinition, path: APIRoute.ResourcePath, query: QueryParameters, format: ResponseFormat
    ) throws(APIStatus) -> Response {
        try ListOptionsParser.validateMatch(query, isWatch: false)
        let selectors = try ListOptionsParser.selectors(definition, query: query, pathName: nil, simulator: simulator)
        let rvText = query["resourceVersion"] ?? ""
        let rv = try ListOptionsParser.resourceVersion(rvText)
        let continueText = query["continue"] ?? ""
        var limit = query["limit"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let snapshot: ListSnapshot
        if !continueText.isEmpty {
            if !(rvText.isEmpty || rvText == "0") {
                throw APIStatus.badRequest("specifying resource version is not allowed when using continue")
            }
            snapshot = .continuing(try ContinueToken(decoding: continueText))
        } else if let rv {
            switch query["resourceVersionMatch"] ?? "" {
            case "Exact": snapshot = .exact(rv)
            case "NotOlderThan": snapshot = .notOlderThan(rv)
            default: snapshot = limit == nil ? .notOlderThan(rv) : .exact(rv)
            }
        } else {
            if rvText == "0" { limit = nil }  // RV=0 is served from the cache, ignoring limit
            snapshot = .latest
        }
        let page = try simulator.store.list(
            definition.storageKey, namespace: path.namespace, labelSelector: selectors.labels,
            fieldSelector: selectors.fields, limit: limit, snapshot: snapshot)
        if case .table(let version) = format {
            let objects = page.items.compactMap { try? JSONValue(parsing: simulator.listItemBytes(definition, $0)) }
            return HTTPReply.json(TableRenderer.table(
                definition: definition, objects: objects, resourceVersion: String(page.resourceVersion),
                continueToken: page.continueToken, remainingItemCount: page.remainingItemCount, includeColumns: true,
                tableVersion: version, now: simulator.configuration.now()))
        }
        return listResponse(definition, page)
    }

    /// Streams `{"kind":"<Kind>List",...,"items":[...]}` from the stored bytes in chunks, so a
    /// list of 150,000 pods is never assembled in one buffer.
    private func listResponse(_ definition: ResourceDefinition, _ page: ListPage) -> Response {
        var metadata = JSONObject([("resourceVersion", .string(String(page.resourceVersion)))])
        if let token = page.continueToken { metadata["continue"] = .string(token) }
        if let remaining = page.remainingItemCount { metadata["remainingItemCount"] = .int(Int64(remaining)) }
        var head: [UInt8] = Array(#"{"kind":"#.utf8)
        JSONWriter.writeString(definition.listKind, into: &head)
        head.append(contentsOf: #","apiVersion":"#.utf8)
        JSONWriter.writeString(definition.apiVersion, into: &head)
        head.append(contentsOf: #","metadata":"#.utf8)
        JSONWriter.write(.object(metadata), into: &head)
        head.append(contentsOf: #","items":["#.utf8)
        let simulator = self.simulator
        let items = page.items
        let headBytes = head
        let body = ResponseBody { writer in
            var chunk = headBytes
            let flushSize = 1 << 20
            for (index, item) in items.enumerated() {
                if index > 0 { chunk.append(UInt8(ascii: ",")) }
                chunk.append(contentsOf: simulator.listItemBytes(definition, item))
                if chunk.count >= flushSize {
                    try await writer.write(ByteBuffer(bytes: chunk))
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            chunk.append(contentsOf: "]}".utf8)
            try await writer.write(ByteBuffer(bytes: chunk))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: HTTPReply.headers(contentType: "application/json"), body: body)
    }
}
