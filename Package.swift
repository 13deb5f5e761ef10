// swift-tools-version:6.2
import PackageDescription

// One settings array for every target.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "muninn",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "muninn", targets: ["Muninn"]),
        .library(name: "MuninnDashboard", targets: ["MuninnDashboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.90.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.12.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // Ordered JSON values, a fast parser and a Go-compatible writer. No dependencies.
        .target(name: "KubeJSON", swiftSettings: swiftSettings),
        .systemLibrary(name: "CMalloc"),

        // Kubernetes API client: kubeconfig and in-cluster auth, list, watch, reflector, logs, leases, discovery.
        .target(
            name: "KubeAPI",
            dependencies: [
                "KubeJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),

        // The kubelet's behaviour as pure functions over pod JSON, and the scenario language.
        .target(
            name: "KubeletModel",
            dependencies: ["KubeJSON", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),

        // A faithful kube-apiserver simulator: object store, list/watch, discovery, logs, faults, TLS, auth.
        .target(
            name: "KubeSim",
            dependencies: [
                "KubeJSON",
                "KubeletModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // The domain: what Muninn concludes from what it watches. No I/O libraries.
        .target(
            name: "MuninnCore",
            dependencies: [
                "KubeAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // Destinations: Slack, DingTalk, webhooks, the console. Real API clients.
        .target(
            name: "MuninnNotifiers",
            dependencies: [
                "MuninnCore", "KubeJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // Message templates per destination.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),

        // The executable: commands and wiring. Thin.
        .executableTarget(
            name: "Muninn",
            dependencies: [
                "KubeJSON", "KubeAPI", "KubeSim", "KubeletModel", "MuninnCore", "MuninnNotifiers", "MuninnStore", "MuninnPostgres", "MuninnDashboard",
                "CMalloc",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                // `muninn bench`: its webhook sink and its read-and-discard reader.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),

        // The dashboard and JSON API over the incident history, health and metrics endpoints. Read-only.
        .target(
            name: "MuninnDashboard",
            dependencies: [
                "MuninnCore", "KubeJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // The embedded SQLite store: the alert outbox, detector memory and (later) the incident history.
        .target(
            name: "MuninnStore",
            dependencies: [
                "MuninnCore", "KubeJSON",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // The PostgreSQL store: the same outbox and history for several clusters and Muninn replicas sharing one database.
        .target(
            name: "MuninnPostgres",
            dependencies: [
                "MuninnCore", "KubeJSON",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // The store contract every OutboxStore passes, and its sample values; shared by the store test targets.
        .target(
            name: "MuninnStoreContract", dependencies: ["MuninnCore", "MuninnTesting", "KubeJSON"], path: "Tests/MuninnStoreContract", swiftSettings: swiftSettings),

        // Test support shared by the test targets (clocks); not a product.
        .target(
            name: "MuninnTesting", dependencies: ["MuninnCore", "KubeAPI", "KubeJSON", .product(name: "Logging", package: "swift-log")],
            path: "Tests/MuninnTesting", swiftSettings: swiftSettings),

        // Local Slack, DingTalk and webhook receivers that enforce the real APIs' rules; not a product.
        .target(
            name: "NotifierFakes",
            dependencies: [
                "KubeJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/NotifierFakes",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "KubeJSONTests", dependencies: ["KubeJSON"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KubeAPITests",
            dependencies: [
                "KubeAPI", "KubeletModel", "MuninnTesting", .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MuninnStoreTests",
            dependencies: [
                "MuninnStore", "MuninnCore", "MuninnTesting", "MuninnStoreContract",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The incident history: queries, search, retention, against real SQLite files.
        .testTarget(
            name: "HistoryTests",
            dependencies: [
                "MuninnStore", "MuninnCore", "MuninnTesting", "MuninnStoreContract",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Needs a PostgreSQL server: scripts/test.sh starts one (scripts/postgres-test-server.sh).
        .testTarget(
            name: "MuninnPostgresTests",
            dependencies: [
                "MuninnPostgres", "MuninnCore", "MuninnStoreContract", "MuninnTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MuninnCoreTests",
            dependencies: [
                "MuninnCore", "KubeAPI", "KubeJSON", "MuninnTesting", .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MuninnNotifiersTests",
            dependencies: [
                "MuninnNotifiers", "MuninnCore", "KubeJSON", "NotifierFakes",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KubeletModelTests", dependencies: ["KubeletModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KubeSimTests",
            dependencies: [
                "KubeSim", "KubeJSON", "KubeletModel", "MuninnTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["Schemas"],
            swiftSettings: swiftSettings
        ),
        // The client against the simulator, and the simulator against real clients (kubectl, Python).
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "KubeJSON", "KubeAPI", "KubeSim", "KubeletModel", "MuninnCore", "Muninn", "MuninnTesting", "NotifierFakes", "MuninnStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["python", "Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MuninnDashboardTests",
            dependencies: [
                "MuninnDashboard", "MuninnCore", "MuninnStore", "MuninnTesting", "KubeJSON", "KubeAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // The dashboard in headless Chromium over a history filled by a real pipeline run; scripts/test.sh installs Chromium.
        .testTarget(
            name: "DashboardBrowserTests",
            dependencies: [
                "Muninn", "MuninnDashboard", "MuninnCore", "MuninnStore", "MuninnTesting", "NotifierFakes", "KubeSim", "KubeletModel", "KubeJSON",
                "KubeAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MuninnTests",
            dependencies: [
                "Muninn", "KubeletModel", "MuninnCore", "MuninnNotifiers", "MuninnStore", "MuninnTesting", "KubeAPI", "NotifierFakes", "KubeJSON", "MuninnDashboard",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
