import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

/// A webhook or Mattermost destination made with TLS options that cannot be used (the configuration reader refuses
/// them first; code that builds a notifier directly may not): every request fails permanently, naming the problem,
/// and nothing is sent under other trust than configured.
@Suite(.timeLimit(.minutes(1))) struct UnusableTLSOptionsTests {
    static let notPEM = TLSOptions(certificateAuthorityPEM: Array("not a certificate".utf8))

    @Test func aWebhookWithACAThatIsNotPEMSendsNothing() async throws {
        try await withFakeWebhook { receiver, url in
            let webhook = WebhookNotifier(name: "hook", configuration: WebhookConfiguration(url: url, tls: Self.notPEM))
            await #expect(throws: NotifierError.permanent(reason: "unusable TLS settings: the CA file is not a PEM certificate bundle")) {
                try await webhook.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            #expect(receiver.deliveries.isEmpty)
        }
    }

    @Test func mattermostWithACAAndInsecureSkipVerifySendsNothing() async throws {
        try await withFakeMattermost { mattermost, url in
            let tls = TLSOptions(certificateAuthorityPEM: Array("x".utf8), insecureSkipVerify: true)
            let notifier = MattermostNotifier(name: "mattermost", configuration: MattermostConfiguration(url: url, tls: tls))
            let error = await #expect(throws: NotifierError.self) {
                try await notifier.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            #expect(error?.isRetryable == false && error?.description.contains("insecureSkipVerify") == true, "\(String(describing: error))")
            #expect(mattermost.posts.isEmpty)
        }
    }
}
