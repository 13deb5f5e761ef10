import Foundation
import MuninnCore
import MuninnTesting
import Testing

// MARK: Search: fragments of panics and exception names, phrases, and text that looks like syntax.
extension HistoryContract {
    public func findsFragmentsOfPanicsAndExceptions() async throws {
        try await withFilledStore { store, ids in
            let cases: [(String, [String])] = [
                ("NullPointerException", ["npe"]),
                ("nullpointer", ["npe"]),
                ("java.lang.OutOfMemoryError", ["oom"]),
                ("OrderService.java", ["npe"]),
                ("\"nil pointer dereference\"", ["panic"]),
                ("nil pointer dereference", ["panic"]),
                ("goroutine SIGSEGV", ["panic"]),
                ("connection refused", ["hostile"]),
                ("\"connection refused\"", ["hostile"]),
                ("\"refused connection\"", []),
                ("Exception in thread", ["npe", "oom"]),
                ("CrashLoopBackOff", ["backoff"]),
                ("Back-off restarting", ["backoff", "oom"]),
                ("ledger", ["backoff", "panic"]),
                ("StatefulSet/ledger", ["backoff", "panic"]),
                ("worker exited", ["queued"]),
                ("no such text anywhere", []),
            ]
            for (text, expected) in cases {
                let names = try await store.allNames(IncidentQuery(search: text), ids: ids)
                #expect(names == expected, "\(text)")
            }
        }
    }

    public func textThatLooksLikeSyntaxIsJustText() async throws {
        try await withFilledStore { store, ids in
            let cases: [(String, [String])] = [
                ("<script>", ["hostile"]),
                ("-foo", ["hostile"]),
                ("NEAR(a", ["hostile"]),
                ("alert(\"x\")", ["hostile"]),
                ("onerror=alert(1)", ["hostile"]),
                ("\"quoted\"", ["hostile"]),
                ("'; DROP TABLE incidents; --", []),
                ("*", ["hostile"]),
                ("AND OR", ["hostile"]),
                ("\"unclosed phrase", []),
                ("zz\"q", []),
                ("{ } ^ : + ( )", []),
            ]
            for (text, expected) in cases {
                let names = try await store.allNames(IncidentQuery(search: text), ids: ids)
                #expect(names == expected, "\(text)")
            }
            #expect(try await store.incidents(IncidentQuery()).items.count == 6, "the table survived")
        }
    }

    public func wordsTooShortForTheIndexStillMatch() async throws {
        try await withFilledStore { store, ids in
            let short = try await store.allNames(IncidentQuery(search: "42"), ids: ids)
            let mixed = try await store.allNames(IncidentQuery(search: "42 main.go"), ids: ids)
            let empty = try await store.allNames(IncidentQuery(search: "\"\""), ids: ids)
            #expect(short == ["panic", "npe"] && mixed == ["panic"])
            #expect(empty.count == 6, "no words: no search")
        }
    }

    public func searchCombinesWithFiltersAndPages() async throws {
        try await withFilledStore { store, ids in
            let inShop = try await store.allNames(IncidentQuery(namespace: "shop", search: "Exception"), ids: ids)
            let oomOnly = try await store.allNames(IncidentQuery(reason: "OOMKilled", search: "Exception"), ids: ids)
            let paged = try await store.allNames(IncidentQuery(search: "Exception", limit: 1), ids: ids)
            #expect(inShop == ["npe", "oom"] && oomOnly == ["oom"] && paged == ["npe", "oom"])
        }
    }

    public func resultsSayWhichLineMatched() async throws {
        try await withFilledStore { store, _ in
            let npe = try #require(try await store.incidents(IncidentQuery(search: "NullPointer")).items.first)
            #expect(npe.matchedLine?.hasPrefix("Exception in thread \"main\" java.lang.NullPointerException") == true)
            let panic = try #require(try await store.incidents(IncidentQuery(search: "dereference")).items.first)
            #expect(panic.matchedLine == "panic: runtime error: invalid memory address or nil pointer dereference")
            #expect(try await store.incidents(IncidentQuery()).items.allSatisfy { $0.matchedLine == nil })
        }
    }
}
