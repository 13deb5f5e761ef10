import Foundation
import Hummingbird
import KubeJSON
import NIOCore

/// Serves one request on a resource path: decides the verb, checks access, validates options
/// and performs it against the store.
struct ResourceRequestHandler: Sendable {
    let simulator: Simulator
    let user: String

    /// Bodies larger than this are refused (the real server's limit is 3 MiB per object).
    static let maximumBodySize = 16 << 20

    func handle(_ path: APIRoute.ResourcePath, request: Request, context: SimRequestContext) async throws -> Response {
        guard let definition = simulator.registry.definition(group: path.group, version: path.version, resource: path.resource),
              path.namespace == nil || definition.namespaced
        else { return HTTPReply.pageNotFound }
        if let subresource = path.subresource, !definition.subresources.contains(subresource) {
            return HTTPReply.pageNotFound
        }
        let query = QueryParameters(request.uri.query)
        let format = ResponseFormat(accept: request.headers[.accept], allowTable: true)
        // Logs are text/plain whatever the client accepts.
        if format == .notAcceptable, path.subresource != "log" {
            return HTTPReply.status(.notAcceptable(ResponseFormat.accepted))
        }
        let verb: String
        switch request.method {
        case .get, .head:
            if path.subresource == "log" { verb = "get" }
            else if path.watchPrefix || query.bool("watch") { verb = "watch" }
            else { verb = path.name == nil ? "list" : "get" }
        case .post: verb = "create"
        case .put: verb = "update"
        case .patch: verb = "patch"
        case .delete: verb = path.name == nil ? "deletecollection" : "delete"
        default:
            return HTTPReply.status(.methodNotAllowed("the server does not allow this method on the requested resource"))
        }
        let resourceName = path.subresource.map { "\(definition.resource)/\($0)" } ?? definition.resource
        if simulator.accessRules.isForbidden(verb: verb, resource: resourceName, namespace: path.namespace) {
            return HTTPReply.status(forbidden(definition, verb: verb, resource: resourceName, path: path))
        }
        do {
            switch verb {
            case "watch":
                return try watch(definition, path: path, query: query, format: format, context: context)
            case "list":
                return try list(definition, path: path, query: query, format: format)
            case "get" where path.subresource == "log":
                return try PodLogResponder(simulator: simulator).respond(path: path, query: query, context: context)
            case "get":
                guard let name = path.name else { return HTTPReply.pageNotFound }
                let object = try simulator.getObject(definition, namespace: path.namespace, name: name)
                return reply(definition, object, format: format)
            case "create":
                guard path.name == nil else {
                    return HTTPReply.status(.methodNotAllowed("the server does not allow this method on the requested resource"))
                }
                let body = try await parseBody(request)
                if try DryRunOption.isDryRun(query, optionsKind: "CreateOptions") {
                    return dryRunCreateReply(definition, path: path, body: body)
                }
                let created = try simulator.createObject(definition, namespace: path.namespace, object: body)
                return reply(definition, created, format: format, status: 201)
            case "update":
                guard let name = path.name else { return HTTPReply.pageNotFound }
                let body = try await parseBody(request)
                let updated = try simulator.replaceObject(
                    definition, namespace: path.namespace, name: name, object: body, subresource: path.subresource,
                    dryRun: DryRunOption.isDryRun(query, optionsKind: "UpdateOptions"))
                return reply(definition, updated, format: format)
            case "patch":
                guard let name = path.name else { return HTTPReply.pageNotFound }
                var request = request
                let buffer = try await request.collectBody(upTo: Self.maximumBodySize)
                let patched = try simulator.patchObject(
                    definition, namespace: path.namespace, name: name,
                    contentType: request.headers[.contentType] ?? "", body: Array(buffer: buffer),
                    subresource: path.subresource, dryRun: DryRunOption.isDryRun(query, optionsKind: "PatchOptions"))
                return reply(definition, patched, format: format)
            case "delete":
                guard let name = path.name else { return HTTPReply.pageNotFound }
                if definition.gvr == .pods {
                    var request = request
                    let body = try? await request.collectBody(upTo: Self.maximumBodySize)
                    let options = body.flatMap { try? JSONValue(parsing: Array(buffer: $0)) }
                    let grace = query["gracePeriodSeconds"].flatMap { Int64($0) } ?? options?["gracePeriodSeconds"]?.intValue
                    let pod = try simulator.deletePodGracefully(definition, namespace: path.namespace, name: name,
                                                                gracePeriodSeconds: grace)
                    return deleteReply(definition, pod)
                }
                let deleted = try simulator.deleteObject(definition, namespace: path.namespace, name: name)
                return deleteReply(definition, deleted)
            default:
                return try deleteCollection(definition, path: path, query: query)
            }
        } catch let status as APIStatus {
            return HTTPReply.status(status)
        }
    }

    private func parseBody(_ request: Request) async throws -> JSONValue {
        var request = request
        let buffer = try await request.collectBody(upTo: Self.maximumBodySize)
        do {
            return try JSONValue(parsing: Array(buffer: buffer))
        } catch {
            throw APIStatus.badRequest("couldn't get version/kind; json parse error: \(error)")
        }
    }

    private func reply(_ definition: ResourceDefinition, _ object: StoredObject, format: ResponseFormat, status: Int = 200) -> Response {
        if case .table(let version) = format, let parsed = try? object.parsed() {
            let table = TableRenderer.table(
                definition: definition, objects: [parsed], resourceVersion: String(object.resourceVersion),
                continueToken: nil, remainingItemCount: nil, includeColumns: true, tableVersion: version,
                now: simulator.configuration.now())
            return HTTPReply.json(table, status: status)
        }
        return HTTPReply.json(simulator.responseBytes(definition, object), status: status)
    }

    /// Pods, services, namespaces and custom resources return the deleted object; the others a
    /// Success Status, as their registries' `ReturnDeletedObject` settings decide.
    private func deleteReply(_ definition: ResourceDefinition, _ deleted: StoredObject) -> Response {
        let returnsObject = ["pods", "services", "namespaces"].contains(definition.resource) && definition.group.isEmpty
            || !ResourceRegistry.builtIn.contains { $0.group == definition.group && $0.resource == definition.resource }
        if returnsObject { return HTTPReply.json(simulator.responseBytes(definition, deleted)) }
        var details = JSONObject([("name", .string(deleted.key.name))])
        if !definition.group.isEmpty { details["group"] = .string(definition.group) }
        details["kind"] = .string(definition.resource)
        details["uid"] = .string(deleted.uid)
        return HTTPReply.json([
            "kind": "Status", "apiVersion": "v1", "metadata": .object(JSONObject()), "status": "Success",
            "details": .object(details),
        ])
    }

    private func deleteCollection(_ definition: ResourceDefinition, path: APIRoute.ResourcePath, query: QueryParameters) throws -> Response {
        let selectors = try ListOptionsParser.selectors(definition, query: query, pathName: nil, simulator: simulator)
        let page = try simulator.store.list(
            definition.storageKey, namespace: path.namespace, labelSelector: selectors.labels, fieldSelector: selectors.fields,
            limit: nil, snapshot: .latest)
        var items: [JSONValue] = []
        for object in page.items {
            if let deleted = try? simulator.deleteObject(definition, namespace: object.key.namespace, name: object.key.name),
               let parsed = try? deleted.parsed()
            {
                items.append(parsed)
            }
        }
        return HTTPReply.json([
            "kind": .string(definition.listKind), "apiVersion": .string(definition.apiVersion),
            "metadata": ["resourceVersion": .string(simulator.currentResourceVersion)], "items": .array(items),
        ])
    }

    private func forbidden(_ definition: ResourceDefinition, verb: String, resource: String, path: APIRoute.ResourcePath) -> APIStatus {
        var reason = "User \"\(user)\" cannot \(verb) resource \"\(resource)\" in API group \"\(definition.group)\""
        if let namespace = path.namespace {
            reason += " in the namespace \"\(namespace)\""
        } else {
            reason += " at the cluster scope"
        }
        let subject = path.name.map { "\(definition.qualifiedResource) \"\($0)\"" } ?? definition.qualifiedResource
        return APIStatus(code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(reason)",
                         name: path.name, group: definition.group, kind: definition.resource)
    }
}
