import AsyncHTTPClient
import NIOCore
import NIOSSL
import Glibc

// Baseline: one HTTPS request to the URL given, then keep the pooled connection idle.
let url = CommandLine.arguments[1]
var tls = TLSConfiguration.makeClientConfiguration()
tls.certificateVerification = .none
var config = HTTPClient.Configuration(tlsConfiguration: tls)
config.connectionPool.idleTimeout = .hours(1)
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
var request = HTTPClientRequest(url: url)
if CommandLine.arguments.count > 2 { request.headers.add(name: "Authorization", value: "Bearer \(CommandLine.arguments[2])") }
let response = try await client.execute(request, timeout: .seconds(30))
let body = try await response.body.collect(upTo: 64 << 20)
_ = "ready \(response.status.code) \(body.readableBytes)\n".withCString { write(1, $0, strlen($0)) }
while true { sleep(1000) }
