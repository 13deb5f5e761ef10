import Foundation

/// What simulated processes write to stdout/stderr: ordinary start-up chatter, and the last words
/// of a dying process. Every line ends with a newline, as a container runtime's log files do.
enum LogScript {
    static func startup(container: String, image: String, pod: String, now: Date, random: inout SeededRandom) -> String {
        let time = KubeTime.rfc3339(now)
        let port = 8000 + random.int(in: 0...99)
        var lines = [
            "\(time) INFO  starting \(container) (image \(image))",
            "\(time) INFO  loaded configuration from /etc/\(container)/config.yaml",
            "\(time) INFO  connected to postgres at db.internal:5432 (pool size 10)",
            "\(time) INFO  listening on 0.0.0.0:\(port) pod=\(pod)",
        ]
        if random.chance(0.3) { lines.append("\(time) WARN  slow start: cache warm-up took \(random.int(in: 1200...4800))ms") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func initContainer(container: String, now: Date) -> String {
        let time = KubeTime.rfc3339(now)
        return "\(time) waiting for dependencies of \(container)\n\(time) dependencies ready\n"
    }

    static func shutdown(container: String, now: Date) -> String {
        let time = KubeTime.rfc3339(now)
        return "\(time) INFO  received SIGTERM, draining connections\n\(time) INFO  \(container) stopped\n"
    }

    static func completion(container: String, now: Date, random: inout SeededRandom) -> String {
        let time = KubeTime.rfc3339(now)
        return "\(time) INFO  processed \(random.int(in: 1000...90000)) records\n\(time) INFO  job finished successfully\n"
    }

    static func readinessFailure(now: Date) -> String {
        "\(KubeTime.rfc3339(now)) WARN  health check failed: upstream cache unreachable (503)\n"
    }

    /// The lines before a crash; `exitCode` is echoed by the shell-style `Killed`/exit lines.
    static func lastWords(_ words: LastWords, container: String, exitCode: Int, now: Date, random: inout SeededRandom) -> String {
        let time = KubeTime.rfc3339(now)
        switch words {
        case .none:
            return ""
        case .killed:
            return "\(time) INFO  processing batch \(random.int(in: 100...999)) (\(random.int(in: 400...900)) MiB in use)\nKilled\n"
        case .stackTrace:
            var text = """
                \(time) ERROR unhandled exception in request handler
                Traceback (most recent call last):
                  File "/app/server.py", line 214, in handle
                    order = repository.load(order_id)
                  File "/app/repository.py", line 88, in load
                    row = self.connection.execute(QUERY, (order_id,)).fetchone()
                  File "/usr/local/lib/python3.12/site-packages/psycopg/cursor.py", line 732, in execute
                    raise ex.with_traceback(None)
                psycopg.OperationalError: connection to server at "db.internal" (10.96.12.7), port 5432 failed: Connection refused

                """
            if random.chance(0.3) { text += "\(time) ERROR Ошибка подключения к базе данных — 数据库连接失败 ✗\n" }
            return text
        case .panic:
            let goroutine = random.int(in: 1...400)
            return """
                panic: runtime error: invalid memory address or nil pointer dereference
                [signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x4a5f2c]

                goroutine \(goroutine) [running]:
                main.(*Server).handleOrder(0xc0001a2000, {0x7f5c1c0, 0xc000412000}, 0xc00041e100)
                \t/src/cmd/\(container)/server.go:142 +0x2c
                net/http.HandlerFunc.ServeHTTP(0xc000126480, {0x7f5c1c0, 0xc000412000}, 0xc00041e100)
                \t/usr/local/go/src/net/http/server.go:2220 +0x29
                net/http.(*conn).serve(0xc0001b4000, {0x7f5d2a8, 0xc0001a6120})
                \t/usr/local/go/src/net/http/server.go:2092 +0x5d0
                exit status 2

                """
        case .javaOutOfMemory:
            return """
                \(time) ERROR [main] c.e.batch.ReportJob - report generation failed
                Exception in thread "main" java.lang.OutOfMemoryError: Java heap space
                \tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)
                \tat java.base/java.util.ArrayList.grow(ArrayList.java:237)
                \tat com.example.batch.ReportJob.collect(ReportJob.java:91)
                \tat com.example.batch.ReportJob.main(ReportJob.java:42)
                Terminating due to java.lang.OutOfMemoryError: Java heap space

                """
        case .hostile:
            let long = String(repeating: "x9ç€", count: 20_000)
            return """
                \(time) INFO  Ünïcödé ставка 日本語のログ 🚀 emoji and combining e\u{301}
                \(time) WARN  \u{1b}[31mcolour codes\u{1b}[0m, a\ttab, a carriage\rreturn and a NUL-free bell \u{7}
                \(time) ERROR payload=\(long)
                \(time) FATAL 致命的なエラー: 処理を中止します (exit \(exitCode))

                """
        }
    }
}
