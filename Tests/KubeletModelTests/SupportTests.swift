import Foundation
import Testing
@testable import KubeletModel

@Suite struct SupportTests {
    @Test func timesAreRFC3339SecondsAndMicro() {
        let date = Date(timeIntervalSince1970: 1_740_637_828.25)
        #expect(KubeTime.rfc3339(date) == "2025-02-27T06:30:28Z")
        #expect(KubeTime.micro(date) == "2025-02-27T06:30:28.250000Z")
        #expect(KubeTime.rfc3339(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(KubeTime.rfc3339(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func goDurationsMatchGo() {
        #expect(GoDuration.format(seconds: 10) == "10s")
        #expect(GoDuration.format(seconds: 160) == "2m40s")
        #expect(GoDuration.format(seconds: 300) == "5m0s")
        #expect(GoDuration.format(milliseconds: 901) == "901ms")
        #expect(GoDuration.format(milliseconds: 1234) == "1.234s")
        #expect(GoDuration.format(milliseconds: 1500) == "1.5s")
    }

    @Test func randomIsSeededAndShapedLikeKubernetes() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42)
        let uid = a.uuid()
        #expect(uid == b.uuid())
        #expect(uid.count == 36)
        #expect(Array(uid)[14] == "4")
        #expect(a.hex(64).count == 64)
        let suffix = a.nameSuffix()
        #expect(suffix.count == 5 && suffix.allSatisfy { SeededRandom.nameAlphabet.contains($0) })
    }

    @Test func imagesAreNormalisedLikeContainerd() {
        #expect(ImageReference(written: "nginx:1.27").normalized == "docker.io/library/nginx:1.27")
        #expect(ImageReference(written: "jfusterm/stress").normalized == "docker.io/jfusterm/stress:latest")
        #expect(ImageReference(written: "ghcr.io/acme/api:2").normalized == "ghcr.io/acme/api:2")
        #expect(ImageReference(written: "ghcr.io/acme/api:2").imageID.hasPrefix("ghcr.io/acme/api@sha256:"))
        #expect(ImageReference.defaultPullPolicy(for: "nginx") == "Always")
        #expect(ImageReference.defaultPullPolicy(for: "nginx:1.27") == "IfNotPresent")
    }
}
