import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import NIOCore
import NIOHTTP1

extension KubeClient {
    /// Lists every page of a collection (`namespace == nil`: all namespaces) and returns the items with the
    /// first page's metadata (its resourceVersion is the snapshot all pages share). An expired continue token
    /// (410 while paging) restarts the list once from scratch, as client-go's pager falls back to a full list.
    public func list<Item: Decodable & Sendable>(
        _ resource: GroupVersionResource, namespace: String? = nil, as type: Item.Type = Item.self, options: ListOptions = ListOptions()
    ) async throws -> ObjectList<Item> {
        var restarted = false
        while true {
            do {
                var items: [Item] = []
                var first: ListMetadata?
                var token: String?
                repeat {
                    let page = try await listPage(resource, namespace: namespace, as: Item.self, options: options, continue: token)
                    if first == nil { first = page.metadata }
                    items.append(contentsOf: page.items)
                    token = page.metadata.continue
                } while token?.isEmpty == false
                var metadata = first ?? ListMetadata()
                metadata.continue = nil
                return ObjectList(metadata: metadata, items: items)
            } catch KubeAPIError.expired(let status) where !restarted {
                logger.debug("list expired while paging; restarting", metadata: ["k8s.resource": "\(resource)", "reason": "\(status.reason ?? "")"])
                restarted = true
            }
        }
    }

    /// Fetches one page of a collection.
    public func listPage<Item: Decodable & Sendable>(
        _ resource: GroupVersionResource, namespace: String? = nil, as type: Item.Type = Item.self,
        options: ListOptions = ListOptions(), continue token: String? = nil
    ) async throws -> ObjectList<Item> {
        let request = APIRequest(path: ResourcePath.collection(resource, namespace: namespace), query: options.queryItems(continue: token))
        return try decode(ObjectList<Item>.self, from: try await send(request), what: "\(resource) list")
    }

    /// Opens one page of a list to read as it arrives (see `ListPageReader`): for large lists, where holding and
    /// then decoding a whole page costs memory and time.
    public func openListPage<Item: Decodable & Sendable>(
        _ resource: GroupVersionResource, namespace: String? = nil, as type: Item.Type = Item.self,
        options: ListOptions = ListOptions(), continue token: String? = nil
    ) async throws -> ListPageReader<Item> {
        let request = APIRequest(path: ResourcePath.collection(resource, namespace: namespace), query: options.queryItems(continue: token))
        let response = try await openStream(request, honoringRetryAfter: true)
        return ListPageReader(
            body: response.body, what: "\(resource) list", maximumItemBytes: configuration.maximumWatchLineBytes,
            maximumBytes: configuration.maximumResponseBytes)
    }

    /// Reads one object.
    public func get<Object: Decodable & Sendable>(
        _ resource: GroupVersionResource, namespace: String?, name: String, as type: Object.Type = Object.self
    ) async throws -> Object {
        let request = APIRequest(path: ResourcePath.object(resource, namespace: namespace, name: name))
        return try decode(Object.self, from: try await send(request), what: "\(resource) \(name)")
    }

    /// Creates an object (POST); an existing name throws `.alreadyExists`.
    public func create<Object: Codable & Sendable>(
        _ resource: GroupVersionResource, namespace: String?, object: Object
    ) async throws -> Object {
        let request = APIRequest(method: .POST, path: ResourcePath.collection(resource, namespace: namespace), body: try encode(object))
        return try decode(Object.self, from: try await send(request), what: "created \(resource)")
    }

    /// Replaces an object (PUT). A stale `metadata.resourceVersion` throws `.conflict` (409).
    public func update<Object: Codable & Sendable>(
        _ resource: GroupVersionResource, namespace: String?, name: String, object: Object
    ) async throws -> Object {
        let request = APIRequest(method: .PUT, path: ResourcePath.object(resource, namespace: namespace, name: name), body: try encode(object))
        return try decode(Object.self, from: try await send(request), what: "updated \(resource) \(name)")
    }

    /// Deletes an object.
    public func delete(_ resource: GroupVersionResource, namespace: String?, name: String) async throws {
        _ = try await send(APIRequest(method: .DELETE, path: ResourcePath.object(resource, namespace: namespace, name: name)))
    }

    func decode<T: Decodable>(_ type: T.Type, from response: APIResponse, what: String) throws -> T {
        do {
            if T.self == JSONValue.self, let value = try JSONValue(parsing: response.body) as? T { return value }
            if let value = response.buffer.withUnsafeReadableBytes({ FastJSONDecoding.decode(T.self, fromBytes: $0) }) { return value }
            return try JSONDecoder().decode(T.self, from: Data(response.buffer.readableBytesView))
        } catch {
            throw KubeAPIError.decoding(what: what, message: String(describing: error))
        }
    }

    private func encode<T: Encodable>(_ object: T) throws -> [UInt8] {
        if let value = object as? JSONValue { return value.serialized() }
        do {
            return Array(try JSONEncoder().encode(object))
        } catch {
            throw KubeAPIError.decoding(what: "object to send", message: String(describing: error))
        }
    }
}
