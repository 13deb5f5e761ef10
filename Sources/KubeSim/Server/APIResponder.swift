import Foundation
import Hummingbird
import KubeJSON
import NIOCore

/// The simulator's single HTTP entry point: records the request, applies injected failures,
/// authenticates, then serves discovery, /version or a resource request.
struct APIResponder: HTTPResponder {
    typealias Context = SimRequestContext
    let simulator: Simulator

    func respond(to request: Request, context: SimRequestContext) async throws -> Response {
        simulator.recorder.record(RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: request.headers.map { (name: $0.name.canonicalName, value: $0.value) }))
        if let failure = simulator.faults.takeFailure() { return Self.reply(to: failure) }
        let route = APIRoute(path: request.uri.path)
        if case .health = route { return HTTPReply.text(Array("ok".utf8)) }
        let authenticator = Authenticator(mode: simulator.configuration.auth, defaultUser: simulator.configuration.userName)
        guard let user = await authenticator.authenticate(request, channel: context.channel) else {
            return HTTPReply.status(.unauthorized)
        }
        switch route {
        case .version:
            return HTTPReply.json(DiscoveryDocuments.version(simulator.configuration.version))
        case .coreGroupList:
            let address = simulator.boundPort.map { "\(simulator.configuration.host):\($0)" } ?? simulator.configuration.host
            return discovery(request, DiscoveryDocuments.coreVersions(serverAddress: address))
        case .groupList:
            return discovery(request, DiscoveryDocuments.groupList(simulator.registry))
        case .group(let name):
            guard let group = simulator.registry.groups.first(where: { $0.name == name }) else { return HTTPReply.pageNotFound }
            return discovery(request, DiscoveryDocuments.group(group.name, group.versions, typed: true))
        case .resourceList(let group, let version):
            let registry = simulator.registry
            guard registry.servesGroupVersion(group: group, version: version) else { return HTTPReply.pageNotFound }
            return discovery(request, DiscoveryDocuments.resourceList(registry, group: group, version: version))
        case .resource(let path):
            return try await ResourceRequestHandler(simulator: simulator, user: user)
                .handle(path, request: request, context: context)
        case .openAPIV2:
            let version = simulator.configuration.version
            if (request.headers[.accept] ?? "").contains("protobuf") {
                return Response(status: .ok, headers: HTTPReply.headers(contentType: OpenAPIV2Document.protobufMediaType),
                                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIV2Document.protobuf(version: version))))
            }
            return HTTPReply.json(Array(OpenAPIV2Document.json(version: version).utf8))
        case .openAPIIndex:
            return HTTPReply.json(OpenAPIDocuments.index(simulator.registry))
        case .openAPI(let group, let version):
            let registry = simulator.registry
            guard registry.servesGroupVersion(group: group, version: version) else { return HTTPReply.pageNotFound }
            return HTTPReply.json(OpenAPIDocuments.groupVersion(registry, group: group, version: version))
        case .health, .notFound:
            return HTTPReply.pageNotFound
        }
    }

    private func discovery(_ request: Request, _ document: JSONValue) -> Response {
        if ResponseFormat(accept: request.headers[.accept], allowTable: false) == .notAcceptable {
            return HTTPReply.status(.notAcceptable(ResponseFormat.accepted))
        }
        return HTTPReply.json(document)
    }

    static func reply(to failure: FaultInjector.Failure) -> Response {
        switch failure.status {
        case 429 where failure.plainText:
            return HTTPReply.plainError("Too many requests, please try again later.", status: 429,
                                        retryAfter: failure.retryAfter ?? 1)
        case 429:
            return HTTPReply.status(.tooManyRequests(retryAfter: failure.retryAfter ?? 1))
        case 503:
            return HTTPReply.status(.serviceUnavailable(retryAfter: failure.retryAfter))
        case 500:
            var status = APIStatus.internalError("injected failure")
            status.retryAfterSeconds = failure.retryAfter
            return HTTPReply.status(status)
        default:
            var status = APIStatus(code: failure.status, reason: "InternalError", message: "injected failure")
            status.retryAfterSeconds = failure.retryAfter
            return HTTPReply.status(status)
        }
    }
}
