import Foundation

extension Scenario {
    /// A small shop-like cluster where, within about 90 seconds, every failure Muninn cares about
    /// happens at least once: crash loops with stack traces, an OOM kill, an image pull failure,
    /// a CreateContainerConfigError, flapping readiness, an eviction, a Job that completes and one
    /// that fails, a rollout, a deletion with replacement, a scale-up, and healthy workloads.
    public static let demo = Scenario(
        namespaces: ["shop", "payments", "batch", "monitoring"],
        nodes: ["kind-worker", "kind-worker2", "kind-worker3"],
        workloads: [
            WorkloadSpec(kind: .deployment, name: "frontend", namespace: "shop", replicas: 2, containers: [
                ContainerBlueprint(name: "nginx", image: "nginx:1.27", requests: ["cpu": "50m", "memory": "64Mi"], limits: ["memory": "128Mi"], ports: [80]),
            ]),
            WorkloadSpec(kind: .deployment, name: "checkout", namespace: "shop", replicas: 2, containers: [
                ContainerBlueprint(name: "checkout", image: "ghcr.io/acme/checkout:2.3.1", requests: ["cpu": "100m", "memory": "128Mi"], limits: ["memory": "256Mi"], ports: [8080],
                                   behaviour: .crashLoop(exit: .error(exitCode: 1, lastWords: .stackTrace), after: 15)),
            ]),
            WorkloadSpec(kind: .deployment, name: "search", namespace: "shop", containers: [
                ContainerBlueprint(name: "search", image: "ghcr.io/acme/search:0.9.4", requests: ["cpu": "200m", "memory": "256Mi"],
                                   behaviour: .crashLoop(exit: .error(exitCode: 2, lastWords: .panic), after: 25)),
            ]),
            WorkloadSpec(kind: .deployment, name: "cart", namespace: "shop", containers: [
                ContainerBlueprint(name: "cart", image: "ghcr.io/acme/cart:1.8.0", requests: ["cpu": "100m", "memory": "128Mi"], ports: [8080]),
            ]),
            WorkloadSpec(kind: .deployment, name: "recommender", namespace: "shop", containers: [
                ContainerBlueprint(name: "recommender", image: "ghcr.io/acme/recommender:3.1.0", ports: [8080], behaviour: .flapReadiness(period: 12)),
            ]),
            WorkloadSpec(kind: .deployment, name: "ledger", namespace: "payments", containers: [
                ContainerBlueprint(name: "ledger", image: "ghcr.io/acme/ledger-jvm:5.2.0", requests: ["cpu": "250m", "memory": "256Mi"], limits: ["cpu": "250m", "memory": "256Mi"],
                                   behaviour: .crashLoop(exit: .oomKilled, after: 20)),
            ]),
            WorkloadSpec(kind: .deployment, name: "gateway", namespace: "payments", containers: [
                ContainerBlueprint(name: "gateway", image: "registry.acme.io/payments/gateway:v2.0.0-rc1", ports: [8443], behaviour: .imagePullFailure),
            ]),
            WorkloadSpec(kind: .deployment, name: "fraud-scorer", namespace: "payments", containers: [
                ContainerBlueprint(name: "scorer", image: "ghcr.io/acme/fraud-scorer:1.0.3",
                                   behaviour: .configError(message: "secret \"fraud-model-credentials\" not found")),
            ]),
            WorkloadSpec(kind: .deployment, name: "api", namespace: "payments", replicas: 2, containers: [
                ContainerBlueprint(name: "api", image: "ghcr.io/acme/payments-api:4.4.1", requests: ["cpu": "100m", "memory": "256Mi"], ports: [8080]),
            ], initContainers: [
                ContainerBlueprint(name: "migrate", image: "ghcr.io/acme/payments-api:4.4.1", command: ["/app/migrate", "--wait"]),
                ContainerBlueprint(name: "log-shipper", image: "fluent/fluent-bit:3.1", isSidecar: true),
            ]),
            WorkloadSpec(kind: .statefulSet, name: "postgres", namespace: "payments", replicas: 2, containers: [
                ContainerBlueprint(name: "postgres", image: "postgres:16.4", requests: ["cpu": "250m", "memory": "512Mi"], limits: ["cpu": "250m", "memory": "512Mi"], ports: [5432]),
            ]),
            WorkloadSpec(kind: .job, name: "nightly-report", namespace: "batch", containers: [
                ContainerBlueprint(name: "report", image: "ghcr.io/acme/reports:2024.11", behaviour: .completes(after: 20, exitCode: 0)),
            ]),
            WorkloadSpec(kind: .job, name: "importer", namespace: "batch", containers: [
                ContainerBlueprint(name: "importer", image: "ghcr.io/acme/importer:7.0.1",
                                   behaviour: .crashLoop(exit: .error(exitCode: 1, lastWords: .hostile), after: 15)),
            ], startAfter: 10),
            WorkloadSpec(kind: .daemonSet, name: "node-exporter", namespace: "monitoring", containers: [
                ContainerBlueprint(name: "node-exporter", image: "quay.io/prometheus/node-exporter:v1.8.2", requests: ["cpu": "10m", "memory": "32Mi"], ports: [9100]),
            ]),
        ],
        timeline: [
            TimelineEntry(at: 30, action: .crash, target: "shop/cart", container: "cart", exit: .error(exitCode: 3, lastWords: .panic)),
            TimelineEntry(at: 35, action: .evict, target: "payments/api"),
            TimelineEntry(at: 45, action: .rollout, target: "shop/frontend", container: "nginx", image: "nginx:1.27.3"),
            TimelineEntry(at: 55, action: .oom, target: "shop/cart", container: "cart"),
            TimelineEntry(at: 65, action: .delete, target: "shop/cart"),
            TimelineEntry(at: 75, action: .fixImage, target: "payments/gateway", container: "gateway", image: "registry.acme.io/payments/gateway:v2.0.0"),
            TimelineEntry(at: 85, action: .scale, target: "shop/frontend", replicas: 3),
        ])
}
