import Testing

@testable import Muninn

/// Which mappings are released after the initial list: only private, read-only file mappings without a copied page.
@Suite struct StartupPageReleaseTests {
    static let smaps = """
        5600000a1000-56000117d000 r-xp 00000000 fe:00 6392778                    /usr/bin/muninn
        Size:              33648 kB
        Rss:               19344 kB
        Anonymous:             0 kB
        VmFlags: rd ex mr mw me dw
        56000117e000-560001262000 r--p 020dc000 fe:00 6392778                    /usr/bin/muninn
        Size:                912 kB
        Anonymous:           912 kB
        560001262000-560001493000 rw-p 021c0000 fe:00 6392778                    /usr/bin/muninn
        Anonymous:           268 kB
        560002000000-560002100000 rw-p 00000000 00:00 0                          [heap]
        Anonymous:          2712 kB
        7f47e0000000-7f47e0021000 rw-p 00000000 00:00 0 
        Anonymous:           132 kB
        7f47ec4c5000-7f47ec4cd000 rw-s 00000000 00:1b 30819                      /dev/shm/muninn.db-shm
        Anonymous:             0 kB
        7f47f0000000-7f47f0400000 r--p 00000000 fe:00 1234                       /opt/swift/usr/lib/swift/linux/libFoundation.so
        Anonymous:             0 kB
        7f47f0400000-7f47f0900000 r-xp 00400000 fe:00 1234                       /opt/swift/usr/lib/swift/linux/libFoundation.so
        Anonymous:             0 kB
        7f47f0900000-7f47f0910000 r--p 00900000 fe:00 1234                       /opt/swift/usr/lib/swift/linux/libFoundation.so
        Anonymous:            64 kB
        7ffd5f1e2000-7ffd5f1e4000 r-xp 00000000 00:00 0                          [vdso]
        Anonymous:             0 kB
        7f47f1000000-7f47f1001000 r-xp 00000000 fe:00 99                         /opt/lib/with a space.so
        Anonymous:             0 kB
        """

    @Test func releasesOnlyCleanReadOnlyFileMappings() {
        let ranges = StartupPageRelease.releasableRanges(smaps: Self.smaps)
        #expect(
            ranges == [
                0x5600_000a_1000..<0x5600_0117_d000,  // the binary's code
                0x7f47_f000_0000..<0x7f47_f040_0000,  // a library's read-only data
                0x7f47_f040_0000..<0x7f47_f090_0000,  // a library's code
                0x7f47_f100_0000..<0x7f47_f100_1000,  // a path with a space
            ])
    }

    @Test func aMappingWithoutItsAnonymousLineIsKept() {
        let smaps = """
            7f47f0400000-7f47f0900000 r-xp 00400000 fe:00 1234   /lib/libx.so
            Rss:                 100 kB
            7f47f0900000-7f47f0910000 r--p 00900000 fe:00 1234   /lib/libx.so
            Anonymous:             0 kB
            """
        #expect(StartupPageRelease.releasableRanges(smaps: smaps) == [0x7f47_f090_0000..<0x7f47_f091_0000])
    }

    @Test func malformedTextReleasesNothing() {
        #expect(StartupPageRelease.releasableRanges(smaps: "").isEmpty)
        #expect(StartupPageRelease.releasableRanges(smaps: "zz-yy r-xp 0 fe:00 1 /bin/x\nAnonymous: 0 kB").isEmpty)
        #expect(StartupPageRelease.releasableRanges(smaps: "2000-1000 r-xp 0 fe:00 1 /bin/x\nAnonymous: 0 kB").isEmpty)
    }

    #if os(Linux)
    /// Releasing this test process's own code pages succeeds and the process keeps running the released code.
    @Test func releasingThisProcessKeepsItWorking() {
        let released = StartupPageRelease.release()
        #expect(released > 0)
        let answer = StartupPageRelease.releasableRanges(smaps: Self.smaps).count
        #expect(answer == 4)
    }
    #endif
}
