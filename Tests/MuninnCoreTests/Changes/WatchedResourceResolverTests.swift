import KubeAPI
import KubeJSON
import MuninnCore
import Testing

/// Configured names resolve through discovery as kubectl resolves them; ingresses are networking.k8s.io/v1 even
/// where a server still lists extensions/v1beta1 first; secrets always hide their data.
@Suite struct WatchedResourceResolverTests {
    static let watchVerbs = ["get", "list", "watch"]

    static let discovery = Discovery(resources: [
        APIResourceInfo(resource: .configMaps, kind: "ConfigMap", namespaced: true, singularName: "configmap", shortNames: ["cm"], verbs: watchVerbs),
        APIResourceInfo(resource: .secrets, kind: "Secret", namespaced: true, singularName: "secret", verbs: watchVerbs),
        APIResourceInfo(resource: .services, kind: "Service", namespaced: true, singularName: "service", shortNames: ["svc"], verbs: watchVerbs),
        APIResourceInfo(
            resource: GroupVersionResource(group: "", version: "v1", resource: "bindings"), kind: "Binding", namespaced: true, singularName: "binding",
            verbs: ["create"]),
        APIResourceInfo(resource: .deployments, kind: "Deployment", namespaced: true, singularName: "deployment", shortNames: ["deploy"], verbs: watchVerbs),
        APIResourceInfo(
            resource: GroupVersionResource(group: "extensions", version: "v1beta1", resource: "ingresses"), kind: "Ingress", namespaced: true,
            singularName: "ingress", shortNames: ["ing"], verbs: watchVerbs),
        APIResourceInfo(resource: .ingresses, kind: "Ingress", namespaced: true, singularName: "ingress", shortNames: ["ing"], verbs: watchVerbs),
        APIResourceInfo(
            resource: GroupVersionResource(group: "autoscaling", version: "v2", resource: "horizontalpodautoscalers"), kind: "HorizontalPodAutoscaler",
            namespaced: true, singularName: "horizontalpodautoscaler", shortNames: ["hpa"], verbs: watchVerbs),
        APIResourceInfo(
            resource: GroupVersionResource(group: "cert-manager.io", version: "v1", resource: "certificates"), kind: "Certificate", namespaced: true,
            singularName: "certificate", shortNames: ["cert", "certs"], verbs: watchVerbs),
    ])

    func resolve(_ name: String) throws -> ResolvedWatch {
        try #require(try WatchedResourceResolver.resolve([WatchedResource(name: name)], discovery: Self.discovery).first)
    }

    @Test(arguments: [
        ("deployment", "apps/v1/deployments"), ("Deployment", "apps/v1/deployments"), ("deploy", "apps/v1/deployments"),
        ("apps/v1/deployments", "apps/v1/deployments"), ("cm", "v1/configmaps"), ("v1/configmaps", "v1/configmaps"),
        ("hpa", "autoscaling/v2/horizontalpodautoscalers"), ("autoscaling/v1/horizontalpodautoscalers", "autoscaling/v1/horizontalpodautoscalers"),
        ("certificates.cert-manager.io", "cert-manager.io/v1/certificates"), ("certs", "cert-manager.io/v1/certificates"),
    ])
    func namesResolveLikeKubectl(name: String, resource: String) throws {
        #expect(try resolve(name).resource.description == resource)
    }

    @Test(arguments: ["ingress", "ingresses", "ing", "Ingress"])
    func ingressesAreNetworkingV1(name: String) throws {
        #expect(try resolve(name).resource == GroupVersionResource.ingresses)
    }

    @Test func extensionsIngressesAreRefused() throws {
        let error = try #require(throws: ResourceResolutionError.self) { try resolve("extensions/v1beta1/ingresses") }
        #expect(error.closeMatches == ["networking.k8s.io/v1/ingresses"])
        let old = Discovery(resources: Self.discovery.resources.filter { $0.resource != .ingresses })
        let missing = try #require(throws: ResourceResolutionError.self) {
            try WatchedResourceResolver.resolve([WatchedResource(name: "ingress")], discovery: old)
        }
        #expect(missing.message.contains("networking.k8s.io/v1"))
    }

    @Test func secretsAlwaysHideData() throws {
        #expect(try resolve("secrets").policy.hidesData)
        #expect(try resolve("configmaps").policy.hidesData == false)
    }

    @Test func unknownKindListsCloseMatches() throws {
        let error = try #require(throws: ResourceResolutionError.self) { try resolve("deploymnets") }
        #expect(error.closeMatches.first == "deployments")
        #expect(error.description.hasPrefix("change watch resource 'deploymnets': the server doesn't have a resource type \"deploymnets\"; did you mean 'deployments'"))
    }

    @Test func resourcesThatCannotBeWatchedAreRefused() throws {
        let error = try #require(throws: ResourceResolutionError.self) { try resolve("bindings") }
        #expect(error.message.contains("cannot be listed and watched"))
    }

    @Test func configurationIsKept() throws {
        let watched = WatchedResource(name: "deploy", namespaces: ["shop"], labelSelector: "app=web", policy: DiffPolicy(ignoredPaths: ["spec.replicas"]))
        let resolved = try WatchedResourceResolver.resolve([watched], discovery: Self.discovery)
        #expect(resolved == [ResolvedWatch(Self.discovery.resources[4], watched: watched)])
    }
}
