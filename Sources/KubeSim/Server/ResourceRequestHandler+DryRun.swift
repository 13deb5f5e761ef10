import Hummingbird
import KubeJSON

extension ResourceRequestHandler {
    /// A dry-run create: the same checks as a create (namespace, name, an existing object is a 409) and the object as
    /// it would be created (uid, creationTimestamp, generation), without a resourceVersion, since nothing was stored.
    func dryRunCreateReply(_ definition: ResourceDefinition, path: APIRoute.ResourcePath, body: JSONValue) -> Response {
        do {
            guard path.name == nil else {
                return HTTPReply.status(.methodNotAllowed("the server does not allow this method on the requested resource"))
            }
            var (object, key) = try simulator.preparedForCreate(definition, namespace: path.namespace, object: body)
            if simulator.store.get(definition.storageKey, key) != nil { throw APIStatus.alreadyExists(definition, name: key.name) }
            // The events.k8s.io/v1 view answers in its own shape, as a real create through it does.
            if definition.storedAs == .events, definition.group == "events.k8s.io" { object = EventConversion.toEventsV1(object) }
            var typed = JSONObject([("kind", .string(definition.kind)), ("apiVersion", .string(definition.apiVersion))])
            for (field, value) in ObjectShape.normalized(object).objectValue ?? JSONObject() where field != "kind" && field != "apiVersion" {
                typed[field] = value
            }
            return HTTPReply.json(.object(typed), status: 201)
        } catch let status as APIStatus {
            return HTTPReply.status(status)
        } catch {
            return HTTPReply.status(.internalError("dry run: \(error)"))
        }
    }
}
