import Testing

@testable import Muninn

/// Muninn's malloc settings apply unless the operator tunes glibc's malloc through its own environment variables.
@Suite struct MallocTuningTests {
    @Test func appliesWithoutTheOperatorsOwnSettings() {
        #expect(MallocTuning.applies(environment: [:]))
        #expect(MallocTuning.applies(environment: ["GLIBC_TUNABLES": "glibc.rtld.optional_static_tls=2048", "HOME": "/"]))
    }

    @Test func theOperatorsSettingsWin() {
        #expect(!MallocTuning.applies(environment: ["MALLOC_ARENA_MAX": "4"]))
        #expect(!MallocTuning.applies(environment: ["MALLOC_TRIM_THRESHOLD_": "1048576"]))
        #expect(!MallocTuning.applies(environment: ["GLIBC_TUNABLES": "glibc.malloc.arena_max=8"]))
        #expect(!MallocTuning.apply(environment: ["MALLOC_MMAP_THRESHOLD_": "131072"]))
    }
}
