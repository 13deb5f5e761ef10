import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

@Suite struct DetectionIncidentCodingTests {
    @Test func incidentsRoundTripThroughJSON() throws {
        var detector = DetectionPods.liveDetector()
        let incidents = detector.feed([try DetectionPods.fixture("pod-oomkilled-crashloopbackoff-kind")])
        let decoded = try JSONDecoder().decode([Incident].self, from: JSONEncoder().encode(incidents))
        #expect(decoded == incidents && !decoded.isEmpty)
    }
}
